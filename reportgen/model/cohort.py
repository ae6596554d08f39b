"""The firm's other clients as a report compares its client with them (`--cohort`).

A cohort comes in one of two shapes, and neither names a client:

- members: one entry per client (from a folder of answers files or a batch's
  summary.json), each with its identity key and its scores; the client being reported
  on is left out by its key;
- segments: a cohort file written by ``batch --write-cohort``, which holds only
  distributions (how many clients scored each value), one per filter value that has
  enough clients, and a keyed digest per client of its key and its scores, by which the
  client being reported on is recognised and subtracted, and nothing else learnt.

Values are keyed "total", "<dimension>" and "<dimension>.<criterion>".
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# Fewer other clients than this and a report shows no percentile: with four, a median
# and a rank come too close to telling a reader another client's figure.
MIN_COHORT = 5

# What --cohort-filter selects by: the client's industry, and what sections add
# (Section.facets: the markets' regions).
INDUSTRY = "industry"


def filter_value(text: str) -> str:
    """How a filter's value is compared: case and surrounding spaces aside."""
    return " ".join(text.casefold().split())


def industry_forms(industry: Any) -> frozenset[str]:
    """A client's industry as filters compare it: each language's form (a Text)."""
    if industry is None:
        return frozenset()
    forms = industry.values() if isinstance(industry, Mapping) else (industry,)
    return frozenset(filter_value(str(f)) for f in forms)


@dataclass(frozen=True)
class Member:
    """One client of a folder or summary.json: its key, its scores, what filters read."""

    key: str
    values: Mapping[str, Decimal]
    # A filter's key -> the client's values for it, as filter_value gives them (its
    # industry in each language; its markets' regions).
    facets: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def matches(self, filters: tuple[tuple[str, str], ...]) -> bool:
        return all(filter_value(v) in self.facets.get(k, ()) for k, v in filters)


# One value's distribution: (value, how many clients scored it), by value.
Counts = tuple[tuple[Decimal, int], ...]


@dataclass(frozen=True)
class Segment:
    """A cohort file's clients of one filter value (or all of them): distributions only."""

    size: int
    counts: Mapping[str, Counts]


@dataclass(frozen=True)
class CohortSource:
    """A cohort as given, before the client being reported on is left out of it."""

    members: tuple[Member, ...] = ()
    segments: Mapping[str, Segment] = field(default_factory=dict)  # "" or "region=apac"
    tokens: frozenset[str] = frozenset()  # a cohort file's digests of its members
    salt: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    minimum: int = MIN_COHORT
    from_file: bool = False


def segment_key(filters: tuple[tuple[str, str], ...]) -> str:
    """The cohort file's name of the segment these filters select ("" for all)."""
    return "&".join(f"{k}={filter_value(v)}" for k, v in sorted(filters))


def member_token(salt: str, key: str, values: Mapping[str, Decimal]) -> str:
    """A client's digest in a cohort file: keyed by the file's salt, over the client's key
    and every score, so that only someone holding that client's exact scores can find it
    (a name alone finds nothing)."""
    text = key + "\n" + "\n".join(f"{k}={format(values[k], 'f')}" for k in sorted(values))
    return hmac.new(salt.encode(), text.encode(), hashlib.sha256).hexdigest()


def distribution(values: list[Decimal]) -> Counts:
    counts: dict[Decimal, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return tuple(sorted(counts.items()))


def without(counts: Counts, value: Decimal | None) -> Counts:
    """The distribution less one client's value (a client recognised in a cohort file)."""
    if value is None:
        return counts
    return tuple((v, n - (v == value)) for v, n in counts if n - (v == value) > 0)


def median(counts: Counts) -> Decimal:
    size = sum(n for _v, n in counts)
    ordered = [v for v, n in counts for _i in range(n)]
    mid = size // 2
    if size % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def percentile(counts: Counts, value: Decimal) -> int:
    """The client's percentile rank among the cohort: the share scoring below it, with
    those level with it counted half (so a client level with everyone stands at 50)."""
    size = sum(n for _v, n in counts)
    below = sum(n for v, n in counts if v < value)
    level = sum(n for v, n in counts if v == value)
    return round(Decimal(100) * (below + Decimal(level) / 2) / size)
