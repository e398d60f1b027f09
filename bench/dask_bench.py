"""The lead checks on Dask next to the serial run, on the generated export of leads_bench.py.

    python bench/dask_bench.py --rows 200000    # bench/out/leads-200000.csv, generated once

Runs, in one process and in this order: the serial check (``check_leads``, ``--jobs 1``), then
``check_dask`` over ``dd.read_csv(..., blocksize=...)`` on a ``distributed.LocalCluster`` with
two threads in one process, then with two worker processes; each Dask result is compared with the
serial one (findings, scorecards, budgets, counts) and the wall time printed. Figures are in
bench/README-leads.md ("On Dask").
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leads_bench import OUT, generate  # noqa: E402

AS_OF = "2024-07-01T12:00:00Z"


def same(a, b) -> bool:
    return (a.findings, a.scorecards, a.budgets, a.rows, a.omitted) == (b.findings, b.scorecards, b.budgets,
                                                                         b.rows, b.omitted)


def main() -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from smlint.api import lead_agreement
    from smlint.leads.dask import check_dask
    from smlint.leads.engine import LeadOptions, check_leads

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--blocksize", default="8MB", help="dd.read_csv blocksize (one partition each)")
    args = parser.parse_args()
    path = OUT / f"leads-{args.rows}.csv"
    if not path.exists():
        generate(path, args.rows)
    started = time.perf_counter()
    serial = check_leads([str(path)], LeadOptions(as_of=AS_OF, jobs=1, max_findings=1000))
    print(f"serial check_leads --jobs 1: {time.perf_counter() - started:.1f} s, {serial.rows:,} rows")
    agreement = lead_agreement("hubspot", as_of=AS_OF, max_findings=1000)
    for label, processes in (("2 threads, 1 process", False), ("2 worker processes", True)):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None) as cluster, \
                Client(cluster):
            started = time.perf_counter()
            ddf = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=args.blocksize)
            result = check_dask(agreement, ddf, name=str(path))
            print(f"check_dask, {label}, {ddf.npartitions} partitions: {time.perf_counter() - started:.1f} s, "
                  f"same as serial: {same(result, serial)}")


if __name__ == "__main__":
    main()
