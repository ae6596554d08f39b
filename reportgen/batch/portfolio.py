"""The firm's portfolio from one batch run: where its clients stand, which weaknesses
recur, which advice is given most (summary.json's "portfolio", the index's dashboard).

Each section aggregates its own part of the clients' score outputs (``Section.portfolio``,
the JSON of `reportgen score` as the manifest keeps it), so a run with nothing to render
computes it without parsing an answers file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..sections import sections


def portfolio(scores: Iterable[Mapping[str, Any] | None]) -> dict[str, Any]:
    """The aggregates over the clients' score outputs (None: a file without scores)."""
    clients = [s for s in scores if s]
    out: dict[str, Any] = {"clients": len(clients)}
    if clients:
        for section in sections():
            out.update(section.portfolio([s.get(section.id) for s in clients]))
    return out


def latest_per_client(records: Iterable[Any]) -> list[Mapping[str, Any] | None]:
    """Each client's latest score output among the run's records (a client assessed
    several times counts once); records without a client key count each."""
    latest: dict[str, tuple[str, Any]] = {}
    out: list[Mapping[str, Any] | None] = []
    for r in records:
        if r.status == "failed":
            continue
        key = (r.summary or {}).get("client_key")
        date = (r.summary or {}).get("date") or ""
        if key is None:
            out.append(r.scores)
        elif key not in latest or date > latest[key][0]:
            latest[key] = (date, r.scores)
    return out + [scores for _date, scores in latest.values()]
