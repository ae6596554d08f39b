"""The cohort file (`batch --write-cohort FILE`): the firm's clients as distributions
only, for a consultant's `--cohort FILE` away from the firm's folder.

It holds no name and no row per client: for all clients, and for each filter value
(industry, market region) with enough clients, how many clients scored each value of the
total, each dimension and each criterion; and a keyed digest per client (of its key and
every score), by which a report recognises its own client and leaves it out. A filter's
segment is written only when it and the clients outside it both number at least the
minimum: two segments that differ by one client would give that client's scores away.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import FrozenMap
from ..model.cohort import (
    MIN_COHORT,
    Member,
    distribution,
    filter_value,
    member_token,
    segment_key,
)
from ..read.cohort import COHORT_FORMAT, COHORT_VERSION, latest_per_client
from ..sections import cohort_member
from ..write import atomic_write


def record_member(summary: dict[str, Any], scores: dict[str, Any]) -> tuple[str, Member]:
    """A batch record (its summary and score output) -> (date, Member)."""
    words = summary.get("industry_text")
    industry = FrozenMap(words) if isinstance(words, dict) and words else summary.get("industry")
    member = cohort_member(summary["client_key"], industry, scores)
    return str(summary.get("date") or ""), member


def _values(members: list[Member]) -> dict[str, dict[str, int]]:
    keys = dict.fromkeys(k for m in members for k in m.values)
    return {
        k: {
            format(v, "f"): n
            for v, n in distribution([m.values[k] for m in members if k in m.values])
        }
        for k in keys
    }


def cohort_data(members: Iterable[Member], minimum: int = MIN_COHORT) -> dict[str, Any]:
    """The cohort file's content for these clients (each once)."""
    every = list(members)
    salt = secrets.token_hex(16)
    segments: dict[str, Any] = {}
    if len(every) >= minimum:
        segments[""] = {"clients": len(every), "values": _values(every)}
        facets = sorted({(k, v) for m in every for k, vs in m.facets.items() for v in vs})
        for key, value in facets:
            chosen = [m for m in every if value in m.facets.get(key, ())]
            rest = len(every) - len(chosen)
            if len(chosen) >= minimum and (rest == 0 or rest >= minimum):
                name = segment_key(((key, filter_value(value)),))
                segments[name] = {"clients": len(chosen), "values": _values(chosen)}
    return {
        "format": COHORT_FORMAT,
        "version": COHORT_VERSION,
        "reportgen": __version__,
        "minimum": minimum,
        "clients": len(every),
        "salt": salt,
        "segments": segments,
        # Sorted: the order of the digests says nothing of the clients' order.
        "members": sorted(member_token(salt, m.key, m.values) for m in every),
    }


def write_cohort(records: Iterable[Any], path: str | Path) -> int:
    """Write the cohort file of a run's clients (each at its latest assessment); returns
    how many clients it holds."""
    dated = [
        record_member(r.summary, r.scores)
        for r in records
        if r.status != "failed" and r.summary and r.scores and "client_key" in r.summary
    ]
    members = latest_per_client(dated)
    data = cohort_data(members)
    atomic_write(Path(path), (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
    return len(members)
