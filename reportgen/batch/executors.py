"""Where render tasks run: local worker processes, or a Dask cluster."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from ..errors import EXIT_USAGE, ReportgenError
from . import task
from .options import BatchOptions
from .plan import Job
from .task import RenderResult

SCHEDULER_TIMEOUT = 5  # seconds to reach a Dask scheduler

Finish = Callable[[Job, RenderResult], Any]


def render_all(
    todo: list[Job], options: BatchOptions, finish: Finish, checkpoint: Callable[[], None]
) -> None:
    if options.scheduler:
        with _dask_executor(options) as (executor, slots):
            crashed = _drive(executor, deque(todo), slots, options, finish, checkpoint)
            for job in crashed:  # not expected from Dask; reported rather than lost
                finish(job, RenderResult(error=f"{job.name}: the Dask worker was lost"))
            checkpoint()
        return
    workers = max(1, min(options.jobs or os.cpu_count() or 1, len(todo)))
    crashed = _run_local(deque(largest_first(todo)), workers, options, finish, checkpoint)
    # A worker that dies (a crash in a native library, the OOM killer) takes every
    # document it was given with it. Those are tried again one at a time, so that only
    # the document that kills a worker on its own is reported.
    for job in crashed:
        again = _run_local(deque([job]), 1, options, finish, checkpoint)
        for lost in again:
            finish(lost, RenderResult(error=f"{lost.name}: the worker process died rendering it"))
            checkpoint()


def largest_first(jobs: list[Job]) -> list[Job]:
    """The biggest inputs start first: started last, the longest file would leave the
    other workers idle at the end of a run. An input's size is a fair measure of its
    documents' length (more markets, more notes, more advice); equal sizes keep their
    order."""
    return sorted(jobs, key=lambda job: len(job.data), reverse=True)


# Workers are replaced after this many files each (up to four documents a file):
# WeasyPrint's and Pango's caches grow slowly with every document. The pool is retired
# and a fresh one started, warm from the fork server in a fraction of a second. (Not
# ProcessPoolExecutor's max_tasks_per_child: on Python 3.11 to 3.13 it can deadlock
# once a worker retires, cpython gh-115634.)
FILES_PER_WORKER = 40


def mp_context(pdf: bool = False) -> Any:
    # Not fork: a forked worker would inherit the lock and every open file of the
    # coordinator, and forking a process that runs threads is unsafe.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported reportgen once (a pool started
    # again after a crash then starts quickly).
    ctx.set_forkserver_preload(["reportgen.batch.task", *(["weasyprint"] if pdf else [])])
    return ctx


def _run_local(
    queue: deque[Job],
    workers: int,
    options: BatchOptions,
    finish: Finish,
    checkpoint: Callable[[], None],
) -> list[Job]:
    """Run the queue on fresh process pools; returns the jobs lost with a dead worker."""
    crashed: list[Job] = []
    while queue:
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=mp_context(options.wants_pdf()),
            initializer=task.init_local_worker,
            initargs=(options.languages(), options.wants_pdf()),
        )
        try:
            crashed += _drive(
                executor,
                queue,
                workers * 2,
                options,
                finish,
                checkpoint,
                limit=workers * FILES_PER_WORKER,
            )
        except BaseException:
            executor.shutdown(wait=False, cancel_futures=True)
            raise
        executor.shutdown(wait=True)
    return crashed


def _drive(
    executor: Executor,
    queue: deque[Job],
    slots: int,
    options: BatchOptions,
    finish: Finish,
    checkpoint: Callable[[], None],
    limit: int | None = None,
) -> list[Job]:
    """Keep `slots` tasks in flight; finish each result as it comes, then checkpoint.
    After `limit` tasks, submit no more: the rest stay in the queue for a fresh pool.

    Returns the jobs in flight when the pool broke (the rest stay in the queue).
    """
    in_flight: dict[Future, Job] = {}
    submitted = 0
    while (queue and (limit is None or submitted < limit)) or in_flight:
        while queue and len(in_flight) < slots and (limit is None or submitted < limit):
            job = queue.popleft()
            submitted += 1
            try:
                future = executor.submit(task.render_task, options.request(job))
            except BrokenProcessPool:
                queue.appendleft(job)
                return list(in_flight.values())
            in_flight[future] = job
        done, _pending = wait(in_flight, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            job = in_flight.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                in_flight[future] = job
                broken = True
                continue
            except Exception as exc:  # raised by the executor, not the task (Dask, pickling)
                result = RenderResult(error=f"{job.name}: {type(exc).__name__}: {exc}")
            finish(job, result)
        # Several results may arrive together; one manifest write covers them all.
        checkpoint()
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
        yield client.get_executor(pure=False), threads * 2
    finally:
        client.close()
