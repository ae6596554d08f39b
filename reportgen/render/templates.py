"""The Jinja environment: autoescaping, gettext (new style) and the template search path.

One environment per (language, override folder), cached, so that a batch worker
builds it once and reuses it for every document. The search path: a firm's override
folder, then reportgen's templates, then the templates of sections from other
packages.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import inspect
import itertools
import os
import re
import stat
import string
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from .. import i18n
from ..blocks.charts import COLOURS
from ..errors import ReportgenError, printable
from ..resources import FONTS_DIR, TEMPLATES_DIR
from ..sections import sections
from .keep_words import keep_words

# Limits on what a template may be and make. The largest built-in template is 12 kB and
# the largest report about 90 kB of HTML (fonts aside): a firm's template of 2 MiB (an
# inlined logo included) and a document of 50 million characters are far beyond any
# real report, yet small enough that a worker holds one without trouble (WeasyPrint
# needs many times a document's size to lay it out: 50 MB of HTML is already minutes).
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
MAX_OUTPUT_CHARS = 50_000_000
# A value a template computes ("x" * n, a + b, a list repeated) is held to the same bound,
# checked before it is built; an integer power to this many bits.
MAX_VALUE_LENGTH = MAX_OUTPUT_CHARS
MAX_POWER_BITS = 100_000
# Seconds one template (with its includes) may run. The real report renders in well
# under a second; a template past this limit is a loop that never ends for practical
# purposes, and a batch holding its lock or a preview watcher waits no longer on it.
RENDER_TIME_LIMIT = 30.0


class LimitExceeded(Exception):
    """A template passed a time or size limit; raised inside it, so that the error names
    the template and line it was at."""


class _Budget(threading.local):
    deadline: float | None = None
    seconds: float = 0.0


_budget = _Budget()


class TimeLimitExceeded(LimitExceeded):
    """A template ran past its time limit."""


def _check_time() -> None:
    deadline = _budget.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise TimeLimitExceeded(
            f"the template ran past the time limit of {_budget.seconds:g} s "
            "(a loop or macro that does not end in time)"
        )


# Items a list may hold, and a filter may go through or make one by one: the real
# report's longest list has a few hundred, and a million small objects already take some
# 100 MB (a text of 50 million characters turned into a list of one-character lists
# took gigabytes).
MAX_ITEMS = 1_000_000


def _need(size: int, what: str = "characters") -> None:
    """Refuse to build a value of `size` characters (or items) past its limit: raised
    before it is built, inside the template, so that the error names the template."""
    limit = MAX_VALUE_LENGTH if what == "characters" else MAX_ITEMS
    if size > limit:
        raise LimitExceeded(
            f"a value of about {size} {what} would pass the limit of {limit}; not built"
        )


def _number(value: Any) -> int:
    """A whole-number argument as a size; 0 for anything else (the callee refuses it)."""
    return abs(value) if isinstance(value, int) else 0


def _digits(text: str) -> int:
    """A number written in a format string (a width, a precision), as a size."""
    return int(text) if len(text) <= 12 else MAX_VALUE_LENGTH + 1


def _what(value: Any) -> str:
    return "characters" if isinstance(value, (str, bytes)) else "items"


def _text_length(value: Any, limit: int = MAX_VALUE_LENGTH) -> int:
    """About how many characters str(value) makes, counted without making it (a list of
    a thousand copies of a long text prints as gigabytes); counting stops past limit."""
    if isinstance(value, str):
        return len(value)
    total, stack, seen = 0, [value], set()
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += len(item) + 3  # quoted
        elif isinstance(item, (list, tuple, set, frozenset, dict)):
            if id(item) in seen:  # a list holding itself prints as [...]
                total += 5
                continue
            seen.add(id(item))
            total += 2 + 2 * len(item)
            stack.extend(
                itertools.chain.from_iterable(item.items()) if isinstance(item, dict) else item
            )
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 2
        elif isinstance(item, float):
            total += 24
        else:
            total += 1
    return total


_ESCAPED = {"&": 5, "<": 4, ">": 4, '"': 5, "'": 5}


def _escaped_length(value: Any) -> int:
    """How long a value's text is once HTML-escaped (up to five times longer)."""
    if isinstance(value, str) and hasattr(value, "__html__"):  # Markup: not escaped again
        return len(value)
    if isinstance(value, str):
        return len(value) + sum(value.count(c) * (n - 1) for c, n in _ESCAPED.items())
    return _text_length(value) * 5


