"""The section registry: every framework of the answers file and of the report.

Built-in sections are the modules of this package that define ``SECTION``; others
come from installed packages through the entry point group ``reportgen.sections``
(an entry point names a ``Section`` subclass or instance). Every stage iterates
``sections()``: no other list of section names exists.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from ..blocks.rubric import Action, Benchmark
from ..blocks.section import Section

ENTRY_POINT_GROUP = "reportgen.sections"


@cache
def sections() -> tuple[Section[Any, Any], ...]:
    """Every section, in report order (ties by id)."""
    found: dict[str, Section[Any, Any]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        section = getattr(module, "SECTION", None)
        if isinstance(section, Section):
            found[section.id] = section
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        loaded = ep.load()
        section = loaded() if isinstance(loaded, type) else loaded
        if not isinstance(section, Section):
            raise TypeError(f"entry point {ep.name} ({ep.value}) is not a reportgen Section")
        if section.id in found:
            raise ValueError(f"entry point {ep.name}: section id {section.id!r} already exists")
        found[section.id] = section
    return tuple(sorted(found.values(), key=lambda s: (s.order, s.id)))


def get(section_id: str) -> Section[Any, Any]:
    for section in sections():
        if section.id == section_id:
            return section
    raise KeyError(section_id)


def answer_sections() -> tuple[Section[Any, Any], ...]:
    """The sections with a part in the answers file, in the file's order."""
    return tuple(s for s in sections() if s.schema is not None)


def scoring_order() -> tuple[Section[Any, Any], ...]:
    """Report order, except that a section comes after those it depends on."""
    done: dict[str, Section[Any, Any]] = {}

    def visit(section: Section[Any, Any], path: tuple[str, ...]) -> None:
        if section.id in done:
            return
        if section.id in path:
            raise ValueError(f"sections depend on each other: {' -> '.join(path)}")
        deps = section.depends
        if "*" in deps:
            deps = tuple(s.id for s in sections() if s.id != section.id and "*" not in s.depends)
        for dep in deps:
            visit(get(dep), (*path, section.id))
        done[section.id] = section

    for section in sections():
        visit(section, ())
    return tuple(done.values())


@cache
def actions() -> Mapping[str, Action]:
    """Every action of every registered section's rubric, by advice id."""
    out: dict[str, Action] = {}
    for section in sections():
        for module in section.rubric_modules:
            out.update(getattr(module, "ACTIONS", {}))
    return out


def benchmark(benchmark_id: str) -> Benchmark:
    """A benchmark of any registered section, by id."""
    for section in sections():
        for b in section.benchmarks:
            if b.id == benchmark_id:
                return b
    raise KeyError(benchmark_id)


def reload() -> None:
    """Forget the registry (after installing a section at run time, as the tests do)."""
    sections.cache_clear()
    actions.cache_clear()


__all__ = [
    "Section",
    "actions",
    "answer_sections",
    "benchmark",
    "get",
    "reload",
    "scoring_order",
    "sections",
]
