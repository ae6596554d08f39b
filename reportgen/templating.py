"""The Jinja environment: autoescaping, gettext (new style) and the template search path.

One environment per (language, override folder), cached, so that a batch worker
builds it once and reuses it for every document.
"""

from __future__ import annotations

from functools import cache

import jinja2

from . import i18n
from .resources import TEMPLATES_DIR


@cache
def environment(lang: str, override_dir: str | None = None) -> jinja2.Environment:
    # A firm's folder comes first, so a partial of the same name replaces the built-in one.
    search = [override_dir, str(TEMPLATES_DIR)] if override_dir else [str(TEMPLATES_DIR)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        # Everything is escaped except the YAML answers template, which is not markup.
        autoescape=lambda name: not (name or "").endswith(".yaml.j2"),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    return env


def render_template(name: str, lang: str, context: dict, override_dir: str | None = None) -> str:
    return environment(lang, override_dir).get_template(name).render(context)
