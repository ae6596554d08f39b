"""Benchmarks of one client's documents, printed as ratios measured in one run.

    python benchmarks/bench_render.py            # about 4 minutes on 2 cores
    python benchmarks/bench_render.py --quick    # about 1 minute

Figures:

1. render latency: `reportgen render FILE --lang all --format all` (two PDFs, two HTML
   files) against `reportgen render FILE --lang vi --format pdf`, each a whole command,
   interleaved, median of N (target <= 1.25 on two cores);
2. WeasyPrint's time per page, today's templates against the baseline input: the HTML
   the templates produced before the page work (benchmarks/baseline/, the same answers),
   with the same fonts: both at once, one per core, the median of N paired ratios; and
   in this process, CPU time, the best of N runs each (target: down by a quarter, ratio
   <= 0.75);
3. with --instructions (valgrind on PATH; about 20 minutes more): figure 2 counted in
   instructions instead of seconds, the same count from one run to the next (within
   0.2 %) where the seconds vary by 10-20 % on a shared VM.

What a change of reportgen's own costs, measured against its previous revision, is
bench_revisions.py's.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "baseline"
LATENCY_SAMPLE = ROOT / "samples" / "hoa-sen-edtech.yaml"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", default=bool(os.environ.get("BENCH_QUICK")))
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument(
        "--instructions", action="store_true", help="also count instructions (needs valgrind)"
    )
    args = parser.parse_args(argv)
    if args.repeats is None:
        args.repeats = 3 if args.quick else 7
    return args


def reportgen_cmd() -> list[str]:
    script = Path(sys.executable).parent / "reportgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportgen"]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed ({proc.returncode}): {cmd}\n{proc.stderr[-2000:]}")
    return elapsed


SEQUENTIAL = [
    sys.executable,
    "-c",
    # render as before issue 14: one process builds every document, one after the other
    "import os, sys; os.cpu_count = lambda: 1; from reportgen.cli import cli; "
    "sys.argv[0] = 'reportgen'; cli()",
]


def latency(repeats: int) -> tuple[float, float, float]:
    """Median seconds: every document of a file (in parallel, and one after the other as
    before), and its Vietnamese PDF alone; interleaved."""
    cmd = reportgen_cmd()
    every = ["--lang", "all", "--format", "all"]
    runs: dict[str, list[float]] = {"all": [], "sequential": [], "one": []}
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as tmp:
        for i in range(repeats):
            out = Path(tmp) / str(i)
            sample = str(LATENCY_SAMPLE)
            runs["all"].append(timed([*cmd, "render", sample, "-o", str(out / "a"), *every]))
            runs["sequential"].append(
                timed([*SEQUENTIAL, "render", sample, "-o", str(out / "s"), *every])
            )
            runs["one"].append(
                timed(
                    [
                        *cmd,
                        "render",
                        sample,
                        "-o",
                        str(out / "b"),
                        "--lang",
                        "vi",
                        "--format",
                        "pdf",
                    ]
                )
            )
    return (
        statistics.median(runs["all"]),
        statistics.median(runs["sequential"]),
        statistics.median(runs["one"]),
    )


def current_html(name: str) -> str:
    """Today's HTML for a baseline file's answers, language and kind."""
    from reportgen.engine import score
    from reportgen.pipeline import Request, pages
    from reportgen.read import parse_answers

    stem, lang, kind, _html = name.split(".")
    data = (ROOT / "samples" / f"{stem}.yaml").read_bytes()
    answers = parse_answers(data, stem)
    (page,) = pages(Request(data, stem, stem, lang, "pdf", kind), answers, score(answers))
    return page.html


def pdf_seconds(html: str) -> tuple[float, int]:
    from reportgen.render.pdf import layout, write_pdf

    gc.collect()  # the previous document's garbage is not this one's cost
    start = time.perf_counter()
    document = layout(html)
    write_pdf(document)
    return time.perf_counter() - start, len(document.pages)


_HTML: dict[tuple[str, str], str] = {}  # (file, "old"/"new") -> HTML, inherited by forks


def _timed_page(key: tuple[str, str]) -> tuple[float, int]:
    seconds, pages = pdf_seconds(_HTML[key])
    return seconds / pages, pages


def _warm() -> None:
    from reportgen.render.pdf import pdf_bytes

    pdf_bytes("<p>warm</p>")  # fonts and caches loaded before anything is timed


def per_page(repeats: int) -> dict[str, tuple[float, float, int, int, float]]:
    """Per baseline file: seconds per page, baseline and today, and page counts.

    This machine is a shared VM: the same document varies by 10-20 % from one run to the
    next, in slow spells that last seconds. So the two versions run at the same moment,
    one on each core (which core alternates), and the figure is the median of the
    paired ratios, each pair having met the same spell; the seconds shown are medians."""
    import multiprocessing

    for path in sorted(BASELINE.glob("*.html")):
        _HTML[path.name, "old"] = path.read_text(encoding="utf-8")
        _HTML[path.name, "new"] = current_html(path.name)
    results = {}
    with multiprocessing.get_context("fork").Pool(2, initializer=_warm) as pool:
        for path in sorted(BASELINE.glob("*.html")):
            old, new, ratios = [], [], []
            pages = {}
            for i in range(repeats):
                order = ("old", "new") if i % 2 == 0 else ("new", "old")
                done = dict(
                    zip(
                        order,
                        pool.map(_timed_page, [(path.name, k) for k in order], 1),
                        strict=True,
                    )
                )
                (o, pages["old"]), (n, pages["new"]) = done["old"], done["new"]
                old.append(o)
                new.append(n)
                ratios.append(n / o)
            results[path.name] = (
                statistics.median(old),
                statistics.median(new),
                pages["old"],
                pages["new"],
                statistics.median(ratios),
            )
    return results


def per_page_cpu(repeats: int) -> dict[str, tuple[float, float, float]]:
    """Per baseline file: the CPU seconds per page of the baseline and of today's HTML,
    each the best of N runs in this process (warm, alternating, garbage collected first),
    and their ratio. The machine's noise only ever adds time, so the best run is the
    document's own cost; the paired medians above still carry the noise of the moment
    (pairs ranged from 0.64 to 1.41 for the same two documents in one run). Handouts
    are short, so they get five times the runs."""
    from reportgen.render.pdf import layout, write_pdf

    _warm()
    results = {}
    for path in sorted(BASELINE.glob("*.html")):
        html = {"old": path.read_text(encoding="utf-8"), "new": current_html(path.name)}
        pages = {k: len(layout(h).pages) for k, h in html.items()}
        best = {"old": float("inf"), "new": float("inf")}
        runs = repeats * (5 if ".handout." in path.name else 1)
        for i in range(runs):
            for k in ("old", "new") if i % 2 == 0 else ("new", "old"):
                gc.collect()
                start = time.process_time()
                write_pdf(layout(html[k]))
                best[k] = min(best[k], (time.process_time() - start) / pages[k])
        results[path.name] = (best["old"], best["new"], best["new"] / best["old"])
    return results


# One document laid out and drawn after the same warm-up as every other figure; counted
# whole by callgrind, so the warm-up's own count (a run with no document) is subtracted.
_COUNTED = """
import sys
from reportgen.render.pdf import layout, pdf_bytes, write_pdf
pdf_bytes("<p>warm</p>")
for path in sys.argv[1:]:
    write_pdf(layout(open(path, encoding="utf-8").read()))
