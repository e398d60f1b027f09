"""Streaming record readers for lead exports: CSV/TSV, JSON (array of objects) and JSONL.

Every reader yields ``(row, cells, problem)`` where ``row`` is the 1-based line of the file
where the record starts, ``cells`` a list aligned with :attr:`RecordSource.header` (or None),
and ``problem`` None or a short message (ragged row, undecodable bytes, bad JSON) that the
engine turns into a finding; the run goes on with the next record. Nothing is loaded whole:
memory stays flat however many rows the export has.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterator

from smlint.errors import SmlintError

FORMATS = ("auto", "csv", "tsv", "json", "jsonl")
_SAMPLE_BYTES = 64 * 1024
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl",
               ".ndjson": "jsonl"}

csv.field_size_limit(16 * 1024 * 1024)  # long notes cells are normal in CRM exports


class InputError(SmlintError):
    """A file that cannot be read as records at all (empty, not an array …)."""


_HEADER_LOOKAHEAD = 100  # JSON records read ahead: the keys of the objects among them are the header
_TOO_DEEP = object()     # a JSON value nested deeper than the decoder's recursion limit
_END = object()          # a JSON value that does not decode (the input ends or is broken)


class _Problem(str):
    """A JSON record that could not be decoded, as the message that says why (never a value)."""


_TOO_DEEP_PROBLEM = "nested too deeply to read (more than about 1,000 levels); record skipped"


def check_delimiter(delimiter: str | None) -> None:
    """``--delimiter``: one character (``tab`` or ``\\t`` for a tab), not a quote or a line break."""
    if delimiter and delimiter not in ("\\t", "tab") and (len(delimiter) != 1 or delimiter in '"\r\n'):
        raise SmlintError(f"--delimiter must be one character other than a quote or a line break "
                          f"('tab' for a tab), not {delimiter!r}")


class Unplaced(str):
    """A problem after which the rest of the file could not be read as records: the engine
    reports it and fails the file (exit 2), since those records were never checked."""


_REREADS = 100  # unterminated quotes recovered from per file before the rest is given up


@dataclass
class RecordSource:
    """One opened export: its header and an iterator of ``(row, cells, problem)``."""

    path: str
    format: str
    header: list[str]
    records: Iterator[tuple[int, list | None, str | None]]
    delimiter: str | None = None
    closers: list = field(default_factory=list)
    encoding: str = "utf-8"
    encoding_reason: str = "default"
    json_stream: object = None  # a JSON source's stream: records_key, next_page
    position: Callable[[], int] | None = None  # bytes of the file read so far (a progress bar's), if known

    def close(self) -> None:
        for fh in self.closers:
            fh.close()


def open_records(path: str, fmt: str = "auto", delimiter: str | None = None,
                 stdin: IO[bytes] | None = None, encoding: str | None = None,
                 records_path: str | None = None) -> RecordSource:
    """Open ``path`` (``-`` for stdin) and read its header; raise InputError when it has none.

    The encoding is ``encoding`` when given, else chosen from the first 64 KiB
    (:func:`choose_encoding`); ``records_path`` is where a JSON export keeps its records."""
    binary = _open_binary(path, stdin)
    head = binary.read(_SAMPLE_BYTES)
    codec, reason = choose_encoding(head, encoding)
    if path != "-" and binary.seekable():
        binary.seek(0)
    else:
        binary = io.BufferedReader(_Rewound(head, binary))
    text = io.TextIOWrapper(binary, encoding=codec, errors="surrogateescape", newline="")
    sample = _read_sample(text)
    if not sample.strip():
        text.close()
        raise InputError(f"{path}: the file is empty (no header, no records)")
    fmt = _detect_format(path, fmt, sample)
    lines = _chain(sample, text)
    closers: list = []
    if fmt in ("csv", "tsv"):
        reopen = None if path == "-" else _reopener(path, codec, closers)
        source = _csv_source(path, fmt, lines, sample, delimiter, reopen)
    elif fmt == "jsonl":
        source = _jsonl_source(path, lines)
    else:
        source = _json_source(path, lines, records_path)
    closers[:0] = [*source.closers, text]
    source.closers = closers  # the list a re-read appends the files it opens to
    source.encoding, source.encoding_reason = codec, reason
    if path != "-" and binary.seekable():
        source.position = binary.tell  # read ahead of the records by a buffer: fine for a progress bar
    return source


def choose_encoding(head: bytes, given: str | None = None) -> tuple[str, str]:
    """The codec to read an export with, and why: ``--encoding``, a byte-order mark, or the first
    64 KiB. Bytes that are not UTF-8, in a sample with no UTF-8 character beyond ASCII, are
    Windows-1252 (what Excel writes for a Western-European locale); a sample with both is UTF-8
    with damaged rows, which are reported one by one."""
    if given:
        try:
            return codecs.lookup(given).name, "--encoding"
        except LookupError:
            raise SmlintError(f"--encoding: unknown encoding {given!r} (e.g. utf-8, cp1252, latin-1, "
                              "utf-16)") from None
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "byte-order mark"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "byte-order mark"
    text = head.decode("utf-8", "surrogateescape")
    if len(head) == _SAMPLE_BYTES:
        text = text[:-3]  # a character cut at the end of the sample is not a wrong byte
    if text.isascii() or not _UNDECODABLE.search(text):
        return "utf-8-sig", "default"
    if any(ord(c) > 127 and not 0xDC80 <= ord(c) <= 0xDCFF for c in text):
        return "utf-8-sig", "UTF-8 with undecodable bytes"
    return "cp1252", "detected: not UTF-8"


class _Rewound(io.RawIOBase):
    """A stream that cannot seek (stdin) with its first bytes, read to choose the encoding, put back."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _reopener(path: str, codec: str, closers: list):
    """``reopen(n)``: a fresh stream of the file's lines after its first ``n`` (lines as the
    first read splits them), to read again after a quote that never closes."""
    def reopen(n: int):
        text = io.TextIOWrapper(open(path, "rb"), encoding=codec, errors="surrogateescape", newline="")
        closers.append(text)
        return itertools.islice(text, n, None)
    return reopen


