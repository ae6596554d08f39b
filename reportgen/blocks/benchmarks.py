"""A client's figure held against a benchmark of the sources: the check, and how it shows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .rubric import Benchmark, _
from .views import Badge, Cell

if TYPE_CHECKING:
    from .presenter import Presenter


@dataclass(frozen=True)
class BenchmarkCheck:
    id: str
    value: Decimal | None
    low: Decimal
    high: Decimal
    status: str  # within | below | above | unassessed
    # weakness: missed on its unfavourable side; favourable: beats it (show the evidence);
    # within; unassessed.
    verdict: str


# A check's result badge: (state class, label) by verdict and side.
STATUS = {
    ("within", "within"): ("check-yes", _("Within the benchmark")),
    ("favourable", "below"): ("check-yes", _("Beats the benchmark (lower)")),
    ("favourable", "above"): ("check-yes", _("Beats the benchmark (higher)")),
    ("weakness", "below"): ("check-no", _("Below the benchmark")),
    ("weakness", "above"): ("check-no", _("Above the benchmark")),
    ("unassessed", "unassessed"): ("check-none", _("Not answered")),
}


def check(b: Benchmark, value: Decimal | None) -> BenchmarkCheck:
    """A figure against a benchmark: which side it falls on, and whether that is a
    weakness or beats the benchmark (the benchmark says which side is better)."""
    if value is None:
        status = verdict = "unassessed"
    elif value < b.low:
        status, verdict = "below", "favourable" if b.better == "lower" else "weakness"
    elif value > b.high:
        status, verdict = "above", "favourable" if b.better == "higher" else "weakness"
    else:
        status = verdict = "within"
    return BenchmarkCheck(b.id, value, b.low, b.high, status, verdict)


def value_text(p: Presenter, b: Benchmark, value: Decimal) -> str:
    """A value as the benchmark counts it: a percentage, months or a count."""
    if b.unit == "percent":
        return p.f.percent(value)
    if b.unit == "months":
        return p.t(_("%(months)s months")) % {"months": p.f.number(value)}
    return p.f.number(value)


def benchmark_row(p: Presenter, c: BenchmarkCheck, b: Benchmark) -> tuple[Cell, ...]:
    """A figure against its benchmark, as a table row: measure, answer, range, verdict."""
    t = p.t
    low, high = value_text(p, b, c.low), value_text(p, b, c.high)
    css, label = STATUS[(c.verdict, c.status)]
    return (
        Cell(t(b.label)),
        Cell(value_text(p, b, c.value) if c.value is not None else "–", numeric=True),
        Cell(t(_("%(low)s to %(high)s")) % {"low": low, "high": high}, numeric=True),
        Cell("", badge=Badge(css, t(label))),
    )
