"""The firm's portfolio (issue 31, first part): a batch over a folder of generated clients
writes the aggregates into summary.json and a dashboard into index.html (clients per band
and per expansion risk, each dimension's spread, the heatmap of weak criteria, the most
frequent recommendations, a sortable and filterable client table), each client counted
once at its latest assessment."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from reportgen.batch.portfolio import portfolio
from reportgen.cli import cli

from .support import portfolio_clients


def test_the_dashboard_and_the_aggregates(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    made = portfolio_clients(src, history=False)
    result = CliRunner().invoke(
        cli, ["batch", str(src), "-o", str(out), "--format", "html", "--lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))["portfolio"]
    assert data["clients"] == 12 and sum(data["bands"].values()) == 12
    # Market criteria at 9, 8, ... 0 (floored): a criterion is weak (5 or less) for the
    # clients from the fifth on, 8 of 12.
    assert data["weak_criteria"]["market.customer_problem"] == round(8 / 12, 4)
    market = sorted(sum(d["validation"]["market"].values()) for d in made)
    assert data["dimensions"]["market"]["scores"] == market
    assert data["recommendations"][0]["clients"] == 12  # every client shares the spec's gaps
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Portfolio" in index and "12 clients, each at its latest assessment." in index
    assert index.count("<circle") == 4 * 12  # a dot per client in each dimension's strip
    assert re.search(r"Customer problem clearly identified and validated</td><td class=\"num\" style=\"background: rgba\(176, 58, 46, 0\.\d\d\)", index)
    assert "67%" in index  # 8 of 12, as Babel formats it
    assert 'id="filter"' in index and '<th scope="col" aria-sort="ascending"><button' in index
    assert "fetch(" not in index and "http" not in index.split("<script>")[1]  # nothing fetched


def test_a_client_assessed_twice_counts_once():
    class Record:
        def __init__(self, key, date, band):
            self.status = "rendered"
            self.summary = {"client_key": key, "date": date}
            self.scores = {
                "validation": {"band": band, "dimensions": {}},
                "expansion": None,
                "recommendations": [],
            }

    from reportgen.batch.portfolio import latest_per_client

    records = [Record("name:a", "2026-01-01", "poor"), Record("name:a", "2026-06-01", "fair")]
    data = portfolio(latest_per_client(records))
    assert data["clients"] == 1 and data["bands"] == {"fair": 1}
    assert portfolio([])["clients"] == 0


def _history_batch(tmp_path, lang: str) -> str:
    """`batch --history` over the generated clients (two with an earlier assessment in
    earlier/): the index's HTML."""
    src, out = tmp_path / "in", tmp_path / lang
    if not src.exists():
        portfolio_clients(src)
    args = ["batch", str(src), "-o", str(out), "--recursive", "--history", "--format", "html"]
    result = CliRunner().invoke(cli, [*args, "--lang", lang])
    assert result.exit_code == 0, result.output
    return (out / "index.html").read_text(encoding="utf-8")


