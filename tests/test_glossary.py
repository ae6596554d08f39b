"""The Vietnamese catalog keeps to its glossary (locales/vi/GLOSSARY.md): no rejected
variant, no English word where Vietnamese exists, the case rules of running text."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from .support import ROOT

VI = ROOT / "locales" / "vi"
GLOSSARY = VI / "GLOSSARY.md"


def msgstrs() -> list[str]:
    with (VI / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for m in catalog:
        if m.id:
            out += list(m.string) if isinstance(m.string, tuple) else [m.string]
    return out


def rejected_variants() -> list[tuple[str, str]]:
    """(concept, rejected string) from the glossary table's third column."""
    out = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or cells[0] in ("concept", "---") or set(cells[0]) <= {"-", " "}:
            continue
        for variant in cells[2].split(";"):
            variant = variant.strip()
            if variant and variant not in ("—", "-"):
                out.append((cells[0], variant))
    return out


def case_rules() -> list[tuple[str, str]]:
    """(wrong, right) from the glossary's case-sensitive rules."""
    return re.findall(r"^- `([^`]+)` must be `([^`]+)`", GLOSSARY.read_text(encoding="utf-8"), re.M)


def test_the_glossary_lists_rejected_variants_and_case_rules():
    # The checks below are only as strong as the lists they read.
    assert len(rejected_variants()) >= 50
    assert ("Tiếng Anh", "tiếng Anh") in case_rules()


def test_no_rejected_variant_in_the_catalog():
    texts = [s.casefold() for s in msgstrs()]
    found = [(c, v) for c, v in rejected_variants() if any(v.casefold() in t for t in texts)]
    assert found == []


def test_no_english_word_in_a_vietnamese_message():
    words = [
        w.strip()
        for w in (VI / "english_words.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    assert len(words) >= 50
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)
    # Placeholders are names, not words (%(owner)s).
    found = {
        (m.group(0), s) for s in msgstrs() for m in pattern.finditer(re.sub(r"%\(\w+\)s", "", s))
    }
    assert found == set()


@pytest.mark.parametrize(("wrong", "right"), case_rules())
def test_running_text_keeps_the_case_rules(wrong, right):
    # A label may start with a capital; after its first character, running text may not.
    bad = [s for s in msgstrs() if wrong in s[1:]]
    assert bad == []
