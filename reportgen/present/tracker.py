"""The action plan as a tracker (`reportgen plan`): the section that holds the plan gives
its rows, in one language."""

from __future__ import annotations

from collections.abc import Iterable

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


def status_words(trackers: Iterable[Tracker]) -> dict[str, str]:
    """A status as a tracker may hold it (its id, or its label in any of these trackers'
    languages, any case) -> its id."""
    out: dict[str, str] = {}
    for tracker in trackers:
        for status_id, label in tracker.statuses:
            out[status_id.casefold()] = status_id
            out[label.casefold()] = status_id
    return out
