"""What a run tells the person or the log watching it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..errors import printable
from .plan import FileRecord

if TYPE_CHECKING:
    from .plan import BatchResult

INDEX_NAME = "index.html"


def _stdout(line: str) -> None:
    print(line, flush=True)


def _stderr(line: str) -> None:
    import sys

    print(line, file=sys.stderr, flush=True)


class Progress:
    """One plain line per file (cron, CI); the CLI draws a bar instead on a terminal."""

    def __init__(self, out: Callable[[str], None] = _stdout, err: Callable[[str], None] = _stderr):
        self.out = out
        self.err = err

    def start(self, known: Iterable[FileRecord], to_render: int) -> None:
        for record in known:
            self.file_done(record)

    def file_done(self, record: FileRecord) -> None:
        self.out(self.line(record))

    def warn(self, message: str) -> None:
        self.err(f"warning: {message}")

    @staticmethod
    def line(record: FileRecord) -> str:
        path = printable(record.path)
        if record.status == "rendered":
            n = len(record.outputs)
            noun = "file" if n == 1 else "files"
            return f"rendered {path} ({n} {noun}, {record.seconds:.1f} s)"
        if record.status == "skipped":
            return f"skipped {path} (up to date)"
        first = printable((record.error or "failed").split("\n")[0])
        # Errors name their file first; the line already does.
        return f"failed {path}: {first.removeprefix(f'{path}: ')}"

    def abort(self) -> None:
        """The run stops early (Ctrl-C, no scheduler): leave the terminal tidy."""

    def finish(self, result: BatchResult) -> None:
        for r in result.records:
            if r.status == "failed":
                # Line by line: the error's own line breaks stay, any other is escaped.
                lines = (r.error or f"{r.path}: failed").split("\n")
                self.err("\n".join(printable(line) for line in lines))
        self.out(
            f"{result.count('rendered')} rendered, {result.count('skipped')} up to date, "
            f"{result.count('failed')} failed in {result.elapsed:.1f} s; "
            f"summary: {result.out_dir / INDEX_NAME}"
        )
