"""Word output (`--format docx`): real DOCX files opened with python-docx, a firm's template
applied, the answers re-scored from the file, and, where LibreOffice is installed, the
documents converted to PDF and read back."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor

from reportgen.cli import cli
from reportgen.engine import score
from reportgen.errors import ReportgenError
from reportgen.pipeline import Request, Styling, answers_of, make_styling, pages
from reportgen.read import load_answers
from reportgen.read.brand import load_brand

from .support import ROOT, build_outputs

SAMPLE = ROOT / "samples" / "mekong-agri.yaml"
SMALL = ROOT / "samples" / "minimal-startup.yaml"
BRAND = ROOT / "samples" / "brand" / "brand.yaml"
SHARED = pytest.mark.xdist_group("docx")
pytestmark = SHARED
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def styling(**kwargs) -> Styling:
    return Styling(brand=load_brand(BRAND), draft=True, **kwargs)


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    """The sample's report in both languages and its bilingual handout, as DOCX."""
    data = SAMPLE.read_bytes()
    out, _scores = build_outputs(data, str(SAMPLE), "s", "all", "docx", styling=styling())
    handout, _ = build_outputs(
        data, str(SAMPLE), "s", "vi+en", "docx", kind="handout", styling=styling()
    )
    return {**out, **handout}


@pytest.fixture(scope="module")
def html() -> dict[str, str]:
    """The HTML the same documents are made from (what the PDF is drawn from)."""
    data = SAMPLE.read_bytes()
    out = {}
    for lang, kind in (("all", "report"), ("vi+en", "handout")):
        request = Request(data, str(SAMPLE), "s", lang, "html", kind, styling())
        answers = answers_of(request)
        for page in pages(request, answers, score(answers)):
            out[f"{page.lang}.{kind}"] = page.html
    return out


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def paragraphs(document):
    """Every paragraph of the body, those in tables (the cover) included."""
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


def texts(document, style: str) -> list[str]:
    """The text of each paragraph in a style, white space (no-break spaces of the
    Vietnamese headings included) as single spaces."""
    return [" ".join(p.text.split()) for p in paragraphs(document) if p.style.name == style]


def body_tables(document):
    return document.element.body.findall(f"{W}tbl")


def test_output_names(built):
    assert sorted(built) == ["s.en.docx", "s.vi+en.handout.docx", "s.vi.docx"]


@pytest.mark.parametrize("name", ["s.en.docx", "s.vi.docx", "s.vi+en.handout.docx"])
def test_words_own_styles_are_used(built, name):
    document = open_docx(built[name])
    used = {p.style.name for p in paragraphs(document)}
    expected = {"Title", "Heading 1", "List Number", "List Bullet"}
    if "handout" not in name:  # the handout's chart sits under its block's heading
        expected |= {"Heading 2", "Heading 3", "Caption"}
    assert expected <= used


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_chapters_are_heading_1_in_the_order_of_the_contents(built, html, lang):
    document = open_docx(built[f"s.{lang}.docx"])
    tree = lxml.html.document_fromstring(html[f"{lang}.report"])
    chapters = [" ".join(a.text_content().split()) for a in tree.xpath("//nav//li/a")]
    assert chapters and texts(document, "Heading 1") == chapters
    title = " ".join(tree.xpath("//section[@class='cover']//h1")[0].text_content().split())
    assert texts(document, "Title") == [title]


def test_tables_are_word_tables_with_a_style_and_repeating_headers(built, html):
    data = built["s.en.docx"]
    tree = lxml.html.document_fromstring(html["en.report"])
    html_tables = tree.xpath("//table")
    document = open_docx(data)
    # The cover and the flex rows (the headline's score beside its meaning) are tables
    # without a table's look.
    tables = [t for t in body_tables(document)
              if t.find(f"{W}tblPr/{W}tblLook").get(f"{W}val") != "0000"]  # fmt: skip
    assert len(tables) == len(html_tables)
    for tbl, source in zip(tables, html_tables, strict=True):
        assert tbl.find(f"{W}tblPr/{W}tblStyle") is not None
        rows = tbl.findall(f"{W}tr")
        headed = [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows]
        head_rows = len(source.xpath("./thead/tr"))
        assert headed == [True] * head_rows + [False] * (len(rows) - head_rows)
        assert len(rows) == len(source.xpath(".//tr"))
    # A cell's text is the HTML cell's, badges included.
    first = html_tables[0].xpath(".//td")[0].text_content().strip()
    assert first in "".join(tables[0].itertext())


def test_badges_are_coloured_runs(built):
    xml = part_xml(built["s.en.docx"], "word/document.xml")
    poor = re.search(r'<w:shd w:val="clear" w:color="auto" w:fill="([0-9A-F]{6})"/>'
                     r"(?:<w:lang[^>]*/>)?</w:rPr><w:t[^>]*>\u00a0?Poor", xml)  # fmt: skip
    assert poor is not None and poor.group(1) == "B03A2E"  # the palette's "poor"


def test_charts_are_images_at_print_resolution_with_alternative_text(built, html):
    data = built["s.en.docx"]
    document = open_docx(data)
    tree = lxml.html.document_fromstring(html["en.report"])
    captions = [" ".join(c.text_content().split()) for c in tree.xpath("//figure/figcaption")]
    inlines = document.inline_shapes
    assert len(inlines) == len(captions) + 1  # and the logo
    descr = [s._inline.docPr.get("descr") for s in inlines]
    assert descr[0] == load_brand(BRAND).firm_name
    assert descr[1:] == captions
    for shape in list(inlines)[1:]:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = document.part.related_parts[blip.embed].image
        assert image.content_type == "image/png"
        dpi = image.px_width / (shape.width / 914400)
        assert dpi >= 200, dpi
        assert shape.width <= document.sections[0].page_width  # fits the page


def test_the_handouts_chart_has_its_blocks_heading_as_alternative_text(built):
    document = open_docx(built["s.vi+en.handout.docx"])
    (chart,) = list(document.inline_shapes)[1:]
    assert chart._inline.docPr.get("descr").startswith("Các khía cạnh xác thực")


@pytest.mark.parametrize(("name", "words"), [("s.en.docx", "Page"), ("s.vi.docx", "Trang")])
def test_contents_and_page_numbers_are_fields(built, name, words):
    data = built[name]
    body = part_xml(data, "word/document.xml")
    assert re.search(r'<w:instrText xml:space="preserve"> TOC \\o "1-2" \\h', body)
    assert '<w:updateFields w:val="true"/>' in part_xml(data, "word/settings.xml")
    document = open_docx(data)
    footer = document.sections[0].footer._element
    instructions = [" ".join(t.text.split()) for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.xpath("string(.)").startswith("Trúc Xanh Advisory")
    assert words in "".join(t.text for t in footer.iter(qn("w:t")))
    # The contents' entries link to the headings' bookmarks.
    anchors = re.findall(r'<w:hyperlink w:anchor="(_Toc\d+)"', body)
    marks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"/>', body)
    assert anchors and anchors == marks


@pytest.mark.parametrize(("name", "tag"), [("s.en.docx", "en-US"), ("s.vi.docx", "vi-VN"),
                                            ("s.vi+en.handout.docx", "vi-VN")])  # fmt: skip
def test_document_language_and_font(built, name, tag):
    styles = part_xml(built[name], "word/styles.xml")
    defaults = styles[styles.find("<w:docDefaults") : styles.find("</w:docDefaults>")]
    assert f'<w:lang w:val="{tag}"' in defaults
    assert 'w:ascii="Noto Sans"' in defaults
    fonts = part_xml(built[name], "word/fontTable.xml")
    assert re.search(r'<w:font w:name="Noto Sans"><w:altName w:val="Arial"/>', fonts)


@pytest.mark.parametrize("name", ["s.en.docx", "s.vi+en.handout.docx"])
def test_the_bundled_font_is_embedded(built, name):
    """Noto Sans travels in the file (Word's obfuscated embedding), so Word and
    LibreOffice lay the text out in the PDF's letters, not a substitute's."""
    from reportgen.resources import FONTS_DIR

    data = built[name]
    assert "<w:embedTrueTypeFonts/>" in part_xml(data, "word/settings.xml")
    fonts = lxml.etree.fromstring(part_xml(data, "word/fontTable.xml").encode())
    (noto,) = [f for f in fonts.findall(f"{W}font") if f.get(f"{W}name") == "Noto Sans"]
    rels = part_xml(data, "word/_rels/fontTable.xml.rels")
    kinds = {}
    for embed in noto:
        if embed.tag.startswith(f"{W}embed"):
            rid = embed.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"',
                               rels)  # fmt: skip
            path = "word/" + (target.group(1) or target.group(2))
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                blob = bytearray(archive.read(path))
            key = bytes.fromhex(embed.get(f"{W}fontKey").strip("{}").replace("-", ""))[::-1]
            for i in range(32):
                blob[i] ^= key[i % 16]
            kinds[embed.tag[len(W) :]] = bytes(blob)
    assert kinds["embedRegular"] == (FONTS_DIR / "NotoSans-Regular.ttf").read_bytes()
    assert kinds["embedBold"] == (FONTS_DIR / "NotoSans-Bold.ttf").read_bytes()


def test_page_numbers_look_like_the_words_around_them(built):
    """Every run of the footer's fields has the footer's small size (LibreOffice draws a
    field's result in the look of its first run)."""
    footer = open_docx(built["s.en.docx"]).sections[0].footer._element
    sizes = {r.xpath("string(./w:rPr/w:sz/@w:val)") for r in footer.iter(qn("w:r"))
             if r.find(qn("w:tab")) is None}  # fmt: skip
    assert sizes == {"16"}


def test_a_headings_second_language_is_not_bold(built):
    """The bilingual handout's headings: the English line is plain, as in the PDF."""
    document = open_docx(built["s.vi+en.handout.docx"])
    heading = next(p for p in paragraphs(document) if p.style.name == "Heading 1")
    english = [r for r in heading.runs if r.text.strip() and r._r.find(
        f"{qn('w:rPr')}/{qn('w:lang')}") is not None]  # fmt: skip
    assert english and all(r.bold is False for r in english)
    others = [r for r in heading.runs if r.text.strip() and r._r not in [e._r for e in english]]
    assert others and all(r.bold is None for r in others)  # the Heading style's bold


def test_the_handouts_score_stands_beside_its_meaning(built, html):
    """A flex row of blocks (the score, its meaning) is a one-row table, as wide as the
    page, bordered as the row is."""
    document = open_docx(built["s.vi+en.handout.docx"])
    rows = [t for t in body_tables(document)
            if t.find(f"{W}tblPr/{W}tblLook").get(f"{W}val") == "0000"]  # fmt: skip
    assert len(rows) == 1
    cells = rows[0].findall(f"{W}tr/{W}tc")
    assert len(cells) == 2
    assert "Tổng điểm" in cells[0].xpath("string(.)")
    assert "Cần điều chỉnh lớn" in cells[1].xpath("string(.)")
    borders = rows[0].find(f"{W}tblPr/{W}tblBorders")
    assert borders.find(f"{W}top").get(f"{W}val") == "single"
    assert borders.find(f"{W}insideV").get(f"{W}val") == "nil"


def test_a_badge_fits_its_column(built):
    """The handout's advantages: the badge column is as wide as its widest badge, in its
    two sizes (the second language smaller), plus the cell's margins."""
    from reportgen.render.docx import Fmt, _text_pt

    document = open_docx(built["s.vi+en.handout.docx"])
    table = next(t for t in body_tables(document)
                 if t.find(f"{W}tblPr/{W}tblLook").get(f"{W}val") != "0000")  # fmt: skip
    last = int(table.findall(f"{W}tblGrid/{W}gridCol")[-1].get(f"{W}w"))
    for row in table.findall(f"{W}tr"):
        runs = row.findall(f"{W}tc")[-1].iter(qn("w:r"))
        width = 0.0
        for run in runs:
            rpr = run.find(qn("w:rPr"))
            size = int(rpr.find(qn("w:sz")).get(qn("w:val"))) / 2
            bold = rpr.find(qn("w:b")) is not None and rpr.find(qn("w:b")).get(qn("w:val")) != "0"
            width += _text_pt(run.xpath("string(.)"), Fmt(bold=bold, size=size), 12)
        assert width > 100  # a badge in both languages
        assert width * 20 + 216 <= last, (width, last)


def test_english_passages_of_the_bilingual_handout_are_marked_english(built):
    document = open_docx(built["s.vi+en.handout.docx"])
    english, vietnamese = set(), set()
    for run in document.element.body.iter(qn("w:r")):
        lang = run.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        text = "".join(t.text for t in run.iter(qn("w:t"))).strip()
        if text:
            (english if lang is not None and lang.get(qn("w:val")) == "en-US" else
             vietnamese).add(text)  # fmt: skip
    assert "Total score" in english
    assert "Tổng điểm" in vietnamese


def test_header_names_the_client_and_carries_the_draft_watermark(built):
    document = open_docx(built["s.vi.docx"])
    section = document.sections[0]
    header = section.header._element.xpath("string(.)")
    assert "Mekong AgriData Co., Ltd." in header
    assert 'string="BẢN NHÁP"' in section.header._element.xml
    assert 'string="BẢN NHÁP"' in section.first_page_header._element.xml  # the cover too
    data = SMALL.read_bytes()
    plain, _ = build_outputs(data, str(SMALL), "m", "en", "docx", styling=Styling())
    assert "v:textpath" not in open_docx(plain["m.en.docx"]).sections[0].header._element.xml


def test_cover_has_the_brands_colour_and_logo(built):
    document = open_docx(built["s.en.docx"])
    cover = body_tables(document)[0]
    fill = cover.find(f"{W}tr/{W}tc/{W}tcPr/{W}shd").get(qn("w:fill"))
    assert fill == "1E5B4F"  # the brand file's primary colour
    assert cover.xpath(".//wp:docPr/@descr") == [load_brand(BRAND).firm_name]


def test_identical_input_gives_identical_bytes(built):
    data = SAMPLE.read_bytes()
    again, _ = build_outputs(data, str(SAMPLE), "s", "en", "docx", styling=styling())
    assert again["s.en.docx"] == built["s.en.docx"]


# -- the answers it carries -----------------------------------------------------------------


def invoke(*args) -> object:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def expected_scores() -> dict:
    return json.loads(invoke("score", SAMPLE).output)


def test_score_rescores_a_docx(built, tmp_path):
    path = tmp_path / "report.en.docx"
    path.write_bytes(built["s.en.docx"])
    result = invoke("score", path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected_scores()
    assert load_answers(path).client.name == "Mekong AgriData Co., Ltd."


def test_an_edited_docx_still_rescores(built, tmp_path):
    document = open_docx(built["s.vi.docx"])
    document.add_paragraph("Ghi chú thêm của chuyên gia tư vấn.")
    document.paragraphs[0].text = "Edited"
    path = tmp_path / "edited.docx"
    document.save(str(path))
    result = invoke("score", path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected_scores()


def test_a_word_document_without_answers_is_one_clear_error(tmp_path):
    path = tmp_path / "letter.docx"
    docx.Document().save(str(path))
    result = invoke("score", path)
    assert result.exit_code == 1
    assert "carries no reportgen answers file" in result.output
    assert "Traceback" not in result.output


def test_damaged_embedded_answers_are_refused(built, tmp_path):
    source = zipfile.ZipFile(io.BytesIO(built["s.en.docx"]))
    path = tmp_path / "damaged.docx"
    with zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            content = source.read(info)
            if b"urn:reportgen:answers:1" in content and b"<answers" in content:
                content = re.sub(rb"\n([A-Za-z0-9+/])", rb"\nA", content, count=1)
            out.writestr(info, content)
    result = invoke("score", path)
    assert result.exit_code == 1
    assert "damaged" in result.output


# -- a firm's template ----------------------------------------------------------------------


def firm_template(path: Path, *, drop: tuple[str, ...] = (), dotx: bool = False) -> Path:
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xAA, 0x11, 0x22)
    heading.font.name = "Georgia"
    section = document.sections[0]
    section.left_margin = Mm(40)
    section.header.paragraphs[0].text = "Firm letterhead"
    document.add_paragraph("Sample text of the template, not to be kept.")
    for name in drop:
        document.styles.element.remove(document.styles[name].element)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if dotx:
        source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(b"document.main+xml", b"template.main+xml")
                target.writestr(info, content)
        data = out.getvalue()
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("dotx", [False, True], ids=["docx", "dotx"])
def test_a_firms_template_supplies_styles_page_and_header(tmp_path, dotx):
    template = firm_template(tmp_path / ("firm.dotx" if dotx else "firm.docx"), dotx=dotx)
    st = make_styling(None, None, False, None, docx_template=str(template))
    data = SMALL.read_bytes()
    out, _ = build_outputs(data, str(SMALL), "m", "en", "docx", styling=st)
    document = open_docx(out["m.en.docx"])
    heading = document.styles["Heading 1"]
    assert heading.font.color.rgb == RGBColor(0xAA, 0x11, 0x22)
    assert heading.font.name == "Georgia"
    assert round(document.sections[0].left_margin.mm) == 40
    header = document.sections[0].header._element.xpath("string(.)")
    assert "Firm letterhead" in header
    assert load_answers(SMALL).client.name in header
    body = document.element.body.xpath("string(.)")
    assert "not to be kept" not in body
    assert texts(document, "Heading 1")


def test_a_template_missing_styles_is_one_line_naming_them(tmp_path):
    template = firm_template(tmp_path / "firm.docx", drop=("Caption", "List Number"))
    with pytest.raises(ReportgenError) as caught:
        make_styling(None, None, False, None, docx_template=str(template))
    message = caught.value.format_message()
    assert "\n" not in message
    assert str(template) in message and "Caption" in message and "List Number" in message
    result = invoke("render", SMALL, "--format", "docx", "--docx-template", template, "-o",
                    tmp_path / "out")  # fmt: skip
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "List Number" in result.output
    assert not (tmp_path / "out").exists()


def test_the_brand_file_names_the_template(tmp_path):
    firm_template(tmp_path / "firm.dotx", dotx=True)
    (tmp_path / "brand.yaml").write_text('firm_name: "Firm"\ndocx_template: firm.dotx\n')
    st = make_styling(str(tmp_path / "brand.yaml"), None, False, None)
    assert st.docx_template is not None and st.docx_template[1].endswith("firm.dotx")
    (tmp_path / "bad.yaml").write_text('firm_name: "Firm"\ndocx_template: missing.dotx\n')
    with pytest.raises(ReportgenError) as caught:
        make_styling(str(tmp_path / "bad.yaml"), None, False, None)
    assert "docx_template" in caught.value.format_message()


# -- the commands ----------------------------------------------------------------------------


def test_render_pdf_and_docx_in_one_run(tmp_path):
    result = invoke("render", SMALL, "--format", "docx,pdf", "-o", tmp_path, "--lang", "all")
    assert result.exit_code == 0, result.output
    names = sorted(Path(line).name for line in result.output.split())
    stem = SMALL.stem
    assert names == sorted(f"{stem}.{lang}.{fmt}" for lang in ("vi", "en")
                           for fmt in ("pdf", "docx"))  # fmt: skip
    assert (tmp_path / f"{stem}.en.pdf").read_bytes().startswith(b"%PDF-")
    open_docx((tmp_path / f"{stem}.en.docx").read_bytes())


def test_an_unknown_format_is_a_usage_error(tmp_path):
    result = invoke("render", SMALL, "--format", "pdf,odt", "-o", tmp_path)
    assert result.exit_code == 2
    assert "pdf,docx" in result.output


def test_batch_links_the_docx_and_renders_again_when_the_format_changes(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SMALL, inputs / SMALL.name)
    out = tmp_path / "out"
    first = invoke("batch", inputs, "-o", out, "--format", "docx", "-j", "1", "--lang", "en")
    assert first.exit_code == 0, first.output
    assert f'href="{SMALL.stem}.en.docx"' in (out / "index.html").read_text()
    again = invoke("batch", inputs, "-o", out, "--format", "docx", "-j", "1", "--lang", "en")
    assert "0 rendered, 1 up to date" in again.output
    changed = invoke("batch", inputs, "-o", out, "--format", "html,docx", "-j", "1",
                     "--lang", "en")  # fmt: skip
    assert "1 rendered, 0 up to date" in changed.output
    manifest = json.loads((out / ".reportgen-manifest.json").read_text())
    (entry,) = manifest["entries"].values()
    assert sorted(o["format"] for o in entry["outputs"]) == ["docx", "html"]


def test_a_changed_template_changes_the_batch_fingerprint(tmp_path):
    from reportgen.batch import BatchOptions

    one = firm_template(tmp_path / "one.docx")
    two = tmp_path / "two.docx"
    document = docx.Document(str(one))
    document.styles["Heading 1"].font.size = Mm(8)
    document.save(str(two))
    shapes = [
        BatchOptions(fmt="pdf").shaping(),
        BatchOptions(fmt="pdf,docx").shaping(),
        BatchOptions(fmt="pdf,docx", styling=make_styling(
            None, None, False, None, docx_template=str(one))).shaping(),
        BatchOptions(fmt="pdf,docx", styling=make_styling(
            None, None, False, None, docx_template=str(two))).shaping(),
    ]  # fmt: skip
    assert len({json.dumps(s, sort_keys=True) for s in shapes}) == 4


# -- LibreOffice --------------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer; docs/word.md)",
)


def convert(path: Path, to: str, out: Path) -> Path:
    # A profile of its own: a user's running LibreOffice would otherwise take the job.
    profile = (out / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(path),
        ],  # fmt: skip
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{path.stem}.{to.split(':')[0]}"


@needs_soffice
@pytest.mark.parametrize("name", ["s.en.docx", "s.vi.docx"])
def test_libreoffice_converts_it_to_a_pdf_with_its_text(built, tmp_path, name):
    import pypdf

    path = tmp_path / name
    path.write_bytes(built[name])
    pdf = convert(path, "pdf", tmp_path)
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) > 10
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    document = open_docx(built[name])
    for heading in texts(document, "Heading 1"):
        assert heading in text
    assert "Mekong AgriData Co., Ltd." in text


@needs_soffice
@pytest.mark.parametrize("sample", ["mekong-agri", "sao-mai-fintech", "hoa-sen-edtech"])
def test_the_handout_is_two_pages_in_libreoffice(built, tmp_path, sample):
    """The handout is designed as two A4 pages, and is two pages in Word's layout too;
    no badge breaks inside a word."""
    import pypdf

    if sample == "mekong-agri":
        data = built["s.vi+en.handout.docx"]
    else:
        source = ROOT / "samples" / f"{sample}.yaml"
        out, _ = build_outputs(source.read_bytes(), str(source), "s", "vi+en", "docx",
                               kind="handout")  # fmt: skip
        data = out["s.vi+en.handout.docx"]
    path = tmp_path / f"{sample}.docx"
    path.write_bytes(data)
    reader = pypdf.PdfReader(str(convert(path, "pdf", tmp_path)))
    assert len(reader.pages) == 2
    # As text, not as split words: how pypdf spaces the runs it extracts differs between
    # its releases; a badge broken inside a word has a line end inside it either way.
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    badges = {w for b in open_docx(data).element.body.iter(qn("w:r"))
              if b.find(f"{qn('w:rPr')}/{qn('w:shd')}") is not None
              for w in b.xpath("string(.)").replace("\u00a0", " ").split()}  # fmt: skip
    assert badges and all(w in text for w in badges if len(w) > 3)


@needs_soffice
def test_a_docx_saved_by_libreoffice_still_rescores(built, tmp_path):
    source = tmp_path / "in" / "report.docx"
    source.parent.mkdir()
    source.write_bytes(built["s.en.docx"])
    saved = convert(source, "docx:MS Word 2007 XML", tmp_path)
    assert saved.read_bytes() != built["s.en.docx"]
    result = invoke("score", saved)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == expected_scores()


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        ("all", ("html", "pdf")),
        ("docx,pdf", ("pdf", "docx")),
        ("html", ("html",)),
        ("pdf, all", ("html", "pdf")),
        ("docx", ("docx",)),
    ],  # fmt: skip
)
def test_format_lists(option, expected):
    from reportgen.pipeline import formats

    assert formats(option) == expected
