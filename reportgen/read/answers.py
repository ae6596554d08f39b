"""Bytes of an answers file -> a validated, immutable ``Answers``.

Three passes, so that every problem in a file is reported at once: bytes -> a value
tree with lines (``yamltree``); the tree checked against the schema the registered
sections declare (``check``); the checked values built into each section's types.
Unknown keys get the closest valid id.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..blocks.document import SCHEMA_VERSION, answers_schema
from ..errors import InvalidFileError
from ..model import Answers, Assessment, Client, FrozenMap
from ..model.answers import LANGUAGES, freeze
from ..sections import answer_sections, sections
from .check import INVALID, Checker
from .inputs import read_input
from .workbook import is_workbook, parse_workbook
from .yamltree import describe, parse_tree


def parse_answers(data: bytes, file: str) -> Answers:
    """Bytes of an answers file (YAML, or an Excel workbook) -> Answers; raises
    InvalidFileError listing every problem."""
    if is_workbook(data, file):
        value, tree = parse_workbook(data, file)
    else:
        value, tree = parse_tree(data, file)
    version = value.get("schema_version")
    # Numbers are read as Decimal, so `schema_version: true` (a bool) is not 1.
    wrong = not isinstance(version, Decimal) or version != SCHEMA_VERSION
    if "schema_version" in value and wrong and version is not INVALID:
        # Other problems would be judged against the wrong schema: report this one alone.
        tree.problems.clear()
        tree.problem(
            ("schema_version",),
            f"expected schema_version {SCHEMA_VERSION}, got "
            f"{describe(version).removeprefix('the number ')}"
            f" (this reportgen reads version {SCHEMA_VERSION} only)",
        )
        raise InvalidFileError(file, tuple(tree.problems))
    checked = Checker(tree).check(answers_schema(sections()), value, ())
    if tree.problems:
        # Sorted by line so the list reads top to bottom like the file.
        raise InvalidFileError(file, tuple(sorted(tree.problems, key=lambda p: p.line or 0)))
    return build_answers(checked)


def build_answers(checked: dict[str, Any]) -> Answers:
    client, assessment = checked["client"], checked["assessment"]
    notes = dict(checked.get("notes", {}))
    for key, note in notes.items():
        if isinstance(note, list):
            notes[key] = tuple(note)
    return Answers(
        schema_version=SCHEMA_VERSION,
        client=Client(**client),
        assessment=Assessment(
            date=assessment["date"],
            assessor=assessment["assessor"],
            languages=assessment.get("languages", LANGUAGES),
            currency=assessment.get("currency", "USD"),
        ),
        sections=FrozenMap(
            (s.id, s.build(checked[s.id])) for s in answer_sections() if s.id in checked
        ),
        notes=FrozenMap(notes),
        given=freeze(checked),
    )


def load_answers(path: str | Path) -> Answers:
    """Read and validate one answers file (or the answers a reportgen PDF carries)."""
    data, name = read_input(path)
    return parse_answers(data, name)
