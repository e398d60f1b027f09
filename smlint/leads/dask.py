"""Check a ``dask.dataframe`` of lead records: each partition is a batch for
:func:`smlint.leads.batch.check_batch`, and the results merge on the workers.

Two passes over the partitions, so that ``duplicate`` sees across them: the first collects each
partition's length and duplicate keys (hashes only), merged on the client into one store of
every key at its first row; the second checks each partition with that store. Persist the
dataframe first (``ddf.persist()``) when reading it twice costs more than holding it.

Rows are numbered as in a CSV with a header line: the first record is row 2, the records
counted across the partitions in order. Cells are read as text: ``""`` for a missing value,
ISO 8601 for a datetime column (list ``iso`` in the field's formats), ``str()`` otherwise.
Install with ``pip install 'smlint[dask]'``; docs/leads.md, "Running on Dask".
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import time
from typing import Iterator

from smlint.errors import SmlintError
from smlint.leads.batch import Agreement, Batch, BatchResult, Layout, batch_keys, check_batch, merge
from smlint.leads.fields import unbound_message
from smlint.leads.keystore import KeyStore
from smlint.model import FileError, RunStats

FIRST_ROW = 2  # the header is row 1, as in the file the frame was read from


def frame_records(frame, first_row: int = FIRST_ROW) -> Iterator[tuple]:
    """A pandas DataFrame's rows as ``(row, cells, None)``, the cells as text."""
    text = frame.astype(object).where(frame.notna(), "")
    for row, cells in enumerate(text.itertuples(index=False, name=None), first_row):
        yield row, [c if c.__class__ is str else _text(c) for c in cells], None


def _text(value) -> str:
    if isinstance(value, _dt.datetime):  # pandas Timestamp included
        return value.isoformat()
    return str(value)


def _keys(agreement: Agreement, layout: Layout, frame) -> tuple[int, tuple[KeyStore, ...]]:
    """Pass 1 on a worker: a partition's length and its duplicate keys (rows from FIRST_ROW)."""
    return len(frame), batch_keys(agreement, Batch(layout, frame_records(frame)))


def _check(agreement: Agreement, layout: Layout, frame, first_row: int, known) -> BatchResult:
    """Pass 2 on a worker: check a partition knowing the first row of every key."""
    result = check_batch(agreement, Batch(layout, frame_records(frame, first_row), (known,)))
    return result.without_keys()  # the client has them from pass 1


def _merge(cap: int, a: BatchResult, b: BatchResult) -> BatchResult:
    return merge(a, b, cap)


def check_dask(agreement: Agreement, ddf, name: str = "<dask>", *, config=None, baseline: str | None = None):
    """Check every partition of ``ddf`` and merge: the :class:`~smlint.leads.engine.LeadResult`
    the serial run gives on the same records (findings, scorecards, budgets, counts).

    Runs on the current Dask scheduler (a ``distributed.Client`` when one is active). A column
    a required field needs is a usage error (:class:`~smlint.leads.fields.MissingColumns`).
    ``config`` (a loaded smlint config: ``disable``, ``severity``…) and ``baseline`` (a baseline
    file) apply to the merged findings as in ``smlint leads``, with ``name`` as the export's path."""
    import dask

    from smlint.leads.engine import Suppression, lead_result

    suppression = Suppression.load(config, baseline, agreement.pack.rules)
    cap = agreement.max_findings

    started = time.perf_counter()
    agreement = agreement.made_portable()  # keys hashed on different workers must agree
    if suppression:  # hidden findings must not take the places max_findings keeps: cap after hiding
        agreement = dataclasses.replace(agreement, max_findings=0)
    header = [str(c) for c in ddf.columns]
    layout = agreement.layout(header, name)
    errors = []
    unbound = agreement.unbound(layout.binding)
    if unbound:
        errors.append(FileError(name, unbound_message(unbound, list(agreement.fields), header)))
    parts = ddf.to_delayed()
    if not parts:
        raise SmlintError(f"{name}: the dataframe has no partitions")
    # once in the graph, not once per task; as they are (dask would rebuild dataclasses field by field)
    shared, layout = (dask.delayed(x, traverse=False) for x in (agreement, layout))
    task = dask.delayed(_keys, pure=True)
    firsts = dask.compute(*[task(shared, layout, part) for part in parts])
    starts, row = [], FIRST_ROW
    stores = [KeyStore() for _ in agreement.duplicates]  # every key at its first row
    for length, keys in firsts:
        starts.append(row)
        for mine, theirs in zip(stores, keys):
            mine.update_min(theirs, row - FIRST_ROW)
        row += length
    known = dask.delayed(tuple(stores), traverse=False)
    check, join = dask.delayed(_check, pure=True), dask.delayed(_merge, pure=True)
    results = [check(shared, layout, part, start, known) for part, start in zip(parts, starts)]
    while len(results) > 1:  # a tree of merges, run on the workers
        results = [join(agreement.max_findings, *results[i:i + 2]) if i + 1 < len(results) else results[i]
                   for i in range(0, len(results), 2)]
    (merged,) = dask.compute(results[0])
    merged = merge(agreement.empty(), merged, agreement.max_findings)  # also the result of one partition
    stats = RunStats(packs=(agreement.pack.pack.name,), duration=time.perf_counter() - started)
    stats.check(name)
    result = lead_result(agreement, merged, errors + merged.file_errors, stats, name)
    return suppression.apply(result, cap) if suppression else result
