"""`reportgen preview` against clients that misbehave (GitHub issue 27, the preview
family): a real server on 127.0.0.1, real sockets, bounded loops; nothing leaves the
loopback. A client's behaviour never prints a traceback."""

from __future__ import annotations

import http.client
import shutil
import socket
import struct
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from reportgen.preview import PreviewOptions, start

from .support import ROOT, pdf_reader

SAMPLE = ROOT / "samples" / "minimal-startup.yaml"
BOUND = 15.0  # seconds a test waits for what should take well under one
PDFS_BOUND = 120.0  # seconds for PDFs asked for together, made one after the other


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.yaml"
    shutil.copy(SAMPLE, path)
    return path


def to_stderr(message: str) -> None:
    """The log of `reportgen preview`, as the terminal shows it (capfd reads it)."""
    print(message, file=sys.stderr)


@pytest.fixture
def preview(answers):
    running = start(PreviewOptions(str(answers), lang="en"), port=0, log=to_stderr)
    yield running
    running.stop()


def port_of(running) -> int:
    return running.server.server_address[1]


def get(
    running, path: str, host: str | None = None, timeout: float = BOUND
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port_of(running), timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": host} if host else {})
        response = conn.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        conn.close()


def raw(running, request: bytes) -> bytes:
    """Send bytes as they are; everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port_of(running)), timeout=BOUND) as sock:
        sock.sendall(request)
        chunks = []
        deadline = time.monotonic() + BOUND
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def read_head(sock: socket.socket) -> bytes:
    """The status line and headers of the answer on sock, read to the blank line."""
    head = b""
    deadline = time.monotonic() + BOUND
    while b"\r\n\r\n" not in head and time.monotonic() < deadline:
        chunk = sock.recv(1)
        if not chunk:
            break
        head += chunk
    return head


def reset(sock: socket.socket) -> None:
    """Close with a TCP reset, as a browser does when a page load is aborted."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def wait_until(condition, seconds: float = BOUND, step: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def no_traceback(capfd) -> None:
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err
    assert "GLib" not in err and "corrupted" not in err, err
    assert "preview: " not in err, err  # a request that failed on the server's side


# --- 1. a file name beyond ASCII -------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "fallback", "encoded"),
    [
        (
            "Công ty Ánh Dương",
            "Cong ty Anh Duong.en.pdf",
            "C%C3%B4ng%20ty%20%C3%81nh%20D%C6%B0%C6%A1ng.en.pdf",
        ),
        ('Đợt 2 "bản\\nháp"', "Dot 2 _ban_nhap_.en.pdf", None),
    ],
)
def test_the_pdf_of_a_file_named_in_vietnamese_is_served(tmp_path, capfd, stem, fallback, encoded):
    path = tmp_path / f"{stem}.yaml"
    shutil.copy(SAMPLE, path)
    running = start(PreviewOptions(str(path), lang="en"), port=0, log=to_stderr)
    try:
        status, headers, body = get(running, "/pdf?lang=en")
    finally:
        running.stop()
    assert status == 200 and body.startswith(b"%PDF-")
    disposition = headers["content-disposition"]
    assert disposition.isascii()
    assert disposition.startswith(f"inline; filename=\"{fallback}\"; filename*=UTF-8''")
    quoted = disposition.split("filename*=UTF-8''", 1)[1]
    if encoded is not None:
        assert quoted == encoded
    assert unquote(quoted, errors="strict") == f"{stem}.en.pdf"
    no_traceback(capfd)


# --- 2. a bad query, an aborted load -----------------------------------------------------


@pytest.mark.parametrize("query", ["v=abc", "v=", "v=-1", "v=1e3", "v=" + "9" * 5000])
def test_a_bad_event_version_is_a_400(preview, capfd, query):
    conn = http.client.HTTPConnection("127.0.0.1", port_of(preview), timeout=BOUND)
    try:
        conn.request("GET", f"/events?{query}")
        response = conn.getresponse()
        status = response.status
        response.read(0)
    finally:
        conn.close()
    if query == "v=":  # no version: the page's own first load, as before
        assert status == 200
    else:
        assert status == 400
    no_traceback(capfd)


@pytest.mark.parametrize("path", ["/", "/pdf?lang=en", "/?lang=vi"])
def test_an_aborted_load_prints_nothing(preview, capfd, path):
    baseline = threading.active_count()
    for _ in range(3):
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(BOUND)
        sock.connect(("127.0.0.1", port_of(preview)))
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        assert sock.recv(100).startswith(b"HTTP/1.1 200")  # and more is on its way
        reset(sock)
    assert wait_until(lambda: threading.active_count() <= baseline), "a handler is still running"
    assert get(preview, "/")[0] == 200  # the server goes on
    no_traceback(capfd)


