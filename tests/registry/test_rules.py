"""Every registry rule is a complete Rule whose examples run (STYLE.md habits 4 and 7)."""
from __future__ import annotations

import pytest

from smlint.registry import RegistryChecker, registry_pack, registry_rules
from smlint.registry.rules import EXAMPLE_CHANNEL
from smlint.ruledoc import explain
from smlint.text.document import Document
from smlint.text.lang import detect

RULES = registry_rules()
CASES = [(r.id, which, text) for r in RULES for which in ("bad", "good") for text in r.examples[which]]


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


@pytest.mark.parametrize("rule_id,which,text", CASES)
def test_examples(registry, rule_id, which, text):
    findings = RegistryChecker(registry, channel=EXAMPLE_CHANNEL).check(Document.plain("example.txt", text))
    hits = [f for f in findings if f.rule == rule_id]
    assert bool(hits) == (which == "bad"), findings


def test_pack_for_select_and_ignore():
    pack = registry_pack()
    assert pack.name == "registry" and len(pack.rules) == 12
    assert all(r.id.startswith("registry/") and r.kind == "registry" for r in pack.rules)
