"""International expansion ("Khung Quyết Định Mở Rộng Quốc Tế"): market criteria, regions, compliance checklists, risk factors and entry strategy.

Every English string here is a gettext msgid (see rubric/base.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .base import Group, Item

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

MESSAGE_ROOTS = (
    "MARKET_CRITERIA",
    "REGIONS",
    "COMPLIANCE",
    "RISK_TIERS",
    "RISK_FACTORS",
    "ENTRY_STRATEGY",
    "LOCALIZATION",
    "LOCAL_TEAM",
)
