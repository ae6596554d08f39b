"""What each command does, as plain functions the CLI calls: one call per command."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .engine import score, to_json
from .errors import EXIT_USAGE, InvalidFileError, ReportgenError, printable
from .pipeline import DOCUMENT_TIMEOUT, LANGS, Request, Styling, check_templates_dir
from .read import load_answers, read_input
from .sections import sections
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
        scores = score(answers)
        said = (s.one_line(s.result(scores)) for s in sections())
        out(f"{printable(file)}: valid ({', '.join(line for line in said if line)})")
    return all_ok


def load_with_history(file: str, previous: tuple[str, ...] = (), force: bool = False) -> Any:
    """One answers file, with its earlier assessments where given."""
    from .read.history import previous_inputs, with_history

    answers = load_answers(file)
    if previous:
        answers = with_history(answers, file, previous_inputs(previous), force)
    return answers


def score_file(
    file: str, previous: tuple[str, ...] = (), force: bool = False, cohort: Any = None
) -> dict[str, Any]:
    return to_json(score(load_with_history(file, previous, force), cohort))


def score_table(
    file: str,
    lang: str | None = None,
    previous: tuple[str, ...] = (),
    force: bool = False,
    cohort: Any = None,
) -> str:
    """A plain-text table of the main scores, in `lang`, else the file's first language."""
    from .i18n import Formatter
    from .present.presenter import Presenter
    from .present.terminal import score_lines

    answers = load_with_history(file, previous, force)
    lang = lang or answers.assessment.languages[0]
    return score_lines(Presenter(answers, score(answers, cohort), Formatter(lang)))


def schema_text(lang: str) -> str:
    """The answers file's JSON Schema, titles and descriptions in lang."""
    import json

    from .i18n import Formatter
    from .present.json_schema import answers_json_schema

    return json.dumps(answers_json_schema(Formatter(lang)), ensure_ascii=False, indent=2) + "\n"


def write_schema_beside(answers_file: str | Path, lang: str) -> Path:
    """The JSON Schema an answers file's first line names, written into its folder, so an
    editor with the YAML language server checks the file with no set-up. An older
    reportgen schema there is replaced; any other file of that name is kept."""
    from .blocks.document import SCHEMA_FILE, SCHEMA_ID

    path = Path(answers_file).parent / SCHEMA_FILE.format(lang=lang)
    if path.exists():
        head = path.read_text(encoding="utf-8", errors="replace")[:400]
        if SCHEMA_ID.split("{")[0] not in head:
            raise ReportgenError(f"{path}: exists and is not a reportgen schema; move it away")
    atomic_write(path, schema_text(lang).encode("utf-8"))
    return path


YAML_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIX = ".xlsx"


def _refuse_existing(output: str, force: bool) -> None:
    if Path(output).exists() and not force:
        raise ReportgenError(f"{output}: already exists; use --force to overwrite it")


def init_workbook(lang: str, output: str, force: bool) -> list[str]:
    """The answers workbook, blank, written to output."""
    from .read.workbook_writer import answers_workbook

    if not output.lower().endswith(WORKBOOK_SUFFIX):
        raise ReportgenError(
            f"{output}: a workbook's name ends in {WORKBOOK_SUFFIX}", exit_code=EXIT_USAGE
        )
    _refuse_existing(output, force)
    atomic_write(output, answers_workbook(lang))
    return [output]


