"""Quoting copy in reports: the lines of a file, a window of a long line, visible control characters.

Three ways a quote went wrong (issue 12):

- ``str.splitlines`` also ends a line at a form feed, U+2028, U+0085 …, so after one of those the
  text, HTML and SARIF reports quoted the wrong line. :func:`source_lines` splits as
  :class:`~smlint.text.document.LineIndex` does (CRLF, CR, LF), the lines findings count in.
- A minified HTML e-mail is one 80 KB line: quoting it whole per finding made 481 MB of text for
  4,000 findings. :func:`window` cuts a long line to ``CONTEXT`` characters around the match.
- Copy may hold terminal escape sequences; printed raw they recolour, retitle or clear the
  terminal. :func:`visible` shows every control character as ``\\x1b``-style text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from smlint.model import Location
from smlint.text.document import LineIndex

WHOLE_LINE = 200  # a line this long or shorter is quoted whole
CONTEXT = 80      # of a longer one, the characters kept before and after a match
MAX_MATCH = 160   # characters of a match quoted on one line; a longer one is cut with "…"
ELLIPSIS = "…"

# C0 and C1 controls and DEL (ESC, CSI and OSC start terminal sequences), the line and paragraph
# separators (not line breaks for us, but some terminals break there), and the bidirectional
# overrides and isolates that reorder what is shown ("Trojan Source", CVE-2021-42574).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_BREAKS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as findings count them (CRLF, CR and LF end a line), without breaks."""
    index = LineIndex(text)
    count = len(index.starts) - (1 if text.endswith(("\n", "\r")) else 0)  # no line after the last break
    spans = (index.line_span(n, text) for n in range(1, count + 1))
    return [text[start:end] for start, end in spans]


def visible(text: str, breaks: bool = False) -> str:
    """``text`` with each control character written as an escape (``\\x1b``, ``\\u202e``);
    ``breaks``: leave CR and LF to the caller, which encodes them its own way (GitHub's ``%0A``)."""
    pattern = _CONTROL_BUT_BREAKS if breaks else _CONTROL
    return pattern.sub(_escape, text) if pattern.search(text) else text


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def is_record(loc: Location) -> bool:
    """A lead-export record finding: it names a record, or a row or field with no text span.

    Its row holds personal data beyond the field, so no report quotes it. Ad copy in a CSV file
    also has a row and a field, but a text span and no record id: it is quoted like any copy.
    """
    if loc.record_id is not None:
        return True
    return ((loc.field is not None or loc.row is not None)
            and (loc.line, loc.column) == (loc.end_line, loc.end_column))


@dataclass(frozen=True)
class Window:
    """A line cut around a match: ``before`` + ``match`` + ``after``, each flag saying a cut."""

    before: str
    match: str
    after: str
    cut_before: bool
    cut_match: bool
    cut_after: bool


def bounds(line: str, start: int, end: int, context: int = CONTEXT) -> tuple[int, int]:
    """The part of ``line`` to quote around [start, end): all of it when it is at most WHOLE_LINE
    long, else ``context`` characters either side."""
    if len(line) <= WHOLE_LINE:
        return 0, len(line)
    return max(0, start - context), min(len(line), end + context)


def window(line: str, start: int, end: int, max_match: int = MAX_MATCH) -> Window:
    """``line`` cut to :func:`bounds` around [start, end) (offsets in the line), and a match longer
    than ``max_match`` cut too."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    left, right = bounds(line, start, end)
    cut_match = len(line) > WHOLE_LINE and end - start > max_match
    if cut_match:
        end = right = start + max_match
    return Window(line[left:start], line[start:end], line[end:right], left > 0, cut_match, right < len(line))
