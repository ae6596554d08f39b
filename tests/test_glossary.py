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


def entries() -> list[tuple[list[str], list[str]]]:
    """(msgid forms, msgstr forms) of every translated entry."""
    with (VI / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for m in catalog:
        if m.id:
            ids = [m.id] if isinstance(m.id, str) else list(m.id)
            strs = [m.string] if isinstance(m.string, str) else list(m.string)
            out.append((ids, strs))
    return out


def glossary_rules(arrow: str) -> list[tuple[str, str]]:
    """("left", "right") from the glossary's "- `left` <arrow> `right`" lines."""
    pattern = r"^- `([^`]+)` " + re.escape(arrow) + r" `([^`]+)`"
    return re.findall(pattern, GLOSSARY.read_text(encoding="utf-8"), re.M)


def chosen_terms() -> list[str]:
    """Every chosen cell of the table, and the seed's framework names."""
    cells = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        row = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(row) >= 4 and row[0] not in ("concept", "---") and not set(row[0]) <= {"-", " "}:
            cells.append(row[1])
    return cells + [vi for _, vi in glossary_rules("=")] + [vi for _, vi in glossary_rules("->")]


def test_a_rejected_variant_is_never_part_of_a_chosen_term():
    # A ban that matches a source's own name ("khung đánh giá" inside "Khung đánh giá lợi thế
    # cạnh tranh") would force a wrong term on the catalog.
    terms = [t.casefold() for t in chosen_terms()]
    clash = [(c, v) for c, v in rejected_variants() if any(v.casefold() in t for t in terms)]
    assert clash == []


@pytest.mark.parametrize(("english", "vietnamese"), glossary_rules("="))
def test_framework_names_follow_the_vietnamese_seed(english, vietnamese):
    found = [strs for ids, strs in entries() if ids[0] == english]
    assert found == [[vietnamese]]


def test_the_concept_rules_are_listed():
    assert len(glossary_rules("->")) >= 10


@pytest.mark.parametrize(("english", "vietnamese"), glossary_rules("->"))
def test_one_rendering_per_concept(english, vietnamese):
    pattern = re.compile(english, re.IGNORECASE)
    matched = [(ids, strs) for ids, strs in entries() if any(pattern.search(i) for i in ids)]
    assert matched, f"no msgid says {english!r}"
    other = [
        (ids[0], s)
        for ids, strs in matched
        for s in strs
        if vietnamese.casefold() not in s.casefold()
    ]
    assert other == []
