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


def missing_examples(rule) -> Outcome | None:
    """A failed Outcome when a rule lacks bad or good examples (copy and lead rules alike)."""
    examples = rule.examples or {}
    if examples.get("bad") and examples.get("good"):
        return None
    return Outcome(rule.id, "examples", "", False, "the rule has no bad and good examples")


def each_example(rule):
    """(``"bad"`` | ``"good"``, example) pairs of a rule (or a concept)."""
    for which in ("bad", "good"):
        for example in rule.examples[which]:
            yield which, example


def run_examples(pack: Pack) -> list[Outcome]:
    """Check each example with the whole pack compiled together, as in a real run. ``registry``
    rules run against the pack's ``example_registry``."""
    from smlint.linter import Linter, LintOptions

    lang = "en" if pack.language == "any" else pack.language
    if any(r.kind == "registry" for r in pack.rules):
        return run_with(pack.rules, _registry_findings(pack))
    linter = Linter(LintOptions(), packs=[pack])

    def findings(rule_id: str, text: str) -> list:
        return [f for f in linter.lint_text(text, lang=lang) if f.rule == rule_id]

    own = run_concept_examples(linter.concepts, list(pack.concepts.values()), pack.concepts) if pack.concepts else []
    return own + run_with(pack.rules, findings) + run_fixed_examples(pack.rules, findings)


def run_fixed_examples(rules, findings) -> list[Outcome]:
    """A rule marked ``safe`` must fix each bad example so that it no longer flags it (``which`` is
    ``fixed``): the check behind "a second ``smlint check --fix`` changes nothing"."""
    from smlint.fix import apply_fixes

    outcomes = []
    for rule in rules:
        if not rule.spec.get("safe"):
            continue
        for example in (rule.examples or {}).get("bad", ()):
            fixed, made = apply_fixes(example, findings(rule.id, example))
            left = findings(rule.id, fixed) if made else []
            problem = ("no fix offered" if not made else
                       f"still flagged after --fix ({fixed!r}): {left[0].match!r}" if left else "")
            outcomes.append(Outcome(rule.id, "fixed", example, not problem, problem))
    return outcomes


def _registry_findings(pack: Pack):
    from smlint.registry import RegistryChecker
    from smlint.registry.rules import example_registry
    from smlint.text.document import Document

    registry, channel = example_registry(pack)
    if registry is None:
        return lambda rule_id, text: Outcome(rule_id, "examples", text, False,
                                             "a pack with registry rules needs an example_registry")
    checker = RegistryChecker(registry, pack.rules, channel=channel)
    return lambda rule_id, text: [f for f in checker.check(Document.plain("example.txt", text)) if f.rule == rule_id]


def run_with(rules, findings) -> list[Outcome]:
    """Judge every example of every rule; ``findings(rule_id, example)`` lists that rule's findings.

    Shared by copy packs (here) and lead packs (``smlint.leads.examples``). ``findings`` may
    return an Outcome instead, when the example itself cannot run."""
    outcomes = []
    for rule in rules:
        missing = missing_examples(rule)
        if missing is not None:
            outcomes.append(missing)
            continue
        for which, example in each_example(rule):
            hits = findings(rule.id, example)
            outcomes.append(hits if isinstance(hits, Outcome) else judge(rule.id, which, example, hits))
    return outcomes


def judge(rule_id: str, which: str, example, hits: list) -> Outcome:
    """A bad example must produce the rule's finding; a good one must not."""
    if which == "bad" and not hits:
        return Outcome(rule_id, which, example, False, "no finding")
    if which == "good" and hits:
        return Outcome(rule_id, which, example, False, f"flagged {hits[0].match!r}: {hits[0].message}")
    return Outcome(rule_id, which, example, True)


def run_concept_examples(store, concepts=None, local: dict | None = None) -> list[Outcome]:
    """Each concept's examples: it must be found in every ``bad`` text and in no ``good`` one.
    ``local``: a pack's own concepts (then ``concepts`` are looked up with them first)."""
    from smlint.errors import PackError
    from smlint.text.matcher import PatternError, compile_pattern
    from smlint.text.normalize import fold

    outcomes = []
    store.prepare()
    for c in concepts if concepts is not None else store.all():
        label = f"{{{c.name}}} ({c.language})"
        if not (c.examples.get("bad") and c.examples.get("good")):
            outcomes.append(Outcome(label, "examples", "", False, "the concept has no bad and good examples"))
            continue
        try:
            regex = compile_pattern(store.vocabulary(c.language, local).regex(c.name))
        except (PackError, PatternError) as exc:
            outcomes.append(Outcome(label, "compile", "", False, str(exc)))
            continue
        for which, example in each_example(c):
            found = regex.search(fold(example).encode("ascii"))
            if which == "bad" and found is None:
                outcomes.append(Outcome(label, which, example, False, "not found"))
            elif which == "good" and found is not None:
                span = fold(example)[found.start():found.end()]
                outcomes.append(Outcome(label, which, example, False, f"found {span!r}"))
            else:
                outcomes.append(Outcome(label, which, example, True))
    return outcomes
