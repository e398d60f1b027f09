"""Sentence ends: the fast pattern finds exactly what the plain alternation finds (issue 14)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.text.scan import _SENTENCE_END

# The pattern as first written: one alternative per kind of end, tried at every character.
PLAIN = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n|\x1e|\|"
                   r"|\n(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t])")

# Every character either pattern looks at, plus letters, digits and other spaces, and pieces
# of list items and numbers, so that list markers of 1 to 4 digits come up.
PIECES = list(".!?…\"'”’)]|\n\x1e \t-*+•0aZ\u00a0\u2028\r(“") + ["12", "123", "1234", "\n  ", "\n1", "\n123) ", "\n- ", "\t12. ", ". ", "x."]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_same_ends_as_the_plain_alternation(text):
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]


def test_ends_of_ordinary_copy():
    text = "Save 20%! Ends soon… Really?\" Yes.\n\n- one\n2) two | cell\x1eNext inc. VAT. Done.)x"
    assert [m.group() for m in _SENTENCE_END.finditer(text)] == [
        "!", "…", "?\"", ".", "\n\n", "\n", "|", "\x1e", ".", "."]  # "inc." is dropped later, not here
