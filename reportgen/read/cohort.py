"""The firm's other clients, as `--cohort` names them: a batch's summary.json or a cohort
file written by `batch --write-cohort` (a folder of answers files is scored by the
caller, which has the engine). Every problem is one line naming the file and the key."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import EXIT_USAGE, ReportgenError, printable
from ..model import Client, FrozenMap
from ..model.cohort import (
    INDUSTRY,
    MIN_COHORT,
    CohortSource,
    Member,
    Segment,
)
from ..sections import cohort_member, sections
from .inputs import read_limited

COHORT_FORMAT = "reportgen-cohort"
COHORT_VERSION = 1
# A summary.json of 10,000 clients is about 60 MB; a cohort file far less.
MAX_COHORT_BYTES = 512 * 1024 * 1024


def _error(name: str, message: str) -> ReportgenError:
    return ReportgenError(f"{printable(name)}: {message}", exit_code=EXIT_USAGE)


def filter_keys() -> tuple[str, ...]:
    """What --cohort-filter may name: the industry, and each section's facets."""
    keys = [INDUSTRY]
    for section in sections():
        keys += [k for k in section.facets(None) if k not in keys]
    return tuple(keys)


def parse_filters(given: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """--cohort-filter KEY=VALUE options -> (key, value) pairs, checked."""
    out = []
    for item in given:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not value.strip():
            raise ReportgenError(
                f"--cohort-filter {printable(item)}: expected KEY=VALUE, e.g. industry=Fintech",
                exit_code=EXIT_USAGE,
            )
        if key not in filter_keys():
            raise ReportgenError(
                f"--cohort-filter {printable(item)}: unknown key '{printable(key)}'; "
                f"expected one of {', '.join(filter_keys())}",
                exit_code=EXIT_USAGE,
            )
        out.append((key, value.strip()))
    return tuple(out)


def load_json(path: Path) -> Any:
    data = read_limited(path, MAX_COHORT_BYTES, "cohort files")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = f", line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise _error(f"{path}{line}", f"not a JSON file ({exc})") from None


def is_cohort_file(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == COHORT_FORMAT


def latest_per_client(dated: Iterable[tuple[str, Member]]) -> tuple[Member, ...]:
    """Each client once, at its latest assessment (date: ISO, "" where unknown)."""
    latest: dict[str, tuple[str, Member]] = {}
    for date, member in dated:
        if member.key not in latest or date > latest[member.key][0]:
            latest[member.key] = (date, member)
    return tuple(m for _d, m in latest.values())


def members_from_summary(data: Any, name: str) -> tuple[Member, ...]:
    """A batch's summary.json -> its clients (each once, at its latest assessment)."""
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        raise _error(name, "not a batch summary.json (no 'files' list) nor a cohort file")
    dated = []
    for i, record in enumerate(files):
        if not isinstance(record, dict) or not isinstance(record.get("scores"), dict):
            continue  # a file that failed in that run: it has no scores
        client = record.get("client")
        key = record.get("client_key")
        if not isinstance(key, str):
            if not isinstance(client, str):
                raise _error(name, f"files[{i}]: expected 'client_key' or 'client'")
            key = Client(name=client).key
        words = record.get("industry_text")
        industry = FrozenMap(words) if isinstance(words, dict) and words else record.get("industry")
        try:
            member = cohort_member(key, industry, record["scores"])
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise _error(name, f"files[{i}].scores: not a score output ({exc})") from None
        dated.append((str(record.get("date") or ""), member))
    return latest_per_client(dated)


def _counts(value: Any, where: str, name: str) -> tuple[tuple[Decimal, int], ...]:
    if not isinstance(value, dict):
        raise _error(name, f"{where}: expected a mapping of score to number of clients")
    try:
        out = sorted((Decimal(k), int(n)) for k, n in value.items())
    except (InvalidOperation, TypeError, ValueError):
        raise _error(name, f"{where}: expected scores as keys and counts as values") from None
    if any(n <= 0 for _v, n in out):
        raise _error(name, f"{where}: a count below 1")
    return tuple(out)


def source_from_file(data: dict[str, Any], name: str) -> CohortSource:
    """A cohort file (`batch --write-cohort`) -> its segments and member digests."""
    if data.get("version") != COHORT_VERSION:
        raise _error(
            name,
            f"version: expected {COHORT_VERSION}, found {data.get('version')!r} "
            "(written by another reportgen: write it again with batch --write-cohort)",
        )
    segments = {}
    given = data.get("segments")
    if not isinstance(given, dict):
        raise _error(name, "segments: expected a mapping")
    for key, seg in given.items():
        where = f"segments.{key or '(all)'}"
        if not isinstance(seg, dict) or not isinstance(seg.get("clients"), int):
            raise _error(name, f"{where}.clients: expected a number of clients")
        values = seg.get("values")
        if not isinstance(values, dict):
            raise _error(name, f"{where}.values: expected a mapping")
        counts = {k: _counts(v, f"{where}.values.{k}", name) for k, v in values.items()}
        segments[key] = Segment(seg["clients"], counts)
    members = data.get("members", [])
    salt = data.get("salt")
    if not isinstance(members, list) or not isinstance(salt, str):
        raise _error(name, "members and salt: expected a list of digests and a salt")
    return CohortSource(
        segments=segments, tokens=frozenset(map(str, members)), salt=salt, from_file=True
    )


def check_minimum(minimum: int | None) -> int:
    if minimum is None:
        return MIN_COHORT
    if minimum < MIN_COHORT:
        raise ReportgenError(
            f"--cohort-min {minimum}: the least is {MIN_COHORT} (fewer would let a reader "
            "work out another client's figures)",
            exit_code=EXIT_USAGE,
        )
    return minimum


def summary_path(path: Path) -> Path | None:
    """A batch output folder's summary.json, where path is one."""
    candidate = path / "summary.json"
    return candidate if candidate.is_file() else None
