"""The consultant's decisions on the advice: the statuses of an action, and the decisions'
names in the appendix's record. Every English string here is a gettext msgid."""

from __future__ import annotations

from ...blocks.rubric import Item

STATUSES: tuple[Item, ...] = (
    Item("planned", "Planned"),
    Item("in_progress", "In progress"),
    Item("done", "Done"),
)

# What the consultant did with a recommendation (the JSON's `origin`, and the record).
ORIGINS: tuple[Item, ...] = (
    Item("engine", "As proposed"),
    Item("edited", "Edited"),
    Item("consultant", "Added"),
    Item("dropped", "Dropped"),
)

MESSAGE_ROOTS = ("STATUSES", "ORIGINS")
