"""The values passed between stages: answers in, scores out. Pure data, no I/O.

``Answers`` holds the client, the assessment and each answered section's value
under its section id; ``Scores`` holds each section's result under the same id.
A section module (``reportgen.sections``) defines the types of its own value and
result and reads them back with ``Section.value`` and ``Section.result``.
"""

from .answers import Answers, Assessment, Client, FrozenMap, Note, Place, Text
from .brand import Brand
from .scores import Scores

__all__ = [
    "Answers",
    "Assessment",
    "Brand",
    "Client",
    "FrozenMap",
    "Note",
    "Place",
    "Scores",
    "Text",
]
