#!/usr/bin/env python3
"""Cold start of ``smlint check`` on one small file with every built-in pack (issue 14: ≤ 0.12 s).

    python3 bench/coldstart.py                         # 15 pairs, .venv's smlint next to this script
    python3 bench/coldstart.py --pairs 25 --smlint PATH/TO/smlint [--file one.md]
    python3 bench/coldstart.py --smlint OLD/smlint --smlint NEW/smlint --no-uncached   # before/after

Whole process, as a user runs it: byte code cached (``PYTHONDONTWRITEBYTECODE`` is dropped from
the environment, as ``pip install`` leaves compiled files) and smlint's user cache warm (the first
run of each command is thrown away). Each round runs, in turn, ``python -c pass`` (the floor any
Python CLI pays), ``rg`` on the same file (if installed) and ``smlint check``; a second smlint
variant with ``SMLINT_NO_CACHE=1`` shows what the cache saves (``--no-uncached`` leaves it out:
it takes seconds a round). ``--smlint`` given twice or more puts installations side by side in the
same rounds, each ratio against the first. Prints medians and ratios.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# 205 bytes of English campaign copy with three findings (a made-up product; no real claims).
SMALL = ("# Spring offer\n\nOur new serum is clinically proven to remove wrinkles in 7 days. "
         "Order now and save 50% on your first box. Results guaranteed or your money back. "
         "Limited stock, ships in May to EU members.\n")


def timed(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=15)
    ap.add_argument("--smlint", action="append",
                    help="an smlint executable (repeatable; default: .venv's next to this script)")
    ap.add_argument("--no-uncached", action="store_true", help="leave out the SMLINT_NO_CACHE=1 runs")
    ap.add_argument("--file", type=Path, help="the file to check (default: a 205-byte Markdown file)")
    args = ap.parse_args()
    target = args.file
    if target is None:
        target = Path(tempfile.mkdtemp(prefix="smlint-coldstart-")) / "offer.md"
        target.write_text(SMALL, encoding="utf-8")
    smlints = args.smlint or [str(HERE.parent / ".venv" / "bin" / "smlint")]
    python = str(Path(smlints[0]).with_name("python"))
    if not Path(python).exists():
        python = sys.executable
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SMLINT_NO_CACHE")}
    cold_env = {**env, "SMLINT_NO_CACHE": "1"}
    commands = {"python -c pass": ([python, "-c", "pass"], env)}
    rg = shutil.which("rg")
    if rg:
        commands["rg"] = ([rg, "-i", "-c", "guaranteed", str(target)], env)
    checks = []
    for n, smlint in enumerate(smlints):
        name = "smlint check" + (f" [{n + 1}]" if len(smlints) > 1 else "")
        checks.append(name)
        commands[name] = ([smlint, "check", str(target)], env)
        if not args.no_uncached:
            commands[name + ", SMLINT_NO_CACHE=1"] = ([smlint, "check", str(target)], cold_env)
    for cmd, cmd_env in commands.values():  # warm byte code and the user cache; not timed
        timed(cmd, cmd_env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.pairs):
        for name, (cmd, cmd_env) in commands.items():
            times[name].append(timed(cmd, cmd_env))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"{target} ({target.stat().st_size} bytes), {args.pairs} rounds, load {os.getloadavg()[0]:.2f}")
    for n, smlint in enumerate(smlints if len(smlints) > 1 else ()):
        print(f"  [{n + 1}] {smlint}")
    floor = med["python -c pass"]
    for name, m in med.items():
        ratios = [f"{m / floor:.1f}x python"]
        if "rg" in med and name != "rg":
            ratios.append(f"{m / med['rg']:.1f}x rg")
        if len(checks) > 1 and name in checks[1:]:
            ratios.append(f"{m / med[checks[0]]:.2f}x [1]")
        print(f"  {name:34s} median {m * 1000:6.1f} ms  (min {min(times[name]) * 1000:6.1f})  "
              + ", ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
