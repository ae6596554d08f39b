"""A finished layout, measured on WeasyPrint's laid-out pages: no page but the last under a
quarter filled, nothing beyond the page, column headings on at most two lines, handouts of
two pages; the HTML carries its font for a browser."""

from __future__ import annotations

import base64
import io
import re

import pytest
from fontTools.ttLib import TTFont

from reportgen.engine import score
from reportgen.pipeline import Request, Styling, pages
from reportgen.read import load_answers, parse_answers
from reportgen.read.brand import load_brand
from reportgen.render.pdf import layout

from .support import (
    SAMPLES,
    build_outputs,
    by_sample,
    heading_lines,
    is_margin_box,
    margin_boxes,
    page_fill,
)

SAMPLES_BY_STEM = {p.stem: p for p in SAMPLES}

MIN_FILL = 0.25


def html_of(sample, lang: str, kind: str = "report") -> str:
    outputs, _ = build_outputs(
        sample.read_bytes(), sample.name, sample.stem, lang, "html", kind=kind
    )
    (html,) = outputs.values()
    return html.decode("utf-8")


@pytest.mark.parametrize("sample", by_sample())
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_pages_are_finished(renders, sample, lang):
    document = renders.layout(sample, lang)
    pages = page_fill(document)
    under = [n for n, (fill, _) in enumerate(pages[:-1], start=1) if fill < MIN_FILL]
    overflow = [n for n, (_, over) in enumerate(pages, start=1) if over]
    assert (under, overflow) == ([], [])
    assert max(heading_lines(document).values()) <= 2


@pytest.mark.parametrize("sample", by_sample())
@pytest.mark.parametrize("lang", ["vi", "en", "vi+en"])
def test_handouts_are_two_pages_by_design(renders, sample, lang):
    pages = page_fill(renders.layout(sample, lang, "handout"))
    # Page one: the assessment at a glance; page two: what to do first.
    assert len(pages) == 2
    assert [over for _, over in pages] == [False, False]
    assert pages[0][0] >= 0.5 and pages[1][0] >= MIN_FILL


def test_the_measure_sees_an_empty_page_and_an_overflow():
    # The checks above are only as good as the measure: it must see both faults.
    blank = '<html><body><p>one line</p><p style="break-before: page">two</p></body></html>'
    assert page_fill(layout(blank))[0][0] < MIN_FILL
    wide = '<html><body><div style="width: 400mm">too wide</div></body></html>'
    assert page_fill(layout(wide))[0][1] is True


def test_the_dimension_chart_is_drawn_once_with_its_key_and_thresholds():
    html = html_of(SAMPLES[0], "en")
    # One chart: its caption, and the same words as the SVG's own title (its text alternative).
    assert html.count("Validation dimensions (out of 40)") == 2
    assert html.count("<title>Validation dimensions (out of 40)</title>") == 1
    svg = re.search(r'<figure class="chart">.*?</figure>', html, re.S).group(0)
    for band in ("Excellent", "Good", "Fair", "Poor"):
        assert f">{band}</text>" in svg  # the key, and the thresholds' labels
    assert 'stroke-dasharray="3 2"' in svg  # the thresholds: 25, 30 and 35


def test_the_html_carries_the_bundled_font():
    html = html_of(SAMPLES[0], "vi")
    faces = re.findall(r'font-weight: (\w+);.*?base64,([A-Za-z0-9+/=]+)"\) format\("woff2"\)', html)
    assert [w for w, _ in faces] == ["normal", "bold"]
    for _weight, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        assert font["name"].getDebugName(1) == "Noto Sans"
        cmap = font.getBestCmap()
        assert all(ord(c) in cmap for c in "Tổng điểm ưu tiên ₫ –")


def _vi_report_laid_out(text: str, brand_folder, brand_yaml: str | None = None):
    """A Vietnamese report of answers `text`, laid out, under a brand if one is given."""
    styling = Styling()
    if brand_yaml is not None:
        (brand_folder / "brand.yaml").write_text(brand_yaml)
        styling = Styling(brand=load_brand(brand_folder / "brand.yaml"))
    request = Request(text.encode(), "a.yaml", "a", "vi", "pdf", styling=styling)
    answers = parse_answers(request.data, request.name)
    (page,) = pages(request, answers, score(answers))
    return layout(page.html)


