"""Counts that several reporters show (by severity, pack, category, owner)."""
from __future__ import annotations

from collections import Counter

from smlint.model import Finding

# The key :func:`counts` gives each severity's total.
_KEY = {"error": "errors", "warning": "warnings", "info": "info"}


def counts(findings: list[Finding]) -> dict:
    sev = Counter(str(f.severity) for f in findings)
    return {
        **{key: sev.get(name, 0) for name, key in _KEY.items()},
        "by_pack": dict(sorted(Counter(f.pack for f in findings).items())),
        "by_category": dict(sorted(Counter(f.category for f in findings).items())),
        "by_owner": dict(sorted(Counter(f.owner for f in findings).items())),
    }


def totals(report) -> dict:
    """:func:`counts` of the findings shown, plus the findings a lead check counted but did not
    list (``--max-findings``), each by its rule's severity: the summary counts everything found
    (issue 13: the line said 4,198 errors while 227,436 more had been counted)."""
    c = counts(report.findings)
    omitted = report.extras.get("omitted") or {}
    if omitted:
        severity = {r.id: str(r.severity) for r in report.rules}
        for rule, n in omitted.items():
            c[_KEY[severity.get(rule, "error")]] += n
        c["not_listed"] = sum(omitted.values())
    return c


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def by_rule(findings: list[Finding]) -> list[tuple[str, int, list[str]]]:
    """``(rule id, count, severities worst first)`` per rule, most findings first, then by id."""
    n = Counter(f.rule for f in findings)
    severities: dict[str, set] = {}
    for f in findings:
        severities.setdefault(f.rule, set()).add(f.severity)
    return [(rule, count, [str(s) for s in sorted(severities[rule], reverse=True)])
            for rule, count in sorted(n.items(), key=lambda item: (-item[1], item[0]))]


def by_file(findings: list[Finding]) -> list[tuple[str, int]]:
    """``(path, count)`` per file with findings, most findings first, then by path."""
    return sorted(Counter(f.path for f in findings).items(), key=lambda item: (-item[1], item[0]))


# What each skip reason of RunStats means, for a writer rather than a developer: (singular, plural).
# The reasons themselves stay the JSON output's keys (``summary.skipped``).
_SKIPPED = {
    "hidden": ("hidden file (its name starts with a dot)", "hidden files (their names start with a dot)"),
    "ignored": ("file left out by .smlintignore, .gitignore or the config",
                "files left out by .smlintignore, .gitignore or the config"),
    "excluded": ("file you named but .smlintignore, .gitignore or the config leaves out (--force-exclude)",
                 "files you named but .smlintignore, .gitignore or the config leaves out (--force-exclude)"),
    "tooling file": ("settings file of another tool (package.json, smlint.yaml …)",
                     "settings files of other tools (package.json, smlint.yaml …)"),
    "no reader": ("file of a type smlint does not read", "files of types smlint does not read"),
    "binary": ("binary file (not text)", "binary files (not text)"),
    "pipe or device": ("pipe or device (not a regular file)", "pipes or devices (not regular files)"),
    "symlinked folder (not followed)": ("linked folder (links to folders are not followed)",
                                        "linked folders (links to folders are not followed)"),
}


def skipped_note(stats) -> str:
    """What a run left out, in words: ``1 hidden file (…) and 2 files of types smlint does not
    read (.png, .psd)``. A reason without words of its own is shown as it is counted."""
    parts = []
    for reason, n in sorted(stats.skipped_reasons.items()):
        one, many = _SKIPPED.get(reason, (reason, reason))
        text = f"{n} {one if n == 1 else many}"
        examples = stats.skipped_examples.get(reason)
        if examples:
            text += f" ({', '.join(examples)})"
        parts.append(text)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
