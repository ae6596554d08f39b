"""`reportgen preview`: the report in a browser, re-rendered on each save."""

from .server import DEFAULT_PORT, Running, start
from .state import Previewer, PreviewOptions

__all__ = ["DEFAULT_PORT", "PreviewOptions", "Previewer", "Running", "start"]
