"""Monetization: revenue streams and mix, the revenue-model and pricing checklists, and
the targets against the seed's benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..model import Answers, FrozenMap
from ..rubric import monetization as rb
from ..rubric.base import _, by_id, ids
from . import schema
from .base import Section, json_number
from .views import Badge, Cell, Note, Table, doc

if TYPE_CHECKING:
    from ..present.presenter import Presenter

STREAM = by_id(rb.REVENUE_STREAMS)
BENCHMARK = by_id(rb.BENCHMARKS)
PRICING_ITEM = by_id(rb.PRICING_PROCESS.items)
PCT = Decimal(100)
STREAM_IDS = ids(rb.REVENUE_STREAMS)


@dataclass(frozen=True)
class Monetization:
    primary_stream: str
    secondary_streams: tuple[str, ...] = ()
    revenue_mix: FrozenMap | None = None  # stream id -> percent
    pricing_validated: bool | None = None
    unit_economics_calculated: bool | None = None
    customer_ltv: Decimal | None = None
    churn_target_monthly_pct: Decimal | None = None
    revenue_growth_target_pct: Decimal | None = None
    pricing_process: FrozenMap | None = None  # item id -> bool


@dataclass(frozen=True)
class BenchmarkCheck:
    id: str
    value: Decimal | None
    low: Decimal
    high: Decimal
    status: str  # within | below | above | unassessed


@dataclass(frozen=True)
class MonetizationScore:
    primary_stream: str
    streams: tuple[str, ...]  # primary first, then the secondary streams
    revenue_mix: tuple[tuple[str, Decimal], ...]
    checks: tuple[BenchmarkCheck, ...]
    pricing_validated: bool | None
    unit_economics_calculated: bool | None
    customer_ltv: Decimal | None
    pricing_process: tuple[tuple[str, bool], ...]
    pricing_process_done: int


@dataclass(frozen=True)
class MonetizationView:
    streams: Table = doc("the revenue streams, their role and share of revenue")
    checks: Table = doc("each target against its benchmark")
    checklist: Table = doc("pricing validated, unit economics calculated, lifetime value")
    pricing_process: Table = doc("the pricing optimisation practices in place (no rows: not given)")
    note: Note | None = doc("the consultant's note on monetization, or None")


def _mix_sums_to_100(mix: dict[str, Any]) -> list[tuple[schema.Path, str]]:
    total = sum(mix.values(), Decimal(0))
    if abs(total - PCT) > rb.REVENUE_MIX_TOLERANCE:
        return [((), f"the shares must sum to 100 (within 0.5), got {total}")]
    return []


SCHEMA = schema.Fields(
    fields=(
        schema.Field("primary_stream", schema.Choice(ids=STREAM_IDS), required=True),
        schema.Field("secondary_streams", schema.Choices(ids=STREAM_IDS)),
        schema.Field(
            "revenue_mix",
            schema.Fields(
                fields=tuple(
                    schema.Field(i, schema.Number(lo=Decimal(0), hi=PCT)) for i in STREAM_IDS
                ),
                rules=(_mix_sums_to_100,),
                what="a mapping of stream to percent",
                blank_absent=True,
            ),
        ),
        schema.Field("pricing_validated", schema.Boolean()),
        schema.Field("unit_economics_calculated", schema.Boolean()),
        schema.Field("customer_ltv", schema.Number(lo=Decimal(0))),
        schema.Field("churn_target_monthly_pct", schema.Number(lo=Decimal(0), hi=PCT)),
        schema.Field("revenue_growth_target_pct", schema.Number(lo=Decimal(-100))),
        schema.Field("pricing_process", schema.flags(rb.PRICING_PROCESS.items)),
    )
)

STATUS = {
    "within": ("check-yes", _("Within the benchmark")),
    "below": ("check-no", _("Below the benchmark")),
    "above": ("check-no", _("Above the benchmark")),
    "unassessed": ("check-none", _("Not answered")),
}


def _check(check_id: str, value: Decimal | None) -> BenchmarkCheck:
    b = BENCHMARK[check_id]
    if value is None:
        status = "unassessed"
    elif value < b.low:
        status = "below"
    elif value > b.high:
        status = "above"
    else:
        status = "within"
    return BenchmarkCheck(check_id, value, b.low, b.high, status)


def benchmark_value(p: Presenter, benchmark_id: str, value: Decimal) -> str:
    """A benchmark's value as the benchmark counts it: a percentage or a count."""
    unit = BENCHMARK[benchmark_id].unit
    return p.f.percent(value) if unit == "percent" else p.f.number(value)


