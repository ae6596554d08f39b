"""Override template folders and batch inputs that lead elsewhere (issue 27): symbolic
links out of a folder, special files, templates that never end or explode, documents
without a head, partials that are not UTF-8, reserved output names and the font
subsetter in the fingerprint. Each test is a reproducer: it failed before the fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.batch import manifest
from reportgen.batch.options import BatchOptions
from reportgen.cli import cli
from reportgen.errors import ReportgenError
from reportgen.render import templates

from .support import ROOT

SAMPLE = ROOT / "samples" / "minimal-startup.yaml"
REPORTGEN = [sys.executable, "-m", "reportgen"]
MARKER = "SECRET-MARKER-7f3a"
SECRET_LINES = f"root:x:0:0:root:/root:/bin/bash\napi_token: {MARKER}\n"


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def spawn(*args, timeout: float = 120) -> subprocess.CompletedProcess:
    """reportgen in a process of its own: a hang fails the test instead of freezing it."""
    proc = subprocess.run(
        [*REPORTGEN, *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def override(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "t"
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def render_html(tmp_path: Path, folder: Path, *extra) -> tuple[int, str, Path]:
    out = tmp_path / "o"
    code, output = invoke(
        "render",
        SAMPLE,
        "--templates",
        folder,
        "-o",
        out,
        "--lang",
        "en",
        "--format",
        "html",
        *extra,
    )
    return code, output, out


def outputs_text(out: Path) -> str:
    if not out.exists():
        return ""
    return "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


# --- 1. template folders and what they lead to ----------------------------------------------


def test_a_partial_linked_out_of_the_folder_is_refused_unread(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET_LINES)
    folder = override(tmp_path, {"report.css": ""})
    (folder / "partials").mkdir()
    (folder / "partials" / "cover.html.j2").symlink_to(secret)
    code, output, out = render_html(tmp_path, folder)
    assert code == 1, output
    assert "partials/cover.html.j2" in output and "outside" in output
    assert MARKER not in output + outputs_text(out)


def test_a_folder_linked_out_of_the_template_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    (elsewhere / "passwd").write_text(SECRET_LINES)
    folder = override(tmp_path, {"partials/cover.html.j2": '{% include "sys/passwd" %}'})
    (folder / "sys").symlink_to(elsewhere)
    code, output, out = render_html(tmp_path, folder)
    assert code == 1, output
    assert "sys/passwd" in output
    assert MARKER not in output + outputs_text(out)


def test_a_link_that_stays_inside_the_folder_is_followed(tmp_path):
    folder = override(tmp_path, {"mine/cover.html.j2": "<p>LINKED-COVER</p>"})
    (folder / "partials").mkdir()
    (folder / "partials" / "cover.html.j2").symlink_to(folder / "mine" / "cover.html.j2")
    code, output, out = render_html(tmp_path, folder)
    assert code == 0, output
    assert "LINKED-COVER" in outputs_text(out)


def test_a_fifo_or_device_in_place_of_a_partial_is_refused_at_once(tmp_path):
    folder = override(tmp_path, {"report.css": ""})
    (folder / "partials").mkdir()
    os.mkfifo(folder / "partials" / "cover.html.j2")
    (folder / "partials" / "contents.html.j2").symlink_to("/dev/zero")
    started = time.monotonic()
    proc = spawn(
        "render",
        SAMPLE,
        "--templates",
        folder,
        "-o",
        tmp_path / "o",
        "--lang",
        "en",
        "--format",
        "html",
        timeout=60,
    )
    assert time.monotonic() - started < 60
    assert proc.returncode == 1, proc.stderr
    assert "partials/cover.html.j2" in proc.stderr and "not a regular file" in proc.stderr


def test_a_template_over_the_size_limit_is_refused(tmp_path):
    big = "<p>x</p>\n" * (templates.MAX_TEMPLATE_BYTES // 9 + 1)
    folder = override(tmp_path, {"partials/cover.html.j2": big})
    code, output, _ = render_html(tmp_path, folder)
    assert code == 1, output
    assert "partials/cover.html.j2" in output and "too big" in output


# --- 2. templates that never end or explode -------------------------------------------------

LOOPS = {
    "nested empty loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "loops over a list": (
        "{% set l = range(100000)|list %}"
        "{% for i in l %}{% for j in l %}{% for k in l %}{% endfor %}{% endfor %}{% endfor %}"
    ),
    "macros calling macros": (
        "{% macro a(n) %}{% if n %}{{ a(n - 1) }}{{ a(n - 1) }}{% endif %}{% endmacro %}{{ a(60) }}"
    ),
}


LOOPS["the loop guard replaced"] = (
    "{% macro __reportgen_loop(x) %}{{ x }}{% endmacro %}" + LOOPS["loops over a list"]
)


@pytest.mark.parametrize("body", list(LOOPS.values()), ids=list(LOOPS))
def test_a_template_that_never_ends_stops_at_the_time_limit(tmp_path, body):
    folder = override(tmp_path, {"partials/cover.html.j2": body})
    started = time.monotonic()
    with pytest.raises(ReportgenError) as caught:
        templates.render_template("partials/cover.html.j2", "en", {}, str(folder), time_limit=1.0)
    assert time.monotonic() - started < 10
    assert "partials/cover.html.j2" in caught.value.message
    assert "time limit" in caught.value.message or "reserves" in caught.value.message


def test_render_stops_a_template_that_never_ends(tmp_path, monkeypatch):
    monkeypatch.setattr(templates, "RENDER_TIME_LIMIT", 2.0)
    folder = override(tmp_path, {"partials/cover.html.j2": LOOPS["nested empty loops"]})
    started = time.monotonic()
    code, output, out = render_html(tmp_path, folder)
    assert time.monotonic() - started < 30
    assert code == 1
    assert "partials/cover.html.j2" in output and "time limit" in output
    assert not out.exists()


BOMBS = {
    "nested loops with output": (
        "{% for i in range(100000) %}{% for j in range(100000) %}0123456789{% endfor %}{% endfor %}"
    ),
    "one huge string": '{{ "x" * 1000000000 }}',
    "a huge list joined": "{{ ([1] * 1000000000)|join }}",
    "a doubled string": ('{% set s = "x" * 100000 %}' + "{% set s = s + s %}" * 40 + "{{ s }}"),
    "a huge power": "{{ 10 ** 100000000 }}",
}


@pytest.mark.parametrize("body", list(BOMBS.values()), ids=list(BOMBS))
def test_a_template_that_explodes_stops_at_the_size_limit(tmp_path, body):
    folder = override(tmp_path, {"partials/cover.html.j2": body})
    started = time.monotonic()
    with pytest.raises(ReportgenError) as caught:
        templates.render_template("partials/cover.html.j2", "en", {}, str(folder), time_limit=20)
    assert time.monotonic() - started < 15
    assert "partials/cover.html.j2" in caught.value.message
    assert "limit" in caught.value.message


# Filters, methods and operators that make a big value from a small one: a width, a count,
# a wrap or fill string, a format's width, `~` doubling a text, a list of long texts
# written out. Each allocated a gigabyte or more (or ran out of memory) before the check.
MEMORY_BOMBS = {
    "center": '{{ "x"|center(10**9) }}',
    "a text repeated": '{{ "a" * 10**9 }}',
    "a range listed": "{{ range(10**8)|list }}",
    "indent": '{{ "x"|indent(10**9) }}',
    "a concatenation repeated": '{{ ("a"~"b")*10**9 }}',
    "a wrapped text repeated": '{{ "ab"|wordwrap(1) * 10**8 }}',
    "a method padding": '{{ "x".ljust(10**9) }}',
    "tabs expanded": '{{ "\t".expandtabs(10**9) }}',
    "the format filter's width": '{{ "%0999999999d"|format(1) }}',
    "the % operator's width": '{{ "%0999999999d" % 1 }}',
    "str.format's width": '{{ "{:>999999999}".format(1) }}',
    "a nested width": '{{ "{0:{1}}".format(1, 10**9) }}',
    "batches filled": "{{ [1]|batch(10**9, 0)|list }}",
    "slices": "{{ [1]|slice(10**8)|list }}",
    "lorem ipsum": "{{ lipsum(10**7) }}",
    "a text listed by character": '{{ ("x" * 40000000)|batch(1)|list|length }}',
    "a replacement": '{{ ("x" * 40000)|replace("x", "y" * 40000) }}',
    "a wrap string": '{{ ("x" * 100)|wordwrap(1, wrapstring="y" * 40000000) }}',
    "lists added up": "{{ ([[0] * 400000] * 100)|sum(start=[]) }}",
    "a text doubled with ~": (
        '{% set s = "x" * 40000000 %}{% set s = s ~ s %}{% set s = s ~ s %}'
        "{% set s = s ~ s %}{% set s = s ~ s %}{% set s = s ~ s %}{{ s|length }}"
    ),
    "a list of long texts written out": '{% set s = "x" * 4000000 %}{{ [s] * 1000 }}',
    "long texts joined": '{% set s = "x" * 4000000 %}{{ ([s] * 1000)|map("string")|join }}',
    "a message's placeholders": '{{ _("%(x)s" * 40, x="y" * 20000000) }}',
    "a list doubling itself": (
        "{% set l = [1] %}{% for i in range(40) %}{% if l.extend(l) %}{% endif %}{% endfor %}"
    ),
}
# A child renders the template and prints what happened; its peak memory is read from
# the kernel (wait4), so that a value built and then refused still counts.
# The child reports its own peak (VmHWM: this process's memory since its exec). The
# rusage a parent gets counts the parent's own size at the fork, which a test worker that
# has run many tests reaches by itself.
MEMORY_CHILD = """
import sys
from reportgen.errors import ReportgenError
from reportgen.render import templates
try:
    templates.render_template("partials/cover.html.j2", "en", {}, sys.argv[1], time_limit=30)
