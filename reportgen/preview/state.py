"""What the preview shows: the last render of the answers file, kept warm in one process.

A save re-renders the HTML only (the PDF is made when asked for). Invalid answers keep
the last good report, dimmed under the problems; an exception in a template is shown
with its template's name and line. Every page is versioned, so a browser reloads only
when there is something new.

A render runs in a thread of its own: one that takes too long is reported in the page
(over the last good report) and left to finish, and the next save renders at once; only
the newest render's result is shown. Its templates stop at the time limit per document
(--timeout, or the template layer's own limit if lower): the page then says so, over the
last good report. A PDF is made in a process of its own (``executor.isolated``), one at a
time (RENDER_LOCK), stopped at the time limit and killed if it does not stop: WeasyPrint,
which is not thread-safe and cannot be interrupted in a thread, never runs in the server.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ReportgenError
from ..executor import isolated
from ..pipeline import (
    DOCUMENT_TIMEOUT,
    LANG_CHOICES,
    LANGS,
    Request,
    Styling,
    languages,
    make_styling,
    output_name,
    pages,
)
from ..render import render_template, templates, with_fonts
from ..render.templates import TemplateFailure, template_error

RENDER_SECONDS = 20.0  # a render still running after this is reported in the page
MAX_RENDERS = 2  # renders running at once: the newest, and one that was taking too long
# PDFs are made one at a time, each in a process of its own: a second request waits.
RENDER_LOCK = threading.Lock()


def seconds(value: float) -> str:
    """A number of seconds as the page shows it: 20, 0.5."""
    return f"{value:g}"


@dataclass(frozen=True)
class PreviewOptions:
    file: str
    lang: str | None = None  # None: the answers' first language
    kind: str = "report"
    brand_file: str | None = None
    templates_dir: str | None = None
    timeout: float = DOCUMENT_TIMEOUT  # seconds a document may take (--timeout)
    # The client's earlier assessments (--previous), read at each render, and --force.
    previous: tuple[str, ...] = ()
    force_previous: bool = False
    cohort: Any = None  # --cohort, read once when the preview starts (model.cohort)


@dataclass(frozen=True)
class Pdf:
    """A PDF asked for: its file name, and its bytes or why it was not made."""

    name: str
    data: bytes = b""
    error: str | None = None


@dataclass
class Snapshot:
    """The latest render: a good page per language, or why there is none now."""

    version: int = 0
    pages: dict[str, str] = field(default_factory=dict)  # language -> the report's HTML
    languages: tuple[str, ...] = ()  # the languages the answers offer
    problems: tuple[str, ...] = ()  # the answers file's problems, as the CLI prints them
    error: str | None = None  # a template's exception: where, and what
    stopped: float | None = None  # the time limit (s) the render was stopped at, if it was
    slow: float | None = None  # a render still running after this many seconds


class Previewer:
    """Renders the answers file on demand and after each change; thread-safe."""

    def __init__(self, options: PreviewOptions, render_timeout: float = RENDER_SECONDS):
        self.options = options
        self.render_timeout = render_timeout
        self.snapshot = Snapshot()
        self.changed = threading.Condition()  # guards everything below, and the snapshot
        self.request: Request | None = None  # the last valid request, for the PDF
        self.wanted: set[str] = set()  # the languages a browser has asked for
        self.asked = 0  # renders asked for (each save, each new language)
        self.started = 0  # the newest render started
        self.running = 0  # render threads still running
        self.unwatched: str | None = None  # why changes are not followed now, if they are not

    # --- rendering ----------------------------------------------------------------------

    def styling(self) -> Styling:
        o = self.options
        return make_styling(o.brand_file, o.templates_dir, draft=False, pdf_variant=None)

    def render(self) -> None:
        """Read, check and render the answers file again, and publish the result; wait for
        it up to render_timeout. Past that, the page says the render is taking too long
        (the render goes on, and is shown if nothing newer was asked for meanwhile)."""
        with self.changed:
            self.asked += 1
            if self.running >= MAX_RENDERS:
                return  # a running render starts the newest one when it ends
            self.running += 1
            self.started = generation = self.asked
        done = threading.Event()
        worker = threading.Thread(
            target=self.renders, args=(generation, done), name="preview-render", daemon=True
        )
        worker.start()
        if not done.wait(self.render_timeout):
            self.too_slow(generation, done)

    def renders(self, generation: int, done: threading.Event) -> None:
        """A render thread: render, publish if still the newest, and go on with the newest
        asked for meanwhile that no other thread has started."""
        try:
            while True:
                snap, request = self.rendered()
                with self.changed:
                    if generation == self.asked:
                        self.publish(snap, request)
                    done.set()
                    if self.asked <= self.started:
                        return
                    self.started = generation = self.asked
                    done = threading.Event()
        finally:
            with self.changed:
                self.running -= 1

    def rendered(self) -> tuple[Snapshot, Request | None]:
        """A fresh render: the pages, or why there are none (then pages is empty, and the
        last good ones stay); the request behind them, for the PDF."""
        from ..engine import score
        from ..read import parse_answers, read_input

        o = self.options
        limit = self.time_limit()
        with self.changed:
            asked_for = set(self.wanted)
        snap, valid = Snapshot(), None
        try:
            data, name = read_input(o.file)
            styling = self.styling()
            from ..read.history import previous_inputs, with_history

            previous = previous_inputs(o.previous)
            answers = with_history(parse_answers(data, name), name, previous, o.force_previous)
            scores = score(answers, o.cohort)
            # The answers' own languages first, then the other; a handout also in both.
            own = [langs[0] for langs in languages(None, answers.assessment.languages, o.kind)]
            offered = tuple(dict.fromkeys([*own, *LANGS]))
            if o.kind == "handout":
                offered += ("vi+en",)
            snap.languages = offered
            wanted = {o.lang or offered[0], *asked_for} & set(offered) or {offered[0]}
            rendered = {}
            for lang in sorted(wanted):
                request = Request(
                    data,
                    name,
                    Path(name).stem,
                    lang,
                    "html",
                    o.kind,
                    styling,
                    previous=previous,
                    force_previous=o.force_previous,
                    cohort=o.cohort,
                )
                (page,) = pages(request, answers, scores, time_limit=limit)
                rendered[lang] = with_fonts(page.html)
                valid = replace(request, lang=None)
            snap.pages = rendered
        except TemplateFailure as exc:  # a template's mistake must not stop the server
            snap.error, snap.stopped = exc.where, exc.stopped_after
        except ReportgenError as exc:
            snap.problems = tuple(str(p) for p in getattr(exc, "problems", ())) or (
                exc.format_message(),
            )
        except Exception as exc:  # anything else: shown in the page, the server goes on
            snap.error = template_error(exc)
        return snap, valid if snap.pages else None

    def time_limit(self) -> float:
        """Seconds an HTML render's templates may run: the limit per document, or the
        template layer's own if lower (as in `render`)."""
        return min(self.options.timeout, templates.RENDER_TIME_LIMIT)

    def publish(self, snap: Snapshot, request: Request | None = None) -> None:
        """Show snap (the last good pages and languages kept where it has none)."""
        with self.changed:
            current = self.snapshot
            snap.version = current.version + 1
            snap.pages = snap.pages or current.pages
            snap.languages = snap.languages or current.languages
            if request is not None:
                self.request = request
            self.snapshot = snap
            self.changed.notify_all()

    def too_slow(self, generation: int, done: threading.Event) -> None:
        """The render asked for as generation is still running: say so in the page (unless
        it has ended just now, or a newer one was asked for: that one tells)."""
        with self.changed:
            if done.is_set() or generation != self.asked:
                return
            slow = replace(self.snapshot, problems=(), error=None, stopped=None)
            self.publish(replace(slow, slow=self.render_timeout))

    def watching(self, reason: str | None) -> None:
        """Changes are followed again (None), or not, and why: the page says so (its
        version moves on, so that open pages reload and show it)."""
        with self.changed:
            if reason == self.unwatched:
                return
            self.unwatched = reason
            self.publish(replace(self.snapshot))

    def wait_for_change(self, seen: int, timeout: float) -> int:
        """Block until the version is past seen, or timeout; the current version."""
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot.version > seen, timeout=timeout)
            return self.snapshot.version

    # --- pages --------------------------------------------------------------------------

    def lang_for(self, asked: str | None) -> str:
        snap = self.snapshot
        if asked in LANG_CHOICES and asked in (snap.languages or (asked,)):
            return str(asked)
        return self.options.lang or (snap.languages[0] if snap.languages else "en")

    def page(self, asked: str | None) -> tuple[str, int]:
        """The page for a language: the report with the toolbar (and the problems, if any),
        and its version."""
        lang = self.lang_for(asked)
        with self.changed:
            first = lang not in self.snapshot.pages and lang not in self.wanted
            self.wanted.add(lang)
        if first:
            self.render()
        snap = self.snapshot
        report = snap.pages.get(lang)
        ui_lang = lang.split("+")[0]
        bar = render_template(
            "preview.html.j2",
            ui_lang,
            {
                "file": Path(self.options.file).name,
                "lang": lang,
                "languages": snap.languages,
                "problems": snap.problems,
                "error": snap.error,
                "stopped": seconds(snap.stopped) if snap.stopped is not None else None,
                "slow": seconds(snap.slow) if snap.slow is not None else None,
                "limit": seconds(self.time_limit()),
                "unwatched": self.unwatched,
                "version": snap.version,
                "pdf": f"/pdf?lang={lang}" if report is not None else None,
                "stale": report is not None
                and bool(snap.problems or snap.error or snap.slow is not None),
            },
        )
        if report is None:
            return (
                f'<!DOCTYPE html><html lang="{ui_lang}"><head><meta charset="utf-8">'
                f"<title>reportgen preview</title></head><body>{bar}</body></html>",
                snap.version,
            )
        head, sep, body = report.partition("<body")
        if not sep:
            return report + bar, snap.version
        tag_end = body.index(">") + 1
        return f"{head}<body{body[:tag_end]}{bar}{body[tag_end:]}", snap.version

    def pdf(self, asked: str | None) -> Pdf | None:
        """The PDF of the current answers, made now in a process of its own (one at a time),
        or why it was not made (past the time limit per document, say); None while the
        answers or a template have problems."""
        with self.changed:
            snap, request = self.snapshot, self.request
        if request is None or snap.problems or snap.error:
            return None
        lang = self.lang_for(asked)
        request = replace(request, lang=lang, fmt="pdf")
        name = output_name(request.stem, lang, "pdf", request.kind)
        with RENDER_LOCK:
            result = isolated(request, self.options.timeout)
        if not result.ok or len(result.documents) != 1:
            return Pdf(name, error=result.error or "no document was made")
        return Pdf(name, data=result.documents[0].content)
