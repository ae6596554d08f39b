"""The types every framework's data is made of, and the rules that read them.

Every English string held by these types is a gettext msgid: the Babel extractor
(``reportgen.babel_extract``) collects them from each section's rubric modules, and
the presenters translate them for the report's locale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar


def _(message: str) -> str:
    """Marks a msgid for extraction (keyword `_` in babel.cfg); presenters translate it
    later, for the report's locale."""
    return message


@dataclass(frozen=True)
class Item:
    """A scored or checked line of a framework."""

    id: str
    label: str
    explanation: str = ""


@dataclass(frozen=True)
class Group:
    """A titled group of items: a validation dimension, an advantage type, a checklist."""

    id: str
    label: str
    explanation: str
    items: tuple[Item, ...]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)


@dataclass(frozen=True)
class Band:
    """A band or tier: the lowest score that reaches it, its label and what it means."""

    id: str
    minimum: Decimal | None  # None: everything below the previous band
    label: str
    meaning: str


@dataclass(frozen=True)
class Benchmark:
    """A range from the sources that a figure of the answers is held against. A value on
    either bound is within it; `better` says which side beats it ("lower": churn, "higher":
    growth) or that both sides miss it ("within")."""

    id: str
    label: str
    low: Decimal
    high: Decimal
    explanation: str
    unit: str = "percent"  # percent | count | months: how the values are shown
    better: str = "within"  # lower | higher | within


@dataclass(frozen=True)
class Action:
    """What to do about one weakness: an instruction for it (never its checklist label),
    the same action as a noun phrase for lists, who owns it, when (months from the
    report's date), the metrics to watch, the framework it comes from and why, with
    named placeholders for the client's figures (score, max, value, low, high, months,
    count, markets)."""

    group: str  # related weaknesses of one group are merged (blocks/advice.py GROUPS)
    action: str
    noun: str
    owner: str  # a role id (blocks/advice.py ROLES)
    horizon: tuple[int, int]
    kpis: tuple[str, ...]  # KPI ids (blocks/advice.py KPIS)
    source: str  # a source id (blocks/advice.py SOURCES)
    why: str


@dataclass(frozen=True)
class Plural:
    """A message with a count: translated with ngettext (Vietnamese has one form)."""

    singular: str
    plural: str


def band_for(score: Decimal, bands: tuple[Band, ...]) -> str:
    """The first band whose minimum the score reaches; the last band has no minimum."""
    for band in bands:
        if band.minimum is None or score >= band.minimum:
            return band.id
    raise AssertionError("the last band must have no minimum")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)


def by_id(items: Iterable[T]) -> dict[str, T]:
    """A dict from id to item, for any tuple of rubric data."""
    return {i.id: i for i in items}


def ids(items: Iterable[_HasId]) -> tuple[str, ...]:
    return tuple(i.id for i in items)


# Fields of the types above that hold ids, names or numbers, not messages.
NOT_MESSAGES = frozenset(
    {
        "id",
        "tier",
        "family",
        "exemplar",
        "minimum",
        "threshold",
        "low",
        "high",
        "unit",
        "group",
        "owner",
        "horizon",
        "kpis",
        "source",
        "urgency",
        "phase",
        "start",
        "end",
        "better",
        "path",
        "op",
        "operand",
        "document",
        "after",
        "audience",
    }
)
