"""Where the package's own files are: templates, catalogs, fonts.

In a wheel, templates and locales sit inside the package (hatch force-include);
in a source checkout (editable install, tests) they sit at the top level of the
repository, as the product's layout fixes them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ASSETS_DIR = PACKAGE_DIR / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"


def _find(name: str) -> Path:
    inside = PACKAGE_DIR / name
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / name


TEMPLATES_DIR = _find("templates")
LOCALES_DIR = _find("locales")
