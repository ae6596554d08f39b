"""The batch index page's context: every client with its sections' headline facts (the
total, its band, the expansion risk), and the files that failed, translated and formatted
for one locale."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import quote

from babel.dates import format_datetime

from .. import __version__
from ..blocks.rubric import _
from ..blocks.views import Cell, Choice, DashboardPart, Filter, doc
from ..i18n import Formatter
from ..sections import sections


class IndexRecord(Protocol):
    """What the index needs of one input's fate in a batch run."""

    path: str
    status: str  # rendered | skipped | failed
    summary: dict[str, Any] | None
    outputs: list[dict[str, Any]]
    error: str | None


@dataclass(frozen=True)
class IndexLink:
    """A link to one of a client's documents."""

    label: str = doc('the language(s) and format: "Tiếng Việt, PDF"')
    href: str = doc("the document's path relative to index.html, URL-quoted")


@dataclass(frozen=True)
class RowFilter:
    """A client's values of one filter of the client table."""

    id: str = doc("the filter's id: the row carries them as data-<id>")
    keys: str = doc('the client\'s values as a JSON list: \'["eu", "apac"]\'')
    labels: str = doc(
        "the client's values, translated and listed, as the row shows them under its "
        "name; empty where a column shows them already (the band)"
    )


@dataclass(frozen=True)
class IndexRow:
    """A client whose documents are in the folder."""

    client: str = doc("the client's name")
    input: str = doc("the answers file")
    cells: tuple[Cell, ...] = doc(
        "the sections' facts, one per column (the total score, its band, the expansion risk)"
    )
    status: str = doc('"Rendered" or "Up to date", translated')
    links: tuple[IndexLink, ...] = doc("the client's documents")
    date: str = doc("the assessment's date, formatted (empty where unknown)", "")
    iso_date: str = doc("the assessment's date, ISO (the date filter's and the sort's value)", "")
    sorts: tuple[str | None, ...] = doc(
        'per cell, the value the table sorts it by: a plain number ("107.5", "-2"); '
        "empty: no value, sorted last; None: by its text",
        (),
    )
    industry: str = doc("the client's industry in the page's language (empty where not given)", "")
    filters: tuple[RowFilter, ...] = doc("the client's values of every filter, in filter order", ())
    earlier: tuple[IndexLink, ...] = doc(
        "the client's earlier assessments' documents, where this row was rendered with its "
        "history (their rows are folded into it)",
        (),
    )


@dataclass(frozen=True)
class IndexFailure:
    """An answers file that failed."""

    input: str = doc("the answers file")
    error: str = doc("the loader's message, every problem on its own line")


@dataclass(frozen=True)
class IndexFilter:
    """A list the client table is filtered by (besides the text and the dates)."""

    id: str = doc("what it filters on: band, industry, region (the rows' data-<id>)")
    label: str = doc("its label, translated")
    choices: tuple[Choice, ...] = doc("the values some client has, in the filter's order")


@dataclass(frozen=True)
class Dashboard:
    """The portfolio over the run's clients (each client's latest assessment once)."""

    clients: str = doc("how many clients, formatted")
    parts: tuple[DashboardPart, ...] = doc("the sections' parts, in report order")


@dataclass(frozen=True)
class IndexContext:
    """What templates/batch_index.html.j2 receives: everything translated and formatted."""

    lang: str = doc("the page's language")
    title: str = doc("the page title")
    finished: str = doc("date and time of the run, formatted for the locale")
    counts: Mapping[str, str] = doc("total, rendered, skipped, failed: formatted numbers")
    columns: tuple[str, ...] = doc("the headings of the sections' columns, in row order")
    rows: tuple[IndexRow, ...] = doc("one row per client, by name")
    failures: tuple[IndexFailure, ...] = doc("the files that failed")
    version: str = doc("reportgen's version")
    dashboard: Dashboard | None = doc("the portfolio, where one client or more has scores", None)
    filters: tuple[IndexFilter, ...] = doc(
        "the client table's lists: the band, the industry, the markets' region", ()
    )
    dates: tuple[str, str] = doc(
        "the earliest and the latest assessment date, ISO (the date inputs' bounds); "
        "empty where no row has a date",
        ("", ""),
    )


# The run's end where the writing differs from CLDR's medium form ("10:32:39 5 thg 12,
# 2026"): "Lượt chạy kết thúc lúc 10:32 ngày 5 tháng 12 năm 2026."
DATETIME_FORMATS = {"vi": "HH:mm 'ngày' d 'tháng' M 'năm' y"}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _fold_histories(
    rows: list[IndexRow], keys: list[tuple[Any, dt.date | None, bool]], f: Formatter
) -> list[IndexRow]:
    """Each client once where its latest file was rendered with its history: the earlier
    assessments' rows become links in that row, labelled with their dates."""
    out, folded = [], set()
    for i, (row, (client, day, with_history)) in enumerate(zip(rows, keys, strict=True)):
        if not with_history or client is None or day is None:
            continue
        earlier = [
            j
            for j, (c, d, _h) in enumerate(keys)
            if j != i and c == client and d is not None and d < day
        ]
        links = tuple(
            IndexLink(f"{f.date(keys[j][1])}: {link.label}", link.href)  # type: ignore[arg-type]
            for j in sorted(earlier, key=lambda j: keys[j][1])  # type: ignore[arg-type, return-value]
            for link in rows[j].links
        )
        rows[i] = replace(row, earlier=links)
        folded.update(earlier)
    out = [row for j, row in enumerate(rows) if j not in folded]
    return out


