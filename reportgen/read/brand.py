"""A consulting firm's brand file (YAML) -> a validated, immutable ``Brand``.

The logo is the only local file the renderer may use besides the package's own
assets. It must sit in the brand file's own folder (or below it) and is read here,
once, into a data: URI, so the HTML is self-contained and WeasyPrint never opens a
path named by a user.
"""

from __future__ import annotations

import base64
import re
import zlib
from pathlib import Path
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..blocks import schema
from ..errors import InvalidFileError
from ..model import Brand
from .check import INVALID, Checker
from .inputs import read_limited
from .yamltree import Tree, parse_tree

MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")

SCHEMA = schema.Fields(
    fields=(
        schema.Field("firm_name", schema.Text(), required=True),
        schema.Field("logo", schema.Node()),
        schema.Field("primary_colour", schema.Node()),
        schema.Field("accent_colour", schema.Node()),
        schema.Field("footer", schema.Text(required=False)),
        schema.Field("contact", schema.Text(required=False)),
        schema.Field("confidentiality", schema.Text(required=False)),
        schema.Field("sign_certificate", schema.Text(required=False)),
        schema.Field("docx_template", schema.Text(required=False)),
    )
)


class _BrandChecker(Checker):
    """Logo and colours are checked by hand below; their schema nodes take any value."""

    def _node(self, node: schema.Node, value: Any, path: tuple[str | int, ...]) -> Any:
        return value


def _logo(tree: Tree, value: Any, folder: Path) -> str | None:
    path = ("logo",)
    if value is None or value is INVALID:  # INVALID: already reported with its line
        return None
    if not isinstance(value, str) or not value.strip():
        tree.problem(path, "expected the path of an SVG or PNG file next to the brand file")
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) or value.startswith("data:"):
        tree.problem(path, f"expected a local file next to the brand file, got the URL {value!r}")
        return None
    try:
        target = (folder / value).resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a symlink loop
        tree.problem(path, f"cannot find the logo {value!r}: {exc}")
        return None
    if not target.is_relative_to(folder.resolve()):
        tree.problem(
            path, f"the logo must be inside the brand file's folder ({folder}); got {value!r}"
        )
        return None
    kind = LOGO_TYPES.get(target.suffix.lower())
    if kind is None:
        tree.problem(path, f"expected an .svg or .png file, got {value!r}")
        return None
    try:
        data = read_limited(target, MAX_LOGO_BYTES, "logos")
    except InvalidFileError as exc:
        # A logo too big (even a sparse file that claims gigabytes) is refused unread.
        reason = exc.problems[0].message if exc.problems else exc.message
        if reason == "no such file":
            reason = f"no such file: {target}"
        tree.problem(path, reason)
        return None
    problem = _png_problem(data) if kind == "image/png" else _svg_problem(data)
    if problem is not None:
        tree.problem(path, f"{value!r}: {problem}")
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# A logo is printed a few centimetres wide: 4,000 pixels a side is 600 dpi at 17 cm.
MAX_LOGO_PIXELS = 4000


def _png_problem(data: bytes) -> str | None:
    """Why a PNG cannot be the logo, its size read from its header before anything is
    decoded (a 485 kB PNG can declare 12,900 x 12,900 pixels: 1.3 GB once decoded); then
    its chunks and compressed pixels checked whole, so that a damaged image is an error
    here, not a logo left out. (Not with Pillow's decoder: WeasyPrint, once imported,
    has Pillow load truncated images without a word, process-wide.)"""
    if not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR" or len(data) < 24:
        return "not a PNG image"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if width > MAX_LOGO_PIXELS or height > MAX_LOGO_PIXELS:
        return (
            f"the image is {width:,} x {height:,} pixels; a logo may be at most "
            f"{MAX_LOGO_PIXELS:,} pixels a side"
        )
    # At most 8 bytes a pixel (16-bit RGBA) and a filter byte a row, Adam7 passes aside.
    bound = height * (width * 8 + 1) * 2 + 1024
    pixels = zlib.decompressobj()
    size, offset, ended = 0, 8, False
    while offset + 12 <= len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        crc = data[offset + 8 + length : offset + 12 + length]
        if (
            len(body) < length
            or len(crc) < 4
            or zlib.crc32(kind + body) != int.from_bytes(crc, "big")
        ):
            return f"the PNG image is damaged (its {kind.decode('latin-1')!r} chunk)"
        if kind == b"IDAT":
            try:
                size += len(pixels.decompress(body, bound - size))
            except zlib.error as exc:
                return f"the PNG image cannot be decoded ({exc})"
            if pixels.unconsumed_tail or size >= bound:
                return "the PNG image holds more pixel data than its size allows"
        if kind == b"IEND":
            ended = True
            break
        offset += 12 + length
    if not ended or not pixels.eof:
        return "the PNG image is cut short"
    return None


