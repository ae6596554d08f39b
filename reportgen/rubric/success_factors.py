"""Critical success factors ("Danh Sách Kiểm Tra Yếu Tố Thành Công Quan Trọng").

Every English string here is a gettext msgid (see rubric/base.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from .base import Item

CRITICAL_SUCCESS_FACTORS: tuple[Item, ...] = (
    Item("clear_value_proposition", "A clear value proposition customers will pay for"),
    Item("sustainable_advantage", "A sustainable competitive advantage identified and built"),
    Item("scalable_architecture", "Scalable technology architecture and team structure"),
    Item("multiple_revenue_streams", "Several revenue streams for diversification and stability"),
    Item("international_strategy", "An international expansion strategy and compliance plan"),
    Item("risk_mitigation", "Risk assessment and mitigation for the major threats"),
)

MESSAGE_ROOTS = ("CRITICAL_SUCCESS_FACTORS",)
