"""A Babel extractor for the rubric: its labels and explanations are data, not `_()` calls.

Registered as the `reportgen_rubric` extraction method (pyproject entry point
`babel.extractors`) and mapped to reportgen/rubric.py in babel.cfg.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator


def rubric_messages() -> Iterator[str | tuple[str, str]]:
    """Every translatable string of the rubric, in rubric order, each once; a message
    with singular and plural forms comes as a tuple."""
    from . import rubric

    seen: set = set()

    def walk(value) -> Iterator[str | tuple[str, str]]:
        if isinstance(value, rubric.Plural):
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
                if f.name not in rubric.NOT_MESSAGES:
                    yield from walk(getattr(value, f.name))
        elif isinstance(value, tuple | list):
            for v in value:
                yield from walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)

    for name in rubric.MESSAGE_ROOTS:
        yield from walk(getattr(rubric, name))


def extract_rubric(fileobj, keywords, comment_tags, options):
    """Babel extraction method: yields (lineno, funcname, message, comments)."""
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    for message in rubric_messages():
        # The line where the message starts in the source (long ones are split over lines).
        head = (message[0] if isinstance(message, tuple) else message)[:30]
        lineno = next((i for i, line in enumerate(lines, 1) if head in line), 1)
        yield lineno, "ngettext" if isinstance(message, tuple) else None, message, []
