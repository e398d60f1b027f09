"""Throughput of the built-in claims packs (all rules, both languages) on a corpus folder.

    python bench/make_corpus.py --out /tmp/smlint-corpus --files 400
    python bench/packs_speed.py /tmp/smlint-corpus

Every ``*.md`` file is read as plain text (so the number measures the rules, not a reader) and
linted with ``--lang auto``, single process. Prints files, size, MB/s and the finding count.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from smlint.api import Linter


def main(folder: str) -> int:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.md"))]
    linter = Linter()
    linter.engine("en"), linter.engine("es")  # compile outside the timed loop
    started = time.perf_counter()
    found = sum(len(linter.lint_text(text, path="corpus.txt")) for text in texts)
    elapsed = time.perf_counter() - started
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} files, {size:.1f} MB, {size / elapsed:.2f} MB/s, {found} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