def _industry(f: Formatter, summary: Mapping[str, Any]) -> Filter | None:
    """The client's industry as a filter of its own (the client's, not a section's): its
    key the English words, its label the page's language's where the answers give two."""
    key = summary.get("industry")
    if not isinstance(key, str):
        return None
    words = summary.get("industry_text") or {}
    label = words.get(f.lang) or key
    return Filter("industry", f.gettext(_("Industry")), (Choice(key, label),), (key,), False)


def _row_filters(f: Formatter, filters: Iterable[Filter]) -> tuple[RowFilter, ...]:
    out = []
    for flt in filters:
        label = {c.key: c.label for c in flt.choices}
        # Vietnamese lowers the later labels ("Liên minh châu Âu và châu Á - Thái Bình
        # Dương"); English region names keep their capitals, as in Formatter.languages.
        join = f.list if f.lang == "en" else f.labels
        shown = join(label.get(k, k) for k in flt.keys) if flt.listed and flt.keys else ""
        out.append(RowFilter(flt.id, json.dumps(list(flt.keys), ensure_ascii=False), shown))
    return tuple(out)


def _filters(rows: Iterable[IndexRow], offered: Mapping[str, Filter]) -> tuple[IndexFilter, ...]:
    """Each filter with the values some client of the table has: a section's in the
    section's order, the industries by their label."""
    used: dict[str, set[str]] = {}
    for row in rows:
        for rf in row.filters:
            used.setdefault(rf.id, set()).update(json.loads(rf.keys))
    out = []
    for fid, flt in offered.items():
        choices = tuple(c for c in flt.choices if c.key in used.get(fid, ()))
        if fid == "industry":
            choices = tuple(sorted(choices, key=lambda c: (c.label.casefold(), c.key)))
        if choices:
            out.append(IndexFilter(fid, flt.label, choices))
    return tuple(out)


def dashboard(f: Formatter, data: Mapping[str, Any]) -> Dashboard | None:
    """The portfolio's aggregates (batch/portfolio.py), worded and drawn by the sections."""
    if not data.get("clients"):
        return None
    parts = tuple(part for s in sections() for part in s.dashboard(f, data))
    return Dashboard(clients=f.number(data["clients"]), parts=parts)


def index_context(
    records: Iterable[IndexRecord],
    counts: Mapping[str, int],
    lang: str,
    finished: dt.datetime,
    portfolio: Mapping[str, Any] | None = None,
) -> IndexContext:
    f = Formatter(lang)
    t = f.gettext
    status = {"rendered": t(_("Rendered")), "skipped": t(_("Up to date"))}
    rows: list[IndexRow] = []
    failures = []
    keys: list[tuple[Any, dt.date | None, bool]] = []  # client, date, rendered with history
    columns: tuple[str, ...] = ()
    # Every filter with every value offered so far (the industries: those seen).
    offered: dict[str, Filter] = {}
    for r in records:
        if r.status == "failed":
            failures.append(IndexFailure(r.path, r.error or ""))
            continue
        s = r.summary or {}
        facts = [c for section in sections() for c in section.headline_cells(f, s)]
        columns = tuple(c.heading for c in facts)
        industry = _industry(f, s)
        filters = [
            *([industry] if industry else []),
            *(flt for section in sections() for flt in section.headline_filters(f, s)),
        ]
        for flt in filters:
            known = offered.setdefault(flt.id, replace(flt, choices=()))
            have = {c.key for c in known.choices}
            new = tuple(c for c in flt.choices if c.key not in have)
            if new:
                offered[flt.id] = replace(known, choices=known.choices + new)
        links = tuple(
            IndexLink(
                t(_("%(language)s, %(format)s"))
                % {
                    "language": " + ".join(f.language(code) for code in o["lang"].split("+")),
                    "format": o["format"].upper(),
                },
                quote(o["path"]),
            )
            for o in r.outputs
        )
        day = _date(s.get("date"))
        rows.append(
            IndexRow(
                client=s.get("client", ""),
                input=r.path,
                cells=tuple(c.cell for c in facts),
                status=status[r.status],
                links=links,
                date=f.short_date(day) if day else "",
                iso_date=day.isoformat() if day else "",
                sorts=tuple(c.sort for c in facts),
                industry=industry.choices[0].label if industry else "",
                filters=_row_filters(f, filters),
            )
        )
        keys.append((s.get("client_key"), day, "previous_date" in s))
    rows = _fold_histories(rows, keys, f)
    rows.sort(key=lambda row: (row.client.casefold(), row.input))
    days = sorted(row.iso_date for row in rows if row.iso_date)
    return IndexContext(
        lang=lang,
        title=t(_("Batch summary")),
        finished=format_datetime(
            finished, format=DATETIME_FORMATS.get(lang, "medium"), locale=f.locale
        ),
        counts={k: f.number(v) for k, v in counts.items()},
        columns=columns,
        rows=tuple(rows),
        failures=tuple(failures),
        version=__version__,
        dashboard=dashboard(f, portfolio or {}),
        filters=_filters(rows, offered),
        dates=(days[0], days[-1]) if days else ("", ""),
    )