def test_an_event_stream_closed_by_the_page_prints_nothing(preview, answers, capfd):
    baseline = threading.active_count()
    sock = socket.create_connection(("127.0.0.1", port_of(preview)), timeout=BOUND)
    version = preview.previewer.snapshot.version
    sock.sendall(f"GET /events?v={version} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    assert read_head(sock).startswith(b"HTTP/1.1 200")
    reset(sock)
    text = answers.read_text()
    answers.write_text(text.replace("customer_problem: 8", "customer_problem: 9"))
    assert wait_until(lambda: preview.previewer.snapshot.version > version)
    assert wait_until(lambda: threading.active_count() <= baseline), "the stream is still open"
    no_traceback(capfd)


# --- 3. two PDFs at once -----------------------------------------------------------------


def test_pdfs_asked_for_at_once_are_all_whole(preview, capfd):
    """WeasyPrint from two threads at once corrupted native memory (GLib's "corrupted
    double-linked list"); asked for together, the PDFs are made one after the other."""
    asks = ("en", "vi", "en", "vi")
    for _round in range(3):
        results: dict[int, tuple[int, dict[str, str], bytes] | BaseException] = {}
        barrier = threading.Barrier(len(asks), timeout=BOUND)

        def fetch(n: int, lang: str, results=results, barrier=barrier) -> None:
            try:  # the last waits for the others: a longer bound than one request's
                barrier.wait()
                results[n] = get(preview, f"/pdf?lang={lang}", timeout=PDFS_BOUND)
            except BaseException as exc:  # shown by the assertion below
                results[n] = exc

        threads = [threading.Thread(target=fetch, args=item) for item in enumerate(asks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=PDFS_BOUND + BOUND)
        assert sorted(results) == list(range(len(asks)))
        for result in results.values():
            assert not isinstance(result, BaseException), result
            status, headers, body = result
            assert status == 200 and headers["content-type"] == "application/pdf"
            assert body.startswith(b"%PDF-") and len(pdf_reader(body).pages) > 5
    no_traceback(capfd)


# --- 4. the Host header ------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "LOCALHOST",
        "LocalHost:8765",
        "localhost:1234",
        "127.0.0.1",
        "127.0.0.1:80",
        "127.9.8.7:65535",
        "[::1]",
        "[::1]:8765",
        "[0:0:0:0:0:0:0:1]:80",
    ],
)
def test_loopback_hosts_are_accepted(preview, host):
    assert get(preview, "/", host=host)[0] == 200


