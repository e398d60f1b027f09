"""smlint's code-point columns as LSP positions in each position encoding (smlint/lsp/positions.py)."""
from __future__ import annotations

import pytest

from smlint.lsp.positions import Positions, units

# é: 1 code point, 1 UTF-16 unit, 2 UTF-8 bytes; 🎉: 1, 2, 4.
TEXT = "é🎉 x\r\nab\rcd\n🎉é y"


@pytest.mark.parametrize("encoding, expected", [("utf-16", 3), ("utf-8", 6), ("utf-32", 2)])
def test_units_per_encoding(encoding, expected):
    assert units("é🎉", encoding) == expected


@pytest.mark.parametrize("encoding, x, y", [("utf-16", 4, 4), ("utf-8", 7, 7), ("utf-32", 3, 3)])
def test_line_and_column_to_lsp(encoding, x, y):
    p = Positions(TEXT, encoding)
    assert p.from_line_column(1, 4) == (0, x)          # 'x' after é🎉 and a space
    assert p.from_line_column(2, 2) == (1, 1)          # CRLF ended line 1
    assert p.from_line_column(3, 1) == (2, 0)          # a lone CR ends a line too, as in LSP
    assert p.from_line_column(4, 4) == (3, y)
    assert p.from_offset(TEXT.index("x")) == (0, x)
    assert p.to_offset(0, x) == TEXT.index("x") and p.to_offset(3, y) == TEXT.rindex("y")


def test_a_position_past_the_line_is_clamped_and_past_the_text_is_its_end():
    p = Positions(TEXT)
    assert p.to_offset(1, 99) == TEXT.index("ab") + 2   # the end of "ab", before its line break
    assert p.to_offset(9, 0) == len(TEXT)
    assert p.from_line_column(9, 1) == (3, units("🎉é y"))


def test_a_bom_moves_the_first_line_only():
    p = Positions("a world\nb", "utf-16", bom=True)  # the text as checked, its BOM taken off
    assert p.from_line_column(1, 3) == (0, 3)
    assert p.from_line_column(2, 1) == (1, 0)
    assert p.to_offset(0, 3) == 2
    assert Positions("a", "utf-8", bom=True).from_line_column(1, 2) == (0, 4)  # U+FEFF is 3 UTF-8 bytes
