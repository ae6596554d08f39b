"""The `reportgen` command: thin click commands, each parsing options and making one call.

The only module that knows click: a ``ReportgenError`` raised anywhere below becomes
its message on stderr and its exit code, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from typing import Any

import click

from . import __version__, workflows
from .batch.progress import Progress
from .errors import (
    EXIT_BUSY,
    EXIT_CLUSTER,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    ReportgenError,
    printable,
)
from .pipeline import (
    DOCUMENT_TIMEOUT,
    FORMAT_CHOICES,
    KINDS,
    LANG_CHOICES,
    LANGS,
    PDF_VARIANTS,
    make_styling,
)

EXIT_CODES = f"""\b
Exit codes:
  {EXIT_OK}  success: every file valid, rendered or up to date
  {EXIT_INVALID}  an input file is invalid, or some files of a batch failed
  {EXIT_USAGE}  usage error: unknown option, missing argument
  {EXIT_BUSY}  another batch run is using the output folder
  {EXIT_CLUSTER}  the Dask cluster has no workers, or was lost during the run
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C): completed outputs are kept
"""


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportgenError as exc:
            click.echo(exc.format_message(), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            # Every command's outputs are written whole or not at all, so an interrupted
            # command has nothing to undo; 130 is what shells report for Ctrl-C.
            click.echo("interrupted: nothing half-written was left", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(
    cls=_Group, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Score an AI business model assessment and render it as a bilingual report."""


def previous_options(command: Any) -> Any:
    """--previous (repeatable) and --force, as score, render and preview take them."""
    command = click.option(
        "--force", is_flag=True, help="Take --previous from another client or a later date."
    )(command)
    return click.option(
        "--previous",
        multiple=True,
        type=click.Path(exists=True),
        help="An earlier assessment of the client (answers, workbook, report PDF or a "
        "folder); repeatable. Adds the progress since it (the JSON 'progress' key, the "
        "chapter 'Since the last assessment').",
    )(command)


def cohort_options(command: Any) -> Any:
    """--cohort, --cohort-filter (repeatable) and --cohort-min, as score, render and
    preview take them."""
    command = click.option(
        "--cohort-min",
        type=int,
        default=None,
        help="The fewest other clients a comparison is made with (default and least: 5).",
    )(command)
    command = click.option(
        "--cohort-filter",
        multiple=True,
        metavar="KEY=VALUE",
        help="Compare only with clients of this industry or market region "
        "(industry=Fintech, region=apac); repeatable.",
    )(command)
    return click.option(
        "--cohort",
        type=click.Path(exists=True),
        help="The firm's other clients: a folder of answers files, a batch output folder "
        "or its summary.json, or a cohort file (batch --write-cohort). Adds the client's "
        "percentile rank and the cohort's median (the JSON 'cohort' key).",
    )(command)


def cohort_of(cohort: str | None, cohort_filter: tuple[str, ...], cohort_min: int | None) -> Any:
    return workflows.cohort_source(
        cohort, cohort_filter, cohort_min, warn=lambda m: click.echo(m, err=True)
    )


@cli.command(epilog=EXIT_CODES)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def validate(files: tuple[str, ...]) -> None:
    """Check answers files: one line per file, problems listed under it.

    Example: reportgen validate samples/*.yaml
    """
    ok = workflows.validate_files(files, out=click.echo, err=lambda s: click.echo(s, err=True))
    sys.exit(EXIT_OK if ok else EXIT_INVALID)


