"""The shared scoring engine: Answers -> Scores. Pure: no I/O, no locale, no formatting.

Every band, tier, lesson, failure factor, benchmark check and recommendation is
decided here, from the rules of ``shared/spec/answers-format.md`` and the
thresholds in ``rubric.py``. One ``Scores`` value serves the JSON output, the
reports and the batch summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import rubric
from .answers import Answers, Expansion, FrozenMap, Monetization

# --- result types -------------------------------------------------------------------------


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
class RiskFactorTier:
    id: str
    tier: str


@dataclass(frozen=True)
class MarketScore:
    rank: int
    name: str
    region: str
    score: Decimal
    max: Decimal
    risk_tier: str
    criteria: tuple[Scored, ...]  # as answered (entry_cost is the cost, not its reverse)
    entry_cost_points: Decimal  # 11 - entry_cost: what entry cost adds to the score
    risk_factors: tuple[RiskFactorTier, ...]


@dataclass(frozen=True)
class ComplianceRegion:
    region: str
    assessed: bool  # the answers hold this region's checklist
    items: tuple[tuple[str, bool], ...]  # item id -> done (False where not assessed)
    done: int
    total: int
    market_planned: bool
    gaps: tuple[str, ...]  # undone items, listed only where a market is planned


@dataclass(frozen=True)
class ExpansionScore:
    risk_tier: str
    markets: tuple[MarketScore, ...]  # ranked: highest score first, ties by name
    compliance: tuple[ComplianceRegion, ...]
    runway_months: Decimal | None
    direct: bool | None
    partnership: bool | None
    localization: tuple[str, ...]
    local_team: tuple[str, ...]
    compliance_timeline_months: Decimal | None


@dataclass(frozen=True)
class LessonResult:
    id: str
    applies: bool
    reason: str  # applies | fine | not_given | no_expansion
    value: Any  # what the answers show: a count, months, a boolean, or None


@dataclass(frozen=True)
class FailureFactorResult:
    id: str
    shows: bool
    markets: tuple[str, ...]  # the markets that show it, where it is about markets
    count: int  # markets planned (resource dilution)


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
class ChecklistScore:
    items: tuple[tuple[str, bool], ...]
    met: int
    total: int


@dataclass(frozen=True)
class BusinessModelScore:
    type: str
    positioning: str
    pattern: str | None
    pattern_family: str | None


@dataclass(frozen=True)
class Recommendation:
    id: str
    urgency: int  # higher is more urgent
    params: FrozenMap  # named values for the message; the presenter formats them


@dataclass(frozen=True)
class Scores:
    schema_version: int
    validation: ValidationScore
    advantages: AdvantagesScore | None
    business_model: BusinessModelScore | None
    monetization: MonetizationScore | None
    expansion: ExpansionScore | None
    critical_success_factors: ChecklistScore | None
    lessons: tuple[LessonResult, ...]
    failure_factors: tuple[FailureFactorResult, ...]
    recommendations: tuple[Recommendation, ...]  # most urgent first

    @property
    def top_recommendations(self) -> tuple[Recommendation, ...]:
        return self.recommendations[:3]


# --- rules --------------------------------------------------------------------------------


def band_for(score: Decimal, bands: tuple[rubric.Band, ...]) -> str:
    """The first band whose minimum the score reaches; the last band has no minimum."""
    for band in bands:
        if band.minimum is None or score >= band.minimum:
            return band.id
    raise AssertionError("the last band must have no minimum")


def score_validation(validation: FrozenMap) -> ValidationScore:
    dims = []
    for d in rubric.DIMENSIONS:
        criteria = tuple(Scored(i, validation[d.id][i]) for i in d.item_ids)
        score = sum((c.score for c in criteria), Decimal(0))
        dims.append(
            DimensionScore(
                d.id,
                score,
                rubric.DIMENSION_MAX,
                band_for(score, rubric.DIMENSION_BANDS),
                criteria,
            )
        )
    total = sum((d.score for d in dims), Decimal(0))
    return ValidationScore(
        total=total,
        max=rubric.VALIDATION_MAX,
        band=band_for(total, rubric.TOTAL_BANDS),
        dimensions=tuple(dims),
        # max and min return the first of equal values: ties go to the earlier dimension.
        strongest=max(dims, key=lambda d: d.score).id,
        weakest=min(dims, key=lambda d: d.score).id,
    )


_ONE_DECIMAL = Decimal("0.1")


def score_advantages(advantages: FrozenMap) -> AdvantagesScore:
    types = []
    for t in rubric.ADVANTAGE_TYPES:
        items = tuple(Scored(i, advantages[t.id][i]) for i in t.item_ids)
        mean = sum((i.score for i in items), Decimal(0)) / len(items)
        # Half up, as a consultant rounds by hand (6.25 -> 6.3); the tier is read off
        # the rounded score, as the spec says.
        score = mean.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)
        types.append(
            AdvantageScore(t.id, score, band_for(score, rubric.SUSTAINABILITY_TIERS), items)
        )
    high = sum(1 for t in types if t.tier == "high")
    return AdvantagesScore(
        types=tuple(types),
        layered=high >= rubric.LAYERED_MIN_HIGH_TYPES,
        high_count=high,
        strongest=max(types, key=lambda t: t.score).id,
        weakest=min(types, key=lambda t: t.score).id,
    )


def most_severe(tiers) -> str:
    """The most severe risk tier among tiers; 'unassessed' when none is a severity."""
    present = set(tiers)
    for tier in rubric.RISK_SEVERITY:
        if tier in present:
            return tier
    return "unassessed"


def score_market(market) -> tuple[Decimal, str]:
    c = market.criteria
    points = rubric.ENTRY_COST_REVERSE - c["entry_cost"]
    score = (
        c["regulatory_environment"]
        + c["competitive_landscape"]
        + c["cultural_fit"]
        + c["market_size"]
    ) + points
    return score, points


def score_expansion(expansion: Expansion) -> ExpansionScore:
    scored = []
    for m in expansion.markets:
        score, points = score_market(m)
        factors = tuple(RiskFactorTier(f, rubric.RISK_FACTOR_TIER[f]) for f in m.risk_factors)
        scored.append((m, score, points, factors))
    # Highest score first; ties by name (case-insensitively, then exactly, so the order
    # is total and does not depend on the order of the file).
    scored.sort(key=lambda s: (-s[1], s[0].name.casefold(), s[0].name))
    markets = tuple(
        MarketScore(
            rank=rank,
            name=m.name,
            region=m.region,
            score=score,
            max=rubric.MARKET_MAX,
            risk_tier=most_severe(f.tier for f in factors),
            criteria=tuple(Scored(k, v) for k, v in m.criteria.items()),
            entry_cost_points=points,
            risk_factors=factors,
        )
        for rank, (m, score, points, factors) in enumerate(scored, start=1)
    )
    planned_regions = {m.region for m in expansion.markets}
    compliance = []
    for group in rubric.COMPLIANCE:
        given = expansion.compliance.get(group.id)
        items = tuple((i, bool(given and given[i])) for i in group.item_ids)
        planned = group.id in planned_regions
        compliance.append(
            ComplianceRegion(
                region=group.id,
                assessed=given is not None,
                items=items,
                done=sum(1 for _, ok in items if ok),
                total=len(items),
                market_planned=planned,
                gaps=tuple(i for i, ok in items if not ok) if planned else (),
            )
        )
    entry = expansion.entry_strategy
    return ExpansionScore(
        risk_tier=most_severe(m.risk_tier for m in markets),
        markets=markets,
        compliance=tuple(compliance),
        runway_months=expansion.runway_months,
        direct=entry.direct if entry else None,
        partnership=entry.partnership if entry else None,
        localization=entry.localization if entry else (),
        local_team=entry.local_team if entry else (),
        compliance_timeline_months=entry.compliance_timeline_months if entry else None,
    )


def score_lessons(expansion: Expansion | None) -> tuple[LessonResult, ...]:
    if expansion is None:
        return tuple(LessonResult(x.id, False, "no_expansion", None) for x in rubric.LESSONS)
    entry = expansion.entry_strategy
    limits = {x.id: x.threshold for x in rubric.LESSONS}

    def below(value, limit, lesson_id):
        if value is None:
            return LessonResult(lesson_id, False, "not_given", None)
        applies = value < limit
        return LessonResult(lesson_id, applies, "applies" if applies else "fine", value)

    count = len(expansion.markets)
    too_many = count > limits["focus_markets"]
    partnership = entry.partnership if entry else None
    return (
        LessonResult("focus_markets", too_many, "applies" if too_many else "fine", count),
        below(
            entry.compliance_timeline_months if entry else None,
            limits["preparation_time"],
            "preparation_time",
        ),
        # The spec: applies when partnership "is not true", so an absent answer applies too.
        LessonResult(
            "local_partners",
            partnership is not True,
            "fine" if partnership is True else "applies",
            partnership,
        ),
        below(expansion.runway_months, limits["runway"], "runway"),
    )


CULTURAL_FIT_WEAK = Decimal(5)


def score_failure_factors(expansion: Expansion | None) -> tuple[FailureFactorResult, ...]:
    """The case study's four failure factors, as far as the answers show them."""
    if expansion is None:
        return tuple(FailureFactorResult(f.id, False, (), 0) for f in rubric.FAILURE_FACTORS)
    entry = expansion.entry_strategy
    eu = expansion.compliance.get("eu")
    apac = expansion.compliance.get("apac")
    markets = expansion.markets
    # An EU market while GDPR is not in place is the case's €2 million mistake.
    blind = tuple(m.name for m in markets if m.region == "eu" and not (eu and eu["gdpr"] is True))
    localizes_culture = bool(entry and "culture" in entry.localization)
    mismatch = tuple(
        m.name
        for m in markets
        if not localizes_culture
        and (
            m.criteria["cultural_fit"] < CULTURAL_FIT_WEAK
            or "complex_cultural_adaptation" in m.risk_factors
        )
    )
    dilution = len(markets) > rubric.LESSONS[0].threshold
    # Partners chosen without knowing what a local partner must bring: a partnership is
    # planned for APAC markets while their partner requirements are not identified.
    partner = tuple(
        m.name
        for m in markets
        if m.region == "apac"
        and entry is not None
        and entry.partnership is True
        and not (apac and apac["local_partner_requirements"] is True)
    )
    return (
        FailureFactorResult("regulatory_blindness", bool(blind), blind, len(markets)),
        FailureFactorResult("cultural_mismatch", bool(mismatch), mismatch, len(markets)),
        FailureFactorResult("resource_dilution", dilution, (), len(markets)),
        FailureFactorResult("partner_failure", bool(partner), partner, len(markets)),
    )


