"""Bytes of an Excel workbook -> the same value tree a YAML answers file gives.

The workbook is checked as an archive before anything parses it: its size, what it
expands to, macros, links to other workbooks. openpyxl then reads cell values only
(never formulas' cached results, never links, never macros), with defusedxml guarding
its XML parser. Answers are found by the key in each row's hidden column A
(``sections.workbook``); every value keeps its cell ("Validation!C7") for errors.

Every sheet goes through one guarded reader (``_read_sheets``): its XML is first
scanned as a stream, within limits of rows, cells and text, each cell's raw value
checked (a damaged cell is an error at its cell, not a traceback); then openpyxl reads
it without trusting its declared <dimension>, with its warnings caught. Only visible
sheets are read: a hidden sheet holding answers is refused by name. Each key is read
once and where the layout puts it: a duplicate or edited key is an error at its cell.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from ..blocks import schema as s
from ..blocks.document import answers_schema
from ..blocks.workbook import (
    GRID_MARK,
    LIST_ITEMS,
    OPTION,
    Form,
    Grid,
    Layout,
    dotted,
    grid_cells,
    layout,
)
from ..errors import InvalidFileError, Problem
from ..i18n import Formatter
from ..sections import sections
from .yamltree import KeyPath, Tree

MAX_WORKBOOK_BYTES = 4 * 1024 * 1024  # a filled-in workbook is about 40 kB
MAX_EXPANDED_BYTES = 32 * 1024 * 1024  # what its parts may add up to, unpacked
MAX_PARTS = 500
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# What one sheet may hold, checked while it is read (memory stays bounded whatever a
# sheet declares). The longest form uses 32 rows, the hidden Lists sheet (country and
# currency names) about 310, the markets sheet 23 columns (A to W) and 15 rows.
MAX_ROWS = 2_000  # <row> elements per sheet, and the last row an answer may sit in
MAX_COLUMNS = 64  # the last column an answer may sit in (BL)
MAX_CELLS = 50_000  # <c> elements per sheet, empty ones included
MAX_SHEET_PROBLEMS = 20  # then the scan of that sheet stops
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})\Z")
_DATE_WARNING = re.compile(r"Cell (\S+) is marked as a date but the serial value (\S+)")
MISSING: Any = s.ABSENT  # a blank answer: as if its key were not in the file


class AmbiguousNumber(ValueError):
    """A number typed as text that reads two ways ("120,000": 120000 or 120)."""


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def text_number(text: str) -> Decimal | str:
    """A number typed as text, read one way only; the text itself if it is no number.

    Plain digits; one separator used several times groups by threes ("1.000.000",
    "1,000,000", as the workbook's own hints write amounts); with both separators the
    last is the decimal point and the other groups by threes ("1.234,5", "1,234.5");
    one separator not followed by exactly three digits is a decimal point ("12,5").
    One separator followed by exactly three digits ("120,000", "250.000") reads two
    ways: AmbiguousNumber, naming both."""
    body = text.strip()
    sign = "-" if body.startswith("-") else ""
    body = body[1:] if body[:1] in "+-" else body
    if not body or not re.fullmatch(r"[0-9.,]+", body) or not re.search(r"[0-9]", body):
        return text
    seps = [ch for ch in body if ch in ".,"]
    if not seps:
        return Decimal(sign + body)
    if len(set(seps)) == 2:
        point = seps[-1]
        group = "," if point == "." else "."
        whole, _, frac = body.rpartition(point)
        if seps.count(point) != 1 or not re.fullmatch(rf"[0-9]{{1,3}}(\{group}[0-9]{{3}})+", whole):
            return text
        return Decimal(f"{sign}{whole.replace(group, '')}.{frac or '0'}")
    sep = seps[0]
    if len(seps) > 1:
        if not re.fullmatch(rf"[0-9]{{1,3}}(\{sep}[0-9]{{3}})+", body):
            return text
        return Decimal(sign + body.replace(sep, ""))
    whole, _, frac = body.partition(sep)
    decimal = Decimal(f"{sign}{whole or '0'}.{frac or '0'}")
    if len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0"):
        grouped = Decimal(sign + whole + frac)
        raise AmbiguousNumber(
            f"the number '{text.strip()}' typed as text reads two ways: {_plain(grouped)} or "
            f"{_plain(decimal)}; type it without a thousands separator ({_plain(grouped)}), "
            "or as a number in a number cell"
        )
    return decimal


def is_workbook(data: bytes, name: str) -> bool:
    return data.startswith(ZIP_MAGIC) or name.lower().endswith(WORKBOOK_SUFFIXES)


def _fail(file: str, message: str) -> InvalidFileError:
    return InvalidFileError(file, (Problem(file, None, "", message),))


def check_archive(data: bytes, file: str) -> None:
    """Refuse, before parsing, what is not a plain workbook or could harm the reader."""
    if len(data) > MAX_WORKBOOK_BYTES:
        raise _fail(
            file,
            f"the file is {len(data):,} bytes; workbooks are limited to {MAX_WORKBOOK_BYTES:,} bytes",
        )
    if data.startswith(OLE_MAGIC):
        raise _fail(
            file,
            "not an .xlsx workbook: an old .xls file, or a password-protected workbook; "
            "save it as an Excel Workbook (.xlsx) without a password",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _fail(file, "not an Excel workbook (.xlsx): the file is not a zip archive") from None
    names = {p.filename for p in parts}
    if len(parts) > MAX_PARTS:
        raise _fail(file, f"the workbook has {len(parts):,} parts; at most {MAX_PARTS} are read")
    expanded = sum(p.file_size for p in parts)
    if expanded > MAX_EXPANDED_BYTES:
        raise _fail(
            file,
            f"the workbook expands to {expanded:,} bytes; at most {MAX_EXPANDED_BYTES:,} are "
            "read (a compressed bomb?)",
        )
    if "xl/workbook.xml" not in names:
        raise _fail(file, "not an Excel workbook (.xlsx): it holds no xl/workbook.xml")
    if "xl/vbaProject.bin" in names or "macroEnabled" in _content_types(archive):
        raise _fail(
            file,
            "a macro-enabled workbook: macros are never run; save it as an Excel Workbook "
            "(.xlsx) without macros",
        )
    try:
        entities = any(
            _declares_entities(archive, p) for p in parts if p.filename.endswith((".xml", ".rels"))
        )
    except Exception as exc:  # a part whose size, checksum or compression lies
        raise _fail(file, f"the workbook's archive is damaged ({_reason(exc)})") from None
    if entities:
        raise _fail(
            file,
            "the workbook's XML declares entities (<!ENTITY>), which Excel never writes; "
            "refused (an entity-expansion bomb?)",
        )
    if any(n.startswith("xl/externalLinks/") for n in names):
        raise _fail(
            file,
            "the workbook links to other workbooks; links are never followed: remove them "
            "(Data > Edit Links > Break Link) and save",
        )


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether a part's prologue declares entities (a document type comes before the root
    element, so its first 64 kB tell)."""
    with archive.open(part) as fh:
        head = fh.read(64 * 1024)
    return b"<!ENTITY" in head or b"<!DOCTYPE" in head


def _content_types(archive: zipfile.ZipFile) -> str:
    """The archive's list of part types (a macro-enabled workbook says so there)."""
    try:
        with archive.open("[Content_Types].xml") as fh:
            return fh.read(1024 * 1024).decode("utf-8", "replace")
    except KeyError:
        return ""


@cache
def _layout() -> Layout:
    return layout(answers_schema(sections()))


@cache
def _words(kind: str) -> dict[str, Any]:
    """What a cell may say, in either language or as the file's own id, -> the value."""
    out: dict[str, Any] = {}
    for lang in ("en", "vi"):
        f = Formatter(lang)
        if kind == "yes":
            out.update({f.gettext("Yes").casefold(): True, f.gettext("No").casefold(): False})
    out.update({"true": True, "false": False})
    return out


@cache
def _choice_words(ids: tuple[str, ...], items: tuple[Any, ...]) -> dict[str, str]:
    out = {i: i for i in ids}
    for lang in ("en", "vi"):
        f = Formatter(lang)
        out.update({f.gettext(item.label).casefold(): item.id for item in items})
    return out


@dataclass
class _Sheet:
    title: str
    rows: list[tuple[Any, ...]]
    bad_dates: dict[str, str] = field(default_factory=dict)  # cell -> serial number

    def ref(self, row: int, col: int) -> str:
        return f"{quoted(self.title)}!{_letter(col)}{row + 1}"

    def at(self, r: int, c: int) -> tuple[Any, str]:
        """A cell's (value, kind): kind "f" for a formula, "e" for an error value."""
        row = self.rows[r] if r < len(self.rows) else ()
        raw = row[c] if c < len(row) else None
        return raw if isinstance(raw, tuple) else (raw, "")


def _letter(col: int) -> str:
    """The whole column letters of a 0-based column: 0 -> A, 52 -> BA."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def quoted(title: str) -> str:
    """A sheet's name as a cell reference writes it: quoted unless one word."""
    return title if re.fullmatch(r"\w+", title) else "'{}'".format(title.replace("'", "''"))


@cache
def _forms_by_key() -> dict[str, Form]:
    return {ln.key: f for f in _layout().forms for ln in f.lines if ln.key}


class WorkbookReader:
    """Cells -> the answers' value tree, with each value's cell recorded on the tree."""

    def __init__(self, file: str):
        self.file = file
        self.tree = Tree(file)
        # What makes the whole workbook unreadable as answers (formulas, error values,
        # edited or duplicate keys, damaged cells): reported before any answer is checked.
        self.problems: list[Problem] = []
        self.values: dict[str, tuple[Any, str]] = {}  # form key -> (cell value, cell)
        self.bilingual: dict[str, tuple[tuple[Any, str], ...]] = {}
        self.grids: dict[str, list[dict[str, tuple[Any, str]]]] = {}
        self.seen: dict[str, str] = {}  # key -> the cell of column A that gave it

    def problem(self, message: str, cell: str | None = None, key: str = "") -> None:
        self.problems.append(Problem(self.file, None, key, message, cell=cell))

    # --- cells ------------------------------------------------------------------------

    def cell(self, sheet: _Sheet, r: int, c: int, key: str) -> tuple[Any, str]:
        ref = sheet.ref(r, c)
        value, kind = sheet.at(r, c)
        if kind == "f":
            self.problem("enter a value, not a formula", ref, key)
            return None, ref
        if kind == "e":
            serial = sheet.bad_dates.get(f"{_letter(c)}{r + 1}")
            if serial is not None:
                self.problem(
                    f"the cell is formatted as a date but holds the number {serial}, which "
                    "is no date Excel can show; type a date such as 2026-11-20",
                    ref,
                    key,
                )
            else:
                self.problem(f"the cell holds the error value {value}; type a value", ref, key)
            return None, ref
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
            if not value.strip():
                value = None
        return value, ref

    def first_time(self, key: str, ref: str) -> bool:
        """Whether key is read for the first time; a second one is an error at its cell,
        as YAML refuses a duplicate key."""
        if key in self.seen:
            self.problem(
                f"this key is also given at {self.seen[key]}; each answer is read once: "
                "delete the copy",
                ref,
                key,
            )
            return False
        self.seen[key] = ref
        return True

    def read_sheet(self, sheet: _Sheet) -> None:
        mark, _kind = sheet.at(0, 0)
        if isinstance(mark, str) and mark.startswith(GRID_MARK):
            self.read_grid(sheet, mark.removeprefix(GRID_MARK))
            return
        known = _forms_by_key()
        keys = [sheet.at(r, 0)[0] for r in range(len(sheet.rows))]
        forms = [known[k].key for k in keys if isinstance(k, str) and k in known]
        if not forms:
            return  # no answers here (the instructions)
        most = max(set(forms), key=forms.count)  # the form most of its keys belong to
        form = next(f for f in _layout().forms if f.key == most)
        expected = ["", *(ln.key for ln in form.lines)]  # row 1 holds the headings
        by_key = _layout().by_key
        for r, raw in enumerate(keys):
            key = "" if raw is None else raw if isinstance(raw, str) else str(raw)
            want = expected[r] if r < len(expected) else ""
            ref = sheet.ref(r, 0)
            if key != want:
                found = f"'{key}'" if key else "nothing"
                if want:
                    self.problem(
                        f"the hidden key column holds {found} where the layout has '{want}'; "
                        "the keys in column A must not be edited: copy the answers into a "
                        "fresh workbook (reportgen init --format xlsx)",
                        ref,
                        want,
                    )
                else:
                    self.problem(
                        f"the hidden key column holds {found} where the layout has no "
                        "answer; the keys in column A must not be edited",
                        ref,
                    )
                continue
            if not key or not self.first_time(key, ref):
                continue
            line = by_key[key]
            if isinstance(line.node, s.Bilingual):
                self.bilingual[key] = tuple(self.cell(sheet, r, c, key) for c in (2, 3, 4))
            else:
                self.values[key] = self.cell(sheet, r, 2, key)

    def read_grid(self, sheet: _Sheet, key: str) -> None:
        grid = next((g for g in _layout().grids if g.key == key), None)
        if grid is None:
            self.problem(
                f"'{GRID_MARK}{key}' is no list of this workbook's layout", sheet.ref(0, 0)
            )
            return
        if not self.first_time(key, sheet.ref(0, 0)):
            return
        expected = ["", *(k for k, _c, _lang in grid_cells(grid))]
        head = [sheet.at(0, c)[0] for c in range(len(sheet.rows[0]))]
        wrong = False
        for c in range(1, max(len(head), len(expected))):
            raw = head[c] if c < len(head) else None
            found = "" if raw is None else raw if isinstance(raw, str) else str(raw)
            want = expected[c] if c < len(expected) else ""
            if found != want:
                wrong = True
                shown = f"'{found}'" if found else "nothing"
                where = f"'{want}'" if want else "no column"
                self.problem(
                    f"the hidden first row holds {shown} where the layout has {where}; "
                    "the columns of a list's sheet must not be moved or edited",
                    sheet.ref(0, c),
                    key,
                )
        if wrong:
            return
        items: list[dict[str, tuple[Any, str]]] = []
        for r in range(2, len(sheet.rows)):
            item = {
                col: self.cell(sheet, r, c, f"{key}[{len(items)}].{col}")
                for c, col in enumerate(expected)
                if c > 0
            }
            if any(v is not None for v, _ref in item.values()):
                items.append(item)
        self.grids[key] = items

    # --- the value tree -----------------------------------------------------------------

    def at(self, path: KeyPath, ref: str) -> None:
        if ref:
            self.tree.cells.setdefault(path, ref)

    def tree_value(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for form in _layout().forms:
            assert isinstance(form.node, s.Fields)
            value = self.fields(form.node, (form.key,))
            if value is not MISSING:
                out[form.key] = value
            elif form.required:  # its blanks, each reported at its own cell
                out[form.key] = _blanks(form.node)
            if form.key == "client" and "schema_version" in self.values:
                value, ref = self.values["schema_version"]
                self.at(("schema_version",), ref)
                version = self.scalar(s.Number(), value, ("schema_version",))
                out = {"schema_version": version, **out}
        return out

    def fields(self, node: s.Fields, path: KeyPath) -> Any:
        out: dict[str, Any] = {}
        blanks: list[str] = []
        for f in node.fields:
            here = (*path, f.key)
            value = self.answer(f.node, here)
            if value is MISSING:
                if f.required:
                    blanks.append(f.key)
                continue
            out[f.key] = value
        if not out:
            return MISSING
        for f in node.fields:  # a required answer left blank in a part that is answered
            if f.key in blanks:
                out[f.key] = _blanks(f.node)
        return out

    def answer(self, node: s.Node, path: KeyPath) -> Any:
        key = dotted(path)
        if isinstance(node, s.Fields):
            return self.fields(node, path)
        if isinstance(node, s.Choices):
            picked = []
            for item in node.items:
                value, ref = self.values.get(f"{key}{OPTION}{item.id}", (None, ""))
                if ref:
                    self.at(path, ref)
                if value is not None:
                    yes = self.scalar(s.Boolean(), value, path)
                    if yes is True:
                        picked.append(item.id)
                    elif yes is not False:
                        picked.append(value)  # neither yes nor no: the checker says so
            return picked or MISSING
        if isinstance(node, s.ListOf) and isinstance(node.item, s.Fields):
            return self.grid_items(node.item, path)
        if isinstance(node, s.ListOf):
            texts: list[Any] = []
            for i in range(LIST_ITEMS):
                cells = self.bilingual.get(f"{key}[{i + 1}]")
                if cells is None:
                    continue
                text = self.text_cells(cells, (*path, len(texts)))
                if text is not MISSING:
                    texts.append(text)
            return texts or MISSING
        if isinstance(node, s.Bilingual):
            cells = self.bilingual.get(key)
            return MISSING if cells is None else self.text_cells(cells, path)
        value, ref = self.values.get(key, (None, ""))
        if ref:
            self.at(path, ref)
        return MISSING if value is None else self.scalar(node, value, path)

    def text_cells(self, cells: tuple[tuple[Any, str], ...], path: KeyPath) -> Any:
        """A text in one of the three cells of a row: column C for text in one language
        (plain, as in YAML), columns D and E for the Vietnamese and English of one text."""
        (any_, ref), (vi, vi_ref), (en, en_ref) = cells
        self.at(path, ref)
        if any_ is None and vi is None and en is None:
            return MISSING
        if any_ is not None and (vi is not None or en is not None):
            self.tree.problem(
                path,
                "give the text once: in column C, or in columns D and E for Vietnamese and English",
            )
            return s.INVALID
        if any_ is not None:
            return _text(any_)
        for lang, ref_ in (("vi", vi_ref), ("en", en_ref)):
            self.at((*path, lang), ref_)
        return {k: _text(v) for k, v in (("vi", vi), ("en", en)) if v is not None}

    def grid_items(self, item: s.Fields, path: KeyPath) -> Any:
        grid: Grid | None = next((g for g in _layout().grids if g.path == path), None)
        rows = self.grids.get(dotted(path))
        if grid is None or not rows:
            return MISSING
        out = []
        for i, row in enumerate(rows):
            here = (*path, i)
            self.at(here, next(iter(row.values()))[1])
            value: dict[str, Any] = {}
            for f in item.fields:
                columns = [c for c in grid.columns if c.field == f.key]
                if isinstance(f.node, s.Choices):
                    picked = []
                    for c in columns:
                        cell, ref = row.get(c.key, (None, ""))
                        self.at((*here, f.key), ref)
                        yes = (
                            self.scalar(s.Boolean(), cell, (*here, f.key))
                            if cell is not None
                            else None
                        )
                        if yes is True:
                            picked.append(c.option.id)
                        elif yes is not None and yes is not False:
                            picked.append(cell)
                    if picked:
                        value[f.key] = picked
                    continue
                if isinstance(f.node, s.Bilingual):
                    cells = tuple(
                        row.get(k, (None, "")) for k in (f.key, f"{f.key}@vi", f"{f.key}@en")
                    )
                    text = self.text_cells(cells, (*here, f.key))
                    if text is not MISSING:
                        value[f.key] = text
                    continue
                cell, ref = row.get(f.key, (None, ""))
                self.at((*here, f.key), ref)
                if cell is not None:
                    value[f.key] = self.scalar(f.node, cell, (*here, f.key))
                elif f.required:
                    value[f.key] = None
            out.append(value)
        return out

    def scalar(self, node: s.Node, value: Any, path: KeyPath) -> Any:
        """A cell's value as YAML would have given it, for the same checks."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not isinstance(value, str):
            return str(value)
        text = value.strip()
        if isinstance(node, s.Boolean):
            return _words("yes").get(text.casefold(), text)
        if isinstance(node, s.Number):
            try:
                number = text_number(text)
            except AmbiguousNumber as exc:
                self.tree.problem(path, str(exc))
                return s.INVALID
            return text if isinstance(number, str) else number
        if isinstance(node, s.Choice):
            return _choice_words(node.ids, node.items).get(text.casefold(), text)
        if isinstance(node, s.Code):
            return text.split(" ", 1)[0]  # "VN – Việt Nam", as the drop-down shows it
        return text


def _blanks(node: s.Node) -> Any:
    """A required part left wholly blank: its required answers, each empty."""
    if isinstance(node, s.Fields):
        return {f.key: _blanks(f.node) for f in node.fields if f.required}
    return None


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return str(value)


def parse_workbook(data: bytes, file: str) -> tuple[dict[str, Any], Tree]:
    """Workbook bytes -> (the value tree, its tree of cells and problems); raises
    InvalidFileError for a file that is not a safe, plain workbook, or holds formulas,
    damaged cells, hidden answers, or edited or duplicate keys."""
    check_archive(data, file)
    reader = WorkbookReader(file)
    _read_sheets(data, file, reader)
    if reader.problems:
        raise InvalidFileError(file, tuple(reader.problems))
    value = reader.tree_value()
    return value, reader.tree


class _Collector:
    """A reader that keeps each sheet in view as read: for other workbooks reportgen reads
    (the plan tracker), through the same guarded reader and its limits."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.sheets: list[_Sheet] = []

    def problem(self, message: str, cell: str | None = None, key: str = "") -> None:
        self.problems.append(Problem(self.file, None, key, message, cell=cell))

    def read_sheet(self, sheet: _Sheet) -> None:
        self.sheets.append(sheet)


def guarded_sheets(data: bytes, file: str) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """A workbook's sheets in view as (title, rows of plain values), read by the one
    guarded reader (archive checks, limits, damaged cells as located problems; formulas
    and error values read as absent); raises InvalidFileError listing every problem."""
    check_archive(data, file)
    collector = _Collector(file)
    _read_sheets(data, file, collector)  # type: ignore[arg-type]
    if collector.problems:
        raise InvalidFileError(file, tuple(collector.problems))
    out = []
    for sheet in collector.sheets:
        rows = [
            tuple(
                None if not isinstance(c, tuple) or c[1] in ("f", "e") else c[0] for c in row
            )
            for row in sheet.rows
        ]
        out.append((sheet.title, rows))
    return out


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


def _read_sheets(data: bytes, file: str, reader: WorkbookReader) -> None:
    """The one guarded reader: every sheet scanned, then read, into reader; whatever a
    sheet holds becomes a located problem, never an exception or a printed warning."""
    import openpyxl

    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")  # openpyxl's warnings are recorded, never printed
        try:
            parts = _sheet_parts(archive)
            strings = _count_strings(archive, parts.strings)
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
        except Exception as exc:  # openpyxl raises many types for damaged parts
            raise _fail(file, f"not a readable workbook ({_reason(exc)})") from None
        try:
            for ws in book.worksheets:
                title, where = ws.title, quoted(ws.title)
                path = parts.sheets.get(title)
                if path is None:
                    reader.problem("the sheet's part is missing from the workbook", where)
                    continue
                scanned = list(_scan(archive, path, title, strings))
                for message, cell in scanned:
                    reader.problem(message, cell)
                if scanned:
                    continue
                sheet = _Sheet(title, [])
                seen = len(caught)
                try:
                    for row in ws.iter_rows(
                        min_row=1, max_row=MAX_ROWS, min_col=1, max_col=MAX_COLUMNS
                    ):
                        sheet.rows.append(_row(reader, sheet, row))
                except Exception as exc:  # the scan missed a damage: still located
                    reader.problem(
                        f"the sheet is damaged near row {len(sheet.rows) + 1} ({_reason(exc)})",
                        where,
                    )
                    continue
                for w in caught[seen:]:
                    if m := _DATE_WARNING.match(str(w.message)):
                        sheet.bad_dates[m[1]] = m[2]
                if ws.sheet_state != "visible":
                    if _holds_answers(sheet):
                        reader.problem(
                            f"the sheet '{title}' is hidden and holds answers, which are "
                            "read only from sheets in view: unhide it (right-click a sheet "
                            "tab, Unhide) and check its answers, or delete it",
                            where,
                        )
                    continue
                reader.read_sheet(sheet)
        finally:
            book.close()


def _row(reader: WorkbookReader, sheet: _Sheet, cells: tuple[Any, ...]) -> tuple[Any, ...]:
    r = len(sheet.rows)
    out = []
    for c, cell in enumerate(cells):
        value = cell.value
        if isinstance(value, str) and len(value) > s.MAX_TEXT_CHARS:
            reader.problem(
                f"the cell holds {len(value):,} characters; a cell may hold at most "
                f"{s.MAX_TEXT_CHARS:,} characters (about eight printed pages)",
                sheet.ref(r, c),
            )
            value = None
        out.append(None if value is None else (value, cell.data_type))
    while out and out[-1] is None:
        out.pop()
    return tuple(out)


def _holds_answers(sheet: _Sheet) -> bool:
    mark, _kind = sheet.at(0, 0)
    if isinstance(mark, str) and mark.startswith(GRID_MARK):
        return True
    known = _layout().by_key
    return any(
        isinstance(k, str) and k in known
        for k, _ in (sheet.at(r, 0) for r in range(len(sheet.rows)))
    )


@dataclass(frozen=True)
class _Parts:
    sheets: dict[str, str]  # a sheet's title -> its part in the archive
    strings: str | None  # the shared strings' part


def _sheet_parts(archive: zipfile.ZipFile) -> _Parts:
    """Where each sheet's XML is, from the workbook's part and its relationships."""
    from defusedxml.ElementTree import fromstring

    book = fromstring(archive.read("xl/workbook.xml"))
    try:
        rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return _Parts({}, None)
    targets: dict[str, str] = {}
    strings = None
    for rel in rels.iter(f"{PKG_REL_NS}Relationship"):
        target = rel.get("Target", "")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id", "")] = path
        if rel.get("Type", "").endswith("/sharedStrings"):
            strings = path
    sheets = {}
    for sheet in book.iter(f"{MAIN_NS}sheet"):
        path = targets.get(sheet.get(f"{REL_NS}id", ""))
        if path is not None:
            sheets[sheet.get("name", "")] = path
    return _Parts(sheets, strings)


def _count_strings(archive: zipfile.ZipFile, path: str | None) -> int:
    """How many shared texts the workbook holds (cells point to them by number)."""
    from defusedxml.ElementTree import iterparse

    if path is None or path not in archive.namelist():
        return 0
    count = 0
    with archive.open(path) as fh:
        for _event, el in iterparse(fh):
            if el.tag == f"{MAIN_NS}si":
                count += 1
                el.clear()
    return count


def _scan(
    archive: zipfile.ZipFile, path: str, title: str, strings: int
) -> Iterator[tuple[str, str]]:
    """The problems of one sheet's XML, read as a stream and within the limits: too many
    rows or cells, a value outside the answers area, a damaged cell. Each is (message,
    sheet and cell); the scan stops at a limit or after MAX_SHEET_PROBLEMS."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils import column_index_from_string
    from openpyxl.utils.datetime import from_ISO8601

    where = quoted(title)
    rows = cells = row = col = found = 0
    try:
        with archive.open(path) as fh:
            for event, el in iterparse(fh, events=("start", "end")):
                if el.tag == f"{MAIN_NS}row":
                    if event == "end":
                        el.clear()
                        continue
                    rows += 1
                    if rows > MAX_ROWS:
                        yield (
                            f"the sheet has more than {MAX_ROWS:,} rows; an answers sheet "
                            "has a few hundred at most",
                            where,
                        )
                        return
                    number = el.get("r")
                    if number is None:
                        row += 1
                    elif number.isdigit() and 0 < int(number) <= 1_048_576:
                        row = int(number)
                    else:
                        yield f"row {row + 1}: the row number '{number[:20]}' is damaged", where
                        return
                    col = 0
                    continue
                if el.tag != f"{MAIN_NS}c" or event != "end":
                    continue
                cells += 1
                if cells > MAX_CELLS:
                    yield (
                        f"the sheet has more than {MAX_CELLS:,} cells; an answers sheet has "
                        "a few thousand at most",
                        where,
                    )
                    return
                problem = _cell_problem(
                    el, row, col, strings, column_index_from_string, from_ISO8601
                )
                ref = el.get("r")
                if ref is not None and (m := _REF.match(ref)):
                    col = column_index_from_string(m[1])
                elif ref is None:
                    col += 1
                el.clear()
                if problem is not None:
                    found += 1
                    message, at = problem
                    yield message, f"{where}!{at}" if at else where
                    if found >= MAX_SHEET_PROBLEMS:
                        return
    except Exception as exc:  # zip (a size or CRC that lies), XML, inflate errors
        yield f"the sheet's XML is damaged near row {row + 1} ({_reason(exc)})", where


def _cell_problem(
    el: Any, row: int, col: int, strings: int, column_of: Any, iso_date: Any
) -> tuple[str, str] | None:
    """What is wrong with one <c> element's raw value, and the cell (or "" for the row
    only), or None."""
    ref = el.get("r")
    if ref is None:
        column = col + 1
    elif m := _REF.match(ref):
        column, row = column_of(m[1]), int(m[2])
    else:
        return (
            f"row {row}: a cell's reference '{ref[:20]}' is damaged (it needs column "
            "letters and a row number, such as C7)",
            "",
        )
    if row > MAX_ROWS or column > MAX_COLUMNS:
        if not any(child.tag in _CONTENT for child in el):
            return None  # an empty cell (formatting only) is no answer
        at = ref or (f"{_letter(column - 1)}{row}" if column <= 16_384 else "")
        return (
            f"a value outside the answers area (beyond row {MAX_ROWS:,} or column "
            f"{_letter(MAX_COLUMNS - 1)}); delete it",
            at,
        )
    ref = ref or f"{_letter(column - 1)}{row}"
    value = el.findtext(f"{MAIN_NS}v")
    if value is None or el.find(f"{MAIN_NS}f") is not None:
        return None
    kind = el.get("t", "n")
    shown = value[:40]
    if kind == "n":
        try:
            float(value)
        except ValueError:
            return f"the cell is damaged: its number '{shown}' is not a number", ref
    elif kind == "s":
        if not value.strip().isdigit() or int(value) >= strings:
            return (
                f"the cell is damaged: it points to shared text number {shown}, which the "
                f"workbook does not hold (it holds {strings:,})",
                ref,
            )
    elif kind == "d":
        try:
            ok = iso_date(value) is not None
        except (ValueError, TypeError, OverflowError):
            ok = False
        if not ok:
            return f"the cell is damaged: '{shown}' is not a date", ref
    elif kind == "b" and value.strip() not in ("0", "1"):
        return f"the cell is damaged: '{shown}' is not a yes or no value (0 or 1)", ref
    return None


_CONTENT = {f"{MAIN_NS}v", f"{MAIN_NS}f", f"{MAIN_NS}is"}
