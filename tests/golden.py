"""Whole-output golden files, per locale (pelican-style): the report of a full sample and of
one with sections left out, the handout (one language and bilingual), and the batch index.

Regenerate with `make golden` (that is, `python -m tests.golden`) after an intended
change, and review the diff. Every input is pinned: dates come from the answers, and
the index gets a fixed run time and relative paths.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from reportgen.batch.plan import FileRecord
from reportgen.errors import InvalidFileError
from reportgen.pipeline import Request, run
from reportgen.present.index import index_context
from reportgen.read import parse_answers
from reportgen.render import html_document

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
FULL = "sao-mai-fintech"  # every section answered
UNASSESSED = "minimal-startup"  # only the required sections
LANGS = ("vi", "en")


# The embedded fonts are the same in every document (tests/test_render.py checks them):
# a golden file keeps their place, not their 200 kB.
FONT_DATA = re.compile(r"base64,[A-Za-z0-9+/=]{1000,}")


def document(stem: str, lang: str, kind: str = "report") -> str:
    path = SAMPLES_DIR / f"{stem}.yaml"
    result = run(Request(path.read_bytes(), path.name, stem, lang, "html", kind))
    (doc,) = result.documents
    return FONT_DATA.sub("base64,…", doc.content.decode("utf-8"))


BROKEN = b"schema_version: 1\nclient: {name: Broken}\nassessment: {date: 2026-13-01}\n"


def batch_index(lang: str) -> str:
    records = []
    for path in sorted(SAMPLES_DIR.glob("*.yaml")):
        result = run(Request(path.read_bytes(), f"samples/{path.name}", path.stem, "all", "html"))
        outputs = [{"path": d.name, "lang": d.lang, "format": d.fmt} for d in result.documents]
        records.append(FileRecord(f"samples/{path.name}", "rendered", result.summary(), None, outputs))
    try:
        parse_answers(BROKEN, "samples/broken.yaml")
    except InvalidFileError as exc:
        records.append(FileRecord("samples/broken.yaml", "failed", error=exc.format_message()))
    counts = {"total": len(records), "rendered": len(records) - 1, "skipped": 0, "failed": 1}
    context = index_context(records, counts, lang, dt.datetime(2026, 11, 22, 2, 30))
    return html_document("batch_index.html.j2", context, lang)


def goldens() -> dict[str, Callable[[], str]]:
    """Golden file name -> how to make it."""
    out: dict[str, Callable[[], str]] = {}
    for lang in LANGS:
        out[f"{FULL}.{lang}.html"] = lambda lang=lang: document(FULL, lang)
        out[f"{UNASSESSED}.{lang}.html"] = lambda lang=lang: document(UNASSESSED, lang)
        out[f"{FULL}.{lang}.handout.html"] = lambda lang=lang: document(FULL, lang, "handout")
        out[f"index.{lang}.html"] = lambda lang=lang: batch_index(lang)
    out[f"{FULL}.vi+en.handout.html"] = lambda: document(FULL, "vi+en", "handout")
    return out


def main() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name, make in goldens().items():
        (GOLDEN_DIR / name).write_text(make(), encoding="utf-8")
        print(GOLDEN_DIR / name)


if __name__ == "__main__":
    main()
