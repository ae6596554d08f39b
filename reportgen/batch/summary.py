"""What a run leaves besides the reports: summary.json for scripts, index.html for people."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .. import __version__
from ..write import atomic_write
from .options import BatchOptions
from .plan import BatchResult
from .portfolio import latest_per_client, portfolio
from .progress import INDEX_NAME

SUMMARY_NAME = "summary.json"
SUMMARY_VERSION = 1


def write_summary(result: BatchResult, options: BatchOptions) -> None:
    data = {
        "version": SUMMARY_VERSION,
        "reportgen": __version__,
        "in_dir": str(result.in_dir),
        "out_dir": str(result.out_dir),
        "options": options.shaping(),
        "counts": result.counts(),
        "elapsed_seconds": round(result.elapsed, 3),
        "portfolio": portfolio(latest_per_client(result.records)),
        "files": [r.to_json() for r in result.records],
    }
    atomic_write(result.out_dir / SUMMARY_NAME, summary_text(data).encode("utf-8"))


def summary_text(data: dict[str, Any]) -> str:
    """The summary as JSON: the run's fields indented, each input's record on a line of
    its own. Python's json module encodes in C only without indentation: indented whole,
    a 500-file summary took 1.0 s to encode, over half of a re-run with nothing to
    render; a line per record takes 0.2 s, and a script, grep or jq reads it the same."""
    run = {k: v for k, v in data.items() if k != "files"}
    head = json.dumps(run, ensure_ascii=False, indent=2).removesuffix("\n}")
    rows = ",\n".join("    " + json.dumps(f, ensure_ascii=False) for f in data["files"])
    files = f'"files": [\n{rows}\n  ]' if rows else '"files": []'
    return f"{head},\n  {files}\n}}\n"


def write_index(result: BatchResult, options: BatchOptions) -> None:
    from ..present.index import index_context
    from ..render import html_document

    lang = options.index_language()
    context = index_context(
        result.records,
        result.counts(),
        lang,
        dt.datetime.now(),
        portfolio(latest_per_client(result.records)),
    )
    html = html_document("batch_index.html.j2", context, lang)
    atomic_write(result.out_dir / INDEX_NAME, html.encode("utf-8"))
