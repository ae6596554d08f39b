"""The template contract: every field documented, the reference page fresh, the layer
rules and types checked (what `make lint` runs, so that CI runs it too)."""

from __future__ import annotations

import subprocess

import pytest

from reportgen.present.contract import contract_types, reference, undocumented

from .support import ROOT

DOCS = ROOT / "docs" / "templates.md"


def test_every_context_field_has_help():
    assert undocumented() == []
    # The walk reaches the nested types too, not only the roots.
    names = {t.__name__ for t in contract_types()}
    assert {"ReportContext", "SectionContext", "Table", "Cell", "Badge", "ExpansionView"} <= names


def test_reference_page_is_fresh():
    # If this fails after a change to a context type: `make docs`, and review the diff.
    assert DOCS.read_text(encoding="utf-8") == reference() + "\n"


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "reportgen", "tests", "benchmarks"],
        ["lint-imports"],
        ["mypy"],
    ],
    ids=["ruff", "import-linter", "mypy"],
)
def test_lint(command):
    tool = str(ROOT / ".venv" / "bin" / command[0])
    exe = tool if (ROOT / ".venv" / "bin" / command[0]).exists() else command[0]
    proc = subprocess.run([exe, *command[1:]], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
