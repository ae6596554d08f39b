"""The spec's additions to version 1: markets named by country, free text in both
languages; and Vietnamese conventions for dates, money and language names."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from reportgen.engine import score, to_json
from reportgen.errors import InvalidFileError
from reportgen.i18n import Formatter
from reportgen.present.presenter import Presenter
from reportgen.present.report import build_report
from reportgen.read import load_answers

D = Decimal


def _market(region: str = "eu", **names) -> dict:
    return {
        **names,
        "region": region,
        "regulatory_environment": D(6),
        "competitive_landscape": D(6),
        "cultural_fit": D(7),
        "market_size": D(6),
        "entry_cost": D(5),
        "risk_factors": ["standard_compliance"],
    }


@pytest.fixture
def report(write_file):
    """answers (a dict) -> (the report context in lang, the presenter)."""

    def make(data: dict, lang: str):
        answers = load_answers(write_file(data))
        scores = score(answers)
        return build_report(answers, scores, lang), Presenter(answers, scores, Formatter(lang))

    return make


def _chapter(context, section_id):
    return next(s.view for s in context.sections if s.id == section_id)


def test_a_market_named_by_its_country_shows_the_country_in_each_language(spec_data, report):
    spec_data["expansion"]["markets"] = [_market(country="DE")]
    for lang, name in (("vi", "Đức"), ("en", "Germany")):
        context, _ = report(spec_data, lang)
        ranking = _chapter(context, "expansion").ranking
        assert ranking.rows[0][1].text == name


def test_json_names_a_country_market_by_its_code(spec_data, write_file):
    spec_data["expansion"]["markets"] = [_market(country="de")]  # lower case is read too
    (market,) = to_json(score(load_answers(write_file(spec_data))))["expansion"]["markets"]
    assert (market["name"], market["country"]) == ("DE", "DE")
    json.dumps(market)


def test_a_market_needs_a_name_or_a_country(spec_data, write_file):
    spec_data["expansion"]["markets"] = [_market()]
    with pytest.raises(InvalidFileError) as info:
        load_answers(write_file(spec_data))
    (problem,) = info.value.problems
    assert problem.path == "expansion.markets[0]"
    assert "a market needs a name or a country" in problem.message


def test_a_bilingual_market_name_shows_in_each_language_and_ranks_by_its_english(
    spec_data, write_file, report
):
    spec_data["expansion"]["markets"] = [
        _market("apac", name={"vi": "Đông Nam Á", "en": "Southeast Asia"}),
        _market("apac", name="Australia"),
    ]
    # Equal scores: "Australia" before "Southeast Asia", whatever the Vietnamese says.
    ranked = score(load_answers(write_file(spec_data)))["expansion"].markets
    assert [m.place.key for m in ranked] == ["Australia", "Southeast Asia"]
    vi, _ = report(spec_data, "vi")
    en, _ = report(spec_data, "en")
    assert _chapter(vi, "expansion").ranking.rows[1][1].text == "Đông Nam Á"
    assert _chapter(en, "expansion").ranking.rows[1][1].text == "Southeast Asia"


def test_a_market_listed_twice_by_country_is_refused(spec_data, write_file):
    spec_data["expansion"]["markets"] = [_market(country="DE"), _market(country="DE")]
    with pytest.raises(InvalidFileError) as info:
        load_answers(write_file(spec_data))
    assert "listed twice" in info.value.format_message()


def test_a_name_in_no_known_language_is_an_error_not_a_crash(spec_data, write_file):
    # Found by the schema fuzz test: {x: 1} left an empty name that ranking tripped over.
    spec_data["expansion"]["markets"] = [_market(name={"x": 1}), _market(country="DE")]
    with pytest.raises(InvalidFileError) as info:
        load_answers(write_file(spec_data))
    message = info.value.format_message()
    assert "expansion.markets[0].name.x: unknown key 'x'; expected one of: vi, en" in message


def test_text_in_one_language_only_is_shown_as_given_and_marked(spec_data, report):
    spec_data["client"]["industry"] = {"en": "Online education"}
    spec_data["notes"]["validation"] = {"en": "A sound market case."}
    context, _ = report(spec_data, "vi")
    assert context.cover.industry == "Online education (bằng tiếng Anh)"
    note = _chapter(context, "validation").note
    assert note.paragraphs == (("A sound market case.",),)
    assert (note.lang, note.language) == ("en", "Bằng tiếng Anh")
    # In its own language it is not marked.
    context, _ = report(spec_data, "en")
    assert context.cover.industry == "Online education"
    assert _chapter(context, "validation").note.language is None


def test_both_languages_each_report_its_own(spec_data, report):
    spec_data["client"]["industry"] = {"vi": "Giáo dục trực tuyến", "en": "Online education"}
    assert report(spec_data, "vi")[0].cover.industry == "Giáo dục trực tuyến"
    assert report(spec_data, "en")[0].cover.industry == "Online education"


def test_vietnamese_dates_money_and_language_names():
    f = Formatter("vi")
    assert f.date(dt.date(2026, 10, 1)) == "ngày 1 tháng 10 năm 2026"
    assert f.money(D(120000000), "VND") == "120.000.000\xa0₫"
    assert f.money(D(450000), "USD") == "450.000\xa0US$"  # one style, no stray decimals
    assert f.money(D("1234.5"), "USD") == "1.234,50\xa0US$"
    assert f.labels(["Tiếng Việt", "Tiếng Anh"]) == "Tiếng Việt và tiếng Anh"
    assert Formatter("en").date(dt.date(2026, 10, 1)) == "October 1, 2026"
