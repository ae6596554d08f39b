"""`reportgen preview`: a local server that shows the report and reloads it on each save.

The standard library's threading HTTP server, bound to 127.0.0.1 unless told otherwise;
server-sent events tell the page to reload (no reload loop: a page asks with the
version it shows, and hears only of a newer one); ``watchfiles`` follows the answers
file, the brand file, override templates, and the built-in templates and catalogs.
Requests that name another host are refused, so a web page elsewhere cannot read the
preview through a rebound DNS name. If the watcher fails (a watched folder deleted, the
system's limit on watched files reached), the server goes on showing the last render,
says why in one line and in the page, and follows changes again once it can.
"""

from __future__ import annotations

import errno
import http.server
import ipaddress
import os
import re
import select
import socket
import stat
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from ..errors import EXIT_USAGE, ReportgenError, printable
from ..resources import LOCALES_DIR, TEMPLATES_DIR
from .state import RENDER_SECONDS, Previewer, PreviewOptions

DEFAULT_PORT = 8765
PORT_TRIES = 10  # 8765, 8766, ...: a second preview takes the next free port
KEEPALIVE_SECONDS = 15.0  # a comment down the event stream now and then
POLL_SECONDS = 1.0  # how soon an event stream notices that its page has gone
REQUEST_SECONDS = 5.0  # a connection that sends no (whole) request for this long is closed
RESPONSE_SECONDS = 60.0  # a client that takes longer to read an answer is let go
MAX_VERSION_DIGITS = 18
WATCH_RETRY_SECONDS = 2.0  # how often a watcher that failed tries again

# An authority (RFC 3986 3.2): a registered name or an IPv4 address, or an IPv6 address
# in brackets; then, optionally, a colon and a port. No user part, nothing else.
_AUTHORITY = re.compile(
    r"(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::(?P<port>[0-9]{1,5}))?"
)


def authority_host(value: str) -> str | None:
    """The host of a Host header's value ("localhost", "127.0.0.1", "::1"), lower-cased;
    None unless the value is an authority and nothing more, with a port below 65536."""
    match = _AUTHORITY.fullmatch(value)
    if match is None or (match["port"] is not None and int(match["port"]) > 65535):
        return None
    if match["v6"] is not None:
        try:
            return str(ipaddress.IPv6Address(match["v6"]))
        except ValueError:
            return None
    return str(match["name"]).lower()


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: only this machine can be asked for them."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def same_host(host: str, bound: str) -> bool:
    try:
        return ipaddress.ip_address(host) == ipaddress.ip_address(bound)
    except ValueError:
        return host == bound.lower()


def host_allowed(values: list[str] | None, bound: str) -> bool:
    """A request names exactly one host, and that host is the loopback (or the host the
    server was told to bind to); anything else is a page elsewhere reaching in, through
    a rebound DNS name or a header the first reader of it would see differently."""
    if not values or len(values) != 1:
        return False
    host = authority_host(values[0].strip(" \t"))
    return host is not None and (is_loopback(host) or same_host(host, bound))


