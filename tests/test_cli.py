"""The `reportgen` commands through click's CliRunner: output streams, exit codes, files."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner, Result

from reportgen.cli import cli
from reportgen.engine import score, to_json
from reportgen.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from reportgen.read import load_answers
from reportgen.read.yamltree import MAX_FILE_BYTES

from .support import with_every_section


def invoke(*args: str) -> Result:
    """Run the CLI; whatever the exit code, it must come from the CLI, never from a crash."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


# --- validate ------------------------------------------------------------------------------


def test_validate_valid_file_prints_one_line_and_exits_0(spec_file):
    path = spec_file()
    result = invoke("validate", path)
    assert result.exit_code == EXIT_OK
    assert result.stdout == f"{path}: valid (total 103/160, fair)\n"
    assert result.stderr == ""


def test_validate_reports_each_file_and_exits_1_when_one_is_invalid(spec_file):
    good_a = spec_file(name="a.yaml")
    bad = spec_file(("customer_problem: 8", "customer_problem: 11"), name="b.yaml")
    good_c = spec_file(("customer_problem: 8", "customer_problem: 10"), name="c.yaml")
    result = invoke("validate", good_a, bad, good_c)
    assert result.exit_code == EXIT_INVALID
    assert result.stdout.splitlines() == [
        f"{good_a}: valid (total 103/160, fair)",
        f"{good_c}: valid (total 105/160, fair)",
    ]
    assert result.stderr.splitlines() == [
        f"{bad}: invalid (1 problem)",
        f"  {bad}:19: validation.market.customer_problem: expected a number from 0 to 10, "
        "got 11 (out of range)",
    ]


def _tagged(text: str) -> bytes:
    return text.replace('"Fintech"', "!!python/object/apply:os.system ['true']").encode()


def _latin1(text: str) -> bytes:
    return text.replace('"Fintech"', '"Caf\u00e9"').encode("latin-1", errors="replace")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda text: b"", "the file is empty"),
        (lambda text: b"# nothing here\n", "the file is empty"),
        (lambda text: b"- a\n- b\n", "the top level is a list"),
        (lambda text: _latin1(text), "not UTF-8 text"),
        (lambda text: b"a: [1, 2\nb: 3\n", "invalid YAML"),
        (lambda text: b"a: &a [x, x]\nb: [*a, *a]\n", "aliases (*name) are not allowed"),
        (lambda text: _tagged(text), "YAML tags such as"),
        (lambda text: b"#" * (MAX_FILE_BYTES + 1), "limited to 1,048,576 bytes"),
    ],
    ids=["empty", "comment-only", "list", "latin-1", "broken", "alias", "tag", "oversized"],
)
def test_validate_unreadable_files_fail_cleanly(spec_text, write_file, make, expected):
    path = write_file(make(spec_text))
    result = invoke("validate", path)
    assert result.exit_code == EXIT_INVALID
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}: invalid (1 problem)\n  {path}")
    assert expected in result.stderr


def test_validate_missing_file(tmp_path):
    path = tmp_path / "missing.yaml"
    result = invoke("validate", path)
    assert result.exit_code == EXIT_INVALID
    assert result.stderr == f"{path}: invalid (1 problem)\n  {path}: no such file\n"


def test_validate_without_files_is_a_usage_error():
    result = invoke("validate")
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""


# --- score ---------------------------------------------------------------------------------


@pytest.mark.parametrize("format_args", [["--format", "json"], []], ids=["json", "default"])
def test_score_json_equals_the_engine(spec_file, format_args):
    path = spec_file(("customer_problem: 8", "customer_problem: 8.5"))
    result = invoke("score", path, *format_args)
    assert result.exit_code == EXIT_OK
    assert result.stderr == ""
    out = json.loads(result.stdout)
    assert out == to_json(score(load_answers(path)))
    assert out["validation"]["total"] == 103.5
    assert out["expansion"]["markets"][0]["score"] == 33


def test_score_json_keeps_vietnamese_text_readable(spec_file):
    result = invoke("score", spec_file(('name: "Singapore"', 'name: "Việt Nam"')))
    assert '"name": "Việt Nam"' in result.stdout


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_score_text_shows_the_total(spec_file, lang):
    result = invoke("score", spec_file(), "--format", "text", "--lang", lang)
    assert result.exit_code == EXIT_OK
    assert "103/160" in result.stdout
    assert "33/50" in result.stdout


