"""One run per output folder (an flock the kernel releases however the run ends), and
the clean-up of a killed run's temporary files."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import EXIT_BUSY, ReportgenError, printable
from ..write import TMP_PREFIX

LOCK_NAME = ".reportgen.lock"


@contextlib.contextmanager
def folder_lock(out_dir: Path) -> Iterator[None]:
    """Hold OUT_DIR/.reportgen.lock for the whole run, or refuse at once."""
    path = out_dir / LOCK_NAME
    try:
        # Never through a symbolic link: a link planted under this name would make the
        # run truncate and write whatever it points to.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReportgenError(
                f"{printable(str(path))}: is a symbolic link; reportgen makes its lock file "
                "itself: remove the link"
            ) from None
        raise ReportgenError(
            f"cannot lock {printable(str(out_dir))}: {exc.strerror or exc}"
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ReportgenError(f"{printable(str(path))}: not a regular file; remove it")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise ReportgenError(
                f"{printable(str(out_dir))}: another reportgen batch{who} is using this folder; "
                "try again when it has finished",
                exit_code=EXIT_BUSY,
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def remove_temporary_files(out_dir: Path) -> int:
    """Temporary files of a killed run; called under the lock, so none is in use."""
    removed = 0
    for folder, _dirs, files in os.walk(out_dir):
        for f in files:
            if f.startswith(TMP_PREFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(folder, f))
                    removed += 1
    return removed
