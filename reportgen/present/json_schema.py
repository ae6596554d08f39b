"""The answers file as a JSON Schema (draft-07, what the YAML language server reads).

Generated from the same schema nodes the loader checks against (``sections.schema``),
so an editor and ``reportgen validate`` never disagree about a key, a type, a range
or an id. Titles and descriptions go through the catalog: a Vietnamese consultant
hovers a key and reads Vietnamese. What JSON Schema cannot state (the revenue mix
summing to 100, a market listed twice) only the loader checks: ``loader_only()``
lists it, and docs/answers.md quotes that list.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..blocks import schema as s
from ..blocks.document import SCHEMA_ID, SCHEMA_VERSION, answers_schema
from ..blocks.rubric import _
from ..i18n import Formatter, country_codes, currency_codes
from ..sections import sections

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"

# What only the loader checks: the YAML itself, and the rules no schema states.
YAML_RULES = (
    "The file is UTF-8 YAML of at most 1 MiB, nested at most 20 levels deep.",
    "No YAML anchors, aliases, merge keys (<<) or tags; no key given twice.",
    "Only true and false are booleans (yes, no, on and off are text).",
    "Country and currency codes may be written in any case (the schema asks for capitals).",
    "Numbers carry at most two decimal places.",
)

BLANK = [None, ""]  # YAML `key:` and `key: ""`, as `reportgen init` leaves optional blanks


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


class SchemaWriter:
    """Schema nodes -> JSON Schema, with the titles in one language."""

    def __init__(self, f: Formatter):
        self.f = f

    def t(self, msgid: str) -> str:
        return self.f.gettext(msgid) if msgid else ""

    def node(self, node: s.Node, optional: bool = False) -> dict[str, Any]:
        """One node's schema; optional: the key may be left blank (as `init` writes it)."""
        method = getattr(self, "_" + type(node).__name__.lower())
        out: dict[str, Any] = {}
        if node.title:
            out["title"] = self.t(node.title)
        if node.description:
            out["description"] = self.t(node.description)
        out.update(method(node, optional))
        return out

    def _fields(self, node: s.Fields, optional: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": ["object", "null"] if node.blank_absent else "object",
            "properties": {
                f.key: self.node(
                    f.node,
                    optional=not f.required and isinstance(f.node, (s.Number, s.Boolean)),
                )
                for f in node.fields
            },
            "additionalProperties": False,
        }
        required = [f.key for f in node.fields if f.required]
        if required:
            out["required"] = required
        stated = [r.json_schema for r in node.rules if r.json_schema is not None]
        if stated:
            out["allOf"] = stated
        return out

    def _listof(self, node: s.ListOf, optional: bool) -> dict[str, Any]:
        array = {"type": "array", "items": self.node(node.item)}
        if node.single:  # one value alone, or none, is allowed
            return {"anyOf": [{"enum": [*BLANK, []]}, array, self.node(node.item)]}
        return array

    def _number(self, node: s.Number, optional: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"type": ["number", "null"] if optional else "number"}
        if not node.description and node.lo is not None:
            # What a hover shows where the rubric has no explanation: the range.
            lo = self.f.number(node.lo)
            if node.hi is None:
                out["description"] = self.t(_("A number of at least %(lo)s")) % {"lo": lo}
            elif node.lo != node.hi:
                range_ = {"lo": lo, "hi": self.f.number(node.hi)}
                out["description"] = self.t(_("A number from %(lo)s to %(hi)s")) % range_
        if node.lo is not None:
            out["minimum"] = _number(node.lo)
        if node.hi is not None:
            out["maximum"] = _number(node.hi)
        return out

    def _boolean(self, node: s.Boolean, optional: bool) -> dict[str, Any]:
        return {"type": ["boolean", "null"] if optional else "boolean"}

    def _text(self, node: s.Text, optional: bool) -> dict[str, Any]:
        if not node.required:  # blank is absent; a number is a name ("2024")
            return {"type": ["string", "number", "null"]}
        return {"anyOf": [{"type": "string", "pattern": r"\S"}, {"type": "number"}]}

    def _bilingual(self, node: s.Bilingual, optional: bool) -> dict[str, Any]:
        text = self._text(s.Text(), False)
        both = {
            "type": "object",
            "properties": {
                "vi": {"title": self.t(s.LANGUAGE_TITLES["vi"]), **text},
                "en": {"title": self.t(s.LANGUAGE_TITLES["en"]), **text},
            },
            "additionalProperties": False,
            "minProperties": 1,
        }
        return {"anyOf": [{"enum": BLANK}, *text["anyOf"], both]}

    def _date(self, node: s.Date, optional: bool) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}

    def _code(self, node: s.Code, optional: bool) -> dict[str, Any]:
        codes = country_codes() if node.kind == "country" else currency_codes()
        # The codes as written (offered in completion), and in any case, as the loader
        # reads them: `vn` is VN. A pattern, as JSON Schema has no case-blind enum.
        any_case = "|".join("".join(f"[{c}{c.lower()}]" for c in code) for code in codes)
        return {
            "anyOf": [
                {"enum": [*(BLANK if node.kind == "country" else []), *codes]},
                {"type": "string", "pattern": f"^(?:{any_case})$"},
            ]
        }

    def _choice(self, node: s.Choice, optional: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"enum": [*([None] if node.nullable else []), *node.ids]}
        if node.items:
            # Shown by the YAML language server on hover and in completion.
            out["enumDescriptions"] = [
                *([""] if node.nullable else []),
                *(self.t(i.label) for i in node.items),
            ]
        return out

    def _choices(self, node: s.Choices, optional: bool) -> dict[str, Any]:
        item: dict[str, Any] = {"enum": list(node.ids)}
        if node.items:
            item["enumDescriptions"] = [self.t(i.label) for i in node.items]
        if node.nonempty:
            return {"type": "array", "items": item, "uniqueItems": True, "minItems": 1}
        return {"type": ["array", "null"], "items": item, "uniqueItems": True}


def answers_json_schema(f: Formatter) -> dict[str, Any]:
    """The answers file's JSON Schema, titles and descriptions in the formatter's language."""
    out = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID.format(version=SCHEMA_VERSION, lang=f.lang),
        **SchemaWriter(f).node(answers_schema(sections())),
    }
    out["title"] = f.gettext("reportgen answers file")
    return out


def loader_only() -> tuple[str, ...]:
    """Every rule of the answers file that only the loader checks, as sentences."""
    stated = [r.says for r in s.walk_rules(answers_schema(sections())) if r.json_schema is None]
    return (
        *YAML_RULES,
        *dict.fromkeys(stated),
        "Dates are real calendar dates (the schema's `format: date`, which not every editor checks).",
    )
