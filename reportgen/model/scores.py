"""What the engine derives from the answers: one result per section, in report order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answers import FrozenMap


@dataclass(frozen=True)
class Scores:
    schema_version: int
    # Section id -> that section's result (a type of the section's module); None where
    # an optional section is not assessed.
    sections: FrozenMap = field(default_factory=FrozenMap)
    # The earlier assessments' scores, oldest first, each with its answers' date.
    history: tuple[Scores, ...] = ()

    def __getitem__(self, section_id: str) -> Any:
        return self.sections.get(section_id)
