"""The answers loader: every error kind with its full message, and what it accepts.

Each test writes a real file to tmp_path, mostly the spec example with one edit, and
asserts the whole problem line: file, line, key path and what was expected.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from reportgen.errors import EXIT_INVALID, InvalidFileError, Problem
from reportgen.read import load_answers, parse_answers
from reportgen.read.yamltree import MAX_FILE_BYTES
from reportgen.sections import answer_sections

EXPECTED_MAPPING = "expected a mapping with schema_version, client, assessment and validation"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of text that contains needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


def load_error(path) -> InvalidFileError:
    with pytest.raises(InvalidFileError) as info:
        load_answers(path)
    return info.value


def only_problem(path) -> Problem:
    error = load_error(path)
    assert len(error.problems) == 1, error.format_message()
    return error.problems[0]


# --- what loads --------------------------------------------------------------------------


def test_spec_example_loads_into_exact_values(spec_file):
    answers = load_answers(spec_file())
    assert answers.schema_version == 1
    assert answers.client.name == "Công ty Cổ phần Sao Mai AI"
    assert answers.client.country == "VN"
    assert answers.assessment.date == dt.date(2026, 11, 20)
    assert answers.assessment.languages == ("vi", "en")
    assert answers.assessment.currency == "VND"
    market = answers["validation"]["market"]
    assert market["market_size"] == Decimal(7)
    assert isinstance(market["market_size"], Decimal)
    assert answers["advantages"]["technology_differentiation"]["patent_protection"] == Decimal(3)
    assert dict(answers["monetization"].revenue_mix) == {
        "api": Decimal(65),
        "subscription": Decimal(20),
        "enterprise": Decimal(15),
    }
    assert answers["monetization"].pricing_validated is True
    [singapore] = answers["expansion"].markets
    assert singapore.name == "Singapore" and singapore.country is None
    assert singapore.criteria["entry_cost"] == Decimal(4)
    assert singapore.risk_factors == (
        "established_international_competitors",
        "clear_ai_friendly_regulation",
    )
    assert answers["expansion"].entry_strategy.partnership is True
    assert answers["critical_success_factors"]["multiple_revenue_streams"] is False
    assert answers.notes["lessons"] == (
        "Consultant's own lessons, shown in the lessons-learned section.",
    )


def test_absent_optional_sections_are_none_and_defaults_apply(spec_data, write_file):
    data = {k: spec_data[k] for k in ("schema_version", "client", "assessment", "validation")}
    del data["assessment"]["languages"], data["assessment"]["currency"]
    answers = load_answers(write_file(data))
    assert answers["business_model"] is None
    assert answers["advantages"] is None
    assert answers["monetization"] is None
    assert answers["expansion"] is None
    assert answers["critical_success_factors"] is None
    assert dict(answers.notes) == {}
    assert answers.assessment.languages == ("vi", "en")
    assert answers.assessment.currency == "USD"


@pytest.mark.parametrize(
    ("old", "new", "section", "group", "item", "value"),
    [
        (
            "customer_problem: 8",
            "customer_problem: 0",
            "validation",
            "market",
            "customer_problem",
            "0",
        ),
        (
            "customer_problem: 8",
            "customer_problem: 10",
            "validation",
            "market",
            "customer_problem",
            "10",
        ),
        (
            "customer_problem: 8",
            "customer_problem: 9.75",
            "validation",
            "market",
            "customer_problem",
            "9.75",
        ),
        (
            "brand_trust: 6",
            "brand_trust: 1",
            "advantages",
            "customer_relationship",
            "brand_trust",
            "1",
        ),
        (
            "brand_trust: 6",
            "brand_trust: 10",
            "advantages",
            "customer_relationship",
            "brand_trust",
            "10",
        ),
    ],
)
def test_range_bounds_are_accepted(spec_file, old, new, section, group, item, value):
    answers = load_answers(spec_file((old, new)))
    assert answers[section][group][item] == Decimal(value)


@pytest.mark.parametrize("value", ["1", "10"])
def test_market_criterion_bounds_are_accepted(spec_file, value):
    answers = load_answers(spec_file(("entry_cost: 4", f"entry_cost: {value}")))
    assert answers["expansion"].markets[0].criteria["entry_cost"] == Decimal(value)


# --- required keys, types, ranges ----------------------------------------------------------


def test_missing_required_key_names_section_line_and_key(spec_file, spec_text):
    path = spec_file(('  assessor: "Nguyễn Thị Lan"             # required\n', ""))
    problem = only_problem(path)
    line = line_of(spec_text, "assessment:")
    assert str(problem) == f"{path}:{line}: assessment.assessor: missing required key 'assessor'"


def test_missing_criterion_names_its_dimension(spec_file, spec_text):
    path = spec_file(("    market_size: 7\n", ""))
    problem = only_problem(path)
    line = line_of(spec_text, "  market:")
    assert str(problem) == f"{path}:{line}: validation.market.market_size: missing required key 'market_size'"
    assert (problem.file, problem.line, problem.path) == (
        str(path),
        line,
        "validation.market.market_size",
    )


def test_missing_required_section(spec_data, write_file):
    del spec_data["validation"]
    path = write_file(spec_data)
    assert str(only_problem(path)) == f"{path}:1: validation: missing required key 'validation'"


@pytest.mark.parametrize(
    ("old", "new", "key_path", "expected"),
    [
        (
            "customer_problem: 8",
            "customer_problem: high",
            "validation.market.customer_problem",
            "expected a number from 0 to 10, got the text 'high'",
        ),
        (
            "secondary_streams: [subscription, enterprise]",
            "secondary_streams: subscription",
            "monetization.secondary_streams",
            "expected a list of api, subscription, enterprise, marketplace, "
            "got the text 'subscription'",
        ),
        (
            "runway_months: 20",
            "runway_months: [20]",
            "expansion.runway_months",
            "expected a number from 0 to 600, got a list",
        ),
        (
            '- name: "Singapore"',
            "- name: [Singapore]",
            "expansion.markets[0].name",
            "expected non-empty text, got a list",
        ),
        (
            "region: apac",
            "region: asia",
            "expansion.markets[0].region",
            "expected one of eu, apac, other, got the text 'asia'",
        ),
        (
            "type: api_access",
            "type: api_acess",
            "business_model.type",
            "expected one of api_access, subscription_saas, enterprise_licensing, "
            "custom_development, token_based, marketplace, data_monetization, ad_supported, "
            "infrastructure, platform_paas, generative_saas, got the text 'api_acess'; "
            "did you mean 'api_access'?",
        ),
        (
            "  monthly_review: true",
            "  monthly_review: 1",
            "monetization.pricing_process.monthly_review",
            "expected true or false, got the number 1",
        ),
        (
            'country: "VN"',
            'country: "Vietnam"',
            "client.country",
            "expected an ISO 3166 alpha-2 country code such as VN or SG, got the text 'Vietnam'",
        ),
        (
            "currency: VND",
            "currency: DONG",
            "assessment.currency",
            "expected an ISO 4217 currency code such as VND or USD, got the text 'DONG'",
        ),
    ],
)
def test_wrong_type_names_line_path_and_expectation(spec_file, old, new, key_path, expected):
    path = spec_file((old, new))
    line = line_of(path.read_text(encoding="utf-8"), new)
    assert str(only_problem(path)) == f"{path}:{line}: {key_path}: {expected}"


def test_section_that_is_not_a_mapping(spec_data, write_file):
    spec_data["client"] = "Sao Mai"
    path = write_file(spec_data)
    line = line_of(path.read_text(encoding="utf-8"), "client:")
    assert (
        str(only_problem(path))
        == f"{path}:{line}: client: expected a mapping, got the text 'Sao Mai'"
    )


def test_empty_section_is_an_error_not_an_absent_section(spec_file, spec_text):
    block = spec_text[spec_text.index("critical_success_factors:") : spec_text.index("notes:")]
    path = spec_file((block, "critical_success_factors:\n\n"))
    line = line_of(spec_text, "critical_success_factors:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: critical_success_factors: the section is empty; fill it in or remove it"
    )


# key -> (its value in the spec example, its key path)
IN_SPEC_EXAMPLE = {
    "customer_problem": ("8", "validation.market.customer_problem"),
    "brand_trust": ("6", "advantages.customer_relationship.brand_trust"),
    "entry_cost": ("4", "expansion.markets[0].entry_cost"),
    "churn_target_monthly_pct": ("6", "monetization.churn_target_monthly_pct"),
    "runway_months": ("20", "expansion.runway_months"),
}


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("customer_problem", "11", "from 0 to 10, got 11"),
        ("customer_problem", "-1", "from 0 to 10, got -1"),
        ("customer_problem", "10.01", "from 0 to 10, got 10.01"),
        ("brand_trust", "0", "from 1 to 10, got 0"),
        ("brand_trust", "11", "from 1 to 10, got 11"),
        ("entry_cost", "11", "from 1 to 10, got 11"),
        ("entry_cost", "0.5", "from 1 to 10, got 0.5"),
        ("churn_target_monthly_pct", "101", "from 0 to 100, got 101"),
        ("runway_months", "-1", "from 0 to 600, got -1"),
    ],
)
def test_out_of_range_is_an_error_never_clamped(spec_file, spec_text, key, value, expected):
    original, key_path = IN_SPEC_EXAMPLE[key]
    path = spec_file((f"{key}: {original}", f"{key}: {value}"))
    line = line_of(spec_text, f"{key}: {original}")
    assert str(only_problem(path)) == (
        f"{path}:{line}: {key_path}: expected a number {expected} (out of range)"
    )


# --- unknown keys --------------------------------------------------------------------------


def test_unknown_key_suggests_the_closest_id(spec_file, spec_text):
    path = spec_file(("    market_size: 7\n", "    market_sise: 7\n"))
    error = load_error(path)
    line = line_of(spec_text, "    market_size: 7")
    assert [str(p) for p in error.problems] == [
        f"{path}:{line - 2}: validation.market.market_size: missing required key 'market_size'",
        f"{path}:{line}: validation.market.market_sise: unknown key 'market_sise'; "
        "did you mean 'market_size'?",
    ]


def test_misspelt_section_suggests_the_section(spec_file, spec_text):
    path = spec_file(("\nadvantages:", "\nadvantage:"))
    line = line_of(spec_text, "advantages:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: advantage: unknown key 'advantage'; did you mean 'advantages'?"
    )


def test_unknown_key_far_from_any_id_lists_the_ids(spec_file):
    path = spec_file(("schema_version: 1\n", "schema_version: 1\nzzz: 1\n"))
    parts = ", ".join(s.id for s in answer_sections())
    assert str(only_problem(path)) == (
        f"{path}:2: zzz: unknown key 'zzz'; expected one of: schema_version, client, "
        f"assessment, {parts}, notes"
    )
    assert parts.startswith("validation, business_model, advantages")


def test_unknown_stream_in_revenue_mix(spec_file, spec_text):
    path = spec_file(("enterprise: 15}", "enterprize: 15}"))
    line = line_of(spec_text, "revenue_mix:")
    assert [str(p) for p in load_error(path).problems] == [
        f"{path}:{line}: monetization.revenue_mix.enterprize: unknown key 'enterprize'; "
        "did you mean 'enterprise'?",
        f"{path}:{line}: monetization.revenue_mix: the shares must sum to 100 (within 0.5), got 85",
    ]


# --- revenue mix ---------------------------------------------------------------------------


@pytest.mark.parametrize("enterprise", ["15.5", "14.5", "15"])
def test_revenue_mix_within_half_a_percent_of_100_is_accepted(spec_file, enterprise):
    answers = load_answers(spec_file(("enterprise: 15}", f"enterprise: {enterprise}}}")))
    assert answers["monetization"].revenue_mix["enterprise"] == Decimal(enterprise)


@pytest.mark.parametrize(
    ("enterprise", "total"), [("15.6", "100.6"), ("14.4", "99.4"), ("25", "110")]
)
def test_revenue_mix_not_summing_to_100_is_an_error(spec_file, spec_text, enterprise, total):
    path = spec_file(("enterprise: 15}", f"enterprise: {enterprise}}}"))
    line = line_of(spec_text, "revenue_mix:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: monetization.revenue_mix: the shares must sum to 100 (within 0.5), "
        f"got {total}"
    )


# --- schema version ------------------------------------------------------------------------


def test_schema_version_2_is_reported_alone(spec_file):
    # The other problem is not reported: it would be judged against the wrong schema.
    path = spec_file(
        ("schema_version: 1", "schema_version: 2"),
        ("customer_problem: 8", "customer_problem: 11"),
    )
    error = load_error(path)
    assert [str(p) for p in error.problems] == [
        f"{path}:1: schema_version: expected schema_version 1, got 2 "
        "(this reportgen reads version 1 only)"
    ]


@pytest.mark.parametrize(
    ("value", "shown"), [("true", "the boolean true"), ('"1"', "the text '1'")]
)
def test_schema_version_must_be_the_number_1(spec_file, value, shown):
    path = spec_file(("schema_version: 1", f"schema_version: {value}"))
    assert str(only_problem(path)) == (
        f"{path}:1: schema_version: expected schema_version 1, got {shown} "
        "(this reportgen reads version 1 only)"
    )


# --- whole-file problems -------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n  # and another\n"])
def test_empty_or_comment_only_file(write_file, content):
    path = write_file(content)
    problem = only_problem(path)
    assert problem.line is None
    assert str(problem) == f"{path}: the file is empty; {EXPECTED_MAPPING}"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("- schema_version: 1\n- client: x\n", "a list"),
        ("just some text\n", "the text 'just some text'"),
        ("42\n", "the number 42"),
        ("true\n", "the boolean true"),
    ],
)
def test_top_level_that_is_not_a_mapping(write_file, content, kind):
    path = write_file(content)
    assert str(only_problem(path)) == f"{path}:1: the top level is {kind}; {EXPECTED_MAPPING}"


@pytest.mark.parametrize(
    ("new", "what"),
    [
        ("    market_size: 7: 8\n", "mapping values are not allowed here"),
        ("\tmarket_size: 7\n", "found character '\\t' that cannot start any token"),
    ],
)
def test_broken_yaml_names_its_line(spec_file, spec_text, new, what):
    path = spec_file(("    market_size: 7\n", new))
    line = line_of(spec_text, "    market_size: 7")
    assert str(only_problem(path)) == f"{path}:{line}: invalid YAML: {what}"


def test_file_that_is_not_utf8(spec_text, write_file):
    data = spec_text.replace('"Fintech"', '"Café"').encode("utf-8")
    data = data.replace("Café".encode(), "Café".encode("latin-1"))
    path = write_file(data)
    problem = only_problem(path)
    offset = data.index(b"\xe9")
    line = line_of(spec_text, "industry:")
    assert str(problem) == (
        f"{path}:{line}: not UTF-8 text (byte 0xe9 at offset {offset}); save the file as UTF-8"
    )


def test_utf8_bom_is_tolerated(spec_text, write_file):
    answers = load_answers(write_file(b"\xef\xbb\xbf" + spec_text.encode("utf-8")))
    assert answers.schema_version == 1
    assert answers.client.name == "Công ty Cổ phần Sao Mai AI"


def test_nfd_vietnamese_is_normalised_to_nfc(spec_text, write_file):
    nfd = unicodedata.normalize("NFD", spec_text)
    assert nfd != spec_text  # the file really holds decomposed letters
    answers = load_answers(write_file(nfd))
    assert answers.client.name == unicodedata.normalize("NFC", "Công ty Cổ phần Sao Mai AI")
    assert unicodedata.is_normalized("NFC", answers.client.name)
    assert answers.assessment.assessor == "Nguyễn Thị Lan"
    assert unicodedata.is_normalized("NFC", answers.assessment.assessor)


def test_nfd_note_in_a_language_mapping_is_normalised(spec_file):
    note = unicodedata.normalize("NFD", "Thị trường rõ ràng")
    path = spec_file(
        (
            '  validation: "Plain text, or {vi: ..., en: ...} for both languages."',
            f'  validation: {{vi: "{note}", en: "A clear market"}}',
        )
    )
    notes = load_answers(path).notes["validation"]
    assert dict(notes) == {"vi": "Thị trường rõ ràng", "en": "A clear market"}


def test_duplicate_key_names_both_lines(spec_file, spec_text):
    path = spec_file(("    market_size: 7\n", "    market_size: 7\n    market_size: 8\n"))
    line = line_of(spec_text, "    market_size: 7")
    assert str(only_problem(path)) == (
        f"{path}:{line + 1}: validation.market.market_size: duplicate key "
        f"(first given on line {line})"
    )


def test_country_no_is_norway_not_false(spec_file):
    answers = load_answers(spec_file(('country: "VN"', "country: NO")))
    assert answers.client.country == "NO"


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n"])
def test_only_true_and_false_are_booleans(spec_file, word):
    path = spec_file(("pricing_validated: true", f"pricing_validated: {word}"))
    line = line_of(path.read_text(encoding="utf-8"), "pricing_validated:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: monetization.pricing_validated: expected true or false, "
        f"got the text '{word}'"
    )


@pytest.mark.parametrize("word", ["true", "True", "TRUE"])
def test_true_in_any_yaml_12_spelling_is_a_boolean(spec_file, word):
    answers = load_answers(spec_file(("pricing_validated: true", f"pricing_validated: {word}")))
    assert answers["monetization"].pricing_validated is True


@pytest.mark.parametrize("written", ["2026-11-20", '"2026-11-20"', "'2026-11-20'"])
def test_dates_plain_or_quoted_are_accepted(spec_file, written):
    answers = load_answers(spec_file(("date: 2026-11-20", f"date: {written}")))
    assert answers.assessment.date == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    "written", ["2026-13-01", "2026-02-30", "20-11-2026", "2026-11-20T10:00:00", "2026/11/20"]
)
def test_impossible_or_non_iso_dates_are_rejected(spec_file, spec_text, written):
    path = spec_file(("date: 2026-11-20", f"date: {written}"))
    line = line_of(spec_text, "date:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: assessment.date: expected an ISO date such as 2026-11-20, "
        f"got the text '{written}'"
    )


@pytest.mark.parametrize("quoted", ['"8"', "'8'"])
def test_quoted_number_is_text_not_a_number(spec_file, spec_text, quoted):
    path = spec_file(("customer_problem: 8", f"customer_problem: {quoted}"))
    line = line_of(spec_text, "customer_problem:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: validation.market.customer_problem: expected a number from 0 to 10, "
        "got the text '8'"
    )


BILLION_LAUGHS = """\
schema_version: 1
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_is_refused(write_file):
    path = write_file(BILLION_LAUGHS)
    assert str(only_problem(path)) == (
        f"{path}:3: invalid YAML: aliases (*name) are not allowed; write the value again instead"
    )


