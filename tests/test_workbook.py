"""Excel workbooks as answers files: written by `init --format xlsx` and `convert`, read by
every command like YAML, with errors naming the sheet and cell; round trips that keep
the answers; and hostile workbooks refused before anything parses them."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.engine import score, to_json
from reportgen.errors import InvalidFileError
from reportgen.read import load_answers, parse_answers
from reportgen.read.workbook import MAX_EXPANDED_BYTES, MAX_WORKBOOK_BYTES
from reportgen.read.workbook_writer import answers_workbook
from reportgen.read.yamltree import parse_tree

from .support import ROOT, SAMPLES, pdf_reader


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def json_of(path: Path) -> dict:
    return to_json(score(load_answers(path)))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_yaml_to_xlsx_to_yaml_keeps_the_answers(tmp_path, sample):
    book, back = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert invoke("convert", sample, "-o", book).exit_code == 0
    assert invoke("convert", book, "-o", back).exit_code == 0
    original = load_answers(sample)
    assert load_answers(book) == original
    assert load_answers(back) == original
    assert json_of(book) == json_of(sample) == json_of(back)
    assert back.read_text().startswith("# yaml-language-server: $schema=")


def _fill_by_key(book: openpyxl.Workbook, values: dict[str, object]) -> None:
    """Type answers into a workbook as a consultant would: into the cell beside each
    question, found by the row's key, with the labels the drop-downs show."""
    for ws in book.worksheets:
        if str(ws["A1"].value or "").startswith("grid:"):
            continue
        for row in ws.iter_rows(min_row=1):
            key = row[0].value
            if key in values:
                row[2].value = values.pop(key)


def _label(lang: str, msgid: str) -> str:
    from reportgen.i18n import Formatter

    return Formatter(lang).gettext(msgid)


def test_a_blank_workbook_filled_in_scores_as_the_sample(tmp_path):
    """The issue's check: `init --format xlsx`, filled in with openpyxl (not with our
    writer) from a sample's values, scores the same as the sample."""
    sample = ROOT / "samples" / "minimal-startup.yaml"
    path = tmp_path / "blank.xlsx"
    assert invoke("init", "--format", "xlsx", "--lang", "vi", "-o", path).exit_code == 0
    tree, _ = parse_tree(sample.read_bytes(), sample.name)
    values: dict[str, object] = {}

    def walk(value, prefix):
        for key, v in value.items():
            here = f"{prefix}.{key}" if prefix else key
            if isinstance(v, dict):
                walk(v, here)
            elif isinstance(v, list):
                for item in v:
                    values[f"{here}={item}"] = _label("vi", "Yes")
            elif isinstance(v, bool):
                values[here] = _label("vi", "Yes" if v else "No")
            else:
                values[here] = float(v) if hasattr(v, "as_tuple") else v

    walk({k: v for k, v in tree.items() if k != "notes"}, "")
    book = openpyxl.load_workbook(path)
    _fill_by_key(book, values)
    book.save(path)
    assert json_of(path) == json_of(sample)


def test_errors_name_the_sheet_and_cell(tmp_path):
    path = tmp_path / "answers.xlsx"
    path.write_bytes(answers_workbook("en", load_answers(ROOT / "samples" / "sao-mai-fintech.yaml").given))
    book = openpyxl.load_workbook(path)
    ws = book["Business model validation"]
    row = next(r for r in ws.iter_rows() if r[0].value == "validation.market.market_size")
    row[2].value = 11
    markets = book["Markets"]
    markets.cell(row=3, column=[c.value for c in markets[1]].index("region") + 1, value="Mars")
    book.save(path)
    result = invoke("validate", path)
    assert result.exit_code == 1
    cell = row[2].coordinate
    assert (
        f"answers.xlsx: 'Business model validation'!{cell}: validation.market.market_size: "
        "expected a number from 0 to 10, got 11 (out of range)"
    ) in result.output
    assert "Markets!" in result.output and "expansion.markets[0].region: expected one of" in result.output
    assert "Traceback" not in result.output


def test_labels_in_either_language_and_ids_read_the_same(tmp_path):
    sample = ROOT / "samples" / "sao-mai-fintech.yaml"
    given = load_answers(sample).given
    for lang in ("vi", "en"):
        data = answers_workbook(lang, given)
        assert to_json(score(parse_answers(data, f"{lang}.xlsx"))) == json_of(sample)


