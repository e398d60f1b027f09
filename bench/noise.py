"""Noise of the built-in claims packs on real website copy (issue 11).

Point it at folders of real content kept OUTSIDE the project (public website or blog repositories
brought with the session's fetch tool; nothing of them is ever committed). Every file a reader
handles is linted with the default packs in the language given; words are counted in the text
smlint checks (the reader's view: prose, not markup); warnings and errors per 1,000 words are
printed per folder and per rule, and a random sample of them (seeded, so the same sample is drawn
again) is written for labelling by hand: a claim a compliance reviewer would raise about the
advertiser's own offer, or noise.

    python bench/noise.py --lang en /work/realcontent-heldout/plausible+website ... --sample 40 \\
        --out /work/realcontent-heldout/sample-en.tsv

The sample file has one row per warning (file, line, rule, match, the sentence around it) and an
empty ``label`` column; fill it with ``y`` or ``n`` and run with ``--score FILE`` to get the
precision with its 95 % Wilson interval.
"""
from __future__ import annotations

import argparse
import csv
import math
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smlint.discover import discover  # noqa: E402
from smlint.linter import Linter, LintOptions, read_source  # noqa: E402
from smlint.model import RunStats  # noqa: E402

WORD = re.compile(r"\w+")
COUNTED = {"warning", "error"}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def context(lines: list[str], line: int, column: int, width: int = 110) -> str:
    text = lines[line - 1] if line - 1 < len(lines) else ""
    start = max(0, column - 1 - width // 2)
    return " ".join(text[start:start + width].split())


def measure(folders: list[str], lang: str):
    linter = Linter(LintOptions(lang=lang))
    rows, per_folder = [], []
    for folder in folders:
        words = warnings = files = 0
        rules: Counter = Counter()
        for target in discover([folder], RunStats()):
            try:
                source = read_source(target.path)
                document = linter.read(target.path, source, target.reader)
                findings = linter.check_document(document, lang)
            except Exception as exc:  # noqa: BLE001 - a measurement: say and go on
                print(f"  {target.path}: {exc}", file=sys.stderr)
                continue
            files += 1
            words += len(WORD.findall(document.view))
            lines = source.splitlines()
            for f in findings:
                if str(f.severity) in COUNTED:
                    warnings += 1
                    rules[f.rule] += 1
                    rows.append({"file": target.path, "line": f.line, "rule": f.rule, "match": f.match,
                                 "context": context(lines, f.line, f.column), "label": ""})
        per_folder.append((folder, files, words, warnings, rules))
    return per_folder, rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", default="20261202")
    parser.add_argument("--out", help="write the sample here (TSV) for labelling")
    parser.add_argument("--score", help="a labelled sample file: print the precision")
    args = parser.parse_args(argv)
    if args.score:
        with open(args.score, newline="", encoding="utf-8") as fh:
            labels = [r["label"].strip().lower() for r in csv.DictReader(fh, delimiter="\t")]
        n, k = sum(lab in ("y", "n") for lab in labels), labels.count("y")
        low, high = wilson(k, n)
        print(f"precision {k}/{n} = {k / n if n else 0:.2f} (95 % Wilson {low:.2f}–{high:.2f})")
        return 0
    per_folder, rows = measure(args.folders, args.lang)
    total_words = sum(w for _, _, w, _, _ in per_folder)
    print("| folder | files | words | warnings | per 1,000 words |\n|---|---|---|---|---|")
    for folder, files, words, warnings, _ in per_folder:
        print(f"| {Path(folder).name} | {files} | {words:,} | {warnings} | {1000 * warnings / max(words, 1):.2f} |")
    print(f"| all | | {total_words:,} | {len(rows)} | {1000 * len(rows) / max(total_words, 1):.2f} |")
    rules = sum((r for *_, r in per_folder), Counter())
    print("\nper rule: " + ", ".join(f"{rule} {n}" for rule, n in rules.most_common()))
    sample = random.Random(args.seed).sample(rows, min(args.sample, len(rows)))
    if args.out:
        with open(args.out, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else ["label"], delimiter="\t")
            writer.writeheader()
            writer.writerows(sample)
        print(f"\n{len(sample)} sampled warnings written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
