"""The Jinja environment: autoescaping, gettext (new style) and the template search path.

One environment per (language, override folder), cached, so that a batch worker
builds it once and reuses it for every document. The search path: a firm's override
folder, then reportgen's templates, then the templates of sections from other
packages.
"""

from __future__ import annotations

import base64
import dataclasses
import traceback
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .. import i18n
from ..blocks.charts import COLOURS
from ..errors import ReportgenError
from ..resources import FONTS_DIR, TEMPLATES_DIR
from ..sections import sections


@cache
def environment(lang: str, override_dir: str | None = None) -> jinja2.Environment:
    # A firm's folder comes first, so a partial of the same name replaces the built-in one.
    search = [override_dir] if override_dir else []
    search.append(str(TEMPLATES_DIR))
    search += [str(s.templates_dir) for s in sections() if s.templates_dir is not None]
    # Sandboxed: an override template from a firm's folder (or a built-in one) can read
    # the context it is given and nothing more: no attribute walk to os or subprocess.
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search),
        # Everything is escaped except the YAML answers template, which is not markup.
        autoescape=lambda name: not (name or "").endswith(".yaml.j2"),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    # The one palette of band, tier and risk colours, for the stylesheets (charts use it too).
    env.globals["palette"] = COLOURS
    return env


def render_template(
    name: str, lang: str, context: dict[str, Any], override_dir: str | None = None
) -> str:
    """A template rendered; any failure in a template (a typo, a name that does not
    exist, something the sandbox refuses) is one error naming the template and line."""
    try:
        return environment(lang, override_dir).get_template(name).render(context)
    except ReportgenError:
        raise
    except Exception as exc:  # whatever a template's expression raises (1 // 0 included)
        raise TemplateFailure(template_error(exc)) from None


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


def html_document(template: str, context: Any, lang: str, override_dir: str | None = None) -> str:
    """Render a template with a context dataclass; its fields are the template's names."""
    values = {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    return render_template(template, lang, values, override_dir)


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


def with_fonts(html: str) -> str:
    """An HTML document for a browser: the bundled font embedded in its head. (The PDF
    renderer loads the same fonts once per process instead, as TrueType files.)"""
    head_end = html.index("</head>")
    return f"{html[:head_end]}<style>\n{embedded_fonts_css()}\n</style>\n{html[head_end:]}"


def answers_template(lang: str) -> str:
    """The answers file `reportgen init` writes: every section's part, comments translated."""
    from ..blocks.document import MODELINE, SCHEMA_FILE

    answer_sections = tuple(s for s in sections() if s.schema is not None)
    modeline = MODELINE.format(file=SCHEMA_FILE.format(lang=lang))
    context = {"lang": lang, "sections": answer_sections, "modeline": modeline}
    return render_template("answers.yaml.j2", lang, context)
