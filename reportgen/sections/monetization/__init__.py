"""Monetization: revenue streams and mix, the revenue-model and pricing checklists, and
the targets against the seed's benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import schema
from ...blocks.advice import FEW_CUSTOMERS
from ...blocks.benchmarks import BenchmarkCheck, benchmark_row, check, value_text
from ...blocks.findings import Finding, Phrases, finding
from ...blocks.rubric import _, by_id, ids
from ...blocks.section import Section, json_number
from ...blocks.views import Cell, Note, Table, doc
from ...model import Answers, FrozenMap
from ..advice import own_benchmark
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

STREAM = by_id(rb.REVENUE_STREAMS)
BENCHMARK = by_id(rb.BENCHMARKS)
PRICING_ITEM = by_id(rb.PRICING_PROCESS.items)
PCT = Decimal(100)
STREAM_IDS = ids(rb.REVENUE_STREAMS)
ACTION_IDS = frozenset(rb.ACTIONS)


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
    freemium_conversion_pct: Decimal | None = None  # only where a free tier exists
    free_tier: bool | None = None
    paying_customers: Decimal | None = None


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
        schema.Field(
            "primary_stream",
            schema.choice(rb.REVENUE_STREAMS, _("Primary revenue stream")),
            required=True,
        ),
        schema.Field(
            "secondary_streams", schema.choices(rb.REVENUE_STREAMS, _("Secondary revenue streams"))
        ),
        schema.Field(
            "revenue_mix",
            schema.Fields(
                title=_("Revenue mix"),
                description=_("Percent of revenue per stream, summing to 100"),
                fields=tuple(
                    schema.Field(
                        i.id, schema.Number(title=i.label, lo=Decimal(0), hi=PCT, unit="percent")
                    )
                    for i in rb.REVENUE_STREAMS
                ),
                rules=(
                    schema.Rule(
                        _mix_sums_to_100,
                        says="The revenue mix's shares sum to 100 (within 0.5).",
                        message=r"the shares must sum to 100",
                    ),
                ),
                what="a mapping of stream to percent",
                blank_absent=True,
            ),
        ),
        *(
            schema.Field(c.id, schema.Boolean(title=c.label, description=c.explanation))
            for c in rb.MONETIZATION_CHECKS
        ),
        schema.Field(
            "customer_ltv",
            schema.Number(
                title=_("Estimated customer lifetime value"),
                lo=Decimal(0),
                hi=schema.MONEY_MAX,
                unit="money",
            ),
        ),
        schema.Field(
            "churn_target_monthly_pct",
            schema.Number(title=_("Monthly churn target"), lo=Decimal(0), hi=PCT, unit="percent"),
        ),
        schema.Field(
            "revenue_growth_target_pct",
            schema.Number(
                title=_("Annual revenue growth target"),
                lo=Decimal(-100),
                hi=schema.GROWTH_MAX_PCT,
                unit="percent",
            ),
        ),
        schema.Field(
            "pricing_process",
            schema.flags(
                rb.PRICING_PROCESS.items, rb.PRICING_PROCESS.label, rb.PRICING_PROCESS.explanation
            ),
        ),
        schema.Field(
            "free_tier",
            schema.Boolean(
                title=_("Free tier or free trial"),
                description=_("Whether the product has a free tier or a free trial"),
            ),
        ),
        schema.Field(
            "paying_customers",
            schema.Number(
                title=_("Paying customers"),
                description=_("The number of paying customers today"),
                lo=Decimal(0),
                hi=Decimal(10) ** 10,
                unit="count",
            ),
        ),
        schema.Field(
            "freemium_conversion_pct",
            schema.Number(
                title=_("Free-to-paid conversion"),
                description=_("Only where a free tier or free trial exists"),
                lo=Decimal(0),
                hi=PCT,
                unit="percent",
            ),
        ),
    )
)


def _check(check_id: str, value: Decimal | None, answers: Answers) -> BenchmarkCheck:
    return check(BENCHMARK[check_id], value, own_benchmark(answers, check_id))


# The answer each benchmark reads: what its findings address, and the advice id's stem.
CHECKED_ANSWER = {
    "churn": "monetization.churn_target_monthly_pct",
    "growth": "monetization.revenue_growth_target_pct",
    "streams": "monetization.secondary_streams",
    "primary_share": "monetization.revenue_mix",
    "freemium_conversion": "monetization.freemium_conversion_pct",
}


class MonetizationSection(Section[Monetization, MonetizationScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "monetization"
    title = _("Monetization")
    benchmarks = rb.BENCHMARKS
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
                _check("churn", m.churn_target_monthly_pct, answers),
                _check("growth", m.revenue_growth_target_pct, answers),
                _check("streams", Decimal(len(streams)), answers),
                _check("primary_share", share, answers),
                _check("freemium_conversion", m.freemium_conversion_pct, answers),
            ),
            pricing_validated=m.pricing_validated,
            unit_economics_calculated=m.unit_economics_calculated,
            customer_ltv=m.customer_ltv,
            pricing_process=process,
            pricing_process_done=sum(1 for _, ok in process if ok),
        )

    def findings(
        self, result: MonetizationScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        if result is None:
            return ()
        out = []
        for key in ("pricing_validated", "unit_economics_calculated"):
            if getattr(result, key) is False:
                out.append(finding(f"monetization.{key}"))
        m = self.value(answers)
        customers = m.paying_customers if m is not None else None
        few = customers is not None and customers < FEW_CUSTOMERS
        for i, ok in result.pricing_process:
            if ok:
                continue
            if i == "ab_testing" and few:
                # Split tests need volume; with a few dozen B2B customers, tests run through
                # named pilots and renewals instead.
                out.append(
                    finding(
                        "monetization.pricing_process.ab_testing#few_customers",
                        "monetization.pricing_process.ab_testing",
                        customers=customers,
                    )
                )
            else:
                out.append(finding(f"monetization.pricing_process.{i}"))
        checks = {c.id: c for c in result.checks}
        # A primary stream below 60 percent calls for focus: "add a stream" would contradict
        # it, so with too few streams the one recommendation says in which order.
        focus = checks["primary_share"].status == "below"
        for c in result.checks:
            action = f"{CHECKED_ANSWER[c.id]}#{c.status}"
            # A favourable miss is no weakness: its action asks for the evidence behind it.
            if c.verdict not in ("weakness", "favourable") or action not in ACTION_IDS:
                continue
            values = {"value": c.value, "low": c.low, "high": c.high, "benchmark": c.id}
            if c.id == "streams" and c.status == "below" and focus:
                continue  # said by the primary share's finding below
            if c.id == "primary_share" and c.status == "below" and checks["streams"].status == "below":
                out.append(
                    finding(
                        "monetization.revenue_mix#below_few",
                        "monetization.revenue_mix",
                        "monetization.secondary_streams",
                        **values,
                    )
                )
                continue
            if c.id == "streams" and c.status == "below":
                # Name only streams the business does not have yet.
                missing = tuple(s for s in STREAM_IDS if s not in result.streams)
                out.append(
                    finding(action, **values, streams=Phrases(STREAM[s].label for s in missing))
                )
                continue
            out.append(finding(action, **values))
        return tuple(out)

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
                        "verdict": c.verdict,
                        **({"own": True} if c.own else {}),
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
        checks = [
            benchmark_row(p, c, BENCHMARK[c.id])
            for c in m.checks
            # Without a free tier there is no conversion to compare.
            if not (c.id == "freemium_conversion" and c.value is None)
        ]
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
                                "low": value_text(p, b, b.low),
                                "high": value_text(p, b, b.high),
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
