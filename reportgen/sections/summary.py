"""The executive summary: the total and its band, the strongest and weakest dimension,
the expansion risk and the most urgent recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Answers
from ..rubric.base import _
from . import recommendations
from .base import Section
from .expansion import SECTION as EXPANSION
from .validation import DIMENSION, TOTAL_BAND, dimension_chart
from .validation import SECTION as VALIDATION
from .views import Badge, Chart, Note, doc

if TYPE_CHECKING:
    from ..present.presenter import Presenter


@dataclass(frozen=True)
class SummaryView:
    total: str = doc("the total validation score, formatted")
    max: str = doc("the maximum total (160), formatted")
    band: Badge = doc("the total's band")
    interpretation: str = doc("what the band means, from the Vietnamese source")
    strongest: str = doc("the strongest validation dimension")
    weakest: str = doc("the weakest validation dimension")
    risk: Badge = doc("the expansion risk tier (not assessed without an expansion)")
    chart: Chart = doc("the four dimensions as a bar chart")
    recommendations: tuple[str, ...] = doc("the most urgent recommendations")
    note: Note | None = doc("the consultant's summary note, or None")


class Summary(Section[None, None]):
    id = "summary"
    title = _("Executive summary")
    order = 10
    view_type = SummaryView
    note = "text"

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> None:
        return None

    def to_json(self, result: None) -> dict[str, Any]:
        return {}

    def present(self, p: Presenter, result: None) -> SummaryView:
        v = VALIDATION.result(p.s)
        recs = recommendations.SECTION.result(p.s)
        assert v is not None and recs is not None
        e = EXPANSION.result(p.s)
        t = p.t
        return SummaryView(
            total=p.f.number(v.total),
            max=p.f.number(v.max),
            band=p.band(v.band),
            interpretation=t(TOTAL_BAND[v.band].meaning),
            strongest=t(DIMENSION[v.strongest].label),
            weakest=t(DIMENSION[v.weakest].label),
            risk=p.risk(e.risk_tier) if e is not None else p.not_assessed(),
            chart=dimension_chart([p], v),
            recommendations=tuple(recommendations.text(p, r) for r in recommendations.top(recs)),
            note=p.note(self.id),
        )


SECTION = Summary()
