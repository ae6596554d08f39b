"""A chart label drawn as one run of text, where WeasyPrint draws it a letter at a time.

WeasyPrint lays out and draws every SVG `<text>` letter by letter: a Pango layout, a
shaping pass and a text object in the PDF for each letter, so that it can honour
positions given per letter (`x="1 2 3"`, `dx`, `rotate`). reportgen's charts give
none: each label has one `x` and one `y`. For such a label, `whole_text` lays out and
draws the text once, with kerning and ligatures off, so every glyph falls where
WeasyPrint's letter-by-letter drawing put it (the letters never met to be kerned or
joined). Anything else goes to WeasyPrint's own function.

WeasyPrint has no option for this. Its SVG renderer picks a tag's drawing function from
`weasyprint.svg.TAGS`, and it recognises text nodes by comparing that entry with the
module's `text` function; `install` replaces both, once per process, and only where they
are still WeasyPrint's own function. The WeasyPrint range in pyproject.toml is capped at
the next major, and tests/test_render.py fails if the function it stands in for changes.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from functools import lru_cache
from math import inf
from typing import Any

# The attributes WeasyPrint's text function reads besides x, y and the font's: any of
# them on a label (or inherited from its parents) sends the label to that function.
_PER_LETTER = frozenset(
    {
        "dx",
        "dy",
        "rotate",
        "letter-spacing",
        "textLength",
        "lengthAdjust",
        "direction",
        "display-anchor",
        "dominant-baseline",
        "alignment-baseline",
    }
)
# Every attribute that WeasyPrint's text function reads, in the version this module was
# written against: the test checks that its source names no other.
READ_BY_WEASYPRINT = frozenset({"x", "y", "font-family", "font-style", "font-weight", *_PER_LETTER})

# Set while a document is drawn as WeasyPrint draws it by itself (the benchmarks'
# baseline, and the tests that compare the two).
_letter_by_letter: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "letter_by_letter", default=False
)


@contextlib.contextmanager
def letter_by_letter(stock: bool = True) -> Iterator[None]:
    """Within it, SVG text is drawn by WeasyPrint's own function, if `stock`."""
    token = _letter_by_letter.set(stock)
    try:
        yield
    finally:
        _letter_by_letter.reset(token)


def _single(value: str | None) -> bool:
    """One length, not a list of them (WeasyPrint splits lists on spaces and commas)."""
    return value is not None and not any(sep in value.strip() for sep in " ,\t\n")


def _is_one_run(node: Any) -> bool:
    """A `<text>` with only text in it, at one given position, and nothing per letter."""
    attrib = node.attrib
    return (
        node.tag == "text"
        and bool(node.text)
        and next(iter(node), None) is None
        and _single(attrib.get("x"))
        and _single(attrib.get("y"))
        and _PER_LETTER.isdisjoint(attrib)
    )


def _make_whole_text(stock: Any) -> Callable[..., None]:
    def whole_text(svg: Any, node: Any, font_size: float) -> None:
        if _letter_by_letter.get() or not _is_one_run(node):
            return stock(svg, node, font_size)
        from weasyprint.css.properties import INITIAL_VALUES
        from weasyprint.draw.text import draw_emojis, draw_first_line
        from weasyprint.matrix import Matrix
        from weasyprint.svg.bounding_box import extend_bounding_box
        from weasyprint.svg.text import Style, TextBox
        from weasyprint.svg.utils import size
        from weasyprint.text.line_break import split_first_line

        # The style WeasyPrint's function builds, read from the same attributes.
        style = Style()
        style.update(INITIAL_VALUES)
        style.font_config = svg.font_config
        style["font_family"] = [
            font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")
        ]
        style["font_style"] = node.get("font-style", "normal")
        weight = node.get("font-weight", 400)
        if weight in ("normal", "bold"):
            style["font_weight"] = 400 if weight == "normal" else 700
        else:
            try:
                style["font_weight"] = int(weight)
            except ValueError:
                style["font_weight"] = 400
        style["font_size"] = font_size
        # Drawn a letter at a time, no two letters are kerned or joined: nor are they here.
        style["font_kerning"] = "none"
        style["font_variant_ligatures"] = "none"

        layout, _, _, width, height, baseline = split_first_line(
            node.text, style, svg.context, inf, 0
        )
        x = size(node.attrib["x"], font_size, svg.inner_width)
        y = size(node.attrib["y"], font_size, svg.inner_height)
        svg.cursor_d_position[0] = svg.cursor_d_position[1] = 0
        svg.cursor_position = x + width, y
        node.text_bounding_box = extend_bounding_box(
            node.text_bounding_box, ((x, y - baseline), (x + width, y - baseline + height))
        )

        svg.stream.push_state()
        fill, stroke = svg.set_graphical_state(node, font_size)
        svg.stream.begin_text()
        layout.reactivate(style)
        svg.fill_stroke(fill, stroke, text=True)
        box = TextBox(layout, style)
        box.baseline = baseline
        emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=x, f=y))
        svg.stream.end_text()
        svg.stream.pop_state()
        draw_emojis(svg.stream, style, x, y, emojis)
        return None

    whole_text.stock = stock  # type: ignore[attr-defined]
    return whole_text


@lru_cache(maxsize=1)
def install() -> bool:
    """Draw one-run SVG labels whole in this process; False (and WeasyPrint's function
    kept) if weasyprint.svg is not laid out as this module expects."""
    import weasyprint.svg as wp_svg

    tags = getattr(wp_svg, "TAGS", None)
    if not isinstance(tags, dict) or not callable(tags.get("text")):
        return False
    if getattr(wp_svg, "text", None) is not tags["text"]:
        return False
    if hasattr(tags["text"], "stock"):
        return True  # installed already (lru_cache is not a lock)
    stock = tags["text"]
    whole_text = _make_whole_text(stock)
    # Every tag drawn by the text function keeps sharing one function: WeasyPrint tells
    # text nodes (and their text-anchor) by that identity.
    for tag, function in list(tags.items()):
        if function is stock:
            tags[tag] = whole_text
    wp_svg.text = whole_text
    return True
