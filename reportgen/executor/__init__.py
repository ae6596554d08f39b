"""The one place where documents are built in parallel: local worker processes, or a
Dask cluster. `render` runs one file here as a batch of one; `batch` runs a folder.

A task is bytes in, bytes out (``task.render_task``: no file access), so any
``concurrent.futures`` executor can run it. A file whose PDFs are wanted is split into
one task per document language (a part), built at once on different workers; its
parts are gathered and the file is finished whole, so that only whole files are
written and recorded.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import EXIT_CLUSTER, EXIT_USAGE, ReportgenError
from ..pipeline import LANGS, Document, Request
from . import task
from .task import RenderResult

SCHEDULER_TIMEOUT = 5  # seconds to reach a Dask scheduler
DASK_SCHEMES = ("tcp", "tls", "ws", "wss")
WORKERS_TIMEOUT = 30  # seconds a scheduler may take to have a worker
# Seconds a run goes on while the scheduler has no worker at all (the only one killed,
# every machine gone) before the cluster counts as lost: a worker that restarts or joins
# within it takes the tasks over; past it, the run ends as if the scheduler had gone.
WORKERS_GONE_TIMEOUT = 30.0
DEADLINE_GRACE = 30.0  # beyond a task's own limit, before the coordinator gives up on it

# Called once per input with its key and its whole result (parts merged).
Finish = Callable[[str, RenderResult], Any]


@dataclass(frozen=True)
class Task:
    """What one worker is given: a whole file, or one of its languages (a part)."""

    key: str  # the input's tasks share it (a batch: the path under IN_DIR)
    name: str  # the input as people see it, for an error the executor meets
    # The request, or what reads it when the task is handed to a worker: a batch holds
    # no input's bytes before then, so its memory does not grow with the folder.
    request: Request | Callable[[], Request]
    part: int | None = None  # the part-th document language (pipeline.run); None: all
    of: int = 1  # how many tasks the file is split into

    def load(self) -> Request:
        return self.request() if callable(self.request) else self.request


def split(key: str, name: str, request: Request | Callable[[], Request], parts: int) -> list[Task]:
    """One input's tasks: the whole file, or one task per document language."""
    if parts <= 1:
        return [Task(key, name, request)]
    return [Task(key, name, request, part, parts) for part in range(parts)]


@dataclass(frozen=True)
class Workers:
    """Where and how tasks run."""

    count: int  # local worker processes (ignored with a scheduler)
    scheduler: str | None = None  # a Dask scheduler's address
    languages: tuple[str, ...] = LANGS  # what a worker warms up for
    pdf: bool = True  # whether a worker loads WeasyPrint and its fonts up front
    timeout: float = task.DOCUMENT_TIMEOUT  # seconds a task may take: then it has failed


def run(
    tasks: Iterable[Task],
    workers: Workers,
    finish: Finish,
    checkpoint: Callable[[], None] = lambda: None,
) -> None:
    """Run every task; `finish` gets each input once its parts are in, and `checkpoint`
    follows each batch of results (the batch saves its manifest there)."""
    gather = Gather(finish, checkpoint)
    queue = deque(tasks)
    if workers.scheduler:
        with _dask_executor(workers) as (executor, threads, cluster):
            # A Dask worker runs tasks in threads, where no signal can stop one: the
            # coordinator stops waiting for a task past its time (and a little more).
            deadline = workers.timeout + DEADLINE_GRACE
            crashed = _drive(
                executor, queue, threads * 2, gather, workers.timeout, deadline, alive=cluster
            )
            for lost in crashed:  # not expected from Dask; reported rather than lost
                gather.add(lost, RenderResult(error=f"{lost.name}: the Dask worker was lost"))
            gather.checkpoint()
            if cluster.lost is not None or not cluster():
                raise ReportgenError(
                    f"the Dask cluster at {workers.scheduler} {cluster.lost or 'was lost'} "
                    "during the run; the reports completed before are kept",
                    exit_code=EXIT_CLUSTER,
                )
        return
    crashed = _run_local(queue, min(workers.count, len(queue)), workers, gather)
    # A worker that dies (a crash in a native library, the OOM killer) takes every
    # task it was given with it. Those are tried again one at a time, so that only
    # the document that kills a worker on its own is reported.
    for t in crashed:
        again = _run_local(deque([t]), 1, workers, gather)
        for lost in again:
            gather.add(
                lost, RenderResult(error=f"{lost.name}: the worker process died rendering it")
            )
            gather.checkpoint()


