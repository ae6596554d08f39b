"""One input of a batch run to render."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Job:
    rel: str  # path under IN_DIR, with "/": the manifest key
    name: str  # the path as shown to people: IN_DIR/rel
    stem: str
    out_sub: str  # sub-folder of OUT_DIR ("" at the top)
    data: bytes = b""  # held while planning; read again when the job is handed out
    sha: str = ""  # of the bytes last read: what the manifest records
    size: int = 0  # the input's size in bytes, for the schedule (largest first)
    # The same client's earlier assessments in the folder (their names, oldest first):
    # the latest of a client's files is rendered with its progress since them.
    previous: tuple[str, ...] = ()
    client: str = ""  # the client's key (client.id, else name); "" where it does not parse
    date: object = None  # its assessment date
    previous_shas: tuple[str, ...] = ()  # the earlier assessments' hashes, as planned

    def release(self) -> None:
        """Forget the bytes once hashed: a folder of 300 inputs of 1 MiB held them all
        (344 MB at the coordinator's peak) until each was rendered."""
        self.size = len(self.data)
        self.data = b""

    def read(self) -> bytes:
        """The input's bytes: those held, or read again (through the same checks as the
        first read), the hash updated to what is rendered."""
        if self.data:
            return self.data
        from ..read import read_input

        data, _name = read_input(Path(self.name))
        self.sha = self.fingerprint(hashlib.sha256(data).hexdigest())
        return data

    def fingerprint(self, own: str) -> str:
        """What the manifest records: the input's hash, and with a history, the hash of
        it and its earlier assessments' (a changed earlier file renders it again)."""
        if not self.previous_shas:
            return own
        return hashlib.sha256(" ".join((own, *self.previous_shas)).encode()).hexdigest()
