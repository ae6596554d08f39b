"""The display-ready building blocks every section's view is made of.

Templates receive these already translated and formatted; they lay them out and
decide nothing. Every field of every type a template receives carries a help text
(``doc``): ``docs/templates.md`` is generated from them, and a test fails on a field
without one.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field
from typing import Any

from markupsafe import Markup, escape


def doc(help: str, default: Any = MISSING) -> Any:
    """A dataclass field with its help text for template authors."""
    if default is MISSING:
        return field(metadata={"help": help})
    return field(default=default, metadata={"help": help})


def doc_factory(help: str, factory: Any) -> Any:
    return field(default_factory=factory, metadata={"help": help})


@dataclass(frozen=True)
class Badge:
    """A band, tier or status, drawn as a coloured label."""

    css: str = doc("state class for colour and border: band-good, tier-high, risk-low, check-no...")
    label: str = doc("the translated label")


@dataclass(frozen=True)
class Cell:
    """One cell of a table."""

    text: str = doc("the cell's text, formatted and translated")
    badge: Badge | None = doc("a badge shown after the text", None)
    numeric: bool = doc("right-aligned, no wrapping (scores, amounts)", False)
    strong: bool = doc("bold", False)


@dataclass(frozen=True)
class Table:
    """Any table of the report, drawn by the `table` macro."""

    caption: str = doc("the heading above the table")
    head: tuple[str, ...] = doc("column headings")
    rows: tuple[tuple[Cell, ...], ...] = doc("the rows, each a tuple of cells")
    foot: tuple[Cell, ...] = doc("a totals row, or empty", ())


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn by reportgen as inline SVG (the same in HTML and PDF)."""

    title: str = doc("the caption above the chart")
    svg: Markup = doc("the SVG markup, safe to output as is, its caption as its <title>")

    def __post_init__(self) -> None:
        # The caption is the chart's accessible name too (the SVG <title>, which the PDF's
        # tagged variants carry as the figure's alternative text): one text, given once.
        if self.title and "<title>" not in self.svg:
            head, sep, rest = str(self.svg).partition(">")
            if sep:
                titled = Markup(f"{head}><title>{escape(self.title)}</title>{rest}")
                object.__setattr__(self, "svg", titled)


@dataclass(frozen=True)
class Note:
    """A consultant's note: paragraphs, each a tuple of lines (line breaks kept)."""

    paragraphs: tuple[tuple[str, ...], ...] = doc("paragraphs, each a tuple of lines")
    language: str | None = doc(
        'None, or the language the note is in where it is not the report\'s ("In English")', None
    )
    lang: str | None = doc(
        "the note's language code where it is not the report's (for lang=)", None
    )
    long: bool = doc("a note long enough to continue on the next page (else kept whole)", False)


@dataclass(frozen=True)
class Bi:
    """A handout text in the handout's language and, bilingual, the English beneath it."""

    text: str = doc("the text in the handout's (first) language")
    alt: str | None = doc("the English text beneath it in a bilingual handout, else None", None)


@dataclass(frozen=True)
class HandoutRow:
    """A labelled badge of the handout, with an optional detail (a score, a meaning)."""

    label: Bi = doc("what the row is about")
    css: str = doc("the badge's state class")
    badge: Bi = doc("the badge's label")
    detail: Bi | None = doc("a score or an explanation beside the badge", None)


def inline(label: str) -> str:
    """A label placed inside a sentence: its first letter lowered, unless it starts an
    acronym or a name ("AI Act risk assessment", "GDPR ...")."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


@dataclass(frozen=True)
class Column:
    """A column a section adds to the batch index: its heading and one client's cell."""

    heading: str = doc("the column's heading, translated")
    cell: Cell = doc("the client's value: text (numeric) or a badge")
    sort: str | None = doc(
        'what the client table sorts the column by: a plain number ("107.5", "-2", a '
        "band's rank); empty: no value, sorted last either way; None: the cell's text",
        None,
    )


@dataclass(frozen=True)
class Choice:
    """One value a filter of the batch index's client table offers."""

    key: str = doc("the value rows are matched on: a band's id, a region's id, an industry")
    label: str = doc("what the filter's list shows, translated")


@dataclass(frozen=True)
class Filter:
    """A filter a section adds to the batch index's client table, with one client's values."""

    id: str = doc("what it filters on (band, region): the name of the rows' data attribute")
    label: str = doc("the filter's label, translated")
    choices: tuple[Choice, ...] = doc("every value it can take, in the order it lists them")
    keys: tuple[str, ...] = doc("the client's values (markets in two regions: two)")
    listed: bool = doc(
        "the row lists the client's values under its name (not where a column shows them)",
        True,
    )


@dataclass(frozen=True)
class HeadlineScore:
    """The report's headline figure, as the cover shows it."""

    total: str = doc("the score, formatted")
    max: str = doc("the maximum, formatted")
    band: Badge = doc("its band")
    interpretation: str = doc("what the band means")


@dataclass(frozen=True)
class TrackerRow:
    """One action of the plan, as a tracker holds it (`reportgen plan`)."""

    number: int = doc("its number in the report")
    id: str = doc("the recommendation's stable id (the advice part's key)")
    title: str = doc("its title")
    text: str = doc("what to do")
    role: str = doc("the owner's role")
    owner_name: str = doc("the owner's name, or empty")
    start: Any = doc("the start date (datetime.date)")
    due: Any = doc("the due date (datetime.date)")
    budget: Any = doc("the budget's low end, or None (Decimal)")
    budget_high: Any = doc("the budget's high end, or None (Decimal)")
    kpis: str = doc("the metrics to watch")
    status: str = doc("planned, in_progress or done; empty where not given")
    status_label: str = doc("the status in the tracker's language")
    after: str = doc("the numbers of the actions it waits for")
    phase: str = doc("its phase")
    overdue: bool = doc("due before the assessment's date and not done")


@dataclass(frozen=True)
class Tracker:
    """The action plan as a tracker: a workbook, a CSV file or a calendar."""

    title: str = doc("the tracker's title, naming the client")
    sheet: str = doc("the workbook's sheet name, in the tracker's language")
    client: str = doc("the client's name")
    currency: str = doc("the assessment's currency (ISO 4217)")
    date: Any = doc("the assessment's date")
    head: tuple[str, ...] = doc("the column headings, in the tracker's language")
    rows: tuple[TrackerRow, ...] = doc("one row per action, in the report's order")
    statuses: tuple[tuple[str, str], ...] = doc("(id, label) of each status, for drop-downs")


@dataclass(frozen=True)
class HeatCell:
    """One line of a heatmap: a share of clients, shaded by its size."""

    label: str = doc("what is counted (a criterion)")
    share: str = doc("the share of clients, formatted")
    level: float = doc("the share, 0-1: the cell's shade")


@dataclass(frozen=True)
class DashboardPart:
    """One section's part of the batch index's portfolio: any of a tally, a chart, a
    heatmap and a table, under a heading."""

    heading: str = doc("the part's heading")
    tally: tuple[tuple[Badge, str], ...] = doc("(badge, number of clients) per state", ())
    chart: str | None = doc("an inline SVG chart", None)
    heat: tuple[tuple[str, tuple[HeatCell, ...]], ...] = doc(
        "groups of heatmap lines: (group heading, lines)", ()
    )
    head: tuple[str, ...] = doc("the table's headings", ())
    rows: tuple[tuple[str, str], ...] = doc("the table's rows", ())
