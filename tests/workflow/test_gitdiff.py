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


def _feature_branch(project, base: bytes, feature: bytes) -> None:
    """main holds copy/draft.txt as ``base`` (bytes: line ends as given); the working tree of a
    new branch ``feature`` holds it as ``feature``."""
    project.git("init", "-q")
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\n")
    project.root.joinpath("copy").mkdir()
    draft = project.root / "copy" / "draft.txt"
    draft.write_bytes(base)
    project.git("add", "-A")
    project.git("commit", "-qm", "base")
    project.git("checkout", "-qb", "feature")
    draft.write_bytes(feature)


def test_cr_only_files_do_not_hide_new_findings(project):
    """Issue 12: git counts lines at LF only, so a CR-only file is one line to git; smlint's line 4
    was looked up among git's changed line 1 and every new finding was hidden. Git saw that one
    line change, so every finding of the file now counts as changed: shown, never hidden."""
    _feature_branch(project, b"Intro.\rMoney back guaranteed.\rEnd.\r",
                    b"Intro.\rMoney back guaranteed.\rEnd.\rAct now, friends.\r")
    assert project.findings(".", "--diff-base", "main") == [("copy/draft.txt", 2, 1, "demo/money-back", "error"),
                                                            ("copy/draft.txt", 4, 1, "demo/act-now", "warning")]
    project.git("commit", "-qam", "feature")
    project.git("checkout", "-qb", "unchanged")
    assert project.findings(".", "--diff-base", "feature") == []


def test_mixed_line_endings_map_each_line_to_gits(project):
    """LF lines with a lone CR inside one: lines after it are still matched to the right git line."""
    _feature_branch(project, b"Intro.\rMoney back guaranteed.\nMiddle.\nEnd.\n",
                    b"Intro.\rMoney back guaranteed.\nMiddle.\nEnd.\nAct now.\n")
    assert project.findings(".") == [("copy/draft.txt", 2, 1, "demo/money-back", "error"),
                                     ("copy/draft.txt", 5, 1, "demo/act-now", "warning")]
    assert project.findings(".", "--diff-base", "main") == [("copy/draft.txt", 5, 1, "demo/act-now", "warning")]


def test_git_line_numbers_count_lf_only():
    from smlint.gitdiff import git_line_numbers

    assert git_line_numbers(b"a\rb\rc") == [1, 1, 1]
    assert git_line_numbers(b"a\r\nb\rc\nd") == [1, 2, 2, 3]


def test_hunk_lines_are_content_even_when_they_look_like_headers():
    """An added line ``++ x`` reads ``+++ x`` in the diff, and a CR in a line is not a line break:
    neither may start another file and drop the rest of this one's changes."""
    diff = ("diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n"
            "@@ -1,0 +2,2 @@\n+++ b/evil\n+x\rb\n"
            "@@ -5 +7 @@\n--- a/old\n+new\n\\ No newline at end of file\n"
            "@@ -9,0 +11 @@\n+later\n")
    assert parse_diff(diff) == {"a.txt": frozenset({2, 3, 7, 11})}


def test_an_added_line_that_starts_with_plus_plus_does_not_hide_the_rest(repo):
    """``++ bonus`` is ``+++ bonus`` in the diff: read as a file header, it sent every later
    change of the file to a file named ``bonus`` and the new finding below it was hidden."""
    repo.write("copy/draft.txt", BASE.replace("Intro.\n", "Intro.\n++ bonus\n") + "Act now.\n")
    assert repo.findings(".", "--diff-base", "main") == [("copy/draft.txt", 6, 1, "demo/act-now", "warning")]
