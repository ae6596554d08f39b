"""Critical success factors: six true/false items of the seed's checklist."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import schema
from ...blocks.findings import Finding, finding
from ...blocks.rubric import _, by_id
from ...blocks.section import Section
from ...blocks.views import Cell, Note, Table, doc
from ...model import Answers, FrozenMap
from . import rubric as rb

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

FACTOR = by_id(rb.CRITICAL_SUCCESS_FACTORS)


@dataclass(frozen=True)
class ChecklistScore:
    items: tuple[tuple[str, bool], ...]
    met: int
    total: int


@dataclass(frozen=True)
class CriticalSuccessFactorsView:
    table: Table = doc("each factor and whether it is in place")
    summary: str = doc("a sentence: how many factors are in place")
    note: Note | None = doc("the consultant's note on the success factors, or None")


class CriticalSuccessFactors(Section[FrozenMap, ChecklistScore]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "critical_success_factors"
    title = _("Critical success factors")
    order = 70
    view_type = CriticalSuccessFactorsView
    note = "text"
    rubric_modules = (rb,)
    schema = schema.flags(rb.CRITICAL_SUCCESS_FACTORS)

    def build(self, checked: dict[str, Any]) -> FrozenMap:
        return FrozenMap(checked)

    def score(
        self, value: FrozenMap | None, answers: Answers, results: dict[str, Any]
    ) -> ChecklistScore | None:
        if value is None:
            return None
        items = tuple((k, bool(v)) for k, v in value.items())
        return ChecklistScore(items, sum(1 for _, ok in items if ok), len(items))

    def findings(
        self, result: ChecklistScore | None, answers: Answers, results: dict[str, Any]
    ) -> tuple[Finding, ...]:
        if result is None:
            return ()
        return tuple(finding(f"{self.id}.{i}") for i, ok in result.items if not ok)

    def to_json(self, result: ChecklistScore | None) -> dict[str, Any]:
        if result is None:
            return {self.id: None}
        return {self.id: {"met": result.met, "total": result.total}}

    def present(
        self, p: Presenter, result: ChecklistScore | None
    ) -> CriticalSuccessFactorsView | None:
        if result is None:
            return None
        t, f = p.t, p.f
        return CriticalSuccessFactorsView(
            table=Table(
                caption=t(_("Critical success factors")),
                head=(t(_("Factor")), t(_("In place"))),
                rows=tuple(
                    (Cell(t(FACTOR[i].label)), Cell("", badge=p.yes_no(ok)))
                    for i, ok in result.items
                ),
            ),
            summary=t(_("%(met)s of %(total)s critical success factors are in place."))
            % {"met": f.number(result.met), "total": f.number(result.total)},
            note=p.note(self.id),
        )


SECTION = CriticalSuccessFactors()