SVG_ROOT = "{http://www.w3.org/2000/svg}svg"


def _svg_problem(data: bytes) -> str | None:
    """Why an SVG cannot be the logo: it must parse as XML (defusedxml: no entity
    expansion, no external entities) with an <svg> root, whatever comes before it (an
    XML declaration, comments of any length, a doctype)."""
    try:
        root = ElementTree.fromstring(data)
    except DefusedXmlException:
        return "the SVG declares XML entities or a DTD, which a logo does not need"
    except ElementTree.ParseError as exc:
        return f"not an SVG image (not well-formed XML: {exc})"
    if root.tag not in (SVG_ROOT, "svg"):
        return f"not an SVG image (its root element is <{root.tag}>, not <svg>)"
    return None


def _colour(tree: Tree, value: Any, key: str) -> str | None:
    if value is None or value is INVALID:
        return None
    if not isinstance(value, str) or not _COLOUR.match(value):
        tree.problem((key,), f"expected a colour such as #1F4E79, got {value!r}")
        return None
    return value.lower()


def _certificate(tree: Tree, value: Any, folder: Path) -> str | None:
    """The signing certificate's path, relative to the brand file's folder: it is only
    read when signing (`render --sign`), with its password from the environment."""
    if not isinstance(value, str) or not value.strip():
        return None
    path = (folder / value).resolve()
    if not path.is_file():
        tree.problem(
            ("sign_certificate",),
            f"expected a PKCS#12 (.p12/.pfx) file next to the brand file, found no file {value!r}",
        )
        return None
    return str(path)


def _docx_template(tree: Tree, value: Any, folder: Path) -> str | None:
    """The Word template's path, relative to the brand file's folder; it is read and
    checked when DOCX files are made (`--format docx`)."""
    if not isinstance(value, str) or not value.strip():
        return None
    path = (folder / value).resolve()
    if path.suffix.lower() not in (".dotx", ".docx") or not path.is_file():
        tree.problem(
            ("docx_template",),
            f"expected a Word template (.dotx or .docx) next to the brand file, got {value!r}",
        )
        return None
    return str(path)


def parse_brand(data: bytes, file: str, folder: Path) -> Brand:
    value, tree = parse_tree(data, file, what="brand file", expected="a mapping with firm_name")
    checked = _BrandChecker(tree).check(SCHEMA, value, ())
    if checked is INVALID:
        checked = {}
    brand = Brand(
        firm_name=checked.get("firm_name"),
        logo_uri=_logo(tree, checked.get("logo"), folder),
        primary_colour=_colour(tree, checked.get("primary_colour"), "primary_colour"),
        accent_colour=_colour(tree, checked.get("accent_colour"), "accent_colour"),
        footer=checked.get("footer"),
        contact=checked.get("contact"),
        confidentiality=checked.get("confidentiality"),
        sign_certificate=_certificate(tree, checked.get("sign_certificate"), folder),
        docx_template=_docx_template(tree, checked.get("docx_template"), folder),
    )
    if tree.problems:
        raise InvalidFileError(file, tuple(sorted(tree.problems, key=lambda p: p.line or 0)))
    return brand


MAX_BRAND_BYTES = 64 * 1024  # a brand file is a dozen lines


def load_brand(path: str | Path) -> Brand:
    data = read_limited(path, MAX_BRAND_BYTES, "brand files")
    return parse_brand(data, str(path), Path(path).resolve().parent)
