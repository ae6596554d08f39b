"""The render stage: a context -> HTML (Jinja); HTML -> PDF bytes (WeasyPrint).
Nothing here touches the output folder."""

from .pdf import PdfAttachment, pdf_bytes
from .templates import answers_template, html_document, render_template, with_fonts

__all__ = [
    "PdfAttachment",
    "answers_template",
    "html_document",
    "pdf_bytes",
    "render_template",
    "with_fonts",
]