def ascii_name(name: str) -> str:
    """A file name a client that ignores `filename*` can use: the letters without their
    accents (đ as d), anything else outside printable ASCII, a quote or a backslash as _."""
    plain = unicodedata.normalize("NFKD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in plain)


def content_disposition(name: str) -> str:
    """`inline` with the file's name: as it is when it is plain ASCII; else an ASCII
    stand-in and, for the clients that read it, the name itself (RFC 6266, RFC 5987)."""
    fallback = ascii_name(name)
    if fallback == name:
        return f'inline; filename="{name}"'
    return f"inline; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def event_version(query: dict[str, str]) -> int | None:
    """The version a page shows (`/events?v=`): digits only; None for anything else."""
    given = query.get("v", "0") or "0"
    if given.isascii() and given.isdigit() and len(given) <= MAX_VERSION_DIGITS:
        return int(given)
    return None


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    answered = False  # the status line and headers have gone out

    def handle_one_request(self) -> None:
        # A client that sends no request or half a request for request_timeout is let go
        # (the stdlib closes a connection whose request timed out, quietly).
        self.connection.settimeout(self.server.request_timeout)
        super().handle_one_request()

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError):  # the page went away, or went quiet
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        """Quiet: the terminal shows re-renders and problems, not every request."""

    def end_headers(self) -> None:
        # The answer itself may take longer to go out than a request to come in; a client
        # that stops reading it is let go all the same.
        self.connection.settimeout(RESPONSE_SECONDS)
        self.answered = True
        super().end_headers()

    def send_text(self, status: int, body: str | bytes, kind: str, **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self.answered = False
        try:
            self.route()
        except (ConnectionError, TimeoutError):
            raise
        except Exception as exc:  # a mistake of ours: one line in the terminal, a 500
            self.server.log(f"preview: {self.command} {self.path}: {type(exc).__name__}: {exc}")
            if self.answered:
                self.close_connection = True
            else:
                self.send_text(
                    500, f"The preview failed: {type(exc).__name__}.\n", "text/plain; charset=utf-8"
                )

    def route(self) -> None:
        plain = "text/plain; charset=utf-8"
        if not host_allowed(self.headers.get_all("Host"), self.server.host):
            self.send_text(403, "This preview answers requests for localhost only.\n", plain)
            return
        url = urlsplit(self.path)
        if not self.path.startswith("/") or url.scheme or url.netloc:
            self.send_text(400, "Ask for a path on this server (/, /pdf, /events).\n", plain)
            return
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        previewer = self.server.previewer
        if url.path == "/":
            page, version = previewer.page(query.get("lang"))
            self.server.pages_served(version)
            self.send_text(200, page, "text/html; charset=utf-8")
        elif url.path == "/events":
            seen = event_version(query)
            if seen is None:
                self.send_text(400, "The version (v=) is a whole number.\n", plain)
                return
            self.events(seen)
        elif url.path == "/pdf":
            made = previewer.pdf(query.get("lang"))
            if made is None:
                self.send_text(409, "The answers have problems; fix them to get the PDF.\n", plain)
                return
            if made.error is not None:  # past the time limit, say: one line, the page says it
                self.server.log(f"the PDF was not made: {made.error}")
                self.send_text(500, f"The PDF was not made: {made.error}\n", plain)
                return
            self.send_text(
                200,
                made.data,
                "application/pdf",
                Content_Disposition=content_disposition(made.name),
            )
        else:
            self.send_text(404, "Not found.\n", plain)

    def events(self, seen: int) -> None:
        """Server-sent events: one `reload` when the version passes the page's, then done
        (the page reloads); a comment now and then keeps the connection open. A page that
        has gone (its end of the connection closed) ends the stream within a second."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command == "HEAD":
            return
        previewer = self.server.previewer
        keepalive = time.monotonic() + KEEPALIVE_SECONDS
        while not self.server.stopping.is_set():
            version = previewer.wait_for_change(seen, POLL_SECONDS)
            if version > seen:
                self.wfile.write(f"event: reload\ndata: {version}\n\n".encode())
                return
            if self.page_gone():
                return
            if time.monotonic() >= keepalive:
                self.wfile.write(b": still here\n\n")
                keepalive = time.monotonic() + KEEPALIVE_SECONDS

    def page_gone(self) -> bool:
        """The client closed its end (a page sends nothing after asking for the stream)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            return bool(readable) and not self.connection.recv(1, socket.MSG_PEEK)
        except (BlockingIOError, InterruptedError):
            return False
        except (OSError, ValueError):
            return True


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port in use must be seen as taken

    def __init__(self, address: tuple[str, int], previewer: Previewer, log: Callable[[str], None]):
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, _Handler)
        self.previewer, self.host, self.log = previewer, address[0], log
        self.stopping = threading.Event()
        self.served: list[int] = []  # the version of each page served (the tests read it)
        self.request_timeout = REQUEST_SECONDS

    def handle_error(self, request: Any, client_address: Any) -> None:
        """What a client does (going away mid-answer, going quiet) is not news; anything
        else is one line in the terminal, never a traceback."""
        exc = sys.exception()
        if exc is None or isinstance(exc, ConnectionError | TimeoutError):
            return
        self.log(f"preview: a request failed: {type(exc).__name__}: {exc}")

    def pages_served(self, version: int) -> None:
        self.served.append(version)

    @property
    def url(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.server_address[1]}/"


