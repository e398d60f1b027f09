"""Ignore files: .smlintignore everywhere, .gitignore inside a git repository, explicit files."""
from __future__ import annotations

from smlint.ignore import IgnoreFiles
from tests.workflow.conftest import DEMO_PACK, write

DIRTY = "Money back guaranteed.\n"


def paths(project, *args) -> list[str]:
    return sorted({f[0] for f in project.findings("--pack", DEMO_PACK, *args)})


def test_smlintignore_and_gitignore_prune_the_walk(project):
    project.write(".smlintignore", "drafts/old/\n*.bak.txt\n")
    project.write(".gitignore", "build/\n")
    for rel in ("a.txt", "drafts/new.txt", "drafts/old/x.txt", "notes.bak.txt", "build/out.txt"):
        project.write(rel, DIRTY)
    assert paths(project, ".") == ["a.txt", "drafts/new.txt"]
    assert paths(project, ".", "--no-ignore") == ["a.txt", "build/out.txt", "drafts/new.txt",
                                                   "drafts/old/x.txt", "notes.bak.txt"]


def test_skipped_files_are_counted_in_the_summary(project):
    project.write(".smlintignore", "*.bak.txt\n")
    project.write("a.bak.txt", DIRTY)
    project.write("b.txt", "Fine copy.\n")
    result = project.run("check", "--pack", DEMO_PACK, ".")
    assert result.exit_code == 0
    assert "1 file left out by .smlintignore, .gitignore or the config" in result.stdout


def test_gitignore_counts_only_inside_a_git_repository(tmp_path):
    write(tmp_path, "plain/.gitignore", "*.txt\n")
    write(tmp_path, "plain/.smlintignore", "skip.md\n")
    ignore = IgnoreFiles()
    assert not ignore.ignored(str(tmp_path / "plain" / "a.txt"))
    assert ignore.ignored(str(tmp_path / "plain" / "skip.md"))
    (tmp_path / "plain" / ".git").mkdir()
    assert IgnoreFiles().ignored(str(tmp_path / "plain" / "a.txt"))


def test_deeper_files_win_and_smlintignore_can_reinclude_what_git_ignores(project):
    project.write(".gitignore", "*.txt\n")
    project.write("keep/.gitignore", "!wanted.txt\n")
    project.write(".smlintignore", "!exports/\n!exports/*.txt\n")
    for rel in ("a.txt", "keep/wanted.txt", "keep/other.txt", "exports/e.txt"):
        project.write(rel, DIRTY)
    assert paths(project, ".") == ["exports/e.txt", "keep/wanted.txt"]


def test_explicit_files_are_linted_unless_force_exclude(project):
    project.write(".gitignore", "generated/\n")
    project.write("smlint.yaml", 'exclude: ["legal/**"]\n')
    project.write("generated/g.txt", DIRTY)
    project.write("legal/terms.txt", DIRTY)
    assert paths(project, "generated/g.txt", "legal/terms.txt") == ["generated/g.txt", "legal/terms.txt"]
    assert paths(project, "generated/g.txt", "legal/terms.txt", "--force-exclude") == []
    result = project.run("check", "--pack", DEMO_PACK, "--force-exclude", "legal/terms.txt")
    assert result.exit_code == 0 and "skipped 1 file you named but .smlintignore, .gitignore or the config " \
        "leaves out (--force-exclude)" in result.stdout


def test_hidden_and_ignored_folders_are_never_entered(project):
    project.write(".gitignore", "node_modules\n")
    project.write("node_modules/pkg/readme.txt", DIRTY)
    project.write(".cache/x.txt", DIRTY)
    project.write("a.txt", DIRTY)
    assert paths(project, ".") == ["a.txt"]


def test_git_info_exclude_is_the_weakest_rule(project):
    project.write(".git/info/exclude", "private/\n*.txt\n")
    project.write(".gitignore", "!keep.txt\n")
    for rel in ("private/a.txt", "b.txt", "keep.txt"):
        project.write(rel, DIRTY)
    assert paths(project, ".") == ["keep.txt"]
