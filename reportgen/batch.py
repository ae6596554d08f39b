"""reportgen batch: a folder of answers files -> outputs, in parallel and incrementally.

The coordinator (this process) scans the input folder, decides from a manifest which
files are up to date, hands the others to worker processes (or to a Dask cluster),
and alone writes files, always through ``output.atomic_write``. Workers run
``render_task``: bytes in, bytes out, no file access, so any ``concurrent.futures``
executor can run it.

Safety for unattended runs:

* a lock (``flock`` on OUT_DIR/.reportgen.lock) refuses a second run on the same folder;
* every file is written to a temporary name, then renamed: a killed run leaves no
  partial file under a final name, and its temporary files are removed by the next run;
* the manifest is rewritten (atomically) after every completed input, so a killed run
  loses at most the documents in flight;
* one file's failure, whatever it is, is that file's failure only.

A run with nothing to do neither imports WeasyPrint nor parses YAML: the manifest holds
what the summary needs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlsplit

import click

from . import __version__, rubric
from .answers import read_input
from .errors import EXIT_BUSY, EXIT_INVALID, EXIT_OK, EXIT_USAGE, ReportgenError
from .i18n import _
from .output import TMP_PREFIX, atomic_write
from .resources import FONTS_DIR, LOCALES_DIR, PACKAGE_DIR, TEMPLATES_DIR
from .workflows import Styling

MANIFEST_NAME = ".reportgen-manifest.json"
LOCK_NAME = ".reportgen.lock"
INDEX_NAME = "index.html"
SUMMARY_NAME = "summary.json"
MANIFEST_VERSION = 1
SUMMARY_VERSION = 1
INPUT_SUFFIXES = (".yaml", ".yml")
KINDS = ("report", "handout")
SCHEDULER_TIMEOUT = 5  # seconds to reach a Dask scheduler

# Everything besides the input and the options that shapes an output. The package's own
# Python files are hashed too, so that a code change in a source checkout (same version
# number) still re-renders. Tests point this at a copy of the templates.
FINGERPRINT_ROOTS: tuple[Path, ...] = (TEMPLATES_DIR, LOCALES_DIR, FONTS_DIR, PACKAGE_DIR)
FINGERPRINT_SKIP_SUFFIXES = (".pyc", ".pyo")
FINGERPRINT_DISTRIBUTIONS = ("weasyprint", "jinja2", "babel", "pydyf", "fonttools")

TOTAL_BAND = rubric.by_id(rubric.TOTAL_BANDS)
RISK_TIER = rubric.by_id(rubric.RISK_TIERS)


@dataclass(frozen=True)
class BatchOptions:
    """What the user asked for; every field but the scheduling ones shapes the outputs."""

    lang: str | None = None  # vi | en | all | None (the languages each file names)
    fmt: str = "all"  # html | pdf | all
    kind: str = "report"
    force: bool = False
    recursive: bool = False
    jobs: int | None = None  # local worker processes; None: one per core
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler
    styling: Styling = field(default_factory=Styling)  # brand, templates, draft, PDF variant

    def shaping(self) -> dict:
        """The options that change what is rendered (part of the fingerprint); the
        override templates' content is hashed by ``fingerprint`` itself."""
        st = self.styling
        brand = (
            hashlib.sha256(repr(st.brand).encode()).hexdigest() if st.brand is not None else None
        )
        return {
            "lang": self.lang,
            "format": self.fmt,
            "kind": self.kind,
            "brand": brand,
            "templates": st.templates_dir,
            "draft": st.draft,
            "pdf_variant": st.pdf_variant,
        }

    def languages(self) -> tuple[str, ...]:
        """Every language a worker may render (for warming up its environment)."""
        if self.lang in (None, "all"):
            return ("vi", "en")
        return tuple(self.lang.split("+"))  # vi+en: the bilingual handout

    def index_language(self) -> str:
        """The summary page speaks the first requested language; vi when all or unset."""
        return self.languages()[0]

    def wants_pdf(self) -> bool:
        return self.fmt in ("pdf", "all")


# --- the render task: pure, module level, runs anywhere -----------------------------------


@dataclass(frozen=True)
class OutputFile:
    name: str  # file name, e.g. "acme.vi.pdf"
    lang: str
    fmt: str


