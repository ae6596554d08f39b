"""The documents of one answers file built side by side: one process per language.

`render FILE --lang all --format all` makes two PDFs that share nothing but their
answers. This process builds the first; forked children build the others. Forked after
WeasyPrint is imported and its fonts are loaded, a child starts warm (a few
milliseconds) instead of paying the import again. Children re-read the answers from
the request's bytes (a few milliseconds) rather than receive parsed objects, and send
back only bytes, or the error they met as a value.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import Problem, ReportgenError

if TYPE_CHECKING:
    from .model import Answers, Scores
    from .pipeline import Document, Request


@dataclass(frozen=True)
class Failed:
    """A child's ReportgenError as plain values (the exception's own pickling would keep
    its message and drop the problems it carries)."""

    message: str
    problems: tuple[Problem, ...]
    exit_code: int


def render_parts(
    parts: tuple[Request, ...], answers: Answers, scores: Scores, jobs: int
) -> tuple[Document, ...]:
    """Every part's documents, in the parts' order; raises the first part's error."""
    from .pipeline import render_documents
    from .render.pdf import _pdf_tools

    workers = min(len(parts), jobs, os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return tuple(d for part in parts for d in render_documents(part, answers, scores))
    _pdf_tools()  # imported and loaded once, before the fork, so children inherit it
    # Children are forked from this single-threaded command; they exit with os._exit,
    # so the font files WeasyPrint keeps in a temporary folder stay for this process.
    pool = ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"))
    try:
        futures = [pool.submit(_part_documents, part) for part in parts[1:]]
        first = render_documents(parts[0], answers, scores)
        rest = [future.result() for future in futures]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    documents = list(first)
    for outcome in rest:
        if isinstance(outcome, Failed):
            raise ReportgenError(outcome.message, outcome.problems, outcome.exit_code)
        documents.extend(outcome)
    return tuple(documents)


def _part_documents(part: Request) -> tuple[Document, ...] | Failed:
    """A child's work: one language's documents, or its error."""
    from .pipeline import run

    try:
        return run(part).documents
    except ReportgenError as exc:
        return Failed(exc.message, exc.problems, exc.exit_code)
