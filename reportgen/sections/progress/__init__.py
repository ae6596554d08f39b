"""Since the last assessment: what moved between the client's earlier assessment and
this one, why, and which advice was acted on.

Both sides are scored under the current rubric (the engine scores `answers.previous` with
the same sections), so a change here is a change of answers, never of rules. The chapter
is shown only when earlier assessments are given (`--previous`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import charts
from ...blocks.presenter import bilingual
from ...blocks.rubric import _
from ...blocks.section import HISTORY, Section, json_number
from ...blocks.views import Bi, Cell, Chart, Column, Table, doc, inline
from ...model import Answers, Place, Scores
from .. import recommendations as recs
from ..advantages import ADVANTAGE, TIER
from ..expansion import RISK_TIER
from ..validation import CRITERION, DIMENSION, DIMENSION_BAND, TOTAL_BAND
from ..validation import rubric as vrb

if TYPE_CHECKING:
    from ...blocks.presenter import Formatting, Presenter


@dataclass(frozen=True)
class Change:
    id: str
    before: Decimal
    now: Decimal
    band_before: str | None = None
    band_now: str | None = None

    @property
    def delta(self) -> Decimal:
        return self.now - self.before


@dataclass(frozen=True)
class AdviceStatus:
    id: str
    status: str  # closed (no longer called for) | done (marked by the consultant) | open | new
    since: dt.date | None = None  # open: the date of the assessment that first gave it
    overdue: bool = False  # open, and past the horizon it was first given


@dataclass(frozen=True)
class ProgressScore:
    dates: tuple[dt.date, ...]  # the earlier assessments' dates, oldest first
    totals: tuple[Decimal, ...]  # their totals
    dimension_history: tuple[tuple[Decimal, ...], ...]  # per dimension: earlier scores
    date: dt.date  # this assessment's date
    total: Change
    dimensions: tuple[Change, ...]
    improved: tuple[Change, ...]  # criteria
    regressed: tuple[Change, ...]
    unchanged: int
    next_band: str | None  # the band above this total (None: excellent already)
    points_to_next: Decimal
    criteria_to_next: int  # the fewest criteria raised to 10 that reach it
    tiers: tuple[tuple[str, str, str], ...]  # advantage type, tier before, tier now
    markets_added: tuple[Place, ...]
    markets_dropped: tuple[Place, ...]
    markets_rescored: tuple[tuple[Place, Decimal, Decimal], ...]
    risk: tuple[str | None, str | None]  # expansion risk tier before, now
    advice: tuple[AdviceStatus, ...]
    notes_unchanged: tuple[str, ...]  # section ids whose note is word for word the last one


@dataclass(frozen=True)
class ProgressView:
    lead: str = doc("the change in one sentence: total, band, the advice closed")
    method: str = doc("why a change is a change of answers: both scored under today's rubric")
    distance: str = doc("what reaching the next band takes, in criteria")
    dimensions: Table = doc("each dimension before and now, with the change and the band")
    criteria: str = doc("how many criteria improved, regressed and stayed, and which")
    other: tuple[str, ...] = doc("advantage tiers, markets and the expansion risk that changed")
    advice: Table = doc("each recommendation's status: closed, done, open since, new")
    chart: Chart | None = doc("the total and dimensions over the assessments (three or more)")


def criteria_to(target: Decimal, total: Decimal, criteria: list[Decimal]) -> int:
    """The fewest criteria raised to the maximum that bring the total to target."""
    need, count = target - total, 0
    for headroom in sorted((vrb.CRITERION_MAX - c for c in criteria), reverse=True):
        if need <= 0:
            break
        need -= headroom
        count += 1
    return count


def _client_advice(found: tuple[recs.Recommendation, ...] | None) -> dict[str, recs.Recommendation]:
    """The advice to the client of one assessment (its recommendations' result), by id."""
    return {r.id: r for r in recs.client(found or ())}


@dataclass(frozen=True)
class ProgressHandout:
    line: Bi = doc("the change since the last assessment, in one or two sentences")


class Progress(Section[None, ProgressScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "progress"
    title = _("Since the last assessment")
    order = 12
    view_type = ProgressView
    handout_type = ProgressHandout
    handout = 5  # the handout leads with the change
    depends = ("*", "recommendations")  # every section's result, and the advice
    method = (
        (
            _("Since the last assessment"),
            _(
                "The earlier assessment is scored again under today's rubric, so each change is a change of answers. A recommendation is closed when the answers no longer call for it or the consultant marks it done, open while it is still called for (overdue once the horizon it was first given has passed), new when it was not given before."
            ),
        ),
    )

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> ProgressScore | None:
        history: tuple[Scores, ...] = results.get(HISTORY, ())
        if not history:
            return None
        before, then = history[-1], answers.previous[-1]
        v_now, v_before = results["validation"], before["validation"]
        dims = tuple(
            Change(d.id, b.score, d.score, b.band, d.band)
            for d, b in zip(v_now.dimensions, v_before.dimensions, strict=True)
        )
        criteria = [
            Change(c.id, cb.score, c.score)
            for d, b in zip(v_now.dimensions, v_before.dimensions, strict=True)
            for c, cb in zip(d.criteria, b.criteria, strict=True)
        ]
        above = [b for b in vrb.TOTAL_BANDS if b.minimum is not None and b.minimum > v_now.total]
        nxt = above[-1] if above else None
        all_scores = [c.score for d in v_now.dimensions for c in d.criteria]
        a_now, a_before = results.get("advantages"), before["advantages"]
        tiers: tuple[tuple[str, str, str], ...] = ()
        if a_now is not None and a_before is not None:
            was = {t.id: t.tier for t in a_before.types}
            tiers = tuple((t.id, was[t.id], t.tier) for t in a_now.types if was.get(t.id) != t.tier)
        e_now, e_before = results.get("expansion"), before["expansion"]
        m_now = {m.place.key.casefold(): m for m in (e_now.markets if e_now else ())}
        m_before = {m.place.key.casefold(): m for m in (e_before.markets if e_before else ())}
        # The advice: closed, done, open (since when; overdue), new.
        now_advice = _client_advice(results[recs.SECTION.id])
        earlier = [_client_advice(recs.SECTION.result(s)) for s in history]
        statuses = []
        for rid in earlier[-1]:
            if rid not in now_advice:
                statuses.append(AdviceStatus(rid, "closed"))
        for rid, r in now_advice.items():
            if r.decision is not None and r.decision.status == "done":
                statuses.append(AdviceStatus(rid, "done"))
                continue
            if rid not in earlier[-1]:
                statuses.append(AdviceStatus(rid, "new"))
                continue
            first = len(earlier) - 1
            while first > 0 and rid in earlier[first - 1]:
                first -= 1
            since = answers.previous[first].assessment.date
            end = earlier[first][rid].horizon[1]
            statuses.append(
                AdviceStatus(
                    rid, "open", since, recs.month_index(since, answers.assessment.date) > end
                )
            )
        notes_unchanged = tuple(
            k for k, v in answers.notes.items() if then.notes.get(k) == v and v
        )
        return ProgressScore(
            dates=tuple(p.assessment.date for p in answers.previous),
            totals=tuple(s["validation"].total for s in history),
            dimension_history=tuple(
                tuple(s["validation"].dimensions[i].score for s in history)
                for i in range(len(v_now.dimensions))
            ),
            date=answers.assessment.date,
            total=Change("total", v_before.total, v_now.total, v_before.band, v_now.band),
            dimensions=dims,
            improved=tuple(c for c in criteria if c.delta > 0),
            regressed=tuple(c for c in criteria if c.delta < 0),
            unchanged=sum(1 for c in criteria if c.delta == 0),
            next_band=nxt.id if nxt else None,
            points_to_next=(nxt.minimum - v_now.total) if nxt and nxt.minimum is not None else Decimal(0),
            criteria_to_next=criteria_to(nxt.minimum, v_now.total, all_scores) if nxt and nxt.minimum is not None else 0,
            tiers=tiers,
            markets_added=tuple(m.place for k, m in m_now.items() if k not in m_before),
            markets_dropped=tuple(m.place for k, m in m_before.items() if k not in m_now),
            markets_rescored=tuple(
                (m.place, m_before[k].score, m.score)
                for k, m in m_now.items()
                if k in m_before and m_before[k].score != m.score
            ),
            risk=(e_before.risk_tier if e_before else None, e_now.risk_tier if e_now else None),
            advice=tuple(statuses),
            notes_unchanged=notes_unchanged,
        )

    def headline(self, result: ProgressScore | None) -> dict[str, Any]:
        """In a batch summary: the assessment's date, and with a history the previous
        date and total and the change."""
        if result is None:
            return {}
        return {
            "previous_date": result.dates[-1].isoformat(),
            "previous_total": str(result.total.before),
            "change": str(result.total.delta),
        }

    def headline_valid(self, headline: Mapping[str, Any]) -> bool:
        if "change" not in headline:
            return True
        try:
            return Decimal(headline["change"]).is_finite() and bool(
                dt.date.fromisoformat(headline["previous_date"])
            )
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return False

    def headline_cells(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Column, ...]:
        """The batch index's column: the change of the total since the previous
        assessment, with an arrow ("↑ +2", "↓ −1.5"; the earlier assessments' dates are in
        the row's links), or a dash for a client seen once, sorted last."""
        t = f.gettext
        if "change" not in headline:
            return (Column(t(_("Since the last assessment")), Cell("–"), sort=""),)
        change = Decimal(headline["change"])
        arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
        text = f"{arrow} {signed(f, change)}"  # no words: nothing to translate
        return (
            Column(
                t(_("Since the last assessment")),
                Cell(text, numeric=True),
                sort=str(change),
            ),
        )

    def shown(self, result: ProgressScore | None) -> bool:
        return result is not None

    def assessed(self, result: ProgressScore | None) -> bool:
        return True

    def to_json(self, result: ProgressScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        r = result

        def change(c: Change) -> dict[str, Any]:
            out: dict[str, Any] = {
                "before": json_number(c.before),
                "now": json_number(c.now),
                "change": json_number(c.delta),
            }
            if c.band_now is not None:
                out |= {"band_before": c.band_before, "band_now": c.band_now}
            return out

        return {
            self.id: {
                "previous": [
                    {"date": d.isoformat(), "total": json_number(t)}
                    for d, t in zip(r.dates, r.totals, strict=True)
                ],
                "total": change(r.total),
                "dimensions": {c.id: change(c) for c in r.dimensions},
                "criteria": {
                    "improved": {c.id: change(c) for c in r.improved},
                    "regressed": {c.id: change(c) for c in r.regressed},
                    "unchanged": r.unchanged,
                },
                "next_band": None
                if r.next_band is None
                else {
                    "band": r.next_band,
                    "points": json_number(r.points_to_next),
                    "criteria": r.criteria_to_next,
                },
                "advantage_tiers": {t: {"before": b, "now": n} for t, b, n in r.tiers},
                "markets": {
                    "added": [m.key for m in r.markets_added],
                    "dropped": [m.key for m in r.markets_dropped],
                    "rescored": {
                        m.key: {"before": json_number(b), "now": json_number(n)}
                        for m, b, n in r.markets_rescored
                    },
                },
                "risk_tier": {"before": r.risk[0], "now": r.risk[1]},
                "recommendations": [
                    {
                        "id": a.id,
                        "status": a.status,
                        **({"since": a.since.isoformat()} if a.since else {}),
                        **({"overdue": True} if a.overdue else {}),
                    }
                    for a in r.advice
                ],
                "notes_unchanged": list(r.notes_unchanged),
            }
        }

    def todo(self, p: Presenter, result: ProgressScore | None) -> tuple[str, ...]:
        if result is None:
            return ()
        return tuple(
            p.t(_("The note on %(section)s is word for word the one of %(date)s: update it, or confirm it still holds."))
            % {"section": inline(p.t(section_title(k))), "date": p.f.date(result.dates[-1])}
            for k in result.notes_unchanged
        )

    def handout_view(
        self, ps: Sequence[Presenter], result: ProgressScore | None
    ) -> ProgressHandout | None:
        if result is None:
            return None
        return ProgressHandout(line=bilingual(ps, lead, result))

    def present(self, p: Presenter, result: ProgressScore | None) -> ProgressView | None:
        if result is None:
            return None
        return present(p, result)


def section_title(section_id: str) -> str:
    from .. import get

    return get(section_id).title


def signed(f: Formatting, value: Decimal) -> str:
    """A change with its sign: "+2", "−1.5", "±0"."""
    text = f.number(abs(value))
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else "±0"


def lead(p: Presenter, r: ProgressScore) -> str:
    """The change in one sentence, then the advice closed: the summary's first line."""
    t, f = p.t, p.f
    total = r.total
    values = {
        "date": f.date(r.dates[-1]),
        "before": f.number(total.before),
        "now": f.number(total.now),
        "change": signed(f, total.delta),
        "band": inline(t(TOTAL_BAND[total.band_now or "poor"].label)),
        "band_before": inline(t(TOTAL_BAND[total.band_before or "poor"].label)),
    }
    if total.band_now != total.band_before:
        lead = t(_("Since the assessment of %(date)s, the total has moved from %(before)s to %(now)s (%(change)s), from the %(band_before)s band to the %(band)s band.")) % values
    else:
        lead = t(_("Since the assessment of %(date)s, the total has moved from %(before)s to %(now)s (%(change)s), still in the %(band)s band.")) % values
    closed = sum(1 for a in r.advice if a.status in ("closed", "done"))
    # None has its own wording: "Closed since then: 0" reads as a form, not a finding.
    lead += " " + (
        f.ngettext(
            "Closed since then: %(count)s of the last report's recommendations.",
            "Closed since then: %(count)s of the last report's recommendations.",
            closed,
        )
        if closed
        else t(_("None of the last report's recommendations has been closed since then."))
    ) % {"count": f.number(closed)}
    return lead


def present(p: Presenter, r: ProgressScore) -> ProgressView:
    t, f = p.t, p.f
    total = r.total
    if r.next_band is None:
        distance = t(_("The total is in the highest band."))
    else:
        distance = f.ngettext(
            "Reaching the %(band)s band takes %(points)s more points: at least %(count)s criterion raised to 10.",
            "Reaching the %(band)s band takes %(points)s more points: at least %(count)s criteria raised to 10.",
            r.criteria_to_next,
        ) % {
            "band": inline(t(TOTAL_BAND[r.next_band].label)),
            "points": f.number(r.points_to_next),
            "count": f.number(r.criteria_to_next),
        }
    dims = Table(
        caption=t(_("Validation dimensions, then and now")),
        head=(t(_("Dimension")), f.date(r.dates[-1]), f.date(r.date), t(_("Change")), t(_("Band"))),
        rows=tuple(
            (
                Cell(t(DIMENSION[c.id].label)),
                Cell(f.number(c.before), numeric=True),
                Cell(f.number(c.now), numeric=True),
                Cell(signed(f, c.delta), numeric=True),
                Cell(
                    t(DIMENSION_BAND[c.band_now or "poor"].label)
                    if c.band_now == c.band_before
                    else t(_("%(before)s to %(now)s"))
                    % {
                        "before": t(DIMENSION_BAND[c.band_before or "poor"].label),
                        "now": inline(t(DIMENSION_BAND[c.band_now or "poor"].label)),
                    }
                ),
            )
            for c in r.dimensions
        ),
    )

    def moved(cs: tuple[Change, ...]) -> str:
        return f.list(
            t(_("%(criterion)s (%(before)s to %(now)s)"))
            % {"criterion": inline(t(CRITERION[c.id].label)), "before": f.number(c.before), "now": f.number(c.now)}
            for c in cs
        )

    criteria = t(_("Criteria improved: %(improved)s; regressed: %(regressed)s; unchanged: %(unchanged)s.")) % {
        "improved": f.number(len(r.improved)),
        "regressed": f.number(len(r.regressed)),
        "unchanged": f.number(r.unchanged),
    }
    if r.improved:
        criteria += " " + t(_("Improved: %(items)s.")) % {"items": moved(r.improved)}
    if r.regressed:
        criteria += " " + t(_("Regressed: %(items)s.")) % {"items": moved(r.regressed)}
    other = []
    for type_id, tier_before, tier_now in r.tiers:
        other.append(
            t(_("%(advantage)s moved from %(before)s to %(now)s."))
            % {
                "advantage": t(ADVANTAGE[type_id].label),
                "before": inline(t(TIER[tier_before].label)),
                "now": inline(t(TIER[tier_now].label)),
            }
        )
    if r.markets_added:
        other.append(t(_("Markets added: %(markets)s.")) % {"markets": p.places(r.markets_added)})
    if r.markets_dropped:
        other.append(t(_("Markets dropped: %(markets)s.")) % {"markets": p.places(r.markets_dropped)})
    for place, before, now in r.markets_rescored:
        other.append(
            t(_("%(market)s's priority score moved from %(before)s to %(now)s."))
            % {"market": p.place(place), "before": f.number(before), "now": f.number(now)}
        )
    if r.risk[0] != r.risk[1] and r.risk[0] and r.risk[1]:
        other.append(
            t(_("The expansion risk tier moved from %(before)s to %(now)s."))
            % {"before": inline(t(RISK_TIER[r.risk[0]].label)), "now": inline(t(RISK_TIER[r.risk[1]].label))}
        )
    found = {x.id: x for x in recs.SECTION.result(p.s) or ()}
    earlier = {x.id: x for s in p.s.history for x in recs.client(s["recommendations"] or ())}
    rows = []
    for a in r.advice:
        rec = found.get(a.id) or earlier.get(a.id)
        title = recs.title(p, rec) if rec is not None else a.id
        if a.status == "closed":
            status = t(_("Closed: no longer called for"))
        elif a.status == "done":
            status = t(_("Done"))
        elif a.status == "new":
            status = t(_("New"))
        elif a.overdue:
            status = t(_("Open since %(date)s, overdue")) % {"date": f.date(a.since)} if a.since else ""
        else:
            status = t(_("Open since %(date)s")) % {"date": f.date(a.since)} if a.since else ""
        rows.append((Cell(title), Cell(status)))
    chart = None
    if len(r.dates) >= 2:
        points = [f.month_tick(d) for d in (*r.dates, r.date)]
        series = [(t(_("Total, out of 160, divided by 4")), [x / 4 for x in (*r.totals, total.now)])]
        for c, hist in zip(r.dimensions, r.dimension_history, strict=True):
            series.append((t(DIMENSION[c.id].label), [*hist, c.now]))
        svg = charts.trend_chart(
            points,
            series,
            Decimal(40),
            10,
            f.number,
            thresholds=[(b.minimum, t(b.label)) for b in vrb.DIMENSION_BANDS if b.minimum is not None],
            t=t,
        )
        chart = Chart(t(_("Validation over the assessments (out of 40)")), svg)
    return ProgressView(
        lead=lead(p, r),
        method=t(
            _(
                "Both assessments are scored under today's rubric, so each change below is a change of answers, not of rules."
            )
        ),
        distance=distance,
        dimensions=dims,
        criteria=criteria,
        other=tuple(other),
        advice=Table(
            caption=t(_("The recommendations of the last report")),
            head=(t(_("Recommendation")), t(_("Status"))),
            rows=tuple(rows),
        ),
        chart=chart,
    )


SECTION = Progress()
