"""Column widths for the report's tables, decided before WeasyPrint sees them.

WeasyPrint's automatic table layout measures every cell twice (its narrowest and its
widest rendering) by breaking its text word by word with Pango: about a sixth of a
report's rendering time went there. The widths it arrives at follow the CSS 2.1
algorithm, which needs only each column's narrowest and widest content. Those are
measured here from the bundled font's own advance widths (fontTools, no shaping: Noto
Sans has no kerning that changes a column by more than a hair), and the table is laid
out with `table-layout: fixed` and one <col> width per column.

On the sample reports the widths are the auto layout's to within 1.3 mm (3 mm in one
table of 176 mm), the page count is unchanged, and the table layout's cost falls from
about a sixth of a report's rendering time to almost nothing.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..resources import FONTS_DIR

PT_TO_MM = 25.4 / 72

# What report.css gives the cells of `table.scores` (and `table.compact`), in pt and mm.
BODY_PT, COMPACT_PT, HEAD_PT, BADGE_PT = 10.0, 9.0, 8.5, 8.5
PAD_MM, COMPACT_PAD_MM = 2.0, 1.6
BADGE_EXTRA_MM = 4.0  # its padding, 2 mm a side (WeasyPrint leaves its 1px borders out)
TABLE_MM = 176.0  # the body's width on an A4 page in print: 210 - 2 × 17 (the page margins)


@lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, int], int, int]:
    """The font's advance width per code point, its default and its units per em."""
    from fontTools.ttLib import TTFont

    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    with TTFont(FONTS_DIR / name) as font:  # read once, the file closed at once
        cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
        widths = {code: metrics[glyph][0] for code, glyph in cmap.items()}
        return widths, metrics[".notdef"][0], font["head"].unitsPerEm


def text_mm(text: str, pt: float, bold: bool = False) -> float:
    """The width of one line of text in the bundled font, in millimetres."""
    widths, default, units = _advances(bold)
    return sum(widths.get(ord(c), default) for c in text) * pt * PT_TO_MM / units


def _extent(text: str, pt: float, bold: bool, nowrap: bool) -> tuple[float, float]:
    """(narrowest, widest) width of a text: its longest word, and all of it on one line."""
    widest = text_mm(text, pt, bold)
    if nowrap or not text.strip():
        return widest, widest
    return max(text_mm(word, pt, bold) for word in text.split()), widest


def _cell(cell: Any, pt: float) -> tuple[float, float]:
    narrow, wide = _extent(cell.text or "", pt, cell.strong, cell.numeric)
    if cell.badge is not None:  # a badge never wraps: it adds its whole width to both
        badge = text_mm(cell.badge.label, BADGE_PT, True) + BADGE_EXTRA_MM
        space = text_mm(" ", pt) if cell.text else 0.0
        narrow, wide = max(narrow, badge), wide + space + badge
    return narrow, wide


# Tables whose widths report.css sets itself (table.answers, table.plan): a long table
# that runs over pages keeps the same columns on every page.
STYLESHEET_WIDTHS = frozenset({"answers", "plan"})


def column_widths(table: Any, classes: str = "") -> tuple[float, ...]:
    """Each column's share of the table's width, in percent (CSS 2.1 auto layout), for a
    table of these CSS classes; none for a table whose widths the stylesheet sets."""
    names = set(classes.split())
    if names & STYLESHEET_WIDTHS:
        return ()
    pt, pad = (COMPACT_PT, COMPACT_PAD_MM) if "compact" in names else (BODY_PT, PAD_MM)
    columns = len(table.head)
    narrow, wide = [0.0] * columns, [0.0] * columns
    for i, heading in enumerate(table.head):
        n, w = _extent(heading, HEAD_PT, True, False)
        narrow[i], wide[i] = max(narrow[i], n), max(wide[i], w)
    for row in (*table.rows, *((table.foot,) if table.foot else ())):
        for i, cell in enumerate(row[:columns]):
            n, w = _cell(cell, pt)
            narrow[i], wide[i] = max(narrow[i], n), max(wide[i], w)
    narrow = [n + 2 * pad for n in narrow]
    wide = [w + 2 * pad for w in wide]
    if sum(wide) <= TABLE_MM:  # everything fits on one line: the rest shared by width
        widths = [w * TABLE_MM / sum(wide) for w in wide]
    elif sum(narrow) >= TABLE_MM:  # too narrow even broken: the narrowest widths
        widths = narrow
    else:  # each column gets its narrowest, and the rest by how much more it would take
        spare, want = TABLE_MM - sum(narrow), sum(w - n for n, w in zip(narrow, wide, strict=True))
        widths = [n + spare * (w - n) / want for n, w in zip(narrow, wide, strict=True)]
    total = sum(widths)
    return tuple(round(100 * w / total, 2) for w in widths)
