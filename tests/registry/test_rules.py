"""Every registry rule is a complete Rule whose examples run (STYLE.md habits 4 and 7)."""
from __future__ import annotations

import pytest

from smlint.packs import load_pack
from smlint.registry import registry_pack, registry_rules
from smlint.registry.rules import pack_file
from smlint.ruledoc import explain
from smlint.ruletest import run_examples
from smlint.text.lang import detect

RULES = registry_rules()


def test_the_issue_checks_all_exist():
    assert {r.short_id for r in RULES} == {
        "price-not-in-plans", "taxes-contradiction", "permanence-contradiction", "term-mismatch",
        "fee-mismatch", "trial-mismatch", "renewal-contradiction", "claim-number-mismatch",
        "unregistered-claim", "expired-claim", "claim-wrong-channel", "missing-disclaimer"}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented_in_both_languages(rule):
    assert rule.description and rule.why and rule.suggest and rule.references
    for which in ("bad", "good"):
        assert {detect(t) for t in rule.examples[which]} == {"en", "es"}, which
    text = explain(rule)
    assert "What it flags:" in text and "Why it matters:" in text and "✗" in text and "✓" in text


def test_the_pack_is_valid_and_its_examples_pass_against_its_example_registry():
    outcomes = run_examples(load_pack(pack_file(), strict=True))
    failures = [o for o in outcomes if not o.ok]
    assert len(outcomes) == sum(len(r.examples["bad"]) + len(r.examples["good"]) for r in RULES)
    assert not failures, "\n".join(f"{o.rule} {o.which}: {o.example!r}: {o.problem}" for o in failures)


def test_pack_for_select_and_ignore():
    pack = registry_pack()
    assert pack.name == "registry" and len(pack.rules) == 12
    assert all(r.id.startswith("registry/") and r.kind == "registry" for r in pack.rules)
