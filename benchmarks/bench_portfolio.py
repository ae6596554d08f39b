"""The portfolio at scale (issue 31): a batch re-run over N inputs that are all up to date
writes summary.json, the dashboard (index.html) and the cohort file from the manifest
alone. Printed as measured in one run (no assertions):

    python benchmarks/bench_portfolio.py                 # 1,000 and 10,000 inputs
    python benchmarks/bench_portfolio.py --sizes 200,2000
    python benchmarks/bench_portfolio.py --work /tmp/folio   # keep the inputs and outputs
    python benchmarks/bench_portfolio.py --work /tmp/folio --reuse   # re-runs only

For each size: the first run (every input rendered as English HTML: set-up, shown for
scale), then the re-run with --write-cohort as a whole command, its peak memory (the
largest resident set of the command's processes), and the sizes of what it wrote. The
ratios between the sizes say how time and memory grow (target: time about linear, a few
seconds at 10,000; memory well under the inputs' total size).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests.support import portfolio_clients  # noqa: E402

MEASURE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "sys.stderr.write(r.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
)


def run(cmd: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of a command, in a process of its own."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    rss, code = out.stdout.split()[-2:]
    if code != "0":
        raise SystemExit(f"{' '.join(cmd)}: exit {code}\n{out.stderr[-2000:]}")
    return seconds, int(rss)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--work", help="a folder to keep the inputs and outputs in")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --work: take the inputs and the first run's outputs found there",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    exe = str(Path(sys.executable).with_name("reportgen"))
    print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}")
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.work or scratch
        for n in sizes:
            src, out = Path(tmp) / f"in-{n}", Path(tmp) / f"out-{n}"
            batch = [exe, "batch", str(src), "-o", str(out), "--format", "html", "--lang", "en"]
            if not (args.reuse and src.is_dir() and out.is_dir()):
                shutil.rmtree(src, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
                portfolio_clients(src, n, history=False)
                for i, path in enumerate(sorted(src.iterdir())):  # names past "Client Z JSC"
                    data = yaml.safe_load(path.read_text("utf-8"))
                    data["client"]["name"] = f"Client {i:05d} JSC"
                    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
                first, _rss = run(batch)
                print(f"{n:>6} inputs: first run (every input rendered) {first:.0f} s")
            inputs = sum(p.stat().st_size for p in src.iterdir())
            cohort = Path(tmp) / f"cohort-{n}.json"
            seconds, rss = run([*batch, "--write-cohort", str(cohort)])
            written = {name: (out / name).stat().st_size for name in ("summary.json", "index.html")}
            written["cohort file"] = cohort.stat().st_size
            results[n] = (seconds, rss)
            print(
                f"{n:>6} inputs ({inputs / 1e6:.1f} MB): re-run, all up to date, with "
                f"--write-cohort: {seconds:.2f} s, peak memory {rss / 1024:.0f} MB; "
                + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in written.items())
            )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        (t0, m0), (t1, m1) = results[small], results[large]
        print(
            f"{large} / {small} inputs ({large / small:.0f}x): re-run time {t1 / t0:.2f}x, "
            f"peak memory {m1 / m0:.2f}x"
        )


if __name__ == "__main__":
    main()
