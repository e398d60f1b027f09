"""Run every rule's examples (STYLE.md habit 4): a bad example must produce that rule's
finding; a good example must produce none from it. Used by ``smlint rules test`` and the suite."""
from __future__ import annotations

from dataclasses import dataclass

from smlint.model import Pack


@dataclass(frozen=True)
class Outcome:
    rule: str
    which: str      # "bad" or "good"
    example: str
    ok: bool
    problem: str = ""


def run_examples(pack: Pack) -> list[Outcome]:
    """Check each example with the whole pack compiled together, as in a real run."""
    from smlint.api import Linter, LintOptions

    linter = Linter(LintOptions(), packs=[pack])
    langs = ("en",) if pack.language == "any" else (pack.language,)
    outcomes = []
    for rule in pack.rules:
        examples = rule.examples or {}
        if not examples.get("bad") or not examples.get("good"):
            outcomes.append(Outcome(rule.id, "examples", "", False, "the rule has no bad and good examples"))
            continue
        for which in ("bad", "good"):
            for text in examples[which]:
                hits = [f for f in linter.lint_text(text, lang=langs[0]) if f.rule == rule.id]
                if which == "bad" and not hits:
                    outcomes.append(Outcome(rule.id, which, text, False, "no finding"))
                elif which == "good" and hits:
                    outcomes.append(Outcome(rule.id, which, text, False, f"flagged {hits[0].match!r}"))
                else:
                    outcomes.append(Outcome(rule.id, which, text, True))
    return outcomes
