"""Counts that several reporters show (by severity, pack, category, owner)."""
from __future__ import annotations

from collections import Counter

from smlint.model import Finding


def counts(findings: list[Finding]) -> dict:
    sev = Counter(str(f.severity) for f in findings)
    return {
        "errors": sev.get("error", 0),
        "warnings": sev.get("warning", 0),
        "info": sev.get("info", 0),
        "by_pack": dict(sorted(Counter(f.pack for f in findings).items())),
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        "by_owner": dict(sorted(Counter(f.owner for f in findings).items())),
    }


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
