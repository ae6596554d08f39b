"""Which inputs to render: every answers file of the folder, sorted into up to date
(a record now), unreadable (a failure now) and to render (a job)."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EXIT_INVALID, EXIT_OK, ReportgenError, printable
from ..read import read_input
from .job import Job
from .lock import LOCK_NAME
from .manifest import MANIFEST_NAME, is_up_to_date
from .options import BatchOptions

INPUT_SUFFIXES = (".yaml", ".yml", ".xlsx")
# Excel's lock file while a workbook is open ("~$answers.xlsx"): never an answers file.
EXCEL_LOCK_PREFIX = "~$"
# What a run writes at the top of OUT_DIR (summary.py, progress.py, manifest.py, lock.py):
# an input folder of one of these names would be mirrored onto them. Compared casefolded,
# for folders on case-insensitive file systems.
RESERVED_NAMES = ("summary.json", "index.html", MANIFEST_NAME, LOCK_NAME)
# Every answers file has this key (it is required): a YAML file without it is no answers
# file, and its content is not quoted in errors that end up in summary.json and index.html.
ANSWERS_KEY = b"schema_version"


@dataclass
class FileRecord:
    """One input's fate in this run: what summary.json and index.html report."""

    path: str
    status: str  # rendered | skipped | failed
    summary: dict[str, Any] | None = None
    scores: dict[str, Any] | None = None
    outputs: list[dict[str, Any]] = field(
        default_factory=list
    )  # path (under OUT_DIR), lang, format
    error: str | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "client": self.summary["client"] if self.summary else None,
            # Who and when (a cohort read from this file leaves the client out and counts
            # each client once), and the industry its filters select by.
            **{
                k: self.summary[k]
                for k in ("client_key", "date", "industry", "industry_text")
                if self.summary and k in self.summary
            },
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

    def counts(self) -> dict[str, int]:
        return {
            "total": len(self.records),
            "rendered": self.count("rendered"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
        }

    @property
    def exit_code(self) -> int:
        return EXIT_INVALID if self.count("failed") else EXIT_OK


def find_inputs(in_dir: Path, recursive: bool) -> list[Path]:
    """Answers files (*.yaml, *.yml, *.xlsx) under in_dir, in a stable order; hidden ones
    and Excel's lock files skipped."""

    def wanted(name: str) -> bool:
        hidden = name.startswith((".", EXCEL_LOCK_PREFIX))
        return not hidden and name.lower().endswith(INPUT_SUFFIXES)

    if not recursive:
        # Not only regular files: a pipe or device named like an answers file is reported
        # (reading refuses it without blocking), not silently skipped.
        return sorted(p for p in in_dir.iterdir() if not p.is_dir() and wanted(p.name))
    found = []
    for folder, dirs, files in os.walk(in_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(folder) / f for f in sorted(files) if wanted(f)]  # as above
    return found


def plan(
    paths: list[Path],
    in_dir: Path,
    out_dir: Path,
    options: BatchOptions,
    fp: str,
    manifest: dict[str, dict[str, Any]],
) -> tuple[dict[str, FileRecord], list[Job]]:
    """Read every input and sort it: up to date (a record now), unreadable (a failure
    now), or to render (a job). Nothing here imports WeasyPrint, nor parses YAML unless
    each client's history is asked for (--history: every input is parsed once)."""
    records: dict[str, FileRecord] = {}
    todo: list[Job] = []
    read: list[Job] = []
    claimed: dict[str, str] = {}  # output stem under OUT_DIR -> the input that writes it
    for path in paths:
        rel = path.relative_to(in_dir)
        job = Job(
            rel=rel.as_posix(),
            name=str(path),
            stem=path.stem,
            out_sub="" if rel.parent == Path(".") else rel.parent.as_posix(),
        )
        try:
            job.rel.encode("utf-8")
        except UnicodeEncodeError:
            # The manifest, the summary and the index are UTF-8: such a name cannot be
            # recorded, so the file fails, named with its bytes escaped.
            shown = printable(job.name)
            error = f"{shown}: the file name is not UTF-8; rename the file"
            records[job.rel] = FileRecord(shown, "failed", error=error)
            continue
        key = out_path(job, job.stem)
        if key in claimed:  # a.yaml and a.yml would both write a.<lang>.pdf
            error = f"{job.name}: its outputs would overwrite those of {claimed[key]}; rename one"
            records[job.rel] = FileRecord(job.name, "failed", error=error)
            continue
        claimed[key] = job.name
        refused = refusal(path, rel, in_dir)
        if refused:
            records[job.rel] = FileRecord(job.name, "failed", error=f"{shown_name(job)}: {refused}")
            continue
        try:
            job.data, _name = read_input(path)
        except ReportgenError as exc:
            records[job.rel] = FileRecord(job.name, "failed", error=exc.format_message())
            continue
        if path.suffix.lower() in (".yaml", ".yml") and ANSWERS_KEY not in job.data:
            error = (
                f"{shown_name(job)}: not an answers file (no schema_version key); "
                "its content is not shown"
            )
            records[job.rel] = FileRecord(job.name, "failed", error=error)
            job.data = b""
            continue
        job.sha = hashlib.sha256(job.data).hexdigest()
        if options.history:
            identify(job)
        job.release()  # no input's bytes are held while the others are read
        read.append(job)
    by_name = {job.name: job for job in read}
    if options.history:
        records.update(histories(read))
    for job in read:
        if job.rel in records:
            continue
        if job.previous:
            # The latest of a client's files depends on the earlier ones too: its
            # fingerprint covers them, so a changed earlier file renders it again.
            job.previous_shas = tuple(by_name[n].sha for n in job.previous)
            job.sha = job.fingerprint(job.sha)
        entry = manifest.get(job.rel)
        if entry is not None and not options.force and is_up_to_date(entry, job.sha, fp, out_dir):
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


def identify(job: Job) -> None:
    """The client and date of an input, for its history; none where it does not parse."""
    from ..read import parse_answers

    try:
        answers = parse_answers(job.data, job.name)
    except ReportgenError:
        return
    job.client, job.date = answers.client.key, answers.assessment.date


def histories(jobs: list[Job]) -> dict[str, FileRecord]:
    """Each client's files, by client.id, else by name, ordered by assessment date: the
    latest is given the earlier ones as its previous assessments (job.previous). Two files
    of one client and one date are both failures, for that client alone. A file that does
    not parse has no history (its render reports why)."""
    clients: dict[str, list[tuple[Any, Job]]] = {}
    for job in jobs:
        if job.client:
            clients.setdefault(job.client, []).append((job.date, job))
    failed: dict[str, FileRecord] = {}
    for files in clients.values():
        if len(files) < 2:
            continue
        files.sort(key=lambda f: (f[0], f[1].rel))
        dates = [d for d, _job in files]
        clash = False
        for (d1, j1), (d2, j2) in zip(files, files[1:], strict=False):
            if d1 == d2:
                clash = True
                for job, other in ((j1, j2), (j2, j1)):
                    failed[job.rel] = FileRecord(
                        job.name,
                        "failed",
                        error=(
                            f"{shown_name(job)}: the same client and assessment date "
                            f"({d1.isoformat()}) as {shown_name(other)}; keep one, or give "
                            "them different client ids"
                        ),
                    )
        if not clash and len(set(dates)) == len(dates):
            latest = files[-1][1]
            latest.previous = tuple(job.name for _d, job in files[:-1])
    return failed


def shown_name(job: Job) -> str:
    return printable(job.name)


def refusal(path: Path, rel: Path, in_dir: Path) -> str | None:
    """Why an input is not read, if it is not: a link leading out of IN_DIR (to a regular
    file: special files are read_input's to report, without reading them), or a folder
    that would be mirrored onto one of the run's own files at the top of OUT_DIR."""
    top = rel.parts[0] if len(rel.parts) > 1 else None
    if top is not None and top.casefold() in {n.casefold() for n in RESERVED_NAMES}:
        return (
            f"its folder {printable(top)!r} has the name of a file batch writes at the top "
            "of the output folder; rename the folder"
        )
    try:
        real = os.path.realpath(path)
        root = os.path.realpath(in_dir)
        regular = stat.S_ISREG(os.stat(real).st_mode)
    except (OSError, ValueError):
        return None  # read_input says what is wrong
    if regular and os.path.commonpath([real, root]) != root:
        return "a symbolic link leading outside the input folder; not read"
    return None


def out_path(job: Job, name: str) -> str:
    """A job's output name under OUT_DIR (its sub-folder mirrored)."""
    return f"{job.out_sub}/{name}" if job.out_sub else name


def largest_first(jobs: list[Job]) -> list[Job]:
    """The biggest inputs start first: started last, the longest file would leave the
    other workers idle at the end of a run. An input's size is a fair measure of its
    documents' length (more markets, more notes, more advice); equal sizes keep their
    order."""
    return sorted(jobs, key=lambda job: job.size or len(job.data), reverse=True)