def bind(
    previewer: Previewer, host: str, port: int | None, log: Callable[[str], None]
) -> PreviewServer:
    """A server on port, or (no port given) on the first free one from DEFAULT_PORT."""
    tries = [port] if port is not None else [DEFAULT_PORT + i for i in range(PORT_TRIES)]
    for candidate in tries:
        try:
            return PreviewServer((host, candidate), previewer, log)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise ReportgenError(
                    f"cannot listen on {host}:{candidate}: {exc.strerror}", exit_code=EXIT_USAGE
                ) from None
            if port is not None:
                raise ReportgenError(
                    f"port {candidate} is taken (another preview?); choose another with --port",
                    exit_code=EXIT_USAGE,
                ) from None
            log(f"port {candidate} is taken; trying {candidate + 1}")
    raise ReportgenError(
        f"ports {tries[0]}-{tries[-1]} are all taken; choose one with --port", exit_code=EXIT_USAGE
    )


def watched(options: PreviewOptions) -> list[Path]:
    """The folders to watch: the answers file's, the brand file's, override templates,
    and the built-in templates and catalogs (a template author sees their change)."""
    folders = [Path(options.file).resolve().parent]
    if options.brand_file:
        folders.append(Path(options.brand_file).resolve().parent)
    if options.templates_dir:
        folders.append(Path(options.templates_dir).resolve())
    folders += [p for p in (TEMPLATES_DIR, LOCALES_DIR) if p.is_dir()]
    unique: list[Path] = []
    for folder in folders:  # a folder inside another is already watched
        if not any(folder == u or u in folder.parents for u in unique):
            unique = [u for u in unique if folder not in u.parents] + [folder]
    return unique


def relevant(options: PreviewOptions) -> Callable[[Any, str], bool]:
    """Which changes matter: the answers and brand files (and the logo beside it), any
    template or catalog; not editors' swap files or what the preview's neighbours write."""
    answers = Path(options.file).resolve()
    brand_dir = Path(options.brand_file).resolve().parent if options.brand_file else None
    roots = [Path(options.templates_dir).resolve()] if options.templates_dir else []
    roots += [TEMPLATES_DIR, LOCALES_DIR]

    def keep(_change: Any, path: str) -> bool:
        p = Path(path)
        if p == answers or (brand_dir is not None and p.parent == brand_dir):
            return not p.name.startswith((".", "~"))
        in_roots = any(r == p or r in p.parents for r in roots)
        return in_roots and p.suffix in (".j2", ".css", ".po", ".svg", ".png")

    return keep


