#!/usr/bin/env python3
"""Can this machine run two CPU-bound processes at full speed? (the --jobs 2 goal of issue 14)

    python3 bench/cpu_parallel.py

Times a pure-Python loop alone, then two copies at once in two processes. On a machine with two
real cores the two copies take about as long as one; where the two vCPUs share one core's time,
each takes about twice as long, and no --jobs setting can be faster than serial.
"""
from __future__ import annotations

import multiprocessing
import time

LOOPS = 6_000_000


def burn(n: int = LOOPS) -> float:
    """Seconds a plain Python loop of ``n`` multiply-adds takes."""
    started, total = time.perf_counter(), 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - started


if __name__ == "__main__":
    print(f"one process: {burn():.2f} s")
    with multiprocessing.Pool(2) as pool:
        print("two at once: " + ", ".join(f"{s:.2f} s" for s in pool.map(burn, [LOOPS, LOOPS])))
