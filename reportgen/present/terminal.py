"""The terminal table of `reportgen score --format text`."""

from __future__ import annotations

from ..blocks.rubric import _
from ..sections.advantages import ADVANTAGE, TIER
from ..sections.advantages import SECTION as ADVANTAGES
from ..sections.expansion import RISK_TIER
from ..sections.expansion import SECTION as EXPANSION
from ..sections.validation import DIMENSION, DIMENSION_BAND, TOTAL_BAND
from ..sections.validation import SECTION as VALIDATION
from .presenter import Presenter


def score_lines(p: Presenter) -> str:
    s, f, t = p.s, p.f, p.t
    rows: list[tuple[str, str, str]] = [(t(_("Section")), t(_("Score")), t(_("Result")))]
    v = VALIDATION.result(s)
    assert v is not None
    for d in v.dimensions:
        rows.append(
            (
                t(DIMENSION[d.id].label),
                f"{f.number(d.score)}/{f.number(d.max)}",
                t(DIMENSION_BAND[d.band].label),
            )
        )
    rows.append(
        (t(_("Total")), f"{f.number(v.total)}/{f.number(v.max)}", t(TOTAL_BAND[v.band].label))
    )
    advantages = ADVANTAGES.result(s)
    if advantages is not None:
        for a in advantages.types:
            rows.append(
                (t(ADVANTAGE[a.id].label), f"{f.number(a.score)}/10", t(TIER[a.tier].label))
            )
    expansion = EXPANSION.result(s)
    if expansion is not None:
        for m in expansion.markets:
            rows.append(
                (
                    p.place(m.place),
                    f"{f.number(m.score)}/{f.number(m.max)}",
                    t(RISK_TIER[m.risk_tier].label),
                )
            )
        rows.append((t(_("Expansion risk")), "", t(RISK_TIER[expansion.risk_tier].label)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{a:<{widths[0]}}  {b:>{widths[1]}}  {c}" for a, b, c in rows]
    lines.insert(1, "-" * (sum(widths) + 4))
    return "\n".join(lines)
