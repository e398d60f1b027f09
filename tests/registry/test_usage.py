"""``smlint registry usage`` reads files through the core's loop: a file that cannot be read is a
per-file error in the inventory and every other file is still analysed (issue 12)."""
from __future__ import annotations

from pathlib import Path

import smlint.readers.markdown as markdown_reader
from smlint.registry import RegistryChecker
from smlint.registry.usage import analyze_paths


class _Panic(BaseException):
    """Like pyo3's PanicException: a BaseException."""


def test_a_reader_failure_is_a_per_file_error_and_the_rest_is_analysed(registry, tmp_path, monkeypatch):
    def panics(path, source, options=None):
        raise _Panic("boom")
    monkeypatch.setattr(markdown_reader, "read", panics)
    (tmp_path / "p.md").write_text("Save 20% today.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Save 37% today.\n", encoding="utf-8")
    inv = analyze_paths(RegistryChecker(registry), [str(tmp_path), str(tmp_path / "nope.txt")])
    assert [(Path(e.path).name, e.message) for e in inv.errors] == [
        ("nope.txt", "no such file or directory"), ("p.md", "could not be read as markdown: boom")]
    assert inv.files == 1
    assert [Path(p.path).name for p in inv.unregistered] == ["a.txt"]
