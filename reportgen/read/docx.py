"""Word documents as inputs: the answers a delivered reportgen DOCX carries, and a firm's
Word template (`--docx-template`, or `docx_template` in the brand file).

A reportgen DOCX holds its answers file in a custom XML part (``customXml/itemN.xml``):
one element in ANSWERS_NS whose text is the file in base64, with its name and SHA-256.
Word and LibreOffice keep custom XML parts when they save a document, so an edited
report still re-scores; the part is found by its namespace, not by its number, which a
saving program may change.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import zipfile
from pathlib import Path

from ..errors import InvalidFileError, Problem

ANSWERS_NS = "urn:reportgen:answers:1"
ANSWERS_TAG = f"{{{ANSWERS_NS}}}answers"
MAX_DOCX_BYTES = 64 * 1024 * 1024
# The largest answers file (a workbook, 4 MiB) in base64, with room for the element.
MAX_ANSWERS_PART_BYTES = 4 * 1024 * 1024 * 4 // 3 + 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
MAIN_PART = "word/document.xml"


def is_docx(data: bytes) -> bool:
    """A zip archive with a Word main part (a .docx, or a .dotx template)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return MAIN_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def answers_from_docx(data: bytes, file: str) -> tuple[bytes, str]:
    """The embedded answers file's bytes and a name to show (`REPORT.docx#answers.yaml`).

    A DOCX comes from anyone: each part is size-checked before it is read (a zip states
    its sizes, and reading stops at the limit whatever it states), and parsed with
    defusedxml (no entity expansion)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    def fail(message: str) -> InvalidFileError:
        return InvalidFileError(file, (Problem(file, None, "", message),))

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise fail("not a readable Word document (.docx): the file is not a zip archive") from None
    with archive:
        candidates = [
            info
            for info in archive.infolist()
            if info.filename.lower().startswith("customxml/item")
            and info.filename.lower().endswith(".xml")
            and "itemprops" not in info.filename.lower()
        ]
        for info in candidates:
            if info.file_size > MAX_ANSWERS_PART_BYTES:
                continue
            try:
                with archive.open(info) as fh:
                    xml = fh.read(MAX_ANSWERS_PART_BYTES + 1)
                root = ElementTree.fromstring(xml)
            except (DefusedXmlException, ElementTree.ParseError):
                continue  # another program's part, or not ours to judge
            except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
                raise fail(f"the Word document is damaged ({type(exc).__name__})") from None
            if root.tag != ANSWERS_TAG:
                continue
            name = Path(root.get("name") or "answers").name
            try:
                content = base64.b64decode("".join((root.text or "").split()), validate=True)
            except (binascii.Error, ValueError):
                raise fail("the embedded answers file is damaged (not base64)") from None
            digest = root.get("sha256")
            if digest and hashlib.sha256(content).hexdigest() != digest:
                raise fail("the embedded answers file is damaged (its SHA-256 does not match)")
            return content, f"{file}#{name}"
    raise fail(
        "this Word document carries no reportgen answers file; only DOCX files made by "
        "reportgen `render --format docx` can be re-scored"
    )


def answers_xml(content: bytes, name: str) -> bytes:
    """The custom XML part that carries an answers file (the inverse of answers_from_docx)."""
    from xml.sax.saxutils import quoteattr

    text = base64.b64encode(content).decode("ascii")
    lines = "\n".join(text[i : i + 76] for i in range(0, len(text), 76))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<answers xmlns="{ANSWERS_NS}" name={quoteattr(name)} '
        f'sha256="{hashlib.sha256(content).hexdigest()}">\n{lines}\n</answers>\n'
    ).encode()