def watch(
    previewer: Previewer,
    stop: threading.Event,
    on_change: Callable[[set[str]], None],
    ready: threading.Event,
    log: Callable[[str], None] = lambda _message: None,
) -> None:
    """Re-render on every relevant change until stop is set; ready is set once the
    folders are watched (a save before that would go unseen), or watching has failed.

    The watcher fails when a watched folder is gone (deleted, or replaced: its watch goes
    with it) or the system refuses more watches. Then the page shows the last render
    with a notice, one line says why, and the watcher tries again every
    WATCH_RETRY_SECONDS; once it watches again it renders again (what changed meanwhile
    went unseen) and says so."""
    import watchfiles

    options = previewer.options
    failed: str | None = None  # why watching failed; None while it works
    while not stop.is_set():
        folders = watched(options)
        try:
            identities = {folder: identity(folder) for folder in folders}
            gone = [folder for folder, found in identities.items() if found is None]
            if gone:
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(gone[0]))
            for changes in watchfiles.watch(
                *folders,
                watch_filter=relevant(options),
                stop_event=stop,
                step=20,  # ms of quiet after a change before it is reported: a save is one event
                debounce=400,
                raise_interrupt=False,
                rust_timeout=200,  # ms: how soon a stop is noticed
                yield_on_timeout=True,  # an empty set every 200 ms: the watcher is running
            ):
                ready.set()
                if failed is not None:
                    failed = None
                    previewer.watching(None)
                    log("following changes again")
                    on_change(set())
                if changes:
                    on_change({path for _change, path in changes})
                moved = next((f for f in folders if identity(f) != identities[f]), None)
                if moved is not None:  # its watch went with it: watched again, from the start
                    raise FileNotFoundError(errno.ENOENT, "deleted or replaced", str(moved))
        except Exception as exc:  # the server goes on whatever the watcher meets
            reason = watch_failure(exc)
            if reason != failed:
                failed = reason
                previewer.watching(reason)
                log(
                    f"not following changes: {reason}; the page shows the last render "
                    f"(trying again every {WATCH_RETRY_SECONDS:g} s)"
                )
            ready.set()
            stop.wait(WATCH_RETRY_SECONDS)


def identity(folder: Path) -> tuple[int, int] | None:
    """Which folder a path names now (device and inode), None if none: a folder deleted
    and made again is another folder, and its watch is gone."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISDIR(st.st_mode) else None


def watch_failure(exc: BaseException) -> str:
    """Why the watcher failed, on one line, for the terminal and the page."""
    if isinstance(exc, FileNotFoundError):
        where = (
            f"{printable(str(exc.filename))}: the folder" if exc.filename else "a watched folder"
        )
        return f"{where} is gone (deleted, moved or replaced)"
    text = " ".join(str(exc).split())
    if "watch limit" in text.lower() or getattr(exc, "errno", None) == errno.ENOSPC:
        return (
            "the system's limit on watched files is reached (on Linux, raise "
            "fs.inotify.max_user_watches, or watch fewer folders)"
        )
    return printable(f"{type(exc).__name__}: {text}" if text else type(exc).__name__)


def forget_catalogs(paths: Iterable[str]) -> None:
    """After a catalog changes, the next render loads it again."""
    if any(p.endswith(".po") for p in paths):
        from .. import i18n
        from ..render import templates

        i18n.translations.cache_clear()
        templates.environment.cache_clear()


@dataclass
class Running:
    """A started preview: its server and watcher threads, and how to stop them."""

    server: PreviewServer
    previewer: Previewer
    threads: tuple[threading.Thread, ...]

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stopping.set()
        with self.previewer.changed:  # wake the event streams so they end
            self.previewer.changed.notify_all()
        self.server.shutdown()
        self.server.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start(
    options: PreviewOptions,
    host: str = "127.0.0.1",
    port: int | None = None,
    log: Callable[[str], None] = lambda _message: None,
    render_timeout: float = RENDER_SECONDS,
) -> Running:
    """Render once, start the server and the watcher in threads, and return. A render that
    takes longer than render_timeout is reported in the page and goes on meanwhile."""
    previewer = Previewer(options, render_timeout=render_timeout)
    previewer.render()
    server = bind(previewer, host, port, log)

    def changed(paths: set[str]) -> None:
        try:
            forget_catalogs(paths)
            previewer.render()
        except Exception as exc:  # the watcher must see the next save whatever happens
            log(f"preview: re-rendering failed: {type(exc).__name__}: {exc}")
            return
        names = ", ".join(sorted(Path(p).name for p in paths))
        log(f"re-rendered after a change to {names}" if names else "re-rendered")

    serving = threading.Thread(target=server.serve_forever, name="preview-http", daemon=True)
    ready = threading.Event()
    watching = threading.Thread(
        target=watch,
        args=(previewer, server.stopping, changed, ready, log),
        name="preview-watch",
        daemon=True,
    )
    serving.start()
    watching.start()
    ready.wait(timeout=10)
    return Running(server, previewer, (serving, watching))
