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
    # Whether the product puts generated content before people (text, images, ads):
    # decides which compliance advice fits; unanswered, the business model type decides
    # where it can.
    generates_content: bool | None = None


@dataclass(frozen=True)
class FamilyFitResult:
    family: str
    # Each condition of the selection framework: True, False, or None where the answers
    # it reads are not given (unknown is not "no": it neither meets nor fails a condition).
    met: tuple[bool | None, ...]
    fits: bool | None  # None: the unknown conditions decide it

    @property
    def count(self) -> int:
        return sum(1 for m in self.met if m is True)

    @property
    def unknown(self) -> int:
        return sum(1 for m in self.met if m is None)


@dataclass(frozen=True)
class BusinessModelScore:
    type: str
    positioning: str
    pattern: str | None
    pattern_family: str | None
    families: tuple[FamilyFitResult, ...]  # every pattern group against the answers
    pattern_fits: bool | None  # the chosen pattern's group fits; None without a pattern
    best_family: str  # the group that meets the most conditions (ties: the study's order)
    platform_indicators: tuple[bool | None, ...]  # None: the answers it reads are not given
    positioning_fits: bool | None  # None: the unknown indicators decide it

    @property
    def indicators_met(self) -> int:
        return sum(1 for m in self.platform_indicators if m is True)

    @property
    def indicators_unknown(self) -> int:
        return sum(1 for m in self.platform_indicators if m is None)


def passes(test: rb.Test, answers: Answers) -> bool | None:
    """Whether an answer passes a selection test; None where the answer is not given."""
    if test.op == "streams>=":
        m = answers.answer("monetization")
        if m is None:
            return None
        streams = {m["primary_stream"], *m.get("secondary_streams", ())}
        return len(streams) >= int(test.operand)
    value = answers.answer(test.path)
    if value is None:
        return None
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


def met(conditions: tuple[rb.Condition, ...], answers: Answers) -> tuple[bool | None, ...]:
    """Each condition: met when one of its tests passes, not met when every test fails,
    unknown otherwise."""
    out: list[bool | None] = []
    for c in conditions:
        results = [passes(t, answers) for t in c.tests]
        out.append(True if True in results else None if None in results else False)
    return tuple(out)


