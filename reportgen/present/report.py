"""The present stage for the report: Answers + Scores + locale -> ``ReportContext``.

Templates receive only a ``ReportContext``: every label is translated, every number,
amount and date is formatted by Babel for the report's locale, and every band, tier
and lesson comes from the engine. Each section presents its own result
(``Section.present``); this module adds the cover, the contents and the page
furniture. Templates decide nothing; they lay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..blocks.rubric import _
from ..blocks.views import Badge, doc
from ..i18n import Formatter
from ..model import Answers, Brand, Scores
from ..sections import sections
from .presenter import Presenter


@dataclass(frozen=True)
class Cover:
    """The cover page."""

    title: str = doc("the report's title")
    subtitle: str = doc("the line above the title")
    client: str = doc("the client's name, as given")
    industry: str | None = doc("the client's industry, or None")
    country: str | None = doc("the client's country in the report's language, or None")
    assessor: str = doc("the consultant who made the assessment")
    date: str = doc("the assessment date, formatted for the locale")
    languages: str = doc("the report languages the answers name, as a list")
    total: str = doc("the total validation score, formatted")
    max: str = doc("the maximum total (160), formatted")
    band: Badge = doc("the total's band")
    interpretation: str = doc("what the band means")
    running_head: str = doc("the client's name for the running header, cut to fit one line")


@dataclass(frozen=True)
class SectionContext:
    """A chapter of the report: one registered section, presented."""

    id: str = doc("the section's id: its anchor (contents links) and partial's name")
    title: str = doc("the chapter's title")
    assessed: bool = doc("False: an optional section the answers leave out (not assessed)")
    partial: str = doc("the template of the chapter's body, partials/<id>.html.j2")
    view: Any = doc("what the section's partial lays out: its view type, documented below")
    panel_after: bool = doc(
        "the panel of sections not assessed follows this chapter (the executive summary)", False
    )


@dataclass(frozen=True)
class Labels:
    """Short translated labels the templates share."""

    contents: str = doc("heading of the contents page")
    not_assessed: str = doc('the "not assessed" badge')
    consultant_note: str = doc("heading of a consultant's note")
    prepared_for: str = doc("cover: the words before the client's name")
    assessor: str = doc("cover: label of the assessor")
    date: str = doc("cover: label of the date")
    languages: str = doc("cover: label of the languages")
    industry: str = doc("cover: label of the industry")
    country: str = doc("cover: label of the country")
    total_score: str = doc("summary: label of the total score")
    strongest: str = doc("summary: label of the strongest dimension")
    weakest: str = doc("summary: label of the weakest dimension")
    expansion_risk: str = doc("label of the expansion risk tier")
    top_recommendations: str = doc("summary: heading of the most urgent recommendations")
    budget: str = doc("recommendations: label of the budget")
    phase_budget: str = doc('plan: the words before a phase\'s budget ("Budget for this phase:")')
    plan_budget: str = doc('plan: the words before the whole plan\'s budget ("The plan\'s budget:")')
    status: str = doc("recommendations: label of the status")
    business_model: str = doc("business model: label of the model")
    positioning: str = doc("business model: label of the positioning")
    pattern: str = doc("business model: label of the success pattern")
    exemplar: str = doc("business model: label of the reference case")
    pattern_family: str = doc("business model: label of the pattern group")
    phases: str = doc("business model: heading of the pattern's phases")
    pattern_fit: str = doc("business model: heading of the pattern fit")
    universal_factors: str = doc("business model: heading of the success factors of every pattern")
    model_kpis: str = doc("business model: heading of the metrics to track for the model")
    success_factors: str = doc("business model: heading of the pattern's success factors")
    no_pattern: str = doc("business model: the sentence when no pattern was chosen")
    own_lessons: str = doc("lessons: heading of the consultant's own lessons")
    consultant_summary: str = doc("summary: heading of the consultant's own summary")
    first_decision: str = doc("summary: heading of the first decision to take")
    why: str = doc('recommendations: the word before the reason ("Why:")')
    source: str = doc("recommendations: label of the source")
    owner: str = doc("recommendations: label of the owner")
    when: str = doc("recommendations: label of the horizon")
    kpis: str = doc("recommendations: label of the metrics to watch")
    urgency: str = doc("recommendations: label of the urgency")
    method: str = doc("appendix: heading of the method part")
    answers_given: str = doc("appendix: heading of the answers as given")
    not_assessed_panel: str = doc("the sentence introducing the sections not assessed")


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template may use. A test checks templates use nothing else."""

    lang: str = doc("the report's language: vi or en")
    title: str = doc("the document title (PDF /Title)")
    author: str = doc("the assessor (PDF /Author)")
    page_label: str = doc('CSS content value for the footer: "Page N of M" in the locale')
    generator: str = doc("reportgen and its version")
    cover: Cover = doc("the cover page")
    sections: tuple[SectionContext, ...] = doc(
        "every chapter, in order; those not assessed are listed in one panel, not laid out"
    )
    not_assessed: tuple[SectionContext, ...] = doc("the chapters the answers leave out")
    labels: Labels = doc("short shared labels")
    brand: Brand | None = doc("the firm's identity; None: the neutral reportgen style", None)
    watermark: str | None = doc('"DRAFT" in the locale on every page of a draft, else None', None)
    todo: tuple[str, ...] = doc(
        "on a draft, the consultant's to-dos (what the answers leave unjudged), else empty", ()
    )
    todo_heading: str = doc('the heading of the to-dos ("Before this report is final")', "")


