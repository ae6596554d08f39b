"""Advice: who owns an action, when, what to watch, and how related gaps are merged.

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Sources: the
success-pattern study (seed 001: implementation phases), the business-model article
(seed 002: key metrics) and the Vietnamese chapter (seed 000: checklists and benchmarks).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .rubric import Item

# Below this many paying customers, tests that compare groups of customers (price split
# tests, acquisition channel tests) close too few deals to reach a reliable result in a
# quarter: the evidence is in named pilots, renewals and the deals won and lost.
FEW_CUSTOMERS = Decimal(200)

# The roles that own actions (`owner` of a recommendation).
ROLES: tuple[Item, ...] = (
    Item("ceo", "Chief executive officer"),
    Item("cto", "Chief technology officer"),
    Item("cfo", "Chief financial officer"),
    Item("coo", "Chief operating officer"),
    Item("head_of_sales", "Head of sales"),
    Item("head_of_product", "Head of product"),
    Item("head_of_marketing", "Head of marketing"),
    Item("head_of_customer_success", "Head of customer success"),
    Item("head_of_partnerships", "Head of partnerships"),
    Item("head_of_data", "Head of data"),
    Item("legal_compliance", "Legal and compliance lead"),
)

# The metrics to watch (`kpis` of a recommendation), with what each measures.
KPIS: tuple[Item, ...] = (
    Item(
        "monthly_churn",
        "Monthly churn",
        "Share of paying customers lost each month; the SaaS norm is 5-10 percent.",
    ),
    Item(
        "retention_rate",
        "Annual retention rate",
        (
            "Share of customers who renew over twelve months; enterprise references exceed 90 "
            "percent."
        ),
    ),
    Item(
        "net_revenue_retention",
        "Net revenue retention",
        (
            "Revenue from last year's customers today as a percentage of what they paid a year "
            "ago, upsells and losses included."
        ),
    ),
    Item(
        "monthly_recurring_revenue",
        "Monthly recurring revenue",
        "Subscription and licence revenue contracted for one month.",
    ),
    Item(
        "annual_revenue_growth",
        "Annual revenue growth",
        "Year-on-year change in revenue; AI companies typically grow 100-300 percent a year.",
    ),
    Item(
        "customer_acquisition_cost",
        "Customer acquisition cost",
        "Sales and marketing spend divided by the number of new paying customers.",
    ),
    Item(
        "cac_payback_months",
        "Acquisition cost payback",
        "Months of gross margin from a new customer needed to recover what it cost to win.",
    ),
    Item(
        "ltv_to_cac",
        "Lifetime value to acquisition cost",
        "A customer's lifetime gross margin divided by the cost of winning that customer.",
    ),
    Item(
        "gross_margin",
        "Gross margin",
        (
            "Revenue minus compute, hosting and delivery costs, as a share of revenue; "
            "established API providers reach 75-85 percent."
        ),
    ),
    Item(
        "inference_cost_per_request",
        "Compute cost per request",
        "Compute and hosting cost of serving one request or one thousand tokens.",
    ),
    Item(
        "arpu",
        "Average revenue per user",
        "Revenue in the period divided by the number of active paying users.",
    ),
    Item(
        "conversion_rate_free_to_paid",
        "Free-to-paid conversion",
        (
            "Share of free or trial users who become paying customers; the software norm is 2-5 "
            "percent."
        ),
    ),
    Item(
        "pilot_to_paid_conversion",
        "Pilot-to-paid conversion",
        "Share of pilots that turn into paid contracts at the tested price.",
    ),
    Item(
        "win_rate",
        "Win rate",
        "Share of qualified sales opportunities won against competitors.",
    ),
    Item(
        "average_contract_value",
        "Average contract value",
        "Average annual value of a signed enterprise contract.",
    ),
    Item(
        "sales_cycle_days",
        "Sales cycle length",
        "Median days from the first meeting to a signed contract.",
    ),
    Item(
        "revenue_concentration_top_customers",
        "Revenue from the three largest customers",
        "Share of revenue brought by the three largest customers.",
    ),
    Item(
        "revenue_streams_count",
        "Revenue streams",
        "Number of distinct revenue streams; the best-valued AI companies have 3-4.",
    ),
    Item(
        "primary_stream_share",
        "Primary stream's share of revenue",
        (
            "Share of revenue from the primary stream; 60-70 percent is typical of the "
            "best-valued companies."
        ),
    ),
    Item(
        "api_call_volume",
        "API call volume",
        "API calls served per month, by customer segment.",
    ),
    Item(
        "active_developers",
        "Active developers",
        "Developers who called the API or used the SDK in the last month.",
    ),
    Item(
        "monthly_active_users",
        "Monthly active users",
        "Users, or deployed agents, active at least once in the month.",
    ),
    Item(
        "csat",
        "Customer satisfaction",
        "Share of surveyed customers who rate the service as satisfactory or better.",
    ),
    Item(
        "time_to_first_value_days",
        "Time to first value",
        "Median days from signature or sign-up to the customer's first measurable result.",
    ),
    Item(
        "take_rate",
        "Take rate",
        "Marketplace revenue as a share of the value of the transactions it handles.",
    ),
    Item(
        "ad_impressions",
        "Ad impressions",
        "Advertisements served per month.",
    ),
    Item(
        "model_accuracy",
        "Model quality",
        "Accuracy, or the agreed quality measure, of the core model on a fixed benchmark set.",
    ),
    Item(
        "proprietary_data_volume",
        "Proprietary data",
        "Volume of data held on exclusive or first-access terms, against plan.",
    ),
    Item(
        "release_cycle_days",
        "Release cycle",
        "Median days from an approved change to its release in production.",
    ),
    Item(
        "key_hires_filled",
        "Key hires made on time",
        "Key roles filled by their planned date, as a share of those planned.",
    ),
    Item(
        "patent_filings",
        "Patent filings",
        "Patent applications filed for core innovations.",
    ),
    Item(
        "integrations_live",
        "Live integrations",
        "Integrations with third-party tools and platforms in production use.",
    ),
    Item(
        "active_partners",
        "Active partners",
        (
            "Partners with a signed agreement and at least one joint deal or integration in the "
            "quarter."
        ),
    ),
    Item(
        "compliance_items_done",
        "Compliance items done",
        "Checklist compliance items completed for the regions where markets are planned.",
    ),
    Item(
        "runway_months",
        "Runway",
        "Months the company can operate on the cash it holds at the current net burn.",
    ),
    Item(
        "international_revenue_share",
        "International revenue share",
        (
            "Share of revenue earned outside the home market; leaders reach 40-60 percent within "
            "3-5 years."
        ),
    ),
    Item(
        "expansion_investment_share",
        "Expansion investment",
        (
            "Spending on expansion as a share of annual revenue; 15-25 percent is typical during "
            "expansion."
        ),
    ),
    Item(
        "months_to_positive_unit_economics",
        "Months to positive unit economics abroad",
        ("Months from entering a market until its unit economics turn positive; 18-24 is typical."),
    ),
    Item(
        "priority_markets_active",
        "Markets in active entry",
        "Markets being entered at the same time; the case study advises two or three.",
    ),
    Item(
        "risk_register_coverage",
        "Risk register coverage",
        "Share of major risks with an owner, a trigger and a tested mitigation.",
    ),
    Item(
        "assessment_coverage",
        "Answers complete",
        "Share of the assessment's questions answered, with the evidence behind each answer.",
    ),
)

# The three documents the frameworks come from (the seeds).
DOCUMENTS: tuple[Item, ...] = (
    Item(
        "strategy",
        "The strategy chapter",
        "AI business models: validation, competitive advantages, monetization and international expansion, with a failure case study (Vietnamese).",
    ),
    Item(
        "patterns",
        "The success-pattern study",
        "Success patterns of AI business models, drawn from twelve company case studies (July 2025).",
    ),
    Item(
        "models",
        "The business-model study",
        "How to design an AI business model and scale it: eleven models, their challenges, key metrics and scaling solutions (December 2024).",
    ),
)


@dataclass(frozen=True)
class Source:
    """A framework or case a recommendation cites, and the document it comes from."""

    id: str
    label: str
    document: str  # a DOCUMENTS id


# What a recommendation cites as its source: the framework or case it comes from.
SOURCES: tuple[Source, ...] = (
    Source("validation_framework", "Business model validation framework", "strategy"),
    Source("success_factor_checklist", "Critical success factors checklist", "strategy"),
    Source("positioning_criteria", "Platform-versus-product criteria", "strategy"),
    Source("advantage_framework", "Competitive advantage framework", "strategy"),
    Source("monetization_checklist", "Monetization implementation checklist", "strategy"),
    Source("expansion_framework", "International expansion framework", "strategy"),
    Source("compliance_checklist", "Regulatory compliance checklist", "strategy"),
    Source("expansion_risks", "International expansion risk factors", "strategy"),
    Source("failure_case", "Failure case study and its lessons", "strategy"),
    Source("success_patterns", "Success patterns of AI companies", "patterns"),
    Source("universal_factors", "Success factors common to every pattern", "patterns"),
    Source("pattern_selection", "Pattern selection framework", "patterns"),
    Source("implementation_phases", "Pattern implementation phases", "patterns"),
    Source("business_models", "The eleven AI business models", "models"),
    Source("model_metrics", "Key metrics per business model", "models"),
    Source("model_challenges", "Challenges and scaling solutions per business model", "models"),
    Source("scaling_strategies", "General scaling strategies", "models"),
)


@dataclass(frozen=True)
class Phase:
    """A phase of the action plan (seed 001's implementation phases)."""

    id: str
    label: str
    start: int  # months from the report's date
    end: int


PHASES: tuple[Phase, ...] = (
    Phase("pre_launch", "Before any launch in a new market", 0, 6),
    Phase("foundation", "Months 0-6: foundation", 0, 6),
    Phase("optimisation", "Months 6-18: optimisation and scaling", 6, 18),
    Phase("evolution", "Month 18 onwards: evolution", 18, 36),
)


@dataclass(frozen=True)
class GroupAdvice:
    """Related weaknesses merged into one recommendation, and where it sits in the plan."""

    title: str  # a short name for the plan and its timeline
    message: str  # the merged instruction, with %(items)s: the items' nouns as a list
    owner: str
    horizon: tuple[int, int]  # months from the report's date
    kpis: tuple[str, ...]
    source: str
    why: str
    urgency: int  # higher is more urgent
    phase: str
    # Groups whose recommendation must be finished before this one starts, where both are
    # given (funding and compliance before a launch, pricing evidence before growth spend).
    after: tuple[str, ...] = ()
    # "client": advice to the client; "consultant": the assessor's own to-do (a section or
    # an answer left out), listed in the appendix and on a draft, never as advice.
    audience: str = "client"


# Legal exposure and survival first (72-100), then what blocks scaling (50-71), then what
# weakens the model (21-49), then targets that beat a benchmark and need evidence (20).
GROUPS: dict[str, GroupAdvice] = {
    "compliance_eu": GroupAdvice(
        title="EU compliance",
        message="Before any EU launch, put in place what EU compliance still lacks: %(items)s.",
        owner="ceo",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "EU launches are planned in %(markets)s while the EU checklist is incomplete; the "
            "case study's startup was fined €2 million for its GDPR gap alone."
        ),
        urgency=100,
        phase="pre_launch",
        after=("market_focus",),
    ),
    "model_revision": GroupAdvice(
        title="Business model revision",
        message="Revise the business model before any scaling: %(items)s.",
        owner="ceo",
        horizon=(0, 3),
        kpis=("pilot_to_paid_conversion", "ltv_to_cac"),
        source="validation_framework",
        why=(
            "A total of %(score)s out of %(max)s is in the poor band, for which the validation "
            "framework prescribes a major revision."
        ),
        urgency=95,
        phase="foundation",
    ),
    "funding_runway": GroupAdvice(
        title="Funding and runway",
        message="Secure the funding position before expanding: %(items)s.",
        owner="cfo",
        horizon=(0, 6),
        kpis=("runway_months",),
        source="failure_case",
        why=(
            "The validation framework asks for identified funding sources, and the case study "
            "sets aside 18-24 months of runway for expansion; both fall short here."
        ),
        urgency=90,
        phase="pre_launch",
    ),
    "market_focus": GroupAdvice(
        title="Fewer markets at once",
        message="Narrow the expansion before committing budget: %(items)s.",
        owner="ceo",
        horizon=(0, 1),
        kpis=("priority_markets_active", "expansion_investment_share"),
        source="failure_case",
        why=(
            "%(count)s markets are planned, where the case study advises two or three and the "
            "strategy chapter finds the best international results in companies that start with "
            "2-3 priority markets."
        ),
        urgency=85,
        phase="pre_launch",
        after=("international_strategy",),
    ),
    "expansion_preparation": GroupAdvice(
        title="Launch preparation",
        message="Prepare each launch properly before entering the market: %(items)s.",
        owner="coo",
        horizon=(0, 6),
        kpis=("compliance_items_done", "international_revenue_share"),
        source="failure_case",
        why=(
            "The case study asks for 6-12 months of regulatory and cultural preparation before "
            "launch, and the strategy chapter puts positive unit economics abroad 18-24 months "
            "after entry."
        ),
        urgency=80,
        phase="pre_launch",
        after=("market_focus", "funding_runway", "compliance_eu", "compliance_apac", "local_partners", "cultural_localisation"),
    ),
    "compliance_apac": GroupAdvice(
        title="Asia-Pacific compliance",
        message="Before any Asia-Pacific launch, put in place what compliance still lacks: %(items)s.",
        owner="legal_compliance",
        horizon=(0, 6),
        kpis=("compliance_items_done",),
        source="compliance_checklist",
        why=(
            "Asia-Pacific launches are planned in %(markets)s with the regional checklist "
            "incomplete, and the strategy chapter rates regulatory uncertainty as a high-tier "
            "expansion risk."
        ),
        urgency=78,
        phase="pre_launch",
        after=("market_focus",),
    ),
    "local_partners": GroupAdvice(
        title="Local partners",
        message="Build the local partnerships the expansion depends on: %(items)s.",
        owner="head_of_partnerships",
        horizon=(0, 6),
        kpis=("active_partners",),
        source="failure_case",
        why=(
            "The case study's third lesson is to work with local experts in technology and "
            "regulation; its startup failed partly by choosing partners for enthusiasm."
        ),
        urgency=75,
        phase="pre_launch",
        after=("market_focus",),
    ),
    "cultural_localisation": GroupAdvice(
        title="Cultural localisation",
        message="Localise for culture, not only language, before launch: %(items)s.",
        owner="head_of_product",
        horizon=(0, 6),
        kpis=("csat", "model_accuracy"),
        source="failure_case",
        why=(
            "Cultural fit is weak in %(markets)s, the mismatch that made the case study's "
            "Western-trained models fail in local contexts."
        ),
        urgency=72,
        phase="pre_launch",
        after=("market_focus",),
    ),
    "dimension_poor": GroupAdvice(
        title="Weak validation dimensions",
        message="Make the weakest parts of the model the next quarter's priority: %(items)s.",
        owner="ceo",
        horizon=(0, 4),
        kpis=("pilot_to_paid_conversion", "ltv_to_cac"),
        source="validation_framework",
        why=(
            "%(count)s validation dimensions are in the framework's poor band, each a weakness "
            "that puts the model at risk."
        ),
        urgency=70,
        phase="foundation",
    ),
    "unit_economics": GroupAdvice(
        title="Unit economics",
        message="Establish the unit economics before scaling spend: %(items)s.",
        owner="cfo",
        horizon=(0, 3),
        kpis=("ltv_to_cac", "cac_payback_months", "gross_margin"),
        source="monetization_checklist",
        why=(
            "The monetization checklist weighs acquisition cost against lifetime value, and the "
            "success-pattern study lists positive unit economics with a clear path to profit as a"
            " universal success factor."
        ),
        urgency=68,
        phase="foundation",
    ),
    "retention": GroupAdvice(
        title="Customer retention",
        message="Bring churn under control: %(items)s.",
        owner="head_of_customer_success",
        horizon=(0, 6),
        kpis=("monthly_churn", "retention_rate"),
        source="monetization_checklist",
        why=(
            "The monetization checklist puts the SaaS norm for monthly churn at 5-10 percent, and"
            " the business-model study answers churn with customer success programmes."
        ),
        urgency=66,
        phase="foundation",
    ),
    "pricing_discipline": GroupAdvice(
        title="Pricing evidence",
        message="Put pricing on evidence before scaling sales: %(items)s.",
        owner="head_of_sales",
        horizon=(0, 4),
        kpis=("pilot_to_paid_conversion", "win_rate"),
        source="monetization_checklist",
        why=(
            "The monetization checklist asks for prices validated in customer interviews and "
            "competitive analysis, and the validation framework for a revenue model tested with "
            "paying customers."
        ),
        urgency=64,
        phase="foundation",
    ),
    "market_evidence": GroupAdvice(
        title="Market evidence",
        message="Rebuild the market evidence before scaling: %(items)s.",
        owner="head_of_product",
        horizon=(0, 3),
        kpis=("pilot_to_paid_conversion", "win_rate"),
        source="validation_framework",
        why=(
            "The validation framework asks for a validated problem, a quantified market, a tested"
            " acquisition channel and a clear edge; %(count)s of these are weak here."
        ),
        urgency=62,
        phase="foundation",
    ),
    "risk_management": GroupAdvice(
        title="Risk management",
        message="Set up risk management the board can rely on: %(items)s.",
        owner="ceo",
        horizon=(0, 3),
        kpis=("risk_register_coverage",),
        source="validation_framework",
        why=(
            "Both the validation framework and the critical success factors ask for the major "
            "threats to be assessed and mitigated, and the case study shows the cost of not doing"
            " so."
        ),
        urgency=60,
        phase="foundation",
    ),
    "technology_readiness": GroupAdvice(
        title="Technology readiness",
        message="Prove that the technology can carry growth: %(items)s.",
        owner="cto",
        horizon=(0, 6),
        kpis=("model_accuracy", "inference_cost_per_request"),
        source="validation_framework",
        why=(
            "The validation framework asks for proven, scalable AI with accessible data and a "
            "matching team, and the success-pattern study counts reliable performance at scale as"
            " universal."
        ),
        urgency=58,
        phase="foundation",
    ),
    "revenue_diversification": GroupAdvice(
        title="Revenue mix",
        message="Rebalance the revenue model: %(items)s.",
        owner="cfo",
        horizon=(6, 18),
        kpis=("revenue_streams_count", "primary_stream_share"),
        source="monetization_checklist",
        why=(
            "The best-valued AI companies earn from 3-4 streams, with the primary stream at 60-70"
            " percent of revenue."
        ),
        urgency=54,
        phase="optimisation",
        after=("model_revision", "pricing_discipline", "unit_economics"),
    ),
    "international_strategy": GroupAdvice(
        title="International strategy",
        message="Write the international strategy before committing to any market: %(items)s.",
        owner="ceo",
        horizon=(0, 6),
        kpis=("international_revenue_share", "priority_markets_active"),
        source="expansion_framework",
        why=(
            "Leading AI companies earn 40-60 percent of revenue abroad within 3-5 years, but only"
            " after focusing on 2-3 priority markets with a compliance plan for each."
        ),
        urgency=53,
        phase="foundation",
    ),
    "growth_plan": GroupAdvice(
        title="Growth plan",
        message="Rework the growth plan: %(items)s.",
        owner="cfo",
        horizon=(0, 3),
        kpis=("annual_revenue_growth",),
        source="monetization_checklist",
        why=(
            "AI companies typically grow revenue 100-300 percent a year, and the validation "
            "framework asks for projections that are realistic and achievable."
        ),
        urgency=52,
        phase="foundation",
        after=("model_revision", "pricing_discipline", "unit_economics"),
    ),
    "ip_protection": GroupAdvice(
        title="Intellectual property",
        message="Protect the intellectual property before it is disclosed or copied: %(items)s.",
        owner="legal_compliance",
        horizon=(0, 6),
        kpis=("patent_filings",),
        source="advantage_framework",
        why=(
            "Both the IP strategy and patent protection are weak, while the framework's risk for "
            "technology advantages is competing innovation and open-source alternatives."
        ),
        urgency=48,
        phase="foundation",
    ),
    "operating_model": GroupAdvice(
        title="Operating model",
        message="Build an operating model that can absorb growth: %(items)s.",
        owner="coo",
        horizon=(0, 6),
        kpis=("key_hires_filled", "time_to_first_value_days"),
        source="validation_framework",
        why=(
            "The validation framework asks for tested processes, a hiring plan and identified "
            "partners before the model scales; %(count)s of these are weak here."
        ),
        urgency=46,
        phase="foundation",
    ),
    "pricing_operations": GroupAdvice(
        title="Pricing routine",
        message="Set up a disciplined pricing routine: %(items)s.",
        owner="head_of_product",
        horizon=(0, 6),
        kpis=("arpu", "gross_margin", "win_rate"),
        source="monetization_checklist",
        why=(
            "%(count)s of the 7 steps of the pricing optimisation process are missing, and "
            "the business-model study advises revisiting prices regularly against customer value."
        ),
        urgency=44,
        phase="foundation",
        after=("pricing_discipline",),
    ),
    "pattern_fit": GroupAdvice(
        title="Strategic fit",
        message="Revisit the strategic choices the answers do not support: %(items)s.",
        owner="ceo",
        horizon=(0, 6),
        kpis=("annual_revenue_growth", "net_revenue_retention"),
        source="pattern_selection",
        why=(
            "The pattern selection framework and the platform-versus-product criteria point away "
            "from the choices recorded."
        ),
        urgency=42,
        phase="foundation",
    ),
    "customer_lock_in": GroupAdvice(
        title="Customer relationships",
        message="Deepen customer relationships so that the product is costly to replace: %(items)s.",
        owner="head_of_customer_success",
        horizon=(6, 18),
        kpis=("net_revenue_retention", "retention_rate"),
        source="advantage_framework",
        why=(
            "%(count)s of the 4 customer relationship items score 4 or less, while Scale AI "
            "keeps more than 95 percent of its customers through quality and workflow "
            "integration."
        ),
        urgency=40,
        phase="optimisation",
        after=("model_revision",),
    ),
    "data_moat": GroupAdvice(
        title="Data advantage",
        message="Turn the data into an advantage that compounds: %(items)s.",
        owner="head_of_data",
        horizon=(6, 18),
        kpis=("proprietary_data_volume", "model_accuracy"),
        source="advantage_framework",
        why=(
            "Data network effects are the advantage the strategy chapter shows strengthening with"
            " time, and %(count)s of their 4 items score 4 or less here."
        ),
        urgency=38,
        phase="optimisation",
        after=("model_revision",),
    ),
    "tech_edge": GroupAdvice(
        title="Technology lead",
        message="Sharpen the technology lead: %(items)s.",
        owner="cto",
        horizon=(6, 18),
        kpis=("release_cycle_days", "model_accuracy"),
        source="advantage_framework",
        why=(
            "%(count)s of the 4 technology items score 4 or less, and the strategy chapter "
            "calls a technology lead temporary unless the team keeps out-innovating its rivals."
        ),
        urgency=36,
        phase="optimisation",
        after=("model_revision", "technology_readiness"),
    ),
    "ecosystem": GroupAdvice(
        title="Ecosystem",
        message="Make the product part of its ecosystem: %(items)s.",
        owner="head_of_partnerships",
        horizon=(6, 18),
        kpis=("active_partners", "integrations_live"),
        source="advantage_framework",
        why=(
            "%(count)s of the 4 ecosystem items score 4 or less, while Weights & Biases draws "
            "strength from more than 50 integrations with other tools."
        ),
        urgency=34,
        phase="optimisation",
        after=("model_revision",),
    ),
    "advantage_strategy": GroupAdvice(
        title="Layered advantages",
        message="Build a layered competitive advantage: %(items)s.",
        owner="ceo",
        horizon=(6, 12),
        kpis=("net_revenue_retention", "win_rate"),
        source="advantage_framework",
        why="The most successful AI companies build several kinds of advantage at once.",
        urgency=30,
        phase="optimisation",
        after=("model_revision",),
    ),
    "dimension_fair": GroupAdvice(
        title="Fair validation dimensions",
        message="Strengthen the parts of the model that lack evidence: %(items)s.",
        owner="ceo",
        horizon=(0, 6),
        kpis=("pilot_to_paid_conversion", "gross_margin"),
        source="validation_framework",
        why=(
            "%(count)s validation dimensions are in the framework's fair band: the model works "
            "but lacks the evidence it needs before scaling."
        ),
        urgency=28,
        phase="foundation",
    ),
    "assessment_gaps": GroupAdvice(
        title="Completing the assessment",
        message="Complete the assessment before the report is final: %(items)s.",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="validation_framework",
        why=(
            "%(count)s parts of the assessment are not answered, so the rules that read them "
            "were not applied: what is unknown is not counted against the client."
        ),
        urgency=1,
        phase="foundation",
        audience="consultant",
    ),
    "benchmark_evidence": GroupAdvice(
        title="Evidence behind ambitious targets",
        message="Back the targets that beat the benchmarks with evidence: %(items)s.",
        owner="cfo",
        horizon=(0, 3),
        kpis=("monthly_churn", "annual_revenue_growth"),
        source="monetization_checklist",
        why=(
            "Targets better than the checklist's benchmarks are credible only with the data "
            "behind them."
        ),
        urgency=20,
        phase="foundation",
    ),
}

MESSAGE_ROOTS = ("ROLES", "KPIS", "DOCUMENTS", "SOURCES", "PHASES", "GROUPS")
