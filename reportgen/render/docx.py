"""HTML -> DOCX bytes (python-docx): an editable Word document made from the same HTML as
the PDF, so no wording or decision exists twice.

The HTML is walked element by element and written as Word's own structures: headings as
Heading 1-3 (the chapter titles, h2, are Heading 1: the report's one h1 is its title), lists
as List Bullet and List Number, tables as Word tables whose header rows repeat, captions in
the Caption style, charts as PNG images with alternative text, a table of contents field
that Word fills when it opens the file, and page furniture (the client in the header,
"Page X of Y" as fields in the footer, the draft watermark). How things look beyond Word's
styles (badge colours, the cover's colours, muted text, page breaks) is read from the
document's own stylesheet, the rules the PDF is drawn with, so a colour is decided once.

Charts are drawn by WeasyPrint, which draws the same SVG in the PDF, into a small PDF of
one page per chart, and rasterised by PDFium (pypdfium2); no drawing code lives here.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import ReportgenError, printable
from ..i18n import Formatter, _
from ..read.docx import answers_xml
from ..read.pdf import ATTACHMENT_PREFIX
from .pdf import FONT_FACES, PdfAttachment

# The styles reportgen writes with: a firm's template must define each of them.
REQUIRED_STYLES = (
    "Normal",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "List Bullet",
    "List Number",
    "Caption",
    "Table Grid",
)
# Used when the document has them (Word's built-in defaults otherwise).
OPTIONAL_STYLES = ("TOC Heading", "TOC 1", "TOC 2", "List Bullet 2", "List Number 2",
                   "List Continue", "Header", "Footer")  # fmt: skip

FONT = "Noto Sans"  # the bundled font (reportgen/assets/fonts), as the PDF uses it
FALLBACK_FONT = "Arial"  # what Word shows where Noto Sans is not installed
LANG_TAGS = {"vi": "vi-VN", "en": "en-US"}
# A chart is rasterised for print: at least this many dots per inch at its printed size.
CHART_DPI = 220
LOGO_DPI = 300

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MACRO_TYPES = ("macroEnabled",)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


# -- The document's stylesheet ----------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    parts: tuple[tuple[str | None, frozenset[str]], ...]  # compound selectors, outermost first
    declarations: dict[str, str]
    order: tuple[int, int, int]  # specificity (classes, tags), then position


_SIMPLE = re.compile(r"([a-z][a-z0-9]*)?((?:\.[\w-]+)*)\Z")


class Stylesheet:
    """The rules of a document's <style> that Word can follow: selectors of tags and
    classes joined by descendant combinators, each naming at least one class (a rule for
    a bare tag, such as `h2`, is the Word style's to decide, so a firm's template keeps
    its look), with their custom properties (`var(--brand)`) resolved."""

    def __init__(self, css: str):
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        self.variables: dict[str, str] = {}
        self.page: dict[str, str] = {}
        self.base: dict[str, str] = {}
        rules: list[tuple[str, str]] = []
        self._collect(css, rules)
        self.rules: dict[str, list[_Rule]] = {}
        # The rules for a bare tag (`h2 { ... }`): what reportgen's own Word styles take
        # (a firm's template keeps its look).
        self.tags: dict[str, dict[str, str]] = {}
        for position, (selectors, body) in enumerate(rules):
            declarations = self._declarations(body)
            for selector in selectors.split(","):
                if re.fullmatch(r"[a-z][a-z0-9]*", selector.strip()):
                    self.tags.setdefault(selector.strip(), {}).update(
                        {k: self.resolve(v) for k, v in declarations.items()}
                    )
                rule = self._rule(selector.strip(), declarations, position)
                if rule is not None:
                    tag, classes = rule.parts[-1]
                    for key in classes or {tag or ""}:
                        self.rules.setdefault(key, []).append(rule)

    def _collect(self, css: str, rules: list[tuple[str, str]]) -> None:
        i = 0
        while i < len(css):
            start = css.find("{", i)
            if start < 0:
                return
            head = css[i:start].strip()
            depth, j = 1, start + 1
            while j < len(css) and depth:
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            body = css[start + 1 : j - 1]
            i = j
            if head.startswith("@media"):
                if "print" in head:  # the PDF's rules, not the screen's
                    self._collect(body, rules)
            elif head.startswith("@page"):
                if head == "@page":
                    self.page.update(self._declarations(re.sub(r"@[\w-]+\s*\{[^}]*\}", "", body)))
            elif head.startswith("@"):
                continue
            elif head == ":root":
                for name, value in self._declarations(body).items():
                    if name.startswith("--"):
                        self.variables[name] = value
            else:
                if head in ("html", "body"):
                    self.base.update(self._declarations(body))
                rules.append((head, body))

    @staticmethod
    def _declarations(body: str) -> dict[str, str]:
        out = {}
        for item in body.split(";"):
            name, sep, value = item.partition(":")
            if sep:
                out[name.strip().lower()] = value.strip()
        return out

    @staticmethod
    def _rule(selector: str, declarations: dict[str, str], position: int) -> _Rule | None:
        if not selector or any(c in selector for c in ">+~:[*#"):
            return None
        parts = []
        for compound in selector.split():
            match = _SIMPLE.match(compound)
            if match is None:
                return None
            classes = frozenset(c for c in match.group(2).split(".") if c)
            parts.append((match.group(1), classes))
        count = sum(len(c) for _t, c in parts)
        if not count:
            return None
        tags = sum(1 for t, _c in parts if t)
        return _Rule(tuple(parts), declarations, (count, tags, position))

    def resolve(self, value: str) -> str:
        for _step in range(4):
            found = re.search(r"var\((--[\w-]+)\)", value)
            if found is None:
                break
            value = value.replace(found.group(0), self.variables.get(found.group(1), ""))
        return value

    def declarations(self, element: Any) -> dict[str, str]:
        """The declarations of the rules that match element, in cascade order."""
        classes = set((element.get("class") or "").split())
        candidates: list[_Rule] = []
        for key in (*classes, element.tag):
            candidates.extend(self.rules.get(key, ()))
        if not candidates:
            return {}
        out: dict[str, str] = {}
        for rule in sorted({id(r): r for r in candidates}.values(), key=lambda r: r.order):
            if _matches(rule, element):
                out.update(rule.declarations)
        return {k: self.resolve(v) for k, v in out.items()}


def _compound(part: tuple[str | None, frozenset[str]], element: Any) -> bool:
    tag, classes = part
    if tag and element.tag != tag:
        return False
    return classes <= set((element.get("class") or "").split())


def _matches(rule: _Rule, element: Any) -> bool:
    if not _compound(rule.parts[-1], element):
        return False
    ancestor = element.getparent()
    for part in reversed(rule.parts[:-1]):
        while ancestor is not None and not _compound(part, ancestor):
            ancestor = ancestor.getparent()
        if ancestor is None:
            return False
        ancestor = ancestor.getparent()
    return True


_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _colour(value: str | None) -> str | None:
    """A CSS colour as Word's RRGGBB, or None (transparent, rgba, a keyword)."""
    if not value:
        return None
    found = _HEX.search(value)
    if found is None:
        return None
    code = found.group(1)
    if len(code) == 3:
        code = "".join(c * 2 for c in code)
    return code.upper()


def _length_pt(value: str | None, base: float | None = None) -> float | None:
    if not value:
        return None
    found = re.match(r"\s*([\d.]+)\s*(pt|px|mm|cm|em|in)?", value)
    if found is None:
        return None
    number, unit = float(found.group(1)), found.group(2) or "px"
    if unit == "em":
        return number * base if base else None
    return number * {"pt": 1.0, "px": 0.75, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}[unit]


# -- Formatting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fmt:
    """How a run looks, inherited down the HTML as CSS inherits."""

    bold: bool = False
    italic: bool = False
    caps: bool = False
    colour: str | None = None
    fill: str | None = None  # run shading: a badge
    border: str | None = None  # run border style (a badge without fill): dashed, dotted...
    border_colour: str | None = None
    size: float | None = None  # points
    lang: str | None = None
    badge: bool = False
    plain: bool = False  # font-weight: normal said outright (in a bold heading, not bold)


@dataclass
class _Para:
    style: str | None
    items: list[tuple[Any, ...]] = field(default_factory=list)
    align: str | None = None
    indent: int | None = None  # left indent, twips
    hanging: int | None = None
    tab: int | None = None
    shade: str | None = None
    border_left: str | None = None
    keep_next: bool = False
    page_break: bool = False
    num: tuple[int, int] | None = None  # (numId, level)
    bookmark: str | None = None
    after: int | None = None  # twips of space after
    base: Fmt = field(default_factory=Fmt)


@dataclass(frozen=True)
class _Box:
    """A block's box as paragraphs inside it show it: a shaded note, a callout's rule."""

    shade: str | None = None
    border_left: str | None = None
    indent: int = 0


BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
    ]
)
SKIPPED_TAGS = frozenset(("script", "style", "template", "noscript", "head", "title", "meta"))


