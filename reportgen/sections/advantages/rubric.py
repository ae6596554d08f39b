"""Competitive advantages ("Khung Đánh Giá Lợi Thế Cạnh Tranh"): four types of four items, and their sustainability tiers.

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...blocks.rubric import Action, Band, Group, Item

ADVANTAGE_ITEM_MIN = Decimal(1)
ADVANTAGE_ITEM_MAX = Decimal(10)


@dataclass(frozen=True)
class AdvantageType(Group):
    risk: str = ""  # the seed's risk for this kind of advantage


ADVANTAGE_TYPES: tuple[AdvantageType, ...] = (
    AdvantageType(
        "data_network_effects",
        "Data network effects",
        "Advantages that grow as more users contribute data.",
        (
            Item(
                "user_generated_value",
                "User-generated data value",
                "Does one user's data improve the product for others?",
            ),
            Item(
                "data_quality_improvement",
                "Data quality improvement over time",
                "Does more data give better results?",
            ),
            Item(
                "data_exclusivity",
                "Data exclusivity",
                "Is the data unique and hard to copy?",
            ),
            Item(
                "network_effect_strength",
                "Network effect strength",
                "Do more users create disproportionately more value?",
            ),
        ),
        risk="Data commoditisation or regulatory restrictions",
    ),
    AdvantageType(
        "technology_differentiation",
        "Technology differentiation",
        "Advantages that come from building better technology, faster.",
        (
            Item(
                "innovation_depth",
                "Depth of technical innovation",
                "How advanced is the core technology?",
            ),
            Item(
                "patent_protection",
                "Patent protection",
                "Are the key innovations legally protected?",
            ),
            Item(
                "development_speed",
                "Development speed",
                "Can the team innovate faster than competitors?",
            ),
            Item(
                "talent_density",
                "Technical talent density",
                "Does the company have the strongest technical team?",
            ),
        ),
        risk="Competing innovation or open-source alternatives",
    ),
    AdvantageType(
        "customer_relationship",
        "Customer relationship advantages",
        "Advantages earned through service quality and workflow integration.",
        (
            Item(
                "switching_costs",
                "Switching costs",
                "How costly or difficult is it to change provider?",
            ),
            Item(
                "workflow_integration",
                "Workflow integration",
                "How deeply is the product built into customers' processes?",
            ),
            Item(
                "customer_success_investment",
                "Customer success investment",
                "How much is invested in customers' outcomes?",
            ),
            Item(
                "brand_trust",
                "Brand trust and reputation",
                "Do customers trust the company with critical workloads?",
            ),
        ),
        risk="Customer consolidation or changing requirements",
    ),
    AdvantageType(
        "ecosystem_integration",
        "Ecosystem integration",
        "Advantages that come from partners and platforms building around the company.",
        (
            Item(
                "partner_network",
                "Partner network strength",
                "How many valuable partnerships does the company have?",
            ),
            Item(
                "platform_integration_depth",
                "Platform integration depth",
                "How well is the product integrated with the major platforms?",
            ),
            Item(
                "developer_ecosystem",
                "Developer ecosystem",
                "Do developers build on the company's platform?",
            ),
            Item(
                "market_position",
                "Market position",
                "Is the company indispensable to its ecosystem?",
            ),
        ),
        risk="Platform changes or competing ecosystems",
    ),
)

# Sustainability tiers ("Phân Tích Tính Bền Vững Lợi Thế") on the rounded type score.
SUSTAINABILITY_TIERS: tuple[Band, ...] = (
    Band(
        "high",
        Decimal(7),
        "High sustainability",
        "Hard to copy: the advantage compounds as the business grows",
    ),
    Band(
        "medium",
        Decimal(4),
        "Medium sustainability",
        "Defensible for now: it lasts only with continued investment",
    ),
    Band(
        "low",
        None,
        "Low sustainability",
        "Easily matched: competitors can copy it within months",
    ),
)

# The seed: the most successful companies build several kinds of advantage at once.
# Layered means at least this many types reach the high tier.
LAYERED_MIN_HIGH_TYPES = 2


# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    "advantages.data_network_effects.user_generated_value": Action(
        group="data_moat",
        action=(
            "Design a feedback loop in which customers' corrections and usage retrain the shared "
            "model, and measure the quality gain it brings."
        ),
        noun="a feedback loop that turns customer usage into model improvements",
        owner="head_of_product",
        horizon=(6, 12),
        kpis=("model_accuracy", "monthly_active_users"),
        source="advantage_framework",
        why=(
            "User-generated data value scores %(score)s out of %(max)s, against the 7 or more "
            "that the framework reads as highly sustainable; the strategy chapter shows data "
            "network effects growing stronger with time at Scale AI and Hugging Face."
        ),
    ),
    "advantages.data_network_effects.data_quality_improvement": Action(
        group="data_moat",
        action=(
            "Set up a monthly evaluation that plots model accuracy against training-data volume, "
            "and report the curve to the board."
        ),
        noun="a monthly evaluation of accuracy against data volume",
        owner="head_of_data",
        horizon=(6, 12),
        kpis=("model_accuracy",),
        source="advantage_framework",
        why=(
            "Data quality improvement scores %(score)s out of %(max)s, against the 7 or more that"
            " the framework reads as highly sustainable; Scale AI's quality loop lifted labelling"
            " accuracy above 99.5 percent, against an industry norm of 95-97 percent."
        ),
    ),
    "advantages.data_network_effects.data_exclusivity": Action(
        group="data_moat",
        action=(
            "Negotiate exclusive or first-access agreements with two data sources competitors "
            "cannot license, with the rights written into each contract."
        ),
        noun="two exclusive data agreements",
        owner="head_of_data",
        horizon=(6, 15),
        kpis=("proprietary_data_volume",),
        source="advantage_framework",
        why=(
            "Data exclusivity scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; the framework's risk for data advantages is "
            "commoditisation, and the business-model study names open data as a direct competitor"
            " of data businesses."
        ),
    ),
    "advantages.data_network_effects.network_effect_strength": Action(
        group="data_moat",
        action=(
            "Identify the one interaction in which each new user adds value for the others, and "
            "build product features and incentives around it."
        ),
        noun="a product loop in which each new user adds value for others",
        owner="head_of_product",
        horizon=(6, 18),
        kpis=("monthly_active_users", "net_revenue_retention"),
        source="advantage_framework",
        why=(
            "Network effect strength scores %(score)s out of %(max)s, against the 7 or more that "
            "the framework reads as highly sustainable; Hugging Face's 300 percent growth came "
            "from contributions that drew in users who contributed more."
        ),
    ),
    "advantages.technology_differentiation.innovation_depth": Action(
        group="tech_edge",
        action=(
            "Pick one capability competitors lack, such as response speed or a specialised domain"
            " model, and fund a six-month programme to lead on it."
        ),
        noun="a six-month programme to lead on one distinctive capability",
        owner="cto",
        horizon=(6, 12),
        kpis=("model_accuracy", "win_rate"),
        source="advantage_framework",
        why=(
            "Innovation depth scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; the business-model study answers the "
            "commoditisation of AI APIs with unique capabilities such as faster responses or "
            "specialised models."
        ),
    ),
    "advantages.technology_differentiation.patent_protection": Action(
        group="ip_protection",
        action=(
            "File patent applications, provisional where the law allows, for the two innovations "
            "most likely to be copied, before any public disclosure of them."
        ),
        noun="patent applications for the two most copyable innovations",
        owner="legal_compliance",
        horizon=(0, 6),
        kpis=("patent_filings",),
        source="advantage_framework",
        why=(
            "Patent protection scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; the framework's risk for technology "
            "advantages is competing innovation and open-source alternatives."
        ),
    ),
    "advantages.technology_differentiation.development_speed": Action(
        group="tech_edge",
        action=(
            "Halve the release cycle by automating model evaluation and deployment, and report "
            "the median days from approval to production each month."
        ),
        noun="an automated evaluation and deployment pipeline",
        owner="cto",
        horizon=(6, 12),
        kpis=("release_cycle_days",),
        source="advantage_framework",
        why=(
            "Development speed scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; the strategy chapter warns that a technology "
            "lead is temporary and lasts only while the team out-innovates its rivals."
        ),
    ),
    "advantages.technology_differentiation.talent_density": Action(
        group="tech_edge",
        action=(
            "Hire two senior machine-learning engineers and put key technical staff on retention "
            "plans that vest over four years."
        ),
        noun="senior machine-learning hires with four-year retention plans",
        owner="cto",
        horizon=(6, 18),
        kpis=("key_hires_filled",),
        source="advantage_framework",
        why=(
            "Technical talent density scores %(score)s out of %(max)s, against the 7 or more that"
            " the framework reads as highly sustainable; the framework asks whether the company "
            "has the strongest technical team in its field."
        ),
    ),
    "advantages.customer_relationship.switching_costs": Action(
        group="customer_lock_in",
        action=(
            "Build customer-specific assets that make leaving costly, such as fine-tuned models, "
            "stored history and configured workflows."
        ),
        noun="customer-specific assets that raise switching costs",
        owner="head_of_product",
        horizon=(6, 12),
        kpis=("net_revenue_retention", "monthly_churn"),
        source="advantage_framework",
        why=(
            "Switching costs score %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; at Scale AI, switching costs grew as its "
            "systems became part of customers' workflows."
        ),
    ),
    "advantages.customer_relationship.workflow_integration": Action(
        group="customer_lock_in",
        action=(
            "Build native connectors to the three tools customers use most, so that the product "
            "sits inside their daily workflow."
        ),
        noun="native connectors to customers' three most-used tools",
        owner="head_of_product",
        horizon=(6, 12),
        kpis=("integrations_live", "net_revenue_retention"),
        source="advantage_framework",
        why=(
            "Workflow integration scores %(score)s out of %(max)s, against the 7 or more that the"
            " framework reads as highly sustainable; Weights & Biases integrates with more than "
            "50 tools and frameworks, which makes it costly to replace."
        ),
    ),
    "advantages.customer_relationship.customer_success_investment": Action(
        group="customer_lock_in",
        action=(
            "Assign a named success manager to every account above an agreed revenue threshold, "
            "with quarterly business reviews and adoption targets."
        ),
        noun="named success managers for key accounts",
        owner="head_of_customer_success",
        horizon=(6, 12),
        kpis=("retention_rate", "net_revenue_retention"),
        source="advantage_framework",
        why=(
            "Customer success investment scores %(score)s out of %(max)s, against the 7 or more "
            "that the framework reads as highly sustainable; the business-model study recommends "
            "customer success programmes as the way to raise retention and cut churn."
        ),
    ),
    "advantages.customer_relationship.brand_trust": Action(
        group="customer_lock_in",
        action=(
            "Publish three referenceable case studies with measured results, and a trust page on "
            "security, data handling and model evaluation."
        ),
        noun="referenceable case studies with a public trust page",
        owner="head_of_marketing",
        horizon=(6, 18),
        kpis=("win_rate", "csat"),
        source="advantage_framework",
        why=(
            "Brand trust scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; Anthropic's reputation for safety lets it "
            "charge 20-30 percent more than comparable services."
        ),
    ),
    "advantages.ecosystem_integration.partner_network": Action(
        group="ecosystem",
        action=(
            "Sign two distribution or integration partners with joint revenue targets, chosen for"
            " their market and regulatory expertise."
        ),
        noun="two partners with joint revenue targets",
        owner="head_of_partnerships",
        horizon=(6, 12),
        kpis=("active_partners",),
        source="advantage_framework",
        why=(
            "Partner network strength scores %(score)s out of %(max)s, against the 7 or more that"
            " the framework reads as highly sustainable; Stability AI reached new markets through"
            " cloud, software and integration partners rather than its own offices."
        ),
    ),
    "advantages.ecosystem_integration.platform_integration_depth": Action(
        group="ecosystem",
        action=(
            "List the product, with certified integrations, on the two cloud or software "
            "marketplaces where target customers already buy."
        ),
        noun="certified listings on two major cloud or software marketplaces",
        owner="cto",
        horizon=(6, 12),
        kpis=("integrations_live",),
        source="advantage_framework",
        why=(
            "Platform integration depth scores %(score)s out of %(max)s, against the 7 or more "
            "that the framework reads as highly sustainable; the strategy chapter builds "
            "ecosystem advantages on integration with the major platforms."
        ),
    ),
    "advantages.ecosystem_integration.developer_ecosystem": Action(
        group="ecosystem",
        action=(
            "Publish public API documentation, a sandbox and sample code, and name a lead for "
            "developer relations with a quarterly adoption target."
        ),
        noun="a developer programme with public documentation",
        owner="cto",
        horizon=(6, 18),
        kpis=("active_developers", "api_call_volume"),
        source="advantage_framework",
        why=(
            "Developer ecosystem scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; the success-pattern study names developer "
            "experience and third-party integrations as critical success factors of API models."
        ),
    ),
    "advantages.ecosystem_integration.market_position": Action(
        group="ecosystem",
        action=(
            "Choose one segment where the company can become the default supplier, and "
            "concentrate sales, partners and product on winning it."
        ),
        noun="a segment where the company becomes the default supplier",
        owner="ceo",
        horizon=(6, 18),
        kpis=("win_rate",),
        source="advantage_framework",
        why=(
            "Market position scores %(score)s out of %(max)s, against the 7 or more that the "
            "framework reads as highly sustainable; the framework asks whether the ecosystem "
            "would miss the company if it disappeared."
        ),
    ),
    "advantages#absent": Action(
        group="assessment_gaps",
        action=(
            "Score the sixteen competitive advantage items with the leadership team, and keep the"
            " evidence behind each score."
        ),
        noun="the competitive advantage scores",
        owner="head_of_product",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="advantage_framework",
        why=(
            "No competitive advantages were assessed, so the report cannot judge how durable the "
            "position is; the framework reads 7 or more per type as highly sustainable."
        ),
    ),
}

MESSAGE_ROOTS = ("ADVANTAGE_TYPES", "SUSTAINABILITY_TIERS", "ACTIONS")
