"""The `reportgen` command: thin click commands, each parsing options and making one call."""

from __future__ import annotations

import json
import sys

import click

from . import __version__, workflows
from .errors import EXIT_BUSY, EXIT_INVALID, EXIT_OK, EXIT_USAGE, ReportgenError

EXIT_CODES = f"""\b
Exit codes:
  {EXIT_OK}  success: every file valid, rendered or up to date
  {EXIT_INVALID}  an input file is invalid, or some files of a batch failed
  {EXIT_USAGE}  usage error: unknown option, missing argument
  {EXIT_BUSY}  another batch run is using the output folder
"""


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Score an AI business model assessment and render it as a bilingual report."""


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
    type=click.Choice(["en", "vi"]),
    default="en",
    show_default=True,
    help="Language of the text table.",
)
def score(file: str, fmt: str, lang: str) -> None:
    """Score one answers file: JSON as the spec's "Score output", or a table.

    Example: reportgen score samples/sao-mai-fintech.yaml --format json
    """
    scores = workflows.score_file(file)
    if fmt == "json":
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        click.echo(workflows.score_table(file, lang))


@cli.command(epilog=EXIT_CODES)
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (default: standard output).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def init(lang: str, output: str | None, force: bool) -> None:
    """Write an answers template whose comments explain every field.

    Example: reportgen init --lang vi -o answers.yaml
    """
    text = workflows.answers_template(lang)
    if output is None:
        click.echo(text, nl=False)
        return
    workflows.write_new_text(output, text, force=force)
    click.echo(f"wrote {output}", err=True)


def styling_options(command):
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
            "--pdf-variant",
            type=click.Choice(["pdf/a-3b", "pdf/ua-1"]),
            default=None,
            help="Archival PDF/A-3b, or tagged, accessible PDF/UA-1.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


@cli.command(epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--lang",
    type=click.Choice(["vi", "en", "all", "vi+en"]),
    default=None,
    help="Language (default: the languages the file names). vi+en: one bilingual handout.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "pdf", "all"]), default="all", show_default=True
)
@click.option(
    "--kind",
    type=click.Choice(["report", "handout"]),
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
def render(
    file: str,
    lang: str | None,
    fmt: str,
    kind: str,
    out_dir: str,
    brand_file: str | None,
    templates_dir: str | None,
    draft: bool,
    pdf_variant: str | None,
) -> None:
    """Render the report (or handout) of one answers file as HTML and PDF, per language.

    Writes OUT_DIR/<file stem>.<lang>.html and .pdf (handouts: <stem>.<lang>.handout.pdf);
    nothing is written unless every document was built. Every PDF carries the answers
    file, so `reportgen score REPORT.pdf` re-scores a delivered report.

    \b
    Examples:
      reportgen render samples/sao-mai-fintech.yaml -o reports
      reportgen render samples/sao-mai-fintech.yaml --kind handout --lang vi+en --format pdf
      reportgen render samples/lotus-health.yaml --brand brand/brand.yaml --draft
    """
    styling = workflows.make_styling(brand_file, templates_dir, draft, pdf_variant)
    paths = workflows.render_file(file, out_dir, lang, fmt, kind=kind, styling=styling)
    for path in paths:
        click.echo(path)


@cli.command(epilog=EXIT_CODES)
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False))
@styling_options
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
    type=click.Choice(["vi", "en", "all", "vi+en"]),
    default=None,
    help="Report language (default: the languages each file names); vi+en: bilingual handouts.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "pdf", "all"]), default="all", show_default=True
)
@click.option(
    "--kind", type=click.Choice(["report", "handout"]), default="report", show_default=True
)
@click.option("--force", is_flag=True, help="Render every file, even those up to date.")
@click.option("--recursive", is_flag=True, help="Include sub-folders, mirrored under OUT_DIR.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    default=None,
    help="Render on a Dask distributed cluster (needs reportgen[dask]).",
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
    pdf_variant: str | None,
) -> None:
    """Render every answers file (*.yaml, *.yml) of IN_DIR, in parallel, skipping those
    whose reports are up to date.

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

    workflows.check_lang_kind(lang, kind)
    options = batch_mod.BatchOptions(
        lang=lang,
        fmt=fmt,
        kind=kind,
        force=force,
        recursive=recursive,
        jobs=jobs,
        scheduler=scheduler,
        styling=workflows.make_styling(brand_file, templates_dir, draft, pdf_variant),
    )
    sys.exit(batch_mod.run_batch(in_dir, out_dir, options).exit_code)


def main() -> None:
    try:
        cli.main(prog_name="reportgen", standalone_mode=True)
    except ReportgenError as exc:  # raised outside click's own handling (defensive)
        exc.show()
        sys.exit(exc.exit_code)