def test_a_single_alias_is_refused_too(spec_file, spec_text):
    path = spec_file(("  market:\n", "  market: &m\n"), ("  technology:\n", "  technology: *m\n"))
    line = line_of(spec_text, "  technology:")
    assert "aliases" in str(only_problem(path))
    assert only_problem(path).line == line


def _padded(text: str, size: int) -> bytes:
    data = text.encode("utf-8")
    return data + b"#" * (size - len(data) - 1) + b"\n"


def test_file_of_exactly_the_limit_loads(spec_text, write_file):
    path = write_file(_padded(spec_text, MAX_FILE_BYTES))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_answers(path).schema_version == 1


def test_oversized_file_is_refused_naming_the_limit(spec_text, write_file):
    path = write_file(_padded(spec_text, MAX_FILE_BYTES + 1))
    assert str(only_problem(path)) == (
        f"{path}: the file is 1,048,577 bytes; answers files are limited to 1,048,576 bytes"
    )


def test_oversized_bytes_are_refused_in_memory_too(spec_text):
    with pytest.raises(InvalidFileError) as info:
        parse_answers(_padded(spec_text, MAX_FILE_BYTES + 1), "upload.yaml")
    assert [str(p) for p in info.value.problems] == [
        "upload.yaml: the file is 1,048,577 bytes; answers files are limited to 1,048,576 bytes"
    ]


