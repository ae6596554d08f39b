"""The action plan as a tracker (`reportgen plan`): the section that holds the plan gives
its rows, in one language."""

from __future__ import annotations

from ..blocks.views import Tracker
from ..errors import ReportgenError
from ..i18n import Formatter
from ..model import Answers, Scores
from ..sections import sections
from .presenter import Presenter


def build_tracker(answers: Answers, scores: Scores, lang: str) -> Tracker:
    p = Presenter(answers, scores, Formatter(lang))
    for section in sections():
        tracker = section.tracker(p, section.result(scores))
        if tracker is not None:
            assert isinstance(tracker, Tracker)
            return tracker
    raise ReportgenError("no registered section holds the action plan")


def status_words() -> dict[str, str]:
    """A status as a tracker may hold it (its id, or its label in either language,
    any case) -> its id."""
    from ..sections import get

    out: dict[str, str] = {}
    statuses = get("advice").rubric_modules[0].STATUSES
    for lang in ("en", "vi"):
        f = Formatter(lang)
        for item in statuses:
            out[item.id.casefold()] = item.id
            out[f.gettext(item.label).casefold()] = item.id
    return out
