"""The shipped packs are written in the rule language, not regex soup (STYLE.md, "six things we
don't do", no. 6; issue 11): short patterns, lemmas the lexicon knows, one scan that agrees with
every pattern on its own."""
from __future__ import annotations



import pytest

from smlint.packs import builtin_pack_files, load_pack
from smlint.registry.rules import pack_file
from smlint.text.concepts import _LEMMA, _strings
from smlint.text.lemmas import lexicon

MAX_PATTERN = 200
FILES = builtin_pack_files("copy") + builtin_pack_files("concepts") + [pack_file()]


def _patterns(value, path=()):
    """(field path, pattern) for every ``pattern:`` in a pack's data."""
    if isinstance(value, dict):
        for key, v in value.items():
            if key == "pattern" and isinstance(v, str):
                yield path + (key,), v
            else:
                yield from _patterns(v, path + (key,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _patterns(v, path + (i,))


def _data(path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_pattern_longer_than_200_characters(path):
    long = [(p, len(v)) for p, v in _patterns(_data(path)) if len(v) > MAX_PATTERN]
    assert not long, f"patterns over {MAX_PATTERN} characters (name the idea as a concept): {long}"


@pytest.fixture(scope="module")
def all_lemmas_looked_up():
    """One pass over each language's dictionary for every lemma of every shipped pack."""
    from smlint.text.concepts import ConceptStore

    store = ConceptStore.builtin()
    store.prepare([r for path in FILES for r in load_pack(path).rules])


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_lemma_is_known_to_the_lexicon(path, all_lemmas_looked_up):
    pack = load_pack(path)
    langs = ("en", "es") if pack.language == "any" else (pack.language,)
    texts = list(_strings([r.spec for r in pack.rules])) + [p for c in pack.concepts.values() for p in c.phrases]
    unknown = sorted({m.group(1) for t in texts for m in _LEMMA.finditer(t)
                      if all(len(lexicon(lang).forms(m.group(1))) < 2 for lang in langs)})
    assert not unknown, f"~lemmas with no inflections in the lexicon (a typo, or write the forms out): {unknown}"


def test_the_one_scan_finds_what_each_pattern_finds():
    """The prefilter Sets must never miss a trigger that matches on its own (a Set whose automaton
    ran out of memory would answer "nothing" silently): checked on every rule's examples, one
    document per rule, and on all of a language's examples as one long document."""
    from smlint.linter import Linter, LintOptions
    from smlint.text.normalize import shadow

    linter = Linter(LintOptions())
    for lang in ("en", "es"):
        engine = linter.engine(lang)
        patterns = engine._patterns
        docs = ["\n\n".join(t for which in ("bad", "good") for t in r.examples.get(which, ())) for r in engine.rules]
        for text in docs + ["\n\n".join(docs)]:
            folded = shadow(text)
            found = patterns.matching(folded)
            alone = {pid for pid in patterns.prefiltered if patterns.spans(pid, folded)}
            assert alone <= found, (text[:200], sorted(alone - found))


def test_lemma_pattern_reads_lemmas():
    assert [m.group(1) for m in _LEMMA.finditer("~cancel (it|~stop) {x} ~darse")] == ["cancel", "stop", "darse"]
