"""The executive summary: where the client stands and why, its strongest asset, the most
pressing issue and the first decision, in whole sentences computed from the results,
under the consultant's own summary when there is one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks.advice import PHASES
from ...blocks.rubric import _
from ...blocks.section import Section
from ...blocks.views import Badge, Chart, Note, doc, inline
from ...model import Answers
from .. import recommendations as recs
from ..advantages import ADVANTAGE, TIER
from ..advantages import SECTION as ADVANTAGES
from ..expansion import RISK_TIER
from ..expansion import SECTION as EXPANSION
from ..plan import budgets, total
from ..validation import DIMENSION, TOTAL_BAND, dimension_chart
from ..validation import SECTION as VALIDATION

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter


@dataclass(frozen=True)
class SummaryView:
    note: Note | None = doc("the consultant's summary note, shown first; or None")
    sentences: tuple[str, ...] = doc(
        "the summary in whole sentences: where the client stands and why, its strongest "
        "asset, the most pressing issue"
    )
    decision: str = doc("the first decision to take: the most urgent recommendation")
    total: str = doc("the total validation score, formatted")
    max: str = doc("the maximum total (160), formatted")
    band: Badge = doc("the total's band")
    interpretation: str = doc("what the band means, from the Vietnamese source")
    strongest: str = doc("the strongest validation dimension, with its score")
    weakest: str = doc("the weakest validation dimension, with its score")
    risk: Badge = doc("the expansion risk tier (not assessed without an expansion)")
    chart: Chart = doc("the four dimensions as a bar chart")
    recommendations: tuple[str, ...] = doc(
        "the most urgent recommendations by title, owner and when (stated in full in their chapter)"
    )


class Summary(Section[None, None]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "summary"
    title = _("Executive summary")
    order = 10
    view_type = SummaryView
    not_assessed_panel = True
    note = "text"

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> None:
        return None

    def to_json(self, result: None) -> dict[str, Any]:
        return {}

    def present(self, p: Presenter, result: None) -> SummaryView:
        v = VALIDATION.result(p.s)
        given = recs.SECTION.result(p.s)
        assert v is not None and given is not None
        all_recs = recs.client(given)
        e = EXPANSION.result(p.s)
        t, f = p.t, p.f
        dims = {d.id: d for d in v.dimensions}

        def tied(dim_id: str) -> list[str]:
            """The dimension and any that share its score, in the rubric's order (the score
            output names the first; the reader is told of every one)."""
            return [d.id for d in v.dimensions if d.score == dims[dim_id].score]

        def dimension(dim_id: str) -> str:
            return t(_("%(dimension)s (%(score)s out of 40)")) % {
                "dimension": f.labels(t(DIMENSION[d].label) for d in tied(dim_id)),
                "score": f.number(dims[dim_id].score),
            }

        sentences = []
        progress = p.s["progress"]
        if progress is not None:
            # A re-assessment leads with what moved (the chapter after this one has it all).
            from ..progress import lead as progress_lead

            sentences.append(progress_lead(p, progress))
        sentences += [
            t(
                _(
                    "%(client)s scores %(total)s out of %(max)s on business model validation, in the %(band)s band: %(meaning)s."
                )
            )
            % {
                "client": p.a.client.name,
                "total": f.number(v.total),
                "max": f.number(v.max),
                "band": inline(t(TOTAL_BAND[v.band].label)),
                "meaning": inline(t(TOTAL_BAND[v.band].meaning)),
            }
        ]
        if v.strongest == v.weakest:
            sentences.append(
                t(_("All four dimensions score the same, %(score)s out of 40."))
                % {"score": f.number(dims[v.strongest].score)}
            )
        else:
            # Worded so that one dimension or several tied ones read alike.
            sentences.append(
                t(
                    _(
                        "The highest score, %(strongest_score)s out of 40, goes to %(strongest)s; the lowest, %(weakest_score)s, to %(weakest)s."
                    )
                )
                % {
                    "strongest": f.list(inline(t(DIMENSION[d].label)) for d in tied(v.strongest)),
                    "strongest_score": f.number(dims[v.strongest].score),
                    "weakest": f.list(inline(t(DIMENSION[d].label)) for d in tied(v.weakest)),
                    "weakest_score": f.number(dims[v.weakest].score),
                }
            )
        compared = p.s["cohort"]
        if compared is not None:
            # Where the client stands among the firm's clients (or why it is not said).
            from ..cohort import lead as cohort_lead

            sentences.append(cohort_lead(p, compared))
        adv = ADVANTAGES.result(p.s)
        if adv is not None:
            best = next(a for a in adv.types if a.id == adv.strongest)
            sentences.append(
                t(
                    _(
                        "Its strongest competitive advantage is %(advantage)s, at %(score)s out of 10 (%(tier)s)."
                    )
                )
                % {
                    "advantage": inline(t(ADVANTAGE[best.id].label)),
                    "score": f.number(best.score),
                    "tier": inline(t(TIER[best.tier].label)),
                }
            )
        if all_recs:
            first = all_recs[0]
            sentences.append(
                t(_("The most pressing issue is %(issue)s: %(why)s"))
                % {
                    "issue": inline(recs.title(p, first)),
                    "why": inline(recs.deciding_why(p, first)),
                }
            )
        # Where the consultant set budgets, what the first phase costs.
        for phase in PHASES:
            members = [r for r in all_recs if r.phase == phase.id]
            low, _high = budgets(members)
            if low:
                sentences.append(
                    t(_("The first phase of the plan, %(phase)s, is budgeted at %(total)s."))
                    % {"phase": inline(t(phase.label)), "total": total(p, members)}
                )
                break
        if e is not None and e.kept:
            # Where expansion is planned, the summary names where to start.
            first_market = e.kept[0]
            values = {
                "markets": p.places(m.place for m in e.kept),
                "score": f.number(first_market.score),
                "max": f.number(first_market.max),
                "paused": p.places(m.place for m in e.paused),
            }
            if len(e.kept) == 1:
                message = _(
                    "The first market to enter is %(markets)s, with a priority score of %(score)s out of %(max)s."
                )
            else:
                message = _("The first markets to enter are %(markets)s.")
            sentences.append(t(message) % values)
            if e.paused:
                sentences.append(
                    f.ngettext(
                        "%(paused)s waits for a second wave.",
                        "%(paused)s wait for a second wave.",
                        len(e.paused),
                    )
                    % values
                )
        if all_recs:
            decision = recs.headline(p, all_recs[0])
        else:
            decision = t(
                _("No weakness calls for action: the first decision is when to start scaling.")
            )
        return SummaryView(
            note=p.note(self.id),
            sentences=tuple(sentences),
            decision=decision,
            total=f.number(v.total),
            max=f.number(v.max),
            band=p.band(v.band, TOTAL_BAND),
            interpretation=t(TOTAL_BAND[v.band].meaning),
            strongest=dimension(v.strongest),
            weakest=dimension(v.weakest),
            risk=p.band(e.risk_tier, RISK_TIER, "risk") if e is not None else p.not_assessed(),
            chart=dimension_chart([p], v),
            recommendations=tuple(
                t(_("%(title)s: %(owner)s, %(when)s"))
                % {
                    "title": recs.title(p, r),
                    "owner": recs.owner(p, r),
                    "when": recs.horizon(p, r),
                }
                for r in recs.top(all_recs)
            ),
        )


SECTION = Summary()
