"""Check one big CSV export on several cores, with exactly the results of one process.

The file is cut into byte ranges at record boundaries: in RFC 4180 CSV a newline ends a
record exactly when the number of quote characters before it is even, and ``bytes.count``
finds that at memory speed. Each range is a batch for :func:`smlint.leads.batch.check_batch`,
checked in its own process; the results merge (:func:`smlint.leads.batch.merge`). Only
``duplicate`` looks across records, so a first, cheap pass collects each range's keys
(:func:`~smlint.leads.batch.batch_keys`) and every range is then checked knowing the keys of
the ranges before it.
"""
from __future__ import annotations

import io
import itertools
import mmap
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from smlint.leads.batch import Agreement, Batch, BatchResult, Layout, batch_keys, check_batch, merge_all
from smlint.leads.keystore import KeyStore
from smlint.leads.records import RecordSource, _csv_rows, csv_reader

MIN_BYTES = 16 * 1024 * 1024  # below this, starting processes costs more than it saves
_STATE: dict = {}  # set in the parent before forking; read by the forked workers


@dataclass(frozen=True)
class Range:
    start: int
    end: int
    first_line: int  # the file line where the range's first record starts


def plan(path: str, jobs: int) -> list[Range] | None:
    """Byte ranges after the header, cut at record boundaries; None when not worth it."""
    if jobs < 2 or os.path.getsize(path) < MIN_BYTES or "fork" not in multiprocessing.get_all_start_methods():
        return None
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        cuts = [_boundary(data, 0)]
        size = len(data)
        for k in range(1, jobs):
            cut = _boundary(data, max(cuts[-1], cuts[0] + (size - cuts[0]) * k // jobs))
            if cut < size:
                cuts.append(cut)
        cuts.append(size)
        return [Range(a, b, _count(data, 0, a, b"\n") + 1) for a, b in zip(cuts, cuts[1:]) if b > a]


def _count(data, start: int, end: int, byte: bytes) -> int:
    """Occurrences of ``byte`` in ``data[start:end]``, 4 MiB at a time (mmap has no count)."""
    total, step = 0, 4 << 20
    for pos in range(start, end, step):
        total += data[pos:min(end, pos + step)].count(byte)
    return total


def _boundary(data, start: int) -> int:
    """The first record boundary (just after a newline outside quotes) at or after ``start``."""
    quotes = _count(data, 0, start, b'"')
    pos = start
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            return len(data)
        quotes += data[pos:nl].count(b'"')
        if quotes % 2 == 0:
            return nl + 1
        pos = nl + 1


def range_source(path: str, part: Range, header: list[str], delimiter: str, encoding: str) -> RecordSource:
    """The records of one byte range, numbered with the file's own line numbers."""
    codec = "utf-8" if encoding == "utf-8-sig" else encoding  # a range never starts with the BOM
    reader = csv_reader(_lines(path, part, codec=codec), delimiter)

    def reopen(n: int):
        return csv_reader(itertools.islice(_lines(path, part, codec=codec), n, None), delimiter)
    return RecordSource(path, "csv", header, _csv_rows(reader, len(header), part.first_line - 1, reopen),
                        delimiter, encoding=encoding)


def _lines(path: str, part: Range, block: int = 1 << 20, codec: str = "utf-8"):
    """The range's lines, decoded a block of whole lines at a time (ranges and blocks end at
    newlines, so no character is cut) and split on ``\\n`` only, as the binary file splits."""
    with open(path, "rb") as fh:
        fh.seek(part.start)
        left = part.end - part.start
        while left > 0:
            data = fh.read(min(left, block))
            if not data:
                return
            if len(data) < left and not data.endswith(b"\n"):
                data += fh.readline()  # the rest of the last line (the range ends after a newline)
            left -= len(data)
            yield from io.StringIO(data.decode(codec, "surrogateescape"), newline="\n")


def _batch(index: int, known=()) -> Batch:
    """Range ``index`` of the file being checked, as a batch (in a forked worker)."""
    layout, path, parts, header, delimiter, encoding = (
        _STATE[k] for k in ("layout", "path", "parts", "header", "delimiter", "encoding"))
    return Batch(layout, range_source(path, parts[index], header, delimiter, encoding).records, known)


def _keys(index: int) -> tuple[KeyStore, ...]:
    """Pass 1 in a worker: the first row of every duplicate key in one range."""
    return batch_keys(_STATE["agreement"], _batch(index))


def _check(index: int) -> BatchResult:
    """Pass 2 in a worker: check one range knowing the duplicate keys of the ranges before it."""
    agreement = _STATE["agreement"]
    known = (*_STATE["known"], *_STATE["keys"][:index])
    result = check_batch(agreement, _batch(index, known)).without_keys()  # the parent has them from pass 1
    agreement.clear_caches()  # a worker that finishes first would otherwise hold them while the others check
    return result


def check_parallel(agreement: Agreement, layout: Layout, path: str, source: RecordSource, parts: list[Range],
                   known: tuple = (), last_file: bool = True, read_to=None) -> tuple[BatchResult, list]:
    """Check ``parts`` of ``path`` in processes: the merged result and each range's duplicate
    keys (for the files after this one; empty stores when ``last_file``). ``read_to(byte)``
    moves a progress bar."""
    _STATE.update(agreement=agreement, layout=layout, path=path, parts=parts, header=source.header,
                  delimiter=source.delimiter, encoding=source.encoding, known=known)
    context = multiprocessing.get_context("fork")
    dups = agreement.duplicates
    read_to = read_to or (lambda position: None)
    try:
        # the last range's keys matter only to later files
        wanted = len(parts) - 1 if last_file else len(parts)
        _STATE["keys"] = [tuple(KeyStore() for _ in dups) for _ in parts]
        # the progress bar: each pass counts its share of a range's bytes when the range is done
        passes = 2 if dups and wanted else 1
        if dups:
            with ProcessPoolExecutor(min(wanted, len(parts)), mp_context=context) as pool:
                _STATE["keys"][:wanted] = _in_order(pool, _keys, wanted, parts, read_to, 0, passes)
        with ProcessPoolExecutor(len(parts), mp_context=context) as pool:
            results = _in_order(pool, _check, len(parts), parts, read_to, passes - 1, passes)
        keys = list(_STATE["keys"])
    finally:
        _STATE.clear()
    return merge_all(results, agreement), keys


def _in_order(pool, task, n: int, parts: list[Range], read_to, done: int, passes: int) -> list:
    """``pool.map(task, range(n))``, moving the progress bar on as each range comes back."""
    futures = [pool.submit(task, i) for i in range(n)]
    first, span = parts[0].start, parts[-1].end - parts[0].start
    finished, results = span * done, []  # bytes x passes done so far
    for part, future in zip(parts, futures):
        results.append(future.result())
        finished += part.end - part.start
        read_to(first + finished // passes)
    return results
