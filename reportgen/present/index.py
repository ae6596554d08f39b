"""The batch index page's context: every client with its sections' headline facts (the
total, its band, the expansion risk), and the files that failed, translated and formatted
for one locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Protocol
from urllib.parse import quote

from babel.dates import format_datetime

from .. import __version__
from ..blocks.rubric import _
from ..blocks.views import Badge, Cell, doc
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
class HeatCell:
    """One criterion of the heatmap: the share of clients weak on it."""

    label: str = doc("the criterion")
    share: str = doc("the share of clients who score it 5 or less, formatted")
    level: float = doc("the share, 0-1: the cell's shade")


@dataclass(frozen=True)
class Dashboard:
    """The portfolio over the run's clients (each client's latest assessment once)."""

    clients: str = doc("how many clients, formatted")
    bands: tuple[tuple[Badge, str], ...] = doc("each total band and its number of clients")
    risks: tuple[tuple[Badge, str], ...] = doc("each expansion risk tier and its clients")
    chart: str = doc("each dimension's scores across clients, as an SVG strip chart")
    heat: tuple[tuple[str, tuple[HeatCell, ...]], ...] = doc(
        "per dimension, its criteria with the share of clients weak on each"
    )
    advice: tuple[tuple[str, str], ...] = doc("the most frequent recommendations: title, clients")


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
    """The portfolio's aggregates (batch/portfolio.py), worded and drawn."""
    from ..blocks import charts
    from ..sections import get, groups

    if not data or not data.get("clients"):
        return None
    t = f.gettext
    validation, expansion = get("validation"), get("expansion")
    vrb = validation.rubric_modules[0]
    total_band = {b.id: b for b in vrb.TOTAL_BANDS}
    risk_tier = {b.id: b for b in expansion.rubric_modules[0].RISK_TIERS}
    # In the rubric's order (best band first; lowest risk first), the clients of each.
    bands = tuple(
        (Badge(f"band-{b}", t(total_band[b].label)), f.number(data["bands"][b]))
        for b in total_band
        if b in data["bands"]
    )
    order = [r for r in ("low", "medium", "high", "unassessed") if r in risk_tier]
    risks = tuple(
        (Badge(f"risk-{r}", t(risk_tier[r].label)), f.number(data["risk_tiers"][r]))
        for r in order
        if r in data["risk_tiers"]
    ) + tuple(
        (Badge("risk-none", t(_("No expansion planned"))), f.number(n))
        for r, n in data["risk_tiers"].items()
        if r == "not_assessed"
    )
    dims = {d.id: d for d in vrb.DIMENSIONS}
    series = [
        (t(dims[d].label), [Decimal(str(x)) for x in v["scores"]])
        for d, v in data["dimensions"].items()
        if d in dims
    ]
    chart = charts.strip_chart(
        series,
        Decimal(40),
        5,
        f.number,
        thresholds=[(b.minimum, t(b.label)) for b in vrb.DIMENSION_BANDS if b.minimum is not None],
    )
    weak = data.get("weak_criteria", {})
    heat = tuple(
        (
            t(d.label),
            tuple(
                HeatCell(
                    t(i.label),
                    f.percent(Decimal(str(weak.get(f"{d.id}.{i.id}", 0))) * 100),
                    float(weak.get(f"{d.id}.{i.id}", 0)),
                )
                for i in d.items
            ),
        )
        for d in vrb.DIMENSIONS
    )
    advice = tuple(
        (t(groups()[r["id"]].title) if r["id"] in groups() else r["id"], f.number(r["clients"]))
        for r in data.get("recommendations", ())
    )
    return Dashboard(
        clients=f.number(data["clients"]),
        bands=bands,
        risks=risks,
        chart=chart,
        heat=heat,
        advice=advice,
    )


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