def _open_binary(path: str, stdin: IO[bytes] | None) -> IO[bytes]:
    if path == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _read_sample(text: IO[str]) -> str:
    """Whole lines up to about 64 KiB, so that the sniffer sees them and no line is split."""
    parts, size = [], 0
    while size < _SAMPLE_BYTES:
        line = text.readline()
        if not line:
            break
        parts.append(line)
        size += len(line)
    return "".join(parts)


def _chain(sample: str, rest: IO[str]) -> Iterator[str]:
    yield from io.StringIO(sample, newline="")
    yield from rest


def _detect_format(path: str, fmt: str, sample: str) -> str:
    if fmt != "auto":
        return fmt
    ext = _EXTENSIONS.get(Path(path).suffix.lower()) if path != "-" else None
    if ext:
        return ext
    head = sample.lstrip()
    if head.startswith("["):
        return "json"
    return "jsonl" if head.startswith("{") else "csv"


def _sniff_delimiter(sample: str, fmt: str, delimiter: str | None) -> str:
    """The delimiter: the option, tab for TSV, else what the sniffer sees in the sample."""
    if delimiter:
        return "\t" if delimiter in ("\\t", "tab") else delimiter
    if fmt == "tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(",;\t|", key=first.count)


def csv_reader(lines, delimiter: str):
    """The one CSV dialect of lead exports: RFC 4180 quotes, strict, so that a quote that never
    closes is an error at the end of the input instead of one record that swallows the rest."""
    return csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=True)


