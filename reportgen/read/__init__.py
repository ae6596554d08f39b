"""The read stage: files -> validated values (answers, brand files). The only stage that
parses YAML; it knows nothing of scores, locales or documents."""

from .answers import load_answers, parse_answers
from .inputs import read_input

__all__ = ["load_answers", "parse_answers", "read_input"]
