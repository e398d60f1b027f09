"""`smlint check --fix` and `--diff` on real files (issue 15): what is written, what is not, exit codes."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from smlint.cli import main
from tests.conftest import PACK_HEAD
from tests.test_fix import SAFE_RULE

GUARANTEED = """\
  - id: guaranteed
    kind: phrase
    severity: error
    phrases: ["guaranteed results"]
    message: "'{match}' promises an outcome"
    description: Guarantees.
    why: Outcomes vary.
    examples:
      bad: ["Guaranteed results."]
      good: ["Results vary."]
"""

TEXT = b"A World-class team.\r\nWe UTILISE a world-class tool.\r\nGuaranteed results."  # CRLF, no final newline
HTML = ('<p title="World-class">A world&#45;class, world-class team.</p>\n'
        "<!-- smlint-disable-next-line t/swap -- approved -->\n<p>Our world-class promise.</p>\n").encode()
MARKDOWN = "\ufeff# World-class\n\nWe utilise a `world-class` tool, and a world-class one.\n".encode()
CSV = b"headline\nA world-class team\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pack.yaml").write_text(PACK_HEAD + SAFE_RULE + GUARANTEED, encoding="utf-8")
    copy = tmp_path / "copy"
    copy.mkdir()
    for name, data in (("a.txt", TEXT), ("b.html", HTML), ("c.md", MARKDOWN), ("d.csv", CSV)):
        (copy / name).write_bytes(data)
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "docx" / "playbook.docx", copy / "e.docx")
    monkeypatch.chdir(tmp_path)
    return copy


def run(*args):
    result = CliRunner().invoke(main, ["check", "copy", "--pack", "pack.yaml", "--lang", "en", *args],
                                catch_exceptions=False)
    return result.exit_code, result.stdout_bytes.decode("utf-8"), result.stderr  # CRLF kept


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


FIXED_TEXT = b"A First-rate team.\r\nWe USE a first-rate tool.\r\nGuaranteed results."
FIXED_HTML = ('<p title="First-rate">A world&#45;class, first-rate team.</p>\n'
              "<!-- smlint-disable-next-line t/swap -- approved -->\n<p>Our world-class promise.</p>\n").encode()
FIXED_MARKDOWN = "\ufeff# First-rate\n\nWe use a `world-class` tool, and a first-rate one.\n".encode()


def test_fix_writes_the_safe_fixes_and_reports_what_remains(project):
    before = snapshot(project)
    code, out, err = run("--fix", "--format", "concise")
    after = snapshot(project)
    assert after["a.txt"] == FIXED_TEXT  # CRLF kept, no newline added, cased like the match
    assert after["b.html"] == FIXED_HTML  # the entity and the suppressed line untouched
    assert after["c.md"] == FIXED_MARKDOWN  # BOM kept, inline code untouched
    assert after["d.csv"] == before["d.csv"] and after["e.docx"] == before["e.docx"]
    assert err == "smlint: fixed 8 findings in 3 files\n"
    assert code == 1 and out.splitlines() == [  # the error that remains decides the exit code
        "copy/a.txt:3:1: error [t/guaranteed] 'Guaranteed results' promises an outcome",
        "copy/b.html:1:25: warning [t/swap] 'world-class' is vague",
        "copy/d.csv:2:3: warning [t/swap] 'world-class' is vague (row 2, headline)",
        "copy/e.docx:3:32: error [t/guaranteed] 'guaranteed results' promises an outcome (paragraph 3)",
        "copy/e.docx:8:1: warning [smlint/bad-directive] 'fixture/act-now' names no rule of the loaded packs",
        "2 errors, 3 warnings, 0 info in 5 files",
    ]


def test_a_second_fix_changes_nothing(project):
    run("--fix")
    fixed = snapshot(project)
    code, out, err = run("--fix")
    assert snapshot(project) == fixed and err == "" and code == 1


def test_only_warnings_left_after_fix_exit_0(project):
    (project / "a.txt").write_bytes(b"A world-class team.\n")
    code, out, err = run("--fix", "--select", "t/swap", "--format", "concise")
    assert code == 0 and (project / "a.txt").read_bytes() == b"A first-rate team.\n"
    assert "copy/a.txt" not in out


def test_diff_shows_the_fixes_and_writes_nothing(project):
    before = snapshot(project)
    code, out, err = run("--diff")
    assert snapshot(project) == before
    assert code == 1 and err == "smlint: 8 fixes in 3 files would be made (smlint check --fix makes them)\n"
    assert out.startswith("--- a/copy/a.txt\n+++ b/copy/a.txt\n@@ -1,3 +1,3 @@\n"
                          "-A World-class team.\r\n-We UTILISE a world-class tool.\r\n"
                          "+A First-rate team.\r\n+We USE a first-rate tool.\r\n Guaranteed results.\n"
                          "\\ No newline at end of file\n--- a/copy/b.html\n")
    assert "+++ b/copy/c.md" in out and "d.csv" not in out and "e.docx" not in out


def test_git_applies_the_diff_and_gets_what_fix_writes(project, tmp_path):
    """The real consumer of a unified diff: `git apply` on the original files gives --fix's files."""
    import subprocess

    original = tmp_path / "original"
    shutil.copytree(project, original / "copy")
    diff = run("--diff")[1]
    run("--fix")
    assert run("--diff") == (0, "", "smlint: nothing to fix\n")
    (tmp_path / "fixes.diff").write_bytes(diff.encode("utf-8"))
    subprocess.run(["git", "apply", "--whitespace=nowarn", str(tmp_path / "fixes.diff")], cwd=original,
                   check=True, capture_output=True)
    assert snapshot(original / "copy") == snapshot(project)


