"""Language auto-detection (documented heuristic in smlint/text/lang.py and docs/usage.md)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.api import Linter, LintOptions
from smlint.text.document import Document
from smlint.text.lang import _EN, _ES, SAMPLE, detect
from smlint.text.normalize import fold


def test_english_and_spanish_detected():
    assert detect("Get the plan that fits your team and save time.") == "en"
    assert detect("Elegí el plan que mejor se adapta a tu equipo y ahorrá tiempo.") == "es"


def test_voseo_and_no_accents_still_spanish():
    assert detect("Si queres ahorrar, aprovecha ya: tenes todo para ganar con nosotros") == "es"


def test_spanish_punctuation_counts():
    assert detect("¿Listo? ¡Ya!") == "es"


def test_no_signal_defaults_to_english():
    assert detect("12345 !!!") == "en"


def test_packs_apply_to_their_language(write_pack):
    def pack(lang, phrase):
        return write_pack(f"""\
            pack: p{lang}
            language: {lang}
            kind: copy
            owner: marketing
            description: d
            rules:
              - id: r
                kind: phrase
                severity: error
                phrases: [{phrase}]
                message: m
                description: d
                why: w
                examples: {{bad: ["{phrase}"], good: ["x"]}}
            """, name=f"{lang}.yaml")
    linter = Linter(LintOptions(packs=(str(pack("en", "gratis")), str(pack("es", "gratis")))))
    es = Document.plain("a.txt", "Todo es gratis para vos y tu equipo.")
    en = Document.plain("b.txt", "All of this is gratis for you and your team.")
    assert [f.rule for f in linter.check_document(es)] == ["pes/r"]
    assert [f.rule for f in linter.check_document(en)] == ["pen/r"]


# The definition of a marker word the counting must keep (issue 14 replaced this regex, which
# tried every alternative at every character, by splitting the folded sample into words).
_MARKERS = re.compile(r"\b(?:" + "|".join(sorted((_EN - _ES) | _ES, key=len, reverse=True)) + r")\b")


def _by_regex(text: str) -> str:
    sample = text[:SAMPLE]
    words = _MARKERS.findall(fold(sample))
    en = sum(1 for w in words if w in _EN - _ES)
    es = len(words) - en + 2 * sum(sample.count(ch) for ch in "ñÑ¿¡")
    return "es" if es > en else "en"


_PIECES = ["the", "THE", "The", "de", "la", "y", "más", "MÁS", "vos", "vós", "ñ", "¿", "¡", "İ", "é", "_",
           "1", "the_", "_la", "la1", "ｔｈｅ", "\u00a0", " ", "  ", "\n", ".", ",", "'", "-", "€", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_word_counting_agrees_with_the_marker_regex(pieces):
    text = "".join(pieces)
    assert detect(text) == _by_regex(text)


def test_only_the_sample_counts():
    spanish_tail = "x" * (5_000 - 4) + " the" + " la y de que el" * 50
    assert detect(spanish_tail) == _by_regex(spanish_tail) == "en"
