"""The extra section's rubric: data whose strings are msgids (see reportgen/blocks/rubric.py)."""

from reportgen.blocks.advice import GroupAdvice
from reportgen.blocks.rubric import Action, Item

TITLE = "Responsible AI"
PRACTICES: tuple[Item, ...] = (
    Item("bias_testing", "Bias testing before each release"),
    Item("model_cards", "Model cards published for every model"),
    Item("incident_process", "An AI incident process in place"),
)

# Its own advice group: the practices not in place become one recommendation.
GROUPS = {
    "responsible_ai": GroupAdvice(
        title="Responsible AI practices",
        message="Put the missing responsible AI practices in place: %(items)s.",
        owner="cto",
        horizon=(0, 6),
        kpis=("model_accuracy",),
        source="success_factor_checklist",
        why="%(count)s responsible AI practices are not in place.",
        urgency=40,
        phase="foundation",
    ),
}

# One action per practice (its instruction, and the practice as a noun for lists).
_STEPS = {
    "bias_testing": ("Test every release for bias before it ships.", "bias testing before each release"),
    "model_cards": ("Publish a model card for every model.", "model cards for every model"),
    "incident_process": ("Set up an AI incident process.", "an AI incident process"),
}

ACTIONS: dict[str, Action] = {
    **{
        f"responsible_ai.{key}": Action(
            group="responsible_ai",
            action=action,
            noun=noun,
            owner="cto",
            horizon=(0, 6),
            kpis=("model_accuracy",),
            source="success_factor_checklist",
            why="This responsible AI practice is not in place.",
        )
        for key, (action, noun) in _STEPS.items()
    },
    "responsible_ai#absent": Action(
        group="assessment_gaps",
        action="Assess the three responsible AI practices with the technical lead.",
        noun="the responsible AI practices",
        owner="cto",
        horizon=(0, 1),
        kpis=("model_accuracy",),
        source="success_factor_checklist",
        why="Responsible AI practices were not assessed.",
    ),
}

MESSAGE_ROOTS = ("TITLE", "PRACTICES", "GROUPS", "ACTIONS")
