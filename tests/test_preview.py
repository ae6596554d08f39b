"""`reportgen preview`: a real server on loopback, in a thread, on a free port; real
edits of a real file, seen through the page and its event stream; and, where Debian's
chromium is installed, a real headless browser reloading by itself."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.errors import ReportgenError
from reportgen.preview import PreviewOptions, start

from .support import ROOT, pdf_reader

SAMPLE = ROOT / "samples" / "minimal-startup.yaml"
BOUND = 15.0  # seconds a test waits for what should take well under one


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.yaml"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def preview(answers):
    running = start(PreviewOptions(str(answers), lang="en"), port=0)
    yield running
    running.stop()


def get(running, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    port = running.server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=BOUND)
    headers = {"Host": host} if host else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


class Events:
    """A client of the page's event stream, read in a thread."""

    def __init__(self, running, version: int):
        port = running.server.server_address[1]
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=BOUND)
        self.conn.request("GET", f"/events?v={version}")
        self.response = self.conn.getresponse()
        self.lines: list[str] = []
        self.reloaded = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode().strip()
                self.lines.append(line)
                if line == "event: reload":
                    self.reloaded.set()
                    return
        except (OSError, ValueError):
            return

    def close(self) -> None:
        self.conn.close()


def version_of(running) -> int:
    return running.previewer.snapshot.version


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def test_the_page_shows_the_report_with_its_toolbar(preview):
    status, headers, body = get(preview, "/")
    page = body.decode()
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert 'id="reportgen-preview"' in page and "answers.yaml" in page
    assert "Công ty TNHH Ứng Dụng Trí Tuệ Nhân Tạo Phương Nam" in page
    assert 'href="/pdf?lang=en"' in page and 'href="/?lang=vi"' in page
    assert "new EventSource(" in page


def test_an_edit_reloads_the_page_with_new_scores(preview, answers):
    before = get(preview, "/")[2].decode()
    assert "class=\"value\">100<" in before  # the total, on the cover
    events = Events(preview, version_of(preview))
    edit(answers, "customer_problem: 8", "customer_problem: 10")
    try:
        assert events.reloaded.wait(BOUND), events.lines
    finally:
        events.close()
    after = get(preview, "/")[2].decode()
    assert "class=\"value\">102<" in after and "class=\"value\">100<" not in after


def test_no_reload_when_nothing_changed(preview):
    events = Events(preview, version_of(preview))
    try:
        assert not events.reloaded.wait(1.5)
    finally:
        events.close()


def test_an_invalid_edit_shows_the_problems_and_a_fix_brings_the_report_back(preview, answers):
    events = Events(preview, version_of(preview))
    edit(answers, "customer_problem: 8", "customer_problem: 12")
    assert events.reloaded.wait(BOUND)
    events.close()
    page = get(preview, "/")[2].decode()
    line = next(n for n, t in enumerate(answers.read_text().splitlines(), 1) if "customer_problem" in t)
    problem = (
        f"{answers}:{line}: validation.market.customer_problem: expected a number from 0 to 10, "
        "got 12 (out of range)"
    )
    assert problem in page
    assert "the report below is the last good one" in page and "opacity: 0.35" in page
    assert "Công ty TNHH Ứng Dụng Trí Tuệ Nhân Tạo Phương Nam" in page  # still shown, dimmed
    assert get(preview, "/pdf?lang=en")[0] == 409

    events = Events(preview, version_of(preview))
    edit(answers, "customer_problem: 12", "customer_problem: 8")
    assert events.reloaded.wait(BOUND)
    events.close()
    page = get(preview, "/")[2].decode()
    assert "got 12" not in page and "opacity: 0.35" not in page and "class=\"value\">100<" in page


def test_the_pdf_link_returns_a_pdf_whose_answers_round_trip(preview, tmp_path):
    status, headers, body = get(preview, "/pdf?lang=vi")
    assert status == 200 and headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == 'inline; filename="answers.vi.pdf"'
    assert body.startswith(b"%PDF-") and len(pdf_reader(body).pages) > 5
    pdf = tmp_path / "got.pdf"
    pdf.write_bytes(body)
    runner = CliRunner()
    from_pdf = runner.invoke(cli, ["score", str(pdf)])
    assert from_pdf.exit_code == 0
    assert json.loads(from_pdf.output) == json.loads(runner.invoke(cli, ["score", str(SAMPLE)]).output)


def test_a_request_naming_another_host_is_refused(preview):
    assert get(preview, "/", host="evil.example")[0] == 403
    assert get(preview, "/", host="evil.example:8765")[0] == 403
    assert get(preview, "/", host="localhost:1234")[0] == 200


def test_a_template_error_names_the_template_and_the_server_keeps_running(answers, tmp_path):
    firm = tmp_path / "firm" / "partials"
    firm.mkdir(parents=True)
    (firm / "cover.html.j2").write_text("<section>\n{{ cover.no_such_field }}\n</section>\n")
    running = start(PreviewOptions(str(answers), lang="en", templates_dir=str(tmp_path / "firm")), port=0)
    try:
        page = get(running, "/")[2].decode()
        assert "A template failed." in page
        assert "cover.html.j2, line 2: UndefinedError" in page
        # Fixing the template brings the report back, with no restart.
        events = Events(running, version_of(running))
        (firm / "cover.html.j2").write_text("<section>{{ cover.client }}</section>\n")
        assert events.reloaded.wait(BOUND)
        events.close()
        assert "A template failed" not in get(running, "/")[2].decode()
    finally:
        running.stop()


def test_a_taken_port_is_named(answers):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(ReportgenError, match=f"port {port} is taken"):
            start(PreviewOptions(str(answers)), port=port)


def test_nothing_is_written_beside_the_answers(preview, answers):
    get(preview, "/")
    get(preview, "/pdf?lang=en")
    assert sorted(p.name for p in answers.parent.iterdir()) == ["answers.yaml"]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium (docs/development.md)")
def test_a_real_browser_reloads_by_itself(preview, answers, tmp_path):
    browser = subprocess.Popen(
        [
            "chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", "--remote-debugging-port=0",
            preview.url,
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    served = preview.server.served
    try:
        deadline = time.monotonic() + 60
        while not served and time.monotonic() < deadline:
            time.sleep(0.1)
        assert served, "the browser never asked for the page"
        first = served[-1]
        time.sleep(1.0)  # the page's event stream connects
        edit(answers, "customer_problem: 8", "customer_problem: 10")
        deadline = time.monotonic() + BOUND
        while not any(v > first for v in served) and time.monotonic() < deadline:
            time.sleep(0.05)
        # The browser, told by the event stream, asked for the page again: the new version.
        assert any(v > first for v in served), served
    finally:
        browser.terminate()
        browser.wait(timeout=10)
