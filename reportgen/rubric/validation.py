"""Business model validation ("Khung Xác Thực Mô Hình Kinh Doanh Toàn Diện"): four dimensions of four criteria, and the bands of their scores.

Every English string here is a gettext msgid (see rubric/base.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from decimal import Decimal

from .base import Band, Group, Item

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

MESSAGE_ROOTS = ("DIMENSIONS", "TOTAL_BANDS", "DIMENSION_BANDS")
