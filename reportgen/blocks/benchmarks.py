"""A client's figure held against a benchmark of the sources: the check, and how it shows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
    # The consultant's own range for this client (low and high above are theirs), with the
    # reason they gave; the source's range is then shown beside it.
    own: bool = False
    own_reason: Any = None  # Text: plain, or {vi, en}


# A check's result badge: (state class, label) by verdict and side.
STATUS = {
    ("within", "within"): ("check-yes", _("Within the benchmark")),
    ("favourable", "below"): ("check-yes", _("Beats the benchmark (lower)")),
    ("favourable", "above"): ("check-yes", _("Beats the benchmark (higher)")),
    ("weakness", "below"): ("check-no", _("Below the benchmark")),
    ("weakness", "above"): ("check-no", _("Above the benchmark")),
    ("unassessed", "unassessed"): ("check-none", _("Not answered")),
}


def check(
    b: Benchmark, value: Decimal | None, own: tuple[Decimal, Decimal, Any] | None = None
) -> BenchmarkCheck:
    """A figure against a benchmark: which side it falls on, and whether that is a
    weakness or beats the benchmark (the benchmark says which side is better). own: the
    consultant's range for this client and their reason, which the verdict then uses."""
    if own is not None:
        low, high, reason = own
        c = check(replace(b, low=low, high=high), value)
        return replace(c, own=True, own_reason=reason)
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
    bench = t(_("%(low)s to %(high)s")) % {"low": low, "high": high}
    if c.own:
        # The consultant's range decides; the source's stays beside it, with their reason.
        bench = t(_("%(range)s, the consultant's benchmark (the source's: %(source)s). %(reason)s")) % {
            "range": bench,
            "source": t(_("%(low)s to %(high)s"))
            % {"low": value_text(p, b, b.low), "high": value_text(p, b, b.high)},
            "reason": p.text(c.own_reason) if c.own_reason is not None else "",
        }
    return (
        Cell(t(b.label)),
        Cell(value_text(p, b, c.value) if c.value is not None else "–", numeric=True),
        Cell(bench.strip(), numeric=not c.own),
        Cell("", badge=Badge(css, t(label))),
    )
