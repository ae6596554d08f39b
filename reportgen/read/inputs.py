"""Input files: answers files, and the answers a delivered reportgen PDF carries."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InvalidFileError, Problem, ReportgenError
from .docx import MAX_DOCX_BYTES, answers_from_docx, is_docx
from .pdf import MAX_PDF_BYTES, answers_from_pdf, is_pdf
from .workbook import MAX_WORKBOOK_BYTES
from .yamltree import MAX_FILE_BYTES


def read_limited(path: str | Path, limit: int, what: str = "answers files") -> bytes:
    """The bytes of a regular file of at most limit bytes, or a one-line error.

    The file is opened without blocking (a FIFO named like an answers file must not hang
    a cron job), checked to be a regular file (not a device such as /dev/zero, which
    would be read until memory runs out), and read no further than the limit, whatever
    its size claims to be."""
    name = str(path)

    def fail(message: str) -> InvalidFileError:
        return InvalidFileError(name, (Problem(name, None, "", message),))

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except ValueError:
        raise fail("the file name holds a NUL character") from None
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied") from None
    except OSError as exc:
        raise fail(f"cannot open: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise fail("not a regular file (a pipe, a device or a socket); nothing was read")
        if info.st_size > limit:
            raise fail(f"the file is {info.st_size:,} bytes; {what} are limited to {limit:,} bytes")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while being read
            raise fail(f"the file is over {limit:,} bytes; {what} are limited to {limit:,} bytes")
        return b"".join(chunks)
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_input(path: str | Path) -> tuple[bytes, str]:
    """The bytes of an answers file (YAML or .xlsx) and the name to show; a missing or
    special file is a clear error.

    A PDF or a Word document (DOCX) made by reportgen carries its answers file: it is
    read back out, so a delivered report can be validated and re-scored.
    """
    p, name = Path(path), str(path)
    limits = {".pdf": MAX_PDF_BYTES, ".xlsx": MAX_WORKBOOK_BYTES, ".xlsm": MAX_WORKBOOK_BYTES,
              ".docx": MAX_DOCX_BYTES}  # fmt: skip
    data = read_limited(p, limits.get(p.suffix.lower(), MAX_FILE_BYTES))
    if is_pdf(data):
        return answers_from_pdf(data, name)
    if is_docx(data):  # by content: a workbook is a zip too, without a Word main part
        return answers_from_docx(data, name)
    return data, name


MAX_TEMPLATE_BYTES = 32 * 1024 * 1024


def read_docx_template(path: str | Path) -> tuple[bytes, str]:
    """A firm's Word template (.dotx or .docx): its bytes and its name for errors."""
    name = str(path)
    data = read_limited(path, MAX_TEMPLATE_BYTES, "Word templates")
    if not is_docx(data):
        raise ReportgenError(
            f"{name}: expected a Word template (.dotx) or document (.docx); this file is not one"
        )
    return data, name
