"""Fuzzing the things reportgen reads from strangers (issues 13 and 27): answers files
(YAML and Excel workbooks), brand files and PDFs carrying an answers file. Mutants are
made from real files by byte edits and by splicing in the tokens that broke earlier versions (huge exponents,
surrogate escapes, control characters, a third decimal place, aliases, tabs).

Whatever the mutant, the CLI answers with a documented exit code and no traceback; and
when a mutant is valid, its scores add up as printed: criteria to their dimension,
dimensions to the total, and the band is the one the printed total falls in.

Bounded to run in seconds; `--hypothesis-seed` reproduces a failure.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.cli import cli
from reportgen.errors import EXIT_INVALID, EXIT_OK
from reportgen.read.pdf import ATTACHMENT_PREFIX
from reportgen.sections.validation.rubric import TOTAL_BANDS

from .support import ROOT

SPEC = (Path(__file__).parent / "data" / "spec_example.yaml").read_bytes()
SAMPLE = (ROOT / "samples" / "minimal-startup.yaml").read_bytes()
TOKENS = [
    b"1e999999999",
    b"1e28",
    b"-1e5000",
    b"7.125",
    b"139.995",
    b'"\\ud800"',
    b'"\\x1b[2J"',
    b"\x00",
    b"\t",
    b"\r",
    b"\xe2\x80\xa8",
    b"\xff\xfe",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"~",
    b"[",
    b"{",
    b"'",
    b'"',
    b": ",
    b"\n- ",
    b"!!python/object:os.system",
    b"2026-02-30",
    b".nan",
    b".inf",
    b"0x1F",
    b"1_000",
    b"yes",
    b"---\n",
    b"%YAML 1.1\n",
    b"\n  x: 1\n",
    b"#",
]


@st.composite
def mutants(draw, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["token", "delete", "byte", "line", "truncate"]))
        if how == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif how == "byte":
            data[at:at] = bytes([draw(st.integers(0, 255))])
        elif how == "line":  # repeat a line elsewhere: duplicate keys, bad indentation
            lines = bytes(data).split(b"\n")
            line = lines[draw(st.integers(0, len(lines) - 1))]
            data[at:at] = line + b"\n"
        else:
            del data[at:]
    return bytes(data)


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    # click turns an uncaught exception into exit code 1 with result.exception set: that
    # is a traceback for a user, whatever the code says.
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output,
        result.exc_info,
    )
    assert result.exit_code in (EXIT_OK, EXIT_INVALID), result.output
    assert "Traceback" not in result.output
    # JSON on stdout when valid; the problems, on stderr, otherwise.
    return result.exit_code, result.stdout if result.exit_code == EXIT_OK else result.stderr


def assert_adds_up(scores: dict) -> None:
    validation = scores["validation"]
    dims = validation["dimensions"].values()
    for dim in dims:
        parts = sum(Decimal(str(v)) for v in dim["criteria"].values())
        assert parts == Decimal(str(dim["score"])), dim
    total = Decimal(str(validation["total"]))
    assert sum(Decimal(str(d["score"])) for d in dims) == total
    band = next(b for b in TOTAL_BANDS if b.minimum is None or total >= b.minimum)
    assert validation["band"] == band.id


# REPORTGEN_FUZZ_SCALE=20 runs twenty times as many examples (a long local hunt).
SCALE = int(os.environ.get("REPORTGEN_FUZZ_SCALE", "1"))
SETTINGS = settings(
    max_examples=150 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(data=st.one_of(mutants(SPEC), mutants(SAMPLE)))
def test_mutated_answers_files(tmp_path, data):
    path = tmp_path / "answers.yaml"
    path.write_bytes(data)
    code, output = invoke("validate", path)
    score_code, score_output = invoke("score", path, "--format", "json")
    assert score_code == code  # validate and score agree on what is valid
    if code == EXIT_OK:
        assert_adds_up(json.loads(score_output))
    else:
        # One line saying the file is invalid, then one line per problem, each located.
        first, *problems = score_output.splitlines()
        assert first.startswith(str(path)), first
        assert all(p.startswith(f"  {path}") for p in problems), problems


BRAND = (
    "firm_name: Công ty Tư vấn Ánh Dương\n"
    "logo: logo.svg\n"
    "primary_colour: '#1F4E79'\n"
    "accent_colour: '#C8102E'\n"
    "footer: Bảo mật\n"
    "contact: lan@anhduong.vn\n"
    "confidentiality: Chỉ dùng nội bộ\n"
).encode()
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@settings(
    max_examples=25 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(brand=mutants(BRAND), logo=st.one_of(st.just(SVG), mutants(SVG)))
def test_mutated_brand_files(brand, logo):
    with tempfile.TemporaryDirectory() as tmp:  # a fresh folder per example
        check_brand(Path(tmp), brand, logo)


def check_brand(tmp_path: Path, brand: bytes, logo: bytes) -> None:
    (tmp_path / "brand.yaml").write_bytes(brand)
    (tmp_path / "logo.svg").write_bytes(logo)
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(SAMPLE)
    out = tmp_path / "out"
    code, output = invoke(
        "render",
        answers,
        "--brand",
        tmp_path / "brand.yaml",
        "-o",
        out,
        "--kind",
        "handout",
        "--lang",
        "en",
        "--format",
        "html",
    )
    if code == EXIT_INVALID:
        assert not out.exists()  # nothing is written for a file that fails
        assert "schema_version" not in output and "answers file" not in output


@pytest.fixture(scope="module")
def reportgen_pdf(tmp_path_factory) -> bytes:
    """A real PDF from `render` (a handout: the same attachment in fewer pages)."""
    folder = tmp_path_factory.mktemp("pdf")
    answers = folder / "minimal.yaml"
    answers.write_bytes(SAMPLE)
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(answers),
            "-o",
            str(folder),
            "--kind",
            "handout",
            "--lang",
            "en",
            "--format",
            "pdf",
        ],
    )
    assert result.exit_code == 0, result.output
    return (folder / "minimal.en.handout.pdf").read_bytes()


def _with_attachment(content: bytes) -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment(f"{ATTACHMENT_PREFIX}answers.yaml", content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@settings(
    max_examples=60 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_pdfs(tmp_path, reportgen_pdf, data):
    whole = data.draw(st.booleans())
    pdf = data.draw(mutants(reportgen_pdf)) if whole else _with_attachment(data.draw(mutants(SPEC)))
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    code, output = invoke("score", path, "--format", "json")
    if code == EXIT_OK:
        assert_adds_up(json.loads(output))
    else:
        # The one error reportgen prints, never pypdf's own log lines.
        first, *problems = output.splitlines()
        assert first.startswith(str(path)), output[:500]
        assert all(p.startswith(f"  {path}") for p in problems), output[:500]


# --- workbooks (issue 27) ------------------------------------------------------------------
#
# A real answers workbook (`convert`'s) with its cells or its XML mutated: cell values
# typed as text, cell XML the damaged files carried (a number that is text, a shared text
# out of range, a reference without a row number, a date out of range), a <dimension>
# that lies, a hidden sheet, far rows and columns, and plain byte edits of a sheet's XML.

WORKBOOK_XML_TOKENS = [
    b'<c r="C5" t="n"><v>abc</v></c>',
    b'<c r="C6" t="s"><v>99999</v></c>',
    b'<c r="C"><v>7</v></c>',
    b'<c r="C7" t="d"><v>2026-13-45</v></c>',
    b'<c r="C8" t="b"><v>2</v></c>',
    b'<c r="C9" s="1"><v>99999999</v></c>',
    b'<c r="C10" t="e"><v>#REF!</v></c>',
    b'<c r="C11"><f>1+1</f></c>',
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<row r="1048576"/>',
    b'<row r="x">',
    b'<dimension ref="A1"/>',
    b'<dimension ref="A1:XFD1048576"/>',
    b'<c r="C4" t="inlineStr"><is><t>120,000</t></is></c>',
    b"</row>",
    b"<row>",
    b"<",
    b"&",
    b"\x00",
]
CELL_TEXTS = [
    "120,000",
    "1.000.000",
    "1,234.5",
    "12,5",
    "abc",
    "",
    " ",
    "#VALUE!",
    "=1+1",
    "Yes",
    "Có",
    "2026-02-30",
    "1e999",
    "-0",
    "x" * 300,
]


@pytest.fixture(scope="module")
def workbook_parts() -> dict[str, bytes]:
    from reportgen.read import load_answers
    from reportgen.read.workbook_writer import answers_workbook

    data = answers_workbook("en", load_answers(ROOT / "samples" / "hoa-sen-edtech.yaml").given)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rezipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


@st.composite
def workbook_mutants(draw, parts: dict[str, bytes]) -> bytes:
    parts = dict(parts)
    sheets = sorted(n for n in parts if n.startswith("xl/worksheets/"))
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["value", "token", "bytes", "hide", "dimension"]))
        name = draw(st.sampled_from(sheets))
        xml = parts[name]
        if how == "value":  # retype one answer cell's text
            cells = re.findall(rb'<c r="[C-E][0-9]+"[^>]*?(?:/>|>.*?</c>)', xml)
            if cells:
                cell = draw(st.sampled_from(cells))
                ref = re.match(rb'<c r="([A-Z]+[0-9]+)"', cell)
                assert ref is not None
                text = draw(st.sampled_from(CELL_TEXTS)).encode()
                new = b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref[1], text)
                parts[name] = xml.replace(cell, new, 1)
        elif how == "token":
            at = draw(st.integers(0, len(xml)))
            parts[name] = xml[:at] + draw(st.sampled_from(WORKBOOK_XML_TOKENS)) + xml[at:]
        elif how == "bytes":
            parts[name] = draw(mutants(xml))
        elif how == "hide":
            book = parts["xl/workbook.xml"]
            state = draw(st.sampled_from([b"hidden", b"veryHidden"]))
            parts["xl/workbook.xml"] = book.replace(b'state="visible"', b'state="%s"' % state, 1)
        else:
            ref = draw(st.sampled_from([b"A1", b"A1:B2", b"A1:XFD1048576", b"C3"]))
            parts[name] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="%s"' % ref, xml)
    return _rezipped(parts)


@settings(
    max_examples=60 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_workbooks(tmp_path, workbook_parts, data):
    path = tmp_path / "answers.xlsx"
    path.write_bytes(data.draw(workbook_mutants(workbook_parts)))
    started = time.monotonic()
    code, output = invoke("validate", path)
    assert time.monotonic() - started < 20, "a mutant took too long"
    if code != EXIT_OK:
        first, *problems = output.splitlines()
        assert first.startswith(str(path)), output[:500]
        assert all(p.startswith(f"  {path}") for p in problems), output[:500]


# Template mutants (issue 27): a firm's override partial spliced with the constructs that
# hung, exhausted memory or broke earlier versions. Whatever the mix, `render` ends with
# a result or one error naming the template, within its limits.
TEMPLATE_TOKENS = [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ [1] * 10**9 }}",
    "{{ 10 ** 100000000 }}",
    '{{ "x"|center(10**9) }}',
    '{{ "x"|indent(10**9) }}',
    "{{ range(10**8)|list }}",
    '{{ ("a"~"b")*10**9 }}',
    '{{ "ab"|wordwrap(1) * 10**8 }}',
    '{{ "%0999999999d" % 1 }}',
    '{{ "{:>999999999}".format(1) }}',
    "{{ [1]|slice(10**8)|list }}",
    '{% set s = "x" * 40000000 %}{% set s = s ~ s %}{% set s = s ~ s %}',
    "{% set s = 'ab' %}{% for i in range(40) %}{% set s = s + s %}{% endfor %}{{ s|length }}",
    "{{ cycler.__init__.__globals__ }}",
    "{% include 'partials/nothing.html.j2' %}",
    "{% include 'partials/cover.html.j2' %}",
    "{{ undefined_name }}",
    "{{ 1 // 0 }}",
    "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}",
    "</head>",
    "<div>" * 60,
    "{{ '\ud800' }}",
    "\u202e",
    "{% raw %}",
    "{%",
    "{{",
    "",
]


@settings(
    max_examples=12 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(parts=st.lists(st.sampled_from(TEMPLATE_TOKENS), min_size=1, max_size=3))
def test_mutated_override_templates(parts):
    cover = (ROOT / "templates" / "partials" / "cover.html.j2").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:  # a fresh folder per example
        folder = Path(tmp) / "templates" / "partials"
        folder.mkdir(parents=True)
        (folder / "cover.html.j2").write_text(
            "".join(parts) + cover, encoding="utf-8", errors="surrogatepass"
        )
        start = time.monotonic()
        code, output = invoke(
            "render",
            ROOT / "samples" / "minimal-startup.yaml",
            "--templates",
            Path(tmp) / "templates",
            "--lang",
            "en",
            "--format",
            "html",
            "--timeout",
            "5",
            "-o",
            Path(tmp) / "out",
        )
        assert time.monotonic() - start < 40
        if code == EXIT_INVALID:
            assert "cover.html.j2" in output or "template" in output, output
            assert not (Path(tmp) / "out").exists()
