"""The samples' HTML, compared with reviewed golden files (dates come from the answers)."""

import pytest

from .golden import LANGS, golden_path, render_html


@pytest.mark.parametrize("lang", LANGS)
def test_html_matches_golden(lang):
    # On an intended change: `make golden`, then review the diff of tests/golden/.
    assert render_html(lang) == golden_path(lang).read_text(encoding="utf-8")