except ReportgenError as exc:
    print(exc.message)
else:
    print("rendered")
with open("/proc/self/status") as status:
    hwm = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("peak-kib", hwm)
"""
MEMORY_BOUND_MB = 600  # the interpreter, Jinja and a 50-million-character value or two


def run_measured(args: list[str], timeout: float) -> tuple[str, int, float]:
    """A child's output, its peak resident memory in MB, and how long it took."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                proc.kill()
                _pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return output, usage.ru_maxrss // 1024, time.monotonic() - started


@pytest.mark.parametrize("body", list(MEMORY_BOMBS.values()), ids=list(MEMORY_BOMBS))
def test_a_template_that_builds_a_huge_value_stops_before_building_it(tmp_path, body):
    folder = override(tmp_path, {"partials/cover.html.j2": body})
    output, _rusage_mb, took = run_measured(
        [sys.executable, "-c", MEMORY_CHILD, str(folder)], 120
    )
    assert took < 60, f"took {took:.0f} s"
    assert "Traceback" not in output, output
    *lines, peak = output.splitlines()
    assert peak.startswith("peak-kib "), output
    peak_mb = int(peak.split()[1]) // 1024
    (line,) = lines  # one error
    assert "partials/cover.html.j2" in line and "limit" in line, line
    assert peak_mb < MEMORY_BOUND_MB, f"{peak_mb} MB at its peak: {line}"


