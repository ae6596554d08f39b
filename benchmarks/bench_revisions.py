"""The same documents rendered by several revisions of reportgen, in one run.

    python benchmarks/bench_revisions.py BASE REV [REV ...] [--repeats N] [--sample FILE]

Each revision (a commit, or WORKTREE for the files as they are) is exported to a
temporary folder, and a fresh Python process imports reportgen from there and renders
with its CLI: the first PDF of the process (the import of WeasyPrint and everything
warmed once included), then the same PDFs again, warm. Rounds interleave the
revisions, the order turned each round, so the machine's noise falls on all of them
alike. Times are CPU seconds of the process and its children (the import's own helper
programs count), so the other core's load moves them less than wall time.

Printed per revision: the median cold first PDF and the median of each round's best
warm report and handout PDF, and each as a ratio to BASE. This is how the cost of a
change is measured before it lands (issue 25: what each removed WeasyPrint patch cost).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import json, os, sys, tempfile
from reportgen.cli import cli

def cpu():
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system

sample, warm = sys.argv[1], int(sys.argv[2])
out = tempfile.mkdtemp(prefix="reportgen-rev-")

def render(kind):
    start = cpu()
    args = ["render", sample, "--lang", "vi", "--format", "pdf", "--kind", kind, "-o", out]
    cli.main(args, prog_name="reportgen", standalone_mode=False)
    return cpu() - start

result = {"cold": render("report")}
result["report"] = min(render("report") for _ in range(warm))
result["handout"] = min(render("handout") for _ in range(warm))
print(json.dumps(result))
"""


def export(rev: str, into: Path) -> Path:
    """The tree of `rev` (or the working tree) as a folder of its own."""
    if rev == "WORKTREE":
        return ROOT
    folder = into / rev.replace("/", "_")
    folder.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def run_worker(tree: Path, sample: Path, warm: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, str(sample), str(warm)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"worker failed in {tree}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+", help="BASE first; WORKTREE for the files as they are")
    parser.add_argument("--repeats", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--warm", type=int, default=3, help="warm PDFs of each kind per round")
    parser.add_argument("--sample", type=Path, default=ROOT / "samples" / "hoa-sen-edtech.yaml")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="reportgen-revs-") as tmp:
        trees = {rev: export(rev, Path(tmp)) for rev in args.revisions}
        runs: dict[str, list[dict[str, float]]] = {rev: [] for rev in trees}
        for round_no in range(args.repeats):
            order = list(trees) if round_no % 2 == 0 else list(reversed(trees))
            for rev in order:
                runs[rev].append(run_worker(trees[rev], args.sample.resolve(), args.warm))
            print(f"round {round_no + 1}/{args.repeats} done", file=sys.stderr)

    figures = ("cold", "report", "handout")
    medians = {
        rev: {f: statistics.median(r[f] for r in rounds) for f in figures}
        for rev, rounds in runs.items()
    }
    base = medians[args.revisions[0]]
    print(f"CPU seconds, medians of {args.repeats} rounds ({args.sample.name}, Vietnamese PDFs)")
    print(f"{'revision':<14}" + "".join(f"{f:>22}" for f in ("first PDF (cold)", "report (warm)", "handout (warm)")))
    for rev, m in medians.items():
        cells = "".join(f"{m[f]:>13.3f} ({m[f] / base[f]:.3f})" for f in figures)
        print(f"{rev[:12]:<14}{cells}")


if __name__ == "__main__":
    main()
