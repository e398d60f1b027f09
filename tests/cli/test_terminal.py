"""The terminal view (issue 15): --statistics, --format concise, `smlint check` with no paths, the
skipped-files note in words."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.model import RunStats
from smlint.reporters.summary import skipped_note
from tests.conftest import CORE_PACK

PACK = ["--pack", str(CORE_PACK), "--lang", "en"]


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A folder to stand in: two files with findings, a clean one, and three files a walk skips."""
    (tmp_path / "a.txt").write_text("Guaranteed results. The best tool.\nThe best team.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Risk-free\n\nThe best plan.\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Results vary.\n", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("Guaranteed results.\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "photo.JPG").write_bytes(b"\xff\xd8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_statistics_count_by_rule_and_by_file_before_the_summary(copy):
    code, out = run("check", ".", *PACK, "--statistics")
    assert code == 1
    lines = out.splitlines()
    tail = lines[lines.index("Findings by rule:"):]
    assert tail == [
        "Findings by rule:",
        "     3  core/best (warning)",
        "     2  core/guaranteed (error)",
        "Findings by file:",
        "     3  a.txt",
        "     2  b.md",
        tail[6],
    ] and tail[6].startswith("2 errors, 3 warnings, 0 info in 3 files")
    assert "Findings by rule:" not in run("check", ".", *PACK)[1]


def test_statistics_show_each_severity_a_rule_had(copy):
    (copy / "smlint.yaml").write_text("overrides:\n  - files: ['b.md']\n    warnings_as_errors: true\n")
    out = run("check", ".", *PACK, "--statistics")[1]
    assert "     3  core/best (error, warning)" in out.splitlines()


def test_statistics_with_a_machine_format_is_a_usage_error(copy):
    code, out = run("check", ".", *PACK, "--statistics", "--format", "json")
    assert code == 2 and out == ""


def test_concise_is_one_line_per_finding_then_the_summary(copy):
    code, out = run("check", ".", *PACK, "--format", "concise")
    assert code == 1
    assert out.splitlines() == [
        "a.txt:1:1: error [core/guaranteed] 'Guaranteed results' promises an outcome",
        "a.txt:1:25: warning [core/best] 'best' is puffery",
        "a.txt:2:5: warning [core/best] 'best' is puffery",
        "b.md:1:3: error [core/guaranteed] 'Risk-free' promises an outcome",
        "b.md:3:5: warning [core/best] 'best' is puffery",
        "2 errors, 3 warnings, 0 info in 3 files; skipped 1 hidden file (its name starts with a dot) and "
        "2 files of types smlint does not read (.jpg, .png)",
    ]


def test_concise_quiet_prints_the_summary_only(copy):
    code, out = run("check", ".", *PACK, "--format", "concise", "--quiet")
    assert code == 1 and out.startswith("2 errors, 3 warnings") and out.count("\n") == 1


def test_concise_as_an_extra_report(copy, tmp_path):
    code, out = run("check", ".", *PACK, "--format", "json", "--report", f"concise={tmp_path / 'c.txt'}")
    lines = (tmp_path / "c.txt").read_text(encoding="utf-8").splitlines()
    assert code == 1 and len(json.loads(out)["findings"]) == 5 == len(lines) - 1


def test_check_with_no_paths_lints_the_current_folder(copy):
    assert run("check", *PACK) == run("check", ".", *PACK)
    code, out = run("check", *PACK, "--format", "concise")
    assert code == 1 and out.startswith("a.txt:1:1: error [core/guaranteed]")  # paths as git shows them


def test_check_with_no_paths_in_a_clean_folder_exits_0(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Results vary.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("check", *PACK) == (0, "0 errors, 0 warnings, 0 info in 1 file\n")


def test_the_bare_command_still_prints_help():
    result = CliRunner().invoke(main, [])
    assert "Usage: " in result.output and "check" in result.output


@pytest.mark.parametrize("reasons, examples, note", [
    ({"hidden": 1}, {}, "1 hidden file (its name starts with a dot)"),
    ({"hidden": 2}, {}, "2 hidden files (their names start with a dot)"),
    ({"ignored": 1, "binary": 3}, {}, "3 binary files (not text) and 1 file left out by .smlintignore, "
                                      ".gitignore or the config"),
    ({"tooling file": 1, "pipe or device": 1, "symlinked folder (not followed)": 1}, {},
     "1 pipe or device (not a regular file), 1 linked folder (links to folders are not followed) and "
     "1 settings file of another tool (package.json, smlint.yaml …)"),
    ({"no reader": 2}, {"no reader": [".pdf", "no extension"]},
     "2 files of types smlint does not read (.pdf, no extension)"),
    ({"something new": 1}, {}, "1 something new"),
])
def test_the_skipped_note_says_what_was_skipped_in_words(reasons, examples, note):
    stats = RunStats(files_skipped=sum(reasons.values()), skipped_reasons=reasons, skipped_examples=examples)
    assert skipped_note(stats) == note


def test_the_file_types_shown_are_a_few_sorted_ones():
    stats = RunStats()
    for suffix in (".g", ".b", ".f", ".a", ".e", ".b", ".d", ".c"):
        stats.skip("no reader", suffix)
    assert stats.skipped_examples["no reader"] == [".a", ".b", ".c", ".d", ".e", "…"]
    assert stats.skipped_reasons == {"no reader": 8}


def test_leads_statistics_count_the_lead_findings(tmp_path):
    export = tmp_path / "leads.csv"
    export.write_text("Email,Create Date\nana@mailinator.com,2024-06-01 10:00\nbo@mailinator.com,2024-06-01 11:00\n",
                      encoding="utf-8")
    code, out = run("leads", str(export), "--pack", "salesforce", "--as-of", "2024-07-01", "--statistics")
    lines = out.splitlines()
    by_rule = lines[lines.index("Findings by rule:") + 1:lines.index("Findings by file:")]
    # exit 2: the export has no column for most fields the pack reads, so those rules are not run
    # (a file error), and the statistics still count what was checked
    assert code == 2 and "     2  salesforce-leads/email-unusable (error)" in by_rule
    assert lines[lines.index("Findings by file:") + 1].endswith(f"  {export}")
