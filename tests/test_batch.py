"""`reportgen batch`: real folders, real worker processes, real PDFs.

Most runs use --format html to keep the suite quick; PDFs are rendered where they
matter (a killed run, concurrent runs, Dask byte-identity).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import batch
from reportgen.batch import manifest
from reportgen.batch.options import BatchOptions
from reportgen.cli import cli
from reportgen.executor import task
from reportgen.pipeline import Request
from reportgen.resources import TEMPLATES_DIR
from reportgen.write import TMP_PREFIX

from .support import ROOT, SAMPLES, pdf_reader

INVALID = "schema_version: 1\nclient: {name: X}\n"  # no assessment, no validation
REPORTGEN = [sys.executable, "-m", "reportgen"]


def sample(name: str) -> Path:
    return next(p for p in SAMPLES if p.stem == name)


def make_inputs(folder: Path, names=("sao-mai-fintech", "minimal-startup", "lotus-health")):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(sample(name), folder / f"{name}.yaml")
    return folder


def run(*args: str):
    return CliRunner().invoke(cli, ["batch", *map(str, args)])


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


def statuses(out: Path) -> dict[str, str]:
    return {Path(f["path"]).name: f["status"] for f in summary(out)["files"]}


def final_files(out: Path) -> dict[str, bytes]:
    """Every report under out (recursively), by path relative to out."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".pdf") and p.name != "index.html"
    }


def assert_complete(out: Path) -> None:
    """No final-named partial file: every PDF parses, every HTML is whole."""
    for rel, data in final_files(out).items():
        if rel.endswith(".pdf"):
            assert len(pdf_reader(data).pages) > 1, rel
        else:
            assert data.rstrip().endswith(b"</html>"), rel


def test_valid_and_invalid_files(tmp_path):
    src = make_inputs(tmp_path / "in", ("sao-mai-fintech", "minimal-startup"))
    (src / "broken.yaml").write_text(INVALID)
    (src / "binary.yml").write_bytes(b"\xff\xfe\x00garbage")
    (src / "notes.txt").write_text("not an answers file")
    out = tmp_path / "out"

    result = run(src, "-o", out, "--format", "html", "--jobs", "2")

    assert result.exit_code == 1, result.output
    assert sorted(final_files(out)) == sorted(
        f"{stem}.{lang}.html" for stem in ("sao-mai-fintech", "minimal-startup") for lang in ("vi", "en")
    )
    assert statuses(out) == {
        "binary.yml": "failed",
        "broken.yaml": "failed",
        "minimal-startup.yaml": "rendered",
        "sao-mai-fintech.yaml": "rendered",
    }
    data = summary(out)
    assert data["counts"] == {"total": 4, "rendered": 2, "skipped": 0, "failed": 2}
    broken = next(f for f in data["files"] if f["path"].endswith("broken.yaml"))
    assert "missing required key 'assessment'" in broken["error"]
    assert broken["outputs"] == [] and broken["scores"] is None
    rendered = next(f for f in data["files"] if f["path"].endswith("sao-mai-fintech.yaml"))
    assert rendered["scores"]["validation"]["band"] in ("excellent", "good", "fair", "poor")
    assert rendered["outputs"] == [f"sao-mai-fintech.{lang}.html" for lang in ("vi", "en")]
    # One plain line per file (not a terminal), the whole error on stderr, no traceback.
    assert f"failed {src / 'broken.yaml'}: invalid (2 problems)" in result.stdout
    assert f"rendered {src / 'sao-mai-fintech.yaml'} (2 files," in result.stdout
    assert "missing required key 'assessment'" in result.stderr
    assert "Traceback" not in result.output
    # index.html lists the clients with links and the failures with their errors.
    index = (out / "index.html").read_text()
    assert 'href="sao-mai-fintech.vi.html"' in index and "Sao Mai" in index
    assert "missing required key" in index and "broken.yaml" in index
    assert not list(out.glob(f"{TMP_PREFIX}*"))


