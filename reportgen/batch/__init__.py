"""reportgen batch: a folder of answers files -> outputs, in parallel and incrementally.

plan (which inputs are up to date: ``manifest``, ``plan``), run (``reportgen.executor``
hands each input to local processes or a Dask cluster), write (``run``, under the
``lock``), and report (``summary``: summary.json and index.html; ``progress``).
"""

from .lock import LOCK_NAME
from .options import BatchOptions
from .progress import Progress
from .run import run_batch

__all__ = ["LOCK_NAME", "BatchOptions", "Progress", "run_batch"]