def _text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(tag: str, attrs: dict[str, str] | None = None) -> Any:
    """A WordprocessingML element: `_el("w:tab", {"w:val": "right"})`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    return OxmlElement(tag, {qn(k): v for k, v in attrs.items()} if attrs else None)


# -- Rasterising the charts --------------------------------------------------------------


@dataclass(frozen=True)
class _Picture:
    markup: str  # an <svg> element, or an <img> of a data: URI
    width_px: float  # CSS pixels of its natural size
    height_px: float
    dpi: int
    display_in: float  # the width it is printed at, inches


def _svg_size(markup: str) -> tuple[float, float]:
    head = markup[: markup.find(">") + 1]

    def attr(name: str) -> str | None:
        found = re.search(rf'\s{name}\s*=\s*"([^"]*)"', head)
        return found.group(1) if found else None

    width, height = _length_pt(attr("width")), _length_pt(attr("height"))
    box = attr("viewBox")
    if box and (width is None or height is None):
        numbers = [float(n) for n in re.findall(r"[-\d.]+", box)][2:4]
        if len(numbers) == 2 and numbers[0] > 0 and numbers[1] > 0:
            if width is None and height is None:
                width = 300 * 0.75
            if width is None:
                width = (height or 0) * numbers[0] / numbers[1]
            else:
                height = width * numbers[1] / numbers[0]
    return (width or 300 * 0.75) / 0.75, (height or 150 * 0.75) / 0.75


def rasterise(pictures: list[_Picture], source: str) -> list[bytes]:
    """Each picture as PNG bytes: one PDF of one page per picture (WeasyPrint, the same
    drawing as the PDF's), each page rendered by PDFium at the picture's resolution."""
    if not pictures:
        return []
    import pypdfium2

    from .pdf import layout

    pages, rules = [], []
    for i, p in enumerate(pictures):
        rules.append(
            f"@page p{i} {{ size: {p.width_px:.2f}px {p.height_px:.2f}px; margin: 0 }} "
            f".p{i} {{ page: p{i}; width: {p.width_px:.2f}px; height: {p.height_px:.2f}px }}"
        )
        pages.append(f'<div class="pic p{i}">{p.markup}</div>')
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
        'html { font-family: "Noto Sans", sans-serif; font-size: 10pt; } body { margin: 0 } '
        ".pic { overflow: hidden } .pic > svg, .pic > img { display: block; width: 100%; "
        "height: 100% } " + " ".join(rules) + "</style></head><body>" + "".join(pages)
    )
    html += "</body></html>"
    try:
        # Whole fonts (the bundled ones are subsets already) and no compression: this PDF
        # lives for a moment, and subsetting and deflating were half of its time.
        pdf = layout(html).write_pdf(uncompressed_pdf=True)
        document = pypdfium2.PdfDocument(pdf)
        out = []
        try:
            for i, p in enumerate(pictures):
                page = document[i]
                points = p.width_px * 0.75
                scale = max(p.dpi / 72, p.display_in * p.dpi / points)
                # Each page (and its bitmap) closed before the document: PDFium's objects
                # are a tree, and pypdfium2 4 aborts the process when a parent goes first.
                bitmap = page.render(scale=scale)
                buffer = io.BytesIO()
                # Flat colours compress well at the fastest level: a third of the time of
                # the default level for a tenth more bytes. Saved before the bitmap is
                # closed: the image may share its memory.
                bitmap.to_pil().save(buffer, "PNG", dpi=(p.dpi, p.dpi), compress_level=1)
                bitmap.close()
                page.close()
                out.append(buffer.getvalue())
        finally:
            document.close()
        return out
    except Exception as exc:  # WeasyPrint's and PDFium's failures have no common type
        message = " ".join(str(exc).split())[:300]
        raise ReportgenError(
            f"{source}: the charts could not be drawn for Word ({type(exc).__name__}: {message})"
        ) from None


# -- Templates -----------------------------------------------------------------------------


def open_template(data: bytes | None, name: str = "the template") -> Any:
    """A python-docx Document: reportgen's blank one, or a firm's .docx or .dotx.

    python-docx opens documents only; a template (.dotx) is the same package with another
    content type for its main part, so a copy with the document's type is opened."""
    import docx

    if data is None:
        return docx.Document()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml").decode("utf-8")
            if any(word in types for word in MACRO_TYPES):
                raise ReportgenError(
                    f"{printable(name)}: a macro-enabled Word file (.dotm, .docm) cannot be "
                    "a template; save it as a .dotx or .docx without macros"
                )
            if DOTX_MAIN in types:
                copy = io.BytesIO()
                with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
                    for info in archive.infolist():
                        content = archive.read(info)
                        if info.filename == "[Content_Types].xml":
                            content = types.replace(DOTX_MAIN, DOCX_MAIN).encode("utf-8")
                        out.writestr(info, content)
                data = copy.getvalue()
        return docx.Document(io.BytesIO(data))
    except ReportgenError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many types
        reason = " ".join(str(exc).split())[:200]
        raise ReportgenError(
            f"{printable(name)}: not a readable Word template (.dotx or .docx): "
            f"{type(exc).__name__}: {reason}"
        ) from None


def check_template(data: bytes, name: str) -> None:
    """One line naming every style reportgen needs that the template lacks."""
    document = open_template(data, name)
    missing = [s for s in REQUIRED_STYLES if s not in document.styles]
    if missing:
        noun = "style" if len(missing) == 1 else "styles"
        raise ReportgenError(
            f"{printable(name)}: the Word template lacks the {noun} reportgen writes with: "
            f"{', '.join(missing)} (define {'it' if len(missing) == 1 else 'them'} in the "
            "template; docs/word.md lists every style)"
        )


# -- The builder ---------------------------------------------------------------------------


def docx_bytes(
    html: str,
    *,
    lang: str,
    client: str,
    brand: Any = None,
    template: tuple[bytes, str] | None = None,
    answers: PdfAttachment | None = None,
    source: str = "the document",
) -> bytes:
    """HTML (as `pipeline.pages` makes it) -> the bytes of an editable Word document.

    lang is the page's ("vi", "en" or "vi+en": its first language is the document's, the
    second marks the passages in the other language); client names the running header;
    template is a firm's .dotx/.docx (bytes, name); answers is the answers file the
    document carries, so that `reportgen score REPORT.docx` re-scores it."""
    try:
        return _Builder(html, lang, client, brand, template, answers, source).build()
    except ReportgenError:
        raise
    except Exception as exc:  # lxml and python-docx failures have no common type
        message = " ".join(str(exc).split())[:300]
        raise ReportgenError(
            f"{source}: could not make the Word document ({type(exc).__name__}: {message})"
        ) from None


class _Builder:
    def __init__(
        self,
        html: str,
        lang: str,
        client: str,
        brand: Any,
        template: tuple[bytes, str] | None,
        answers: PdfAttachment | None,
        source: str,
    ):
        import lxml.html

        self.source = source
        self.langs = lang.split("+")
        self.client = client
        self.brand = brand
        self.answers = answers
        self.template = template
        style = re.search(r"<style>(.*?)</style>", html, re.S)
        self.css = Stylesheet(style.group(1) if style else "")
        # The SVG markup exactly as written (an HTML parser folds attribute case,
        # `viewBox` among them), in document order: the k-th <svg> element is the k-th.
        self.svg_markup = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
        self.tree = lxml.html.document_fromstring(html)
        self.document = open_template(*(template or (None, "the template")))
        if template is not None:
            missing = [s for s in REQUIRED_STYLES if s not in self.document.styles]
            if missing:
                check_template(template[0], template[1])
        self.styles = {
            name: self.document.styles[name].style_id
            for name in (*REQUIRED_STYLES, *OPTIONAL_STYLES)
            if name in self.document.styles
        }
        self.body = self.document.element.body
        self.target: Any = self.body
        self.sect = self.body.find(_w("sectPr"))
        self.pending_break = False
        self.headings: list[tuple[int, str, str]] = []  # level, text, bookmark
        self.toc_anchor: Any = None
        self.ids = iter(range(1000, 10**9))
        self.pictures: dict[Any, tuple[bytes, float, float, str]] = {}
        self.base_size = _length_pt(self.css.base.get("font-size")) or 10.0
        self.ol_nums: tuple[str, str] | None = None  # List Number's numId and abstractNumId
        self.last_heading = ""
        self.in_cover = False
        self.pending_before: int | None = None  # twips of space before the next paragraph
        self.last_p: Any = None

    # -- the document as a whole --

    def build(self) -> bytes:
        self._setup()
        self._prepare_pictures()
        body = self.tree.find("body")
        if body is None:
            body = self.tree
        self.flow(body, Fmt(), _Box())
        if self.template is None:
            self._font_table()
        self._fill_toc()
        self._page_furniture()
        self._attach_answers()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return _deterministic(buffer.getvalue(), self._date())

    def _date(self) -> dt.datetime:
        if self.answers is not None:
            return self.answers.date
        return dt.datetime(2000, 1, 1)

    def _setup(self) -> None:
        """Page size, margins, fonts, language and core properties."""
        from docx.shared import Mm, Pt

        # The template's body is the firm's sample text; its last section (page size,
        # margins, headers and footers) is what reportgen fills.
        for child in list(self.body):
            if child is not self.sect:
                self.body.remove(child)
        # python-docx's blank document carries a picture of an empty page as its thumbnail.
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        rels = self.document.part.package.rels
        for rId in [k for k, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
            del rels[rId]
        section = self.document.sections[0]
        if self.template is None:
            section.page_width, section.page_height = Mm(210), Mm(297)
            # The PDF's page margins (CSS shorthand: one to four lengths).
            values = [_length_pt(m) or 56.0 for m in self.css.page.get("margin", "20mm").split()]
            top, right, bottom, left = (
                (values * 4)[:1] * 4
                if len(values) == 1
                else ([*values, values[1]][:4] if len(values) < 4 else values[:4])
            )
            if len(values) == 2:
                bottom = top
            section.top_margin, section.bottom_margin = Pt(top), Pt(bottom)
            section.left_margin, section.right_margin = Pt(left), Pt(right)
            section.header_distance = section.footer_distance = Mm(8)
            self._house_styles()
        self.width_in = (section.page_width - section.left_margin - section.right_margin) / 914400
        self._language()
        title = self.tree.findtext(".//title") or ""
        author = self.tree.xpath('string(//meta[@name="author"]/@content)')
        props = self.document.core_properties
        props.title = title
        props.author = author or ""
        props.last_modified_by = "reportgen"
        props.comments = ""
        props.keywords = ""
        props.subject = self.client
        props.language = LANG_TAGS.get(self.langs[0], self.langs[0])
        props.created = props.modified = self._date()
        props.revision = 1

    def _house_styles(self) -> None:
        """Without a firm's template: the PDF's font, size and brand colour on Word's
        styles (a template's styles are left as the firm made them)."""
        from docx.shared import Pt, RGBColor

        styles = self.document.styles
        defaults = styles.element.find(_w("docDefaults"))
        rpr = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}") if defaults is not None else None
        if rpr is not None:
            _set_fonts(rpr)
        spacing = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}/{_w('spacing')}")
        if spacing is not None:  # the PDF's tighter rhythm than Word's 10 pt after
            spacing.set(_w("after"), "100")
            spacing.set(_w("line"), "264")
        brand = _colour(self.css.variables.get("--brand"))
        heading_sizes = {"Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4"}
        for name in ("Normal", "Title", *heading_sizes, "Caption", "TOC Heading", "Header",
                     "Footer"):  # fmt: skip
            if name not in styles:
                continue
            style = styles[name]
            _set_fonts(style.element.get_or_add_rPr())
            if name == "Normal":
                style.font.size = Pt(self.base_size)
            elif brand and name in ("Title", *heading_sizes, "TOC Heading"):
                style.font.color.rgb = RGBColor.from_string(brand)
        # The headings' sizes, spacing and rule as the stylesheet gives h2, h3 and h4 (the
        # report's chapters are h2), the title's as its h1.
        sizes = {"Heading 1": 16.0, "Heading 2": 12.5, "Heading 3": 10.5, "Title": 26.0}
        title = self.tree.find(".//h1")
        for name, size in sizes.items():
            if name not in styles:
                continue
            if name == "Title":
                decl = {**self.css.tags.get("h1", {}),
                        **(self.css.declarations(title) if title is not None else {})}  # fmt: skip
            else:
                decl = self.css.tags.get(heading_sizes[name], {})
            styles[name].font.size = Pt(_length_pt(decl.get("font-size"), self.base_size) or size)
            if name == "Title":
                styles[name].font.bold = True  # as the PDF's h1
                continue
            ppr = styles[name].element.get_or_add_pPr()
            before, after = _margins(decl)
            spacing = ppr.find(_w("spacing"))
            if spacing is None:
                spacing = _el("w:spacing")
                ppr.append(spacing)
            for attr, value in (("before", before), ("after", after)):
                if value is not None:
                    spacing.set(_w(attr), str(value))
            rule = decl.get("border-bottom", "")
            width, colour = _length_pt(rule), _colour(rule)
            if width and colour and ppr.find(_w("pBdr")) is None:
                pbdr = _el("w:pBdr")
                pbdr.append(_el("w:bottom", {"w:val": "single", "w:sz": str(round(width * 8)),
                                             "w:space": "1", "w:color": colour}))  # fmt: skip
                spacing.addprevious(pbdr)
        if "Caption" in styles:
            caption = styles["Caption"]
            caption.font.size = Pt(self.base_size * 0.95)
            caption.font.italic = False
            caption.font.bold = True
            if brand:
                caption.font.color.rgb = RGBColor.from_string(brand)

    def _font_table(self) -> None:
        """Noto Sans in the font table with Arial as its alternative, and the bundled font
        embedded (its licence, the OFL, allows it): Word and LibreOffice show the PDF's
        letters where Noto Sans is not installed, not a wider or narrower substitute that
        would move every line and page break. Italic faces only where text is italic."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part
        from lxml import etree

        part = self.document.part
        old = [rId for rId, rel in part.rels.items() if rel.reltype == RT.FONT_TABLE]
        blob = part.rels[old[0]].target_part.blob if old else (
            f'<w:fonts xmlns:w="{W_NS}"/>'.encode()
        )  # fmt: skip
        root = etree.fromstring(blob)
        for font in root.findall(_w("font")):
            if font.get(_w("name")) == FONT:
                root.remove(font)
        font = etree.SubElement(root, _w("font"), {_w("name"): FONT})
        etree.SubElement(font, _w("altName"), {_w("val"): FALLBACK_FONT})
        etree.SubElement(font, _w("charset"), {_w("val"): "00"})
        etree.SubElement(font, _w("family"), {_w("val"): "swiss"})
        etree.SubElement(font, _w("pitch"), {_w("val"): "variable"})
        italic = self.body.find(f".//{_w('i')}") is not None
        embedded = []
        for number, (file, weight, style) in enumerate(FONT_FACES, start=1):
            if style == "italic" and not italic:
                continue
            key = str(uuid.UUID(bytes=hashlib.sha256(file.encode()).digest()[:16], version=4))
            key = "{" + key.upper() + "}"
            kind = {("normal", "normal"): "embedRegular", ("bold", "normal"): "embedBold",
                    ("normal", "italic"): "embedItalic",
                    ("bold", "italic"): "embedBoldItalic"}[(weight, style)]  # fmt: skip
            embedded.append((number, file, key, kind))
        # A part's bytes are its own: the font table is replaced by a new part.
        for rId in old:
            del part.rels[rId]
        table = Part(PackURI("/word/fontTable.xml"),
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml",
                     b"", part.package)  # fmt: skip
        for number, file, key, kind in embedded:
            data = Part(PackURI(f"/word/fonts/font{number}.odttf"),
                        "application/vnd.openxmlformats-officedocument.obfuscatedFont",
                        _obfuscated(file, key), part.package)  # fmt: skip
            rId = table.relate_to(data, RT.FONT)
            etree.SubElement(font, _w(kind), {
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id": rId,
                _w("fontKey"): key})  # fmt: skip
        # Its bytes once the fonts' relationships (named in it) are made.
        table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part.relate_to(table, RT.FONT_TABLE)
        if embedded:
            settings = self.document.settings.element
            # Whole fonts, so that a consultant's new words are in them too.
            if settings.find(_w("embedTrueTypeFonts")) is None:
                _insert_ordered(settings, _el("w:embedTrueTypeFonts"))

    def _language(self) -> None:
        """The document's language in the default run properties and the settings, so
        Word checks spelling and hyphenates in it."""
        tag = LANG_TAGS.get(self.langs[0], self.langs[0])
        styles = self.document.styles.element
        defaults = styles.find(_w("docDefaults"))
        if defaults is None:
            defaults = _el("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(_w("rPrDefault"))
        if rpr_default is None:
            rpr_default = _el("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(_w("rPr"))
        if rpr is None:
            rpr = _el("w:rPr")
            rpr_default.append(rpr)
        old = rpr.find(_w("lang"))
        if old is not None:
            rpr.remove(old)
        _insert_ordered(rpr, _el("w:lang", {"w:val": tag, "w:eastAsia": tag,
                                                    "w:bidi": "ar-SA"}))  # fmt: skip
        # A style may name a language of its own (a firm's template made in another
        # language): the document's wins.
        for lang in styles.iter(_w("lang")):
            if lang.getparent() is not rpr:
                lang.set(_w("val"), tag)
        settings = self.document.settings.element
        for name in ("updateFields", "themeFontLang"):
            old = settings.find(_w(name))
            if old is not None:
                settings.remove(old)
        # Word fills the table of contents (and the page count) when it opens the file.
        _insert_ordered(settings, _el("w:updateFields", {"w:val": "true"}))
        _insert_ordered(settings, _el("w:themeFontLang", {"w:val": tag}))

    # -- pictures --

    def _prepare_pictures(self) -> None:
        """Every chart and SVG logo rasterised at once (one WeasyPrint document)."""
        import base64

        wanted: list[tuple[Any, _Picture, str]] = []
        for index, svg in enumerate(self.tree.iter("svg")):
            if index >= len(self.svg_markup):
                break
            width, height = _svg_size(self.svg_markup[index])
            display = min(width / 96, self.width_in)
            wanted.append((svg, _Picture(self.svg_markup[index], width, height, CHART_DPI,
                                         display), self._alt(svg)))  # fmt: skip
        for img in self.tree.iter("img"):
            src = img.get("src") or ""
            alt = img.get("alt") or ""
            if src.startswith("data:image/png;base64,"):
                data = base64.b64decode(src.split(",", 1)[1])
                width, height = _png_size(data)
                self.pictures[img] = (data, width, height, alt)
            elif src.startswith("data:image/svg+xml;base64,"):
                svg = base64.b64decode(src.split(",", 1)[1]).decode("utf-8", "replace")
                width, height = _svg_size(svg[svg.find("<svg") :] if "<svg" in svg else svg)
                markup = f'<img src="{src}">'
                display = _logo_inches(self.css.declarations(img), width, height)
                wanted.append((img, _Picture(markup, width, height, LOGO_DPI, display), alt))
        pngs = rasterise([p for _e, p, _a in wanted], self.source)
        for (element, picture, alt), png in zip(wanted, pngs, strict=True):
            self.pictures[element] = (png, picture.width_px, picture.height_px, alt)

    def _alt(self, svg: Any) -> str:
        """A chart's alternative text: its own label, else its figure's caption, else the
        heading of the block it sits in."""
        for attr in ("aria-label", "title"):
            if svg.get(attr):
                return " ".join(svg.get(attr).split())
        title = svg.find("title")
        if title is not None and _text(title):
            return _text(title)
        figure = svg.getparent()
        while figure is not None and figure.tag != "figure":
            figure = figure.getparent()
        if figure is not None:
            caption = figure.find("figcaption")
            if caption is not None and _text(caption):
                return _text(caption)
        node = svg
        while node is not None:
            for sibling in node.itersiblings(preceding=True):
                if sibling.tag in ("h1", "h2", "h3", "h4") or (sibling.tag in ("header",)):
                    return _text(sibling)
                heading = sibling.find(".//h2")
                if heading is not None:
                    return _text(heading)
            node = node.getparent()
        return ""

    def _picture_run(self, element: Any, fmt: Fmt, inline_width: float | None = None) -> Any:
        from docx.shared import Emu

        png, width_px, height_px, alt = self.pictures[element]
        if element.tag == "img":
            display = _logo_inches(self.css.declarations(element), width_px, height_px)
        else:
            display = min(width_px / 96, self.width_in if inline_width is None else inline_width)
        width = Emu(int(display * 914400))
        height = Emu(int(display * 914400 * height_px / width_px))
        inline = self.document.part.new_pic_inline(io.BytesIO(png), width, height)
        number = next(self.ids)
        for tag in ("wp:docPr", "pic:cNvPr"):
            for node in inline.xpath(f".//{tag}"):
                node.set("id", str(number))
                node.set("name", f"Picture {number}")
                node.set("descr", alt)
        run = _el("w:r")
        drawing = _el("w:drawing")
        drawing.append(inline)
        run.append(drawing)
        return run

    # -- walking the HTML --

    def style_of(self, element: Any) -> dict[str, str]:
        return self.css.declarations(element)

    def fmt_for(self, element: Any, fmt: Fmt, decl: dict[str, str]) -> Fmt:
        changes: dict[str, Any] = {}
        lang = element.get("lang")
        classes = set((element.get("class") or "").split())
        if lang:
            changes["lang"] = LANG_TAGS.get(lang.split("-")[0], lang)
        elif len(self.langs) > 1 and classes & {"alt", "alt-inline"}:
            # The bilingual handout's passages in its second language.
            changes["lang"] = LANG_TAGS.get(self.langs[1], self.langs[1])
        if element.tag in ("strong", "b"):
            changes["bold"] = True
        if element.tag in ("em", "i", "cite"):
            changes["italic"] = True
        weight = decl.get("font-weight")
        if weight:
            changes["bold"] = weight in ("bold", "bolder") or weight[:1] in "6789"
            changes["plain"] = not changes["bold"]
        elif changes.get("bold"):
            changes["plain"] = False
        if fmt.badge:
            # A badge's inner spans keep the badge's colours, and take their own size and
            # weight (the bilingual badge's second language is smaller and not bold).
            size = _length_pt(decl.get("font-size"), fmt.size or self.base_size)
            if size:
                changes["size"] = size
            return replace(fmt, **changes)
        if decl.get("font-style") == "italic":
            changes["italic"] = True
        if decl.get("text-transform") == "uppercase":
            changes["caps"] = True
        colour = _colour(decl.get("color"))
        if colour:
            changes["colour"] = colour
        size = _length_pt(decl.get("font-size"), fmt.size or self.base_size)
        if size:
            changes["size"] = size
        if "badge" in classes:
            changes["badge"] = True
            fill = _colour(decl.get("background") or decl.get("background-color"))
            if fill == "FFFFFF":
                fill = None
            changes["fill"] = fill
            border = decl.get("border", "") + " " + decl.get("border-style", "")
            style = next((s for s in ("dashed", "dotted", "double") if s in border), None)
            if fill is None:
                changes["border"] = style or "single"
                changes["border_colour"] = _colour(decl.get("border")) or colour
        return replace(fmt, **changes)

    def hidden(self, element: Any, decl: dict[str, str]) -> bool:
        if element.tag in SKIPPED_TAGS or not isinstance(element.tag, str):
            return True
        if element.get("hidden") is not None or element.get("aria-hidden") == "true":
            return True
        if decl.get("display") == "none" or decl.get("visibility") == "hidden":
            return True
        return decl.get("font-size", "").strip() in ("0", "0pt", "0px")

    def flow(self, element: Any, fmt: Fmt, box: _Box, first: _Para | None = None) -> None:
        """A container's content: runs of inline content become paragraphs, block
        children are written in their turn. `first` (a list item's numbered paragraph)
        is used for the first paragraph made here."""
        state: dict[str, _Para | None] = {"para": None, "first": first}

        def para() -> _Para:
            made = state["para"]
            if made is None:
                made = state["first"] or self.new_para(None, box)
                state["first"] = None
                state["para"] = made
            return made

        def close() -> None:
            if state["para"] is not None:
                self.emit(state["para"])
                state["para"] = None

        flex = self.css.declarations(element).get("display") == "flex"
        if element.text:
            para().items.append(("text", element.text, fmt))
        for child in element:
            if not isinstance(child.tag, str):
                if child.tail:
                    para().items.append(("text", child.tail, fmt))
                continue
            decl = self.style_of(child)
            if not self.hidden(child, decl):
                if flex and state["para"] is not None and state["para"].items:
                    # A flex row's gap between its items.
                    state["para"].items.append(("text", "\u2003", fmt))
                if self._is_block(child):
                    close()
                    if state["first"] is not None and child.tag in ("p", "div", "strong"):
                        # The list item's first paragraph carries its number.
                        first_para = state["first"]
                        state["first"] = None
                        self.block(child, fmt, box, decl, first_para)
                    else:
                        self.block(child, fmt, box, decl)
                else:
                    self.inline(child, fmt, para, decl)
            if child.tail and (state["para"] is not None or child.tail.strip()):
                para().items.append(("text", child.tail, fmt))
        close()
        left = state["first"]
        if left is not None and left.items:
            self.emit(left)

    def _is_block(self, element: Any) -> bool:
        if element.tag in BLOCK_TAGS:
            return True
        if element.tag in ("strong", "b", "em", "span", "a"):
            # Inline markup around paragraphs (the handout's lessons: <strong><p>).
            return any(
                isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in element.iterdescendants()
            )
        return False

    def inline(self, element: Any, fmt: Fmt, para: Any, decl: dict[str, str]) -> None:
        tag = element.tag
        if tag == "br":
            para().items.append(("br",))
            return
        if tag in ("svg", "img"):
            if element in self.pictures:
                para().items.append(("pic", element, fmt))
            elif element.get("alt"):
                para().items.append(("text", element.get("alt"), fmt))
            return
        fmt = self.fmt_for(element, fmt, decl)
        if decl.get("display") == "block" and para().items:
            para().items.append(("br",))
        # A badge never wraps (white-space: nowrap): its spaces do not break.
        keep = (lambda t: t.replace(" ", "\u00a0")) if fmt.badge else (lambda t: t)
        if fmt.badge:
            para().items.append(("text", "\u00a0", fmt))
        if element.text:
            para().items.append(("text", keep(element.text), fmt))
        for child in element:
            if isinstance(child.tag, str):
                child_decl = self.style_of(child)
                if not self.hidden(child, child_decl):
                    self.inline(child, fmt, para, child_decl)
            if child.tail:
                para().items.append(("text", keep(child.tail), fmt))
        if fmt.badge:
            para().items.append(("text", "\u00a0", fmt))

    def new_para(self, style: str | None, box: _Box, **kwargs: Any) -> _Para:
        made = _Para(style, shade=box.shade, border_left=box.border_left, **kwargs)
        if box.indent and made.indent is None:
            made.indent = box.indent
        return made

    def block(
        self,
        element: Any,
        fmt: Fmt,
        box: _Box,
        decl: dict[str, str],
        first: _Para | None = None,
    ) -> None:
        tag = element.tag
        classes = set((element.get("class") or "").split())
        if decl.get("break-before") == "page" or decl.get("page-break-before") == "always":
            self.pending_break = True
        # The stylesheet's vertical margins as paragraph spacing (a heading's spacing is
        # its Word style's, but on the cover).
        heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6") and not self.in_cover
        before, after = (None, None) if heading else _margins(decl)
        if before is not None:
            self.pending_before = before
        fmt = self.fmt_for(element, fmt, decl) if tag not in ("h1", "h2", "h3", "h4") else (
            self.fmt_for(element, replace(fmt, colour=fmt.colour, size=None), {})
        )  # fmt: skip
        if tag == "section" and "cover" in classes:
            self.cover(element, decl)
        elif tag == "nav" and "contents" in classes:
            self.contents(element)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading(element, fmt, box, classes)
        elif tag in ("ul", "ol"):
            self.items(element, fmt, box, ordered=tag == "ol")
        elif tag == "dl":
            self.definitions(element, fmt, box)
        elif tag == "table":
            self.table(element, fmt)
        elif tag == "figure":
            self.figure(element, fmt, box)
        elif tag == "hr":
            pass
        elif self._flex_row(element, decl):
            self.flex_row(element, fmt, decl)
        else:
            inner = self._box(box, decl)
            if tag == "p" or (first is not None and tag != "div"):
                para = first or self.new_para(None, inner)
                para.base = fmt
                self._align(para, decl)
                self.flow_into(element, fmt, para, inner)
            else:
                self.flow(element, fmt, inner, first)
        if after is not None and self.last_p is not None:
            _set_spacing(self.last_p, after=after)
        if decl.get("break-after") == "page" or decl.get("page-break-after") == "always":
            self.pending_break = True

    def _flex_row(self, element: Any, decl: dict[str, str]) -> bool:
        """A flex row of blocks on the page (the handout's score: the total beside its
        meaning), which Word can only show side by side as a table's row."""
        if decl.get("display") != "flex" or self.target is not self.body or self.in_cover:
            return False
        if decl.get("flex-direction", "row") not in ("row", ""):
            return False
        children = [c for c in element if isinstance(c.tag, str)
                    and not self.hidden(c, self.style_of(c))]  # fmt: skip
        return 2 <= len(children) <= 4 and all(self._is_block(c) for c in children)

    def flex_row(self, element: Any, fmt: Fmt, decl: dict[str, str]) -> None:
        """A flex row as a one-row table without rules (but the row's own border), each
        item in a cell as wide as its content, the last taking the rest of the line."""
        children = [c for c in element if isinstance(c.tag, str)
                    and not self.hidden(c, self.style_of(c))]  # fmt: skip
        padding = [(_length_pt(v) or 0.0) * 20 for v in decl.get("padding", "0").split()]
        padding = (padding * 4)[:4] if len(padding) == 1 else (
            [*padding, *padding][:4] if len(padding) == 2 else (padding + padding[1:2])[:4]
        )  # fmt: skip
        top, right, bottom, left = (int(v) for v in padding)
        gap = int((_length_pt(decl.get("gap")) or 0.0) * 20)
        total = int(self.width_in * 1440)
        widths = []
        for i, child in enumerate(children):
            pieces: list[tuple[str, Fmt, bool]] = []
            self._measured(child, self.fmt_for(child, fmt, self.style_of(child)), pieces)
            natural = _widths(pieces, self.base_size)[0] * 20 + 60
            margins = (left if i == 0 else gap // 2) + (right if i == len(children) - 1
                                                         else gap // 2)  # fmt: skip
            widths.append(int(natural + margins))
        widths[-1] = max(total - sum(widths[:-1]), total // 4)
        if sum(widths) > total:
            widths = [int(w * total / sum(widths)) for w in widths]
        if self.pending_break:
            self.emit(self.new_para(None, _Box()))
        tbl = _el("w:tbl")
        tblpr = _el("w:tblPr")
        tblpr.append(_el("w:tblStyle", {"w:val": self.styles["Table Grid"]}))
        tblpr.append(_el("w:tblW", {"w:w": str(total), "w:type": "dxa"}))
        borders = _el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border = decl.get(f"border-{side}", decl.get("border", ""))
            width, colour = _length_pt(border), _colour(border)
            if width and colour and side not in ("insideH", "insideV"):
                borders.append(_el(f"w:{side}", {"w:val": "single", "w:sz": str(round(width * 8)),
                                                 "w:space": "0", "w:color": colour}))  # fmt: skip
            else:
                borders.append(_el(f"w:{side}", {"w:val": "nil"}))
        tblpr.append(borders)
        tblpr.append(_el("w:tblLayout", {"w:type": "fixed"}))
        tblpr.append(_el("w:tblLook", {"w:val": "0000", "w:firstRow": "0",
                     "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0",
                     "w:noHBand": "1", "w:noVBand": "1"}))  # fmt: skip
        tbl.append(tblpr)
        grid = _el("w:tblGrid")
        for w in widths:
            grid.append(_el("w:gridCol", {"w:w": str(w)}))
        tbl.append(grid)
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:cantSplit"))
        tr.append(trpr)
        tbl.append(tr)
        self._append(tbl)
        outer = self.target
        middle = decl.get("align-items") == "center"
        for i, (child, w) in enumerate(zip(children, widths, strict=True)):
            tc = _el("w:tc")
            tcpr = _el("w:tcPr")
            tcpr.append(_el("w:tcW", {"w:w": str(w), "w:type": "dxa"}))
            mar = _el("w:tcMar")
            for side, value in (("top", top), ("left", left if i == 0 else gap // 2),
                                ("bottom", bottom), ("right", right if i == len(children) - 1
                                                     else gap // 2)):  # fmt: skip
                mar.append(_el(f"w:{side}", {"w:w": str(value), "w:type": "dxa"}))
            tcpr.append(mar)
            if middle:
                tcpr.append(_el("w:vAlign", {"w:val": "center"}))
            tc.append(tcpr)
            tr.append(tc)
            self.target = tc
            child_decl = self.style_of(child)
            self.block(child, fmt, _Box(), child_decl)
            if tc.find(_w("p")) is None or tc[-1].tag != _w("p"):
                tc.append(_el("w:p"))
            self.target = outer
        spacer = self.new_para(None, _Box())
        spacer.items.append(("spacer",))
        self.emit(spacer)

    def _box(self, box: _Box, decl: dict[str, str]) -> _Box:
        shade = _colour(decl.get("background") or decl.get("background-color"))
        left = decl.get("border-left") or decl.get("border-left-color")
        if shade == "FFFFFF":
            shade = None
        if shade or left:
            return _Box(shade or box.shade, _colour(left) or box.border_left, box.indent)
        return box

    @staticmethod
    def _align(para: _Para, decl: dict[str, str]) -> None:
        align = decl.get("text-align")
        if align in ("right", "center"):
            para.align = align

    def flow_into(self, element: Any, fmt: Fmt, para: _Para, box: _Box) -> None:
        """A paragraph's content into para (blocks inside it, which HTML allows in some
        places, start paragraphs of their own)."""
        self.flow(element, fmt, box, first=para)

    def heading(self, element: Any, fmt: Fmt, box: _Box, classes: set[str]) -> None:
        tag = element.tag
        if "caption" in classes or element.getparent().tag == "figure":
            para = self.new_para(self.styles.get("Caption"), _Box(), keep_next=True)
            self.flow_into(element, replace(fmt, bold=False), para, _Box())
            return
        level = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}.get(tag)
        if level is None:  # h5, h6: a bold run-in paragraph kept with what follows
            para = self.new_para(None, box, keep_next=True)
            self.flow_into(element, replace(fmt, bold=True), para, box)
            return
        name = "Title" if level == 0 else f"Heading {level}"
        para = self.new_para(self.styles.get(name), _Box(), keep_next=True)
        text = _text(element)
        self.last_heading = text
        if level in (1, 2) and text:
            bookmark = f"_Toc{len(self.headings) + 1:06d}"
            para.bookmark = bookmark
            self.headings.append((level, self._heading_text(element), bookmark))
        kept = fmt.colour if self.in_cover else None  # the cover's white stays
        self.flow_into(element, replace(fmt, bold=False, colour=kept, size=None), para, _Box())

    def _heading_text(self, element: Any) -> str:
        """A heading as the contents list shows it: in the document's language (the
        bilingual handout's second language left out)."""
        parts = []
        if element.text:
            parts.append(element.text)
        for child in element.iter():
            if child is element:
                continue
            classes = set((child.get("class") or "").split())
            if classes & {"alt", "alt-inline"}:
                continue
            if child.text and not any(
                set((a.get("class") or "").split()) & {"alt", "alt-inline"}
                for a in child.iterancestors()
            ):
                parts.append(child.text)
            if child.tail:
                parts.append(child.tail)
        return " ".join(" ".join(parts).split())

    def items(self, element: Any, fmt: Fmt, box: _Box, ordered: bool) -> None:
        nested = any(a.tag in ("ul", "ol") for a in element.iterancestors())
        name = ("List Number" if ordered else "List Bullet") + (" 2" if nested else "")
        if name not in self.styles:
            name = name.removesuffix(" 2")
        num = self._restart() if ordered else None
        for item in element:
            if not isinstance(item.tag, str) or item.tag != "li":
                continue
            decl = self.style_of(item)
            if self.hidden(item, decl):
                continue
            item_fmt = self.fmt_for(item, fmt, decl)
            children = [c for c in item if isinstance(c.tag, str)]
            leading = (item.text or "").strip()
            if children and children[0].tag in ("h1", "h2", "h3", "h4", "h5") and not leading:
                # A list of sections (the recommendations): their headings carry the number.
                self.flow(item, item_fmt, box)
                continue
            first = self.new_para(self.styles.get(name), _Box())
            if num is not None:
                first.num = (int(num), 1 if nested else 0)
            indent = 720 if nested else 360
            self.flow(item, item_fmt, _Box(box.shade, box.border_left, indent), first=first)

    def _restart(self) -> str | None:
        """A numbering of its own for each numbered list, restarting at 1 (every List
        Number paragraph otherwise continues the document's one count)."""
        if self.ol_nums is None:
            style = self.document.styles["List Number"].element
            num_id = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")
            if not num_id:
                return None
            numbering = self.document.part.numbering_part.element
            abstract = numbering.xpath(f'./w:num[@w:numId="{num_id[0]}"]/w:abstractNumId/@w:val')
            if not abstract:
                return None
            self.ol_nums = (num_id[0], abstract[0])
        numbering = self.document.part.numbering_part.element
        used = [int(n) for n in numbering.xpath("./w:num/@w:numId")]
        new_id = str(max(used, default=0) + 1)
        num = _el("w:num", {"w:numId": new_id})
        num.append(_el("w:abstractNumId", {"w:val": self.ol_nums[1]}))
        override = _el("w:lvlOverride", {"w:ilvl": "0"})
        override.append(_el("w:startOverride", {"w:val": "1"}))
        num.append(override)
        cleanup = numbering.find(_w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            numbering.append(num)
        return new_id

    def definitions(self, element: Any, fmt: Fmt, box: _Box) -> None:
        """A list of terms as the PDF's grid: each term and its value on one line, the
        value at a tab stop, wrapped lines hanging under it."""
        pending: _Para | None = None
        # The value column starts after the longest term (the PDF's grid), at most 40 %
        # of the line (about 0.55 em a character).
        terms = [_text(t) for t in element if isinstance(t.tag, str) and t.tag == "dt"]
        longest = max((len(t) for t in terms), default=10)
        size = fmt.size or self.base_size
        width = int(min(longest * size * 0.55 * 20 + 240, self.width_in * 1440 * 0.4))
        for child in element:
            if not isinstance(child.tag, str):
                continue
            decl = self.style_of(child)
            if self.hidden(child, decl):
                continue
            child_fmt = self.fmt_for(child, fmt, decl)
            if child.tag == "dt":
                if pending is not None:
                    self.emit(pending)
                pending = self.new_para(None, box, after=40)
                pending.indent, pending.hanging, pending.tab = width + box.indent, width, width
                self._inline_content(child, replace(child_fmt, bold=True) if not child_fmt.colour
                                     else child_fmt, pending)  # fmt: skip
                pending.items.append(("tab",))
            elif child.tag == "dd":
                if pending is None:
                    pending = self.new_para(None, box)
                    pending.indent = width + box.indent
                self._inline_content(child, child_fmt, pending)
                self.emit(pending)
                pending = None
        if pending is not None:
            self.emit(pending)

    def _inline_content(self, element: Any, fmt: Fmt, para: _Para) -> None:
        def get() -> _Para:
            return para

        if element.text:
            para.items.append(("text", element.text, fmt))
        for child in element:
            if isinstance(child.tag, str):
                decl = self.style_of(child)
                if not self.hidden(child, decl):
                    if self._is_block(child):
                        if para.items:
                            para.items.append(("br",))
                        self._inline_content(child, self.fmt_for(child, fmt, decl), para)
                    else:
                        self.inline(child, fmt, get, decl)
            if child.tail:
                para.items.append(("text", child.tail, fmt))

    def figure(self, element: Any, fmt: Fmt, box: _Box) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "figcaption":
                para = self.new_para(self.styles.get("Caption"), _Box(), keep_next=True)
                self.flow_into(child, Fmt(lang=fmt.lang), para, _Box())
            elif child.tag in ("svg", "img") and child in self.pictures:
                para = self.new_para(None, _Box(), align="center")
                para.items.append(("pic", child, fmt))
                self.emit(para)
            else:
                self.block(child, fmt, box, self.style_of(child))

    # -- tables --

    def table(self, element: Any, fmt: Fmt) -> None:
        rows: list[tuple[Any, bool, bool]] = []  # row, header, foot
        for group in element:
            if not isinstance(group.tag, str):
                continue
            if group.tag == "tr":
                rows.append((group, False, False))
                continue
            foot = group.tag == "tfoot" or "foot" in (group.get("class") or "").split()
            for row in group:
                if isinstance(row.tag, str) and row.tag == "tr":
                    rows.append((row, group.tag == "thead", foot))
        if not rows:
            return
        columns = max(sum(int(c.get("colspan") or 1) for c in r if isinstance(c.tag, str))
                      for r, _h, _f in rows)  # fmt: skip
        widths = self._column_widths(rows, columns, fmt)
        if self.pending_break:
            # A table cannot start a page itself: an empty paragraph does it.
            self.emit(self.new_para(None, _Box()))
        tbl = _el("w:tbl")
        tblpr = _el("w:tblPr")
        tblpr.append(_el("w:tblStyle", {"w:val": self.styles["Table Grid"]}))
        tblpr.append(_el("w:tblW", {"w:w": "5000", "w:type": "pct"}))
        tblpr.append(_el("w:tblLayout", {"w:type": "fixed"}))
        tblpr.append(_el("w:tblLook", {"w:val": "04A0", "w:firstRow": "1",
                     "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0",
                     "w:noHBand": "1", "w:noVBand": "1"}))  # fmt: skip
        tbl.append(tblpr)
        grid = _el("w:tblGrid")
        for width in widths:
            grid.append(_el("w:gridCol", {"w:w": str(width)}))
        tbl.append(grid)
        self._append(tbl)
        outer = self.target
        for row, header, foot in rows:
            tr = _el("w:tr")
            trpr = _el("w:trPr")
            trpr.append(_el("w:cantSplit"))
            if header:
                # Repeated at the top of each page the table runs onto.
                trpr.append(_el("w:tblHeader"))
            tr.append(trpr)
            tbl.append(tr)
            column = 0
            for cell in row:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                span = int(cell.get("colspan") or 1)
                tc = _el("w:tc")
                tcpr = _el("w:tcPr")
                tcpr.append(_el("w:tcW", {"w:w": str(sum(widths[column:column + span])),
                                                  "w:type": "dxa"}))  # fmt: skip
                if span > 1:
                    tcpr.append(_el("w:gridSpan", {"w:val": str(span)}))
                if header:
                    fill = "F3F6FA"
                    tcpr.append(_el("w:shd", {"w:val": "clear", "w:color": "auto",
                                                      "w:fill": fill}))  # fmt: skip
                tc.append(tcpr)
                tr.append(tc)
                column += span
                decl = self.style_of(cell)
                cell_fmt = self.fmt_for(cell, fmt, decl)
                if foot or "strong" in (cell.get("class") or "").split():
                    cell_fmt = replace(cell_fmt, bold=True)
                self.target = tc
                para = self.new_para(None, _Box(), after=0)
                self._align(para, decl)
                if "num" in (cell.get("class") or "").split():
                    para.align = "right"
                self.flow(cell, cell_fmt, _Box(), first=para)
                if tc.find(_w("p")) is None or tc[-1].tag != _w("p"):
                    tc.append(_el("w:p"))
                self.target = outer
            while column < columns:  # a short row: Word needs every grid column filled
                tc = _el("w:tc")
                tc.append(_el("w:tcPr"))
                tc.append(_el("w:p"))
                tr.append(tc)
                column += 1
        # A paragraph after the table keeps two tables apart (Word would merge them).
        spacer = self.new_para(None, _Box())
        spacer.items.append(("spacer",))
        self.emit(spacer)

    def _column_widths(
        self, rows: list[tuple[Any, bool, bool]], columns: int, fmt: Fmt
    ) -> list[int]:
        """Column widths (twips) in proportion to what they hold: a column of numbers
        narrow, a column of sentences wide, no column narrower than what cannot wrap in
        it (its longest word, a badge, a number with its unit), each measured in its own
        size and weight."""
        total = int(self.width_in * 1440) if self.target is self.body else int(
            self.width_in * 1440 * 0.6
        )  # fmt: skip
        longest = [0.0] * columns  # points of a column's longest cell, on one line
        whole = [0.0] * columns  # points of what cannot wrap in it
        for row, _h, foot in rows:
            column = 0
            for cell in row:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                span = int(cell.get("colspan") or 1)
                if span == 1 and column < columns:
                    cell_fmt = self.fmt_for(cell, fmt, self.style_of(cell))
                    if foot or "strong" in (cell.get("class") or "").split():
                        cell_fmt = replace(cell_fmt, bold=True)
                    pieces: list[tuple[str, Fmt, bool]] = []
                    self._measured(cell, cell_fmt, pieces)
                    length, unbroken = _widths(pieces, self.base_size)
                    if "num" in (cell.get("class") or "").split():
                        unbroken = max(unbroken, length)  # white-space: nowrap
                    longest[column] = max(longest[column], length)
                    whole[column] = max(whole[column], unbroken)
                column += span
        # Each column gets what cannot wrap in it, then the rest of the line goes to the
        # columns in proportion to the text they hold (up to 40 characters' worth), so
        # the text wraps and the numbers do not; a cell's padding (Table Grid's) added.
        pad = 216 + 30
        cap = _text_pt("x" * 40, Fmt(), self.base_size)
        least = [w * 20 + pad for w in whole]
        wants = [max(lo, min(n, cap) * 20 + pad) for lo, n in zip(least, longest, strict=True)]
        if sum(least) >= total:
            widths = [int(lo * total / sum(least)) for lo in least]
        else:
            spare = total - sum(least)
            extra = [w - lo for w, lo in zip(wants, least, strict=True)]
            share = sum(extra) or 1.0
            widths = [int(lo + spare * e / share) for lo, e in zip(least, extra, strict=True)]
            if not sum(extra):
                widths = [int(lo + spare / columns) for lo in least]
        widths[-1] += total - sum(widths)
        return widths

    def _measured(self, element: Any, fmt: Fmt, out: list[tuple[str, Fmt, bool]]) -> None:
        """The text of element as (text, look, whether it breaks only where a badge
        does), for measuring: a badge is one piece that never wraps."""
        if element.text:
            out.append((element.text, fmt, fmt.badge))
        for child in element:
            if isinstance(child.tag, str):
                decl = self.style_of(child)
                if not self.hidden(child, decl):
                    if out and (child.tag in ("br", "p", "div") or decl.get("display") == "block"):
                        out.append(("\n", fmt, False))
                    self._measured(child, self.fmt_for(child, fmt, decl), out)
            if child.tail:
                out.append((child.tail, fmt, fmt.badge))

    # -- the cover and the contents --

    def cover(self, element: Any, decl: dict[str, str]) -> None:
        """The cover: one full-page cell in the brand's colour, as the PDF's cover page."""
        fill = _colour(decl.get("background")) or "16365C"
        colour = _colour(decl.get("color")) or "FFFFFF"
        tbl = _el("w:tbl")
        tblpr = _el("w:tblPr")
        tblpr.append(_el("w:tblStyle", {"w:val": self.styles["Table Grid"]}))
        tblpr.append(_el("w:tblW", {"w:w": "5000", "w:type": "pct"}))
        borders = _el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_el(f"w:{side}", {"w:val": "nil"}))
        tblpr.append(borders)
        margins = _el("w:tblCellMar")
        for side, value in (("top", "1134"), ("left", "680"), ("bottom", "567"),
                            ("right", "680")):  # fmt: skip
            margins.append(_el(f"w:{side}", {"w:w": value, "w:type": "dxa"}))
        tblpr.append(margins)
        tblpr.append(_el("w:tblLook", {"w:val": "0000", "w:firstRow": "0",
                     "w:lastRow": "0", "w:firstColumn": "0", "w:lastColumn": "0",
                     "w:noHBand": "1", "w:noVBand": "1"}))  # fmt: skip
        tbl.append(tblpr)
        grid = _el("w:tblGrid")
        grid.append(_el("w:gridCol", {"w:w": str(int(self.width_in * 1440))}))
        tbl.append(grid)
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:trHeight", {"w:val": str(int(self._body_height() * 0.97)),
                                               "w:hRule": "atLeast"}))  # fmt: skip
        tr.append(trpr)
        tc = _el("w:tc")
        tcpr = _el("w:tcPr")
        tcpr.append(_el("w:tcW", {"w:w": str(int(self.width_in * 1440)),
                                          "w:type": "dxa"}))  # fmt: skip
        tcpr.append(_el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill}))
        tc.append(tcpr)
        tr.append(tc)
        tbl.append(tr)
        self._append(tbl)
        outer, self.target = self.target, tc
        self.in_cover = True
        self.flow(element, Fmt(colour=colour), _Box())
        self.in_cover = False
        if tc.find(_w("p")) is None:
            tc.append(_el("w:p"))
        self.target = outer

    def _body_height(self) -> int:
        section = self.document.sections[0]
        return int((section.page_height - section.top_margin - section.bottom_margin) / 635)

    def contents(self, element: Any) -> None:
        """The contents list becomes Word's table of contents field; its entries, written
        once the headings are known, show until Word updates the field on opening."""
        heading = element.find(".//h2")
        style = self.styles.get("TOC Heading")
        para = self.new_para(style, _Box(), keep_next=True)
        if heading is not None:
            self.flow_into(heading, Fmt(bold=style is None, size=None if style else 16),
                           para, _Box())  # fmt: skip
        anchor = _el("w:p")
        self._append(anchor)
        self.toc_anchor = anchor
        self.pending_break = True

    def _fill_toc(self) -> None:
        if self.toc_anchor is None:
            return
        anchor = self.toc_anchor
        entries: list[Any] = []
        for level, text, bookmark in self.headings:
            p = _el("w:p")
            ppr = _el("w:pPr")
            style = self.styles.get(f"TOC {level}")
            if style:
                ppr.append(_el("w:pStyle", {"w:val": style}))
            tabs = _el("w:tabs")
            tabs.append(_el("w:tab", {"w:val": "right", "w:leader": "dot",
                                              "w:pos": str(int(self.width_in * 1440))}))  # fmt: skip
            ppr.append(tabs)
            if not style:
                ppr.append(_el("w:ind", {"w:left": str(240 * (level - 1))}))
            p.append(ppr)
            link = _el("w:hyperlink", {"w:anchor": bookmark, "w:history": "1"})
            link.append(_run(text, Fmt()))
            p.append(link)
            entries.append(p)
        if not entries:
            entries.append(_el("w:p"))
        first, last = entries[0], entries[-1]
        begin = [_field_char("begin"), _instr(' TOC \\o "1-2" \\h \\z \\u '),
                 _field_char("separate")]  # fmt: skip
        ppr = first.find(_w("pPr"))
        for offset, run in enumerate(begin):
            if ppr is not None:
                first.insert(1 + offset, run)
            else:
                first.insert(offset, run)
        last.append(_field_char("end"))
        for p in entries:
            anchor.addprevious(p)
        anchor.getparent().remove(anchor)

    # -- paragraphs --

    def _append(self, element: Any) -> None:
        if self.target is self.body and self.sect is not None:
            self.sect.addprevious(element)
        else:
            self.target.append(element)

    def emit(self, para: _Para) -> None:
        runs = self._runs(para)
        if not runs and not (para.items and para.items[0][0] == "spacer"):
            return
        p = _el("w:p")
        ppr = _el("w:pPr")
        if para.style:
            ppr.append(_el("w:pStyle", {"w:val": para.style}))
        if para.keep_next:
            ppr.append(_el("w:keepNext"))
        if self.pending_break and self.target is self.body:
            ppr.append(_el("w:pageBreakBefore"))
            self.pending_break = False
        if para.num is not None:
            numpr = _el("w:numPr")
            numpr.append(_el("w:ilvl", {"w:val": str(para.num[1])}))
            numpr.append(_el("w:numId", {"w:val": str(para.num[0])}))
            ppr.append(numpr)
        if para.border_left:
            pbdr = _el("w:pBdr")
            pbdr.append(_el("w:left", {"w:val": "single", "w:sz": "18", "w:space": "8",
                                               "w:color": para.border_left}))  # fmt: skip
            ppr.append(pbdr)
        if para.shade:
            ppr.append(_el("w:shd", {"w:val": "clear", "w:color": "auto",
                                             "w:fill": para.shade}))  # fmt: skip
        if para.tab:
            tabs = _el("w:tabs")
            tabs.append(_el("w:tab", {"w:val": "left", "w:pos": str(para.tab)}))
            ppr.append(tabs)
        if para.items and para.items[0][0] == "spacer":
            ppr.append(_el("w:spacing", {"w:before": "0", "w:after": "0",
                                         "w:line": "120", "w:lineRule": "exact"}))  # fmt: skip
            self.pending_before = None
        before = self.pending_before
        self.pending_before = None
        if before is not None or para.after is not None:
            attrs = {}
            if before is not None:
                attrs["w:before"] = str(before)
            if para.after is not None:
                attrs["w:after"] = str(para.after)
            ppr.append(_el("w:spacing", attrs))
        if para.indent is not None or para.hanging:
            attrs = {"w:left": str(para.indent or 0)}
            if para.hanging:
                attrs["w:hanging"] = str(para.hanging)
            ppr.append(_el("w:ind", attrs))
        if para.align:
            ppr.append(_el("w:jc", {"w:val": "right" if para.align == "right"
                                            else "center"}))  # fmt: skip
        if len(ppr):
            p.append(ppr)
        if para.bookmark:
            number = str(next(self.ids))
            p.append(_el("w:bookmarkStart", {"w:id": number, "w:name": para.bookmark}))
        for run in runs:
            p.append(run)
        if para.bookmark:
            p.append(_el("w:bookmarkEnd", {"w:id": number}))
        self._append(p)
        self.last_p = p

    def _runs(self, para: _Para) -> list[Any]:
        """The paragraph's items as runs, with white space collapsed as HTML shows it."""
        pieces: list[tuple[Any, ...]] = []
        for item in para.items:
            if item[0] == "text":
                text = re.sub(r"[ \t\r\n]+", " ", item[1])
                if pieces and pieces[-1][0] == "text" and pieces[-1][2] == item[2]:
                    pieces[-1] = ("text", pieces[-1][1] + text, item[2])
                else:
                    pieces.append(("text", text, item[2]))
            elif item[0] != "spacer":
                pieces.append(item)
        # Collapse spaces across runs, and drop them at the starts and ends of lines.
        previous_space = True
        for i, piece in enumerate(pieces):
            if piece[0] == "text":
                text = piece[1]
                if previous_space:
                    text = text.lstrip(" ")
                pieces[i] = ("text", text, piece[2])
                if text:
                    previous_space = text.endswith(" ")
            else:
                previous_space = piece[0] in ("br", "tab")
                if piece[0] in ("br", "tab"):
                    j = i - 1
                    while j >= 0 and pieces[j][0] == "text":
                        pieces[j] = ("text", pieces[j][1].rstrip(" "), pieces[j][2])
                        if pieces[j][1]:
                            break
                        j -= 1
        for j in range(len(pieces) - 1, -1, -1):
            if pieces[j][0] == "text":
                pieces[j] = ("text", pieces[j][1].rstrip(" "), pieces[j][2])
                if pieces[j][1]:
                    break
            elif pieces[j][0] == "br":
                pieces[j] = ("skip",)
            else:
                break
        # A badge's padding: the no-break spaces around its text are kept; a badge
        # alone in its paragraph's first run keeps its leading one.
        runs = []
        visible = any((p[0] == "text" and p[1].strip(" \u00a0")) or p[0] == "pic" for p in pieces)
        if not visible:
            return []
        while pieces and pieces[-1][0] in ("br", "skip"):
            pieces.pop()
        while pieces and pieces[0][0] in ("br", "skip"):
            pieces.pop(0)
        for piece in pieces:
            kind = piece[0]
            if kind == "text":
                if piece[1]:
                    runs.append(_run(piece[1], replace(piece[2], size=piece[2].size)))
            elif kind == "br":
                run = _el("w:r")
                run.append(_el("w:br"))
                runs.append(run)
            elif kind == "tab":
                run = _el("w:r")
                run.append(_el("w:tab"))
                runs.append(run)
            elif kind == "pic":
                runs.append(self._picture_run(piece[1], piece[2]))
        return runs

    # -- headers, footers, watermark --

    def _page_furniture(self) -> None:
        watermark = self.tree.find(".//*[@class='watermark']")
        text = _text(watermark) if watermark is not None else ""
        section = self.document.sections[0]
        muted = _colour(self.css.variables.get("--muted")) or "5A6270"
        accent = _colour(self.css.variables.get("--accent"))
        cover = self.tree.find(".//section[@class='cover']") is not None
        section.different_first_page_header_footer = cover
        header = section.header
        header.is_linked_to_previous = False
        hdr = header.part.element
        _drop_empty(hdr)
        p = _plain_para(self.styles.get("Header"))
        right = int(self.width_in * 1440)
        _add_tab(p, right)
        p.append(_run(self.client, Fmt(colour=muted, size=8)))
        if self.brand is not None and self.brand.confidentiality:
            tab = _el("w:r")
            tab.append(_el("w:tab"))
            p.append(tab)
            p.append(_run(self.brand.confidentiality, Fmt(colour=accent, size=8, bold=True)))
        if text:
            p.append(_watermark(text, _colour(self.css.variables.get("--poor")) or "B03A2E"))
        hdr.append(p)
        if cover:
            first = section.first_page_header
            first.is_linked_to_previous = False
            _drop_empty(first.part.element)
            if text:
                q = _plain_para(self.styles.get("Header"))
                q.append(_watermark(text, _colour(self.css.variables.get("--poor")) or "B03A2E"))
                first.part.element.append(q)
            else:
                first.part.element.append(_plain_para(self.styles.get("Header")))
            first_footer = section.first_page_footer
            first_footer.is_linked_to_previous = False
            if not len(first_footer.part.element):
                first_footer.part.element.append(_plain_para(self.styles.get("Footer")))
        footer = section.footer
        footer.is_linked_to_previous = False
        ftr = footer.part.element
        if ftr.xpath(".//w:instrText[contains(., 'PAGE')]") or ftr.xpath(
            ".//w:fldSimple[contains(@w:instr, 'PAGE')]"
        ):
            return  # the firm's template numbers its pages itself
        _drop_empty(ftr)
        p = _plain_para(self.styles.get("Footer"))
        _add_tab(p, right)
        small = Fmt(colour=muted, size=8)
        if self.brand is not None and self.brand.footer:
            p.append(_run(self.brand.footer, small))
        tab = _el("w:r")
        tab.append(_el("w:tab"))
        p.append(tab)
        # "Page X of Y" as the catalog words it, its numbers Word's PAGE and NUMPAGES.
        message = Formatter(self.langs[0]).gettext(_("Page %(page)s of %(pages)s"))
        for i, piece in enumerate(re.split(r"%\((\w+)\)s", message)):
            if i % 2:
                instr = {"page": "PAGE", "pages": "NUMPAGES"}[piece]
                for run in _field(instr, "1", small):
                    p.append(run)
            elif piece:
                p.append(_run(piece, small))
        ftr.append(p)

    # -- the answers --

    def _attach_answers(self) -> None:
        """The answers file in a custom XML part, with its datastore properties (Word
        and LibreOffice keep such a part when they save the document)."""
        if self.answers is None:
            return
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        package = self.document.part.package
        name = self.answers.name.removeprefix(ATTACHMENT_PREFIX)
        taken = {str(p.partname) for p in package.iter_parts()}
        number = 1
        while f"/customXml/item{number}.xml" in taken or (
            f"/customXml/itemProps{number}.xml" in taken
        ):
            number += 1
        item = Part(PackURI(f"/customXml/item{number}.xml"), "application/xml",
                    answers_xml(self.answers.content, name), package)  # fmt: skip
        guid = uuid.UUID(bytes=hashlib.sha256(self.answers.content).digest()[:16], version=4)
        props_xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<ds:datastoreItem ds:itemID="{{{str(guid).upper()}}}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
            f'<ds:schemaRefs><ds:schemaRef ds:uri="{_answers_ns()}"/></ds:schemaRefs>'
            "</ds:datastoreItem>"
        ).encode()
        props = Part(PackURI(f"/customXml/itemProps{number}.xml"), CUSTOM_XML_PROPS,
                     props_xml, package)  # fmt: skip
        item.relate_to(props, RT.CUSTOM_XML_PROPS)
        self.document.part.relate_to(item, RT.CUSTOM_XML)