def test_score_invalid_file_prints_problems_on_stderr_only(spec_file):
    path = spec_file(("pricing_validated: true", "pricing_validated: yes"))
    result = invoke("score", path)
    assert result.exit_code == EXIT_INVALID
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}: invalid (1 problem)\n"
        f"  {path}:65: monetization.pricing_validated: expected true or false, got the text 'yes'\n"
    )


def test_render_invalid_file_writes_nothing(spec_file, tmp_path):
    path = spec_file(("customer_problem: 8", "customer_problem: -1"))
    out_dir = tmp_path / "reports"
    result = invoke("render", path, "-o", out_dir)
    assert result.exit_code == EXIT_INVALID
    assert "validation.market.customer_problem" in result.stderr
    assert result.stdout == ""
    assert not out_dir.exists()


# --- init ----------------------------------------------------------------------------------


def fill_blanks(template, example):
    """The template with every blank (null, "", [], {}) replaced by the example's value."""
    if isinstance(template, dict):
        example = example if isinstance(example, dict) else {}
        return {k: fill_blanks(v, example.get(k)) for k, v in template.items()}
    if isinstance(template, list) and template and isinstance(template[0], dict):
        return [fill_blanks(t, e) for t, e in zip(template, example, strict=True)]
    if template in (None, "", [], {}) and example is not None:
        return example
    return template


def blanks(value, path=""):
    """Key paths still null."""
    if isinstance(value, dict):
        return [b for k, v in value.items() for b in blanks(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [b for i, v in enumerate(value) for b in blanks(v, f"{path}[{i}]")]
    return [path] if value is None else []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_init_writes_a_template_that_validates_once_filled(lang, spec_data, write_file):
    result = invoke("init", "--lang", lang)
    assert result.exit_code == EXIT_OK
    template = yaml.safe_load(result.stdout)
    assert template["schema_version"] == 1
    # Both languages, the spec's default, the chosen one first.
    assert template["assessment"]["languages"] == [lang, {"vi": "en", "en": "vi"}[lang]]

    unfilled = write_file(result.stdout, name="unfilled.yaml")
    as_is = invoke("validate", unfilled)
    assert as_is.exit_code == EXIT_INVALID  # blanks are reported, but the YAML itself is sound
    assert "invalid YAML" not in as_is.stderr
    assert "missing required key" not in as_is.stderr

    filled = fill_blanks(template, with_every_section(spec_data))
    # Left blank: the optional facts the spec example does not give (blank = not given).
    assert blanks(filled) == [
        ".business_model.generates_content",
        ".monetization.free_tier",
        ".monetization.paying_customers",
        ".monetization.freemium_conversion_pct",
        ".expansion.expansion_budget_pct_of_revenue",
        ".expansion.international_revenue_target_pct",
        ".expansion.months_to_positive_unit_economics",
    ]
    path = write_file(filled, name="filled.yaml")
    validated = invoke("validate", path)
    assert validated.exit_code == EXIT_OK, validated.stderr
    assert validated.stdout == f"{path}: valid (total 103/160, fair)\n"


def test_init_output_file_is_not_overwritten_without_force(tmp_path):
    target = tmp_path / "answers.yaml"
    first = invoke("init", "--lang", "en", "-o", target)
    assert first.exit_code == EXIT_OK
    assert first.stdout == ""
    schema = tmp_path / "reportgen-answers.en.schema.json"
    assert first.stderr == f"wrote {target}\nwrote {schema}\n"
    assert "schema_version: 1" in target.read_text(encoding="utf-8")

    target.write_text("my answers, half filled in\n", encoding="utf-8")
    again = invoke("init", "--lang", "en", "-o", target)
    assert again.exit_code == EXIT_INVALID
    assert again.stderr == f"{target}: already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "my answers, half filled in\n"
    # No temporary left over.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", schema.name]

    forced = invoke("init", "--lang", "en", "-o", target, "--force")
    assert forced.exit_code == EXIT_OK
    assert target.read_text(encoding="utf-8") == invoke("init", "--lang", "en").stdout
