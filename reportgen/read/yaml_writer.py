"""Answers as a YAML answers file: what `convert` writes from a workbook (or a PDF's
attachment). The keys come in the schema's order, the first line names the schema for
an editor, and the file reads back to the same answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import yaml

from ..blocks.document import MODELINE, SCHEMA_FILE
from ..blocks.rubric import _
from ..i18n import Formatter


class _Dumper(yaml.SafeDumper):
    """Plain YAML: exact decimals, dates as text the loader reads back as dates, and no
    aliases (the loader refuses them): a value used twice is written twice."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = str(value) if value != value.to_integral_value() else str(int(value))
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return dumper.represent_scalar(tag, text)


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value.isoformat())


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Notes keep their paragraphs: several lines are written as a literal block.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(dt.date, _date)
_Dumper.add_representer(str, _text)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def answers_yaml(given: Mapping[str, Any], lang: str) -> str:
    """The checked answers (``Answers.given``) as the text of an answers file."""
    f = Formatter(lang)
    head = [
        MODELINE.format(file=SCHEMA_FILE.format(lang=lang)),
        "# " + f.gettext(_("reportgen answers file, format version 1.")),
        "# "
        + f.gettext(_("Fill in every blank, then check the file with: reportgen validate FILE")),
    ]
    body = yaml.dump(_plain(given), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(head) + "\n" + body
