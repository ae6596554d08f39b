"""Which inputs to render: every answers file of the folder, sorted into up to date
(a record now), unreadable (a failure now) and to render (a job)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EXIT_INVALID, EXIT_OK, ReportgenError, printable
from ..read import read_input
from .job import Job
from .manifest import is_up_to_date
from .options import BatchOptions

INPUT_SUFFIXES = (".yaml", ".yml", ".xlsx")
# Excel's lock file while a workbook is open ("~$answers.xlsx"): never an answers file.
EXCEL_LOCK_PREFIX = "~$"


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
        try:
            job.data, _name = read_input(path)
        except ReportgenError as exc:
            records[job.rel] = FileRecord(job.name, "failed", error=exc.format_message())
            continue
        job.sha = hashlib.sha256(job.data).hexdigest()
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


def out_path(job: Job, name: str) -> str:
    """A job's output name under OUT_DIR (its sub-folder mirrored)."""
    return f"{job.out_sub}/{name}" if job.out_sub else name


def largest_first(jobs: list[Job]) -> list[Job]:
    """The biggest inputs start first: started last, the longest file would leave the
    other workers idle at the end of a run. An input's size is a fair measure of its
    documents' length (more markets, more notes, more advice); equal sizes keep their
    order."""
    return sorted(jobs, key=lambda job: len(job.data), reverse=True)
