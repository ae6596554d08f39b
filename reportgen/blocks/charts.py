"""Bar charts as inline SVG, drawn on the server: the same markup in HTML and PDF.

Colours are attributes, not CSS classes, because WeasyPrint's SVG renderer does not
apply the document's stylesheet inside <svg>. Values are printed beside each bar,
so a chart printed in grey still reads.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from .rubric import _

# The chart's data in words, for a screen reader and the PDF's alternative text: the
# presenter's translator (None: no description, as for a chart nobody reads aloud).
Translate = Callable[[str], str] | None

# The one palette: a colour per grade, shared by the charts here and by every stylesheet
# (as CSS variables of the same names, written by templates/palette.css.j2).
COLOURS = {
    "excellent": "#1d6b45",
    "good": "#2b6cb0",
    "fair": "#c27c0e",
    "poor": "#b03a2e",
    "none": "#7b8290",
}
# Each state of a badge or bar (its CSS class) -> its grade's colour.
PALETTE = {
    "band-excellent": COLOURS["excellent"],
    "band-good": COLOURS["good"],
    "band-fair": COLOURS["fair"],
    "band-poor": COLOURS["poor"],
    "tier-high": COLOURS["excellent"],
    "tier-medium": COLOURS["fair"],
    "tier-low": COLOURS["poor"],
    "risk-high": COLOURS["poor"],
    "risk-medium": COLOURS["fair"],
    "risk-low": COLOURS["excellent"],
    "risk-unassessed": COLOURS["none"],
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    maximum: Decimal
    value_text: str
    state: str  # a PALETTE key
    sublabel: str | None = None  # the label in a second language (bilingual handout)
    marker: Decimal | None = None  # a reference drawn across the bar (a cohort's median)


WIDTH = 640
LEFT = 8
RIGHT = 56  # room for the value after a full bar
ROW = 40
TOP = 6
GRID = "#d5d9e0"
TRACK = "#eef1f5"  # the bar's full length, behind it
MUTED = "#5a6270"
INK = "#1f2933"


def svg_open(height: float, description: str = "") -> str:
    """The opening tag every chart starts with: the page's width, the chart's height; then
    its data in words (`<desc>`), which the PDF's accessible variants carry as the figure's
    alternative text. The `<title>` comes from the chart's caption (``views.Chart``)."""
    desc = f"<desc>{escape(description)}</desc>" if description else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img">{desc}'
    )


def describe_bars(
    t: Translate,
    bars: Sequence[Bar],
    number: Callable[[Decimal | int], str],
    key: Sequence[tuple[str, str]],
    marker_label: str | None,
) -> str:
    """Each bar as a sentence: its label, value, maximum and grade (the key's label)."""
    if t is None:
        return ""
    grades = dict(key)
    sentences = []
    for bar in bars:
        values = {
            "label": bar.label,
            "value": bar.value_text,
            "maximum": number(bar.maximum),
            "grade": grades.get(bar.state, ""),
        }
        message = (
            _("%(label)s: %(value)s out of %(maximum)s, %(grade)s.")
            if values["grade"]
            else _("%(label)s: %(value)s out of %(maximum)s.")
        )
        sentences.append(t(message) % values)
        if bar.marker is not None and marker_label:
            sentences.append(
                t(_("%(marker)s for %(label)s: %(value)s."))
                % {"marker": marker_label, "label": bar.label, "value": number(bar.marker)}
            )
    return " ".join(sentences)


def gridlines(segments: Iterable[str]) -> str:
    """Every gridline segment in one path: the same strokes, and far fewer elements for the
    PDF renderer to style and draw (each element costs it more than its pixels)."""
    return f'<path d="{" ".join(segments)}" fill="none" stroke="{GRID}" stroke-width="1"/>'


def legend(entries: Sequence[tuple[str, str]], y: float) -> tuple[list[str], float]:
    """Swatches and labels (colour, label) on as many lines as they need, from y; returns
    the SVG parts and the y below them. Label widths are estimated from an average glyph
    width at 10 px."""
    parts, lx, ly = [], float(LEFT), y + 10
    for colour, label in entries:
        width = 14 + 5.6 * len(label) + 16
        if lx > LEFT and lx + width > WIDTH:
            lx, ly = float(LEFT), ly + 16
        parts.append(
            f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14:.1f}" y="{ly}" font-size="10" fill="{INK}">{escape(label)}</text>'
        )
        lx += width
    return parts, (ly + 10 if entries else y)


