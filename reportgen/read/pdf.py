"""Answers carried by a delivered PDF: the attachment reportgen embeds in every PDF."""

from __future__ import annotations

import io

from ..errors import InvalidFileError, Problem

MAX_PDF_BYTES = 64 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# Attached answers files are named so that `score REPORT.pdf` finds them among others.
ATTACHMENT_PREFIX = "reportgen-answers-"


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def answers_from_pdf(data: bytes, file: str, prefix: str = ATTACHMENT_PREFIX) -> tuple[bytes, str]:
    """The embedded answers file's bytes and a name to show (`REPORT.pdf#answers.yaml`)."""
    import pypdf

    def fail(message: str) -> InvalidFileError:
        return InvalidFileError(file, (Problem(file, None, "", message),))

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        attachments = reader.attachments
    except Exception as exc:  # pypdf raises many types for damaged files
        raise fail(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    names = sorted(n for n in attachments if n.startswith(prefix))
    if not names:
        raise fail(
            "this PDF carries no reportgen answers file; only PDFs made by reportgen "
            "`render` can be re-scored"
        )
    name = names[0]
    content = attachments[name][0]
    return content, f"{file}#{name.removeprefix(prefix)}"
