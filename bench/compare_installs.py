#!/usr/bin/env python3
"""Two smlint installations side by side on the same command, in alternating pairs, in one run.

    python3 ../shared/bench/make_corpus.py --size small --out /tmp/corpus
    python3 bench/compare_installs.py --a OLD/.venv/bin/smlint --b .venv/bin/smlint \\
        --rounds 5 -- check /tmp/corpus/small --jobs 1 --format json --no-registry

Each round runs A then B (then B then A next round, so neither always goes first), whole process,
and records wall time, CPU time (user + system of the child) and peak memory (max RSS) from
``os.wait4``. Prints the medians, the ranges and the B/A ratios — quote the ratios, which hold on a
loaded machine better than either figure does. Output of the runs goes to /dev/null; the exit
codes (0 or 1: findings) are checked so a broken run is not timed as a fast one.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time


def run_once(argv: list[str]) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MiB) of one whole-process run."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        raise SystemExit(f"{argv[0]} exited {code}: {err[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def summary(rows: list[tuple[float, float, float]]) -> dict:
    cols = list(zip(*rows))
    return {name: (statistics.median(c), min(c), max(c)) for name, c in zip(("wall", "cpu", "mib"), cols)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--a", required=True, help="the reference smlint executable (e.g. the previous version)")
    parser.add_argument("--b", required=True, help="the smlint executable to compare with it")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then the smlint arguments")
    opts = parser.parse_args(argv)
    args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args
    for exe in (opts.a, opts.b):  # warm the parse and lemma caches and the page cache
        run_once([exe, *args])
    results: dict[str, list] = {"a": [], "b": []}
    for i in range(opts.rounds):
        order = ("a", "b") if i % 2 == 0 else ("b", "a")
        for which in order:
            results[which].append(run_once([getattr(opts, which), *args]))
    a, b = summary(results["a"]), summary(results["b"])
    print(f"command: smlint {' '.join(args)}   rounds: {opts.rounds}   load: {os.getloadavg()[0]:.2f}")
    for name, unit in (("wall", "s"), ("cpu", "s"), ("mib", "MiB")):
        (am, alo, ahi), (bm, blo, bhi) = a[name], b[name]
        print(f"{name:>4}: A {am:.2f} {unit} ({alo:.2f}-{ahi:.2f})   B {bm:.2f} {unit} ({blo:.2f}-{bhi:.2f})"
              f"   B/A {bm / am:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