def _answers_ns() -> str:
    from ..read.docx import ANSWERS_NS

    return ANSWERS_NS


# -- XML helpers -----------------------------------------------------------------------------

# The order of a run's properties that WordprocessingML prescribes (Word refuses others).
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
              "em", "lang", "eastAsianLayout", "specVanish", "oMath")  # fmt: skip
_SETTINGS_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
                                 "docVars", "rsids", "mathPr", "attachedSchema",
                                 "themeFontLang", "clrSchemeMapping",
                                 "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
                                 "forceUpgrade", "captions", "readModeInkLockDown",
                                 "smartTagType", "schemaLibrary", "shapeDefaults",
                                 "doNotEmbedSmartTags", "decimalSymbol",
                                 "listSeparator")  # fmt: skip


# The settings that come before the embedded fonts' (then those, last three).
_SETTINGS_BEFORE_EMBED = ("writeProtection", "view", "zoom", "removePersonalInformation",
                          "removeDateAndTime", "doNotDisplayPageBoundaries",
                          "displayBackgroundShape", "printPostScriptOverText",
                          "printFractionalCharacterWidth", "printFormsData",
                          "embedTrueTypeFonts", "embedSystemFonts",
                          "saveSubsetFonts")  # fmt: skip


def _insert_after(parent: Any, child: Any, before: tuple[str, ...]) -> None:
    """child into parent after the last of its children named in before."""
    last = None
    for existing in parent:
        if isinstance(existing.tag, str) and existing.tag.split("}")[-1] in before:
            last = existing
    if last is None:
        parent.insert(0, child)
    else:
        last.addnext(child)


