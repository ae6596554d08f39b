"""A value tree checked against a section's schema nodes (``reportgen.sections.schema``).

Every problem is recorded on the tree with its key path and line, and none stops the
check, so a file's problems are reported at once. The checked value keeps only known,
present keys; it is handed to a section's ``build`` only when the file has no problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal
from typing import Any

from ..blocks import schema as s
from ..i18n import country_codes, currency_codes
from ..model import FrozenMap
from ..model.answers import LANGUAGES
from .yamltree import KeyPath, Tree, describe

# Optional answers of these kinds may be left blank: blank is "not answered".
BLANK_ABSENT = (s.Number, s.Boolean)
INVALID = s.INVALID  # a value with a problem (already recorded)
ABSENT = s.ABSENT  # a blank optional value: as if the key were not there


def _shown(value: Decimal) -> str:
    """A number as an error quotes it: as written, unless it is too long to read."""
    text = str(value)
    return text if len(text) <= 24 else f"{value:.6e}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Checker:
    def __init__(self, tree: Tree):
        self.tree = tree

    def problem(self, path: KeyPath, message: str) -> Any:
        self.tree.problem(path, message)
        return INVALID

    def check(self, node: s.Node, value: Any, path: KeyPath) -> Any:
        if value is INVALID:  # the parser has reported it (an unprintable character)
            return INVALID
        method = getattr(self, "_" + type(node).__name__.lower())
        return method(node, value, path)

    # --- containers ---------------------------------------------------------------------

    def _fields(self, node: s.Fields, value: Any, path: KeyPath) -> Any:
        if value is None and node.empty is not None:
            return self.problem(path, node.empty)
        if node.blank_absent and (value is None or value == {}):
            return ABSENT
        if not isinstance(value, dict):
            return self.problem(path, f"expected {node.what}, got {describe(value)}")
        known = node.keys
        for key in value:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else f"; expected one of: {', '.join(known)}"
                )
                self.problem(path + (key,), f"unknown key '{key}'{hint}")
        out: dict[str, Any] = {}
        for f in node.fields:
            if f.key not in value:
                if f.required:
                    # The path names the missing key; the line is its parent's, where it belongs.
                    self.problem(path + (f.key,), f"missing required key '{f.key}'")
                continue
            if value[f.key] is None and not f.required and isinstance(f.node, BLANK_ABSENT):
                continue  # an optional answer left blank, as `reportgen init` writes it
            checked = self.check(f.node, value[f.key], path + (f.key,))
            if checked is not ABSENT:
                out[f.key] = checked
        if node.rules and INVALID not in out.values():
            for rel, message in (p for rule in node.rules for p in rule(out)):
                self.problem(path + rel, message)
        return out

    def _listof(self, node: s.ListOf, value: Any, path: KeyPath) -> Any:
        if node.single and (value is None or value == "" or value == []):
            return ABSENT
        if node.single and not isinstance(value, list):
            value = [value]
            out = [self.check(node.item, value[0], path)]
        elif not isinstance(value, list):
            return self.problem(path, f"expected {node.what}, got {describe(value)}")
        else:
            checked = (self.check(node.item, v, path + (i,)) for i, v in enumerate(value))
            out = [v for v in checked if v is not ABSENT]  # a blank entry is no entry
        for rule in node.rules:
            for rel, message in rule(out):
                self.problem(path + rel, message)
        return out

    # --- scalars ------------------------------------------------------------------------

    def _number(self, node: s.Number, value: Any, path: KeyPath) -> Any:
        lo, hi = node.lo, node.hi
        if lo is not None and hi is not None:
            want = f"a number from {lo} to {hi}"
        elif lo is not None:
            want = f"a number of at least {lo}"
        else:
            want = "a number"
        if not isinstance(value, Decimal) or not value.is_finite():
            return self.problem(path, f"expected {want}, got {describe(value)}")
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            return self.problem(path, f"expected {want}, got {_shown(value)} (out of range)")
        if value.normalize().as_tuple().exponent < -s.PLACES:  # type: ignore[operator]
            return self.problem(
                path,
                f"expected {want} with at most {s.PLACES} decimal places, got {_shown(value)}",
            )
        return value

    def _boolean(self, node: s.Boolean, value: Any, path: KeyPath) -> Any:
        if not isinstance(value, bool):
            return self.problem(path, f"expected true or false, got {describe(value)}")
        return value

    def _text(self, node: s.Text, value: Any, path: KeyPath) -> Any:
        if not node.required and _blank(value):
            return ABSENT  # an optional blank left empty, as `reportgen init` writes it
        if isinstance(value, Decimal):  # `industry: 2024` is a name, not a number
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            return self.problem(path, f"expected non-empty text, got {describe(value)}")
        if len(value) > s.MAX_TEXT_CHARS:
            return self.problem(
                path,
                f"the text has {len(value):,} characters; a text may have at most "
                f"{s.MAX_TEXT_CHARS:,} (about eight printed pages)",
            )
        return value.strip()

    def _bilingual(self, node: s.Bilingual, value: Any, path: KeyPath) -> Any:
        if value is None or value == "":
            return ABSENT  # a blank note is no note
        if not isinstance(value, dict):
            return self._text(s.Text(), value, path)
        what = "text or a mapping of vi/en to text"
        mapping = s.Fields(fields=tuple(s.Field(lang, s.Text()) for lang in LANGUAGES), what=what)
        checked = self._fields(mapping, value, path)
        if checked is INVALID:
            return INVALID
        if not value:
            return self.problem(path, "expected text for vi, en or both")
        if not checked:
            # Only unknown keys, each reported above: no text, rather than an empty one
            # that whatever reads the name next would trip over.
            return INVALID
        return FrozenMap((lang, checked[lang]) for lang in LANGUAGES if lang in checked)

    def _date(self, node: s.Date, value: Any, path: KeyPath) -> Any:
        text = value if isinstance(value, str) else None
        try:
            if text is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            return self.problem(
                path, f"expected an ISO date such as 2026-11-20, got {describe(value)}"
            )

    def _code(self, node: s.Code, value: Any, path: KeyPath) -> Any:
        if node.kind == "country":
            if value is None or value == "":
                return ABSENT
            if isinstance(value, str) and value.upper() in country_codes():
                return value.upper()
            return self.problem(
                path,
                "expected an ISO 3166 alpha-2 country code such as VN or SG, "
                f"got {describe(value)}",
            )
        if isinstance(value, str) and value.upper() in currency_codes():
            return value.upper()
        return self.problem(
            path,
            f"expected an ISO 4217 currency code such as VND or USD, got {describe(value)}",
        )

    def _choice(self, node: s.Choice, value: Any, path: KeyPath) -> Any:
        if node.nullable and value is None:
            return ABSENT
        if not isinstance(value, str) or value not in node.ids:
            close = (
                difflib.get_close_matches(value, node.ids, n=1, cutoff=0.6)
                if isinstance(value, str)
                else []
            )
            hint = f"; did you mean '{close[0]}'?" if close else ""
            return self.problem(
                path, f"expected one of {', '.join(node.ids)}, got {describe(value)}{hint}"
            )
        return value

    def _choices(self, node: s.Choices, value: Any, path: KeyPath) -> Any:
        out: list[str] = []
        if value is not None:
            if not isinstance(value, list):
                return self.problem(
                    path, f"expected a list of {', '.join(node.ids)}, got {describe(value)}"
                )
            one = s.Choice(ids=node.ids)
            for i, item in enumerate(value):
                got = self._choice(one, item, path + (i,))
                if got is INVALID:
                    continue
                if got in out:
                    self.problem(path + (i,), f"'{got}' is listed twice")
                else:
                    out.append(got)
        if node.nonempty and not out:
            return self.problem(path, node.nonempty)
        if not out:
            return ABSENT  # none picked: as if not answered (a workbook cannot tell them apart)
        # A set of ids: read in the rubric's order, whatever order the file lists them in.
        return tuple(i for i in node.ids if i in out)
