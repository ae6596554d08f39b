"""The batch index page's context: every client with its sections' headline facts (the
total, its band, the expansion risk), and the files that failed, translated and formatted
for one locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import quote

from babel.dates import format_datetime

from .. import __version__
from ..blocks.rubric import _
from ..blocks.views import Cell, DashboardPart, doc
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
    for r in records:
        if r.status == "failed":
            failures.append(IndexFailure(r.path, r.error or ""))
            continue
        s = r.summary or {}
        facts = [c for section in sections() for c in section.headline_cells(f, s)]
        columns = tuple(c.heading for c in facts)
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
                date=f.date(day) if day else "",
            )
        )
        keys.append((s.get("client_key"), day, "previous_date" in s))
    rows = _fold_histories(rows, keys, f)
    rows.sort(key=lambda row: (row.client.casefold(), row.input))
    return IndexContext(
        lang=lang,
        title=t(_("Batch summary")),
        finished=format_datetime(finished, format="medium", locale=f.locale),
        counts={k: f.number(v) for k, v in counts.items()},
        columns=columns,
        rows=tuple(rows),
        failures=tuple(failures),
        version=__version__,
        dashboard=dashboard(f, portfolio or {}),
    )
