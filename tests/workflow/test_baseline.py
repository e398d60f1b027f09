"""Baselines: today's findings are hidden; edits elsewhere keep them hidden; edits to them don't."""
from __future__ import annotations

import json

import pytest

from tests.workflow.conftest import DEMO_PACK

DRAFT = "Intro line.\nMoney back guaranteed, no questions.\nMiddle line.\nAct now while stocks last.\nEnd.\n"


@pytest.fixture
def baselined(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\n")
    project.write("copy/draft.txt", DRAFT)
    result = project.run("baseline", ".")
    assert result.exit_code == 0, result.output
    assert "wrote 2 finding(s) from 1 file(s) to " in result.stdout
    return project


def test_baseline_file_lists_path_rule_and_fingerprint(baselined):
    data = json.loads((baselined.root / ".smlint-baseline.json").read_text())
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["match"]) for e in data["findings"]] == [
        ("copy/draft.txt", "demo/act-now", "Act now"),
        ("copy/draft.txt", "demo/money-back", "Money back guaranteed"),
    ]
    assert all(len(e["fingerprint"]) >= 16 for e in data["findings"])


def test_baselined_findings_are_hidden_and_do_not_fail(baselined):
    assert baselined.findings(".") != []
    result = baselined.run("check", ".", "--baseline", ".smlint-baseline.json")
    assert result.exit_code == 0, result.output
    assert baselined.findings(".", "--baseline", ".smlint-baseline.json") == []


def test_inserting_and_deleting_lines_elsewhere_does_not_resurrect(baselined):
    moved = "New first line.\nAnother new line.\n" + DRAFT.replace("Intro line.\n", "").replace("Middle line.\n", "")
    baselined.write("copy/draft.txt", moved + "A new closing line.\n")
    assert baselined.findings(".", "--baseline", ".smlint-baseline.json") == []


def test_editing_the_offending_sentence_makes_it_new(baselined):
    baselined.write("copy/draft.txt", DRAFT.replace("no questions", "no questions asked"))
    assert baselined.findings(".", "--baseline", ".smlint-baseline.json") == [
        ("copy/draft.txt", 2, 1, "demo/money-back", "error")]


def test_a_repeated_sentence_is_new_beyond_the_baselined_count(baselined):
    baselined.write("copy/draft.txt", DRAFT + "Act now while stocks last.\n")
    assert baselined.findings(".", "--baseline", ".smlint-baseline.json") == [
        ("copy/draft.txt", 6, 1, "demo/act-now", "warning")]


def test_config_key_applies_the_baseline(baselined):
    baselined.write("smlint.yaml", f"packs: [{DEMO_PACK}]\nbaseline: .smlint-baseline.json\n")
    assert baselined.findings(".") == []
    result = baselined.run("check", "draft.txt", cwd=baselined.root / "copy")
    assert result.exit_code == 0, result.output
    baselined.write("copy/draft.txt", DRAFT + "Money back guaranteed again.\n")
    assert baselined.findings(".") == [("copy/draft.txt", 6, 1, "demo/money-back", "error")]
    rewritten = baselined.run("baseline", ".")  # the config's baseline is what `smlint baseline` rewrites
    assert rewritten.exit_code == 0 and rewritten.stdout.startswith("wrote 3 finding(s)")
    assert baselined.findings(".") == []


def test_missing_or_malformed_baseline_is_a_clear_error(project):
    project.write("a.txt", "Act now.\n")
    missing = project.run("check", "--pack", DEMO_PACK, "a.txt", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "nope.json: no such baseline file (create it with `smlint baseline`)" in missing.stderr
    project.write("bad.json", '{"findings": [{"path": "a.txt"}]}')
    bad = project.run("check", "--pack", DEMO_PACK, "a.txt", "--baseline", "bad.json")
    assert bad.exit_code == 2 and "bad.json: findings[0]: needs 'path' and 'fingerprint' (an object)" in bad.stderr


@pytest.mark.parametrize("text, message", [
    ('{"findings": [{"path": "a.txt", "fingerprint": ["x"]}]}',
     "findings[0].fingerprint: expected a string, found a list (regenerate the file with `smlint baseline`)"),
    ('{"findings": [{"path": 7, "fingerprint": "x"}]}', "findings[0].path: expected a string, found a number"),
    ('{"findings": [{"path": "a", "fingerprint": {}}]}', "findings[0].fingerprint: expected a string, found an object"),
    ('{"findings": [3]}', "findings[0]: needs 'path' and 'fingerprint' (an object)"),
    ('{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}", "not a readable smlint baseline: nested too deeply"),
    ('{"findings": [' + "9" * 5000 + "]}", "not a readable smlint baseline: Exceeds the limit (4300 digits)"),
])
def test_a_hand_edited_baseline_with_the_wrong_types_names_the_entry(project, text, message):
    # issue 12: a list as a fingerprint was a TypeError traceback (unhashable type)
    project.write("a.txt", "Act now.\n")
    project.write("b.json", text)
    result = project.run("check", "--pack", DEMO_PACK, "a.txt", "--baseline", "b.json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"smlint: error: b.json: {message}")


def test_baseline_refuses_filter_flags(project):
    result = project.run("baseline", ".", "--diff-base", "main")
    assert result.exit_code == 2 and "--diff-base makes no sense" in result.stderr


def test_text_runs_say_how_many_findings_were_hidden(baselined):
    baselined.write("copy/draft.txt", DRAFT + "Act now, really.\n")
    result = baselined.run("check", ".", "--baseline", ".smlint-baseline.json")
    assert result.stderr == "smlint: 2 known finding(s) hidden by the baseline\n"
    assert result.stdout.startswith("copy/draft.txt:6:1: warning [demo/act-now]")
    machine = baselined.run("check", ".", "--baseline", ".smlint-baseline.json", "--format", "json")
    assert machine.stderr == ""


def test_baseline_of_nothing_checkable_writes_nothing(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from smlint.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["baseline", "missing-folder"])
    assert result.exit_code == 2 and "no baseline was written" in result.output
    assert not (tmp_path / ".smlint-baseline.json").exists()
