"""Plain text and sales scripts: every character is prose."""
from __future__ import annotations

from smlint.text.document import Document


def read(path: str, source: str, options: dict | None = None) -> Document:
    return Document.plain(path, source, kind="text")
