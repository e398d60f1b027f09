"""Broken packs say which file, line, column and field — never a traceback (issue 2, Rule packs)."""
from __future__ import annotations

import time

import pytest

from smlint.errors import PackError
from smlint.model import Rule
from smlint.packs import load_pack, unmatched_glob

HEAD = """\
pack: t
language: en
kind: copy
owner: marketing
description: test
rules:
"""

RULE = """\
  - id: r1
    kind: phrase
    severity: error
    phrases: ["x"]
    message: "m {match}"
    description: d
    why: w
    examples: {bad: ["x"], good: ["y"]}
"""


def error_of(write_pack, body: str) -> PackError:
    path = write_pack(HEAD + body)
    with pytest.raises(PackError) as info:
        load_pack(path, strict=True)
    return info.value


def test_valid_pack_loads(write_pack):
    pack = load_pack(write_pack(HEAD + RULE), strict=True)
    assert [r.id for r in pack.rules] == ["t/r1"]


def test_unknown_key_names_line_column_and_field(write_pack):
    err = error_of(write_pack, RULE + "    phrasez: [a]\n")
    assert (err.line, err.column, err.field) == (15, 5, "rules[0].phrasez")
    assert "unknown key 'phrasez'" in str(err)


def test_wrong_type_points_at_value(write_pack):
    err = error_of(write_pack, RULE.replace('phrases: ["x"]', "phrases: x"))
    assert (err.line, err.field) == (10, "rules[0].phrases")
    assert "is not of type 'array'" in err.message


def test_bad_severity(write_pack):
    err = error_of(write_pack, RULE.replace("severity: error", "severity: fatal"))
    assert err.field == "rules[0].severity" and err.line == 9
    assert "'fatal' is not one of error, warning, info" in err.message


def test_key_of_another_kind_is_rejected(write_pack):
    err = error_of(write_pack, RULE + "    pattern: 'x'\n")
    assert err.field == "rules[0]" or err.field == "rules[0].pattern"
    assert "pattern" in str(err)


def test_bad_regex_is_rejected_with_field(write_pack):
    body = RULE.replace("kind: phrase", "kind: pattern").replace('phrases: ["x"]', "pattern: 'a(b'")
    err = error_of(write_pack, body)
    assert err.field == "rules[0].pattern" and (err.line, err.column) == (10, 14)
    assert err.message == "invalid pattern 'a(b': missing ): a(b"
    assert "invalid pattern" in err.message


def test_lookaround_is_rejected_with_explanation(write_pack):
    body = RULE.replace("kind: phrase", "kind: pattern").replace('phrases: ["x"]', "pattern: 'free(?! shipping)'")
    err = error_of(write_pack, body)
    assert "look-around" in err.message and "linear time" in err.message


def test_nested_trigger_pattern_field_path(write_pack):
    body = """\
  - id: r1
    kind: requires
    severity: error
    trigger: {pattern: "[a-"}
    disclosure: {phrases: [ok]}
    scope: sentence
    message: m
    description: d
    why: w
    examples: {bad: ["x"], good: ["y"]}
"""
    err = error_of(write_pack, body)
    assert err.field == "rules[0].trigger.pattern"


def test_duplicate_rule_ids(write_pack):
    err = error_of(write_pack, RULE + RULE)
    assert "duplicate rule id 'r1'" in err.message and err.field == "rules[1].id" and err.line == 15


def test_unknown_placeholder(write_pack):
    err = error_of(write_pack, RULE.replace("m {match}", "m {matched}"))
    assert err.field == "rules[0].message" and "unknown placeholder {matched}" in err.message


def test_missing_examples_is_an_error(write_pack):
    err = error_of(write_pack, RULE.replace('    examples: {bad: ["x"], good: ["y"]}\n', ""))
    assert "'examples' is a required property" in err.message


def test_yaml_syntax_error_has_position(write_pack):
    err = error_of(write_pack, RULE + "    - : [\n")
    assert err.line is not None and "invalid YAML" in err.message


def test_duplicate_yaml_key(write_pack):
    err = error_of(write_pack, RULE + "    message: again\n")
    assert "duplicate key 'message'" in err.message and err.line == 15


def test_rendered_error_format(write_pack):
    err = error_of(write_pack, RULE + "    phrasez: [a]\n")
    assert str(err).endswith(":15:5: rules[0].phrasez: unknown key 'phrasez' (allowed: " + str(err).split("(allowed: ")[1])


def test_catastrophic_pattern_finishes_fast(write_pack):
    """(a+)+$ is accepted (RE2 is linear time) and runs on 50,000 a's in well under a second."""
    from smlint.api import Linter, LintOptions

    body = RULE.replace("kind: phrase", "kind: pattern").replace('phrases: ["x"]', "pattern: '(a+)+$'")
    path = write_pack(HEAD + body)
    linter = Linter(LintOptions(packs=(str(path),), lang="en"))
    started = time.perf_counter()
    findings = linter.lint_text("a" * 50_000 + "b")
    assert time.perf_counter() - started < 1.0
    assert findings == []


# Rule selectors (--select, --ignore, disable:, severity:) that name no rule: issue 12.
def _rule(rule_id: str, aliases=()) -> Rule:
    return Rule(id=rule_id, pack=rule_id.split("/")[0], kind="phrase", severity="error", message="m",
                description="d", why="w", language="en", owner="o", category="c", aliases=tuple(aliases),
                examples={}, spec={})


def test_unmatched_glob_accepts_ids_aliases_and_globs_and_suggests_close_ones():
    rules = [_rule("p/new-id", aliases=["old-id"]), _rule("q/other")]
    assert [unmatched_glob(g, rules) for g in ("p/new-id", "p/old-id", "p/*", "*", "?/other")] == [None] * 5
    assert unmatched_glob("p/nwe-id", rules) == "'p/nwe-id' matches no rule; did you mean 'p/new-id'?"
    assert unmatched_glob("zzz", rules) == ("'zzz' matches no rule (ids are PACK/RULE-ID; the packs are p, q; "
                                            "`smlint rules list` lists every rule)")