def _check(check_id: str, value: Decimal | None) -> BenchmarkCheck:
    b = rubric.by_id(rubric.BENCHMARKS)[check_id]
    if value is None:
        status = "unassessed"
    elif value < b.low:
        status = "below"
    elif value > b.high:
        status = "above"
    else:
        status = "within"
    return BenchmarkCheck(check_id, value, b.low, b.high, status)


def score_monetization(m: Monetization) -> MonetizationScore:
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


def score_checklist(flags: FrozenMap) -> ChecklistScore:
    items = tuple((k, bool(v)) for k, v in flags.items())
    return ChecklistScore(items, sum(1 for _, ok in items if ok), len(items))


# --- recommendations -----------------------------------------------------------------------
# Urgency: what can sink the business or break the law first, then what blocks scaling,
# then what weakens it. Ties keep the order below. Messages live in rubric.RECOMMENDATIONS.


def recommend(
    validation: ValidationScore,
    advantages: AdvantagesScore | None,
    monetization: MonetizationScore | None,
    expansion: ExpansionScore | None,
    csf: ChecklistScore | None,
    lessons: tuple[LessonResult, ...],
    factors: tuple[FailureFactorResult, ...],
) -> tuple[Recommendation, ...]:
    out: list[Recommendation] = []

    def add(rec_id: str, urgency: int, **params) -> None:
        out.append(Recommendation(rec_id, urgency, FrozenMap(params)))

    factor = {f.id: f for f in factors}
    lesson = {x.id: x for x in lessons}
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