def _csv_source(path: str, fmt: str, lines: Iterator[str], sample: str, delimiter: str | None,
                reopen=None) -> RecordSource:
    check_delimiter(delimiter)
    delim = _sniff_delimiter(sample, fmt, delimiter)
    reader = csv_reader(lines, delim)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"{path}: cannot read the header row: {exc}") from None
    header = [h.strip() for h in header]
    again = (lambda n: csv_reader(reopen(n), delim)) if reopen else None
    return RecordSource(path, "csv", header, _csv_rows(reader, len(header), 0, again), delim)


def _csv_rows(reader, width: int, offset: int = 0, reopen=None) -> Iterator[tuple[int, list | None, str | None]]:
    """Rows with the line where each starts (plus ``offset``, for a part of a file); ragged,
    undecodable and malformed records become problems, and the reading goes on.

    A quote that never closes makes the reader take every later line into one cell (issue 13:
    270,000 rows gone without a word). The strict reader stops at the end of the input instead;
    the line the quote is on is reported, and ``reopen(n)`` (a reader over the lines after the
    first ``n`` of this input) reads the rest again. Without ``reopen`` (standard input) the
    rest is reported as :class:`Unplaced`."""
    base, rereads = offset, 0  # base: the file line before the reader's first line
    last = reader.line_num + base
    while True:
        try:
            for cells in reader:  # a for loop over the C reader: no next() call a record
                row, last = last + 1, reader.line_num + base
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue
                if len(cells) != width:
                    span = f" (lines {row}-{last} read as one record)" if last > row else ""
                    yield row, None, f"ragged row: {len(cells)} cells where the header has {width}{span}; row skipped"
                elif _undecodable("\x1f".join(cells)):
                    yield row, None, "undecodable bytes (not UTF-8; try --encoding cp1252); row skipped"
                else:
                    yield row, cells, None
            return
        except csv.Error as exc:
            row, end = last + 1, reader.line_num + base
            if str(exc) != "unexpected end of data":
                yield row, None, f"unreadable CSV record: {exc}; record skipped"
                last = end
                continue
            rereads += 1
            if reopen is None or rereads > _REREADS or end <= row:
                lines = f"line {row}" if end <= row else f"lines {row}-{end}"
                yield row, None, Unplaced(f"a quoted cell that starts on this line is never closed, so {lines} "
                                          "could not be read as records")
                return
            yield row, None, ("a quoted cell that starts on this line is never closed; the line is skipped "
                              "and the lines after it are read as records")
            reader, base = reopen(row - offset), row
            last = row


def _undecodable(text: str) -> bool:
    """Whether ``text`` holds an escaped undecodable byte. Plain ASCII (most rows) cannot, and
    ``isascii`` says so many times faster than the regex search for the escapes."""
    return not text.isascii() and _UNDECODABLE.search(text) is not None


def _header_of(values) -> list[str]:
    """The columns of a JSON export: the keys of its first objects (flattened), in the order they
    first appear, so that a key the first record leaves out (an empty field) is still a column."""
    return [str(k) for k in dict.fromkeys(k for v in values if isinstance(v, dict) for k in flatten(v))]


def _jsonl_source(path: str, lines: Iterator[str]) -> RecordSource:
    """The header is the keys of the first lines that are JSON objects (see :func:`_header_of`);
    a file with no object near its start is not JSON Lines at all."""
    pending: list[tuple[int, object]] = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            pending.append((n, _loads(line)))
            if len(pending) >= _HEADER_LOOKAHEAD:
                break
    if pending and not any(isinstance(v, dict) for _, v in pending):
        n, value = pending[0]
        raise InputError(f"{path}: line {n}: not a JSON object ({_what(value)})"
                         + (f", nor are the next {len(pending) - 1} lines" if len(pending) > 1 else "")
                         + ": a JSON Lines lead export has one object per line (for a CSV file, use "
                           "--input-format csv)")
    header = _header_of(v for _, v in pending)
    return RecordSource(path, "jsonl", header, _jsonl_rows(pending, lines, header))


