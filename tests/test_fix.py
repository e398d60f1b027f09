"""Safe fixes (smlint/fix.py, issue 15): where a fix is offered, how it is made, what a pack may mark safe."""
from __future__ import annotations

import pytest

from smlint.errors import PackError
from smlint.fix import FileFix, apply_fixes, fix_files, match_case, replacement_problem, unified_diff
from smlint.linter import Linter, LintOptions
from smlint.packs import load_packs
from tests.conftest import PACK_HEAD

SAFE_RULE = """\
rules:
  - id: swap
    kind: substitution
    safe: true
    severity: warning
    swap: {"world-class": "first-rate", "utilise": "use"}
    message: "'{match}' is vague"
    suggest: "Use '{preferred}'"
    description: Vague words.
    why: Vague.
    examples:
      bad: ["A world-class team."]
      good: ["A first-rate team."]
  - id: unsafe
    kind: substitution
    severity: info
    swap: {"cutting-edge": "the technology, named"}
    message: "'{match}' is vague"
    description: Vague words.
    why: Vague.
    examples:
      bad: ["A cutting-edge tool."]
      good: ["A tool."]
"""


@pytest.fixture
def linter(write_pack):
    return Linter(LintOptions(lang="en"), packs=load_packs([str(write_pack(PACK_HEAD + SAFE_RULE))]))


def fixes(linter, text, path):
    return [(f.fix.start, f.fix.end, f.fix.replacement) if f.fix else None for f in linter.lint_text(text, path)]


def test_a_safe_substitution_offers_its_replacement_cased_like_the_match(linter):
    text = "World-class. world-class. WORLD-CLASS. We Utilise it."
    assert fixes(linter, text, "a.txt") == [(0, 11, "First-rate"), (13, 24, "first-rate"), (26, 37, "FIRST-RATE"),
                                           (42, 49, "Use")]


def test_an_unsafe_substitution_stays_a_suggestion(linter):
    (finding,) = linter.lint_text("A cutting-edge tool.", "a.txt")
    assert finding.rule == "t/unsafe" and finding.suggestion is None and finding.fix is None


def test_html_fixes_only_verbatim_prose_and_escape_quotes(linter, write_pack):
    text = '<p>A world&#45;class and a world-class team.</p>'
    assert fixes(linter, text, "a.html") == [None, (27, 38, "first-rate")]
    quoting = Linter(LintOptions(lang="en"), packs=load_packs([str(write_pack(
        PACK_HEAD + SAFE_RULE.replace('"first-rate"', '"the team\'s own"'), "q.yaml"))]))
    assert fixes(quoting, '<img alt="world-class">', "a.html") == [(10, 21, "the team&#x27;s own")]


def test_markdown_front_matter_and_markup_inside_the_match_are_not_fixed(linter):
    text = "---\ntitle: A world-class plan\n---\n# World-class\n\nA *world*-class, world-class team.\n"
    found = linter.lint_text(text, "a.md")
    assert [(f.line, f.fix is not None) for f in found] == [(2, False), (4, True), (6, True)]


@pytest.mark.parametrize("path", ["a.csv", "a.yaml", "a.json"])
def test_structured_files_get_no_fix(linter, path):
    text = {"a.csv": "headline\nA world-class team\n", "a.yaml": "headline: A world-class team\n",
            "a.json": '{"headline": "A world-class team"}'}[path]
    found = linter.lint_text(text, path)
    assert found and all(f.fix is None for f in found)


def test_apply_fixes_keeps_everything_but_the_matches_and_skips_stale_ones(linter):
    text = "A world-class team.\r\nWe utilise\rit.\n"
    found = linter.lint_text(text, "a.txt")
    assert apply_fixes(text, found) == ("A first-rate team.\r\nWe use\rit.\n", 2)
    assert apply_fixes("A world-cl4ss team.\r\nWe utilise\rit.\n", found) == ("A world-cl4ss team.\r\nWe use\rit.\n", 1)


def test_fix_files_keeps_a_bom_and_reaches_a_fixed_point(linter):
    text = "\ufeffA world-class team; we utilise it.\n"
    findings = linter.lint_text(text[1:], "a.txt")
    changes = fix_files(findings, lambda path: text, lambda path, t: linter.lint_text(t, path))
    assert changes == [FileFix("a.txt", text[1:], "A first-rate team; we use it.\n", 2, bom=True)]
    assert fix_files(linter.lint_text(changes[0].after, "a.txt"), lambda p: changes[0].after,
                     lambda p, t: linter.lint_text(t, p)) == []  # a second run changes nothing


def test_overlapping_fixes_are_made_on_the_next_pass(write_pack):
    pack = PACK_HEAD + """\
rules:
  - id: one
    kind: substitution
    safe: true
    severity: warning
    swap: {"world-class team": "good team"}
    message: m
    description: d
    why: w
    examples: {bad: ["A world-class team."], good: ["A good team."]}
  - id: two
    kind: substitution
    safe: true
    severity: warning
    swap: {"world-class": "first-rate"}
    message: m
    description: d
    why: w
    examples: {bad: ["A world-class plan."], good: ["A first-rate plan."]}
"""
    linter = Linter(LintOptions(lang="en"), packs=load_packs([str(write_pack(pack))]))
    text = "A world-class team, a world-class plan.\n"
    checks = []

    def recheck(path, t):
        checks.append(t)
        return linter.lint_text(t, path)

    (change,) = fix_files(linter.lint_text(text, "a.txt"), lambda p: text, recheck)
    assert change.after == "A good team, a first-rate plan.\n" and change.fixed == 2 and change.stable
    assert checks == ["A good team, a first-rate plan.\n"]


