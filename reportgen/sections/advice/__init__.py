"""The consultant's last word on the advice: the optional `advice` part of the answers.

Keyed by a recommendation's stable id (its advice group, as `reportgen score --format
json` lists it), a decision drops a recommendation with a reason, edits its title,
instruction, reason or steps (in one language or both), or adds the consultant's own; and
for any of them names an owner, a budget, a start and a due date and a status. Besides,
the consultant may hold the client to their own benchmark for a figure the engine checks.

The section has no chapter: the recommendations apply the decisions, the plan and the
summary show them, and the appendix keeps the record of what was decided.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ...blocks import advice as advice_rubric
from ...blocks import schema
from ...blocks.rubric import _, by_id, ids
from ...blocks.section import Section
from ...model import Answers, Text
from . import rubric as rb

STATUS = by_id(rb.STATUSES)
ORIGIN = by_id(rb.ORIGINS)

# The fields that edit a recommendation's wording, and those that plan it.
WORDING = ("title", "text", "why", "steps")
PLANNING = ("owner", "owner_name", "budget", "budget_high", "start", "due", "status")
OWN = ("urgency", "after", "phase", "kpis")  # only for the consultant's own


@dataclass(frozen=True)
class Decision:
    id: str
    add: bool = False
    drop: Text | None = None  # the reason: the recommendation is not given
    title: Text | None = None
    text: Text | None = None
    why: Text | None = None
    steps: Text | None = None  # one step a line
    owner: str | None = None  # a role id
    owner_name: str | None = None
    budget: Decimal | None = None  # in the assessment's currency; with budget_high, a range
    budget_high: Decimal | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    status: str | None = None
    urgency: Decimal | None = None
    after: tuple[str, ...] = ()
    phase: str | None = None
    kpis: tuple[str, ...] = ()

    def changed(self) -> tuple[str, ...]:
        """The fields the consultant set, in a fixed order (the JSON's `changes`)."""
        return tuple(k for k in (*WORDING, *PLANNING) if getattr(self, k) is not None)


@dataclass(frozen=True)
class OwnBenchmark:
    id: str  # a benchmark id of a section (churn, growth, expansion_budget, ...)
    low: Decimal
    high: Decimal
    source: Text | None = None


@dataclass(frozen=True)
class AdviceAnswers:
    decisions: tuple[Decision, ...] = ()
    benchmarks: tuple[OwnBenchmark, ...] = ()


def _ids_list(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in str(text).replace(";", ",").split(",") if x.strip())


def _engine_ids() -> set[str]:
    from .. import groups

    return set(groups())


def _benchmark_ids() -> set[str]:
    from .. import sections

    return {b.id for s in sections() for b in s.benchmarks}


def _decisions_hold(items: list[Any]) -> list[tuple[schema.Path, str]]:
    """Ids known and given once, a dropped recommendation not also edited, an own
    recommendation with its wording, dates in order, `after` naming known ids without a
    cycle among the consultant's own, KPIs known."""
    problems: list[tuple[schema.Path, str]] = []
    engine = _engine_ids()
    kpis = set(ids(advice_rubric.KPIS))
    seen: dict[str, int] = {}
    own = {d["id"]: d for d in items if isinstance(d, dict) and d.get("add") is True and "id" in d}
    for i, d in enumerate(items):
        if not isinstance(d, dict) or schema.INVALID in d.values() or "id" not in d:
            continue
        key = d["id"]
        if key in seen:
            problems.append(((i, "id"), f"recommendation '{key}' is decided twice (also [{seen[key]}])"))
        seen.setdefault(key, i)
        if d.get("add") is True:
            if key in engine:
                problems.append(
                    ((i, "id"), f"'{key}' is one of the engine's ids; give your own recommendation another id")
                )
            for needed in ("title", "text"):
                if d.get(needed) is None:
                    problems.append(((i, needed), f"an added recommendation needs its {needed}"))
        elif key not in engine:
            # The closest id, as the loader suggests one for an unknown key.
            close = difflib.get_close_matches(key, sorted(engine), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                (
                    (i, "id"),
                    f"unknown recommendation id '{key}'{hint}: expected an id of "
                    "`reportgen score --format json`, or `add: true` for your own",
                )
            )
        if d.get("drop") is not None:
            edited = [k for k in (*WORDING, *PLANNING) if d.get(k) is not None]
            if edited:
                problems.append(
                    ((i, edited[0]), f"recommendation '{key}' is dropped; a dropped recommendation cannot also be edited")
                )
            if d.get("add") is True:
                problems.append(((i, "drop"), "an added recommendation cannot be dropped; delete its row"))
        if d.get("add") is not True:
            for k in OWN:
                if d.get(k) is not None:
                    problems.append(((i, k), f"'{k}' is for your own recommendations (add: true) only"))
        start, due = d.get("start"), d.get("due")
        if isinstance(start, dt.date) and isinstance(due, dt.date) and due < start:
            problems.append(((i, "due"), f"the due date {due.isoformat()} is before the start {start.isoformat()}"))
        low, high = d.get("budget"), d.get("budget_high")
        if high is not None and low is None:
            problems.append(((i, "budget_high"), "a budget range needs its low end in budget"))
        if isinstance(low, Decimal) and isinstance(high, Decimal) and high < low:
            problems.append(((i, "budget_high"), f"the budget's high end {high} is below its low end {low}"))
        for ref in _ids_list(d.get("after") or ""):
            if ref not in engine and ref not in own:
                problems.append(((i, "after"), f"'after' names an unknown recommendation '{ref}'"))
        for k in _ids_list(d.get("kpis") or ""):
            if k not in kpis:
                problems.append(((i, "kpis"), f"unknown metric '{k}'"))
    # A cycle among the consultant's own recommendations can never be scheduled.
    for key in own:
        path, node = [key], key
        while True:
            nexts = [r for r in _ids_list(own[node].get("after") or "") if r in own]
            if not nexts:
                break
            node = nexts[0]
            if node in path:
                i = next(n for n, d in enumerate(items) if isinstance(d, dict) and d.get("id") == key)
                problems.append(((i, "after"), "the recommendations wait for each other: " + " -> ".join((*path, node))))
                break
            path.append(node)
        else:  # pragma: no cover
            pass
    return problems


def _benchmarks_hold(items: list[Any]) -> list[tuple[schema.Path, str]]:
    problems: list[tuple[schema.Path, str]] = []
    known = _benchmark_ids()
    seen: set[str] = set()
    for i, b in enumerate(items):
        if not isinstance(b, dict) or schema.INVALID in b.values() or "id" not in b:
            continue
        if b["id"] not in known:
            problems.append(((i, "id"), f"unknown benchmark '{b['id']}': expected one of {', '.join(sorted(known))}"))
        if b["id"] in seen:
            problems.append(((i, "id"), f"benchmark '{b['id']}' is given twice"))
        seen.add(b["id"])
        if isinstance(b.get("low"), Decimal) and isinstance(b.get("high"), Decimal) and b["high"] < b["low"]:
            problems.append(((i, "high"), f"the high end {b['high']} is below the low end {b['low']}"))
    return problems


DECISION = schema.Fields(
    title=_("Decision on a recommendation"),
    fields=(
        schema.Field(
            "id",
            schema.Text(
                title=_("Recommendation id"),
                description=_("The engine's id (reportgen score --format json), or your own id with add: true"),
            ),
            required=True,
        ),
        schema.Field("add", schema.Boolean(title=_("Your own recommendation"))),
        schema.Field(
            "drop",
            schema.Bilingual(
                title=_("Dropped, because"),
                description=_("The reason for not giving this recommendation"),
            ),
        ),
        schema.Field("title", schema.Bilingual(title=_("Title"))),
        schema.Field("text", schema.Bilingual(title=_("What to do"))),
        schema.Field("why", schema.Bilingual(title=_("Why"))),
        schema.Field(
            "steps",
            schema.Bilingual(title=_("Steps"), description=_("One step a line")),
        ),
        schema.Field("owner", schema.choice(advice_rubric.ROLES, _("Owner's role"))),
        schema.Field("owner_name", schema.Text(title=_("Owner's name"), required=False)),
        schema.Field(
            "budget",
            schema.Number(
                title=_("Budget"),
                description=_("In the assessment's currency; the low end where a range is given"),
                lo=Decimal(0),
                hi=schema.MONEY_MAX,
                unit="money",
            ),
        ),
        schema.Field(
            "budget_high",
            schema.Number(
                title=_("Budget, high end"), lo=Decimal(0), hi=schema.MONEY_MAX, unit="money"
            ),
        ),
        schema.Field("start", schema.Date(title=_("Start date"))),
        schema.Field("due", schema.Date(title=_("Due date"))),
        schema.Field("status", schema.choice(rb.STATUSES, _("Status"))),
        schema.Field(
            "urgency",
            schema.Number(
                title=_("Urgency"),
                description=_("1-100, for your own recommendations: where they rank"),
                lo=Decimal(1),
                hi=Decimal(100),
            ),
        ),
        schema.Field(
            "after",
            schema.Text(
                title=_("After"),
                description=_("Ids of the recommendations it waits for, separated by commas"),
                required=False,
            ),
        ),
        schema.Field("phase", schema.choice(advice_rubric.PHASES, _("Phase"))),
        schema.Field(
            "kpis",
            schema.Text(
                title=_("Metrics to watch"),
                description=_("Metric ids, separated by commas"),
                required=False,
            ),
        ),
    ),
)

OWN_BENCHMARK = schema.Fields(
    title=_("Your benchmark"),
    fields=(
        schema.Field(
            "id",
            schema.Text(
                title=_("Benchmark id"),
                description=_("The id of a benchmark the report checks, as in the JSON's checks"),
            ),
            required=True,
        ),
        schema.Field("low", schema.Number(title=_("Low end"), lo=Decimal(-100), hi=schema.GROWTH_MAX_PCT), required=True),
        schema.Field("high", schema.Number(title=_("High end"), lo=Decimal(-100), hi=schema.GROWTH_MAX_PCT), required=True),
        schema.Field("source", schema.Bilingual(title=_("Why this benchmark, and its source"))),
    ),
)

SCHEMA = schema.Fields(
    title=_("The consultant's decisions on the advice"),
    fields=(
        schema.Field(
            "recommendations",
            schema.ListOf(
                title=_("Decisions on recommendations"),
                item=DECISION,
                what="a list of decisions",
                rules=(
                    schema.Rule(
                        _decisions_hold,
                        says=(
                            "A decision names a known recommendation once (or adds one of your own, "
                            "with its title and text); a dropped one is not also edited; a due date "
                            "is not before its start; `after` names known recommendations, without "
                            "a cycle; metrics are known ids."
                        ),
                        message=r"recommendation|dropped|due date|after|metric|budget|added|engine's ids|wait for each other",
                    ),
                ),
            ),
        ),
        schema.Field(
            "benchmarks",
            schema.ListOf(
                title=_("Your benchmarks"),
                item=OWN_BENCHMARK,
                what="a list of benchmarks",
                rules=(
                    schema.Rule(
                        _benchmarks_hold,
                        says="A benchmark of your own names a known benchmark once, its low end not above its high end.",
                        message=r"benchmark|high end",
                    ),
                ),
            ),
        ),
    ),
)


class AdviceSection(Section[AdviceAnswers, AdviceAnswers]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "advice"
    title = _("The consultant's decisions")
    order = 88
    schema = SCHEMA
    rubric_modules = (rb,)
    chapter = False  # applied by the recommendations, recorded in the appendix
    absent_is_gap = False  # no decision is a decision: the engine's advice stands

    def build(self, checked: dict[str, Any]) -> AdviceAnswers:
        decisions = []
        for d in checked.get("recommendations", ()):
            values = dict(d)
            values["add"] = values.get("add") is True
            values["after"] = _ids_list(values.get("after") or "")
            values["kpis"] = _ids_list(values.get("kpis") or "")
            decisions.append(Decision(**values))
        return AdviceAnswers(
            decisions=tuple(decisions),
            benchmarks=tuple(OwnBenchmark(**b) for b in checked.get("benchmarks", ())),
        )

    def score(
        self, value: AdviceAnswers | None, answers: Answers, results: dict[str, Any]
    ) -> AdviceAnswers | None:
        return value

    def to_json(self, result: AdviceAnswers | None) -> dict[str, Any]:
        """What the consultant decided, in counts (each recommendation's own decision is in
        its entry of "recommendations": origin, changes, drop_reason); null when the file
        has no advice part."""
        if result is None:
            return {self.id: None}
        decisions = result.decisions
        return {
            self.id: {
                "dropped": sum(1 for d in decisions if d.drop is not None),
                "edited": sum(1 for d in decisions if not d.add and d.drop is None),
                "added": sum(1 for d in decisions if d.add),
                "benchmarks": [b.id for b in result.benchmarks],
            }
        }


def own_benchmark(answers: Answers, benchmark_id: str) -> tuple[Decimal, Decimal, Any] | None:
    """The consultant's range for a figure and their reason, where the answers give one
    (blocks/benchmarks.check takes it)."""
    value = answers.sections.get("advice")
    if not isinstance(value, AdviceAnswers):
        return None
    own = next((b for b in value.benchmarks if b.id == benchmark_id), None)
    return (own.low, own.high, own.source) if own is not None else None


SECTION = AdviceSection()