"""


def _instructions(paths: list[Path]) -> int:
    """Instructions executed by a process that warms up and renders `paths`."""
    proc = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            _COUNTED,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        # The same hash seed in every run: set and dict order, and so the work, repeat.
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        sys.exit(f"valgrind failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return int(found.group(1))


def per_page_instructions() -> dict[str, tuple[float, float]] | None:
    """Per baseline file: instructions per page for the baseline and for today's HTML
    (each a separate valgrind run, two at a time); None without valgrind.
    Instructions are not seconds (a cache miss costs more than an addition), but for
    WeasyPrint, Python code nearly throughout, they follow its CPU time, without the
    machine's noise."""
    from concurrent.futures import ThreadPoolExecutor

    from reportgen.render.pdf import layout

    if shutil.which("valgrind") is None:
        return None
    runs: dict[tuple[str, str], Path] = {}  # (file, version) -> HTML file
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        pages = {}
        for path in sorted(BASELINE.glob("*.html")):
            new = Path(tmp) / path.name
            new.write_text(current_html(path.name), encoding="utf-8")
            runs[path.name, "old"], runs[path.name, "new"] = path, new
            for key in ("old", "new"):
                pages[path.name, key] = len(layout(runs[path.name, key].read_text("utf-8")).pages)
        warm = pool.submit(_instructions, [])
        counts = {key: pool.submit(_instructions, [file]) for key, file in runs.items()}
        base = warm.result()
        per = {key: (c.result() - base) / pages[key] for key, c in counts.items()}
    names = sorted({name for name, _ in runs})
    return {n: (per[n, "old"], per[n, "new"]) for n in names}


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    n = args.repeats

    both, before, one = latency(n)
    print(
        f"render latency ({LATENCY_SAMPLE.name}, whole commands, median of {n}): "
        f"--lang all --format all {both:.2f} s (one process, as before: {before:.2f} s), "
        f"--lang vi --format pdf {one:.2f} s -> ratio {both / one:.2f} (before "
        f"{before / one:.2f}; target <= 1.25)"
    )

    results = per_page(n)
    print(
        f"WeasyPrint time per page, baseline HTML -> today's HTML (both at once, one per "
        f"core; medians of {n} pairs):"
    )
    for name, (old, new, old_pages, new_pages, ratio) in results.items():
        print(
            f"  {name}: {old * 1000:.0f} ms -> {new * 1000:.0f} ms per page "
            f"({old_pages} -> {new_pages} pages), ratio {ratio:.2f}"
        )
    for kind in ("report", "handout"):
        ratios = [r[4] for name, r in results.items() if f".{kind}." in name]
        print(f"  {kind}s: mean ratio {statistics.mean(ratios):.2f} (target <= 0.75)")
    cpu = per_page_cpu(n)
    print(
        f"The same, CPU time in one process, best of {n} runs ({5 * n} for a handout), alternating:"
    )
    for name, (old, new, ratio) in cpu.items():
        print(f"  {name}: {old * 1000:.0f} ms -> {new * 1000:.0f} ms per page, ratio {ratio:.2f}")
    for kind in ("report", "handout"):
        ratios = [r[2] for name, r in cpu.items() if f".{kind}." in name]
        print(f"  {kind}s: mean ratio {statistics.mean(ratios):.2f} (target <= 0.75)")

    if args.instructions:
        counted = per_page_instructions()
        if counted is None:
            print("Instructions: valgrind is not on PATH")
        else:
            print("The same, instructions per page (valgrind's callgrind, one run each):")
            for name, (old, new) in counted.items():
                print(f"  {name}: {old / 1e6:.0f} M -> {new / 1e6:.0f} M, ratio {new / old:.3f}")
            for kind in ("report", "handout"):
                mine = [r for name, r in counted.items() if f".{kind}." in name]
                ratio = statistics.mean(r[1] / r[0] for r in mine)
                print(f"  {kind}s: mean ratio {ratio:.3f} (target <= 0.75)")


if __name__ == "__main__":
    main()
