"""Document: the original text, the prose *view* that rules check, and the way back.

A reader turns a file into a Document. The *view* is what rules see: prose kept as is,
everything that is not prose (code, tags, URLs, front matter …) blanked to spaces, with
line breaks kept.  When the view has the same length as the source (Markdown, plain text)
a view offset *is* a source offset.  When a reader decodes something (``&euro;`` → ``€``)
it builds the view with :class:`ViewBuilder`, which records the offset map back to the
source, so every finding still points at the exact original characters.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field

from smlint.model import Location
from smlint.text.normalize import SEGMENT_BREAK, shadow

_NEWLINE = re.compile(r"\r\n|\r|\n")
_NOT_NEWLINE = re.compile(r"[^\r\n]")


def blank(text: str) -> str:
    """``text`` with every character but line breaks turned into a space (same length)."""
    if "\n" not in text and "\r" not in text:
        return " " * len(text)
    return _NOT_NEWLINE.sub(" ", text)


class LineIndex:
    """Offset → (line, column), 1-based, columns in code points; CRLF, CR and LF all end a line.

    Most documents get a handful of findings: for text without CR, the first few look-ups
    count line breaks directly (``str.count`` runs in C) instead of building the table.
    """

    DIRECT_LOOKUPS = 16

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self._direct = self.DIRECT_LOOKUPS if "\r" not in text else 0

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in _NEWLINE.finditer(self.text)]
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None and self._direct:
            self._direct -= 1
            return self.text.count("\n", 0, offset) + 1, offset - self.text.rfind("\n", 0, offset)
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text_span(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line holding ``offset``, without its line break."""
        if self._starts is None and self._direct:
            end = self.text.find("\n", offset)
            return self.text.rfind("\n", 0, offset) + 1, len(self.text) if end < 0 else end
        return self.line_span(self.position(offset)[0], self.text)

    def line_span(self, line: int, text: str) -> tuple[int, int]:
        """Start and end offsets of 1-based ``line`` without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


@dataclass(frozen=True)
class Region:
    """Extra location facts for a span of the view: a CSV cell, a YAML key, a DOCX paragraph."""

    start: int
    end: int
    row: int | None = None
    field: str | None = None
    paragraph: int | None = None
    context: str | None = None


@dataclass
class Document:
    """One file (or stdin) ready to check."""

    path: str
    source: str
    view: str
    to_source: array | None = None  # view offset -> source offset (len(view) + 1), None = identity
    regions: list[Region] = field(default_factory=list)  # sorted by start, non-overlapping
    kind: str = "text"  # the reader's name, for suppression comment syntax
    # source spans [start, end) of comments (or directive lines) that may hold smlint directives
    comments: list[tuple[int, int]] = field(default_factory=list)
    _lines: LineIndex | None = field(default=None, repr=False)
    _region_starts: list[int] | None = field(default=None, repr=False)
    _shadow: tuple[str, bytes] | None = field(default=None, repr=False, compare=False)  # (view, its shadow)

    @classmethod
    def plain(cls, path: str, source: str, kind: str = "text") -> "Document":
        return cls(path=path, source=source, view=source, kind=kind)

    @property
    def shadow(self) -> bytes:
        """The folded shadow of the view (:func:`~smlint.text.normalize.shadow`), made once: language
        detection and the scan share it (issue 14). Made again if a reader replaces the view."""
        cached = self._shadow
        if cached is None or cached[0] is not self.view:
            cached = self._shadow = (self.view, shadow(self.view))
        return cached[1]

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the source span it came from (a decoded entity maps to all of it)."""
        ts = self.to_source
        if ts is None:
            return start, end
        if end <= start:
            return ts[start], ts[start]
        last = end - 1
        return ts[start], max(ts[last] + 1, ts[last + 1])

    def locate(self, start: int, end: int) -> Location:
        """The Location of view span [start, end) in the original file."""
        s, e = self.source_span(start, end)
        line, col = self.lines.position(s)
        end_line, end_col = self.lines.position(e)
        region = self.region_at(start)
        if region is None:
            return Location(self.path, line, col, end_line, end_col)
        return Location(self.path, line, col, end_line, end_col, row=region.row,
                        field=region.field, paragraph=region.paragraph, context=region.context)

    def region_at(self, offset: int) -> Region | None:
        if not self.regions:
            return None
        if self._region_starts is None or len(self._region_starts) != len(self.regions):
            self._region_starts = [r.start for r in self.regions]
        i = bisect_right(self._region_starts, offset) - 1
        if i >= 0 and self.regions[i].start <= offset < self.regions[i].end:
            return self.regions[i]
        return None

    def source_text(self, start: int, end: int) -> str:
        s, e = self.source_span(start, end)
        return self.source[s:e]


