"""Lemmas: a word written once in a pack (``~garantizar``, ``~guarantee``) matches its inflections.

The forms come from simplemma's per-language dictionaries (form → lemma: 820,000 Spanish and
English forms, voseo included; MIT licence, maintained, offline), inverted for the lemmas the
packs ask for. Expansion happens when packs compile, so a run is still one linear-time scan
over an alternation of plain words.

Inverting a dictionary costs about a second per language, so the answers are kept in the parse
cache (:mod:`smlint.parsecache`) under simplemma's version: a warm start reads one small JSON
file. The cache can never change a result, only skip the look-up.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache

from smlint import parsecache
from smlint.text.normalize import fold

LEXICON_LANGUAGES = ("en", "es")

# Regular comparison endings: ``fast`` → ``faster`` / ``fastest``, ``easy`` → ``easier`` / ``easiest``,
# ``big`` → ``bigger`` / ``biggest``. A form counts only when the lexicon says its lemma is the base.
_DEGREE_ENDINGS = {"comparative": "er", "superlative": "est"}


@lru_cache(maxsize=1)
def _version() -> str:
    """simplemma's version (part of every cache key that depends on the lexicon), from the name of
    its ``simplemma-X.Y.Z.dist-info`` folder next to the package when there is exactly one: what
    ``importlib.metadata`` answers, without importing it and the email parser behind it (a tenth
    of a cold start, issue 14). Anything else (an egg, a zip) asks importlib.metadata."""
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(os.path.join(folder, "simplemma", "__init__.py")):
            try:
                found = [n for n in os.listdir(folder) if n.startswith("simplemma-") and n.endswith(".dist-info")]
            except OSError:
                break
            if len(found) == 1:
                return found[0][len("simplemma-"):-len(".dist-info")]
            break
    from importlib import metadata

    try:
        return metadata.version("simplemma")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of smlint
        return "missing"


class Lexicon:
    """The forms of the lemmas one language's packs use, from the cache or from simplemma."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._key = parsecache.text_key(f"lemmas\0{lang}\0{_version()}")
        self._known: dict[str, list[str]] = parsecache.get(self._key) or {}
        self._dirty = False

    def forms(self, lemma: str) -> tuple[str, ...]:
        """The folded forms of ``lemma`` (the lemma itself included), sorted."""
        return self.expand([lemma])[fold(lemma)]

    def expand(self, lemmas) -> dict[str, tuple[str, ...]]:
        """Forms for many lemmas at once: one pass over the dictionary for all the new ones."""
        wanted = {fold(w) for w in lemmas}
        self.prepare(wanted)
        return {w: tuple(self._known[w]) for w in wanted}

    def degree(self, which: str) -> tuple[str, ...]:
        """Every regular comparative or superlative the lexicon knows (English -er / -est,
        Spanish -ísimo): the forms a ``lexicon: superlatives`` concept stands for."""
        self.prepare((), (which,))
        return tuple(self._known[f"={which}"])

    def prepare(self, lemmas=(), degrees=()) -> None:
        """Look up everything not cached yet in ONE pass over the dictionary (about a second)."""
        new = {fold(w) for w in lemmas} - self._known.keys()
        new_degrees = [d for d in degrees if f"={d}" not in self._known]
        if not new and not new_degrees:
            return
        found, classes = _scan(self.lang, new, new_degrees)
        for lemma in new:
            self._known[lemma] = sorted(found.get(lemma, set()) | {lemma})
        for which in new_degrees:
            self._known[f"={which}"] = sorted(classes[which])
        self._dirty = True

    def save(self) -> None:
        if self._dirty:
            parsecache.put(self._key, self._known)
            self._dirty = False


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    return Lexicon(lang)


def _dictionary(lang: str):
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    return DefaultDictionaryFactory(cache_max_size=1).get_dictionary(lang)


def _scan(lang: str, lemmas: set[str], degrees) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """{lemma: forms} for the lemmas asked and {degree: forms} for the word classes asked, folded."""
    found: dict[str, set[str]] = {}
    classes: dict[str, set[str]] = {d: set() for d in degrees}
    if lang not in LEXICON_LANGUAGES:
        return found, classes
    for form, lemma in _dictionary(lang).items():
        base = fold(lemma)
        if base in lemmas:
            found.setdefault(base, set()).add(fold(form))
        if classes:
            f = fold(form)
            for which in classes:
                if f != base and f.isalpha() and base.isalpha() and _is_class(lang, f, base, which):
                    classes[which].add(f)
    return found, classes


def _is_class(lang: str, form: str, base: str, which: str) -> bool:
    if lang == "en":
        return _is_degree(form, base, _DEGREE_ENDINGS[which])
    return which == "superlative" and form.endswith(("isimo", "isima", "isimos", "isimas"))


def _is_degree(form: str, base: str, ending: str) -> bool:
    """``fast``+``est``, ``large``+``st``, ``easy``→``easiest``, ``big``→``biggest``."""
    if len(base) < 3:
        return False
    candidates = {base + ending, base + ending[1:] if base.endswith("e") else base + ending,
                  base[:-1] + "i" + ending if base.endswith("y") else "", base + base[-1] + ending}
    return form in candidates