def _cover(p: Presenter, brand: Brand | None) -> Cover:
    a, t, f = p.a, p.t, p.f
    industry = a.client.industry
    # The headline figure: the first section in report order that gives one.
    headline = next(h for s in sections() if (h := s.headline_score(p, s.result(p.s))) is not None)
    return Cover(
        title=t(_("AI Business Model Strategy Report")),
        subtitle=t(_("Business model validation, competitive advantages and expansion")),
        client=a.client.name,
        industry=p.text(industry) if industry is not None else None,
        country=f.country(a.client.country) if a.client.country else None,
        assessor=a.assessment.assessor,
        date=f.date(a.assessment.date),
        languages=f.languages(a.assessment.languages),
        total=headline.total,
        max=headline.max,
        band=headline.band,
        interpretation=headline.interpretation,
        running_head=shorten(
            a.client.name,
            RUNNING_HEAD_CHARS[bool(brand and brand.confidentiality)],
        ),
    )


# A running header holds one line beside the document's title: a longer name is cut.
# What fits one header line at 8pt beside the title: the whole left side, or what the
# firm's confidentiality label in the middle leaves of it.
RUNNING_HEAD_CHARS = {False: 66, True: 44}


def shorten(text: str, chars: int) -> str:
    """text, cut at a word to at most chars characters, with an ellipsis where it was cut."""
    if len(text) <= chars:
        return text
    cut = text[: chars - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _labels(t: Any) -> Labels:
    return Labels(
        contents=t(_("Contents")),
        not_assessed=t(_("Not assessed")),
        consultant_note=t(_("Consultant's note")),
        prepared_for=t(_("Prepared for")),
        assessor=t(_("Assessor")),
        # Not "Date": the Vietnamese date itself starts with "ngày" (day).
        date=t(_("Date of the assessment")),
        languages=t(_("Languages")),
        industry=t(_("Industry")),
        country=t(_("Country")),
        total_score=t(_("Total score")),
        strongest=t(_("Strongest dimension")),
        weakest=t(_("Weakest dimension")),
        expansion_risk=t(_("Expansion risk")),
        top_recommendations=t(_("The most urgent recommendations")),
        budget=t(_("Budget")),
        phase_budget=t(_("Budget for this phase:")),
        plan_budget=t(_("The plan's budget:")),
        status=t(_("Status")),
        business_model=t(_("Business model")),
        positioning=t(_("Positioning")),
        pattern=t(_("Success pattern")),
        exemplar=t(_("Reference case")),
        pattern_family=t(_("Pattern group")),
        phases=t(_("Phases")),
        pattern_fit=t(_("Does the pattern fit?")),
        universal_factors=t(_("Success factors common to every pattern")),
        model_kpis=t(_("Metrics to track for this business model")),
        success_factors=t(_("Critical success factors of the pattern")),
        no_pattern=t(_("No success pattern was chosen.")),
        own_lessons=t(_("The consultant's own lessons")),
        consultant_summary=t(_("The consultant's summary")),
        first_decision=t(_("The first decision")),
        why=t(_("Why:")),
        source=t(_("Source")),
        owner=t(_("Owner")),
        when=t(_("When")),
        kpis=t(_("Metrics to watch")),
        urgency=t(_("Urgency")),
        method=t(_("How the scores are computed")),
        answers_given=t(_("The answers as given")),
        not_assessed_panel=t(
            _(
                "The answers file does not include these sections, so the report does not assess them and draws no conclusion from them; the appendix lists what to add:"
            )
        ),
    )


def build_report(
    answers: Answers, scores: Scores, lang: str, brand: Brand | None = None, draft: bool = False
) -> ReportContext:
    p = Presenter(answers, scores, Formatter(lang))
    t = p.t
    chapters = []
    for section in sections():
        result = section.result(scores)
        if not section.chapter or not section.shown(result):
            continue
        chapters.append(
            SectionContext(
                id=section.id,
                title=t(section.title),
                assessed=section.assessed(result),
                partial=section.partial,
                view=section.present(p, result),
                panel_after=section.not_assessed_panel,
            )
        )
    return ReportContext(
        lang=lang,
        title=t(_("%(client)s: AI business model strategy report"))
        % {"client": answers.client.name},
        author=answers.assessment.assessor,
        page_label=page_label(t),
        generator=f"reportgen {__version__}",
        cover=_cover(p, brand),
        sections=tuple(chapters),
        not_assessed=tuple(c for c in chapters if not c.assessed),
        labels=_labels(t),
        brand=brand,
        watermark=t(_("DRAFT")) if draft else None,
        todo=_todo(p) if draft else (),
        todo_heading=t(_("For the consultant, before this report is final")),
    )


def _todo(p: Presenter) -> tuple[str, ...]:
    """The consultant's to-dos, shown on a draft only (the appendix lists them always)."""
    return tuple(item for s in sections() for item in s.todo(p, s.result(p.s)))


def page_label(t: Any) -> str:
    """ "Page N of M" in the locale, as a CSS `content` value (strings and counters)."""
    message = t(_("Page %(page)s of %(pages)s"))
    values = {"page": "counter(page)", "pages": "counter(pages)"}
    parts = []
    for i, piece in enumerate(re.split(r"%\((\w+)\)s", message)):
        if i % 2:
            parts.append(values[piece])
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)
