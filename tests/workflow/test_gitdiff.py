"""--diff-base: only findings on lines changed since the merge base (three-dot), via real git."""
from __future__ import annotations

import pytest

from smlint.gitdiff import parse_diff
from tests.workflow.conftest import DEMO_PACK

BASE = "Intro.\nMoney back guaranteed.\nMiddle.\nEnd.\n"


def test_parse_diff_reads_added_lines_of_each_new_side_path():
    diff = """diff --git a/a.txt b/a.txt
--- a/a.txt
+++ b/a.txt
@@ -2,0 +3,2 @@ Intro
+one
+two
@@ -7 +9 @@
-old
+new
@@ -12,3 +13,0 @@
diff --git a/gone.txt b/gone.txt
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/new file.txt b/new file.txt
--- /dev/null
+++ b/new file.txt
@@ -0,0 +1 @@
+hi
"""
    assert parse_diff(diff) == {"a.txt": frozenset({3, 4, 9}), "new file.txt": frozenset({1})}


@pytest.fixture
def repo(project):
    """main: a draft with one old finding; feature branch adds one; main then moves on with another."""
    project.git("init", "-q")
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\n")
    project.write("copy/draft.txt", BASE)
    project.git("add", "-A")
    project.git("commit", "-qm", "base")
    project.git("checkout", "-qb", "feature")
    project.write("copy/draft.txt", BASE.replace("Middle.\n", "Middle.\nAct now, friends.\n"))
    project.git("commit", "-qam", "feature")
    project.git("checkout", "-q", "main")
    project.write("copy/other.txt", "Money back guaranteed on main.\n")
    project.git("add", "-A")
    project.git("commit", "-qm", "main moves on")
    project.git("checkout", "-q", "feature")
    return project


def test_only_lines_changed_since_the_merge_base_are_reported(repo):
    assert len(repo.findings(".")) == 2
    assert repo.findings(".", "--diff-base", "main") == [("copy/draft.txt", 4, 1, "demo/act-now", "warning")]


def test_uncommitted_edits_and_untracked_files_count_as_changed(repo):
    repo.write("copy/draft.txt", "Money back guaranteed, now in bold.\n" + BASE.split("\n", 1)[1])
    repo.write("copy/new.txt", "Intro.\nAct now.\n")
    assert repo.findings(".", "--diff-base", "main") == [
        ("copy/draft.txt", 1, 1, "demo/money-back", "error"),
        ("copy/new.txt", 2, 1, "demo/act-now", "warning"),
    ]


def test_gate_passes_when_the_change_adds_no_finding(repo):
    repo.git("checkout", "-qb", "clean", "main")
    repo.write("copy/draft.txt", BASE + "A calm closing line.\n")
    result = repo.run("check", ".", "--diff-base", "main")
    assert result.exit_code == 0, result.output


def test_outside_a_git_repository_is_a_clear_error(tmp_path, project):
    project.root.joinpath(".git").rmdir()
    project.write("a.txt", "Act now.\n")
    result = project.run("check", "--pack", DEMO_PACK, "a.txt", "--diff-base", "main")
    assert result.exit_code == 2
    assert "--diff-base needs a git repository, and " in result.stderr and "is not inside one" in result.stderr


def test_unknown_ref_is_a_clear_error(repo):
    result = repo.run("check", ".", "--diff-base", "no-such-branch")
    assert result.exit_code == 2
    assert "git cannot find a merge base of 'no-such-branch' and HEAD" in result.stderr


def test_text_runs_say_how_many_findings_were_outside_the_diff(repo):
    result = repo.run("check", ".", "--diff-base", "main")
    assert result.stderr == "smlint: 1 outside the lines changed since main\n"
