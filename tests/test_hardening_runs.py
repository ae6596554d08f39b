"""Runs that never end (issue 27): every wait is bounded. A document past its time limit is
that file's failure; a Dask address that is no scheduler, a scheduler without workers, a
cluster lost mid-run end with a clear message and exit code. Each case hung (60-180 s
and more) or printed a traceback before its fix."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import executor
from reportgen.cli import cli
from reportgen.errors import EXIT_CLUSTER, EXIT_INVALID, EXIT_USAGE

from .support import ROOT

SAMPLE = ROOT / "samples" / "minimal-startup.yaml"
# Two nested loops of 100,000: ten billion iterations, within the sandbox's range cap.
ENDLESS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


def client_copy(sample: Path, client_id: str) -> bytes:
    """The sample as another client's answers (its own client.id): a batch refuses two
    files of one client and assessment date."""
    data = sample.read_bytes()
    assert data.count(b"\nclient:\n") == 1
    return data.replace(b"\nclient:\n", f'\nclient:\n  id: "{client_id}"\n'.encode(), 1)


def endless_templates(tmp_path: Path) -> Path:
    partials = tmp_path / "templates" / "partials"
    partials.mkdir(parents=True)
    cover = (ROOT / "templates" / "partials" / "cover.html.j2").read_text(encoding="utf-8")
    (partials / "cover.html.j2").write_text(ENDLESS + cover, encoding="utf-8")
    return tmp_path / "templates"


def invoke(*args) -> tuple[object, float]:
    start = time.monotonic()
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result, time.monotonic() - start


def test_render_stops_a_document_past_its_time_limit(tmp_path):
    out = tmp_path / "out"
    result, took = invoke(
        "render",
        SAMPLE,
        "--templates",
        endless_templates(tmp_path),
        "--lang",
        "en",
        "--format",
        "html",
        "--timeout",
        "2",
        "-o",
        out,
    )
    assert result.exit_code == EXIT_INVALID, result.output
    assert "stopped after 2 s, the limit per document (--timeout)" in result.output
    assert "Traceback" not in result.output and not out.exists()
    assert took < 30


def test_batch_fails_only_the_file_past_its_time_limit_and_frees_its_lock(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    templates = endless_templates(tmp_path)
    args = ("batch", src, "-o", out, "--templates", templates, "--format", "pdf", "--lang", "en")
    result, took = invoke(*args, "--timeout", "3", "--jobs", "2")
    assert result.exit_code == EXIT_INVALID, result.output
    assert (
        "stopped after 3 s, the limit per document (--timeout)" in (out / "index.html").read_text()
    )
    assert took < 60
    # The lock is free: the next run starts (and fails the same file the same way).
    result, _took = invoke(*args, "--timeout", "3", "--jobs", "1")
    assert result.exit_code == EXIT_INVALID, result.output


@pytest.fixture
def silent_listener():
    """A TCP listener on loopback that accepts and never answers (not a Dask scheduler)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


def test_a_listener_that_is_no_dask_scheduler_is_a_usage_error_in_bounded_time(
    tmp_path, silent_listener
):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    result, took = invoke(
        "batch",
        src,
        "-o",
        tmp_path / "out",
        "--format",
        "html",
        "--scheduler",
        f"tcp://127.0.0.1:{silent_listener}",
    )
    assert result.exit_code == EXIT_USAGE, result.output
    assert "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output
    assert took < executor.SCHEDULER_TIMEOUT * 2 + 10


def test_the_dashboards_http_address_is_a_usage_error_without_a_traceback(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    result, _took = invoke(
        "batch", src, "-o", tmp_path / "out", "--scheduler", "http://127.0.0.1:8787"
    )
    assert result.exit_code == EXIT_USAGE
    assert "http:// is its dashboard" in result.output and "Traceback" not in result.output


def test_a_scheduler_without_workers_ends_the_run_with_its_own_exit_code(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(executor, "WORKERS_TIMEOUT", 2)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.yaml").write_bytes(SAMPLE.read_bytes())
    with distributed.LocalCluster(
        n_workers=0, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        result, took = invoke(
            "batch",
            src,
            "-o",
            tmp_path / "out",
            "--format",
            "html",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert result.exit_code == EXIT_CLUSTER, result.output
    assert "has no workers (waited 2 s)" in result.output
    assert took < 30


def test_the_coordinator_holds_no_inputs_bytes_until_a_job_is_handed_out(tmp_path):
    """300 inputs of 1 MiB were all held by the coordinator (344 MB at its peak): planned
    jobs keep their hash and size only, and each task reads its input when handed out."""
    from reportgen.batch.manifest import fingerprint
    from reportgen.batch.options import BatchOptions
    from reportgen.batch.plan import plan
    from reportgen.batch.run import tasks

    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.yaml").write_bytes(client_copy(SAMPLE, name))
    options = BatchOptions(lang="en", fmt="html")
    paths = sorted(src.glob("*.yaml"))
    _records, todo = plan(paths, src, tmp_path / "out", options, fingerprint(options), {})
    assert len(todo) == 3
    assert all(job.data == b"" and job.size == len(client_copy(SAMPLE, "a")) for job in todo)
    (task_a, *_rest) = tasks(todo, options, 2)
    # Changed after planning: the task renders what is there when it is handed out, and
    # the job's hash is that of the bytes rendered.
    changed = client_copy(SAMPLE, "a") + b"\n# edited\n"
    (src / "a.yaml").write_bytes(changed)
    assert task_a.load().data == changed
    assert todo[0].sha == hashlib.sha256(changed).hexdigest()


# A scheduler serves HTTP (its health and metrics) on port 8787 even without its
# dashboard: on a free port instead, so that tests running at once do not collide.
NO_HTTP = ("--no-dashboard", "--dashboard-address", "127.0.0.1:0")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _scheduler_with_inputs(tmp_path):
    """Six inputs and a real Dask scheduler on loopback, in a process group of its own:
    (the dask command, the input folder, the scheduler's address, the Popen options that
    keep its output quiet, the scheduler's process)."""
    pytest.importorskip("distributed")
    import subprocess
    import sys

    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        pytest.skip("the dask command is not installed")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"f{i}.yaml").write_bytes(
            client_copy(ROOT / "samples" / "hoa-sen-edtech.yaml", f"f{i}")
        )
    port = _free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), *NO_HTTP], **quiet
    )
    return dask, src, f"tcp://127.0.0.1:{port}", quiet, scheduler


