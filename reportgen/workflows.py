"""What each command does, as plain functions: read -> score -> present -> render -> write."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import rubric
from .answers import load_answers
from .errors import InvalidFileError
from .i18n import Formatter
from .output import write_new_text  # noqa: F401  (re-exported for the CLI)
from .scoring import score, to_json
from .templating import render_template


def validate_files(files: Iterable[str], out: Callable, err: Callable) -> bool:
    """One line per file; the problems of an invalid file follow it on stderr."""
    all_ok = True
    for file in files:
        try:
            answers = load_answers(file)
        except InvalidFileError as exc:
            all_ok = False
            err(exc.format_message())
            continue
        s = score(answers)
        out(f"{file}: valid (total {s.validation.total}/160, {s.validation.band})")
    return all_ok


def score_file(file: str) -> dict:
    return to_json(score(load_answers(file)))


def score_table(file: str, lang: str) -> str:
    """A plain-text table of the main scores, in the given language."""
    from .report import score_lines  # the presenter owns every label

    return score_lines(score(load_answers(file)), Formatter(lang))


def answers_template(lang: str) -> str:
    return render_template(
        "answers.yaml.j2",
        lang,
        dict(
        lang=lang,
        dimensions=rubric.DIMENSIONS,
        advantage_types=rubric.ADVANTAGE_TYPES,
        pricing_items=rubric.PRICING_PROCESS.items,
        market_criteria=rubric.MARKET_CRITERIA,
        compliance=rubric.COMPLIANCE,
        csf=rubric.CRITICAL_SUCCESS_FACTORS,
        model_ids=", ".join(rubric.BUSINESS_MODEL_IDS),
        pattern_ids=", ".join(rubric.PATTERN_IDS),
        risk_ids=", ".join(rubric.RISK_FACTOR_TIER),
        ),
    )