def test_a_formula_is_refused_where_a_value_is_expected(tmp_path):
    path = tmp_path / "f.xlsx"
    path.write_bytes(answers_workbook("en", load_answers(ROOT / "samples" / "sao-mai-fintech.yaml").given))
    book = openpyxl.load_workbook(path)
    ws = book["Business model validation"]
    row = next(r for r in ws.iter_rows() if r[0].value == "validation.market.market_size")
    row[2].value = "=4+4"
    book.save(path)
    with pytest.raises(InvalidFileError) as info:
        load_answers(path)
    message = info.value.format_message()
    assert f"'Business model validation'!{row[2].coordinate}" in message
    assert "enter a value, not a formula" in message


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _real_parts() -> dict[str, bytes]:
    data = answers_workbook("en")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def hostile(kind: str) -> bytes:
    parts = _real_parts()
    if kind == "macros":
        parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really a VBA project"
        return _zip(parts)
    if kind == "links":
        parts["xl/externalLinks/externalLink1.xml"] = b"<externalLink/>"
        return _zip(parts)
    if kind == "bomb":  # a few kB that unpack to more than the limit
        parts["xl/media/padding.bin"] = b"\0" * (MAX_EXPANDED_BYTES + 1)
        return _zip(parts)
    if kind == "not a zip":
        return b"name,score\nmarket_size,7\n"
    if kind == "old xls":
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    if kind == "zip, no workbook":
        return _zip({"hello.txt": b"hi"})
    if kind == "entities":  # "billion laughs": nine levels of ten
        levels = b"".join(
            b'<!ENTITY l%d "%s">' % (i, b"".join(b"&l%d;" % (i - 1) for _ in range(10)))
            for i in range(1, 10)
        )
        parts["xl/sharedStrings.xml"] = (
            b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY l0 "lol">' + levels + b"]>"
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<si><t>&l9;</t></si></sst>"
        )
        return _zip(parts)
    if kind == "too big":
        return b"PK\x03\x04" + b"\0" * (MAX_WORKBOOK_BYTES + 1)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("macros", "a macro-enabled workbook: macros are never run"),
        ("links", "the workbook links to other workbooks; links are never followed"),
        ("bomb", "the workbook expands to"),
        ("not a zip", "not an Excel workbook (.xlsx): the file is not a zip archive"),
        ("old xls", "not an .xlsx workbook: an old .xls file, or a password-protected workbook"),
        ("zip, no workbook", "not an Excel workbook (.xlsx): it holds no xl/workbook.xml"),
        ("too big", "the file is 4,194,309 bytes; answers files are limited to 4,194,304"),
        ("entities", "the workbook's XML declares entities"),
    ],
)
def test_hostile_workbooks_are_refused_clearly(tmp_path, kind, expected):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(hostile(kind))
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert f"hostile.xlsx: {expected}" in result.output, result.output
    assert "Traceback" not in result.output
    out = tmp_path / "out"
    assert invoke("render", path, "-o", out).exit_code == 1
    assert not out.exists()


def test_the_pdf_carries_the_workbook_and_score_reads_it_back(tmp_path):
    book = tmp_path / "answers.xlsx"
    sample = ROOT / "samples" / "minimal-startup.yaml"
    assert invoke("convert", sample, "-o", book).exit_code == 0
    out = tmp_path / "o"
    assert invoke("render", book, "--kind", "handout", "--lang", "en", "--format", "pdf", "-o", out).exit_code == 0
    pdf = out / "answers.en.handout.pdf"
    attachments = pdf_reader(pdf.read_bytes()).attachments
    assert any(name.endswith("answers.xlsx") for name in attachments)
    from_pdf = invoke("score", pdf)
    assert from_pdf.exit_code == 0, from_pdf.output
    assert json.loads(from_pdf.output) == json_of(sample)


def test_batch_reads_a_folder_mixing_yaml_and_xlsx(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ROOT / "samples" / "minimal-startup.yaml", src / "a.yaml")
    (src / "b.xlsx").write_bytes(answers_workbook("en", load_answers(ROOT / "samples" / "sao-mai-fintech.yaml").given))
    (src / "~$b.xlsx").write_bytes(b"Excel's lock file")
    (src / "broken.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    result = invoke("batch", src, "-o", out, "--format", "html", "--lang", "en")
    assert result.exit_code == 1  # the broken workbook fails; the others are rendered
    summary = json.loads((out / "summary.json").read_text())
    status = {Path(f["path"]).name: f["status"] for f in summary["files"]}
    assert status == {"a.yaml": "rendered", "b.xlsx": "rendered", "broken.xlsx": "failed"}
    assert (out / "b.en.html").exists() and (out / "a.en.html").exists()


def test_init_xlsx_needs_an_output_and_keeps_an_existing_file(tmp_path):
    assert invoke("init", "--format", "xlsx").exit_code == 2
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"mine")
    result = invoke("init", "--format", "xlsx", "-o", path)
    assert result.exit_code == 1 and "already exists" in result.output
    assert path.read_bytes() == b"mine"


def test_the_workbook_locks_labels_and_checks_inputs(tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(answers_workbook("vi")))

    def row_of(key):
        return next(
            (ws, r) for ws in book.worksheets for r in ws.iter_rows() if r[0].value == key
        )

    ws, row = row_of("validation.market.market_size")
    assert ws.title == "Xác thực mô hình kinh doanh" and ws.protection.sheet
    assert row[1].protection.locked and not row[2].protection.locked
    ranges = [dv for dv in ws.data_validations.dataValidation if row[2].coordinate in dv.sqref]
    assert [(dv.type, dv.formula1, dv.formula2) for dv in ranges] == [("decimal", "0", "10")]
    model, kind = row_of("business_model.type")
    lists = [dv for dv in model.data_validations.dataValidation if kind[2].coordinate in dv.sqref]
    assert lists and lists[0].type == "list" and lists[0].formula1.startswith("'Lists'!")
    assert book["Lists"].sheet_state == "hidden"
