"""The render task: bytes in, bytes out, no file access; any executor can run it
(a local process pool or a Dask worker on another machine)."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ReportgenError, printable
from ..pipeline import DOCUMENT_TIMEOUT, KINDS, Document, Request, document_languages


@dataclass(frozen=True)
class RenderResult:
    """What a worker sends back: every document and the summary, or the error."""

    documents: tuple[Document, ...] = ()
    summary: dict[str, Any] | None = None  # client, total, band, risk: what index.html shows
    scores: dict[str, Any] | None = None  # as `reportgen score --format json`
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


# WeasyPrint's font configuration is reused for every document of a process and is not
# known to be thread-safe; a Dask worker may run several tasks in threads at once.
_RENDER_LOCK = threading.Lock()


class DocumentTimeout(BaseException):
    """Raised in a task that ran past its time limit: a BaseException, as KeyboardInterrupt
    is, so that no handler of ordinary failures (a template's, WeasyPrint's) takes it."""


def timed_out(name: str, seconds: float) -> str:
    return (
        f"{printable(name)}: stopped after {seconds:g} s, the limit per document (--timeout); "
        "a template or the document may never end"
    )


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in this thread after `seconds` (a real-time timer, SIGALRM).
    Only the main thread of a process can take signals: elsewhere (a Dask worker's
    threads) the limit is the coordinator's, which stops waiting for the task."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_task(
    request: Request, part: int | None = None, timeout: float | None = DOCUMENT_TIMEOUT
) -> RenderResult:
    """The pipeline `render` uses, so outputs are identical; never raises. With a part,
    one language's documents only (see ``pipeline.run``); ``merge`` joins the parts. A
    task that runs past `timeout` seconds is that file's failure."""
    start = time.perf_counter()
    try:
        if request.kind not in KINDS:
            raise ReportgenError(
                f"{request.name}: unknown kind {request.kind!r}; expected one of {KINDS}"
            )
        from ..engine import to_json
        from ..pipeline import run

        with _RENDER_LOCK, time_limit(timeout):
            result = run(request, part=part)
        return RenderResult(
            documents=result.documents,
            summary=result.summary(),
            scores=to_json(result.scores),
            seconds=time.perf_counter() - start,
        )
    except ReportgenError as exc:
        return RenderResult(error=exc.format_message(), seconds=time.perf_counter() - start)
    except DocumentTimeout:
        error = timed_out(request.name, timeout or 0)
        return RenderResult(error=error, seconds=time.perf_counter() - start)
    except Exception as exc:  # one file's bug must not stop the batch
        return RenderResult(
            error=f"{request.name}: {type(exc).__name__}: {exc}",
            seconds=time.perf_counter() - start,
        )


def isolated_task(conn: Any, request: Request, timeout: float) -> None:
    """A process's one task (``executor.isolated``): render, send the result down conn.
    Ctrl-C is the parent's to handle; the task stops itself past its limit (here, in
    the process's main thread, a signal can)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    try:
        conn.send(render_task(request, None, timeout))
    finally:
        conn.close()


def merge(parts: Sequence[RenderResult]) -> RenderResult:
    """The parts of one file as one result, as if rendered whole: documents in the parts'
    order, the languages of them all; the first part's error if any failed. Seconds are
    added up: the file's own rendering time, whatever ran at the same time."""
    seconds = sum(p.seconds for p in parts)
    failed = next((p for p in parts if not p.ok), None)
    if failed is not None:
        return replace(failed, seconds=seconds)
    documents = tuple(d for p in parts for d in p.documents)
    first = parts[0]
    assert first.summary is not None
    summary = {**first.summary, "languages": document_languages(documents)}
    return RenderResult(documents, summary, first.scores, seconds=seconds)


def warm_up(languages: tuple[str, ...], pdf: bool) -> None:
    """Load once per worker what every document needs: templates, catalogs, fonts."""
    from .. import i18n
    from ..render import templates

    for lang in languages:
        templates.environment(lang).get_template("report.html.j2")
        i18n.Formatter(lang)
    if pdf:
        from ..render.pdf import _pdf_tools

        _pdf_tools()


def init_local_worker(languages: tuple[str, ...], pdf: bool) -> None:
    # Ctrl-C reaches the whole process group; the coordinator alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    warm_up(languages, pdf)
    settle_garbage_collector()


# A young collection every this many net allocations (Python's default is 700).
YOUNG_COLLECTION_THRESHOLD = 5000


def settle_garbage_collector() -> None:
    """What the worker has loaded (modules, templates, catalogs, fonts, stylesheets) stays
    for its whole life, yet every full collection walked all of it again: collections
    took 7 % of a worker's time over four files. Frozen, those objects are left out of
    collections, and with young collections less frequent, collections take 3-4 %. Each
    document's garbage is still collected (worker memory stays flat: bench_batch.py)."""
    gc.collect()
    gc.freeze()
    _young, *older = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *older)


def _exit_with_parent() -> None:
    """A worker whose coordinator was killed has no one to send results to: it exits."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="reportgen-parent-watch", daemon=True).start()