def test_the_bounded_filters_and_methods_still_work():
    folder = None
    source = (
        '{{ "ab"|center(6) }}|{{ "a\\nb"|indent(2, true) }}|{{ "%s-%03d"|format("x", 7) }}|'
        '{{ "%(a)s" % {"a": 1} }}|{{ "{}:{:>3}".format("k", 5) }}|{{ "{x}".format_map({"x": 2}) }}|'
        "{{ [1, 2, 3, 4, 5]|batch(2, 0)|list }}|{{ [1, 2, 3]|slice(2)|list }}|"
        '{{ [[1], [2]]|sum(start=[]) }}|{{ ["a", "b"]|select|join("-") }}|{{ "a" ~ 1 ~ "b" }}|'
        '{{ "ab cd"|wordwrap(2) }}|{{ "a-b"|replace("-", "+") }}|{{ "x".rjust(3, ".") }}|'
        '{{ range(3)|map("string")|join }}|{{ lipsum(1, false, 2, 3)|wordcount > 0 }}'
    )
    env = templates.environment("en", folder)
    assert env.from_string(source).render() == (
        "  ab  |  a\n  b|x-007|1|k:  5|2|[[1, 2], [3, 4], [5, 0]]|[[1, 2], [3]]|[1, 2]|a-b|a1b|"
        "ab\ncd|a+b|..x|012|True"
    )


