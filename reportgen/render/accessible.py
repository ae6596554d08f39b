"""The accessible PDF variants: what WeasyPrint 70 is asked for, and what our own step
adds to its tagged PDF afterwards (pikepdf, public API only).

`pdf/a-3a+ua-1` is one file that is archival and accessible: WeasyPrint's own `pdf/a-3a`
(tagged, answers attached as the PDF/A-3 "Source"), plus the PDF/UA-1 identification in
the XMP metadata through WeasyPrint's public `xmp_metadata` option. `pdf/ua-1` is
WeasyPrint's own. For both, `finish` then sets on the structure tree what WeasyPrint 70
does not write (docs/delivery.md, "Upstream"):

- a chart's figure gets its data in words as alternative text: WeasyPrint takes the SVG
  `<title>` only; we append the `<desc>` that charts.py writes;
- a table header cell gets its scope (/Column, or /Row for the first cell of a row of
  data), as the HTML table model infers it;
- a passage in another language than the document's (`lang="en"` in the bilingual
  handout) gets /Lang on its structure elements, found by their text;
- the viewer shows the document's title, not its file name.

Nothing here runs for the default PDF or for `pdf/a-3b`: their bytes do not change.
"""

from __future__ import annotations

import base64
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

ACCESSIBLE = "pdf/a-3a+ua-1"
# The variants whose PDF is tagged for assistive technology, and so gets `finish`.
TAGGED = ("pdf/ua-1", ACCESSIBLE)

