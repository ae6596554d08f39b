"""Bytes -> a tree of plain values, with the YAML line of every key path.

The resolver is YAML-1.2-like on purpose: only true/false are booleans
(``country: NO`` is Norway), dates stay text until checked, no aliases (no alias
bombs), no tags (nothing is ever constructed or executed). Numbers become
``Decimal`` so that sums such as 139.5 stay exact for the bands. This is the only
module that reads YAML; answers and brand files both go through it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

import yaml

from ..blocks.schema import INVALID
from ..errors import BIDI_CONTROLS, InvalidFileError, Problem

MAX_FILE_BYTES = 1024 * 1024  # a real answers file is a few kB
MAX_DEPTH = 20  # the deepest real key path is 5 levels

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_BOOL = re.compile(r"(true|True|TRUE|false|False|FALSE)\Z")
_NULL = re.compile(r"(~|null|Null|NULL|)\Z")


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: no yes/no/on/off booleans, no sexagesimals, no timestamps."""


_Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])


class _Composer(yaml.composer.Composer):
    def compose_node(self, parent: Any, index: Any) -> Any:
        # Aliases are how "billion laughs" files explode; answers never need them. (The
        # parser's methods come from the loader class that mixes this one in.)
        if self.check_event(yaml.events.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.MarkedYAMLError(
                None,
                None,
                "aliases (*name) are not allowed; write the value again instead",
                event.start_mark,
            )
        return super().compose_node(parent, index)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    _Composer,
    _Resolver,
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _Composer.__init__(self)
        _Resolver.__init__(self)


_STD_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "map", "seq")
}

KeyPath = tuple[str | int, ...]  # str keys and int list indexes


def format_path(path: KeyPath) -> str:
    """("expansion", "markets", 0, "name") -> "expansion.markets[0].name"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _nearest(where: dict[KeyPath, Any], path: KeyPath) -> Any:
    """Where path is, else where its nearest parent is (a missing key: where it belongs)."""
    while path not in where and path:
        path = path[:-1]
    return where.get(path)


class Tree:
    """Converts YAML nodes into plain values, recording the line of every path and every
    problem found, so that a file's problems are all reported at once."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[KeyPath, int] = {}
        self.cells: dict[KeyPath, str] = {}  # a workbook's answers: "Validation!C7"
        self.problems: list[Problem] = []

    def problem(self, path: KeyPath, message: str, line: int | None = None) -> None:
        if line is None:
            line = self.line_of(path)
        cell = _nearest(self.cells, path)
        self.problems.append(Problem(self.file, line, format_path(path), message, cell=cell))

    def line_of(self, path: KeyPath) -> int | None:
        return _nearest(self.lines, path)

    def convert(self, node: yaml.Node, path: KeyPath, depth: int = 0) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if depth > MAX_DEPTH:
            self.problem(path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if node.tag not in _STD_TAGS:
            self.problem(path, f"YAML tags such as {node.tag} are not allowed; remove the tag")
            return INVALID  # reported here: the checks that follow skip it
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problem(path, "keys must be plain names", key_node.start_mark.line + 1)
                    continue
                if key_node.tag not in _STD_TAGS:
                    self.problem(
                        path + (key_node.value,),
                        f"YAML tags such as {key_node.tag} are not allowed",
                        key_node.start_mark.line + 1,
                    )
                    continue
                key = unicodedata.normalize("NFC", key_node.value)
                if (bad := unprintable(key)) is not None:
                    self.problem(
                        path,
                        f"a key holds the unprintable character {bad}",
                        key_node.start_mark.line + 1,
                    )
                    continue
                if key == "<<":
                    self.problem(
                        path, "merge keys (<<) are not allowed", key_node.start_mark.line + 1
                    )
                    continue
                if key in out:
                    self.problem(
                        path + (key,),
                        f"duplicate key (first given on line {self.lines[path + (key,)]})",
                        key_node.start_mark.line + 1,
                    )
                    continue
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(n, path + (i,), depth + 1) for i, n in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        value = _scalar(node)
        if isinstance(value, str) and (bad := unprintable(value)) is not None:
            self.problem(path, f"holds the unprintable character {bad}; remove it")
            return INVALID  # reported here, with its line: the checks that follow skip it
        return value


_TAG_PATTERNS = {
    "tag:yaml.org,2002:bool": _BOOL,
    "tag:yaml.org,2002:int": _INT,
    "tag:yaml.org,2002:float": _FLOAT,
    "tag:yaml.org,2002:null": _NULL,
}


def unprintable(text: str) -> str | None:
    """The first character text must not hold (a control character other than tab and
    newline, a bidirectional control such as U+202E, or a lone surrogate such as
    "\\ud800"), as U+XXXX; None when it is clean."""
    for ch in text:
        if ch in "\t\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, text = node.tag, node.value
    pattern = _TAG_PATTERNS.get(tag)
    if pattern is not None and not pattern.match(text):
        # Only an explicit tag (`!!float abc`, `!!bool yes`) gets here, since the resolver
        # tags plain scalars by these patterns: such a value is text, and checked as text.
        return unicodedata.normalize("NFC", text)
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() == "true"
    if tag.endswith(":int") or tag.endswith(":float"):
        return Decimal(text)
    return unicodedata.normalize("NFC", text)


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


ANSWERS_TOP = "a mapping with schema_version, client, assessment and validation"


def parse_tree(
    data: bytes, file: str, what: str = "answers file", expected: str = ANSWERS_TOP
) -> tuple[dict[str, Any], Tree]:
    """Bytes -> plain value tree and its line map; raises InvalidFileError for unreadable
    files. what and expected name the kind of file in errors ("brand file")."""
    tree = Tree(file)

    def fail(message: str, line: int | None = None) -> InvalidFileError:
        return InvalidFileError(file, (Problem(file, line, "", message),))

    if len(data) > MAX_FILE_BYTES:
        raise fail(
            f"the file is {len(data):,} bytes; {what}s are limited to {MAX_FILE_BYTES:,} bytes"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
            _line_of_offset(data, exc.start),
        ) from None
    if "\x00" in text:
        raise fail("the file holds NUL characters; expected a UTF-8 YAML text file")
    try:
        node = yaml.compose(text, Loader=_Loader)  # type: ignore[arg-type]
    except yaml.MarkedYAMLError as exc:
        mark: Any
        problem: str | None
        if exc.context and exc.context.startswith("while scanning") and exc.context_mark:
            # An unclosed quote is reported where it opens, not where the file ends.
            mark, problem = exc.context_mark, f"{exc.context} that starts here: {exc.problem}"
        else:
            mark, problem = exc.problem_mark or exc.context_mark, exc.problem or exc.context
        raise fail(
            f"invalid YAML: {problem or 'invalid YAML'}", mark.line + 1 if mark else None
        ) from None
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1
        raise fail(f"holds the unprintable character U+{code:04X}; remove it", line) from None
    except yaml.YAMLError as exc:
        raise fail(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise fail(f"invalid YAML: nested more than {MAX_DEPTH} levels deep") from None
    if node is None:
        raise fail(f"the file is empty; expected {expected}")
    value = tree.convert(node, ())
    if tree.problems and not isinstance(value, dict):  # a tag on the whole file, say
        raise InvalidFileError(file, tuple(tree.problems))
    if not isinstance(value, dict):
        raise fail(
            f"the top level is {describe(value)}; expected {expected}",
            node.start_mark.line + 1,
        )
    return value, tree


def describe(value: Any) -> str:
    """How an error names a value it did not expect."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, Decimal):
        return f"the number {value}"
    if isinstance(value, str) and not value.strip():
        return "empty text"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