def at_least(met_: tuple[bool | None, ...], needed: int) -> bool | None:
    """Whether at least `needed` conditions are met: None when the unknown ones decide."""
    yes = sum(1 for m in met_ if m is True)
    unknown = sum(1 for m in met_ if m is None)
    if yes >= needed:
        return True
    return False if yes + unknown < needed else None


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
            schema.Field(
                "generates_content",
                schema.Boolean(
                    title=_("Generates content"),
                    description=_(
                        "Whether the product shows people content it generates (text, images, "
                        "ads), as opposed to decisions or forecasts"
                    ),
                ),
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
                FamilyFitResult(
                    fit.family, conditions, at_least(conditions, rb.FIT_MIN_CONDITIONS)
                )
            )
        best = max(families, key=lambda f: f.count)  # ties: the first, in the study's order
        chosen = next((f for f in families if f.family == family), None)
        indicators = met(rb.PLATFORM_INDICATORS, answers)
        not_all = at_least(tuple(None if m is None else not m for m in indicators), 1)
        positioning_fits = {
            "platform": at_least(indicators, rb.PLATFORM_MIN_INDICATORS),
            "product": not_all,
            "hybrid": at_least(indicators, 1),
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
        # Advice only where another pattern group suits the answers better, and never on a
        # condition left unanswered (fits is None then).
        if chosen is not None and chosen.fits is False and best.count > chosen.count:
            out.append(finding("business_model.pattern#mismatch", count=chosen.count))
        if result.positioning_fits is False:
            out.append(
                finding("business_model.positioning#mismatch", count=result.indicators_met)
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
                    f.family: {"met": f.count, "unknown": f.unknown, "fits": f.fits}
                    for f in result.families
                },
                "platform_indicators": result.indicators_met,
                "platform_indicators_unknown": result.indicators_unknown,
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
                            # The later conditions lowered, as after any semicolon.
                            "; ".join(
                                inline(t(c.label)) if i else t(c.label)
                                for i, c in enumerate(
                                    c
                                    for c, ok in zip(FIT[f.family].conditions, f.met, strict=True)
                                    if ok
                                )
                            )
                            or t(_("No condition met")),
                        ),
                        Cell(
                            p.score(Decimal(f.count), len(f.met)),
                            badge=Badge("check-yes", t(_("Fits")))
                            if f.fits
                            else Badge("check-none", t(_("Does not fit")))
                            if f.fits is False
                            else Badge("check-none", t(_("Cannot tell"))),
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
        "best_met": p.f.number(best.count),
        "total": p.f.number(len(best.met)),
    }
    if result.pattern_family is None:
        # A count of zero has its own wording: "meets 0 of its 3" reads as a form, not a finding.
        if best.count:
            message = _(
                "No success pattern was chosen; the closest pattern group is the %(best)s, as "
                "%(client)s meets %(best_met)s of its %(total)s selection conditions."
            )
        else:
            message = _(
                "No success pattern was chosen, and %(client)s's answers meet none of the "
                "selection conditions of any pattern group."
            )
    else:
        chosen = by_family[result.pattern_family]
        values |= {
            "family": inline(t(FAMILY[chosen.family].label)),
            "met": p.f.number(chosen.count),
            "unknown": p.f.number(chosen.unknown),
        }
        # The client meets the conditions, not the pattern group.
        if result.pattern_fits:
            message = _(
                "The chosen pattern belongs to the %(family)s; %(client)s meets %(met)s of its "
                "%(total)s selection conditions: the pattern fits."
            )
        elif result.pattern_fits is None and chosen.count:
            message = _(
                "The chosen pattern belongs to the %(family)s; %(client)s meets %(met)s of its "
                "%(total)s selection conditions, and %(unknown)s more cannot be judged without an "
                "answer, so whether the pattern fits cannot be judged yet."
            )
        elif result.pattern_fits is None:
            message = _(
                "The chosen pattern belongs to the %(family)s; %(client)s meets none of its "
                "%(total)s selection conditions so far, and %(unknown)s cannot be judged without "
                "an answer, so whether the pattern fits cannot be judged yet."
            )
        elif best.count > chosen.count:
            message = (
                _(
                    "The chosen pattern belongs to the %(family)s; %(client)s meets only %(met)s "
                    "of its %(total)s selection conditions, but %(best_met)s of those of the "
                    "%(best)s: the choice of pattern should be revisited."
                )
                if chosen.count
                else _(
                    "The chosen pattern belongs to the %(family)s; %(client)s meets none of its "
                    "%(total)s selection conditions, but %(best_met)s of those of the %(best)s: "
                    "the choice of pattern should be revisited."
                )
            )
        else:
            message = (
                _(
                    "The chosen pattern belongs to the %(family)s; %(client)s meets only %(met)s "
                    "of its %(total)s selection conditions, and no other group fits better: the "
                    "capabilities the pattern needs have yet to be built."
                )
                if chosen.count
                else _(
                    "The chosen pattern belongs to the %(family)s; %(client)s meets none of its "
                    "%(total)s selection conditions, and no other group fits better: the "
                    "capabilities the pattern needs have yet to be built."
                )
            )
    return t(message) % values


def positioning_verdict(p: Presenter, result: BusinessModelScore) -> str:
    count = result.indicators_met
    # A count of zero has its own wording ("none of the 3 ..."), never "0 of the 3".
    if result.positioning_fits is None:
        return p.t(
            _(
                "%(count)s of the %(total)s platform indicators are met and %(unknown)s cannot be "
                "judged without an answer, so the positioning cannot be judged yet."
            )
            if count
            else _(
                "None of the %(total)s platform indicators is met so far, and %(unknown)s cannot "
                "be judged without an answer, so the positioning cannot be judged yet."
            )
        ) % {
            "count": p.f.number(count),
            "total": p.f.number(len(result.platform_indicators)),
            "unknown": p.f.number(result.indicators_unknown),
        }
    messages = {
        ("platform", True): _(
            "%(count)s of the %(total)s platform indicators are met, which supports the platform "
            "positioning; platforms put 30-40 percent of their resources into community, "
            "developer relations and ecosystem."
        ),
        ("platform", False): _(
            "Only %(count)s of the %(total)s platform indicators are met: the answers support a "
            "product positioning more than the platform one chosen."
        )
        if count
        else _(
            "None of the %(total)s platform indicators is met: the answers support a product "
            "positioning more than the platform one chosen."
        ),
        ("product", True): _(
            "%(count)s of the %(total)s platform indicators are met, which supports the product "
            "positioning: a controlled experience for a focused use case."
        )
        if count
        else _(
            "None of the %(total)s platform indicators is met, which supports the product "
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
