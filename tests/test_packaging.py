"""A built wheel carries what the installed tool needs: templates, compiled catalogs, fonts."""

import os
import subprocess
import sys
import zipfile

from .support import ROOT


def test_wheel_holds_templates_catalogs_and_fonts(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        # Without the SOURCE_DATE_EPOCH=0 that a PDF rendered earlier in this process set
        # (for fontTools): a ZIP cannot hold dates before 1980, and hatchling before 1.22
        # does not clamp them.
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
    )
    (wheel,) = tmp_path.glob("reportgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "reportgen/templates/report.html.j2",
        "reportgen/templates/partials/cover.html.j2",
        "reportgen/templates/report.css",
        "reportgen/templates/answers.yaml.j2",
        "reportgen/locales/vi/LC_MESSAGES/messages.mo",
        "reportgen/assets/fonts/NotoSans-Regular.ttf",
        "reportgen/assets/fonts/OFL.txt",
        "reportgen/data/currencies.txt",
        "reportgen/data/countries.txt",
    ):
        assert expected in names, expected
    mo = zipfile.ZipFile(wheel).read("reportgen/locales/vi/LC_MESSAGES/messages.mo")
    assert "Tóm tắt điều hành".encode() in mo  # a translation, not just the msgids