def bar_chart(
    bars: Sequence[Bar],
    scale_max: Decimal,
    step: int,
    tick_label: Callable[[Decimal | int], str],
    thresholds: Sequence[tuple[Decimal | int, str]] = (),
    key: Sequence[tuple[str, str]] = (),
    row_height: int = ROW,
    marker_label: str | None = None,
    t: Translate = None,
) -> Markup:
    """Horizontal bars against an axis of even ticks (every `step`), with the thresholds
    that decide a bar's colour drawn and labelled (value, label), and a key of the colours
    (state, label); bars with a marker get a tick across them, named in the key by
    marker_label. With the presenter's translator t, the bars are described in words."""
    plot = WIDTH - LEFT - RIGHT
    # A second-language label needs a line of its own above the bar.
    extra = 13 if any(b.sublabel for b in bars) else 0
    row = row_height + extra
    entries = [(PALETTE[state], label) for state, label in key]
    if marker_label and any(b.marker is not None for b in bars):
        entries.append((INK, marker_label))
    key_parts, top = legend(entries, TOP)
    top += 14 if thresholds else 0  # the thresholds' labels sit above the plot
    axis_y = top + row * len(bars)
    height = axis_y + 22

    def x(v: Decimal | int) -> float:
        return LEFT + plot * float(Decimal(v) / scale_max)

    parts = [
        svg_open(height, describe_bars(t, bars, tick_label, key, marker_label)),
        *key_parts,
    ]
    # Gridlines and thresholds run through each bar's band only, never through a label.
    bands = [(top + row * i + extra + 15, top + row * i + extra + 33) for i in range(len(bars))]
    ticks = range(0, int(scale_max) + 1, step)
    parts.append(gridlines(f"M{x(tick):.1f} {y1}V{y2}" for tick in ticks for y1, y2 in bands))
    for tick in ticks:
        parts.append(
            f'<text x="{x(tick):.1f}" y="{axis_y + 15}" font-size="11" fill="{MUTED}" '
            f'text-anchor="middle">{escape(tick_label(tick))}</text>'
        )
    if thresholds:
        # Every threshold's dashes in one path, as the gridlines: each segment is a subpath,
        # and SVG and PDF both start the dash pattern afresh on every subpath, so the dashes
        # fall where they fell when each segment was a line of its own.
        dashes = " ".join(
            f"M{x(value):.1f} {y1}V{y2}"
            for value, _label in thresholds
            for y1, y2 in [(top - 3, top + 2), *bands]
        )
        parts.append(
            f'<path d="{dashes}" fill="none" stroke="{MUTED}" stroke-width="1" '
            f'stroke-dasharray="3 2"/>'
        )
    for value, label in thresholds:
        parts.append(
            f'<text x="{x(value):.1f}" y="{top - 5}" font-size="9" fill="{MUTED}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    # The tracks (each bar's full length) and the boxes under the values, all of the
    # track's colour, in one path drawn before the bars; a box under a value keeps a
    # threshold beside it from striking it.
    ends = [x(min(bar.value, bar.maximum)) for bar in bars]  # where each bar stops
    boxes = []
    for i, (bar, end) in enumerate(zip(bars, ends, strict=True)):
        y = top + row * i + extra + 17
        boxes.append(f"M{LEFT} {y}h{plot:.1f}v14h{-plot:.1f}Z")
        boxes.append(f"M{end + 2:.1f} {y}h{7.4 * len(bar.value_text) + 6:.1f}v14H{end + 2:.1f}Z")
    parts.append(f'<path d="{"".join(boxes)}" fill="{TRACK}"/>')
    for i, (bar, end) in enumerate(zip(bars, ends, strict=True)):
        y = top + row * i
        colour = PALETTE.get(bar.state, "#4a5568")
        parts.append(
            f'<text x="{LEFT}" y="{y + 12}" font-size="12" fill="{INK}">{escape(bar.label)}</text>'
        )
        if bar.sublabel:
            parts.append(
                f'<text x="{LEFT}" y="{y + 24}" font-size="10" fill="{MUTED}">'
                f"{escape(bar.sublabel)}</text>"
            )
        y += extra
        parts.append(
            f'<rect x="{LEFT}" y="{y + 17}" width="{end - LEFT:.1f}" height="14" fill="{colour}"/>'
            f'<text x="{end + 5:.1f}" y="{y + 29}" font-size="12" font-weight="bold" '
            f'fill="{INK}">{escape(bar.value_text)}</text>'
        )
        if bar.marker is not None:
            # Past the bar's ends by 3 px, so that it reads on the bar and on the track.
            parts.append(
                f'<rect x="{x(bar.marker) - 1:.1f}" y="{y + 14}" width="2" height="20" '
                f'fill="{INK}"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Span:
    """A bar of a timeline: a label and the months it runs, from the report's date."""

    label: str
    start: int
    end: int
    state: str  # a PHASE_COLOURS key


# The action plan's phases: the grade colours, most pressing darkest.
PHASE_COLOURS = {
    "pre_launch": COLOURS["poor"],
    "foundation": COLOURS["fair"],
    "optimisation": COLOURS["good"],
    "evolution": COLOURS["excellent"],
}
LABEL_WIDTH = 230  # room for a recommendation's title left of the bars
LABEL_CHARS = 38  # what fits in it at 10.5 px (an average glyph is about 5.8 px wide)


def _lines(label: str, chars: int) -> list[str]:
    """A label on at most two lines of its column, cut with an ellipsis only past that."""
    if len(label) <= chars:
        return [label]
    first = label[: chars + 1].rsplit(" ", 1)[0] or label[:chars]
    # A closing "(after 1, 7 and 9)" goes whole to the second line where it fits there.
    head, paren, tail = label.rpartition(" (")
    if paren and tail.endswith(")") and len(head) <= chars and len(tail) + 1 < chars:
        first = head
    rest = label[len(first) :].strip()
    if len(rest) > chars:
        rest = rest[: chars - 1].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"
    return [first, rest]


def timeline_chart(
    spans: Sequence[Span],
    months: int,
    tick_label: Callable[[int], str],
    phases: Sequence[tuple[str, str]],
    axis_title: str = "",
    t: Translate = None,
) -> Markup:
    """A Gantt chart of the action plan: one row per recommendation (two lines where its
    title needs them), months along the axis (every 3) under its title, and a key of the
    phases' colours (phase, label)."""
    line = 12  # a label line; a row is one or two of them and a margin, so 24 rows fit a page
    # Room on the right for half of the last month's label ("Aug 2028"), centred on the
    # plot's end.
    left, plot = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 28
    legend_parts, top = legend([(PHASE_COLOURS[state], label) for state, label in phases], TOP)
    top += 2
    labels = [_lines(span.label, LABEL_CHARS) for span in spans]
    heights = [6 + line * len(lines) for lines in labels]
    axis_y = top + sum(heights)
    height = axis_y + (38 if axis_title else 22)

    def x(month: int) -> float:
        return left + plot * min(month, months) / months

    names = dict(phases)
    description = " ".join(
        t(_("%(label)s: from month %(start)s to month %(end)s, %(phase)s."))
        % {"label": s.label, "start": s.start, "end": s.end, "phase": names.get(s.state, "")}
        for s in spans
        if t is not None
    )
    parts = [
        svg_open(height, description),
        *legend_parts,
    ]
    ticks = range(0, months + 1, 3)
    parts.append(gridlines(f"M{x(tick):.1f} {top}V{axis_y}" for tick in ticks))
    for tick in ticks:
        parts.append(
            f'<text x="{x(tick):.1f}" y="{axis_y + 15}" font-size="10" fill="#5a6270" '
            f'text-anchor="middle">{escape(tick_label(tick))}</text>'
        )
    if axis_title:
        parts.append(
            f'<text x="{left + plot / 2:.1f}" y="{axis_y + 32}" font-size="10" fill="#5a6270" '
            f'text-anchor="middle">{escape(axis_title)}</text>'
        )
    y = top
    bars: dict[str, list[str]] = {}  # a phase -> its bars, one path per colour (as above)
    for span, lines, h in zip(spans, labels, heights, strict=True):
        parts.extend(
            f'<text x="{LEFT}" y="{y + 13 + line * n}" font-size="10.5" fill="#1f2933">'
            f"{escape(text)}</text>"
            for n, text in enumerate(lines)
        )
        width = max(x(span.end) - x(span.start), 3)
        bars.setdefault(span.state, []).append(
            f"M{x(span.start):.1f} {y + h / 2 - 5:.1f}h{width:.1f}v10h{-width:.1f}Z"
        )
        y += h
    parts.extend(
        f'<path d="{"".join(d)}" fill="{PHASE_COLOURS[state]}"/>' for state, d in bars.items()
    )
    parts.append("</svg>")
    return Markup("".join(parts))


SERIES_COLOURS = ("#16365c", COLOURS["good"], COLOURS["fair"], COLOURS["excellent"], COLOURS["poor"])


def trend_chart(
    points: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal]]],
    scale_max: Decimal,
    step: int,
    tick_label: Callable[[Decimal | int], str],
    thresholds: Sequence[tuple[Decimal | int, str]] = (),
    t: Translate = None,
) -> Markup:
    """Lines over the assessments (points: their dates, as labels), one per series
    (label, a value per point), against an axis of even ticks, with the thresholds drawn
    across and labelled on the right; a key of the series' colours."""
    left, right = 48, 70  # room for the first date's label, centred on the first point
    key, top = legend(
        [(SERIES_COLOURS[i % len(SERIES_COLOURS)], label) for i, (label, _v) in enumerate(series)],
        TOP,
    )
    plot_top = top + 6
    plot_h = 160
    axis_y = plot_top + plot_h
    height = axis_y + 22
    span = max(1, len(points) - 1)

    def x(i: int) -> float:
        return left + (WIDTH - left - right) * i / span

    def y(v: Decimal | int) -> float:
        return axis_y - plot_h * float(Decimal(v) / scale_max)

    description = " ".join(
        t(_("%(label)s: %(values)s."))
        % {
            "label": label,
            "values": "; ".join(
                t(_("%(date)s: %(value)s")) % {"date": point, "value": tick_label(v)}
                for point, v in zip(points, values, strict=False)
            ),
        }
        for label, values in series
        if t is not None
    )
    parts = [
        svg_open(height, description),
        *key,
    ]
    ticks = range(0, int(scale_max) + 1, step)
    parts.append(gridlines(f"M{left} {y(tick):.1f}H{WIDTH - right}" for tick in ticks))
    for tick in ticks:
        parts.append(
            f'<text x="{left - 4}" y="{y(tick) + 4:.1f}" font-size="10" fill="{MUTED}" '
            f'text-anchor="end">{escape(tick_label(tick))}</text>'
        )
    for value, label in thresholds:
        parts.append(
            f'<path d="M{left} {y(value):.1f}H{WIDTH - right}" fill="none" stroke="{MUTED}" '
            f'stroke-width="1" stroke-dasharray="4 3"/>'
            f'<text x="{WIDTH - right + 4}" y="{y(value) + 4:.1f}" font-size="10" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    for i, label in enumerate(points):
        parts.append(
            f'<text x="{x(i):.1f}" y="{axis_y + 15}" font-size="10" fill="{MUTED}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    for n, (_label, values) in enumerate(series):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        d = " ".join(f"{'M' if i == 0 else 'L'}{x(i):.1f} {y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for i, v in enumerate(values):
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def strip_chart(
    series: Sequence[tuple[str, Sequence[Decimal]]],
    scale_max: Decimal,
    step: int,
    tick_label: Callable[[int], str],
    thresholds: Sequence[tuple[Decimal | int, str]] = (),
) -> Markup:
    """One row per series (label above), a dot per value along the axis, the median as a
    bar, and the thresholds drawn through the rows: a portfolio's spread of scores."""
    row = 34
    top = TOP + (14 if thresholds else 0)
    axis_y = top + row * len(series)
    height = axis_y + 22
    plot = WIDTH - LEFT - RIGHT

    def x(v: Decimal | int) -> float:
        return LEFT + plot * float(Decimal(v) / scale_max)

    parts = [
        svg_open(height),
    ]
    ticks = range(0, int(scale_max) + 1, step)
    parts.append(gridlines(f"M{x(t):.1f} {top}V{axis_y}" for t in ticks))
    for t in ticks:
        parts.append(
            f'<text x="{x(t):.1f}" y="{axis_y + 15}" font-size="11" fill="{MUTED}" '
            f'text-anchor="middle">{escape(tick_label(t))}</text>'
        )
    for value, label in thresholds:
        parts.append(
            f'<path d="M{x(value):.1f} {top - 4}V{axis_y}" fill="none" stroke="{MUTED}" '
            f'stroke-dasharray="4 3"/><text x="{x(value):.1f}" y="{top - 6}" font-size="10" '
            f'fill="{MUTED}" text-anchor="middle">{escape(label)}</text>'
        )
    for i, (label, values) in enumerate(series):
        y = top + row * i
        parts.append(
            f'<text x="{LEFT}" y="{y + 11}" font-size="11" fill="{INK}">{escape(label)}</text>'
        )
        for v in values:
            parts.append(
                f'<circle cx="{x(v):.1f}" cy="{y + 22}" r="4" fill="#16365c" fill-opacity="0.45"/>'
            )
        if values:
            med = statistics.median(values)
            parts.append(
                f'<path d="M{x(med):.1f} {y + 14}V{y + 30}" stroke="{INK}" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
