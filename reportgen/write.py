"""The write stage: atomic writes (a temporary file in the same folder, then a rename).

The only module that writes a user's files; it writes nothing until a whole document
is built."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ReportgenError, printable

TMP_PREFIX = ".reportgen-tmp-"


def _file_mode() -> int:
    """The mode a plain open() would give a new file: 0666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# mkstemp creates files 0600; reports are ordinary documents, to be published or shared.
FILE_MODE = _file_mode()


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write data to path so that readers see the old file or the whole new one, never a
    part. Any failure (a folder that is a file, read-only or not ours, a full disk) is one
    line naming the path and the reason; the temporary file is removed.

    The temporary file is created new (O_EXCL, so never through a symbolic link) and
    renamed over path: a symbolic link at path is replaced, never written through."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise WriteError(path, exc) from None
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteError(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class WriteError(ReportgenError):
    """A file reportgen could not write: the path and the operating system's reason."""

    def __init__(self, path: Path, exc: OSError):
        reason = exc.strerror or type(exc).__name__
        if isinstance(exc, FileExistsError | NotADirectoryError):
            chain = (path, *path.parents)
            blocking = next((p for p in chain if p.exists() and not p.is_dir()), None)
            if blocking is not None:
                reason = f"{printable(str(blocking))} is a file, not a folder"
                exc.filename = None  # name the file being written, not the blocking one
        where = (
            Path(exc.filename)
            if exc.filename and not str(exc.filename).startswith(str(path.parent / TMP_PREFIX))
            else path
        )
        super().__init__(f"cannot write {printable(str(where))}: {reason}")
        self.path = path


def write_new_text(path: str | Path, text: str, force: bool = False) -> None:
    """Write a new file; an existing one is kept unless force is given."""
    if Path(path).exists() and not force:
        raise ReportgenError(f"{printable(str(path))}: already exists; use --force to overwrite it")
    atomic_write(path, text.encode("utf-8"))
