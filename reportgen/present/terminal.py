"""The terminal table of `reportgen score --format text`."""

from __future__ import annotations

from ..blocks.rubric import _
from ..sections import sections
from .presenter import Presenter


def score_lines(p: Presenter) -> str:
    s, t = p.s, p.t
    rows: list[tuple[str, str, str]] = [(t(_("Section")), t(_("Score")), t(_("Result")))]
    for section in sections():
        rows += section.score_rows(p, section.result(s))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{a:<{widths[0]}}  {b:>{widths[1]}}  {c}" for a, b, c in rows]
    lines.insert(1, "-" * (sum(widths) + 4))
    return "\n".join(lines)
