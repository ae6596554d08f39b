"""The documentation: the site builds in strict mode, and every example runs as written.

The examples are the ```console blocks of README.md and docs/*.md. The conventions
(docs/development.md, "Documentation"): a line starting with `$ ` is a command, any
other line its output, shown to the reader and not compared (timings and counts vary).
A page's commands run in order, from a temporary folder holding a copy of samples/, so
they read `samples/...` as the reader does from the repository's root, and whatever they
write lands in the temporary folder. What cannot run here (a server that runs until
Ctrl-C, a Dask cluster, /srv paths, systemd) is written in ```text blocks, set-up
commands (pip, make) in ```sh blocks; neither is collected.
"""

from __future__ import annotations

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REPORTGEN = BIN / "reportgen"
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# The README's first block, which CI (.ci/run) reads and runs on a clean clone.
SETUP = [
    'python3 -m venv .venv && .venv/bin/pip install -q -c requirements.lock -e ".[test]"',
    ".venv/bin/python -m pytest -q",
]

FENCE = re.compile(r"(`{3,})([\w+-]*)\s*\Z")
# `$ reportgen validate broken.yaml    # exit code 1: ...` documents a non-zero exit.
EXIT_CODE = re.compile(r"\s#\s*exit code (\d+)\b")
# Commands that prepare files for the next example (the template override's copy); they
# need a shell for `$(...)`, and nothing else is run through one.
SHELL_COMMANDS = {"mkdir", "cp"}
# Steps for the reader, not for a test: an editor waits for a person.
SKIPPED_COMMANDS = {"$EDITOR"}


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Every fenced block of a Markdown text: (its language, its lines)."""
    found: list[tuple[str, list[str]]] = []
    fence: str | None = None
    for line in text.splitlines():
        if fence is None:
            match = FENCE.match(line.strip())
            if match:
                fence = match.group(1)
                found.append((match.group(2), []))
        elif line.strip() == fence:
            fence = None
        else:
            found[-1][1].append(line)
    return found


def commands(page: Path) -> list[str]:
    """The commands of a page's console blocks, in order, without their `$ `."""
    return [
        line.strip()[2:]
        for lang, lines in blocks(page.read_text(encoding="utf-8"))
        if lang == "console"
        for line in lines
        if line.strip().startswith("$ ")
    ]


PAGES_WITH_EXAMPLES = [page for page in PAGES if commands(page)]


def _expand(words: list[str], cwd: Path) -> list[str]:
    """`samples/*.yaml` as a shell expands it (a pattern matching nothing stays as is)."""
    out: list[str] = []
    for word in words:
        matches = sorted(glob.glob(word, root_dir=cwd)) if any(c in word for c in "*?[") else []
        out.extend(matches or [word])
    return out


def run_example(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    words = shlex.split(command, comments=True)
    if words[0] == "reportgen":
        argv = [str(REPORTGEN), *_expand(words[1:], cwd)]
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert words[0] in SHELL_COMMANDS, (
        f"`{command}` cannot run in a test: put it in a ```text block, or teach "
        "tests/test_docs.py to run it"
    )
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_runs_as_written(page, tmp_path):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    # `python` in an example (the template override's copy) is this environment's.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in commands(page):
        if command.split()[0] in SKIPPED_COMMANDS:
            continue
        expected = EXIT_CODE.search(command)
        result = run_example(command, tmp_path, env)
        assert result.returncode == (int(expected.group(1)) if expected else 0), (
            f"{page.name}: `$ {command}` exited with {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )


def test_the_examples_are_found():
    # A change to the collector (or to the pages' fences) must not leave nothing to run.
    tour = [c.split()[:2] for c in commands(ROOT / "README.md")]
    for step in ("validate", "score", "render", "batch", "init"):
        assert ["reportgen", step] in tour, step
    assert any("--kind handout" in c for c in commands(ROOT / "README.md"))
    assert len(PAGES_WITH_EXAMPLES) >= 8


def test_the_readme_opens_with_the_setup_and_test_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["# reportgen", "", "```sh", *SETUP, "```"]


def test_the_site_builds_in_strict_mode(tmp_path):
    # Strict: a broken link or anchor, or a page missing from the nav, fails the build.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life notice
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
