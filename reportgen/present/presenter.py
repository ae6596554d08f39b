"""What a section's presenter works with: the answers, the scores and one locale.

A ``Presenter`` translates msgids and formats numbers, amounts and dates through
Babel for its locale, and turns the engine's bands and tiers into badges. Section
modules receive one (two for a bilingual handout) and never import Babel themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from ..blocks.presenter import band_badge
from ..blocks.rubric import Band, Item, Plural, _
from ..blocks.views import Badge, Note
from ..i18n import Formatter
from ..model import Answers, FrozenMap, Place, Scores, Text

# Text given in another language only is shown as given, and marked.
IN_LANGUAGE = {"en": _("In English"), "vi": _("In Vietnamese")}
MARKED = {"en": _("%(text)s (in English)"), "vi": _("%(text)s (in Vietnamese)")}
# A note up to this many characters (about a third of a page) never splits over pages.
NOTE_KEPT_WHOLE = 1200


class Presenter:
    def __init__(self, answers: Answers, scores: Scores, f: Formatter):
        self.a = answers
        self.s = scores
        self.f = f
        self.t: Callable[[str], str] = f.gettext
        self.lang = f.lang

    def score(self, value: Decimal, maximum: Decimal | int) -> str:
        return self.t(_("%(score)s / %(max)s")) % {
            "score": self.f.number(value),
            "max": self.f.number(maximum),
        }

    def band(self, band_id: str, bands: Mapping[str, Band | Item], kind: str = "band") -> Badge:
        """A band, tier or risk tier as a badge: its label, its colour by kind and id."""
        return band_badge(self.t, band_id, bands, kind)

    def not_assessed(self) -> Badge:
        return Badge("risk-none", self.t(_("Not assessed")))

    def yes_no(self, value: bool | None) -> Badge:
        if value is None:
            return Badge("check-none", self.t(_("Not answered")))
        return Badge("check-yes", self.t(_("Yes"))) if value else Badge("check-no", self.t(_("No")))

    def note(self, section_id: str) -> Note | None:
        value = self.a.notes.get(section_id)
        return self.note_of(value) if value is not None else None

    def note_of(self, value: Any) -> Note:
        text, lang = self.in_language(value)
        # "12 %" as consultants type it: the sign stays on the number's line.
        text = re.sub(r"(\d) ([%‰])", "\\1\u00a0\\2", text)
        paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return Note(
            tuple(tuple(line for line in p.strip("\n").split("\n")) for p in paragraphs),
            language=self.t(IN_LANGUAGE[lang]) if lang else None,
            lang=lang,
            long=len(text) > NOTE_KEPT_WHOLE,
        )

    def in_language(self, value: Text) -> tuple[str, str | None]:
        """A free text in the report's language: its form in that language, else the form it
        has, with that form's language (None where it is in the report's, or unknown).

        Plain text is taken to be in the file's language when the file names only one:
        an English-only assessment's notes are English in its Vietnamese report."""
        if isinstance(value, FrozenMap):
            if self.lang in value:
                return value[self.lang], None
            other, text = next(iter(value.items()))
            return text, other
        (only, *more) = self.a.assessment.languages
        return value, (only if not more and only != self.lang else None)

    def text(self, value: Text) -> str:
        """A free text inside the report: in another language only, it is marked so."""
        text, lang = self.in_language(value)
        if lang is None:
            return text
        return self.t(MARKED[lang]) % {"text": text}

    def place(self, place: Place) -> str:
        """A market's name: as given (in the report's language), else its country's name."""
        if place.name is not None:
            return self.text(place.name)
        return self.f.country(place.country or "")

    def places(self, places: Any) -> str:
        return self.f.list(self.place(pl) for pl in places)

    def fill(self, message: str | Plural, params: dict[str, str], count: Any = None) -> str:
        """A rubric message with its named placeholders filled (a Plural by count)."""
        if isinstance(message, Plural):
            text = self.f.ngettext(message.singular, message.plural, int(count))
        else:
            text = self.t(message)
        return text % params if params else text
