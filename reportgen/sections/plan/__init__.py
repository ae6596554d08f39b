"""The action plan: the recommendations arranged in the implementation phases of the
success-pattern study (before any launch; months 0-6, foundation; months 6-18,
optimisation and scaling; from month 18, evolution), with owners, horizons and the
metrics to watch, and a timeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import advice as rb
from ...blocks import charts
from ...blocks.rubric import _
from ...blocks.section import Section
from ...blocks.views import Cell, Chart, Table, doc
from ...model import Answers
from .. import groups
from .. import recommendations as recs

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

MONTHS = 36  # the timeline's longest span: the plan's first three years


@dataclass(frozen=True)
class PhaseView:
    """One phase of the plan and the recommendations it holds."""

    id: str = doc("the phase's id: pre_launch, foundation, optimisation, evolution")
    title: str = doc("the phase's name and months")
    table: Table = doc(
        "its recommendations: number, title, owner, when, what it waits for, metrics"
    )


@dataclass(frozen=True)
class PlanView:
    intro: str = doc("a sentence on how the plan is arranged")
    chart: Chart = doc("the plan as a timeline, one bar per recommendation")
    phases: tuple[PhaseView, ...] = doc("the phases that hold a recommendation, in order")


class Plan(Section[None, None]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "plan"
    title = _("Action plan")
    order = 95
    view_type = PlanView
    method = (
        (
            _("Action plan"),
            _(
                "Each recommendation starts once the recommendations it depends on are done (funding, market choice and compliance before a launch abroad; pricing evidence and unit economics before growth spending) and once its owner carries fewer than three actions at a time; it then sits in the phase of the month it starts: the foundation (months 0-6), optimisation and scaling (months 6-18) or evolution (from month 18), after the implementation phases of the success-pattern study. What must be in place before a launch abroad is its own phase."
            ),
        ),
    )

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> None:
        return None

    def to_json(self, result: None) -> dict[str, Any]:
        return {}

    def assessed(self, result: None) -> bool:
        return True

    def present(self, p: Presenter, result: None) -> PlanView:
        given = recs.SECTION.result(p.s)
        assert given is not None
        all_recs = recs.client(given)
        t = p.t
        numbered = list(enumerate(all_recs, start=1))
        number = {r.id: n for n, r in numbered}

        def waits_for(r: recs.Recommendation) -> str:
            return p.f.list(p.f.number(number[d]) for d in r.after) if r.after else "–"
        phases = []
        for phase in rb.PHASES:
            rows = tuple(
                (
                    Cell(p.f.number(n), numeric=True),
                    # The recommendation is stated in full once, in its chapter; here by
                    # its number and title.
                    Cell(t(groups()[r.id].title), strong=False),
                    Cell(t(recs.ROLE[r.owner].label)),
                    Cell(recs.horizon(p, r)),
                    Cell(waits_for(r), numeric=True),
                    Cell(p.f.labels(t(recs.KPI[k].label) for k in r.kpis)),
                )
                for n, r in numbered
                if r.phase == phase.id
            )
            if rows:
                phases.append(
                    PhaseView(
                        phase.id,
                        t(phase.label),
                        Table(
                            caption=t(phase.label),
                            head=(
                                t(_("No.")),
                                t(_("Action")),
                                t(_("Owner")),
                                t(_("When")),
                                t(_("After no.")),
                                t(_("Metrics to watch")),
                            ),
                            rows=rows,
                        ),
                    )
                )
        spans = [
            charts.Span(
                t(_("%(number)s. %(title)s (after %(numbers)s)"))
                % {
                    "number": p.f.number(n),
                    "title": t(groups()[r.id].title),
                    "numbers": waits_for(r),
                }
                if r.after
                else f"{p.f.number(n)}. {t(groups()[r.id].title)}",
                r.horizon[0],
                r.horizon[1],
                r.phase,
            )
            for n, r in numbered
        ]
        legend = [
            (ph.id, t(ph.label)) for ph in rb.PHASES if any(r.phase == ph.id for r in all_recs)
        ]
        # The axis ends with the last action (in quarters), not at an empty 24th month.
        last = max((r.horizon[1] for _n, r in numbered), default=MONTHS)
        months = min(MONTHS, max(6, -(-last // 3) * 3))
        svg = charts.timeline_chart(
            spans,
            months,
            tick_label=p.f.number,
            phases=legend,
            axis_title=t(_("Months from the assessment date")),
        )
        return PlanView(
            intro=t(
                _(
                    "The recommendations in the order of the implementation phases, with the role that owns each, when it runs in months from the assessment date, the recommendations it waits for, and the metrics that show progress. Each is stated in full, by its number, in the recommendations chapter."
                )
            ),
            chart=Chart(
                t(_("The plan over the next %(months)s months")) % {"months": p.f.number(months)},
                svg,
            ),
            phases=tuple(phases),
        )


SECTION = Plan()
