"""Business model validation: four dimensions of four criteria, each scored 0-10.

Dimension score = the sum of its criteria (out of 40); total = the sum of the
dimensions (out of 160); bands from ``rb.validation``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING, Any

from ...blocks import charts, schema
from ...blocks.advice import FEW_CUSTOMERS
from ...blocks.findings import Finding, finding
from ...blocks.presenter import band_badge, bands_table, bilingual, bilingual_message
from ...blocks.rubric import _, band_for, by_id
from ...blocks.section import Section, json_number
from ...blocks.views import (
    Bi,
    Cell,
    Chart,
    Choice,
    Column,
    DashboardPart,
    Filter,
    HandoutRow,
    HeadlineScore,
    HeatCell,
    Note,
    Table,
    doc,
)
from ...model import Answers, FrozenMap
from ..cohort import dimension_line, median_of
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Formatting, Presenter

DIMENSION = by_id(rb.DIMENSIONS)
CRITERION = {i.id: i for d in rb.DIMENSIONS for i in d.items}
TOTAL_BAND = by_id(rb.TOTAL_BANDS)
# The batch index sorts bands from the lowest (1) up.
BAND_RANK = {b.id: len(rb.TOTAL_BANDS) - i for i, b in enumerate(rb.TOTAL_BANDS)}
DIMENSION_BAND = by_id(rb.DIMENSION_BANDS)
# A criterion scored this or less is a weakness to act on (the spec's first signal).
WEAK_CRITERION = Decimal(5)


@dataclass(frozen=True)
class Scored:
    """A scored line: a criterion, an advantage item, a market criterion."""

    id: str
    score: Decimal


@dataclass(frozen=True)
class DimensionScore:
    id: str
    score: Decimal
    max: Decimal
    band: str
    criteria: tuple[Scored, ...]


@dataclass(frozen=True)
class ValidationScore:
    total: Decimal
    max: Decimal
    band: str
    dimensions: tuple[DimensionScore, ...]
    strongest: str  # dimension id; ties go to the earlier dimension of the rubric
    weakest: str


@dataclass(frozen=True)
class ValidationView:
    dimensions: tuple[Table, ...] = doc("one table per dimension: its criteria and score")
    totals: Table = doc("the dimensions' scores and bands, and the total")
    note: Note | None = doc("the consultant's note on validation, or None")
    cohort: tuple[str, ...] = doc(
        "with --cohort, one sentence per dimension (in the order of `dimensions`): its "
        "percentile rank among the firm's clients and their median; else empty",
        (),
    )


@dataclass(frozen=True)
class ValidationHandout:
    total: str = doc("the total score, formatted")
    max: str = doc("the maximum total (160), formatted")
    band: HandoutRow = doc("the total's band and what it means")
    chart: Chart = doc("the four dimensions as a bar chart, labelled in both languages")
    chart_title: Bi = doc("the chart's heading")


def sells_to_few(answers: Answers) -> bool:
    """Whether the client sells to a few large customers: enterprise contracts as its
    primary stream, an enterprise or custom-development model, or few paying customers."""
    customers = answers.answer("monetization.paying_customers")
    return (
        answers.answer("monetization.primary_stream") == "enterprise"
        or answers.answer("business_model.type") in ("enterprise_licensing", "custom_development")
        or (isinstance(customers, Decimal) and customers < FEW_CUSTOMERS)
    )


class Validation(Section[FrozenMap, ValidationScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "validation"
    title = _("Business model validation")
    order = 20
    view_type = ValidationView
    handout_type = ValidationHandout
    required = True
    note = "text"
    rubric_modules = (rb,)
    handout = 10
    schema = schema.grid(rb.DIMENSIONS, rb.CRITERION_MIN, rb.CRITERION_MAX)
    method = (
        (
            _("Dimension score"),
            _("The sum of its four criteria, each scored 0 to 10; out of 40."),
        ),
        (
            _("Total score"),
            _(
                "The sum of the four dimensions; out of 160. The band is read from the exact total, never rounded: a total just under a band's minimum stays in the band below."
            ),
        ),
    )

    def build(self, checked: dict[str, Any]) -> FrozenMap:
        return FrozenMap((k, FrozenMap(v)) for k, v in checked.items())

    def score(
        self, value: FrozenMap | None, answers: Answers, results: dict[str, Any]
    ) -> ValidationScore:
        assert value is not None  # a required section
        dims = []
        for d in rb.DIMENSIONS:
            criteria = tuple(Scored(i, value[d.id][i]) for i in d.item_ids)
            total = sum((c.score for c in criteria), Decimal(0))
            dims.append(
                DimensionScore(
                    d.id,
                    total,
                    rb.DIMENSION_MAX,
                    band_for(total, rb.DIMENSION_BANDS),
                    criteria,
                )
            )
        total = sum((d.score for d in dims), Decimal(0))
        return ValidationScore(
            total=total,
            max=rb.VALIDATION_MAX,
            band=band_for(total, rb.TOTAL_BANDS),
            dimensions=tuple(dims),
            # max and min return the first of equal values: ties go to the earlier dimension.
            strongest=max(dims, key=lambda d: d.score).id,
            weakest=min(dims, key=lambda d: d.score).id,
        )

    def findings(
        self, result: ValidationScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        assert result is not None
        out = []
        # A poor total calls for a revision of the model; a fair one is advised through its
        # dimensions and criteria (a total of 100-119 has at least one dimension under 30),
        # never as a score to reach.
        if result.band == "poor":
            out.append(
                finding("validation#total_poor", "validation", score=result.total, max=result.max)
            )
        for d in result.dimensions:
            if d.band in ("poor", "fair"):
                out.append(finding(f"validation.{d.id}#{d.band}", score=d.score, max=d.max))
            for c in d.criteria:
                if c.score <= WEAK_CRITERION:
                    key = f"validation.{d.id}.{c.id}"
                    action = (
                        f"{key}#few_customers"
                        if c.id == "acquisition_strategy" and sells_to_few(answers)
                        else key
                    )
                    out.append(finding(action, key, score=c.score, max=rb.CRITERION_MAX))
        return tuple(out)

    def compared(self, output: Any) -> dict[str, Decimal]:
        """The total, each dimension and each criterion ("market.market_size")."""
        if not output:
            return {}
        out = {"total": Decimal(str(output["total"]))}
        for d, dim in output["dimensions"].items():
            out[d] = Decimal(str(dim["score"]))
            for c, value in dim.get("criteria", {}).items():
                out[f"{d}.{c}"] = Decimal(str(value))
        return out

    def portfolio(self, outputs: Sequence[Any]) -> dict[str, Any]:
        """Clients per band, each dimension's spread, and the share of clients weak on
        each criterion (scored 5 or less, the spec's first weakness signal)."""
        given = [o for o in outputs if o]
        if not given:
            return {}
        dimensions: dict[str, list[Any]] = {}
        weak: Counter[str] = Counter()
        for o in given:
            for d, dim in o["dimensions"].items():
                dimensions.setdefault(d, []).append(dim["score"])
                for c, value in dim.get("criteria", {}).items():
                    if value <= WEAK_CRITERION:
                        weak[f"{d}.{c}"] += 1
        return {
            "bands": dict(sorted(Counter(o["band"] for o in given).items())),
            "dimensions": {
                d: {"min": min(v), "median": median(v), "max": max(v), "scores": sorted(v)}
                for d, v in dimensions.items()
            },
            "weak_criteria": {k: round(v / len(given), 4) for k, v in sorted(weak.items())},
        }

    def dashboard(self, f: Formatting, portfolio: Mapping[str, Any]) -> tuple[DashboardPart, ...]:
        if "bands" not in portfolio:
            return ()
        t = f.gettext
        series = [
            (t(DIMENSION[d].label), [Decimal(str(x)) for x in v["scores"]])
            for d, v in portfolio["dimensions"].items()
            if d in DIMENSION
        ]
        weak = portfolio.get("weak_criteria", {})
        return (
            DashboardPart(
                t(_("Clients by band")),
                tally=tuple(
                    (band_badge(t, b.id, TOTAL_BAND), f.number(portfolio["bands"][b.id]))
                    for b in rb.TOTAL_BANDS
                    if b.id in portfolio["bands"]
                ),
            ),
            DashboardPart(
                t(_("Validation dimensions across clients (out of 40; the bar is the median)")),
                chart=charts.strip_chart(
                    series,
                    rb.DIMENSION_MAX,
                    5,
                    f.number,
                    thresholds=[
                        (b.minimum, t(b.label)) for b in rb.DIMENSION_BANDS if b.minimum is not None
                    ],
                ),
            ),
            DashboardPart(
                t(_("Where clients are weak: the share scoring a criterion 5 or less")),
                heat=tuple(
                    (
                        t(d.label),
                        tuple(
                            HeatCell(
                                t(i.label),
                                # A share of a few clients in whole per cent ("67%", not
                                # "66,67%").
                                f.percent(
                                    (Decimal(str(weak.get(f"{d.id}.{i.id}", 0))) * 100).quantize(
                                        Decimal(1), ROUND_HALF_UP
                                    )
                                ),
                                float(weak.get(f"{d.id}.{i.id}", 0)),
                            )
                            for i in d.items
                        ),
                    )
                    for d in rb.DIMENSIONS
                ),
            ),
        )

    def headline(self, result: ValidationScore | None) -> dict[str, Any]:
        assert result is not None  # a required section
        return {"total": str(result.total), "max": str(result.max), "band": result.band}

    def headline_valid(self, headline: Mapping[str, Any]) -> bool:
        try:
            if not all(Decimal(headline[k]).is_finite() for k in ("total", "max")):
                return False
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return False
        return headline.get("band") in TOTAL_BAND

    def headline_cells(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Column, ...]:
        t = f.gettext
        total = t(_("%(score)s / %(max)s")) % {
            "score": f.number(Decimal(headline["total"])),
            "max": f.number(Decimal(headline["max"])),
        }
        band = band_badge(t, headline["band"], TOTAL_BAND)
        return (
            Column(t(_("Total score")), Cell(total, numeric=True), sort=headline["total"]),
            Column(t(_("Band")), Cell("", badge=band), sort=str(BAND_RANK[headline["band"]])),
        )

    def headline_filters(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Filter, ...]:
        t = f.gettext
        choices = tuple(Choice(b.id, t(b.label)) for b in rb.TOTAL_BANDS)
        return (Filter("band", t(_("Band")), choices, (headline["band"],), listed=False),)

    def headline_score(self, p: Presenter, result: ValidationScore | None) -> HeadlineScore:
        assert result is not None
        return HeadlineScore(
            total=p.f.number(result.total),
            max=p.f.number(result.max),
            band=p.band(result.band, TOTAL_BAND),
            interpretation=p.t(TOTAL_BAND[result.band].meaning),
        )

    def one_line(self, result: ValidationScore | None) -> str:
        assert result is not None
        total, maximum = json_number(result.total), json_number(result.max)
        return f"total {total}/{maximum}, {result.band}"  # 107, not 107.0, as in the JSON

    def score_rows(
        self, p: Presenter, result: ValidationScore | None
    ) -> tuple[tuple[str, str, str], ...]:
        assert result is not None
        t, f = p.t, p.f
        rows = [
            (
                t(DIMENSION[d.id].label),
                f"{f.number(d.score)}/{f.number(d.max)}",
                t(DIMENSION_BAND[d.band].label),
            )
            for d in result.dimensions
        ]
        total = f"{f.number(result.total)}/{f.number(result.max)}"
        rows.append((t(_("Total")), total, t(TOTAL_BAND[result.band].label)))
        return tuple(rows)

    def to_json(self, result: ValidationScore | None) -> dict[str, Any]:
        number = json_number
        assert result is not None
        return {
            "validation": {
                "total": number(result.total),
                "max": number(result.max),
                "band": result.band,
                "strongest": result.strongest,
                "weakest": result.weakest,
                "dimensions": {
                    d.id: {
                        "score": number(d.score),
                        "max": number(d.max),
                        "band": d.band,
                        "criteria": {c.id: number(c.score) for c in d.criteria},
                    }
                    for d in result.dimensions
                },
            }
        }

    def present(self, p: Presenter, result: ValidationScore | None) -> ValidationView:
        assert result is not None
        t = p.t
        dims = []
        for d in result.dimensions:
            rows = tuple(
                (
                    Cell(t(CRITERION[c.id].label)),
                    Cell(p.score(c.score, rb.CRITERION_MAX), numeric=True),
                )
                for c in d.criteria
            )
            dims.append(
                Table(
                    caption=t(DIMENSION[d.id].label),
                    head=(t(_("Criterion")), t(_("Score"))),
                    rows=rows,
                    foot=(
                        Cell(
                            t(_("Dimension score")),
                            badge=p.band(d.band, DIMENSION_BAND),
                            strong=True,
                        ),
                        Cell(p.score(d.score, d.max), numeric=True, strong=True),
                    ),
                )
            )
        totals = Table(
            caption=t(_("Validation scores by dimension")),
            head=(t(_("Dimension")), t(_("Score")), t(_("Band"))),
            rows=tuple(
                (
                    Cell(t(DIMENSION[d.id].label)),
                    Cell(p.score(d.score, d.max), numeric=True),
                    Cell("", badge=p.band(d.band, DIMENSION_BAND)),
                )
                for d in result.dimensions
            ),
            foot=(
                Cell(t(_("Total")), strong=True),
                Cell(p.score(result.total, result.max), numeric=True, strong=True),
                Cell("", badge=p.band(result.band, TOTAL_BAND)),
            ),
        )
        compared = p.s["cohort"]
        return ValidationView(
            cohort=tuple(
                dimension_line(p, compared, d.id, t(DIMENSION[d.id].label)) or ""
                for d in result.dimensions
            )
            if compared is not None and compared.compared
            else (),
            dimensions=tuple(dims),
            totals=totals,
            note=p.note(self.id),
        )

    def method_tables(self, p: Presenter) -> tuple[Table, ...]:
        t = p.t
        return (
            bands_table(
                p, t(_("Total score bands (out of 160)")), rb.TOTAL_BANDS, rb.VALIDATION_MAX
            ),
            bands_table(
                p, t(_("Dimension bands (out of 40)")), rb.DIMENSION_BANDS, rb.DIMENSION_MAX
            ),
        )

    def handout_view(self, ps: Sequence[Presenter], result: ValidationScore | None) -> Any:
        assert result is not None
        first = ps[0]
        return ValidationHandout(
            total=first.f.number(result.total),
            max=first.f.number(result.max),
            band=HandoutRow(
                label=bilingual_message(ps, _("Total score")),
                css=f"band-{result.band}",
                badge=bilingual(ps, lambda p: p.t(TOTAL_BAND[result.band].label)),
                detail=bilingual(ps, lambda p: p.t(TOTAL_BAND[result.band].meaning)),
            ),
            # A handout keeps its two pages: shorter rows than the report's chart.
            chart=dimension_chart(ps, result, row_height=32),
            chart_title=bilingual_message(ps, _("Validation dimensions (out of 40)")),
        )


def dimension_chart(
    ps: Sequence[Presenter], result: ValidationScore, row_height: int = charts.ROW
) -> Chart:
    """The four validation dimensions; a second presenter adds its labels beneath; with a
    cohort, each bar is marked at the median of the firm's other clients."""
    first = ps[0]
    compared = first.s["cohort"]
    bars = []
    for d in result.dimensions:
        label = first.t(DIMENSION[d.id].label)
        other = ps[1].t(DIMENSION[d.id].label) if len(ps) > 1 else label
        bars.append(
            charts.Bar(
                label,
                d.score,
                d.max,
                first.f.number(d.score),
                f"band-{d.band}",
                sublabel=other if other != label else None,
                marker=median_of(compared, d.id),
            )
        )
    svg = charts.bar_chart(
        bars,
        scale_max=rb.DIMENSION_MAX,
        step=5,
        # The thresholds and the key in both languages of a bilingual handout ("Tốt / Good").
        thresholds=tuple(
            (b.minimum, " / ".join(_unique(p.t(b.label) for p in ps)))
            for b in rb.DIMENSION_BANDS
            if b.minimum is not None
        ),
        # The key in both languages of a bilingual handout ("Tốt / Good").
        key=tuple(
            (f"band-{b.id}", " / ".join(_unique(p.t(b.label) for p in ps)))
            for b in rb.DIMENSION_BANDS
        ),
        tick_label=first.f.number,
        row_height=row_height,
        t=first.t,
        marker_label=" / ".join(_unique(p.t(_("Median of the firm's clients")) for p in ps)),
    )
    return Chart(first.t(_("Validation dimensions (out of 40)")), svg)


def _unique(texts: Any) -> list[str]:
    return list(dict.fromkeys(texts))


SECTION = Validation()