@cli.command(epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of the text table (default: the answers file's first language).",
)
@previous_options
@cohort_options
def score(
    file: str,
    fmt: str,
    lang: str | None,
    previous: tuple[str, ...],
    force: bool,
    cohort: str | None,
    cohort_filter: tuple[str, ...],
    cohort_min: int | None,
) -> None:
    """Score one answers file: JSON as the spec's "Score output", or a table.

    Example: reportgen score samples/sao-mai-fintech.yaml --format json
    """
    source = cohort_of(cohort, cohort_filter, cohort_min)
    if fmt == "json":
        scores = workflows.score_file(file, previous, force, source)
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
    else:  # the table reads and scores the file itself: once, not twice
        click.echo(workflows.score_table(file, lang, previous, force, source))


@cli.command(epilog=EXIT_CODES)
@click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "xlsx"]),
    default="yaml",
    show_default=True,
    help="A YAML file, or an Excel workbook (needs -o).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def init(lang: str, output: str | None, fmt: str, force: bool) -> None:
    """Write an answers template whose comments explain every field, or a workbook.

    With -o, a YAML template's first line names its JSON Schema, written beside it, so
    an editor with the YAML language server completes and checks it as it is typed. The
    workbook has one sheet per section, drop-downs and checked ranges.

    Examples: reportgen init --lang vi -o answers.yaml;
    reportgen init --format xlsx --lang vi -o answers.xlsx
    """
    if fmt == "xlsx":
        if output is None:
            raise click.UsageError("--format xlsx writes a file: give it with -o FILE.xlsx")
        for path in workflows.init_workbook(lang, output, force):
            click.echo(f"wrote {printable(str(path))}", err=True)
        return
    text, written = workflows.init_file(lang, output, force)
    if output is None:
        click.echo(text, nl=False)
    for path in written:
        click.echo(f"wrote {printable(str(path))}", err=True)


@cli.command(epilog=EXIT_CODES)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def schema(lang: str) -> None:
    """Print the answers file's JSON Schema (draft-07), titles in the language.

    Editors with the YAML language server read it; `init -o FILE` writes it beside FILE.

    Example: reportgen schema --lang vi > reportgen-answers.vi.schema.json
    """
    click.echo(workflows.schema_text(lang), nl=False)


