"""International expansion: markets ranked by priority score, their risk tiers, the
regulatory checklists and the entry strategy.

Priority = regulatory environment + competitive landscape + cultural fit + market
size + (11 - entry cost), out of 50; a market's risk tier is the most severe tier
of its risk factors; the expansion's, the most severe market tier.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import charts, schema
from ...blocks.benchmarks import BenchmarkCheck, benchmark_row, check
from ...blocks.findings import Finding, Phrases, finding
from ...blocks.presenter import band_badge, bilingual, bilingual_message
from ...blocks.rubric import _, by_id, ids
from ...blocks.schema import INVALID
from ...blocks.section import Section, json_number
from ...blocks.views import (
    Badge,
    Bi,
    Cell,
    Chart,
    Choice,
    Column,
    DashboardPart,
    Filter,
    HandoutRow,
    Note,
    Table,
    doc,
    inline,
)
from ...model import Answers, FrozenMap, Place, Text
from ..advice import own_benchmark
from ..validation import Scored
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Formatting, Presenter

REGION = by_id(rb.REGIONS)
COMPLIANCE = by_id(rb.COMPLIANCE)
RISK_TIER = by_id(rb.RISK_TIERS)
RISK_RANK = {tier: i + 1 for i, tier in enumerate(reversed(rb.RISK_SEVERITY))}  # low: 1
RISK_FACTOR = by_id(rb.RISK_FACTORS)
RISK_FACTOR_TIER = {f.id: f.tier for f in rb.RISK_FACTORS}
LOCALIZATION = by_id(rb.LOCALIZATION)
LOCAL_TEAM = by_id(rb.LOCAL_TEAM)
CRITERION_IDS = ids(rb.MARKET_CRITERIA)
COMPLIANCE_ITEM = {i.id: i for g in rb.COMPLIANCE for i in g.items}
ECONOMICS = by_id(rb.ECONOMICS)
ACTIONS = rb.ACTIONS
PCT = Decimal(100)
# The case study's first lesson: at most this many markets in the first wave.
FOCUS_LIMIT = 3
# The answer each economics benchmark reads.
ECONOMICS_ANSWER = {
    "expansion_budget": "expansion_budget_pct_of_revenue",
    "international_revenue": "international_revenue_target_pct",
    "months_to_positive_unit_economics": "months_to_positive_unit_economics",
}


@dataclass(frozen=True)
class Market:
    name: Text | None  # as given: text, or {vi, en}
    country: str | None  # ISO 3166 alpha-2
    region: str
    criteria: FrozenMap  # criterion id -> Decimal, in rubric order
    risk_factors: tuple[str, ...] = ()

    @property
    def place(self) -> Place:
        return Place(self.name, self.country)


@dataclass(frozen=True)
class EntryStrategy:
    direct: bool | None = None
    partnership: bool | None = None
    localization: tuple[str, ...] | None = None  # None: not answered
    compliance_timeline_months: Decimal | None = None
    local_team: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expansion:
    runway_months: Decimal | None
    markets: tuple[Market, ...]
    compliance: FrozenMap  # region id -> FrozenMap(item id -> bool); absent regions omitted
    entry_strategy: EntryStrategy | None = None
    # The expansion's economics, where the consultant gives them (percent, months).
    expansion_budget_pct_of_revenue: Decimal | None = None
    international_revenue_target_pct: Decimal | None = None
    months_to_positive_unit_economics: Decimal | None = None


@dataclass(frozen=True)
class RiskFactorTier:
    id: str
    tier: str


@dataclass(frozen=True)
class MarketScore:
    rank: int
    index: int  # its place in the answers file: expansion.markets[index]
    place: Place  # its name and country, as given
    region: str
    score: Decimal
    max: Decimal
    risk_tier: str
    criteria: tuple[Scored, ...]  # as answered (entry_cost is the cost, not its reverse)
    entry_cost_points: Decimal  # 11 - entry_cost: what entry cost adds to the score
    risk_factors: tuple[RiskFactorTier, ...]


@dataclass(frozen=True)
class ComplianceRegion:
    region: str
    assessed: bool  # the answers hold this region's checklist
    items: tuple[tuple[str, bool], ...]  # item id -> done (False where not assessed)
    done: int
    total: int
    market_planned: bool
    gaps: tuple[str, ...]  # undone items, listed only where a market is planned


@dataclass(frozen=True)
class ExpansionScore:
    risk_tier: str
    markets: tuple[MarketScore, ...]  # ranked: highest score first, ties by name
    compliance: tuple[ComplianceRegion, ...]
    runway_months: Decimal | None
    direct: bool | None
    partnership: bool | None
    localization: tuple[str, ...] | None  # None: not answered
    local_team: tuple[str, ...]
    compliance_timeline_months: Decimal | None
    economics: tuple[BenchmarkCheck, ...]  # the expansion's economics against the sources
    # The markets the plan keeps: all of them, or the highest-ranked ones where more are
    # planned than the case study's lesson allows; the others are paused, and no
    # recommendation adapts to or prepares for a paused market.
    kept: tuple[MarketScore, ...]
    paused: tuple[MarketScore, ...]
    # Why the first wave is as small as it is, where markets are paused: "break_even" (the
    # runway is shorter than the months to positive unit economics), "runway" (shorter
    # than the case study's 18 months), "count" (more markets than the lesson's three).
    focus: str | None = None


@dataclass(frozen=True)
class ExpansionView:
    chart: Chart = doc("the markets' priority scores as a bar chart (out of 50)")
    ranking: Table = doc("the markets ranked by priority, with region, risk tier and factors")
    risk: Badge = doc("the expansion's risk tier")
    compliance: tuple[Table, ...] = doc("one regulatory checklist per region")
    gaps: tuple[str, ...] = doc("one sentence per region with a planned market and open items")
    entry: Table = doc("the entry strategy as answered")
    economics: Table | None = doc("the expansion's economics against the sources, or None")
    note: Note | None = doc("the consultant's note on expansion, or None")


@dataclass(frozen=True)
class ExpansionHandout:
    heading: Bi = doc("the part's heading")
    risk: HandoutRow = doc("the expansion risk tier (not assessed without an expansion)")


def _markets_listed_once(markets: list[Any]) -> list[tuple[schema.Path, str]]:
    problems: list[tuple[schema.Path, str]] = []
    seen: dict[str, int] = {}
    for i, m in enumerate(markets):
        if not isinstance(m, dict) or any(v is INVALID for v in m.values()):
            continue
        place = Place(m.get("name"), m.get("country"))
        if not place.key:
            continue  # its own rule reports a market with neither name nor country
        key = place.key.casefold()
        if key in seen:
            where = "name" if "name" in m else "country"
            problems.append(
                ((i, where), f"market '{place.key}' is listed twice (also markets[{seen[key]}])")
            )
        seen.setdefault(key, i)
    return problems


def _named(market: dict[str, Any]) -> list[tuple[schema.Path, str]]:
    if "name" in market or "country" in market:
        return []
    return [((), "a market needs a name or a country (an ISO 3166 code such as DE)")]


MARKET = schema.Fields(
    fields=(
        schema.Field("name", schema.Bilingual(title=_("Market name"))),
        schema.Field("country", schema.Code(title=_("Country"), kind="country")),
        schema.Field("region", schema.choice(rb.REGIONS, _("Region")), required=True),
        *(
            schema.Field(
                i.id,
                schema.Number(
                    title=i.label,
                    description=i.explanation,
                    lo=rb.MARKET_CRITERION_MIN,
                    hi=rb.MARKET_CRITERION_MAX,
                ),
                required=True,
            )
            for i in rb.MARKET_CRITERIA
        ),
        schema.Field("risk_factors", schema.choices(rb.RISK_FACTORS, _("Risk factors"))),
    ),
    rules=(
        schema.Rule(
            _named,
            says="A market has a name or a country.",
            message=r"a market needs a name or a country",
            json_schema={
                "anyOf": [
                    {"required": [key], "properties": {key: {"not": {"enum": [None, ""]}}}}
                    for key in ("name", "country")
                ]
            },
        ),
    ),
    title=_("Market"),
)

SCHEMA = schema.Fields(
    fields=(
        schema.Field(
            "markets",
            schema.ListOf(
                title=_("Markets"),
                item=MARKET,
                what="a list of markets",
                rules=(
                    schema.Rule(
                        _markets_listed_once,
                        says="No market is listed twice (by name, else by country; any case).",
                        message=r"market '.*' is listed twice",
                    ),
                ),
            ),
            required=True,
        ),
        schema.Field(
            "runway_months",
            schema.Number(
                title=_("Funding runway"), lo=Decimal(0), hi=schema.MONTHS_MAX, unit="months"
            ),
        ),
        *(
            schema.Field(
                ECONOMICS_ANSWER[b.id],
                schema.Number(
                    title=b.label,
                    lo=Decimal(0),
                    hi=PCT if b.unit == "percent" else schema.MONTHS_MAX,
                    unit=b.unit,
                ),
            )
            for b in rb.ECONOMICS
        ),
        schema.Field(
            "compliance",
            schema.Fields(
                title=_("Regulatory compliance"),
                fields=tuple(
                    schema.Field(g.id, schema.flags(g.items, g.label, g.explanation))
                    for g in rb.COMPLIANCE
                ),
            ),
        ),
        schema.Field(
            "entry_strategy",
            schema.Fields(
                title=_("Entry strategy"),
                fields=(
                    *(
                        schema.Field(i.id, schema.Boolean(title=i.label, description=i.explanation))
                        for i in rb.ENTRY_STRATEGY
                    ),
                    schema.Field(
                        "localization", schema.choices(rb.LOCALIZATION, _("Localisation"))
                    ),
                    schema.Field(
                        "compliance_timeline_months",
                        schema.Number(
                            title=_("Compliance timeline"),
                            lo=Decimal(0),
                            hi=schema.MONTHS_MAX,
                            unit="months",
                        ),
                    ),
                    schema.Field("local_team", schema.choices(rb.LOCAL_TEAM, _("Local team"))),
                ),
            ),
        ),
    )
)


def most_severe(tiers: Iterable[str]) -> str:
    """The most severe risk tier among tiers; 'unassessed' when none is a severity."""
    present = set(tiers)
    for tier in rb.RISK_SEVERITY:
        if tier in present:
            return tier
    return "unassessed"


# Business models whose product puts generated content in front of people (text and
# images, ads, listings): the compliance actions about output filters fit them.
CONTENT_MODELS = frozenset({"generative_saas", "token_based", "ad_supported", "marketplace"})
# Compliance items whose action is about the product's outputs, with the variant for a
# product that does not generate content (or may not: unknown is not "yes").
CONTENT_ITEMS = ("apac.content_moderation", "apac.cultural_sensitivity")


def generates_content(answers: Answers) -> bool | None:
    """Whether the product generates content: as answered, else from the business model
    type where it tells (a route optimiser sold as an API may or may not)."""
    given = answers.answer("business_model.generates_content")
    if isinstance(given, bool):
        return given
    return True if answers.answer("business_model.type") in CONTENT_MODELS else None


def compliance_action(region: str, item: str, content: bool | None) -> str:
    """The action for an open compliance item, fitted to the product."""
    key = f"expansion.compliance.{region}.{item}"
    if f"{region}.{item}" in CONTENT_ITEMS and content is not True:
        return f"{key}#no_content"
    return key


# Risk tiers from the least severe: the order in which markets are entered first. A
# market whose risks are not assessed is unknown, neither favoured nor held back: it ranks
# with the medium tier.
RISK_ORDER = {"low": 0, "medium": 1, "unassessed": 1, "high": 2}


def first_wave(
    runway: Decimal | None, economics: tuple[BenchmarkCheck, ...]
) -> tuple[str, int]:
    """How many markets to enter first, and why: one where the runway cannot carry a
    launch to positive unit economics (or is below the case study's 18 months), else the
    lesson's three."""
    break_even = next(c for c in economics if c.id == "months_to_positive_unit_economics").value
    if runway is not None and break_even is not None and runway < break_even:
        return "break_even", 1
    if runway is not None and runway < rb.RUNWAY_FOR_EXPANSION:
        return "runway", 1
    return "count", FOCUS_LIMIT


def score_market(market: Market) -> tuple[Decimal, Decimal]:
    """The priority score and what entry cost adds to it (reverse-scored)."""
    c = market.criteria
    points = rb.ENTRY_COST_REVERSE - c["entry_cost"]
    score = (
        c["regulatory_environment"]
        + c["competitive_landscape"]
        + c["cultural_fit"]
        + c["market_size"]
    ) + points
    return score, points


def months(p: Presenter, value: Decimal | None) -> str:
    return p.t(_("%(months)s months")) % {"months": p.f.number(value)} if value is not None else "–"


class ExpansionSection(Section[Expansion, ExpansionScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "expansion"
    title = _("International expansion")
    benchmarks = rb.ECONOMICS
    order = 60
    view_type = ExpansionView
    handout_type = ExpansionHandout
    note = "text"
    rubric_modules = (rb,)
    handout = 30
    schema = SCHEMA
    method = (
        (
            _("Market priority score"),
            _(
                "Regulatory environment + competitive landscape + cultural fit + market size + (11 - entry cost), each scored 1 to 10; out of 50. Entry cost is reverse-scored: 10 is the most expensive."
            ),
        ),
        (
            _("Market risk tier"),
            _(
                "The most severe tier among the market's risk factors; not assessed when none is listed. The expansion risk tier is the most severe market tier."
            ),
        ),
    )

    def build(self, checked: dict[str, Any]) -> Expansion:
        entry = checked.get("entry_strategy")
        return Expansion(
            runway_months=checked.get("runway_months"),
            markets=tuple(
                Market(
                    name=m.get("name"),
                    country=m.get("country"),
                    region=m["region"],
                    criteria=FrozenMap((k, m[k]) for k in CRITERION_IDS),
                    risk_factors=m.get("risk_factors", ()),
                )
                for m in checked["markets"]
            ),
            compliance=FrozenMap(
                (k, FrozenMap(v)) for k, v in checked.get("compliance", {}).items()
            ),
            entry_strategy=EntryStrategy(**entry) if entry is not None else None,
            **{k: checked[k] for k in ECONOMICS_ANSWER.values() if k in checked},
        )

    def score(
        self, value: Expansion | None, answers: Answers, results: dict[str, Any]
    ) -> ExpansionScore | None:
        if value is None:
            return None
        scored = []
        for index, m in enumerate(value.markets):
            score, points = score_market(m)
            factors = tuple(RiskFactorTier(f, RISK_FACTOR_TIER[f]) for f in m.risk_factors)
            scored.append((m, score, points, factors, index))
        # Highest score first; ties by name (its English form where it has two), else by
        # country code: case-insensitively, then exactly, so the order is total and does
        # not depend on the order of the file.
        scored.sort(key=lambda s: (-s[1], s[0].place.key.casefold(), s[0].place.key))
        markets = tuple(
            MarketScore(
                rank=rank,
                index=index,
                place=m.place,
                region=m.region,
                score=score,
                max=rb.MARKET_MAX,
                risk_tier=most_severe(f.tier for f in factors),
                criteria=tuple(Scored(k, v) for k, v in m.criteria.items()),
                entry_cost_points=points,
                risk_factors=factors,
            )
            for rank, (m, score, points, factors, index) in enumerate(scored, start=1)
        )
        economics = tuple(
            check(b, getattr(value, ECONOMICS_ANSWER[b.id]), own_benchmark(answers, b.id))
            for b in rb.ECONOMICS
        )
        focus, capacity = first_wave(value.runway_months, economics)
        # The first wave: the best priority scores among the markets of the least severe
        # risk tier (a high-risk market waits behind a medium one, whatever its score).
        # Compliance comes before a launch: the market whose region has the fewest open
        # checklist items goes first (an unanswered checklist counts as all open), then
        # the lower risk tier, then the better priority score.
        open_items = {
            g.id: len(g.items)
            if (given := value.compliance.get(g.id)) is None
            else sum(1 for done in given.values() if done is not True)
            for g in rb.COMPLIANCE
        }
        candidates = sorted(
            markets,
            key=lambda m: (open_items.get(m.region, 0), RISK_ORDER[m.risk_tier], m.rank),
        )
        first = {m.rank for m in candidates[:capacity]} if len(markets) > capacity else None
        kept = tuple(m for m in markets if first is None or m.rank in first)
        planned_regions = {m.region for m in value.markets}
        compliance = []
        for group in rb.COMPLIANCE:
            given = value.compliance.get(group.id)
            items = tuple((i, bool(given and given[i])) for i in group.item_ids)
            planned = group.id in planned_regions
            # Gaps are items answered "no"; an unanswered checklist has none, only unknowns.
            compliance.append(
                ComplianceRegion(
                    region=group.id,
                    assessed=given is not None,
                    items=items,
                    done=sum(1 for _, ok in items if ok),
                    total=len(items),
                    market_planned=planned,
                    gaps=tuple(i for i, ok in items if not ok) if planned and given else (),
                )
            )
        entry = value.entry_strategy
        return ExpansionScore(
            risk_tier=most_severe(m.risk_tier for m in markets),
            markets=markets,
            compliance=tuple(compliance),
            runway_months=value.runway_months,
            direct=entry.direct if entry else None,
            partnership=entry.partnership if entry else None,
            localization=entry.localization if entry else None,
            local_team=entry.local_team if entry else (),
            compliance_timeline_months=entry.compliance_timeline_months if entry else None,
            economics=economics,
            kept=kept,
            paused=tuple(m for m in markets if m not in kept),
            focus=focus if first is not None else None,
        )

    def findings(
        self, result: ExpansionScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        if result is None:
            return ()
        out = []
        content = generates_content(answers)
        for region in result.compliance:
            markets = tuple(m.place for m in result.kept if m.region == region.region)
            paused = tuple(m for m in result.paused if m.region == region.region)
            label = Phrases((COMPLIANCE[region.region].label,))
            if not region.assessed and markets:
                # Not answered is unknown: the consultant's to-do, never a gap.
                out.append(
                    finding(
                        "expansion.compliance#unanswered",
                        f"expansion.compliance.{region.region}",
                        *(
                            f"expansion.markets[{m.index}]"
                            for m in result.kept
                            if m.region == region.region
                        ),
                        markets=markets,
                        region=label,
                    )
                )
                continue
            if not markets:
                # No market of the region in the first wave: its open items are the
                # condition of resuming the paused ones, not work for now.
                open_items = [i for i, done in region.items if not done] if region.assessed else []
                if paused and open_items:
                    out.append(
                        finding(
                            "expansion.markets#resume",
                            *(f"expansion.compliance.{region.region}.{i}" for i in open_items),
                            paused=tuple(m.place for m in paused),
                            todo=Phrases(
                                ACTIONS[f"expansion.compliance.{region.region}.{i}"].noun
                                for i in open_items
                            ),
                        )
                    )
                continue
            # GDPR while an EU market is planned is the case study's regulatory blindness:
            # the lessons' finding addresses it, with the markets that show it.
            out += [
                finding(
                    compliance_action(region.region, item, content),
                    f"expansion.compliance.{region.region}.{item}",
                    markets=markets,
                )
                for item, done in region.items
                if not done and not (region.region == "eu" and item == "gdpr")
            ]
        if result.focus in ("break_even", "runway"):
            runway = result.runway_months
            econ = {c.id: c for c in result.economics}["months_to_positive_unit_economics"]
            out.append(
                finding(
                    f"expansion.markets#{result.focus}_focus",
                    "expansion.markets",
                    "expansion.runway_months",
                    *(f"expansion.markets[{m.index}]" for m in result.paused),
                    markets=tuple(m.place for m in result.kept),
                    paused=tuple(m.place for m in result.paused),
                    count=len(result.markets),
                    months=runway,
                    **(
                        {"value": econ.value, "benchmark": econ.id}
                        if result.focus == "break_even"
                        else {}
                    ),
                )
            )
        unassessed = [m for m in result.kept if m.risk_tier == "unassessed"]
        if unassessed:
            out.append(
                finding(
                    "expansion.markets[]#unassessed_risk",
                    *(f"expansion.markets[{m.index}].risk_factors" for m in unassessed),
                    markets=tuple(m.place for m in unassessed),
                )
            )
        by_id_ = {c.id: c for c in result.economics}
        # Every figure shown against its benchmark on the unfavourable side has its advice.
        for c in result.economics:
            action = f"expansion.{ECONOMICS_ANSWER[c.id]}#{c.status}"
            if c.verdict == "weakness" and action in ACTIONS:
                out.append(
                    finding(action, value=c.value, low=c.low, high=c.high, benchmark=c.id)
                )
        months = by_id_["months_to_positive_unit_economics"].value
        if (
            months is not None
            and result.runway_months is not None
            and months > result.runway_months
        ):
            out.append(
                finding(
                    "expansion.months_to_positive_unit_economics#runway",
                    "expansion.months_to_positive_unit_economics",
                    "expansion.runway_months",
                    value=months,
                    months=result.runway_months,
                    benchmark="months_to_positive_unit_economics",
                )
            )
        return tuple(out)

    def facets(self, output: Any) -> dict[str, frozenset[str]]:
        """The regions of the client's markets (a cohort filtered by region)."""
        return {"region": frozenset(m["region"] for m in (output or {}).get("markets", ()))}

    def portfolio(self, outputs: Sequence[Any]) -> dict[str, Any]:
        """Clients per expansion risk tier ("not_assessed": no expansion section)."""
        tiers = Counter((o or {}).get("risk_tier") or "not_assessed" for o in outputs)
        return {"risk_tiers": dict(sorted(tiers.items()))} if outputs else {}

    def dashboard(self, f: Formatting, portfolio: Mapping[str, Any]) -> tuple[DashboardPart, ...]:
        tiers = portfolio.get("risk_tiers")
        if not tiers:
            return ()
        t = f.gettext
        # Lowest risk first; the clients without an expansion section last.
        order = [r for r in ("low", "medium", "high", "unassessed") if r in tiers]
        tally = tuple(
            (band_badge(t, r, RISK_TIER, "risk"), f.number(tiers[r])) for r in order
        )
        if "not_assessed" in tiers:
            tally += ((Badge("risk-none", t(_("No expansion planned"))), f.number(tiers["not_assessed"])),)
        return (DashboardPart(t(_("Clients by expansion risk")), tally=tally),)

    def headline(self, result: ExpansionScore | None) -> dict[str, Any]:
        """The risk tier and the regions of the markets (None: no expansion section)."""
        if result is None:
            return {"risk_tier": None, "regions": None}
        regions = {m.region for m in result.markets}
        return {
            "risk_tier": result.risk_tier,
            "regions": [r.id for r in rb.REGIONS if r.id in regions],
        }

    def headline_valid(self, headline: Mapping[str, Any]) -> bool:
        tier, regions = headline.get("risk_tier"), headline.get("regions", ())
        # A summary from before the regions were kept (no key) is rendered again.
        return (tier is None or tier in RISK_TIER) and (
            (regions is None and tier is None)
            or (isinstance(regions, list) and all(r in REGION for r in regions))
        )

    def headline_cells(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Column, ...]:
        t, tier = f.gettext, headline.get("risk_tier")
        if tier:
            risk = band_badge(t, tier, RISK_TIER, "risk")
        else:
            risk = Badge("risk-none", t(_("Not assessed")))
        # Sorted by severity, lowest first; no expansion or no risk factor listed: last.
        rank = str(RISK_RANK[tier]) if tier in RISK_RANK else ""
        return (Column(t(_("Expansion risk")), Cell("", badge=risk), sort=rank),)

    def headline_filters(self, f: Formatting, headline: Mapping[str, Any]) -> tuple[Filter, ...]:
        t, regions = f.gettext, headline.get("regions")
        choices = tuple(Choice(r.id, t(r.label)) for r in rb.REGIONS)
        choices += (Choice("none", t(_("No expansion planned"))),)
        keys = tuple(regions) if regions is not None else ("none",)
        return (Filter("region", t(_("Market region")), choices, keys),)

    def score_rows(
        self, p: Presenter, result: ExpansionScore | None
    ) -> tuple[tuple[str, str, str], ...]:
        if result is None:
            return ()
        f = p.f
        rows = [
            (
                p.place(m.place),
                f"{f.number(m.score)}/{f.number(m.max)}",
                p.t(RISK_TIER[m.risk_tier].label),
            )
            for m in result.markets
        ]
        rows.append((p.t(_("Expansion risk")), "", p.t(RISK_TIER[result.risk_tier].label)))
        return tuple(rows)

    def to_json(self, result: ExpansionScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {
            self.id: {
                "risk_tier": result.risk_tier,
                "markets": [
                    {
                        "rank": mk.rank,
                        "name": mk.place.key,
                        "country": mk.place.country,
                        "region": mk.region,
                        "score": json_number(mk.score),
                        "max": json_number(mk.max),
                        "risk_tier": mk.risk_tier,
                    }
                    for mk in result.markets
                ],
                "compliance": {
                    r.region: {
                        "done": r.done,
                        "total": r.total,
                        "market_planned": r.market_planned,
                        "gaps": list(r.gaps),
                    }
                    for r in result.compliance
                },
            }
        }

    def present(self, p: Presenter, result: ExpansionScore | None) -> ExpansionView | None:
        if result is None:
            return None
        e = result
        t, f = p.t, p.f
        ranking = Table(
            caption=t(_("Markets ranked by priority score")),
            head=(
                t(_("Rank")),
                t(_("Market")),
                t(_("Region")),
                t(_("Priority score")),
                t(_("Risk tier")),
                t(_("Risk factors")),
            ),
            rows=tuple(
                (
                    Cell(f.number(m.rank), numeric=True),
                    Cell(p.place(m.place), strong=True),
                    Cell(t(REGION[m.region].label)),
                    Cell(p.score(m.score, m.max), numeric=True),
                    Cell("", badge=p.band(m.risk_tier, RISK_TIER, "risk")),
                    Cell(
                        # One phrase: each factor after the first starts in lower case.
                        "; ".join(
                            t(_("%(factor)s (%(tier)s)"))
                            % {
                                "factor": t(RISK_FACTOR[r.id].label)
                                if n == 0
                                else inline(t(RISK_FACTOR[r.id].label)),
                                "tier": inline(t(RISK_TIER[r.tier].label)),
                            }
                            for n, r in enumerate(m.risk_factors)
                        )
                        or t(_("None listed"))
                    ),
                )
                for m in e.markets
            ),
        )
        compliance, gaps = [], []
        for r in e.compliance:
            group = COMPLIANCE[r.region]
            # None has its own wording: "0 of 5 in place" reads as a form, not a finding.
            status = (
                t(_("%(done)s of %(total)s in place") if r.done else _("none of %(total)s in place"))
                % {"done": f.number(r.done), "total": f.number(r.total)}
                if r.assessed
                else t(_("Not assessed"))
            )
            planned = t(_("Market planned")) if r.market_planned else t(_("No market planned"))
            compliance.append(
                Table(
                    caption=t(_("%(region)s: %(status)s; %(planned)s"))
                    % {"region": t(group.label), "status": status, "planned": inline(planned)},
                    head=(t(_("Requirement")), t(_("Met"))),
                    rows=tuple(
                        (
                            Cell(t(COMPLIANCE_ITEM[item_id].label)),
                            Cell("", badge=p.yes_no(ok if r.assessed else None)),
                        )
                        for item_id, ok in r.items
                    ),
                )
            )
            if r.gaps:
                nouns = (t(ACTIONS[f"expansion.compliance.{r.region}.{g}"].noun) for g in r.gaps)
                gaps.append(
                    t(_("What %(region)s compliance still lacks, where a market is planned: %(items)s."))
                    # "châu Á", "châu Âu" inside a Vietnamese sentence; the label leads with a capital.
                    % {"region": re.sub(r"^Châu ", "châu ", t(group.label)), "items": f.list(nouns)}
                )
        entry = Table(
            caption=t(_("Entry strategy")),
            head=(t(_("Choice")), t(_("Answer"))),
            rows=(
                (Cell(t(rb.ENTRY_STRATEGY[0].label)), Cell("", badge=p.yes_no(e.direct))),
                (
                    Cell(t(rb.ENTRY_STRATEGY[1].label)),
                    Cell("", badge=p.yes_no(e.partnership)),
                ),
                (
                    Cell(t(_("Localisation"))),
                    Cell(
                        f.labels(t(LOCALIZATION[i].label) for i in e.localization)
                        if e.localization is not None
                        else "–"
                    ),
                ),
                (Cell(t(_("Compliance timeline"))), Cell(months(p, e.compliance_timeline_months))),
                (
                    Cell(t(_("Local team"))),
                    Cell(f.labels(t(LOCAL_TEAM[i].label) for i in e.local_team)),
                ),
                (Cell(t(_("Funding runway"))), Cell(months(p, e.runway_months))),
            ),
        )
        svg = charts.bar_chart(
            [
                charts.Bar(
                    p.place(m.place), m.score, m.max, f.number(m.score), f"risk-{m.risk_tier}"
                )
                for m in e.markets
            ],
            scale_max=rb.MARKET_MAX,
            step=10,
            key=tuple(
                (f"risk-{tier.id}", t(tier.label))
                for tier in rb.RISK_TIERS
                if any(m.risk_tier == tier.id for m in e.markets)
            ),
            tick_label=f.number,
            t=t,
        )
        economics = None
        given = [c for c in e.economics if c.value is not None]
        if given:
            economics = Table(
                caption=t(_("Expansion figures against the benchmarks")),
                head=(t(_("Measure")), t(_("Answer")), t(_("Benchmark")), t(_("Result"))),
                rows=tuple(benchmark_row(p, c, ECONOMICS[c.id]) for c in given),
            )
        return ExpansionView(
            chart=Chart(t(_("Market priority scores (out of 50)")), svg),
            ranking=ranking,
            risk=p.band(e.risk_tier, RISK_TIER, "risk"),
            compliance=tuple(compliance),
            gaps=tuple(gaps),
            entry=entry,
            economics=economics,
            note=p.note(self.id),
        )

    def handout_view(self, ps: Sequence[Presenter], result: ExpansionScore | None) -> Any:
        badge = (
            bilingual(ps, lambda p: p.band(result.risk_tier, RISK_TIER, "risk").label)
            if result is not None
            else bilingual_message(ps, _("Not assessed"))
        )
        return ExpansionHandout(
            heading=bilingual_message(ps, _("Expansion risk")),
            risk=HandoutRow(
                label=bilingual_message(ps, _("Expansion risk")),
                css=f"risk-{result.risk_tier}" if result is not None else "risk-none",
                badge=badge,
            ),
        )


SECTION = ExpansionSection()