class ViewBuilder:
    """Build a view of ``source`` piece by piece, recording the offset map when needed.

    ``keep`` copies source text, ``mask`` blanks it (keeping line breaks), ``emit``
    puts decoded text in place of a source span (an entity), and ``boundary`` blanks a
    span but makes it a hard break that no phrase crosses (between CSV cells).
    Pieces must come in source order and cover the source without gaps.

    The offset map is only materialized when an ``emit`` changes a length: most
    Markdown files never need one, and building it costs as much as parsing.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.starts: list[int] = []  # source offset of each part; emits are marked in ``emitted``
        self.emitted: set[int] = set()  # indexes of parts whose length differs from their source span
        self.pos = 0
        self.identity = True

    def keep(self, end: int) -> None:
        self._add(self.source[self.pos:end])
        self.pos = end

    def mask(self, end: int) -> None:
        if end > self.pos:
            self._add(blank(self.source[self.pos:end]))
            self.pos = end

    def boundary(self, end: int) -> None:
        """Blank source[pos:end] and put a segment break in it (on a blank, else on a line break)."""
        text = blank(self.source[self.pos:end])
        if text:
            i = max(text.find(" "), 0)
            text = text[:i] + SEGMENT_BREAK + text[i + 1:]
        self._add(text)
        self.pos = end

    def emit(self, end: int, text: str) -> None:
        """Replace source[pos:end] with ``text`` (e.g. an entity with the character it encodes)."""
        if len(text) != end - self.pos:
            self.identity = False
            self.emitted.add(len(self.parts))
        self._add(text)
        self.pos = end

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.starts.append(self.pos)

    def offsets(self) -> array:
        """view offset -> source offset, plus one entry for the end of the view."""
        out = array("l")
        for i, (text, start) in enumerate(zip(self.parts, self.starts)):
            if i in self.emitted:
                out.extend([start] * len(text))
            else:
                out.extend(range(start, start + len(text)))
        out.append(len(self.source))
        return out

    def build(self, path: str, kind: str, regions: list[Region] | None = None,
              comments: list[tuple[int, int]] | None = None) -> Document:
        if self.pos < len(self.source):
            self.keep(len(self.source))
        view = "".join(self.parts)
        to_source = None if self.identity else self.offsets()
        return Document(path=path, source=self.source, view=view, to_source=to_source,
                        regions=regions or [], kind=kind, comments=comments or [])


# Piece operations for :func:`build_view`: keep source text, emit decoded text, break segments.
KEEP, EMIT, BREAK = 0, 1, 2


def build_view(path: str, source: str, pieces: list, kind: str, comments=None, regions=None) -> Document:
    """A Document whose view blanks everything but the KEEP/EMIT pieces, with a segment break at each BREAK.

    ``pieces`` are ``(op, start, end, text)`` in source offsets, sorted by start (a BREAK
    before the piece it precedes); overlapping pieces are clipped, never duplicated.
    """
    vb = ViewBuilder(source)
    pending = False  # a BREAK with no blank before it yet: the next gap carries it
    for op, start, end, text in pieces:
        if op == BREAK:
            pending = True
            continue
        if end <= vb.pos or (op == EMIT and start < vb.pos):
            continue  # nested or repeated piece: already covered
        if start > vb.pos:
            vb.boundary(start) if pending else vb.mask(start)
            pending = False
        if op == KEEP:
            vb.keep(end)
        else:
            vb.emit(end, text)
    if vb.pos < len(source):
        vb.boundary(len(source)) if pending else vb.mask(len(source))
    return vb.build(path, kind, regions=regions, comments=comments)
