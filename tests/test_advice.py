"""Advice: every weakness signal of the spec is addressed by a recommendation, at its
boundary; recommendations are instructions, not checklist labels; the plan holds each
once; the JSON carries the spec's keys; related gaps merge; nothing contradicts.

Answers come from real files (the spec example, edited, dumped to tmp_path).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from reportgen.blocks import advice
from reportgen.blocks.rubric import ids
from reportgen.engine import score, to_json
from reportgen.i18n import Formatter
from reportgen.present.presenter import Presenter
from reportgen.read import load_answers
from reportgen.sections import actions, answer_sections, get, groups
from reportgen.sections import recommendations as recs
from reportgen.sections.advantages import rubric as r_adv
from reportgen.sections.critical_success_factors import rubric as r_csf
from reportgen.sections.expansion import rubric as r_exp
from reportgen.sections.monetization import rubric as r_mon
from reportgen.sections.validation import rubric as r_val

from .support import SAMPLES, with_every_section

D = Decimal
# The answers file's optional parts, from the registry: a new one is tested by itself.
OPTIONAL = tuple(s.id for s in answer_sections() if not s.required and s.absent_is_gap)
PLACEHOLDERS = {
    *("score", "max", "value", "low", "high", "months", "count", "markets", "paused"),
    *("todo", "region", "streams"),  # lists of msgids (findings.Phrases)
    "customers",
}


@pytest.fixture
def scored(write_file):
    def run(data: dict):
        return score(load_answers(write_file(data)))

    return run


@pytest.fixture
def presenter(write_file):
    """A presenter of the answers in data, for a language: how the report words them."""

    def make(data: dict, lang: str = "en") -> Presenter:
        answers = load_answers(write_file(data))
        return Presenter(answers, score(answers), Formatter(lang))

    return make


def addressed(scores) -> set[str]:
    return {p for r in scores["recommendations"] for p in r.addresses}


def neutral(data: dict) -> dict:
    """The spec example with every weakness removed: nothing left to recommend. (A part
    the spec example lacks gets strong answers from its schema.)"""
    with_every_section(data)
    for d in r_val.DIMENSIONS:
        for i in d.item_ids:
            data["validation"][d.id][i] = D(9)
    for t in r_adv.ADVANTAGE_TYPES:
        for i in t.item_ids:
            data["advantages"][t.id][i] = D(8)
    m = data["monetization"]
    m["pricing_process"] = {i: True for i in r_mon.PRICING_PROCESS.item_ids}
    data["critical_success_factors"] = {i: True for i in ids(r_csf.CRITICAL_SUCCESS_FACTORS)}
    data["expansion"]["compliance"]["apac"]["local_partner_requirements"] = True
    data["business_model"]["positioning"] = "platform"  # every platform indicator is met
    return data


def test_answers_without_a_weakness_get_no_recommendation(scored, spec_data):
    s = scored(neutral(spec_data))
    assert s["recommendations"] == ()
    assert to_json(s)["recommendations"] == []


# --- each signal at its boundary -----------------------------------------------------


@pytest.mark.parametrize("dimension", r_val.DIMENSIONS, ids=lambda d: d.id)
@pytest.mark.parametrize(("value", "weak"), [("5", True), ("5.01", False)])
def test_signal_1_a_criterion_of_5_or_less(scored, spec_data, dimension, value, weak):
    data = neutral(spec_data)
    item = dimension.item_ids[0]
    data["validation"][dimension.id][item] = D(value)
    assert (f"validation.{dimension.id}.{item}" in addressed(scored(data))) is weak


@pytest.mark.parametrize("kind", r_adv.ADVANTAGE_TYPES, ids=lambda t: t.id)
@pytest.mark.parametrize(("value", "weak"), [("4", True), ("4.01", False)])
def test_signal_2_an_advantage_item_of_4_or_less(scored, spec_data, kind, value, weak):
    data = neutral(spec_data)
    item = kind.item_ids[-1]
    data["advantages"][kind.id][item] = D(value)
    assert (f"advantages.{kind.id}.{item}" in addressed(scored(data))) is weak


@pytest.mark.parametrize(
    "key",
    ["pricing_validated", "unit_economics_calculated"]
    + [f"pricing_process.{i}" for i in r_mon.PRICING_PROCESS.item_ids],
)
def test_signal_3_a_monetization_check_answered_false(scored, spec_data, key):
    data = neutral(spec_data)
    *parent, leaf = key.split(".")
    target = data["monetization"]
    for part in parent:
        target = target[part]
    target[leaf] = False
    assert f"monetization.{key}" in addressed(scored(data))
    target[leaf] = True
    assert addressed(scored(data)) == set()


@pytest.mark.parametrize(
    ("key", "value", "path", "weak"),
    [
        ("churn_target_monthly_pct", "10.01", "monetization.churn_target_monthly_pct", True),
        ("churn_target_monthly_pct", "10", "monetization.churn_target_monthly_pct", False),
        ("revenue_growth_target_pct", "99.9", "monetization.revenue_growth_target_pct", True),
        ("revenue_growth_target_pct", "100", "monetization.revenue_growth_target_pct", False),
    ],
)
def test_signal_4_a_benchmark_missed_on_its_unfavourable_side(
    scored, spec_data, key, value, path, weak
):
    data = neutral(spec_data)
    data["monetization"][key] = D(value)
    assert (path in addressed(scored(data))) is weak


@pytest.mark.parametrize(
    ("secondary", "mix", "path"),
    [
        (["subscription"], {"api": 65, "subscription": 35}, "monetization.secondary_streams"),
        (["subscription", "enterprise"], {"api": 59, "subscription": 21, "enterprise": 20},
         "monetization.revenue_mix"),
        (["subscription", "enterprise"], {"api": 71, "subscription": 19, "enterprise": 10},
         "monetization.revenue_mix"),
    ],
)
def test_signal_4_streams_and_primary_share(scored, spec_data, secondary, mix, path):
    data = neutral(spec_data)
    data["monetization"]["secondary_streams"] = secondary
    data["monetization"]["revenue_mix"] = {k: D(v) for k, v in mix.items()}
    assert path in addressed(scored(data))


@pytest.mark.parametrize(("key", "value"), [("churn_target_monthly_pct", "4.9"), ("revenue_growth_target_pct", "300.1")])
def test_a_favourable_miss_is_not_a_weakness_but_asks_for_evidence(
    scored, spec_data, presenter, key, value
):
    data = neutral(spec_data)
    data["monetization"][key] = D(value)
    s = scored(data)
    check = {c.id: c for c in s["monetization"].checks}["churn" if "churn" in key else "growth"]
    assert check.verdict == "favourable"
    (rec,) = s["recommendations"]
    assert rec.id == "benchmark_evidence"
    assert rec.urgency == min(g.urgency for g in advice.GROUPS.values() if g.audience == "client")
    assert "beats" in recs.why(presenter(data), rec)


@pytest.mark.parametrize("group", r_exp.COMPLIANCE, ids=lambda g: g.id)
def test_signal_5_a_compliance_item_open_where_a_market_is_planned(scored, spec_data, group):
    data = neutral(spec_data)
    market = data["expansion"]["markets"][0]
    market["region"] = group.id
    data["expansion"]["compliance"][group.id] = {i: True for i in group.item_ids}
    item = group.item_ids[1]
    data["expansion"]["compliance"][group.id][item] = False
    assert f"expansion.compliance.{group.id}.{item}" in addressed(scored(data))
    # Where no market of the region is planned, its open items wait.
    market["region"] = "other"
    assert f"expansion.compliance.{group.id}.{item}" not in addressed(scored(data))


def _market(name: str, region: str = "apac", fit: int = 7) -> dict:
    return {
        "name": name,
        "region": region,
        "regulatory_environment": D(6),
        "competitive_landscape": D(6),
        "cultural_fit": D(fit),
        "market_size": D(6),
        "entry_cost": D(5),
        "risk_factors": ["standard_compliance"],
    }


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda e: e["markets"].extend(_market(n) for n in ("A", "B", "C")), "expansion.markets"),
        (lambda e: e["entry_strategy"].update(compliance_timeline_months=D("5.9")),
         "expansion.entry_strategy.compliance_timeline_months"),
        (lambda e: e["entry_strategy"].update(partnership=False),
         "expansion.entry_strategy.partnership"),
        (lambda e: e.update(runway_months=D("17.9")), "expansion.runway_months"),
    ],
    ids=["focus_markets", "preparation_time", "local_partners", "runway"],
)
def test_signal_6_a_lesson_that_applies(scored, spec_data, edit, path):
    data = neutral(spec_data)
    assert addressed(scored(data)) == set()
    edit(data["expansion"])
    assert path in addressed(scored(data))


@pytest.mark.parametrize(
    ("market", "factor"),
    [(_market("France", "eu"), "regulatory_blindness"), (_market("Peru", "other", fit=4), "cultural_mismatch")],
)
def test_signal_6_a_failure_factor_names_its_market(scored, spec_data, market, factor):
    data = neutral(spec_data)
    data["expansion"]["markets"].append(market)
    data["expansion"]["entry_strategy"]["localization"] = ["language"]  # not for culture
    s = scored(data)
    assert {f.id: f.shows for f in s["lessons"].failure_factors}[factor]
    assert "expansion.markets[1]" in addressed(s)


@pytest.mark.parametrize("factor", ids(r_csf.CRITICAL_SUCCESS_FACTORS))
def test_signal_7_a_success_factor_not_in_place(scored, spec_data, factor):
    data = neutral(spec_data)
    data["critical_success_factors"][factor] = False
    assert f"critical_success_factors.{factor}" in addressed(scored(data))


@pytest.mark.parametrize("section", OPTIONAL)
def test_signal_8_an_absent_optional_section(scored, spec_data, section):
    data = neutral(spec_data)
    del data[section]
    s = scored(data)
    assert section in addressed(s)
    (gap,) = [r for r in s["recommendations"] if section in r.addresses]
    assert gap.id == "assessment_gaps"


# --- merging, wording, plan, JSON ---------------------------------------------------------


def test_related_gaps_merge_into_one_recommendation_listing_them(scored, spec_data, presenter):
    data = neutral(spec_data)
    data["monetization"]["pricing_process"]["ab_testing"] = False
    data["monetization"]["pricing_process"]["monthly_review"] = False
    s = scored(data)
    (rec,) = s["recommendations"]
    assert rec.id == "pricing_operations"
    assert set(rec.addresses) == {
        "monetization.pricing_process.ab_testing",
        "monetization.pricing_process.monthly_review",
    }
    for lang, joiner in (("en", " and "), ("vi", " và ")):
        text = recs.headline(presenter(data, lang), rec)
        assert joiner in text  # the two items, joined by Babel's list formatting


def _sample_views():
    for path in SAMPLES:
        a = load_answers(path)
        s = score(a)
        for lang in ("vi", "en"):
            p = Presenter(a, s, Formatter(lang))
            yield path.stem, lang, p, s


# The labels that describe a finished state ("AI Act risk assessment completed"): pasted
# into an instruction they read wrong. (Advantage items are named by a quality, such as
# "Switching costs", which an instruction may well name.)
CHECKLIST_LABELS = [
    *(i.label for d in r_val.DIMENSIONS for i in d.items),
    *(i.label for i in r_mon.PRICING_PROCESS.items),
    *(i.label for i in r_mon.MONETIZATION_CHECKS),
    *(i.label for g in r_exp.COMPLIANCE for i in g.items),
    *(i.label for i in r_csf.CRITICAL_SUCCESS_FACTORS),
]


def test_no_recommendation_pastes_a_checklist_label():
    for stem, lang, p, s in _sample_views():
        labels = [p.t(label).casefold() for label in CHECKLIST_LABELS]
        for r in s["recommendations"]:
            text = " ".join((recs.headline(p, r), *recs.steps(p, r))).casefold()
            pasted = [label for label in labels if label in text]
            assert pasted == [], (stem, lang, r.id, pasted)


def test_the_plan_holds_every_recommendation_exactly_once():
    for stem, _lang, p, s in _sample_views():
        plan = get("plan").present(p, None)
        rows = [row[0].text for phase in plan.phases for row in phase.table.rows]
        advice_ = recs.client(s["recommendations"])
        numbers = [p.f.number(n) for n in range(1, len(advice_) + 1)]
        assert sorted(rows) == sorted(numbers) and len(set(rows)) == len(rows), stem
        # And the timeline draws one bar per recommendation (a closed subpath of its
        # phase's path).
        bars = re.findall(r'<path d="([^"]*)" fill="#[0-9a-f]{6}"/>', plan.chart.svg)
        assert sum(d.count("Z") for d in bars) == len(advice_), stem


def test_json_carries_the_spec_keys():
    roles, kpis = ids(advice.ROLES), set(ids(advice.KPIS))
    for path in SAMPLES:
        for rec in to_json(score(load_answers(path)))["recommendations"]:
            assert {"id", "urgency", "addresses", "horizon_months", "owner", "kpis"} <= set(rec)
            assert isinstance(rec["urgency"], int)
            start, end = rec["horizon_months"]
            assert isinstance(start, int) and isinstance(end, int) and 0 <= start < end
            assert rec["owner"] in roles
            assert rec["kpis"] and set(rec["kpis"]) <= kpis
            assert rec["addresses"] and all(isinstance(a, str) for a in rec["addresses"])


def test_a_paused_market_is_never_adapted_to():
    # Hoa Sen plans five markets: the plan keeps three and no other recommendation
    # prepares for the two it pauses.
    path = next(p for p in SAMPLES if p.stem == "hoa-sen-edtech")
    a = load_answers(path)
    s = score(a)
    paused = [m.place.key for m in s["expansion"].paused]
    assert paused
    p = Presenter(a, s, Formatter("en"))
    for r in s["recommendations"]:
        if r.id == "market_focus":
            continue
        text = " ".join((recs.headline(p, r), recs.why(p, r), *recs.steps(p, r)))
        assert not any(name in text for name in paused), (r.id, text)


# --- the rubric's advice is complete and well formed ------------------------------------


CHECKABLE = [
    *(f"validation.{d.id}.{i}" for d in r_val.DIMENSIONS for i in d.item_ids),
    *(f"advantages.{t.id}.{i}" for t in r_adv.ADVANTAGE_TYPES for i in t.item_ids),
    "monetization.pricing_validated",
    "monetization.unit_economics_calculated",
    *(f"monetization.pricing_process.{i}" for i in r_mon.PRICING_PROCESS.item_ids),
    *(f"expansion.compliance.{g.id}.{i}" for g in r_exp.COMPLIANCE for i in g.item_ids),
    *(f"critical_success_factors.{i}" for i in ids(r_csf.CRITICAL_SUCCESS_FACTORS)),
    *(f"{s}#absent" for s in OPTIONAL),
]


def test_every_checkable_item_has_its_own_action():
    missing = [k for k in CHECKABLE if k not in actions()]
    assert missing == []
    texts = [actions()[k].action for k in CHECKABLE]
    assert len(set(texts)) == len(texts)  # each item its own instruction


def test_every_action_names_known_roles_kpis_groups_and_sources():
    roles, kpis = set(ids(advice.ROLES)), set(ids(advice.KPIS))
    sources = set(ids(advice.SOURCES))
    for key, a in actions().items():
        assert a.owner in roles, key
        assert a.kpis and set(a.kpis) <= kpis, key
        assert a.group in groups(), key
        assert a.source in sources, key
        start, end = a.horizon
        assert 0 <= start < end, key
        for text in (a.action, a.noun, a.why):
            assert set(re.findall(r"%\((\w+)\)s", text)) <= PLACEHOLDERS, (key, text)
    for g in groups().values():
        assert g.owner in roles and set(g.kpis) <= kpis and g.source in sources
        assert "%(items)s" in g.message
