"""Sections are units: the registry, and a section from outside reportgen.

The extra section (tests/extra_section) is installed the way a firm's package would be:
a distribution on the path whose entry point names it in the `reportgen.sections` group.
The commands then run in a fresh interpreter that sees it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from reportgen.errors import InvalidFileError
from reportgen.read import parse_answers
from reportgen.sections import answer_sections, scoring_order, sections

from .support import ROOT, SAMPLES

SAMPLE = ROOT / "samples" / "minimal-startup.yaml"
EXTRA = "\nresponsible_ai:\n  bias_testing: true\n  model_cards: false\n  incident_process: true\n"


def test_every_section_is_declared_once_with_its_own_id():
    ids = [s.id for s in sections()]
    assert len(ids) == len(set(ids))
    assert ids[:2] == ["overview", "summary"] and ids[-1] == "appendix"
    for s in sections():
        # Each built-in section is a folder: its code, its rubric, its templates.
        assert s.templates_dir == ROOT / "reportgen" / "sections" / s.id / "templates"
        assert s.partial == f"partials/{s.id}.html.j2"
        # A part without a chapter of its own (the consultant's decisions) has no partial.
        assert (s.templates_dir / s.partial).is_file() is s.chapter, s.partial
        if s.schema is not None:
            assert (s.templates_dir / s.init_partial).is_file(), s.init_partial
        if s.handout is not None:
            assert (s.templates_dir / s.handout_partial).is_file(), s.handout_partial
    # The answers file's parts come in report order, the required validation first.
    parts = answer_sections()
    assert [p.order for p in parts] == sorted(p.order for p in parts)
    assert parts[0].id == "validation" and parts[0].required


def test_the_samples_together_answer_every_section():
    """Whichever samples exist, every part of the answers file is answered by one of
    them, so the tests that render the samples reach every section's chapter."""
    import yaml

    answered = set()
    for sample in SAMPLES:
        answered |= set(yaml.safe_load(sample.read_text(encoding="utf-8")))
    assert {s.id for s in answer_sections()} <= answered


def test_a_section_is_scored_after_those_it_reads():
    order = [s.id for s in scoring_order()]
    assert sorted(order) == sorted(s.id for s in sections())
    for s in sections():
        # "*": every section that does not itself read every other one, and those named.
        deps = [d for d in s.depends if d != "*"]
        if "*" in s.depends:
            deps += [x.id for x in sections() if "*" not in x.depends and x.id != s.id]
        for dep in deps:
            assert order.index(dep) < order.index(s.id), (dep, s.id)
    # The progress since the last assessment compares every result, the advice included.
    assert order.index("progress") > order.index("recommendations")
    assert order.index("progress") > max(order.index(x.id) for x in sections() if "*" not in x.depends)


