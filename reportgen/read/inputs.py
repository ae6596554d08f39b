"""Input files: answers files, and the answers a delivered reportgen PDF carries."""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidFileError, Problem
from .pdf import MAX_PDF_BYTES, answers_from_pdf, is_pdf
from .workbook import MAX_WORKBOOK_BYTES
from .yamltree import MAX_FILE_BYTES


def read_input(path: str | Path) -> tuple[bytes, str]:
    """The bytes of an answers file (YAML or .xlsx) and the name to show; a missing file is
    a clear error.

    A PDF made by reportgen carries its answers file: it is read back out, so a
    delivered report can be validated and re-scored.
    """
    p, name = Path(path), str(path)

    def fail(message: str) -> InvalidFileError:
        return InvalidFileError(name, (Problem(name, None, "", message),))

    try:
        size = p.stat().st_size
        limits = {".pdf": MAX_PDF_BYTES, ".xlsx": MAX_WORKBOOK_BYTES, ".xlsm": MAX_WORKBOOK_BYTES}
        limit = limits.get(p.suffix.lower(), MAX_FILE_BYTES)
        if size > limit:
            # Refuse before reading: a multi-gigabyte file must not be loaded at all.
            raise fail(f"the file is {size:,} bytes; answers files are limited to {limit:,} bytes")
        data = p.read_bytes()
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied") from None
    if is_pdf(data):
        return answers_from_pdf(data, name)
    return data, name
