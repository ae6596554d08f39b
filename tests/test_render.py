"""Reports rendered for real: every sample, both languages, HTML and PDF."""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.engine import score
from reportgen.i18n import Formatter
from reportgen.present.report import build_report as build_context
from reportgen.read import load_answers
from reportgen.render.pdf import _asset_fetcher_class
from reportgen.resources import FONTS_DIR
from reportgen.sections.advantages import ADVANTAGE, TIER
from reportgen.sections.validation import TOTAL_BAND

from .support import (
    ROOT,
    SAMPLES,
    WarningCollector,
    build_outputs,
    by_sample,
    pdf_fonts,
    pdf_reader,
    pdf_text,
)


def norm(text: str) -> str:
    """NFC, one space for any run of whitespace: PDF text breaks lines anywhere."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_there_are_enough_samples():
    assert len(SAMPLES) >= 4


@pytest.mark.parametrize("sample", by_sample())
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pdf_holds_localized_report(renders, sample: Path, lang: str):
    pdf = renders.pdf(sample, lang)
    pages = [norm(p) for p in pdf_text(pdf)]
    text = " ".join(pages)

    answers = load_answers(sample)
    scores = score(answers)
    ctx = build_context(answers, scores, lang)
    f = Formatter(lang)

    assert norm(answers.client.name) in text
    for section in ctx.sections:
        assert norm(section.title) in text, section.title
    v = scores["validation"]
    assert f"{f.number(v.total)} / 160" in text
    assert f.gettext(TOTAL_BAND[v.band].label) in text
    if scores["advantages"] is not None:
        for t in scores["advantages"].types:
            assert f.gettext(ADVANTAGE[t.id].label) in text
            assert f.gettext(TIER[t.tier].label) in text
    # Footer on every page but the cover: "Trang 3/12" or "Page 3 of 12".
    total = len(pages)
    footer = "Trang {n}/{total}" if lang == "vi" else "Page {n} of {total}"
    for n, page in enumerate(pages[1:], start=2):
        assert footer.format(n=n, total=total) in page


@pytest.mark.parametrize("sample", by_sample(SAMPLES[:1]))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pdf_metadata_fonts_and_contents(renders, sample, lang: str):
    pdf = renders.pdf(sample, lang)
    answers = load_answers(sample)
    reader = pdf_reader(pdf)
    meta = reader.metadata
    assert answers.client.name in meta.title
    assert meta.author == answers.assessment.assessor
    assert reader.trailer["/Root"]["/Lang"] == lang
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    # Only the bundled family is embedded: every machine renders alike.
    assert {name.split("-")[0] for name in pdf_fonts(pdf)} == {"Noto"}

    # The contents page gives each chapter's real page number.
    ctx = build_context(answers, score(answers), lang)
    pages = [norm(p) for p in pdf_text(pdf)]
    contents = pages[1]
    for section in ctx.sections:
        found = re.search(re.escape(norm(section.title)) + r"[ .]*(\d+)", contents)
        assert found, section.title
        page_no = int(found.group(1))
        assert norm(section.title) in pages[page_no - 1]


@pytest.mark.parametrize("sample", by_sample(SAMPLES[:1]))
def test_html_and_pdf_share_the_svg_charts(renders, sample):
    html = renders.html(sample, "vi")
    assert html.count("<svg") >= 2
    answers = load_answers(sample)
    label = Formatter("vi").gettext("Market validation")
    assert re.search(r"<svg[^>]*>.*" + re.escape(label), html, re.S)
    assert answers.client.name in html




def test_identical_input_gives_identical_pdf():
    # Handouts: the same PDF writer, attachment and metadata as a report, in two pages.
    data = SAMPLES[0].read_bytes()
    a, _ = build_outputs(data, "a", "a", "en", "pdf", kind="handout")
    b, _ = build_outputs(data, "a", "a", "en", "pdf", kind="handout")
    assert a == b


def test_bundled_font_covers_vietnamese():
    from fontTools.ttLib import TTFont

    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    tones = "\u0300\u0301\u0303\u0309\u0323"
    needed = set()
    for base in letters + letters.upper():
        needed.add(base)
        for tone in tones:
            needed.add(unicodedata.normalize("NFC", base + tone))
    needed = {c for c in needed if len(c) == 1}
    for file in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        cmap = TTFont(FONTS_DIR / file).getBestCmap()
        missing = sorted(c for c in needed if ord(c) not in cmap)
        assert missing == [], file
    assert (FONTS_DIR / "OFL.txt").read_text().count("SIL Open Font License") >= 1


def test_stacked_diacritics_survive_into_the_pdf(tmp_path):
    text = (Path(__file__).parent / "data" / "spec_example.yaml").read_text()
    name = "Công ty Đặng Ỗ Ữ Ự Việt"
    text = text.replace("Công ty Cổ phần Sao Mai AI", name)
    path = tmp_path / "diacritics.yaml"
    path.write_text(text)
    outputs, _ = build_outputs(path.read_bytes(), "d", "d", "vi", "pdf", kind="handout")
    assert name in norm(" ".join(pdf_text(outputs["d.vi.handout.pdf"])))


HOSTILE_NAME = '<script>alert("x")</script><img src="file:///etc/passwd">'
HOSTILE_NOTE = '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"> <a href="file:///etc/shadow">x</a>'


def test_hostile_text_is_inert(tmp_path):
    text = (Path(__file__).parent / "data" / "spec_example.yaml").read_text()
    text = text.replace('"Công ty Cổ phần Sao Mai AI"', "'" + HOSTILE_NAME + "'")
    text = text.replace(
        '"Plain text, or {vi: ..., en: ...} for both languages."', "'" + HOSTILE_NOTE + "'"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    collector = WarningCollector()
    logging.getLogger("weasyprint").addHandler(collector)
    try:
        outputs, _ = build_outputs(path.read_bytes(), "h", "h", "en", "all")
    finally:
        logging.getLogger("weasyprint").removeHandler(collector)
    html = outputs["h.en.html"].decode()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "<link" not in html
    assert '<a href="file:' not in html
    # Nothing was fetched, so WeasyPrint had nothing to refuse or warn about...
    assert collector.messages() == []
    # ...and the markup is shown as the text it is.
    assert "<script>alert" in norm(" ".join(pdf_text(outputs["h.en.pdf"])))


def test_fetcher_reads_only_package_assets():
    fetcher = _asset_fetcher_class()()
    font = (FONTS_DIR / "NotoSans-Regular.ttf").resolve().as_uri()
    response = fetcher.fetch(font)
    try:
        assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    finally:
        response.close()
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.invalid/x.png",
        (FONTS_DIR / ".." / ".." / "render.py").as_uri(),
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


def test_render_command_writes_four_files(tmp_path):
    out = tmp_path / "reports"
    small = ROOT / "samples" / "minimal-startup.yaml"
    result = CliRunner().invoke(cli, ["render", str(small), "-o", str(out)])
    assert result.exit_code == 0, result.output
    stem = small.stem
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}.{lang}.{fmt}" for lang in ("vi", "en") for fmt in ("html", "pdf")
    )


def test_render_defaults_to_the_files_languages(tmp_path):
    text = (Path(__file__).parent / "data" / "spec_example.yaml").read_text()
    path = tmp_path / "en_only.yaml"
    path.write_text(text.replace("languages: [vi, en]", "languages: [en]"))
    result = CliRunner().invoke(cli, ["render", str(path), "--format", "html", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["en_only.en.html"]


def test_invalid_file_renders_nothing(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nclient: {name: X}\n")
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "missing required key 'assessment'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_existing_output_survives_a_failed_render(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    keep = out / "bad.en.html"
    keep.write_text("previous report")
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\n")
    result = CliRunner().invoke(cli, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert keep.read_text() == "previous report"
    assert [p.name for p in out.iterdir()] == ["bad.en.html"]


# --- documents built side by side (issue 14) -------------------------------------------------


def test_documents_built_in_parallel_are_those_of_one_process():
    """`render --lang all` builds each language on a worker of the executor (a batch of
    one): same names, order and bytes as one process building them all."""
    from reportgen.executor import build
    from reportgen.pipeline import Request, run

    data = (ROOT / "samples" / "minimal-startup.yaml").read_bytes()
    request = Request(data, "minimal-startup.yaml", "minimal-startup", "all", "all", "handout")
    one = run(request).documents
    two = build(request, jobs=2)
    assert [d.name for d in two] == [d.name for d in one] == [
        f"minimal-startup.{lang}.handout.{fmt}" for lang in ("vi", "en") for fmt in ("html", "pdf")
    ]
    assert [d.content for d in two] == [d.content for d in one]


def test_a_failure_in_another_process_is_reported_and_nothing_is_written(tmp_path):
    # The English document fails, and it is the one built by the forked process.
    templates = tmp_path / "templates" / "partials"
    templates.mkdir(parents=True)
    cover = (ROOT / "templates" / "partials" / "cover.html.j2").read_text(encoding="utf-8")
    (templates / "cover.html.j2").write_text(
        '{% if lang == "en" %}{{ 1 // 0 }}{% endif %}' + cover, encoding="utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["render", str(ROOT / "samples" / "minimal-startup.yaml"), "-o", str(out),
         "--lang", "all", "--templates", str(tmp_path / "templates")],
    )
    assert result.exit_code == 1, result.output
    assert "partials/cover.html.j2" in result.output and "Traceback" not in result.output
    assert not out.exists()
