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


def pdf_fonts(data: bytes) -> set[str]:
    """Base names of every font used on any page (subset prefixes removed)."""
    names = set()
    for page in pdf_reader(data).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            name = str(ref.get_object().get("/BaseFont", ""))
            names.add(name.split("+", 1)[-1].lstrip("/"))
    return names


def build_outputs(data: bytes, name: str, stem: str, lang, fmt, *, kind="report", styling=None):
    """The pipeline `render` runs, without the write: (output name -> bytes, scores)."""
    from reportgen.pipeline import Request, Styling, run

    result = run(Request(data, name, stem, lang, fmt, kind, styling or Styling()))
    return {d.name: d.content for d in result.documents}, result.scores