# --- 3. a document without a head -----------------------------------------------------------


@pytest.mark.parametrize(
    "report",
    ["", "<p>no head at all</p>", "<html><HEAD><title>t</title></HEAD><body>x</body></html>"],
)
def test_an_override_report_without_a_head_still_gets_its_fonts(tmp_path, report):
    folder = override(tmp_path, {"report.html.j2": report})
    code, output, out = render_html(tmp_path, folder)
    assert code == 0, output
    html = (out / "minimal-startup.en.html").read_text()
    assert "@font-face" in html and report.split("<body>")[-1] in html


def test_with_fonts_keeps_a_document_with_a_head_as_it_was():
    html = "<!DOCTYPE html><html><head><title>t</title></head><body></body></html>"
    result = templates.with_fonts(html)
    assert result.startswith("<!DOCTYPE html><html><head><title>t</title><style>")
    assert result.endswith("</style>\n</head><body></body></html>")


# --- 4. a partial that is not UTF-8 ---------------------------------------------------------


def test_a_partial_that_is_not_utf8_is_named_itself(tmp_path):
    folder = override(tmp_path, {"partials/cover.html.j2": b"<p>caf\xe9</p>"})
    code, output, _ = render_html(tmp_path, folder)
    assert code == 1
    assert "partials/cover.html.j2" in output and "not UTF-8" in output
    assert "report.html.j2, line" not in output


# --- 5. batch inputs that lead out of the input folder --------------------------------------


def batch_run(src: Path, out: Path, *extra) -> tuple[int, str]:
    return invoke(
        "batch", src, "-o", out, "--lang", "en", "--format", "html", "--jobs", "1", *extra
    )


def published(out: Path, output: str) -> str:
    return output + (out / "summary.json").read_text() + (out / "index.html").read_text()


def test_batch_does_not_follow_a_link_out_of_the_input_folder(tmp_path):
    # The target is a valid answers file: read, it would render.
    secret = tmp_path / "private" / "client.yaml"
    secret.parent.mkdir()
    secret.write_text(SAMPLE.read_text().replace("name:", f"# {MARKER}\n  name:", 1))
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "good.yaml")
    (src / "x.yaml").symlink_to(secret)
    out = tmp_path / "out"
    code, output = batch_run(src, out)
    assert code == 1, output
    files = {
        Path(f["path"]).name: f for f in json.loads((out / "summary.json").read_text())["files"]
    }
    assert files["good.yaml"]["status"] == "rendered"
    assert files["x.yaml"]["status"] == "failed"
    assert "outside" in files["x.yaml"]["error"]
    assert not list(out.glob("x.*"))
    assert MARKER not in published(out, output)


