"""Built copy engines (and the packs they come from) kept between runs, so a cold start does not
rebuild them (issue 14).

Building a language's :class:`~smlint.text.engine.Engine` from loaded packs (lemma look-ups,
the compiled-phrase cache, every rule kind) is about 0.05 s of a 0.3 s check of one small file;
loading the same engine from a pickle is a tenth of that. What is kept is the engine *before*
anything is compiled with RE2 (RE2 programs cannot be pickled, nor carried between processes):
rules, pattern sources, dispatch tables. :class:`~smlint.text.matcher.TermIndex` compiles its
phrase scan again when loaded; patterns are compiled when first needed, as in any run.

The key names everything an engine is built from: smlint's version and the size and mtime of
every module of the package (a checkout that edits any of them never reads an old engine), the
language, the options that choose rules (packs, select, ignore, brands), the size and mtime of
every pack and concept file, and the lexicon's version. Only engines without a claims registry
are kept. The list of packs :func:`smlint.packs.load_packs` returns is kept the same way, keyed by
the package and the pack files (a user pack is kept once it has loaded, i.e. validated, cleanly).
Entries live beside the parse cache (:mod:`smlint.parsecache`: ``SMLINT_NO_CACHE=1``
turns both off); a missing, unreadable or corrupt entry just means building the engine again.
The entries are pickles, so the cache folder must be the user's own, as it is by default
(``~/.cache/smlint``): whoever can write there can run code as that user.
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
from functools import lru_cache
from pathlib import Path

from smlint import parsecache

_SUFFIX = ".engine.pickle"


@lru_cache(maxsize=1)
def package_stamp() -> str:
    """smlint's version and the size and mtime of every ``.py`` file of the package."""
    from smlint import __version__

    root = Path(__file__).resolve().parents[1]
    parts = [__version__]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                try:
                    st = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return "\0".join(parts)


def engine_key(language: str, options, files) -> str | None:
    """The key of the engine for ``language`` built from the pack and concept ``files`` under the
    rule-choosing ``options``; None when one of the files cannot be read or caching is off."""
    if not parsecache.enabled():
        return None
    from smlint.text.lemmas import _version

    # Not options.lang: it picks which language's engine a document uses, not what an engine holds.
    return _digest([package_stamp(), language, repr((options.packs, options.select, options.ignore, options.brands)),
                    _version()], files)


def packs_key(kind: str, files) -> str | None:
    """The key of the packs loaded from ``files`` (:func:`smlint.packs.load_packs`)."""
    if not parsecache.enabled():
        return None
    return _digest([package_stamp(), "packs", kind], files)


def _digest(parts: list[str], files) -> str | None:
    """The digest of ``parts`` and of each file's parse-cache key; None when a file cannot be read."""
    for path in files:
        key = parsecache.key(str(path))
        if key is None:
            return None
        parts.append(key)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


class _Pickler(pickle.Pickler):
    """Writes each of ``shared`` (the engine's rules, which the run has loaded already with its
    packs) as its index and id, so a kept engine shares them instead of carrying copies."""

    def __init__(self, file, shared) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._index = {id(obj): i for i, obj in enumerate(shared)}
        self._shared = shared

    def persistent_id(self, obj):
        i = self._index.get(id(obj))
        return None if i is None or self._shared[i] is not obj else ("shared", i, obj.id)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, shared) -> None:
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid):
        _, i, rule_id = pid
        if i >= len(self._shared) or self._shared[i].id != rule_id:
            raise pickle.UnpicklingError("the rules changed")  # cannot happen under the same key
        return self._shared[i]


def load(key: str | None, expected: type | None = None, shared=()):
    """What is kept under ``key`` (an engine unless ``expected`` says otherwise), or None.
    ``shared``: the objects :func:`save` was given as shared, in the same order."""
    if key is None or not parsecache.enabled():
        return None
    if expected is None:
        from smlint.text.engine import Engine as expected

    try:
        with open(parsecache.cache_dir() / f"{key}{_SUFFIX}", "rb") as file:
            found = _Unpickler(file, list(shared)).load()
    except Exception:  # noqa: BLE001 - missing, truncated or from another build: build it again
        return None
    return found if isinstance(found, expected) else None


def save(key: str | None, obj, shared=()) -> None:
    if key is None or not parsecache.enabled():
        return
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, list(shared)).dump(obj)
        parsecache.write_entry(f"{key}{_SUFFIX}", buffer.getvalue())
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        pass
