"""Every example of every built-in pack runs (STYLE.md habit 4): bad ones must produce that
rule's finding, good ones must not; a rule without examples fails the suite."""
from __future__ import annotations

import pytest

from smlint.packs import builtin_pack_files, load_pack
from smlint.ruletest import run_examples

PACK_FILES = builtin_pack_files("copy")


def test_there_are_builtin_packs_for_both_languages():
    langs = {p.parent.name for p in PACK_FILES}
    assert {"en"} <= langs


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_builtin_pack_is_valid_and_its_examples_pass(path):
    pack = load_pack(path, strict=True)
    failures = [o for o in run_examples(pack) if not o.ok]
    assert not failures, "\n".join(f"{o.rule} {o.which}: {o.example!r}: {o.problem}" for o in failures)


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_rule_has_bad_and_good_examples(path):
    pack = load_pack(path, strict=True)
    for rule in pack.rules:
        assert rule.examples.get("bad") and rule.examples.get("good"), rule.id


def test_a_rule_without_examples_fails_the_example_run(write_pack):
    from smlint.model import Pack

    pack = load_pack(PACK_FILES[0], strict=True)
    rule = pack.rules[0]
    broken = Pack(pack.name, pack.language, pack.kind, pack.description, pack.owner, pack.path,
                  (type(rule)(**{**rule.__dict__, "examples": {}}),))
    outcomes = run_examples(broken)
    assert [o.ok for o in outcomes] == [False]


def test_example_runner_catches_a_bad_example_that_does_not_fire(write_pack):
    path = write_pack("""\
        pack: t
        language: en
        kind: copy
        owner: marketing
        description: test
        rules:
          - id: r
            kind: phrase
            severity: error
            phrases: [foo]
            message: m
            description: d
            why: w
            examples: {bad: ["bar"], good: ["foo"]}
        """)
    outcomes = run_examples(load_pack(path, strict=True))
    assert [(o.which, o.ok) for o in outcomes] == [("bad", False), ("good", False)]
