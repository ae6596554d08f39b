"""Fuzzing the three things reportgen reads from strangers (issue 13): answers files,
brand files and PDFs carrying an answers file. Mutants are made from real files by
byte edits and by splicing in the tokens that broke earlier versions (huge exponents,
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
import tempfile
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