def _loads(line: str):
    """One JSON Lines record: its value, the problem as text, or ``_TOO_DEEP``."""
    try:
        return json.loads(line)
    except ValueError as exc:  # JSONDecodeError, or an integer longer than Python reads
        return _Problem(f"not valid JSON: {_json_reason(exc)}; line skipped")
    except RecursionError:
        return _TOO_DEEP


_JSON_TYPES = {"int": "a number", "float": "a number", "str": "a string", "list": "an array",
               "bool": "true or false", "NoneType": "null"}


def _what(value) -> str:
    """What a JSON record that is not an object is, for messages (problems are text here)."""
    if value is _TOO_DEEP:
        return "nested too deeply to read"
    if isinstance(value, _Problem):
        return value.removesuffix("; line skipped")
    return _JSON_TYPES.get(type(value).__name__, type(value).__name__)


def _jsonl_rows(pending: list, lines: Iterator[str], header: list[str]):
    last = pending[-1][0] if pending else 0
    for n, value in pending:
        yield (n, None, value) if isinstance(value, _Problem) else _object_row(n, value, header)
    for n, line in enumerate(lines, last + 1):
        if line.strip():
            value = _loads(line)
            yield (n, None, value) if isinstance(value, _Problem) else _object_row(n, value, header)


def _json_reason(exc: ValueError) -> str:
    """The decoder's message, without Python's advice on raising the integer-digits limit."""
    return getattr(exc, "msg", str(exc)).split("; use sys.set_int_max_str_digits")[0]


def flatten(record: dict) -> dict:
    """A JSON record as the columns an export would have: the keys of a ``properties`` object
    (HubSpot's CRM API: ``{"id": …, "properties": {"email": …}}``) are columns of their own, and
    other nested objects give dotted columns (Salesforce's ``{"Owner": {"Name": …}}`` →
    ``Owner.Name``). A record without nested objects is returned as it is."""
    if not any(isinstance(v, dict) for v in record.values()):
        return record
    out: dict = {}
    for key, value in record.items():
        if key == "properties" and isinstance(value, dict):
            continue
        if isinstance(value, dict):
            out.update((f"{key}.{k}", v) for k, v in value.items())
        else:
            out[key] = value
    if isinstance(record.get("properties"), dict):
        out.update(record["properties"])
    return out


def _object_row(row: int, obj, header: list[str]) -> tuple[int, list | None, str | None]:
    if obj is _TOO_DEEP:
        return row, None, _TOO_DEEP_PROBLEM
    if not isinstance(obj, dict):
        return row, None, f"expected a JSON object, found {_what(obj)}; skipped"
    obj = flatten(obj)
    try:
        if _UNDECODABLE.search(json.dumps(obj, ensure_ascii=False)):
            return row, None, "undecodable bytes (not UTF-8); record skipped"
        return row, [_cell(obj.get(k)) for k in header], None
    except RecursionError:  # decoded just below the limit, re-encoded just above it
        return row, None, _TOO_DEEP_PROBLEM


