"""Lessons learned: the failure case study's four lessons and four failure factors,
held against the expansion answers, and the consultant's own lessons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks.findings import Finding, finding
from ...blocks.presenter import bilingual, bilingual_message
from ...blocks.rubric import _, by_id
from ...blocks.section import Section
from ...blocks.views import Badge, Bi, Cell, Note, Table, doc
from ...model import Answers, Place
from ..expansion import SECTION as EXPANSION
from ..expansion import Expansion
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

LESSON = by_id(rb.LESSONS)
FAILURE = by_id(rb.FAILURE_FACTORS)
LIMIT = {x.id: x.threshold for x in rb.LESSONS}
# Below this cultural fit a market needs cultural localisation (the case's mismatch).
CULTURAL_FIT_WEAK = Decimal(5)


@dataclass(frozen=True)
class LessonResult:
    id: str
    applies: bool
    reason: str  # applies | fine | not_given | no_expansion
    value: Any  # what the answers show: a count, months, a boolean, or None

    @property
    def shown(self) -> bool:
        """The answers show the mistake (the contract's `applies` also holds where the
        answer it reads is not given: "partnership is not true"; that is unknown, not a
        mistake the report may hold against the client)."""
        return self.applies and self.reason == "applies"


@dataclass(frozen=True)
class FailureFactorResult:
    id: str
    shows: bool
    markets: tuple[Place, ...]  # the markets that show it, where it is about markets
    count: int  # markets planned (resource dilution)
    # Of those markets, the ones where the answers it reads are not given: the contract
    # counts them ("gdpr is not true"), the report and the advice treat them as unknown.
    unknown: tuple[Place, ...] = ()

    @property
    def evident(self) -> tuple[Place, ...]:
        """The markets where the answers show it."""
        return tuple(m for m in self.markets if m not in self.unknown)


@dataclass(frozen=True)
class LessonsScore:
    lessons: tuple[LessonResult, ...]
    failure_factors: tuple[FailureFactorResult, ...]


@dataclass(frozen=True)
class LessonsView:
    case_title: str = doc("the case study's title")
    case_summary: str = doc("what happened in the case study")
    factors: Table = doc("the case's failure factors against the client's answers")
    lessons: Table = doc("each lesson and whether it applies to the client")
    own: tuple[Note, ...] = doc("the consultant's own lessons")


@dataclass(frozen=True)
class LessonsHandout:
    heading: Bi = doc("the part's heading")
    applying: tuple[tuple[Bi, Bi], ...] = doc("(lesson, why it applies) for each that applies")
    none: Bi = doc("what to show when no lesson applies")


def score_lessons(expansion: Expansion | None) -> tuple[LessonResult, ...]:
    if expansion is None:
        return tuple(LessonResult(x.id, False, "no_expansion", None) for x in rb.LESSONS)
    entry = expansion.entry_strategy

    def below(value: Decimal | None, lesson_id: str) -> LessonResult:
        if value is None:
            return LessonResult(lesson_id, False, "not_given", None)
        limit = LIMIT[lesson_id]
        assert limit is not None
        applies = value < limit
        return LessonResult(lesson_id, applies, "applies" if applies else "fine", value)

    count = len(expansion.markets)
    limit = LIMIT["focus_markets"]
    assert limit is not None
    too_many = count > limit
    partnership = entry.partnership if entry else None
    return (
        LessonResult("focus_markets", too_many, "applies" if too_many else "fine", count),
        below(entry.compliance_timeline_months if entry else None, "preparation_time"),
        # The spec: applies when partnership "is not true", so an absent answer applies too;
        # its reason says it is not given, and the report and advice treat it as unknown.
        LessonResult(
            "local_partners",
            partnership is not True,
            "fine" if partnership is True else "applies" if partnership is False else "not_given",
            partnership,
        ),
        below(expansion.runway_months, "runway"),
    )


def score_failure_factors(expansion: Expansion | None) -> tuple[FailureFactorResult, ...]:
    """The case study's four failure factors, as far as the answers show them."""
    if expansion is None:
        return tuple(FailureFactorResult(f.id, False, (), 0) for f in rb.FAILURE_FACTORS)
    entry = expansion.entry_strategy
    eu = expansion.compliance.get("eu")
    apac = expansion.compliance.get("apac")
    markets = expansion.markets
    # An EU market while GDPR is not in place is the case's €2 million mistake; where the
    # EU checklist is not answered, it cannot be told.
    eu_markets = tuple(m.place for m in markets if m.region == "eu")
    blind = eu_markets if eu is None or eu["gdpr"] is not True else ()
    blind_unknown = eu_markets if eu is None else ()
    localization = entry.localization if entry else None
    weak_fit = tuple(
        m.place
        for m in markets
        if m.criteria["cultural_fit"] < CULTURAL_FIT_WEAK
        or "complex_cultural_adaptation" in m.risk_factors
    )
    mismatch = weak_fit if localization is None or "culture" not in localization else ()
    mismatch_unknown = weak_fit if localization is None else ()
    limit = LIMIT["focus_markets"]
    assert limit is not None
    dilution = len(markets) > limit
    # Partners chosen without knowing what a local partner must bring: a partnership is
    # planned for APAC markets while their partner requirements are not identified.
    partnered = tuple(
        m.place
        for m in markets
        if m.region == "apac" and entry is not None and entry.partnership is True
    )
    partner = partnered if apac is None or apac["local_partner_requirements"] is not True else ()
    partner_unknown = partnered if apac is None else ()
    return (
        FailureFactorResult(
            "regulatory_blindness", bool(blind), blind, len(markets), blind_unknown
        ),
        FailureFactorResult(
            "cultural_mismatch", bool(mismatch), mismatch, len(markets), mismatch_unknown
        ),
        FailureFactorResult("resource_dilution", dilution, (), len(markets)),
        FailureFactorResult(
            "partner_failure", bool(partner), partner, len(markets), partner_unknown
        ),
    )


