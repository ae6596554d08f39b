"""The appendix: how each score is computed (every section's method rows and tables)
and the answers as given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..model import Answers, FrozenMap
from ..rubric.base import _
from .base import Section
from .views import Cell, Table, doc

if TYPE_CHECKING:
    from ..present.presenter import Presenter


@dataclass(frozen=True)
class AppendixView:
    method: tuple[Table, ...] = doc("how each score is computed: rules, bands and benchmarks")
    answers_given: Table = doc("every answered value with its key path")


class Appendix(Section[None, None]):
    id = "appendix"
    title = _("Appendix: method and answers")
    order = 100
    view_type = AppendixView

    def to_json(self, result: None) -> dict[str, Any]:
        return {}

    def present(self, p: Presenter, result: None) -> AppendixView:
        from . import sections  # the registry: every section's method

        t = p.t
        rules = Table(
            t(_("How each score is computed")),
            (t(_("Score")), t(_("Method"))),
            tuple(
                (Cell(t(score)), Cell(t(method))) for s in sections() for score, method in s.method
            ),
        )
        tables = tuple(table for s in sections() for table in s.method_tables(p))
        return AppendixView(method=(rules, *tables), answers_given=answers_given(p))


def answers_given(p: Presenter) -> Table:
    """The answers as given, one row per answered value, with its key path."""
    rows = []

    def show(value: Any) -> str:
        if isinstance(value, bool):
            return p.t(_("Yes")) if value else p.t(_("No"))
        if isinstance(value, Decimal):
            return p.f.number(value)
        if isinstance(value, dt.date):
            return p.f.date(value)
        if isinstance(value, tuple | list):
            return ", ".join(show(v) for v in value) if value else "–"
        if value is None:
            return "–"
        return str(value)

    def walk(prefix: str, value: Any) -> None:
        if hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(f"{prefix}.{name}" if prefix else name, getattr(value, name))
        elif isinstance(value, FrozenMap):
            for k, v in value.items():
                walk(f"{prefix}.{k}", v)
        elif isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
            for i, v in enumerate(value):
                walk(f"{prefix}[{i}]", v)
        else:
            rows.append((Cell(prefix), Cell(show(value))))

    a: Answers = p.a
    walk("client", a.client)
    walk("assessment", a.assessment)
    for key, value in a.sections.items():
        walk(key, value)
    return Table(p.t(_("Answers as given")), (p.t(_("Key")), p.t(_("Answer"))), tuple(rows))


SECTION = Appendix()
