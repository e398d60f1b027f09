"""The sources reporters quote are read when asked, one file kept at a time (issue 14)."""
from __future__ import annotations

from smlint.cli.check import SourceFiles


def test_read_when_asked_one_kept_and_unreadable_files_absent(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text("alpha\n", encoding="utf-8")
    b.write_text("beta\n", encoding="utf-8")
    sources = SourceFiles({str(a), str(b), str(tmp_path / "gone.md"), "-"}, "from stdin", None)
    assert sources.last == ("", None)  # nothing read yet
    assert sources[str(a)] == "alpha\n"
    assert sources.get(str(b)) == "beta\n" and sources.last == (str(b), "beta\n")
    a.write_text("changed\n", encoding="utf-8")
    assert sources[str(a)] == "changed\n"  # not kept: read again
    assert str(tmp_path / "gone.md") not in sources and sources.get(str(tmp_path / "gone.md")) is None
    assert sources["-"] == "from stdin"
    assert str(tmp_path / "other.md") not in sources  # only the files with findings
    assert sorted(sources) == sorted(["-", str(a), str(b)]) and len(sources) == 3
