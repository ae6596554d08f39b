"""Recommendations: one message per id the engine can decide.

Every English string here is a gettext msgid (see rubric/base.py). Source: the frameworks of the other rubric modules.
"""

from __future__ import annotations

# --- 8. Recommendations: one message per id the engine can decide ---
# Named placeholders are filled by the presenter with formatted, translated values:
# markets/items/criteria are lists; dimension/advantage/region are ids shown by label.

RECOMMENDATIONS: dict[str, str] = {
    "gdpr_before_eu": (
        "Put a GDPR compliance framework in place before entering %(markets)s; the case "
        "study's startup was fined €2 million for exactly this gap."
    ),
    "revise_model": (
        "Revise the business model before any scaling: a total of %(score)s out of 160 is "
        "in the poor band."
    ),
    "extend_runway": (
        "Extend the funding runway from %(months)s months to 18-24 months before expanding abroad."
    ),
    "focus_markets": (
        "Narrow the expansion from %(count)s markets to the two or three with the highest "
        "priority scores: %(markets)s."
    ),
    "prepare_longer": (
        "Plan 6-12 months of regulatory and cultural preparation before launch, instead "
        "of %(months)s months."
    ),
    "local_partners": (
        "Enter new markets with local partners who understand both the technology and "
        "the regulation."
    ),
    "close_compliance_gaps": (
        "For %(region)s markets, complete the open compliance checklist items before launch: "
        "%(items)s."
    ),
    "localize_culture": (
        "Adapt the product to the local culture in %(markets)s, where the cultural fit is weak."
    ),
    "partner_requirements": (
        "Define what local partners must bring in %(markets)s, market and regulatory "
        "expertise rather than enthusiasm, before choosing them."
    ),
    "strengthen_dimension": (
        "Strengthen %(dimension)s (%(score)s out of 40), starting with: %(criteria)s."
    ),
    "validate_pricing": "Validate the pricing through customer interviews and competitive analysis.",
    "calculate_unit_economics": (
        "Calculate the unit economics: customer acquisition cost against lifetime value."
    ),
    "benchmark_churn_above": (
        "Lower the monthly churn target of %(value)s into the benchmark range of %(low)s to "
        "%(high)s."
    ),
    "benchmark_churn_below": (
        "Check that the monthly churn target of %(value)s is realistic: the benchmark is "
        "%(low)s to %(high)s."
    ),
    "benchmark_growth_above": (
        "Test the growth target of %(value)s a year: AI companies typically grow %(low)s to "
        "%(high)s."
    ),
    "benchmark_growth_below": (
        "Raise the growth target of %(value)s a year towards the %(low)s to %(high)s typical "
        "of AI companies."
    ),
    "benchmark_streams_below": (
        "Add revenue streams: %(value)s in all, where the best-valued companies have "
        "%(low)s to %(high)s."
    ),
    "benchmark_streams_above": (
        "Consolidate the revenue streams: %(value)s in all spreads effort more thinly than "
        "the %(low)s to %(high)s of the best-valued companies."
    ),
    "benchmark_primary_share_above": (
        "Reduce the reliance on the primary stream, now %(value)s of revenue, towards "
        "%(low)s to %(high)s."
    ),
    "benchmark_primary_share_below": (
        "Grow the primary stream, now %(value)s of revenue, towards %(low)s to %(high)s."
    ),
    "build_advantage": (
        "Build up %(advantage)s: at %(score)s out of 10 it gives little lasting protection."
    ),
    "layer_advantages": (
        "Layer the competitive advantages: with %(count)s types at high sustainability, "
        "the position is easier to copy than a multi-layered one."
    ),
    "critical_success_factors": (
        "Work on the critical success factors not yet in place: %(items)s."
    ),
    "improve_dimension": "Improve %(dimension)s (%(score)s out of 40), starting with: %(criteria)s.",
    "scale_now": "Proceed with aggressive scaling, and keep the validation scores under review.",
    "adjust_then_scale": "Make the minor adjustments this assessment points to, then scale.",
}


MESSAGE_ROOTS = ("RECOMMENDATIONS",)