def _weakest(d: DimensionScore) -> tuple[str, ...]:
    """The one or two lowest-scored criteria of a dimension, in rubric order."""
    lows = sorted(d.criteria, key=lambda c: c.score)[:2]
    return tuple(c.id for c in d.criteria if c in lows)


# --- entry point --------------------------------------------------------------------------


def score(answers: Answers) -> Scores:
    validation = score_validation(answers.validation)
    advantages = score_advantages(answers.advantages) if answers.advantages is not None else None
    monetization = (
        score_monetization(answers.monetization) if answers.monetization is not None else None
    )
    expansion = score_expansion(answers.expansion) if answers.expansion is not None else None
    csf = (
        score_checklist(answers.critical_success_factors)
        if answers.critical_success_factors is not None
        else None
    )
    bm = answers.business_model
    business_model = (
        BusinessModelScore(
            bm.type,
            bm.positioning,
            bm.pattern,
            rubric.by_id(rubric.PATTERNS)[bm.pattern].family if bm.pattern else None,
        )
        if bm is not None
        else None
    )
    lessons = score_lessons(answers.expansion)
    factors = score_failure_factors(answers.expansion)
    return Scores(
        schema_version=answers.schema_version,
        validation=validation,
        advantages=advantages,
        business_model=business_model,
        monetization=monetization,
        expansion=expansion,
        critical_success_factors=csf,
        lessons=lessons,
        failure_factors=factors,
        recommendations=recommend(
            validation, advantages, monetization, expansion, csf, lessons, factors
        ),
    )


