"""Recommendations: every section's findings, merged by their action's group, ranked by
urgency, each with its owner, horizon, metrics to watch, source and reason.

One finding alone gives its own action and reason; related findings (the open items of
one compliance checklist, the weak items of one advantage type) become one
recommendation that lists them, with the group's reason. Urgency comes from the group:
legal exposure and survival first, then what blocks scaling, then what weakens the model.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import advice as rb
from ...blocks.benchmarks import value_text
from ...blocks.findings import Finding, Phrases, finding
from ...blocks.presenter import bilingual, bilingual_message
from ...blocks.rubric import Action, _, by_id
from ...blocks.section import Section, json_number
from ...blocks.views import Bi, DashboardPart, doc, inline
from ...model import Answers
from .. import actions, benchmark, groups
from ..advice import STATUS, AdviceAnswers, Decision

if TYPE_CHECKING:
    from ...blocks.presenter import Formatting, Presenter

# The most urgent recommendations the handout's second page holds, each with its metrics
# and, in one language, its reason; with the English beneath each, there is no reason.
HANDOUT_TOP = {1: 4, 2: 3}
ROLE = by_id(rb.ROLES)
KPI = by_id(rb.KPIS)
SOURCE = by_id(rb.SOURCES)
PHASE = by_id(rb.PHASES)
MAX_KPIS = 3
# The batch dashboard's list of the advice given most.
PORTFOLIO_TOP = 10
# The most actions one owner carries at the same time: the plan spreads the rest over
# time rather than stack a seventh action on a chief executive in month 0.
MAX_CONCURRENT = 3
# The plan's phases by the month an action starts (pre-launch actions keep their phase:
# they are what must be done before a launch, whenever that is).
PHASE_BY_START = ((18, "evolution"), (6, "optimisation"), (0, "foundation"))


@dataclass(frozen=True)
class Recommendation:
    id: str  # its group: a key of blocks/advice.py GROUPS
    urgency: int  # higher is more urgent
    phase: str  # a PHASES id
    addresses: tuple[str, ...]  # the answers key paths it acts on
    horizon: tuple[int, int]  # months from the report's date
    owner: str  # a role id
    kpis: tuple[str, ...]  # KPI ids
    source: str  # a source id
    findings: tuple[Finding, ...]  # what it merges, in the order the sections found them
    # "client": advice; "consultant": the assessor's own to-do (blocks/advice.py
    # GroupAdvice); "dropped": dropped by the consultant (kept in the record and the JSON)
    audience: str = "client"
    after: tuple[str, ...] = ()  # the recommendations (ids) it waits for, where given
    # "engine" (as proposed), "edited" or "consultant" (added): the consultant's decision
    # (sections/advice Decision) where there is one.
    origin: str = "engine"
    decision: Decision | None = None
    fixed: bool = False  # its dates are the consultant's: the plan does not move it

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(f.action for f in self.findings)


@dataclass(frozen=True)
class RecommendationView:
    """One recommendation, as the report states it."""

    number: int = doc("its rank, 1 being the most urgent")
    title: str = doc("a short name, as in the action plan")
    text: str = doc("what to do: one instruction, or the merged instruction listing the items")
    steps: tuple[str, ...] = doc("the concrete steps of a merged recommendation (else empty)")
    why: str = doc("why, with the client's figures beside the source's benchmark")
    source: str = doc("the framework or case the reason comes from")
    owner: str = doc("the role that owns it")
    horizon: str = doc('when: "months 0-3" from the report\'s date')
    kpis: str = doc("the metrics to watch, as a list")
    urgency: str = doc("the urgency tier's label")
    budget: str | None = doc("the budget the consultant set, or None", None)
    status: str | None = doc('its status ("In progress", "Planned, overdue"), or None', None)
    overdue: bool = doc("due before the assessment's date and not done", False)


@dataclass(frozen=True)
class RecommendationsView:
    intro: str = doc("a sentence introducing the list (how many, how they are ranked)")
    items: tuple[RecommendationView, ...] = doc("every recommendation, most urgent first")


@dataclass(frozen=True)
class HandoutAction:
    """One recommendation on the handout: what to do, why, who owns it, when, and the
    metrics that show it working."""

    text: Bi = doc("what to do, one sentence")
    owner: Bi = doc("the role that owns it")
    when: Bi = doc("its horizon")
    kpis: Bi = doc("the metrics to watch, as a list")
    why: str | None = doc("why, with the client's figures; None in a bilingual handout", None)


@dataclass(frozen=True)
class RecommendationsHandout:
    heading: Bi = doc("the part's heading: the handout's second page, what to do")
    owner_label: Bi = doc('the label before the owner ("Owner")')
    when_label: Bi = doc('the label before the horizon ("When")')
    why_label: str = doc('the label before the reason ("Why")')
    kpis_label: Bi = doc('the label before the metrics ("Metrics to watch")')
    items: tuple[HandoutAction, ...] = doc("the most urgent recommendations")


# Advice decided together: where one of the actions listed is given, the action keyed is
# replaced by the variant that agrees with it (its answers paths stay addressed).
AGREE: dict[str, tuple[tuple[str, ...], str]] = {
    # "Design a secondary stream" beside "make one stream primary and concentrate on it".
    "critical_success_factors.multiple_revenue_streams": (
        ("monetization.revenue_mix#below", "monetization.revenue_mix#below_few"),
        "critical_success_factors.multiple_revenue_streams#focus",
    ),
}

# Pairs of actions that contradict each other and must never be given in one report (the
# tests hold every sample and generated files against this list).
CONTRADICTIONS: tuple[tuple[str, str], ...] = (
    # add a stream / concentrate on one stream
    ("monetization.secondary_streams#below", "monetization.revenue_mix#below"),
    ("monetization.secondary_streams#below", "monetization.revenue_mix#below_few"),
    ("critical_success_factors.multiple_revenue_streams", "monetization.revenue_mix#below"),
    ("critical_success_factors.multiple_revenue_streams", "monetization.revenue_mix#below_few"),
    # no partnership / re-qualify the planned partners
    ("expansion.entry_strategy.partnership#local_partners", "expansion.markets[]#partner_failure"),
    # split tests / too few customers for split tests
    (
        "monetization.pricing_process.ab_testing",
        "monetization.pricing_process.ab_testing#few_customers",
    ),
    # the output filters of a content product / a product that shows no generated content
    (
        "expansion.compliance.apac.content_moderation",
        "expansion.compliance.apac.content_moderation#no_content",
    ),
)


def agree(found: Sequence[Finding]) -> list[Finding]:
    given = {f.action for f in found}
    out = []
    for f in found:
        rule = AGREE.get(f.action)
        if rule is not None and given.intersection(rule[0]):
            f = replace(f, action=rule[1])
        out.append(f)
    return out


def waits_for(r: Recommendation) -> tuple[str, ...]:
    """The ids a recommendation waits for: its group's, or the consultant's own."""
    if r.origin == "consultant" and r.decision is not None:
        return r.decision.after
    return groups()[r.id].after


def month_index(start: dt.date, date: dt.date) -> int:
    """Whole calendar months from the assessment's month to a date's."""
    return (date.year - start.year) * 12 + date.month - start.month


def dated(horizon: tuple[int, int], d: Decision, today: dt.date) -> tuple[tuple[int, int], bool]:
    """A horizon with the consultant's dates: (months from the assessment, fixed)."""
    if d.start is None and d.due is None:
        return horizon, False
    start = max(0, month_index(today, d.start)) if d.start is not None else horizon[0]
    end = month_index(today, d.due) + 1 if d.due is not None else start + horizon[1] - horizon[0]
    return (start, max(end, start + 1)), True


