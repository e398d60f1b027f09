"""Exact positions: CRLF, tabs, accents, astral characters, hard line breaks (issue 2, Matching)."""
from __future__ import annotations

import pytest

from smlint.api import Linter, LintOptions
from tests.conftest import CORE_PACK


@pytest.fixture(scope="module")
def linter():
    return Linter(LintOptions(packs=(str(CORE_PACK),), lang="en"))


def spans(linter, text, rule="core/guaranteed"):
    return [(f.line, f.column, f.end_line, f.end_column, f.match)
            for f in linter.lint_text(text) if f.rule == rule]


def test_plain_position(linter):
    assert spans(linter, "We offer guaranteed results.") == [(1, 10, 1, 28, "guaranteed results")]


def test_crlf_line_endings(linter):
    text = "Line one.\r\nLine two has guaranteed results.\r\n"
    assert spans(linter, text) == [(2, 14, 2, 32, "guaranteed results")]


def test_lone_cr_line_endings(linter):
    assert spans(linter, "one\rtwo guaranteed results") == [(2, 5, 2, 23, "guaranteed results")]


def test_tab_counts_as_one_column(linter):
    assert spans(linter, "\tguaranteed results") == [(1, 2, 1, 20, "guaranteed results")]


def test_accents_folded_both_ways(linter):
    assert spans(linter, "Resultados garantizados y GARANTIZADA") == [
        (1, 12, 1, 24, "garantizados"), (1, 27, 1, 38, "GARANTIZADA")]


def test_accented_letters_before_match_count_as_one_column(linter):
    # 'garantía' has an accented letter: columns are code points, not bytes
    assert spans(linter, "Con garantía: guaranteed results") == [(1, 15, 1, 33, "guaranteed results")]


def test_astral_characters_before_match(linter):
    text = "🚀🚀 guaranteed results"
    assert spans(linter, text) == [(1, 4, 1, 22, "guaranteed results")]


def test_phrase_split_across_hard_line_break(linter):
    text = "All our plans come with guaranteed\n   results for every team."
    assert spans(linter, text) == [(1, 25, 2, 11, "guaranteed\n   results")]


def test_phrase_across_crlf_break_and_repeated_spaces(linter):
    assert spans(linter, "guaranteed \r\n  results") == [(1, 1, 2, 10, "guaranteed \r\n  results")]


def test_whole_word_only(linter):
    assert spans(linter, "unguaranteed resultsx") == []


def test_exception_suppresses_overlapping_match(linter):
    assert spans(linter, "There are no guaranteed results.") == []


def test_hyphenated_phrase(linter):
    assert spans(linter, "A risk-free offer, not risk free") == [(1, 3, 1, 12, "risk-free")]


def test_overlapping_phrases_of_different_rules_both_found(linter):
    found = {(f.rule, f.match) for f in linter.lint_text("The best price around.")}
    assert ("core/best", "best") in found and ("core/best-price", "best price") in found


def test_wildcard_word_endings(linter):
    assert [s[4] for s in spans(linter, "garantizado, garantizadas, garantiza")] == ["garantizado", "garantizadas"]


def test_end_column_exclusive_and_match_is_source_slice(linter):
    text = "x\nHello guaranteed results!"
    (f,) = [f for f in linter.lint_text(text) if f.rule == "core/guaranteed"]
    line = text.splitlines()[f.line - 1]
    assert line[f.column - 1:f.end_column - 1] == f.match


def test_direct_and_indexed_line_lookups_agree():
    """LineIndex answers the first look-ups by counting, later ones from its table: same answers."""
    from smlint.text.document import LineIndex

    text = "".join(f"line {i} has some words\n" for i in range(60))
    offsets = list(range(0, len(text), 7))
    direct = LineIndex(text)
    answers = [direct.position(o) for o in offsets]  # the first 16 counted, the rest indexed
    table = LineIndex(text)
    table.starts  # force the table
    assert answers == [table.position(o) for o in offsets]
    assert [LineIndex(text).line_text_span(o) for o in offsets[:5]] == [
        table.line_span(table.position(o)[0], text) for o in offsets[:5]]