# PDF/UA-1 identification (ISO 14289-1, 5) and, because PDF/A admits only the XMP
# properties it knows or that an extension schema declares, the schema of `pdfuaid`.
PDFUA_XMP = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 to which the file conforms</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>"""


def weasyprint_options(variant: str) -> dict[str, Any]:
    """WeasyPrint's options for one of our variants: its own name for WeasyPrint's, and
    for the combined one WeasyPrint's PDF/A-3a with the PDF/UA-1 XMP (a data: URI, which
    the asset fetcher serves)."""
    if variant != ACCESSIBLE:
        return {"pdf_variant": variant}
    uri = "data:application/rdf+xml;base64," + base64.b64encode(PDFUA_XMP).decode("ascii")
    return {"pdf_variant": "pdf/a-3a", "xmp_metadata": [uri]}


# --- what the HTML says that the PDF must carry ------------------------------------

_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_SVG = "svg"


@dataclass
class _Source:
    """From the HTML: the charts' (title, description) in order, and the text of the
    passages in another language, by language (whitespace removed: line breaks in the
    PDF fall elsewhere)."""

    lang: str = ""
    charts: list[tuple[str, str]] = field(default_factory=list)
    passages: dict[str, list[str]] = field(default_factory=dict)
    other_text: str = ""  # every text outside such passages, for the check in _foreign


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = _Source()
        self.stack: list[tuple[str, str | None]] = []  # (tag, its lang if it sets one)
        self.chart: dict[str, str] | None = None
        self.field: str | None = None  # "title" or "desc" while inside one of a chart
        self.open: list[tuple[str, list[str]]] = []  # passages being read: (lang, text)
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if tag == "html":
            self.out.lang = lang or ""
            return
        if tag in _VOID:
            return
        if tag == _SVG:
            self.chart = {"title": "", "desc": ""}
        elif self.chart is not None and tag in ("title", "desc"):
            self.field = tag
        if lang and lang != self.out.lang:
            self.open.append((lang, []))
        self.stack.append((tag, lang if lang and lang != self.out.lang else None))

    def handle_endtag(self, tag: str) -> None:
        if tag == "html" or tag in _VOID:
            return
        while self.stack:
            name, lang = self.stack.pop()
            if lang is not None and self.open:
                passage_lang, parts = self.open.pop()
                text = _squeeze("".join(parts))
                if text:
                    self.out.passages.setdefault(passage_lang, []).append(text)
            if name == _SVG and self.chart is not None:
                self.out.charts.append((self.chart["title"].strip(), self.chart["desc"].strip()))
                self.chart = None
            if name in ("title", "desc"):
                self.field = None
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.chart is not None:
            if self.field:
                self.chart[self.field] += data
            return
        if self.open:
            for _lang, parts in self.open:
                parts.append(data)
        elif self.stack and self.stack[0][0] == "head":
            return
        else:
            self.other.append(data)


def _squeeze(text: str) -> str:
    # Case folded too: CSS text-transform draws "Total score" as "TOTAL SCORE".
    return re.sub(r"\s+", "", text).casefold()


def read_source(html: str) -> _Source:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.out.other_text = _squeeze("".join(reader.other))
    return reader.out


# --- the structure tree --------------------------------------------------------------


def finish(pdf_bytes: bytes, html: str) -> bytes:
    """A tagged PDF from WeasyPrint -> the same PDF with what WeasyPrint 70 leaves out set
    on its structure tree (module docstring). Deterministic: the same input gives the
    same bytes (the file identifier is derived from the content)."""
    import pikepdf

    source = read_source(html)
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        root = pdf.Root
        prefs = root.get("/ViewerPreferences")
        if not isinstance(prefs, pikepdf.Dictionary):
            prefs = pikepdf.Dictionary()
            root.ViewerPreferences = prefs
        prefs.DisplayDocTitle = True
        if "/Metadata" in root:
            root.Metadata.write(one_rdf(root.Metadata.read_bytes()))
        tree = root.get("/StructTreeRoot")
        if tree is not None:
            elements = list(_walk(tree))
            _alternative_texts(elements, source.charts)
            _header_scopes(elements)
            _heading_levels(elements)
            if source.passages:
                _foreign(pdf, pdf_bytes, elements, source)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def one_rdf(xmp: bytes) -> bytes:
    """The XMP packet with every rdf:RDF merged into the first. WeasyPrint appends each
    `xmp_metadata` item as an rdf:RDF of its own after its own one, and XMP readers (Adobe's
    XMP Toolkit, which veraPDF uses; pikepdf) read the first only: the PDF/UA
    identification would go unseen."""
    from lxml import etree

    start, end = xmp.find(b"<x:xmpmeta"), xmp.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        return xmp
    end += len(b"</x:xmpmeta>")
    meta = etree.fromstring(xmp[start:end])
    first, *others = meta.findall(f"{{{_RDF}}}RDF")
    if not others:
        return xmp
    for other in others:
        first.extend(list(other))
        meta.remove(other)
    return xmp[:start] + etree.tostring(meta, encoding="utf-8") + xmp[end:]


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _kids(element: Any) -> list[Any]:
    import pikepdf

    k = element.get("/K")
    if k is None:
        return []
    return [k[i] for i in range(len(k))] if isinstance(k, pikepdf.Array) else [k]


def _is_element(obj: Any) -> bool:
    import pikepdf

    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


def _walk(tree: Any) -> Any:
    """Every structure element, depth first in document (reading) order."""
    stack = [k for k in reversed(_kids(tree)) if _is_element(k)]
    while stack:
        element = stack.pop()
        yield element
        stack.extend(k for k in reversed(_kids(element)) if _is_element(k))


def _alternative_texts(elements: list[Any], charts: list[tuple[str, str]]) -> None:
    """A chart's figure: "title. description" (WeasyPrint wrote the title alone)."""
    import pikepdf

    waiting = list(charts)
    for element in elements:
        if element.S != "/Figure" or "/Alt" not in element:
            continue
        alt = str(element.Alt)
        match = next((c for c in waiting if c[0] == alt and c[1]), None)
        if match is None:
            continue
        waiting.remove(match)
        title, desc = match
        element.Alt = pikepdf.String(f"{title.rstrip('.')}. {desc}")


