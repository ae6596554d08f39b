"""Every benchmark in one run: one client's documents, batch runs, memory, the preview.

    python benchmarks/bench_all.py            # full sizes (about 30 minutes on 2 cores)
    python benchmarks/bench_all.py --quick    # small sizes (about 5 minutes)

Each part runs in a process of its own (each loads WeasyPrint and its caches afresh)
and prints its figures as ratios measured in that run; the README's performance table
is copied from this output.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = (
    ("one client's documents", "bench_render.py", []),
    ("batch runs and memory", "bench_batch.py", []),
    ("live preview", "bench_preview.py", ["--edits", "20"]),
)


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    for title, script, extra in PARTS:
        print(f"== {title} ({script})", flush=True)
        args = ["--edits", "5"] if quick and script == "bench_preview.py" else extra
        if quick and script != "bench_preview.py":
            args = ["--quick"]
        code = subprocess.call([sys.executable, str(HERE / script), *args])
        if code:
            sys.exit(code)


if __name__ == "__main__":
    main()
