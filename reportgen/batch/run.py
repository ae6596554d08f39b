"""reportgen batch: a folder of answers files -> outputs, in parallel and incrementally.

The coordinator (this process) scans the input folder, decides from a manifest which
files are up to date, hands the others to worker processes (or to a Dask cluster),
and alone writes files, always through ``write.atomic_write``. Workers run
``task.render_task``: bytes in, bytes out, no file access, so any
``concurrent.futures`` executor can run it.

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

import time
from pathlib import Path

from ..errors import printable
from ..write import WriteError, atomic_write
from .executors import check_scheduler, render_all
from .lock import folder_lock, remove_temporary_files
from .manifest import fingerprint, load_manifest, save_manifest, stat
from .options import BatchOptions
from .plan import BatchResult, FileRecord, Job, find_inputs, out_path, plan
from .progress import Progress
from .summary import write_index, write_summary
from .task import RenderResult


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
                render_all(todo, options, finish, checkpoint)
            except BaseException:  # Ctrl-C, a lost scheduler: keep what is complete
                progress.abort()
                checkpoint()
                remove_temporary_files(out_dir)
                raise
        ordered = [records[p.relative_to(in_dir).as_posix()] for p in paths]
        result = BatchResult(ordered, time.perf_counter() - start, in_dir, out_dir)
        write_summary(result, options)
        write_index(result, options)
        result.elapsed = time.perf_counter() - start
    progress.finish(result)
    return result


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
