"""Critical success factors ("Danh Sách Kiểm Tra Yếu Tố Thành Công Quan Trọng").

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from ...blocks.rubric import Action, Item

CRITICAL_SUCCESS_FACTORS: tuple[Item, ...] = (
    Item("clear_value_proposition", "A clear value proposition customers will pay for"),
    Item("sustainable_advantage", "A sustainable competitive advantage identified and built"),
    Item("scalable_architecture", "Scalable technology architecture and team structure"),
    Item("multiple_revenue_streams", "Several revenue streams for diversification and stability"),
    Item("international_strategy", "An international expansion strategy and compliance plan"),
    Item("risk_mitigation", "Risk assessment and mitigation for the major threats"),
)


# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    "critical_success_factors.clear_value_proposition": Action(
        group="market_evidence",
        action=(
            "State the value proposition in one sentence with a measurable customer outcome, and "
            "confirm it with five paying customers."
        ),
        noun="a one-sentence value proposition confirmed by paying customers",
        owner="ceo",
        horizon=(0, 3),
        kpis=("win_rate", "pilot_to_paid_conversion"),
        source="success_factor_checklist",
        why=(
            "A clear value proposition is missing, and the success-pattern study lists compelling"
            " value with measurable benefits among the success factors common to every pattern."
        ),
    ),
    "critical_success_factors.sustainable_advantage": Action(
        group="advantage_strategy",
        action=(
            "Choose the two advantage types to build into a layered defence, and fund a "
            "twelve-month plan for each of them."
        ),
        noun="a funded plan to build two layered advantages",
        owner="ceo",
        horizon=(6, 12),
        kpis=("net_revenue_retention", "win_rate"),
        source="success_factor_checklist",
        why=(
            "No sustainable advantage is in place, while the strategy chapter observes that the "
            "most successful AI companies build several kinds of advantage at once, which rivals "
            "cannot copy in one move."
        ),
    ),
    "critical_success_factors.scalable_architecture": Action(
        group="technology_readiness",
        action=(
            "Commission an architecture review that finds the first component to fail at ten "
            "times today's load, and plan its redesign."
        ),
        noun="an architecture review for ten times today's load",
        owner="cto",
        horizon=(0, 6),
        kpis=("inference_cost_per_request", "model_accuracy"),
        source="success_factor_checklist",
        why=(
            "The architecture and team are not yet scalable, while the success-pattern study "
            "counts reliable performance at scale among the success factors of every pattern."
        ),
    ),
    "critical_success_factors.multiple_revenue_streams": Action(
        group="revenue_diversification",
        action=(
            "Design a secondary revenue stream for a segment the primary stream misses, price it,"
            " and set a first-year revenue target."
        ),
        noun="an additional revenue stream piloted at real prices",
        owner="cfo",
        horizon=(6, 12),
        kpis=("revenue_streams_count",),
        source="success_factor_checklist",
        why=(
            "The model lacks several revenue streams, while the best-valued AI companies earn "
            "from 3-4 streams with the primary one at 60-70 percent of revenue."
        ),
    ),
    "critical_success_factors.multiple_revenue_streams#focus": Action(
        group="revenue_diversification",
        action=(
            "Name the secondary stream that will follow once the primary stream carries 60 "
            "percent of revenue, with its segment, price and first-year target."
        ),
        noun="the next stream, named for when the primary one is established",
        owner="cfo",
        horizon=(6, 12),
        kpis=("revenue_streams_count", "primary_stream_share"),
        source="success_factor_checklist",
        why=(
            "Several revenue streams are a success factor, but the primary stream is not yet "
            "established: the next stream comes after it, not beside it."
        ),
    ),
    "critical_success_factors.international_strategy": Action(
        group="international_strategy",
        action=(
            "Score the candidate markets on the fifty-point priority grid, choose at most three "
            "and write a compliance plan for each."
        ),
        noun="a scored shortlist of at most three markets with compliance plans",
        owner="ceo",
        horizon=(0, 6),
        kpis=("international_revenue_share", "priority_markets_active"),
        source="success_factor_checklist",
        why=(
            "There is no international strategy and compliance plan, while leading AI companies "
            "earn 40-60 percent of revenue abroad within 3-5 years of focused expansion."
        ),
    ),
    "critical_success_factors.risk_mitigation": Action(
        group="risk_management",
        action=(
            "Hold a half-day risk workshop with the leadership team and give each major threat an"
            " owner and a mitigation plan."
        ),
        noun="a leadership workshop on the major threats",
        owner="ceo",
        horizon=(0, 3),
        kpis=("risk_register_coverage",),
        source="success_factor_checklist",
        why=(
            "Major threats have not been assessed and mitigated, and the failure case study shows"
            " unassessed regulatory and partner risks destroying an expansion."
        ),
    ),
    "critical_success_factors#absent": Action(
        group="assessment_gaps",
        action=(
            "Review the six critical success factors with the leadership team and record which "
            "are in place, with the evidence for each."
        ),
        noun="the critical success factor review",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="success_factor_checklist",
        why=(
            "The critical success factors were not reviewed, although the strategy chapter closes"
            " its validation framework with these six checks."
        ),
    ),
}

MESSAGE_ROOTS = ("CRITICAL_SUCCESS_FACTORS", "ACTIONS")
