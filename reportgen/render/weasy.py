"""WeasyPrint, imported with its native libraries found in the linker's cache alone.

Importing this module imports WeasyPrint (the batch fork server preloads it by name);
``weasy.weasyprint`` is the module.

Why not ``import weasyprint``: WeasyPrint finds each native library it needs (GObject,
Pango, HarfBuzz, fontconfig, ...) by trying a list of names written for every platform,
Windows' names first. cffi passes a name that is not a file name to
``ctypes.util.find_library``, which on Linux reads the dynamic linker's cache
(``ldconfig -p``) and, for a name the cache does not list, then runs gcc and ld to look
for it: about 13 ms per name, and 22 names miss on a Debian host. Without those runs the
import takes 0.54 s instead of 0.71 s (medians of 8), in every ``reportgen render``, the
preview, and every batch before its first page.

While WeasyPrint is imported here, a name the linker's cache does not list is not looked
for with gcc and ld. No library is lost by it: each of WeasyPrint's lists also holds the
library's soname (``libpango-1.0.so.0``), which cffi hands straight to dlopen, so a
library outside the cache (a folder on LD_LIBRARY_PATH) is still loaded by that name;
tests/test_weasy.py checks that the same files are loaded either way. Other systems
(macOS, Windows) look libraries up without spawning a compiler and import WeasyPrint
as it is.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any


@contextlib.contextmanager
def linker_cache_only() -> Iterator[None]:
    """``ctypes.util.find_library`` answers from the linker's cache alone, for the
    duration (on Linux; elsewhere, and where Python lacks the cache reader, unchanged)."""
    # The first step of find_library on Linux; private, hence looked up with a default.
    read_cache: Any = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if not sys.platform.startswith("linux") or read_cache is None:
        yield
        return
    stock = ctypes.util.find_library
    ctypes.util.find_library = read_cache
    try:
        yield
    finally:
        ctypes.util.find_library = stock


def _import() -> ModuleType:
    if "weasyprint" in sys.modules:  # imported already (a test, a plugin): nothing to save
        return sys.modules["weasyprint"]
    with linker_cache_only():
        import weasyprint
    return weasyprint


weasyprint = _import()
