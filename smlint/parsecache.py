"""A cache of parsed built-in packs, so a cold start on one small file stays well under 0.15 s.

Entries are JSON files in ``$SMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/smlint``, else
``~/.cache/smlint``, named after smlint's version, the pack file's path, size and mtime, and those of the modules that
compile packs — an edited or upgraded pack, or an edited compiler in a development checkout, never
reads a stale entry. Only built-in packs are cached (user
packs are validated with line marks every time). Any problem (a read-only home, a corrupt
entry) just means parsing the YAML again: the cache can never change a result.
``SMLINT_NO_CACHE=1`` turns it off (nothing read, nothing written).
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from smlint import __version__

# The modules whose code decides what a cached entry holds (the phrase and concept compilers, the
# pack loader): a checkout that edits them without a version bump must not read old entries.
_COMPILER = ("packs.py", "text/phrases.py", "text/concepts.py", "text/lemmas.py")


def cache_dir() -> Path:
    if os.environ.get("SMLINT_CACHE_DIR"):
        return Path(os.environ["SMLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "smlint"


def enabled() -> bool:
    """False when ``SMLINT_NO_CACHE`` is set to anything but empty or ``0``."""
    return os.environ.get("SMLINT_NO_CACHE", "") in ("", "0")


def key(path: str) -> str | None:
    """The cache key of a file as it is now, or None if it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    raw = f"{_code_stamp()}\0{os.path.abspath(path)}\0{st.st_size}\0{st.st_mtime_ns}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def text_key(text: str) -> str:
    """The cache key of something other than a file (lemma forms under a lexicon version)."""
    return hashlib.sha256(f"{_code_stamp()}\0{text}".encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """smlint's version and the size and mtime of the compiler modules (four stat calls, once)."""
    here = Path(__file__).resolve().parent
    parts = [__version__]
    for name in _COMPILER:
        try:
            st = os.stat(here / name)
            parts.append(f"{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append("-")
    return "\0".join(parts)


def get(key: str | None):
    if key is None or not enabled():
        return None
    try:
        return json.loads((cache_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def writable() -> bool:
    """True if entries can be written (so something costly to compute is worth computing once)."""
    if not enabled():
        return False
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def put(key: str | None, data) -> None:
    if key is None or not enabled():
        return
    try:
        write_entry(f"{key}.json", json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass


def write_entry(name: str, data: bytes) -> None:
    """Write the cache entry ``name`` through a temporary file and a rename, so parallel runs never
    read half a file (the engine cache writes its pickles here too). OSError is the caller's."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{name}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, folder / name)
