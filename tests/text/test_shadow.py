"""The folded shadow is made character by character, so the shadow of a prefix is the prefix of
the shadow: language detection reads its sample from the document's shadow (issue 14)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.text.document import Document
from smlint.text.lang import detect
from smlint.text.normalize import shadow

# Every code point below U+1F000 but the surrogates (the last letters with case, Adlam's, end at
# U+1E943; past them folding is the same on both paths by construction). "İ" lower-cases to two code points, which sends a text
# holding it down shadow()'s other path (character by character): a prefix without it must fold
# the same way as the whole text does.
_ALL = "".join(chr(cp) for cp in range(0x1F000) if not 0xD800 <= cp < 0xE000)
_SAME_LENGTH = "".join(ch for ch in _ALL if len(ch.lower()) == 1)


def test_every_code_point_folds_alike_on_both_paths():
    assert shadow(_SAME_LENGTH + "İ")[:len(_SAME_LENGTH)] == shadow(_SAME_LENGTH)
    assert len(shadow(_ALL)) == len(_ALL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé ÉñΣσςİ€\u00a0\u212a\n."), max_size=40), st.integers(0, 40))
def test_shadow_of_a_prefix_is_a_prefix_of_the_shadow(text, cut):
    assert shadow(text)[:cut] == shadow(text[:cut])


def test_the_document_shadow_follows_a_replaced_view():
    doc = Document.plain("a.md", "Ahorrá ya")
    assert doc.shadow == b"ahorra ya"
    doc.view = "The plan"
    assert doc.shadow == b"the plan"
    assert detect(doc.view, doc.shadow) == detect(doc.view) == "en"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab_9 É\u00a0ñ-.\n\x1e\x7f€İ'"), max_size=60))
def test_word_count_is_the_number_of_word_spans(text):
    """Issue 14: long_form() counts words in C; the count is the spans' (made only when asked)."""
    from smlint.text.matcher import PatternSet, TermIndex
    from smlint.text.scan import Scan

    counted = Scan(Document.plain("a.txt", text), TermIndex(), PatternSet())
    spanned = Scan(Document.plain("a.txt", text), TermIndex(), PatternSet())
    assert counted.word_count == len(spanned.word_spans) == spanned.word_count
    assert "word_spans" not in counted.__dict__  # counting made no spans
