"""The answers file's shape as data: what each key holds, declared once per section.

A section declares its part of the answers file with these nodes. The read stage
checks a file against them (``reportgen.read.check``), ``reportgen schema`` turns
them into a JSON Schema, and ``reportgen init`` and the workbook are written from
them. Rules a node cannot state (shares that must sum to 100, a market listed
twice) are plain functions attached to the node, run by the checker after the
node's own checks passed.

Nodes hold no translated text: ``title`` and ``description`` are msgids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .rubric import _


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


# The languages of a text given in both, as an editor labels them.
LANGUAGE_TITLES = {"vi": _("In Vietnamese"), "en": _("In English")}

# What the checker puts where a value has a problem (already recorded), and where an
# optional answer was left blank. A rule may meet INVALID inside the values it checks.
INVALID: Any = _Marker("INVALID")
ABSENT: Any = _Marker("ABSENT")

Path = tuple[str | int, ...]


# One text's length, in any answers format. A consultant's note is a few hundred to a few
# thousand characters; 20,000 (about eight printed pages) is ten times that, below
# Excel's own 32,767 a cell, and keeps a report's render to seconds (a 10 MB note took
# minutes, a 1 MB one 30 s).
MAX_TEXT_CHARS = 20_000

@dataclass(frozen=True)
class Rule:
    """A check across a node's values, run once the node's own checks passed.

    check: the checked value -> problems, each (relative key path, message).
    says: the rule in a sentence, for docs/answers.md's list of what only the loader checks.
    json_schema: the rule in JSON Schema where it can be stated there (None: it cannot,
    and editors do not see it). message: a regular expression matching its messages.
    """

    check: Callable[[Any], list[tuple[Path, str]]]
    says: str
    message: str
    json_schema: dict[str, Any] | None = None

    def __call__(self, value: Any) -> list[tuple[Path, str]]:
        return self.check(value)


@dataclass(frozen=True)
class Node:
    title: str = ""  # msgid: the field's label
    description: str = ""  # msgid: what to enter


# Upper bounds where the spec gives none, so that no figure can break a page or the JSON
# (docs/scoring.md lists every range): an amount in the assessment's currency, a span of
# months, a growth rate in percent.
MONEY_MAX = Decimal(10) ** 15
MONTHS_MAX = Decimal(600)
GROWTH_MAX_PCT = Decimal(10_000)
# Answers carry at most this many decimal places: sums are then exact, and the figure a
# report shows is the one its band was decided on.
PLACES = 2


@dataclass(frozen=True)
class Number(Node):
    """A number (integer or decimal, at most PLACES decimal places) within [lo, hi]; read
    as an exact Decimal."""

    lo: Decimal | None = None
    hi: Decimal | None = None
    unit: str = ""  # percent | months | money (in the assessment's currency) | "": a score


@dataclass(frozen=True)
class Boolean(Node):
    """true or false (YAML 1.2: yes/no/on/off are text)."""


@dataclass(frozen=True)
class Text(Node):
    """Free text, stripped; numbers are taken as text (`industry: 2024`).

    Optional text left blank (as `reportgen init` writes it) counts as absent."""

    required: bool = True


@dataclass(frozen=True)
class Bilingual(Node):
    """Free text, or a mapping of vi/en to text (a note, an industry)."""


@dataclass(frozen=True)
class Date(Node):
    """An ISO date, plain or quoted."""


@dataclass(frozen=True)
class Code(Node):
    """A code of a standard list: "country" (ISO 3166 alpha-2) or "currency" (ISO 4217);
    lower case is accepted and read as upper case."""

    kind: str = "country"


@dataclass(frozen=True)
class Choice(Node):
    """One id of a fixed list; `nullable`: a blank value counts as absent."""

    ids: tuple[str, ...] = ()
    nullable: bool = False
    items: tuple[Any, ...] = ()  # the rubric items behind the ids: their labels


@dataclass(frozen=True)
class Choices(Node):
    """A list of distinct ids of a fixed list; blank is the empty list."""

    ids: tuple[str, ...] = ()
    nonempty: str = ""  # the message when the list must not be empty ("" : may be empty)
    items: tuple[Any, ...] = ()  # the rubric items behind the ids: their labels


@dataclass(frozen=True)
class Field:
    key: str
    node: Node
    required: bool = False


@dataclass(frozen=True)
class Fields(Node):
    """A mapping with known keys.

    what: how an error names the expected value ("a mapping"); empty: the message for a
    key given with nothing under it (None: a blank mapping is an empty one); blank_absent:
    a blank or empty mapping counts as absent (the revenue mix).
    """

    fields: tuple[Field, ...] = ()
    rules: tuple[Rule, ...] = ()
    what: str = "a mapping"
    empty: str | None = None
    blank_absent: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        """Required keys first, then the optional ones: the order an error lists them in."""
        return tuple(f.key for f in self.fields if f.required) + tuple(
            f.key for f in self.fields if not f.required
        )


@dataclass(frozen=True)
class ListOf(Node):
    """A list of one kind of value; `single`: one value alone counts as a list of one."""

    item: Node = field(default_factory=Node)
    what: str = "a list"
    rules: tuple[Rule, ...] = ()
    single: bool = False


def choice(items: Any, title: str, description: str = "", nullable: bool = False) -> Choice:
    """One id of a rubric list, labelled by the list's items."""
    return Choice(
        title=title,
        description=description,
        ids=tuple(i.id for i in items),
        items=tuple(items),
        nullable=nullable,
    )


def choices(items: Any, title: str, description: str = "") -> Choices:
    """Distinct ids of a rubric list, labelled by the list's items."""
    return Choices(
        title=title, description=description, ids=tuple(i.id for i in items), items=tuple(items)
    )


def grid(groups: Any, lo: Decimal, hi: Decimal, describe: bool = False) -> Fields:
    """Groups of scored items, every group and item required: validation, advantages.

    describe: the item's explanation is its description (advantage items ask a question)."""
    return Fields(
        fields=tuple(
            Field(
                g.id,
                Fields(
                    title=g.label,
                    description=g.explanation,
                    fields=tuple(
                        Field(
                            i.id,
                            Number(
                                title=i.label,
                                description=i.explanation if describe else "",
                                lo=lo,
                                hi=hi,
                            ),
                            required=True,
                        )
                        for i in g.items
                    ),
                ),
                required=True,
            )
            for g in groups
        )
    )


def flags(items: Any, title: str = "", description: str = "") -> Fields:
    """A checklist: every item required, each true or false."""
    return Fields(
        title=title,
        description=description,
        fields=tuple(
            Field(i.id, Boolean(title=i.label, description=i.explanation), required=True)
            for i in items
        ),
    )


def walk_rules(node: Node) -> list[Rule]:
    """Every rule of a node and the nodes under it."""
    found: list[Rule] = []
    if isinstance(node, Fields):
        found += node.rules
        for f in node.fields:
            found += walk_rules(f.node)
    elif isinstance(node, ListOf):
        found += node.rules
        found += walk_rules(node.item)
    return found
