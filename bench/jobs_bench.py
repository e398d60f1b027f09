#!/usr/bin/env python3
"""Measure ``smlint check --jobs N`` end to end (CLI, config, discovery, pool) and check that
every N gives byte-identical JSON output.

    python3 bench/jobs_bench.py --files 2000 --jobs 1 2

The corpus comes from make_corpus.py; its Markdown files are read with the plaintext reader
(``readers: {.md: plaintext}`` in the generated smlint.yaml) so the figure is about the
workflow layer and the engine, not a particular Markdown parser.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import main as make_corpus_main  # noqa: E402
from run_bench import make_pack  # noqa: E402


def prepare(out: Path, files: int) -> Path:
    corpus = out / "corpus"
    if not corpus.is_dir():
        sys.argv = ["make_corpus.py", "--out", str(corpus), "--files", str(files)]
        make_corpus_main()
    phrases = next(corpus.rglob("phrases.txt"))
    make_pack(phrases, out / "pack.yaml")
    (out / "smlint.yaml").write_text("packs: [pack.yaml]\nlang: en\nreaders:\n  .md: plaintext\nfail_on: never\n")
    (out / ".git").mkdir(exist_ok=True)  # stop config discovery here
    return corpus


def run(out: Path, jobs: int) -> tuple[float, str]:
    smlint = Path(sys.executable).parent / "smlint"
    started = time.perf_counter()
    done = subprocess.run([str(smlint), "check", "corpus", "--format", "json", "--jobs", str(jobs)],
                          cwd=out, capture_output=True, check=True)
    elapsed = time.perf_counter() - started
    doc = json.loads(done.stdout)
    body = json.dumps([doc["findings"], doc["errors"], doc["summary"]["files_checked"]]).encode()
    return elapsed, hashlib.sha256(body).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=HERE / "out" / "jobs")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = prepare(args.out, args.files)
    mib = sum(p.stat().st_size for p in corpus.rglob("*.md")) / 2**20
    digests = set()
    for jobs in args.jobs:
        times = []
        for _ in range(args.repeat):
            elapsed, digest = run(args.out, jobs)
            times.append(elapsed)
            digests.add(digest)
        best = statistics.median(times)
        print(f"--jobs {jobs}: median {best:.2f} s over {args.repeat} runs, {mib / best:.1f} MiB/s ({mib:.1f} MiB)")
    print("identical output for every --jobs:", len(digests) == 1)


if __name__ == "__main__":
    main()
