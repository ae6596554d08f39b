"""The extra section's rubric: data whose strings are msgids (see reportgen/rubric/base.py)."""

from reportgen.blocks.rubric import Item

TITLE = "Responsible AI"
PRACTICES: tuple[Item, ...] = (
    Item("bias_testing", "Bias testing before each release"),
    Item("model_cards", "Model cards published for every model"),
    Item("incident_process", "An AI incident process in place"),
)

MESSAGE_ROOTS = ("TITLE", "PRACTICES")
