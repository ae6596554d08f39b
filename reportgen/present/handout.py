"""The present stage for the handout: two A4 pages, one language or Vietnamese over English.

The handout's parts are the sections that declare one (``Section.handout``), in that
order; each presents itself with one presenter per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..blocks.presenter import bilingual, bilingual_message
from ..blocks.rubric import _
from ..blocks.views import Bi, doc
from ..i18n import Formatter
from ..model import Answers, Brand, Scores
from ..sections import sections
from .presenter import Presenter
from .report import page_label


@dataclass(frozen=True)
class HandoutPart:
    """One section's part of the handout."""

    id: str = doc("the section's id")
    partial: str = doc("the part's template, handout/<id>.html.j2")
    view: Any = doc("what the part's template lays out: the section's handout view")


@dataclass(frozen=True)
class HandoutContext:
    """Everything the handout template may use (one language, or Vietnamese over English)."""

    lang: str = doc("the handout's (first) language")
    title: str = doc("the document title (PDF /Title)")
    author: str = doc("the assessor (PDF /Author)")
    page_label: str = doc('CSS content value for the footer: "Page N of M" in the locale')
    brand: Brand | None = doc("the firm's identity; None: the neutral reportgen style")
    watermark: Bi | None = doc('"DRAFT" on every page of a draft, else None')
    heading: Bi = doc("the line above the client's name")
    client: str = doc("the client's name, as given")
    byline: Bi = doc("the assessment date and the assessor")
    parts: tuple[HandoutPart, ...] = doc("the sections' parts, in order")


def build_handout(
    answers: Answers,
    scores: Scores,
    langs: tuple[str, ...],
    brand: Brand | None = None,
    draft: bool = False,
) -> HandoutContext:
    """langs: one language, or two for a bilingual handout (the first on top)."""
    ps = [Presenter(answers, scores, Formatter(lang)) for lang in langs]
    first = ps[0]
    parts = tuple(
        HandoutPart(s.id, s.handout_partial, s.handout_view(ps, s.result(scores)))
        for s in sorted(
            (s for s in sections() if s.handout is not None), key=lambda s: s.handout or 0
        )
    )
    return HandoutContext(
        lang=langs[0],
        title=first.t(_("%(client)s: AI business model handout")) % {"client": answers.client.name},
        author=answers.assessment.assessor,
        page_label=page_label(first.t),
        brand=brand,
        watermark=bilingual_message(ps, _("DRAFT")) if draft else None,
        heading=bilingual_message(ps, _("AI business model: assessment at a glance")),
        client=answers.client.name,
        byline=bilingual(
            ps,
            lambda p: (
                p.t(_("Assessed on %(date)s by %(assessor)s"))
                % {
                    "date": p.f.date(answers.assessment.date),
                    "assessor": answers.assessment.assessor,
                }
            ),
        ),
        parts=parts,
    )
