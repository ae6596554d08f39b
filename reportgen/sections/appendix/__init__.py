"""The appendix: how each score is computed (every section's method rows and tables), the
sources the advice cites, and the answers as given, in the report's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...blocks import advice, schema
from ...blocks.document import LANGUAGE_ITEMS
from ...blocks.rubric import _, by_id
from ...blocks.section import Section
from ...blocks.views import Cell, Table, doc, inline
from ...model import FrozenMap, Place
from ..business_model import rubric as business_model

if TYPE_CHECKING:
    from ...blocks.presenter import Presenter

DOCUMENT = by_id(advice.DOCUMENTS)
KPI = by_id(advice.KPIS)
# Parts of the answers file the appendix does not repeat: the notes are shown in their
# sections, the format version is the tool's concern.
NOT_SHOWN = ("schema_version", "notes")


@dataclass(frozen=True)
class AppendixView:
    method: tuple[Table, ...] = doc("how each score is computed: rules, bands and benchmarks")
    metrics: Table | None = doc("what each metric the report names measures, or None")
    sources: tuple[Table, ...] = doc(
        "the frameworks the advice cites with their documents, and what each document covers"
    )
    answers: tuple[Table, ...] = doc(
        "the answers as given, one table per part of the answers file, in the report's language"
    )
    decisions: Table | None = doc(
        "the consultant's decisions on the advice: dropped with reasons, edited, added "
        "(None: the engine's advice as proposed)",
        None,
    )
    not_assessed: Table | None = doc(
        "what the answers leave out and the rules that therefore were not applied, with what "
        "the consultant should add (None: the assessment is complete)",
        None,
    )


class Appendix(Section[None, None]):
    templates_dir = Path(__file__).resolve().parent / "templates"
    id = "appendix"
    title = _("Appendix: method, sources and answers")
    order = 100
    view_type = AppendixView

    def to_json(self, result: None) -> dict[str, Any]:
        return {}

    def present(self, p: Presenter, result: None) -> AppendixView:
        from .. import sections  # the registry: every section's method

        t = p.t
        rules = Table(
            t(_("How each score is computed")),
            (t(_("Score")), t(_("Method"))),
            tuple(
                (Cell(t(score)), Cell(t(method))) for s in sections() for score, method in s.method
            ),
        )
        tables = tuple(table for s in sections() for table in s.method_tables(p))
        sources = Table(
            t(_("Sources of the advice")),
            (t(_("Framework or case")), t(_("Document"))),
            tuple((Cell(t(s.label)), Cell(t(DOCUMENT[s.document].label))) for s in advice.SOURCES),
        )
        documents = Table(
            t(_("The documents")),
            (t(_("Document")), t(_("What it covers"))),
            tuple((Cell(t(d.label)), Cell(t(d.explanation))) for d in advice.DOCUMENTS),
        )
        return AppendixView(
            method=(rules, *tables),
            metrics=metrics_table(p),
            sources=(sources, documents),
            answers=answers_given(p),
            not_assessed=not_assessed(p),
            decisions=decisions(p),
        )


def decisions(p: Presenter) -> Table | None:
    """The record of the consultant's decisions, for a reviewer at the firm: what the
    engine proposed and what became of it. The client-facing chapters show the result."""
    from ..advice import DECISION, ORIGIN, AdviceAnswers
    from ..recommendations import SECTION as RECOMMENDATIONS
    from ..recommendations import title

    given = p.a.sections.get("advice")
    if not isinstance(given, AdviceAnswers) or not given.decisions:
        return None
    t = p.t
    field_title = {f.key: t(f.node.title) for f in DECISION.fields}
    found = {r.id: r for r in RECOMMENDATIONS.result(p.s) or ()}
    rows = []
    for d in given.decisions:
        r = found.get(d.id)
        if r is None:
            rows.append(
                (
                    Cell(d.id),
                    Cell(t(_("Not proposed for these answers"))),
                    Cell(t(_("The decision stays in the answers file and applies if the recommendation returns."))),
                )
            )
            continue
        if r.origin == "dropped":
            detail = p.text(d.drop) if d.drop is not None else ""
        elif r.origin == "consultant":
            detail = p.text(d.text) if d.text is not None else ""
        else:
            # A range is one change: the budget (its high end is part of it).
            changed = [k for k in d.changed() if not (k == "budget_high" and "budget" in d.changed())]
            detail = t(_("Changed: %(fields)s")) % {
                "fields": p.f.list(inline(field_title[k]) for k in changed)
            }
        rows.append((Cell(title(p, r)), Cell(t(ORIGIN[r.origin].label)), Cell(detail)))
    return Table(
        t(_("The consultant's decisions on the advice")),
        (t(_("Recommendation")), t(_("Decision")), t(_("Reason or change"))),
        tuple(rows),
    )


def not_assessed(p: Presenter) -> Table | None:
    """The consultant's to-dos: what is unanswered, why it matters, what to add. Unknown
    is never counted against the client; this table says what the report could not judge."""
    from .. import actions
    from ..recommendations import SECTION as RECOMMENDATIONS
    from ..recommendations import params, step, todo

    t = p.t
    rows = tuple(
        (Cell(step(p, f)), Cell(t(actions()[f.action].why) % params(p, [f])))
        for r in todo(RECOMMENDATIONS.result(p.s) or ())
        for f in r.findings
    )
    if not rows:
        return None
    return Table(
        t(_("Not assessed: what the consultant should add")),
        (t(_("To add")), t(_("What could not be judged"))),
        rows,
    )


def metrics_table(p: Presenter) -> Table | None:
    """The metrics the report asks to watch (the recommendations', the model's), defined."""
    from ..business_model import SECTION as BUSINESS_MODEL
    from ..recommendations import SECTION as RECOMMENDATIONS

    kpis: list[str] = []
    for r in RECOMMENDATIONS.result(p.s) or ():
        kpis += [k for k in r.kpis if k not in kpis]
    model = BUSINESS_MODEL.result(p.s)
    if model is not None:
        kpis += [k for k in business_model.MODEL_KPIS[model.type] if k not in kpis]
    if not kpis:
        return None
    t = p.t
    return Table(
        t(_("The metrics to watch")),
        (t(_("Metric")), t(_("What it measures"))),
        tuple((Cell(t(KPI[k].label)), Cell(t(KPI[k].explanation))) for k in kpis),
    )


def answers_given(p: Presenter) -> tuple[Table, ...]:
    """The answers as given, labelled and formatted in the report's language: one table per
    part of the file, one row per answer."""
    from ...blocks.document import answers_schema
    from .. import sections

    t = p.t
    given = p.a.given
    head = (t(_("Question")), t(_("Answer")))
    tables = []
    for field in answers_schema(sections()).fields:
        if field.key in NOT_SHOWN or field.key not in given:
            continue
        rows: list[tuple[Cell, Cell]] = []
        _walk(p, field.node, given[field.key], (), rows)
        tables.append(Table(t(field.node.title), head, tuple(rows)))
    return tuple(tables)


def _walk(
    p: Presenter, node: schema.Node, value: Any, labels: tuple[str, ...], rows: list[Any]
) -> None:
    t = p.t
    if isinstance(node, schema.Fields):
        for f in node.fields:
            if isinstance(value, Mapping) and f.key in value:
                _walk(p, f.node, value[f.key], (*labels, t(f.node.title)), rows)
    elif isinstance(node, schema.ListOf) and isinstance(value, tuple):
        for i, item in enumerate(value, start=1):
            name = None
            if isinstance(item, Mapping) and ("name" in item or "country" in item):
                name = p.place(Place(item.get("name"), item.get("country")))
            label = (
                t(_("%(item)s %(number)s: %(name)s"))
                % {"item": t(node.item.title), "number": p.f.number(i), "name": name}
                if name
                else t(_("%(item)s %(number)s"))
                % {"item": t(node.item.title), "number": p.f.number(i)}
            )
            _walk(p, node.item, item, (*labels[:-1], label), rows)
    else:
        rows.append((Cell(" › ".join(labels)), Cell(show(p, node, value), numeric=False)))


def _label(node: schema.Choice | schema.Choices, value: str) -> str:
    return next((i.label for i in node.items if i.id == value), value)


def _named_ids(p: Presenter, node: schema.Node, value: Any) -> str | None:
    """The consultant's decisions name recommendations and metrics by id: the reader reads
    their titles ("Risk management", not "risk_management"); None for any other answer."""
    if not isinstance(node, schema.Text) or not isinstance(value, str):
        return None
    ids = [i.strip() for i in value.split(",") if i.strip()]
    if node.title in (_("Recommendation id"), _("After")):
        own: dict[str, Any] = {
            str(d.get("id")): d["title"]
            for d in (p.a.given.get("advice") or {}).get("recommendations") or ()
            if isinstance(d, Mapping) and d.get("title")
        }
        return p.f.list(
            p.t(advice.GROUPS[i].title) if i in advice.GROUPS else p.text(own[i]) if i in own else i
            for i in ids
        )
    if node.title == _("Metrics to watch"):
        kpis = by_id(advice.KPIS)
        return p.f.labels(p.t(kpis[i].label) if i in kpis else i for i in ids)
    return None


def show(p: Presenter, node: schema.Node, value: Any) -> str:
    """One answer as a reader reads it: labels for ids, numbers and dates for the locale."""
    t, f = p.t, p.f
    if isinstance(value, bool):
        return t(_("Yes")) if value else t(_("No"))
    if isinstance(node, schema.Number) and isinstance(value, Decimal):
        if node.unit == "percent":
            return f.percent(value)
        if node.unit == "months":
            return t(_("%(months)s months")) % {"months": f.number(value)}
        if node.unit == "money":
            return f.money(value, p.a.assessment.currency)
        return f.number(value)
    if isinstance(node, schema.Choice):
        return t(_label(node, value))
    if isinstance(node, schema.Choices) and node.items is LANGUAGE_ITEMS:
        return f.languages(value)  # names: English keeps every capital
    if isinstance(node, schema.Choices):
        return f.labels(t(_label(node, v)) for v in value)
    if isinstance(node, schema.Code) and node.kind == "country":
        return f.country(value)
    named = _named_ids(p, node, value)
    if named is not None:
        return named
    if isinstance(value, dt.date):
        return f.date(value)
    if isinstance(value, FrozenMap):  # text in both languages: the report's own
        return str(value.get(p.lang) or next(iter(value.values())))
    return str(value)


SECTION = Appendix()
