"""A consulting firm's identity on its documents, read from a brand file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _help(text: str, default: Any = None) -> Any:
    # Templates receive a Brand: its fields carry help for the template reference.
    return field(default=default, metadata={"help": text})


@dataclass(frozen=True)
class Brand:
    """The firm's identity, from its brand file (`--brand`)."""

    firm_name: str = field(metadata={"help": "the firm's name"})
    logo_uri: str | None = _help("the logo as a data: URI (SVG or PNG), or None")
    primary_colour: str | None = _help("#rrggbb for headings and rules, or None")
    accent_colour: str | None = _help("#rrggbb for accents, or None")
    footer: str | None = _help("a line for the foot of every page, or None")
    contact: str | None = _help("the firm's contact line, or None")
    confidentiality: str | None = _help('a marking such as "Confidential", or None')
    sign_certificate: str | None = _help(
        "the absolute path of the firm's signing certificate (PKCS#12), or None; it signs "
        "PDFs and is never shown in them"
    )
    docx_template: str | None = _help(
        "the absolute path of the firm's Word template (.dotx or .docx) for DOCX output, or "
        "None; never shown in documents"
    )
