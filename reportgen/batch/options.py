"""What a batch run is asked for: the pipeline's options plus scheduling."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..pipeline import LANGS, Request, Styling

if TYPE_CHECKING:
    from .job import Job


@dataclass(frozen=True)
class BatchOptions:
    """What the user asked for; every field but the scheduling ones shapes the outputs."""

    lang: str | None = None  # vi | en | all | None (the languages each file names)
    fmt: str = "all"  # html | pdf | docx | all, or a comma list (pipeline.parse_formats)
    kind: str = "report"
    force: bool = False
    recursive: bool = False
    jobs: int | None = None  # local worker processes; None: one per core
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler
    timeout: float | None = None  # seconds per document before it fails; None: the default
    # Find each client's history in the folder and render the latest with its progress
    # (--history): every input is then parsed while planning.
    history: bool = False
    # Where to write the cohort file (--write-cohort): distributions only, no client data.
    write_cohort: str | None = None
    styling: Styling = field(default_factory=Styling)  # brand, templates, draft, PDF variant

    def shaping(self) -> dict[str, Any]:
        """The options that change what is rendered (part of the fingerprint); the
        override templates' content is hashed by ``fingerprint`` itself."""
        st = self.styling
        brand = (
            hashlib.sha256(repr(st.brand).encode()).hexdigest() if st.brand is not None else None
        )
        return {
            "lang": self.lang,
            "format": self.fmt,
            "kind": self.kind,
            "brand": brand,
            "templates": st.templates_dir,
            "draft": st.draft,
            "pdf_variant": st.pdf_variant,
            **({"history": True} if self.history else {}),
            # Signed PDFs are other outputs; only present when signing, so that the
            # fingerprints of unsigned runs stay as they were.
            **({"signing": _signing_key(st.signing)} if st.signing is not None else {}),
            # Likewise the Word template: a changed template renders the DOCX files again.
            **(
                {"docx_template": hashlib.sha256(st.docx_template[0]).hexdigest()}
                if st.docx_template is not None
                else {}
            ),
        }

    def languages(self) -> tuple[str, ...]:
        """Every language a worker may render (for warming up its environment)."""
        if self.lang is None or self.lang == "all":
            return LANGS
        return tuple(self.lang.split("+"))  # vi+en: the bilingual handout

    def parts(self) -> int:
        """How many documents of different languages one file may give (vi+en is one)."""
        return len(LANGS) if self.lang in (None, "all") else 1

    def index_language(self) -> str:
        """The summary page speaks the first requested language; vi when all or unset."""
        return self.languages()[0]

    def request(self, job: Job) -> Request:
        """The pipeline request for one input of the run."""
        from pathlib import Path

        from ..read import read_input

        data = job.read()
        previous = tuple(read_input(Path(name)) for name in job.previous)
        return Request(
            data,
            job.name,
            job.stem,
            self.lang,
            self.fmt,
            self.kind,
            self.styling,
            previous=previous,
        )

    def wants_pdf(self) -> bool:
        """Whether WeasyPrint draws: for PDFs, and for a Word document's charts."""
        from ..pipeline import DRAWN_FORMATS, formats

        return bool(DRAWN_FORMATS & set(formats(self.fmt)))


def _signing_key(spec: Any) -> str:
    """Which certificate signs, how (visible, timestamped): never the password."""
    digest = hashlib.sha256(spec.p12).hexdigest()
    return f"{digest}:{spec.visible}:{spec.timestamp_url or ''}"
