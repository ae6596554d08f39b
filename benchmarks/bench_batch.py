"""Benchmarks of `reportgen batch`, printed as ratios measured in one run (no assertions).

    python benchmarks/bench_batch.py            # full sizes (about 8 minutes on 2 cores)
    python benchmarks/bench_batch.py --quick    # small sizes (about 1 minute)
    BENCH_QUICK=1 python benchmarks/bench_batch.py

Every size can be set: --files N (the parallel runs), --many N (the up-to-date re-run),
--memory-docs N and --memory-format html|pdf (the memory run), --pdf-memory-docs N,
--repeats N (the warm render). The inputs are copies of samples/ (or of the spec's
example when samples/ is empty) in a temporary folder.

Figures and their targets:

1. warm render overhead: reportgen's time per PDF in a warm worker (parse, score,
   present, template, PDF) / WeasyPrint alone writing the same HTML with the same
   fonts (target <= 1.10);
2. `batch --jobs 2` vs `--jobs 1` (target >= 1.8 on two cores);
3. `batch --jobs 2` vs a shell loop of `reportgen render` per file (target >= 3);
4. a re-run over N unchanged inputs, as a whole command (target under 2 s);
5. a worker's peak memory, and its growth over N documents (no leak): N HTML documents
   (500 PDFs in one worker would take over ten minutes), then fewer PDFs.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FULL = dict(files=12, many=500, memory_docs=500, pdf_memory_docs=200, repeats=8)
QUICK = dict(files=4, many=100, memory_docs=60, pdf_memory_docs=10, repeats=3)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", default=bool(os.environ.get("BENCH_QUICK")))
    for name in FULL:
        parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=None)
    parser.add_argument("--memory-format", choices=["html", "pdf"], default="html")
    args = parser.parse_args()
    for name, value in (QUICK if args.quick else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def sources() -> list[Path]:
    found = sorted((ROOT / "samples").glob("*.yaml"))
    return found or [ROOT / "tests" / "data" / "spec_example.yaml"]


def copies(folder: Path, n: int) -> Path:
    """n answers files, the samples cycled, each under a name of its own."""
    folder.mkdir(parents=True)
    src = sources()
    for i in range(n):
        shutil.copy(src[i % len(src)], folder / f"{i:03d}-{src[i % len(src)].stem}.yaml")
    return folder


def reportgen_cmd() -> list[str]:
    script = Path(sys.executable).parent / "reportgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def timed(cmd: list[str] | str, shell: bool = False) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, shell=shell, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed ({proc.returncode}): {cmd}\n{proc.stderr[-2000:]}")
    return elapsed


# --- 1. warm render overhead ----------------------------------------------------------------


def warm_render(repeats: int) -> tuple[float, float]:
    """Median seconds per PDF: reportgen's whole task vs WeasyPrint's write_pdf alone.

    The two are interleaved so that a load change on the machine hits both alike.
    """
    from weasyprint import HTML

    from reportgen import batch
    from reportgen.render import _pdf_tools
    from reportgen.workflows import build_outputs

    path = next((p for p in sources() if p.stem == "sao-mai-fintech"), sources()[0])
    data = path.read_bytes()
    batch.warm_up(("en",), pdf=True)
    html = build_outputs(data, path.name, path.stem, "en", "html")[0][f"{path.stem}.en.html"]
    fonts, fetcher, base, font_css = _pdf_tools()

    def weasyprint_alone() -> None:
        document = HTML(string=html.decode("utf-8"), base_url=base, url_fetcher=fetcher)
        document.write_pdf(stylesheets=[font_css], font_config=fonts)

    def reportgen_task() -> None:
        result = batch.render_task(data, path.name, path.stem, "en", "pdf")
        assert result.ok, result.error

    reportgen_task(), weasyprint_alone()  # first documents load fonts and caches
    ours, theirs = [], []
    for _ in range(repeats):
        for fn, times in ((reportgen_task, ours), (weasyprint_alone, theirs)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(theirs)


# --- 5. memory --------------------------------------------------------------------------------


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def measured_render(data: bytes, name: str, stem: str, fmt: str) -> tuple[int, int]:
    """Runs in the worker: one document, then the worker's RSS and peak RSS (kB)."""
    from reportgen.batch import render_task

    result = render_task(data, name, stem, "en", fmt)
    assert result.ok, result.error
    return _rss_kb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory_run(docs: int, fmt: str) -> list[tuple[int, int]]:
    from reportgen import batch

    inputs = [(p.read_bytes(), p.name, p.stem) for p in sources()]
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=batch._mp_context(),
        initializer=batch._init_local_worker,
        initargs=(("en",), fmt == "pdf"),
    )
    with pool:
        return [
            pool.submit(measured_render, *inputs[i % len(inputs)], fmt).result()
            for i in range(docs)
        ]


