"""Measure the built-in claims packs on labelled real claims (issue 3).

Usage: python bench/eval_claims.py PATH.jsonl [--half tune|holdout] [--show-misses] [--show-fp]

Each line of PATH.jsonl is {"id", "lang", "text", "labels": [...]}. Every item is checked
with the built-in packs of its language. A finding counts if its severity is warning or
error; its category is mapped to eval labels by ``smlint.categories.CATEGORY_LABELS``.

- recall of a label: items carrying that label with >= 1 counted finding mapped to it;
- overall recall: items carrying at least one of the six scored labels with >= 1 counted
  finding mapped to one of *their* labels;
- FP rate: ``none`` items with any counted finding;
- ``other``: items labelled other with any counted finding (reported, not scored).

``--half`` keeps the items whose id ends in an odd number (``tune``) or an even one
(``holdout``): the blind probe sets in ``bench/probes/`` are split this way, and the held-out
half is only ever scored, never read (bench/README.md, "Blind probe sets").
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict

from smlint.api import Linter
from smlint.categories import EVAL_LABELS, labels_for
from smlint.model import Severity


def load_items(path: str, half: str | None = None) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    if half is None:
        return items
    odd = half == "tune"
    return [it for it in items if (int(it["id"].rsplit("-", 1)[-1]) % 2 == 1) == odd]


def counted_labels(findings) -> set[str]:
    """The eval labels that the warning/error findings of one item stand for."""
    out: set[str] = set()
    for f in findings:
        if f.severity >= Severity.WARNING:
            out.update(labels_for(f.category))
    return out


def score(items: list[dict], linter: Linter) -> dict:
    """Per language: {row name: [hits, total]} plus the misses and false positives found."""
    table: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses, fps = [], []
    for item in items:
        findings = linter.lint_text(item["text"], lang=item["lang"])
        found = counted_labels(findings)
        any_counted = any(f.severity >= Severity.WARNING for f in findings)
        labels = set(item["labels"])
        for lang in (item["lang"], "all"):
            _tally(table[lang], labels, found, any_counted)
        if labels & set(EVAL_LABELS) and not (labels & found):
            misses.append((item, findings))
        if "none" in labels and any_counted:
            fps.append((item, findings))
    return {"table": table, "misses": misses, "fps": fps}


def _tally(row: dict, labels: set[str], found: set[str], any_counted: bool) -> None:
    for label in labels & set(EVAL_LABELS):
        row[label][0] += label in found
        row[label][1] += 1
    if labels & set(EVAL_LABELS):
        row["recall (6 labels)"][0] += bool(labels & found)
        row["recall (6 labels)"][1] += 1
    if "other" in labels:
        row["other (any finding)"][0] += any_counted
        row["other (any finding)"][1] += 1
    if "none" in labels:
        row["FP rate on none"][0] += any_counted
        row["FP rate on none"][1] += 1


def render(table: dict) -> str:
    """A Markdown table: one row per measure, one column per language."""
    langs = [k for k in ("en", "es", "all") if k in table]
    rows = [*EVAL_LABELS, "recall (6 labels)", "other (any finding)", "FP rate on none"]
    out = ["| measure | " + " | ".join(langs) + " |", "|---|" + "---|" * len(langs)]
    for name in rows:
        cells = []
        for lang in langs:
            hit, total = table[lang].get(name, (0, 0))
            cells.append(f"{hit / total:.2f} ({hit}/{total})" if total else "–")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--half", choices=("tune", "holdout"), help="odd ids (tune) or even ids (holdout) only")
    parser.add_argument("--show-misses", action="store_true", help="list scored items with no mapped finding")
    parser.add_argument("--show-fp", action="store_true", help="list none items with findings")
    args = parser.parse_args(argv)
    if args.half == "holdout" and (args.show_misses or args.show_fp):
        parser.error("the held-out half is scored, never read: --show-misses/--show-fp need --half tune")
    result = score(load_items(args.path, args.half), Linter())
    print(render(result["table"]))
    for flag, key in ((args.show_misses, "misses"), (args.show_fp, "fps")):
        if flag:
            print(f"\n{key}:")
            for item, findings in result[key]:
                rules = ", ".join(f"{f.rule}({f.severity})" for f in findings) or "-"
                print(f"  {item['id']} {item['labels']}: {item['text'][:90]!r} -> {rules}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
