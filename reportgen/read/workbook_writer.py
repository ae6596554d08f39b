"""An answers file as an Excel workbook, for consultants who live in Excel.

Laid out by ``sections.workbook``: an instructions sheet, one sheet per part of the
answers file and one per list of mappings (the markets). Labels and explanations are in
the workbook's language and locked; answer cells are unlocked, shaded, and checked by
Excel as they are typed: score ranges, drop-downs that show labels (the reader maps
them back to ids, in either language), yes or no. Blank, it is `init`'s template;
given answers, it is `convert`'s output.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..blocks import schema as s
from ..blocks.document import answers_schema
from ..blocks.rubric import _
from ..blocks.workbook import GRID_MARK, GRID_ROWS, Form, Grid, Line, grid_cells, layout
from ..i18n import Formatter, country_codes, currency_codes
from ..model import FrozenMap
from ..sections import sections

INPUT = PatternFill("solid", fgColor="FFF6D5")  # where to type
HEAD = PatternFill("solid", fgColor="16365C")
BOLD = Font(bold=True)
WHITE = Font(bold=True, color="FFFFFF")
MUTED = Font(color="5A6270", size=9)
WRAP = Alignment(wrap_text=True, vertical="top")
OPEN = Protection(locked=False)
SHEET_NAME_CHARS = 31  # Excel's limit


def _sheet_name(title: str, taken: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:SHEET_NAME_CHARS].strip()
    base, n = name, 2
    while name.casefold() in taken:
        name = f"{base[: SHEET_NAME_CHARS - 3]} {n}"
        n += 1
    taken.add(name.casefold())
    return name


class WorkbookWriter:
    def __init__(self, lang: str, given: Mapping[str, Any] | None):
        self.f = Formatter(lang)
        self.lang = lang
        self.given = given or {}
        self.book = Workbook()
        self.taken: set[str] = set()
        self.lists = self.book.create_sheet("Lists")
        self.lists.sheet_state = "hidden"
        self.list_ranges: dict[str, str] = {}
        self.validations: dict[str, DataValidation] = {}

    def t(self, msgid: str) -> str:
        return self.f.gettext(msgid) if msgid else ""

    # --- values -----------------------------------------------------------------------

    def value_at(self, path: tuple[Any, ...]) -> Any:
        value: Any = self.given
        for key in path:
            if (
                isinstance(value, Mapping)
                and key in value
                or isinstance(value, tuple | list)
                and isinstance(key, int)
                and key < len(value)
            ):
                value = value[key]
            else:
                return None
        return value

    def shown(self, node: s.Node | None, value: Any) -> Any:
        """An answer as its cell shows it: a label for an id, yes or no, a date."""
        if value is None:
            return None
        if isinstance(node, s.Choice):
            item = next((i for i in node.items if i.id == value), None)
            return self.t(item.label) if item is not None else value
        if isinstance(node, s.Boolean) or isinstance(value, bool):
            return self.t(_("Yes")) if value else self.t(_("No"))
        if isinstance(node, s.Code):
            return self.code_label(node, value)
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, dt.date):
            return value
        return str(value)

    def code_label(self, node: s.Code, code: str) -> str:
        if node.kind == "country":
            return f"{code} – {self.f.country(code)}"
        name = self.f.locale.currencies.get(code, code)
        return f"{code} – {name}"

    # --- drop-downs -------------------------------------------------------------------

    def list_range(self, name: str, values: list[str]) -> str:
        """A column of the hidden Lists sheet: a drop-down's choices (a quoted list in the
        validation itself would break on a comma inside a label)."""
        if name not in self.list_ranges:
            col = len(self.list_ranges) + 1
            for row, value in enumerate(values, start=1):
                self.lists.cell(row=row, column=col, value=value)
            letter = get_column_letter(col)
            self.list_ranges[name] = (
                f"{quote_sheetname('Lists')}!${letter}$1:${letter}${len(values)}"
            )
        return self.list_ranges[name]

    def validation(self, ws: Worksheet, node: s.Node | None, option: bool) -> DataValidation | None:
        if option or isinstance(node, s.Boolean):
            yes_no = [self.t(_("Yes")), self.t(_("No"))]
            return self._dv(ws, "yes", "list", formula1=self.list_range("yes", yes_no))
        if isinstance(node, s.Choice):
            labels = [self.t(i.label) for i in node.items]
            key = "choice:" + ",".join(node.ids)
            return self._dv(ws, key, "list", formula1=self.list_range(key, labels))
        if isinstance(node, s.Code):
            codes = country_codes() if node.kind == "country" else currency_codes()
            labels = [self.code_label(node, c) for c in codes]
            return self._dv(ws, node.kind, "list", formula1=self.list_range(node.kind, labels))
        if isinstance(node, s.Number) and node.lo is not None:
            lo, hi = node.lo, node.hi
            if hi is None:
                return self._dv(
                    ws, f"num:{lo}", "decimal", operator="greaterThanOrEqual", formula1=str(lo)
                )
            return self._dv(
                ws,
                f"num:{lo}:{hi}",
                "decimal",
                operator="between",
                formula1=str(lo),
                formula2=str(hi),
            )
        if isinstance(node, s.Date):
            return self._dv(ws, "date", "date", operator="greaterThan", formula1="1")
        return None

    def _dv(self, ws: Worksheet, key: str, kind: str, **options: Any) -> DataValidation:
        full = f"{ws.title}|{key}"
        if full not in self.validations:
            dv = DataValidation(type=kind, allow_blank=True, **options)
            dv.error = self.t(_("This answer is not one the format allows; see the help column."))
            dv.errorTitle = self.t(_("Not a valid answer"))
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
            self.validations[full] = dv
        return self.validations[full]

    def input_cell(
        self, ws: Worksheet, row: int, col: int, node: Any, value: Any, option: bool = False
    ) -> None:
        cell = ws.cell(row=row, column=col, value=value)
        cell.fill, cell.protection, cell.alignment = INPUT, OPEN, WRAP
        if isinstance(node, s.Date):
            cell.number_format = "yyyy-mm-dd"
        dv = self.validation(ws, node, option)
        if dv is not None:
            dv.add(cell)

    # --- sheets -----------------------------------------------------------------------

    def instructions(self) -> None:
        ws = self.book.active
        assert ws is not None
        ws.title = _sheet_name(self.t(_("Instructions")), self.taken)
        lines = [
            (self.t(_("reportgen answers workbook")), WHITE),
            (self.t(_("Type your answers in the shaded cells; everything else is locked.")), None),
            (
                self.t(
                    _(
                        "Scores: validation criteria 0-10; advantage items and market criteria 1-10. Decimals are allowed."
                    )
                ),
                None,
            ),
            (self.t(_("Pick labels from the drop-downs; yes or no answers take Yes or No.")), None),
            (
                self.t(
                    _(
                        "Text in one language goes in the Answer column; a text in both languages goes in the Vietnamese and English columns instead."
                    )
                ),
                None,
            ),
            (
                self.t(
                    _(
                        "Leave a whole sheet blank to leave out an optional section; the markets have a sheet of their own, one row per market."
                    )
                ),
                None,
            ),
            (self.t(_("Check the workbook with: reportgen validate FILE.xlsx")), None),
        ]
        for row, (text, font) in enumerate(lines, start=1):
            cell = ws.cell(row=row, column=2, value=text)
            cell.alignment = WRAP
            if font is not None:
                cell.font, cell.fill = font, HEAD
        ws.column_dimensions["A"].hidden = True
        ws.column_dimensions["B"].width = 100
        ws.protection.sheet = True

    def form(self, form: Form) -> None:
        ws = self.book.create_sheet(_sheet_name(self.t(form.title), self.taken))
        heads = [_("Question"), _("Answer"), _("In Vietnamese"), _("In English"), _("Help")]
        for col, head in enumerate(heads, start=2):
            cell = ws.cell(row=1, column=col, value=self.t(head))
            cell.font, cell.fill = WHITE, HEAD
        for row, line in enumerate(form.lines, start=2):
            self.form_line(ws, row, line)
        widths = {"A": 6, "B": 58, "C": 26, "D": 30, "E": 30, "F": 60}
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        ws.column_dimensions["A"].hidden = True
        ws.freeze_panes = "C2"
        ws.protection.sheet = True

    def form_line(self, ws: Worksheet, row: int, line: Line) -> None:
        label = ws.cell(
            row=row, column=2, value=self.t(line.title) + (" *" if line.required else "")
        )
        label.alignment = Alignment(wrap_text=True, vertical="top", indent=line.depth)
        if line.node is None:  # a heading
            label.font = BOLD
            if line.grid:
                note = ws.cell(
                    row=row,
                    column=3,
                    value=self.t(_("One row per item on the sheet of the same name.")),
                )
                note.font = MUTED
            return
        ws.cell(row=row, column=1, value=line.key)
        help_ = ws.cell(row=row, column=6, value=self.help(line.node, line.description))
        help_.font, help_.alignment = MUTED, WRAP
        if line.option is not None:
            assert isinstance(line.node, s.Choices)
            picked = self.value_at(line.path)
            value = None if picked is None else (line.option.id in picked)
            self.input_cell(ws, row, 3, line.node, self.shown(s.Boolean(), value), option=True)
            return
        value = self.value_at(line.path)
        if isinstance(line.node, s.Bilingual):
            self.text_cells(ws, row, 3, value)
            return
        self.input_cell(ws, row, 3, line.node, self.shown(line.node, value))
        if line.key == "schema_version":  # the format's, not the consultant's
            ws.cell(row=row, column=3).protection = Protection(locked=True)
            ws.cell(row=row, column=3).fill = PatternFill()

    def text_cells(self, ws: Worksheet, row: int, col: int, value: Any) -> None:
        both = isinstance(value, FrozenMap | dict)
        self.input_cell(ws, row, col, None, None if both else self.shown(None, value))
        for n, lang in enumerate(("vi", "en"), start=1):
            self.input_cell(ws, row, col + n, None, value.get(lang) if both else None)

    def help(self, node: s.Node, description: str) -> str:
        parts = [self.t(description)] if description else []
        if isinstance(node, s.Number) and node.lo is not None:
            lo = self.f.number(node.lo)
            if node.hi is None:
                parts.append(self.t(_("A number of at least %(lo)s")) % {"lo": lo})
            elif node.lo != node.hi:
                parts.append(
                    self.t(_("A number from %(lo)s to %(hi)s"))
                    % {"lo": lo, "hi": self.f.number(node.hi)}
                )
        if isinstance(node, s.Date):
            parts.append(self.t(_("A date, such as 2026-11-20")))
        return " ".join(parts)

    def grid(self, grid: Grid) -> None:
        ws = self.book.create_sheet(_sheet_name(self.t(grid.title), self.taken))
        ws.cell(row=1, column=1, value=GRID_MARK + grid.key)
        columns = grid_cells(grid)
        ws.cell(row=2, column=1, value="#").font = WHITE
        ws.cell(row=2, column=1).fill = HEAD
        for col, (key, c, lang) in enumerate(columns, start=2):
            ws.cell(row=1, column=col, value=key)
            title = self.t(c.title) + (" *" if c.required else "")
            if lang is not None:
                title = f"{title} ({self.t(s.LANGUAGE_TITLES[lang]).lower()})"
            head = ws.cell(row=2, column=col, value=title)
            head.font, head.fill = WHITE, HEAD
            head.alignment = Alignment(wrap_text=True, vertical="top", text_rotation=0)
            ws.column_dimensions[get_column_letter(col)].width = 16 if c.option else 22
        items = self.value_at(grid.path) or ()
        for i in range(max(GRID_ROWS, len(items) + 3)):
            row = i + 3
            ws.cell(row=row, column=1, value=i + 1).font = MUTED
            item = items[i] if i < len(items) else {}
            for col, (_key, c, lang) in enumerate(columns, start=2):
                value = item.get(c.field) if item else None
                if c.option is not None:
                    shown = (
                        None if not item else self.shown(s.Boolean(), c.option.id in (value or ()))
                    )
                    self.input_cell(ws, row, col, c.node, shown, option=True)
                elif isinstance(c.node, s.Bilingual):
                    both = isinstance(value, FrozenMap | dict)
                    if lang is None:
                        shown = None if both else value
                    else:
                        shown = value.get(lang) if both and value is not None else None
                    self.input_cell(ws, row, col, None, shown)
                else:
                    self.input_cell(ws, row, col, c.node, self.shown(c.node, value))
        ws.row_dimensions[1].hidden = True
        ws.row_dimensions[2].height = 45
        ws.freeze_panes = "C3"
        ws.protection.sheet = True

    def build(self) -> bytes:
        sheets = layout(answers_schema(sections()))
        self.instructions()
        for form in sheets.forms:
            self.form(form)
            for grid in sheets.grids:
                if grid.path[0] == form.key:
                    self.grid(grid)
        self.book.move_sheet(self.lists, offset=len(self.book.sheetnames))
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def answers_workbook(lang: str, given: Mapping[str, Any] | None = None) -> bytes:
    """The answers workbook in lang: blank (with init's defaults), or holding answers."""
    if given is None:
        given = {
            "schema_version": Decimal(1),
            # Both languages, the spec's default, the chosen one first.
            "assessment": {
                "languages": (lang, "en" if lang == "vi" else "vi"),
                "currency": "VND" if lang == "vi" else "USD",
            },
        }
    return WorkbookWriter(lang, given).build()
