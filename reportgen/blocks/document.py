"""The answers file as a whole: its fixed parts (schema_version, client, assessment,
notes) around the parts the registered sections declare."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..model.answers import LANGUAGES
from . import schema
from .rubric import Item, _

SCHEMA_VERSION = 1
# The answers' JSON Schema file: `init` writes it beside the answers file, whose first
# line (the YAML language server's modeline) names it.
SCHEMA_FILE = "reportgen-answers.{lang}.schema.json"
MODELINE = "# yaml-language-server: $schema={file}"
SCHEMA_ID = "https://reportgen.invalid/schema/answers-{version}.{lang}.json"
EMPTY_SECTION = "the section is empty; fill it in or remove it"
LANGUAGE_ITEMS = (Item("vi", _("Vietnamese")), Item("en", _("English")))
assert tuple(i.id for i in LANGUAGE_ITEMS) == LANGUAGES

CLIENT = schema.Fields(
    title=_("Client"),
    fields=(
        schema.Field("name", schema.Text(title=_("Client company name")), required=True),
        schema.Field("industry", schema.Bilingual(title=_("Industry"))),
        schema.Field("country", schema.Code(title=_("Country"), kind="country")),
        schema.Field(
            "id",
            schema.Text(
                title=_("Client id"),
                description=_(
                    "The firm's own reference for the client: it links assessments of one "
                    "client over time (else the name does)"
                ),
                required=False,
            ),
        ),
    ),
    empty=EMPTY_SECTION,
)

ASSESSMENT = schema.Fields(
    title=_("Assessment"),
    fields=(
        schema.Field("date", schema.Date(title=_("Assessment date")), required=True),
        schema.Field("assessor", schema.Text(title=_("Consultant's name")), required=True),
        schema.Field(
            "languages",
            schema.Choices(
                title=_("Report languages"),
                ids=LANGUAGES,
                items=LANGUAGE_ITEMS,
                nonempty="expected at least one of vi, en",
            ),
        ),
        schema.Field("currency", schema.Code(title=_("Currency"), kind="currency")),
    ),
    empty=EMPTY_SECTION,
)


def answers_schema(sections: Any) -> schema.Fields:
    """The whole file: the fixed parts and each section's part, in the registry's order."""
    parts = [
        schema.Field(
            "schema_version",
            schema.Number(
                title=_("Format version"), lo=Decimal(SCHEMA_VERSION), hi=Decimal(SCHEMA_VERSION)
            ),
            required=True,
        ),
        schema.Field("client", CLIENT, required=True),
        schema.Field("assessment", ASSESSMENT, required=True),
    ]
    notes = []
    for section in sections:
        if section.schema is not None:
            part = schema.Fields(
                title=section.title,
                fields=section.schema.fields,
                rules=section.schema.rules,
                what=section.schema.what,
                empty=EMPTY_SECTION,
            )
            parts.append(schema.Field(section.id, part, required=section.required))
        if section.note == "text":
            notes.append(schema.Field(section.id, schema.Bilingual(title=section.title)))
        elif section.note == "list":
            item = schema.Bilingual(title=section.title)
            notes.append(
                schema.Field(section.id, schema.ListOf(title=section.title, item=item, single=True))
            )
    parts.append(
        schema.Field(
            "notes",
            schema.Fields(title=_("Consultant's notes"), fields=tuple(notes), blank_absent=True),
        )
    )
    return schema.Fields(fields=tuple(parts))
