"""The firm's portfolio (issue 31, first part): a batch over a folder of generated clients
writes the aggregates into summary.json and a dashboard into index.html (clients per band
and per expansion risk, each dimension's spread, the heatmap of weak criteria, the most
frequent recommendations, a sortable and filterable client table), each client counted
once at its latest assessment."""

from __future__ import annotations

import copy
import json
import re

import yaml
from click.testing import CliRunner

from reportgen.batch.portfolio import portfolio
from reportgen.cli import cli

from .support import ROOT

SPEC = ROOT / "tests" / "data" / "spec_example.yaml"
NAMES = [f"Client {chr(65 + i)} JSC" for i in range(12)]


def _clients(folder) -> list[dict]:
    """Twelve clients: the spec example with its market criteria lowered step by step, so
    that the bands and the weak criteria spread."""
    base = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    made = []
    for i, name in enumerate(NAMES):
        data = copy.deepcopy(base)
        data["client"]["name"] = name
        for key in data["validation"]["market"]:
            data["validation"]["market"][key] = max(0, 9 - i)
        (folder / f"client-{i:02d}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        made.append(data)
    return made


def test_the_dashboard_and_the_aggregates(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    made = _clients(src)
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
    assert 'id="filter"' in index and "aria-sort" in index and "<th scope=\"col\" data-sort>" in index
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
