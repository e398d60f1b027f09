"""The small-document prefilter (smlint/text/literals.py, PatternSet._matching_small): the patterns
it reports for a document are exactly the ones the re2.Set prefilter reports, whatever the cache
holds; and the conditions it reads off a pattern are sound."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import re2

from smlint.linter import Linter, LintOptions
from smlint.text import enginecache, matcher
from smlint.text.literals import MARK, holds, required, searchable
from smlint.text.matcher import PatternSet, fold_pattern

ROOT = Path(__file__).resolve().parents[2]


def test_condition_of_a_phrase_pattern():
    cond = required(r"\bclinically\s+prov(?:en|ed)\b|\bguaranteed?\s+results\b")
    assert holds(cond, searchable("it is clinically proven"))
    assert holds(cond, searchable("guarantee results"))
    assert not holds(cond, searchable("clinically tested"))  # needs "clinically" and "prov…" together
    assert not holds(cond, searchable("proven results"))


@pytest.mark.parametrize("source, yes, no", [
    (r"\bnow\b", ["now!", "Order NOW", "now"], ["known", "nowhere", "snow day"]),
    (r"\b0(?:\.00)?\b", ["0 fees", "pay 0.00", "0"], ["50%", "10", "0x"]),
    (r"\bsav(?:e|ing)", ["save 50", "savings"], ["unsaved"]),  # the end is open: "savings" holds
    (r"\b(?:plans?|tier)\b\s+\bof\b", ["plan of", "tier of"], ["planet of", "frontier of"]),
    (r"\bhassle\-free\b", ["hassle-free"], ["hasslefree", "nohassle-free"]),
    (r"\$\d+\b", ["$5"], ["5"]),
])
def test_word_boundaries_are_required(source, yes, no):
    """``\\b`` is a mark in the condition and in the searchable text: a bounded word must occur
    as a word. Each ``yes`` text matches the pattern (so its condition must hold)."""
    cond = required(source)
    regex = re2.compile(source.encode("ascii"), matcher._SET_OPTIONS)
    for text in yes:
        assert regex.search(text.lower().encode("ascii")) is not None, text
        assert holds(cond, searchable(text)), text
    for text in no:
        assert not holds(cond, searchable(text)), text


def test_searchable_marks_every_boundary():
    assert searchable(b"Get 50% off, now!") == MARK.join(["", "get", " ", "50", "% ", "off", ", ", "now", "!"])
    assert searchable("") == ""


@pytest.mark.parametrize("source", [
    r"[[:alpha:]]+x",      # a POSIX class: Python would read it as literals
    r"\pL+",               # a Unicode class Python does not know
    r"a?",                 # can match the empty string anywhere
    r"(?:ab)*",
    r"[a-z]+\d",           # only classes: nothing to require
])
def test_unknown_or_unsafe_patterns_always_run(source):
    assert required(source) is None


def test_optional_parts_are_not_required():
    cond = required(r"\bfree(?:\s+of\s+charge)?\b")
    assert holds(cond, searchable("free"))
    assert not holds(cond, searchable("fre"))


def _texts(linter: Linter) -> list[str]:
    """Every example of every built-in rule, the example campaigns and some made-up edge text."""
    out = [ex for rule in linter.rules for key in ("bad", "good")
           for ex in (rule.examples or {}).get(key, ()) if isinstance(ex, str)]
    out += [p.read_text(encoding="utf-8") for lang in ("en", "es")
            for p in sorted((ROOT / "examples" / lang).glob("*"))
            if p.suffix in (".md", ".txt", ".html", ".csv")]
    out += ["", "GUARANTEED RESULTS!!!", "100% natural, 0 % risk", "¡Garantizado al 100 %!"]
    return out


@pytest.fixture(scope="module")
def linter():
    return Linter(LintOptions())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_small_path_finds_what_the_sets_find(linter, lang):
    """Both built-in languages, every trigger pattern, every example text: the same pattern ids."""
    patterns = linter.engine(lang)._patterns
    docs = [linter.read("t.md", text) for text in _texts(linter)]
    small = [patterns._matching_small(doc.shadow) for doc in docs]
    assert all(found is not None for found in small)
    assert sum(map(len, small)) > 100  # the texts do trigger rules
    patterns.build_sets()
    assert [patterns.matching(doc.shadow) for doc in docs] == small


def test_conditions_hold_wherever_the_pattern_matches(linter):
    """Soundness pattern by pattern: a pattern that matches a text implies its condition holds."""
    patterns = linter.engine("en")._patterns
    texts = _texts(linter)
    docs = [linter.read("t.md", t) for t in texts]
    required_of = patterns.literals()
    checked = 0
    for pid in sorted(patterns.prefiltered):
        regex = re2.compile(fold_pattern(patterns.sources[pid]).encode("ascii"), matcher._SET_OPTIONS)
        for doc in docs:
            if regex.search(doc.shadow) is not None:
                checked += 1
                assert holds(required_of[pid], searchable(doc.shadow)), pid
    assert checked > 50


def _prefilter_entry(tmp_path: Path) -> Path:
    entries = [p for p in tmp_path.glob("*.json")
               if isinstance(data := json.loads(p.read_text(encoding="utf-8")), list)
               and data and all(d is None or isinstance(d, list) and d[0] in ("s", "&", "|") for d in data)]
    assert len(entries) == 1
    return entries[0]


def _matching(text: str) -> tuple[frozenset, bool]:
    """The pattern ids a fresh English engine reports for ``text``, and whether it used the Sets.
    The engine is built, not loaded (a kept engine carries its literals: test_enginecache.py)."""
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(enginecache, "load", lambda key, expected=None, shared=(): None)
    try:
        engine = Linter(LintOptions(lang="en")).engine("en")
    finally:
        monkeypatch.undo()
    doc = Linter(LintOptions()).read("t.md", text)
    found = engine._patterns.matching(doc.shadow)
    return found, engine._patterns._sets is not None


TEXT = "Clinically proven to remove wrinkles. Results guaranteed or your money back."


def test_corrupt_literals_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    expected, used_sets = _matching(TEXT)
    assert expected and not used_sets
    entry = _prefilter_entry(tmp_path)
    entry.write_text("[not json", encoding="utf-8")
    assert _matching(TEXT) == (expected, False)  # recomputed, and written again
    assert isinstance(json.loads(entry.read_text(encoding="utf-8")), list)


def test_wrong_shaped_literals_entry_falls_back_to_the_sets(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    expected, _ = _matching(TEXT)
    entry = _prefilter_entry(tmp_path)
    length = len(json.loads(entry.read_text(encoding="utf-8")))
    entry.write_text(json.dumps([["?", 1]] * length), encoding="utf-8")
    assert _matching(TEXT) == (expected, True)


def test_unwritable_cache_uses_the_sets(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(blocker / "sub"))
    found, used_sets = _matching(TEXT)
    assert used_sets and found
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path / "ok"))
    assert _matching(TEXT) == (found, False)


def test_no_cache_env_uses_the_sets(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("SMLINT_NO_CACHE", "1")
    found, used_sets = _matching(TEXT)
    assert used_sets and found
    assert not list(tmp_path.iterdir())  # nothing written


def test_sets_take_over_past_the_small_budget(linter):
    patterns = PatternSet()
    pid = patterns.add(r"\bguaranteed\b")
    patterns.compile()
    small = b"results guaranteed " * 4
    assert patterns.matching(small) == {pid} and patterns._sets is None
    big = b"x" * matcher.SMALL_BYTES + b" guaranteed"
    assert patterns.matching(big) == {pid} and patterns._sets is not None


def test_required_reads_every_builtin_trigger(linter):
    """Most built-in triggers give a condition (otherwise the small path would run them all)."""
    patterns = linter.engine("en")._patterns
    conditions = patterns.literals()
    known = [pid for pid in patterns.prefiltered if conditions[pid] is not None]
    assert len(known) >= 0.9 * len(patterns.prefiltered)
