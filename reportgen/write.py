"""The write stage: atomic writes (a temporary file in the same folder, then a rename).

The only module that writes a user's files; it writes nothing until a whole document
is built."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ReportgenError

TMP_PREFIX = ".reportgen-tmp-"


def _file_mode() -> int:
    """The mode a plain open() would give a new file: 0666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# mkstemp creates files 0600; reports are ordinary documents, to be published or shared.
FILE_MODE = _file_mode()


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write data to path so that readers see the old file or the whole new one, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=path.suffix, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new_text(path: str | Path, text: str, force: bool = False) -> None:
    """Write a new file; an existing one is kept unless force is given."""
    if Path(path).exists() and not force:
        raise ReportgenError(f"{path}: already exists; use --force to overwrite it")
    atomic_write(path, text.encode("utf-8"))
