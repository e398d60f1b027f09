"""The long fuzz run of every copy reader (issue 12): hostile input through ``Linter.lint_target``.

The invariants and the fragments are those of the property suite (tests/readers/hostile.py): no
exception escapes, no internal error hides behind the guard, every finding's span is the original
text. This runs many more inputs, from plain ``random`` (far faster per input than hypothesis):
grammar fragments, random characters, long repeats (deep nesting, long runs) and random edits;
for DOCX, byte-level mutations of a small real document.

    python bench/fuzz.py                          # 100,000 inputs per reader, both cores
    python bench/fuzz.py --inputs 20000 --readers markdown,csv --minutes 5
    python bench/fuzz.py --state /tmp/fuzz.json   # resumable: rerun the same command to go on

Input ``i`` of a reader is generated from ``random.Random(f"{seed}:{reader}:{i}")``, so every
failure it prints can be regenerated alone (``--show READER:I``). Prints, per reader: inputs,
findings whose spans were checked, per-file errors (expected: the reader's own messages),
the known parser panic, internal errors, escaped exceptions and span violations.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.readers.hostile import (READERS, Verdict, base_docx, check_docx, check_input, generate,  # noqa: E402
                                   make_linter, mutate_bytes)

ALL = READERS + ("docx",)


# ---------------------------------------------------------------- running


_STATE: dict = {}


def _init(parent: str | None = None) -> None:
    _STATE["linter"] = make_linter()
    _STATE["folder"] = tempfile.mkdtemp(prefix="smlint-fuzz-", dir=parent)


def one(reader: str, seed: int, i: int) -> Verdict:
    rng = random.Random(f"{seed}:{reader}:{i}")
    linter = _STATE["linter"]
    if reader == "docx":
        return check_docx(linter, mutate_bytes(rng, base_docx()), _STATE["folder"])
    return check_input(linter, reader, generate(rng, reader))


def batch(reader: str, seed: int, start: int, count: int) -> tuple[Counter, list]:
    """Inputs ``start … start+count-1`` of ``reader``: counts, and the first few failures."""
    counts: Counter = Counter()
    failures = []
    for i in range(start, start + count):
        verdict = one(reader, seed, i)
        counts["inputs"] += 1
        counts[verdict.kind] += 1
        counts["findings"] += verdict.findings
        if verdict.kind in ("internal-error", "exception", "span") and len(failures) < 5:
            failures.append((i, verdict.kind, verdict.detail[:300]))
    return counts, failures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per reader (default 100,000)")
    parser.add_argument("--readers", default=",".join(ALL), help=f"comma-separated, of {', '.join(ALL)}")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--minutes", type=float, default=None, help="stop (resumably) after this long")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--state", help="JSON file: progress and counts, to resume an interrupted run")
    parser.add_argument("--show", metavar="READER:I", help="print input I of READER and its verdict, then exit")
    args = parser.parse_args(argv)
    if args.show:
        return show(args.show, args.seed)
    readers = [r for r in args.readers.split(",") if r]
    state = _load(args.state, args.seed, readers)
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else None
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="smlint-fuzz-") as parent, \
            ProcessPoolExecutor(max_workers=args.jobs, initializer=_init, initargs=(parent,)) as pool:
        pending = set()
        plan = iter([(r, start, min(args.batch, args.inputs - start)) for r in readers
                     for start in range(state[r]["next"], args.inputs, args.batch)])
        for job in plan:
            if deadline is not None and time.monotonic() > deadline:
                break
            pending.add((job, pool.submit(batch, job[0], args.seed, job[1], job[2])))
            if len(pending) >= args.jobs * 2:
                _collect(pending, state, args.state, wait_for_one=True)
        while pending:
            _collect(pending, state, args.state, wait_for_one=True)
    report(state, readers, time.monotonic() - started, args)
    bad = sum(state[r]["counts"].get(k, 0) for r in readers for k in ("internal-error", "exception", "span"))
    return 1 if bad else 0


def _load(path: str | None, seed: int, readers: list[str]) -> dict:
    state = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            state = json.load(fh)
        if state.get("seed") != seed:
            raise SystemExit(f"{path} is for seed {state.get('seed')}, not {seed}")
    state["seed"] = seed
    for r in readers:
        state.setdefault(r, {"next": 0, "counts": {}, "failures": [], "done": []})
    return state


def _collect(pending: set, state: dict, path: str | None, wait_for_one: bool) -> None:
    from concurrent.futures import FIRST_COMPLETED, wait

    done, _ = wait([f for _, f in pending], return_when=FIRST_COMPLETED)
    for item in [p for p in pending if p[1] in done]:
        pending.discard(item)
        (reader, start, count), future = item
        counts, failures = future.result()
        entry = state[reader]
        for k, v in counts.items():
            entry["counts"][k] = entry["counts"].get(k, 0) + v
        entry["failures"] = (entry["failures"] + [list(f) for f in failures])[:20]
        entry["done"].append([start, start + count])
        entry["next"] = _contiguous(entry["done"])
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(state, fh)


def _contiguous(done: list) -> int:
    """The first input not yet checked, counting only batches finished without a gap before them."""
    end = 0
    for a, b in sorted(done):
        if a > end:
            break
        end = max(end, b)
    return end


def report(state: dict, readers: list[str], seconds: float, args) -> None:
    print(f"seed {state['seed']}, {seconds:.0f} s this run, {args.jobs} processes")
    print(f"{'reader':16} {'inputs':>8} {'findings':>9} {'file errors':>11} {'known':>6} {'internal':>8} "
          f"{'exceptions':>10} {'span viol.':>10}")
    for r in readers:
        c = state[r]["counts"]
        print(f"{r:16} {c.get('inputs', 0):>8,} {c.get('findings', 0):>9,} {c.get('file-error', 0):>11,} "
              f"{c.get('known', 0):>6,} {c.get('internal-error', 0):>8,} {c.get('exception', 0):>10,} "
              f"{c.get('span', 0):>10,}")
    print("file errors: the reader's own message (not valid JSON, no text columns …); known: the Markdown "
          "parser's panic (tests/readers/hostile.py KNOWN); internal: an exception the guard had to catch")
    for r in readers:
        for i, kind, detail in state[r]["failures"][:5]:
            print(f"  {r}:{i} {kind}: {detail}  (python bench/fuzz.py --seed {state['seed']} --show {r}:{i})")


def show(spec: str, seed: int) -> int:
    reader, _, i = spec.partition(":")
    with tempfile.TemporaryDirectory(prefix="smlint-fuzz-") as parent:
        _init(parent)
        rng = random.Random(f"{seed}:{reader}:{int(i)}")
        if reader == "docx":
            print(f"(mutated DOCX, {len(mutate_bytes(rng, base_docx()))} bytes)")
        else:
            print(repr(generate(rng, reader)))
        verdict = one(reader, seed, int(i))
        print(verdict.kind, verdict.detail)
    return 0


if __name__ == "__main__":
    sys.exit(main())
