"""Recommendations, decided from every other section's result and ranked by urgency."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Answers, FrozenMap
from ..rubric import recommendations as rb
from ..rubric.base import _
from .advantages import ADVANTAGE
from .advantages import SECTION as ADVANTAGES
from .base import Section
from .critical_success_factors import FACTOR
from .critical_success_factors import SECTION as CSF
from .expansion import COMPLIANCE_ITEM, REGION
from .expansion import SECTION as EXPANSION
from .lessons import SECTION as LESSONS
from .monetization import SECTION as MONETIZATION
from .monetization import benchmark_value
from .validation import CRITERION, DIMENSION, DimensionScore
from .validation import SECTION as VALIDATION
from .views import Bi, bilingual, bilingual_message, doc, inline

if TYPE_CHECKING:
    from ..present.presenter import Presenter

TOP = 3  # the executive summary and the handout show the most urgent ones


@dataclass(frozen=True)
class Recommendation:
    id: str
    urgency: int  # higher is more urgent
    params: FrozenMap  # named values for the message; the presenter formats them


@dataclass(frozen=True)
class RecommendationsView:
    items: tuple[str, ...] = doc("every recommendation, most urgent first")


@dataclass(frozen=True)
class RecommendationsHandout:
    heading: Bi = doc("the part's heading")
    items: tuple[Bi, ...] = doc("the most urgent recommendations")


def _weakest(d: DimensionScore) -> tuple[str, ...]:
    """The one or two lowest-scored criteria of a dimension, in rubric order."""
    lows = sorted(d.criteria, key=lambda c: c.score)[:2]
    return tuple(c.id for c in d.criteria if c in lows)


class Recommendations(Section[None, tuple[Recommendation, ...]]):
    id = "recommendations"
    title = _("Recommendations")
    order = 90
    view_type = RecommendationsView
    handout_type = RecommendationsHandout
    depends = (
        "validation",
        "advantages",
        "monetization",
        "expansion",
        "critical_success_factors",
        "lessons",
    )
    rubric_modules = (rb,)
    handout = 40
    method = (
        (
            _("Recommendations"),
            _(
                "Ranked by urgency: legal exposure and business survival first, then what blocks scaling, then what weakens the model."
            ),
        ),
    )

    # Urgency: what can sink the business or break the law first, then what blocks
    # scaling, then what weakens it. Ties keep the order of the rules below.
    def score(
        self, value: None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Recommendation, ...]:
        validation = results[VALIDATION.id]
        advantages = results[ADVANTAGES.id]
        monetization = results[MONETIZATION.id]
        expansion = results[EXPANSION.id]
        csf = results[CSF.id]
        lessons = results[LESSONS.id]
        out: list[Recommendation] = []

        def add(rec_id: str, urgency: int, **params: Any) -> None:
            out.append(Recommendation(rec_id, urgency, FrozenMap(params)))

        factor = {f.id: f for f in lessons.failure_factors}
        lesson = {x.id: x for x in lessons.lessons}
        if factor["regulatory_blindness"].shows:
            add("gdpr_before_eu", 100, markets=factor["regulatory_blindness"].markets)
        if validation.band == "poor":
            add("revise_model", 95, score=validation.total)
        if lesson["runway"].applies:
            add("extend_runway", 90, months=lesson["runway"].value)
        if lesson["focus_markets"].applies and expansion is not None:
            add(
                "focus_markets",
                85,
                count=lesson["focus_markets"].value,
                markets=tuple(m.name for m in expansion.markets[:3]),
            )
        if lesson["preparation_time"].applies:
            add("prepare_longer", 80, months=lesson["preparation_time"].value)
        if lesson["local_partners"].applies:
            add("local_partners", 75)
        if expansion is not None:
            for region in expansion.compliance:
                # An EU GDPR gap is exactly regulatory blindness, already recommended above.
                gaps = tuple(g for g in region.gaps if not (region.region == "eu" and g == "gdpr"))
                if gaps:
                    add("close_compliance_gaps", 70, region=region.region, items=gaps)
        if factor["cultural_mismatch"].shows:
            add("localize_culture", 68, markets=factor["cultural_mismatch"].markets)
        if factor["partner_failure"].shows:
            add("partner_requirements", 66, markets=factor["partner_failure"].markets)
        for d in validation.dimensions:
            if d.band == "poor":
                add("strengthen_dimension", 65, dimension=d.id, score=d.score, criteria=_weakest(d))
        if monetization is not None:
            if monetization.pricing_validated is False:
                add("validate_pricing", 58)
            if monetization.unit_economics_calculated is False:
                add("calculate_unit_economics", 57)
            for check in monetization.checks:
                if check.status in ("below", "above"):
                    add(
                        f"benchmark_{check.id}_{check.status}",
                        {"churn": 60, "streams": 55, "primary_share": 50, "growth": 40}[check.id],
                        benchmark=check.id,
                        value=check.value,
                        low=check.low,
                        high=check.high,
                    )
        if advantages is not None:
            for t in advantages.types:
                if t.tier == "low":
                    add("build_advantage", 45, advantage=t.id, score=t.score)
            if not advantages.layered:
                add("layer_advantages", 30, count=advantages.high_count)
        if csf is not None:
            missing = tuple(i for i, ok in csf.items if not ok)
            if missing:
                add("critical_success_factors", 35, items=missing)
        for d in validation.dimensions:
            if d.band == "fair":
                add("improve_dimension", 25, dimension=d.id, score=d.score, criteria=_weakest(d))
        # The seed's reading of the total band, last: what to do once the rest is in hand.
        if validation.band == "excellent":
            add("scale_now", 10)
        elif validation.band == "good":
            add("adjust_then_scale", 10)
        # Stable sort: equal urgencies keep the order in which the rules above are listed.
        return tuple(sorted(out, key=lambda r: -r.urgency))

    def to_json(self, result: tuple[Recommendation, ...] | None) -> dict[str, Any]:
        assert result is not None
        return {self.id: [r.id for r in result]}

    def present(
        self, p: Presenter, result: tuple[Recommendation, ...] | None
    ) -> RecommendationsView:
        assert result is not None
        return RecommendationsView(tuple(text(p, r) for r in result))

    def handout_view(
        self, ps: list[Presenter], result: tuple[Recommendation, ...] | None
    ) -> RecommendationsHandout:
        assert result is not None
        return RecommendationsHandout(
            heading=bilingual_message(ps, _("The most urgent recommendations")),
            items=tuple(bilingual(ps, text, r) for r in result[:TOP]),
        )


def _params(p: Presenter, rec: Recommendation) -> dict[str, str]:
    t, f = p.t, p.f
    out = {}
    for name, value in rec.params.items():
        if name == "markets":
            out[name] = f.list(value)
        elif name == "items":
            labels = (
                COMPLIANCE_ITEM[i].label if i in COMPLIANCE_ITEM else FACTOR[i].label for i in value
            )
            out[name] = f.list(inline(t(label)) for label in labels)
        elif name == "criteria":
            out[name] = f.list(inline(t(CRITERION[c].label)) for c in value)
        elif name == "dimension":
            out[name] = inline(t(DIMENSION[value].label))
        elif name == "advantage":
            out[name] = inline(t(ADVANTAGE[value].label))
        elif name == "region":
            out[name] = t(REGION[value].label)
        elif name == "benchmark":
            continue  # says how value, low and high are shown
        elif name in ("value", "low", "high"):
            out[name] = benchmark_value(p, rec.params["benchmark"], value)
        else:
            out[name] = f.number(value)
    return out


def text(p: Presenter, rec: Recommendation) -> str:
    """A recommendation as a whole sentence in the presenter's language."""
    return p.fill(rb.RECOMMENDATIONS[rec.id], _params(p, rec))


def top(result: tuple[Recommendation, ...]) -> tuple[Recommendation, ...]:
    return result[:TOP]


SECTION = Recommendations()
