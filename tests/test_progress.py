"""Progress between assessments (issue 30): `--previous` on score and render (answers,
workbook or a delivered report PDF, repeatable or a folder), the chapter "Since the last
assessment", the trend chart from three assessments, the summary's first line, the JSON
`progress` key, and the identity and date checks.

The history is samples/history: three assessments of one client, a year apart in all.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.engine import score, to_json
from reportgen.errors import ReportgenError
from reportgen.i18n import Formatter
from reportgen.present.presenter import Presenter
from reportgen.present.report import build_report
from reportgen.read import load_answers
from reportgen.read.history import previous_inputs, with_history
from reportgen.sections import get

from .support import ROOT, pdf_text

HISTORY = ROOT / "samples" / "history"
FIRST, SECOND = (HISTORY / "earlier" / f"tuyen-xanh-{d}.yaml" for d in ("2025-11", "2026-05"))
NOW = HISTORY / "tuyen-xanh-2026-11.yaml"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def history(*previous, now=NOW):
    answers = load_answers(now)
    return with_history(answers, str(now), previous_inputs([str(p) for p in previous]))


def test_the_json_progress_key(tmp_path):
    result = invoke("score", NOW, "--previous", FIRST, "--previous", SECOND)
    assert result.exit_code == 0, result.stderr
    progress = json.loads(result.stdout)["progress"]
    assert [p["date"] for p in progress["previous"]] == ["2025-11-20", "2026-05-20"]
    assert progress["total"] == {
        "before": 102, "now": 104, "change": 2, "band_before": "fair", "band_now": "fair"
    }
    assert progress["dimensions"]["financial"]["change"] == 2
    assert set(progress["criteria"]["improved"]) == {"unit_economics", "projections_realistic"}
    assert progress["next_band"] == {"band": "good", "points": 16, "criteria": 4}
    assert progress["markets"]["dropped"] == ["MY"]
    statuses = {r["id"]: r for r in progress["recommendations"]}
    assert statuses["growth_plan"]["status"] == "closed"  # no longer called for
    assert statuses["funding_runway"]["status"] == "open"
    assert statuses["funding_runway"]["since"] == "2025-11-20"  # open since the first report
    assert statuses["funding_runway"]["overdue"] is True  # its 0-6 months passed long ago
    assert progress["notes_unchanged"] == ["expansion"]
    # Without a previous assessment: null, as an absent section.
    alone = json.loads(invoke("score", NOW).stdout)
    assert alone["progress"] is None


def test_a_folder_gives_the_history_and_order_does_not_matter(tmp_path):
    folder = tmp_path / "before"
    folder.mkdir()
    for f in (SECOND, FIRST):
        (folder / f.name).write_bytes(f.read_bytes())
    a = to_json(score(history(folder)))["progress"]
    b = to_json(score(history(SECOND, FIRST)))["progress"]
    assert a == b and len(a["previous"]) == 2


def test_a_band_crossing_a_done_and_a_new_recommendation(write_file):
    before = yaml.safe_load(NOW.read_text(encoding="utf-8"))
    now = copy.deepcopy(before)
    before["assessment"]["date"] = dt.date(2026, 5, 20)
    # Now: enough better criteria to reach the good band, funding marked done, and a
    # churn target above the benchmark (new advice).
    now["validation"]["financial"] = {
        "revenue_model_tested": 9, "unit_economics": 9, "funding_identified": 9, "projections_realistic": 9
    }
    now["validation"]["operational"]["risk_mitigation"] = 9
    now["monetization"]["churn_target_monthly_pct"] = 12
    now["advice"] = {"recommendations": [{"id": "funding_runway", "status": "done"}]}
    answers = with_history(
        load_answers(write_file(now, "now.yaml")),
        "now.yaml",
        previous_inputs([str(write_file(before, "before.yaml"))]),
    )
    s = score(answers)
    r = s["progress"]
    assert (r.total.band_before, r.total.band_now) == ("fair", "good")
    status = {a.id: a.status for a in r.advice}
    assert status["funding_runway"] == "done" and status["retention"] == "new"
    for lang in ("en", "vi"):
        p = Presenter(answers, s, Formatter(lang))
        view = get("progress").present(p, r)
        assert p.t("Good").casefold() in view.lead.casefold()
        assert get("progress").present(p, r).chart is None  # two assessments: no trend


def test_the_chapter_and_the_trend_chart_in_both_languages():
    answers = history(FIRST, SECOND)
    s = score(answers)
    for lang in ("en", "vi"):
        report = build_report(answers, s, lang)
        ids = [c.id for c in report.sections]
        assert ids.index("progress") == ids.index("summary") + 1
        view = next(c for c in report.sections if c.id == "progress").view
        assert view.chart is not None and view.chart.svg.count("<circle") == 5 * 3
        summary = next(c for c in report.sections if c.id == "summary").view
        assert summary.sentences[0] == view.lead  # the summary leads with the change
        assert "102" in view.lead and "104" in view.lead
    # Without a previous assessment there is no such chapter (not "not assessed" either).
    alone = build_report(load_answers(NOW), score(load_answers(NOW)), "en")
    assert "progress" not in [c.id for c in alone.sections + alone.not_assessed]


def test_a_carried_over_note_is_flagged_to_the_consultant():
    answers = history(SECOND)
    s = score(answers)
    draft = build_report(answers, s, "en", draft=True)
    assert any("word for word" in item for item in draft.todo)


def test_a_delivered_pdf_is_a_previous_assessment(tmp_path):
    out = tmp_path / "old"
    result = invoke("render", SECOND, "-o", out, "--lang", "en", "--format", "pdf")
    assert result.exit_code == 0, result.stderr
    pdf = out / "tuyen-xanh-2026-05.en.pdf"
    new = tmp_path / "new"
    result = invoke("render", NOW, "-o", new, "--lang", "en", "--format", "pdf", "--previous", pdf)
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text((new / "tuyen-xanh-2026-11.en.pdf").read_bytes()))
    assert "Since the last assessment" in text and "from 102 to 104" in text


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["client"].update(name="Another Co."), "another client's assessment"),
        (lambda d: d["assessment"].update(date=dt.date(2027, 1, 1)), "not before"),
    ],
)
def test_another_client_or_a_later_date_is_refused_unless_forced(write_file, edit, message):
    before = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    edit(before)
    path = write_file(before, "before.yaml")
    result = invoke("score", NOW, "--previous", path)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert invoke("score", NOW, "--previous", path, "--force").exit_code == 0


def test_the_client_id_links_assessments_whatever_the_name(write_file):
    before = yaml.safe_load(SECOND.read_text(encoding="utf-8"))
    now = yaml.safe_load(NOW.read_text(encoding="utf-8"))
    before["client"].update(name="Tuyen Xanh (old name)", id="TX-001")
    now["client"]["id"] = "TX-001"
    answers = with_history(
        load_answers(write_file(now, "now.yaml")),
        "now.yaml",
        previous_inputs([str(write_file(before, "b.yaml"))]),
    )
    assert score(answers)["progress"] is not None
    with pytest.raises(ReportgenError):
        before["client"]["id"] = "TX-002"
        with_history(
            load_answers(write_file(now, "now.yaml")),
            "now.yaml",
            previous_inputs([str(write_file(before, "b.yaml"))]),
        )


# --- batch finds histories by itself -------------------------------------------------------


def _batch(src, out):
    return invoke("batch", src, "-o", out, "--format", "html", "--lang", "en", "--history")


def test_batch_renders_the_latest_with_its_history_and_shows_the_change(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for f in (FIRST, SECOND, NOW, ROOT / "samples" / "lotus-health.yaml"):
        (src / f.name).write_bytes(f.read_bytes())
    result = _batch(src, out)
    assert result.exit_code == 0, result.stderr
    with_chapter = sorted(p.name for p in out.glob("*.html") if 'id="progress"' in p.read_text())
    assert with_chapter == ["tuyen-xanh-2026-11.en.html"]  # the earlier ones render as before
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<td class="num" data-sort="2">↑ +2</td>' in index
    # The client once: its earlier assessments are links in the latest one's row.
    assert index.count("Tuyến Xanh Logistics AI</td>") + index.count("Tuyến Xanh Logistics AI<div") == 1
    assert "Earlier assessments" in index
    assert 'href="tuyen-xanh-2025-11.en.html"' in index and 'href="tuyen-xanh-2026-05.en.html"' in index
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    latest = next(f for f in summary["files"] if f["path"].endswith("2026-11.yaml"))
    assert latest["scores"]["progress"]["total"]["change"] == 2
    # Nothing changed: all up to date; an earlier file changed: the latest renders again.
    def statuses():
        data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        return {Path(f["path"]).name: f["status"] for f in data["files"]}

    assert _batch(src, out).exit_code == 0
    assert set(statuses().values()) == {"skipped"}
    (src / SECOND.name).write_text(SECOND.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert _batch(src, out).exit_code == 0
    assert [n for n, st in sorted(statuses().items()) if st == "rendered"] == [
        "tuyen-xanh-2026-05.yaml",
        "tuyen-xanh-2026-11.yaml",
    ]


def test_batch_two_files_of_one_client_and_date_fail_alone(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for f in (SECOND, NOW, ROOT / "samples" / "lotus-health.yaml"):
        (src / f.name).write_bytes(f.read_bytes())
    (src / "copy.yaml").write_bytes(SECOND.read_bytes())
    result = _batch(src, out)
    assert result.exit_code == 1
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    errors = [f["error"] or "" for f in data["files"] if f["status"] == "failed"]
    assert len(errors) == 2
    assert all("the same client and assessment date (2026-05-20)" in e for e in errors)
    assert "Traceback" not in result.stderr
    assert (out / "lotus-health.en.html").exists() and (out / "tuyen-xanh-2026-11.en.html").exists()
    # Without --history, copies are no concern of the batch: every file renders.
    plain = invoke("batch", src, "-o", tmp_path / "plain", "--format", "html", "--lang", "en")
    assert plain.exit_code == 0


def test_the_handout_leads_with_the_change_in_both_languages():
    from reportgen.present.handout import build_handout

    answers = history(SECOND)
    s = score(answers)
    handout = build_handout(answers, s, ("vi", "en"))
    first = handout.parts[0]
    assert first.id == "progress"
    assert "102" in first.view.line.text and "104" in first.view.line.text
    assert first.view.line.alt and "from 102 to 104" in first.view.line.alt
    alone = build_handout(load_answers(NOW), score(load_answers(NOW)), ("en",))
    assert alone.parts[0].view is None  # a first assessment has no such line


def test_the_preview_shows_the_progress_chapter(tmp_path):
    import http.client
    import shutil

    from reportgen.preview import PreviewOptions, start

    answers = tmp_path / NOW.name
    shutil.copy(NOW, answers)
    running = start(
        PreviewOptions(str(answers), lang="en", previous=(str(HISTORY / "earlier"),)), port=0
    )
    try:
        port = running.server.server_address[1]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/")
        page = conn.getresponse().read().decode()
        conn.close()
    finally:
        running.stop()
    assert 'id="progress"' in page and "from 102 to 104" in page