def convert_file(
    source: str, output: str, lang: str | None, force: bool, plan: str | None = None
) -> list[str]:
    """An answers file (YAML, workbook, or a report PDF's attachment) as the other kind,
    chosen by output's suffix. The source must be valid: what is written reads back to
    the same answers. With plan (a tracker `reportgen plan` wrote), the owners' names,
    dates, budgets and statuses changed in it join the answers' advice part first.
    Returns the files written."""
    from .read.answers import parse_answers
    from .read.workbook_writer import answers_workbook
    from .read.yaml_writer import answers_yaml

    suffix = Path(output).suffix.lower()
    if suffix not in (*YAML_SUFFIXES, WORKBOOK_SUFFIX):
        raise ReportgenError(
            f"{output}: expected a name ending in .yaml, .yml or .xlsx", exit_code=EXIT_USAGE
        )
    _refuse_existing(output, force)
    answers = load_answers(source)
    lang = lang or answers.assessment.languages[0]
    given: Any = answers.given
    if plan is not None:
        given = _merged_plan(answers, plan)
        # The merged answers are checked as a whole before anything is written: a due
        # date before its start, typed in the tracker, is refused with the tracker named.
        merged = parse_answers(answers_yaml(given, lang).encode("utf-8"), f"{plan} (merged)")
        given = merged.given
    if suffix == WORKBOOK_SUFFIX:
        atomic_write(output, answers_workbook(lang, given))
        return [output]
    schema = write_schema_beside(output, lang)
    atomic_write(output, answers_yaml(given, lang).encode("utf-8"))
    return [output, str(schema)]


def _merged_plan(answers: Any, plan: str) -> dict[str, Any]:
    from .present.tracker import build_tracker, status_words
    from .read.tracker import merge_tracker, read_tracker

    data, name = read_input(plan)
    scores = score(answers)
    # The plan in each language: a status typed in either reads back.
    trackers = {lang: build_tracker(answers, scores, lang) for lang in LANGS}
    edited = read_tracker(data, name, status_words(trackers.values()))
    return merge_tracker(answers.given, trackers[answers.assessment.languages[0]], edited)


PLAN_SUFFIXES = (".xlsx", ".csv", ".ics")


def plan_file(source: str, output: str | None, lang: str | None, force: bool) -> tuple[bytes, list[str]]:
    """The action plan of an answers file as a tracker: a workbook, CSV or a calendar by
    output's suffix (no output: CSV, returned to print). Returns (bytes, files written)."""
    from .present.tracker import build_tracker
    from .read.tracker import tracker_csv, tracker_ics, tracker_workbook

    suffix = Path(output).suffix.lower() if output else ".csv"
    if suffix not in PLAN_SUFFIXES:
        raise ReportgenError(
            f"{output}: expected a name ending in .xlsx, .csv or .ics", exit_code=EXIT_USAGE
        )
    if output:
        _refuse_existing(output, force)
    answers = load_answers(source)
    tracker = build_tracker(answers, score(answers), lang or answers.assessment.languages[0])
    data = {".xlsx": tracker_workbook, ".csv": tracker_csv, ".ics": tracker_ics}[suffix](tracker)
    if output:
        atomic_write(output, data)
        return data, [output]
    return data, []


def init_file(lang: str, output: str | None, force: bool) -> tuple[str, list[str]]:
    """The answers template, and the files written: with an output, the template (unless
    it exists) and the schema its first line names, beside it."""
    from .render import answers_template

    text = answers_template(lang)
    if output is None:
        return text, []
    if Path(output).exists() and not force:
        raise ReportgenError(f"{output}: already exists; use --force to overwrite it")
    schema = write_schema_beside(output, lang)
    write_new_text(output, text, force=force)
    return text, [output, str(schema)]


def render_file(
    file: str,
    out_dir: str,
    lang: str | None,
    fmt: str,
    kind: str,
    styling: Styling,
    timeout: float = DOCUMENT_TIMEOUT,
    previous: tuple[str, ...] = (),
    force: bool = False,
    cohort: Any = None,
) -> list[str]:
    """Render one answers file; every output is written only once all were built."""
    from .executor import build  # worker pools: not imported by commands that render nothing
    from .read.history import previous_inputs

    data, name = read_input(file)
    request = Request(
        data,
        name,
        Path(file).stem,
        lang,
        fmt,
        kind,
        styling,
        previous=previous_inputs(previous),
        force_previous=force,
        cohort=cohort,
    )
    written = []
    for doc in build(request, jobs=os.cpu_count() or 1, timeout=timeout):
        target = Path(out_dir) / doc.name
        atomic_write(target, doc.content)
        written.append(str(target))
    return written


