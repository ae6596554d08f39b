"""What a run leaves besides the reports: summary.json for scripts, index.html for people."""

from __future__ import annotations

import datetime as dt
import json

from .. import __version__
from ..write import atomic_write
from .options import BatchOptions
from .plan import BatchResult
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
        "files": [r.to_json() for r in result.records],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(result.out_dir / SUMMARY_NAME, text.encode("utf-8"))


def write_index(result: BatchResult, options: BatchOptions) -> None:
    from ..present.index import index_context
    from ..render import html_document

    lang = options.index_language()
    context = index_context(result.records, result.counts(), lang, dt.datetime.now())
    html = html_document("batch_index.html.j2", context, lang)
    atomic_write(result.out_dir / INDEX_NAME, html.encode("utf-8"))
