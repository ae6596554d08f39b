"""Hostile and unlucky workbooks (issue 27, the Excel family): whatever a workbook holds,
every answer is read once from the sheet a consultant sees, or the file is refused with
one located line per problem (file, sheet and cell, key, what was expected); never a
traceback, a printed library warning, an answer silently lost or a run out of memory.

Each test is a reproducer: a real answers workbook (our writer's, as `convert` makes
it) edited with openpyxl, or with its XML parts rewritten for the damaged cases.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import zipfile
from decimal import Decimal

import openpyxl
import pypdf
import pytest
from click.testing import CliRunner

from reportgen.blocks.schema import MAX_TEXT_CHARS
from reportgen.cli import cli
from reportgen.engine import score, to_json
from reportgen.errors import InvalidFileError
from reportgen.read import load_answers, parse_answers
from reportgen.read.pdf import ATTACHMENT_PREFIX
from reportgen.read.workbook import MAX_ROWS, text_number
from reportgen.read.workbook_writer import answers_workbook

from .support import ROOT

SAMPLE = ROOT / "samples" / "hoa-sen-edtech.yaml"


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert "Warning" not in result.output  # no library warning printed
    return result.exit_code, result.output


def converted(lang: str = "en") -> bytes:
    return answers_workbook(lang, load_answers(SAMPLE).given)


def scores(data: bytes) -> dict:
    return to_json(score(parse_answers(data, "a.xlsx")))


def refused(data: bytes) -> str:
    with pytest.raises(InvalidFileError) as info:
        parse_answers(data, "a.xlsx")
    message = info.value.format_message()
    assert "Traceback" not in message
    return message


# --- the parts of a workbook ----------------------------------------------------------------


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def quoted(title: str) -> str:
    """A sheet's name as Excel writes it in a reference."""
    return title if re.fullmatch(r"\w+", title) else "'{}'".format(title.replace("'", "''"))


def where(data: bytes, key: str) -> tuple[str, str, str]:
    """The sheet title, its XML part and the answer cell of the row holding key (our writer
    numbers sheet parts in sheet order)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for i, ws in enumerate(book.worksheets):
        for row in ws.iter_rows():
            if row[0].value == key:
                return ws.title, f"xl/worksheets/sheet{i + 1}.xml", row[2].coordinate
    raise AssertionError(key)


def with_cell(data: bytes, key: str, xml: str) -> tuple[bytes, str, str]:
    """The workbook with the answer cell of key's row replaced by raw XML ({ref} is the
    cell's reference); and the sheet's title and the cell."""
    title, part, ref = where(data, key)
    parts = parts_of(data)
    text = parts[part].decode()
    cell = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)')
    assert cell.search(text), ref
    parts[part] = cell.sub(xml.format(ref=ref), text, count=1).encode()
    return zipped(parts), title, ref


def edited(data: bytes, change) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(book, key):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            if row[0].value == key:
                return ws, row
    raise AssertionError(key)


# --- 1. a <dimension> that understates the data -------------------------------------------


@pytest.mark.parametrize("key", ["advantages", "monetization", "expansion"])
def test_an_understated_dimension_loses_no_answers(key):
    data = converted()
    first = next(
        k
        for k in (
            "advantages.data_network_effects.user_generated_value",
            "monetization.customer_ltv",
            "expansion.runway_months",
        )
        if k.startswith(key)
    )
    _title, part, _ref = where(data, first)
    parts = parts_of(data)
    parts[part] = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', parts[part])
    assert b'<dimension ref="A1"/>' in parts[part]
    assert scores(zipped(parts)) == scores(data)


# --- 2. numbers typed as text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120000", "120000"),
        ("1.000.000", "1000000"),
        ("1,000,000", "1000000"),
        ("1.000.000.000.000.000", "1000000000000000"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.234.567,25", "1234567.25"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("0,500", "0.500"),
        ("-7,25", "-7.25"),
        (",5", "0.5"),
    ],
)
def test_a_number_typed_as_text_reads_one_way(text, expected):
    assert text_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "readings"),
    [("120,000", "120000 or 120"), ("250.000", "250000 or 250"), ("1,000", "1000 or 1")],
)
def test_an_ambiguous_number_typed_as_text_is_refused_at_its_cell(text, readings):
    data = edited(
        converted(), lambda b: setattr(row_of(b, "monetization.customer_ltv")[1][2], "value", text)
    )
    title, _part, ref = where(data, "monetization.customer_ltv")
    message = refused(data)
    assert f"{quoted(title)}!{ref}: monetization.customer_ltv:" in message
    assert readings in message, message


def test_grouped_text_numbers_keep_their_thousands():
    data = edited(
        converted("vi"),
        lambda b: setattr(row_of(b, "monetization.customer_ltv")[1][2], "value", "1.200.000"),
    )
    answers = parse_answers(data, "a.xlsx")
    assert answers.given["monetization"]["customer_ltv"] == Decimal(1200000)


# --- 3. hidden sheets, duplicate and edited keys -------------------------------------------


def _hidden_copy(state: str):
    def change(book):
        ws, _row = row_of(book, "validation.market.market_size")
        copy = book.copy_worksheet(ws)
        copy.title = "Old answers"
        copy.sheet_state = state
        for row in copy.iter_rows():
            if isinstance(row[0].value, str) and row[0].value.startswith("validation."):
                row[2].value = 1

    return change


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_does_not_override_the_visible_answers(state):
    message = refused(edited(converted(), _hidden_copy(state)))
    assert "'Old answers'" in message and "hidden" in message, message


def test_a_key_given_twice_names_both_cells():
    message = refused(edited(converted(), _hidden_copy("visible")))
    title, _part, _ref = where(converted(), "validation.market.market_size")
    assert "validation.market.market_size" in message
    line = next(ln for ln in message.splitlines() if "validation.market.market_size" in ln)
    assert f"{quoted(title)}!A" in line and "'Old answers'!A" in line, line


@pytest.mark.parametrize(
    "replacement", ["validation.market.mаrket_size", "validation.market.customer_problem"]
)
def test_an_edited_hidden_key_is_refused_at_its_cell(replacement):
    """A look-alike letter (Cyrillic а), or another row's key (which would move an answer)."""
    data = converted()

    def change(book):
        row_of(book, "validation.market.market_size")[1][0].value = replacement

    title, _part, ref = where(data, "validation.market.market_size")
    message = refused(edited(data, change))
    a_cell = "A" + ref[1:]
    assert f"{quoted(title)}!{a_cell}" in message, message
    assert "validation.market.market_size" in message


