"""``requires``: which disclosure spans count as inside the scope (kinds/requires.py)."""
from __future__ import annotations

from smlint.text.kinds.requires import _any_within

SPANS = [(0, 4), (10, 14), (10, 20), (30, 35)]


def test_span_fully_inside_the_scope_counts():
    assert _any_within(SPANS, 5, 16, 100, 105)


def test_span_crossing_the_scope_end_does_not_count():
    assert not _any_within(SPANS, 15, 34, 100, 105)


def test_span_starting_before_the_scope_does_not_count():
    assert not _any_within(SPANS, 1, 9, 100, 105)


def test_the_trigger_itself_is_not_its_own_disclosure():
    assert not _any_within([(10, 14)], 0, 50, 10, 14)
    assert _any_within([(10, 14), (10, 20)], 0, 50, 10, 14)


def test_scope_boundaries_are_half_open():
    assert _any_within(SPANS, 30, 35, 100, 105)
    assert not _any_within(SPANS, 31, 35, 100, 105)
    assert not _any_within([], 0, 10, 0, 1)
