"""The action plan as a tracker: an Excel workbook, a CSV file or an iCalendar file
(`reportgen plan`), and the workbook read back (`reportgen convert --plan`).

The workbook follows the answers workbook's convention: column A, hidden, holds each
action's stable id, and the hidden first row each column's key, so the reader finds cells
by key, whatever the language of the headings or the order of the rows. Only the owner's
name, the dates, the budget and the status are read back; the other columns are the
report's and are locked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..blocks.views import Tracker, TrackerRow
from ..errors import InvalidFileError, Problem
from .workbook import guarded_sheets, quoted

MARK = "tracker:plan"  # A1: what the reader looks for
# The columns after A (the id), by key; the editable ones are read back.
KEYS = (
    "number",
    "title",
    "text",
    "role",
    "owner_name",
    "start",
    "due",
    "budget",
    "budget_high",
    "kpis",
    "status",
    "after",
    "phase",
)
EDITABLE = ("owner_name", "start", "due", "budget", "budget_high", "status")
INPUT = PatternFill("solid", fgColor="FFF6D5")
HEAD = PatternFill("solid", fgColor="16365C")
WHITE = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
WIDTHS = {"title": 28, "text": 48, "role": 22, "owner_name": 22, "kpis": 30, "phase": 24}


def _value(row: TrackerRow, key: str) -> Any:
    if key == "status":
        return row.status_label
    value = getattr(row, key)
    return float(value) if isinstance(value, Decimal) else value


def tracker_workbook(tr: Tracker) -> bytes:
    book = Workbook()
    ws = book.active
    # The reader finds the sheet by MARK, whatever it is named (a workbook in either language).
    ws.title = "".join(c for c in tr.sheet if c not in "[]:*?/\\")[:31]
    ws.protection.sheet = True  # the report's columns are locked; inputs are open
    ws.cell(1, 1, MARK)
    for col, key in enumerate(KEYS, start=2):
        ws.cell(1, col, key)
    ws.row_dimensions[1].hidden = True
    ws.column_dimensions["A"].hidden = True
    ws.cell(2, 1, "id")
    for col, heading in enumerate(tr.head, start=2):
        cell = ws.cell(2, col, heading)
        cell.fill, cell.font, cell.alignment = HEAD, WHITE, WRAP
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(label for _id, label in tr.statuses) + '"',
        allow_blank=True,
    )
    ws.add_data_validation(status)
    for r, row in enumerate(tr.rows, start=3):
        ws.cell(r, 1, row.id)
        for col, key in enumerate(KEYS, start=2):
            cell = ws.cell(r, col, _value(row, key))
            cell.alignment = WRAP
            if key in ("start", "due"):
                cell.number_format = "yyyy-mm-dd"
            if key in EDITABLE:
                cell.fill, cell.protection = INPUT, Protection(locked=False)
            if key == "status":
                status.add(cell)
    for col, key in enumerate(KEYS, start=2):
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(key, 14)
    ws.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def tracker_csv(tr: Tracker) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens Vietnamese text as it is."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("id", *tr.head))
    for row in tr.rows:
        cells = []
        for key in KEYS:
            value = _value(row, key)
            cells.append(value.isoformat() if isinstance(value, dt.date) else value)
        writer.writerow((row.id, *cells))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "client"


def tracker_ics(tr: Tracker) -> bytes:
    """One all-day event per action, on its due date; its UID is stable across runs (the
    client, the assessment's date and the action's id), so a calendar updates it."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//reportgen//action plan//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", tr.title)
    for row in tr.rows:
        event = Event()
        event.add("uid", f"{row.id}.{tr.date.isoformat()}.{_slug(tr.client)}@reportgen")
        event.add("dtstamp", dt.datetime.combine(tr.date, dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", row.due)
        event.add("dtend", row.due + dt.timedelta(days=1))
        event.add("summary", f"{row.number}. {row.title}")
        lines = [row.text, f"{row.role}{' – ' + row.owner_name if row.owner_name else ''}"]
        if row.kpis:
            lines.append(row.kpis)
        event.add("description", "\n".join(lines))
        if row.status:
            event.add("categories", [row.status_label])
        cal.add_component(event)
    return cal.to_ical()


def read_tracker(data: bytes, file: str, statuses: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """A tracker workbook -> {action id: {key: value}} for the editable columns it fills
    (statuses: label or id -> id, in any language). Every problem is located (sheet,
    cell) and reported at once."""
    problems: list[Problem] = []
    found: dict[str, dict[str, Any]] = {}
    sheet = None
    for ws, rows in guarded_sheets(data, file):
        if rows and rows[0] and rows[0][0] == MARK:
            sheet = (ws, rows)
            break
    if sheet is None:
        raise InvalidFileError(
            file, (Problem(file, None, "", f"not a plan tracker: no sheet starts with {MARK!r} in A1"),)
        )
    title, rows = sheet
    keys = {str(k): i for i, k in enumerate(rows[0]) if isinstance(k, str) and k in KEYS}
    for r, values in enumerate(rows[2:], start=3):
        if not values or values[0] in (None, ""):
            continue
        action = str(values[0])
        got: dict[str, Any] = {}
        for key in EDITABLE:
            if key not in keys or keys[key] >= len(values):
                continue
            value = values[keys[key]]
            where = f"{quoted(title)}!{get_column_letter(keys[key] + 1)}{r}"
            if value in (None, ""):
                continue
            if key in ("start", "due"):
                if isinstance(value, dt.datetime):
                    value = value.date()
                if not isinstance(value, dt.date):
                    try:
                        value = dt.date.fromisoformat(str(value).strip())
                    except ValueError:
                        problems.append(
                            Problem(file, None, f"advice.recommendations[{action}].{key}", f"expected a date such as 2027-03-31, got {value!r}", cell=where)
                        )
                        continue
            elif key in ("budget", "budget_high"):
                try:
                    value = Decimal(str(value))
                except InvalidOperation:
                    problems.append(Problem(file, None, f"advice.recommendations[{action}].{key}", f"expected an amount, got {value!r}", cell=where))
                    continue
                if value < 0:
                    problems.append(Problem(file, None, f"advice.recommendations[{action}].{key}", f"expected an amount of 0 or more, got {value}", cell=where))
                    continue
            elif key == "status":
                status = statuses.get(str(value).strip().casefold())
                if status is None:
                    problems.append(
                        Problem(file, None, f"advice.recommendations[{action}].{key}", f"expected one of {', '.join(sorted(set(statuses.values())))}, got {value!r}", cell=where)
                    )
                    continue
                value = status
            else:
                value = str(value).strip()
            got[key] = value
        found[action] = got
    if problems:
        raise InvalidFileError(file, tuple(problems))
    return found


def merge_tracker(
    given: Mapping[str, Any], current: Tracker, edited: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """The answers (plain values) with what the tracker changed: for each action, the
    editable cells that differ from the plan as the report states it today become the
    consultant's decisions in the advice part (the rest of the file is kept)."""
    data = _thaw(given)
    advice = data.setdefault("advice", {})
    decisions = advice.setdefault("recommendations", [])
    by_id = {d["id"]: d for d in decisions}
    rows = {row.id: row for row in current.rows}
    for action, cells in edited.items():
        row = rows.get(action)
        if row is None:
            continue  # an action no longer in the plan: nothing to hold it against
        changes = {}
        for key, value in cells.items():
            was = row.status if key == "status" else getattr(row, key)
            if isinstance(was, Decimal) or isinstance(value, Decimal):
                same = was is not None and Decimal(str(was)) == Decimal(str(value))
            else:
                same = was == value
            if not same:
                changes[key] = value
        if not changes:
            continue
        decision = by_id.get(action)
        if decision is None:
            decision = {"id": action}
            decisions.append(decision)
            by_id[action] = decision
        decision.update(changes)
    if not decisions:
        advice.pop("recommendations")
    if not advice:
        data.pop("advice")
    return data


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(v) for v in value]
    return value