# --- 4. damaged cells -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ('<c r="{ref}" t="n"><v>abc</v></c>', "not a number"),
        ('<c r="{ref}" t="s"><v>99999</v></c>', "shared text"),
        ('<c r="{ref}" t="d"><v>2026-13-45</v></c>', "not a date"),
        ('<c r="{ref}" t="b"><v>maybe</v></c>', "not a yes or no"),
    ],
)
def test_a_damaged_cell_is_a_located_error(xml, expected):
    data, title, ref = with_cell(converted(), "validation.market.market_size", xml)
    message = refused(data)
    assert f"{quoted(title)}!{ref}" in message and expected in message, message


def test_a_cell_without_a_row_number_is_a_located_error():
    data, title, ref = with_cell(
        converted(), "validation.market.market_size", '<c r="C"><v>7</v></c>'
    )
    message = refused(data)
    assert quoted(title) in message and "'C'" in message and f"row {ref[1:]}" in message, message


def test_a_zip_entry_whose_size_lies_is_refused():
    data = converted()
    _title, part, _ref = where(data, "validation.market.market_size")
    name = part.encode()
    raw = bytearray(data)
    # The central directory's uncompressed size of the sheet: a few bytes short.
    at = 0
    while True:
        at = raw.find(b"PK\x01\x02", at)
        assert at >= 0
        size = int.from_bytes(raw[at + 28 : at + 30], "little")
        if raw[at + 46 : at + 46 + size] == name:
            break
        at += 4
    declared = int.from_bytes(raw[at + 24 : at + 28], "little")
    raw[at + 24 : at + 28] = (declared - 100).to_bytes(4, "little")
    message = refused(bytes(raw))
    assert "a.xlsx" in message and "damaged" in message, message


# --- 5. limits ----------------------------------------------------------------------------


