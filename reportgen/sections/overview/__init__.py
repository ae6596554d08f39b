"""At a glance: the one page a board reads, after the cover. Where the client stands, the
three decisions, what the first 90 days hold and the figures that decide them; every
recommendation is stated in full once, in its chapter, and named here by its number."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks.benchmarks import value_text
from ...blocks.rubric import _
from ...blocks.section import Section
from ...blocks.views import Badge, doc, inline
from ...model import Answers
from .. import benchmark
from .. import recommendations as recs
from ..expansion import RISK_TIER
from ..expansion import SECTION as EXPANSION
from ..monetization import SECTION as MONETIZATION
from ..validation import SECTION as VALIDATION
from ..validation import TOTAL_BAND

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

# The first 90 days: the recommendations besides the three decisions that start within
# three months, at most FIRST_DAYS_MAX of them (the page is one page).
FIRST_DAYS_MONTHS = 3
FIRST_DAYS_MAX = 5


@dataclass(frozen=True)
class Decision:
    number: str = doc("the recommendation's number, as in its chapter")
    ref: str = doc('the reference to it: "recommendation 2"')
    title: str = doc("its title")
    who: str = doc("its owner and when it runs")


@dataclass(frozen=True)
class OverviewView:
    position: str = doc("where the client stands, in one sentence")
    band: Badge = doc("the total's band")
    risk: Badge = doc("the expansion risk tier (not assessed without an expansion)")
    decisions: tuple[Decision, ...] = doc("the three most urgent recommendations")
    first_days: tuple[Decision, ...] = doc(
        "the other recommendations that start in the first 90 days, the most urgent first"
    )
    more: str | None = doc('"and N more" where more start in the first 90 days, else None')
    figures: tuple[tuple[str, str], ...] = doc("the key figures given: (label, value)")
    none: str = doc("what to say when no recommendation is needed")
    labels: tuple[str, str, str, str] = doc(
        "headings: position, the three decisions, the first 90 days, key figures"
    )


class Overview(Section[None, None]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "overview"
    title = _("At a glance")
    order = 5
    view_type = OverviewView

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> None:
        return None

    def to_json(self, result: None) -> dict[str, Any]:
        return {}

    def assessed(self, result: None) -> bool:
        return True

    def present(self, p: Presenter, result: None) -> OverviewView:
        v = VALIDATION.result(p.s)
        given = recs.SECTION.result(p.s)
        assert v is not None and given is not None
        advice = recs.client(given)
        t, f = p.t, p.f
        number = {r.id: n for n, r in enumerate(advice, start=1)}

        def decision(r: recs.Recommendation) -> Decision:
            return Decision(
                number=f.number(number[r.id]),
                ref=t(_("recommendation %(number)s")) % {"number": f.number(number[r.id])},
                title=recs.title(p, r),
                who=t(_("%(owner)s, %(when)s"))
                % {"owner": recs.owner(p, r), "when": recs.when_and_status(p, r)},
            )

        top = recs.top(advice)
        early = [r for r in advice if r.horizon[0] < FIRST_DAYS_MONTHS and r not in top]
        e = EXPANSION.result(p.s)
        m = MONETIZATION.result(p.s)
        figures = [
            (
                t(_("Business model validation")),
                t(_("%(score)s out of %(max)s"))
                % {"score": f.number(v.total), "max": f.number(v.max)},
            )
        ]
        if e is not None:
            if e.runway_months is not None:
                figures.append(
                    (
                        t(_("Runway")),
                        t(_("%(months)s months")) % {"months": f.number(e.runway_months)},
                    )
                )
            for c in e.economics:
                if c.value is not None:
                    figures.append(
                        (t(benchmark(c.id).label), value_text(p, benchmark(c.id), c.value))
                    )
            if e.kept:
                figures.append(
                    (
                        t(_("First markets")) if len(e.kept) > 1 else t(_("First market")),
                        p.places(mk.place for mk in e.kept),
                    )
                )
        if m is not None:
            for c in m.checks:
                if c.value is not None:
                    figures.append(
                        (t(benchmark(c.id).label), value_text(p, benchmark(c.id), c.value))
                    )
        return OverviewView(
            position=t(
                _(
                    "%(client)s scores %(total)s out of %(max)s on business model validation: %(meaning)s."
                )
            )
            % {
                "client": p.a.client.name,
                "total": f.number(v.total),
                "max": f.number(v.max),
                "meaning": inline(t(TOTAL_BAND[v.band].meaning)),
            },
            band=p.band(v.band, TOTAL_BAND),
            risk=p.band(e.risk_tier, RISK_TIER, "risk") if e is not None else p.not_assessed(),
            decisions=tuple(decision(r) for r in top),
            first_days=tuple(decision(r) for r in early[:FIRST_DAYS_MAX]),
            more=f.ngettext(
                "and %(count)s more, listed in the action plan",
                "and %(count)s more, listed in the action plan",
                len(early) - FIRST_DAYS_MAX,
            )
            % {"count": f.number(len(early) - FIRST_DAYS_MAX)}
            if len(early) > FIRST_DAYS_MAX
            else None,
            figures=tuple(figures),
            none=t(_("No weakness calls for action.")),
            labels=(
                t(_("Position")),
                t(_("The three decisions")),
                t(_("The first 90 days")),
                t(_("Key figures")),
            ),
        )


SECTION = Overview()