# The urgency of a consultant's own recommendation given neither an urgency nor what it
# waits for: among the recommendations that weaken the model.
OWN_URGENCY = 45


def decide(
    merged: list[Recommendation], advice: AdviceAnswers | None, answers: Answers
) -> list[Recommendation]:
    """The consultant's decisions applied: a dropped recommendation is kept as dropped (for
    the record and the JSON), an edited one carries its decision, an added one joins."""
    if advice is None:
        return merged
    today = answers.assessment.date
    by_id_ = {d.id: d for d in advice.decisions if not d.add}
    out = []
    for r in merged:
        d = by_id_.get(r.id)
        if d is None:
            out.append(r)
        elif d.drop is not None:
            out.append(replace(r, audience="dropped", origin="dropped", decision=d))
        else:
            horizon, fixed = dated(r.horizon, d, today)
            out.append(
                replace(
                    r,
                    origin="edited",
                    decision=d,
                    owner=d.owner or r.owner,
                    horizon=horizon,
                    fixed=fixed,
                )
            )
    urgency = {r.id: r.urgency for r in out}
    for index, d in enumerate(advice.decisions):
        if not d.add:
            continue
        if d.urgency is not None:
            level = int(d.urgency)
        elif d.after:
            # Right after the recommendations it waits for.
            level = max(1, min((urgency[a] for a in d.after if a in urgency), default=OWN_URGENCY) - 1)
        else:
            level = OWN_URGENCY
        urgency[d.id] = level
        horizon, fixed = dated((0, 3), d, today)
        out.append(
            Recommendation(
                id=d.id,
                urgency=level,
                phase=d.phase or "foundation",
                # What it acts on: the consultant's own decision in the answers.
                addresses=(f"advice.recommendations[{index}]",),
                horizon=horizon,
                owner=d.owner or "ceo",
                kpis=d.kpis,
                source="consultant",
                findings=(),
                origin="consultant",
                decision=d,
                fixed=fixed,
            )
        )
    return out


