"""The failure case study, its four failure factors and its lessons ("Bài Học Rút Ra").

Every English string here is a gettext msgid (see rubric/base.py). Source: the Vietnamese chapter (seed 000).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .base import Item, Plural

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
    ("runway", "applies"): "The runway is %(months)s months, shorter than 18.",
    ("runway", "fine"): "The runway is %(months)s months.",
    ("runway", "not_given"): "No runway was given.",
    ("*", "no_expansion"): "No expansion is planned in these answers.",
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

MESSAGE_ROOTS = (
    "CASE_STUDY_TITLE",
    "CASE_STUDY_SUMMARY",
    "FAILURE_FACTORS",
    "LESSONS",
    "LESSON_REASONS",
    "FAILURE_EVIDENCE",
)
