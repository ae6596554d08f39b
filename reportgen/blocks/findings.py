"""Findings: the weaknesses a section sees in the answers, each naming its action.

A section reports its findings (``Section.findings``); the recommendations section
merges them by their action's group into recommendations. A finding names the answers
key paths it addresses (as in error messages: ``expansion.markets[1]``, or an absent
section's key) and the client's figures its reason quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import FrozenMap


class Phrases(tuple[str, ...]):
    """A finding's parameter that is a list of msgids (the streams a client does not have
    yet, the to-dos a resumption waits for): translated and joined by the locale's list
    format."""

    __slots__ = ()


@dataclass(frozen=True)
class Finding:
    action: str  # advice id: a key of a rubric module's ACTIONS
    paths: tuple[str, ...]  # the answers key paths it addresses
    # The figures its reason quotes: score, max, value, low, high, months, count (numbers),
    # markets (names), benchmark (an id: how value, low and high are shown).
    params: FrozenMap = field(default_factory=FrozenMap)


def finding(action: str, *paths: str, **params: Any) -> Finding:
    return Finding(action, paths or (action.split("#", 1)[0],), FrozenMap(params))
