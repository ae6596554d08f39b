"""The one error type users see, and the problems it carries.

Every failure a user can cause (a bad answers file, a bad brand file, a busy
output folder) becomes a ``ReportgenError``: the CLI prints its message on stderr
and exits with its code, never with a traceback. Nothing here knows click.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Exit codes, documented in `reportgen --help`, the README and docs/reliability.md.
EXIT_OK = 0
EXIT_INVALID = 1  # an input file is invalid, or some files of a batch failed
EXIT_USAGE = 2  # bad options or arguments (click's own code for usage errors)
EXIT_BUSY = 3  # another batch run holds the output folder
EXIT_CLUSTER = 4  # the Dask cluster has no workers, or was lost during the run
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


# The bidirectional controls (embeddings, overrides, isolates and marks): printed raw,
# U+202E turns "txt.exe" into what reads as "exe.txt", in a terminal, a log or a PDF.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def printable(text: str) -> str:
    """A name or key as it is safe to print on one line of a log: control characters,
    line separators and lone surrogates escaped ("a\\nb"), and the bytes of a file name
    that is not UTF-8 shown as \\xNN. A newline in a file name can then never forge a
    line such as "x.yaml: valid"."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 name (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in BIDI_CONTROLS:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the file allows: a
    YAML line, or a workbook's sheet and cell."""

    file: str
    line: int | None  # 1-based; None where the file has no line (empty, too big, not UTF-8)
    path: str  # key path such as "validation.market.market_size"; "" for the whole file
    message: str  # what was expected, and what was found
    cell: str | None = None  # in a workbook, the sheet and cell: "Validation!C7"

    def __str__(self) -> str:
        file, path = printable(self.file), printable(self.path)
        where = file if self.line is None else f"{file}:{self.line}"
        if self.cell:
            where = f"{where}: {printable(self.cell)}"
        message = printable(self.message)
        return f"{where}: {path}: {message}" if path else f"{where}: {message}"


class ReportgenError(Exception):
    """A failure the user can act on: one line per problem, then a non-zero exit."""

    exit_code = EXIT_INVALID

    def __init__(
        self, message: str, problems: tuple[Problem, ...] = (), exit_code: int | None = None
    ):
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems)
        if exit_code is not None:
            self.exit_code = exit_code

    def format_message(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join([self.message, *(f"  {p}" for p in self.problems)])


class InvalidFileError(ReportgenError):
    """An answers or brand file that fails validation; carries every problem found."""

    def __init__(self, file: str, problems: tuple[Problem, ...]):
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{printable(file)}: invalid ({count} {noun})", problems)
        self.file = file
