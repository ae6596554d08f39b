"""The business model (seed 002's eleven), its positioning and its success pattern (seed 001)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Answers
from ..rubric import business_model as rb
from ..rubric.base import _, by_id, ids
from . import schema
from .base import Section
from .views import Cell, Note, Table, doc

if TYPE_CHECKING:
    from ..present.presenter import Presenter

MODEL = by_id(rb.BUSINESS_MODELS)
PATTERN = by_id(rb.PATTERNS)
FAMILY = by_id(rb.PATTERN_FAMILIES)
POSITIONING = by_id(rb.POSITIONINGS)


@dataclass(frozen=True)
class BusinessModelAnswer:
    type: str
    positioning: str
    pattern: str | None = None


@dataclass(frozen=True)
class BusinessModelScore:
    type: str
    positioning: str
    pattern: str | None
    pattern_family: str | None


@dataclass(frozen=True)
class PatternView:
    label: str = doc("the success pattern's name")
    exemplar: str = doc("the company whose case defines the pattern")
    family: str = doc("the pattern's group: platform, API, community or hybrid")
    phases: tuple[tuple[str, tuple[str, ...]], ...] = doc(
        "the pattern's phases: (title with its period, actions)"
    )
    metrics: tuple[str, ...] = doc("the reference company's validated metrics")
    success_factors: tuple[str, ...] = doc("the pattern's critical success factors")


@dataclass(frozen=True)
class BusinessModelView:
    model: str = doc("the business model's name")
    fit: str = doc("when this model suits a product, with an example")
    positioning: str = doc("platform, product or hybrid")
    positioning_explanation: str = doc("what the positioning implies")
    challenges: Table = doc("the model's challenges and their scaling solutions")
    pattern: PatternView | None = doc("the chosen success pattern, or None")
    note: Note | None = doc("the consultant's note on the business model, or None")


class BusinessModelSection(Section[BusinessModelAnswer, BusinessModelScore]):
    id = "business_model"
    title = _("Business model and success pattern")
    order = 30
    view_type = BusinessModelView
    note = "text"
    rubric_modules = (rb,)
    schema = schema.Fields(
        fields=(
            schema.Field("type", schema.Choice(ids=ids(rb.BUSINESS_MODELS)), required=True),
            schema.Field("positioning", schema.Choice(ids=ids(rb.POSITIONINGS)), required=True),
            schema.Field("pattern", schema.Choice(ids=ids(rb.PATTERNS), nullable=True)),
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
        return BusinessModelScore(value.type, value.positioning, value.pattern, family)

    def to_json(self, result: BusinessModelScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {
            self.id: {
                "type": result.type,
                "positioning": result.positioning,
                "pattern": result.pattern,
                "pattern_family": result.pattern_family,
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
            note=p.note(self.id),
        )


SECTION = BusinessModelSection()
