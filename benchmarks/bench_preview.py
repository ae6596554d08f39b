"""Benchmark of `reportgen preview`: from a save to the reloaded page, as a browser sees it.

    python benchmarks/bench_preview.py             # 20 edits per document kind
    python benchmarks/bench_preview.py --edits 5

For the report and the handout of a sample, a preview server runs in this process (on
a free loopback port) and a client plays the browser: it listens on the page's event
stream, the file is saved with a changed score, and the time runs until the client has
the `reload` event *and* the new page in hand. Printed: the median and the slowest of N
edits, and the median as a share of the half-second target. No assertion: figures.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.preview import PreviewOptions, start  # noqa: E402

TARGET = 0.5  # seconds from save to reloaded page (issue 12)
SAMPLE = ROOT / "samples" / "sao-mai-fintech.yaml"


def one_edit(port: int, version: int, path: Path, score: int) -> float:
    """Save the file with customer_problem at score; seconds until the new page is read."""
    events = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    events.request("GET", f"/events?v={version}")
    stream = events.getresponse()
    text = path.read_text()
    lines = [
        f"    customer_problem: {score}" if line.strip().startswith("customer_problem:") else line
        for line in text.splitlines()
    ]
    start_time = time.perf_counter()
    path.write_text("\n".join(lines) + "\n")
    for raw in stream:
        if raw.strip() == b"event: reload":
            break
    page = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    page.request("GET", "/")
    body = page.getresponse().read()
    elapsed = time.perf_counter() - start_time
    events.close()
    page.close()
    assert b'id="reportgen-preview"' in body
    return elapsed


def run(kind: str, edits: int) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="reportgen-bench-preview-"))
    try:
        path = folder / "answers.yaml"
        shutil.copy(SAMPLE, path)
        running = start(PreviewOptions(str(path), lang="vi", kind=kind), port=0)
        try:
            port = running.server.server_address[1]
            times = []
            for n in range(edits):
                version = running.previewer.snapshot.version
                times.append(one_edit(port, version, path, 5 + n % 5))
                time.sleep(0.2)  # a consultant does not save twice within a blink
            return times
        finally:
            running.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    print(f"save -> reloaded page, {SAMPLE.name}, Vietnamese, {args.edits} edits each")
    for kind in ("report", "handout"):
        times = run(kind, args.edits)
        median = statistics.median(times)
        print(
            f"  {kind:8} median {median * 1000:6.0f} ms   slowest {max(times) * 1000:6.0f} ms   "
            f"median / {TARGET * 1000:.0f} ms target = {median / TARGET:.2f}"
        )


if __name__ == "__main__":
    main()
