"""What a section presents with: the protocol a presenter meets (reportgen.present's
``Presenter`` is the one the report uses). Sections type against it, so no section
imports the presentation stage, and a presenter for another output can stand in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, Protocol

from ..model import Answers, Place, Scores, Text
from .rubric import Band, Item, Plural, _
from .views import Badge, Bi, Cell, Note, Table


class Formatting(Protocol):
    """Numbers, amounts, dates, lists and names for one locale (Babel's, in i18n)."""

    lang: str

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...

    def number(self, value: Decimal | int | float | None) -> str: ...

    def percent(self, value: Decimal | int | float | None) -> str: ...

    def money(self, value: Decimal | None, currency: str) -> str: ...

    def date(self, value: dt.date) -> str: ...

    def short_date(self, value: dt.date) -> str: ...

    def month(self, value: dt.date) -> str: ...

    def months(self, start: dt.date, end: dt.date) -> str: ...

    def month_tick(self, value: dt.date) -> str: ...

    def country(self, code: str) -> str: ...

    def list(self, items: Iterable[str], style: Literal["standard", "or"] = "standard") -> str: ...

    def labels(self, labels: Iterable[str]) -> str: ...

    def language(self, code: str) -> str: ...

    def languages(self, codes: Iterable[str]) -> str: ...


class Presenter(Protocol):
    """The answers, the scores and one locale, with the helpers every section shares."""

    # Read-only, so that a presenter whose `f` is a concrete formatter meets the protocol.
    @property
    def a(self) -> Answers: ...

    @property
    def s(self) -> Scores: ...

    @property
    def f(self) -> Formatting: ...

    @property
    def t(self) -> Callable[[str], str]: ...

    @property
    def lang(self) -> str: ...

    def score(self, value: Decimal, maximum: Decimal | int) -> str: ...

    def band(self, band_id: str, bands: Mapping[str, Band | Item], kind: str = "band") -> Badge: ...

    def not_assessed(self) -> Badge: ...

    def yes_no(self, value: bool | None) -> Badge: ...

    def note(self, section_id: str) -> Note | None: ...

    def note_of(self, value: Any) -> Note: ...

    def in_language(self, value: Text) -> tuple[str, str | None]: ...

    def text(self, value: Text) -> str: ...

    def place(self, place: Place) -> str: ...

    def places(self, places: Any) -> str: ...

    def fill(self, message: str | Plural, params: dict[str, str], count: Any = None) -> str: ...


def bilingual(ps: Sequence[Presenter], text: Callable[..., str], *args: Any) -> Bi:
    """The same text from each presenter (text(p, *args)): the first language, and the
    second beneath it where it differs."""
    texts = [text(p, *args) for p in ps]
    alt = texts[1] if len(texts) > 1 and texts[1] != texts[0] else None
    return Bi(texts[0], alt)


def bilingual_message(ps: Sequence[Presenter], message: str, **params: str) -> Bi:
    return bilingual(ps, lambda p: p.t(message) % params if params else p.t(message))


def bands_table(
    p: Presenter,
    caption: str,
    bands: Any,
    maximum: Any,
    css: str = "band",
    heading: str | None = None,
) -> Table:
    """A band or tier scale as a table: score range, badge, meaning."""
    t, f = p.t, p.f
    rows = []
    upper = maximum  # each band runs from its minimum up to the next band's minimum
    for b in bands:
        if b.minimum is None:
            span = t(_("below %(min)s")) % {"min": f.number(upper)}
        else:
            # The top band includes its maximum; the others stop short of the next band.
            message = (
                _("%(low)s to %(high)s") if upper == maximum else _("%(low)s to under %(high)s")
            )
            span = t(message) % {"low": f.number(b.minimum), "high": f.number(upper)}
            upper = b.minimum
        badge = Badge(f"{css}-{b.id}", t(b.label))
        rows.append((Cell(span, numeric=True), Cell("", badge=badge), Cell(t(b.meaning))))
    head = (t(_("Score")), heading or t(_("Band")), t(_("Meaning")))
    return Table(caption, head, tuple(rows))


def band_badge(
    t: Callable[[str], str], band_id: str, bands: Mapping[str, Band | Item], kind: str = "band"
) -> Badge:
    """A band, tier or risk tier as a badge (reports, handouts, the batch index)."""
    return Badge(f"{kind}-{band_id}", t(bands[band_id].label))
