"""Check one big CSV export on several cores, with exactly the results of one process.

The file is cut into byte ranges at record boundaries: in RFC 4180 CSV a newline ends a
record exactly when the number of quote characters before it is even, and ``bytes.count``
finds that at memory speed. Each range is checked in its own process; results merge because
everything a run accumulates is mergeable (findings concatenate, segment counters add).
Only ``duplicate`` looks across records, so a first, cheap pass collects each range's keys and
every range is then checked knowing the keys of the ranges before it (DESIGN.md: "a pure
function per record plus mergeable group aggregates").
"""
from __future__ import annotations

import io
import itertools
import mmap
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from smlint.leads.fields import bind
from smlint.leads.keystore import KeyStore
from smlint.leads.kinds.base import Rec
from smlint.leads.records import RecordSource, _csv_rows, csv_reader
from smlint.leads.scorecards import Segments

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


def _keys(index: int) -> list[KeyStore]:
    """Pass 1 in a worker: the first row of every duplicate key in one range."""
    run, path, shown, parts, header, delimiter, encoding = (
        _STATE[k] for k in ("run", "path", "shown", "parts", "header", "delimiter", "encoding"))
    binding = bind(list(run.pack.fields), header, shown)
    dups = [k for k in run.kinds if k.rule.kind == "duplicate"]
    found = [KeyStore() for _ in dups]
    needed = _key_slots(dups)  # parse only what the keys and their conditions read
    idx = [(i if i >= 0 and s in needed else None) for s, i in enumerate(binding.indexes)]
    parsers = [p if s in needed else _nothing for s, p in enumerate(run.parsers)]
    for row, cells, problem in range_source(path, parts[index], header, delimiter, encoding).records:
        if problem is None:
            raw = [cells[i] if i is not None else "" for i in idx]
            rec = Rec(row, None, raw, [p(r) for p, r in zip(parsers, raw)])
            for kind, seen in zip(dups, found):
                if kind.when and not kind.applies(rec):
                    continue
                key = kind.key(rec)
                if key is not None:
                    seen.setdefault(key, row)
    return found


def _nothing(raw: str) -> None:
    return None


def _key_slots(dups: list) -> set[int]:
    slots: set[int] = set()
    for kind in dups:
        slots.update(kind.slots)
        slots.update(kind.ctx.slots[c.field] for c in kind.when)
        if kind.country_slot is not None:
            slots.add(kind.country_slot)
    return slots


def _check(index: int):
    """Pass 2 in a worker: check one range knowing the duplicate keys of the ranges before it."""
    run, path, shown, parts, header, delimiter, encoding = (
        _STATE[k] for k in ("run", "path", "shown", "parts", "header", "delimiter", "encoding"))
    for j, kind in enumerate(k for k in run.kinds if k.rule.kind == "duplicate"):
        kind.before = [*kind.before, kind.seen, *(keys[j] for keys in _STATE["keys"][:index])]
        kind.seen = KeyStore()
    run.findings, run.errors, run.rows, run.kept, run.totals = [], [], 0, {}, {}  # only this range's results go back
    run.segments = Segments(run.segments.by, run.segments.rules)
    binding = bind(list(run.pack.fields), header, shown)
    run._records(shown, range_source(path, parts[index], header, delimiter, encoding), binding)
    seg = run.segments
    result = run.findings, run.errors, run.totals, run.rows, {b: dict(v) for b, v in seg.outcomes.items()}, \
        {b: dict(v) for b, v in seg.minutes.items()}
    _release(run)
    return result


def _release(run) -> None:
    """Let go of what a range built (its duplicate keys, the memos) once its results are made:
    a worker that finishes first would otherwise hold that memory while the others check.
    A worker given another range still sees these keys, as the keys pass found them."""
    for kind in run.kinds:
        if kind.rule.kind == "duplicate":
            kind.seen = KeyStore()
    run.ctx.emails.memo.clear()
    run.ctx.phones.memo.clear()
    run.ctx.phones.verdicts.clear()


def check_parallel(run, path: str, shown: str, source: RecordSource, parts: list[Range]) -> None:
    """Check ``parts`` of ``path`` in processes and merge the results into ``run``."""
    _STATE.update(run=run, path=path, shown=shown, parts=parts, header=source.header, delimiter=source.delimiter,
                  encoding=source.encoding)
    context = multiprocessing.get_context("fork")
    dups = [k for k in run.kinds if k.rule.kind == "duplicate"]
    try:
        # the last range's keys matter only to later files
        wanted = len(parts) - 1 if run.last_file else len(parts)
        _STATE["keys"] = [[KeyStore() for _ in dups] for _ in parts]
        # the progress bar: each pass counts its share of a range's bytes when the range is done
        passes = 2 if dups and wanted else 1
        if dups:
            with ProcessPoolExecutor(min(wanted, len(parts)), mp_context=context) as pool:
                _STATE["keys"][:wanted] = _in_order(pool, _keys, wanted, parts, run, 0, passes)
        with ProcessPoolExecutor(len(parts), mp_context=context) as pool:
            results = _in_order(pool, _check, len(parts), parts, run, passes - 1, passes)
        for j, kind in enumerate(dups):  # later files see this file's keys, without copying them
            kind.before = [*kind.before, kind.seen, *(keys[j] for keys in _STATE["keys"])]
            kind.seen = KeyStore()
    finally:
        _STATE.clear()
    for findings, errors, totals, rows, outcomes, minutes in results:
        run.merge_findings(findings, totals)
        run.errors.extend(errors)
        run.rows += rows
        _merge(run.segments, outcomes, minutes)


def _in_order(pool, task, n: int, parts: list[Range], run, done: int, passes: int) -> list:
    """``pool.map(task, range(n))``, moving ``run``'s progress bar on as each range comes back."""
    futures = [pool.submit(task, i) for i in range(n)]
    first, span = parts[0].start, parts[-1].end - parts[0].start
    finished, results = span * done, []  # bytes x passes done so far
    for part, future in zip(parts, futures):
        results.append(future.result())
        finished += part.end - part.start
        run.read_to(first + finished // passes)
    return results


def _merge(segments, outcomes: dict, minutes: dict) -> None:
    for by, table in outcomes.items():
        for segment, counter in table.items():
            mine = segments.outcomes[by][segment]
            for code, n in counter.items():
                mine[code] = mine.get(code, 0) + n
    for by, table in minutes.items():
        for key, counter in table.items():
            segments.minutes[by][key].update(counter)
