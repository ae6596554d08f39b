"""What the preview shows: the last render of the answers file, kept warm in one process.

A save re-renders the HTML only (the PDF is made when asked for). Invalid answers keep
the last good report, dimmed under the problems; an exception in a template is shown
with its template's name and line. Every page is versioned, so a browser reloads only
when there is something new.

A render runs in a thread of its own: one that takes too long is reported in the page
(over the last good report) and left to finish, and the next save renders at once; only
the newest render's result is shown. WeasyPrint is not thread-safe, so PDFs are made one
at a time in the process (RENDER_LOCK); the HTML renders are Jinja's, which is.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import ReportgenError
from ..pipeline import (
    LANG_CHOICES,
    LANGS,
    Request,
    Styling,
    attachment,
    languages,
    make_styling,
    output_name,
    pages,
)
from ..render import pdf_bytes, render_template, with_fonts
from ..render.templates import TemplateFailure, template_error

RENDER_SECONDS = 20.0  # a render still running after this is reported in the page
MAX_RENDERS = 2  # renders running at once: the newest, and one that was taking too long
# WeasyPrint (Pango, GLib) used from two threads at once corrupts native memory: every
# PDF of the process is made under this lock.
RENDER_LOCK = threading.Lock()


def seconds(value: float) -> str:
    return f"{value:g} second" + ("" if value == 1 else "s")


@dataclass(frozen=True)
class PreviewOptions:
    file: str
    lang: str | None = None  # None: the answers' first language
    kind: str = "report"
    brand_file: str | None = None
    templates_dir: str | None = None


@dataclass
class Snapshot:
    """The latest render: a good page per language, or why there is none now."""

    version: int = 0
    pages: dict[str, str] = field(default_factory=dict)  # language -> the report's HTML
    languages: tuple[str, ...] = ()  # the languages the answers offer
    problems: tuple[str, ...] = ()  # the answers file's problems, as the CLI prints them
    error: str | None = None  # a template's exception: where, and what


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
        with self.changed:
            asked_for = set(self.wanted)
        snap, valid = Snapshot(), None
        try:
            data, name = read_input(o.file)
            styling = self.styling()
            answers = parse_answers(data, name)
            scores = score(answers)
            # The answers' own languages first, then the other; a handout also in both.
            own = [langs[0] for langs in languages(None, answers.assessment.languages, o.kind)]
            offered = tuple(dict.fromkeys([*own, *LANGS]))
            if o.kind == "handout":
                offered += ("vi+en",)
            snap.languages = offered
            wanted = {o.lang or offered[0], *asked_for} & set(offered) or {offered[0]}
            rendered = {}
            for lang in sorted(wanted):
                request = Request(data, name, Path(name).stem, lang, "html", o.kind, styling)
                (page,) = pages(request, answers, scores)
                rendered[lang] = with_fonts(page.html)
                valid = replace(request, lang=None)
            snap.pages = rendered
        except TemplateFailure as exc:  # a template's mistake must not stop the server
            snap.error = exc.where
        except ReportgenError as exc:
            snap.problems = tuple(str(p) for p in getattr(exc, "problems", ())) or (
                exc.format_message(),
            )
        except Exception as exc:  # anything else: shown in the page, the server goes on
            snap.error = template_error(exc)
        return snap, valid if snap.pages else None

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
            error = (
                f"The render took longer than {seconds(self.render_timeout)} and goes on in "
                "the background (a template that loops?); the report below is the last good "
                "one. It is shown when the render ends; saving again renders again."
            )
            self.publish(replace(self.snapshot, problems=(), error=error))

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
                "version": snap.version,
                "pdf": f"/pdf?lang={lang}" if report is not None else None,
                "stale": report is not None and bool(snap.problems or snap.error),
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

    def pdf(self, asked: str | None) -> tuple[bytes, str] | None:
        """The PDF of the current answers, made now (one at a time in the process); None
        while they are invalid."""
        from ..engine import score
        from ..read import parse_answers

        with self.changed:
            snap, request = self.snapshot, self.request
        if request is None or snap.problems or snap.error:
            return None
        lang = self.lang_for(asked)
        request = replace(request, lang=lang, fmt="pdf")
        with RENDER_LOCK:
            answers = parse_answers(request.data, request.name)
            (page,) = pages(request, answers, score(answers))
            data: Any = pdf_bytes(
                page.html, source=page.template, attachments=(attachment(request, answers),)
            )
        return data, output_name(request.stem, lang, "pdf", request.kind)
