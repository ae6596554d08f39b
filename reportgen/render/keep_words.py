"""Vietnamese words kept whole at a line end in titles, headings, table cells and labels.

A Vietnamese word of two or three syllables is written with spaces ("kinh doanh"), so a line
may break inside it ("kinh / doanh"), which a reader sees as two words. WeasyPrint 70 has no
balanced wrapping (`text-wrap: balance`) and no dictionary for Vietnamese, so the words of
locales/vi/compounds.txt get non-breaking spaces between their syllables in the elements where
a break shows most: a word never breaks, the line still breaks between words.
"""

from __future__ import annotations

import re
from functools import cache

from ..resources import LOCALES_DIR

NBSP = "\u00a0"
# Titles, headings, table headings and cells, captions, the definition lists' labels.
ELEMENTS = re.compile(r"<(h[1-4]|th|td|dt|caption)\b([^>]*)>(.*?)</\1>", re.S)
TAG = re.compile(r"(<[^>]*>)")
# Punctuation around a syllable that is not part of the word: "(khuyến", "doanh,".
EDGE = "()[]{}.,;:!?\"'“”‘’«»…–—-/"


@cache
def compounds() -> dict[int, frozenset[str]]:
    """The words to keep whole, by number of syllables (lower case)."""
    by_len: dict[int, set[str]] = {}
    path = LOCALES_DIR / "vi" / "compounds.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word = " ".join(line.split()).lower()
        if word and not word.startswith("#"):
            by_len.setdefault(len(word.split(" ")), set()).add(word)
    return {n: frozenset(words) for n, words in by_len.items()}


def keep_text(text: str) -> str:
    """text with the syllables of every listed word joined by non-breaking spaces."""
    words = compounds()
    tokens = text.split(" ")
    if len(tokens) < 2:
        return text
    core = [t.strip().strip(EDGE).lower() for t in tokens]
    joined = [False] * (len(tokens) - 1)  # joined[i]: tokens i and i+1 are one word
    for i in range(len(tokens)):
        if tokens[i] in ("-", "–") and i > 0:
            joined[i - 1] = True  # a spaced dash ends its line, never starts one
        for n in sorted(words, reverse=True):
            if n > 1 and i + n <= len(tokens) and " ".join(core[i : i + n]) in words[n]:
                for k in range(i, i + n - 1):
                    joined[k] = True
                break
    out = [tokens[0]]
    for k, token in enumerate(tokens[1:]):
        out.append((NBSP if joined[k] else " ") + token)
    return "".join(out)


def keep_words(html: str) -> str:
    """An HTML document with the listed words kept whole in its headings, cells and labels
    (text only: tags and their attributes are left as they are)."""

    def element(match: re.Match[str]) -> str:
        name, attrs, inner = match.groups()
        parts = TAG.split(inner)
        inner = "".join(p if p.startswith("<") else keep_text(p) for p in parts)
        return f"<{name}{attrs}>{inner}</{name}>"

    return ELEMENTS.sub(element, html)
