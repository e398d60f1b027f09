"""Inline directives: what they cover, how strict they are, and how to turn them off."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from smlint.api import Linter, LintOptions
from smlint.cli import main

PACKS = (str(Path(__file__).resolve().parent / "readers" / "fixture_pack.yaml"),)


def run(text: str, name: str = "a.md", **options):
    linter = Linter(LintOptions(packs=PACKS, lang="en", **options))
    return [(f.rule, f.line, str(f.severity)) for f in linter.check_document(linter.read(name, text), "en")]


def test_disable_block_with_a_glob_until_enable() -> None:
    text = ("<!-- smlint-disable fixture/* -->\nAct now, best price.\n<!-- smlint-enable fixture/* -->\n"
            "Act now.\n")
    assert run(text) == [("fixture/act-now", 4, "info")]


def test_disable_without_enable_runs_to_the_end_and_enable_all_closes_everything() -> None:
    assert run("<!-- smlint-disable -->\nAct now.\n\nBest price.\n") == []
    text = "<!-- smlint-disable fixture/act-now -->\n<!-- smlint-disable fixture/best-price -->\n<!-- smlint-enable -->\nAct now.\n"
    assert run(text) == [("smlint/unused-suppression", 1, "info"), ("smlint/unused-suppression", 2, "info"),
                         ("fixture/act-now", 4, "info")]


def test_a_bad_id_is_reported_and_the_good_ids_still_work() -> None:
    text = "<!-- smlint-disable-next-line fixture/act-now, bogus -->\nAct now, best price.\n"
    assert run(text) == [("smlint/bad-directive", 1, "warning"), ("fixture/best-price", 2, "error")]


@pytest.mark.parametrize("directive", [
    "smlint-disable-next-line fixture",           # not pack/rule shaped
    "smlint-disable-next-line nope/*",            # names no rule
    "smlint-disable-next-line because legal said so",  # reason without ' -- '
    "smlint-disabled",                            # unknown verb
    "smlint: disable",
])
def test_malformed_directives_are_warnings_and_never_disable_everything(directive) -> None:
    found = run(f"<!-- {directive} -->\nAct now.\n")
    assert ("smlint/bad-directive", 1, "warning") in found
    assert ("fixture/act-now", 2, "info") in found


def test_reason_after_double_dash_is_allowed() -> None:
    assert run("<!-- smlint-disable-next-line fixture/act-now -- approved in JIRA-12 -->\nAct now.\n") == []


def test_unused_ids_are_reported_only_for_active_rules() -> None:
    text = "<!-- smlint-disable-next-line fixture/best-price -->\nNothing here.\n"
    assert run(text) == [("smlint/unused-suppression", 1, "info")]
    assert run(text, select=("fixture/act-now",)) == []


def test_disable_line_in_yaml_and_plain_text_lines() -> None:
    yaml_text = "headline: act now  # smlint-disable-line fixture/act-now\ntext: best price\n"
    assert run(yaml_text, "a.yaml") == [("fixture/best-price", 2, "error")]
    script = "Say this:\n# smlint-disable-next-line fixture/act-now\nAct now.\nAct now.\n"
    assert run(script, "call.txt") == [("fixture/act-now", 4, "info")]


def test_next_line_covers_a_whole_csv_record() -> None:
    text = 'Headline 1,Description\n# smlint-disable-next-line fixture/*\nact now,"best\nprice"\nact now,x\n'
    assert run(text, "ads.csv") == [("fixture/act-now", 5, "info")]


def test_no_inline_config_ignores_every_directive() -> None:
    text = "<!-- smlint-disable -->\nAct now.\n<!-- smlint-bogus -->\n"
    assert run(text, no_inline_config=True) == [("fixture/act-now", 2, "info")]


def test_cli_flag_no_inline_config(tmp_path) -> None:
    path = tmp_path / "a.md"
    path.write_text("<!-- smlint-disable-next-line fixture/best-price -->\nBest price.\n", encoding="utf-8")
    args = ["check", str(path), "--pack", PACKS[0], "--lang", "en", "--format", "json"]
    quiet = CliRunner().invoke(main, args)
    loud = CliRunner().invoke(main, [*args, "--no-inline-config"])
    assert quiet.exit_code == 0 and '"findings": []' in quiet.output
    assert loud.exit_code == 1 and '"rule": "fixture/best-price"' in loud.output


def test_an_alias_suppresses_the_renamed_rule(tmp_path) -> None:
    pack = Path(PACKS[0]).read_text(encoding="utf-8").replace(
        "  - id: act-now\n", "  - id: act-now\n    aliases: [urgency-now]\n")
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    linter = Linter(LintOptions(packs=(str(tmp_path / "pack.yaml"),), lang="en"))
    doc = linter.read("a.md", "<!-- smlint-disable-next-line fixture/urgency-now -->\nAct now.\n")
    assert linter.check_document(doc, "en") == []
