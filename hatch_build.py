"""Compile the gettext catalogs while the wheel is built.

The .po files are the source; the .mo files are build output and never
committed. A wheel gets them under reportgen/locales; an editable install reads
the .po files directly (see reportgen/i18n.py), so no manual step exists in
either case.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        out = Path(tempfile.mkdtemp(prefix="reportgen-mo-"))
        for po_path in sorted(Path(self.root, "locales").glob("*/LC_MESSAGES/*.po")):
            with po_path.open("rb") as fh:
                catalog = read_po(fh)
            rel = po_path.relative_to(self.root).with_suffix(".mo")
            mo_path = out / rel
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo_path)] = f"reportgen/{rel.as_posix()}"
