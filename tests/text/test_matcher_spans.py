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


# Case-sensitive patterns of the kind packs write (capitals, Unicode classes, accented and
# inverted punctuation, case-insensitive groups), on text of Latin-1 characters: the Latin-1
# program finds what the UTF-8 one finds (smlint/text/kinds/pattern.py takes it for such views).
CASE_SENSITIVE = [r"\p{Lu}{2,}(?:[ \t,.:;!¡¿?&/+%-]+\p{Lu}{2,}){3,}", r"\b[A-ZÁÉÑ]{3,}\b", r"(?i)ñu|ÉX",
                  r"[^a-z\s]+", r"\pL+\d", r"¡[^!]*!", r"(?i)\w+é", r".ß.", r"\PL{2}", r"[À-ÿ]+",
                  r"\p{Ll}\p{Lu}", r"(?i:s)K", r"\PN\pP", r"[[:upper:]]+", r"\C\S", r"(?s).{2}"]
LATIN1_TEXT = "aAbBÁáÉéÑñÜüßÿ ¡!¿?.,-\t\n%5"


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(CASE_SENSITIVE), st.text(alphabet=LATIN1_TEXT, max_size=30))
def test_latin1_case_sensitive_program_finds_what_utf8_finds(pattern, text):
    from smlint.text.matcher import compile_latin1

    from smlint.text.matcher import latin1_view

    utf8 = compile_pattern(pattern, case_sensitive=True)
    latin1 = compile_latin1(pattern)
    if latin1 is None:
        assert "\\C" in pattern  # a byte is not a character in UTF-8: the UTF-8 program runs
        return
    for sample in (text, text.encode("ascii", "ignore").decode("ascii")):
        data = latin1_view(sample, latin1.folds_case)
        if data is not None:
            assert nonempty_spans(latin1.regex, data, 0, len(data)) == \
                [m.span() for m in utf8.finditer(sample) if m.end() > m.start()]


def test_latin1_program_refused_for_characters_above_latin1():
    from smlint.text.matcher import compile_latin1, latin1_view

    assert compile_latin1("…|€") is None
    assert compile_latin1(r"\x{2026}") is None  # RE2 refuses it in Latin-1: the UTF-8 program is used
    assert latin1_view("café’", False) is None and latin1_view("café", False) == "café".encode("latin-1")
    assert latin1_view("café", True) is None and latin1_view("cafe", True) == b"cafe"
