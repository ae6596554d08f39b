"""A Babel extractor for rubric data: its labels and explanations are data, not `_()` calls.

Registered as the `reportgen_rubric` extraction method (pyproject entry point
`babel.extractors`) and mapped to the rubric modules in babel.cfg. It walks the
registry: for the file Babel hands it, every section whose rubric includes that
module contributes the strings its ``MESSAGE_ROOTS`` reach. A section from another
package can map its own rubric module to this extractor in its own babel.cfg.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from .blocks.rubric import NOT_MESSAGES, Plural

Message = str | tuple[str, str]


def module_messages(module: ModuleType) -> Iterator[Message]:
    """Every translatable string of a rubric module, in order, each once; a message with
    singular and plural forms comes as a tuple."""
    seen: set[Message] = set()

    def walk(value: Any) -> Iterator[Message]:
        if isinstance(value, Plural):
            pair = (value.singular, value.plural)
            if pair not in seen:
                seen.add(pair)
                yield pair
        elif isinstance(value, str):
            if value and value not in seen:
                seen.add(value)
                yield value
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                if f.name not in NOT_MESSAGES:
                    yield from walk(getattr(value, f.name))
        elif isinstance(value, tuple | list):
            for v in value:
                yield from walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)

    for name in module.MESSAGE_ROOTS:
        yield from walk(getattr(module, name))


def rubric_modules() -> list[ModuleType]:
    """The rubric modules of every registered section, each once."""
    from .sections import sections

    out: list[ModuleType] = []
    for section in sections():
        for module in section.rubric_modules:
            if module not in out:
                out.append(module)
    return out


def extract_rubric(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, Message, list[str]]]:
    """Babel extraction method: yields (lineno, funcname, message, comments)."""
    name = getattr(fileobj, "name", "")
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    for module in rubric_modules():
        if not name or Path(module.__file__ or "").resolve() != Path(name).resolve():
            continue
        for message in module_messages(module):
            # The line where the message starts in the source (long ones are split over lines).
            head = (message[0] if isinstance(message, tuple) else message)[:30]
            lineno = next((i for i, line in enumerate(lines, 1) if head in line), 1)
            yield lineno, "ngettext" if isinstance(message, tuple) else None, message, []