def decision_json(r: Recommendation) -> dict[str, Any]:
    """What the consultant decided, for the JSON: origin, the fields changed, and the
    plan's owner name, budget, dates and status where given."""
    d = r.decision
    out: dict[str, Any] = {"origin": r.origin}
    if d is None:
        return out
    if r.origin == "dropped":
        return {**out, "drop_reason": plain(d.drop)}
    out["changes"] = list(d.changed()) if r.origin == "edited" else []
    if d.owner_name is not None:
        out["owner_name"] = d.owner_name
    if d.budget is not None:
        out["budget"] = {"low": json_number(d.budget), "high": json_number(d.budget_high or d.budget)}
    for key in ("start", "due"):
        if getattr(d, key) is not None:
            out[key] = getattr(d, key).isoformat()
    if d.status is not None:
        out["status"] = d.status
    return out


def plain(text: Any) -> Any:
    """A text as the JSON holds it: a string, or {vi, en}."""
    return dict(text) if isinstance(text, Mapping) else text


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def merge(group: str, found: list[Finding]) -> Recommendation:
    g = groups()[group]
    acts = [actions()[f.action] for f in found]
    single = acts[0] if len(acts) == 1 else None
    return Recommendation(
        id=group,
        urgency=g.urgency,
        phase=g.phase,
        addresses=_unique(p for f in found for p in f.paths),
        horizon=single.horizon if single else g.horizon,
        owner=single.owner if single else g.owner,
        kpis=_unique(k for a in acts for k in a.kpis)[:MAX_KPIS],
        source=single.source if single else g.source,
        findings=tuple(found),
        audience=g.audience,
    )


def client(result: Iterable[Recommendation]) -> tuple[Recommendation, ...]:
    """The advice to the client (the consultant's to-dos left out), most urgent first."""
    return tuple(r for r in result if r.audience == "client")


def todo(result: Iterable[Recommendation]) -> tuple[Recommendation, ...]:
    """The consultant's to-dos: what the assessment left unanswered."""
    return tuple(r for r in result if r.audience != "client")


def schedule(result: Sequence[Recommendation]) -> tuple[Recommendation, ...]:
    """The plan: each recommendation starts once those it waits for are done (its group's
    ``after``, where they are given) and once its owner carries fewer than MAX_CONCURRENT
    actions; it keeps its length. Returned in the order given (urgency)."""
    present = {r.id for r in result if r.audience == "client"}
    by_id_ = {r.id: r for r in result}
    placed: dict[str, Recommendation] = {}
    load: dict[str, list[tuple[int, int]]] = {}

    def place(r: Recommendation, path: tuple[str, ...] = ()) -> Recommendation:
        if r.id in placed:
            return placed[r.id]
        if r.id in path:
            raise ValueError(f"advice groups wait for each other: {' -> '.join((*path, r.id))}")
        deps = tuple(d for d in waits_for(r) if d in present and d != r.id)
        ends = [place(by_id_[d], (*path, r.id)).horizon[1] for d in deps]
        length = r.horizon[1] - r.horizon[0]
        start = r.horizon[0] if r.fixed else max([r.horizon[0], *ends])
        if r.audience == "client":
            busy = load.setdefault(r.owner, [])
            while (
                not r.fixed
                and sum(1 for s, e in busy if s < start + length and start < e) >= MAX_CONCURRENT
            ):
                start += 1
            busy.append((start, start + length))
        phase = r.phase
        if phase != "pre_launch":
            phase = next(ph for floor, ph in PHASE_BY_START if start >= floor)
        placed[r.id] = replace(r, horizon=(start, start + length), phase=phase, after=deps)
        return placed[r.id]

    return tuple(place(r) for r in result)


