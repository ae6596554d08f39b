"""render/weasy.py: WeasyPrint imported without running gcc and ld, with the same native
libraries loaded as by WeasyPrint's own import."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

# Run in a fresh interpreter (this one has imported WeasyPrint already): records every
# program the import runs, and the native libraries it leaves loaded.
PROBE = """
import ctypes.util, json, subprocess

ran = []
stock_popen_init = subprocess.Popen.__init__

def recording(self, args, *rest, **kwargs):
    ran.append(args[0] if isinstance(args, (list, tuple)) else str(args).split()[0])
    stock_popen_init(self, args, *rest, **kwargs)

subprocess.Popen.__init__ = recording
find_library = ctypes.util.find_library
{import_line}
libraries = set()
with open("/proc/self/maps") as maps:
    for line in maps:
        path = line.split()[-1]
        name = path.rsplit("/", 1)[-1]
        if ".so" in name and name.startswith(
            ("libgobject", "libpango", "libharfbuzz", "libfontconfig")
        ):
            libraries.add(path)
print(json.dumps({{
    "ran": sorted(set(ran)),
    "libraries": sorted(libraries),
    "find_library_restored": ctypes.util.find_library is find_library,
}}))
"""


def _probe(import_line: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(import_line=import_line)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux lookup")
def test_weasyprint_imported_without_compiler_runs_and_with_the_same_libraries():
    if not any(shutil.which(tool) for tool in ("gcc", "cc", "ld")):
        pytest.skip("no gcc or ld here: WeasyPrint's own import runs neither")
    stock = _probe("import weasyprint")
    ours = _probe("from reportgen.render import weasy")

    # WeasyPrint's own import runs the compiler or the linker for names the cache lacks;
    # ours reads the linker's cache only.
    assert {p.rsplit("/", 1)[-1] for p in stock["ran"]} - {"ldconfig"}, stock["ran"]
    assert {p.rsplit("/", 1)[-1] for p in ours["ran"]} <= {"ldconfig"}, ours["ran"]
    # The same files, and all of them: GObject, Pango, PangoFT2, HarfBuzz, fontconfig.
    assert ours["libraries"] == stock["libraries"]
    names = " ".join(ours["libraries"])
    for lib in ("libgobject-2.0", "libpango-1.0", "libpangoft2", "libharfbuzz", "libfontconfig"):
        assert lib in names
    assert ours["find_library_restored"]


def test_the_lookup_is_stock_again_after_the_import_even_when_it_fails():
    import ctypes.util

    from reportgen.render.weasy import linker_cache_only

    stock = ctypes.util.find_library
    with pytest.raises(RuntimeError), linker_cache_only():
        if sys.platform.startswith("linux"):
            assert ctypes.util.find_library is not stock
            assert ctypes.util.find_library("c") is not None  # libc is in every cache
            assert ctypes.util.find_library("no-such-library-xyz") is None
        raise RuntimeError("an import that fails")
    assert ctypes.util.find_library is stock
