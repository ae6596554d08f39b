"""Monetization ("Khung Thực Hiện Chiến Lược Kiếm Tiền"): revenue streams, the revenue-model and pricing checklists, and the benchmarks.

Every English string here is a gettext msgid (see rubric/base.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .base import Group, Item

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


@dataclass(frozen=True)
class Benchmark:
    id: str
    label: str
    low: Decimal
    high: Decimal
    explanation: str
    unit: str = "percent"  # percent | count: how the values are shown


# The seed's benchmarks; a value on either bound is within the range.
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark(
        "churn",
        "Monthly churn target",
        Decimal(5),
        Decimal(10),
        "Industry benchmark: 5-10 percent a month for SaaS.",
    ),
    Benchmark(
        "growth",
        "Annual revenue growth target",
        Decimal(100),
        Decimal(300),
        "Typical AI companies grow revenue 100-300 percent a year.",
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
)

REVENUE_MIX_TOLERANCE = Decimal("0.5")

MESSAGE_ROOTS = ("REVENUE_STREAMS", "MONETIZATION_CHECKS", "PRICING_PROCESS", "BENCHMARKS")