def _cell(value) -> str:
    """JSON values as the text a CSV export would have: null → empty, true → ``true``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_source(path: str, lines: Iterator[str], records_path: str | None = None) -> RecordSource:
    """The header is the keys of the first elements that are objects (see :func:`_header_of`);
    an array with no object near its start holds no lead records. The
    array is the whole file, or inside an API response object (see :class:`_JsonArrayStream`)."""
    stream = _JsonArrayStream(path, lines, records_path)
    pending: list = []
    while len(pending) < _HEADER_LOOKAHEAD:
        item = stream.next_item()
        if item is None:
            break
        pending.append(item)
        if isinstance(item, str):
            break
    found = [i for i in pending if not isinstance(i, str)]
    if not any(isinstance(v, dict) for _, v in found):
        if pending and not found:  # a syntax error before the first element ends
            raise InputError(f"{path}: line {stream.line}: {pending[0]}")
        if found:
            raise InputError(f"{path}: line {found[0][0]}: a JSON lead export must be an array of objects "
                             f"([{{...}}, ...]); " + (f"its first {len(found)} elements are not objects (the first "
                                                      f"is {_what(found[0][1])})" if len(found) > 1
                                                      else f"its first element is {_what(found[0][1])}"))
    header = _header_of(v for _, v in found)
    source = RecordSource(path, "json", header, _json_rows(stream, pending, header))
    source.json_stream = stream  # where the records were (records_key) and the next page, once read
    return source


def _json_rows(stream: "_JsonArrayStream", pending: list, header: list[str]):
    items = iter(pending)
    while True:
        item = next(items, None) or stream.next_item()
        if item is None:
            return
        if isinstance(item, str):  # a syntax error: reported, and the rest cannot be trusted
            yield stream.line, None, item
            return
        yield _object_row(item[0], item[1], header)


# Where API responses keep their records: HubSpot's CRM API ``results`` (with ``paging``),
# Salesforce's REST query ``records``, Pipedrive's and Zoho's ``data``.
RECORD_KEYS = ("results", "records", "data")


class _JsonArrayStream:
    """Decode one JSON array element by element with ``raw_decode`` over a growing buffer,
    counting lines so each element knows where it starts. The array is the file, or the value
    of ``records_path`` (default: the first of :data:`RECORD_KEYS` that holds an array) in the
    object the file is; what follows the array is read for ``paging.next`` (one page of many)."""

    def __init__(self, path: str, lines: Iterator[str], records_path: str | None = None) -> None:
        self.path, self.lines, self.buf, self.pos, self.line = path, lines, "", 0, 1
        self.decoder = json.JSONDecoder()
        self.eof = False
        self.records_path, self.records_key, self.next_page, self.tail_read = records_path, None, None, False
        self._open_array()

    def _fill(self, min_chars: int = 1 << 20) -> bool:
        """Append at least ``min_chars`` more text (or the rest); False at end of input."""
        if self.eof:
            return False
        self.buf = self.buf[self.pos:]
        self.pos = 0
        parts, size = [self.buf], 0
        for line in self.lines:
            parts.append(line)
            size += len(line)
            if size >= min_chars:
                break
        else:
            self.eof = True
        self.buf = "".join(parts)
        return size > 0

    def _skip_space(self) -> str:
        """The next non-space character (counting newlines), or '' at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.line += self.buf[self.pos] == "\n"
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def _open_array(self) -> None:
        char = self._skip_space()
        if char == "{":
            char = self._enter_records()
        elif self.records_path:
            raise InputError(f"{self.path}: line {self.line}: --records-path {self.records_path}: the file is not a "
                             "JSON object")
        if char != "[":
            if char == "{":
                found = (f"an object{self._keys()} and no array of records under "
                         f"{', '.join(repr(k) for k in RECORD_KEYS[:-1])} or {RECORD_KEYS[-1]!r} (name its key with "
                         "--records-path, or use --input-format jsonl for one object per line)")
            else:
                found = f"{repr(char) if char else 'nothing'} (use --input-format jsonl for one object per line)"
            raise InputError(f"{self.path}: line {self.line}: a JSON lead export must be an array of objects "
                             f"([{{...}}, ...]); found {found}")
        self.pos += 1
        self.first = True

    def _enter_records(self) -> str:
        """In the object at ``pos``: move to the ``[`` of its records array and return ``[``, or
        stay at the ``{`` (and return it) when the object has none."""
        start, line = self.pos, self.line
        self.pos += 1
        keys = []
        while True:
            char = self._skip_space()
            if char != '"':
                break
            key = self._value()
            if not isinstance(key, str) or self._skip_space() != ":":
                break
            self.pos += 1
            keys.append(key)
            wanted = key == self.records_path if self.records_path else key in RECORD_KEYS
            if wanted and self._skip_space() == "[":
                self.records_key = key
                return "["
            if wanted and self.records_path:  # it names something that is not an array
                raise InputError(f"{self.path}: line {self.line}: {key!r} is not an array of records")
            value = self._value()
            if key == "paging" and isinstance(value, dict) and value.get("next"):
                self.next_page = value["next"]
            if value is _END or self._skip_space() != ",":
                break
            self.pos += 1
        if self.records_path:
            raise InputError(f"{self.path}: line {line}: --records-path {self.records_path}: no such key in the "
                             "object (its keys: " + ", ".join(repr(k) for k in keys[:8]) + ")")
        self.pos, self.line = start, line  # for the message: "found an object with keys …"
        return "{"

    def _value(self):
        """Decode the value at ``pos`` and move past it (growing the buffer); ``_END`` if it does not decode."""
        self._skip_space()
        grow = 1 << 20
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except (ValueError, RecursionError):
                if self._fill(grow):
                    grow *= 2
                    continue
                return _END
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            return value

    def _read_tail(self) -> None:
        """After the records array of an API response: note ``paging.next`` (a page of many)."""
        while self._skip_space() == ",":
            self.pos += 1
            if self._skip_space() != '"':
                return
            key = self._value()
            if self._skip_space() != ":":
                return
            self.pos += 1
            value = self._value()
            if key == "paging" and isinstance(value, dict) and value.get("next"):
                self.next_page = value["next"]

    def next_item(self):
        """``(line, value)`` for the next element, None after ``]``, or an error message."""
        if self.tail_read:
            return None  # the array has ended (and what follows it is read)
        char = self._skip_space()
        if char == "]":
            self.tail_read = True
            if self.records_key is not None:
                self.pos += 1
                self._read_tail()
            return None
        if not self.first:
            if char != ",":
                return "not valid JSON: expected ',' or ']' between records" if char else "unterminated JSON array"
            self.pos += 1
            char = self._skip_space()
        self.first = False
        if not char:
            return "unterminated JSON array"
        return self._decode()

    def _keys(self) -> str:
        """`` with keys 'results', 'paging'`` for the object at the start (a whole-file object,
        such as an API response, rather than records), when the first MiB holds all of it."""
        try:  # only what is in the buffer already: never read a whole big file for a message
            value, _ = self.decoder.raw_decode(self.buf, self.pos)
        except (ValueError, RecursionError):
            return ""
        return " with keys " + ", ".join(repr(str(k)) for k in list(value)[:5]) if value else ""

    def _decode(self):
        grow = 1 << 20
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                if self._fill(grow):
                    grow *= 2
                    continue
                return f"not valid JSON: {exc.msg}"
            except ValueError as exc:  # an integer longer than Python reads (sys.set_int_max_str_digits)
                return f"not valid JSON: {_json_reason(exc)}"
            except RecursionError:
                start = self.line
                return (start, _TOO_DEEP) if self._skip_value() else "unterminated JSON array"
            start = self.line
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            return start, value

    _STRUCTURE = re.compile(r'["\[\]{}]')
    _IN_STRING = re.compile(r'["\\]')

    def _skip_value(self) -> bool:
        """Move past the array or object at ``pos`` without decoding it (brackets counted,
        strings and their escapes skipped); False when the input ends first."""
        depth, in_string = 0, False
        while True:
            m = (self._IN_STRING if in_string else self._STRUCTURE).search(self.buf, self.pos)
            if m is None or (m.group() == "\\" and m.end() >= len(self.buf)):
                keep = len(self.buf) if m is None else m.start()  # an escape needs its next character
                self.line += self.buf.count("\n", self.pos, keep)
                self.pos = keep
                if not self._fill():
                    return False
                continue
            char = m.group()
            if char == '"':
                in_string = not in_string
            elif char != "\\":
                depth += 1 if char in "[{" else -1
            end = m.end() + (char == "\\")
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            if depth == 0 and not in_string:
                return True