def test_python_tags_are_refused_and_never_executed(spec_file, spec_text, tmp_path):
    marker = tmp_path / "executed"
    path = spec_file(
        ('industry: "Fintech"', f"industry: !!python/object/apply:os.system ['touch {marker}']")
    )
    line = line_of(spec_text, "industry:")
    assert str(only_problem(path)) == (
        f"{path}:{line}: client.industry: YAML tags such as "
        "tag:yaml.org,2002:python/object/apply:os.system are not allowed; remove the tag"
    )
    assert not marker.exists()


def test_local_tag_on_a_key_is_refused(spec_file, spec_text):
    path = spec_file(('  name: "Công ty', '  !secret name: "Công ty'))
    line = line_of(spec_text, "  name:")
    assert [str(p) for p in load_error(path).problems] == [
        f"{path}:{line - 1}: client.name: missing required key 'name'",
        f"{path}:{line}: client.name: YAML tags such as !secret are not allowed",
    ]


@pytest.mark.parametrize(
    ("old", "new", "key_path", "expected"),
    [
        (
            "customer_problem: 8",
            "customer_problem: !!float abc",
            "validation.market.customer_problem",
            "expected a number from 0 to 10, got the text 'abc'",
        ),
        (
            "pricing_validated: true",
            "pricing_validated: !!bool yes",
            "monetization.pricing_validated",
            "expected true or false, got the text 'yes'",
        ),
    ],
)
def test_standard_tag_on_text_that_does_not_fit_it_is_checked_as_text(
    spec_file, old, new, key_path, expected
):
    path = spec_file((old, new))
    line = line_of(path.read_text(encoding="utf-8"), new)
    assert str(only_problem(path)) == f"{path}:{line}: {key_path}: {expected}"