def _insert_ordered(parent: Any, child: Any) -> None:
    """child into parent where the schema's sequence puts it."""
    name = child.tag.split("}")[1]
    if name in _RPR_ORDER and parent.tag == _w("rPr"):
        order: tuple[str, ...] = _RPR_ORDER
    elif name in _SETTINGS_BEFORE_EMBED[-3:]:
        _insert_after(parent, child, _SETTINGS_BEFORE_EMBED[: _SETTINGS_BEFORE_EMBED.index(name)])
        return
    elif name == "updateFields":
        order = ("updateFields", *_SETTINGS_AFTER_UPDATE_FIELDS)
    elif name == "themeFontLang":
        order = _SETTINGS_AFTER_UPDATE_FIELDS[
            _SETTINGS_AFTER_UPDATE_FIELDS.index("themeFontLang") :
        ]
    else:
        parent.append(child)
        return
    later = set(order[order.index(name) + 1 :])
    for existing in parent:
        if isinstance(existing.tag, str) and existing.tag.split("}")[-1] in later:
            existing.addprevious(child)
            return
    parent.append(child)


def _margins(decl: dict[str, str]) -> tuple[int | None, int | None]:
    """CSS vertical margins (shorthand or longhand) as twips before and after."""
    top = bottom = None
    if "margin" in decl:
        values = decl["margin"].split()
        if values:
            top = _length_pt(values[0])
            bottom = _length_pt(values[2] if len(values) > 2 else values[0])
    top = _length_pt(decl["margin-top"]) if "margin-top" in decl else top
    bottom = _length_pt(decl["margin-bottom"]) if "margin-bottom" in decl else bottom
    twips = [None if v is None else int(v * 20) for v in (top, bottom)]
    return twips[0], twips[1]


