"""A mistyped rule id under ``disable:`` or ``severity:`` is a config error at its line (issue 12).

Today's alternative is a gate that goes on failing (or passing) on the rule the user meant to
switch off, without a word. Ids are checked against every rule the run knows: built-in packs,
the registry's rules and the packs the command line, the config and its overrides name.
"""
from __future__ import annotations

from tests.workflow.conftest import DEMO_PACK

DIRTY = "Act now!\nThe best-in-class tool, money back guaranteed.\n"


def check(project, *args):
    project.write("copy/a.txt", DIRTY)
    result = project.run("check", "copy/a.txt", *args)
    return result.exit_code, result.output


def test_a_typo_under_disable_names_the_line_and_the_close_id(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\ndisable: [demo/money-bak]\n")
    assert check(project) == (2, "smlint: error: smlint.yaml:2:11: disable[0]: 'demo/money-bak' matches no rule; "
                                 "did you mean 'demo/money-back'?\n")


def test_a_typo_in_a_severity_key_points_at_the_key(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\nseverity:\n  \"dmeo/*\": warning\n")
    assert check(project) == (2, "smlint: error: smlint.yaml:3:3: severity.dmeo/*: 'dmeo/*' matches no rule; "
                                 "did you mean 'demo/*'?\n")


def test_a_typo_in_an_override(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\noverrides:\n  - files: [\"copy/**\"]\n"
                                 "    disable: [demo/act-now, demo/bset-in-class]\n")
    code, out = check(project)
    assert code == 2
    assert out.startswith("smlint: error: smlint.yaml:4:29: overrides[0].disable[1]: 'demo/bset-in-class' "
                          "matches no rule; did you mean 'demo/best-in-class'?")


def test_ids_of_packs_this_file_does_not_load_are_not_errors(project):
    # a pack only an override loads, the registry's rules without a registry, a pack the
    # command line names: one config serves every run
    project.write("smlint.yaml", f"""\
packs: [overpromise]
disable: [demo/act-now, registry/price-not-in-plans]
severity:
  "demo/best-*": info
overrides:
  - files: ["other/**"]
    packs: [{DEMO_PACK}]
""")
    assert check(project)[0] in (0, 1)
    project.write("smlint.yaml", "disable: [demo/act-now]\n")
    code, out = check(project, "--pack", DEMO_PACK)
    assert code == 1 and "demo/act-now" not in out and "demo/money-back" in out


def test_pyproject_disable_typo(project):
    project.write("pyproject.toml", f"[tool.smlint]\npacks = [\"{DEMO_PACK}\"]\ndisable = [\"demo/nope\"]\n")
    code, out = check(project)
    assert code == 2
    assert out.startswith("smlint: error: pyproject.toml:3:10: disable[0]: 'demo/nope' matches no rule (ids are")


def test_disabling_every_rule_is_not_a_clean_run(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\ndisable: [\"demo/*\"]\n")
    code, out = check(project)
    assert code == 2
    assert out == ("smlint: error: no rule is active, so nothing was checked: the packs loaded (demo) have no "
                   "rule that `disable:` in smlint.yaml keeps\n")
