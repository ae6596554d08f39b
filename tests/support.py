"""Helpers shared by the rendering tests: real renders, real PDFs, warnings caught."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


class WarningCollector(logging.Handler):
    """Collects WeasyPrint's warnings (missing font, bad CSS, refused URL)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [r.getMessage() for r in self.records]


def pdf_text(data: bytes) -> list[str]:
    """The text of every page of a PDF."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [page.extract_text() or "" for page in reader.pages]


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def resource(obj, kind: str) -> dict:
    """An object's resources of one kind ("/Font", "/XObject"), references followed (pypdf
    before 5 returns them unresolved)."""
    resources = obj.get("/Resources")
    found = resources.get_object().get(kind) if resources is not None else None
    return found.get_object() if found is not None else {}


def pdf_fonts(data: bytes) -> set[str]:
    """Base names of every font used on any page (subset prefixes removed)."""
    names = set()
    for page in pdf_reader(data).pages:
        for ref in resource(page, "/Font").values():
            name = str(ref.get_object().get("/BaseFont", ""))
            names.add(name.split("+", 1)[-1].lstrip("/"))
    return names


def build_outputs(data: bytes, name: str, stem: str, lang, fmt, *, kind="report", styling=None):
    """The pipeline `render` runs, without the write: (output name -> bytes, scores)."""
    from reportgen.pipeline import Request, Styling, run

    result = run(Request(data, name, stem, lang, fmt, kind, styling or Styling()))
    return {d.name: d.content for d in result.documents}, result.scores


def page_fill(document) -> list[tuple[float, bool]]:
    """Measure each page of a laid-out document (reportgen.render.pdf.layout): how much of
    its content area is used (0-1, from the top of the area to the bottom of the lowest
    box), and whether any box reaches beyond the area (an overflow)."""
    out = []
    for page in document.pages:
        box = page._page_box
        top, height = box.content_box_y(), box.height
        left, width = box.content_box_x(), box.width
        bottom, overflow = top, False
        stack = [child for child in box.children if not is_margin_box(child)]
        while stack:
            b = stack.pop()
            stack.extend(getattr(b, "children", ()))
            if getattr(b, "height", None) is None or b.position_y is None:
                continue
            if getattr(b, "style", None) is not None and b.style["position"] == "fixed":
                continue  # the draft watermark sits over the page on purpose
            # The border box: a box split over pages keeps its margins on neither side.
            end = b.position_y + b.margin_top + b.border_height()
            if b.border_height() > 0 and getattr(b, "element_tag", "") not in ("html", "body"):
                bottom = max(bottom, end)
            right = b.position_x + b.margin_left + b.border_width()
            # The root and body boxes end with their own bottom spacing, which may pass the
            # last page's area when the content fills it exactly; what they hold is checked
            # box by box.
            container = getattr(b, "element_tag", "") in ("html", "body")
            if not container and (end > top + height + 1 or right > left + width + 1):
                overflow = True
        out.append(((bottom - top) / height if height else 0.0, overflow))
    return out


def is_margin_box(box) -> bool:
    return type(box).__name__ == "MarginBox"


def heading_lines(document) -> dict[str, int]:
    """The most lines any table column heading takes in a laid-out document, by text."""
    out: dict[str, int] = {}
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            b = stack.pop()
            if getattr(b, "element_tag", "") == "th":
                lines = [c for c in _descendants(b) if type(c).__name__ == "LineBox"]
                text = " ".join(
                    c.text for c in _descendants(b) if type(c).__name__ == "TextBox"
                )
                out[text] = max(out.get(text, 0), len(lines))
                continue
            stack.extend(getattr(b, "children", ()))
    return out


def margin_boxes(page) -> dict[str, tuple[str, int, float, float]]:
    """A laid-out page's header and footer boxes that have text, by name ("top-left"): their
    text, their number of lines, and where the text starts and ends across the page."""
    out = {}
    for box in page._page_box.children:
        if not is_margin_box(box):
            continue
        texts = [c for c in _descendants(box) if type(c).__name__ == "TextBox"]
        if texts:
            lines = sum(1 for c in _descendants(box) if type(c).__name__ == "LineBox")
            out[box.at_keyword.lstrip("@")] = (
                "".join(c.text for c in texts),
                lines,
                min(c.position_x for c in texts),
                max(c.position_x + c.width for c in texts),
            )
    return out


def _descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)


def by_sample(samples=None):
    """The samples as test parameters, each in the test-worker group of its own renders
    (tests/conftest.py `renders`), so a sample is laid out once and the samples spread
    over the workers."""
    import pytest

    return [
        pytest.param(p, id=p.stem, marks=pytest.mark.xdist_group(f"sample-{p.stem}"))
        for p in (samples or SAMPLES)
    ]


class Renders:
    """Each sample's documents as `render` makes them, laid out once per test worker: the
    HTML, WeasyPrint's pages (to measure) and the PDF (to read). WeasyPrint's warnings
    (missing font, bad CSS, refused URL) fail the test that first renders the document."""

    def __init__(self):
        self._pages, self._layouts, self._pdfs = {}, {}, {}

    def page(self, sample, lang, kind="report"):
        from reportgen.engine import score
        from reportgen.pipeline import Request, pages
        from reportgen.read import parse_answers

        key = (sample.stem, lang, kind)
        if key not in self._pages:
            request = Request(sample.read_bytes(), sample.name, sample.stem, lang, "pdf", kind)
            answers = parse_answers(request.data, request.name)
            (page,) = pages(request, answers, score(answers))
            self._pages[key] = (request, answers, page)
        return self._pages[key]

    def html(self, sample, lang, kind="report") -> str:
        return self.page(sample, lang, kind)[2].html

    def layout(self, sample, lang, kind="report"):
        from reportgen.pipeline import attachment
        from reportgen.render.pdf import layout

        key = (sample.stem, lang, kind)
        if key not in self._layouts:
            request, answers, page = self.page(sample, lang, kind)
            collector = WarningCollector()
            logger = logging.getLogger("weasyprint")
            logger.addHandler(collector)
            try:
                self._layouts[key] = layout(page.html, attachments=(attachment(request, answers),))
            finally:
                logger.removeHandler(collector)
            assert collector.messages() == [], collector.messages()
        return self._layouts[key]

    def pdf(self, sample, lang, kind="report") -> bytes:
        from reportgen.pipeline import attachment
        from reportgen.render.pdf import write_pdf

        key = (sample.stem, lang, kind)
        if key not in self._pdfs:
            request, answers, _page = self.page(sample, lang, kind)
            document = self.layout(sample, lang, kind)
            self._pdfs[key] = write_pdf(document, attachments=(attachment(request, answers),))
        return self._pdfs[key]


def strong_value(node):
    """An answer for a schema node with no weakness in it, from the schema alone: the top
    of a score's range, true for a check, the first choice. Tests fill with it the parts
    of the answers file their own data does not cover, so a new section needs no edit of
    their fixtures."""
    from reportgen.blocks import schema as s

    if isinstance(node, s.Fields):
        return {f.key: strong_value(f.node) for f in node.fields}
    if isinstance(node, s.ListOf):
        return [strong_value(node.item)]
    if isinstance(node, s.Number):
        return node.hi if node.hi is not None else node.lo
    if isinstance(node, s.Boolean):
        return True
    if isinstance(node, s.Choice):
        return node.ids[0]
    if isinstance(node, s.Choices):
        return list(node.ids[:1])
    if isinstance(node, s.Code):
        return "VN" if node.kind == "country" else "VND"
    return "x"  # text


def with_every_section(data: dict) -> dict:
    """Answers data with every registered answers part: a part it lacks gets strong answers
    (a part whose absence is no gap, as the consultant's decisions, stays out)."""
    from reportgen.sections import answer_sections

    for section in answer_sections():
        if section.id not in data and section.absent_is_gap:
            data[section.id] = strong_value(section.schema)
    return data


# The portfolio's generated clients (tests/test_portfolio.py, tests/test_index_browser.py):
# industries (one in both languages, one not given), markets' regions (one client without
# an expansion), dates over a year.
PORTFOLIO_INDUSTRIES = ("Fintech", {"vi": "Giáo dục", "en": "Education"}, "Agritech", None)
PORTFOLIO_REGIONS = (("apac",), ("eu",), ("eu", "apac"), ("other",), ("apac",), None)


def portfolio_clients(folder: Path, count: int = 12, history: bool = True) -> list[dict]:
    """`count` clients written to folder as client-NN.yaml: the spec example with its market
    criteria lowered step by step (9, 8, ... 0), so that the bands and weak criteria spread,
    and industries, markets' regions and dates varied as above. With history, the first
    client has an earlier assessment scored lower (its change: +8) and the second one scored
    higher (-1.5), in earlier/; the clients returned are the latest assessments."""
    import copy
    import datetime as dt

    import yaml

    base = yaml.safe_load((ROOT / "tests" / "data" / "spec_example.yaml").read_text("utf-8"))
    made = []

    def write(data: dict, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    for i in range(count):
        data = copy.deepcopy(base)
        data["client"]["name"] = f"Client {chr(65 + i)} JSC"
        industry = PORTFOLIO_INDUSTRIES[i % len(PORTFOLIO_INDUSTRIES)]
        if industry is None:
            del data["client"]["industry"]
        else:
            data["client"]["industry"] = industry
        for key in data["validation"]["market"]:
            data["validation"]["market"][key] = max(0, 9 - i)
        regions = PORTFOLIO_REGIONS[i % len(PORTFOLIO_REGIONS)]
        if regions is None:
            del data["expansion"]
        else:
            market = data["expansion"]["markets"][0]
            data["expansion"]["markets"] = [
                {**copy.deepcopy(market), "name": f"Market {r}", "region": r} for r in regions
            ]
        data["assessment"]["date"] = dt.date(2026, 1 + i % 12, 10)
        write(data, folder / f"client-{i:02d}.yaml")
        made.append(data)
    if history and count >= 2:
        for i, change in ((0, -2), (1, 1.5)):
            earlier = copy.deepcopy(made[i])
            earlier["assessment"]["date"] = dt.date(2025, 6, 1)
            criteria = earlier["validation"]["market"]
            if change < 0:
                for key in criteria:
                    criteria[key] += change
            else:
                first = next(iter(criteria))
                criteria[first] += change
            write(earlier, folder / "earlier" / f"client-{i:02d}-2025.yaml")
    return made
