"""International expansion ("Khung Quyết Định Mở Rộng Quốc Tế"): market criteria, regions, compliance checklists, risk factors and entry strategy.

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...blocks.rubric import Action, Benchmark, Group, Item

MARKET_CRITERION_MIN = Decimal(1)
MARKET_CRITERION_MAX = Decimal(10)
MARKET_MAX = Decimal(50)

MARKET_CRITERIA: tuple[Item, ...] = (
    Item(
        "regulatory_environment",
        "Regulatory environment",
        "Are the regulations friendly to AI?",
    ),
    Item(
        "competitive_landscape",
        "Competitive landscape",
        "How fierce is local competition? (10 = most favourable)",
    ),
    Item("cultural_fit", "Cultural fit", "How well does the product suit local preferences?"),
    Item("market_size", "Market size", "How large is the total addressable market?"),
    Item(
        "entry_cost",
        "Entry cost",
        "How expensive is it to enter the market? (reverse-scored: 10 = most expensive)",
    ),
)
# entry_cost is entered as a cost; its contribution is (ENTRY_COST_REVERSE - entry_cost).
ENTRY_COST_REVERSE = Decimal(11)

REGIONS: tuple[Item, ...] = (
    Item("eu", "European Union"),
    Item("apac", "Asia-Pacific"),
    Item("other", "Other regions"),
)

COMPLIANCE: tuple[Group, ...] = (
    Group(
        "eu",
        "European Union",
        "The regulatory checklist for EU markets.",
        (
            Item("gdpr", "GDPR compliance framework implemented"),
            Item(
                "ai_act_assessment",
                "AI Act risk assessment completed",
                "High-risk AI systems must comply",
            ),
            Item("data_localization", "Data localisation requirements understood"),
            Item("training_data_copyright", "Copyright compliance for AI training data"),
            Item("local_dpo", "Local data protection officer appointed"),
        ),
    ),
    Group(
        "apac",
        "Asia-Pacific",
        "The regulatory checklist for Asia-Pacific markets.",
        (
            Item("data_sovereignty", "Data sovereignty requirements mapped"),
            Item("content_moderation", "Content moderation policies adapted"),
            Item("government_oversight", "Government oversight requirements understood"),
            Item("cultural_sensitivity", "Cultural sensitivity protocols established"),
            Item("local_partner_requirements", "Local partner requirements identified"),
        ),
    ),
)

RISK_TIERS: tuple[Item, ...] = (
    Item("high", "High risk"),
    Item("medium", "Medium risk"),
    Item("low", "Low risk"),
    Item("unassessed", "Not assessed", "No risk factors were listed."),
)
# Most severe first; "unassessed" is not a severity and never wins over a listed factor.
RISK_SEVERITY: tuple[str, ...] = ("high", "medium", "low")


@dataclass(frozen=True)
class RiskFactor:
    id: str
    tier: str
    label: str


RISK_FACTORS: tuple[RiskFactor, ...] = (
    RiskFactor(
        "regulatory_uncertainty", "high", "Regulatory uncertainty or frequent policy changes"
    ),
    RiskFactor(
        "strong_local_competitors",
        "high",
        "Strong local competitors with government relationships",
    ),
    RiskFactor("complex_cultural_adaptation", "high", "Complex cultural adaptation required"),
    RiskFactor(
        "high_acquisition_cost",
        "high",
        "High customer acquisition cost from market fragmentation",
    ),
    RiskFactor(
        "established_international_competitors",
        "medium",
        "International competitors already present",
    ),
    RiskFactor("moderate_localization", "medium", "Moderate localisation requirements"),
    RiskFactor("standard_compliance", "medium", "Standard regulatory compliance process"),
    RiskFactor("predictable_entry_costs", "medium", "Predictable market entry costs"),
    RiskFactor(
        "clear_ai_friendly_regulation",
        "low",
        "Clear regulatory framework with AI-friendly policy",
    ),
    RiskFactor("limited_direct_competition", "low", "Limited direct competition"),
    RiskFactor("cultural_fit_existing_markets", "low", "Cultural fit with existing markets"),
    RiskFactor(
        "established_distribution_channels",
        "low",
        "Established distribution channels available",
    ),
)

ENTRY_STRATEGY: tuple[Item, ...] = (
    Item("direct", "Direct entry planned", "Full control, higher cost"),
    Item("partnership", "Partnership approach", "Shared risk, local expertise"),
)
LOCALIZATION: tuple[Item, ...] = (
    Item("language", "Language"),
    Item("culture", "Culture"),
    Item("features", "Features"),
)
LOCAL_TEAM: tuple[Item, ...] = (
    Item("sales", "Sales"),
    Item("support", "Support"),
    Item("compliance", "Compliance"),
)


# The economics of expanding abroad ("Khung Quyết Định Mở Rộng Quốc Tế"), held against
# the optional answers that give the client's own figure.
# The case study's runway for an expansion: below it, one launch at a time.
RUNWAY_FOR_EXPANSION = Decimal(18)

ECONOMICS: tuple[Benchmark, ...] = (
    Benchmark(
        "expansion_budget",
        "Expansion budget, as a share of revenue",
        Decimal(15),
        Decimal(25),
        "Companies expanding abroad typically invest 15-25 percent of revenue in it.",
    ),
    Benchmark(
        "international_revenue",
        "International revenue target",
        Decimal(40),
        Decimal(60),
        "Leading AI companies earn 40-60 percent of revenue abroad within 3-5 years; higher is better.",
        better="higher",
    ),
    Benchmark(
        "months_to_positive_unit_economics",
        "Months to positive unit economics in a new market",
        Decimal(18),
        Decimal(24),
        "New markets typically need 18-24 months to reach positive unit economics; sooner is better.",
        unit="months",
        better="lower",
    ),
)

# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    "expansion.compliance.apac.content_moderation#no_content": Action(
        group="compliance_apac",
        action=(
            "Have local counsel confirm whether the content rules of each Asia-Pacific launch "
            "market apply to the product at all, and record the answer before launch."
        ),
        noun="a counsel's answer on whether content rules apply to the product",
        owner="legal_compliance",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "The checklist's content moderation item is open for %(markets)s; for a product "
            "that does not generate content, the work is to confirm that the rules do not "
            "apply."
        ),
    ),
    "expansion.compliance.apac.cultural_sensitivity#no_content": Action(
        group="compliance_apac",
        action=(
            "Have native speakers review the interface, documentation and marketing for each "
            "Asia-Pacific market before launch, and fix every issue they raise."
        ),
        noun="a native-speaker review of the interface and marketing",
        owner="head_of_product",
        horizon=(0, 3),
        kpis=("csat",),
        source="compliance_checklist",
        why=(
            "The checklist asks for cultural sensitivity protocols before launch in %(markets)s;"
            " the case study's launches failed on cultural fit."
        ),
    ),
    "expansion.markets#break_even_focus": Action(
        group="market_focus",
        action=(
            "Enter %(markets)s first and fund it until its unit economics turn positive; hold "
            "%(paused)s until then."
        ),
        noun="one first market, %(markets)s, funded to break-even",
        owner="ceo",
        horizon=(0, 1),
        kpis=("runway_months", "months_to_positive_unit_economics"),
        source="failure_case",
        why=(
            "The runway of %(months)s months is shorter than the %(value)s a new market needs to "
            "reach positive unit economics, so it can carry one launch to break-even, not "
            "several; %(markets)s is the readiest to enter: the fewest open compliance items, "
            "then the lowest risk and the best priority score."
        ),
    ),
    "expansion.markets#runway_focus": Action(
        group="market_focus",
        action=(
            "Enter %(markets)s first and hold %(paused)s until the runway reaches 18 months."
        ),
        noun="one first market, %(markets)s",
        owner="ceo",
        horizon=(0, 1),
        kpis=("runway_months", "priority_markets_active"),
        source="failure_case",
        why=(
            "A runway of %(months)s months is short of the 18-24 months the case study sets "
            "aside for an expansion, too short to fund more than one launch; %(markets)s is the "
            "readiest to enter: the fewest open compliance items, then the lowest risk and the "
            "best priority score."
        ),
    ),
    "expansion.markets#resume": Action(
        group="market_focus",
        action="Resume %(paused)s only once what its compliance lacks is in place: %(todo)s.",
        noun="what compliance still lacks in %(paused)s",
        owner="legal_compliance",
        horizon=(0, 1),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "The plan holds %(paused)s for a second wave; the open checklist items are the "
            "condition of resuming, not work for now."
        ),
    ),
    "expansion.compliance#unanswered": Action(
        group="assessment_gaps",
        action="Answer the %(region)s compliance checklist for %(markets)s.",
        noun="the %(region)s compliance checklist",
        owner="legal_compliance",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="compliance_checklist",
        why=(
            "Markets are planned in %(markets)s, but the %(region)s checklist is not answered, "
            "so no compliance gap there can be known."
        ),
    ),
    "expansion.expansion_budget_pct_of_revenue#above": Action(
        group="funding_runway",
        action=(
            "Stage the expansion budget: fund the first market to positive unit economics "
            "before releasing the rest, and report spending against the plan every month."
        ),
        noun="a staged expansion budget",
        owner="cfo",
        horizon=(0, 3),
        kpis=("expansion_investment_share", "runway_months"),
        source="expansion_framework",
        why=(
            "The plan puts %(value)s of revenue into expansion, above the %(low)s to %(high)s "
            "typical of companies expanding abroad; spending beyond it shortens the runway the "
            "launches depend on."
        ),
    ),
    "expansion.international_revenue_target_pct#below": Action(
        group="international_strategy",
        action=(
            "Set the international revenue target from the first markets' size and a 3-5 year "
            "path, or record why a smaller share fits the strategy."
        ),
        noun="an international revenue target built from the markets' size",
        owner="ceo",
        horizon=(0, 3),
        kpis=("international_revenue_share",),
        source="expansion_framework",
        why=(
            "The plan aims for %(value)s of revenue from abroad, below the %(low)s to %(high)s "
            "that leading AI companies reach within 3-5 years; an expansion with a small "
            "ambition rarely repays its fixed costs."
        ),
    ),
    "expansion.months_to_positive_unit_economics#above": Action(
        group="funding_runway",
        action=(
            "Shorten the path to positive unit economics in each new market: enter through a "
            "partner's channel, price for margin from the first contract, and review each "
            "market's unit economics every quarter."
        ),
        noun="a shorter path to positive unit economics abroad",
        owner="cfo",
        horizon=(0, 6),
        kpis=("months_to_positive_unit_economics", "gross_margin"),
        source="expansion_framework",
        why=(
            "The plan expects %(value)s to positive unit economics in a new market, beyond the "
            "%(low)s to %(high)s typical; every extra month is paid from the runway."
        ),
    ),
    "expansion.markets[]#unassessed_risk": Action(
        group="international_strategy",
        action=(
            "Assess the entry risks of %(markets)s against the twelve risk factors of the "
            "expansion framework before setting a launch date."
        ),
        noun="a risk assessment of %(markets)s",
        owner="coo",
        horizon=(0, 3),
        kpis=("risk_register_coverage",),
        source="expansion_risks",
        why=(
            "No risk factor is listed for %(markets)s, so the expansion risk cannot be judged; "
            "the framework rates regulatory uncertainty, strong local competitors, complex "
            "cultural adaptation and high acquisition costs as high risks."
        ),
    ),
    "expansion.compliance.eu.gdpr": Action(
        group="compliance_eu",
        action=(
            "Put a GDPR framework in place before the EU launch: processing records, lawful "
            "bases, handling of data-subject requests and breach procedures."
        ),
        noun="a GDPR compliance framework",
        owner="legal_compliance",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "There is no GDPR framework although EU launches are planned in %(markets)s; the case"
            " study's startup was fined €2 million for exactly this gap."
        ),
    ),
    "expansion.compliance.eu.ai_act_assessment": Action(
        group="compliance_eu",
        action=(
            "Carry out an AI Act risk classification of every AI system offered in the EU, and "
            "document the obligations of any high-risk system."
        ),
        noun="an AI Act risk assessment",
        owner="legal_compliance",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "No AI Act risk assessment has been done for %(markets)s; the EU checklist requires "
            "one because high-risk AI systems carry binding obligations."
        ),
    ),
    "expansion.compliance.eu.data_localization": Action(
        group="compliance_eu",
        action=(
            "Map where EU personal data is stored and processed, and choose EU hosting or "
            "transfer safeguards for each data flow."
        ),
        noun="a map of EU data flows with hosting decisions",
        owner="cto",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "Data localisation requirements are not understood for %(markets)s; the EU checklist "
            "asks for them before launch because they decide the hosting architecture."
        ),
    ),
    "expansion.compliance.eu.training_data_copyright": Action(
        group="compliance_eu",
        action=(
            "Audit the licence of every training dataset, and remove or relicense any material "
            "whose rights are unclear."
        ),
        noun="a copyright audit of the training data",
        owner="legal_compliance",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "Copyright compliance of the training data is not confirmed for %(markets)s; "
            "Stability AI had to deal with differing national readings of copyright law across "
            "the EU."
        ),
    ),
    "expansion.compliance.eu.local_dpo": Action(
        group="compliance_eu",
        action=(
            "Appoint a data protection officer for the EU, in-house or as a retained service, and"
            " notify the lead supervisory authority."
        ),
        noun="a local data protection officer",
        owner="legal_compliance",
        horizon=(0, 2),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "No local data protection officer has been appointed for %(markets)s, an item the EU "
            "checklist expects before launch."
        ),
    ),
    "expansion.compliance.apac.data_sovereignty": Action(
        group="compliance_apac",
        action=(
            "Map each Asia-Pacific market's data residency and cross-border transfer rules, and "
            "choose the hosting region for each market."
        ),
        noun="a map of data residency rules per market",
        owner="legal_compliance",
        horizon=(0, 4),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "Data sovereignty rules are not mapped for %(markets)s; the Asia-Pacific checklist "
            "puts them first because they decide where data may be held."
        ),
    ),
    "expansion.compliance.apac.content_moderation": Action(
        group="compliance_apac",
        action=(
            "Adapt the content policy and output filters to each market's rules, and test them "
            "with local reviewers before launch."
        ),
        noun="content filters adapted to each market",
        owner="head_of_product",
        horizon=(0, 4),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "Content moderation is not adapted for %(markets)s; Stability AI met content-control "
            "expectations in Asia-Pacific that differed sharply from those elsewhere."
        ),
    ),
    "expansion.compliance.apac.government_oversight": Action(
        group="compliance_apac",
        action=(
            "Have local counsel list each market's registration, audit and reporting duties "
            "towards regulators, with their deadlines."
        ),
        noun="a list of regulators' requirements per market",
        owner="legal_compliance",
        horizon=(0, 4),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "Government oversight requirements are not understood for %(markets)s, and the "
            "strategy chapter rates regulatory uncertainty as a high-tier expansion risk."
        ),
    ),
    "expansion.compliance.apac.cultural_sensitivity": Action(
        group="compliance_apac",
        action=(
            "Set up native-speaker reviews of outputs, examples and marketing in each market, and"
            " log and fix every issue they raise."
        ),
        noun="native-speaker review protocols",
        owner="head_of_product",
        horizon=(0, 5),
        kpis=("compliance_items_done", "csat"),
        source="compliance_checklist",
        why=(
            "No cultural sensitivity protocol is in place for %(markets)s; the case study's "
            "translation models, trained on Western content, failed in local languages."
        ),
    ),
    "expansion.compliance.apac.local_partner_requirements": Action(
        group="compliance_apac",
        action=(
            "Establish with local counsel whether each market requires a local partner or licence"
            " holder, and what that partner must hold."
        ),
        noun="the local partner requirements of each market",
        owner="head_of_partnerships",
        horizon=(0, 3),
        kpis=("compliance_items_done", "active_partners"),
        source="compliance_checklist",
        why=(
            "Local partner requirements are not identified for %(markets)s; in the case study, "
            "partners chosen for enthusiasm rather than expertise helped sink the expansion."
        ),
    ),
    "expansion#absent": Action(
        group="assessment_gaps",
        action=(
            "Decide whether any expansion abroad is planned within two years and, if so, score "
            "the candidate markets and the compliance items."
        ),
        noun="the expansion plan",
        owner="ceo",
        horizon=(0, 1),
        kpis=("international_revenue_share",),
        source="expansion_framework",
        why=(
            "No expansion plan was given, so the case study's lessons on focus, preparation, "
            "partners and runway cannot be checked."
        ),
    ),
    "expansion.expansion_budget_pct_of_revenue#below": Action(
        group="funding_runway",
        action=(
            "Re-cost the expansion plan bottom-up, market by market, and either fund it properly "
            "or reduce the number of markets."
        ),
        noun="a bottom-up expansion budget",
        owner="cfo",
        horizon=(0, 3),
        kpis=("expansion_investment_share", "runway_months"),
        source="expansion_framework",
        why=(
            "The expansion budget of %(value)s of revenue is below the %(low)s to %(high)s that "
            "expansion typically absorbs."
        ),
    ),
    "expansion.months_to_positive_unit_economics#runway": Action(
        group="funding_runway",
        action=(
            "Extend the runway beyond the months new markets need to break even, or stage the "
            "launches so that each is funded to that point."
        ),
        noun="a runway that outlasts the break-even period abroad",
        owner="cfo",
        horizon=(0, 6),
        kpis=("runway_months", "months_to_positive_unit_economics"),
        source="expansion_framework",
        why=(
            "New markets are expected to need %(value)s to reach positive unit economics, longer "
            "than the runway of %(months)s months."
        ),
    ),
}

MESSAGE_ROOTS = (
    "ECONOMICS",
    "MARKET_CRITERIA",
    "REGIONS",
    "COMPLIANCE",
    "RISK_TIERS",
    "RISK_FACTORS",
    "ENTRY_STRATEGY",
    "LOCALIZATION",
    "LOCAL_TEAM",
    "ACTIONS",
)
