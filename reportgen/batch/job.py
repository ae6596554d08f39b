"""One input of a batch run to render."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Job:
    rel: str  # path under IN_DIR, with "/": the manifest key
    name: str  # the path as shown to people: IN_DIR/rel
    stem: str
    out_sub: str  # sub-folder of OUT_DIR ("" at the top)
    data: bytes = b""
    sha: str = ""