def render(request: Request, parts: int, workers: Workers) -> RenderResult:
    """One input as a batch of one: its parts on the workers, merged."""
    results: list[RenderResult] = []
    tasks = split(request.name, request.name, request, parts)
    run(tasks, workers, lambda _key, result: results.append(result))
    (result,) = results
    return result


def build(
    request: Request, jobs: int, timeout: float = task.DOCUMENT_TIMEOUT
) -> tuple[Document, ...]:
    """One input's documents, as `render` makes them: in this process when there is one
    document or no PDF, else each language on a worker at once (a batch of one), so a
    consultant waits for the slowest PDF, not for the sum of them. Raises the input's
    error; a document past `timeout` seconds is one."""
    from ..engine import score
    from ..pipeline import DRAWN_FORMATS, answers_of, formats, render_documents
    from ..pipeline import split as languages

    answers = answers_of(request)
    parts = languages(request, answers)
    if jobs <= 1 or len(parts) <= 1 or not DRAWN_FORMATS & set(formats(request.fmt)):
        try:
            with task.time_limit(timeout):
                return render_documents(request, answers, score(answers, request.cohort))
        except task.DocumentTimeout:
            raise ReportgenError(task.timed_out(request.name, timeout)) from None
    wanted = tuple(dict.fromkeys(lang for part in parts for lang in (part.lang or "").split("+")))
    count = min(jobs, len(parts))
    result = render(request, len(parts), Workers(count, languages=wanted, timeout=timeout))
    if not result.ok:
        raise ReportgenError(result.error or "")
    return result.documents


# Seconds past its limit that a task in a process of its own has to answer: it stops
# itself at its limit, unless stuck where no signal reaches (a native library); then its
# process is killed.
ISOLATED_GRACE = 10.0


def isolated(request: Request, timeout: float = task.DOCUMENT_TIMEOUT) -> RenderResult:
    """One request rendered in a process of its own, started for it (the preview's PDFs):
    WeasyPrint never runs in the caller, the task stops itself past `timeout`, and its
    process is killed if it has not answered ISOLATED_GRACE seconds later. Never raises:
    what went wrong is the result's error."""
    ctx = mp_context(pdf=True)
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=task.isolated_task,
        args=(send, request, timeout),
        name="reportgen-isolated",
        daemon=True,
    )
    process.start()
    send.close()  # the child's end: the pipe reports its end once the child's is closed
    try:
        if receive.poll(timeout + ISOLATED_GRACE):
            try:
                result: RenderResult = receive.recv()
                return result
            except (EOFError, OSError):  # the process ended without an answer
                pass
        else:
            return RenderResult(error=task.timed_out(request.name, timeout))
    finally:
        receive.close()
        process.join(2)  # it ends once it has answered
        if process.is_alive():
            process.kill()
            process.join(5)
    return RenderResult(
        error=f"{request.name}: the process rendering it ended without a result "
        f"(exit code {process.exitcode})"
    )


class Gather:
    """Collects the parts of each input and finishes the input once all are in; the
    checkpoint runs when one was."""

    def __init__(self, finish: Finish, save: Callable[[], None]) -> None:
        self._finish = finish
        self._save = save
        self._parts: dict[str, dict[int | None, RenderResult]] = {}
        self._unsaved = 0

    def add(self, t: Task, result: RenderResult) -> None:
        got = self._parts.setdefault(t.key, {})
        got[t.part] = result
        if len(got) < t.of:
            return
        del self._parts[t.key]
        ordered = [got[k] for k in sorted(got, key=lambda k: -1 if k is None else k)]
        self._finish(t.key, ordered[0] if len(ordered) == 1 else task.merge(ordered))
        self._unsaved += 1

    def checkpoint(self) -> None:
        if self._unsaved:
            self._unsaved = 0
            self._save()


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
    ctx.set_forkserver_preload(["reportgen.executor.task", *(["weasyprint"] if pdf else [])])
    return ctx


