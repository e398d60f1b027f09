"""Rule selectors that name no rule are errors, not a gate that silently passes (issue 12).

``--select`` / ``--ignore`` globs and the config's ``disable`` / ``severity`` ids are checked
against every rule smlint knows in the run (built-in packs, the registry's rules, the packs the
command line, config and overrides name), so a glob for a pack this run does not load is fine;
a run left with no rule at all exits 2 too.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from smlint.cli import main
from tests.conftest import CORE_PACK

PACK = ["--pack", str(CORE_PACK), "--lang", "en"]
REGISTRY = str(Path(__file__).parents[2] / "examples" / "registry" / "claims.yaml")


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def dirty(tmp_path):
    path = tmp_path / "dirty.txt"
    path.write_text("Guaranteed results for everyone.\n", encoding="utf-8")
    return str(path)


def test_select_that_names_no_rule_exits_2_and_lists_the_packs(dirty):
    code, out = run("check", dirty, *PACK, "--select", "nosuch/*")
    assert code == 2
    assert out.startswith("smlint: error: --select 'nosuch/*' matches no rule (ids are PACK/RULE-ID; the packs are ")
    assert "`smlint rules list` lists every rule)" in out and "core" in out


def test_ignore_with_a_typo_suggests_the_close_id(dirty):
    code, out = run("check", dirty, *PACK, "--ignore", "core/guaranted")
    assert (code, out) == (2, "smlint: error: --ignore 'core/guaranted' matches no rule; "
                              "did you mean 'core/guaranteed'?\n")


def test_a_glob_with_a_typo_suggests_the_pack_glob(dirty):
    code, out = run("check", dirty, "--select", "overpromis/*")
    assert (code, out) == (2, "smlint: error: --select 'overpromis/*' matches no rule; did you mean 'overpromise/*'?\n")


def test_globs_for_packs_not_loaded_in_this_run_are_not_errors(dirty):
    # registry/* without a registry, and a built-in pack that --pack leaves out: known ids
    assert run("check", dirty, *PACK, "--ignore", "registry/*", "--ignore", "pricing/*")[0] == 1
    assert run("check", dirty, *PACK, "--select", "core/*", "--select", "registry/*")[0] == 1


def test_select_that_leaves_no_rule_in_this_run_exits_2(dirty):
    code, out = run("check", dirty, *PACK, "--select", "pricing/*")
    assert code == 2
    assert out == ("smlint: error: no rule is active, so nothing was checked: the packs loaded (core) have "
                   "no rule that --select 'pricing/*' keeps\n")
    code, out = run("check", dirty, *PACK, "--ignore", "*")
    assert code == 2 and "have no rule that --ignore '*' keeps" in out


def test_registry_rules_alone_need_a_registry(dirty):
    code, out = run("check", dirty, *PACK, "--select", "registry/*")
    assert code == 2
    assert out.endswith("; registry/* rules need a claims registry (--registry FILE or `registry:` in the "
                        "config)\n")
    assert run("check", dirty, *PACK, "--select", "registry/*", "--registry", REGISTRY)[0] in (0, 1)


def test_baseline_command_checks_its_globs_too(dirty, tmp_path):
    code, out = run("baseline", dirty, *PACK, "--select", "nosuch/*", "-o", str(tmp_path / "b.json"))
    assert code == 2 and "--select 'nosuch/*' matches no rule" in out
    assert not (tmp_path / "b.json").exists()


def test_a_rule_of_a_user_pack_named_on_the_command_line_is_known(dirty):
    # core/… is no built-in rule: the packs the run names are loaded to look for it
    assert run("check", dirty, *PACK, "--ignore", "core/guaranteed")[0] == 0
