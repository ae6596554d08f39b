"""reportgen batch: a folder of answers files -> outputs, in parallel and incrementally.

The coordinator (this process) scans the input folder, decides from a manifest which
files are up to date, hands the others to the executor (``reportgen.executor``: worker
processes or a Dask cluster), and alone writes files, always through
``write.atomic_write``.

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

import functools
import os
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import printable
from ..executor import Task, Workers, check_scheduler, split
from ..executor import run as run_tasks
from ..executor.task import RenderResult
from ..pipeline import DOCUMENT_TIMEOUT
from ..write import WriteError, atomic_write
from .lock import folder_lock, remove_temporary_files
from .manifest import fingerprint, load_manifest, save_manifest, stat
from .options import BatchOptions
from .plan import BatchResult, FileRecord, Job, find_inputs, largest_first, out_path, plan
from .progress import Progress
from .summary import write_index, write_summary


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
    progress = progress or Progress()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(out_dir, exc) from None
    with folder_lock(out_dir):
        remove_temporary_files(out_dir)
        fp = fingerprint(options)
        old = load_manifest(out_dir)
        paths = find_inputs(in_dir, options.recursive)
        records, todo = plan(paths, in_dir, out_dir, options, fp, old)
        # Entries of inputs that are gone, failed or about to be rendered are dropped:
        # a manifest entry always describes outputs that are complete on disk.
        manifest = {rel: old[rel] for rel, r in records.items() if r.status == "skipped"}
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

        def checkpoint() -> None:
            # A manifest that cannot be saved now (a full disk) costs only re-rendering
            # next time: the run goes on, and its summary says so at the end.
            try:
                save_manifest(out_dir, manifest)
            except WriteError as exc:
                progress.warn(exc.message)

        if manifest != old:
            checkpoint()
        if todo:
            try:
                _render_all(todo, options, finish, checkpoint)
            except BaseException:  # Ctrl-C, a lost scheduler: keep what is complete
                progress.abort()
                checkpoint()
                remove_temporary_files(out_dir)
                raise
        ordered = [records[p.relative_to(in_dir).as_posix()] for p in paths]
        result = BatchResult(ordered, time.perf_counter() - start, in_dir, out_dir)
        write_summary(result, options)
        write_index(result, options)
        if options.write_cohort:
            from .cohort import write_cohort

            write_cohort(result.records, options.write_cohort)
        result.elapsed = time.perf_counter() - start
    progress.finish(result)
    return result


def _render_all(
    todo: list[Job],
    options: BatchOptions,
    finish: Callable[[Job, RenderResult], object],
    checkpoint: Callable[[], None],
) -> None:
    """Every job on the executor; `finish` gets each job once its parts are in."""
    count = max(1, options.jobs or os.cpu_count() or 1)
    timeout = options.timeout or DOCUMENT_TIMEOUT
    workers = Workers(count, options.scheduler, options.languages(), options.wants_pdf(), timeout)
    jobs = {job.rel: job for job in todo}
    todo_tasks = tasks(todo, options, count if not options.scheduler else 2)
    run_tasks(todo_tasks, workers, lambda rel, result: finish(jobs[rel], result), checkpoint)


def tasks(todo: list[Job], options: BatchOptions, workers: int) -> list[Task]:
    """The largest files first; each as one task per language when PDFs are wanted and
    there is more than one worker (a cluster counts as several). Split, a file's PDFs
    are built at once (one changed file: both cores), and a run ends on half-files
    rather than whole ones, so a worker idles less while the last one finishes. A part
    costs one more read and score of its file, about 20 ms against seconds for a PDF:
    the parts of a file took the same time as the file whole (median of 12 interleaved
    pairs, 1.00). With --lang unset the coordinator does not read the answers to learn
    their languages: a file gets a task per language reportgen knows, and a part past
    the file's own ends at once, with no documents."""
    parts = options.parts() if workers > 1 and options.wants_pdf() else 1
    return [
        t
        for job in largest_first(todo)
        for t in split(job.rel, job.name, functools.partial(options.request, job), parts)
    ]


def _write_outputs(job: Job, result: RenderResult, out_dir: Path) -> FileRecord:
    """The write stage, in the coordinator only: every output atomically, then recorded."""
    if not result.ok:
        return FileRecord(job.name, "failed", error=result.error, seconds=result.seconds)
    written = []
    try:
        for doc in result.documents:
            rel = out_path(job, doc.name)
            target = out_dir / rel
            atomic_write(target, doc.content)
            size, mtime_ns = stat(target) or (None, None)
            written.append(
                {
                    "path": rel,
                    "lang": doc.lang,
                    "format": doc.fmt,
                    "size": size,
                    "mtime_ns": mtime_ns,
                }
            )
    except WriteError as exc:
        return FileRecord(
            job.name,
            "failed",
            error=f"{printable(job.name)}: {exc.message}",
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