def start_preview(
    file: str,
    lang: str | None,
    kind: str,
    brand_file: str | None,
    templates_dir: str | None,
    host: str,
    port: int | None,
    log: Callable[[str], None],
    timeout: float = DOCUMENT_TIMEOUT,
    previous: tuple[str, ...] = (),
    force: bool = False,
    cohort: Any = None,
) -> Any:
    """A running preview of file (``preview.Running``): checked options, server, watcher."""
    from .preview import PreviewOptions, start
    from .preview.server import is_loopback

    if not Path(file).is_file():
        raise ReportgenError(f"{file}: no such file", exit_code=EXIT_USAGE)
    check_templates_dir(templates_dir)
    if not is_loopback(host):
        log(f"warning: listening on {host}: anyone who can reach it sees the report")
    options = PreviewOptions(
        file,
        lang,
        kind,
        brand_file,
        templates_dir,
        timeout,
        previous=previous,
        force_previous=force,
        cohort=cohort,
    )
    return start(options, host=host, port=port, log=log)


def cap_jobs(jobs: int | None, warn: Callable[[str], None]) -> int | None:
    """--jobs no larger than the machine's cores: more processes than cores only add
    memory and switching (40 on two cores would start 41 processes)."""
    cores = os.cpu_count() or 1
    if jobs is not None and jobs > cores:
        warn(f"warning: --jobs {jobs}: this machine has {cores} cores; using {cores}")
        return cores
    return jobs


def cohort_source(
    source: str | None,
    filters: tuple[str, ...] = (),
    minimum: int | None = None,
    warn: Callable[[str], None] = lambda _line: None,
) -> Any:
    """--cohort SOURCE -> a model.cohort.CohortSource (None without one): a folder of
    answers files (scored here; a file that fails is skipped with a warning), a batch
    output folder or its summary.json, or a cohort file."""
    from dataclasses import replace

    from .batch.plan import find_inputs
    from .model.cohort import CohortSource
    from .read import cohort as rc
    from .sections import cohort_member

    if source is None:
        if filters or minimum is not None:
            raise ReportgenError(
                "--cohort-filter and --cohort-min need --cohort", exit_code=EXIT_USAGE
            )
        return None
    chosen, least = rc.parse_filters(filters), rc.check_minimum(minimum)
    path = Path(source)
    if not path.exists():
        raise ReportgenError(f"{printable(source)}: no such file or folder", exit_code=EXIT_USAGE)
    summary = rc.summary_path(path) if path.is_dir() else path
    if summary is not None:
        data = rc.load_json(summary)
        if rc.is_cohort_file(data):
            found = rc.source_from_file(data, str(summary))
            if len(chosen) > 1:
                raise ReportgenError(
                    f"{printable(source)}: a cohort file holds one filter at a time; "
                    "for several, give the batch's folder or summary.json",
                    exit_code=EXIT_USAGE,
                )
        else:
            found = CohortSource(members=rc.members_from_summary(data, str(summary)))
        return replace(found, filters=chosen, minimum=least)
    dated = []
    for file in find_inputs(path, recursive=True):
        try:
            answers = load_answers(str(file))
        except InvalidFileError as exc:
            warn(f"cohort: skipped {exc.format_message().splitlines()[0]}")
            continue
        member = cohort_member(
            answers.client.key, answers.client.industry, to_json(score(answers))
        )
        dated.append((answers.assessment.date.isoformat(), member))
    if not dated:
        raise ReportgenError(
            f"{printable(source)}: no answers file, summary.json or cohort file here",
            exit_code=EXIT_USAGE,
        )
    members = rc.latest_per_client(dated)
    return CohortSource(members=members, filters=chosen, minimum=least)
