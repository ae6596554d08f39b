"""The action plan: the recommendations arranged in the implementation phases of the
success-pattern study (before any launch; months 0-6, foundation; months 6-18,
optimisation and scaling; from month 18, evolution), with owners, horizons and the
metrics to watch, and a timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import advice as rb
from ...blocks import charts
from ...blocks.rubric import _
from ...blocks.section import Section
from ...blocks.views import Cell, Chart, Table, Tracker, TrackerRow, doc
from ...model import Answers
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
        "its recommendations: number, title, owner, when, what it waits for, metrics, and "
        "the budget where the consultant set budgets"
    )
    total: str | None = doc("the phase's budget, where budgets are set (else None)", None)


@dataclass(frozen=True)
class PlanView:
    intro: str = doc("a sentence on how the plan is arranged")
    chart: Chart = doc("the plan as a timeline, one bar per recommendation")
    phases: tuple[PhaseView, ...] = doc("the phases that hold a recommendation, in order")
    total: str | None = doc("the plan's whole budget, where budgets are set (else None)", None)
    budgeted: bool = doc("the consultant set budgets: the tables have a budget column", False)


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
            found = sorted(number[d] for d in r.after)
            return p.f.list(p.f.number(n) for n in found) if found else "–"

        # Money in the plan only where the consultant set budgets: a plan without them
        # reads as before.
        budgeted = any(r.decision is not None and r.decision.budget is not None for r in all_recs)
        phases = []
        for phase in rb.PHASES:
            members = [(n, r) for n, r in numbered if r.phase == phase.id]
            rows = tuple(
                (
                    Cell(p.f.number(n), numeric=True),
                    # The recommendation is stated in full once, in its chapter; here by
                    # its number and title.
                    Cell(recs.title(p, r), strong=False),
                    Cell(recs.owner(p, r)),
                    Cell(recs.when_and_status(p, r)),
                    Cell(waits_for(r), numeric=True),
                    Cell(p.f.labels(t(recs.KPI[k].label) for k in r.kpis)),
                    # Not numeric: a range wraps after its dash in a narrow column.
                    *((Cell(recs.budget(p, r) or "–"),) if budgeted else ()),
                )
                for n, r in members
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
                                *((t(_("Budget")),) if budgeted else ()),
                            ),
                            rows=rows,
                        ),
                        total=total(p, [r for _n, r in members])
                        if budgets([r for _n, r in members])[1]
                        else None,
                    )
                )
        spans = [
            charts.Span(
                t(_("%(number)s. %(title)s (after %(numbers)s)"))
                % {
                    "number": p.f.number(n),
                    "title": recs.title(p, r),
                    "numbers": waits_for(r),
                }
                if r.after
                else f"{p.f.number(n)}. {recs.title(p, r)}",
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
            tick_label=lambda m: p.f.month_tick(recs.add_months(p.a.assessment.date, m)),
            phases=legend,
            axis_title=t(_("From the assessment date, %(date)s"))
            % {"date": p.f.date(p.a.assessment.date)},
            t=t,
        )
        return PlanView(
            intro=t(
                _(
                    "The recommendations in the order of the implementation phases, with who owns each, when it runs, the recommendations it waits for, and the metrics that show progress. Each is stated in full, by its number, in the recommendations chapter."
                )
            ),
            chart=Chart(
                t(_("The plan over the next %(months)s months")) % {"months": p.f.number(months)},
                svg,
            ),
            phases=tuple(phases),
            total=total(p, all_recs) if budgeted else None,
            budgeted=budgeted,
        )

    def tracker(self, p: Presenter, result: None) -> Tracker:
        return tracker_rows(p)


def tracker_rows(p: Presenter) -> Tracker:
    """The plan as a tracker: one row per action with its owner, dates (the consultant's,
    else the calendar months of its horizon), budget, metrics, status and dependencies."""
    from ..advice import STATUS
    from ..advice import rb as advice_rb

    given = recs.SECTION.result(p.s)
    assert given is not None
    t = p.t
    today = p.a.assessment.date
    advice = recs.client(given)
    number = {r.id: n for n, r in enumerate(advice, start=1)}
    phase_label = {ph.id: t(ph.label) for ph in rb.PHASES}
    rows = []
    for n, r in enumerate(advice, start=1):
        d = r.decision
        start = (d.start if d is not None and d.start else None) or recs.add_months(today, r.horizon[0])
        due = (d.due if d is not None and d.due else None) or (
            recs.add_months(today, r.horizon[1]) - dt.timedelta(days=1)
        )
        status_id = d.status if d is not None and d.status else ""
        rows.append(
            TrackerRow(
                number=n,
                id=r.id,
                title=recs.title(p, r),
                text=recs.headline(p, r),
                role=t(recs.ROLE[r.owner].label),
                owner_name=(d.owner_name or "") if d is not None else "",
                start=start,
                due=due,
                budget=d.budget if d is not None else None,
                budget_high=d.budget_high if d is not None else None,
                kpis=recs.kpis(p, r),
                status=status_id,
                status_label=t(STATUS[status_id].label) if status_id else "",
                after=", ".join(str(n) for n in sorted(number[a] for a in r.after if a in number)),
                phase=phase_label.get(r.phase, r.phase),
                overdue=recs.overdue(p, r),
            )
        )
    return Tracker(
        title=t(_("%(client)s: action plan")) % {"client": p.a.client.name},
        sheet=t(_("Action plan")),
        client=p.a.client.name,
        currency=p.a.assessment.currency,
        date=today,
        head=(
            t(_("No.")),
            t(_("Action")),
            t(_("What to do")),
            t(_("Owner's role")),
            t(_("Owner's name")),
            t(_("Start date")),
            t(_("Due date")),
            t(_("Budget")),
            t(_("Budget, high end")),
            t(_("Metrics to watch")),
            t(_("Status")),
            t(_("After no.")),
            t(_("Phase")),
        ),
        rows=tuple(rows),
        statuses=tuple((i.id, t(i.label)) for i in advice_rb.STATUSES),
    )


def budgets(rs: list[recs.Recommendation] | tuple[recs.Recommendation, ...]) -> tuple[Decimal, Decimal]:
    """The budgets set for some recommendations, summed: (low, high)."""
    low = high = Decimal(0)
    for r in rs:
        d = r.decision
        if d is not None and d.budget is not None:
            low += d.budget
            high += d.budget_high if d.budget_high is not None else d.budget
    return low, high


def total(p: Presenter, rs: list[recs.Recommendation] | tuple[recs.Recommendation, ...]) -> str:
    return recs.money_range(p, *budgets(rs))


SECTION = Plan()