class Recommendations(Section[None, tuple[Recommendation, ...]]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "recommendations"
    title = _("Recommendations")
    order = 90
    view_type = RecommendationsView
    handout_type = RecommendationsHandout
    depends = ("*",)  # every other section's findings
    rubric_modules = (rb,)
    handout = 40
    method = (
        (
            _("Recommendations"),
            _(
                "Every weakness the answers show is addressed: a criterion scored 5 or less, an advantage item scored 4 or less, a check answered no, a benchmark missed on its unfavourable side, an open compliance item where a market is planned, a lesson that applies, a failure factor the answers show, a success factor not in place. An answer not given is unknown, never a weakness: what it leaves unjudged is listed for the consultant in this appendix, not advised. Each action fits the answers (the streams, free tier, customer count and product kind given) and agrees with the rest of the advice. Related weaknesses are merged into one recommendation; recommendations are ranked by urgency: legal exposure and survival first, then what blocks scaling, then what weakens the model."
            ),
        ),
    )

    def score(
        self, value: None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Recommendation, ...]:
        from .. import answer_sections, sections

        found: list[Finding] = []
        for section in sections():
            if section.id in results and section is not self:
                found += section.findings(results[section.id], answers, results)
        # An optional section left out is a finding: the assessment is incomplete.
        found += [
            finding(f"{s.id}#absent", s.id)
            for s in answer_sections()
            if not s.required and s.absent_is_gap and s.value(answers) is None
        ]
        found = agree(found)
        by_group: dict[str, list[Finding]] = {}
        for f in found:
            by_group.setdefault(actions()[f.action].group, []).append(f)
        merged = [merge(g, fs) for g, fs in by_group.items()]
        decided = decide(merged, results.get("advice"), answers)
        order = {g: i for i, g in enumerate(groups())}
        return schedule(sorted(decided, key=lambda r: (-r.urgency, order.get(r.id, len(order)), r.id)))

    def to_json(self, result: tuple[Recommendation, ...] | None) -> dict[str, Any]:
        assert result is not None
        return {
            self.id: [
                {
                    "id": r.id,
                    "urgency": r.urgency,
                    "addresses": list(r.addresses),
                    "horizon_months": list(r.horizon),
                    "owner": r.owner,
                    "kpis": list(r.kpis),
                    "phase": r.phase,
                    "source": r.source,
                    "actions": list(r.actions),
                    "audience": r.audience,
                    "after": list(r.after),
                    **decision_json(r),
                }
                for r in result
            ]
        }

    def present(
        self, p: Presenter, result: tuple[Recommendation, ...] | None
    ) -> RecommendationsView:
        assert result is not None
        result = client(result)
        count = len(result)
        if count:
            intro = p.f.ngettext(
                "%(count)s recommendation addresses every weakness of %(client)s's answers.",
                "%(count)s recommendations address every weakness of %(client)s's answers, the "
                "most urgent first.",
                count,
            ) % {"count": p.f.number(count), "client": p.a.client.name}
        else:
            intro = p.t(_("%(client)s's answers show no weakness that needs a recommendation.")) % {
                "client": p.a.client.name
            }
        return RecommendationsView(
            intro=intro, items=tuple(view(p, r, i) for i, r in enumerate(result, start=1))
        )

    def todo(self, p: Presenter, result: tuple[Recommendation, ...] | None) -> tuple[str, ...]:
        return tuple(step(p, f) for r in todo(result or ()) for f in r.findings)

    def portfolio(self, outputs: Sequence[Any]) -> dict[str, Any]:
        """The advice given most across clients (consultant's to-dos and dropped aside)."""
        given = Counter(
            r["id"] for o in outputs for r in o or () if r.get("audience", "client") == "client"
        )
        return {
            "recommendations": [
                {"id": rid, "clients": n} for rid, n in given.most_common(PORTFOLIO_TOP)
            ]
        }

    def dashboard(self, f: Formatting, portfolio: Mapping[str, Any]) -> tuple[DashboardPart, ...]:
        top = portfolio.get("recommendations")
        if not top:
            return ()
        t = f.gettext
        return (
            DashboardPart(
                t(_("The most frequent recommendations")),
                head=(t(_("Recommendation")), t(_("Number of clients"))),
                rows=tuple(
                    (t(groups()[r["id"]].title) if r["id"] in groups() else r["id"], f.number(r["clients"]))
                    for r in top
                ),
            ),
        )

    def handout_view(
        self, ps: Sequence[Presenter], result: tuple[Recommendation, ...] | None
    ) -> RecommendationsHandout:
        assert result is not None
        return RecommendationsHandout(
            heading=bilingual_message(ps, _("What to do first")),
            owner_label=bilingual_message(ps, _("Owner")),
            when_label=bilingual_message(ps, _("When")),
            why_label=ps[0].t(_("Why")),
            kpis_label=bilingual_message(ps, _("Metrics to watch")),
            items=tuple(
                HandoutAction(
                    text=bilingual(ps, text, r),
                    # A bilingual page has no room for the reasons in two languages.
                    why=why(ps[0], r) if len(ps) == 1 else None,
                    owner=bilingual(ps, owner, r),
                    when=bilingual(ps, horizon, r),
                    kpis=bilingual(ps, kpis, r),
                )
                for r in client(result)[: HANDOUT_TOP[len(ps)]]
            ),
        )


# --- presenting a recommendation ---------------------------------------------------------

URGENCY_TIERS = (
    (72, _("Urgent: legal exposure or survival")),
    (50, _("High: blocks scaling")),
    (21, _("Medium: weakens the model")),
    (0, _("Low: evidence for an ambitious target")),
)


def params(p: Presenter, found: Iterable[Finding]) -> dict[str, str]:
    """The findings' figures, formatted for the presenter's locale (the first finding that
    gives a figure wins; market names are gathered from all of them)."""
    found = list(found)
    out: dict[str, str] = {}
    markets: list[Any] = []
    for f in found:
        for name, value in f.params.items():
            if isinstance(value, Phrases):
                # Examples to choose from ("such as subscription or marketplace") are
                # alternatives, in running case; the other lists are all to be done.
                if name == "streams":
                    out.setdefault(name, p.f.list((inline(p.t(m)) for m in value), style="or"))
                else:
                    out.setdefault(name, p.f.list(p.t(m) for m in value))
            elif name in ("markets", "paused"):
                if name == "markets":
                    markets += [m for m in value if m not in markets]
                else:
                    out.setdefault(name, p.places(value))
            elif name in ("value", "low", "high"):
                out.setdefault(name, value_text(p, benchmark(f.params["benchmark"]), value))
            elif name != "benchmark":
                out.setdefault(name, p.f.number(value))
    out["markets"] = p.places(markets)
    out.setdefault("count", p.f.number(len(found)))
    return out


def _edited(p: Presenter, r: Recommendation, key: str) -> str | None:
    """The consultant's wording of a field, in the report's language (marked where it is
    given in another language only), or None where the engine's stands."""
    value = getattr(r.decision, key, None) if r.decision is not None else None
    return p.text(value) if value is not None else None


def title(p: Presenter, r: Recommendation) -> str:
    return _edited(p, r, "title") or p.t(groups()[r.id].title)


def headline(p: Presenter, r: Recommendation) -> str:
    own = _edited(p, r, "text")
    if own is not None:
        return own
    values = params(p, r.findings)
    if len(r.findings) == 1:
        return p.t(actions()[r.findings[0].action].action) % values
    nouns = _unique(p.t(actions()[f.action].noun) % params(p, [f]) for f in r.findings)
    return p.t(groups()[r.id].message) % {**values, "items": p.f.list(nouns)}


def why(p: Presenter, r: Recommendation) -> str:
    own = _edited(p, r, "why")
    if own is not None or not r.findings:
        return own or ""
    message = actions()[r.findings[0].action].why if len(r.findings) == 1 else groups()[r.id].why
    return p.t(message) % params(p, r.findings)


def deciding_why(p: Presenter, r: Recommendation) -> str:
    """The reason that decides a recommendation, with the client's figures: a merged
    recommendation's first finding that quotes a figure (the runway against the months to
    break-even), else its reason (the consultant's, where they wrote one)."""
    if r.decision is not None and r.decision.why is not None:
        return why(p, r)
    # The client's own figures decide most: months (runway), then a value against its
    # benchmark, then a count, then a score.
    for figure in ("months", "value", "customers", "count", "score"):
        for f in r.findings:
            if figure in f.params:
                return p.t(actions()[f.action].why) % params(p, [f])
    return why(p, r)


def text(p: Presenter, r: Recommendation) -> str:
    """A recommendation as one sentence: what to do."""
    return headline(p, r)


def step(p: Presenter, f: Finding) -> str:
    a: Action = actions()[f.action]
    return p.t(a.action) % params(p, [f])


def steps(p: Presenter, r: Recommendation) -> tuple[str, ...]:
    """A merged recommendation's concrete steps, one per item listed (items that share a
    noun, such as two answers asking for the same new stream, give one step); the
    consultant's steps, one a line, where they wrote them."""
    own = _edited(p, r, "steps")
    if own is not None:
        return tuple(line.strip() for line in own.splitlines() if line.strip())
    if len(r.findings) < 2:
        return ()
    out: dict[str, str] = {}
    for f in r.findings:
        out.setdefault(actions()[f.action].noun % params(p, [f]), step(p, f))
    return tuple(out.values())


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after day's month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def horizon(p: Presenter, r: Recommendation) -> str:
    """When, as calendar months from the assessment's date ("Dec 2026 – Feb 2027"), or the
    consultant's dates; "before any launch" for what must precede a launch abroad."""
    today = p.a.assessment.date
    d = r.decision
    if d is not None and (d.start is not None or d.due is not None):
        first = d.start or add_months(today, r.horizon[0])
        last = d.due or add_months(today, r.horizon[1] - 1)
        # A table column's width: exact dates in their short form ("01/09/2026").
        span = p.t(_("%(start)s to %(due)s")) % {
            "start": p.f.short_date(first),
            "due": p.f.short_date(last),
        }
    else:
        start, end = r.horizon
        span = p.f.months(add_months(today, start), add_months(today, max(start, end - 1)))
    if r.phase == "pre_launch":
        return p.t(_("before any launch, %(when)s")) % {"when": span}
    return span


def when_and_status(p: Presenter, r: Recommendation) -> str:
    """When, and the status beside it where there is one ("Aug – Oct 2026 (in progress,
    overdue)")."""
    label = status(p, r)
    if not label:
        return horizon(p, r)
    return p.t(_("%(when)s (%(status)s)")) % {"when": horizon(p, r), "status": inline(label)}


def overdue(p: Presenter, r: Recommendation) -> bool:
    """Due before the assessment's date and not done."""
    d = r.decision
    return bool(d and d.due is not None and d.due < p.a.assessment.date and d.status != "done")


def status(p: Presenter, r: Recommendation) -> str | None:
    """The status the consultant gave, "overdue" where the due date has passed."""
    d = r.decision
    label = p.t(STATUS[d.status].label) if d is not None and d.status is not None else None
    if overdue(p, r):
        return p.t(_("Overdue")) if label is None else p.t(_("%(status)s, overdue")) % {"status": label}
    return label


def budget(p: Presenter, r: Recommendation) -> str | None:
    d = r.decision
    if d is None or d.budget is None:
        return None
    return money_range(p, d.budget, d.budget_high if d.budget_high is not None else d.budget)


def money_range(p: Presenter, low: Decimal, high: Decimal) -> str:
    """An amount in the assessment's currency, or a range of two ("$5,000–$7,000")."""
    currency = p.a.assessment.currency
    if low == high:
        return p.f.money(low, currency)
    return p.t(_("%(low)s–%(high)s")) % {
        "low": p.f.money(low, currency),
        "high": p.f.money(high, currency),
    }


def owner(p: Presenter, r: Recommendation) -> str:
    role = p.t(ROLE[r.owner].label)
    name = r.decision.owner_name if r.decision is not None else None
    return p.t(_("%(name)s, %(role)s")) % {"name": name, "role": role} if name else role


def source(p: Presenter, r: Recommendation) -> str:
    if r.origin == "consultant":
        return p.t(_("The consultant's judgement"))
    return p.t(SOURCE[r.source].label)


def kpis(p: Presenter, r: Recommendation) -> str:
    return p.f.labels(p.t(KPI[k].label) for k in r.kpis)


def urgency_label(p: Presenter, r: Recommendation) -> str:
    return p.t(next(label for floor, label in URGENCY_TIERS if r.urgency >= floor))


def view(p: Presenter, r: Recommendation, number: int) -> RecommendationView:
    return RecommendationView(
        number=number,
        title=title(p, r),
        text=headline(p, r),
        steps=steps(p, r),
        why=why(p, r),
        source=source(p, r),
        owner=owner(p, r),
        horizon=horizon(p, r),
        kpis=kpis(p, r),
        urgency=urgency_label(p, r),
        budget=budget(p, r),
        status=status(p, r),
        overdue=overdue(p, r),
    )


def top(result: tuple[Recommendation, ...]) -> tuple[Recommendation, ...]:
    """The most urgent recommendations, for the executive summary."""
    return client(result)[:3]


SECTION = Recommendations()