def _run_local(queue: deque[Task], count: int, workers: Workers, gather: Gather) -> list[Task]:
    """Run the queue on fresh process pools; returns the tasks lost with a dead worker."""
    crashed: list[Task] = []
    while queue:
        executor = ProcessPoolExecutor(
            max_workers=count,
            mp_context=mp_context(workers.pdf),
            initializer=task.init_local_worker,
            initargs=(workers.languages, workers.pdf),
        )
        try:
            crashed += _drive(
                executor, queue, count * 2, gather, workers.timeout, limit=count * TASKS_PER_WORKER
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
    gather: Gather,
    timeout: float,
    deadline: float | None = None,
    limit: int | None = None,
    alive: Callable[[], bool] | None = None,
) -> list[Task]:
    """Keep `slots` tasks in flight; gather each result as it comes, then checkpoint.
    After `limit` tasks, submit no more: the rest stay in the queue for a fresh pool.
    Each task stops itself after `timeout` seconds; with a `deadline`, the coordinator
    also stops waiting for one after that many seconds (a worker that cannot stop it).
    With `alive`, a cluster found gone fails every task at once instead.

    Returns the tasks in flight when the pool broke (the rest stay in the queue).
    """
    in_flight: dict[Future, Task] = {}
    started: dict[Future, float] = {}
    submitted = 0
    while (queue and (limit is None or submitted < limit)) or in_flight:
        while queue and len(in_flight) < slots and (limit is None or submitted < limit):
            t = queue.popleft()
            submitted += 1
            try:
                request = t.load()
            except ReportgenError as exc:  # the input went away, or changed into a bad one
                gather.add(t, RenderResult(error=exc.format_message()))
                continue
            try:
                future = executor.submit(task.render_task, request, t.part, timeout)
            except BrokenProcessPool:
                queue.appendleft(t)
                return list(in_flight.values())
            except Exception as exc:  # a Dask client closed under us: this task has failed
                gather.add(
                    t, RenderResult(error=f"{t.name}: not handed out ({exc or type(exc).__name__})")
                )
                continue
            in_flight[future] = t
            started[future] = time.monotonic()
        if not in_flight:  # every task just taken failed before it was handed out
            gather.checkpoint()
            continue
        wait_for = None
        if deadline is not None:
            wait_for = max(0.1, min(started[f] for f in in_flight) + deadline - time.monotonic())
        if alive is not None:
            wait_for = min(wait_for or 1.0, 1.0)  # look at the cluster every second
        done, _pending = wait(in_flight, timeout=wait_for, return_when=FIRST_COMPLETED)
        if not done and alive is not None and not alive():
            for t in [*in_flight.values(), *queue]:
                error = f"{t.name}: cancelled by the cluster (a worker or the scheduler was lost)"
                gather.add(t, RenderResult(error=error))
            queue.clear()
            gather.checkpoint()
            return []
        if not done and deadline is not None:
            now = time.monotonic()
            for future in [f for f in in_flight if now - started[f] >= deadline]:
                future.cancel()
                t = in_flight.pop(future)
                del started[future]
                error = f"{t.name}: no result after {deadline:g} s (the worker or the cluster)"
                gather.add(t, RenderResult(error=error))
            gather.checkpoint()
            continue
        broken = False
        for future in done:
            t = in_flight.pop(future)
            started.pop(future, None)
            try:
                result = future.result()
            except BrokenProcessPool:
                in_flight[future] = t
                started[future] = time.monotonic()
                broken = True
                continue
            except CancelledError:  # Dask cancels what a lost worker or scheduler held
                error = f"{t.name}: cancelled by the cluster (a worker or the scheduler was lost)"
                result = RenderResult(error=error)
            except Exception as exc:  # raised by the executor, not the task (Dask, pickling)
                result = RenderResult(error=f"{t.name}: {type(exc).__name__}: {exc}")
            gather.add(t, result)
        # Several results may arrive together; one checkpoint (a manifest write) covers them.
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
    if parsed.scheme not in DASK_SCHEMES:
        # http:// is the scheduler's dashboard, not the scheduler.
        raise ReportgenError(
            f"--scheduler {address}: a Dask scheduler's address starts with "
            f"{' or '.join(s + '://' for s in DASK_SCHEMES)} (port 8786 by default; "
            "http:// is its dashboard)",
            exit_code=EXIT_USAGE,
        )


