"""Language auto-detection (documented heuristic in smlint/text/lang.py and docs/usage.md)."""
from __future__ import annotations

from smlint.api import Linter, LintOptions
from smlint.text.document import Document
from smlint.text.lang import detect


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
