"""The phrase language (smlint/text/phrases.py): lemmas, concepts, groups, optional words, gaps."""
from __future__ import annotations

import pytest
import re2

from smlint.text.normalize import fold
from smlint.text.phrases import PhraseError, Resolver, compile_phrase, is_plain

RESOLVE = Resolver(concept=lambda name: {"money": r"\x01\s?\d+", "n": r"\b\d+"}[name],
                   forms=lambda w: {"cancel": ("cancel", "cancels", "cancelled", "cancelling")}.get(w, (w,)))


def spans(phrase: str, text: str) -> list[str]:
    rx = re2.compile(compile_phrase(phrase, RESOLVE).encode("ascii"))
    shadow = fold(text)
    return [shadow[m.start():m.end()] for m in rx.finditer(shadow.encode("ascii"))]


@pytest.mark.parametrize("phrase, text, found", [
    ("~cancel online", "You cancelled online. Cancels online too.", ["cancelled online", "cancels online"]),
    ("free delivery (on|for) {money}", "Free delivery on €50 and for €9", ["free delivery on \x0150"]),
    ("the? best", "The best, best", ["the best", "best"]),
    ("best (deal|price)?", "best price", ["best price"]),
    ("~cancel … online", "cancel it easily online; cancel from then on online",
     ["cancel it easily online", "cancel from then on online"]),
    ("stop …1 paying", "stop it now paying", []),
    ("a year … guaranteed", "a year, guaranteed; a year; guaranteed", ["a year, guaranteed"]),
    ("start … trial", "start from $9\n\x1e Trial: 30 days; start a trial", ["start a trial"]),  # a list item ends
    ("{n}x faster", "3x faster, 3 x faster", ["3x faster"]),
    ("garantizad*", "Garantizadas y garantía", ["garantizadas"]),
    ("\\(1\\)", "see (1)", ["(1)"]),
    ("risk free", "risk\nfree and risky free", ["risk\nfree"]),
])
def test_phrase_matches(phrase, text, found):
    assert spans(phrase, text) == found


def test_whole_words_only():
    assert spans("~cancel", "cancellation uncancel") == []


@pytest.mark.parametrize("phrase, message", [
    ("the?", "needs at least one word that is not optional"),
    ("(a|b", "'(' without ')'"),
    ("a … ", "a gap (…) must stand between two words"),
    ("a …9 b", "a gap spans 1 to 8 words, not 9"),
    ("ric[oa]", "is not phrase syntax; write the forms as"),
    ("{Money}", "is not a concept name"),
    ("~ x", "'~' must be followed by a lemma"),
    ("a | ?", "needs at least one word that is not optional"),
])
def test_bad_phrases_say_why(phrase, message):
    with pytest.raises(PhraseError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        compile_phrase(phrase, RESOLVE)


def test_plain_phrases_go_to_the_literal_index():
    assert is_plain("risk-free") and is_plain("garantizad*")
    assert not is_plain("~cancel") and not is_plain("{money}") and not is_plain("a … b")
    assert not is_plain("the? best") and not is_plain("(a|b)")


def test_a_question_mark_after_a_space_makes_the_space_optional():
    assert spans("cancel any ?time", "cancel anytime or cancel any time") == ["cancel anytime", "cancel any time"]
    assert spans("{n} ?%", "30% and 30 %") == ["30%", "30 %"]


def test_glued_groups_and_skipped_optionals_keep_the_right_boundaries():
    assert spans("{n}(st|nd)", "the 31st and 2nd") == ["31st", "2nd"]
    assert spans("a \\(?{money}", "a €2 and a (€3") == ["a \x012", "a (\x013"]
    assert spans("(pre|ex)-vat", "pre-VAT, ex-vat") == ["pre-vat", "ex-vat"]


def test_punctuation_after_a_skipped_optional_attaches_to_the_word_before():
    assert spans("fee (of x)?:? {n}", "fee: 5 and fee of x: 6 and fee 7") == ["fee: 5", "fee of x: 6", "fee 7"]
