"""The catalogs: in sync with the sources, complete in Vietnamese, used by the reports."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from reportgen.i18n import translations

from .support import ROOT, SAMPLES, build_outputs

POT = ROOT / "locales" / "messages.pot"
VI_PO = ROOT / "locales" / "vi" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def read_catalog(path):
    with path.open("rb") as fh:
        return read_po(fh)


def fresh_msgids() -> set:
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog_ids(catalog) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def test_template_matches_a_fresh_extraction():
    # If this fails, run `make catalogs` and translate the new entries.
    assert catalog_ids(read_catalog(POT)) == fresh_msgids()


def test_vietnamese_catalog_is_complete_and_not_fuzzy():
    pot, vi = read_catalog(POT), read_catalog(VI_PO)
    assert catalog_ids(vi) >= catalog_ids(pot)
    untranslated, fuzzy, bad_placeholders = [], [], []
    for message in vi:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if not all(s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
        # Vietnamese has one form, used for every count: it follows the plural msgid.
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        if any(set(PLACEHOLDER.findall(s)) != wanted for s in strings):
            bad_placeholders.append(message.id)
    assert untranslated == []
    assert fuzzy == []
    assert bad_placeholders == []
    assert [e for _m, e in vi.check() if e] == []


def test_vietnamese_catalog_is_loaded():
    t = translations("vi")
    assert t.gettext("Executive summary") != "Executive summary"
    assert t.gettext("Page %(page)s of %(pages)s") == "Trang %(page)s/%(pages)s"


class _Headings(HTMLParser):
    """Collects the text of headings, table heads, captions and labels."""

    TAGS = {"h1", "h2", "h3", "h4", "h5", "th", "dt", "figcaption", "caption"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []
        self.buf = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.TAGS:
            self.depth += 1
            self.buf = ""

    def handle_endtag(self, tag):
        if tag in self.TAGS and self.depth:
            self.depth -= 1
            self.texts.append(" ".join(self.buf.split()))

    def handle_data(self, data):
        if self.depth:
            self.buf += data


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_vietnamese_report_has_no_english_heading(sample):
    outputs, _ = build_outputs(sample.read_bytes(), sample.name, "s", "vi", "html")
    parser = _Headings()
    parser.feed(outputs["s.vi.html"].decode())
    vi = read_catalog(VI_PO)
    # English msgids whose Vietnamese differs: none of them may be left as a heading.
    english = {m.id for m in vi if m.id and isinstance(m.id, str) and m.string != m.id}
    left = [t for t in parser.texts if t in english]
    assert parser.texts and left == []
