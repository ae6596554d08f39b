"""A section defined outside reportgen, as a firm's package would: one module, one partial,
its messages. The tests install it through the `reportgen.sections` entry point group."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.blocks import schema
from reportgen.blocks.findings import finding
from reportgen.blocks.section import Section
from reportgen.blocks.views import Cell, Table, doc

from . import rubric

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ResponsibleAIScore:
    met: int
    total: int
    practices: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class ResponsibleAIView:
    summary: str = doc("how many practices are in place")
    table: Table = doc("each practice and whether it is in place")


class ResponsibleAI(Section[dict, ResponsibleAIScore]):
    id = "responsible_ai"
    title = rubric.TITLE
    order = 75
    view_type = ResponsibleAIView
    rubric_modules = (rubric,)
    groups = rubric.GROUPS
    schema = schema.flags(rubric.PRACTICES)
    templates_dir = HERE / "templates"
    locales_dir = HERE / "locales"
    domain = "reportgen_extra"

    def score(self, value: dict | None, answers: Any, results: dict) -> ResponsibleAIScore | None:
        if value is None:
            return None
        practices = tuple((p.id, bool(value[p.id])) for p in rubric.PRACTICES)
        return ResponsibleAIScore(sum(ok for _, ok in practices), len(practices), practices)

    def findings(self, result: ResponsibleAIScore | None, answers: Any, results: dict) -> tuple:
        if result is None:
            return ()
        return tuple(finding(f"responsible_ai.{i}") for i, ok in result.practices if not ok)

    def to_json(self, result: ResponsibleAIScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {self.id: {"met": result.met, "total": result.total}}

    def present(self, p: Any, result: ResponsibleAIScore | None) -> ResponsibleAIView | None:
        if result is None:
            return None
        labels = {i.id: i.label for i in rubric.PRACTICES}
        return ResponsibleAIView(
            summary=p.t("%(met)s of %(total)s practices in place")
            % {"met": p.f.number(result.met), "total": p.f.number(result.total)},
            table=Table(
                caption=p.t(rubric.TITLE),
                head=(p.t("Practice"), p.t("In place")),
                rows=tuple((Cell(p.t(labels[i])), Cell("", badge=p.yes_no(ok))) for i, ok in result.practices),
            ),
        )


SECTION = ResponsibleAI()