@cli.command(epilog=EXIT_CODES)
@click.argument("source", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The file to write: .yaml or .yml, or .xlsx.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of labels and comments (default: the answers' first language).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option(
    "--plan",
    "plan",
    type=click.Path(dir_okay=False),
    default=None,
    help="A plan tracker (reportgen plan -o plan.xlsx) whose owners, dates, budgets and "
    "statuses join the answers' advice part.",
)
def convert(source: str, output: str, lang: str | None, force: bool, plan: str | None) -> None:
    """Convert an answers file between YAML and an Excel workbook, either way.

    The source must be valid; what is written reads back to the same answers. With
    --plan, what was changed in the plan tracker is written into the answers first.

    Example: reportgen convert answers.xlsx -o answers.yaml
    """
    for path in workflows.convert_file(source, output, lang, force, plan):
        click.echo(f"wrote {printable(str(path))}", err=True)


@cli.command(epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="The tracker to write: .xlsx, .csv or .ics (default: CSV on standard output).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of the tracker (default: the answers' first language).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def plan(file: str, output: str | None, lang: str | None, force: bool) -> None:
    """Export the action plan as a tracker: one row per action with its owner, dates,
    budget, metrics, status and dependencies; or a calendar of the due dates.

    Edit the owners' names, dates, budgets and statuses in the workbook, then bring them
    back into the answers with: reportgen convert FILE --plan plan.xlsx -o FILE2

    Example: reportgen plan samples/mekong-agri.yaml -o plan.xlsx
    """
    data, written = workflows.plan_file(file, output, lang, force)
    if not written:
        click.echo(data.decode("utf-8-sig"), nl=False)
    for path in written:
        click.echo(f"wrote {printable(str(path))}", err=True)


@cli.command(epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES),
    default=None,
    help="Language shown first (default: the answers' first).",
)
@click.option("--kind", type=click.Choice(KINDS), default="report", show_default=True)
@click.option(
    "--port", type=int, default=None, help="Port to listen on (default: the first free from 8765)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but the loopback is shown to your network.",
)
@click.option(
    "--brand",
    "brand_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Brand file (YAML).",
)
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder of templates that replace built-in ones.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=DOCUMENT_TIMEOUT,
    show_default=True,
    help="Seconds one document (the page, or a PDF) may take; past it, the page says so.",
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
@previous_options
@cohort_options
def preview(
    file: str,
    lang: str | None,
    kind: str,
    port: int | None,
    host: str,
    brand_file: str | None,
    templates_dir: str | None,
    timeout: float,
    no_browser: bool,
    previous: tuple[str, ...],
    force: bool,
    cohort: str | None,
    cohort_filter: tuple[str, ...],
    cohort_min: int | None,
) -> None:
    """Show the report in a browser and reload it each time FILE is saved.

    Problems in the file are shown in the page, over the last good report. Ctrl-C stops.

    Example: reportgen preview samples/sao-mai-fintech.yaml
    """
    running = workflows.start_preview(
        file,
        lang,
        kind,
        brand_file,
        templates_dir,
        host,
        port,
        log=lambda m: click.echo(m, err=True),
        timeout=timeout,
        previous=previous,
        force=force,
        cohort=cohort_of(cohort, cohort_filter, cohort_min),
    )
    click.echo(f"previewing {printable(file)} at {running.url} (Ctrl-C stops)", err=True)
    if not no_browser:
        import webbrowser

        webbrowser.open(running.url)
    try:
        running.server.stopping.wait()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        running.stop()


def styling_options(command: Any) -> Any:
    """The options that change how documents look; render and batch share them."""
    options = (
        click.option(
            "--brand",
            "brand_file",
            type=click.Path(dir_okay=False),
            default=None,
            help="A firm's brand file (YAML): name, logo, colours, footer, contact, "
            "confidentiality.",
        ),
        click.option(
            "--templates",
            "templates_dir",
            type=click.Path(file_okay=False),
            default=None,
            help="A folder of templates that replace built-in ones of the same name.",
        ),
        click.option("--draft", is_flag=True, help='Watermark every page "DRAFT" ("BẢN NHÁP").'),
        click.option(
            "--docx-template",
            type=click.Path(dir_okay=False),
            default=None,
            metavar="FILE.dotx",
            help="The firm's Word template (.dotx or .docx) for --format docx: its styles, "
            "page and headers (default: the brand file's docx_template).",
        ),
        click.option(
            "--pdf-variant",
            type=click.Choice(PDF_VARIANTS),
            default=None,
            help="Archival PDF/A-3b, tagged accessible PDF/UA-1, or both in one file: "
            "pdf/a-3a+ua-1.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=1),
            default=DOCUMENT_TIMEOUT,
            show_default=True,
            help="Seconds one document may take; past it, that file has failed.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def _format_list(value: str) -> str:
    """--format's value checked and spelled one way ("docx,pdf" -> "pdf,docx")."""
    from .pipeline import parse_formats

    try:
        return parse_formats(value)
    except ReportgenError as exc:
        raise click.BadParameter(exc.message.removeprefix("--format: ")) from None


def signing_options(command: Any) -> Any:
    """--sign, --sign-visible and --sign-timestamp; render and batch share them. The
    password never is an option: REPORTGEN_SIGN_PASSWORD, or a prompt at a terminal."""
    options = (
        click.option(
            "--sign",
            type=click.Path(dir_okay=False),
            default=None,
            metavar="CERT.p12",
            help="Sign every PDF with the firm's certificate (PKCS#12; default: the brand "
            "file's sign_certificate). Password: $REPORTGEN_SIGN_PASSWORD, else asked.",
        ),
        click.option("--sign-visible", is_flag=True, help="Show a signature block on the cover."),
        click.option(
            "--sign-timestamp",
            metavar="URL",
            default=None,
            help="An RFC 3161 timestamp server to date the signature (needs the network).",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def signing_of(
    sign: str | None, visible: bool, timestamp: str | None, brand_file: str | None, fmt: str
) -> Any:
    """The options -> a SignSpec (the certificate read and opened now), or None."""
    from .render.signing import brand_certificate, read_certificate

    cert = sign or (brand_certificate(brand_file) if brand_file else None)
    if cert is None:
        if visible or timestamp:
            raise click.UsageError("--sign-visible and --sign-timestamp need --sign CERT.p12")
        return None
    if fmt != "all" and "pdf" not in fmt.split(","):  # --format html, docx: no PDF to sign
        raise click.UsageError("--sign signs PDFs: use it with --format pdf or all")
    password = os.environ.get(SIGN_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            raise ReportgenError(
                f"{cert}: set {SIGN_PASSWORD} to the certificate's password (no terminal "
                "to ask it at)",
                exit_code=EXIT_USAGE,
            )
        password = click.prompt(
            f"Password of {cert}", hide_input=True, default="", show_default=False
        )
    spec = read_certificate(cert, password)
    return replace(spec, visible=visible, timestamp_url=timestamp)


SIGN_PASSWORD = "REPORTGEN_SIGN_PASSWORD"


@cli.command(epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES),
    default=None,
    help="Language (default: the languages the file names). vi+en: one bilingual handout.",
)
@click.option(
    "--format",
    "fmt",
    default="all",
    show_default=True,
    metavar="FORMATS",
    callback=lambda _ctx, _param, value: _format_list(value),
    help=f"{', '.join(FORMAT_CHOICES)}, or a comma list such as pdf,docx (all: html and pdf).",
)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="report",
    show_default=True,
    help="The full report, or a two-page workshop handout.",
)
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(file_okay=False),
    default="reports",
    show_default=True,
)
@styling_options
@signing_options
@previous_options
@cohort_options
def render(
    file: str,
    lang: str | None,
    fmt: str,
    kind: str,
    out_dir: str,
    brand_file: str | None,
    templates_dir: str | None,
    draft: bool,
    docx_template: str | None,
    pdf_variant: str | None,
    sign: str | None,
    sign_visible: bool,
    sign_timestamp: str | None,
    timeout: float,
    previous: tuple[str, ...],
    force: bool,
    cohort: str | None,
    cohort_filter: tuple[str, ...],
    cohort_min: int | None,
) -> None:
    """Render the report (or handout) of one answers file as HTML and PDF, per language.

    Writes OUT_DIR/<file stem>.<lang>.html and .pdf (handouts: <stem>.<lang>.handout.pdf),
    and .docx, an editable Word document, with --format docx (or pdf,docx); nothing is
    written unless every document was built. Every PDF and DOCX carries the answers
    file, so `reportgen score REPORT.pdf` re-scores a delivered report.

    \b
    Examples:
      reportgen render samples/sao-mai-fintech.yaml -o reports
      reportgen render samples/sao-mai-fintech.yaml --kind handout --lang vi+en --format pdf
      reportgen render samples/lotus-health.yaml --brand samples/brand/brand.yaml --draft
    """
    signing = signing_of(sign, sign_visible, sign_timestamp, brand_file, fmt)
    styling = make_styling(
        brand_file, templates_dir, draft, pdf_variant, signing, docx_template=docx_template
    )
    paths = workflows.render_file(
        file,
        out_dir,
        lang,
        fmt,
        kind,
        styling,
        timeout,
        previous=previous,
        force=force,
        cohort=cohort_of(cohort, cohort_filter, cohort_min),
    )
    for path in paths:
        click.echo(printable(str(path)))


@cli.command(epilog=EXIT_CODES)
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False))
@styling_options
@signing_options
@click.option(
    "-o",
    "--output-dir",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    help="Folder for the reports, index.html, summary.json and the manifest.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core). Ignored with --scheduler.",
)
@click.option(
    "--lang",
    type=click.Choice(LANG_CHOICES),
    default=None,
    help="Report language (default: the languages each file names); vi+en: bilingual handouts.",
)
@click.option(
    "--format",
    "fmt",
    default="all",
    show_default=True,
    metavar="FORMATS",
    callback=lambda _ctx, _param, value: _format_list(value),
    help=f"{', '.join(FORMAT_CHOICES)}, or a comma list such as pdf,docx (all: html and pdf).",
)
@click.option("--kind", type=click.Choice(KINDS), default="report", show_default=True)
@click.option("--force", is_flag=True, help="Render every file, even those up to date.")
@click.option("--recursive", is_flag=True, help="Include sub-folders, mirrored under OUT_DIR.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Render on a Dask distributed cluster (needs reportgen[dask]).",
)
@click.option(
    "--history",
    is_flag=True,
    help="Find each client's earlier assessments in IN_DIR (by client.id, else name) and "
    "render the latest with its progress since them.",
)
@click.option(
    "--write-cohort",
    type=click.Path(dir_okay=False),
    help="Also write a cohort file: the clients' score distributions only (no names, no "
    "row per client), for `render --cohort FILE` on another machine.",
)
def batch(
    in_dir: str,
    out_dir: str,
    jobs: int | None,
    lang: str | None,
    fmt: str,
    kind: str,
    force: bool,
    recursive: bool,
    scheduler: str | None,
    brand_file: str | None,
    templates_dir: str | None,
    draft: bool,
    docx_template: str | None,
    pdf_variant: str | None,
    sign: str | None,
    sign_visible: bool,
    sign_timestamp: str | None,
    timeout: float,
    history: bool,
    write_cohort: str | None,
) -> None:
    """Render every answers file (*.yaml, *.yml, *.xlsx) of IN_DIR, in parallel, skipping
    those whose reports are up to date.

    Writes OUT_DIR/<stem>.<lang>.html and .pdf as `render` does, plus OUT_DIR/index.html
    and OUT_DIR/summary.json. One failing file never stops the others; a second run on
    the same OUT_DIR refuses while one is running (exit 3).

    \b
    Examples:
      reportgen batch samples -o reports
      reportgen batch clients --recursive -o /srv/reports --jobs 4
      reportgen batch samples -o reports --scheduler tcp://10.0.0.5:8786
    """
    from . import batch as batch_mod
    from .pipeline import check_lang_kind

    check_lang_kind(lang, kind)
    jobs = workflows.cap_jobs(jobs, warn=_echo_err)
    options = batch_mod.BatchOptions(
        lang=lang,
        fmt=fmt,
        kind=kind,
        force=force,
        recursive=recursive,
        jobs=jobs,
        scheduler=scheduler,
        timeout=timeout,
        styling=make_styling(
            brand_file,
            templates_dir,
            draft,
            pdf_variant,
            signing_of(sign, sign_visible, sign_timestamp, brand_file, fmt),
            docx_template=docx_template,
        ),
        history=history,
        write_cohort=write_cohort,
    )
    progress = BarProgress() if sys.stderr.isatty() else Progress(click.echo, _echo_err)
    try:
        result = batch_mod.run_batch(in_dir, out_dir, options, progress)
    except KeyboardInterrupt:
        # The outputs completed so far are kept and recorded; nothing half-written stays.
        _echo_err("interrupted: completed reports are kept; run again to finish")
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(result.exit_code)


VERIFY_CODES = f"""\b
Exit codes:
  {EXIT_OK}  signed, and nothing changed since: the signature covers the whole file
  {EXIT_INVALID}  no signature, a changed or damaged file, or content added after signing
  {EXIT_USAGE}  usage error: unknown option, missing argument
"""


@cli.command(epilog=VERIFY_CODES)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--lang", type=click.Choice(LANGS), default=None, help="Language of the scores' table."
)
def verify(file: str, lang: str | None) -> None:
    """Check a signed report: who signed it, when, whether it changed since, whether its
    certificate is trusted; then re-score the answers it carries (as `score --format
    text`). A self-signed certificate is reported untrusted, and the exit code says only
    whether the file is intact.

    Example: reportgen verify reports/sao-mai-fintech.en.pdf
    """
    from .render.signing import verify_file

    result, lines = verify_file(file)
    for line in lines:
        click.echo(line)
    if not result.ok:
        click.echo("scores: not re-scored: the file changed since it was signed")
        sys.exit(EXIT_INVALID)
    click.echo(workflows.score_table(file, lang))


def _echo_err(line: str) -> None:
    click.echo(line, err=True)


class BarProgress(Progress):
    """A progress bar with counts and ETA on stderr, for a person at a terminal."""

    def __init__(self) -> None:
        super().__init__(click.echo, _echo_err)
        self.bar: Any = None

    def start(self, known: Any, to_render: int) -> None:
        known = list(known)
        skipped = sum(1 for r in known if r.status == "skipped")
        self.err(f"{skipped} up to date, {to_render} to render")
        if to_render:
            self.bar = click.progressbar(
                length=to_render, label="Rendering", show_eta=True, show_pos=True, file=sys.stderr
            )
            self.bar.__enter__()

    def file_done(self, record: Any) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def abort(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def finish(self, result: Any) -> None:
        self.abort()
        super().finish(result)


def main() -> None:
    cli.main(prog_name="reportgen", standalone_mode=True)
