"""``--jobs N``: check files in worker processes, with output identical to a serial run.

Work per file is independent (DESIGN.md), so files are spread over a process pool. Each worker
builds its own :class:`~smlint.linter.Linter` from the same
:class:`~smlint.linter.LintOptions` the main process validated (compiling packs is cheap;
pickling compiled RE2 automata is not possible). A worker checks each file behind the same
guard as a serial run (:meth:`~smlint.linter.Linter.lint_target`), so a file that cannot be
checked comes back as its FileError. Results come back in submission order (``Executor.map``), so findings, errors and
their order never depend on scheduling. Processes only pay off with enough work: each worker
must get at least :data:`MIN_WORK` (files and bytes), else the run stays in this process.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterator

from smlint.discover import Target


@dataclass(frozen=True)
class Floor:
    """The least work one worker process must get for a pool to be worth starting."""

    files: int = 8
    bytes: int = 2 * 2**20


# Measured with bench/jobs_bench.py on a busy 2-core machine: a serial run checks plain copy at
# ~4-7 MiB/s, and a 2-process pool added ~0.45 s of CPU for 2,000 files (fork, engine compile,
# shipping 11,303 findings back: pickling alone is 0.13 s), so a pool needs megabytes of text
# per worker before it can win; below this floor the run stays serial.
MIN_WORK = Floor()


def default_jobs() -> int:
    """The CPUs this process may use (respects affinity masks and container CPU sets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Task:
    """One file to check and the index of the options (per-path settings) that apply to it."""

    target: Target
    group: int


def workers_for(jobs: int, n_files: int, n_bytes: int, floor: Floor | None = None) -> int:
    """How many processes to start (each with at least ``floor`` of work); 0: stay serial."""
    floor = floor or MIN_WORK
    workers = min(jobs, n_files // max(1, floor.files), n_bytes // max(1, floor.bytes))
    return workers if workers >= 2 else 0


def run_tasks(options: list, tasks: list[Task], jobs: int, *, stdin_text: str | None = None,
              stdin_name: str | None = None, linters: list | None = None,
              on_done: Callable[[], None] | None = None, floor: Floor | None = None) -> list:
    """``(findings, error)`` for each task, in task order, serially or in up to ``jobs`` processes."""
    workers = workers_for(jobs, len(tasks), sum(_size(t.target) for t in tasks), floor)
    if workers < 2:
        linters = linters or [_build(o) for o in options]
        results = (linters[t.group].lint_target(t.target, stdin_text, stdin_name) for t in tasks)
    else:
        results = _pooled(options, tasks, workers, stdin_text, stdin_name, linters)
    out = []
    for result in results:
        out.append(result)
        if on_done is not None:
            on_done()
    return out


def _size(target: Target) -> int:
    try:
        return os.path.getsize(target.path) if target.path != "-" else 0
    except OSError:
        return 0  # reported when the file is read


def _pooled(options, tasks, workers, stdin_text, stdin_name, linters=None) -> Iterator:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # ~20 ms to import: only when a pool runs

    chunk = max(1, len(tasks) // (workers * 8))
    if linters and "fork" in multiprocessing.get_all_start_methods():
        # Forked workers inherit the Linters the main process already built (packs loaded,
        # engines compiled): no re-import, no re-load, ~0.1-0.3 s less per worker. The engines
        # are compiled here, once, rather than in every worker (issue 14: 0.3 s of CPU each with
        # the built-in packs; the wall time is the same, the workers would compile in parallel).
        for linter in linters:
            linter.prepare()
        _init_worker(options, stdin_text, stdin_name, dict(enumerate(linters)))
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
                yield from pool.map(_work, tasks, chunksize=chunk)
        finally:
            _WORKER.clear()
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(options, stdin_text, stdin_name)) as pool:
        yield from pool.map(_work, tasks, chunksize=chunk)


def _build(options):
    from smlint.linter import Linter

    return Linter(options)


# Per-process state of a pool worker, set once by the initializer (never used in the main process).
_WORKER: dict = {}


def _init_worker(options: list, stdin_text: str | None, stdin_name: str | None,
                 linters: dict | None = None) -> None:
    _WORKER.update(options=options, linters=linters or {}, stdin=(stdin_text, stdin_name))


def _work(task: Task):
    linters = _WORKER["linters"]
    if task.group not in linters:
        linters[task.group] = _build(_WORKER["options"][task.group])
    return linters[task.group].lint_target(task.target, *_WORKER["stdin"])