def test_batch_does_not_quote_a_file_that_is_not_an_answers_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "y.yaml").write_text(SECRET_LINES)
    (src / "z.yaml").write_text(f"{MARKER}\n")
    (src / "w.yml").write_text(f"db_password: {MARKER}\n")
    out = tmp_path / "out"
    code, output = batch_run(src, out)
    assert code == 1
    text = published(out, output)
    assert MARKER not in text and "root:x:0:0" not in text
    errors = [f["error"] for f in json.loads((out / "summary.json").read_text())["files"]]
    assert all("not an answers file" in e for e in errors), errors


# --- 6. fingerprinting a template folder ----------------------------------------------------


def test_batch_fingerprints_a_template_folder_with_special_files_without_hanging(tmp_path):
    folder = override(tmp_path, {"report.css": (ROOT / "templates" / "report.css").read_text()})
    os.mkfifo(folder / "pipe.html.j2")
    (folder / "zero.html.j2").symlink_to("/dev/zero")
    (folder / "passwd.html.j2").symlink_to(tmp_path / "nowhere")
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "good.yaml")
    out = tmp_path / "out"
    args = ["batch", src, "-o", out, "--lang", "en", "--format", "html", "--jobs", "1"]
    proc = spawn(*args, "--templates", folder, timeout=120)
    assert proc.returncode == 0, proc.stderr
    proc = spawn(*args, "--templates", folder, timeout=120)
    assert proc.returncode == 0 and "skipped" in proc.stdout, proc.stdout


def test_the_fingerprint_follows_a_template_folders_content_not_its_links(tmp_path):
    folder = override(tmp_path, {"a.html.j2": "one"})
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("first")
    (folder / "b.html.j2").symlink_to(elsewhere)
    options = BatchOptions()
    first = manifest.fingerprint(options, roots=(folder,))
    elsewhere.write_text("second")  # not read: a link out of the folder
    assert manifest.fingerprint(options, roots=(folder,)) == first
    (folder / "a.html.j2").write_text("two")
    assert manifest.fingerprint(options, roots=(folder,)) != first


# --- 7. input folders named like the batch's own outputs ------------------------------------


@pytest.mark.parametrize("name", ["summary.json", "index.html", "Index.HTML"])
def test_an_input_folder_named_like_a_batch_output_never_collides(tmp_path, name):
    src = tmp_path / "in"
    (src / name).mkdir(parents=True)
    shutil.copy(SAMPLE, src / "good.yaml")
    shutil.copy(SAMPLE, src / name / "inner.yaml")
    out = tmp_path / "out"
    for _ in range(2):  # and every later run works too
        code, output = batch_run(src, out, "--recursive")
        assert code == 1, output
        assert (out / "summary.json").is_file() and (out / "index.html").is_file()
        files = {f["path"]: f for f in json.loads((out / "summary.json").read_text())["files"]}
        inner = files[str(src / name / "inner.yaml")]
        assert inner["status"] == "failed" and name in inner["error"], inner
        assert files[str(src / "good.yaml")]["status"] in ("rendered", "skipped")


# --- 8. the font subsetter ------------------------------------------------------------------


def test_the_fingerprint_covers_the_font_subsetter(monkeypatch):
    options = BatchOptions()
    roots: tuple[Path, ...] = ()
    monkeypatch.setattr(manifest, "font_subsetter", lambda: "fonttools")
    with_fonttools = manifest.fingerprint(options, roots=roots)
    monkeypatch.setattr(manifest, "font_subsetter", lambda: "harfbuzz-subset 8.3.0")
    assert manifest.fingerprint(options, roots=roots) != with_fonttools


def test_the_subsetter_is_the_one_weasyprint_chooses():
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    uses_harfbuzz = bool(harfbuzz_subset) and harfbuzz.hb_version_atleast(4, 1, 0)
    manifest.font_subsetter.cache_clear()
    assert manifest.font_subsetter().startswith("harfbuzz-subset" if uses_harfbuzz else "fonttools")
