"""Plain text and sales scripts: every character is prose, except directive lines.

A line of its own that starts with ``smlint-`` (optionally after ``#`` or ``//``) is an
inline directive (see :mod:`smlint.suppress`): it is recorded as a comment and blanked
from the view, so its rule ids are never linted as copy.
"""
from __future__ import annotations

import re

from smlint.text.document import Document, blank

_DIRECTIVE_LINE = re.compile(r"^[ \t]*(?:#+|//)?[ \t]*smlint[-:][^\r\n]*", re.M)


def read(path: str, source: str, options: dict | None = None) -> Document:
    if "smlint" not in source:
        return Document.plain(path, source, kind="text")
    comments = [m.span() for m in _DIRECTIVE_LINE.finditer(source)]
    view = source
    for start, end in comments:
        view = view[:start] + blank(view[start:end]) + view[end:]
    return Document(path=path, source=source, view=view, kind="text", comments=comments)
