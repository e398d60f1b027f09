"""Streaming record readers for lead exports: CSV/TSV, JSON (array of objects) and JSONL.

Every reader yields ``(row, cells, problem)`` where ``row`` is the 1-based line of the file
where the record starts, ``cells`` a list aligned with :attr:`RecordSource.header` (or None),
and ``problem`` None or a short message (ragged row, undecodable bytes, bad JSON) that the
engine turns into a finding; the run goes on with the next record. Nothing is loaded whole:
memory stays flat however many rows the export has.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

from smlint.errors import SmlintError

FORMATS = ("auto", "csv", "tsv", "json", "jsonl")
_SAMPLE_BYTES = 64 * 1024
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl",
               ".ndjson": "jsonl"}

csv.field_size_limit(16 * 1024 * 1024)  # long notes cells are normal in CRM exports


class InputError(SmlintError):
    """A file that cannot be read as records at all (empty, not an array …)."""


@dataclass
class RecordSource:
    """One opened export: its header and an iterator of ``(row, cells, problem)``."""

    path: str
    format: str
    header: list[str]
    records: Iterator[tuple[int, list | None, str | None]]
    delimiter: str | None = None
    closers: list = field(default_factory=list)

    def close(self) -> None:
        for fh in self.closers:
            fh.close()


def open_records(path: str, fmt: str = "auto", delimiter: str | None = None,
                 stdin: IO[bytes] | None = None) -> RecordSource:
    """Open ``path`` (``-`` for stdin) and read its header; raise InputError when it has none."""
    binary = _open_binary(path, stdin)
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
    sample = _read_sample(text)
    if not sample.strip():
        text.close()
        raise InputError(f"{path}: the file is empty (no header, no records)")
    fmt = _detect_format(path, fmt, sample)
    lines = _chain(sample, text)
    if fmt in ("csv", "tsv"):
        source = _csv_source(path, fmt, lines, sample, delimiter)
    elif fmt == "jsonl":
        source = _jsonl_source(path, lines)
    else:
        source = _json_source(path, lines)
    source.closers.append(text)
    return source


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


def _csv_source(path: str, fmt: str, lines: Iterator[str], sample: str, delimiter: str | None) -> RecordSource:
    delim = _sniff_delimiter(sample, fmt, delimiter)
    if len(delim) != 1:
        raise InputError(f"--delimiter must be one character, not {delim!r}")
    reader = csv.reader(lines, delimiter=delim, quotechar='"', doublequote=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"{path}: cannot read the header row: {exc}") from None
    header = [h.strip() for h in header]
    return RecordSource(path, "csv", header, _csv_rows(reader, len(header)), delim)


def _csv_rows(reader, width: int, offset: int = 0) -> Iterator[tuple[int, list | None, str | None]]:
    """Rows with the line where each starts (plus ``offset``, for a part of a file); ragged and
    undecodable rows become problems."""
    last = reader.line_num + offset
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield last + 1, None, f"unreadable CSV from here on: {exc}"
            return
        row, last = last + 1, reader.line_num + offset
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        if len(cells) != width:
            yield row, None, f"ragged row: {len(cells)} cells where the header has {width}; row skipped"
        elif _undecodable("\x1f".join(cells)):
            yield row, None, "undecodable bytes (not UTF-8); row skipped"
        else:
            yield row, cells, None


def _undecodable(text: str) -> bool:
    """Whether ``text`` holds an escaped undecodable byte. Plain ASCII (most rows) cannot, and
    ``isascii`` says so many times faster than the regex search for the escapes."""
    return not text.isascii() and _UNDECODABLE.search(text) is not None


def _jsonl_source(path: str, lines: Iterator[str]) -> RecordSource:
    first: list = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            first.append((n, line))
            break
    header = _header_of(first[0][1]) if first else []
    return RecordSource(path, "jsonl", header, _jsonl_rows(first, lines, header))


def _header_of(line: str) -> list[str]:
    try:
        obj = json.loads(line)
    except ValueError:
        return []
    return [str(k) for k in obj] if isinstance(obj, dict) else []


def _jsonl_rows(first: list, lines: Iterator[str], header: list[str]):
    start = first[0][0] if first else 0
    pending = [first[0][1]] if first else []
    for n, line in enumerate(_prepend(pending, lines), start):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield n, None, f"not valid JSON: {_json_reason(exc)}; line skipped"
            continue
        yield _object_row(n, obj, header)


def _prepend(items: list, rest: Iterator[str]) -> Iterator[str]:
    yield from items
    yield from rest


def _json_reason(exc: ValueError) -> str:
    return getattr(exc, "msg", str(exc))


def _object_row(row: int, obj, header: list[str]) -> tuple[int, list | None, str | None]:
    if not isinstance(obj, dict):
        return row, None, f"expected a JSON object, found {type(obj).__name__}; skipped"
    if _UNDECODABLE.search(json.dumps(obj, ensure_ascii=False)):
        return row, None, "undecodable bytes (not UTF-8); record skipped"
    return row, [_cell(obj.get(k)) for k in header], None


def _cell(value) -> str:
    """JSON values as the text a CSV export would have: null → empty, true → ``true``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_source(path: str, lines: Iterator[str]) -> RecordSource:
    stream = _JsonArrayStream(path, lines)
    first = stream.next_item()
    header = [str(k) for k in first[1]] if first and isinstance(first[1], dict) else []
    return RecordSource(path, "json", header, _json_rows(stream, first, header))


def _json_rows(stream: "_JsonArrayStream", first, header: list[str]):
    item = first
    while item is not None:
        if isinstance(item, str):  # a syntax error: reported, and the rest cannot be trusted
            yield stream.line, None, item
            return
        yield _object_row(item[0], item[1], header)
        item = stream.next_item()


class _JsonArrayStream:
    """Decode one JSON array element by element with ``raw_decode`` over a growing buffer,
    counting lines so each element knows where it starts."""

    def __init__(self, path: str, lines: Iterator[str]) -> None:
        self.path, self.lines, self.buf, self.pos, self.line = path, lines, "", 0, 1
        self.decoder = json.JSONDecoder()
        self.eof = False
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
        if char != "[":
            found = {"{": "an object", "": "nothing"}.get(char, f"{char!r}")
            raise InputError(f"{self.path}:{self.line}: a JSON lead export must be an array of objects "
                             f"([{{...}}, ...]); found {found} (use --input-format jsonl for one object per line)")
        self.pos += 1
        self.first = True

    def next_item(self):
        """``(line, value)`` for the next element, None after ``]``, or an error message."""
        char = self._skip_space()
        if char == "]":
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
            start = self.line
            self.line += self.buf.count("\n", self.pos, end)
            self.pos = end
            return start, value
