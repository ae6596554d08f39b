"""The consultant has the last word (issue 29): the advice part of the answers drops,
edits and adds recommendations, names owners, budgets, dates and statuses, and sets a
benchmark; the JSON, both reports, the handout, the plan export and the round trip
through the tracker all show it; bad decisions get located errors.

The sample samples/mekong-agri.yaml holds one decision of each kind (see its advice part).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import yaml

from reportgen.engine import score, to_json
from reportgen.errors import ReportgenError
from reportgen.i18n import Formatter
from reportgen.present.handout import build_handout
from reportgen.present.presenter import Presenter
from reportgen.present.report import build_report
from reportgen.read import load_answers
from reportgen.sections import get
from reportgen.sections import recommendations as recs

from .support import ROOT

MEKONG = ROOT / "samples" / "mekong-agri.yaml"


@pytest.fixture
def invoke():
    from click.testing import CliRunner

    from reportgen.cli import cli

    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def mekong():
    answers = load_answers(MEKONG)
    return answers, score(answers)


def by_id(scores):
    return {r.id: r for r in scores["recommendations"]}


def test_the_json_records_every_decision(mekong):
    _answers, s = mekong
    out = {r["id"]: r for r in to_json(s)["recommendations"]}
    assert out["pattern_fit"]["audience"] == "dropped"
    assert out["pattern_fit"]["drop_reason"]["en"].startswith("The board chose")
    funding = out["funding_runway"]
    assert funding["origin"] == "edited"
    assert funding["changes"] == ["owner_name", "budget", "start", "due", "status"]
    assert funding["owner_name"] == "Lê Hoàng Nam"
    assert funding["budget"] == {"low": 60000, "high": 60000}
    assert (funding["start"], funding["due"], funding["status"]) == (
        "2026-09-01",
        "2027-02-26",
        "in_progress",
    )
    own = out["cooperative_channel"]
    assert own["origin"] == "consultant" and own["after"] == ["pricing_discipline"]
    assert own["owner"] == "head_of_sales" and own["kpis"] == ["win_rate", "customer_acquisition_cost"]
    # It ranks right after what it waits for, and starts when that ends.
    assert own["urgency"] == out["pricing_discipline"]["urgency"] - 1
    assert own["horizon_months"][0] >= out["pricing_discipline"]["horizon_months"][1]
    assert to_json(s)["advice"] == {"dropped": 1, "edited": 3, "added": 1, "benchmarks": ["churn"]}
    # The consultant's churn benchmark decides the verdict, and says so.
    churn = to_json(s)["monetization"]["checks"]["churn"]
    assert (churn["low"], churn["high"], churn.get("own")) == (1, 3, True)


def test_both_reports_show_the_decisions_and_not_the_dropped_advice(mekong):
    answers, s = mekong
    for lang, title, name in (
        ("en", "Keeping cooperatives and data buyers", "Nguyễn Thị Mai"),
        ("vi", "Giữ chân hợp tác xã và khách hàng mua dữ liệu", "Nguyễn Thị Mai"),
    ):
        p = Presenter(answers, s, Formatter(lang))
        view = get("recommendations").present(p, s["recommendations"])
        titles = [v.title for v in view.items]
        assert title in titles
        retention = next(v for v in view.items if v.title == title)
        assert name in retention.owner and retention.budget is not None
        assert "Strategic fit" not in titles and "Phù hợp chiến lược" not in titles
        unit = next(v for v in view.items if v.owner.startswith("Lê Hoàng Nam") and v.overdue)
        assert unit.status  # in progress, and overdue at the assessment date
        appendix = get("appendix").present(p, None)
        assert appendix.decisions is not None and len(appendix.decisions.rows) == 5
        plan = get("plan").present(p, None)
        assert plan.total is not None and any(ph.total for ph in plan.phases)
        summary = " ".join(get("summary").present(p, None).sentences)
        assert p.f.money(Decimal(60000), "USD") in summary  # what the first phase costs
    en = build_report(answers, s, "en")
    chapter = next(c for c in en.sections if c.id == "recommendations")
    assert "cooperative_channel" not in str(chapter.view)  # ids stay out of the words


def test_the_handout_uses_the_consultants_names(mekong):
    answers, s = mekong
    handout = build_handout(answers, s, ("en",))
    text = str(handout)
    assert "Lê Hoàng Nam" in text


def test_a_file_without_decisions_is_unchanged_by_an_empty_advice_part(write_file, spec_data):
    plain = load_answers(write_file(spec_data, "plain.yaml"))
    data = copy.deepcopy(spec_data)
    data["advice"] = {"recommendations": []}
    empty = load_answers(write_file(data, "empty.yaml"))
    a, b = to_json(score(plain)), to_json(score(empty))
    assert a["recommendations"] == b["recommendations"]
    assert all(r["origin"] == "engine" for r in a["recommendations"])
    assert a["advice"] is None


# --- the plan out of the report, and back ---------------------------------------------------


def test_the_plan_exports_as_a_workbook_a_csv_and_a_calendar(tmp_path, invoke):
    xlsx, csv_path, ics = tmp_path / "plan.xlsx", tmp_path / "plan.csv", tmp_path / "plan.ics"
    for out in (xlsx, csv_path, ics):
        result = invoke("plan", str(MEKONG), "-o", str(out), "--lang", "en")
        assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(xlsx)
    ws = book.worksheets[0]
    assert ws.title == "Action plan"  # in the tracker's language
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    ids = [r[0] for r in rows]
    assert "cooperative_channel" in ids and "pattern_fit" not in ids
    funding = next(r for r in rows if r[0] == "funding_runway")
    assert "Lê Hoàng Nam" in funding and 60000 in funding
    assert dt.datetime(2027, 2, 26) in funding
    table = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig"))))
    assert len(table) == len(rows) + 1
    from icalendar import Calendar

    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(rows)
    due = {str(e["uid"]).split(".")[0]: e.decoded("dtstart") for e in events}
    assert due["funding_runway"] == dt.date(2027, 2, 26)


def test_the_tracker_reads_back_into_the_answers(tmp_path, invoke):
    xlsx = tmp_path / "plan.xlsx"
    assert invoke("plan", str(MEKONG), "-o", str(xlsx), "--lang", "vi").exit_code == 0
    book = openpyxl.load_workbook(xlsx)
    ws = book.worksheets[0]
    keys = {ws.cell(1, c).value: c for c in range(2, ws.max_column + 1)}
    for r in range(3, ws.max_row + 1):
        action = ws.cell(r, 1).value
        if action == "funding_runway":
            ws.cell(r, keys["status"], "đã hoàn thành")  # done, in Vietnamese, any case
        if action == "market_focus":
            ws.cell(r, keys["owner_name"], "Võ Thanh Tùng")
            ws.cell(r, keys["due"], dt.datetime(2027, 4, 30))
    book.save(xlsx)
    out = tmp_path / "answers.yaml"
    result = invoke("convert", str(MEKONG), "--plan", str(xlsx), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    decided = {d["id"]: d for d in data["advice"]["recommendations"]}
    assert decided["funding_runway"]["status"] == "done"
    assert decided["market_focus"]["owner_name"] == "Võ Thanh Tùng"
    assert str(decided["market_focus"]["due"]) == "2027-04-30"
    assert "start" not in decided["market_focus"]  # only what was changed is written
    # And the answers read back with it.
    again = {r.id: r for r in score(load_answers(out))["recommendations"]}
    assert again["market_focus"].decision.owner_name == "Võ Thanh Tùng"


def test_a_bad_tracker_cell_is_a_located_error(tmp_path, invoke):
    xlsx = tmp_path / "plan.xlsx"
    assert invoke("plan", str(MEKONG), "-o", str(xlsx), "--lang", "en").exit_code == 0
    book = openpyxl.load_workbook(xlsx)
    ws = book.worksheets[0]
    keys = {ws.cell(1, c).value: c for c in range(2, ws.max_column + 1)}
    ws.cell(3, keys["due"], "next spring")
    book.save(xlsx)
    result = invoke("convert", str(MEKONG), "--plan", str(xlsx), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 1
    assert "'Action plan'!H3" in result.stderr and "expected a date" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.yaml").exists()


# --- bad decisions: located errors ----------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        ({"id": "pricing_discipine", "owner_name": "A"}, "did you mean 'pricing_discipline'"),
        ({"id": "funding_runway", "drop": "no", "budget": 10}, "cannot also be edited"),
        ({"id": "funding_runway", "start": "2027-03-01", "due": "2027-01-31"}, "before the start"),
        ({"id": "x", "add": True, "title": "T", "text": "Do", "kpis": "happiness"}, "unknown metric"),
        ({"id": "x", "add": True, "title": "T"}, "needs its text"),
        ({"id": "funding_runway", "urgency": 50}, "your own recommendations"),
    ],
)
def test_a_bad_decision_is_a_located_error(write_file, spec_data, decision, message):
    data = copy.deepcopy(spec_data)
    data["advice"] = {"recommendations": [decision]}
    with pytest.raises(ReportgenError) as err:
        load_answers(write_file(data))
    text = "\n".join(str(p) for p in err.value.problems)
    assert message in text
    assert "advice.recommendations[0]" in text and "answers.yaml:" in text


def test_a_cycle_among_the_consultants_own_recommendations_is_refused(write_file, spec_data):
    data = copy.deepcopy(spec_data)
    data["advice"] = {
        "recommendations": [
            {"id": "a", "add": True, "title": "A", "text": "Do A", "after": "b"},
            {"id": "b", "add": True, "title": "B", "text": "Do B", "after": "a"},
        ]
    }
    with pytest.raises(ReportgenError) as err:
        load_answers(write_file(data))
    assert "wait for each other: a -> b -> a" in "\n".join(str(p) for p in err.value.problems)


def test_a_decision_on_advice_not_given_is_kept_on_record(write_file, spec_data):
    data = copy.deepcopy(spec_data)
    data["advice"] = {"recommendations": [{"id": "market_focus", "owner_name": "A"}]}
    answers = load_answers(write_file(data))
    s = score(answers)
    assert "market_focus" not in by_id(s)
    table = get("appendix").present(Presenter(answers, s, Formatter("en")), None).decisions
    assert table is not None and table.rows[0][1].text == "Not proposed for these answers"


def test_calendar_months_and_overdue(mekong):
    answers, s = mekong
    p = Presenter(answers, s, Formatter("en"))
    r = by_id(s)["model_revision"]
    assert recs.horizon(p, r) == "Aug\u2009–\u2009Oct 2026"  # CLDR's interval format
    assert recs.status(p, by_id(s)["unit_economics"]) == "In progress, overdue"
    vi = Presenter(answers, s, Formatter("vi"))
    assert recs.horizon(vi, r) == "tháng 8/2026 – tháng 10/2026"
