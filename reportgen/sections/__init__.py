"""The section registry: every framework of the answers file and of the report.

Built-in sections are the modules of this package that define ``SECTION``; others
come from installed packages through the entry point group ``reportgen.sections``
(an entry point names a ``Section`` subclass or instance). Every stage iterates
``sections()``: no other list of section names exists.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from importlib.metadata import entry_points
from typing import Any

from ..blocks import advice as advice_blocks
from ..blocks import schema
from ..blocks.advice import GroupAdvice
from ..blocks.rubric import Action, Benchmark
from ..blocks.section import Section
from ..errors import EXIT_USAGE, ReportgenError

ENTRY_POINT_GROUP = "reportgen.sections"


class SectionError(ReportgenError):
    """A section that cannot be registered: its name, where it comes from, what it lacks.
    An installation's fault, not a file's: exit code 2, as for a usage error."""

    exit_code = EXIT_USAGE


@cache
def sections() -> tuple[Section[Any, Any], ...]:
    """Every section, in report order (ties by id), each checked as it registers: one
    that lacks what the pipeline needs of it is refused here, with its name and what is
    missing, rather than failing later in a document."""
    found: dict[str, Section[Any, Any]] = {}
    origin: dict[str, str] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        section = getattr(module, "SECTION", None)
        if isinstance(section, Section):
            found[section.id] = section
            origin[section.id] = f"{__name__}.{info.name}"
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        where = f"entry point {ep.name} ({ep.value})"
        try:
            loaded = ep.load()
        except Exception as exc:  # a plug-in's import error: its name, not a traceback
            raise SectionError(f"{where}: cannot be loaded: {type(exc).__name__}: {exc}") from None
        section = loaded() if isinstance(loaded, type) else loaded
        if not isinstance(section, Section):
            raise SectionError(f"{where}: not a reportgen Section")
        if getattr(section, "id", None) in found:
            raise SectionError(f"{where}: section id {section.id!r} already exists")
        found[section.id] = section
        origin[section.id] = where
    ordered = tuple(sorted(found.values(), key=lambda s: (s.order, s.id)))
    all_groups, all_actions = _groups_of(ordered), _all_actions(ordered)
    for section in ordered:
        missing = contract_problems(section, found, all_groups, all_actions)
        if missing:
            raise SectionError(
                f"section {section.id!r} ({origin[section.id]}) cannot be registered: "
                + "; ".join(missing)
            )
    return ordered


def _actions_of(module: Any) -> Iterator[tuple[str, Action]]:
    yield from getattr(module, "ACTIONS", {}).items()


def _all_actions(ordered: Iterable[Section[Any, Any]]) -> dict[str, Action]:
    return {key: a for section in ordered for key, a in _own_actions(section)}


def _groups_of(ordered: Iterable[Section[Any, Any]]) -> dict[str, GroupAdvice]:
    """The shared advice groups, then those the sections bring, in order."""
    return {**advice_blocks.GROUPS, **{k: g for s in ordered for k, g in s.groups.items()}}


def contract_problems(
    section: Section[Any, Any],
    found: Mapping[str, Section[Any, Any]],
    all_groups: Mapping[str, Any],
    all_actions: Mapping[str, Action],
) -> list[str]:
    """What a section lacks of the contract every stage relies on (empty: nothing)."""
    problems = []
    for name in ("id", "title", "order"):
        if not hasattr(section, name):
            problems.append(f"no {name}")
    if problems:
        return problems
    if not section.id.isidentifier() or section.id != section.id.lower():
        problems.append(f"its id must be a lower-case identifier, not {section.id!r}")
    # Its templates, in its own folder: the chapter, the handout part, the init part.
    wanted = [section.partial] if section.chapter else []
    if section.schema is not None:
        wanted.append(section.init_partial)
    if section.handout is not None:
        wanted.append(section.handout_partial)
    folder = section.templates_dir
    for name in wanted:
        if folder is None or not (folder / name).is_file():
            problems.append(f"no template {name} in its templates_dir ({folder})")
    # The answers it reads: schema nodes, and for an optional part, the advice when absent.
    if section.schema is not None and not isinstance(section.schema, schema.Fields):
        problems.append("its schema is not a schema.Fields")
    optional = section.schema is not None and not section.required and section.absent_is_gap
    if optional and f"{section.id}#absent" not in all_actions:
        problems.append(
            f"no {section.id}#absent action in its rubric's ACTIONS (the advice when the "
            "answers leave the section out)"
        )
    for key, action in _own_actions(section):
        if action.group not in all_groups:
            problems.append(f"action {key}: no advice group {action.group!r}")
        problems += _unknown_ids(f"action {key}", action)
    for key, group in section.groups.items():
        problems += _unknown_ids(f"advice group {key}", group)
        if group.phase not in {p.id for p in advice_blocks.PHASES}:
            problems.append(f"advice group {key}: no plan phase {group.phase!r}")
    for dep in section.depends:
        if dep != "*" and dep not in found:
            problems.append(f"depends on {dep!r}, which is not a section")
    # The views it hands templates: every field documented (the template reference).
    for view in (section.view_type, section.handout_type):
        if view is None:
            continue
        if not dataclasses.is_dataclass(view):
            problems.append(f"its view type {view.__name__} is not a dataclass")
            continue
        for f in dataclasses.fields(view):
            if not f.metadata.get("help"):
                problems.append(f"{view.__name__}.{f.name} has no doc() help text")
    # Its part of the JSON: an optional part left out still has its keys.
    if optional:
        try:
            keys = section.to_json(None)
        except Exception as exc:
            problems.append(f"to_json(None) fails ({type(exc).__name__}: {exc})")
        else:
            if not isinstance(keys, dict) or not keys:
                problems.append("to_json(None) must give its JSON keys (null when absent)")
    return problems


def _unknown_ids(what: str, advice_of: Action | GroupAdvice) -> list[str]:
    """The role, KPIs and source an action or group names that the advice vocabulary
    (blocks/advice.py) does not hold: the plan could not show them."""
    problems = []
    if advice_of.owner not in {r.id for r in advice_blocks.ROLES}:
        problems.append(f"{what}: no role {advice_of.owner!r}")
    kpis = {k.id for k in advice_blocks.KPIS}
    problems += [f"{what}: no KPI {k!r}" for k in advice_of.kpis if k not in kpis]
    if advice_of.source not in {s.id for s in advice_blocks.SOURCES}:
        problems.append(f"{what}: no source {advice_of.source!r}")
    return problems


def _own_actions(section: Section[Any, Any]) -> Iterator[tuple[str, Action]]:
    for module in section.rubric_modules:
        yield from _actions_of(module)


@cache
def groups() -> Mapping[str, GroupAdvice]:
    """Every advice group: the shared ones, then those the sections bring, in order."""
    return _groups_of(sections())


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
            # Every section that does not itself read every other one, and those named.
            every = (s.id for s in sections() if s.id != section.id and "*" not in s.depends)
            deps = (*every, *(d for d in deps if d != "*"))
        for dep in deps:
            visit(get(dep), (*path, section.id))
        done[section.id] = section

    for section in sections():
        visit(section, ())
    return tuple(done.values())


@cache
def actions() -> Mapping[str, Action]:
    """Every action of every registered section's rubric, by advice id."""
    return _all_actions(sections())


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
    groups.cache_clear()
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


def cohort_member(key: str, industry: Any, output: Mapping[str, Any]) -> Any:
    """A client as a cohort holds it (model.cohort.Member), from its key, its industry
    (a Text) and its score output (`reportgen score`'s JSON): the figures and facets every
    section gives (Section.compared, Section.facets)."""
    from ..model.cohort import INDUSTRY, Member, industry_forms

    values: dict[str, Any] = {}
    facets: dict[str, frozenset[str]] = {INDUSTRY: industry_forms(industry)}
    for section in sections():
        part = output.get(section.id)
        values.update(section.compared(part))
        for name, found in section.facets(part).items():
            facets[name] = facets.get(name, frozenset()) | found
    return Member(key=key, values=values, facets=facets)
