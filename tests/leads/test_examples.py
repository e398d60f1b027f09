"""Every built-in lead rule's examples: bad ones trigger it, good ones do not (STYLE.md habit 4)."""
from __future__ import annotations

import pytest

from smlint.leads.examples import run_examples
from smlint.leads.pack import builtin_lead_packs, load_lead_pack

PACK_FILES = builtin_lead_packs()


def test_both_default_agreements_ship():
    assert sorted(p.stem for p in PACK_FILES) == ["hubspot", "salesforce"]


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.stem)
def test_every_rule_example(path):
    pack = load_lead_pack(path)
    outcomes = run_examples(pack)
    failures = [f"{o.rule} {o.which} {o.example}: {o.problem}" for o in outcomes if not o.ok]
    assert not failures, "\n".join(failures)
    assert {o.rule for o in outcomes} == {r.id for r in pack.rules}


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.stem)
def test_every_kind_is_used_by_a_default_pack(path):
    kinds = {r.kind for p in PACK_FILES for r in load_lead_pack(p).rules}
    from smlint.leads.kinds import KINDS
    assert kinds == set(KINDS)


def test_a_failing_example_is_reported(mini_pack):
    from dataclasses import replace

    rule = mini_pack.rules[0]
    broken = replace(rule, examples={"bad": [{"email": "ana@acme-robotics.io"}], "good": [{"email": "x@mailinator.com"}]})
    pack = replace(mini_pack, pack=replace(mini_pack.pack, rules=(broken, *mini_pack.rules[1:])))
    outcomes = [o for o in run_examples(pack) if o.rule == rule.id]
    assert [(o.which, o.ok) for o in outcomes] == [("bad", False), ("good", False)]
    assert outcomes[0].problem == "no finding"


def test_an_example_naming_an_undeclared_field_fails(mini_pack):
    from dataclasses import replace

    rule = replace(mini_pack.rules[0], examples={"bad": [{"emial": "x"}], "good": [{"email": "a@acme-robotics.io"}]})
    pack = replace(mini_pack, pack=replace(mini_pack.pack, rules=(rule,)))
    bad = [o for o in run_examples(pack) if not o.ok]
    assert bad and "undeclared field 'emial'" in bad[0].problem