class _Cluster:
    """Whether a Dask cluster is still there, asked while the coordinator waits: its
    scheduler connected, and a worker seen within WORKERS_GONE_TIMEOUT (a scheduler whose
    only worker was killed keeps the tasks forever, waiting for one). Once lost, `lost`
    says how, and it stays lost."""

    def __init__(self, client: Any):
        self.client = client
        self.seen = time.monotonic()  # when the scheduler last had a worker
        self.lost: str | None = None

    def __call__(self) -> bool:
        if self.lost is not None:
            return False
        if self.client.status != "running":
            self.lost = "was lost"
            return False
        try:  # the scheduler's answer, within SCHEDULER_TIMEOUT (Client.sync's own bound)
            workers = len(self.client.nthreads(callback_timeout=SCHEDULER_TIMEOUT))
        except Exception:  # no answer: counted as no worker
            workers = 0
        now = time.monotonic()
        if workers:
            self.seen = now
        elif now - self.seen >= WORKERS_GONE_TIMEOUT:
            self.lost = f"has had no workers for {WORKERS_GONE_TIMEOUT:g} s"
            return False
        return True


@contextlib.contextmanager
def _dask_executor(workers: Workers) -> Iterator[tuple[Executor, int, _Cluster]]:
    """A Dask executor on the scheduler, its thread count, and whether the cluster is
    still there. Every wait is bounded: the connection (a listener that is not a Dask
    scheduler never answers the handshake, whatever Client's own timeout says), the
    workers' arrival, their absence during the run and each task (see run)."""
    try:
        from distributed import Client
    except ImportError:
        raise ReportgenError(
            "--scheduler needs Dask: pip install 'reportgen[dask]'", exit_code=EXIT_USAGE
        ) from None
    client = _connect(Client, workers.scheduler or "")
    # When the cluster goes, Dask's executor completes its futures as cancelled and its
    # own done-callbacks then fail; concurrent.futures logs each with a traceback. The
    # run reports every such task itself, on one line, and ends with exit code 4.
    callbacks = logging.getLogger("concurrent.futures")
    callbacks.addFilter(_cancelled_callbacks)
    # Dask's client logs its reconnection attempts with their tracebacks: its lines stay,
    # one each, and the run says what happened.
    dask_handlers = list(logging.getLogger("distributed").handlers)
    for handler in dask_handlers:
        handler.addFilter(_without_traceback)
    try:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except Exception:
            raise ReportgenError(
                f"the Dask scheduler at {workers.scheduler} has no workers (waited "
                f"{WORKERS_TIMEOUT} s)",
                exit_code=EXIT_CLUSTER,
            ) from None
        threads = sum(client.nthreads().values()) or 1
        client.run(task.warm_up, workers.languages, workers.pdf)
        # A task whose worker died is run once more on another before it counts as failed.
        executor = client.get_executor(pure=False, retries=1)
        yield executor, threads, _Cluster(client)
    finally:
        with contextlib.suppress(Exception):
            client.close(timeout=SCHEDULER_TIMEOUT)
        callbacks.removeFilter(_cancelled_callbacks)
        for handler in dask_handlers:
            handler.removeFilter(_without_traceback)


def _without_traceback(record: logging.LogRecord) -> bool:
    """A log record printed as its one line: the exception's traceback left out."""
    record.exc_info, record.exc_text, record.stack_info = None, None, None
    return True


def _cancelled_callbacks(record: logging.LogRecord) -> bool:
    """False for concurrent.futures' report of a callback that failed on a cancelled future."""
    return not str(record.msg).startswith("exception calling callback for")


def _connect(client_class: Any, address: str) -> Any:
    """A Dask client of the scheduler, or a usage error within SCHEDULER_TIMEOUT (plus the
    client's own start-up): the connection is made in a thread the command stops waiting
    for, so a listener that never answers cannot hang the run."""
    outcome: dict[str, Any] = {}

    def connect() -> None:
        try:
            outcome["client"] = client_class(
                address, timeout=SCHEDULER_TIMEOUT, set_as_default=False
            )
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=connect, name="reportgen-dask-connect", daemon=True)
    thread.start()
    thread.join(SCHEDULER_TIMEOUT * 2)
    if "client" in outcome:
        return outcome["client"]
    reason = outcome.get("error") or f"no answer as a Dask scheduler in {SCHEDULER_TIMEOUT * 2} s"
    raise ReportgenError(
        f"cannot reach the Dask scheduler at {address}: {reason}", exit_code=EXIT_USAGE
    )
