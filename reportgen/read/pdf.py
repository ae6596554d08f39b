"""Answers carried by a delivered PDF: the attachment reportgen embeds in every PDF."""

from __future__ import annotations

import io
import logging

from ..errors import InvalidFileError, Problem

MAX_PDF_BYTES = 64 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# Attached answers files are named so that `score REPORT.pdf` finds them among others.
ATTACHMENT_PREFIX = "reportgen-answers-"


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def answers_from_pdf(data: bytes, file: str, prefix: str = ATTACHMENT_PREFIX) -> tuple[bytes, str]:
    """The embedded answers file's bytes and a name to show (`REPORT.pdf#answers.yaml`).

    A PDF comes from anyone: every access to its structure (pypdf reads it lazily) is
    inside one guard, and pypdf's own log lines are kept off the terminal."""
    import pypdf

    def fail(message: str) -> InvalidFileError:
        return InvalidFileError(file, (Problem(file, None, "", message),))

    quiet()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        attachments = reader.attachments
        names = sorted(n for n in attachments if isinstance(n, str) and n.startswith(prefix))
        if not names:
            raise fail(
                "this PDF carries no reportgen answers file; only PDFs made by reportgen "
                "`render` can be re-scored"
            )
        name = names[0]
        contents = attachments[name]
        content = contents[0] if contents else b""
    except InvalidFileError:
        raise
    except Exception as exc:  # pypdf raises many types for damaged files
        reason = " ".join(str(exc).split())[:200]
        raise fail(f"not a readable PDF ({type(exc).__name__}: {reason})") from None
    if not isinstance(content, bytes) or len(content) > MAX_ATTACHMENT_BYTES:
        raise fail("the attached answers file is damaged or too large")
    return content, f"{file}#{name.removeprefix(prefix)}"


MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024  # the largest answers file (a workbook)


def quiet() -> None:
    """pypdf logs each repair it makes to a damaged file (one file printed 16,506
    lines): those lines go nowhere; the one error reportgen prints says what failed."""
    log = logging.getLogger("pypdf")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False
