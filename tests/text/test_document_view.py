"""ViewBuilder and build_view: the offset map back to the source, and segment breaks."""
from __future__ import annotations

from smlint.text.document import BREAK, EMIT, KEEP, ViewBuilder, build_view


def test_emit_maps_a_decoded_character_to_the_whole_entity() -> None:
    source = "a &euro; b"
    vb = ViewBuilder(source)
    vb.keep(2)
    vb.emit(8, "€")
    doc = vb.build("x", "html")
    assert doc.view == "a € b"
    assert doc.source_span(2, 3) == (2, 8)
    assert doc.source_text(0, 5) == source
    assert doc.locate(4, 5).column == 10


def test_same_length_views_need_no_offset_map() -> None:
    doc = build_view("x", "ab\ncd", [(KEEP, 0, 2, None), (BREAK, 3, 3, None), (KEEP, 3, 5, None)], kind="t")
    assert len(doc.view) == 5
    assert doc.to_source is None
    assert doc.view == "ab\x1ecd"  # only a line break between the pieces: it carries the break


def test_a_break_lands_in_the_gap_before_the_next_piece() -> None:
    source = "one<td>two"
    doc = build_view("x", source, [(KEEP, 0, 3, None), (BREAK, 3, 3, None), (KEEP, 7, 10, None)], kind="t")
    assert doc.view == "one\x1e   two"


def test_a_break_in_a_gap_of_line_breaks_replaces_one() -> None:
    doc = build_view("x", "a\n\nb", [(KEEP, 0, 1, None), (BREAK, 3, 3, None), (KEEP, 3, 4, None)], kind="t")
    assert doc.view == "a\x1e\nb"


def test_overlapping_pieces_are_clipped_and_partial_emits_dropped() -> None:
    pieces = [(KEEP, 0, 4, None), (KEEP, 2, 6, None), (EMIT, 5, 8, "x"), (KEEP, 8, 9, None)]
    doc = build_view("x", "abcdefghi", pieces, kind="t")
    assert doc.view == "abcdef  i"