class MonetizationSection(Section[Monetization, MonetizationScore]):
    id = "monetization"
    title = _("Monetization")
    order = 50
    view_type = MonetizationView
    note = "text"
    rubric_modules = (rb,)
    schema = SCHEMA
    method = (
        (
            _("Monetization benchmarks"),
            _(
                "Each target is compared with the benchmark range of the table below; a value on a bound is within the benchmark."
            ),
        ),
    )

    def build(self, checked: dict[str, Any]) -> Monetization:
        values = dict(checked)
        for key in ("revenue_mix", "pricing_process"):
            if key in values:
                values[key] = FrozenMap(values[key])
        return Monetization(**values)

    def score(
        self, value: Monetization | None, answers: Answers, results: dict[str, Any]
    ) -> MonetizationScore | None:
        if value is None:
            return None
        m = value
        streams = (m.primary_stream, *(s for s in m.secondary_streams if s != m.primary_stream))
        mix = m.revenue_mix
        share = mix.get(m.primary_stream, Decimal(0)) if mix is not None else None
        process = tuple(m.pricing_process.items()) if m.pricing_process is not None else ()
        return MonetizationScore(
            primary_stream=m.primary_stream,
            streams=streams,
            revenue_mix=tuple(mix.items()) if mix is not None else (),
            checks=(
                _check("churn", m.churn_target_monthly_pct),
                _check("growth", m.revenue_growth_target_pct),
                _check("streams", Decimal(len(streams))),
                _check("primary_share", share),
            ),
            pricing_validated=m.pricing_validated,
            unit_economics_calculated=m.unit_economics_calculated,
            customer_ltv=m.customer_ltv,
            pricing_process=process,
            pricing_process_done=sum(1 for _, ok in process if ok),
        )

    def to_json(self, result: MonetizationScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {
            self.id: {
                "primary_stream": result.primary_stream,
                "streams": list(result.streams),
                "checks": {
                    c.id: {
                        "value": json_number(c.value),
                        "low": json_number(c.low),
                        "high": json_number(c.high),
                        "status": c.status,
                    }
                    for c in result.checks
                },
                "pricing_process": {
                    "done": result.pricing_process_done,
                    "total": len(result.pricing_process),
                },
            }
        }

    def present(self, p: Presenter, result: MonetizationScore | None) -> MonetizationView | None:
        if result is None:
            return None
        m = result
        t, f = p.t, p.f
        mix = dict(m.revenue_mix)
        streams = Table(
            caption=t(_("Revenue streams")),
            head=(t(_("Stream")), t(_("Role")), t(_("Share of revenue"))),
            rows=tuple(
                (
                    Cell(t(STREAM[s].label)),
                    Cell(t(_("Primary")) if s == m.primary_stream else t(_("Secondary"))),
                    Cell(f.percent(mix[s]) if s in mix else "–", numeric=True),
                )
                for s in (*m.streams, *(s for s in mix if s not in m.streams))
            ),
        )
        checks = []
        for c in m.checks:
            low, high = benchmark_value(p, c.id, c.low), benchmark_value(p, c.id, c.high)
            css, label = STATUS[c.status]
            checks.append(
                (
                    Cell(t(BENCHMARK[c.id].label)),
                    Cell(
                        benchmark_value(p, c.id, c.value) if c.value is not None else "–",
                        numeric=True,
                    ),
                    Cell(t(_("%(low)s to %(high)s")) % {"low": low, "high": high}, numeric=True),
                    Cell("", badge=Badge(css, t(label))),
                )
            )
        checklist = Table(
            caption=t(_("Revenue model checklist")),
            head=(t(_("Item")), t(_("Answer"))),
            rows=(
                (
                    Cell(t(rb.MONETIZATION_CHECKS[0].label)),
                    Cell("", badge=p.yes_no(m.pricing_validated)),
                ),
                (
                    Cell(t(rb.MONETIZATION_CHECKS[1].label)),
                    Cell("", badge=p.yes_no(m.unit_economics_calculated)),
                ),
                (
                    Cell(t(_("Estimated customer lifetime value"))),
                    Cell(f.money(m.customer_ltv, p.a.assessment.currency), numeric=True),
                ),
            ),
        )
        process = Table(
            caption=t(rb.PRICING_PROCESS.label),
            head=(t(_("Practice")), t(_("Purpose")), t(_("In place"))),
            rows=tuple(
                (
                    Cell(t(PRICING_ITEM[i].label)),
                    Cell(t(PRICING_ITEM[i].explanation)),
                    Cell("", badge=p.yes_no(ok)),
                )
                for i, ok in m.pricing_process
            ),
        )
        return MonetizationView(
            streams=streams,
            checks=Table(
                caption=t(_("Targets against the benchmarks")),
                head=(t(_("Measure")), t(_("Answer")), t(_("Benchmark")), t(_("Result"))),
                rows=tuple(checks),
            ),
            checklist=checklist,
            pricing_process=process,
            note=p.note(self.id),
        )

    def method_tables(self, p: Presenter) -> tuple[Table, ...]:
        t = p.t
        return (
            Table(
                t(_("Monetization benchmarks")),
                (t(_("Measure")), t(_("Benchmark")), t(_("Source"))),
                tuple(
                    (
                        Cell(t(b.label)),
                        Cell(
                            t(_("%(low)s to %(high)s"))
                            % {
                                "low": benchmark_value(p, b.id, b.low),
                                "high": benchmark_value(p, b.id, b.high),
                            },
                            numeric=True,
                        ),
                        Cell(t(b.explanation)),
                    )
                    for b in rb.BENCHMARKS
                ),
            ),
        )


SECTION = MonetizationSection()
