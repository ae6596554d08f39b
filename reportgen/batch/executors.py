"""Where render tasks run: local worker processes, or a Dask cluster."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import EXIT_USAGE, ReportgenError
from . import task
from .options import BatchOptions
from .plan import Job
from .task import RenderResult

SCHEDULER_TIMEOUT = 5  # seconds to reach a Dask scheduler

Finish = Callable[[Job, RenderResult], Any]


@dataclass(frozen=True)
class Task:
    """What one worker is given: a whole file, or one of its languages (a part)."""

    job: Job
    part: int | None = None  # the part-th document language (pipeline.run); None: all
    of: int = 1  # how many tasks the file is split into


def render_all(
    todo: list[Job], options: BatchOptions, finish: Finish, checkpoint: Callable[[], None]
) -> None:
    gather = Gather(finish, checkpoint)
    if options.scheduler:
        with _dask_executor(options) as (executor, threads):
            queue = deque(tasks(todo, options, threads))
            crashed = _drive(executor, queue, threads * 2, options, gather)
            for lost in crashed:  # not expected from Dask; reported rather than lost
                gather.add(lost, RenderResult(error=f"{lost.job.name}: the Dask worker was lost"))
            gather.checkpoint()
        return
    wanted = max(1, options.jobs or os.cpu_count() or 1)
    queue = deque(tasks(todo, options, wanted))
    crashed = _run_local(queue, min(wanted, len(queue)), options, gather)
    # A worker that dies (a crash in a native library, the OOM killer) takes every
    # task it was given with it. Those are tried again one at a time, so that only
    # the document that kills a worker on its own is reported.
    for t in crashed:
        again = _run_local(deque([t]), 1, options, gather)
        for lost in again:
            error = f"{lost.job.name}: the worker process died rendering it"
            gather.add(lost, RenderResult(error=error))
            gather.checkpoint()


def tasks(todo: list[Job], options: BatchOptions, workers: int) -> list[Task]:
    """The largest files first; each as one task per language when PDFs are wanted and
    there is more than one worker. Split, a file's PDFs are built at once (one changed
    file: both cores), and a run ends on half-files rather than whole ones, so a worker
    idles less while the last file finishes. A part costs one more read and score of its
    file, about 20 ms against seconds for a PDF: the parts of a file took the same time
    as the file whole (median of 12 interleaved pairs, 1.00). With --lang unset the
    coordinator does not read the answers to learn their languages: a file gets a task
    per language reportgen knows, and a part past the file's own ends at once, with no
    documents."""
    ordered = largest_first(todo)
    parts = options.parts() if workers > 1 and options.wants_pdf() else 1
    if parts == 1:
        return [Task(job) for job in ordered]
    return [Task(job, part, parts) for job in ordered for part in range(parts)]


class Gather:
    """Collects the parts of each file and finishes the file once all are in, so that
    only whole files are written and recorded; the manifest is saved when one was."""

    def __init__(self, finish: Finish, save: Callable[[], None]) -> None:
        self._finish = finish
        self._save = save
        self._parts: dict[str, dict[int | None, RenderResult]] = {}
        self._unsaved = 0

    def add(self, t: Task, result: RenderResult) -> None:
        got = self._parts.setdefault(t.job.rel, {})
        got[t.part] = result
        if len(got) < t.of:
            return
        del self._parts[t.job.rel]
        ordered = [got[k] for k in sorted(got, key=lambda k: -1 if k is None else k)]
        self._finish(t.job, ordered[0] if len(ordered) == 1 else task.merge(ordered))
        self._unsaved += 1

    def checkpoint(self) -> None:
        if self._unsaved:
            self._unsaved = 0
            self._save()


def largest_first(jobs: list[Job]) -> list[Job]:
    """The biggest inputs start first: started last, the longest file would leave the
    other workers idle at the end of a run. An input's size is a fair measure of its
    documents' length (more markets, more notes, more advice); equal sizes keep their
    order."""
    return sorted(jobs, key=lambda job: len(job.data), reverse=True)


# Workers are replaced after this many tasks each (a task: a file, or one language of
# it; up to four documents): WeasyPrint's and Pango's caches grow slowly with every
# document. The pool is retired and a fresh one started, warm from the fork server in
# a fraction of a second. (Not ProcessPoolExecutor's max_tasks_per_child: on Python
# 3.11 to 3.13 it can deadlock once a worker retires, cpython gh-115634.)
TASKS_PER_WORKER = 40


def mp_context(pdf: bool = False) -> Any:
    # Not fork: a forked worker would inherit the lock and every open file of the
    # coordinator, and forking a process that runs threads is unsafe.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported reportgen once (a pool started
    # again after a crash then starts quickly), and WeasyPrint when there are PDFs to make.
    ctx.set_forkserver_preload(["reportgen.batch.task", *(["weasyprint"] if pdf else [])])
    return ctx


def _run_local(
    queue: deque[Task], workers: int, options: BatchOptions, gather: Gather
) -> list[Task]:
    """Run the queue on fresh process pools; returns the tasks lost with a dead worker."""
    crashed: list[Task] = []
    while queue:
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=mp_context(options.wants_pdf()),
            initializer=task.init_local_worker,
            initargs=(options.languages(), options.wants_pdf()),
        )
        try:
            crashed += _drive(
                executor, queue, workers * 2, options, gather, limit=workers * TASKS_PER_WORKER
            )
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        executor.shutdown(wait=True)
    return crashed


def _drive(
    executor: Executor,
    queue: deque[Task],
    slots: int,
    options: BatchOptions,
    gather: Gather,
    limit: int | None = None,
) -> list[Task]:
    """Keep `slots` tasks in flight; gather each result as it comes, then checkpoint.
    After `limit` tasks, submit no more: the rest stay in the queue for a fresh pool.

    Returns the tasks in flight when the pool broke (the rest stay in the queue).
    """
    in_flight: dict[Future, Task] = {}
    submitted = 0
    while (queue and (limit is None or submitted < limit)) or in_flight:
        while queue and len(in_flight) < slots and (limit is None or submitted < limit):
            t = queue.popleft()
            submitted += 1
            try:
                future = executor.submit(task.render_task, options.request(t.job), t.part)
            except BrokenProcessPool:
                queue.appendleft(t)
                return list(in_flight.values())
            in_flight[future] = t
        done, _pending = wait(in_flight, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            t = in_flight.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                in_flight[future] = t
                broken = True
                continue
            except Exception as exc:  # raised by the executor, not the task (Dask, pickling)
                result = RenderResult(error=f"{t.job.name}: {type(exc).__name__}: {exc}")
            gather.add(t, result)
        # Several results may arrive together; one manifest write covers them all.
        gather.checkpoint()
        if broken:
            return list(in_flight.values())
    return []


def check_scheduler(address: str) -> None:
    """Usage errors of --scheduler, found before any work (and without importing Dask)."""
    from importlib.util import find_spec

    if find_spec("distributed") is None:
        raise ReportgenError(
            "--scheduler needs Dask: pip install 'reportgen[dask]'", exit_code=EXIT_USAGE
        )
    parsed = urlsplit(address)
    try:
        port = parsed.port
    except ValueError:
        port = None
    if not parsed.scheme or not parsed.hostname or port is None or parsed.path:
        raise ReportgenError(
            f"--scheduler {address}: expected an address such as tcp://HOST:PORT",
            exit_code=EXIT_USAGE,
        )


@contextlib.contextmanager
def _dask_executor(options: BatchOptions) -> Iterator[tuple[Executor, int]]:
    try:
        from distributed import Client
    except ImportError:
        raise ReportgenError(
            "--scheduler needs Dask: pip install 'reportgen[dask]'", exit_code=EXIT_USAGE
        ) from None
    try:
        client = Client(options.scheduler, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
    except Exception as exc:
        raise ReportgenError(
            f"cannot reach the Dask scheduler at {options.scheduler}: {exc}",
            exit_code=EXIT_USAGE,
        ) from None
    try:
        threads = sum(client.nthreads().values()) or 1
        client.run(task.warm_up, options.languages(), options.wants_pdf())
        yield client.get_executor(pure=False), threads
    finally:
        client.close()
