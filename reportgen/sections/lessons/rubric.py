"""The failure case study, its four failure factors and its lessons ("Bài Học Rút Ra").

Every English string here is a gettext msgid (see reportgen/blocks/rubric.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...blocks.rubric import Action, Item, Plural

CASE_STUDY_TITLE = "Failure case study: an AI startup's international expansion"
CASE_STUDY_SUMMARY = (
    "A translation AI startup did well in English-speaking markets, then expanded into "
    "Asia and Europe at the same time without preparing, and failed in both."
)

FAILURE_FACTORS: tuple[Item, ...] = (
    Item(
        "regulatory_blindness",
        "Regulatory blindness",
        "GDPR requirements were not understood, and the company was fined €2 million.",
    ),
    Item(
        "cultural_mismatch",
        "Cultural mismatch",
        "Translation models trained on Western content performed poorly for local "
        "languages and contexts.",
    ),
    Item(
        "resource_dilution",
        "Resource dilution",
        "Limited resources were spread across too many markets, and none succeeded.",
    ),
    Item(
        "partner_failure",
        "Partner failure",
        "Partners were chosen for enthusiasm rather than market and regulatory expertise.",
    ),
)


@dataclass(frozen=True)
class Lesson:
    id: str
    label: str  # the lesson itself
    rule: str  # the mistake in the answers that makes it apply
    threshold: Decimal | None


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "focus_markets",
        "Focus on at most 2-3 priority markets in the initial expansion.",
        "Applies when more than 3 markets are planned.",
        Decimal(3),
    ),
    Lesson(
        "preparation_time",
        "Invest 6-12 months in regulatory and cultural preparation before launch.",
        "Applies when the compliance timeline is shorter than 6 months.",
        Decimal(6),
    ),
    Lesson(
        "local_partners",
        "Partner with local experts who understand both the technology and the regulation.",
        "Applies when the entry strategy does not include a partnership.",
        None,
    ),
    Lesson(
        "runway",
        "Keep 18-24 months of funding set aside for the challenges of expanding abroad.",
        "Applies when the runway is shorter than 18 months.",
        Decimal(18),
    ),
)

# Why each lesson applies or not, from these answers (reason ids of scoring.LessonResult).
LESSON_REASONS: dict[tuple[str, str], str | Plural] = {
    ("focus_markets", "applies"): Plural(
        "%(count)s market is planned, more than 3.", "%(count)s markets are planned, more than 3."
    ),
    ("focus_markets", "fine"): Plural(
        "%(count)s market is planned, within the recommended maximum of 3.",
        "%(count)s markets are planned, within the recommended maximum of 3.",
    ),
    (
        "preparation_time",
        "applies",
    ): "The compliance timeline is %(months)s months, shorter than 6.",
    ("preparation_time", "fine"): "The compliance timeline is %(months)s months.",
    ("preparation_time", "not_given"): "No compliance timeline was given.",
    ("local_partners", "applies"): "The entry strategy does not include a partnership.",
    ("local_partners", "fine"): "A partnership with local experts is planned.",
    ("local_partners", "not_given"): "The entry strategy does not say whether a partnership is planned.",
    ("local_partners", "partly"): (
        "A partnership is planned, but what a local partner must hold is not established for "
        "%(markets)s."
    ),
    ("runway", "applies"): "The runway is %(months)s months, shorter than 18.",
    ("runway", "fine"): "The runway is %(months)s months.",
    ("runway", "not_given"): "No runway was given.",
    ("*", "no_expansion"): "The assessment includes no expansion plan.",
}

# What the answers show of each failure factor of the case study.
FAILURE_EVIDENCE: dict[tuple[str, bool], str] = {
    ("regulatory_blindness", True): (
        "EU markets are planned while GDPR compliance is not in place: %(markets)s."
    ),
    ("regulatory_blindness", False): "No EU market is planned without GDPR compliance.",
    ("cultural_mismatch", True): (
        "Weak cultural fit without cultural localisation in the entry strategy: %(markets)s."
    ),
    ("cultural_mismatch", False): (
        "No market combines weak cultural fit with missing cultural localisation."
    ),
    ("resource_dilution", True): "%(count)s markets are planned at once.",
    ("resource_dilution", False): "The expansion stays within 3 markets.",
    ("partner_failure", True): (
        "A partnership is planned without identified local partner requirements: %(markets)s."
    ),
    ("partner_failure", False): (
        "No partnership is planned without knowing what the partners must bring."
    ),
}

# What the catalog extractor walks (babel_extract.py): every English string reachable


# What the answers cannot show of a failure factor, for the markets where the answers it
# reads are not given.
FAILURE_UNKNOWN: dict[str, str] = {
    "regulatory_blindness": "Cannot be judged: the EU checklist is not answered for %(markets)s.",
    "cultural_mismatch": (
        "Cannot be judged: the entry strategy does not say whether it localises for culture in "
        "%(markets)s."
    ),
    "partner_failure": (
        "Cannot be judged: the Asia-Pacific checklist is not answered for %(markets)s."
    ),
}

# What to do about each weakness of this framework, keyed by advice id: the answers
# key path it acts on, and after '#' the kind of weakness where one path has several.
ACTIONS: dict[str, Action] = {
    # The consultant's to-dos: an answer a lesson reads is not given (advice group
    # "assessment_gaps": listed for the consultant, never advised to the client).
    "expansion.entry_strategy.partnership#unanswered": Action(
        group="assessment_gaps",
        action="Record whether each launch market will be entered with a local partner.",
        noun="whether a local partner is planned",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="failure_case",
        why=(
            "The lesson on local partners cannot be checked: the entry strategy does not say "
            "whether a partnership is planned."
        ),
    ),
    "expansion.entry_strategy.compliance_timeline_months#unanswered": Action(
        group="assessment_gaps",
        action="Record the months of regulatory and cultural preparation planned before launch.",
        noun="the preparation time before launch",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="failure_case",
        why=(
            "The lesson on preparation time cannot be checked: no compliance timeline is given."
        ),
    ),
    "expansion.runway_months#unanswered": Action(
        group="assessment_gaps",
        action="Record the months of runway the company has at its current net burn.",
        noun="the runway in months",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="failure_case",
        why=(
            "The lesson on runway cannot be checked and the expansion cannot be sized: no runway "
            "is given."
        ),
    ),
    "expansion.markets[]#culture_unanswered": Action(
        group="assessment_gaps",
        action="Record whether the entry plan localises for culture in %(markets)s.",
        noun="whether the entry plan localises for culture",
        owner="ceo",
        horizon=(0, 1),
        kpis=("assessment_coverage",),
        source="failure_case",
        why=(
            "Cultural fit is weak in %(markets)s, and the entry strategy does not say whether it "
            "localises for culture, the mismatch that sank the case study's launches."
        ),
    ),
    "expansion.markets#focus_markets": Action(
        group="market_focus",
        action=(
            "Launch first in %(markets)s and move %(paused)s to a second wave."
        ),
        noun="a first wave limited to the top markets (%(markets)s)",
        owner="ceo",
        horizon=(0, 1),
        kpis=("priority_markets_active",),
        source="failure_case",
        why=(
            "%(count)s markets are planned, whereas the case study's first lesson is to focus on "
            "two or three; its startup spread itself across too many and succeeded in none."
        ),
    ),
    "expansion.entry_strategy.compliance_timeline_months#preparation_time": Action(
        group="expansion_preparation",
        action=(
            "Reschedule each launch to allow six to twelve months of regulatory and cultural "
            "preparation, ending in a go or no-go review."
        ),
        noun="six to twelve months of preparation before each launch",
        owner="coo",
        horizon=(0, 6),
        kpis=("compliance_items_done",),
        source="failure_case",
        why=(
            "Only %(months)s months are planned for compliance preparation, while the case "
            "study's second lesson asks for 6-12 months of regulatory and cultural work before "
            "launch."
        ),
    ),
    "expansion.entry_strategy.partnership#local_partners": Action(
        group="local_partners",
        action=(
            "Select a local partner for each launch market on proven market and regulatory "
            "expertise, using a written scorecard and reference checks."
        ),
        noun="a scorecard-selected local partner in each launch market",
        owner="head_of_partnerships",
        horizon=(0, 6),
        kpis=("active_partners",),
        source="failure_case",
        why=(
            "The entry strategy has no local partnership, while the case study's third lesson is "
            "to work with local experts who understand both the technology and the regulation."
        ),
    ),
    "expansion.runway_months#runway": Action(
        group="funding_runway",
        action=(
            "Raise or ring-fence funding for 18-24 months of expansion, or cut the burn until the"
            " runway reaches 18 months."
        ),
        noun="18-24 months of runway ring-fenced for expansion",
        owner="cfo",
        horizon=(0, 6),
        kpis=("runway_months",),
        source="failure_case",
        why=(
            "The runway is %(months)s months, short of the 18-24 months that the case study's "
            "fourth lesson sets aside for the challenges of expanding abroad."
        ),
    ),
    "expansion.markets[]#regulatory_blindness": Action(
        group="compliance_eu",
        action=(
            "Hold every EU launch until a GDPR framework is in place and signed off by a data "
            "protection specialist."
        ),
        noun="EU launches held until GDPR sign-off",
        owner="legal_compliance",
        horizon=(0, 3),
        kpis=("compliance_items_done",),
        source="failure_case",
        why=(
            "The plan enters the EU (%(markets)s) without GDPR compliance, the regulatory "
            "blindness that cost the case study's startup a €2 million fine."
        ),
    ),
    "expansion.markets[]#cultural_mismatch": Action(
        group="cultural_localisation",
        action=(
            "Tune the product on local-language data and test it with fifty local users before "
            "launch, against a quality threshold it must pass."
        ),
        noun="local-language tuning tested with fifty local users",
        owner="head_of_product",
        horizon=(0, 6),
        kpis=("csat", "model_accuracy"),
        source="failure_case",
        why=(
            "Cultural fit is weak in %(markets)s and the entry plan does not localise for "
            "culture; the case study's models, trained on Western content, performed poorly in "
            "local contexts."
        ),
    ),
    "expansion.markets#resource_dilution": Action(
        group="market_focus",
        action=(
            "Give each remaining launch market a dedicated team and budget, and freeze spending "
            "on markets outside the first wave."
        ),
        noun="dedicated resources for each launch market",
        owner="ceo",
        horizon=(0, 1),
        kpis=("priority_markets_active", "expansion_investment_share"),
        source="failure_case",
        why=(
            "Entering %(count)s markets at once repeats the case study's resource dilution, in "
            "which limited resources spread over too many markets and none succeeded."
        ),
    ),
    "expansion.markets[]#partner_failure": Action(
        group="local_partners",
        action=(
            "Re-qualify the planned partners on regulatory knowledge and market track record, and"
            " replace any that fail the scorecard."
        ),
        noun="a re-qualification of the planned partners",
        owner="head_of_partnerships",
        horizon=(0, 4),
        kpis=("active_partners",),
        source="failure_case",
        why=(
            "A partnership is planned in %(markets)s without knowing what local partners must "
            "bring; the case study's partners were chosen for enthusiasm rather than expertise."
        ),
    ),
}

MESSAGE_ROOTS = (
    "CASE_STUDY_TITLE",
    "CASE_STUDY_SUMMARY",
    "FAILURE_FACTORS",
    "LESSONS",
    "LESSON_REASONS",
    "FAILURE_EVIDENCE",
    "FAILURE_UNKNOWN",
    "ACTIONS",
)