@pytest.mark.parametrize(
    "host",
    [
        "localhost:80@evil.com",
        "127.0.0.1:1.evil.com",
        "127.0.0.1.evil.com",
        "localhost.evil.com",
        "evil.com",
        "evil.com:8765",
        "localhost:",
        "localhost:abc",
        "localhost:99999",
        "localhost:80:80",
        "::1",
        "[::1",
        "[::1]x",
        "[::1]:",
        "[::2]",
        "127.1",
        "0x7f000001",
        "",
        "localhost, evil.com",
        "user@localhost",
        "10.0.0.1",
    ],
)
def test_other_hosts_are_refused(preview, capfd, host):
    answer = raw(preview, f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    assert status_of(answer) in (400, 403), answer[:200]
    no_traceback(capfd)


def test_two_host_headers_are_refused(preview, capfd):
    for hosts in (("localhost", "evil.com"), ("evil.com", "localhost"), ("localhost", "localhost")):
        lines = "".join(f"Host: {h}\r\n" for h in hosts)
        answer = raw(preview, f"GET / HTTP/1.1\r\n{lines}Connection: close\r\n\r\n".encode())
        assert status_of(answer) in (400, 403), answer[:200]
    no_traceback(capfd)


def test_no_host_header_is_refused(preview, capfd):
    assert status_of(raw(preview, b"GET / HTTP/1.0\r\n\r\n")) in (400, 403)
    no_traceback(capfd)


def test_an_absolute_target_naming_another_host_is_refused(preview, capfd):
    request = b"GET http://evil.com/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    assert status_of(raw(preview, request)) in (400, 403)
    no_traceback(capfd)


# --- 5. idle and dead clients -----------------------------------------------------------


@pytest.mark.parametrize("sent", [b"", b"GET / HTTP/1.1\r\nHost: local", "keep-alive"])
def test_an_idle_connection_is_closed(preview, capfd, sent):
    preview.server.request_timeout = 1.0
    with socket.create_connection(("127.0.0.1", port_of(preview)), timeout=BOUND) as sock:
        if sent == "keep-alive":
            sock.sendall(b"GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n")
            answer = b""
            while b"Not found.\n" not in answer:
                chunk = sock.recv(4096)
                assert chunk
                answer += chunk
        else:
            sock.sendall(sent)
        began = time.monotonic()
        closed = False
        while time.monotonic() - began < 8:
            try:
                if not sock.recv(4096):
                    closed = True
                    break
            except TimeoutError:
                break
        assert closed, "the server kept an idle connection open"
        assert time.monotonic() - began < 5
    no_traceback(capfd)


def test_an_event_stream_notices_a_dead_page(preview, capfd):
    baseline = threading.active_count()
    sock = socket.create_connection(("127.0.0.1", port_of(preview)), timeout=BOUND)
    version = preview.previewer.snapshot.version
    sock.sendall(f"GET /events?v={version} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    assert read_head(sock).startswith(b"HTTP/1.1 200")
    assert threading.active_count() > baseline
    sock.close()  # a plain close (FIN): the page was closed, nothing changed since
    began = time.monotonic()
    assert wait_until(lambda: threading.active_count() <= baseline, 5.0), "the stream is held"
    assert time.monotonic() - began < 5
    no_traceback(capfd)


def test_an_event_stream_outlives_the_request_timeout(preview):
    preview.server.request_timeout = 0.5
    sock = socket.create_connection(("127.0.0.1", port_of(preview)), timeout=BOUND)
    try:
        version = preview.previewer.snapshot.version
        sock.sendall(f"GET /events?v={version} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        assert read_head(sock).startswith(b"HTTP/1.1 200")
        sock.settimeout(2.0)
        with pytest.raises(TimeoutError):  # still open, nothing to say
            sock.recv(100)
    finally:
        sock.close()


# --- 6. a render that takes too long ---------------------------------------------------


SLOW = (
    "{% for i in range(40) %}{% for j in range(1000) %}{% for k in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}<section>slow</section>\n"
)


def test_a_slow_render_is_reported_and_a_later_save_renders_again(answers, tmp_path, capfd):
    firm = tmp_path / "firm" / "partials"
    firm.mkdir(parents=True)
    cover = firm / "cover.html.j2"
    cover.write_text("<section>first cover</section>\n")
    options = PreviewOptions(str(answers), lang="en", templates_dir=str(tmp_path / "firm"))
    running = start(options, port=0, log=to_stderr, render_timeout=1.0)
    try:
        assert "first cover" in get(running, "/")[2].decode()
        version = running.previewer.snapshot.version
        cover.write_text(SLOW)
        # The render goes on; the page says it is taking too long, over the last report.
        assert wait_until(lambda: running.previewer.snapshot.version > version, 4.0)
        page = get(running, "/")[2].decode()
        assert "The render has taken more than 1 s" in page and "first cover" in page
        # A save while it runs is rendered at once, not after the slow one.
        cover.write_text("<section>second cover</section>\n")
        assert wait_until(lambda: "second cover" in get(running, "/")[2].decode(), 4.0)
        page = get(running, "/")[2].decode()
        assert "Still rendering" not in page and "A template failed" not in page
        # The slow render, when it ends, does not replace the newer report.
        assert wait_until(
            lambda: not any(t.name == "preview-render" for t in threading.enumerate()), 60.0
        )
        assert "second cover" in get(running, "/")[2].decode()
    finally:
        running.stop()
    no_traceback(capfd)


def test_a_render_that_fails_shows_an_error_and_a_save_recovers(answers, tmp_path, capfd):
    firm = tmp_path / "firm" / "partials"
    firm.mkdir(parents=True)
    cover = firm / "cover.html.j2"
    cover.write_text("<section>{{ 1 // 0 }}</section>\n")
    options = PreviewOptions(str(answers), lang="en", templates_dir=str(tmp_path / "firm"))
    running = start(options, port=0, log=to_stderr)
    try:
        page = get(running, "/")[2].decode()
        assert "ZeroDivisionError" in page
        assert get(running, "/pdf?lang=en")[0] == 409
        cover.write_text("<section>fixed cover</section>\n")
        assert wait_until(lambda: "fixed cover" in get(running, "/")[2].decode())
    finally:
        running.stop()
    no_traceback(capfd)


def test_nothing_is_written_beside_a_vietnamese_named_file(tmp_path):
    path = tmp_path / "Công ty Ánh Dương.yaml"
    shutil.copy(SAMPLE, path)
    running = start(PreviewOptions(str(path), lang="en"), port=0, log=to_stderr)
    try:
        get(running, "/pdf?lang=vi")
    finally:
        running.stop()
    assert [p.name for p in Path(tmp_path).iterdir()] == [path.name]


# --- 7. the time limit per document, and the notices ------------------------------------


def firm_cover(tmp_path: Path, text: str) -> Path:
    cover = tmp_path / "firm" / "partials" / "cover.html.j2"
    cover.parent.mkdir(parents=True, exist_ok=True)
    cover.write_text(text)
    return cover


# Two nested loops of 100,000 (ten billion turns): a page that never ends.
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
# A page that renders at once and whose PDF takes minutes: 100,000 paragraphs to lay out.
LONG_PDF = "{% for i in range(100000) %}<p>line {{ i }}</p>{% endfor %}"
PDF_LIMIT = 30.0  # seconds, the --timeout of the PDF test: a report's PDF takes a few


def test_a_page_past_the_time_limit_is_stopped_and_said_so(answers, tmp_path, capfd):
    cover = firm_cover(tmp_path, "<section>first cover</section>\n")
    options = PreviewOptions(
        str(answers), lang="en", templates_dir=str(tmp_path / "firm"), timeout=2
    )
    running = start(options, port=0, log=to_stderr, render_timeout=BOUND)
    try:
        assert "first cover" in get(running, "/")[2].decode()
        cover.write_text(ENDLESS)
        assert wait_until(lambda: "Stopped at the time limit" in get(running, "/")[2].decode())
        page = get(running, "/")[2].decode()
        assert "stopped after 2 s, its time limit" in page
        assert "partials/cover.html.j2" in page and "time limit of 2 s" in page
        assert "first cover" in page and "A template failed" not in page
        assert get(running, "/pdf?lang=en")[0] == 409  # no PDF of a page that does not end
        # The render stopped (no thread left looping), and the next save renders.
        assert wait_until(
            lambda: not any(t.name == "preview-render" for t in threading.enumerate())
        )
        cover.write_text("<section>second cover</section>\n")
        assert wait_until(lambda: "second cover" in get(running, "/")[2].decode())
        assert "Stopped at the time limit" not in get(running, "/")[2].decode()
    finally:
        running.stop()
    no_traceback(capfd)


def test_a_pdf_past_the_time_limit_is_an_error_and_the_server_goes_on(answers, tmp_path, capfd):
    """The PDF was made in the server's thread with no limit: WeasyPrint laid out the
    100,000 paragraphs for minutes, and the request waited. It is made in a process of
    its own now, stopped at the limit: a 500 with the reason, and the server goes on."""
    cover = firm_cover(tmp_path, LONG_PDF)
    options = PreviewOptions(
        str(answers), lang="en", templates_dir=str(tmp_path / "firm"), timeout=PDF_LIMIT
    )
    running = start(options, port=0, log=to_stderr)
    try:
        assert "line 99999" in get(running, "/")[2].decode()
        started = time.monotonic()
        status, headers, body = get(running, "/pdf?lang=en", timeout=PDF_LIMIT + 60)
        took = time.monotonic() - started
        assert status == 500 and headers["content-type"].startswith("text/plain"), body[:300]
        text = body.decode()
        assert text.startswith("The PDF was not made: ") and text.count("\n") == 1, text
        assert f"stopped after {PDF_LIMIT:g} s, the limit per document (--timeout)" in text
        assert took < PDF_LIMIT + 45
        # The server goes on: the page, and the PDF once the template is fixed.
        assert get(running, "/")[0] == 200
        cover.write_text("<section>short cover</section>\n")
        assert wait_until(lambda: "short cover" in get(running, "/")[2].decode())
        status, _headers, body = get(running, "/pdf?lang=en", timeout=PDFS_BOUND)
        assert status == 200 and body.startswith(b"%PDF-")
    finally:
        running.stop()
    err = capfd.readouterr().err
    assert err.count("the PDF was not made: ") == 1, err
    assert "Traceback" not in err and "GLib" not in err, err


VI_STILL_RENDERING = "Báo cáo vẫn đang được tạo; báo cáo bên dưới là bản hợp lệ gần nhất."


@pytest.mark.parametrize(
    ("lang", "heading", "failed"),
    [
        ("en", "Still rendering; the report below is the last good one.", "A template failed"),
        ("vi", VI_STILL_RENDERING, "Một mẫu trình bày bị lỗi"),
    ],
)
def test_a_slow_render_has_its_own_notice_in_each_language(
    answers, tmp_path, lang, heading, failed
):
    """A render past the notice's delay was reported under "A template failed" (in
    English only): it has its own heading and words, translated."""
    cover = firm_cover(tmp_path, "<section>first cover</section>\n")
    options = PreviewOptions(
        str(answers), lang=lang, templates_dir=str(tmp_path / "firm"), timeout=20
    )
    running = start(options, port=0, log=to_stderr, render_timeout=1.0)
    try:
        # The first render done (on a busy machine it may itself take over a second).
        assert wait_until(lambda: "first cover" in get(running, f"/?lang={lang}")[2].decode())
        assert wait_until(lambda: running.previewer.snapshot.slow is None)
        cover.write_text(ENDLESS)
        assert wait_until(lambda: running.previewer.snapshot.slow is not None)
        page = get(running, f"/?lang={lang}")[2].decode()  # well before the 20 s limit
        assert heading in page and failed not in page
        assert "first cover" in page  # the last good report, under the notice
    finally:
        running.stop()


def answers_apart(tmp_path: Path) -> Path:
    """The answers file in a folder of its own, beside (not around) the firm's templates:
    each folder is watched on its own."""
    path = tmp_path / "client" / "answers.yaml"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    return path


def test_a_watched_folder_deleted_and_made_again_is_followed_again(tmp_path, capfd):
    """A watched folder deleted took its watch with it: saves in the folder made again
    went unseen, silently. Now one line says so, the page too, and the preview follows
    the folder again once it is back."""
    answers = answers_apart(tmp_path)
    cover = firm_cover(tmp_path, "<section>first cover</section>\n")
    options = PreviewOptions(str(answers), lang="en", templates_dir=str(tmp_path / "firm"))
    running = start(options, port=0, log=to_stderr)
    err: list[str] = []

    def said(text: str) -> bool:
        err.append(capfd.readouterr().err)
        return text in "".join(err)

    try:
        assert "first cover" in get(running, "/")[2].decode()
        shutil.rmtree(tmp_path / "firm")
        assert wait_until(lambda: said("not following changes"))
        status, _headers, body = get(running, "/")
        page = body.decode()
        assert status == 200 and "Saves are not followed for now" in page
        assert "first cover" in page  # the last good report
        cover.parent.mkdir(parents=True)
        cover.write_text("<section>second cover</section>\n")
        assert wait_until(lambda: "second cover" in get(running, "/")[2].decode())
        assert "Saves are not followed" not in get(running, "/")[2].decode()
        assert wait_until(lambda: said("following changes again"))
        cover.write_text("<section>third cover</section>\n")  # and the next save is seen
        assert wait_until(lambda: "third cover" in get(running, "/")[2].decode())
    finally:
        running.stop()
    said("")
    text = "".join(err)
    assert text.count("not following changes") == 1, text
    line = next(x for x in text.splitlines() if "not following changes" in x)
    assert f"{tmp_path / 'firm'}: the folder is gone" in line
    assert "Traceback" not in text and "Exception in thread" not in text, text


def test_a_watched_folder_missing_at_start_is_one_line_and_followed_once_made(tmp_path, capfd):
    """watchfiles raises FileNotFoundError for a folder that is not there: the watcher
    thread died with a traceback (and the start waited 10 s for it)."""
    answers = answers_apart(tmp_path)
    firm = tmp_path / "firm"  # not made yet
    options = PreviewOptions(str(answers), lang="en", templates_dir=str(firm))
    running = start(options, port=0, log=to_stderr)
    try:
        status, _headers, body = get(running, "/")
        assert status == 200 and "--templates must name a folder" in body.decode()
        cover = firm_cover(tmp_path, "<section>late cover</section>\n")
        assert cover.exists()
        assert wait_until(lambda: "late cover" in get(running, "/")[2].decode())
    finally:
        running.stop()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception in thread" not in err, err
    (line,) = [x for x in err.splitlines() if "not following changes" in x]
    assert f"{firm}: the folder is gone" in line


def test_the_system_watch_limit_is_one_clear_line():
    from reportgen.preview.server import watch_failure

    # As watchfiles raises it when inotify has no watch left (its own text).
    line = watch_failure(OSError('OS file watch limit reached. about ["/home/x/answers"]'))
    assert "limit on watched files" in line and "max_user_watches" in line and "\n" not in line