def _header_scopes(elements: list[Any]) -> None:
    """Each TH's /Scope, inferred as the HTML table model does: a header in a row of
    data cells heads its row, any other heads its column."""
    import pikepdf

    for row in elements:
        if row.S != "/TR":
            continue
        cells = [k for k in _kids(row) if _is_element(k)]
        has_data = any(c.S == "/TD" for c in cells)
        for cell in cells:
            if cell.S != "/TH":
                continue
            attributes = cell.get("/A")
            if not isinstance(attributes, pikepdf.Dictionary):
                attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                cell.A = attributes
            attributes.Scope = pikepdf.Name.Row if has_data else pikepdf.Name.Column


def _heading_levels(elements: list[Any]) -> None:
    """Headings nested without a gap, as PDF/UA asks: a table's caption or a note's
    heading is an h4 wherever it falls, also straight under a chapter's h2 (the HTML's
    levels are the stylesheet's, shared by every chapter), so each heading becomes at most
    one level below the one before it."""
    import pikepdf

    last = 0
    for element in elements:
        name = str(element.S)
        if len(name) != 3 or not name.startswith("/H") or not name[2].isdigit():
            continue
        level = min(int(name[2]), last + 1)
        if level != int(name[2]):
            element.S = pikepdf.Name(f"/H{level}")
        last = level


def _foreign(pdf: Any, pdf_bytes: bytes, elements: list[Any], source: _Source) -> None:
    """/Lang on the structure elements drawing a passage in another language: those whose
    text is one of the passages', or, where a page break split a passage, a part of one
    that occurs nowhere in the document's own language. The outermost element wins."""
    import pikepdf

    texts = _marked_texts(pdf_bytes)
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    whole: dict[str, Counter[str]] = {lang: Counter(p) for lang, p in source.passages.items()}

    def text_of(element: Any, page: int | None) -> str:
        own = element.get("/Pg")
        if own is not None:
            page = pages.get(own.objgen, page)
        parts = []
        for kid in _kids(element):
            if isinstance(kid, int) and page is not None:
                parts.append(texts.get((page, kid), ""))
            elif _is_element(kid):
                parts.append(text_of(kid, page))
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid and page is not None:
                parts.append(texts.get((page, int(kid.MCID)), ""))
        return "".join(parts)

    tagged: set[tuple[int, int]] = set()
    for element in elements:
        parent = element.get("/P")
        if parent is not None and parent.objgen in tagged:
            tagged.add(element.objgen)
            continue
        text = _squeeze(text_of(element, None))
        if not text:
            continue
        lang = _language_of(text, whole, source)
        if lang:
            element.Lang = pikepdf.String(lang)
            tagged.add(element.objgen)


def _language_of(text: str, whole: dict[str, Counter[str]], source: _Source) -> str | None:
    for lang, passages in whole.items():
        if passages[text] > 0:
            passages[text] -= 1
            return lang
    if len(text) < 4 or text in source.other_text:
        return None
    for lang, texts in source.passages.items():
        if any(text in p for p in texts):
            return lang
    return None


def _marked_texts(pdf_bytes: bytes) -> dict[tuple[int, int], str]:
    """The text each marked-content sequence draws, by (page index, MCID): pypdf decodes
    the fonts; its operator visitor tells which sequence is open."""
    import pypdf

    from ..read.pdf import quiet

    quiet()
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    texts: dict[tuple[int, int], str] = {}
    for n, page in enumerate(reader.pages):
        stack: list[int | None] = []

        def before(op: bytes, args: Any, cm: Any, tm: Any, stack: list[int | None] = stack) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                mcid = props.get("/MCID") if props is not None and hasattr(props, "get") else None
                stack.append(int(mcid) if mcid is not None else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(
            value: str,
            cm: Any,
            tm: Any,
            font: Any,
            size: Any,
            n: int = n,
            stack: list[int | None] = stack,
        ) -> None:
            mcid = stack[-1] if stack else None
            if mcid is not None and value:
                texts[(n, mcid)] = texts.get((n, mcid), "") + value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts
