"""Hostile inputs, round two (issue 27): brand logos, bidirectional controls, YAML tags.
Each case was run against the code before its fix and failed."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .support import ROOT

SAMPLE = str(ROOT / "samples" / "minimal-startup.yaml")
SVG = (ROOT / "samples" / "brand" / "logo.svg").read_text(encoding="utf-8")


def png(width: int, height: int, body: bytes | None = None) -> bytes:
    """A PNG of this size: grey pixels, or `body` as its image data (damaged if not zlib)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    data = body if body is not None else zlib.compress(rows)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def render_with_logo(tmp_path: Path, name: str, content: bytes):
    (tmp_path / name).write_bytes(content)
    brand = tmp_path / "brand.yaml"
    brand.write_text(f"firm_name: Firm\nlogo: {name}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "render",
            SAMPLE,
            "--brand",
            str(brand),
            "--lang",
            "en",
            "--format",
            "html",
            "-o",
            str(out),
        ],
    )
    return result, out


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # 12,900 pixels a side declared in 100 bytes: refused from its header, never decoded.
        (
            "huge.png",
            png(12900, 12900, b"x"),
            "12,900 x 12,900 pixels; a logo may be at most 4,000",
        ),
        # A damaged image was left out of the report silently (exit 0).
        ("broken.png", png(40, 40, b"not zlib data"), "the PNG image cannot be decoded"),
        ("page.svg", b"<html><body/></html>", "its root element is <html>, not <svg>"),
        (
            "entities.svg",
            b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "declares XML entities or a DTD",
        ),
    ],
)
def test_a_logo_that_is_too_large_or_damaged_is_a_located_error(tmp_path, name, content, expected):
    # WeasyPrint, once imported, makes Pillow load damaged images silently, process-wide:
    # the check must not depend on whether a PDF was made before in this process.
    import weasyprint  # noqa: F401

    result, out = render_with_logo(tmp_path, name, content)
    assert result.exit_code == 1, result.output
    assert "brand.yaml:2: logo:" in result.output and expected in result.output
    assert "Traceback" not in result.output and "Warning" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # Only the first 4 kB were sniffed for "<svg": a long comment first was refused.
        ("commented.svg", ("<!--" + "x" * 6000 + "-->\n" + SVG.split("?>", 1)[-1]).encode()),
        ("small.png", png(40, 40)),
    ],
)
def test_a_valid_logo_is_embedded(tmp_path, name, content):
    result, out = render_with_logo(tmp_path, name, content)
    assert result.exit_code == 0, result.output
    html = (out / "minimal-startup.en.html").read_text(encoding="utf-8")
    kind = "image/svg+xml" if name.endswith(".svg") else "image/png"
    assert f"data:{kind};base64," in html


def test_bidirectional_controls_are_escaped_in_names_and_refused_in_text(tmp_path):
    # U+202E printed raw turns "x<RLO>lmay.yaml" into what reads as "xyaml.yaml"-like text.
    named = tmp_path / "x\u202elmay.yaml"
    named.write_bytes(Path(SAMPLE).read_bytes())
    result = CliRunner().invoke(cli, ["validate", str(named)])
    assert result.exit_code == 0
    assert "\u202e" not in result.output and "x\\u202elmay.yaml: valid" in result.output

    text = Path(SAMPLE).read_text(encoding="utf-8").replace("name:", 'name: "Evil \u202eCorp" #', 1)
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(answers)])
    assert result.exit_code == 1
    assert "client.name: holds the unprintable character U+202E; remove it" in result.output

    brand = tmp_path / "brand.yaml"
    brand.write_text('firm_name: "Firm \u202eA"\n', encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["render", SAMPLE, "--brand", str(brand), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 1 and "U+202E" in result.output


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        # Was "the top level is empty".
        (
            '!!python/object/apply:os.system ["true"]',
            "1: YAML tags such as tag:yaml.org,2002:python/object/apply:os.system are not allowed",
        ),
        # Was "expected schema_version 1, got empty".
        ("schema_version: !int 1", "1: schema_version: YAML tags such as !int are not allowed"),
    ],
)
def test_a_yaml_tag_is_named_where_it_stands(tmp_path, first_line, expected):
    text = Path(SAMPLE).read_text(encoding="utf-8")
    answers = tmp_path / "tagged.yaml"
    if first_line.startswith("!!python"):
        answers.write_text(first_line + "\n", encoding="utf-8")
        line = 1
    else:
        assert "\nschema_version: 1\n" in text
        answers.write_text(text.replace("\nschema_version: 1\n", f"\n{first_line}\n"), "utf-8")
        line = text.splitlines().index("schema_version: 1") + 1
    result = CliRunner().invoke(cli, ["validate", str(answers)])
    assert result.exit_code == 1
    assert f"{answers}:{line}:{expected.split(':', 1)[1]}" in result.output
    assert "got empty" not in result.output and "top level is empty" not in result.output


def test_a_text_over_the_length_limit_is_refused_in_yaml_as_in_a_workbook(tmp_path):
    # A 1 MB note took 30 s to render, 10 MB minutes: texts stop at 20,000 characters.
    text = Path(SAMPLE).read_text(encoding="utf-8")
    assert "\nvalidation:" in text
    long_note = '\nnotes:\n  validation: "' + "x" * 20_001 + '"\nvalidation:'
    answers = tmp_path / "long.yaml"
    answers.write_text(text.replace("\nvalidation:", long_note, 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(answers)])
    assert result.exit_code == 1
    assert (
        "notes.validation: the text has 20,001 characters; a text may have at most 20,000"
        in result.output
    )
