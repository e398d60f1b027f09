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
# A DOCX is a zip: 20 MiB of it can declare gigabytes of XML (a zip bomb), which python-docx
# would inflate and parse whole. Real playbooks hold a few MiB of XML; zipfile never inflates a
# part past the size its directory declares, so checking the declared sizes bounds the memory.
MAX_EXPANDED = 100 * 1024 * 1024
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
        _check_expanded(path)
        document = docx.Document(path)
        return [_LINE_BREAKS.sub(" ", p) for p in _walk(document)]
    except Exception as exc:
        if not _from_parsing(exc):
            raise  # a bug of ours: the loop's guard reports it as one
        raise SmlintError(f"not a readable DOCX file ({type(exc).__name__}: {_reason(exc)})") from None


# Where a corrupt DOCX makes its exceptions: zipfile and zlib (a damaged member: zlib.error,
# EOFError, BadZipFile), python-docx and lxml (broken parts: KeyError, AttributeError, TypeError,
# NotImplementedError …). Whatever they raise while reading means the file is not a readable DOCX.
_PARSERS = ("zipfile", "zlib", "docx", "lxml", "xml", "_compression", "encodings")


def _from_parsing(exc: BaseException) -> bool:
    """True if ``exc`` was raised inside the zip, XML or python-docx code, not in this module."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = tb.tb_frame.f_globals.get("__name__", "") if tb is not None else ""
    return type(exc).__module__.startswith(_PARSERS) or where.startswith(_PARSERS)


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _check_expanded(path: str) -> None:
    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > MAX_EXPANDED:
        raise SmlintError(f"a DOCX whose parts expand to {total // 1024 ** 2:,} MiB, over the limit of "
                          f"{MAX_EXPANDED // 1024 ** 2} MiB (a zip bomb?): not read")


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
