"""The built-in packs on our own challenge sentences (bench/challenge/*.txt), written from the
regulatory catalogues (UCPD Annex I, CAP Code, FTC guides, RD 1907/1996, TRLGDCU, Ley 3/1991),
never taken from an evaluation file or a fetched site.

Each file: ``@en`` / ``@es`` sets the language; ``+ text`` should be flagged (a warning or an
error), ``- text`` is compliant copy that should not be; ``#`` starts a comment. Prints every
miss and false alarm, then the counts per file.

    python bench/challenge.py                 # every file
    python bench/challenge.py bench/challenge/compliant2.txt
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smlint.linter import Linter, LintOptions  # noqa: E402

COUNTED = ("warning", "error")


def run(path: Path, linters: dict) -> tuple[int, int, int, int]:
    lang, missed, flagged, positives, negatives = "en", 0, 0, 0, 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            lang = line[1:].strip()
            continue
        sign, text = line[0], line[2:]
        linter = linters.setdefault(lang, Linter(LintOptions(lang=lang)))
        findings = linter.lint_text(text, "c.txt")
        hits = [f"{f.rule}({f.severity})" for f in findings if str(f.severity) in COUNTED]
        if sign == "+":
            positives += 1
            if not hits:
                missed += 1
                print(f"  miss [{lang}] {text}  {[f'{f.rule}({f.severity})' for f in findings]}")
        else:
            negatives += 1
            if hits:
                flagged += 1
                print(f"  false alarm [{lang}] {text}  {hits}")
    return positives, missed, negatives, flagged


def main(argv=None) -> int:
    paths = [Path(p) for p in (argv or sys.argv[1:])] or sorted((ROOT / "bench" / "challenge").glob("*.txt"))
    linters: dict = {}
    rows = []
    for path in paths:
        print(path.name)
        rows.append((path.name, *run(path, linters)))
    print("\n| file | should flag | missed | compliant | flagged |\n|---|---|---|---|---|")
    for name, p, m, n, f in rows:
        print(f"| {name} | {p} | {m} | {n} | {f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