def describe_memory(samples: list[tuple[int, int]], fmt: str) -> str:
    docs = len(samples)
    settle = max(1, docs // 10)  # caches fill during the first documents
    first, settled, last = samples[0][0], samples[settle - 1][0], samples[-1][0]
    peak = max(max(rss, maxrss) for rss, maxrss in samples)
    per_100 = (last - settled) / max(1, docs - settle) * 100
    return (
        f"{docs} {fmt.upper()} documents in one worker: RSS {first / 1024:.0f} MiB after the "
        f"first, {settled / 1024:.0f} MiB after {settle}, {last / 1024:.0f} MiB after {docs}; "
        f"peak {peak / 1024:.0f} MiB; growth after warm-up {per_100 / 1024:+.2f} MiB per 100 "
        "documents"
    )


def main() -> None:
    args = parse_args()
    import weasyprint

    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}; mode: {'quick' if args.quick else 'full'}; "
        f"inputs: copies of {len(sources())} sample(s)"
    )
    cmd = reportgen_cmd()

    ours, theirs = warm_render(args.repeats)
    print(
        f"1. warm render: reportgen {ours:.3f} s/PDF, WeasyPrint alone {theirs:.3f} s/PDF "
        f"-> ratio {ours / theirs:.2f} (target <= 1.10; median of {args.repeats})"
    )

    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        tmp = Path(tmp)
        src = copies(tmp / "in", args.files)
        one = timed([*cmd, "batch", str(src), "-o", str(tmp / "j1"), "--jobs", "1"])
        two = timed([*cmd, "batch", str(src), "-o", str(tmp / "j2"), "--jobs", "2"])
        print(
            f"2. batch of {args.files} files (HTML+PDF, their languages): --jobs 1 {one:.1f} s, "
            f"--jobs 2 {two:.1f} s -> speed-up {one / two:.2f} (target >= 1.8)"
        )
        loop = timed(
            f'for f in "{src}"/*.yaml; do {" ".join(cmd)} render "$f" -o "{tmp / "loop"}" '
            ">/dev/null || exit 1; done",
            shell=True,
        )
        print(
            f"3. shell loop of `reportgen render` {loop:.1f} s vs batch --jobs 2 {two:.1f} s "
            f"-> speed-up {loop / two:.2f} (target >= 3)"
        )

        many = copies(tmp / "many", args.many)
        first = timed([*cmd, "batch", str(many), "-o", str(tmp / "many-out"), "--format", "html"])
        rerun = timed([*cmd, "batch", str(many), "-o", str(tmp / "many-out"), "--format", "html"])
        print(
            f"4. re-run over {args.many} unchanged inputs: {rerun:.2f} s for the whole command "
            f"(target < 2 s); the first run, HTML only, took {first:.1f} s"
        )

    print("5. " + describe_memory(memory_run(args.memory_docs, args.memory_format), args.memory_format))
    if args.pdf_memory_docs:
        print("   " + describe_memory(memory_run(args.pdf_memory_docs, "pdf"), "pdf"))


if __name__ == "__main__":
    main()
