"""smlint positions ↔ LSP positions.

smlint counts columns in Unicode code points, 1-based (docs/formats.md); LSP counts 0-based
lines and characters in the *position encoding* the client and server agreed on — UTF-16 code
units unless the client offers another (``general.positionEncodings``: ``utf-8``, ``utf-32``).
An emoji is one code point but two UTF-16 units and four UTF-8 bytes; ``é`` is one, one and two.
Both sides end lines at CRLF, CR and LF (LSP 3.17 "Text Documents"), so line numbers agree and
only the characters before a position on its line need converting.

A document whose text starts with a byte-order mark is checked without it (as ``smlint check``
reads files), so every position on its first line moves right by the mark's width.
"""
from __future__ import annotations

from smlint.text.document import LineIndex

BOM = "\ufeff"


def units(text: str, encoding: str = "utf-16") -> int:
    """How many code units ``text`` is in the position ``encoding`` (utf-8, utf-16 or utf-32)."""
    if encoding == "utf-32":
        return len(text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Convert positions in one text (as checked: without its BOM) to and from LSP positions."""

    def __init__(self, text: str, encoding: str = "utf-16", bom: bool = False) -> None:
        self.text, self.encoding = text, encoding
        self.lines = LineIndex(text)
        self.shift = units(BOM, encoding) if bom else 0

    def from_line_column(self, line: int, column: int) -> tuple[int, int]:
        """smlint's 1-based ``line`` and code-point ``column`` as an LSP (line, character)."""
        starts = self.lines.starts
        if line > len(starts):  # past the end: the end of the text
            return self.from_offset(len(self.text))
        start = starts[line - 1]
        return line - 1, units(self.text[start:start + column - 1], self.encoding) + (self.shift if line == 1 else 0)

    def from_offset(self, offset: int) -> tuple[int, int]:
        """A character offset into the text as an LSP (line, character)."""
        return self.from_line_column(*self.lines.position(offset))

    def to_offset(self, line: int, character: int) -> int:
        """An LSP (line, character) as a character offset (clamped to the line, as LSP says)."""
        starts = self.lines.starts
        if line >= len(starts):
            return len(self.text)
        start = starts[line]
        end = self.lines.line_span(line + 1, self.text)[1]
        left = character - (self.shift if line == 0 else 0)
        offset = start
        while offset < end and left > 0:
            left -= units(self.text[offset], self.encoding)
            offset += 1
        return offset
