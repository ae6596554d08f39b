"""What each command does, as plain functions the CLI calls: one call per command."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .engine import number, score, to_json
from .errors import EXIT_USAGE, InvalidFileError, ReportgenError
from .pipeline import Request, Styling, run
from .read import load_answers, read_input
from .read.brand import load_brand
from .sections.validation import SECTION as VALIDATION
from .write import atomic_write, write_new_text


def validate_files(
    files: Iterable[str], out: Callable[[str], None], err: Callable[[str], None]
) -> bool:
    """One line per file; the problems of an invalid file follow it on stderr."""
    all_ok = True
    for file in files:
        try:
            answers = load_answers(file)
        except InvalidFileError as exc:
            all_ok = False
            err(exc.format_message())
            continue
        v = VALIDATION.result(score(answers))
        assert v is not None
        # 107, not 107.0, as in the JSON output.
        out(f"{file}: valid (total {number(v.total)}/{number(v.max)}, {v.band})")
    return all_ok


def score_file(file: str) -> dict[str, Any]:
    return to_json(score(load_answers(file)))


def score_table(file: str, lang: str) -> str:
    """A plain-text table of the main scores, in the given language."""
    from .i18n import Formatter
    from .present.presenter import Presenter
    from .present.terminal import score_lines

    answers = load_answers(file)
    return score_lines(Presenter(answers, score(answers), Formatter(lang)))


def init_file(lang: str, output: str | None, force: bool) -> str:
    """The answers template; written to output (unless it exists) when one is given."""
    from .render import answers_template

    text = answers_template(lang)
    if output is not None:
        write_new_text(output, text, force=force)
    return text


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


def check_templates_dir(path: str | None) -> str | None:
    if path is None:
        return None
    if not Path(path).is_dir():
        raise ReportgenError(f"{path}: --templates must name a folder", exit_code=EXIT_USAGE)
    return str(Path(path).resolve())


def render_file(
    file: str, out_dir: str, lang: str | None, fmt: str, kind: str, styling: Styling
) -> list[str]:
    """Render one answers file; every output is written only once all were built."""
    data, name = read_input(file)
    result = run(Request(data, name, Path(file).stem, lang, fmt, kind, styling))
    written = []
    for doc in result.documents:
        target = Path(out_dir) / doc.name
        atomic_write(target, doc.content)
        written.append(str(target))
    return written
