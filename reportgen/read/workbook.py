"""Bytes of an Excel workbook -> the same value tree a YAML answers file gives.

The workbook is checked as an archive before anything parses it: its size, what it
expands to, macros, links to other workbooks. openpyxl then reads cell values only
(never formulas' cached results, never links, never macros), with defusedxml guarding
its XML parser. Answers are found by the key in each row's hidden column A
(``sections.workbook``); every value keeps its cell ("Validation!C7") for errors.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from ..blocks import schema as s
from ..blocks.document import answers_schema
from ..blocks.workbook import GRID_MARK, LIST_ITEMS, OPTION, Grid, Layout, dotted, layout
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
_NUMBER = re.compile(r"[-+]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\Z")
MISSING: Any = s.ABSENT  # a blank answer: as if its key were not in the file


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
    if any(_declares_entities(archive, p) for p in parts if p.filename.endswith((".xml", ".rels"))):
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


class _Sheet:
    def __init__(self, title: str, rows: list[tuple[Any, ...]]):
        self.title, self.rows = title, rows

    def ref(self, row: int, col: int) -> str:
        letter = chr(ord("A") + col) if col < 26 else "A" + chr(ord("A") + col - 26)
        quoted = self.title if re.fullmatch(r"\w+", self.title) else f"'{self.title}'"
        return f"{quoted}!{letter}{row + 1}"


class WorkbookReader:
    """Cells -> the answers' value tree, with each value's cell recorded on the tree."""

    def __init__(self, file: str):
        self.file = file
        self.tree = Tree(file)
        self.formulas: list[Problem] = []
        self.values: dict[str, tuple[Any, str]] = {}  # form key -> (cell value, cell)
        self.bilingual: dict[str, tuple[tuple[Any, str], ...]] = {}
        self.grids: dict[str, list[dict[str, tuple[Any, str]]]] = {}

    # --- cells ------------------------------------------------------------------------

    def cell(self, sheet: _Sheet, r: int, c: int, key: str) -> tuple[Any, str]:
        ref = sheet.ref(r, c)
        row = sheet.rows[r]
        raw = row[c] if c < len(row) else None
        value, kind = raw if isinstance(raw, tuple) else (raw, "")
        if kind == "f":
            self.formulas.append(
                Problem(self.file, None, key, "enter a value, not a formula", cell=ref)
            )
            return None, ref
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
            if not value.strip():
                value = None
        return value, ref

    def read_sheet(self, sheet: _Sheet) -> None:
        first = sheet.rows[0][0] if sheet.rows and sheet.rows[0] else None
        mark = first[0] if isinstance(first, tuple) else first
        if isinstance(mark, str) and mark.startswith(GRID_MARK):
            self.read_grid(sheet, mark.removeprefix(GRID_MARK))
            return
        by_key = _layout().by_key
        for r, row in enumerate(sheet.rows):
            raw = row[0] if row else None
            key = raw[0] if isinstance(raw, tuple) else raw
            line = by_key.get(key) if isinstance(key, str) else None
            if line is None or not isinstance(key, str):
                continue
            if isinstance(line.node, s.Bilingual):
                self.bilingual[key] = tuple(self.cell(sheet, r, c, key) for c in (2, 3, 4))
            else:
                self.values[key] = self.cell(sheet, r, 2, key)

    def read_grid(self, sheet: _Sheet, key: str) -> None:
        grid = next((g for g in _layout().grids if g.key == key), None)
        if grid is None or not sheet.rows:
            return
        head = [c[0] if isinstance(c, tuple) else c for c in sheet.rows[0]]
        items: list[dict[str, tuple[Any, str]]] = []
        for r in range(2, len(sheet.rows)):
            item = {
                str(col): self.cell(sheet, r, c, f"{key}[{len(items)}].{col}")
                for c, col in enumerate(head)
                if c > 0 and isinstance(col, str)
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
                out = {"schema_version": self.scalar(s.Number(), value, "schema_version"), **out}
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
                    yes = self.scalar(s.Boolean(), value, key)
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
        return MISSING if value is None else self.scalar(node, value, key)

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
                        yes = self.scalar(s.Boolean(), cell, c.key) if cell is not None else None
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
                    value[f.key] = self.scalar(f.node, cell, f.key)
                elif f.required:
                    value[f.key] = None
            out.append(value)
        return out

    def scalar(self, node: s.Node, value: Any, key: str) -> Any:
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
        if isinstance(node, s.Number) and _NUMBER.match(text):
            try:
                return Decimal(text.replace(",", "."))
            except InvalidOperation:
                return text
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
    InvalidFileError for a file that is not a safe, plain workbook, or holds formulas."""
    check_archive(data, file)
    import openpyxl

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many types for damaged parts
        raise _fail(file, f"not a readable workbook ({type(exc).__name__}: {exc})") from None
    reader = WorkbookReader(file)
    try:
        for ws in book.worksheets:
            rows = [
                tuple((c.value, c.data_type) if c.value is not None else None for c in row)
                for row in ws.iter_rows()
            ]
            reader.read_sheet(_Sheet(ws.title, rows))
    finally:
        book.close()
    if reader.formulas:
        raise InvalidFileError(file, tuple(reader.formulas))
    value = reader.tree_value()
    return value, reader.tree
