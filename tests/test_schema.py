"""The JSON Schema of the answers file: generated from the loader's own schema nodes, fresh
in docs/, printed by `reportgen schema`, named by `init`'s first line and written beside
it; and, on generated files valid and broken, accepting and refusing what the loader
does, except the rules docs/answers.md lists as the loader's alone."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.blocks import schema as s
from reportgen.blocks.document import SCHEMA_FILE, answers_schema
from reportgen.cli import cli
from reportgen.errors import InvalidFileError
from reportgen.i18n import Formatter, country_codes, currency_codes
from reportgen.present.json_schema import answers_json_schema, loader_only
from reportgen.read import parse_answers
from reportgen.read.yamltree import parse_tree
from reportgen.sections import sections

from .support import ROOT, SAMPLES

DOCS = ROOT / "docs"
VALIDATOR = {
    lang: jsonschema.Draft7Validator(
        answers_json_schema(Formatter(lang)), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    for lang in ("en", "vi")
}
NODE = answers_schema(sections())


def schema_errors(value: Any, lang: str = "en") -> list[jsonschema.ValidationError]:
    return list(VALIDATOR[lang].iter_errors(value))


def tree_of(path: Path) -> dict[str, Any]:
    value, _tree = parse_tree(path.read_bytes(), path.name)
    return value


# --- the schema itself ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_schema_is_draft_07_and_fresh_in_docs(lang):
    schema = answers_json_schema(Formatter(lang))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["additionalProperties"] is False
    committed = json.loads((DOCS / f"answers.schema.{lang}.json").read_text())
    assert committed == schema, "run `make docs` to refresh docs/answers.schema.*.json"


def test_every_key_has_a_title_in_the_language_and_ids_are_enums():
    en, vi = (answers_json_schema(Formatter(lang)) for lang in ("en", "vi"))
    market = en["properties"]["validation"]["properties"]["market"]["properties"]
    assert market["market_size"]["maximum"] == 10 and market["market_size"]["minimum"] == 0
    assert en["properties"]["validation"]["properties"]["market"]["title"] == "Market validation"
    assert vi["properties"]["validation"]["properties"]["market"]["title"] == "Xác thực thị trường"
    positioning = en["properties"]["business_model"]["properties"]["positioning"]
    assert positioning["enum"] == ["platform", "product", "hybrid"]
    assert len(positioning["enumDescriptions"]) == 3

    def keys(node: dict, path: str = ""):
        for key, child in node.get("properties", {}).items():
            yield f"{path}.{key}", child
            yield from keys(child, f"{path}.{key}")
        if isinstance(node.get("items"), dict):
            yield from keys(node["items"], path + "[]")

    untitled = [p for p, child in keys(vi) if "title" not in child]
    assert untitled == []


def test_codes_are_read_in_any_case_by_the_schema_as_by_the_loader():
    base = tree_of(ROOT / "samples" / "hoa-sen-edtech.yaml")
    for country, currency in (("vn", "vnd"), ("Sg", "Usd"), ("DE", "EUR")):
        value = copy.deepcopy(base)
        value["client"]["country"] = country
        value["expansion"]["markets"][0]["country"] = country
        value["assessment"]["currency"] = currency
        assert judge(value) == "accepted", (country, currency)
    for country, currency in (("xq", "VND"), ("VN", "vnx"), ("v", "VND")):
        value = copy.deepcopy(base)
        value["client"]["country"] = country
        value["assessment"]["currency"] = currency
        assert judge(value) == "refused", (country, currency)


def test_schema_command_prints_it(tmp_path):
    result = CliRunner().invoke(cli, ["schema", "--lang", "vi"])
    assert result.exit_code == 0
    assert json.loads(result.output) == answers_json_schema(Formatter("vi"))


def test_samples_and_spec_example_are_valid_under_the_schema():
    for path in [*SAMPLES, ROOT / "tests" / "data" / "spec_example.yaml"]:
        assert schema_errors(tree_of(path)) == [], path.name


def test_init_names_its_schema_and_writes_it_beside(tmp_path):
    out = tmp_path / "a.yaml"
    result = CliRunner().invoke(cli, ["init", "--lang", "vi", "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_text().splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_FILE.format(lang='vi')}"
    beside = tmp_path / SCHEMA_FILE.format(lang="vi")
    assert json.loads(beside.read_text()) == answers_json_schema(Formatter("vi"))
    # A second file in the same folder refreshes the schema; a foreign file is kept.
    assert CliRunner().invoke(cli, ["init", "--lang", "vi", "-o", str(tmp_path / "b.yaml")]).exit_code == 0
    beside.write_text('{"title": "mine"}')
    result = CliRunner().invoke(cli, ["init", "--lang", "vi", "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 1 and "is not a reportgen schema" in result.output
    assert beside.read_text() == '{"title": "mine"}' and not (tmp_path / "c.yaml").exists()


def _fill(blank: Any, full: Any) -> Any:
    """The init file's value with its blanks filled from a complete answers tree."""
    if isinstance(blank, dict) and isinstance(full, dict):
        return {k: _fill(blank.get(k), full[k]) if k in blank else full[k] for k in full}
    if isinstance(blank, list):  # the template's example list item: the answers' list
        return full
    return full if blank in (None, "", []) else blank


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_init_file_validates_once_its_blanks_are_filled(tmp_path, lang):
    out = tmp_path / "a.yaml"
    assert CliRunner().invoke(cli, ["init", "--lang", lang, "-o", str(out)]).exit_code == 0
    blank = tree_of(out)
    # Unfilled, every complaint is about a required blank, never an unknown key or type.
    messages = [e.message for e in schema_errors(blank, lang)]
    assert messages and all("Additional properties" not in m for m in messages)
    filled = _fill(blank, tree_of(ROOT / "samples" / "hoa-sen-edtech.yaml"))
    assert schema_errors(filled, lang) == []
    parse_answers(dump(filled).encode(), "filled.yaml")  # the loader agrees


