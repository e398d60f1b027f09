"""The core loop (smlint/linter.py): one file that cannot be read or checked is a per-file error,
never a crash, and every other file is still checked (issue 12, "One file takes the whole run down")."""
from __future__ import annotations

from pathlib import Path

import pytest

import smlint.parallel as parallel
import smlint.readers.markdown as markdown_reader
from smlint.errors import SmlintError
from smlint.linter import Linter, LintOptions, find_files, lint_files
from smlint.model import RunStats
from smlint.parallel import Floor
from smlint.project import RunOptions, lint_project
from tests.conftest import CORE_PACK

OPTIONS = LintOptions(packs=(str(CORE_PACK),), lang="en")
PANIC_MD = "a [`" + " b\n"  # made markdown-it-pyrs 0.4 panic (pyo3 PanicException)


class FakePanic(BaseException):
    """Like pyo3's PanicException: derives from BaseException, not Exception."""


def raising(exc: BaseException):
    def read(path, source, options=None):
        raise exc
    return read


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.md").write_text(PANIC_MD, encoding="utf-8")
    (tmp_path / "good.md").write_text("Guaranteed results.\n", encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Guaranteed results.\n", encoding="utf-8")
    return tmp_path


def _only_bad_md_fails(monkeypatch, exc: BaseException):
    real = markdown_reader.read
    monkeypatch.setattr(markdown_reader, "read",
                        lambda path, source, options=None: raising(exc)(path, source) if path.endswith("bad.md")
                        else real(path, source, options))


@pytest.mark.parametrize("exc, reason", [
    (FakePanic("index out of bounds: the len is 0 but the index is 1"),
     "index out of bounds: the len is 0 but the index is 1"),
    (RecursionError("maximum recursion depth exceeded"), "maximum recursion depth exceeded"),
    (EOFError(), "EOFError"),
    (KeyError("There is no item named 'word/document.xml' in the archive"),
     "There is no item named 'word/document.xml' in the archive"),
])
def test_a_reader_that_raises_is_a_per_file_error_and_the_rest_is_checked(drafts, monkeypatch, exc, reason):
    _only_bad_md_fails(monkeypatch, exc)
    result = Linter(OPTIONS).lint_paths([str(drafts)])
    assert [(Path(e.path).name, e.message) for e in result.errors] == [
        ("bad.md", f"could not be read as markdown: {reason}")]
    assert sorted(Path(f.path).name for f in result.findings) == ["good.md", "plain.txt"]
    assert result.stats.files_checked == 2


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), SystemExit(3), GeneratorExit()])
def test_the_guard_never_swallows_the_end_of_the_run(drafts, monkeypatch, exc):
    _only_bad_md_fails(monkeypatch, exc)
    with pytest.raises(type(exc)):
        Linter(OPTIONS).lint_paths([str(drafts)])


def test_the_real_markdown_panic_does_not_escape(drafts):
    """With the installed markdown-it-pyrs: either it parses the file or the file gets the error."""
    result = Linter(OPTIONS).lint_paths([str(drafts / "bad.md"), str(drafts / "good.md")])
    assert all(e.message.startswith("the Markdown parser failed on this file (") for e in result.errors)
    assert [Path(f.path).name for f in result.findings] == ["good.md"]


def test_a_check_that_raises_is_a_per_file_error(drafts, monkeypatch):
    linter = Linter(OPTIONS)
    real = linter.check_document
    monkeypatch.setattr(linter, "check_document", lambda doc: real(doc) if "good" in doc.path else [][1])
    result = linter.lint_paths([str(drafts / "good.md"), str(drafts / "plain.txt")])
    assert [(Path(e.path).name, e.message) for e in result.errors] == [
        ("plain.txt", "could not be checked: IndexError: list index out of range")]
    assert [Path(f.path).name for f in result.findings] == ["good.md"]


def test_a_pack_error_raised_while_checking_ends_the_run_once(drafts, monkeypatch):
    linter = Linter(OPTIONS)

    def broken(lang):
        raise SmlintError("p.yaml:3:5: rules[0].pattern: does not compile")
    monkeypatch.setattr(linter, "engine", broken)
    with pytest.raises(SmlintError, match="does not compile"):
        linter.lint_paths([str(drafts / "plain.txt")])


def test_the_loop_counts_missing_paths_unreadable_files_and_files_without_a_reader(tmp_path):
    (tmp_path / "ok.txt").write_text("Guaranteed results.\n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Garantía".encode("latin-1"))
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    stats, errors = RunStats(), []
    linter = Linter(OPTIONS)
    targets = find_files([str(tmp_path), str(tmp_path / "nope"), str(tmp_path / "logo.png")], stats, errors)
    found = lint_files(targets, lambda kept: map(linter.lint_target, kept), stats, errors)
    assert [(Path(e.path).name, e.message.split(" (")[0]) for e in errors] == [
        ("nope", "no such file or directory"), ("latin1.txt", "not valid UTF-8")]
    assert [len(f) for f in found] == [1]
    assert stats.files_checked == 1 and stats.skipped_reasons == {"no reader": 2}  # walked and named


def test_a_target_without_a_reader_given_to_lint_target_is_an_error_not_a_crash(tmp_path):
    from smlint.discover import Target

    found, error = Linter(OPTIONS).lint_target(Target(str(tmp_path / "x.png"), None, True))
    assert found is None and error.message == "no reader for '.png' files; skipped"
    found, error = Linter(OPTIONS).lint_target(Target("-", None, True), "text", "draft.png")
    assert found is None and (error.path, error.message) == ("draft.png", "no reader for this file name; skipped")


def test_workers_return_the_same_per_file_error(drafts, monkeypatch):
    """--jobs: the guard runs in the worker, and its FileError comes back like a serial run's."""
    _only_bad_md_fails(monkeypatch, FakePanic("boom"))  # forked workers inherit the patched reader
    used, real = [], parallel._pooled
    monkeypatch.setattr(parallel, "_pooled", lambda *a: used.append(a[2]) or real(*a))
    monkeypatch.chdir(drafts)
    for i in range(8):
        (drafts / f"more{i}.txt").write_text("Guaranteed results.\n", encoding="utf-8")

    def run(jobs):
        result = lint_project(["."], run=RunOptions(packs=(str(CORE_PACK),), lang="en", jobs=jobs,
                                                    pool_floor=Floor(files=1, bytes=1)))
        return [f.to_dict() for f in result.findings], result.errors, result.stats.files_checked

    serial, pooled = run(1), run(2)
    assert used == [2] and pooled == serial
    assert [(e.path, e.message) for e in serial[1]] == [("bad.md", "could not be read as markdown: boom")]
    assert serial[2] == 10
