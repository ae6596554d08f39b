"""The template contract: every field documented, the reference page fresh, the layer
rules and types checked (what `make lint` runs, so that CI runs it too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    # The tool of the environment running the tests (make test-min's too), else PATH's.
    tool = Path(sys.executable).parent / command[0]
    exe = str(tool) if tool.exists() else command[0]
    proc = subprocess.run([exe, *command[1:]], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _import_graph():
    """reportgen's import graph, imports made only for type checking included."""
    import grimp

    return grimp.build_graph("reportgen", exclude_type_checking_imports=False)


def cycles(modules, imported_by) -> list[list[str]]:
    """The import cycles of a graph (Tarjan's strongly connected components of two or
    more modules), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return found


def test_the_cycle_finder_finds_cycles():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges, edges.__getitem__) == [["a", "b", "c"]]


def test_the_import_graph_has_no_cycle():
    graph = _import_graph()
    assert cycles(graph.modules, graph.find_modules_directly_imported_by) == []


def test_no_module_outside_sections_imports_a_section():
    """The core reaches sections through the registry and their hooks only."""
    from reportgen.sections import sections

    graph = _import_graph()
    own = {f"reportgen.sections.{s.id}" for s in sections()}
    offenders = {
        (module, imported)
        for module in graph.modules
        if not module.startswith("reportgen.sections")
        for imported in graph.find_modules_directly_imported_by(module)
        if any(imported == s or imported.startswith(s + ".") for s in own)
    }
    assert offenders == set()