def test_without_its_entry_point_the_extra_section_is_an_unknown_key():
    data = SAMPLE.read_bytes() + EXTRA.encode()
    with pytest.raises(InvalidFileError) as info:
        parse_answers(data, "a.yaml")
    assert "unknown key 'responsible_ai'" in info.value.format_message()


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A site folder holding the extra section's distribution metadata and entry point."""
    site = tmp_path_factory.mktemp("site")
    dist = site / "reportgen_extra-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: reportgen-extra\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[reportgen.sections]\nresponsible_ai = tests.extra_section:SECTION\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))

    def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
        proc = subprocess.run(
            [sys.executable, *args], env=env, cwd=cwd or site, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr
        return proc

    return site, run


def test_extra_section_reaches_every_stage(installed):
    site, run = installed
    answers = site / "answers.yaml"
    answers.write_bytes(SAMPLE.read_bytes() + EXTRA.encode())

    scores = json.loads(run("-m", "reportgen", "score", str(answers)).stdout)
    assert scores["responsible_ai"] == {"met": 2, "total": 3}

    run(
        "-m",
        "reportgen",
        "render",
        str(answers),
        "--format",
        "html",
        "--lang",
        "all",
        "-o",
        str(site / "out"),
    )
    vi = (site / "out" / "answers.vi.html").read_text(encoding="utf-8")
    en = (site / "out" / "answers.en.html").read_text(encoding="utf-8")
    # In the contents, linked to its chapter, and the chapter itself, in both languages.
    assert '<a href="#responsible_ai">AI có trách nhiệm</a>' in vi
    assert '<h2 id="responsible_ai">AI có trách nhiệm</h2>' in vi
    assert "Đã áp dụng 2/3 thực hành" in vi and "Kiểm thử thiên lệch trước mỗi lần phát hành" in vi
    assert '<a href="#responsible_ai">Responsible AI</a>' in en
    assert "2 of 3 practices in place" in en
    # In its place (order 75): after the chapters before it, before lessons (80). (The
    # sample leaves critical success factors, at 70, out: they are listed as not assessed.)
    assert vi.index('id="validation"') < vi.index('id="responsible_ai"')
    assert vi.index('id="responsible_ai"') < vi.index('id="lessons"')

    # Its own advice group: the practice not in place is a recommendation of its own.
    assert "Publish a model card for every model." in en
    assert "This responsible AI practice is not in place." in en
    assert "Công bố thẻ mô hình cho mọi mô hình." in vi
    assert "Thực hành AI có trách nhiệm này chưa được áp dụng." in vi
    # Left out of a file, it is an assessment gap, not a crash.
    absent = json.loads(run("-m", "reportgen", "score", str(SAMPLE)).stdout)
    assert absent["responsible_ai"] is None

    init = run("-m", "reportgen", "init", "--lang", "vi").stdout
    assert "responsible_ai:" in init
    assert "bias_testing:" in init and "# Kiểm thử thiên lệch trước mỗi lần phát hành" in init

    script = textwrap.dedent(
        f"""
        import json
        from babel.messages.extract import extract_from_file
        found = [m[1] for m in extract_from_file("reportgen_rubric", {str(ROOT / "tests/extra_section/rubric.py")!r})]
        print(json.dumps(found))
        """
    )
    extracted = json.loads(run("-c", script).stdout)
    assert extracted[:4] == [
        "Responsible AI",
        "Bias testing before each release",
        "Model cards published for every model",
        "An AI incident process in place",
    ]
    # Its advice group and actions: every message, each translated in its own catalog.
    assert "Put the missing responsible AI practices in place: %(items)s." in extracted
    assert "Assess the three responsible AI practices with the technical lead." in extracted
    po = (ROOT / "tests/extra_section/locales/vi/LC_MESSAGES/reportgen_extra.po").read_text()
    for message in extracted:
        assert f'msgid "{message}"' in po, message


def test_a_plug_in_that_lacks_part_of_the_contract_is_refused_when_it_registers(tmp_path):
    """A section without its templates, without the advice for when the answers leave it
    out and with an action in a group nobody declares: refused with its name and every
    gap, by any command, before any file is read."""
    package = tmp_path / "broken_section"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
        from reportgen.blocks import schema
        from reportgen.blocks.rubric import Action, Item
        from reportgen.blocks.section import Section

        class Rubric:
            ACTIONS = {"broken_team.size": Action("no_such_group", "Hire.", "hiring", "ceo", (0, 3),
                                           ("runway_months",), "failure_case", "Small team.")}

        class Team(Section):
            id = "broken_team"
            title = "Team"
            order = 76
            schema = schema.flags((Item("size", "A team of five or more"),))
            rubric_modules = (Rubric,)

        SECTION = Team()
        """
        )
    )
    dist = tmp_path / "broken_section-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-section\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[reportgen.sections]\nbroken = broken_section:SECTION\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]))
    proc = subprocess.run(
        [sys.executable, "-m", "reportgen", "validate", str(SAMPLE)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert line.startswith(
        "section 'broken_team' (entry point broken (broken_section:SECTION)) cannot be registered"
    )
    for gap in (
        "no template partials/broken_team.html.j2",
        "no template init/broken_team.yaml.j2",
        "no broken_team#absent action",
        "action broken_team.size: no advice group 'no_such_group'",
    ):
        assert gap in line, gap