class Lessons(Section[None, LessonsScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "lessons"
    title = _("Lessons learned")
    order = 80
    view_type = LessonsView
    handout_type = LessonsHandout
    note = "list"
    depends = ("expansion",)
    rubric_modules = (rb,)
    handout = 50
    method = (
        (
            _("Lessons learned"),
            _(
                "A lesson applies when the answers show the mistake it warns against: more than 3 markets; a compliance timeline under 6 months; no partnership; a runway under 18 months."
            ),
        ),
    )

    def score(self, value: None, answers: Answers, results: dict[str, Any]) -> LessonsScore:
        expansion = EXPANSION.value(answers)
        return LessonsScore(score_lessons(expansion), score_failure_factors(expansion))

    def findings(
        self, result: LessonsScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        expansion = results.get(EXPANSION.id)
        if result is None or expansion is None:
            return ()
        lesson = {x.id: x for x in result.lessons}
        kept = expansion.kept
        out = []
        # Where the runway limits the first wave to one market, the expansion section's own
        # finding says so (with the runway's figures); the lesson's would repeat it.
        if lesson["focus_markets"].applies and expansion.focus == "count":
            # The markets it pauses are addressed here: no other recommendation adapts to them.
            out.append(
                finding(
                    "expansion.markets#focus_markets",
                    "expansion.markets",
                    *(f"expansion.markets[{m.index}]" for m in expansion.paused),
                    count=lesson["focus_markets"].value,
                    markets=tuple(m.place for m in kept),
                    paused=tuple(m.place for m in expansion.paused),
                )
            )
            out.append(
                finding("expansion.markets#resource_dilution", count=lesson["focus_markets"].value)
            )
        if lesson["preparation_time"].applies:
            out.append(
                finding(
                    "expansion.entry_strategy.compliance_timeline_months#preparation_time",
                    months=lesson["preparation_time"].value,
                )
            )
        if lesson["local_partners"].shown:
            out.append(finding("expansion.entry_strategy.partnership#local_partners"))
        if lesson["runway"].applies:
            # Where a new market needs longer than the runway to break even, the expansion's
            # own finding says so with both figures (and addresses the runway's answer): the
            # lesson's 18-month target would still leave the company short.
            econ = {c.id: c for c in expansion.economics}["months_to_positive_unit_economics"]
            runway = lesson["runway"].value
            if econ.value is None or runway is None or econ.value <= runway:
                out.append(finding("expansion.runway_months#runway", months=runway))
        # An answer a lesson reads is not given: the consultant's to-do, not the client's
        # mistake.
        unanswered = {
            "local_partners": "expansion.entry_strategy.partnership#unanswered",
            "preparation_time": "expansion.entry_strategy.compliance_timeline_months#unanswered",
            "runway": "expansion.runway_months#unanswered",
        }
        out += [
            finding(action) for key, action in unanswered.items() if lesson[key].reason == "not_given"
        ]
        # The market-level failure factors, for the markets the plan keeps.
        for f in result.failure_factors:
            markets = [m for m in kept if m.place in f.evident]
            if not f.shows or f.id == "resource_dilution" or not markets:
                continue
            paths = tuple(f"expansion.markets[{m.index}]" for m in markets)
            if f.id == "regulatory_blindness":
                paths += ("expansion.compliance.eu.gdpr",)
            out.append(
                finding(
                    f"expansion.markets[]#{f.id}",
                    *paths,
                    markets=tuple(m.place for m in markets),
                )
            )
        # Cultural fit is weak and the entry strategy does not say how it localises: the
        # consultant's to-do (the other factors' unknowns are unanswered checklists, which
        # the expansion section lists).
        mismatch = next(f for f in result.failure_factors if f.id == "cultural_mismatch")
        unknown = [m for m in kept if m.place in mismatch.unknown]
        if unknown:
            out.append(
                finding(
                    "expansion.markets[]#culture_unanswered",
                    "expansion.entry_strategy.localization",
                    *(f"expansion.markets[{m.index}]" for m in unknown),
                    markets=tuple(m.place for m in unknown),
                )
            )
        return tuple(out)

    def to_json(self, result: LessonsScore | None) -> dict[str, Any]:
        assert result is not None
        return {
            # `applies` is the contract's rule (a lesson whose answer is not given and that
            # "applies" is unknown to the report: the consultant's to-dos in the
            # recommendations, audience "consultant", name the answer).
            "lessons": [{"id": x.id, "applies": x.applies} for x in result.lessons],
            "failure_factors": [{"id": f.id, "shows": f.shows} for f in result.failure_factors],
        }

    def present(self, p: Presenter, result: LessonsScore | None) -> LessonsView:
        assert result is not None
        t, f = p.t, p.f
        has_expansion = EXPANSION.result(p.s) is not None
        factor_rows = []
        for r in result.failure_factors:
            item = FAILURE[r.id]
            if not has_expansion:
                evidence, badge = (
                    t(_("Not assessed: no expansion section.")),
                    Badge("check-none", t(_("Not assessed"))),
                )
            elif r.unknown and not r.evident:
                evidence = p.fill(rb.FAILURE_UNKNOWN[r.id], {"markets": p.places(r.unknown)})
                badge = Badge("check-none", t(_("Not assessed")))
            else:
                shows = bool(r.evident) or (r.shows and not r.markets)
                evidence = p.fill(
                    rb.FAILURE_EVIDENCE[(r.id, shows)],
                    {"markets": p.places(r.evident), "count": f.number(r.count)},
                )
                badge = (
                    Badge("check-no", t(_("Mistake present")))
                    if shows
                    else Badge("check-yes", t(_("Mistake avoided")))
                )
            factor_rows.append(
                (
                    Cell(t(item.label), strong=True),
                    Cell(t(item.explanation)),
                    Cell(evidence, badge=badge),
                )
            )
        lesson_rows = []
        partner = next(r for r in result.failure_factors if r.id == "partner_failure")
        for x in result.lessons:
            # The lesson on partners and the failure factor on partners are one judgement:
            # a partnership planned without knowing what the partner must hold is a mistake
            # only partly avoided.
            if x.id == "local_partners" and x.reason == "fine" and partner.evident:
                lesson_rows.append(
                    (
                        Cell(t(LESSON[x.id].label), strong=True),
                        Cell(
                            p.fill(
                                rb.LESSON_REASONS[("local_partners", "partly")],
                                {"markets": p.places(partner.evident)},
                            ),
                            badge=Badge("check-no", t(_("Partly present"))),
                        ),
                    )
                )
                continue
            if x.shown:
                badge = Badge("check-no", t(_("Mistake present")))
            elif x.reason == "fine":
                badge = Badge("check-yes", t(_("Mistake avoided")))
            else:  # no expansion section, or the answer is not given: nothing to judge
                badge = Badge("check-none", t(_("Not assessed")))
            lesson_rows.append(
                (Cell(t(LESSON[x.id].label), strong=True), Cell(reason(p, x), badge=badge))
            )
        own = tuple(p.note_of(n) for n in p.a.notes.get(self.id, ()))
        return LessonsView(
            case_title=t(rb.CASE_STUDY_TITLE),
            case_summary=t(rb.CASE_STUDY_SUMMARY),
            factors=Table(
                caption=t(_("The case study's failure factors, held against %(client)s's plan"))
                % {"client": p.a.client.name},
                head=(
                    t(_("Failure factor")),
                    t(_("In the case study")),
                    t(_("At %(client)s")) % {"client": p.a.client.name},
                ),
                rows=tuple(factor_rows),
            ),
            lessons=Table(
                # Not the chapter's own title again, on the same page.
                caption=t(_("The case study's four lessons, held against %(client)s's plan"))
                % {"client": p.a.client.name},
                head=(t(_("Lesson")), t(_("At %(client)s")) % {"client": p.a.client.name}),
                rows=tuple(lesson_rows),
            ),
            own=own,
        )

    def handout_view(self, ps: Sequence[Presenter], result: LessonsScore | None) -> LessonsHandout:
        assert result is not None
        applying = tuple(
            (
                bilingual_message(ps, LESSON[x.id].label),
                bilingual(ps, reason, x),
            )
            for x in result.lessons
            if x.shown
        )
        return LessonsHandout(
            heading=bilingual_message(ps, _("Lessons from the case study that apply")),
            applying=applying,
            # Without an expansion section no lesson can apply: not assessed, not "none".
            none=bilingual(
                ps,
                lambda p: (
                    p.t(_("None of the case study's lessons applies to %(client)s's plan."))
                    % {"client": p.a.client.name}
                    if EXPANSION.value(p.a) is not None
                    else p.t(rb.LESSON_REASONS[("*", "no_expansion")])
                ),
            ),
        )


def reason(p: Presenter, x: LessonResult) -> str:
    """Why a lesson applies or not, from the client's answers."""
    key = ("*", x.reason) if x.reason == "no_expansion" else (x.id, x.reason)
    params = (
        {"count": p.f.number(x.value), "months": p.f.number(x.value)}
        if isinstance(x.value, Decimal | int) and not isinstance(x.value, bool)
        else {}
    )
    return p.fill(rb.LESSON_REASONS[key], params, count=x.value)


SECTION = Lessons()