def _sheet_with_rows(rows: bytes, dimension: str = "A1:XFD1048576") -> bytes:
    data = converted()
    _title, part, _ref = where(data, "validation.market.market_size")
    parts = parts_of(data)
    text = parts[part]
    text = re.sub(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>'.encode(), text)
    text = text.replace(b"</sheetData>", rows + b"</sheetData>")
    parts[part] = text
    return zipped(parts)


def test_a_million_empty_rows_are_refused_quickly():
    rows = b"".join(b'<row r="%d"/>' % n for n in range(100, 1_000_000))
    data = _sheet_with_rows(rows)
    assert len(data) < 4 * 1024 * 1024
    started = time.monotonic()
    message = refused(data)
    assert time.monotonic() - started < 10
    assert f"{MAX_ROWS:,}" in message and "rows" in message, message


def test_a_row_of_a_million_cells_is_refused_quickly():
    cells = b"<c/>" * 2_000_000
    data = _sheet_with_rows(b'<row r="200">' + cells + b"</row>")
    started = time.monotonic()
    message = refused(data)
    assert time.monotonic() - started < 10
    assert "cells" in message, message


def test_an_answer_far_outside_the_layout_is_refused_at_its_cell():
    data = _sheet_with_rows(b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    message = refused(data)
    assert "!XFD1048576" in message, message


@pytest.fixture(scope="module")
def huge_note() -> bytes:
    """A 64 kB workbook carrying a 10.5 MB note (openpyxl itself writes at most Excel's
    32,767 characters: the text is rewritten in the sheet's XML)."""

    def change(book):
        row_of(book, "notes.lessons[8]")[1][2].value = "NOTE-TO-GROW"

    parts = parts_of(edited(converted(), change))
    name = next(n for n, xml in parts.items() if b"NOTE-TO-GROW" in xml)
    parts[name] = parts[name].replace(b"NOTE-TO-GROW", b"x" * 10_500_000)
    data = zipped(parts)
    assert len(data) < 100_000
    return data


def test_a_huge_note_is_refused_at_its_cell(huge_note):
    title, _part, ref = where(converted(), "notes.lessons[8]")
    started = time.monotonic()
    message = refused(huge_note)
    assert time.monotonic() - started < 20
    assert f"{quoted(title)}!{ref}" in message and f"{MAX_TEXT_CHARS:,} characters" in message, (
        message
    )
    assert "10,500,000 characters" in message


def test_a_huge_note_inside_a_pdf_goes_through_the_same_reader(tmp_path, huge_note):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_attachment(f"{ATTACHMENT_PREFIX}answers.xlsx", huge_note)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "report.pdf"
    path.write_bytes(buffer.getvalue())
    code, output = invoke("validate", path)
    assert code == 1
    assert "report.pdf#answers.xlsx" in output and f"{MAX_TEXT_CHARS:,} characters" in output, (
        output
    )


def test_memory_stays_bounded(tmp_path):
    """The million-row workbook under a 1 GB address-space limit, in a process of its own."""
    path = tmp_path / "rows.xlsx"
    path.write_bytes(
        _sheet_with_rows(b"".join(b'<row r="%d"/>' % n for n in range(100, 1_000_000)))
    )
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from reportgen.cli import main\n"
        "sys.argv = ['reportgen', 'validate', sys.argv[1]]\n"
        "main()\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert "rows" in result.stderr


# --- 6. clear messages ---------------------------------------------------------------------


def test_an_out_of_range_date_number_says_so_without_a_warning(tmp_path):
    data = converted()
    title, part, ref = where(data, "assessment.date")
    parts = parts_of(data)
    text = parts[part].decode()
    cell = re.search(rf'<c r="{ref}"([^>]*?)(/>|>.*?</c>)', text)
    assert cell and 's="' in cell.group(1)  # the date style stays
    attrs = re.sub(r'\s*t="[^"]*"', "", cell.group(1))
    parts[part] = text.replace(cell.group(0), f'<c r="{ref}"{attrs}><v>99999999</v></c>').encode()
    path = tmp_path / "date.xlsx"
    path.write_bytes(zipped(parts))
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", "validate", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Warning" not in result.stderr and "#VALUE!" not in result.stderr, result.stderr
    assert f"{quoted(title)}!{ref}" in result.stderr and "date" in result.stderr, result.stderr


def test_a_moved_grid_column_is_named_by_its_whole_letters():
    def change(book):
        ws = book["Markets"]
        col = next(c for c in ws[1] if c.value == "region")
        for row in range(1, ws.max_row + 1):
            ws.cell(row=row, column=53).value = ws.cell(row=row, column=col.column).value
            ws.cell(row=row, column=col.column).value = None

    message = refused(edited(converted(), change))
    assert "Markets!BA1" in message, message
    assert "[" not in message.replace("markets[", ""), message


# --- the workbook as it is written still reads, in both languages -----------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_written_workbook_still_reads(lang):
    assert scores(converted(lang)) == to_json(score(load_answers(SAMPLE)))
    code, output = invoke("validate", ROOT / "samples" / "hoa-sen-edtech.yaml")
    assert code == 0


def test_json_of_a_valid_workbook_is_unchanged(tmp_path):
    path = tmp_path / "a.xlsx"
    path.write_bytes(converted())
    code, output = invoke("score", path, "--format", "json")
    assert code == 0 and json.loads(output) == to_json(score(load_answers(SAMPLE)))
