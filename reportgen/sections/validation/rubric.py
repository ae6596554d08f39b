"""Business model validation ("Khung Xác Thực Mô Hình Kinh Doanh Toàn Diện"): four dimensions of four criteria, and the bands of their scores.

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from decimal import Decimal

from ...blocks.rubric import Action, Band, Group, Item

CRITERION_MIN = Decimal(0)
CRITERION_MAX = Decimal(10)
DIMENSION_MAX = Decimal(40)
VALIDATION_MAX = Decimal(160)

DIMENSIONS: tuple[Group, ...] = (
    Group(
        "market",
        "Market validation",
        "Is there a real, sizeable problem that customers will pay to solve?",
        (
            Item("customer_problem", "Customer problem clearly identified and validated"),
            Item("market_size", "Target market size and growth potential quantified"),
            Item("acquisition_strategy", "Customer acquisition strategy tested and validated"),
            Item("differentiation", "Competitive differentiation clearly articulated"),
        ),
    ),
    Group(
        "technology",
        "Technology validation",
        "Can the team build and scale the AI the model depends on?",
        (
            Item("core_ai_proven", "Core AI technology proven and scalable"),
            Item("data_requirements", "Data requirements identified and accessible"),
            Item("team_capability", "Technical team capability matches the requirements"),
            Item("ip_strategy", "Intellectual property strategy defined"),
        ),
    ),
    Group(
        "financial",
        "Financial validation",
        "Does the money work, now and at scale?",
        (
            Item("revenue_model_tested", "Revenue model tested with real customers"),
            Item("unit_economics", "Unit economics positive and scalable"),
            Item("funding_identified", "Funding requirements and sources identified"),
            Item("projections_realistic", "Financial projections realistic and achievable"),
        ),
    ),
    Group(
        "operational",
        "Operational validation",
        "Can the organisation deliver the model day after day?",
        (
            Item("processes_designed", "Operational processes designed and tested"),
            Item("team_structure", "Team structure and hiring plan defined"),
            Item("partnerships", "Partnership strategy and key relationships identified"),
            Item("risk_mitigation", "Risk mitigation strategy developed"),
        ),
    ),
)

# Total bands ("Diễn Giải Chấm Điểm"); a total of 139.5 has not reached 140, so it is good.
TOTAL_BANDS: tuple[Band, ...] = (
    Band("excellent", Decimal(140), "Excellent", "Ready for aggressive scaling"),
    Band("good", Decimal(120), "Good", "Minor adjustments needed before scaling"),
    Band("fair", Decimal(100), "Fair", "Significant improvement needed"),
    Band("poor", None, "Poor", "Major business model revision needed"),
)

# Dimension bands: the same fractions of 40 as the total bands are of 160.
DIMENSION_BANDS: tuple[Band, ...] = (
    Band("excellent", Decimal(35), "Excellent", "A strength to build the scaling plan on"),
    Band("good", Decimal(30), "Good", "Sound, with gaps to close before scaling"),
    Band("fair", Decimal(25), "Fair", "Needs focused work"),
    Band("poor", None, "Poor", "A weakness that puts the model at risk"),
)


# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    "validation.market.customer_problem": Action(
        group="market_evidence",
        action=(
            "Interview twenty target buyers, record what the problem costs each of them today, "
            "and secure three signed letters of intent."
        ),
        noun="twenty buyer interviews ending in three letters of intent",
        owner="head_of_product",
        horizon=(0, 3),
        kpis=("pilot_to_paid_conversion", "win_rate"),
        source="validation_framework",
        why=(
            "Customer problem scores %(score)s out of %(max)s; the validation framework wants the problem confirmed by "
            "customers, not assumed."
        ),
    ),
    "validation.market.market_size": Action(
        group="market_evidence",
        action=(
            "Build a bottom-up market model from buyer counts and realistic prices, and reconcile"
            " it with two independent published estimates."
        ),
        noun="a bottom-up market model",
        owner="head_of_marketing",
        horizon=(0, 2),
        kpis=("annual_revenue_growth",),
        source="validation_framework",
        why=(
            "Market size scores %(score)s out of %(max)s; the framework asks for a quantified market and growth rate, "
            "and the strategy chapter puts growth of the whole AI market at 28.7 percent a year."
        ),
    ),
    "validation.market.acquisition_strategy": Action(
        group="market_evidence",
        action=(
            "Test three acquisition channels for eight weeks on fixed budgets, then fund only the"
            " channel with the lowest cost per paying customer."
        ),
        noun="an eight-week test of three acquisition channels",
        owner="head_of_marketing",
        horizon=(0, 3),
        kpis=("customer_acquisition_cost", "cac_payback_months"),
        source="validation_framework",
        why=(
            "Acquisition strategy scores %(score)s out of %(max)s; the framework expects a channel proven with real "
            "spend, and high acquisition cost is the first challenge the business-model study "
            "lists for subscription SaaS."
        ),
    ),
    "validation.market.acquisition_strategy#few_customers": Action(
        group="market_evidence",
        action=(
            "Run win-and-loss interviews on the recent deals and the lost pipeline, record the "
            "sales cycle and acquisition cost by source (direct, partner, referral), and fund "
            "the source with the shortest payback."
        ),
        noun="win-and-loss interviews and acquisition cost by source",
        owner="head_of_sales",
        horizon=(0, 3),
        kpis=("sales_cycle_days", "customer_acquisition_cost"),
        source="validation_framework",
        why=(
            "Acquisition strategy scores %(score)s out of %(max)s; with a few large customers, "
            "the evidence of what wins them is in the deals already won and lost, not in "
            "channel tests that would close too few deals to compare."
        ),
    ),
    "validation.market.differentiation": Action(
        group="market_evidence",
        action=(
            "Write a one-page positioning against the three closest competitors and test it in "
            "ten live sales conversations."
        ),
        noun="a competitive positioning tested in ten sales conversations",
        owner="head_of_product",
        horizon=(0, 2),
        kpis=("win_rate",),
        source="validation_framework",
        why=(
            "Differentiation scores %(score)s out of %(max)s; the business-model study warns that AI offers without a "
            "stated edge slide into commoditisation and price wars."
        ),
    ),
    "validation.technology.core_ai_proven": Action(
        group="technology_readiness",
        action=(
            "Load-test the core model at ten times today's volume and report accuracy, latency "
            "and cost per request against agreed targets."
        ),
        noun="a load test of the core model at ten times today's volume",
        owner="cto",
        horizon=(0, 4),
        kpis=("model_accuracy", "inference_cost_per_request"),
        source="validation_framework",
        why=(
            "Core AI technology scores %(score)s out of %(max)s; the framework asks for technology that is proven and "
            "scalable, and rising compute cost is the first challenge the business-model study "
            "lists for API models."
        ),
    ),
    "validation.technology.data_requirements": Action(
        group="technology_readiness",
        action=(
            "Inventory every dataset the model needs, with its source, licence, cost and refresh "
            "cycle, and close the access gaps it reveals."
        ),
        noun="an inventory of every dataset the model needs",
        owner="head_of_data",
        horizon=(0, 3),
        kpis=("proprietary_data_volume", "model_accuracy"),
        source="validation_framework",
        why=(
            "Data requirements score %(score)s out of %(max)s; the framework requires the data to be both identified "
            "and accessible before the model is final."
        ),
    ),
    "validation.technology.team_capability": Action(
        group="technology_readiness",
        action=(
            "Map the skills the product roadmap needs against the current team, and hire or "
            "contract for the two most critical gaps."
        ),
        noun="a skills map with the two most critical hires",
        owner="cto",
        horizon=(0, 6),
        kpis=("key_hires_filled",),
        source="validation_framework",
        why=(
            "Team capability scores %(score)s out of %(max)s; the framework checks that the technical team matches what"
            " the model demands."
        ),
    ),
    "validation.technology.ip_strategy": Action(
        group="ip_protection",
        action=(
            "Commission an IP audit that decides, asset by asset, what to patent, what to keep as"
            " a trade secret and what to open-source."
        ),
        noun="an IP audit that decides what to patent",
        owner="legal_compliance",
        horizon=(0, 4),
        kpis=("patent_filings",),
        source="validation_framework",
        why=(
            "IP strategy scores %(score)s out of %(max)s; the framework counts a defined intellectual property strategy"
            " as part of technology validation."
        ),
    ),
    "validation.financial.revenue_model_tested": Action(
        group="pricing_discipline",
        action=(
            "Run ten paid pilots with target customers and record the price each accepts and the "
            "reason behind every refusal."
        ),
        noun="ten paid pilots that record the price each customer accepts",
        owner="head_of_sales",
        horizon=(0, 4),
        kpis=("pilot_to_paid_conversion", "average_contract_value"),
        source="validation_framework",
        why=(
            "Revenue model testing scores %(score)s out of %(max)s; the framework asks for a revenue model tested with"
            " real, paying customers."
        ),
    ),
    "validation.financial.unit_economics": Action(
        group="unit_economics",
        action=(
            "Build a unit-economics model by customer cohort covering acquisition cost, gross "
            "margin, churn and lifetime value, and set a payback target."
        ),
        noun="a unit-economics model by customer cohort",
        owner="cfo",
        horizon=(0, 3),
        kpis=("ltv_to_cac", "cac_payback_months", "gross_margin"),
        source="validation_framework",
        why=(
            "Unit economics score %(score)s out of %(max)s; the framework wants them positive and scalable, and the "
            "success-pattern study counts positive unit economics among the success factors "
            "common to every pattern."
        ),
    ),
    "validation.financial.funding_identified": Action(
        group="funding_runway",
        action=(
            "Draft an 18-month funding plan that names the amount, the likely investors or "
            "lenders and the milestones each tranche depends on."
        ),
        noun="an 18-month funding plan with named sources",
        owner="cfo",
        horizon=(0, 3),
        kpis=("runway_months",),
        source="validation_framework",
        why=(
            "Funding scores %(score)s out of %(max)s; the framework asks for both the funding requirement and its "
            "sources to be identified."
        ),
    ),
    "validation.financial.projections_realistic": Action(
        group="growth_plan",
        action=(
            "Rebuild the forecast from pipeline and cohort data with base, downside and upside "
            "cases, and compare actual results with it every month."
        ),
        noun="a three-case forecast built from pipeline data",
        owner="cfo",
        horizon=(0, 2),
        kpis=("annual_revenue_growth",),
        source="validation_framework",
        why=(
            "Financial projections score %(score)s out of %(max)s; the framework asks for projections that are "
            "realistic and achievable, and AI companies typically grow 100-300 percent a year."
        ),
    ),
    "validation.operational.processes_designed": Action(
        group="operating_model",
        action=(
            "Write and rehearse runbooks for customer onboarding, model deployment and incident "
            "response, and time each process from end to end."
        ),
        noun="rehearsed runbooks for the core operating processes",
        owner="coo",
        horizon=(0, 4),
        kpis=("time_to_first_value_days", "csat"),
        source="validation_framework",
        why=(
            "Operational processes score %(score)s out of %(max)s; the framework asks for processes designed and "
            "tested, and the business-model study advises automating onboarding and deployment "
            "pipelines."
        ),
    ),
    "validation.operational.team_structure": Action(
        group="operating_model",
        action=(
            "Publish an 18-month organisation chart giving each role an owner, a hiring date and "
            "a budget line."
        ),
        noun="an 18-month organisation and hiring plan",
        owner="coo",
        horizon=(0, 3),
        kpis=("key_hires_filled",),
        source="validation_framework",
        why=(
            "Team structure scores %(score)s out of %(max)s; the framework asks for a defined structure and hiring "
            "plan before the model scales."
        ),
    ),
    "validation.operational.partnerships": Action(
        group="operating_model",
        action=(
            "Shortlist five partners that unlock distribution, data or compliance, and sign joint"
            " plans with measurable targets with two of them."
        ),
        noun="a partner shortlist with two signed joint plans",
        owner="head_of_partnerships",
        horizon=(0, 6),
        kpis=("active_partners",),
        source="validation_framework",
        why=(
            "Partnerships score %(score)s out of %(max)s; the framework asks for the key relationships to be "
            "identified, and the business-model study names partners as a general lever for "
            "faster market entry."
        ),
    ),
    "validation.operational.risk_mitigation": Action(
        group="risk_management",
        action=(
            "Build a register of the ten largest threats, each with an owner, an early-warning "
            "trigger and a rehearsed response."
        ),
        noun="a risk register that names an owner for every threat",
        owner="ceo",
        horizon=(0, 2),
        kpis=("risk_register_coverage",),
        source="validation_framework",
        why=(
            "Risk mitigation scores %(score)s out of %(max)s; the framework asks for a mitigation strategy, and the "
            "failure case study shows unmanaged regulatory and partner risks sinking an "
            "expansion."
        ),
    ),
    "validation#total_poor": Action(
        group="model_revision",
        action=(
            "Stop scaling spend and run a 90-day revision that re-tests the customer, pricing and"
            " cost assumptions, and ends in a decision to continue, change course or stop."
        ),
        noun="a 90-day revision of the business model",
        owner="ceo",
        horizon=(0, 3),
        kpis=("pilot_to_paid_conversion", "ltv_to_cac"),
        source="validation_framework",
        why=(
            "The total of %(score)s out of %(max)s is in the poor band, for which the "
            "validation framework prescribes a major revision of the business model."
        ),
    ),
    "validation.market#poor": Action(
        group="dimension_poor",
        action=(
            "Devote the next quarter to customer discovery, a market model and a channel test, "
            "and decide which segment to serve first on what they show."
        ),
        noun="a customer-discovery sprint",
        owner="head_of_product",
        horizon=(0, 3),
        kpis=("pilot_to_paid_conversion", "customer_acquisition_cost"),
        source="validation_framework",
        why=(
            "Market validation scores %(score)s out of %(max)s, in the framework's poor "
            "band: a risk to the whole model."
        ),
    ),
    "validation.technology#poor": Action(
        group="dimension_poor",
        action=(
            "Commission an outside technical due diligence of model performance, data access and "
            "team, and fix its five main findings."
        ),
        noun="an outside technical due diligence",
        owner="cto",
        horizon=(0, 4),
        kpis=("model_accuracy", "inference_cost_per_request"),
        source="validation_framework",
        why=(
            "Technology validation scores %(score)s out of %(max)s, in the framework's poor "
            "band: a risk to the whole model."
        ),
    ),
    "validation.financial#poor": Action(
        group="dimension_poor",
        action=(
            "Rebuild the financial model from tested prices, cohort churn and actual costs, and "
            "have an independent adviser review it."
        ),
        noun="an independently reviewed financial model",
        owner="cfo",
        horizon=(0, 3),
        kpis=("ltv_to_cac", "gross_margin"),
        source="validation_framework",
        why=(
            "Financial validation scores %(score)s out of %(max)s, in the framework's poor "
            "band: a risk to the whole model."
        ),
    ),
    "validation.operational#poor": Action(
        group="dimension_poor",
        action=(
            "Give one operations lead three months to design and test the core processes, the "
            "hiring plan and the risk register."
        ),
        noun="a dedicated operations build-out",
        owner="coo",
        horizon=(0, 3),
        kpis=("risk_register_coverage", "key_hires_filled"),
        source="validation_framework",
        why=(
            "Operational validation scores %(score)s out of %(max)s, in the framework's poor"
            " band: a risk to the whole model."
        ),
    ),
    "validation.market#fair": Action(
        group="dimension_fair",
        action=(
            "Gather evidence from paying customers for the two weakest market criteria, and "
            "review it with the leadership team every quarter."
        ),
        noun="paying-customer evidence for the weakest market criteria",
        owner="head_of_product",
        horizon=(0, 6),
        kpis=("pilot_to_paid_conversion", "win_rate"),
        source="validation_framework",
        why=(
            "Market validation scores %(score)s out of %(max)s, short of the evidence the "
            "framework asks for before scaling."
        ),
    ),
    "validation.technology#fair": Action(
        group="dimension_fair",
        action=(
            "Set quarterly technical targets for model quality, cost per request and key hires, "
            "and review progress with the board."
        ),
        noun="quarterly technical targets reviewed by the board",
        owner="cto",
        horizon=(0, 6),
        kpis=("model_accuracy", "inference_cost_per_request"),
        source="validation_framework",
        why=(
            "Technology validation scores %(score)s out of %(max)s, short of the evidence the "
            "framework asks for before scaling."
        ),
    ),
    "validation.financial#fair": Action(
        group="dimension_fair",
        action=(
            "Reconcile the financial model with actual results every month, and rework any "
            "assumption that misses by more than 20 percent."
        ),
        noun="a monthly reconciliation of forecast with actual results",
        owner="cfo",
        horizon=(0, 6),
        kpis=("annual_revenue_growth", "gross_margin"),
        source="validation_framework",
        why=(
            "Financial validation scores %(score)s out of %(max)s, short of the evidence the "
            "framework asks for before scaling."
        ),
    ),
    "validation.operational#fair": Action(
        group="dimension_fair",
        action=(
            "Stress-test the core operating processes against a simulated doubling of customers, "
            "and remove the bottlenecks it exposes."
        ),
        noun="a stress test of core processes at twice today's volume",
        owner="coo",
        horizon=(0, 6),
        kpis=("time_to_first_value_days", "csat"),
        source="validation_framework",
        why=(
            "Operational validation scores %(score)s out of %(max)s, short of the evidence the "
            "framework asks for before scaling."
        ),
    ),
}

MESSAGE_ROOTS = ("DIMENSIONS", "TOTAL_BANDS", "DIMENSION_BANDS", "ACTIONS")
