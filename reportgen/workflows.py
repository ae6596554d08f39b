"""What each command does, as plain functions: read -> score -> present -> render -> write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from . import rubric
from .answers import load_answers
from .errors import InvalidFileError
from .i18n import Formatter
from .output import write_new_text  # noqa: F401  (re-exported for the CLI)
from .scoring import score, to_json
from .templating import render_template

if TYPE_CHECKING:
    from .scoring import Scores


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


# --- render ------------------------------------------------------------------------------


def resolve_languages(option: str | None, answers_languages: tuple[str, ...]) -> tuple[str, ...]:
    """--lang: vi, en, all, or (default) the languages the answers file names."""
    if option in (None, ""):
        return answers_languages
    if option == "all":
        return ("vi", "en")
    return (option,)


def resolve_formats(option: str) -> tuple[str, ...]:
    return ("html", "pdf") if option == "all" else (option,)


def build_outputs(
    data: bytes,
    name: str,
    stem: str,
    lang_option: str | None,
    format_option: str,
) -> tuple[dict[str, bytes], "Scores"]:
    """The whole pipeline up to (not including) the write: output name -> bytes.

    Pure with respect to the output folder, so a batch worker on any machine can run it.
    """
    from .answers import parse_answers
    from .output import output_name
    from .render import html_document, pdf_bytes
    from .report import build_context

    answers = parse_answers(data, name)
    scores = score(answers)
    outputs: dict[str, bytes] = {}
    for lang in resolve_languages(lang_option, answers.assessment.languages):
        context = build_context(answers, scores, lang)
        html = html_document("report.html.j2", context, lang)
        for fmt in resolve_formats(format_option):
            if fmt == "html":
                outputs[output_name(stem, lang, "html")] = html.encode("utf-8")
            else:
                outputs[output_name(stem, lang, "pdf")] = pdf_bytes(html)
    return outputs, scores


def render_file(file: str, out_dir: str, lang_option: str | None, format_option: str) -> list[str]:
    """Render one answers file; every output is written only once all were built."""
    from pathlib import Path

    from .answers import read_input
    from .output import atomic_write

    data, name = read_input(file)
    outputs, _ = build_outputs(data, name, Path(file).stem, lang_option, format_option)
    written = []
    for out_name, content in outputs.items():
        target = Path(out_dir) / out_name
        atomic_write(target, content)
        written.append(str(target))
    return written
