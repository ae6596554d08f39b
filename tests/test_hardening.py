"""Hostile and unlucky inputs (issue 13): whatever arrives, one line per problem and a
documented exit code; never a traceback, a hang, a write outside the output folder or a
figure that contradicts its band.

Each test is a reproducer of one family of failures found by probing the tool as an
attacker and a cron job would.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
import yaml
from click.testing import CliRunner

from reportgen.batch import LOCK_NAME
from reportgen.batch.manifest import MANIFEST_NAME
from reportgen.cli import cli
from reportgen.write import TMP_PREFIX

from .support import ROOT

SAMPLE = ROOT / "samples" / "minimal-startup.yaml"
REPORTGEN = [sys.executable, "-m", "reportgen"]


def invoke(*args) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


# --- names and special files ---------------------------------------------------------------


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    code, output = invoke("validate", fifo)
    assert time.monotonic() - started < 10
    assert code == 1
    assert f"{fifo}: not a regular file (a pipe, a device or a socket)" in output


def test_a_link_to_a_device_is_not_read(tmp_path):
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    code, output = invoke("validate", link)
    assert code == 1
    assert "not a regular file" in output


@pytest.mark.parametrize("recursive", [False, True])
def test_batch_reports_special_files_and_renders_the_rest(tmp_path, recursive):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "good.yaml").write_bytes(SAMPLE.read_bytes())
    os.mkfifo(src / "sub" / "fifo.yaml" if recursive else src / "fifo.yaml")
    (src / "zero.yaml").symlink_to("/dev/zero")
    out = tmp_path / "out"
    args = ["batch", src, "-o", out, "--lang", "en", "--format", "html", "--jobs", "1"]
    started = time.monotonic()
    code, output = invoke(*args, *(["--recursive"] if recursive else []))
    assert time.monotonic() - started < 120
    assert code == 1, output
    summary = json.loads((out / "summary.json").read_text())
    files = {str(Path(f["path"]).relative_to(src)): f for f in summary["files"]}
    assert files["good.yaml"]["status"] == "rendered"
    assert files["zero.yaml"]["status"] == "failed"
    assert "not a regular file" in files["zero.yaml"]["error"]
    fifo = "sub/fifo.yaml" if recursive else "fifo.yaml"
    assert files[fifo]["status"] == "failed"


def test_names_that_are_not_utf8_or_hold_a_newline_are_escaped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.yaml").write_bytes(SAMPLE.read_bytes())
    os.close(os.open(os.fsencode(src) + b"/caf\xe9.yaml", os.O_CREAT | os.O_WRONLY, 0o644))
    # A name that, printed raw, would forge a line claiming success.
    (src / "x.yaml\ngood.yaml: valid.yaml").write_text("schema_version: [", encoding="utf-8")
    out = tmp_path / "out"
    args = ["batch", src, "-o", out, "--lang", "en", "--format", "html", "--jobs", "1"]

    code, output = invoke(*args)
    assert code == 1
    assert "caf\\xe9.yaml" in output
    assert "x.yaml\\ngood.yaml: valid.yaml" in output
    assert not any(line.startswith("good.yaml: valid") for line in output.splitlines())
    # Failures are listed again at the end, each problem on its own line, none raw.
    assert "\\n  " not in output
    # The manifest was saved, and every later run works.
    assert (out / MANIFEST_NAME).is_file()
    code, output = invoke(*args)
    assert code == 1
    assert "caf\\xe9.yaml" in output

    code, output = invoke("validate", src / "x.yaml\ngood.yaml: valid.yaml")
    assert code == 1
    assert all("x.yaml\\ngood.yaml" in line for line in problem_lines(output))


def test_a_valid_file_with_a_newline_in_its_name_is_one_line(tmp_path):
    path = tmp_path / "ok.yaml\nforged.yaml: valid (total 160, excellent)"
    path.write_bytes(SAMPLE.read_bytes())
    code, output = invoke("validate", path)
    assert code == 0
    assert len(problem_lines(output)) == 1 and "ok.yaml\\nforged.yaml" in output
    code, output = invoke("render", path, "-o", tmp_path / "o", "--lang", "en", "--format", "html")
    assert code == 0
    assert len(problem_lines(output)) == 1 and "\\nforged" in output


def test_a_key_with_a_newline_is_escaped(spec_file):
    path = spec_file(("  industry:", '  "in\\ndustry": x\n  industry:'))
    code, output = invoke("validate", path)
    assert code == 1
    assert "client.in\\ndustry: unknown key" in output or "in\\ndustry" in output
    assert all(line.startswith(("  ", str(path))) for line in problem_lines(output))


# --- the lock ------------------------------------------------------------------------------


def test_a_lock_planted_as_a_symlink_is_refused_and_its_target_untouched(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / LOCK_NAME).symlink_to(victim)
    code, output = invoke("batch", src, "-o", out, "--lang", "en", "--format", "html")
    assert code == 1
    assert "is a symbolic link" in output
    assert victim.read_text() == "precious\n"
    assert not list(out.glob("a.*"))


def test_a_symlink_under_an_output_name_is_replaced_not_written_through(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / "minimal-startup.en.html").symlink_to(victim)
    code, output = invoke("render", SAMPLE, "-o", out, "--lang", "en", "--format", "html")
    assert code == 0, output
    assert victim.read_text() == "precious\n"
    report = out / "minimal-startup.en.html"
    assert not report.is_symlink() and "<html" in report.read_text(encoding="utf-8")


# --- numbers and characters ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        (
            "customer_ltv: 120000000",
            "customer_ltv: 1e28",
            "monetization.customer_ltv",
            "from 0 to 1000000000000000",
        ),
        ("customer_ltv: 120000000", "customer_ltv: 1e5000", "monetization.customer_ltv", None),
        (
            "runway_months: 20",
            "runway_months: 1e999999999",
            "expansion.runway_months",
            "from 0 to 600",
        ),
        (
            "revenue_growth_target_pct: 150",
            "revenue_growth_target_pct: 20000",
            "monetization.revenue_growth_target_pct",
            "from -100 to 10000",
        ),
        (
            "compliance_timeline_months: 8",
            "compliance_timeline_months: 601",
            "compliance_timeline_months",
            "from 0 to 600",
        ),
    ],
)
def test_every_number_has_an_upper_bound(spec_file, old, new, path, expected):
    file = spec_file((old, new))
    started = time.monotonic()
    for command in (["validate"], ["score", "--format", "json"]):
        code, output = invoke(*command, file)
        assert code == 1, output
        assert path in output
        if expected:
            assert expected in output
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("escape", "shown"),
    [("\\ud800", "U+D800"), ("\\x07", "U+0007"), ("\\x1b[2J", "U+001B")],
)
def test_surrogates_and_control_characters_are_refused_with_their_line(spec_file, escape, shown):
    file = spec_file(('industry: "Fintech"', f'industry: "Fin{escape}tech"'))
    code, output = invoke("validate", file)
    assert code == 1
    assert f"{file}:4: client.industry:" in output
    assert shown in output
    assert "\x1b" not in output and "\x07" not in output


def test_an_unprintable_schema_version_is_reported_once(write_file):
    file = write_file('schema_version: "1\\x07"\n')
    code, output = invoke("validate", file)
    assert code == 1
    assert f"{file}:1: schema_version: holds the unprintable character U+0007" in output
    assert "got a mapping" not in output and output.count("schema_version:") == 1


def test_an_unclosed_quote_is_reported_where_it_opens(write_file):
    file = write_file('schema_version: 1\nclient:\n  name: "Sao Mai\n  industry: x\nfoo: 1\n')
    code, output = invoke("validate", file)
    assert code == 1
    assert f"{file}:3:" in output


# --- one precision rule --------------------------------------------------------------------


def _all_tens(spec_data, last: list[Decimal]) -> dict:
    criteria = [(dim, key) for dim, block in spec_data["validation"].items() for key in block]
    for (dim, key), value in zip(criteria, [Decimal(10)] * (16 - len(last)) + last, strict=True):
        spec_data["validation"][dim][key] = value
    return spec_data


def test_the_figure_shown_is_the_figure_the_band_was_decided_on(spec_data, write_file, tmp_path):
    data = _all_tens(spec_data, [Decimal("3.33")] * 3)
    file = write_file(data)
    code, output = invoke("score", file, "--format", "json")
    assert code == 0, output
    validation = json.loads(output)["validation"]
    assert validation["total"] == 139.99
    assert validation["band"] == "good"  # 140 is "excellent"; 139.99 is not 140
    dims = validation["dimensions"]
    assert sum(Decimal(str(d["score"])) for d in dims.values()) == Decimal("139.99")
    for d in dims.values():
        assert sum(Decimal(str(v)) for v in d["criteria"].values()) == Decimal(str(d["score"]))

    code, output = invoke(
        "render", file, "-o", tmp_path / "out", "--lang", "en", "--format", "html"
    )
    assert code == 0, output
    html = (tmp_path / "out" / "answers.en.html").read_text(encoding="utf-8")
    assert "139.99" in html
    assert "140/160" not in html and ">140<" not in html


def test_a_third_decimal_place_is_refused(spec_file):
    file = spec_file(("market_size: 7", "market_size: 7.125"))
    code, output = invoke("validate", file)
    assert code == 1
    assert f"{file}:20: validation.market.market_size:" in output
    assert "at most 2 decimal places, got 7.125" in output


# --- PDFs given to score and validate ------------------------------------------------------


def _damaged_pdfs() -> dict[str, bytes]:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    buffer = io.BytesIO()
    writer.write(buffer)
    blank = buffer.getvalue()
    writer.add_attachment("reportgen-answers-x.yaml", b"schema_version: 1\n")
    buffer = io.BytesIO()
    writer.write(buffer)
    attached = buffer.getvalue()
    return {
        "truncated": attached[: len(attached) // 2],
        "names not an array": attached.replace(b"/Names [", b"/Names <<", 1),
        "no xref": blank.split(b"xref")[0],
        "garbage after magic": b"%PDF-1.7\n" + bytes(range(256)) * 64,
        "no attachment": blank,
        "broken stream": attached.replace(b"stream", b"strean"),
        "deep nesting": b"%PDF-1.4\n1 0 obj\n" + b"[" * 50000 + b"\nendobj\n%%EOF",
    }


@pytest.mark.parametrize("kind", list(_damaged_pdfs()))
def test_a_damaged_pdf_is_one_line_and_pypdf_stays_quiet(tmp_path, kind):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_damaged_pdfs()[kind])
    proc = subprocess.run(
        [*REPORTGEN, "score", str(pdf)], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    if proc.returncode == 1:
        assert proc.stderr.startswith(str(pdf)), proc.stderr
        assert len(problem_lines(proc.stderr)) <= 2, proc.stderr  # header and one problem


# --- output folders ------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["under a file", "in /proc"])
def test_an_unwritable_output_folder_is_one_line(tmp_path, where):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "reports" if where == "under a file" else Path("/proc/reportgen-out")
    code, output = invoke("render", SAMPLE, "-o", out, "--lang", "en", "--format", "html")
    assert code == 1
    lines = problem_lines(output)
    assert len(lines) == 1 and str(out).split("/reports")[0] in lines[0], output
    code, output = invoke("batch", ROOT / "samples", "-o", out, "--lang", "en")
    assert code == 1
    assert len(problem_lines(output)) == 1, output


# --- the manifest --------------------------------------------------------------------------


DAMAGE = {
    "summary missing": lambda e: e.pop("summary"),
    "total a list": lambda e: e["summary"].__setitem__("total", [1]),
    "total NaN": lambda e: e["summary"].__setitem__("total", "NaN"),
    "unknown band": lambda e: e["summary"].__setitem__("band", "superb"),
    "bad language": lambda e: e["outputs"][0].__setitem__("lang", "fr"),
    "path leaves the folder": lambda e: e["outputs"][0].__setitem__("path", "../x.html"),
    "deep nesting": lambda e: e.__setitem__("summary", "NESTED"),
    "size a string": lambda e: e["outputs"][0].__setitem__("size", "12"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_manifest_entry_is_treated_as_absent(tmp_path, damage):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    args = ["batch", src, "-o", out, "--lang", "en", "--format", "html"]
    assert invoke(*args)[0] == 0
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    DAMAGE[damage](manifest["entries"]["a.yaml"])
    text = json.dumps(manifest)
    # Deeper than Python's json can decode: the whole manifest is then unreadable.
    (out / MANIFEST_NAME).write_text(text.replace('"NESTED"', "[" * 100000 + "]" * 100000))

    code, output = invoke(*args)
    assert code == 0, output
    summary = json.loads((out / "summary.json").read_text())
    assert [f["status"] for f in summary["files"]] == ["rendered"]
    assert invoke(*args)[0] == 0
    assert [f["status"] for f in json.loads((out / "summary.json").read_text())["files"]] == [
        "skipped"
    ]


def test_a_folder_in_place_of_the_manifest_is_a_warning(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    (out / MANIFEST_NAME).mkdir(parents=True)
    code, output = invoke("batch", src, "-o", out, "--lang", "en", "--format", "html")
    assert code == 0, output
    assert "warning" in output
    assert (out / "a.en.html").is_file() and (out / "summary.json").is_file()


# --- brand files ---------------------------------------------------------------------------


def _brand(folder: Path, logo: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "brand.yaml"
    path.write_text(yaml.safe_dump({"firm_name": "Ánh Dương", "logo": logo}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("logo", "expected"),
    [
        ("lo\0go.png", "U+0000"),
        ("x" * 300 + ".png", "logo"),
        ("big.png", "2,097,152 bytes"),
    ],
)
def test_a_hostile_logo_is_refused_in_brand_words(tmp_path, logo, expected):
    folder = tmp_path / "brand"
    brand = _brand(folder, logo)
    with open(folder / "big.png", "wb") as f:
        f.truncate(3 * 1024**3)  # sparse: 3 GiB claimed, nothing stored
    started = time.monotonic()
    code, output = invoke("render", SAMPLE, "--brand", brand, "-o", tmp_path / "o", "--lang", "en")
    assert time.monotonic() - started < 20
    assert code == 1
    assert expected in output
    assert "answers file" not in output and "schema_version" not in output
    assert not (tmp_path / "o").exists()


def test_brand_errors_speak_of_brand_files(tmp_path):
    brand = tmp_path / "brand.yaml"
    brand.write_text("- just\n- a list\n", encoding="utf-8")
    code, output = invoke("render", SAMPLE, "--brand", brand, "-o", tmp_path / "o")
    assert code == 1
    assert "expected a mapping with firm_name" in output
    assert "answers file" not in output and "schema_version" not in output


# --- override templates --------------------------------------------------------------------


def test_override_templates_are_sandboxed(tmp_path):
    marker = tmp_path / "pwned"
    templates = tmp_path / "templates" / "partials"
    templates.mkdir(parents=True)
    payload = f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
    (templates / "cover.html.j2").write_text(payload, encoding="utf-8")
    out = tmp_path / "o"
    code, output = invoke(
        "render", SAMPLE, "--templates", tmp_path / "templates", "-o", out, "--format", "html"
    )
    assert code == 1
    assert "partials/cover.html.j2" in output
    assert "unsafe" in output
    assert not marker.exists()
    assert not out.exists()


# --- processes -----------------------------------------------------------------------------


def test_jobs_beyond_the_cores_are_capped_with_a_warning(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    cores = os.cpu_count() or 1
    code, output = invoke(
        "batch", src, "-o", tmp_path / "o", "--jobs", cores + 38, "--lang", "en", "--format", "html"
    )
    assert code == 0, output
    assert f"--jobs {cores + 38}: this machine has {cores} cores; using {cores}" in output


def _recorded(out: Path) -> bool:
    try:
        return bool(json.loads((out / MANIFEST_NAME).read_text())["entries"])
    except (OSError, ValueError, KeyError):
        return False


def _interrupt(args: list[str], ready: Callable[[], bool]) -> str:
    """Runs reportgen with args in a session of its own, sends SIGINT to the whole group
    (as a terminal does) once ready() holds, and returns its stderr once it has exited
    with 130, printing no traceback and saying it was interrupted."""
    # A process started in the background by a non-interactive shell (a CI job run with
    # `&` or nohup) ignores Ctrl-C, and so does every process it starts: the command would
    # then be right to go on. The child is given Ctrl-C's default action, as a terminal's
    # foreground job has it (a handler set here is reset to that default by its exec).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        proc = subprocess.Popen(
            [*REPORTGEN, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            start_new_session=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        deadline = time.monotonic() + 120
        while not ready():
            assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    return stderr


def test_ctrl_c_exits_130_keeping_completed_work_and_no_temporary_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"c{i}.yaml").write_bytes((ROOT / "samples" / "sao-mai-fintech.yaml").read_bytes())
    out = tmp_path / "out"
    # Interrupted once a file is recorded (a PDF on disk may not be recorded yet: the
    # manifest entry follows the rename, and a file interrupted between the two is
    # simply rendered again next time).
    _interrupt(
        ["batch", str(src), "-o", str(out), "--jobs", "1", "--lang", "en", "--format", "pdf"],
        lambda: _recorded(out),
    )
    assert not [p for p in out.rglob("*") if p.name.startswith(TMP_PREFIX)]
    entries = json.loads((out / MANIFEST_NAME).read_text())["entries"]
    assert entries and all(
        (out / o["path"]).is_file() for e in entries.values() for o in e["outputs"]
    )


def test_ctrl_c_during_render_exits_130_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    started = time.monotonic()
    sample = str(ROOT / "samples" / "hoa-sen-edtech.yaml")
    _interrupt(
        ["render", sample, "-o", str(out), "--lang", "all", "--format", "pdf"],
        lambda: time.monotonic() - started > 3,  # WeasyPrint is laying out pages by now
    )
    assert not out.exists() or not list(out.iterdir())
