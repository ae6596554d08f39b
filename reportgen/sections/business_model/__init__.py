"""The business model (seed 002's eleven), its positioning and its success pattern (seed 001)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import advice, schema
from ...blocks.findings import Finding, finding
from ...blocks.rubric import _, by_id
from ...blocks.section import Section
from ...blocks.views import Badge, Cell, Note, Table, doc, inline
from ...model import Answers
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

MODEL = by_id(rb.BUSINESS_MODELS)
PATTERN = by_id(rb.PATTERNS)
FAMILY = by_id(rb.PATTERN_FAMILIES)
POSITIONING = by_id(rb.POSITIONINGS)
FIT = {f.family: f for f in rb.PATTERN_SELECTION}
KPI = by_id(advice.KPIS)


@dataclass(frozen=True)
class BusinessModelAnswer:
    type: str
    positioning: str
    pattern: str | None = None


@dataclass(frozen=True)
class FamilyFitResult:
    family: str
    met: tuple[bool, ...]  # each condition of the selection framework
    fits: bool


@dataclass(frozen=True)
class BusinessModelScore:
    type: str
    positioning: str
    pattern: str | None
    pattern_family: str | None
    families: tuple[FamilyFitResult, ...]  # every pattern group against the answers
    pattern_fits: bool | None  # the chosen pattern's group fits; None without a pattern
    best_family: str  # the group that meets the most conditions (ties: the study's order)
    platform_indicators: tuple[bool, ...]
    positioning_fits: bool


def passes(test: rb.Test, answers: Answers) -> bool:
    """Whether an answer passes a selection test; an answer not given never does."""
    if test.op == "streams>=":
        m = answers.answer("monetization")
        if m is None:
            return False
        streams = {m["primary_stream"], *m.get("secondary_streams", ())}
        return len(streams) >= int(test.operand)
    value = answers.answer(test.path)
    if value is None:
        return False
    if test.op == ">=":
        return isinstance(value, Decimal) and value >= Decimal(test.operand)
    if test.op == "==":
        # True is 1 in Python: a boolean test passes only on a boolean answer.
        return type(value) is type(test.operand) and bool(value == test.operand)
    if test.op == "in":
        return value in test.operand
    if test.op == "has":
        return isinstance(value, tuple) and test.operand in value
    raise ValueError(f"unknown test operator {test.op!r}")


def met(conditions: tuple[rb.Condition, ...], answers: Answers) -> tuple[bool, ...]:
    return tuple(any(passes(t, answers) for t in c.tests) for c in conditions)


@dataclass(frozen=True)
class PatternView:
    label: str = doc("the success pattern's name")
    exemplar: str = doc("the company whose case defines the pattern")
    family: str = doc("the pattern's group: platform, API, community or hybrid")
    phases: tuple[tuple[str, tuple[str, ...]], ...] = doc(
        "the pattern's phases: (title with its period, actions)"
    )
    metrics_heading: str = doc("the heading of the reference company's figures, naming it")
    metrics: tuple[str, ...] = doc("the reference company's published figures (not the client's)")
    success_factors: tuple[str, ...] = doc("the pattern's critical success factors")


@dataclass(frozen=True)
class BusinessModelView:
    model: str = doc("the business model's name")
    fit: str = doc("when this model suits a product, with an example")
    positioning: str = doc("platform, product or hybrid")
    positioning_explanation: str = doc("what the positioning implies")
    challenges: Table = doc("the model's challenges and their scaling solutions")
    pattern: PatternView | None = doc("the chosen success pattern, or None")
    pattern_fit: Table = doc("each pattern group: the selection conditions the answers meet")
    fit_verdict: str = doc("whether the chosen pattern fits the answers, and why")
    positioning_verdict: str = doc(
        "whether the platform-or-product criteria support the positioning"
    )
    universal: tuple[tuple[str, str], ...] = doc(
        "success factors common to every pattern: (name, what it takes)"
    )
    kpis: tuple[str, ...] = doc("the metrics to track for this business model")
    note: Note | None = doc("the consultant's note on the business model, or None")


class BusinessModelSection(Section[BusinessModelAnswer, BusinessModelScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "business_model"
    title = _("Business model and success pattern")
    order = 30
    view_type = BusinessModelView
    note = "text"
    rubric_modules = (rb,)
    schema = schema.Fields(
        fields=(
            schema.Field(
                "type", schema.choice(rb.BUSINESS_MODELS, _("Business model")), required=True
            ),
            schema.Field(
                "positioning", schema.choice(rb.POSITIONINGS, _("Positioning")), required=True
            ),
            schema.Field(
                "pattern", schema.choice(rb.PATTERNS, _("Success pattern"), nullable=True)
            ),
        )
    )

    def build(self, checked: dict[str, Any]) -> BusinessModelAnswer:
        return BusinessModelAnswer(**checked)

    def score(
        self, value: BusinessModelAnswer | None, answers: Answers, results: dict[str, Any]
    ) -> BusinessModelScore | None:
        if value is None:
            return None
        family = PATTERN[value.pattern].family if value.pattern else None
        families = []
        for fit in rb.PATTERN_SELECTION:
            conditions = met(fit.conditions, answers)
            families.append(
                FamilyFitResult(fit.family, conditions, sum(conditions) >= rb.FIT_MIN_CONDITIONS)
            )
        best = max(families, key=lambda f: sum(f.met))  # ties: the first, in the study's order
        chosen = next((f for f in families if f.family == family), None)
        indicators = met(rb.PLATFORM_INDICATORS, answers)
        platform = sum(indicators) >= rb.PLATFORM_MIN_INDICATORS
        positioning_fits = {
            "platform": platform,
            "product": sum(indicators) < len(indicators),
            "hybrid": any(indicators),
        }[value.positioning]
        return BusinessModelScore(
            type=value.type,
            positioning=value.positioning,
            pattern=value.pattern,
            pattern_family=family,
            families=tuple(families),
            pattern_fits=None if chosen is None else chosen.fits,
            best_family=best.family,
            platform_indicators=indicators,
            positioning_fits=positioning_fits,
        )

    def findings(
        self, result: BusinessModelScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        if result is None:
            return ()
        out = []
        chosen = next((f for f in result.families if f.family == result.pattern_family), None)
        best = next(f for f in result.families if f.family == result.best_family)
        # Advice only where another pattern group suits the answers better.
        if chosen is not None and not chosen.fits and sum(best.met) > sum(chosen.met):
            out.append(finding("business_model.pattern#mismatch", count=sum(chosen.met)))
        if not result.positioning_fits:
            out.append(
                finding(
                    "business_model.positioning#mismatch", count=sum(result.platform_indicators)
                )
            )
        return tuple(out)

    def to_json(self, result: BusinessModelScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {
            self.id: {
                "type": result.type,
                "positioning": result.positioning,
                "pattern": result.pattern,
                "pattern_family": result.pattern_family,
                "pattern_fits": result.pattern_fits,
                "best_family": result.best_family,
                "families": {
                    f.family: {"met": sum(f.met), "fits": f.fits} for f in result.families
                },
                "platform_indicators": sum(result.platform_indicators),
                "positioning_fits": result.positioning_fits,
            }
        }

    def present(self, p: Presenter, result: BusinessModelScore | None) -> BusinessModelView | None:
        if result is None:
            return None
        t = p.t
        model = MODEL[result.type]
        pattern_view = None
        if result.pattern:
            pat = PATTERN[result.pattern]
            pattern_view = PatternView(
                label=t(pat.label),
                exemplar=pat.exemplar,
                family=t(FAMILY[pat.family].label),
                phases=tuple(
                    (
                        t(ph.label) + (f" ({t(ph.period)})" if ph.period else ""),
                        tuple(t(a) for a in ph.actions),
                    )
                    for ph in pat.phases
                ),
                metrics_heading=t(
                    _("Published figures of %(company)s, the reference case (not the client's)")
                )
                % {"company": pat.exemplar},
                metrics=tuple(t(m) for m in pat.metrics),
                success_factors=tuple(t(s) for s in pat.success_factors),
            )
        return BusinessModelView(
            model=t(model.label),
            fit=t(model.fit),
            positioning=t(POSITIONING[result.positioning].label),
            positioning_explanation=t(POSITIONING[result.positioning].explanation),
            challenges=Table(
                caption=t(_("Challenges and scaling solutions")),
                head=(t(_("Challenge")), t(_("Scaling solution"))),
                rows=tuple((Cell(t(c.challenge)), Cell(t(c.solution))) for c in model.challenges),
            ),
            pattern=pattern_view,
            pattern_fit=Table(
                caption=t(_("Pattern selection: the conditions %(client)s meets"))
                % {"client": p.a.client.name},
                head=(t(_("Pattern group")), t(_("Conditions met")), t(_("Result"))),
                rows=tuple(
                    (
                        Cell(
                            t(FAMILY[f.family].label),
                            strong=f.family == result.pattern_family,
                        ),
                        Cell(
                            "; ".join(
                                t(c.label)
                                for c, ok in zip(FIT[f.family].conditions, f.met, strict=True)
                                if ok
                            )
                            or t(_("No condition met")),
                        ),
                        Cell(
                            p.score(Decimal(sum(f.met)), len(f.met)),
                            badge=Badge("check-yes", t(_("Fits")))
                            if f.fits
                            else Badge("check-none", t(_("Does not fit"))),
                        ),
                    )
                    for f in result.families
                ),
            ),
            fit_verdict=fit_verdict(p, result),
            positioning_verdict=positioning_verdict(p, result),
            universal=tuple((t(u.label), t(u.explanation)) for u in rb.UNIVERSAL_FACTORS),
            kpis=tuple(t(KPI[k].label) for k in rb.MODEL_KPIS[result.type]),
            note=p.note(self.id),
        )


def fit_verdict(p: Presenter, result: BusinessModelScore) -> str:
    t = p.t
    by_family = {f.family: f for f in result.families}
    best = by_family[result.best_family]
    values = {
        "client": p.a.client.name,
        "best": inline(t(FAMILY[best.family].label)),
        "best_met": p.f.number(sum(best.met)),
        "total": p.f.number(len(best.met)),
    }
    if result.pattern_family is None:
        message = _(
            "No success pattern was chosen; on %(client)s's answers the closest pattern group is "
            "the %(best)s, which meets %(best_met)s of its %(total)s selection conditions."
        )
    else:
        chosen = by_family[result.pattern_family]
        values |= {
            "family": inline(t(FAMILY[chosen.family].label)),
            "met": p.f.number(sum(chosen.met)),
        }
        if result.pattern_fits:
            message = _(
                "The chosen pattern belongs to the %(family)s, which meets %(met)s of its "
                "%(total)s selection conditions on %(client)s's answers: the pattern fits."
            )
        elif sum(best.met) > sum(chosen.met):
            message = _(
                "The chosen pattern belongs to the %(family)s, which meets only %(met)s of its "
                "%(total)s selection conditions on %(client)s's answers, while the %(best)s meets "
                "%(best_met)s: the choice of pattern should be revisited."
            )
        else:
            message = _(
                "The chosen pattern belongs to the %(family)s, which meets only %(met)s of its "
                "%(total)s selection conditions on %(client)s's answers, and no other group meets "
                "more: the capabilities the pattern needs have yet to be built."
            )
    return t(message) % values


def positioning_verdict(p: Presenter, result: BusinessModelScore) -> str:
    count = sum(result.platform_indicators)
    messages = {
        ("platform", True): _(
            "%(count)s of the %(total)s platform indicators are met, which supports the platform "
            "positioning; platforms put 30-40 percent of their resources into community, "
            "developer relations and ecosystem."
        ),
        ("platform", False): _(
            "Only %(count)s of the %(total)s platform indicators are met: the answers support a "
            "product positioning more than the platform one chosen."
        ),
        ("product", True): _(
            "%(count)s of the %(total)s platform indicators are met, which supports the product "
            "positioning: a controlled experience for a focused use case."
        ),
        ("product", False): _(
            "All %(total)s platform indicators are met: a platform positioning, whose value grows "
            "with its community, deserves a look."
        ),
        ("hybrid", True): _(
            "%(count)s of the %(total)s platform indicators are met, enough platform elements to "
            "support a hybrid positioning."
        ),
        ("hybrid", False): _(
            "None of the %(total)s platform indicators is met: the hybrid positioning has no "
            "platform element yet to build on."
        ),
    }
    message = messages[(result.positioning, result.positioning_fits)]
    return p.t(message) % {
        "count": p.f.number(count),
        "total": p.f.number(len(result.platform_indicators)),
    }


SECTION = BusinessModelSection()