def test_a_scheduler_killed_mid_run_ends_the_run_with_exit_code_4(tmp_path):
    """A real scheduler and worker on loopback (processes of their own); the scheduler is
    killed once the first report is in. The run ends (it waited forever before), keeps
    what was completed, fails what was in flight, and exits 4."""
    import os
    import signal
    import subprocess
    import sys

    dask, src, address, quiet, scheduler = _scheduler_with_inputs(tmp_path)
    worker = None
    try:
        worker = subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            **quiet,
        )
        out = tmp_path / "out"
        batch = subprocess.Popen(
            [
                Path(sys.executable).parent / "reportgen",
                "batch",
                src,
                "-o",
                out,
                "--scheduler",
                address,
                "--format",
                "pdf",
                "--lang",
                "en",
                "--timeout",
                "20",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 90
        while not list(out.glob("*.pdf")) and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.2)
        os.killpg(scheduler.pid, signal.SIGKILL)
        stdout, stderr = batch.communicate(timeout=90)
    finally:
        for process in (scheduler, worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
    assert batch.returncode == 4, stdout + stderr
    assert "was lost during the run; the reports completed before are kept" in stderr
    assert "Traceback" not in stdout + stderr
    assert list(out.glob("*.pdf"))  # what was completed is kept


# The coordinator of the test below, with the wait for a worker lowered from 30 s (the
# module constant, as the test of a scheduler without workers lowers WORKERS_TIMEOUT).
LOWERED_COORDINATOR = """
import sys
from reportgen import executor
from reportgen.cli import cli
executor.WORKERS_GONE_TIMEOUT = float(sys.argv.pop(1))
cli(prog_name="reportgen")
"""


def test_the_only_worker_killed_mid_run_ends_the_run_with_exit_code_4(tmp_path):
    """A real scheduler and its only worker on loopback (processes of their own); the
    worker, with its nanny, is killed once the first report is in. The scheduler keeps
    the tasks, waiting for a worker: the run waited for each task's deadline (50 s here,
    one pair of tasks after the other) and ended with exit code 1. With no worker for
    WORKERS_GONE_TIMEOUT, the cluster counts as lost: exit code 4 at once, what was
    completed kept."""
    import os
    import signal
    import subprocess
    import sys

    dask, src, address, quiet, scheduler = _scheduler_with_inputs(tmp_path)
    worker = batch = None
    gone = 3.0
    try:
        worker = subprocess.Popen(
            [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
            **quiet,
        )
        out = tmp_path / "out"
        batch = subprocess.Popen(
            [
                *(sys.executable, "-c", LOWERED_COORDINATOR, str(gone)),
                *("batch", src, "-o", out, "--scheduler", address),
                *("--format", "pdf", "--lang", "en", "--timeout", "20"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 90
        while not list(out.glob("*.pdf")) and time.monotonic() < deadline and batch.poll() is None:
            time.sleep(0.2)
        assert batch.poll() is None, batch.communicate()
        os.killpg(worker.pid, signal.SIGKILL)  # the nanny and its worker
        killed = time.monotonic()
        stdout, stderr = batch.communicate(timeout=90)
        took = time.monotonic() - killed
    finally:
        for process in (scheduler, worker):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        if batch is not None and batch.poll() is None:
            batch.kill()
            batch.wait(10)
    assert batch.returncode == 4, stdout + stderr
    assert f"has had no workers for {gone:g} s during the run" in stderr
    assert "the reports completed before are kept" in stderr
    assert "Traceback" not in stdout + stderr
    assert took < 45  # the tasks' deadline (50 s) is not waited for
    kept = list(out.glob("*.pdf"))  # what was completed is kept, and recorded
    assert kept and all(p.name in (out / ".reportgen-manifest.json").read_text() for p in kept)
