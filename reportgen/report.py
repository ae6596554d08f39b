"""The present stage: Scores + locale -> display-ready values. Never decides a band or a tier."""

from __future__ import annotations

from . import rubric
from .i18n import Formatter
from .scoring import Scores

DIMENSION = rubric.by_id(rubric.DIMENSIONS)
TOTAL_BAND = rubric.by_id(rubric.TOTAL_BANDS)
DIMENSION_BAND = rubric.by_id(rubric.DIMENSION_BANDS)
ADVANTAGE = rubric.by_id(rubric.ADVANTAGE_TYPES)
TIER = rubric.by_id(rubric.SUSTAINABILITY_TIERS)
RISK_TIER = rubric.by_id(rubric.RISK_TIERS)


def score_lines(s: Scores, f: Formatter) -> str:
    """The terminal table of `reportgen score --format text`."""
    _ = f.gettext
    rows: list[tuple[str, str, str]] = [(_("Section"), _("Score"), _("Result"))]
    v = s.validation
    for d in v.dimensions:
        rows.append(
            (_(DIMENSION[d.id].label), f"{f.number(d.score)}/{f.number(d.max)}", _(DIMENSION_BAND[d.band].label))
        )
    rows.append((_("Total"), f"{f.number(v.total)}/{f.number(v.max)}", _(TOTAL_BAND[v.band].label)))
    if s.advantages is not None:
        for t in s.advantages.types:
            rows.append((_(ADVANTAGE[t.id].label), f"{f.number(t.score)}/10", _(TIER[t.tier].label)))
    if s.expansion is not None:
        for m in s.expansion.markets:
            rows.append((m.name, f"{f.number(m.score)}/{f.number(m.max)}", _(RISK_TIER[m.risk_tier].label)))
        rows.append((_("Expansion risk"), "", _(RISK_TIER[s.expansion.risk_tier].label)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{a:<{widths[0]}}  {b:>{widths[1]}}  {c}" for a, b, c in rows]
    lines.insert(1, "-" * (sum(widths) + 4))
    return "\n".join(lines)
