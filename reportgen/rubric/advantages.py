"""Competitive advantages ("Khung Đánh Giá Lợi Thế Cạnh Tranh"): four types of four items, and their sustainability tiers.

Every English string here is a gettext msgid (see rubric/base.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .base import Band, Group, Item

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
        "Network effects, proprietary data, deep customer integration",
    ),
    Band(
        "medium",
        Decimal(4),
        "Medium sustainability",
        "Technology differentiation, brand recognition, partnerships",
    ),
    Band(
        "low",
        None,
        "Low sustainability",
        "Price competition, feature parity, marketing advantages",
    ),
)

# The seed: the most successful companies build several kinds of advantage at once.
# Layered means at least this many types reach the high tier.
LAYERED_MIN_HIGH_TYPES = 2

MESSAGE_ROOTS = ("ADVANTAGE_TYPES", "SUSTAINABILITY_TIERS")
