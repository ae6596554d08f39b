"""The answers file as an Excel workbook: where each answer sits, derived from the schema.

One sheet per part of the answers file (client, assessment, each section, notes), one
row per answer; a list of mappings (the markets) gets a sheet of its own, one row per
item. Column A of a row, hidden, holds the answer's key, so the reader finds answers by
key, not by position, and the sheets' names and labels can be in either language.

Keys: ``validation.market.market_size`` (an answer), ``assessment.languages=vi`` (one
option of a list of ids, answered yes or no), ``notes.lessons[2]`` (an item of a list of
texts). A list sheet's first cell is ``grid:expansion.markets``; its hidden first row
holds each column's key within an item (``name``, ``risk_factors=moderate_localization``).

Pure: the reader (``read.workbook``) and the writer (``read.workbook_writer``) share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import schema as s

GRID_MARK = "grid:"
OPTION = "="  # key=id: one option of a list of ids
LIST_ITEMS = 8  # rows offered for a list of texts (own lessons)
GRID_ROWS = 12  # rows offered for a list of mappings (markets)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Line:
    """One row of a form sheet: a heading (node None) or an answer."""

    key: str  # column A; "" for a heading
    path: Path  # where the answer goes: for an option, the list's path
    node: s.Node | None
    depth: int
    title: str  # msgid
    description: str = ""  # msgid
    option: Any = None  # an option row: the rubric item it picks
    required: bool = False
    grid: str = ""  # a heading that points to a list's own sheet: its key


@dataclass(frozen=True)
class Column:
    """One column of a list sheet: an answer of each item."""

    key: str  # within an item: "region", "risk_factors=moderate_localization"
    field: str  # the item's key it fills
    node: s.Node
    title: str  # msgid
    description: str = ""
    option: Any = None
    required: bool = False


@dataclass(frozen=True)
class Grid:
    key: str  # the list's dotted path: "expansion.markets"
    path: Path
    title: str  # msgid
    item: s.Fields
    columns: tuple[Column, ...]
    required: bool = False


@dataclass(frozen=True)
class Form:
    key: str  # the top-level key it holds: "validation"
    title: str  # msgid
    node: s.Node
    lines: tuple[Line, ...]
    required: bool = False


@dataclass(frozen=True)
class Layout:
    forms: tuple[Form, ...]
    grids: tuple[Grid, ...]

    @cached_property
    def by_key(self) -> dict[str, Line]:
        """Every answer's row, by its key."""
        return {ln.key: ln for f in self.forms for ln in f.lines if ln.key}


def dotted(path: Path) -> str:
    return ".".join(str(p) for p in path)


def grid_cells(grid: Grid) -> tuple[tuple[str, Column, str | None], ...]:
    """The columns of a list's sheet from B on, as its hidden first row names them: one
    per answer of an item, three for a text (any language, then ``@vi`` and ``@en``)."""
    out: list[tuple[str, Column, str | None]] = []
    for c in grid.columns:
        out.append((c.key, c, None))
        if isinstance(c.node, s.Bilingual):
            out += [(f"{c.key}@{lang}", c, lang) for lang in ("vi", "en")]
    return tuple(out)


def layout(answers: s.Fields) -> Layout:
    """The whole answers file (``document.answers_schema``) as sheets."""
    forms, grids = [], []
    version = [f for f in answers.fields if f.key == "schema_version"]
    for f in answers.fields:
        if f.key == "schema_version":
            continue
        assert isinstance(f.node, s.Fields), f.key
        found: list[Grid] = []
        lines = [*_lines(f.node, (f.key,), 0, found)]
        if f.key == "client":  # the format version travels with the first sheet's answers
            lines = [_leaf(v.node, ("schema_version",), 0, True) for v in version] + lines
        forms.append(Form(f.key, f.node.title, f.node, tuple(lines), f.required))
        grids += found
    return Layout(tuple(forms), tuple(grids))


def _leaf(node: s.Node, path: Path, depth: int, required: bool) -> Line:
    return Line(dotted(path), path, node, depth, node.title, node.description, required=required)


def _lines(node: s.Fields, path: Path, depth: int, grids: list[Grid]) -> Iterator[Line]:
    for f in node.fields:
        here, n = (*path, f.key), f.node
        if isinstance(n, s.Fields):
            yield Line("", here, None, depth, n.title, n.description)
            yield from _lines(n, here, depth + 1, grids)
        elif isinstance(n, s.Choices):
            yield Line("", here, None, depth, n.title, n.description)
            for item in n.items:
                key = f"{dotted(here)}{OPTION}{item.id}"
                yield Line(
                    key,
                    here,
                    n,
                    depth + 1,
                    item.label,
                    getattr(item, "explanation", ""),
                    option=item,
                )
        elif isinstance(n, s.ListOf) and isinstance(n.item, s.Fields):
            grid = Grid(dotted(here), here, n.title, n.item, tuple(_columns(n.item)), f.required)
            grids.append(grid)
            yield Line("", here, None, depth, n.title, n.description, grid=grid.key)
        elif isinstance(n, s.ListOf):
            yield Line("", here, None, depth, n.title, n.description)
            for i in range(LIST_ITEMS):
                yield Line(f"{dotted(here)}[{i + 1}]", (*here, i), n.item, depth + 1, n.item.title)
        else:
            yield _leaf(n, here, depth, f.required)


def _columns(item: s.Fields) -> Iterator[Column]:
    for f in item.fields:
        n = f.node
        if isinstance(n, s.Choices):
            for option in n.items:
                key = f"{f.key}{OPTION}{option.id}"
                yield Column(
                    key, f.key, n, option.label, getattr(option, "explanation", ""), option=option
                )
        else:
            assert not isinstance(n, (s.Fields, s.ListOf)), f.key
            yield Column(f.key, f.key, n, n.title, n.description, required=f.required)