# --- JSON ---------------------------------------------------------------------------------


def number(value: Decimal | None) -> int | float | None:
    """A JSON number: an integer where the value is whole."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def to_json(s: Scores) -> dict:
    """The spec's "Score output": absent sections are null."""
    v = s.validation
    out: dict[str, Any] = {
        "schema_version": s.schema_version,
        "validation": {
            "total": number(v.total),
            "max": number(v.max),
            "band": v.band,
            "strongest": v.strongest,
            "weakest": v.weakest,
            "dimensions": {
                d.id: {
                    "score": number(d.score),
                    "max": number(d.max),
                    "band": d.band,
                    "criteria": {c.id: number(c.score) for c in d.criteria},
                }
                for d in v.dimensions
            },
        },
        "advantages": None,
        "business_model": None,
        "monetization": None,
        "expansion": None,
        "critical_success_factors": None,
    }
    if s.advantages is not None:
        a = s.advantages
        out["advantages"] = {
            "types": {t.id: {"score": number(t.score), "max": 10, "tier": t.tier} for t in a.types},
            "layered": a.layered,
            "strongest": a.strongest,
            "weakest": a.weakest,
        }
    if s.business_model is not None:
        b = s.business_model
        out["business_model"] = {
            "type": b.type,
            "positioning": b.positioning,
            "pattern": b.pattern,
            "pattern_family": b.pattern_family,
        }
    if s.monetization is not None:
        m = s.monetization
        out["monetization"] = {
            "primary_stream": m.primary_stream,
            "streams": list(m.streams),
            "checks": {
                c.id: {
                    "value": number(c.value),
                    "low": number(c.low),
                    "high": number(c.high),
                    "status": c.status,
                }
                for c in m.checks
            },
            "pricing_process": {"done": m.pricing_process_done, "total": len(m.pricing_process)},
        }
    if s.expansion is not None:
        e = s.expansion
        out["expansion"] = {
            "risk_tier": e.risk_tier,
            "markets": [
                {
                    "rank": mk.rank,
                    "name": mk.name,
                    "region": mk.region,
                    "score": number(mk.score),
                    "max": number(mk.max),
                    "risk_tier": mk.risk_tier,
                }
                for mk in e.markets
            ],
            "compliance": {
                r.region: {
                    "done": r.done,
                    "total": r.total,
                    "market_planned": r.market_planned,
                    "gaps": list(r.gaps),
                }
                for r in e.compliance
            },
        }
    if s.critical_success_factors is not None:
        c = s.critical_success_factors
        out["critical_success_factors"] = {"met": c.met, "total": c.total}
    out["lessons"] = [{"id": x.id, "applies": x.applies} for x in s.lessons]
    out["failure_factors"] = [{"id": f.id, "shows": f.shows} for f in s.failure_factors]
    out["recommendations"] = [r.id for r in s.recommendations]
    return out