def test_diff_of_standard_input(project):
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "mail.txt", "--pack", "pack.yaml",
                                       "--diff"], input="A world-class team.\n")
    assert result.exit_code == 1
    assert result.stdout == ("--- a/mail.txt\n+++ b/mail.txt\n@@ -1 +1 @@\n-A world-class team.\n"
                             "+A first-rate team.\n")


@pytest.mark.parametrize("args, message", [
    (["--fix", "--diff"], "--fix writes the fixes and --diff only shows them"),
    (["-", "--fix"], "--fix cannot write back to standard input"),
])
def test_usage_errors(project, args, message):
    result = CliRunner().invoke(main, ["check", *args, "--pack", "pack.yaml"], input="")
    assert result.exit_code == 2 and message in result.stderr


def test_fix_skips_baselined_findings(project):
    (project / "a.txt").write_bytes(b"A world-class team.\n")
    assert CliRunner().invoke(main, ["baseline", "copy/a.txt", "--pack", "pack.yaml", "--lang", "en"]).exit_code == 0
    (project / "a.txt").write_bytes(b"A world-class team.\nA new world-class tool.\n")
    result = CliRunner().invoke(main, ["check", "copy/a.txt", "--pack", "pack.yaml", "--lang", "en", "--fix",
                                       "--baseline", ".smlint-baseline.json"])
    assert (project / "a.txt").read_bytes() == b"A world-class team.\nA new first-rate tool.\n"
    assert result.exit_code == 0


def test_a_file_that_cannot_be_written_is_an_error_not_a_traceback(project, monkeypatch):
    import os

    real_replace = os.replace

    def refuse(src, dst):
        if str(dst).endswith("a.txt"):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse)
    code, out, err = run("--fix", "--format", "concise")
    assert code == 2 and "copy/a.txt: error: cannot write the fixes: Permission denied" in out
    assert (project / "a.txt").read_bytes() == TEXT and (project / "c.md").read_bytes() == FIXED_MARKDOWN
    assert err == "smlint: fixed 5 findings in 2 files\n"
    assert sorted(p.name for p in project.iterdir()) == ["a.txt", "b.html", "c.md", "d.csv", "e.docx"]  # no temp file


def test_a_docx_keeps_its_finding_and_its_bytes(project):
    import docx

    document = docx.Document()
    document.add_paragraph("A world-class team.")
    document.save(project / "f.docx")
    before = (project / "f.docx").read_bytes()
    code, out, err = run("--fix", "--format", "concise", "--select", "t/swap")
    assert (project / "f.docx").read_bytes() == before
    assert "copy/f.docx:1:3: warning [t/swap] 'world-class' is vague (paragraph 1)" in out.splitlines()


def test_the_summary_counts_what_fix_would_fix(project):
    code, out, err = run("--format", "concise")
    assert code == 1 and out.splitlines()[-1].endswith(" in 5 files; 8 fixable with --fix")
    assert json_fixes(run("--format", "json")[1]) == ["First-rate", "USE", "first-rate", "First-rate", "first-rate",
                                                      "First-rate", "use", "first-rate"]


def json_fixes(out: str) -> list[str]:
    import json

    return [f["fix"] for f in json.loads(out)["findings"] if "fix" in f]


def test_fix_with_diff_base_fixes_only_the_changed_lines(project, monkeypatch):
    from tests.workflow.conftest import git

    monkeypatch.chdir(project)
    (project / "a.txt").write_bytes(b"Old world-class copy.\nEnd.\n")
    git(project, "init", "-q")
    git(project, "add", "a.txt")
    git(project, "commit", "-qm", "base")
    (project / "a.txt").write_bytes(b"Old world-class copy.\nEnd.\nNew world-class copy.\n")
    result = CliRunner().invoke(main, ["check", "a.txt", "--pack", "../pack.yaml", "--lang", "en", "--fix",
                                       "--diff-base", "HEAD"], catch_exceptions=False)
    assert (project / "a.txt").read_bytes() == b"Old world-class copy.\nEnd.\nNew first-rate copy.\n"
    assert result.exit_code == 0


def test_the_text_report_shows_each_fix(project):
    lines = run()[1].splitlines()
    assert lines[:5] == [
        "copy/a.txt:1:3: warning [t/swap] 'World-class' is vague",
        "   1 | A World-class team.",
        "     |   ^^^^^^^^^^^",
        "  = suggestion: Use 'first-rate'",
        "  = fix: 'First-rate' (smlint check --fix makes it)",
    ]