def _options(index: str, filter_id: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select data-filter="{filter_id}">(.*?)</select>', index, re.S)
    assert select, filter_id
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', select.group(1))


def _row(index: str, client: str) -> str:
    rows = re.findall(r"<tr data-date.*?</tr>", index, re.S)
    found = [r for r in rows if f"<td>{client}<" in r]
    assert len(found) == 1, client
    return found[0]


def test_the_client_table_filters_in_both_languages(tmp_path):
    """The lists offer the values some client has (bands and regions in the rubric's order,
    industries by their words in the page's language); each row carries its values."""
    en, vi = _history_batch(tmp_path, "en"), _history_batch(tmp_path, "vi")
    # Market criteria 9..0 over totals 111..75: fair and poor only.
    assert _options(en, "band") == [("", "All"), ("fair", "Fair"), ("poor", "Poor")]
    assert _options(vi, "band")[1:] == [("fair", "Khá"), ("poor", "Kém")]
    assert _options(en, "industry") == [
        ("", "All"),
        ("Agritech", "Agritech"),
        ("Education", "Education"),
        ("Fintech", "Fintech"),
    ]
    # The key is the English words; the label the page's language's.
    assert ("Education", "Giáo dục") in _options(vi, "industry")
    assert [k for k, _label in _options(en, "region")] == ["", "eu", "apac", "other", "none"]
    assert ("none", "No expansion planned") in _options(en, "region")
    assert ("apac", "Châu Á - Thái Bình Dương") in _options(vi, "region")
    for index in (en, vi):
        assert 'id="date-from" min="2026-01-10" max="2026-12-10"' in index
        assert 'id="date-to" min="2026-01-10" max="2026-12-10"' in index
    row = _row(en, "Client C JSC")
    assert 'data-date="2026-03-10"' in row and 'data-industry="[&#34;Agritech&#34;]"' in row
    assert 'data-band="[&#34;fair&#34;]"' in row
    assert 'data-region="[&#34;eu&#34;, &#34;apac&#34;]"' in row
    assert '<div class="about">European Union and Asia-Pacific</div>' in row
    assert '<td class="date" data-sort="2026-03-10">Mar 10, 2026</td>' in row
    vrow = _row(vi, "Client C JSC")
    assert '<div class="about">Liên minh châu Âu và châu Á - Thái Bình Dương</div>' in vrow
    assert '<td class="date" data-sort="2026-03-10">10/03/2026</td>' in vrow
    assert '<div class="about">Giáo dục</div>' in _row(vi, "Client B JSC")
    assert 'data-region="[&#34;none&#34;]"' in _row(en, "Client F JSC")  # no expansion
    # The band has its column: it is not listed again under the name.
    assert '<div class="about">Fair</div>' not in row
    # Sort values: the total as a plain number, the band and the risk by rank.
    assert '<td class="num" data-sort="103">103 / 160</td>' in row
    assert '<td data-sort="2"><span class="badge band-fair">' in row


def test_the_change_column_in_both_languages(tmp_path):
    """A client rendered with its history shows its total's change with an arrow, sorted
    by its value (a plain number, whatever the page's decimal mark); a client seen once a
    dash, sorted last."""
    en, vi = _history_batch(tmp_path, "en"), _history_batch(tmp_path, "vi")
    assert '<button type="button">Since the last assessment</button>' in en
    assert '<button type="button">Kể từ lần đánh giá trước</button>' in vi
    assert '<td class="num" data-sort="8">↑ +8</td>' in _row(en, "Client A JSC")
    assert '<td class="num" data-sort="8">↑ +8</td>' in _row(vi, "Client A JSC")
    assert '<td class="num" data-sort="-1.5">↓ −1.5</td>' in _row(en, "Client B JSC")
    assert '<td class="num" data-sort="-1.5">↓ −1,5</td>' in _row(vi, "Client B JSC")
    assert '<td class="num" data-sort="">–</td>' in _row(en, "Client C JSC")
    # The earlier assessments are folded into their client's row: twelve rows.
    assert en.count("<tr data-date=") == 12
    assert "Earlier assessments" in _row(en, "Client A JSC")


def test_a_manifest_entry_without_the_filters_facts_is_rendered_again(tmp_path):
    from reportgen.batch.manifest import MANIFEST_NAME, load_manifest, valid_entry

    _history_batch(tmp_path, "en")
    entries = load_manifest(tmp_path / "en")
    assert len(entries) == 14 and all(valid_entry(e) for e in entries.values())
    raw = json.loads((tmp_path / "en" / MANIFEST_NAME).read_text(encoding="utf-8"))["entries"]
    entry = next(e for e in raw.values() if e["summary"]["client"] == "Client B JSC")
    assert entry["summary"]["industry"] == "Education"
    assert entry["summary"]["industry_text"] == {"vi": "Giáo dục", "en": "Education"}
    assert entry["summary"]["regions"] == ["eu"]
    for key in ("industry", "regions"):
        old = {**entry, "summary": {k: v for k, v in entry["summary"].items() if k != key}}
        assert not valid_entry(old), key
    wrong = {**entry, "summary": {**entry["summary"], "regions": ["mars"]}}
    assert not valid_entry(wrong)