def test_the_docs_list_what_only_the_loader_checks():
    page = (ROOT / "docs" / "answers.md").read_text()
    for rule in loader_only():
        assert rule in page, rule


# --- schema and loader agree ------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # answers files have no aliases: a shared value is written again


_Dumper.add_representer(
    Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", str(v))
)


def dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


TEXT = st.text(alphabet="aăâbcdđeêoôơuưy ÁẠỆỮ-", min_size=1, max_size=12).filter(str.strip)


def number(node: s.Number) -> st.SearchStrategy[Decimal]:
    lo = node.lo if node.lo is not None else Decimal(-1000)
    hi = node.hi if node.hi is not None else lo + 1000
    return st.decimals(min_value=lo, max_value=hi, places=1, allow_nan=False, allow_infinity=False)


def bilingual() -> st.SearchStrategy[Any]:
    return st.one_of(
        TEXT,
        st.fixed_dictionaries({}, optional={"vi": TEXT, "en": TEXT}).filter(bool),
        st.sampled_from([None, ""]),
    )


def revenue_mix() -> st.SearchStrategy[dict[str, Decimal]]:
    """Shares that sum to 100: the rule only the loader checks holds."""
    ids = [f.key for f in _at(NODE, ("monetization", "revenue_mix")).fields]

    def split(picked: list[str]) -> st.SearchStrategy[dict[str, Decimal]]:
        return st.lists(
            st.integers(0, 100), min_size=len(picked) - 1, max_size=len(picked) - 1
        ).map(lambda cuts: _shares(picked, sorted(cuts)))

    return st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True).flatmap(split)


def _shares(picked: list[str], cuts: list[int]) -> dict[str, Decimal]:
    bounds = [0, *cuts, 100]
    return {k: Decimal(bounds[i + 1] - bounds[i]) for i, k in enumerate(picked)}


def _market_key(m: dict[str, Any]) -> str:
    name = m.get("name")
    if isinstance(name, dict):
        name = name.get("en") or next(iter(name.values()), None)
    return str(name or m.get("country") or "").casefold()


def _at(node: s.Node, path: tuple[str, ...]) -> Any:
    for key in path:
        assert isinstance(node, s.Fields)
        node = next(f.node for f in node.fields if f.key == key)
    return node


VALID_ADVICE = [
    {"recommendations": []},
    {
        "recommendations": [
            {"id": "funding_runway", "owner_name": "A", "budget": 10, "status": "planned"},
            {"id": "pattern_fit", "drop": {"vi": "Lý do", "en": "Reason"}},
            {"id": "own", "add": True, "title": "T", "text": "Do", "after": "funding_runway"},
        ]
    },
    {"benchmarks": [{"id": "churn", "low": 1, "high": 3, "source": "B2B"}]},
]


