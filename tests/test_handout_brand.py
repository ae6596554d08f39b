"""Handouts, bilingual handouts, brand files, template overrides, drafts and archival PDFs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from reportgen.cli import cli
from reportgen.engine import score
from reportgen.errors import InvalidFileError
from reportgen.i18n import Formatter
from reportgen.pipeline import Styling
from reportgen.read import load_answers
from reportgen.read.brand import load_brand
from reportgen.sections.lessons import LESSON
from reportgen.sections.validation import TOTAL_BAND

from .support import ROOT, WarningCollector, build_outputs, pdf_reader, pdf_text, resource
from .test_render import norm

SAMPLE = ROOT / "samples" / "hoa-sen-edtech.yaml"  # all four lessons apply
SMALL = ROOT / "samples" / "minimal-startup.yaml"  # the shortest report, where any will do
PRIMARY = "#c0392b"
PRIMARY_RG = b"0.752941 0.223529 0.168627 rg"  # how WeasyPrint writes that colour


@pytest.fixture(autouse=True)
def weasyprint_warnings_fail():
    collector = WarningCollector()
    logging.getLogger("weasyprint").addHandler(collector)
    yield
    logging.getLogger("weasyprint").removeHandler(collector)
    assert collector.messages() == []


# The tests that read this sample's stock renders share one test worker's cache.
SHARED = pytest.mark.xdist_group(f"sample-{SAMPLE.stem}")


def handout(renders, lang: str) -> tuple[bytes, str]:
    return renders.pdf(SAMPLE, lang, "handout"), renders.html(SAMPLE, lang, "handout")


@SHARED
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_handout_is_two_pages_with_the_essentials(renders, lang):
    pdf, _html = handout(renders, lang)
    pages = pdf_text(pdf)
    assert len(pages) <= 2
    text = norm(" ".join(pages))
    answers = load_answers(SAMPLE)
    scores = score(answers)
    f = Formatter(lang)
    assert norm(answers.client.name) in text
    assert f.number(scores["validation"].total) in text
    assert f.gettext(TOTAL_BAND[scores["validation"].band].label) in text
    assert f.gettext("What to do first") in text
    assert f.gettext("Lessons from the case study that apply") in text
    # Every lesson applies to this sample, so each one is listed, and only those.
    applying = [x.id for x in scores["lessons"].lessons if x.applies]
    assert len(applying) == 4
    for lesson in applying:
        assert norm(f.gettext(LESSON[lesson].label)) in text


@SHARED
def test_bilingual_handout_has_vietnamese_over_english(renders):
    pdf, html = handout(renders, "vi+en")
    pages = pdf_text(pdf)
    assert len(pages) <= 2
    text = norm(" ".join(pages))
    vi = Formatter("vi")
    for msgid in (
        "What to do first",
        "Competitive advantages",
        "Expansion risk",
    ):
        assert vi.gettext(msgid) in text and msgid in text
        assert vi.gettext(msgid) != msgid
    # The Vietnamese comes first, the English beneath it.
    assert text.index(vi.gettext("Expansion risk")) < text.index("Expansion risk")
    assert '<html lang="vi">' in html and 'class="alt"' in html


def test_bilingual_is_for_handouts_only(tmp_path):
    result = CliRunner().invoke(
        cli, ["render", str(SAMPLE), "--lang", "vi+en", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "--kind handout" in result.output
    assert not (tmp_path / "o").exists()


def make_brand(folder: Path, **overrides) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (60, 24), (12, 34, 56)).save(folder / "logo.png")
    fields = {
        "firm_name": "Công ty Tư vấn Ánh Dương",
        "logo": "logo.png",
        "primary_colour": PRIMARY,
        "accent_colour": "#1a7f5a",
        "footer": "Ánh Dương Advisory · Hà Nội",
        "contact": "lienhe@anhduong.example · +84 24 0000 0000",
        "confidentiality": "Bảo mật",
    }
    fields.update(overrides)
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    path = folder / "brand.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def content_streams(pdf: bytes) -> bytes:
    return b"".join(page.get_contents().get_data() for page in pdf_reader(pdf).pages)


def has_image(pdf: bytes) -> bool:
    for page in pdf_reader(pdf).pages:
        for ref in resource(page, "/XObject").values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                return True
            nested = resource(obj, "/XObject").values()
            if any(n.get_object().get("/Subtype") == "/Image" for n in nested):
                return True
    return False


@pytest.mark.parametrize("kind", ["report", "handout"])
def test_brand_name_colour_and_logo_reach_the_pdf(tmp_path, kind):
    brand = load_brand(make_brand(tmp_path / "brand"))
    outputs, _ = build_outputs(
        SMALL.read_bytes(), SMALL.name, "b", "en", "pdf", kind=kind, styling=Styling(brand=brand)
    )
    pdf = next(iter(outputs.values()))
    text = norm(" ".join(pdf_text(pdf)))
    assert "Công ty Tư vấn Ánh Dương" in text
    assert "bảo mật" in text.lower()  # the label is set in capitals by the stylesheet
    assert PRIMARY_RG in content_streams(pdf)
    assert has_image(pdf)


@SHARED
def test_without_brand_the_neutral_style_is_used(renders):
    pdf = renders.pdf(SAMPLE, "en")
    assert PRIMARY_RG not in content_streams(pdf)
    assert not has_image(pdf)


@pytest.mark.parametrize(
    ("logo", "expected"),
    [
        ("../outside.png", "inside the brand file's folder"),
        ("/etc/passwd.png", "inside the brand file's folder"),
        ("https://example.invalid/logo.png", "got the URL"),
        ("file:///etc/passwd", "got the URL"),
        ("missing.png", "no such file"),
        ("logo.gif", "expected an .svg or .png file"),
    ],
)
def test_brand_logo_outside_its_folder_or_remote_is_refused(tmp_path, logo, expected):
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = make_brand(tmp_path / "brand", logo=logo)
    with pytest.raises(InvalidFileError) as info:
        load_brand(path)
    message = info.value.format_message()
    assert expected in message
    assert "brand.yaml:2: logo:" in message


def test_invalid_brand_gets_a_clear_error_and_nothing_is_written(tmp_path):
    path = make_brand(tmp_path / "brand", primary_colour="red", accent_colour="#12345")
    (tmp_path / "brand" / "brand.yaml").write_text(path.read_text() + "colour_scheme: dark\n")
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["render", str(SAMPLE), "--brand", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "brand.yaml:3: primary_colour: expected a colour such as #1F4E79" in result.output
    assert "accent_colour" in result.output
    assert "unknown key 'colour_scheme'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_template_override_replaces_one_partial_and_the_rest_fall_back(tmp_path):
    (tmp_path / "firm" / "partials").mkdir(parents=True)
    (tmp_path / "firm" / "partials" / "cover.html.j2").write_text(
        '<section class="cover"><h1>FIRM COVER FOR {{ cover.client }}</h1></section>\n'
    )
    outputs, _ = build_outputs(
        SMALL.read_bytes(),
        SMALL.name,
        "t",
        "en",
        "all",
        styling=Styling(templates_dir=str(tmp_path / "firm")),
    )
    html = outputs["t.en.html"].decode()
    marker = f"FIRM COVER FOR {load_answers(SMALL).client.name}"
    assert marker in html
    assert "AI Business Model Strategy Report</h1>" not in html  # the built-in cover is gone
    text = norm(" ".join(pdf_text(outputs["t.en.pdf"])))
    assert norm(marker) in text
    assert "Executive summary" in text and "Lessons learned" in text  # built-in partials


# The report in English, the (shorter) handout in Vietnamese: both kinds, both languages.
@pytest.mark.parametrize(
    ("lang", "kind", "mark", "least"), [("en", "report", "DRAFT", 6), ("vi", "handout", None, 2)]
)
def test_draft_watermark_is_on_every_page(lang, kind, mark, least):
    mark = mark or Formatter("vi").gettext("DRAFT")
    outputs, _ = build_outputs(
        SMALL.read_bytes(), SMALL.name, "d", lang, "pdf", kind=kind, styling=Styling(draft=True)
    )
    (pdf,) = outputs.values()
    pages = [norm(p) for p in pdf_text(pdf)]
    assert len(pages) >= least
    assert all(mark in page for page in pages)


@SHARED
def test_no_watermark_without_draft(renders):
    assert "DRAFT" not in " ".join(pdf_text(renders.pdf(SAMPLE, "en")))


@pytest.mark.parametrize("variant", [None, "pdf/a-3b", "pdf/ua-1"])
def test_answers_round_trip_through_the_pdf(tmp_path, variant):
    runner = CliRunner()
    # The handout: it carries the answers as the report does, in a third of the pages.
    args = ["render", str(SAMPLE), "--lang", "en", "--format", "pdf", "-o", str(tmp_path)]
    args += ["--kind", "handout"]
    if variant:
        args += ["--pdf-variant", variant]
    assert runner.invoke(cli, args).exit_code == 0
    pdf = tmp_path / f"{SAMPLE.stem}.en.handout.pdf"
    from_pdf = runner.invoke(cli, ["score", str(pdf)])
    from_yaml = runner.invoke(cli, ["score", str(SAMPLE)])
    assert from_pdf.exit_code == 0, from_pdf.output
    assert json.loads(from_pdf.output) == json.loads(from_yaml.output)
    valid = runner.invoke(cli, ["validate", str(pdf)])
    assert valid.exit_code == 0 and "valid" in valid.output
    root = pdf_reader(pdf.read_bytes()).trailer["/Root"]
    if variant == "pdf/a-3b":
        assert "/OutputIntents" in root and "/Metadata" in root
    if variant == "pdf/ua-1":
        assert "/StructTreeRoot" in root


def test_a_pdf_without_answers_is_refused(tmp_path):
    from weasyprint import HTML

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(HTML(string="<p>hello</p>").write_pdf())
    result = CliRunner().invoke(cli, ["score", str(plain)])
    assert result.exit_code == 1
    assert "plain.pdf: this PDF carries no reportgen answers file" in result.output
    assert "Traceback" not in result.output
