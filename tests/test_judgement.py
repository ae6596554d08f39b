"""Advice with judgement (issue 28): unknown is not no, advice fits the client, no
score-chasing, one consistent story, every red figure has its advice, market focus with
reasons, a sequenced plan, the consultant's homework kept out of the advice, and a summary
that argues.

Answers come from real files: the samples, a client written as a consultant would write it
(tests/data/advice/route-optimiser.yaml) and variants of it dumped to tmp_path.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen.engine import score, to_json
from reportgen.i18n import Formatter
from reportgen.present.presenter import Presenter
from reportgen.read import load_answers
from reportgen.sections import get, groups, sections
from reportgen.sections import recommendations as recs
from reportgen.sections.expansion import ECONOMICS_ANSWER
from reportgen.sections.monetization import CHECKED_ANSWER

from .support import SAMPLES

D = Decimal
ROUTE = Path(__file__).parent / "data" / "advice" / "route-optimiser.yaml"


def route() -> dict:
    return yaml.safe_load(ROUTE.read_text(encoding="utf-8"))


@pytest.fixture
def scored(write_file):
    def run(data: dict, lang: str = "en"):
        answers = load_answers(write_file(data))
        s = score(answers)
        return s, Presenter(answers, s, Formatter(lang))

    return run


def client_texts(p: Presenter, r: recs.Recommendation) -> str:
    return " ".join(
        (p.t(groups()[r.id].title), recs.headline(p, r), recs.why(p, r), *recs.steps(p, r))
    )


def variants() -> list[tuple[str, dict]]:
    """The route-optimiser file and edits of it that trigger each rule."""
    out = [("route", route())]
    d = route()
    d["expansion"]["runway_months"] = 30
    out.append(("long-runway", d))
    d = route()
    d["monetization"]["revenue_mix"] = {"api": 65, "enterprise": 35}
    out.append(("focused-mix", d))
    d = route()
    d["monetization"].update(secondary_streams=[], revenue_mix={"api": 100})
    out.append(("one-stream", d))
    d = route()
    del d["expansion"]["compliance"]
    del d["expansion"]["entry_strategy"]
    out.append(("unanswered-expansion", d))
    d = route()
    d["expansion"]["entry_strategy"]["partnership"] = False
    out.append(("no-partner", d))
    d = route()
    d["monetization"].update(secondary_streams=["subscription", "enterprise", "marketplace", "api"])
    d["monetization"]["revenue_mix"] = {
        "api": 40,
        "subscription": 20,
        "enterprise": 20,
        "marketplace": 20,
    }
    out.append(("many-streams", d))
    return out


def all_cases(tmp_path_factory=None):
    for path in SAMPLES:
        yield path.stem, load_answers(path)


# --- 1. unknown is not no -------------------------------------------------------------


def _leaf_paths(data, prefix=""):
    if isinstance(data, dict):
        for k, v in data.items():
            path = f"{prefix}.{k}" if prefix else k
            yield path
            yield from _leaf_paths(v, path)


def _delete(data: dict, path: str) -> None:
    keys = path.split(".")
    node = data
    for k in keys[:-1]:
        node = node[k]
    del node[keys[-1]]


# Lists whose absence the spec reads as "none": no secondary stream is fewer streams.
NONE_WHEN_LEFT_OUT = {"monetization.secondary_streams"}


def test_an_unanswered_key_never_yields_advice_against_the_client(write_file):
    """Delete each key of the consultant's file in turn: wherever the file stays valid, no
    client recommendation addresses the key left out (only a consultant's to-do may)."""
    from reportgen.errors import ReportgenError

    tried = 0
    for path in _leaf_paths(route()):
        if path.split(".")[0] in ("schema_version", "client", "assessment", "notes"):
            continue
        if path in NONE_WHEN_LEFT_OUT:
            continue
        data = route()
        _delete(data, path)
        try:
            answers = load_answers(write_file(data))
        except ReportgenError:
            continue  # a required key: the file is refused, nothing is advised
        tried += 1
        s = score(answers)
        for r in recs.client(s["recommendations"]):
            wrong = [a for a in r.addresses if a == path or a.startswith(path + ".")]
            assert wrong == [], (path, r.id, wrong)
    assert tried >= 20  # the walk really removed optional answers


def test_missing_advantages_do_not_fail_the_platform_indicators(scored):
    s, p = scored(route())
    bm = s["business_model"]
    assert bm.positioning_fits is None and bm.indicators_unknown == 3
    assert "business_model.positioning#mismatch" not in {
        a for r in s["recommendations"] for a in r.actions
    }
    assert "cannot be judged" in get("business_model").present(p, bm).positioning_verdict
    # The section left out is the consultant's to-do, addressed for the contract.
    (gap,) = [r for r in s["recommendations"] if "advantages" in r.addresses]
    assert gap.audience == "consultant"


def test_an_unanswered_partnership_is_unknown_not_a_mistake(scored):
    d = route()
    del d["expansion"]["entry_strategy"]["partnership"]
    s, p = scored(d)
    assert to_json(s)["lessons"][2] == {"id": "local_partners", "applies": True}  # the contract
    actions = {a: r.audience for r in s["recommendations"] for a in r.actions}
    assert "expansion.entry_strategy.partnership#local_partners" not in actions
    assert actions["expansion.entry_strategy.partnership#unanswered"] == "consultant"
    view = get("lessons").present(p, s["lessons"])
    row = view.lessons.rows[2]
    assert row[1].badge.label == "Not assessed"


def test_an_unanswered_checklist_is_a_to_do_not_a_gap(scored):
    d = route()
    # Thailand, the first market, is in Asia-Pacific (an unanswered checklist counts as
    # all open: as many as the EU's, so the lower risk decides).
    del d["expansion"]["compliance"]["apac"]
    d["expansion"]["compliance"]["eu"]["training_data_copyright"] = False
    s, _p = scored(d)
    apac = next(c for c in s["expansion"].compliance if c.region == "apac")
    assert apac.gaps == () and not apac.assessed
    client = recs.client(s["recommendations"])
    assert not [r for r in client if r.id == "compliance_apac"]
    todo = {a for r in recs.todo(s["recommendations"]) for a in r.addresses}
    assert {"expansion.compliance.apac", "expansion.markets[0]"} <= todo


# --- 2. advice fits the client ------------------------------------------------------------


def test_no_free_tier_advice_without_a_free_tier_nor_split_tests_for_38_customers(scored):
    s, p = scored(route())
    text = " ".join(client_texts(p, r) for r in recs.client(s["recommendations"])).casefold()
    for phrase in ("free tier", "free-to-paid", "sign-ups", "a/b"):
        assert phrase not in text, phrase
    actions = {a for r in s["recommendations"] for a in r.actions}
    assert "monetization.pricing_process.ab_testing#few_customers" in actions
    pricing = next(r for r in s["recommendations"] if r.id == "pricing_operations")
    assert "38 paying customers" in recs.deciding_why(p, pricing)


def test_output_filters_only_for_a_product_that_generates_content(scored):
    d = route()
    s, p = scored(d)
    text = " ".join(client_texts(p, r) for r in recs.client(s["recommendations"]))
    assert "output filters" not in text and "outputs" not in text
    d["business_model"]["generates_content"] = True
    s, p = scored(d)
    actions = {a for r in s["recommendations"] for a in r.actions}
    assert "expansion.compliance.apac.content_moderation" in actions


def test_a_new_stream_is_never_one_the_client_has(scored):
    d = route()
    d["monetization"].update(revenue_mix={"api": 65, "enterprise": 35})
    s, p = scored(d)
    (r,) = [r for r in s["recommendations"] if "monetization.secondary_streams#below" in r.actions]
    f = next(f for f in r.findings if f.action == "monetization.secondary_streams#below")
    proposed = recs.step(p, f) if len(r.findings) > 1 else recs.headline(p, r)
    assert "API access" not in proposed and "Enterprise licensing" not in proposed
    assert "Subscription" in proposed or "subscription" in proposed


# --- 3. no score-chasing --------------------------------------------------------------------

SCORE_CHASING = re.compile(
    r"re-score|out of 160|/160|at least 120|good band|poor band|fair band|7\.5 per|"
    r"lifts? the (?:total|score)|validation (?:total|score)",
    re.IGNORECASE,
)


def _everything():
    for stem, answers in all_cases():
        yield stem, answers
    for stem, data in variants():
        yield stem, data


def test_no_recommendation_chases_a_score(write_file):
    for stem, answers in _everything():
        if isinstance(answers, dict):
            answers = load_answers(write_file(answers))
        s = score(answers)
        p = Presenter(answers, s, Formatter("en"))
        for r in recs.client(s["recommendations"]):
            view = recs.view(p, r, 1)
            for text in (view.title, view.text, *view.steps, view.kpis):
                assert not SCORE_CHASING.search(text), (stem, r.id, text)
            assert "7.5" not in view.why and "120" not in view.why, (stem, r.id, view.why)


# --- 4. one consistent story, 5. red figures, 7. a sequenced plan --------------------------


def test_no_declared_contradiction_and_no_to_do_for_a_paused_market(write_file):
    checked = 0
    for stem, answers in _everything():
        if isinstance(answers, dict):
            answers = load_answers(write_file(answers))
        s = score(answers)
        actions = {a for r in recs.client(s["recommendations"]) for a in r.actions}
        for a, b in recs.CONTRADICTIONS:
            assert not (a in actions and b in actions), (stem, a, b)
        e = s["expansion"]
        if e is not None:
            regions = {m.region for m in e.kept}
            for r in recs.client(s["recommendations"]):
                if r.id == "market_focus":
                    continue
                for path in r.addresses:
                    m = re.match(r"expansion\.compliance\.(\w+)\.", path)
                    assert not m or m.group(1) in regions, (stem, r.id, path)
        # The partner lesson and the partner failure factor never disagree.
        p = Presenter(answers, s, Formatter("en"))
        lessons = get("lessons").present(p, s["lessons"])
        partner = next(f for f in s["lessons"].failure_factors if f.id == "partner_failure")
        if partner.evident:
            assert lessons.lessons.rows[2][1].badge.label != "Mistake avoided", stem
        checked += 1
    assert checked >= len(SAMPLES) + 7


def _unfavourable(benchmark):
    lo, hi = benchmark.low, benchmark.high
    sides = []
    if benchmark.better != "lower":
        sides.append(("below", lo - 1 if benchmark.unit != "percent" or lo >= 1 else lo / 2))
    # (Five streams or more cannot be answered: there are four kinds of stream.)
    if benchmark.better != "higher" and benchmark.id != "streams":
        sides.append(("above", hi + 1))
    return sides


ANSWER = {
    **{b: f"{p}" for b, p in CHECKED_ANSWER.items()},
    **{b: f"expansion.{a}" for b, a in ECONOMICS_ANSWER.items()},
}
FIGURES = [
    (section.id, b, side, value)
    for section in sections()
    for b in section.benchmarks
    for side, value in _unfavourable(b)
]


@pytest.mark.parametrize(
    ("section", "benchmark", "side", "value"),
    FIGURES,
    ids=[f"{b.id}-{side}" for _s, b, side, _v in FIGURES],
)
def test_every_red_figure_has_its_advice(scored, section, benchmark, side, value):
    d = route()
    path = ANSWER[benchmark.id]
    if benchmark.id == "streams":
        streams = ["subscription", "enterprise", "marketplace", "api"]
        n = int(value)
        d["monetization"]["primary_stream"] = "api"
        d["monetization"]["secondary_streams"] = [x for x in streams if x != "api"][: n - 1]
        mix = {"api": 65}
        for x in d["monetization"]["secondary_streams"]:
            mix[x] = round(35 / (n - 1), 4) if n > 1 else 0
        mix["api"] = 100 - sum(v for k, v in mix.items() if k != "api")
        d["monetization"]["revenue_mix"] = mix
    elif benchmark.id == "primary_share":
        share = float(value)
        d["monetization"]["revenue_mix"] = {"api": share, "enterprise": 100 - share}
    else:
        node = d
        keys = path.split(".")
        for k in keys[:-1]:
            node = node[k]
        node[keys[-1]] = float(value)
    s, _p = scored(d)
    checks = {c.id: c for c in getattr(s[section], "checks", getattr(s[section], "economics", ()))}
    assert checks[benchmark.id].verdict == "weakness", (benchmark.id, side)
    addressed = {a for r in recs.client(s["recommendations"]) for a in r.addresses}
    assert path in addressed, (benchmark.id, side)


def test_the_plan_respects_dependencies_and_owner_load(write_file):
    for stem, answers in _everything():
        if isinstance(answers, dict):
            answers = load_answers(write_file(answers))
        advice = recs.client(score(answers)["recommendations"])
        by_id = {r.id: r for r in advice}
        for r in advice:
            for d in r.after:
                assert r.horizon[0] >= by_id[d].horizon[1], (stem, r.id, d)
            assert set(recs.waits_for(r)) & set(by_id) == set(r.after), (stem, r.id)
        for month in range(0, 48):
            load: dict[str, int] = {}
            for r in advice:
                if r.horizon[0] <= month < r.horizon[1]:
                    load[r.owner] = load.get(r.owner, 0) + 1
            assert max(load.values(), default=0) <= recs.MAX_CONCURRENT, (stem, month, load)


def test_the_declared_dependencies_have_no_cycle():
    # schedule() raises on a cycle; every group at once is the worst case.
    fake = [
        recs.Recommendation(g, 1, a.phase, (g,), a.horizon, a.owner, a.kpis, a.source, ())
        for g, a in groups().items()
    ]
    placed = recs.schedule(fake)
    assert len(placed) == len(fake)


# --- 6. market focus, 8. homework, 10. the summary argues ----------------------------------


def test_one_market_first_when_the_runway_cannot_reach_break_even(scored):
    s, p = scored(route())
    e = s["expansion"]
    assert e.focus == "break_even"
    assert [p.place(m.place) for m in e.kept] == ["Thailand"]
    focus = next(r for r in s["recommendations"] if r.id == "market_focus")
    text = client_texts(p, focus) + " " + recs.deciding_why(p, focus)
    assert "14" in text and "20 months" in text
    d = route()
    d["expansion"]["runway_months"] = 30
    s, p = scored(d)
    # Three first, the high-risk Germany held back whatever its score.
    assert s["expansion"].focus == "count"
    assert "Germany" not in [p.place(m.place) for m in s["expansion"].kept]
    assert len(s["expansion"].kept) == 3


def test_the_consultants_homework_is_not_advice(scored):
    s, p = scored(route())
    (gap,) = recs.todo(s["recommendations"])
    assert gap.id == "assessment_gaps" and gap.audience == "consultant"
    view = get("recommendations").present(p, s["recommendations"])
    assert all(v.title != "Completing the assessment" for v in view.items)
    plan = get("plan").present(p, None)
    assert all("Completing" not in row[1].text for ph in plan.phases for row in ph.table.rows)
    appendix = get("appendix").present(p, None)
    assert appendix.not_assessed is not None
    assert "competitive advantage" in appendix.not_assessed.rows[0][0].text


def test_the_summary_quotes_the_deciding_figures_and_names_the_first_market(scored):
    for lang, month_words in (("en", ("14", "20")), ("vi", ("14", "20"))):
        s, p = scored(route(), lang)
        summary = get("summary").present(p, None)
        text = " ".join(summary.sentences)
        assert all(w in text for w in month_words), text
        assert p.place(s["expansion"].kept[0].place) in text


def test_a_draft_lists_the_consultants_to_dos_and_the_final_report_does_not():
    from reportgen.present.report import build_report

    answers = load_answers(ROUTE)
    s = score(answers)
    draft = build_report(answers, s, "en", draft=True)
    final = build_report(answers, s, "en")
    assert any("competitive advantage" in item for item in draft.todo)
    assert final.todo == ()


def test_a_few_large_customers_get_deal_evidence_and_a_runway_short_of_break_even_no_18_months(
    scored,
):
    s, p = scored(route())
    actions = {a for r in s["recommendations"] for a in r.actions}
    # 38 customers: no channel tests, but the deals won and lost.
    assert "validation.market.acquisition_strategy#few_customers" in actions
    assert "validation.market.acquisition_strategy" not in actions
    # 14 months of runway against 20 to break even: the target is the break-even period,
    # not the lesson's 18 months (which would still leave the company short).
    assert "expansion.months_to_positive_unit_economics#runway" in actions
    assert "expansion.runway_months#runway" not in actions
    funding = next(r for r in s["recommendations"] if r.id == "funding_runway")
    assert "expansion.runway_months" in funding.addresses  # the lesson's answer, addressed


def test_the_first_decision_is_the_most_urgent_advice_with_or_without_an_expansion():
    for path in SAMPLES:
        answers = load_answers(path)
        s = score(answers)
        p = Presenter(answers, s, Formatter("en"))
        advice = recs.client(s["recommendations"])
        decision = get("summary").present(p, None).decision
        assert decision == (recs.headline(p, advice[0]) if advice else decision), path.stem
        assert advice or "No weakness" in decision
