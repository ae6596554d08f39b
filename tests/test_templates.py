"""Templates use exactly the documented context, and nothing else."""

from __future__ import annotations

import dataclasses

import jinja2
from jinja2 import meta

from reportgen.present.report import ReportContext
from reportgen.resources import TEMPLATES_DIR

# Names every template may use besides the context: gettext, installed by jinja2.ext.i18n,
# and the one palette of grade colours.
GLOBALS = {"_", "gettext", "ngettext", "palette"}


def test_report_templates_use_only_the_context():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), extensions=["jinja2.ext.i18n"])
    fields = {f.name for f in dataclasses.fields(ReportContext)}
    # A chapter's partial is included in the loop over the sections: it sees `section`.
    partials = [f"partials/{p.name}" for p in (TEMPLATES_DIR / "partials").glob("*.j2")]
    used = set()
    for name in ["report.html.j2", *partials]:
        source = env.loader.get_source(env, name)[0]
        undeclared = meta.find_undeclared_variables(env.parse(source))
        allowed = fields | GLOBALS | ({"section"} if name in partials else set())
        assert undeclared <= allowed, (name, undeclared - allowed)
        used |= undeclared
    # And the context carries nothing the templates ignore.
    assert fields - used == set()
