"""The template contract: every type a template receives, with the help text of every field.

``reference()`` is the page for template authors (docs/templates.md, `make docs`); a
test checks that the page is fresh and that no field goes without help.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from ..sections import sections
from .handout import HandoutContext
from .index import IndexContext
from .report import ReportContext

ROOTS: tuple[type, ...] = (ReportContext, HandoutContext, IndexContext)


def _dataclasses_in(annotation: Any) -> list[type]:
    """The dataclasses an annotation names, however deeply nested (tuples, unions)."""
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return [annotation]
    out: list[type] = []
    for arg in typing.get_args(annotation):
        out += _dataclasses_in(arg)
    return out


def contract_types() -> list[type]:
    """Every dataclass a template can reach, each once, in a reading order."""
    start: list[type] = [*ROOTS]
    for section in sections():
        start += [t for t in (section.view_type, section.handout_type) if t is not None]
    seen: list[type] = []
    queue = list(start)
    while queue:
        cls = queue.pop(0)
        if cls in seen:
            continue
        seen.append(cls)
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            queue += [t for t in _dataclasses_in(hints[f.name]) if t not in seen]
    return seen


def undocumented() -> list[str]:
    """`Type.field` for every field without a help text."""
    return [
        f"{cls.__name__}.{f.name}"
        for cls in contract_types()
        for f in dataclasses.fields(cls)
        if not f.metadata.get("help")
    ]


def _type_name(annotation: Any) -> str:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return text or repr(annotation)


def reference() -> str:
    lines = [
        "# Templates: the context reference",
        "",
        "<!-- Generated from reportgen's context types by `make docs`; do not edit by hand."
        " A test fails when this page is stale. -->",
        "",
        "Every template receives display-ready values: text is translated, numbers, amounts",
        "and dates are formatted for the document's locale, and every band, tier and",
        "recommendation was decided by the engine. Templates lay out; they decide nothing.",
        "",
        "- `report.html.j2` receives a `ReportContext`. It includes one partial per chapter,",
        "  `partials/<id>.html.j2`, inside a loop where `section` is that chapter's",
        "  `SectionContext`; the partial lays out `section.view`, of the type the table below",
        "  names. A chapter that is not assessed shows the `not_assessed` macro instead.",
        "- `handout.html.j2` receives a `HandoutContext`. It includes `handout/<id>.html.j2`",
        "  for each part, where `part` is that part's `HandoutPart` and `part.view` is of",
        "  the section's handout type.",
        "- `batch_index.html.j2` receives an `IndexContext`.",
        "- Every template may also use `_`, `gettext` and `ngettext` (the document's",
        "  catalog) and `palette` (the grade colours, as CSS variables in `palette.css.j2`).",
        "",
        "`--templates DIR` puts DIR in front of the built-in templates: a file there with the",
        "name of a built-in one replaces it.",
        "",
        "## Sections",
        "",
        "| id | partial | view | handout part |",
        "| --- | --- | --- | --- |",
    ]
    for s in sections():
        view = f"`{s.view_type.__name__}`" if s.view_type else "–"
        handout = f"`{s.handout_partial}` (`{s.handout_type.__name__}`)" if s.handout_type else "–"
        lines.append(f"| `{s.id}` | `{s.partial}` | {view} | {handout} |")
    lines += ["", "## Types", ""]
    for cls in contract_types():
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        lines += [f"### {cls.__name__}", ""]
        if doc and not doc.startswith(f"{cls.__name__}("):
            lines += [doc, ""]
        lines += ["| field | type | what it holds |", "| --- | --- | --- |"]
        for f in dataclasses.fields(cls):
            help_text = str(f.metadata.get("help", "")).replace("|", "\\|")
            lines.append(f"| `{f.name}` | `{_type_name(f.type)}` | {help_text} |")
        lines.append("")
    return "\n".join(lines)