@pytest.mark.parametrize("confidential", [False, True])
def test_a_long_client_name_is_cut_to_one_header_line(tmp_path, confidential):
    # The firm's confidentiality label takes the header's middle: the name gets less room.
    name = "Công ty Cổ phần Công nghệ Giáo dục và Đào tạo Trực tuyến Hoa Sen Việt Nam " * 2
    sample = SAMPLES_BY_STEM["minimal-startup"]
    text = sample.read_text().replace(f'"{load_answers(sample).client.name}"', f'"{name.strip()}"')
    brand = 'firm_name: "Firm"\nconfidentiality: "Bảo mật"\n' if confidential else None
    document = _vi_report_laid_out(text, tmp_path, brand)
    for number, laid_out in enumerate(document.pages[1:], start=2):
        boxes = margin_boxes(laid_out)
        head, lines, _start, end = boxes["top-left"]
        assert head.endswith("…") and name.startswith(head[:-1]), number
        assert all(n == 1 for _text, n, _s, _e in boxes.values()), (number, boxes)
        # Nothing in the header runs into its neighbour.
        others = [start for key, (_t, _n, start, _e) in boxes.items() if key.startswith("top-")]
        assert all(end <= start + 0.5 for start in others if start > _start), (number, boxes)


@pytest.mark.parametrize("branded", [False, True])
def test_the_brands_marks_run_on_every_page_but_the_cover_and_only_with_a_brand(
    tmp_path, branded
):
    brand = 'firm_name: "Firm"\nconfidentiality: "Bảo mật"\nfooter: "Firm · Hà Nội"\n'
    document = _vi_report_laid_out(
        SAMPLES_BY_STEM["minimal-startup"].read_text(), tmp_path, brand if branded else None
    )
    assert margin_boxes(document.pages[0]) == {}
    for number, laid_out in enumerate(document.pages[1:], start=2):
        boxes = margin_boxes(laid_out)
        expected = {"top-left", "top-right", "bottom-right"}
        if branded:
            expected |= {"top-center", "bottom-left"}
            assert boxes["top-center"][0] == "Bảo mật" and boxes["bottom-left"][0] == "Firm · Hà Nội"
        assert set(boxes) == expected, number
        # No margin box is laid out empty: an unbranded page has no box for the marks.
        laid_out_boxes = [b for b in laid_out._page_box.children if is_margin_box(b)]
        assert len(laid_out_boxes) == len(expected), number


# Where a line break shows most: a title, a heading, a table heading or cell, a label.
KEPT_WHOLE = {"h1", "h2", "h3", "h4", "th", "td", "dt", "caption"}


def split_words(document) -> list[str]:
    """Every Vietnamese word of locales/vi/compounds.txt that a line end splits, in the
    titles, headings, table cells and labels of a laid-out document ("kinh / doanh")."""
    from reportgen.render.keep_words import EDGE, compounds

    words = compounds()
    found = []
    stack = [page._page_box for page in document.pages]
    while stack:
        b = stack.pop()
        if getattr(b, "element_tag", "") not in KEPT_WHOLE:
            stack.extend(getattr(b, "children", ()))
            continue
        lines = []
        for line in (c for c in _boxes(b) if type(c).__name__ == "LineBox"):
            text = "".join(c.text for c in _boxes(line) if type(c).__name__ == "TextBox")
            lines.append(text.replace("\u00a0", " ").split())
        for before, after in zip(lines, lines[1:], strict=False):
            tail = [w.strip(EDGE).lower() for w in before[-2:]]
            head = [w.strip(EDGE).lower() for w in after[:2]]
            for n in (2, 3):
                for k in range(1, n):  # k syllables before the break, n - k after it
                    if k <= len(tail) and n - k <= len(head):
                        word = " ".join(tail[len(tail) - k :] + head[: n - k])
                        if word in words.get(n, ()):
                            before_break = " ".join(tail[len(tail) - k :])
                            found.append(before_break + " / " + " ".join(head[: n - k]))
    return found


def _boxes(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from _boxes(child)


@pytest.mark.parametrize("sample", by_sample())
@pytest.mark.parametrize("kind", ["report", "handout"])
def test_vietnamese_words_are_not_split_at_a_line_end(renders, sample, kind):
    # "Báo cáo chiến lược mô hình kinh / doanh AI", "Yếu tố thất / bại": a reader sees two
    # words. Titles, headings, cells and labels keep each listed word on one line.
    assert split_words(renders.layout(sample, "vi", kind)) == []


def test_the_word_check_sees_a_split_and_the_fix_mends_it():
    # The check above is only as good as its measure: an unprotected narrow heading splits.
    from reportgen.render.keep_words import keep_words

    narrow = '<html><body><h1 style="width: 70mm">Báo cáo chiến lược mô hình kinh doanh AI</h1></body></html>'
    assert split_words(layout(narrow)) != []
    assert split_words(layout(keep_words(narrow))) == []
