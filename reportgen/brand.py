"""A consulting firm's brand file (YAML) -> a validated, immutable ``Brand``.

The logo is the only local file the renderer may use besides the package's own
assets. It must sit in the brand file's own folder (or below it) and is read here,
once, into a data: URI, so the HTML is self-contained and WeasyPrint never opens a
path named by a user.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answers import _INVALID, _MISSING, _Checker, _get, parse_tree, read_input
from .errors import InvalidFileError

MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png"}
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
KEYS = (
    "firm_name",
    "logo",
    "primary_colour",
    "accent_colour",
    "footer",
    "contact",
    "confidentiality",
)


@dataclass(frozen=True)
class Brand:
    firm_name: str
    logo_uri: str | None = None  # data: URI of the logo
    primary_colour: str | None = None  # #RRGGBB
    accent_colour: str | None = None
    footer: str | None = None
    contact: str | None = None
    confidentiality: str | None = None


def _logo(c: _Checker, value: Any, folder: Path) -> str | None:
    path = ("logo",)
    if value is _MISSING or value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        c.problem(path, "expected the path of an SVG or PNG file next to the brand file")
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", value) or value.startswith("data:"):
        c.problem(path, f"expected a local file next to the brand file, got the URL {value!r}")
        return None
    target = (folder / value).resolve()
    if not target.is_relative_to(folder.resolve()):
        c.problem(
            path, f"the logo must be inside the brand file's folder ({folder}); got {value!r}"
        )
        return None
    kind = LOGO_TYPES.get(target.suffix.lower())
    if kind is None:
        c.problem(path, f"expected an .svg or .png file, got {value!r}")
        return None
    if not target.is_file():
        c.problem(path, f"no such file: {target}")
        return None
    data = target.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        c.problem(path, f"the logo is {len(data):,} bytes; the limit is {MAX_LOGO_BYTES:,}")
        return None
    if kind == "image/png" and not data.startswith(b"\x89PNG\r\n\x1a\n"):
        c.problem(path, f"{value!r} is not a PNG image")
        return None
    if kind == "image/svg+xml" and b"<svg" not in data[:4096]:
        c.problem(path, f"{value!r} is not an SVG image")
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def parse_brand(data: bytes, file: str, folder: Path) -> Brand:
    value, tree = parse_tree(data, file)
    c = _Checker(tree)
    c.mapping(value, (), ("firm_name",), KEYS[1:], "a mapping")

    def colour(key: str) -> str | None:
        v = _get(value, key)
        if v is _MISSING or v is None:
            return None
        if not isinstance(v, str) or not _COLOUR.match(v):
            c.problem((key,), f"expected a colour such as #1F4E79, got {v!r}")
            return None
        return v.lower()

    def text(key: str, required: bool = False):
        v = c.text(_get(value, key), (key,), required=required)
        return None if v is _INVALID else v

    brand = Brand(
        firm_name=text("firm_name", required=True),
        logo_uri=_logo(c, _get(value, "logo"), folder),
        primary_colour=colour("primary_colour"),
        accent_colour=colour("accent_colour"),
        footer=text("footer"),
        contact=text("contact"),
        confidentiality=text("confidentiality"),
    )
    if tree.problems:
        raise InvalidFileError(file, tuple(sorted(tree.problems, key=lambda p: p.line or 0)))
    return brand


def load_brand(path: str | Path) -> Brand:
    data, name = read_input(path)
    return parse_brand(data, name, Path(path).resolve().parent)
