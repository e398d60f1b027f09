"""Engines and packs kept between runs (smlint/text/enginecache.py): a kept engine finds exactly
what a freshly built one finds, and nothing stale, corrupt or registry-bound is ever used."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from smlint import packs as packs_module
from smlint.linter import Linter, LintOptions
from smlint.text import enginecache
from smlint.text.engine import Engine
from tests.conftest import PACK_HEAD

ROOT = Path(__file__).resolve().parents[2]

RULE = """\
rules:
  - id: word
    kind: phrase
    severity: warning
    phrases: ["{word}"]
    message: "'{{match}}'"
    description: A word.
    why: Testing.
    examples:
      bad: ["{word}"]
      good: ["nothing"]
"""


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.engine.pickle"))


def _texts(linter: Linter) -> list[str]:
    out = [ex for rule in linter.rules for key in ("bad", "good")
           for ex in (rule.examples or {}).get(key, ()) if isinstance(ex, str)]
    out += [p.read_text(encoding="utf-8") for lang in ("en", "es")
            for p in sorted((ROOT / "examples" / lang).glob("*.md"))]
    return out


def _new_process() -> None:
    """What a new run starts from: no pack parsed yet in this process."""
    packs_module._load_pack_cached.cache_clear()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_kept_engine_finds_what_a_built_one_finds(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    built = Linter(LintOptions())
    engine = built.engine(lang)
    assert _entries(tmp_path)  # the packs and the engine were kept
    kept = Linter(LintOptions())
    loaded = kept.engine(lang)
    assert isinstance(loaded, Engine) and loaded is not engine
    assert isinstance(loaded._patterns._required, dict)  # the prefilter's literals came with it
    assert all(a is b for a, b in zip(loaded.rules, [r for r in kept.rules if r.language in (lang, "any")]))
    assert len(loaded.rules) > 50  # the engine shares the run's Rule objects, it carries no copies
    assert not loaded._patterns._compiled and loaded._patterns._sets is None
    texts = _texts(built)
    assert len(texts) > 400
    found_built = [engine.check(built.read("t.md", t)) for t in texts]
    found_kept = [loaded.check(kept.read("t.md", t)) for t in texts]
    assert found_kept == found_built
    assert sum(map(len, found_built)) > 200


def test_an_edited_pack_is_never_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "p.yaml"
    pack.write_text(PACK_HEAD + RULE.format(word="alpha"), encoding="utf-8")

    def matches(text: str) -> list[str]:
        _new_process()
        return [f.match for f in Linter(LintOptions(packs=(str(pack),))).lint_text(text, lang="en")]

    assert matches("alpha and omega") == ["alpha"]
    assert matches("alpha and omega") == ["alpha"]  # from the cache this time
    pack.write_text(PACK_HEAD + RULE.format(word="omega"), encoding="utf-8")
    os.utime(pack, ns=(pack.stat().st_atime_ns, pack.stat().st_mtime_ns + 10**9))
    assert matches("alpha and omega") == ["omega"]


def test_options_that_choose_rules_are_part_of_the_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    text = "Results guaranteed, or your money back."
    everything = {f.rule for f in Linter(LintOptions()).lint_text(text, lang="en")}
    assert len(everything) >= 2
    keep = sorted(everything)[0]
    assert {f.rule for f in Linter(LintOptions(select=(keep,))).lint_text(text, lang="en")} == {keep}
    assert {f.rule for f in Linter(LintOptions()).lint_text(text, lang="en")} == everything


def test_a_corrupt_entry_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    text = "Results guaranteed, or your money back."
    expected = Linter(LintOptions()).lint_text(text, lang="en")
    for entry in _entries(tmp_path):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    assert Linter(LintOptions()).lint_text(text, lang="en") == expected
    for entry in _entries(tmp_path):
        entry.write_bytes(b"not a pickle")
    assert Linter(LintOptions()).lint_text(text, lang="en") == expected


def test_no_cache_env_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("SMLINT_NO_CACHE", "1")
    assert Linter(LintOptions()).lint_text("Results guaranteed.", lang="en")
    assert not _entries(tmp_path)


def test_engines_with_a_registry_or_given_packs_are_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    registry = ROOT / "examples" / "registry" / "claims.yaml"
    assert Linter(LintOptions(registry=str(registry)))._engine_key("en") is None
    given = Linter(LintOptions(), packs=packs_module.load_packs())
    assert given._engine_key("en") is None
    assert Linter(LintOptions())._engine_key("en") is not None


def test_the_key_names_every_module_of_the_package_and_the_language():
    stamp = enginecache.package_stamp()
    assert "text/engine.py:" in stamp and "packs.py:" in stamp and "text/kinds/requires.py:" in stamp
    assert enginecache.engine_key("en", LintOptions(), []) != enginecache.engine_key("es", LintOptions(), [])


def test_a_kept_engine_whose_rules_differ_is_not_used(tmp_path, monkeypatch):
    """The key makes it impossible; the shared rules are checked by id all the same."""
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    linter = Linter(LintOptions())
    rules = [r for r in linter.rules if r.language in ("en", "any")]
    key = linter._engine_key("en")
    linter.engine("en")
    assert enginecache.load(key, shared=rules) is not None
    assert enginecache.load(key, shared=rules[1:]) is None
    assert enginecache.load(key, shared=()) is None