def valid(node: s.Node, path: tuple[str, ...] = ()) -> st.SearchStrategy[Any]:
    """Values the loader and the schema should both accept (the loader-only rules hold)."""
    if path == ("monetization", "revenue_mix"):
        return st.one_of(revenue_mix(), st.just(None))
    if path == ("advice",):  # decisions name real recommendations: the loader's rules
        return st.sampled_from(VALID_ADVICE)
    if isinstance(node, s.Fields):
        required = {f.key: valid(f.node, (*path, f.key)) for f in node.fields if f.required}
        optional = {f.key: valid(f.node, (*path, f.key)) for f in node.fields if not f.required}
        for f in node.fields:
            if not f.required and isinstance(f.node, (s.Number, s.Boolean)):
                optional[f.key] = st.one_of(optional[f.key], st.none())
        return st.fixed_dictionaries(required, optional=optional)
    if isinstance(node, s.ListOf):
        item = valid(node.item, path)
        if path == ("expansion", "markets"):  # named, and each once: the loader's rules
            return st.lists(item.filter(_market_key), max_size=3, unique_by=_market_key)
        if node.single:
            return st.one_of(st.sampled_from([None, "", []]), item, st.lists(item, max_size=3))
        return st.lists(item, max_size=3)
    if isinstance(node, s.Number):
        return number(node)
    if isinstance(node, s.Boolean):
        return st.booleans()
    if isinstance(node, s.Text):
        return st.one_of(TEXT, st.sampled_from([None, ""])) if not node.required else TEXT
    if isinstance(node, s.Bilingual):
        return bilingual()
    if isinstance(node, s.Date):
        return st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat)
    if isinstance(node, s.Code) and node.kind == "country":
        return st.one_of(st.sampled_from(country_codes()), st.sampled_from([None, ""]))
    if isinstance(node, s.Code):
        return st.sampled_from(currency_codes())
    if isinstance(node, s.Choice):
        return st.sampled_from([*node.ids, *([None] if node.nullable else [])])
    if isinstance(node, s.Choices):
        ids = st.lists(st.sampled_from(node.ids), unique=True, min_size=1 if node.nonempty else 0)
        return ids if node.nonempty else st.one_of(ids, st.none())
    raise AssertionError(node)


WRONG = [
    None, "", "   ", "text", Decimal(-1), Decimal(11), Decimal("0.5"), Decimal(2000), True, False,
    [], ["x"], {}, {"x": 1}, {"vi": ""}, "2026-02-30", "2026-13-01", "XQ", "vn", "api access",
]


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


@st.composite
def broken(draw: st.DrawFn) -> dict[str, Any]:
    """A valid file with one thing changed: a value replaced, a key removed or added."""
    value = copy.deepcopy(draw(valid(NODE)))
    path = draw(st.sampled_from(_paths(value)[1:]))
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    how = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
    if how == "remove":
        del parent[path[-1]]
    elif how == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from(["extra", "market_sise", "notes_x"]))] = "x"
    else:
        parent[path[-1]] = draw(st.sampled_from(WRONG))
    return value


LOADER_ONLY = [re.compile(r.message) for r in s.walk_rules(NODE) if r.json_schema is None]
AGREED: dict[str, int] = {"accepted": 0, "refused": 0, "loader only": 0}


def judge(value: dict[str, Any]) -> str:
    """Both verdicts on one file; fails where they differ outside the loader-only rules."""
    text = dump(value)
    parsed, _tree = parse_tree(text.encode(), "generated.yaml")
    schema_ok = not schema_errors(parsed)
    try:
        parse_answers(text.encode(), "generated.yaml")
        loader_ok, problems = True, []
    except InvalidFileError as exc:
        loader_ok, problems = False, [p.message for p in exc.problems]
    if loader_ok:
        assert schema_ok, (text, [e.message for e in schema_errors(parsed)])
        return "accepted"
    if not schema_ok:
        return "refused"
    # The schema accepts what the loader refuses: only a listed loader-only rule may do that.
    assert all(any(r.search(m) for r in LOADER_ONLY) for m in problems), (text, problems)
    return "loader only"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid(NODE))
def test_schema_and_loader_accept_the_same_valid_files(value):
    verdict = judge(value)
    AGREED[verdict] += 1
    assert verdict == "accepted"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_schema_and_loader_refuse_the_same_broken_files(value):
    AGREED[judge(value)] += 1


def test_the_loader_only_rules_are_the_only_disagreements():
    """The listed exceptions are real: files the schema accepts and the loader refuses,
    each for a rule docs/answers.md lists."""
    base = tree_of(ROOT / "samples" / "hoa-sen-edtech.yaml")
    short_mix = copy.deepcopy(base)
    short_mix["monetization"]["revenue_mix"]["subscription"] = Decimal(68)  # sums to 90
    twice = copy.deepcopy(base)
    twice["expansion"]["markets"].append(copy.deepcopy(twice["expansion"]["markets"][0]))
    for value, rule in ((short_mix, "sum to 100"), (twice, "listed twice")):
        assert judge(value) == "loader only"
        with pytest.raises(InvalidFileError) as info:
            parse_answers(dump(value).encode(), "x.yaml")
        assert rule in info.value.format_message()
