"""Fixtures for the loader, engine and CLI tests: real answers files written to tmp_path.

Most files start from the spec's example (tests/data/spec_example.yaml), either as
text with a few exact replacements, or as a dict dumped back to YAML.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

SPEC_EXAMPLE = Path(__file__).resolve().parent / "data" / "spec_example.yaml"


class _Dumper(yaml.SafeDumper):
    """safe_dump plus Decimal, written as a plain YAML number (exact, no float rounding)."""

    def ignore_aliases(self, data) -> bool:
        return True  # answers files refuse aliases; repeat shared values instead


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    tag = "int" if value == value.to_integral_value() else "float"
    text = str(value.quantize(Decimal(1))) if tag == "int" else str(value)
    return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", text)


_Dumper.add_representer(Decimal, _represent_decimal)


def _dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="session")
def dump_yaml():
    """dict -> YAML text, Decimals written exactly; session-scoped so @given tests can use it."""
    return _dump_yaml


@pytest.fixture
def spec_text() -> str:
    return SPEC_EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def spec_data() -> dict:
    """The spec example as plain data (a fresh copy per test, free to modify)."""
    return yaml.safe_load(SPEC_EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def write_file(tmp_path):
    """Write str (UTF-8), bytes (as is) or a dict (dumped as YAML) to tmp_path; return the path."""

    def write(content: str | bytes | dict, name: str = "answers.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, dict):
            content = _dump_yaml(content)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write


@pytest.fixture
def spec_file(spec_text, write_file):
    """The spec example with exact text replacements, each of which must occur exactly once."""

    def make(*replacements: tuple[str, str], name: str = "answers.yaml") -> Path:
        text = spec_text
        for old, new in replacements:
            assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
            text = text.replace(old, new)
        return write_file(text, name)

    return make


@pytest.fixture(scope="session")
def renders():
    """The samples' documents, laid out once per test worker (tests/support.py Renders)."""
    from .support import Renders

    return Renders()
