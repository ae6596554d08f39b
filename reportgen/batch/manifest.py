"""What is up to date: a fingerprint of everything that shapes an output, and a
manifest of what each input rendered, checked before anything is read or rendered."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import json
import os
import re
import stat as stat_module
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ReportgenError
from ..resources import FONTS_DIR, LOCALES_DIR, PACKAGE_DIR, TEMPLATES_DIR
from ..write import atomic_write
from .options import BatchOptions

MANIFEST_NAME = ".reportgen-manifest.json"
MANIFEST_VERSION = 1

# Everything besides the input and the options that shapes an output. The package's own
# Python files are hashed too, so that a code change in a source checkout (same version
# number) still re-renders. Tests point this at a copy of the templates.
FINGERPRINT_ROOTS: tuple[Path, ...] = (TEMPLATES_DIR, LOCALES_DIR, FONTS_DIR, PACKAGE_DIR)
FINGERPRINT_SKIP_SUFFIXES = (".pyc", ".pyo")
FINGERPRINT_DISTRIBUTIONS = ("weasyprint", "jinja2", "babel", "pydyf", "fonttools")


def iter_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and not f.endswith(FINGERPRINT_SKIP_SUFFIXES):
                yield Path(folder) / f


# A file of a fingerprinted folder is hashed whole up to this size (the largest, a font,
# is a few MB); beyond it, by size and modification time.
MAX_HASHED_BYTES = 64 * 1024 * 1024


def file_digest(path: Path, root: Path) -> bytes:
    """What a fingerprint records of one file, never hanging and never leaving the folder:
    a regular file's content (or its size and time, if huge); for a link out of the
    folder, a pipe, a device or a socket, only what it is (rendering refuses those)."""
    try:
        real = os.path.realpath(path)
        if os.path.commonpath([real, os.path.realpath(root)]) != os.path.realpath(root):
            return b"link out of the folder"
        st = os.stat(real)
        if not stat_module.S_ISREG(st.st_mode):
            return f"special {stat_module.S_IFMT(st.st_mode):o}".encode()
        if st.st_size > MAX_HASHED_BYTES:
            return f"large {st.st_size} {st.st_mtime_ns}".encode()
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            if not stat_module.S_ISREG(os.fstat(fd).st_mode):
                return b"special"
            h = hashlib.sha256()
            read = 0
            while read <= MAX_HASHED_BYTES:
                chunk = os.read(fd, 1024 * 1024)
                if not chunk:
                    break
                h.update(chunk)
                read += len(chunk)
            return h.digest()
        finally:
            os.close(fd)
    except (OSError, ValueError) as exc:
        return f"unreadable {type(exc).__name__}".encode()


# The names WeasyPrint 70 tries for its libraries (weasyprint/text/ffi.py, _dlopen); cffi
# loads a bare name as given, else through ctypes.util.find_library.
_HARFBUZZ_NAMES = (
    "libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0", "libharfbuzz.0.dylib",
    "libharfbuzz-0.dll",
)  # fmt: skip
_HARFBUZZ_SUBSET_NAMES = (
    "libharfbuzz-subset-0", "harfbuzz-subset", "harfbuzz-subset-0.0", "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll",
)  # fmt: skip


def _load_library(names: tuple[str, ...]) -> ctypes.CDLL | None:
    for name in names:
        for candidate in (name, ctypes.util.find_library(name)):
            if candidate:
                try:
                    return ctypes.CDLL(candidate)
                except OSError:
                    continue
    return None


@functools.cache
def font_subsetter() -> str:
    """Which subsetter WeasyPrint embeds fonts with: the same PDF differs by it.

    WeasyPrint 70 (weasyprint/pdf/fonts.py, Font.subset) uses HarfBuzz-Subset when the
    library loads and HarfBuzz is at least 4.1.0, else fontTools. Its decision is
    repeated here without importing WeasyPrint (a run with nothing to do must not):
    "harfbuzz-subset <version>" or "fonttools" (whose version the fingerprint has)."""
    if _load_library(_HARFBUZZ_SUBSET_NAMES) is None:
        return "fonttools"
    harfbuzz = _load_library(_HARFBUZZ_NAMES)
    if harfbuzz is None:
        return "fonttools"
    try:
        harfbuzz.hb_version_atleast.restype = ctypes.c_int
        if not harfbuzz.hb_version_atleast(4, 1, 0):
            return "fonttools"
        harfbuzz.hb_version_string.restype = ctypes.c_char_p
        version = (harfbuzz.hb_version_string() or b"?").decode("ascii", "replace")
    except AttributeError:
        return "fonttools"
    return f"harfbuzz-subset {version}"


def fingerprint(options: BatchOptions, roots: tuple[Path, ...] | None = None) -> str:
    """A hash of everything but the input that shapes an output."""
    h = hashlib.sha256()
    h.update(f"reportgen {__version__}\n".encode())
    for dist in FINGERPRINT_DISTRIBUTIONS:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{dist} {version}\n".encode())
    h.update(f"font subsetter {font_subsetter()}\n".encode())
    h.update(json.dumps(options.shaping(), sort_keys=True).encode() + b"\n")
    seen: set[Path] = set()
    if roots is None:
        from ..sections import sections

        roots = FINGERPRINT_ROOTS
        if options.styling.templates_dir:
            roots += (Path(options.styling.templates_dir),)
        # Sections from other packages: their code, templates and catalogs.
        for section in sections():
            roots += tuple(d for d in (section.templates_dir, section.locales_dir) if d is not None)
    for root in roots:
        for path in iter_files(root):
            real = Path(os.path.realpath(path))
            if real in seen:  # the fonts live inside the package folder
                continue
            seen.add(real)
            h.update(f"{path.relative_to(root).as_posix()}\0".encode())
            h.update(file_digest(path, root))
    return h.hexdigest()


# An entry keeps its client's score output (about 9 kB): 64 MB held about 7,000 clients,
# and a larger manifest read as none, so a folder of 10,000 was rendered again on every
# run. 512 MB holds about 55,000; what is read is still bounded.
MAX_MANIFEST_BYTES = 512 * 1024 * 1024


def load_manifest(out_dir: Path) -> dict[str, dict[str, Any]]:
    """The well-formed entries of the manifest. An unreadable manifest means nothing is
    known, and any entry that is not exactly what a run writes (a field missing or of the
    wrong type, an unknown band or language, a path leaving the folder) is dropped: its
    input is rendered again, as if the entry had never been written."""
    from ..read.inputs import read_limited

    try:
        data = json.loads(read_limited(out_dir / MANIFEST_NAME, MAX_MANIFEST_BYTES, "manifests"))
    except (ReportgenError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("manifest") != MANIFEST_VERSION:
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {rel: e for rel, e in entries.items() if isinstance(rel, str) and valid_entry(e)}


_HEX64 = re.compile(r"[0-9a-f]{64}\Z")


def valid_entry(entry: Any) -> bool:
    """Whether a manifest entry has the shape run_batch writes."""
    from ..pipeline import FORMATS, LANG_CHOICES
    from ..sections import sections

    if not isinstance(entry, dict):
        return False
    if not all(
        isinstance(entry.get(k), str) and _HEX64.match(entry[k])
        for k in ("input_sha256", "fingerprint")
    ):
        return False
    summary, outputs = entry.get("summary"), entry.get("outputs")
    if not isinstance(summary, dict) or not isinstance(outputs, list) or not outputs:
        return False
    if not isinstance(summary.get("client"), str):
        return False
    # A summary from before the industry was kept (no key) is rendered again.
    industry, words = summary.get("industry", ()), summary.get("industry_text", {})
    if not (industry is None or isinstance(industry, str)) or not isinstance(words, dict):
        return False
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in words.items()):
        return False
    if not all(section.headline_valid(summary) for section in sections()):
        return False
    for out in outputs:
        if not isinstance(out, dict):
            return False
        path, lang, fmt = out.get("path"), out.get("lang"), out.get("format")
        if not isinstance(path, str) or not path or path.startswith("/") or ".." in path.split("/"):
            return False
        if lang not in LANG_CHOICES or fmt not in FORMATS:
            return False
        if not all(type(out.get(k)) is int for k in ("size", "mtime_ns")):
            return False
    return True


def save_manifest(out_dir: Path, entries: dict[str, dict[str, Any]]) -> None:
    data = {"manifest": MANIFEST_VERSION, "entries": dict(sorted(entries.items()))}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    atomic_write(out_dir / MANIFEST_NAME, text.encode("utf-8"))


def stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def is_up_to_date(entry: Any, sha: str, fp: str, out_dir: Path) -> bool:
    """The input and everything else are unchanged and every output is the one recorded.

    Size and modification time catch an output replaced or removed since it was written
    (a killed run, a hand edit): such an input is rendered again.
    """
    if not isinstance(entry, dict):
        return False
    if entry.get("input_sha256") != sha or entry.get("fingerprint") != fp:
        return False
    outputs = entry.get("outputs")
    if not isinstance(outputs, list) or not outputs or not isinstance(entry.get("summary"), dict):
        return False
    for out in outputs:
        if not isinstance(out, dict) or not isinstance(out.get("path"), str):
            return False
        if stat(out_dir / out["path"]) != (out.get("size"), out.get("mtime_ns")):
            return False
    return True
