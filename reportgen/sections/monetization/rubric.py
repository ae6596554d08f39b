"""Monetization ("Khung Thực Hiện Chiến Lược Kiếm Tiền"): revenue streams, the revenue-model and pricing checklists, and the benchmarks.

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from decimal import Decimal

from ...blocks.rubric import Action, Benchmark, Group, Item

REVENUE_STREAMS: tuple[Item, ...] = (
    Item("api", "API"),
    Item("subscription", "Subscription"),
    Item("enterprise", "Enterprise"),
    Item("marketplace", "Marketplace"),
)

MONETIZATION_CHECKS: tuple[Item, ...] = (
    Item(
        "pricing_validated",
        "Pricing strategy validated",
        "Customer interviews and competitive analysis",
    ),
    Item(
        "unit_economics_calculated",
        "Unit economics calculated",
        "Customer acquisition cost against lifetime value",
    ),
)

PRICING_PROCESS = Group(
    "pricing_process",
    "Pricing optimisation process",
    "The routines that keep prices aligned with value.",
    (
        Item(
            "monthly_review", "Monthly pricing review scheduled", "Essential for usage-based models"
        ),
        Item("metrics_tracked", "Key metrics tracked", "Usage, conversion, expansion, churn"),
        Item(
            "adjustment_triggers",
            "Adjustment triggers defined",
            "Usage patterns, competitive changes",
        ),
        Item(
            "quarterly_competitive_analysis",
            "Quarterly competitive pricing analysis",
            "Keeps the market position",
        ),
        Item(
            "customer_feedback",
            "Customer feedback integrated",
            "The customer's voice in pricing decisions",
        ),
        Item("ab_testing", "A/B testing framework", "Data-driven price optimisation"),
        Item(
            "enterprise_pricing",
            "Enterprise pricing strategy",
            "Custom pricing for large customers",
        ),
    ),
)


# The seed's benchmarks; a value on either bound is within the range.
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "churn",
        "Monthly churn target",
        Decimal(5),
        Decimal(10),
        "Industry benchmark: 5-10 percent a month for SaaS; lower is better.",
        better="lower",
    ),
    Benchmark(
        "growth",
        "Annual revenue growth target",
        Decimal(100),
        Decimal(300),
        "Typical AI companies grow revenue 100-300 percent a year; higher is better.",
        better="higher",
    ),
    Benchmark(
        "streams",
        "Revenue streams in all",
        Decimal(3),
        Decimal(4),
        "The best-valued companies earn from 3-4 different streams.",
        unit="count",
    ),
    Benchmark(
        "primary_share",
        "Primary stream's share of revenue",
        Decimal(60),
        Decimal(70),
        "The primary stream typically brings 60-70 percent of revenue.",
    ),
    Benchmark(
        "freemium_conversion",
        "Free-to-paid conversion",
        Decimal(2),
        Decimal(5),
        "Software products typically convert 2-5 percent of free users to paid plans; higher is better.",
        better="higher",
    ),
)

REVENUE_MIX_TOLERANCE = Decimal("0.5")


# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    "monetization.pricing_validated": Action(
        group="pricing_discipline",
        action=(
            "Run willingness-to-pay interviews with fifteen buyers and compare the results with "
            "the published prices of the five nearest competitors."
        ),
        noun="willingness-to-pay interviews set against competitor prices",
        owner="head_of_sales",
        horizon=(0, 3),
        kpis=("win_rate", "pilot_to_paid_conversion"),
        source="monetization_checklist",
        why=(
            "Pricing has not been validated, while the monetization checklist asks for customer "
            "interviews and a competitive analysis before prices are fixed."
        ),
    ),
    "monetization.unit_economics_calculated": Action(
        group="unit_economics",
        action=(
            "Calculate acquisition cost and lifetime value for each segment from the last twelve "
            "months of data, and set a payback target."
        ),
        noun="lifetime value set against acquisition cost for each segment",
        owner="cfo",
        horizon=(0, 2),
        kpis=("ltv_to_cac", "cac_payback_months"),
        source="monetization_checklist",
        why=(
            "Unit economics have not been calculated, so the lifetime value given cannot be set "
            "against what a customer costs to win, the comparison the monetization checklist asks"
            " for."
        ),
    ),
    "monetization.pricing_process.monthly_review": Action(
        group="pricing_operations",
        action=(
            "Put a monthly pricing review in the calendar, chaired by one owner, with usage, "
            "margin and discount data prepared beforehand."
        ),
        noun="a monthly pricing review",
        owner="head_of_product",
        horizon=(0, 2),
        kpis=("arpu", "gross_margin"),
        source="monetization_checklist",
        why=(
            "No monthly pricing review is scheduled, which the pricing optimisation process calls"
            " essential for usage-based models."
        ),
    ),
    "monetization.pricing_process.metrics_tracked": Action(
        group="pricing_operations",
        action=(
            "Build a pricing dashboard that tracks usage, conversion, expansion revenue and churn"
            " by plan and by segment."
        ),
        noun="a pricing metrics dashboard",
        owner="head_of_product",
        horizon=(0, 2),
        kpis=("monthly_churn", "conversion_rate_free_to_paid", "net_revenue_retention"),
        source="monetization_checklist",
        why=(
            "Pricing metrics are not tracked, although the pricing optimisation process names "
            "usage, conversion, expansion and churn as the four to watch."
        ),
    ),
    "monetization.pricing_process.adjustment_triggers": Action(
        group="pricing_operations",
        action=(
            "Write down the thresholds that trigger a price change, such as margin per plan, "
            "usage spikes or a competitor's price move."
        ),
        noun="written price-change triggers",
        owner="head_of_product",
        horizon=(0, 3),
        kpis=("gross_margin", "arpu"),
        source="monetization_checklist",
        why=(
            "No adjustment triggers are defined, although the pricing optimisation process ties "
            "price changes to usage patterns and competitive moves."
        ),
    ),
    "monetization.pricing_process.quarterly_competitive_analysis": Action(
        group="pricing_operations",
        action=(
            "Produce a quarterly plan-by-plan price comparison of the five nearest competitors "
            "and present it at the pricing review."
        ),
        noun="a quarterly comparison of competitor prices",
        owner="head_of_marketing",
        horizon=(0, 3),
        kpis=("win_rate",),
        source="monetization_checklist",
        why=(
            "No quarterly competitive pricing analysis is done, the routine the pricing "
            "optimisation process relies on to hold the market position."
        ),
    ),
    "monetization.pricing_process.customer_feedback": Action(
        group="pricing_operations",
        action=(
            "Add pricing questions to renewal and exit interviews, and bring a summary of the "
            "answers to every pricing review."
        ),
        noun="pricing questions in every renewal or exit interview",
        owner="head_of_customer_success",
        horizon=(0, 3),
        kpis=("csat", "monthly_churn"),
        source="monetization_checklist",
        why=(
            "Customer feedback does not reach pricing decisions, while the pricing optimisation "
            "process gives the customer's voice a place in every price change."
        ),
    ),
    "monetization.pricing_process.ab_testing#few_customers": Action(
        group="pricing_operations",
        action=(
            "Test price changes one segment at a time through pilots and renewal offers, and "
            "record each customer's answer and reason."
        ),
        noun="price tests run through pilots and renewals",
        owner="head_of_sales",
        horizon=(2, 6),
        kpis=("pilot_to_paid_conversion", "arpu"),
        source="monetization_checklist",
        why=(
            "The pricing optimisation process asks for price tests, but %(customers)s paying "
            "customers are too few for split tests to reach a reliable result; tests with named "
            "customers give the evidence instead."
        ),
    ),
    "monetization.pricing_process.ab_testing": Action(
        group="pricing_operations",
        action=(
            "Run price and packaging experiments on new sign-ups, with the sample size and "
            "stopping rule agreed before each test starts."
        ),
        noun="price experiments with stopping rules set in advance",
        owner="head_of_product",
        horizon=(2, 6),
        kpis=("conversion_rate_free_to_paid", "arpu"),
        source="monetization_checklist",
        why=(
            "There is no A/B testing framework, which the pricing optimisation process uses to "
            "set prices on evidence rather than opinion."
        ),
    ),
    "monetization.pricing_process.enterprise_pricing": Action(
        group="pricing_operations",
        action=(
            "Publish an enterprise price book with volume tiers, discount limits and approval "
            "rules for contracts above a set value."
        ),
        noun="an enterprise price book with volume tiers",
        owner="head_of_sales",
        horizon=(0, 3),
        kpis=("average_contract_value", "sales_cycle_days"),
        source="monetization_checklist",
        why=(
            "There is no enterprise pricing strategy, although the checklist asks for custom "
            "pricing for large customers and Cohere's average enterprise contract is worth "
            "$125,000."
        ),
    ),
    "monetization.churn_target_monthly_pct#above": Action(
        group="retention",
        action=(
            "Interview the customers lost in the last six months, fix the three leading causes "
            "and reset the monthly churn target to 10 percent or less."
        ),
        noun="a churn target of 10 percent or less backed by exit interviews",
        owner="head_of_customer_success",
        horizon=(0, 6),
        kpis=("monthly_churn", "retention_rate"),
        source="monetization_checklist",
        why=(
            "The monthly churn target of %(value)s is above the %(low)s to %(high)s that the "
            "monetization checklist gives as the SaaS norm, a pace at which more than two-thirds "
            "of customers are gone within a year."
        ),
    ),
    "monetization.churn_target_monthly_pct#below": Action(
        group="benchmark_evidence",
        action=(
            "Document the cohort data behind the churn target, such as contract terms and renewal"
            " history, for the board and investors."
        ),
        noun="cohort evidence for the low churn target",
        owner="cfo",
        horizon=(0, 3),
        kpis=("monthly_churn", "retention_rate"),
        source="monetization_checklist",
        why=(
            "The monthly churn target of %(value)s beats the %(low)s to %(high)s SaaS norm of the"
            " monetization checklist; investors will ask for the renewal data that supports it."
        ),
    ),
    "monetization.revenue_growth_target_pct#below": Action(
        group="growth_plan",
        action=(
            "Rebuild the growth plan around named levers such as new segments, expansion revenue "
            "and pricing, and test whether doubling revenue yearly is reachable."
        ),
        noun="a growth plan built on named levers",
        owner="ceo",
        horizon=(0, 3),
        kpis=("annual_revenue_growth", "net_revenue_retention"),
        source="monetization_checklist",
        why=(
            "The growth target of %(value)s a year is below the %(low)s to %(high)s that the "
            "monetization checklist calls typical of AI companies, which investors may read as a "
            "weak market or a timid plan."
        ),
    ),
    "monetization.revenue_growth_target_pct#above": Action(
        group="benchmark_evidence",
        action=(
            "Show, month by month, the pipeline, hiring and funding the growth target needs, and "
            "test it against a downside case."
        ),
        noun="the pipeline evidence behind the growth target",
        owner="cfo",
        horizon=(0, 3),
        kpis=("annual_revenue_growth", "runway_months"),
        source="monetization_checklist",
        why=(
            "The growth target of %(value)s a year beats the %(low)s to %(high)s typical of AI "
            "companies; Hugging Face's 300 percent came with more than a million active "
            "developers behind it."
        ),
    ),
    "monetization.secondary_streams#below": Action(
        group="revenue_diversification",
        action=(
            "Pilot one more revenue stream at real prices for a segment the current ones miss, "
            "such as %(streams)s."
        ),
        noun="an additional revenue stream piloted at real prices",
        owner="cfo",
        horizon=(6, 12),
        kpis=("revenue_streams_count", "primary_stream_share"),
        source="monetization_checklist",
        why=(
            "The business earns from %(value)s revenue streams, fewer than the %(low)s to %(high)s "
            "streams of the best-valued companies in the monetization checklist."
        ),
    ),
    "monetization.revenue_mix#below_few": Action(
        group="revenue_diversification",
        action=(
            "Make the stream with the best margin and growth the primary one and concentrate on "
            "it; add a third stream only once the primary one carries 60 percent of revenue."
        ),
        noun="a clear primary stream before any new stream",
        owner="ceo",
        horizon=(6, 12),
        kpis=("primary_stream_share", "gross_margin"),
        source="monetization_checklist",
        why=(
            "The primary stream brings only %(value)s of revenue, below the %(low)s to %(high)s "
            "of the best-valued companies: adding a stream now would spread the effort further, "
            "although the business has fewer streams than they do."
        ),
    ),
    "monetization.revenue_mix#above": Action(
        group="revenue_diversification",
        action=(
            "Set a target to bring the primary stream under 70 percent of revenue within eighteen"
            " months by growing the secondary streams."
        ),
        noun="a plan to bring the primary stream under 70 percent of revenue",
        owner="cfo",
        horizon=(6, 18),
        kpis=("primary_stream_share", "revenue_concentration_top_customers"),
        source="monetization_checklist",
        why=(
            "The primary stream brings %(value)s of revenue, above the %(low)s to %(high)s found "
            "in the best-valued companies, which concentrates the risk in one stream."
        ),
    ),
    "monetization.revenue_mix#below": Action(
        group="revenue_diversification",
        action=(
            "Make the stream with the best margin and growth the primary one, and concentrate "
            "sales and product effort on it."
        ),
        noun="a clear primary stream that gets the sales focus",
        owner="ceo",
        horizon=(6, 12),
        kpis=("primary_stream_share", "gross_margin"),
        source="monetization_checklist",
        why=(
            "The primary stream brings only %(value)s of revenue, below the %(low)s to %(high)s "
            "of the best-valued companies, a sign of effort spread over streams without a clear "
            "core."
        ),
    ),
    "monetization#absent": Action(
        group="assessment_gaps",
        action=(
            "Complete the monetization checklist: streams and revenue mix, pricing evidence, unit"
            " economics, and the churn and growth targets."
        ),
        noun="the monetization checklist",
        owner="cfo",
        horizon=(0, 1),
        kpis=("ltv_to_cac", "monthly_churn"),
        source="monetization_checklist",
        why=(
            "No monetization data was given, so churn, growth, stream count and revenue mix "
            "cannot be checked against the checklist's benchmarks."
        ),
    ),
    "monetization.freemium_conversion_pct#below": Action(
        group="retention",
        action=(
            "Rework the free tier's limits and the upgrade prompts, and test two paid entry "
            "offers on new sign-ups."
        ),
        noun="a reworked free tier with clearer upgrade prompts",
        owner="head_of_product",
        horizon=(0, 6),
        kpis=("conversion_rate_free_to_paid",),
        source="positioning_criteria",
        why=(
            "Free-to-paid conversion of %(value)s is below the %(low)s to %(high)s typical of "
            "software; Midjourney converts more than 15 percent by favouring engaged users."
        ),
    ),
}

MESSAGE_ROOTS = (
    "REVENUE_STREAMS",
    "MONETIZATION_CHECKS",
    "PRICING_PROCESS",
    "BENCHMARKS",
    "ACTIONS",
)
