"""DOCX sales playbooks: paragraphs and table cells, located by paragraph number.

A DOCX has no lines, so the reader lays the document out as text with one paragraph
(or table cell paragraph) per line, in reading order: a finding's ``line`` *is* its
paragraph number, its ``column`` the character in that paragraph, and its location also
carries ``paragraph`` and a short ``context`` (the paragraph's opening words) that a
reader can search for in Word. Each paragraph is its own segment. A paragraph that is a
directive line (``smlint-disable-next-line …``) works as in plain text.

Needs the optional extra: ``pip install 'smlint[docx]'`` (python-docx). Without it, or
for a file that is not a readable DOCX, the file gets a clear per-file error.
"""
from __future__ import annotations

import re
import zipfile

from smlint.errors import SmlintError
from smlint.text.document import BREAK, KEEP, Document, Region, build_view

CONTEXT_CHARS = 40
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_DIRECTIVE = re.compile(r"[ \t]*smlint[-:]")


def read(path: str, source: str = "", options: dict | None = None) -> Document:
    if source:
        raise SmlintError("a DOCX file cannot be read as text (from standard input); pass its path")
    paragraphs = paragraphs_of(path)
    text = "\n".join(paragraphs)
    pieces, regions, comments = [], [], []
    offset = 0
    for number, para in enumerate(paragraphs, start=1):
        end = offset + len(para)
        if _DIRECTIVE.match(para):
            comments.append((offset, end))
        elif para.strip():
            pieces += [(BREAK, offset, offset, None), (KEEP, offset, end, None)]
            regions.append(Region(offset, end + 1, paragraph=number, context=_context(para)))
        offset = end + 1
    return build_view(path, text, pieces, kind="docx", comments=comments, regions=regions)


def _context(paragraph: str) -> str:
    words = " ".join(paragraph.split())
    return words if len(words) <= CONTEXT_CHARS else words[:CONTEXT_CHARS - 1].rstrip() + "…"


def paragraphs_of(path: str) -> list[str]:
    """The text of every paragraph and table cell paragraph, in reading order, one line each."""
    try:
        import docx
    except ImportError:
        raise SmlintError("reading .docx files needs python-docx: pip install 'smlint[docx]'") from None
    try:
        document = docx.Document(path)
        return [_LINE_BREAKS.sub(" ", p) for p in _walk(document)]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SmlintError(f"not a readable DOCX file ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # python-docx and lxml raise many types for corrupt parts
        if type(exc).__module__.startswith(("docx", "lxml")):
            raise SmlintError(f"not a readable DOCX file ({type(exc).__name__}: {exc})") from None
        raise


def _walk(container):
    """Paragraph texts of a document or table cell, tables (nested too) in place."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in _unique_cells(row):
                    yield from _walk(cell)
        else:
            yield block.text


def _unique_cells(row):
    """A merged cell appears once per grid column it spans; lint it once."""
    seen = set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell
