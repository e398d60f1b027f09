"""Lead benchmark: a generated 1,000,000-row HubSpot-style export checked with the default pack.

    python bench/leads_bench.py                 # generate bench/out/leads-1m.csv once, then check it
    python bench/leads_bench.py --rows 100000   # a smaller run

The check runs ``smlint leads`` in a child process (JSON report to bench/out/) so the peak
memory reported is that of the check alone (``ru_maxrss`` of the child). Figures and the
command that produced them are kept in bench/README-leads.md.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
HEADER = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title",
          "Country/Region", "Create Date", "Lifecycle Stage", "Lead Status", "HubSpot Score", "Contact owner",
          "Original Source", "UTM Campaign", "Became a Marketing Qualified Lead Date", "Date of first engagement",
          "Last Activity Date", "Marketing contact status", "Last marketing email send date"]
FIRST = ["ana", "ben", "carla", "david", "elena", "farid", "grace", "hugo", "irene", "jamal", "kenji", "laura"]
LAST = ["alvarez", "brooks", "chen", "dubois", "evans", "fischer", "garcia", "hansen", "ito", "jones", "lopez"]
DOMAINS = [f"company{i}.com" for i in range(5000)] + ["gmail.com", "outlook.com", "yahoo.com", "mailinator.com"]
STAGES = ["Subscriber", "Lead", "Lead", "Marketing Qualified Lead", "Marketing Qualified Lead",
          "Sales Qualified Lead", "Opportunity", "Customer"]
OWNERS = [f"Owner {i:02d}" for i in range(40)]
SOURCES = ["Organic Search", "Paid Search", "Email Marketing", "Paid Social", "Referrals", "Direct Traffic"]
CAMPAIGNS = [f"campaign-{i}" for i in range(60)] + [""]
START = datetime(2023, 7, 1, tzinfo=timezone.utc)
AS_OF = datetime(2024, 7, 1, 12, tzinfo=timezone.utc)


def _when(rng: random.Random, base: datetime, max_hours: int) -> datetime:
    return base + timedelta(minutes=rng.randint(0, max_hours * 60))


def _fmt(dt: datetime, us: bool) -> str:
    return f"{dt.month}/{dt.day}/{dt.year} {(dt.hour % 12) or 12}:{dt.minute:02d} {'PM' if dt.hour >= 12 else 'AM'}" \
        if us else f"{dt.year}-{dt.month:02d}-{dt.day:02d} {dt.hour:02d}:{dt.minute:02d}"


def _row(rng: random.Random, i: int) -> list[str]:
    """One record; defect rates as a tidy-but-real CRM has them (about 1 row in 8 flagged)."""
    us = rng.random() < 0.15
    stage = rng.choice(STAGES)
    created = _when(rng, START, 360 * 24)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first}.{last}{i}@{rng.choice(DOMAINS)}" if rng.random() > 0.01 else ""
    phone = f"+1 ({rng.choice(['212', '415', '617', '312'])}) {rng.randint(201, 989)}-{rng.randint(1000, 9999)}" \
        if rng.random() < 0.85 else ""
    qualified = stage not in ("Subscriber", "Lead")
    mql = _when(rng, created, 72) if qualified else None
    touch = _when(rng, mql, 22 if rng.random() < 0.95 else 60) if mql and rng.random() < 0.98 else None
    emailed = _when(rng, created, 600) if rng.random() < 0.5 else None
    recent = AS_OF - timedelta(minutes=rng.randint(60, 40 * 24 * 60))
    score = rng.randint(50, 100) if qualified and rng.random() < 0.95 else rng.randint(0, 100)
    return [str(i), first.title(), last.title(), email, phone, f"Company {i % 5000}",
            rng.choice(["CTO", "VP Sales", "Founder", "Head of IT"]) if rng.random() < 0.97 else "",
            "United States", _fmt(created, us), stage,
            rng.choice(["New", "Open", "Connected"]), str(score), rng.choice(OWNERS),
            rng.choice(SOURCES), rng.choice(CAMPAIGNS), _fmt(mql, us) if mql else "",
            _fmt(touch, us) if touch else "", _fmt(recent, us),
            "Marketing contact" if emailed and rng.random() < 0.98 else rng.choice(["Marketing contact", "Non-marketing contact"]),
            _fmt(emailed, us) if emailed else ""]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    import csv

    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for i in range(rows):
            row = _row(rng, i)
            writer.writerow(row)
            if i % 1000 == 999:  # a few duplicates, as re-imports leave them
                writer.writerow([f"{i}-b", *row[1:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=0, help="smlint leads --jobs (0: one per core)")
    parser.add_argument("--format", default="json", help="report format (the report goes to bench/out/)")
    args = parser.parse_args()
    path = OUT / f"leads-{args.rows}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path} in {time.perf_counter() - started:.1f} s")
    cmd = [sys.executable, "-m", "smlint", "leads", str(path), "--as-of", "2024-07-01T12:00:00Z",
           "--format", args.format, "--output", str(OUT / f"leads-report.{args.format}"), "--fail-on", "never",
           "--jobs", str(args.jobs)]
    print(" ".join(cmd[1:]))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak = _watch(proc)
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"{args.rows:,} rows in {elapsed:.1f} s wall ({cpu:.1f} s CPU) = {args.rows / elapsed:,.0f} rows/s; "
          f"peak memory {peak / 1024:.0f} MB (PSS, all processes together)")


def _tree_rss_kb(pid: int) -> int:
    """Memory of a process and its descendants, from /proc (kB): proportional set size, so pages
    that forked workers share with their parent are counted once, not once per process."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def _watch(proc: subprocess.Popen) -> int:
    """Wait for ``proc``, sampling the memory of its process tree every 50 ms; the peak (kB)."""
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    if proc.returncode:
        raise SystemExit(f"smlint exited {proc.returncode}")
    return peak


if __name__ == "__main__":
    main()
