"""The client's earlier assessments (`--previous`): answers files, workbooks or delivered
report PDFs (their attached answers), checked to be the same client and earlier."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import EXIT_USAGE, ReportgenError, printable
from ..model import Answers
from .answers import parse_answers
from .inputs import read_input

SUFFIXES = (".yaml", ".yml", ".xlsx", ".pdf")


def previous_inputs(paths: Iterable[str]) -> tuple[tuple[bytes, str], ...]:
    """The bytes of each earlier assessment: a file, or every answers file or report PDF
    of a folder (its own handouts and HTML aside)."""
    out = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in SUFFIXES and p.is_file() and ".handout." not in p.name
            )
            if not found:
                raise ReportgenError(
                    f"{printable(given)}: no answers file or report PDF in this folder",
                    exit_code=EXIT_USAGE,
                )
            out += [read_input(p) for p in found]
        else:
            out.append(read_input(given))
    return tuple(out)


def with_history(
    answers: Answers, name: str, previous: Sequence[tuple[bytes, str]], force: bool = False
) -> Answers:
    """The answers with their earlier assessments, oldest first. Another client's file
    (a different id, else name) or one not dated before this one is refused, unless
    force; two earlier files of one date keep the later given."""
    by_date: dict[object, Answers] = {}
    for data, prev_name in previous:
        before = parse_answers(data, prev_name)
        if before.client.key != answers.client.key and not force:
            raise ReportgenError(
                f"{printable(prev_name)}: another client's assessment "
                f"('{printable(before.client.name)}', not '{printable(answers.client.name)}' "
                f"of {printable(name)}); give the same client.id to both files, or --force",
                exit_code=EXIT_USAGE,
            )
        if before.assessment.date >= answers.assessment.date and not force:
            raise ReportgenError(
                f"{printable(prev_name)}: dated {before.assessment.date.isoformat()}, not before "
                f"{printable(name)} ({answers.assessment.date.isoformat()}); a previous "
                "assessment must be earlier, or give --force",
                exit_code=EXIT_USAGE,
            )
        by_date[before.assessment.date] = before
    ordered = tuple(by_date[d] for d in sorted(by_date))  # type: ignore[type-var]
    return replace(answers, previous=ordered)
