"""The score stage: Answers -> Scores. Pure: no I/O, no locale, no formatting.

Each registered section scores its own part (``Section.score``), in an order where a
section comes after those whose results it reads; every band, tier, lesson and
recommendation is decided there. One ``Scores`` value serves the JSON output, the
reports and the batch summary.
"""

from __future__ import annotations

from typing import Any

from ..blocks.section import COHORT, HISTORY
from ..blocks.section import json_number as number
from ..model import Answers, FrozenMap, Scores
from ..model.cohort import CohortSource
from ..sections import scoring_order, sections


def score(answers: Answers, cohort: CohortSource | None = None) -> Scores:
    """The answers' scores; with a cohort, also where the client stands among it."""
    # The earlier assessments first, under the same rubric: a section that compares (the
    # progress since the last assessment) reads them under HISTORY.
    history = tuple(score(p) for p in answers.previous)
    results: dict[str, Any] = {HISTORY: history, COHORT: cohort}
    for section in scoring_order():
        results[section.id] = section.score(section.value(answers), answers, results)
    # Kept in report order, whatever order they were computed in.
    ordered = FrozenMap((s.id, results[s.id]) for s in sections())
    return Scores(schema_version=answers.schema_version, sections=ordered, history=history)


def to_json(scores: Scores) -> dict[str, Any]:
    """The spec's "Score output": every section's keys; absent sections are null."""
    out: dict[str, Any] = {"schema_version": scores.schema_version}
    for section in sections():
        out.update(section.to_json(section.result(scores)))
    return out


__all__ = ["number", "score", "to_json"]
