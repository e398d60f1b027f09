"""Concepts (smlint/text/concepts.py) and lemmas (smlint/text/lemmas.py): defined once, used by any rule."""
from __future__ import annotations

import pytest

from smlint.errors import PackError
from smlint.linter import Linter, LintOptions
from smlint.packs import builtin_pack_files, load_pack
from smlint.ruletest import run_concept_examples
from smlint.text.concepts import ConceptStore, Vocabulary, concept_from
from smlint.text.lemmas import lexicon
from tests.conftest import PACK_HEAD

PACK = PACK_HEAD + """\
concepts:
  exit-way:
    description: a way out
    name: how to leave
    phrases: ["~cancel", "{reader} can leave"]
    examples: {bad: ["cancelled"], good: ["council"]}
rules:
  - id: trial
    kind: requires
    severity: warning
    trigger: "free trial"
    disclosure: "{exit-way}"
    scope: sentence
    message: "'{match}' without {missing}"
    description: d
    why: w
    examples: {bad: ["Free trial!"], good: ["Free trial, cancel any time."]}
"""


def test_lexicon_gives_inflections_in_both_languages():
    assert {"guaranteed", "guarantees", "guaranteeing"} <= set(lexicon("en").forms("guarantee"))
    forms = set(lexicon("es").forms("garantizar"))
    assert {"garantizamos", "garantizado", "garantiza", "garantizas"} <= forms
    assert "garantizas" in forms and "garantiza" in forms  # voseo "garantizás" folds to "garantizas"


def test_lexicon_word_classes():
    superlatives = set(lexicon("en").degree("superlative"))
    assert {"fastest", "cheapest", "easiest", "biggest"} <= superlatives
    assert not {"honest", "interest", "forest"} & superlatives
    assert "buenisimo" in lexicon("es").degree("superlative")


def test_a_pack_concept_is_used_by_its_rules_and_names_the_missing_disclosure(write_pack):
    pack = load_pack(write_pack(PACK), strict=True)
    linter = Linter(LintOptions(lang="en"), packs=[pack])
    (f,) = linter.lint_text("Start your free trial today.")
    assert f.message == "'free trial' without how to leave"
    assert linter.lint_text("Start your free trial; it is canceled with one click.") == []
    assert linter.lint_text("Start your free trial and you can leave whenever.") == []


def test_unknown_concept_is_a_pack_error_with_its_line(write_pack):
    with pytest.raises(PackError) as err:
        load_pack(write_pack(PACK.replace("{exit-way}", "{exit-wya}")), strict=True)
    assert err.value.line == 17 and err.value.field == "rules[0].disclosure"
    assert "unknown concept {exit-wya} (did you mean {exit-way}" in err.value.message


def test_concept_cycle_is_reported():
    a = concept_from("a", {"description": "a", "phrases": ["x {b}"]}, "en", "f.yaml:1")
    b = concept_from("b", {"description": "b", "phrases": ["y {a}"]}, "en", "f.yaml:5")
    with pytest.raises(PackError, match="cycle: a -> b -> a"):
        Vocabulary("en", {"a": [a], "b": [b]}).regex("a")


def test_any_language_concepts_match_every_language():
    store = ConceptStore.builtin()
    both = store.vocabulary("any").regex("negation")
    assert store.vocabulary("en").regex("negation") in both


def test_brands_fill_the_brand_concept():
    from smlint.text.matcher import compile_pattern
    from smlint.text.normalize import fold

    vocab = ConceptStore.builtin(brands=("Acme (Pro)",)).vocabulary("en")
    rx = compile_pattern(vocab.regex("advertiser"))
    assert rx.search(fold("Acme (Pro) is here").encode()) and not rx.search(b"the acme")
    assert not compile_pattern(ConceptStore.builtin().vocabulary("en").regex("brand")).search(b"acme")


@pytest.mark.parametrize("path", builtin_pack_files("concepts"), ids=lambda p: p.parent.name)
def test_builtin_concepts_are_valid_and_their_examples_pass(path):
    pack = load_pack(path, strict=True)
    store = ConceptStore.builtin()
    outcomes = run_concept_examples(store, list(pack.concepts.values()))
    failures = [o for o in outcomes if not o.ok]
    assert outcomes and not failures, "\n".join(f"{o.rule} {o.which} {o.example!r}: {o.problem}" for o in failures)


def test_compiled_phrases_are_cached_and_the_cache_never_changes_a_result(tmp_path, monkeypatch):
    """The second engine build reads what the phrases compiled to; a cache entry that was tampered
    with is under another key than the definitions it came from, so it is never used for them."""
    from smlint import parsecache
    from smlint.text.engine import Engine
    from smlint.packs import load_packs

    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    rules = [r for p in load_packs(["en/pricing"]) for r in p.rules]
    first = Engine(rules, ConceptStore.builtin())
    cached = list(tmp_path.glob("*.json"))
    assert cached, "the compile cache was written"
    second = Engine(rules, ConceptStore.builtin())
    assert second._patterns.sources == first._patterns.sources
    other = ConceptStore.builtin(brands=("Acme",))  # other inputs, other cache entry
    assert other.compiled("en")._key != ConceptStore.builtin().compiled("en")._key
    assert parsecache.get(ConceptStore.builtin().compiled("en")._key)
