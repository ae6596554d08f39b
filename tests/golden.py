"""Golden HTML for one sample per locale. Regenerate with `make golden`
(that is, `python -m tests.golden`) after an intended change, and review the diff."""

from __future__ import annotations

from pathlib import Path

from .support import build_outputs

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "sao-mai-fintech.yaml"
LANGS = ("vi", "en")


def render_html(lang: str) -> str:
    outputs, _ = build_outputs(SAMPLE.read_bytes(), SAMPLE.name, SAMPLE.stem, lang, "html")
    return outputs[f"{SAMPLE.stem}.{lang}.html"].decode("utf-8")


def golden_path(lang: str) -> Path:
    return GOLDEN_DIR / f"{SAMPLE.stem}.{lang}.html"


def main() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for lang in LANGS:
        golden_path(lang).write_text(render_html(lang), encoding="utf-8")
        print(golden_path(lang))


if __name__ == "__main__":
    main()
