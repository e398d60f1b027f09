"""One rule text, many faces (STYLE.md habit 7): ``rules show``, docs/rules.md, SARIF, HTML."""
from __future__ import annotations

from smlint.model import Rule


def explain(rule: Rule) -> str:
    """Plain-text explanation: what it flags, why, example, better wording, references."""
    lines = [f"{rule.id}  ({rule.language}, {rule.severity}, owner: {rule.owner}, kind: {rule.kind})",
             "", "What it flags:", f"  {rule.description}", "", "Why it matters:", f"  {rule.why.strip()}"]
    bad = rule.examples.get("bad", [])
    good = rule.examples.get("good", [])
    if bad:
        lines += ["", "Example:", *(f"  ✗ {b}" for b in bad)]
    if good:
        lines += ["", "Use instead:", *(f"  ✓ {g}" for g in good)]
    if rule.suggest:
        lines += ["", "Suggestion:", f"  {rule.suggest}"]
    if rule.references:
        lines += ["", "References:", *(f"  - {r}" for r in rule.references)]
    lines += ["", f"Defined in {rule.source}"]
    return "\n".join(lines)