@dataclass(frozen=True)
class RenderResult:
    """What a worker sends back: every output's bytes and the summary, or the error."""

    outputs: tuple[tuple[OutputFile, bytes], ...] = ()
    summary: dict | None = None  # client, total, max, band, risk_tier: what index.html shows
    scores: dict | None = None  # scoring.to_json
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


# WeasyPrint's font configuration is reused for every document of a process and is not
# known to be thread-safe; a Dask worker may run several tasks in threads at once.
_RENDER_LOCK = threading.Lock()


def render_task(
    data: bytes,
    name: str,
    stem: str,
    lang: str | None,
    fmt: str,
    kind: str = "report",
    styling: Styling | None = None,
) -> RenderResult:
    """Bytes of an answers file -> every output's bytes and a summary; never raises."""
    start = time.perf_counter()
    try:
        if kind not in KINDS:
            raise ReportgenError(f"{name}: unknown kind {kind!r}; expected one of {KINDS}")
        from .answers import parse_answers
        from .output import output_name
        from .scoring import score, to_json
        from .workflows import render_documents, resolve_formats, resolve_languages

        # The pipeline `render` uses, so outputs are identical; parsed here once, because
        # the summary needs the client's name as well as the scores.
        answers = parse_answers(data, name)
        scores = score(answers)
        with _RENDER_LOCK:
            outputs = render_documents(
                answers, scores, data, name, stem, lang, fmt, kind=kind, styling=styling
            )
        languages = resolve_languages(lang, answers.assessment.languages, kind)
        files = tuple(
            OutputFile(output_name(stem, "+".join(langs), f, kind), "+".join(langs), f)
            for langs in languages
            for f in resolve_formats(fmt)
        )
        v, e = scores.validation, scores.expansion
        summary = {
            "client": answers.client.name,
            "total": str(v.total),
            "max": str(v.max),
            "band": v.band,
            "risk_tier": e.risk_tier if e is not None else None,
            "languages": ["+".join(langs) for langs in languages],
        }
        return RenderResult(
            outputs=tuple((f, outputs[f.name]) for f in files),
            summary=summary,
            scores=to_json(scores),
            seconds=time.perf_counter() - start,
        )
    except ReportgenError as exc:
        return RenderResult(error=exc.format_message(), seconds=time.perf_counter() - start)
    except Exception as exc:  # one file's bug must not stop the batch
        return RenderResult(
            error=f"{name}: {type(exc).__name__}: {exc}", seconds=time.perf_counter() - start
        )


def warm_up(languages: tuple[str, ...], pdf: bool) -> None:
    """Load once per worker what every document needs: templates, catalogs, fonts."""
    from . import i18n, templating

    for lang in languages:
        templating.environment(lang).get_template("report.html.j2")
        i18n.Formatter(lang)
    if pdf:
        import weasyprint  # noqa: F401

        from .render import _pdf_tools

        _pdf_tools()


def _init_local_worker(languages: tuple[str, ...], pdf: bool) -> None:
    # Ctrl-C reaches the whole process group; the coordinator alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    warm_up(languages, pdf)


