"""Templates use exactly the documented context, and nothing else."""

from __future__ import annotations

import dataclasses
import logging
import re

import jinja2
import pytest
from click.testing import CliRunner
from jinja2 import meta

from reportgen.cli import cli
from reportgen.present.report import ReportContext
from reportgen.resources import TEMPLATES_DIR

from .support import ROOT, WarningCollector, pdf_text

# Names every template may use besides the context: gettext, installed by jinja2.ext.i18n,
# and the one palette of grade colours.
GLOBALS = {"_", "gettext", "ngettext", "palette"}


def test_report_templates_use_only_the_context():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), extensions=["jinja2.ext.i18n"])
    fields = {f.name for f in dataclasses.fields(ReportContext)}
    # A chapter's partial is included in the loop over the sections: it sees `section`.
    partials = [f"partials/{p.name}" for p in (TEMPLATES_DIR / "partials").glob("*.j2")]
    used = set()
    for name in ["report.html.j2", *partials]:
        source = env.loader.get_source(env, name)[0]
        undeclared = meta.find_undeclared_variables(env.parse(source))
        allowed = fields | GLOBALS | ({"section"} if name in partials else set())
        assert undeclared <= allowed, (name, undeclared - allowed)
        used |= undeclared
    # And the context carries nothing the templates ignore.
    assert fields - used == set()


# A firm's stylesheet may use any CSS WeasyPrint accepts. Each of these is appended to
# report.css in a --templates folder; the report must render, and show the rule's mark.
OVERRIDE_STYLESHEETS = {
    "footnotes": (
        'h3 { float: footnote; } h3::footnote-marker { content: "FOOTNOTE-MARK "; }\n'
        "@page { @footnote { border-top: 1px solid black; } }"
    ),
    "floats": "figure.chart { float: right; width: 45%; } table.scores { float: left; width: 60%; }",
    "fixed positions": (
        'body::before { content: "FIXED-MARK"; position: fixed; top: 0; left: 0; }'
    ),
    "counters": (
        "body { counter-reset: chap; }\n"
        'h2::before { counter-increment: chap; content: "CHAP-" counter(chap, upper-roman) " "; }\n'
        '@counter-style stars { system: cyclic; symbols: "*"; suffix: " "; }\nul { list-style: stars; }'
    ),
    "page rules": (
        '@page :left { margin-left: 30mm; @top-left { content: "PAGE-MARK"; } }\n'
        "@page wide { size: A4 landscape; } section.chapter { page: wide; }"
    ),
}


@pytest.mark.parametrize("name", OVERRIDE_STYLESHEETS)
def test_an_override_stylesheet_with_any_css_renders(tmp_path, name):
    folder = tmp_path / "templates"
    folder.mkdir()
    stock = (ROOT / "templates" / "report.css").read_text(encoding="utf-8")
    (folder / "report.css").write_text(stock + "\n" + OVERRIDE_STYLESHEETS[name], encoding="utf-8")
    out = tmp_path / "out"
    warnings = WarningCollector()
    logging.getLogger("weasyprint").addHandler(warnings)
    try:
        result = CliRunner().invoke(
            cli,
            ["render", str(ROOT / "samples" / "minimal-startup.yaml"), "-o", str(out),
             "--lang", "en", "--format", "pdf", "--templates", str(folder)],
        )
    finally:
        logging.getLogger("weasyprint").removeHandler(warnings)
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text((out / "minimal-startup.en.pdf").read_bytes()))
    mark = re.search(r'"([A-Z]+-MARK|CHAP-)', OVERRIDE_STYLESHEETS[name])
    if mark:  # the rule took effect: its generated text is on the pages
        assert mark.group(1) in text
    assert not warnings.messages(), warnings.messages()


def test_an_override_weasyprint_cannot_lay_out_is_one_line_naming_the_template(tmp_path):
    # Markup nested deeper than WeasyPrint's layout can recurse (a RecursionError in it).
    partials = tmp_path / "templates" / "partials"
    partials.mkdir(parents=True)
    (partials / "cover.html.j2").write_text("<div>" * 600 + "deep" + "</div>" * 600)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["render", str(ROOT / "samples" / "minimal-startup.yaml"), "-o", str(out),
         "--lang", "en", "--format", "pdf", "--templates", str(tmp_path / "templates")],
    )
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert "report.html.j2 (with --templates" in lines[0] and "WeasyPrint could not make the PDF" in lines[0]
    assert not out.exists()
