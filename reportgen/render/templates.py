"""The Jinja environment: autoescaping, gettext (new style) and the template search path.

One environment per (language, override folder), cached, so that a batch worker
builds it once and reuses it for every document. The search path: a firm's override
folder, then reportgen's templates, then the templates of sections from other
packages.
"""

from __future__ import annotations

import base64
import dataclasses
import os
import re
import stat
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import jinja2
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import SandboxedEnvironment

from .. import i18n
from ..blocks.charts import COLOURS
from ..errors import ReportgenError, printable
from ..resources import FONTS_DIR, TEMPLATES_DIR
from ..sections import sections

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


def _check_time() -> None:
    deadline = _budget.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise LimitExceeded(
            f"the template ran past the time limit of {_budget.seconds:g} s "
            "(a loop or macro that does not end in time)"
        )


def _too_long(length: int) -> LimitExceeded:
    return LimitExceeded(
        f"a value of {length} items or characters passes the limit of {MAX_VALUE_LENGTH}"
    )


class ReportSandbox(SandboxedEnvironment):
    """The sandbox, with the time limit checked on every call and loop turn, and the
    operators that make big values (*, +, **) checked before they build them (the
    documented operator-intercepting hooks of SandboxedEnvironment)."""

    intercepted_binops = frozenset({"*", "+", "**"})

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _check_time()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_time()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _sized(seq) and isinstance(n, int) and len(seq) * n > MAX_VALUE_LENGTH:
                    raise _too_long(len(seq) * n)
        elif operator == "+" and _sized(left) and _sized(right):
            if len(left) + len(right) > MAX_VALUE_LENGTH:
                raise _too_long(len(left) + len(right))
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
        return "".join(parts)
    except ReportgenError:
        raise
    except Exception as exc:  # whatever a template's expression raises (1 // 0 included)
        where = template_error(exc)
        if isinstance(exc, LimitExceeded) and where.startswith("LimitExceeded:"):
            where = f"{printable(name)}: {where}"  # no template frame: the one rendered
        raise TemplateFailure(where) from None
    finally:
        _budget.deadline, _budget.seconds = outer


class TemplateFailure(ReportgenError):
    """A template failed: its name, line and what happened."""

    def __init__(self, where: str):
        super().__init__(f"template {where}")
        self.where = where


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