_AFTER_SPACING = ("ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                  "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
                  "cnfStyle", "rPr", "sectPr", "pPrChange")  # fmt: skip


def _set_spacing(p: Any, after: int) -> None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = _el("w:pPr")
        p.insert(0, ppr)
    spacing = ppr.find(_w("spacing"))
    if spacing is None:
        spacing = _el("w:spacing")
        later = [c for c in ppr if c.tag.split("}")[-1] in _AFTER_SPACING]
        if later:
            later[0].addprevious(spacing)
        else:
            ppr.append(spacing)
    spacing.set(_w("after"), str(after))


def _set_fonts(rpr: Any) -> None:
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        _insert_ordered(rpr, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):
            del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(_w(attr), FONT)


def _run(text: str, fmt: Fmt) -> Any:
    run = _el("w:r")
    rpr = _el("w:rPr")
    if fmt.bold:
        rpr.append(_el("w:b"))
        rpr.append(_el("w:bCs"))
    elif fmt.plain:
        rpr.append(_el("w:b", {"w:val": "0"}))
        rpr.append(_el("w:bCs", {"w:val": "0"}))
    if fmt.italic:
        rpr.append(_el("w:i"))
        rpr.append(_el("w:iCs"))
    if fmt.caps:
        rpr.append(_el("w:caps"))
    if fmt.colour:
        rpr.append(_el("w:color", {"w:val": fmt.colour}))
    if fmt.size:
        half = str(round(fmt.size * 2))
        rpr.append(_el("w:sz", {"w:val": half}))
        rpr.append(_el("w:szCs", {"w:val": half}))
    if fmt.border:
        rpr.append(_el("w:bdr", {"w:val": fmt.border, "w:sz": "6", "w:space": "0",
                                         "w:color": fmt.border_colour or "auto"}))  # fmt: skip
    if fmt.fill:
        rpr.append(_el("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fmt.fill}))
    if fmt.lang:
        rpr.append(_el("w:lang", {"w:val": fmt.lang}))
    if len(rpr):
        run.append(rpr)
    t = _el("w:t")
    t.text = text
    if text != text.strip() or "  " in text:
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _field_char(kind: str, fmt: Fmt | None = None) -> Any:
    run = _run("", fmt) if fmt is not None else _el("w:r")
    for t in run.findall(_w("t")):
        run.remove(t)
    run.append(_el("w:fldChar", {"w:fldCharType": kind}))
    return run


def _instr(text: str, fmt: Fmt | None = None) -> Any:
    run = _run("", fmt) if fmt is not None else _el("w:r")
    for t in run.findall(_w("t")):
        run.remove(t)
    instr = _el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = text
    run.append(instr)
    return run


def _field(instr: str, shown: str, fmt: Fmt) -> list[Any]:
    """A field whose every run has the look of its result (LibreOffice draws the result
    in the look of the field's first run)."""
    return [_field_char("begin", fmt), _instr(f" {instr} ", fmt),
            _field_char("separate", fmt), _run(shown, fmt),
            _field_char("end", fmt)]  # fmt: skip


def _plain_para(style: str | None) -> Any:
    p = _el("w:p")
    if style:
        ppr = _el("w:pPr")
        ppr.append(_el("w:pStyle", {"w:val": style}))
        p.append(ppr)
    return p


def _add_tab(p: Any, position: int) -> None:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = _el("w:pPr")
        p.insert(0, ppr)
    tabs = _el("w:tabs")
    # Header and Footer styles set tabs of their own, for Letter paper: cleared.
    for pos in (4680, 9360):
        tabs.append(_el("w:tab", {"w:val": "clear", "w:pos": str(pos)}))
    tabs.append(_el("w:tab", {"w:val": "right", "w:pos": str(position)}))
    ppr.append(tabs)


def _drop_empty(part_element: Any) -> None:
    """The empty paragraph a new header or footer starts with (a template's own
    content stays)."""
    for p in part_element.findall(_w("p")):
        if not "".join(p.itertext()).strip() and not p.xpath(".//w:drawing|.//w:pict"):
            part_element.remove(p)


def _watermark(text: str, colour: str) -> Any:
    """Word's own kind of watermark: a WordArt shape behind the text of every page,
    anchored in the header (what Word's Design > Watermark makes)."""
    from xml.sax.saxutils import quoteattr

    from docx.oxml import parse_xml

    width = 468.0
    height = max(40.0, min(140.0, width / (0.62 * max(len(text), 1)) * 1.15))
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/>'
        '<v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
        '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>'
        '<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
        '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>'
        '<v:f eqn="sum @6 0 @5"/></v:formulas><v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" '
        'xrange="6629,14971"/></v:handles><o:lock v:ext="edit" text="t" shapetype="t"/>'
        '</v:shapetype><v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" '
        'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;'
        f"width:{width:.0f}pt;height:{height:.0f}pt;rotation:315;z-index:-251654144;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        f'o:allowincell="f" fillcolor="#{colour}" stroked="f"><v:fill opacity=".2"/>'
        f'<v:textpath style="font-family:&quot;{FONT}&quot;;font-size:1pt" '
        f'string={quoteattr(text)}/><w10:wrap anchorx="margin" anchory="margin"/>'
        "</v:shape></w:pict></w:r>"
    )
    return parse_xml(xml)


@functools.lru_cache(maxsize=8)
def _obfuscated(file: str, key: str) -> bytes:
    """A bundled font as Word embeds it (ECMA-376 part 1, 17.8.1): its first 32 bytes
    XORed with the font key, the GUID's bytes read from its end."""
    from ..resources import FONTS_DIR

    data = bytearray((FONTS_DIR / file).read_bytes())
    digits = key.strip("{}").replace("-", "")
    mask = bytes.fromhex(digits)[::-1]
    for i in range(32):
        data[i] ^= mask[i % 16]
    return bytes(data)


@functools.lru_cache(maxsize=2)
def _advances(bold: bool) -> tuple[dict[int, float], float]:
    """Noto Sans's advance widths (in em) by code point, and its average, for measuring
    what a table cell holds."""
    from fontTools.ttLib import TTFont

    from ..resources import FONTS_DIR

    with TTFont(FONTS_DIR / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        widths = {code: metrics[glyph][0] / units for code, glyph in cmap.items()}
    return widths, sum(widths.values()) / max(len(widths), 1)


def _text_pt(text: str, fmt: Fmt, base: float) -> float:
    """Points that text takes in Noto Sans at fmt's size and weight."""
    widths, average = _advances(fmt.bold)
    em = sum(widths.get(ord(c), average) for c in (text.upper() if fmt.caps else text))
    return em * (fmt.size or base)


def _widths(pieces: list[tuple[str, Fmt, bool]], base: float) -> tuple[float, float]:
    """Points of the pieces on one line (the longest line), and of the widest thing among
    them that cannot wrap (a word; a badge, with its padding, whole)."""
    widest = word = badge = 0.0
    lines = [0.0]
    for i, (text, fmt, in_badge) in enumerate(pieces):
        if text == "\n":
            lines.append(0.0)
            word = 0.0
            continue
        if not in_badge:
            text = re.sub(r"\s+", " ", text)
        lines[-1] += _text_pt(text, fmt, base)
        if in_badge:
            badge += _text_pt(text, fmt, base)
            if i + 1 == len(pieces) or not pieces[i + 1][2]:
                # The no-break spaces that pad it, and a margin for the word processor's
                # own rounding (a badge a point too wide for its cell breaks a word).
                widest = max(widest, (badge + 2 * _text_pt("\u00a0", fmt, base)) * 1.05 + 4)
                badge = 0.0
            continue
        for k, part in enumerate(text.split(" ")):
            word = (word if k == 0 else 0.0) + _text_pt(part, fmt, base)
            widest = max(widest, word)
    return max(lines), widest


def _png_size(data: bytes) -> tuple[float, float]:
    if data[12:16] == b"IHDR":
        return float(int.from_bytes(data[16:20], "big")), float(int.from_bytes(data[20:24], "big"))
    return 300.0, 150.0


def _logo_inches(decl: dict[str, str], width: float, height: float) -> float:
    """A logo's printed width: within the stylesheet's max-height and max-width."""
    max_h = (_length_pt(decl.get("max-height")) or 51.0) / 72
    max_w = (_length_pt(decl.get("max-width")) or 170.0) / 72
    return min(max_w, max_h * width / max(height, 1))


def _deterministic(data: bytes, when: dt.datetime) -> bytes:
    """The same document as the same bytes: every zip entry dated by the assessment (a
    zip records when each entry was written)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            # Pictures are compressed already: stored, not deflated again.
            stored = info.filename.lower().endswith((".png", ".jpeg", ".jpg"))
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            # The fastest level: the embedded fonts make up most of the bytes, and deflating
            # them at the default level took a third of a handout's time for 3% fewer bytes.
            target.writestr(entry, source.read(info), compresslevel=1)
    return out.getvalue()
