"""Whole outputs compared with reviewed golden files (see tests/golden.py)."""

import pytest

from .golden import GOLDEN_DIR, goldens

GOLDENS = goldens()


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_output_matches_golden(name):
    # On an intended change: `make golden`, then review the diff of tests/golden/.
    assert GOLDENS[name]() == (GOLDEN_DIR / name).read_text(encoding="utf-8")


def test_every_golden_file_is_made_by_the_generator():
    assert {p.name for p in GOLDEN_DIR.iterdir()} == set(GOLDENS)