def test_summary_json_is_the_run_indented_with_a_line_per_input():
    from reportgen.batch.summary import summary_text

    data = {
        "version": 1,
        "counts": {"total": 2, "rendered": 1, "skipped": 0, "failed": 1},
        "files": [
            {"path": "hoa-sen.yaml", "client": "Công ty Hoa Sen", "scores": {"a": [1, 2.5]}},
            {"path": "bad.yaml", "error": "line 3:\n  expected a number", "scores": None},
        ],
    }
    text = summary_text(data)
    assert json.loads(text) == data
    lines = text.splitlines()
    assert '  "counts": {' in lines and '    "total": 2,' in lines  # the run: indented
    assert [line for line in lines if '"path"' in line] == [
        "    " + json.dumps(f, ensure_ascii=False) + ("," if i == 0 else "")
        for i, f in enumerate(data["files"])
    ]
    assert "Công ty" in text  # written as UTF-8, not escaped
    nothing = {**data, "files": []}
    assert json.loads(summary_text(nothing)) == nothing


def test_second_run_skips_everything_without_weasyprint_or_yaml(tmp_path):
    src = make_inputs(tmp_path / "in", ("sao-mai-fintech", "minimal-startup"))
    out = tmp_path / "out"
    assert run(src, "-o", out, "--format", "html").exit_code == 0
    before = final_files(out)
    # A fresh interpreter, where the YAML loader is booby-trapped: an up-to-date run
    # neither parses an answers file nor imports WeasyPrint.
    script = textwrap.dedent(
        f"""
        import json, sys
        from reportgen.read import answers, yamltree
        def trap(*a, **k):
            raise AssertionError("an up-to-date run parsed YAML")
        answers.parse_answers = answers.parse_tree = yamltree.parse_tree = trap
        from reportgen.cli import cli
        try:
            cli.main(["batch", {str(src)!r}, "-o", {str(out)!r}, "--format", "html"],
                     standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
        print(json.dumps({{"code": code, "weasyprint": "weasyprint" in sys.modules}}))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"code": 0, "weasyprint": False}
    assert set(statuses(out).values()) == {"skipped"}
    assert summary(out)["counts"]["skipped"] == 2
    # The stored scores are carried over for skipped files.
    assert all(f["scores"]["validation"]["total"] for f in summary(out)["files"])
    assert final_files(out) == before
    assert "Sao Mai" in (out / "index.html").read_text()


def test_a_changed_file_alone_is_rendered_again(tmp_path):
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert run(src, "-o", out, "--format", "html").exit_code == 0
    path = src / "minimal-startup.yaml"
    text = path.read_text()
    name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    path.write_text(text.replace(name, '  name: "Renamed Client Ltd"', 1))

    result = run(src, "-o", out, "--format", "html")

    assert result.exit_code == 0, result.output
    assert statuses(out) == {
        "lotus-health.yaml": "skipped",
        "minimal-startup.yaml": "rendered",
        "sao-mai-fintech.yaml": "skipped",
    }
    assert "Renamed Client Ltd" in (out / "minimal-startup.en.html").read_text()
    assert "Renamed Client Ltd" in (out / "index.html").read_text()


def test_missing_or_edited_output_is_rendered_again_and_force_renders_all(tmp_path):
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    (out / "lotus-health.en.html").unlink()
    (out / "sao-mai-fintech.en.html").write_text("edited by hand")

    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    assert statuses(out) == {
        "lotus-health.yaml": "rendered",
        "minimal-startup.yaml": "skipped",
        "sao-mai-fintech.yaml": "rendered",
    }
    assert_complete(out)

    assert run(src, "-o", out, "--format", "html", "--lang", "en", "--force").exit_code == 0
    assert set(statuses(out).values()) == {"rendered"}
    # Other options make other outputs: nothing is up to date for them.
    assert run(src, "-o", out, "--format", "html", "--lang", "vi").exit_code == 0
    assert set(statuses(out).values()) == {"rendered"}


def test_a_changed_template_or_catalog_renders_everything_again(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    monkeypatch.setattr(
        manifest, "FINGERPRINT_ROOTS", (templates, *manifest.FINGERPRINT_ROOTS[1:])
    )
    src = make_inputs(tmp_path / "in", ("sao-mai-fintech", "minimal-startup"))
    out = tmp_path / "out"
    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    assert set(statuses(out).values()) == {"skipped"}

    css = templates / "report.css"
    css.write_text(css.read_text() + "\n/* a new rule */\n")
    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    assert set(statuses(out).values()) == {"rendered"}


def test_fingerprint_covers_templates_catalogs_fonts_and_options(tmp_path):
    base = BatchOptions()
    roots = []
    for name in ("templates", "locales", "fonts"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.po" if name == "locales" else folder / "a.j2").write_text("one")
        roots.append(folder)
    fp = manifest.fingerprint(base, tuple(roots))
    assert fp == manifest.fingerprint(base, tuple(roots))
    (roots[1] / "a.mo").write_bytes(b"compiled")
    assert manifest.fingerprint(base, tuple(roots)) != fp
    assert manifest.fingerprint(BatchOptions(fmt="pdf"), tuple(roots)) != manifest.fingerprint(
        base, tuple(roots)
    )
    # The real roots: templates, catalogs (.po and .mo) and fonts are all hashed.
    hashed = {p.resolve() for root in manifest.FINGERPRINT_ROOTS for p in manifest.iter_files(root)}
    assert (TEMPLATES_DIR / "report.html.j2").resolve() in hashed
    assert any(p.suffix == ".po" for p in hashed)
    assert any(p.suffix == ".ttf" for p in hashed)


def test_recursive_mirrors_sub_folders(tmp_path):
    src = tmp_path / "in"
    for folder in ("north", "south"):
        (src / folder).mkdir(parents=True)
        shutil.copy(sample("minimal-startup"), src / folder / "client.yaml")
    (src / ".hidden").mkdir()
    shutil.copy(sample("minimal-startup"), src / ".hidden" / "skip.yaml")
    out = tmp_path / "out"

    assert run(src, "-o", out, "--format", "html", "--lang", "en", "--recursive").exit_code == 0

    assert sorted(final_files(out)) == ["north/client.en.html", "south/client.en.html"]
    assert 'href="north/client.en.html"' in (out / "index.html").read_text()
    # Without --recursive only the top level is read: nothing here.
    result = run(src, "-o", tmp_path / "flat", "--format", "html")
    assert result.exit_code == 0 and summary(tmp_path / "flat")["counts"]["total"] == 0


def test_equal_stems_never_overwrite_each_other(tmp_path):
    src = make_inputs(tmp_path / "in", ("minimal-startup",))
    shutil.copy(sample("sao-mai-fintech"), src / "minimal-startup.yml")
    out = tmp_path / "out"
    result = run(src, "-o", out, "--format", "html", "--lang", "en")
    assert result.exit_code == 1
    assert statuses(out) == {"minimal-startup.yaml": "rendered", "minimal-startup.yml": "failed"}
    assert "would overwrite" in summary(out)["files"][1]["error"]
    assert "Phương Nam" in (out / "minimal-startup.en.html").read_text()


def test_leftover_temporary_files_are_removed(tmp_path):
    src = make_inputs(tmp_path / "in", ("minimal-startup",))
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    for leftover in (out / f"{TMP_PREFIX}abc.pdf", out / "sub" / f"{TMP_PREFIX}x.html"):
        leftover.write_bytes(b"%PDF-1.7 half a document")
    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    assert not [p for p in out.rglob("*") if p.name.startswith(TMP_PREFIX)]


def test_a_busy_output_folder_is_refused(tmp_path):
    src = make_inputs(tmp_path / "in", ("minimal-startup",))
    out = tmp_path / "out"
    out.mkdir()
    with open(out / batch.LOCK_NAME, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fh.write("4242\n")
        fh.flush()
        result = run(src, "-o", out, "--format", "html")
    assert result.exit_code == 3
    assert "another reportgen batch (pid 4242) is using this folder" in result.output
    assert "Traceback" not in result.output
    assert not (out / "summary.json").exists()


def test_usage_errors_exit_2(tmp_path):
    assert run(tmp_path / "missing", "-o", tmp_path / "out").exit_code == 2
    make_inputs(tmp_path / "in", ("minimal-startup",))
    assert run(tmp_path / "in").exit_code == 2  # -o is required
    assert run(tmp_path / "in", "-o", tmp_path / "out", "--kind", "leaflet").exit_code == 2
    assert run(tmp_path / "in", "-o", tmp_path / "out", "--jobs", "0").exit_code == 2


def test_an_unexpected_exception_is_that_files_failure(monkeypatch):
    import reportgen.pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(reportgen.pipeline, "render_documents", boom)
    data = sample("minimal-startup").read_bytes()
    result = task.render_task(Request(data, "x.yaml", "x", "en", "html"))
    assert not result.ok
    assert result.error == "x.yaml: RuntimeError: disk on fire"


def _crash_on_doomed(request, part=None, timeout=None):
    """Stands in for render_task in a worker: kills the worker on one file."""
    if request.stem == "doomed":
        os._exit(13)
    return _real_render_task(request, part, timeout)


_real_render_task = task.render_task


def test_a_worker_that_dies_fails_only_its_own_file(tmp_path, monkeypatch):
    monkeypatch.setattr(task, "render_task", _crash_on_doomed)
    src = make_inputs(tmp_path / "in")
    shutil.copy(sample("minimal-startup"), src / "doomed.yaml")
    out = tmp_path / "out"

    result = run(src, "-o", out, "--format", "html", "--lang", "en", "--jobs", "2")

    assert result.exit_code == 1, result.output
    assert statuses(out) == {
        "doomed.yaml": "failed",
        "lotus-health.yaml": "rendered",
        "minimal-startup.yaml": "rendered",
        "sao-mai-fintech.yaml": "rendered",
    }
    assert "worker process died" in summary(out)["files"][0]["error"]
    assert "Traceback" not in result.output


# --- real processes: killed runs and concurrent runs --------------------------------------


def start_batch(src: Path, out: Path, *extra: str) -> subprocess.Popen:
    # A session of its own, so that the test can clean up every worker it leaves behind.
    return subprocess.Popen(
        [*REPORTGEN, "batch", str(src), "-o", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        cwd=ROOT,
    )


def wait_for(condition, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.02)


def kill_group(proc: subprocess.Popen) -> tuple[bytes, bytes]:
    """Kill whatever the run left behind (orphaned workers) and close its pipes."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    return proc.communicate()


def test_a_killed_run_leaves_only_complete_files_and_the_next_run_finishes(tmp_path):
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    # Handouts: the same writing path as reports, in a tenth of the pages.
    proc = start_batch(src, out, "--jobs", "1", "--lang", "en", "--kind", "handout")
    try:
        wait_for(lambda: any(p.suffix == ".pdf" for p in out.glob("*.pdf")))
        proc.send_signal(signal.SIGKILL)  # the coordinator only: workers are orphaned
        proc.wait()
    finally:
        kill_group(proc)
    assert proc.returncode == -signal.SIGKILL
    assert_complete(out)
    assert not (out / "summary.json").exists()

    result = run(src, "-o", out, "--lang", "en", "--kind", "handout")

    assert result.exit_code == 0, result.output
    assert not [p for p in out.rglob("*") if p.name.startswith(TMP_PREFIX)]
    assert sorted(final_files(out)) == sorted(
        f"{stem}.en.handout.{fmt}"
        for stem in ("lotus-health", "minimal-startup", "sao-mai-fintech")
        for fmt in ("html", "pdf")
    )
    assert_complete(out)
    assert set(statuses(out).values()) <= {"rendered", "skipped"}
    assert "rendered" in statuses(out).values()
    # And the run after that has nothing left to do.
    assert run(src, "-o", out, "--lang", "en", "--kind", "handout").exit_code == 0
    assert set(statuses(out).values()) == {"skipped"}


def test_a_second_run_on_a_busy_folder_exits_3(tmp_path):
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    first = start_batch(src, out, "--jobs", "1", "--lang", "en", "--format", "pdf")
    try:
        lock = out / batch.LOCK_NAME
        wait_for(lambda: lock.exists() and lock.read_text().strip() == str(first.pid))

        second = subprocess.run(
            [*REPORTGEN, "batch", str(src), "-o", str(out), "--format", "pdf"],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
        )

        assert first.poll() is None, "the first run ended before the second started"
        assert second.returncode == 3
        assert f"another reportgen batch (pid {first.pid}) is using this folder" in second.stderr
        assert "Traceback" not in second.stderr
        assert first.wait(timeout=300) == 0
    finally:
        kill_group(first)
    assert set(statuses(out).values()) == {"rendered"}
    assert len(final_files(out)) == 3
    assert_complete(out)


# --- Dask -----------------------------------------------------------------------------------


def test_dask_run_matches_a_local_run(tmp_path):
    distributed = pytest.importorskip("distributed")
    src = make_inputs(tmp_path / "in", ("sao-mai-fintech", "minimal-startup"))
    (src / "broken.yaml").write_text(INVALID)
    local, remote = tmp_path / "local", tmp_path / "dask"
    handouts = ("--lang", "en", "--kind", "handout")  # what is compared, in fewer pages
    assert run(src, "-o", local, *handouts).exit_code == 1

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        result = run(src, "-o", remote, *handouts, "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 1, result.output
        assert run(src, "-o", remote, *handouts, "--scheduler", cluster.scheduler_address).exit_code == 1

    assert statuses(remote) == {
        "broken.yaml": "failed", "minimal-startup.yaml": "skipped", "sao-mai-fintech.yaml": "skipped",
    }
    a, b = summary(local), summary(remote)
    assert [(f["status"], f["scores"], f["outputs"], f["error"]) for f in a["files"]] == [
        ("rendered" if f["status"] == "skipped" else f["status"], f["scores"], f["outputs"], f["error"])
        for f in b["files"]
    ]
    assert final_files(local) == final_files(remote)  # byte-identical HTML and PDF
    assert len(final_files(remote)) == 4


def test_dask_errors_are_clear(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    src = make_inputs(tmp_path / "in", ("minimal-startup",))
    result = run(src, "-o", tmp_path / "out", "--format", "html", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output

    result = run(src, "-o", tmp_path / "out", "--format", "html", "--scheduler", "nonsense")
    assert result.exit_code == 2
    assert "--scheduler nonsense: expected an address such as tcp://HOST:PORT" in result.output

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = run(src, "-o", tmp_path / "out", "--format", "html", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "pip install 'reportgen[dask]'" in result.output


# --- the summary page -------------------------------------------------------------------------


def test_index_template_uses_only_its_context():
    import dataclasses

    import jinja2
    from jinja2 import meta

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)), extensions=["jinja2.ext.i18n"])
    source = env.loader.get_source(env, "batch_index.html.j2")[0]
    used = meta.find_undeclared_variables(env.parse(source))
    from reportgen.present.index import IndexContext

    fields = {f.name for f in dataclasses.fields(IndexContext)}
    assert used - {"_", "gettext", "ngettext", "palette"} == fields


def test_index_is_localized_and_escaped(tmp_path):
    src = make_inputs(tmp_path / "in", ("sao-mai-fintech",))
    path = src / "sao-mai-fintech.yaml"
    text = path.read_text()
    name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    path.write_text(text.replace(name, '  name: "<script>alert(1)</script> & Co"', 1))
    out = tmp_path / "out"
    assert run(src, "-o", out, "--format", "html", "--lang", "en").exit_code == 0
    index = (out / "index.html").read_text()
    assert '<html lang="en">' in index
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in index
    # The client's name is escaped; the one script is the page's own (sorting, filtering).
    assert "<script>alert" not in index and index.count("<script>") == 1
    # Unset --lang: Vietnamese page; numbers in the Vietnamese way.
    assert run(src, "-o", tmp_path / "vi", "--format", "html").exit_code == 0
    index = (tmp_path / "vi" / "index.html").read_text()
    assert '<html lang="vi">' in index
    total = summary(tmp_path / "vi")["files"][0]["scores"]["validation"]["total"]
    assert str(total).replace(".", ",") + "/160" in index


def test_styling_options_are_part_of_the_fingerprint(tmp_path):
    from reportgen.model import Brand
    from reportgen.pipeline import Styling

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.j2").write_text("x")
    roots = (tmp_path / "t",)
    plain = manifest.fingerprint(BatchOptions(), roots)
    variants = [
        Styling(draft=True),
        Styling(pdf_variant="pdf/a-3b"),
        Styling(brand=Brand(firm_name="Ánh Dương")),
        Styling(brand=Brand(firm_name="Ánh Dương", primary_colour="#112233")),
    ]
    prints = {manifest.fingerprint(BatchOptions(styling=s), roots) for s in variants}
    assert plain not in prints and len(prints) == len(variants)
    # An override folder's content counts like the built-in templates.
    override = tmp_path / "firm"
    override.mkdir()
    (override / "cover.html.j2").write_text("one")
    options = BatchOptions(styling=Styling(templates_dir=str(override)))
    before = manifest.fingerprint(options)
    (override / "cover.html.j2").write_text("two")
    assert manifest.fingerprint(options) != before


def test_batch_renders_draft_handouts(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_inputs(src, names=("hoa-sen-edtech",))
    result = run(src, "-o", out, "--kind", "handout", "--lang", "vi+en", "--format", "pdf", "--draft")
    assert result.exit_code == 0, result.output
    assert statuses(out) == {"hoa-sen-edtech.yaml": "rendered"}
    assert sorted(final_files(out)) == ["hoa-sen-edtech.vi+en.handout.pdf"]
    # The same run without --draft is a change: the handout is rendered again.
    again = run(src, "-o", out, "--kind", "handout", "--lang", "vi+en", "--format", "pdf")
    assert again.exit_code == 0
    assert statuses(out) == {"hoa-sen-edtech.yaml": "rendered"}


def test_bilingual_reports_are_a_usage_error(tmp_path):
    src = tmp_path / "in"
    make_inputs(src, names=("minimal-startup",))
    result = run(src, "-o", tmp_path / "out", "--lang", "vi+en")
    assert result.exit_code == 2
    assert "--kind handout" in result.output
    assert not (tmp_path / "out").exists()


# --- scheduling (issue 14) ------------------------------------------------------------------


def test_the_largest_inputs_start_first_and_equal_sizes_keep_their_order():
    from reportgen.batch.plan import Job, largest_first

    jobs = [Job(name, name, name, "", data=b"x" * size) for name, size in
            (("a", 10), ("b", 300), ("c", 10), ("d", 50))]
    assert [j.name for j in largest_first(jobs)] == ["b", "d", "a", "c"]


def test_workers_are_retired_and_replaced_without_losing_a_file(tmp_path, monkeypatch):
    from reportgen import executor as executors

    pools = []
    real = executors.ProcessPoolExecutor

    def counting(*args, **kwargs):
        pools.append(kwargs.get("max_workers"))
        return real(*args, **kwargs)

    monkeypatch.setattr(executors, "TASKS_PER_WORKER", 1)
    monkeypatch.setattr(executors, "ProcessPoolExecutor", counting)
    src = make_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = run(src, "-o", out, "--jobs", "2", "--lang", "en", "--format", "html")
    assert result.exit_code == 0, result.output
    assert set(statuses(out).values()) == {"rendered"} and len(statuses(out)) == 3
    # Three files, two workers, one file each per pool: a fresh pool for the third.
    assert pools == [2, 2]


def test_a_settled_worker_leaves_its_warm_objects_alone_and_still_collects_garbage():
    """After settle_garbage_collector, what warm_up loaded is out of collections, and
    cyclic garbage made afterwards is collected without anyone calling gc.collect."""
    code = textwrap.dedent(
        """
        import gc, weakref
        from reportgen.executor.task import settle_garbage_collector, warm_up

        warm_up(("vi", "en"), pdf=False)
        settle_garbage_collector()
        frozen = gc.get_freeze_count()

        class Node:
            pass

        freed = []
        for i in range(200):
            a, b = Node(), Node()
            a.peer, b.peer = b, a
            weakref.finalize(a, freed.append, i)
            del a, b
        kept = [[] for _ in range(50_000)]  # allocations that set young collections off
        print(frozen, len(freed))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    frozen, freed = map(int, proc.stdout.split())
    assert frozen > 10_000  # modules, templates and catalogs
    assert freed == 200


def test_a_files_languages_are_tasks_of_their_own_when_pdfs_meet_more_than_one_worker():
    from reportgen.batch.plan import Job
    from reportgen.batch.run import tasks

    big, small = Job("b", "b", "b", "", data=b"x" * 9), Job("s", "s", "s", "", data=b"x")
    pdfs = BatchOptions(fmt="all")

    def shape(todo, options, workers):
        return [(t.key, t.part, t.of) for t in tasks(todo, options, workers)]

    assert shape([small, big], pdfs, 2) == [("b", 0, 2), ("b", 1, 2), ("s", 0, 2), ("s", 1, 2)]
    # However many files: the run ends on the smallest file's languages, not on a file.
    assert shape([small, big, small], pdfs, 2) == [
        ("b", 0, 2), ("b", 1, 2), *[("s", 0, 2), ("s", 1, 2)] * 2
    ]
    # Whole files: one worker, HTML only (cheap), or one language asked for.
    assert shape([small, big], pdfs, 1) == [("b", None, 1), ("s", None, 1)]
    assert shape([small, big], BatchOptions(fmt="html"), 2) == [("b", None, 1), ("s", None, 1)]
    assert shape([big], BatchOptions(lang="en"), 2) == [("b", None, 1)]
    assert shape([big], BatchOptions(lang="vi+en", kind="handout"), 2) == [("b", None, 1)]
    # Each task carries its file's request: the bytes and the run's options.
    english = BatchOptions(lang="en")
    (whole,) = tasks([big], english, 2)
    assert whole.load() == english.request(big) and whole.load().data == big.data


def test_parts_are_gathered_into_one_file_in_their_order_whatever_arrives_first():
    from reportgen.executor import Gather, Task
    from reportgen.pipeline import Document, Request

    finished, saves = [], []
    gather = Gather(lambda key, result: finished.append((key, result)), lambda: saves.append(1))

    def a(part):
        return Task("a", "a", Request(b"", "a", "a"), part, 2)

    def b(part):
        return Task("b", "b", Request(b"", "b", "b"), part, 2)

    summary = {"client": "A", "total": "90", "languages": ["en"]}
    en = task.RenderResult((Document("a.en.pdf", "en", "pdf", b"E"),), summary, {}, seconds=2.0)
    vi = task.RenderResult(
        (Document("a.vi.pdf", "vi", "pdf", b"V"),), {**summary, "languages": ["vi"]}, {}, seconds=1.0
    )
    gather.add(a(1), en)
    gather.add(b(0), task.RenderResult(error="b: broken"))
    gather.checkpoint()
    assert finished == [] and saves == []  # nothing whole yet: nothing written or saved
    gather.add(a(0), vi)
    gather.add(b(1), task.RenderResult(error="b: broken"))
    gather.checkpoint()
    assert saves == [1]
    (rel_a, whole), (rel_b, failed) = finished
    assert rel_a == "a" and [d.name for d in whole.documents] == ["a.vi.pdf", "a.en.pdf"]
    assert whole.summary["languages"] == ["vi", "en"] and whole.seconds == 3.0
    assert rel_b == "b" and failed.error == "b: broken"
    # A part past the file's languages brings no documents and changes nothing.
    gather.add(a(0), en)
    gather.add(a(1), task.RenderResult((), {**summary, "languages": []}, {}))
    assert finished[-1][1].summary["languages"] == ["en"]


def test_split_files_give_the_same_outputs_as_whole_files(tmp_path):
    """Real PDFs, one worker (whole files) against two (a task per language): the same
    names, bytes, scores and summaries. lotus-health names one language: its second
    task finds nothing to render."""
    src = make_inputs(tmp_path / "in", ("minimal-startup", "lotus-health"))
    (src / "broken.yaml").write_text(INVALID)
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(src, "-o", one, "--kind", "handout", "--jobs", "1").exit_code == 1
    assert run(src, "-o", two, "--kind", "handout", "--jobs", "2").exit_code == 1
    assert final_files(one) == final_files(two)
    assert len(final_files(two)) == 6  # minimal: vi and en; lotus: en; each HTML and PDF
    drop = ("seconds",)
    a, b = summary(one), summary(two)
    assert [{k: v for k, v in f.items() if k not in drop} for f in a["files"]] == [
        {k: v for k, v in f.items() if k not in drop} for f in b["files"]
    ]
    entries = [
        {rel: e["summary"] for rel, e in manifest.load_manifest(out).items()} for out in (one, two)
    ]
    assert entries[0] == entries[1]
    assert entries[1]["minimal-startup.yaml"]["languages"] == ["vi", "en"]
    assert entries[1]["lotus-health.yaml"]["languages"] == ["en"]


def _crash_on_doomed_english(request, part=None, timeout=None):
    """Stands in for render_task in a worker: kills the worker on the second language of
    one file, after the first has been rendered."""
    if request.stem == "doomed" and part == 1:
        os._exit(13)
    return _real_render_task(request, part, timeout)


def test_a_worker_dying_on_one_language_fails_the_file_and_writes_none_of_it(tmp_path, monkeypatch):
    monkeypatch.setattr(task, "render_task", _crash_on_doomed_english)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(sample("minimal-startup"), src / "doomed.yaml")  # names vi and en
    out = tmp_path / "out"

    result = run(src, "-o", out, "--kind", "handout", "--jobs", "2")

    assert result.exit_code == 1, result.output
    assert statuses(out) == {"doomed.yaml": "failed"}
    assert "worker process died" in summary(out)["files"][0]["error"]
    assert final_files(out) == {}  # the Vietnamese documents were rendered, not written
    assert manifest.load_manifest(out) == {}