# A %-format's conversion: %(key)s, %-10.3f, %*d, %%.
_PRINTF = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0 +\-]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?"
    r"(?P<type>[\s\S])"
)


def _printf_length(fmt: str, values: Any) -> int:
    """About how many characters at most `fmt % values` makes, without making it: the
    format's text, each conversion's width and precision (written, or taken from the
    values for `*`), and each value's text."""
    mapping = values if isinstance(values, Mapping) else None
    positional = values if isinstance(values, tuple) else (values,)
    total, index = len(fmt), 0
    for match in _PRINTF.finditer(fmt):
        if match["type"] == "%":
            continue
        for part in (match["width"], match["precision"]):
            if part == "*":
                total += _number(positional[index] if index < len(positional) else None)
                index += 1
            elif part:
                total += _digits(part)
        if mapping is not None and match["key"] is not None:
            total += _text_length(mapping.get(match["key"]))
        else:
            total += _text_length(positional[index] if index < len(positional) else None)
            index += 1
        if total > MAX_VALUE_LENGTH:
            break
    return total


def _format_length(fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> int:
    """The same for str.format: the format's text, each field's value and every number in
    its spec (a width or precision; a spec with a nested field counts the largest whole
    number given)."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:  # str.format says what is wrong with it
        return len(fmt)
    given = (*args, *kwargs.values())
    largest = max((_number(v) for v in given), default=0)
    total, auto = len(fmt), 0
    for _literal, name, spec, _conversion in fields:
        if name is None:
            continue
        base = re.match(r"[^.\[]*", name)
        key = base.group() if base else ""
        if key == "":
            key, auto = str(auto), auto + 1
        if key.isdigit():
            value = args[int(key)] if int(key) < len(args) else None
        else:
            value = kwargs.get(key)
        total += _text_length(value)
        if spec:
            total += sum(_digits(d) for d in re.findall(r"\d+", spec))
            total += largest if "{" in spec else 0
        if total > MAX_VALUE_LENGTH:
            break
    return total


def _replace_length(s: Any, old: Any, new: Any, count: Any) -> int:
    if not (isinstance(s, str) and isinstance(old, str) and isinstance(new, str)):
        return 0
    times = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(s) + times * max(0, len(new) - len(old))


def _sum_length(value: Any, given: _Given) -> None:
    start = given.get("start")
    if _sized(start) and hasattr(value, "__len__") and given.get("attribute") is None:
        _need(len(start) + sum(len(v) for v in value if _sized(v)), _what(start))


def _join_length(value: Any, given: _Given) -> None:
    if isinstance(value, (list, tuple)) and given.get("attribute") is None:
        size = 0
        for item in value:
            size += len(item) if isinstance(item, str) else _text_length(item)
        separator = given.get("d")
        if isinstance(separator, str) and len(value) > 1:
            size += len(separator) * (len(value) - 1)
        if size > MAX_VALUE_LENGTH:
            _need(size)


def _indent_length(value: Any, given: _Given) -> None:
    width = given.get("width")
    indent = len(width) if isinstance(width, str) else _number(width)
    _need(indent)  # " " * width is made whatever the text
    lines = value.count("\n") + 1 if isinstance(value, str) else 1
    _need(_text_length(value) + lines * indent)


def _wordwrap_length(value: Any, given: _Given) -> None:
    wrap = given.get("wrapstring")
    _need(_text_length(value) * (1 + (len(wrap) if isinstance(wrap, str) else 1)))


def _lipsum_length(n: Any, given: _Given) -> None:
    _need(_number(n), "items")
    _need(_number(n) * _number(given.get("max")) * 12)  # words of up to 12 characters


# What each filter (and lipsum) would make, checked before it runs: called with the value
# it is given (its first argument after those Jinja passes) and every argument by name.
_CHECKS: dict[str, Callable[[Any, _Given], None]] = {
    "center": lambda v, a: _need(max(_text_length(v), _number(a.get("width")))),
    "indent": _indent_length,
    "wordwrap": _wordwrap_length,
    "replace": lambda v, a: _need(
        _replace_length(v, a.get("old"), a.get("new"), a.get("count")) or _text_length(v)
    ),
    "format": lambda v, a: _need(
        _printf_length(v, a.get("kwargs") or a.get("args") or ()) if isinstance(v, str) else 0
    ),
    "batch": lambda v, a: _need(
        _number(a.get("linecount")) if a.get("fill_with") is not None else 0, "items"
    ),
    "slice": lambda v, a: _need(_number(a.get("slices")), "items"),
    "sum": _sum_length,
    "join": _join_length,
    "e": lambda v, a: _need(_escaped_length(v)),
    "escape": lambda v, a: _need(_escaped_length(v)),
    "forceescape": lambda v, a: _need(_escaped_length(str(v) if isinstance(v, str) else v)),
    "urlencode": lambda v, a: _need(_text_length(v) * 9),
    "urlize": lambda v, a: _need(_text_length(v) * 3),
    "tojson": lambda v, a: _need(_text_length(v) * 6),
    "pprint": lambda v, a: _need(_text_length(v) * 2),
    "lipsum": _lipsum_length,
    **{
        name: (lambda v, a: _need(_text_length(v)))
        for name in (
            "string",
            "upper",
            "lower",
            "capitalize",
            "title",
            "trim",
            "striptags",
            "truncate",
            "wordcount",
            "xmlattr",
            "safe",
        )
    },  # fmt: skip
}
# Filters that go through their value item by item (or word by word), making an object
# for each: a value of more than MAX_ITEMS items is refused before they start.
_ITEMWISE = frozenset(
    {
        "list", "unique", "sort", "reverse", "map", "select", "reject", "selectattr",
        "rejectattr", "groupby", "dictsort", "items", "min", "max", "random", "batch",
        "slice", "sum", "join", "wordwrap", "wordcount", "urlize", "tojson", "pprint",
        "xmlattr",
    }
)  # fmt: skip
# The arguments Jinja passes a filter before its value.
_PASSED = frozenset({"environment", "env", "eval_ctx", "context"})


def _bounded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter (or lipsum) that checks what it would make before it runs, and what it
    made after: the time limit, then _CHECKS and _ITEMWISE; its result through
    _checked. Jinja's own filter runs, with the arguments it was given."""
    check = _CHECKS.get(name)
    itemwise = name in _ITEMWISE
    if check is None and not itemwise:

        @functools.wraps(function)  # keeps what Jinja reads from it (pass_context and kin)
        def checked(*args: Any, **kwargs: Any) -> Any:
            return _checked(function(*args, **kwargs))

        return checked

    arguments = _Arguments(function)
    position, gather = arguments.position, name in ("join", "sum")

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value: Any = args[position] if 0 <= position < len(args) else None
        if gather and hasattr(value, "__next__"):  # an iterator (not an ABC check: hot)
            # Gathered first (at most MAX_ITEMS), measured, then joined or added.
            value = list(itertools.islice(value, MAX_ITEMS + 1))
            args = (*args[:position], value, *args[position + 1 :])
        sized = hasattr(value, "__len__") and not isinstance(value, jinja2.Undefined)
        if itemwise and sized and len(value) > MAX_ITEMS:
            _need(len(value), "items")
        if check is not None:
            check(value, _Given(arguments, args, kwargs))
        result = function(*args, **kwargs)
        # A lazy result of an item-wise filter has no more items than the value it was
        # given, counted above (batch and slice are checked for their own counts).
        return result if itemwise and sized and hasattr(result, "__next__") else _checked(result)

    return bounded


_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


class _Arguments:
    """A filter's arguments by name, as its signature names them (inspect.signature,
    read once; what inspect's own bind does, without its cost on every call)."""

    def __init__(self, function: Callable[..., Any]):
        params = list(inspect.signature(function).parameters.values())
        # Jinja passes a filter marked with pass_context (or its kin) one argument first;
        # the filters with an async variant are so marked without naming it.
        passed = getattr(function, "jinja_pass_arg", None) is not None
        self.skip = 1 if passed and (not params or params[0].name not in _PASSED) else 0
        self.names = [p.name for p in params if p.kind in _POSITIONAL]
        self.defaults = {p.name: p.default for p in params if p.default is not p.empty}
        self.rest = next((p.name for p in params if p.kind is p.VAR_POSITIONAL), None)
        self.keywords = next((p.name for p in params if p.kind is p.VAR_KEYWORD), None)
        # The value filtered: the first argument after those Jinja passes, always positional.
        value = next((n for n in self.names if n not in _PASSED), None)
        self.position = -1 if value is None else self.skip + self.names.index(value)
        self.index = {n: self.skip + i for i, n in enumerate(self.names)}

    def get(self, args: tuple[Any, ...], kwargs: dict[str, Any], name: str) -> Any:
        """The argument of that name in a call: given by position or name, or its default
        (the extra positional ones as a tuple, the extra named ones as a dict)."""
        i = self.index.get(name)
        if i is not None and i < len(args):
            return args[i]
        if name in kwargs:
            return kwargs[name]
        if name == self.rest:
            return tuple(args[self.skip + len(self.names) :])
        if name == self.keywords:
            return {k: v for k, v in kwargs.items() if k not in self.index}
        return self.defaults.get(name)


class _Given:
    """A filter call's arguments, each looked up by name only when a check asks for it."""

    __slots__ = ("args", "arguments", "kwargs")

    def __init__(self, arguments: _Arguments, args: tuple[Any, ...], kwargs: dict[str, Any]):
        self.arguments, self.args, self.kwargs = arguments, args, kwargs

    def get(self, name: str) -> Any:
        return self.arguments.get(self.args, self.kwargs, name)


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    """The items of a filter's lazy result, MAX_ITEMS at most, the time limit checked at
    each."""
    for count, item in enumerate(items, 1):
        if count > MAX_ITEMS:
            raise LimitExceeded(f"more than {MAX_ITEMS} items, the limit; stopped")
        _check_time()
        yield item


def _checked(result: Any) -> Any:
    """What a filter, method or function made, refused past its limit (a value the checks
    before did not foresee goes no further); a lazy result counted as it is read."""
    if isinstance(result, str):
        if len(result) > MAX_VALUE_LENGTH:
            _need(len(result))
    elif isinstance(result, (list, tuple, dict, set, frozenset)):
        if len(result) > MAX_ITEMS:
            _need(len(result), "items")
    elif hasattr(result, "__next__"):  # an iterator
        return _counted(result)
    return result


def _check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A method a template calls that would make a big value from a small one (a text
    padded, repeated, split or joined; a list grown), checked before it runs."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if owner is None and name in ("format", "format_map"):
        # str.format as the sandbox hands it out (SandboxedEnvironment.wrap_str_format):
        # a function wrapping the text's own method.
        owner = getattr(getattr(obj, "__wrapped__", None), "__self__", None)

    def arg(i: int, keyword: str, default: Any = None) -> Any:
        return args[i] if len(args) > i else kwargs.get(keyword, default)

    if isinstance(owner, str):
        if name == "format":
            _need(_format_length(owner, args, kwargs))
        elif name == "format_map":
            mapping = arg(0, "mapping")
            _need(_format_length(owner, (), mapping if isinstance(mapping, Mapping) else {}))
        elif name in ("center", "ljust", "rjust", "zfill"):
            _need(max(len(owner), _number(arg(0, "width"))))
        elif name == "expandtabs":
            _need(len(owner) + owner.count("\t") * _number(arg(0, "tabsize", 8)))
        elif name == "replace":
            _need(_replace_length(owner, arg(0, "old"), arg(1, "new"), arg(2, "count", -1)))
        elif name == "join":
            items = arg(0, "iterable")
            if isinstance(items, (list, tuple)):
                _need(len(items), "items")
                texts = sum(len(i) for i in items if isinstance(i, str))
                _need(texts + len(owner) * max(0, len(items) - 1))
        elif name in ("split", "rsplit", "splitlines"):
            _need(len(owner), "items")
    elif isinstance(owner, list):
        if name in ("append", "insert"):
            _need(len(owner) + 1, "items")
        elif name == "extend":
            more = arg(0, "iterable")
            _need(len(owner) + (len(more) if isinstance(more, Sized) else 0), "items")
    elif isinstance(owner, (dict, set)) and name in ("update", "setdefault", "add"):
        more = arg(0, "other")
        extra = len(more) if isinstance(more, Sized) and name == "update" else 1
        _need(len(owner) + extra + len(kwargs), "items")


class _ConcatChecked(CodeGenerator):
    """Jinja's code generator with one change: `a ~ b` hands its parts to
    ReportSandbox.concat_parts, which refuses a text past the limit before it is joined.
    `~` is the one operator SandboxedEnvironment's hooks do not intercept, and
    Environment.code_generator_class is Jinja's documented way to change the code a
    template compiles to; the join itself is Jinja's, as before."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"{join}(environment.concat_parts((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


def _range(*args: int) -> range:
    """range, as the sandbox allows it (MAX_RANGE numbers), refused past that with the
    limit named like every other."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitExceeded(f"range of {len(numbers)} numbers passes the limit of {MAX_RANGE}")
    return numbers


def _finalized(value: Any) -> Any:
    """Every `{{ value }}`, before it is made text and escaped: refused if that text would
    pass the limit (the output's own limit counts it only once it is made)."""
    if not (isinstance(value, str) and len(value) <= _SHORT) and not isinstance(
        value, (int, float)
    ):
        _need(_escaped_length(value))
    return value


# A text this short cannot pass the limit however it is escaped (five times longer at most).
_SHORT = MAX_VALUE_LENGTH // 5


class ReportSandbox(SandboxedEnvironment):
    """The sandbox, with the time limit checked on every call, filter and loop turn, and
    every way a template makes a big value checked before the value is built, through
    Jinja's documented hooks: the operators (*, +, **, %: intercepted_binops and
    call_binop), calls of functions and methods (call), `str.format`
    (wrap_str_format), the filters and lipsum (wrapped where they are registered), `~`
    (code_generator_class) and every value written out (finalize)."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})
    code_generator_class = _ConcatChecked

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, finalize=_finalized, **kwargs)
        self.filters = {name: _bounded(name, f) for name, f in self.filters.items()}
        self.globals["lipsum"] = _bounded("lipsum", generate_lorem_ipsum)
        self.globals["range"] = _range

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _check_time()
        _check_method(__obj, args, kwargs)
        if getattr(__obj, "__name__", None) in _GETTEXT and any(
            __obj is __self.globals.get(name) for name in _GETTEXT_GLOBALS
        ):
            # A message's %(name)s placeholders, each filled with a value given.
            values = {"num": 0, **kwargs}
            for text in args:
                if isinstance(text, str):
                    _need(_printf_length(text, values))
        return _checked(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _sized(seq) and isinstance(n, int):
                    _need(len(seq) * n, _what(seq))
        elif operator == "+" and _sized(left) and _sized(right):
            _need(len(left) + len(right), _what(left))
        elif operator == "%" and isinstance(left, str):
            _need(_printf_length(left, right))
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and abs(left) > 1
            and right * left.bit_length() > MAX_POWER_BITS
        ):
            raise LimitExceeded(
                f"{left} ** {right} passes the limit of {MAX_POWER_BITS} bits; not computed"
            )
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """A field of one of reportgen's own context dataclasses is data, read as it is:
        the sandbox's checks are for what a template could reach beyond the context
        (methods, dunders, modules), and they were half of a 10,000-client index's
        template time. Anything else goes through them."""
        if attribute in _context_fields(type(obj)):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    @staticmethod
    def concat_parts(parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """The parts of `a ~ b ~ ...`, refused if joined (and escaped) they would pass the
        limit."""
        _check_time()
        length = 0
        for part in parts:
            if isinstance(part, str):
                length += len(part)
            elif not isinstance(part, (int, float)):
                length = _SHORT + 1
                break
        if length > _SHORT:
            _need(sum(_escaped_length(p) for p in parts))
        return parts


_FIELDS: dict[type, frozenset[str]] = {}


def _context_fields(cls: type) -> frozenset[str]:
    """The data fields of a context type: a dataclass of reportgen's own (the template
    contract's types, docs/templates.md); none for any other type. Remembered per type."""
    found = _FIELDS.get(cls)
    if found is None:
        ours = dataclasses.is_dataclass(cls) and cls.__module__.startswith("reportgen.")
        found = frozenset(f.name for f in dataclasses.fields(cls)) if ours else frozenset()
        _FIELDS[cls] = found
    return found


# The message functions the i18n extension installs, and their functions' names (`_` is
# an alias that calls gettext).
_GETTEXT_GLOBALS = ("_", "gettext", "ngettext", "pgettext", "npgettext")
_GETTEXT = frozenset({"_gettext_alias", "gettext", "ngettext", "pgettext", "npgettext"})


def _sized(value: Any) -> bool:
    return isinstance(value, (str, bytes, list, tuple))


LOOP_GUARD = "__reportgen_loop"


class _Bounded:
    """A loop's iterable: the time limit checked at every turn; its length, if any, kept
    (loop.length, loop.last)."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]):
        self.items = items

    def __len__(self) -> int:
        return len(self.items)  # type: ignore[arg-type]  # TypeError: no length, as before

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            _check_time()
            yield item


class LoopGuard(Extension):
    """Every `{% for x in EXPR %}` read as `{% for x in __reportgen_loop(EXPR) %}`
    (Extension.filter_stream, Jinja's documented token hook): a loop whose body calls
    nothing still meets the time limit."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        state, depth, previous = "text", 0, None
        for token in stream:
            if token.type == "name" and token.value == LOOP_GUARD:  # never the template's own
                raise jinja2.TemplateSyntaxError(
                    f"{LOOP_GUARD} is a name reportgen reserves", token.lineno, stream.name,
                    stream.filename,
                )  # fmt: skip
            if state == "iter" and depth == 0:
                ends = token.type == "block_end" or (
                    token.type == "name" and token.value in ("if", "recursive")
                )
                if ends:
                    yield Token(token.lineno, "rparen", ")")
                    state = "text"
            if token.type in ("lparen", "lbracket", "lbrace"):
                depth += 1
            elif token.type in ("rparen", "rbracket", "rbrace"):
                depth -= 1
            yield token
            if state == "text":
                if previous == "block_begin" and token.type == "name" and token.value == "for":
                    state, depth = "target", 0
            elif state == "target" and depth == 0 and token.test("name:in"):
                yield Token(token.lineno, "name", LOOP_GUARD)
                yield Token(token.lineno, "lparen", "(")
                state, depth = "iter", 0
            previous = token.type


class FolderLoader(jinja2.BaseLoader):
    """Templates from folders, in order; only regular files inside their folder are read.

    A symbolic link is followed only where it stays inside the folder; a pipe, device or
    socket is refused without being opened (a pipe would block), and so is a file over
    MAX_TEMPLATE_BYTES or not UTF-8: each one error naming the template."""

    def __init__(self, folders: list[str]):
        self.folders = [(folder, os.path.realpath(folder)) for folder in folders]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = []
        for piece in template.split("/"):
            if os.sep in piece or (os.altsep and os.altsep in piece) or piece == os.pardir:
                raise jinja2.TemplateNotFound(template)
            if piece and piece != ".":
                pieces.append(piece)
        for folder, root in self.folders:
            path = os.path.join(folder, *pieces)
            try:
                if not os.path.lexists(path):
                    continue
            except ValueError:  # a NUL in the name
                raise jinja2.TemplateNotFound(template) from None
            real = os.path.realpath(path)
            if os.path.commonpath([real, root]) != root:
                self._refuse(template, f"a symbolic link leading outside {folder}; not read")
            try:
                st = os.stat(real)
            except OSError as exc:
                self._refuse(template, f"cannot be read ({exc.strerror or exc})")
            if not stat.S_ISREG(st.st_mode):
                if stat.S_ISDIR(st.st_mode):
                    continue
                self._refuse(template, "not a regular file (a pipe, a device or a socket)")
            source = self._read(template, real)
            mtime = st.st_mtime_ns

            def uptodate(real: str = real, mtime: int = mtime) -> bool:
                try:
                    return os.stat(real).st_mtime_ns == mtime
                except OSError:
                    return False

            return source, os.path.normpath(path), uptodate
        raise jinja2.TemplateNotFound(template)

    def _read(self, template: str, real: str) -> str:
        try:
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            self._refuse(template, f"cannot be read ({exc.strerror or exc})")
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the check
                self._refuse(template, "not a regular file (a pipe, a device or a socket)")
            chunks, size = [], 0
            while size <= MAX_TEMPLATE_BYTES:
                chunk = os.read(fd, MAX_TEMPLATE_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError as exc:
            self._refuse(template, f"cannot be read ({exc.strerror or exc})")
        finally:
            os.close(fd)
        if size > MAX_TEMPLATE_BYTES:
            self._refuse(template, f"too big (over {MAX_TEMPLATE_BYTES // 1024 // 1024} MiB)")
        data = b"".join(chunks)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self._refuse(
                template,
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                "save it as UTF-8",
            )

    @staticmethod
    def _refuse(template: str, reason: str) -> NoReturn:
        raise TemplateFailure(f"{printable(template)}: {reason}")


@cache
def environment(lang: str, override_dir: str | None = None) -> jinja2.Environment:
    # A firm's folder comes first, so a partial of the same name replaces the built-in one.
    search = [override_dir] if override_dir else []
    search.append(str(TEMPLATES_DIR))
    search += [str(s.templates_dir) for s in sections() if s.templates_dir is not None]
    # Sandboxed: an override template from a firm's folder (or a built-in one) can read
    # the context it is given and nothing more: no attribute walk to os or subprocess.
    env = ReportSandbox(
        loader=FolderLoader(search),
        # Everything is escaped except the YAML answers template, which is not markup.
        autoescape=lambda name: not (name or "").endswith(".yaml.j2"),
        extensions=["jinja2.ext.i18n", LoopGuard],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    # The one palette of band, tier and risk colours, for the stylesheets (charts use it too).
    env.globals["palette"] = COLOURS
    env.globals[LOOP_GUARD] = _Bounded
    return env


def render_template(
    name: str,
    lang: str,
    context: dict[str, Any],
    override_dir: str | None = None,
    time_limit: float | None = None,
) -> str:
    """A template rendered; any failure in a template (a typo, a name that does not
    exist, something the sandbox refuses) is one error naming the template and line.

    The template runs for at most `time_limit` seconds (RENDER_TIME_LIMIT by default)
    and makes at most MAX_OUTPUT_CHARS characters: it is rendered piece by piece, so a
    runaway document stops at the limit instead of being built whole in memory."""
    seconds = RENDER_TIME_LIMIT if time_limit is None else time_limit
    outer = (_budget.deadline, _budget.seconds)
    _budget.deadline, _budget.seconds = time.monotonic() + seconds, seconds
    try:
        parts, size = [], 0
        for part in environment(lang, override_dir).get_template(name).generate(context):
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateFailure(
                    f"{printable(name)}: its output passed the limit of {MAX_OUTPUT_CHARS} "
                    "characters; stopped"
                )
            parts.append(part)
        html = "".join(parts)
        # Vietnamese words kept whole at a line end in the printed documents' headings,
        # cells and labels (a browser page, the batch index or the preview, reflows).
        printed = name in ("report.html.j2", "handout.html.j2")
        return keep_words(html) if printed and "vi" in lang.split("+") else html
    except ReportgenError:
        raise
    except Exception as exc:  # whatever a template's expression raises (1 // 0 included)
        where = template_error(exc)
        if isinstance(exc, LimitExceeded) and where.startswith(f"{type(exc).__name__}:"):
            where = f"{printable(name)}: {where}"  # no template frame: the one rendered
        raise TemplateFailure(
            where, seconds if isinstance(exc, TimeLimitExceeded) else None
        ) from None
    finally:
        _budget.deadline, _budget.seconds = outer


class TemplateFailure(ReportgenError):
    """A template failed: its name, line and what happened; past its time limit, the
    limit in seconds (stopped_after), else None."""

    def __init__(self, where: str, stopped_after: float | None = None):
        super().__init__(f"template {where}")
        self.where = where
        self.stopped_after = stopped_after


def template_error(exc: BaseException) -> str:
    """Where in which template an exception happened, and what: "partials/cover.html.j2,
    line 2: UndefinedError: ..." (not a traceback)."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            name, line = frame.filename, frame.lineno
    where = ""
    if name:
        shown = Path(name)
        if shown.is_relative_to(TEMPLATES_DIR):
            shown = shown.relative_to(TEMPLATES_DIR)
        where = f"{shown}, line {line}: " if line else f"{shown}: "
    message = " ".join(str(exc).split())
    return f"{where}{type(exc).__name__}: {message}"


def html_document(
    template: str,
    context: Any,
    lang: str,
    override_dir: str | None = None,
    time_limit: float | None = None,
) -> str:
    """Render a template with a context dataclass; its fields are the template's names."""
    values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return render_template(template, lang, values, override_dir, time_limit)


# The faces an HTML document carries: a browser synthesises the italics from them, and
# the regular and bold WOFF2 files add about 200 kB to a document.
HTML_FONT_FACES = (("NotoSans-Regular.woff2", "normal"), ("NotoSans-Bold.woff2", "bold"))


@cache
def embedded_fonts_css() -> str:
    """@font-face rules carrying the bundled font itself (data: URIs), so that an HTML
    report shows in any browser as in its PDF, with no file beside it."""
    rules = []
    for name, weight in HTML_FONT_FACES:
        data = base64.b64encode((FONTS_DIR / name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "Noto Sans"; font-weight: {weight}; font-style: normal; '
            f'src: url("data:font/woff2;base64,{data}") format("woff2"); }}'
        )
    return "\n".join(rules)


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_DOCTYPE = re.compile(r"\s*<!doctype[^>]*>", re.IGNORECASE)


def with_fonts(html: str) -> str:
    """An HTML document for a browser: the bundled font embedded in its head. (The PDF
    renderer loads the same fonts once per process instead, as TrueType files.)

    A document without a `</head>` (an override template's own, or an empty one) gets
    the fonts at its start, after its doctype: a browser puts a leading <style> in the
    head it makes up."""
    head_end = html.find("</head>")
    if head_end < 0:
        found = _HEAD_END.search(html)
        if found:
            head_end = found.start()
        else:
            doctype = _DOCTYPE.match(html)
            head_end = doctype.end() if doctype else 0
    return f"{html[:head_end]}<style>\n{embedded_fonts_css()}\n</style>\n{html[head_end:]}"


def answers_template(lang: str) -> str:
    """The answers file `reportgen init` writes: every section's part, comments translated."""
    from ..blocks.document import MODELINE, SCHEMA_FILE

    answer_sections = tuple(s for s in sections() if s.schema is not None)
    modeline = MODELINE.format(file=SCHEMA_FILE.format(lang=lang))
    context = {"lang": lang, "sections": answer_sections, "modeline": modeline}
    return render_template("answers.yaml.j2", lang, context)
