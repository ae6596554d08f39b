"""HTML string -> PDF bytes (WeasyPrint).

WeasyPrint is imported on first use, so commands that never render a PDF (validate,
score, a batch of unchanged files) never pay for it. A worker keeps one font
configuration and one fetcher for every document it renders.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import ReportgenError
from ..resources import ASSETS_DIR, FONTS_DIR
from . import accessible

FONT_FACES = (
    ("NotoSans-Regular.ttf", "normal", "normal"),
    ("NotoSans-Bold.ttf", "bold", "normal"),
    ("NotoSans-Italic.ttf", "normal", "italic"),
    ("NotoSans-BoldItalic.ttf", "bold", "italic"),
)


def font_face_css() -> str:
    """@font-face rules for the bundled fonts, relative to the assets folder (the base URL)."""
    rules = []
    for file, weight, style in FONT_FACES:
        rules.append(
            f'@font-face {{ font-family: "Noto Sans"; src: url("fonts/{file}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def _asset_fetcher_class():
    from weasyprint.urls import URLFetcher

    class AssetFetcher(URLFetcher):
        """Fetches the package's own assets and data: URIs only: no network, no other
        local file, so text in an answers file can neither read files nor reach a server.
        (A firm's logo arrives as a data: URI, read by the brand loader.)"""

        def __init__(self):
            super().__init__(allowed_protocols={"file", "data"}, timeout=1)
            self.roots = (ASSETS_DIR.resolve(),)

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file" and parsed.netloc in ("", "localhost"):
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(r) for r in self.roots):
                    return super().fetch(url, headers)
            raise ValueError(f"reportgen fetches only its own assets; refused {url}")

    return AssetFetcher


class _HostNotice(logging.Filter):
    """Drops WeasyPrint's per-document notice that the host lacks HarfBuzz-Subset.

    WeasyPrint then subsets fonts with fontTools, with the same result; the notice
    would repeat on every PDF and nothing in reportgen can act on it (docs/reports.md says
    how to install the library). Every other WeasyPrint warning is kept.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "instead of HarfBuzz-Subset" not in str(record.msg)


logging.getLogger("weasyprint").addFilter(_HostNotice())


@lru_cache(maxsize=1)
def _pdf_tools():
    """WeasyPrint objects reused for every document of this process."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    # fontTools stamps each embedded font subset with the current time unless
    # SOURCE_DATE_EPOCH is set; a fixed stamp makes identical input give identical PDFs.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")

    fonts = FontConfiguration()
    fetcher = _asset_fetcher_class()()
    base = ASSETS_DIR.as_uri() + "/"
    font_css = weasyprint.CSS(
        string=font_face_css(), base_url=base, font_config=fonts, url_fetcher=fetcher
    )
    return fonts, fetcher, base, font_css


@dataclass(frozen=True)
class PdfAttachment:
    content: bytes
    name: str
    description: str
    date: dt.datetime  # created and modified, so identical input gives identical bytes


# The cached FontConfiguration must go while WeasyPrint's FFI is still loaded; left to
# interpreter shutdown, its __del__ fails with "'NoneType' object is not callable".
atexit.register(_pdf_tools.cache_clear)


def _options(pdf_variant: str | None, attachments: tuple[PdfAttachment, ...]) -> dict[str, Any]:
    """WeasyPrint's options for a document: its defaults, our stylesheet, the variant and
    the files to attach (PDF/A-3 "Source" relationship)."""
    fonts, fetcher, base, font_css = _pdf_tools()
    from weasyprint import DEFAULT_OPTIONS, Attachment

    options: dict[str, Any] = {**DEFAULT_OPTIONS, "stylesheets": [font_css]}
    if pdf_variant:
        # PDF/UA needs a tagged structure; tagging also helps PDF/A readers' reflow.
        options["pdf_tags"] = True
        # Our variant names -> WeasyPrint's (pdf/a-3a+ua-1: its pdf/a-3a and more XMP).
        options.update(accessible.weasyprint_options(pdf_variant))
    if attachments:
        options["attachments"] = [
            Attachment(
                string=a.content,
                url_fetcher=fetcher,
                name=a.name,
                description=a.description,
                created=a.date,
                modified=a.date,
                relationship="Source",
            )
            for a in attachments
        ]
    return options


# The document's stylesheet: the first <style> element, which reportgen's templates put in
# the head (text from an answers file is escaped, so it can never open one).
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


@lru_cache(maxsize=8)
def _stylesheet(text: str) -> Any:
    """A document's stylesheet, parsed and its selectors compiled once per process: every
    report of a language and brand has the same one, and parsing it again cost a tenth
    of a handout's time."""
    fonts, fetcher, base, _css = _pdf_tools()
    from weasyprint import CSS

    return CSS(string=text, base_url=base, font_config=fonts, url_fetcher=fetcher)


# Cleared before the font configuration the sheets refer to (atexit runs last-in first).
atexit.register(_stylesheet.cache_clear)


def layout(
    html: str, *, pdf_variant: str | None = None, attachments: tuple[PdfAttachment, ...] = ()
) -> Any:
    """HTML -> WeasyPrint's laid-out document: its pages, ready to measure or to draw."""
    fonts, fetcher, base, _css = _pdf_tools()
    from weasyprint import HTML

    options = _options(pdf_variant, attachments)
    style = _STYLE.search(html)
    if style is not None:
        # Given as a stylesheet rather than left in the page: the same rules in the same
        # order (they are the document's only ones, so their origin changes nothing).
        html = html[: style.start()] + html[style.end() :]
        options["stylesheets"] = [*options["stylesheets"], _stylesheet(style.group(1))]
    return HTML(string=html, base_url=base, url_fetcher=fetcher).render(fonts, **options)


def write_pdf(
    document: Any, *, pdf_variant: str | None = None, attachments: tuple[PdfAttachment, ...] = ()
) -> bytes:
    """A laid-out document -> PDF bytes (the same options as its layout)."""
    from weasyprint import DEFAULT_OPTIONS

    options = _options(pdf_variant, attachments)
    return bytes(document.write_pdf(**{key: options[key] for key in DEFAULT_OPTIONS}))


def pdf_bytes(
    html: str,
    *,
    source: str = "the document",
    pdf_variant: str | None = None,
    attachments: tuple[PdfAttachment, ...] = (),
) -> bytes:
    """HTML -> PDF. Whatever WeasyPrint cannot lay out or draw (an override template's
    markup nested too deep for it, a bug of its own) is one error naming `source`, the
    template the HTML came from, not a traceback."""
    try:
        document = layout(html, pdf_variant=pdf_variant, attachments=attachments)
        content = write_pdf(document, pdf_variant=pdf_variant, attachments=attachments)
        if pdf_variant in accessible.TAGGED:
            # What WeasyPrint 70 does not tag (alternative texts with the charts' data,
            # header scopes, passages in another language): our own step on its output.
            content = accessible.finish(content, html)
        return content
    except Exception as exc:  # WeasyPrint's failures have no common type
        message = " ".join(str(exc).split())[:300]
        raise ReportgenError(
            f"{source}: WeasyPrint could not make the PDF ({type(exc).__name__}: {message})"
        ) from None


def fonts_fingerprint_paths() -> list[Path]:
    """The files whose content shapes a PDF besides templates and catalogs."""
    return sorted(p for p in FONTS_DIR.iterdir() if p.is_file())
