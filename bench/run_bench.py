#!/usr/bin/env python3
"""Benchmark smlint's copy engine: files/s, MB/s, peak memory, cold start on one small file.

    python3 bench/run_bench.py                     # generates bench/out/ with make_corpus.py first
    python3 bench/run_bench.py --corpus DIR --phrases FILE   # any corpus, e.g. ../shared/bench's

The phrase list becomes one pack (``language: any``, one phrase rule per phrase: case- and
accent-insensitive, whole word), and every Markdown file of the corpus is linted with the
Markdown reader (front matter and code skipped). ``--jobs`` uses a process pool like
``smlint check --jobs``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def make_pack(phrases_file: Path, out: Path, one_rule: bool = False) -> Path:
    """One phrase rule per phrase (the realistic shape), or one rule holding them all (the
    peers' counting: overlapping phrases count once)."""
    phrases = [p.strip() for p in phrases_file.read_text(encoding="utf-8").splitlines()
               if p.strip() and not p.startswith("#")]
    groups = [phrases] if one_rule else [[p] for p in phrases]
    rules = []
    for i, group in enumerate(groups):
        rules.append({"id": f"p{i:03d}", "kind": "phrase", "severity": "warning", "phrases": group,
                      "message": "'{match}'", "description": "bench phrase", "why": "bench",
                      "examples": {"bad": [group[0]], "good": ["neutral text"]}})
    pack = {"pack": "bench", "language": "any", "kind": "copy", "owner": "marketing",
            "description": "benchmark phrases", "rules": rules}
    out.write_text(json.dumps(pack), encoding="utf-8")  # JSON is valid YAML
    return out


def run(files: list[str], pack: str, jobs: int, front_matter: bool) -> tuple[int, float]:
    """Lint ``files`` the way ``smlint check --jobs N`` does (smlint.parallel: a forked pool
    that inherits the loaded packs), timing everything from loading the pack on."""
    from smlint.api import Linter, LintOptions
    from smlint.discover import Target
    from smlint.parallel import Task, run_tasks

    started = time.perf_counter()
    reader_options = {} if front_matter else {"markdown": {"front_matter_prose": []}}
    options = LintOptions(packs=(pack,), lang="en", reader_options=reader_options)
    linter = Linter(options)
    tasks = [Task(Target(p, "markdown", True), 0) for p in files]
    results = run_tasks([options], tasks, jobs, linters=[linter])
    count = sum(len(found) for found, _ in results)
    return count, time.perf_counter() - started


def cold_start(tiny: Path) -> float:
    """Median wall time of ``smlint check`` on one small file, as a user runs it: byte-code
    cached (as ``pip install`` leaves it) and the built-in packs' parse cache warm."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(8):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "smlint", "check", str(tiny)], capture_output=True, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times[1:])  # the first run writes the caches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--phrases", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--one-rule", action="store_true",
                    help="all phrases in one rule and front matter skipped: the peers' counting "
                         "(../shared/bench: 6,938 findings on its small corpus)")
    args = ap.parse_args()
    if args.corpus is None:
        out = HERE / "out"
        if not (out / "corpus").is_dir():
            subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--out", str(out),
                            "--files", str(args.files)], check=True)
        args.corpus, args.phrases = out / "corpus", out / "phrases.txt"
    files = sorted(str(p) for p in args.corpus.rglob("*.md"))
    size = sum(os.path.getsize(f) for f in files)
    pack = make_pack(args.phrases, Path(tempfile.mkdtemp()) / "bench-pack.yaml", args.one_rule)
    tiny = args.corpus.parent / "tiny.md"
    if not tiny.exists():
        tiny = Path(files[0])
    for jobs in sorted({1, args.jobs}):
        count, secs = run(files, str(pack), jobs, front_matter=not args.one_rule)
        print(f"jobs={jobs}: {len(files)} files, {size / 2**20:.1f} MiB, {count} findings in {secs:.2f} s "
              f"-> {len(files) / secs:.0f} files/s, {size / 2**20 / secs:.1f} MiB/s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (main process): {peak:.0f} MiB")
    print(f"cold start, one small file (median of 7): {cold_start(tiny):.3f} s")


if __name__ == "__main__":
    main()
