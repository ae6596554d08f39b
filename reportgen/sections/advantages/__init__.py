"""Competitive advantages: four types of four items, each scored 1-10.

Type score = the mean of its items, rounded half up to one decimal; the
sustainability tier is read from the rounded score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import charts, schema
from ...blocks.findings import Finding, finding
from ...blocks.presenter import bands_table, bilingual_message
from ...blocks.rubric import _, band_for, by_id
from ...blocks.section import Section, json_number
from ...blocks.views import Bi, Cell, Chart, HandoutRow, Note, Table, doc
from ...model import Answers, FrozenMap
from ..validation import Scored
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

ADVANTAGE = by_id(rb.ADVANTAGE_TYPES)
ADVANTAGE_ITEM = {i.id: i for t in rb.ADVANTAGE_TYPES for i in t.items}
TIER = by_id(rb.SUSTAINABILITY_TIERS)
TEN = Decimal(10)
# An item scored this or less is a weakness to act on (the spec's second signal).
WEAK_ITEM = Decimal(4)
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class AdvantageScore:
    id: str
    score: Decimal  # mean of the four items, rounded half up to one decimal
    tier: str
    items: tuple[Scored, ...]


@dataclass(frozen=True)
class AdvantagesScore:
    types: tuple[AdvantageScore, ...]
    layered: bool
    high_count: int
    strongest: str
    weakest: str


@dataclass(frozen=True)
class AdvantagesView:
    chart: Chart = doc("the four advantage types as a bar chart (out of 10)")
    table: Table = doc("each type's score, sustainability tier and main risk")
    items: Table = doc("every item as scored")
    layered: str = doc("a sentence saying whether the advantages are layered")
    note: Note | None = doc("the consultant's note on the advantages, or None")


@dataclass(frozen=True)
class AdvantagesHandout:
    heading: Bi = doc("the part's heading")
    rows: tuple[HandoutRow, ...] | None = doc("one row per advantage type; None: not assessed")
    not_assessed: Bi = doc("what to show when the section is not assessed")


class Advantages(Section[FrozenMap, AdvantagesScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "advantages"
    title = _("Competitive advantages")
    order = 40
    view_type = AdvantagesView
    handout_type = AdvantagesHandout
    note = "text"
    rubric_modules = (rb,)
    handout = 20
    schema = schema.grid(
        rb.ADVANTAGE_TYPES, rb.ADVANTAGE_ITEM_MIN, rb.ADVANTAGE_ITEM_MAX, describe=True
    )
    method = (
        (
            _("Advantage type score"),
            _(
                "The mean of its four items, each scored 1 to 10, rounded half up to one decimal; the tier is read from the rounded score."
            ),
        ),
        (
            _("Layered advantages"),
            _("At least two advantage types reach high sustainability."),
        ),
    )

    def build(self, checked: dict[str, Any]) -> FrozenMap:
        return FrozenMap((k, FrozenMap(v)) for k, v in checked.items())

    def score(
        self, value: FrozenMap | None, answers: Answers, results: dict[str, Any]
    ) -> AdvantagesScore | None:
        if value is None:
            return None
        types = []
        for t in rb.ADVANTAGE_TYPES:
            items = tuple(Scored(i, value[t.id][i]) for i in t.item_ids)
            mean = sum((i.score for i in items), Decimal(0)) / len(items)
            # Half up, as a consultant rounds by hand (6.25 -> 6.3); the tier is read off
            # the rounded score, as the spec says.
            score = mean.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
            types.append(
                AdvantageScore(t.id, score, band_for(score, rb.SUSTAINABILITY_TIERS), items)
            )
        high = sum(1 for t in types if t.tier == "high")
        return AdvantagesScore(
            types=tuple(types),
            layered=high >= rb.LAYERED_MIN_HIGH_TYPES,
            high_count=high,
            strongest=max(types, key=lambda t: t.score).id,
            weakest=min(types, key=lambda t: t.score).id,
        )

    def findings(
        self, result: AdvantagesScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        if result is None:
            return ()
        return tuple(
            finding(f"advantages.{t.id}.{i.id}", score=i.score, max=TEN)
            for t in result.types
            for i in t.items
            if i.score <= WEAK_ITEM
        )

    def score_rows(
        self, p: Presenter, result: AdvantagesScore | None
    ) -> tuple[tuple[str, str, str], ...]:
        if result is None:
            return ()
        t, f = p.t, p.f
        return tuple(
            (t(ADVANTAGE[a.id].label), f"{f.number(a.score)}/10", t(TIER[a.tier].label))
            for a in result.types
        )

    def to_json(self, result: AdvantagesScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {
            self.id: {
                "types": {
                    t.id: {"score": json_number(t.score), "max": 10, "tier": t.tier}
                    for t in result.types
                },
                "layered": result.layered,
                "strongest": result.strongest,
                "weakest": result.weakest,
            }
        }

    def present(self, p: Presenter, result: AdvantagesScore | None) -> AdvantagesView | None:
        if result is None:
            return None
        t, f = p.t, p.f
        table = Table(
            caption=t(_("Advantage strength and sustainability")),
            head=(
                t(_("Advantage type")),
                t(_("Score")),
                t(_("Sustainability")),
                t(_("Main risk")),
            ),
            rows=tuple(
                (
                    Cell(t(ADVANTAGE[a.id].label)),
                    Cell(p.score(a.score, 10), numeric=True),
                    Cell("", badge=p.band(a.tier, TIER, "tier")),
                    Cell(t(ADVANTAGE[a.id].risk)),
                )
                for a in result.types
            ),
        )
        items = Table(
            caption=t(_("Advantage items as scored")),
            head=(t(_("Advantage type")), t(_("Item")), t(_("Score"))),
            rows=tuple(
                (
                    Cell(t(ADVANTAGE[a.id].label) if i == 0 else ""),
                    Cell(t(ADVANTAGE_ITEM[item.id].label)),
                    Cell(p.score(item.score, 10), numeric=True),
                )
                for a in result.types
                for i, item in enumerate(a.items)
            ),
        )
        if result.layered:
            message = t(
                _(
                    "The advantages are layered: %(count)s types reach high sustainability, "
                    "which makes the position hard to copy."
                )
            )
        elif result.high_count:
            message = f.ngettext(
                "The advantages are not yet layered: %(count)s type reaches high sustainability, "
                "and at least 2 are needed.",
                "The advantages are not yet layered: %(count)s types reach high sustainability, "
                "and at least 2 are needed.",
                result.high_count,
            )
        else:
            # None has its own wording: "0 types reach" reads as a form, not a finding.
            message = t(
                _(
                    "The advantages are not yet layered: no type reaches high sustainability yet, "
                    "and at least 2 are needed."
                )
            )
        layered = message % {"count": f.number(result.high_count)}
        svg = charts.bar_chart(
            [
                charts.Bar(
                    t(ADVANTAGE[a.id].label), a.score, TEN, f.number(a.score), f"tier-{a.tier}"
                )
                for a in result.types
            ],
            scale_max=TEN,
            step=1,
            thresholds=tuple(
                (tier.minimum, t(tier.label)) for tier in rb.SUSTAINABILITY_TIERS if tier.minimum
            ),
            key=tuple((f"tier-{tier.id}", t(tier.label)) for tier in rb.SUSTAINABILITY_TIERS),
            tick_label=f.number,
            t=t,
        )
        return AdvantagesView(
            chart=Chart(t(_("Competitive advantages (out of 10)")), svg),
            table=table,
            items=items,
            layered=layered,
            note=p.note(self.id),
        )

    def method_tables(self, p: Presenter) -> tuple[Table, ...]:
        t = p.t
        return (
            bands_table(
                p,
                t(_("Sustainability tiers (advantage type score, out of 10)")),
                rb.SUSTAINABILITY_TIERS,
                TEN,
                css="tier",
                heading=t(_("Tier")),
            ),
        )

    def handout_view(self, ps: Sequence[Presenter], result: AdvantagesScore | None) -> Any:
        rows = None
        if result is not None:
            rows = tuple(
                HandoutRow(
                    label=bilingual_message(ps, ADVANTAGE[a.id].label),
                    css=f"tier-{a.tier}",
                    badge=bilingual_message(ps, TIER[a.tier].label),
                    detail=Bi(ps[0].score(a.score, 10)),
                )
                for a in result.types
            )
        return AdvantagesHandout(
            heading=bilingual_message(ps, _("Competitive advantages")),
            rows=rows,
            not_assessed=bilingual_message(ps, _("Not assessed")),
        )


SECTION = Advantages()