def test_several_problems_are_all_reported_at_once_in_line_order(spec_file, spec_text):
    path = spec_file(
        ("customer_problem: 8", "customer_problem: 11"),
        ("pricing_validated: true", "pricing_validated: yes"),
        ("date: 2026-11-20", "date: 2026-13-01"),
        ("    market_size: 7\n", "    market_sise: 7\n"),
        ("region: apac", "region: asia"),
    )
    error = load_error(path)
    assert len(error.problems) == 6
    assert error.message == f"{path}: invalid (6 problems)"
    assert [p.path for p in error.problems] == [
        "assessment.date",
        "validation.market.market_size",
        "validation.market.customer_problem",
        "validation.market.market_sise",
        "monetization.pricing_validated",
        "expansion.markets[0].region",
    ]
    lines = [p.line for p in error.problems]
    assert lines == sorted(lines)
    assert lines[0] == line_of(spec_text, "date:")
    assert error.exit_code == EXIT_INVALID


def test_missing_file_is_a_clear_error(tmp_path):
    path = tmp_path / "nowhere.yaml"
    assert str(only_problem(path)) == f"{path}: no such file"


def test_market_listed_twice(spec_file, spec_text):
    block = spec_text[spec_text.index('    - name: "Singapore"') : spec_text.index("  compliance:")]
    path = spec_file((block, block + block.replace('"Singapore"', '"singapore"')))
    line = line_of(spec_text, '- name: "Singapore"') + block.count("\n")
    assert str(only_problem(path)) == (
        f"{path}:{line}: expansion.markets[1].name: market 'singapore' is listed twice "
        "(also markets[0])"
    )
