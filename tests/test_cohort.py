"""Where a client stands among the firm's other clients (issue 31, `--cohort`): its
percentile rank and the cohort's median, from a folder of answers files, a batch's
summary.json or a cohort file that carries no client data; only with five other clients
or more, the client itself always left out, and no other client's name in any report."""

from __future__ import annotations

import json
import re
import statistics
from decimal import Decimal

import pytest
import yaml
from click.testing import CliRunner

from reportgen.batch.cohort import cohort_data
from reportgen.cli import cli
from reportgen.model.cohort import Member, distribution, median, percentile, without

from .support import pdf_text, portfolio_clients

NAMES = [f"Client {chr(65 + i)} JSC" for i in range(12)]


@pytest.fixture(scope="module")
def firm(tmp_path_factory):
    """Twelve clients (and two earlier assessments), a batch over them, its cohort file."""
    root = tmp_path_factory.mktemp("firm")
    src, out = root / "in", root / "out"
    made = portfolio_clients(src, 12, history=True)
    result = CliRunner().invoke(
        cli,
        [
            "batch", str(src), "-o", str(out), "--recursive", "--format", "html",
            "--lang", "en", "--write-cohort", str(root / "cohort.json"),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return root, made


def _score(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["score", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _totals(made: list[dict]) -> list[Decimal]:
    out = []
    for data in made:
        v = data["validation"]
        out.append(sum(Decimal(str(x)) for dim in v.values() for x in dim.values()))
    return out


def test_percentile_and_median_by_hand():
    counts = distribution([Decimal(x) for x in (10, 20, 20, 30, 40)])
    assert median(counts) == 20
    assert median(distribution([Decimal(x) for x in (10, 20, 30, 40)])) == 25
    # Below: 10 (one); level: the two 20s count half each; of five.
    assert percentile(counts, Decimal(20)) == 40
    assert percentile(counts, Decimal(5)) == 0 and percentile(counts, Decimal(45)) == 100
    assert without(counts, Decimal(20)) == ((10, 1), (20, 1), (30, 1), (40, 1))


def test_the_three_sources_agree_and_leave_the_client_out(firm):
    root, made = firm
    client = root / "in" / "client-03.yaml"
    totals = _totals(made)
    others = [t for i, t in enumerate(totals) if i != 3]
    expected_median = statistics.median(others)
    below = sum(t < totals[3] for t in others) + Decimal(sum(t == totals[3] for t in others)) / 2
    expected_rank = round(100 * below / len(others))
    for source in (root / "in", root / "out", root / "out" / "summary.json", root / "cohort.json"):
        cohort = _score(str(client), "--cohort", str(source))["cohort"]
        assert cohort["clients"] == 11, source  # twelve, less the client; earlier ones once
        assert cohort["client_left_out"] is True
        assert cohort["compared"] is True
        assert Decimal(str(cohort["total"]["median"])) == expected_median, source
        assert cohort["total"]["percentile"] == expected_rank, source
        assert set(cohort["dimensions"]) == {"market", "technology", "financial", "operational"}
        assert len(cohort["criteria"]) == 16


def test_a_new_client_is_compared_with_all_twelve(firm, tmp_path):
    root, made = firm
    data = yaml.safe_load((root / "in" / "client-03.yaml").read_text("utf-8"))
    data["client"]["name"] = "Newcomer Ltd"
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    for source in (root / "out", root / "cohort.json"):
        cohort = _score(str(new), "--cohort", str(source))["cohort"]
        assert cohort["clients"] == 12 and cohort["client_left_out"] is False


def test_the_cohort_file_holds_no_client_data(firm):
    root, _made = firm
    text = (root / "cohort.json").read_text("utf-8")
    data = json.loads(text)
    assert not any(name in text for name in NAMES)
    assert not re.search(r"client-\d\d|earlier/", text)
    assert set(data) == {
        "format", "version", "reportgen", "minimum", "clients", "salt", "segments", "members",
    }  # fmt: skip
    assert data["clients"] == 12 and len(data["members"]) == 12
    assert all(re.fullmatch(r"[0-9a-f]{64}", m) for m in data["members"])
    for segment in data["segments"].values():
        assert set(segment) == {"clients", "values"}
        # Distributions: each score with how many clients have it, never a row per client.
        total = segment["values"]["total"]
        assert sum(total.values()) == segment["clients"]


def test_segments_that_would_give_a_client_away_are_not_written():
    def member(i: int, region: str) -> Member:
        return Member(f"id:{i}", {"total": Decimal(i)}, {"region": frozenset({region})})

    # Seven in APAC and one in the EU: "region=apac" would differ from "all" by one client.
    data = cohort_data([member(i, "apac") for i in range(7)] + [member(7, "eu")])
    assert set(data["segments"]) == {""}
    data = cohort_data(
        [member(i, "apac") for i in range(5)] + [member(i, "eu") for i in range(5, 10)]
    )
    assert set(data["segments"]) == {"", "region=apac", "region=eu"}
    assert cohort_data([member(i, "apac") for i in range(4)])["segments"] == {}


def test_filters_and_the_minimum(firm):
    root, made = firm
    client = str(root / "in" / "client-03.yaml")
    # Regions cycle apac, eu, eu+apac, other, apac, none: 6 clients of twelve have an APAC
    # market; client-03 has none, so all six are others.
    cohort = _score(client, "--cohort", str(root / "in"), "--cohort-filter", "region=apac")[
        "cohort"
    ]
    assert cohort["clients"] == 6 and cohort["compared"] is True
    assert cohort["filters"] == {"region": "apac"}
    # Industries cycle Fintech, Giáo dục/Education, Agritech, none: 3 Education clients,
    # found by either language's name, are too few.
    for value in ("education", "Giáo dục"):
        cohort = _score(
            client, "--cohort", str(root / "out"), "--cohort-filter", f"industry={value}"
        )["cohort"]
        assert cohort["clients"] == 3 and cohort["compared"] is False and "total" not in cohort
    cohort = _score(client, "--cohort", str(root / "in"), "--cohort-min", "12")["cohort"]
    assert cohort["compared"] is False and cohort["minimum"] == 12


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cohort-min", "4"], "--cohort-min 4: the least is 5"),
        (["--cohort-filter", "sector=x"], "unknown key 'sector'; expected one of industry, region"),
        (["--cohort-filter", "industry"], "expected KEY=VALUE"),
    ],
)
def test_usage_errors(firm, args, message):
    root, _made = firm
    result = CliRunner().invoke(
        cli, ["score", str(root / "in" / "client-03.yaml"), "--cohort", str(root / "out"), *args]
    )
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_cohort_file_is_one_line(firm, tmp_path):
    root, _made = firm
    bad = tmp_path / "cohort.json"
    data = json.loads((root / "cohort.json").read_text("utf-8"))
    data["segments"][""]["values"]["total"] = {"eighty": 1}
    bad.write_text(json.dumps(data), "utf-8")
    result = CliRunner().invoke(
        cli, ["score", str(root / "in" / "client-03.yaml"), "--cohort", str(bad)]
    )
    assert result.exit_code == 2
    assert "segments.(all).values.total: expected scores as keys" in result.stderr
    bad.write_text("{not json", "utf-8")
    result = CliRunner().invoke(
        cli, ["score", str(root / "in" / "client-03.yaml"), "--cohort", str(bad)]
    )
    assert (
        result.exit_code == 2 and "line 1" in result.stderr and "not a JSON file" in result.stderr
    )


def test_reports_show_the_rank_and_never_another_clients_name(firm, tmp_path):
    root, _made = firm
    out = tmp_path / "reports"
    for i in (0, 5, 11):
        client = root / "in" / f"client-{i:02d}.yaml"
        args = [
            "render",
            str(client),
            "-o",
            str(out),
            "--lang",
            "en",
            "--cohort",
            str(root / "out"),
        ]
        result = CliRunner().invoke(cli, [*args, "--format", "all"])
        assert result.exit_code == 0, result.output
        html = (out / f"client-{i:02d}.en.html").read_text("utf-8")
        pdf = " ".join(pdf_text((out / f"client-{i:02d}.en.pdf").read_bytes()))
        for text in (html, pdf):
            others = [n for j, n in enumerate(NAMES) if j != i]
            assert not [n for n in others if n in text], i
        assert NAMES[i] in html
        assert "other clients of the firm" in html
        # Each dimension in words, and its median marked on the chart (and named in its key).
        assert len(re.findall(r"a percentile rank of \d+ among the firm", html)) == 4
        assert html.count(">Median of the firm&#39;s clients</text>") == 1
        assert len(re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="2" height="20"', html)) == 4
        assert "percentile rank" in pdf


def test_too_small_a_cohort_says_so(firm, tmp_path):
    root, _made = firm
    few = tmp_path / "few"
    few.mkdir()
    for i in range(5):  # the client and four others
        src = root / "in" / f"client-{i:02d}.yaml"
        (few / src.name).write_text(src.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(few / "client-00.yaml"),
            "-o",
            str(out),
            "--lang",
            "en",
            "--format",
            "html",
            "--cohort",
            str(few),
        ],
    )
    assert result.exit_code == 0, result.output
    html = (out / "client-00.en.html").read_text("utf-8")
    assert "the cohort holds 4 other clients, and a comparison takes at least 5" in html
    assert "percentile rank of" not in html and "Median of the firm" not in html


def test_the_handout_has_one_line(firm, tmp_path):
    root, _made = firm
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["render", str(root / "in" / "client-03.yaml"), "-o", str(out), "--kind", "handout",
         "--lang", "en", "--format", "html", "--cohort", str(root / "cohort.json")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "client-03.en.handout.html").read_text("utf-8")
    assert len(re.findall(r"other clients of the firm", html)) == 1


def test_the_preview_compares_too(firm):
    """A real preview server on loopback, given a cohort file: the page has the rank."""
    import http.client

    from reportgen.preview import PreviewOptions, start
    from reportgen.workflows import cohort_source

    root, _made = firm
    cohort = cohort_source(str(root / "cohort.json"))
    running = start(
        PreviewOptions(str(root / "in" / "client-03.yaml"), lang="en", cohort=cohort), port=0
    )
    try:
        conn = http.client.HTTPConnection("127.0.0.1", running.server.server_address[1], timeout=15)
        conn.request("GET", "/")
        body = conn.getresponse().read().decode("utf-8")
        conn.close()
    finally:
        running.stop()
    assert "11 other clients of the firm" in body and "percentile rank of" in body
