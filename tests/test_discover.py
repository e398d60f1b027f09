"""Folder walks and named paths (smlint/discover.py): special files are skipped and counted, a folder
that cannot be opened and a path that cannot be looked at are errors (exit 2), never silence
(issue 12).

Tests run as root here, and chmod does not stop root: unreadable folders and files are simulated
by making ``os.scandir`` / ``os.stat`` raise PermissionError for one path.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.discover import SPECIAL, discover
from smlint.model import RunStats
from tests.conftest import CORE_PACK

PACK = ["--pack", str(CORE_PACK), "--lang", "en"]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def deny(monkeypatch, function: str, denied: str) -> None:
    """Make ``os.<function>(denied)`` fail as it does for a user without permission."""
    real = getattr(os, function)

    def fake(path, *args, **kwargs):
        if os.path.abspath(os.fspath(path)) == os.path.abspath(denied):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, function, fake)


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "b.txt").write_text("Guaranteed results.\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "c.txt").write_text("Fine.\n", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "d.txt").write_text("Fine.\n", encoding="utf-8")
    (tmp_path / "zz").mkdir()
    (tmp_path / "zz" / "e.txt").write_text("Fine.\n", encoding="utf-8")
    return tmp_path


def test_walk_order_is_sorted_files_first_then_each_folder(tree):
    found = discover([str(tree)], RunStats())
    assert [os.path.relpath(t.path, tree) for t in found] == [
        "a.md", "b.txt", os.path.join("sub", "c.txt"), os.path.join("sub", "deeper", "d.txt"),
        os.path.join("zz", "e.txt")]


@needs_fifo
def test_a_fifo_in_a_walked_folder_is_skipped_and_counted(tree):
    os.mkfifo(tree / "sub" / "pipe.txt")
    (tree / "sub" / "link.txt").symlink_to(tree / "sub" / "pipe.txt")
    code, out = run("check", str(tree), *PACK)
    assert code == 1  # the finding in b.txt; the pipes were not opened (else this would hang)
    assert out.splitlines()[-1] == ("1 error, 0 warnings, 0 info in 5 files; skipped 2 pipes or devices "
                                    "(not regular files)")


def test_a_device_in_a_walked_folder_is_skipped(tree):
    (tree / "zero.txt").symlink_to("/dev/zero")
    stats = RunStats()
    assert all("zero" not in t.path for t in discover([str(tree)], stats))
    assert stats.skipped_reasons == {SPECIAL: 1}


def test_a_symlinked_folder_is_counted_not_followed(tree):
    (tree / "loop").symlink_to(tree)
    stats = RunStats()
    assert len(discover([str(tree)], stats)) == 5
    assert stats.skipped_reasons == {"symlinked folder (not followed)": 1}


def test_an_unreadable_folder_in_a_walk_is_an_error_and_the_rest_is_checked(tree, monkeypatch):
    deny(monkeypatch, "scandir", str(tree / "sub"))
    code, out = run("check", str(tree), *PACK)
    assert code == 2
    assert (f"{tree / 'sub'}: error: cannot read folder: permission denied; "
            "the files in it were not checked") in out
    assert "[core/guaranteed]" in out and "in 3 files" in out.splitlines()[-1]


def test_an_unreadable_root_folder_is_an_error(tree, monkeypatch):
    deny(monkeypatch, "scandir", str(tree))
    errors: list = []
    assert discover([str(tree)], RunStats(), errors=errors) == []
    assert errors == [(str(tree), "cannot read folder: permission denied; the files in it were not checked")]


def test_a_file_inside_an_unreadable_folder_is_an_error_not_a_traceback(tree, monkeypatch):
    deny(monkeypatch, "stat", str(tree / "sub" / "c.txt"))
    code, out = run("check", str(tree / "sub" / "c.txt"), str(tree / "b.txt"), *PACK)
    assert code == 2
    assert f"{tree / 'sub' / 'c.txt'}: error: cannot read: permission denied" in out
    assert "[core/guaranteed]" in out


def test_a_missing_path_is_still_no_such_file(tree):
    errors: list = []
    discover([str(tree / "nope.txt")], RunStats(), errors=errors)
    assert errors == [(str(tree / "nope.txt"), "no such file or directory")]
