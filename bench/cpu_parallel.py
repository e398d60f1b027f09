#!/usr/bin/env python3
"""Can this machine run two CPU-bound processes at full speed? (the --jobs 2 goal of issue 14)

    python3 bench/cpu_parallel.py

Times a pure-Python loop alone, then two copies at once in two processes. On a machine with two
real cores the two copies take about as long as one; where the two vCPUs share one core's time,
each takes about twice as long, and no --jobs setting can be faster than serial.
"""
import time, multiprocessing as mp
def burn(n=6_000_000):
    t=time.perf_counter(); s=0
    for i in range(n): s+=i*i
    return time.perf_counter()-t
if __name__=='__main__':
    print('one', burn())
    with mp.Pool(2) as p: print('two in parallel', p.map(burn,[6_000_000]*2))