def _exit_with_parent() -> None:
    """A worker whose coordinator was killed has no one to send results to: it exits."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="reportgen-parent-watch", daemon=True).start()


# --- fingerprint and manifest -----------------------------------------------------------


def _iter_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and not f.endswith(FINGERPRINT_SKIP_SUFFIXES):
                yield Path(folder) / f


def fingerprint(options: BatchOptions, roots: tuple[Path, ...] | None = None) -> str:
    """A hash of everything but the input that shapes an output."""
    h = hashlib.sha256()
    h.update(f"reportgen {__version__}\n".encode())
    for dist in FINGERPRINT_DISTRIBUTIONS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist} {version}\n".encode())
    h.update(json.dumps(options.shaping(), sort_keys=True).encode() + b"\n")
    seen: set[Path] = set()
    if roots is None:
        roots = FINGERPRINT_ROOTS
        if options.styling.templates_dir:
            roots += (Path(options.styling.templates_dir),)
    for root in roots:
        for path in _iter_files(root):
            real = path.resolve()
            if real in seen:  # the fonts live inside the package folder
                continue
            seen.add(real)
            h.update(f"{path.relative_to(root).as_posix()}\0".encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def load_manifest(out_dir: Path) -> dict[str, dict]:
    """The entries of the manifest; an unreadable manifest means nothing is known."""
    try:
        data = json.loads((out_dir / MANIFEST_NAME).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("manifest") != MANIFEST_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def save_manifest(out_dir: Path, entries: dict[str, dict]) -> None:
    data = {"manifest": MANIFEST_VERSION, "entries": dict(sorted(entries.items()))}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    atomic_write(out_dir / MANIFEST_NAME, text.encode("utf-8"))


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def is_up_to_date(entry: dict | None, sha: str, fp: str, out_dir: Path) -> bool:
    """The input and everything else are unchanged and every output is the one recorded.

    Size and modification time catch an output replaced or removed since it was written
    (a killed run, a hand edit): such an input is rendered again.
    """
    if not isinstance(entry, dict):
        return False
    if entry.get("input_sha256") != sha or entry.get("fingerprint") != fp:
        return False
    outputs = entry.get("outputs")
    if not isinstance(outputs, list) or not outputs or not isinstance(entry.get("summary"), dict):
        return False
    for out in outputs:
        if not isinstance(out, dict) or not isinstance(out.get("path"), str):
            return False
        if _stat(out_dir / out["path"]) != (out.get("size"), out.get("mtime_ns")):
            return False
    return True


# --- the run ------------------------------------------------------------------------------


@dataclass
class Job:
    rel: str  # path under IN_DIR, with "/": the manifest key
    name: str  # the path as shown to people: IN_DIR/rel
    stem: str
    out_sub: str  # sub-folder of OUT_DIR ("" at the top)
    data: bytes = b""
    sha: str = ""


@dataclass
class FileRecord:
    """One input's fate in this run: what summary.json and index.html report."""

    path: str
    status: str  # rendered | skipped | failed
    summary: dict | None = None
    scores: dict | None = None
    outputs: list[dict] = field(default_factory=list)  # path (under OUT_DIR), lang, format
    error: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "client": self.summary["client"] if self.summary else None,
            "scores": self.scores,
            "outputs": [o["path"] for o in self.outputs],
            "error": self.error,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class BatchResult:
    records: list[FileRecord]
    elapsed: float
    in_dir: Path
    out_dir: Path

    def count(self, status: str) -> int:
        return sum(1 for r in self.records if r.status == status)

    @property
    def exit_code(self) -> int:
        return EXIT_INVALID if self.count("failed") else EXIT_OK


def find_inputs(in_dir: Path, recursive: bool) -> list[Path]:
    """Answers files (*.yaml, *.yml) under in_dir, in a stable order; hidden ones skipped."""

    def wanted(name: str) -> bool:
        return not name.startswith(".") and name.lower().endswith(INPUT_SUFFIXES)

    if not recursive:
        return sorted(p for p in in_dir.iterdir() if p.is_file() and wanted(p.name))
    found = []
    for folder, dirs, files in os.walk(in_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if wanted(f)]
    return found


