"""What each command does, as plain functions: read -> score -> present -> render -> write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import rubric
from .answers import Answers, load_answers, read_input
from .brand import Brand, load_brand
from .errors import EXIT_USAGE, InvalidFileError, ReportgenError
from .i18n import Formatter
from .output import write_new_text  # noqa: F401  (re-exported for the CLI)
from .pdfdata import ATTACHMENT_PREFIX
from .scoring import number, score, to_json
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
        total = number(s.validation.total)  # 107, not 107.0, as in the JSON output
        out(f"{file}: valid (total {total}/{number(s.validation.max)}, {s.validation.band})")
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


LANG_CHOICES = ("vi", "en", "all", "vi+en")
KINDS = ("report", "handout")


@dataclass(frozen=True)
class Styling:
    """What changes how documents look, not what they say; shared by render and batch."""

    brand: Brand | None = None
    templates_dir: str | None = None  # absolute; checked by check_templates_dir
    draft: bool = False
    pdf_variant: str | None = None


def check_lang_kind(lang: str | None, kind: str) -> None:
    """A bilingual document (vi+en) exists only as a handout: a usage error otherwise."""
    if lang == "vi+en" and kind != "handout":
        raise ReportgenError(
            "--lang vi+en (one bilingual document) is available with --kind handout; "
            "for the report use --lang all",
            exit_code=EXIT_USAGE,
        )


def resolve_languages(
    option: str | None, answers_languages: tuple[str, ...], kind: str = "report"
) -> tuple[tuple[str, ...], ...]:
    """--lang -> the documents to make, each a tuple of languages (two: bilingual).

    vi, en, all, or (default) the languages the answers file names; vi+en is one
    bilingual document, Vietnamese first, which only the handout offers.
    """
    check_lang_kind(option, kind)
    if option == "vi+en":
        return (("vi", "en"),)
    if option in (None, ""):
        langs = answers_languages
    elif option == "all":
        langs = ("vi", "en")
    else:
        langs = (option,)
    return tuple((lang,) for lang in langs)


def resolve_formats(option: str) -> tuple[str, ...]:
    return ("html", "pdf") if option == "all" else (option,)


def build_outputs(
    data: bytes,
    name: str,
    stem: str,
    lang_option: str | None,
    format_option: str,
    *,
    kind: str = "report",
    styling: Styling | None = None,
) -> tuple[dict[str, bytes], Scores]:
    """The whole pipeline up to (not including) the write: output name -> bytes.

    Pure with respect to the output folder (a brand's logo is already in ``styling``),
    so a batch worker on any machine can run it. Every PDF carries the answers file,
    so a delivered report can be re-scored (`reportgen score REPORT.pdf`).
    """
    from .answers import parse_answers

    answers = parse_answers(data, name)
    scores = score(answers)
    outputs = render_documents(
        answers, scores, data, name, stem, lang_option, format_option, kind=kind, styling=styling
    )
    return outputs, scores


def render_documents(
    answers: Answers,
    scores: Scores,
    data: bytes,
    name: str,
    stem: str,
    lang_option: str | None,
    format_option: str,
    *,
    kind: str = "report",
    styling: Styling | None = None,
) -> dict[str, bytes]:
    """Parsed and scored answers (and the file's bytes, to attach) -> output name -> bytes."""
    from .output import output_name
    from .render import PdfAttachment, html_document, pdf_bytes
    from .report import build_context, build_handout

    st = styling or Styling()
    attachment = PdfAttachment(
        content=data,
        name=ATTACHMENT_PREFIX + Path(name).name.rsplit("#", 1)[-1],
        description="reportgen answers file",
        date=dt.datetime.combine(answers.assessment.date, dt.time()),
    )
    outputs: dict[str, bytes] = {}
    for langs in resolve_languages(lang_option, answers.assessment.languages, kind):
        label = "+".join(langs)
        if kind == "handout":
            context = build_handout(answers, scores, langs, brand=st.brand, draft=st.draft)
            html = html_document("handout.html.j2", context, langs[0], st.templates_dir)
        else:
            context = build_context(answers, scores, langs[0], brand=st.brand, draft=st.draft)
            html = html_document("report.html.j2", context, langs[0], st.templates_dir)
        for fmt in resolve_formats(format_option):
            target = output_name(stem, label, fmt, kind)
            if fmt == "html":
                outputs[target] = html.encode("utf-8")
            else:
                outputs[target] = pdf_bytes(
                    html, pdf_variant=st.pdf_variant, attachments=(attachment,)
                )
    return outputs


def make_styling(
    brand_file: str | None, templates_dir: str | None, draft: bool, pdf_variant: str | None
) -> Styling:
    """Command options -> Styling; the brand file and template folder are checked here."""
    return Styling(
        brand=load_brand(brand_file) if brand_file else None,
        templates_dir=check_templates_dir(templates_dir),
        draft=draft,
        pdf_variant=pdf_variant,
    )


def render_file(
    file: str,
    out_dir: str,
    lang_option: str | None,
    format_option: str,
    *,
    kind: str = "report",
    styling: Styling | None = None,
) -> list[str]:
    """Render one answers file; every output is written only once all were built."""
    from .output import atomic_write

    data, name = read_input(file)
    outputs, _ = build_outputs(
        data,
        name,
        Path(file).stem,
        lang_option,
        format_option,
        kind=kind,
        styling=styling,
    )
    written = []
    for out_name, content in outputs.items():
        target = Path(out_dir) / out_name
        atomic_write(target, content)
        written.append(str(target))
    return written


def check_templates_dir(path: str | None) -> str | None:
    if path is None:
        return None
    if not Path(path).is_dir():
        raise ReportgenError(f"{path}: --templates must name a folder", exit_code=EXIT_USAGE)
    return str(Path(path).resolve())
