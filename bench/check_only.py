#!/usr/bin/env python3
"""CPU of checking alone, in one process: the steady state that a whole run's fixed costs hide.

    python3 bench/check_only.py /tmp/corpus/small            # run it under each tree in turn
    PYTHONPATH=OLD python3 bench/check_only.py /tmp/corpus/small

Reads every Markdown file of the corpus, checks each once with the built-in packs (which
compiles the patterns and builds the prefilter's DFA states), then times ``--passes`` more
passes of ``Linter.check_document`` over freshly read documents and prints the best CPU time
and the number of findings (the same on both trees, or the comparison means nothing).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    from smlint.api import Linter, LintOptions
    from smlint.linter import read_source

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.md"))
    linter = Linter(LintOptions())
    sources = [read_source(f) for f in files]

    def documents():
        return [linter.read(f, s, "markdown") for f, s in zip(files, sources)]

    docs = documents()
    langs = [linter.language_of(d) for d in docs]
    count = sum(len(linter.check_document(d, lang)) for d, lang in zip(docs, langs))
    best = float("inf")
    for _ in range(args.passes):
        docs = documents()
        started = time.process_time()
        for doc, lang in zip(docs, langs):
            linter.check_document(doc, lang)
        best = min(best, time.process_time() - started)
    print(f"{len(files)} files, {count} findings: best check CPU {best:.2f} s of {args.passes} passes")


if __name__ == "__main__":
    main()
