"""The spans found below the re2 wrapper are the wrapper's finditer spans (issue 14)."""
from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.text.matcher import TermIndex, compile_pattern, nonempty_spans

# Patterns that match empty strings, overlap, sit at the ends, or need a word boundary.
PATTERNS = [r"a*", r"\bab\b", r"b|ab|", r"(?:a|b)+", r"^a", r"b$", r"\s*", r"x{0}", r"(?:ab)*b?"]


def wrapper_spans(regex, text: bytes, lo: int, hi: int) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text, lo, hi) if m.end() > m.start()]


@settings(max_examples=1500, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="ab x\n", max_size=20), st.integers(0, 22), st.integers(0, 22))
def test_same_spans_as_finditer(pattern, text, lo, hi):
    data = text.encode("ascii")
    regex = compile_pattern(pattern)
    lo, hi = min(lo, len(data)), min(hi, len(data))
    if lo <= hi:
        assert nonempty_spans(regex, data, lo, hi) == wrapper_spans(regex, data, lo, hi)
    assert nonempty_spans(regex, data, 0, len(data)) == wrapper_spans(regex, data, 0, len(data))


def wrapper_scan(terms: TermIndex, shadow: bytes) -> dict:
    """TermIndex.scan as written on the wrapper's ``search``."""
    hits = defaultdict(list)
    pos = 0
    while (m := terms._regex.search(shadow, pos)) is not None:
        start, end = m.span()
        for tid in terms._identify(shadow[start:end]):
            hits[tid].append((start, end))
            for other, rx in terms._prefixes.get(tid, ()):
                sub = rx.match(shadow, start, end)
                if sub is not None and sub.end() < end:
                    hits[other].append((start, sub.end()))
        pos = start + 1
    return hits


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab \n", max_size=30))
def test_term_scan_is_the_wrapper_scan(text):
    terms = TermIndex()
    for phrase in ("a b", "ab", "b", "a b a", "ab*"):
        terms.add(phrase)
    terms.compile()
    shadow = text.encode("ascii")
    assert terms.scan(shadow) == wrapper_scan(terms, shadow)