@contextlib.contextmanager
def folder_lock(out_dir: Path) -> Iterator[None]:
    """Hold OUT_DIR/.reportgen.lock for the whole run, or refuse at once."""
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (pid {holder})" if holder.isdigit() else ""
            raise ReportgenError(
                f"{out_dir}: another reportgen batch{who} is using this folder; "
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


def run_batch(
    in_dir: str | Path,
    out_dir: str | Path,
    options: BatchOptions,
    progress: Progress | None = None,
) -> BatchResult:
    """Render every answers file of in_dir into out_dir; see the module docstring."""
    start = time.perf_counter()
    if options.scheduler:
        check_scheduler(options.scheduler)
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    progress = progress or Progress.for_stream(sys.stderr)
    out_dir.mkdir(parents=True, exist_ok=True)
    with folder_lock(out_dir):
        remove_temporary_files(out_dir)
        fp = fingerprint(options)
        old = load_manifest(out_dir)
        paths = find_inputs(in_dir, options.recursive)
        records, todo = plan(paths, in_dir, out_dir, options, fp, old)
        # Entries of inputs that are gone, failed or about to be rendered are dropped:
        # a manifest entry always describes outputs that are complete on disk.
        manifest = {rel: old[rel] for rel, r in records.items() if r.status == "skipped"}
        if manifest != old:
            save_manifest(out_dir, manifest)
        progress.start(records.values(), len(todo))

        def finish(job: Job, result: RenderResult) -> FileRecord:
            record = _write_outputs(job, result, out_dir)
            records[job.rel] = record
            if record.status == "rendered":
                manifest[job.rel] = {
                    "input_sha256": job.sha,
                    "fingerprint": fp,
                    "summary": record.summary,
                    "scores": record.scores,
                    "outputs": record.outputs,
                }
            progress.file_done(record)
            return record

        if todo:
            try:
                _render_all(todo, options, finish, lambda: save_manifest(out_dir, manifest))
            except BaseException:
                progress.abort()
                raise
        ordered = [records[p.relative_to(in_dir).as_posix()] for p in paths]
        result = BatchResult(ordered, time.perf_counter() - start, in_dir, out_dir)
        write_summary(result, options)
        write_index(result, options)
        result.elapsed = time.perf_counter() - start
    progress.finish(result)
    return result


def plan(
    paths: list[Path],
    in_dir: Path,
    out_dir: Path,
    options: BatchOptions,
    fp: str,
    manifest: dict[str, dict],
) -> tuple[dict[str, FileRecord], list[Job]]:
    """Read every input and sort it: up to date (a record now), unreadable (a failure
    now), or to render (a job). Nothing here parses YAML or imports WeasyPrint."""
    records: dict[str, FileRecord] = {}
    todo: list[Job] = []
    claimed: dict[str, str] = {}  # output stem under OUT_DIR -> the input that writes it
    for path in paths:
        rel = path.relative_to(in_dir)
        job = Job(
            rel=rel.as_posix(),
            name=str(path),
            stem=path.stem,
            out_sub="" if rel.parent == Path(".") else rel.parent.as_posix(),
        )
        key = _out_path(job, job.stem)
        if key in claimed:  # a.yaml and a.yml would both write a.<lang>.pdf
            error = f"{job.name}: its outputs would overwrite those of {claimed[key]}; rename one"
            records[job.rel] = FileRecord(job.name, "failed", error=error)
            continue
        claimed[key] = job.name
        try:
            job.data, _name = read_input(path)
        except ReportgenError as exc:
            records[job.rel] = FileRecord(job.name, "failed", error=exc.format_message())
            continue
        job.sha = hashlib.sha256(job.data).hexdigest()
        entry = manifest.get(job.rel)
        if not options.force and is_up_to_date(entry, job.sha, fp, out_dir):
            records[job.rel] = FileRecord(
                job.name,
                "skipped",
                summary=entry["summary"],
                scores=entry.get("scores"),
                outputs=[{k: o[k] for k in ("path", "lang", "format")} for o in entry["outputs"]],
            )
        else:
            todo.append(job)
    return records, todo


def _out_path(job: Job, name: str) -> str:
    return f"{job.out_sub}/{name}" if job.out_sub else name


def _write_outputs(job: Job, result: RenderResult, out_dir: Path) -> FileRecord:
    """The write stage, in the coordinator only: every output atomically, then recorded."""
    if not result.ok:
        return FileRecord(job.name, "failed", error=result.error, seconds=result.seconds)
    written = []
    try:
        for out, content in result.outputs:
            rel = _out_path(job, out.name)
            target = out_dir / rel
            atomic_write(target, content)
            size, mtime_ns = _stat(target) or (None, None)
            written.append(
                {
                    "path": rel,
                    "lang": out.lang,
                    "format": out.fmt,
                    "size": size,
                    "mtime_ns": mtime_ns,
                }
            )
    except OSError as exc:
        return FileRecord(
            job.name,
            "failed",
            error=f"{job.name}: cannot write {exc.filename}: {exc.strerror}",
            seconds=result.seconds,
        )
    return FileRecord(
        job.name,
        "rendered",
        summary=result.summary,
        scores=result.scores,
        outputs=written,
        seconds=result.seconds,
    )


# --- executors ----------------------------------------------------------------------------


Finish = Callable[[Job, RenderResult], FileRecord]


def _render_all(
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
    crashed = _run_local(deque(todo), workers, options, finish, checkpoint)
    # A worker that dies (a crash in a native library, the OOM killer) takes every
    # document it was given with it. Those are tried again one at a time, so that only
    # the document that kills a worker on its own is reported.
    for job in crashed:
        again = _run_local(deque([job]), 1, options, finish, checkpoint)
        for lost in again:
            finish(lost, RenderResult(error=f"{lost.name}: the worker process died rendering it"))
            checkpoint()


def _mp_context():
    # Not fork: a forked worker would inherit the lock and every open file of the
    # coordinator, and forking a process that runs threads is unsafe.
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has imported reportgen once (a pool started
    # again after a crash then starts quickly).
    ctx.set_forkserver_preload(["reportgen.batch"])
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
            mp_context=_mp_context(),
            initializer=_init_local_worker,
            initargs=(options.languages(), options.wants_pdf()),
        )
        try:
            crashed += _drive(executor, queue, workers * 2, options, finish, checkpoint)
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
) -> list[Job]:
    """Keep `slots` tasks in flight; finish each result as it comes, then checkpoint.

    Returns the jobs in flight when the pool broke (the rest stay in the queue).
    """
    in_flight: dict[Future, Job] = {}
    while queue or in_flight:
        while queue and len(in_flight) < slots:
            job = queue.popleft()
            try:
                future = executor.submit(
                    render_task,
                    job.data,
                    job.name,
                    job.stem,
                    options.lang,
                    options.fmt,
                    options.kind,
                    options.styling,
                )
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
        client.run(warm_up, options.languages(), options.wants_pdf())
        yield client.get_executor(pure=False), threads * 2
    finally:
        client.close()


# --- summary.json and index.html ----------------------------------------------------------


def write_summary(result: BatchResult, options: BatchOptions) -> None:
    data = {
        "version": SUMMARY_VERSION,
        "reportgen": __version__,
        "in_dir": str(result.in_dir),
        "out_dir": str(result.out_dir),
        "options": options.shaping(),
        "counts": {
            "total": len(result.records),
            "rendered": result.count("rendered"),
            "skipped": result.count("skipped"),
            "failed": result.count("failed"),
        },
        "elapsed_seconds": round(result.elapsed, 3),
        "files": [r.to_json() for r in result.records],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(result.out_dir / SUMMARY_NAME, text.encode("utf-8"))


@dataclass(frozen=True)
class Badge:
    """A band or tier: a CSS class (colour) and its translated label."""

    css: str
    label: str


@dataclass(frozen=True)
class IndexLink:
    label: str  # "Tiếng Việt, PDF"
    href: str  # relative to index.html, URL-quoted


@dataclass(frozen=True)
class IndexRow:
    client: str
    input: str  # the answers file
    total: str  # "132,5 / 160", formatted for the locale
    band: Badge
    risk: Badge
    status: str  # "Rendered" / "Up to date", translated
    links: tuple[IndexLink, ...]


@dataclass(frozen=True)
class IndexFailure:
    input: str
    error: str  # the loader's message, every problem on its own line


@dataclass(frozen=True)
class IndexContext:
    """What templates/batch_index.html.j2 receives: everything translated and formatted."""

    lang: str
    title: str
    finished: str  # date and time of the run, formatted for the locale
    counts: dict  # total, rendered, skipped, failed: formatted numbers
    rows: tuple[IndexRow, ...]
    failures: tuple[IndexFailure, ...]
    version: str


def index_context(result: BatchResult, lang: str) -> IndexContext:
    from babel import Locale
    from babel.dates import format_datetime

    from .i18n import Formatter

    f = Formatter(lang)
    t = f.gettext
    status = {"rendered": t(_("Rendered")), "skipped": t(_("Up to date"))}
    rows, failures = [], []
    for r in result.records:
        if r.status == "failed":
            failures.append(IndexFailure(r.path, r.error or ""))
            continue
        s = r.summary or {}
        tier = s.get("risk_tier")
        band = s.get("band")
        links = tuple(
            IndexLink(
                t(_("%(language)s, %(format)s"))
                % {
                    "language": " + ".join(
                        Locale.parse(code).get_display_name(f.locale)
                        for code in o["lang"].split("+")
                    ),
                    "format": o["format"].upper(),
                },
                quote(o["path"]),
            )
            for o in r.outputs
        )
        rows.append(
            IndexRow(
                client=s.get("client", ""),
                input=r.path,
                total=t(_("%(score)s / %(max)s"))
                % {"score": f.number(Decimal(s["total"])), "max": f.number(Decimal(s["max"]))},
                band=Badge(f"band-{band}", t(TOTAL_BAND[band].label)),
                risk=(
                    Badge(f"risk-{tier}", t(RISK_TIER[tier].label))
                    if tier
                    else Badge("risk-none", t(_("Not assessed")))
                ),
                status=status[r.status],
                links=links,
            )
        )
    rows.sort(key=lambda row: (row.client.casefold(), row.input))
    counts = {
        "total": len(result.records),
        "rendered": result.count("rendered"),
        "skipped": result.count("skipped"),
        "failed": result.count("failed"),
    }
    return IndexContext(
        lang=lang,
        title=t(_("Batch summary")),
        finished=format_datetime(dt.datetime.now(), format="medium", locale=f.locale),
        counts={k: f.number(v) for k, v in counts.items()},
        rows=tuple(rows),
        failures=tuple(failures),
        version=__version__,
    )


def write_index(result: BatchResult, options: BatchOptions) -> None:
    from .templating import render_template

    context = index_context(result, options.index_language())
    values = {f.name: getattr(context, f.name) for f in fields(context)}
    html = render_template("batch_index.html.j2", context.lang, values)
    atomic_write(result.out_dir / INDEX_NAME, html.encode("utf-8"))


# --- progress -----------------------------------------------------------------------------


class Progress:
    """One plain line per file (cron, CI); the terminal variant draws a bar instead."""

    def __init__(self, out: Callable[[str], None], err: Callable[[str], None]):
        self.out = out
        self.err = err

    @staticmethod
    def for_stream(stream) -> Progress:
        out = click.echo
        err = lambda s: click.echo(s, err=True)  # noqa: E731
        if stream.isatty():
            return BarProgress(out, err)
        return Progress(out, err)

    def start(self, known: Iterable, to_render: int) -> None:
        for record in known:
            self.file_done(record)

    def file_done(self, record: FileRecord) -> None:
        self.out(self.line(record))

    @staticmethod
    def line(record: FileRecord) -> str:
        if record.status == "rendered":
            n = len(record.outputs)
            noun = "file" if n == 1 else "files"
            return f"rendered {record.path} ({n} {noun}, {record.seconds:.1f} s)"
        if record.status == "skipped":
            return f"skipped {record.path} (up to date)"
        first = (record.error or "failed").splitlines()[0]
        # Errors name their file first; the line already does.
        return f"failed {record.path}: {first.removeprefix(f'{record.path}: ')}"

    def abort(self) -> None:
        """The run stops early (Ctrl-C, no scheduler): leave the terminal tidy."""

    def finish(self, result: BatchResult) -> None:
        for r in result.records:
            if r.status == "failed":
                self.err(r.error or f"{r.path}: failed")
        self.out(
            f"{result.count('rendered')} rendered, {result.count('skipped')} up to date, "
            f"{result.count('failed')} failed in {result.elapsed:.1f} s; "
            f"summary: {result.out_dir / INDEX_NAME}"
        )


class BarProgress(Progress):
    """A progress bar with counts and ETA on stderr, for a person at a terminal."""

    def __init__(self, out, err):
        super().__init__(out, err)
        self.bar = None

    def start(self, known: Iterable, to_render: int) -> None:
        known = list(known)
        skipped = sum(1 for r in known if r.status == "skipped")
        self.err(f"{skipped} up to date, {to_render} to render")
        if to_render:
            self.bar = click.progressbar(
                length=to_render,
                label="Rendering",
                show_eta=True,
                show_pos=True,
                file=sys.stderr,
            )
            self.bar.__enter__()

    def file_done(self, record: FileRecord) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def abort(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def finish(self, result: BatchResult) -> None:
        self.abort()
        super().finish(result)