def test_a_pass_that_never_ends_is_reported_not_looped(linter):
    flip = {"A": "B", "B": "A"}
    from smlint.model import Finding, Fix, Location, Severity

    def finding(text):
        return Finding("t/x", Severity.WARNING, "m", Location("a.txt"), match=text[0], fix=Fix(0, 1, flip[text[0]]))

    (change,) = fix_files([finding("A")], lambda p: "A", lambda p, t: [finding(t)], max_passes=3)
    assert change.after == "B" and change.fixed == 3 and not change.stable


def test_match_case():
    assert match_case("World-class", "first-rate") == "First-rate"
    assert match_case("WORLD-CLASS", "first-rate") == "FIRST-RATE"
    assert match_case("world-class", "Acme Cloud") == "Acme Cloud"
    assert match_case("A", "an") == "An"


@pytest.mark.parametrize("text, problem", [
    ("first-rate", None),
    ("the team's own (named) 20%", None),
    ("", "must not be empty"),
    (" padded", "must not be empty or start or end with a space"),
    ("- a list", "must start with a letter or a digit"),
    ("*bold*", "must start with a letter or a digit"),
    ("a <b>tag</b>", "'<>' could be markup"),
    ("snake_case", "'_' could be markup"),
    ("two\nlines", "'\\n' could be markup"),
])
def test_what_a_safe_replacement_may_hold(text, problem):
    found = replacement_problem(text)
    assert (found is None) if problem is None else (problem in found)


def test_a_pack_marking_a_markup_replacement_safe_is_an_error_at_its_line(write_pack):
    path = write_pack(PACK_HEAD + SAFE_RULE.replace('"first-rate"', '"*first-rate*"'))
    with pytest.raises(PackError) as err:
        load_packs([str(path)])
    assert str(err.value).startswith(f"{path}:11:") and "rules[0].swap.world-class" in str(err.value)
    assert "must start with a letter or a digit" in str(err.value)


def test_a_safe_replacement_the_rule_flags_again_is_an_error(write_pack):
    path = write_pack(PACK_HEAD + SAFE_RULE.replace('"utilise": "use"', '"utilise": "Utilise fully"'))
    with pytest.raises(PackError, match="the replacement holds 'utilise', which this rule flags"):
        load_packs([str(path)])


def test_safe_is_only_a_substitution_key(write_pack):
    path = write_pack(PACK_HEAD + SAFE_RULE.replace("kind: substitution\n    safe: true\n    severity: warning\n"
                                                    "    swap: {\"world-class\": \"first-rate\", \"utilise\": "
                                                    "\"use\"}",
                                                    "kind: phrase\n    safe: true\n    severity: warning\n"
                                                    "    phrases: [\"world-class\"]"))
    with pytest.raises(PackError, match="safe"):
        load_packs([str(path)])


def test_the_diff_reads_like_git_diff():
    change = FileFix("copy/a.txt", "One.\r\nA world-class team.\r\nEnd", "One.\r\nA first-rate team.\r\nEnd", 1)
    assert unified_diff(change) == (
        "--- a/copy/a.txt\n+++ b/copy/a.txt\n@@ -1,3 +1,3 @@\n"
        " One.\r\n-A world-class team.\r\n+A first-rate team.\r\n End\n\\ No newline at end of file\n")


def test_rules_test_fixes_each_bad_example_of_a_safe_rule(write_pack):
    from smlint.ruletest import run_examples

    (pack,) = load_packs([str(write_pack(PACK_HEAD + SAFE_RULE))])
    fixed = [o for o in run_examples(pack) if o.which == "fixed"]
    assert [(o.rule, o.example, o.ok) for o in fixed] == [("t/swap", "A world-class team.", True)]


def test_rules_test_fails_a_safe_rule_whose_fix_is_flagged_again(write_pack):
    """The load check refuses such a pack; the example run is the second net (here the swap is
    changed after loading, as nothing in a pack file could)."""
    from smlint.ruletest import run_examples

    (pack,) = load_packs([str(write_pack(PACK_HEAD + SAFE_RULE))])
    pack.rules[0].spec["swap"]["world-class"] = "truly world-class"
    (outcome,) = [o for o in run_examples(pack) if o.which == "fixed"]
    assert not outcome.ok and outcome.problem == "still flagged after --fix ('A truly world-class team.'): 'world-class'"


def test_the_python_api_fixes_a_string(write_pack):
    from smlint.api import apply_fixes as api_apply, lint_text

    text = "We utilise a world-class team.\n"
    findings = lint_text(text, packs=[str(write_pack(PACK_HEAD + SAFE_RULE))], lang="en")
    assert api_apply(text, findings) == ("We use a first-rate team.\n", 2)


def test_a_file_that_cannot_be_read_any_more_is_left_alone(linter):
    findings = linter.lint_text("A world-class team.\n", "a.txt") + linter.lint_text("A world-class plan.\n", "b.txt")
    texts = {"b.txt": "A world-class plan.\n"}
    changes = fix_files(findings, texts.get, lambda path, t: linter.lint_text(t, path))
    assert [(c.path, c.after) for c in changes] == [("b.txt", "A first-rate plan.\n")]
