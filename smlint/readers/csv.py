"""CSV / TSV ad exports (Google Ads Editor, Meta, generic): lint the text columns.

Text columns are found from the header row: ``Headline``, ``Headline 1`` … ``Headline 15``,
``Long headline``, ``Description``, ``Description 1``/``Description line 1``, ``Descriptions``,
``Primary text``, ``Body``, ``Title``, ``Subject``, ``Ad text``, ``Text``, ``Copy``,
``Message``, ``Caption``, ``Preheader``, ``Call to action`` and the Spanish export headers
(``Título 1``, ``Título largo``, ``Descripción 2``, ``Texto principal``, ``Cuerpo``, ``Asunto``,
``Mensaje``, ``Llamada a la acción``), case- and accent-insensitive. Option
``text_columns`` (list of header names or globs) replaces the guess.

Positions are line and column in the CSV file itself (quoted multi-line cells and ``""``
escapes are mapped exactly), and each finding names the record's first line (``row``) and
the column header (``field``). Each cell is its own segment: phrases never span cells.
The delimiter is a tab for ``.tsv``, otherwise the most frequent of ``,`` ``;`` tab in the
header line. A line starting with ``#`` followed by ``smlint-`` is a directive comment.
Ragged rows are fine: cells beyond the header have no column and are not linted.
"""
from __future__ import annotations

import fnmatch
import re

from smlint.errors import SmlintError
from smlint.text.document import BREAK, EMIT, KEEP, Document, build_view
from smlint.text.normalize import fold

TEXT_COLUMN = re.compile(
    r"(?:long |short )?headlines?(?: ?\d{1,2})?|descriptions?(?: (?:line )?\d{1,2})?|primary text"
    r"|body(?: text)?|title|subject(?: line)?|ad text|text|copy|message|caption|preheader|call to action|cta"
    # Spanish exports (headers folded: no accents): Título 1, Descripción 2, Texto principal …
    r"|titulos?(?: ?\d{1,2})?|titulo (?:largo|corto)|descripcion(?:es)?(?: (?:linea )?\d{1,2})?"
    r"|texto(?: principal| del anuncio)?|cuerpo(?: del (?:mensaje|correo))?|asunto|mensaje|llamada a la accion",
    re.I)
_DIRECTIVE = re.compile(r"#[ \t]*smlint[-:][^\r\n]*")
_QUOTED = re.compile(r'(?:[^"]|"")*')


def read(path: str, source: str, options: dict | None = None) -> Document:
    options = options or {}
    delimiter = _delimiter(path, source)
    records, comments = parse(source, delimiter)
    if not records:
        return build_view(path, source, [], kind="csv", comments=comments)
    header = [_cell_text(source, cell) .strip() for cell in records[0][1]]
    columns = _text_columns(header, options.get("text_columns"))
    if not columns:
        raise SmlintError("no text columns found (headers: " + ", ".join(repr(h) for h in header[:20])
                          + "); name them with the csv reader option text_columns")
    pieces, spans = _cells(source, records[1:], header, columns)
    doc = build_view(path, source, pieces, kind="csv", comments=comments)
    doc.regions = _regions(doc, spans)
    return doc


def _delimiter(path: str, source: str) -> str:
    if path.lower().endswith(".tsv"):
        return "\t"
    first = source.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse(source: str, delimiter: str) -> tuple[list, list[tuple[int, int]]]:
    """Records as (start offset, [(start, end, quoted), …]) and the directive comment spans."""
    unquoted = re.compile(rf"[^{re.escape(delimiter)}\r\n]*")
    records, comments = [], []
    i, n = 0, len(source)
    while i < n:
        directive = _DIRECTIVE.match(source, i)
        if directive:
            comments.append(directive.span())
            i = _after_line_break(source, directive.end())
            continue
        start = i
        fields, i = _record(source, i, delimiter, unquoted)
        if len(fields) > 1 or fields[0][1] > fields[0][0]:
            records.append((start, fields))
    return records, comments


def _record(source: str, i: int, delimiter: str, unquoted) -> tuple[list, int]:
    """One record from offset ``i``: its cells, and where the next record starts."""
    n = len(source)
    fields = []
    while True:
        if i < n and source[i] == '"':
            body = _QUOTED.match(source, i + 1)
            fields.append((i + 1, body.end(), True))
            i = min(body.end() + 1, n)
            i = unquoted.match(source, i).end()  # junk after the closing quote: ignored
        else:
            m = unquoted.match(source, i)
            fields.append((i, m.end(), False))
            i = m.end()
        if i < n and source[i] == delimiter:
            i += 1
            continue
        return fields, _after_line_break(source, i)


def _after_line_break(source: str, i: int) -> int:
    if source.startswith("\r\n", i):
        return i + 2
    return i + 1 if i < len(source) else i


def _cell_text(source: str, cell: tuple[int, int, bool]) -> str:
    start, end, quoted = cell
    text = source[start:end]
    return text.replace('""', '"') if quoted else text


def _text_columns(header: list[str], wanted) -> set[int]:
    if wanted:
        globs = [w.lower() for w in ([wanted] if isinstance(wanted, str) else wanted)]
        return {i for i, h in enumerate(header) if any(fnmatch.fnmatchcase(h.lower(), g) for g in globs)}
    return {i for i, h in enumerate(header) if TEXT_COLUMN.fullmatch(fold(h.strip()))}


def _cells(source: str, records: list, header: list[str], columns: set[int]) -> tuple[list, list]:
    """View pieces for the text cells, and (start, end, record start, header) for their regions."""
    pieces: list[tuple] = []
    spans: list[tuple[int, int, int, str]] = []
    for record_start, fields in records:
        for index, (start, end, quoted) in enumerate(fields):
            if index not in columns or end <= start:
                continue
            pieces.append((BREAK, start, start, None))
            pieces.extend(_cell_pieces(source, start, end, quoted))
            spans.append((start, end, record_start, header[index]))
    return pieces, spans


def _cell_pieces(source: str, start: int, end: int, quoted: bool) -> list[tuple]:
    """KEEP runs, with each ``""`` of a quoted cell emitted as one ``"``."""
    if not quoted or '""' not in source[start:end]:
        return [(KEEP, start, end, None)]
    out, pos = [], start
    for m in re.finditer('""', source[start:end]):
        at = start + m.start()
        if at > pos:
            out.append((KEEP, pos, at, None))
        out.append((EMIT, at, at + 2, '"'))
        pos = at + 2
    if end > pos:
        out.append((KEEP, pos, end, None))
    return out


def _regions(doc: Document, spans: list[tuple[int, int, int, str]]):
    """Regions in view offsets, naming the record's first line and the column header."""
    from bisect import bisect_left

    from smlint.text.document import Region

    ts = doc.to_source
    out = []
    for start, end, record_start, name in spans:
        row = doc.lines.position(record_start)[0]
        if ts is not None:
            start, end = bisect_left(ts, start), bisect_left(ts, end)
        out.append(Region(start, end, row=row, field=name))
    return out
