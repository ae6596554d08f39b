"""The answers file as immutable values; built by ``reportgen.read``, never by hand-parsing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

LANGUAGES = ("vi", "en")


class FrozenMap(Mapping[str, Any]):
    """A read-only, hashable, picklable mapping that keeps its keys' order."""

    __slots__ = ("_d",)
    _d: dict[str, Any]

    def __init__(self, items: Mapping[str, Any] | Iterable[tuple[str, Any]] = (), **kwargs: Any):
        object.__setattr__(self, "_d", dict(items, **kwargs))

    def __getitem__(self, key: str) -> Any:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __hash__(self) -> int:
        return hash(tuple(self._d.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._d!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (tuple(self._d.items()),))


# Free text a consultant writes: one text for every language, or one per language
# (a FrozenMap of "vi"/"en" to text).
Text = str | FrozenMap
Note = Text


def text_key(text: Text) -> str:
    """The form of a text that sorts and compares it: its English form when it has two."""
    if isinstance(text, FrozenMap):
        return str(text.get("en") or next(iter(text.values())))
    return text


@dataclass(frozen=True)
class Place:
    """A market as the answers name it: a name (one or both languages), an ISO 3166 country
    code, or both. A report shows the name in its language, else the country's name."""

    name: Text | None = None
    country: str | None = None

    @property
    def key(self) -> str:
        """What ranks and compares places: the name's English form, else the country code."""
        if self.name is not None:
            return text_key(self.name)
        return self.country or ""


@dataclass(frozen=True)
class Client:
    name: str
    industry: Text | None = None
    country: str | None = None  # ISO 3166 alpha-2, upper case
    id: str | None = None  # the firm's reference: links assessments of one client

    @property
    def key(self) -> str:
        """What identifies the client across assessments: its id, else its name
        (case, accents' composition and spacing aside)."""
        if self.id:
            return "id:" + self.id.strip().casefold()
        return "name:" + " ".join(unicodedata.normalize("NFC", self.name).casefold().split())


@dataclass(frozen=True)
class Assessment:
    date: dt.date
    assessor: str
    languages: tuple[str, ...] = LANGUAGES
    currency: str = "USD"  # ISO 4217


@dataclass(frozen=True)
class Answers:
    schema_version: int
    client: Client
    assessment: Assessment
    # Section id -> that section's value (a type of the section's module); an optional
    # section the file leaves out has no entry.
    sections: FrozenMap = field(default_factory=FrozenMap)
    # Section id -> the consultant's note (Text); "lessons" holds a tuple of notes.
    notes: FrozenMap = field(default_factory=FrozenMap)
    # The whole file as given and checked: plain values (FrozenMap, tuple, str, Decimal,
    # bool, date) under their keys, for rules that read answers across sections and for
    # showing the answers as given.
    given: FrozenMap = field(default_factory=FrozenMap)
    # The client's earlier assessments, oldest first (`--previous`): scored under the
    # same rubric as this one, so that a change is a change of answers.
    previous: tuple[Answers, ...] = ()

    def __getitem__(self, section_id: str) -> Any:
        """The value of a section, or None where the file leaves it out."""
        return self.sections.get(section_id)

    def answer(self, path: str) -> Any:
        """The given value at a dotted key path ("advantages.ecosystem_integration.developer_ecosystem"),
        or None where the file does not give it."""
        value: Any = self.given
        for key in path.split("."):
            if not isinstance(value, Mapping) or key not in value:
                return None
            value = value[key]
        return value


def freeze(value: Any) -> Any:
    """Plain checked values -> immutable ones: dicts become FrozenMaps, lists tuples."""
    if isinstance(value, dict):
        return FrozenMap((k, freeze(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value
