"""Files built to hurt: special files, files over ``max_file_size``, alias bombs and deep nesting in
copy files. Each is checked or reported per file, within bounded time and memory, and the other
files are still checked (issue 12, "One file takes the whole run down", "Resource exhaustion")."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.errors import SmlintError
from smlint.linter import DEFAULT_MAX_FILE_SIZE, Linter, LintOptions, parse_size, read_source
from tests.conftest import CORE_PACK
from tests.test_yamlsource import billion_laughs

PACK = ["--pack", str(CORE_PACK), "--lang", "en"]
LINTER = Linter(LintOptions(packs=(str(CORE_PACK),), lang="en"))
BAD = "Guaranteed results."


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@contextmanager
def within(seconds: int):
    """Fail instead of hanging: a blocking open or read is interrupted by SIGALRM."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def dirty(tmp_path):
    path = tmp_path / "dirty.txt"
    path.write_text(BAD + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- special files named explicitly


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_fifo_is_a_per_file_error_not_a_hang(tmp_path, dirty):
    os.mkfifo(tmp_path / "pipe.md")
    with within(20):
        code, out = run("check", str(tmp_path / "pipe.md"), str(dirty), *PACK)
    assert code == 2
    assert (f"{tmp_path / 'pipe.md'}: error: not a regular file (a named pipe), so not read: reading it "
            "could block or never end (to check text from a pipe, use `-`)") in out
    assert "[core/guaranteed]" in out


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_dev_zero_named_explicitly_is_a_per_file_error(dirty):
    with within(20):
        code, out = run("check", "/dev/zero", str(dirty), *PACK)
    assert code == 2
    assert "/dev/zero: error: not a regular file (a character device), so not read" in out
    assert "[core/guaranteed]" in out


# ---------------------------------------------------------------- max_file_size


def test_a_file_over_max_file_size_is_a_per_file_error(tmp_path, dirty):
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000 + "\n", encoding="utf-8")
    code, out = run("check", "--max-file-size", "1KB", str(big), str(dirty), *PACK)
    assert code == 2
    assert (f"{big}: error: larger than max_file_size (2.0 KiB > 1 KB); not read: raise max_file_size "
            "in the config or --max-file-size, or exclude the file") in out
    assert "[core/guaranteed]" in out


def test_max_file_size_from_the_config_and_the_option_wins(tmp_path, dirty, monkeypatch):
    (tmp_path / "smlint.yaml").write_text("max_file_size: 10\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "dirty.txt", *PACK)
    assert code == 2 and "dirty.txt: error: larger than max_file_size (20 bytes > 10 bytes)" in out
    assert run("check", "--max-file-size", "1MiB", "dirty.txt", *PACK)[0] == 1


def test_a_bad_max_file_size_is_a_usage_or_config_error(tmp_path, dirty, monkeypatch):
    code, out = run("check", "--max-file-size", "lots", str(dirty), *PACK)
    assert code == 2 and "'lots' is not a size (write e.g. 20MiB, 500KB or a number of bytes)" in out
    (tmp_path / "smlint.yaml").write_text("max_file_size: 0KB\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "dirty.txt", *PACK)
    assert code == 2 and "smlint.yaml:1:16: max_file_size: '0KB' is not a size of at least one byte" in out


@pytest.mark.parametrize("text, size", [("20MiB", 20 * 1024 ** 2), ("500KB", 500_000), ("1.5 kib", 1536),
                                        ("300", 300), (4096, 4096), ("2 GB", 2 * 1000 ** 3)])
def test_parse_size(text, size):
    assert parse_size(text) == size


def test_the_default_bound_is_20_mib():
    assert DEFAULT_MAX_FILE_SIZE == 20 * 1024 * 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="no /proc here")
def test_a_file_whose_size_on_disk_lies_is_still_bounded():
    """/proc files say they hold 0 bytes: the read itself stops one byte past the bound."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(SmlintError, match=r"larger than max_file_size \(more than 100 bytes\)"):
        read_source("/proc/self/maps", max_size=100)


def test_a_file_is_opened_once(dirty, monkeypatch):
    """read_source opens, checks (fstat) and reads one descriptor: no second open that a swapped
    file (a FIFO put in its place) could block."""
    opened = []
    real = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(path) or real(path, *a, **k))
    assert read_source(str(dirty)) == BAD + "\n"
    assert opened == [str(dirty)]


# ---------------------------------------------------------------- alias bombs in copy files


@pytest.mark.parametrize("tail", ["text: hello\n", "text: *i\n", "headline: *i\nbody: *h\n"])
def test_a_yaml_alias_bomb_copy_file_is_checked_in_linear_time(tmp_path, tail):
    """Each node is visited (and each string linted) once, at its anchor, however many aliases name
    it: the 9**9 strings of the bomb are never built."""
    path = tmp_path / "bomb.yaml"
    path.write_text(billion_laughs() + tail, encoding="utf-8")
    started = time.perf_counter()
    with within(30):
        code, out = run("check", str(path), *PACK)
    assert time.perf_counter() - started < 10
    assert code == 0, out


def test_an_aliased_copy_string_is_reported_once_at_its_anchor():
    """Two headlines alias one string: it is linted once, where it is written."""
    for text, column in [("base: &b Guaranteed results.\nads:\n  - headline: *b\n  - headline: *b\n", 10),
                         ("headline: &b Guaranteed results.\nads:\n  - headline: *b\n  - headline: *b\n", 14)]:
        findings = LINTER.lint_text(text, "ads.yaml")
        assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
            ("core/guaranteed", 1, column, "Guaranteed results")]


# ---------------------------------------------------------------- deep nesting


def _md_lists(depth: int) -> str:
    return "".join("  " * i + "- item\n" for i in range(depth)) + "  " * depth + "- " + BAD + "\n"


@pytest.mark.parametrize("name, text", [
    ("lists 600 deep", _md_lists(600)),
    ("1,000 quote markers", ">" * 1000 + " " + BAD + "\n"),
    ("list markers 5,000 deep", "- " * 5000 + BAD + "\n"),
])
def test_deep_markdown_is_checked(name, text):
    findings = LINTER.lint_text(text, "deep.md")
    assert [f.rule for f in findings] == ["core/guaranteed"], name
    f = findings[0]
    assert text.splitlines()[f.line - 1][f.column - 1:f.end_column - 1] == f.match


def test_markdown_70000_levels_deep_does_not_crash_the_process(tmp_path):
    """Freeing a parse tree this deep recursed in the parser's node destructor and killed the
    process (SIGSEGV: lists from 40,000 levels, quotes from 70,000); the walk now takes the tree
    apart as it goes. In a subprocess, so a regression fails this test, not the whole suite."""
    path = tmp_path / "deep.md"
    path.write_text(">" * 70_000 + " " + BAD + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "smlint", "check", "--pack", str(CORE_PACK), "--lang", "en",
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "[core/guaranteed]" in done.stdout


@pytest.mark.parametrize("depth", [300, 450])  # an object and a list per step: 600 and 900 levels
def test_deep_json_copy_is_checked(depth):
    text = '{"a": [' * depth + '{"headline": "' + BAD + '"}' + "]}" * depth
    findings = LINTER.lint_text(text, "deep.json")
    assert [(f.rule, f.column) for f in findings] == [("core/guaranteed", text.index(BAD) + 1)]


def test_json_deeper_than_the_parser_reads_is_a_per_file_error(tmp_path, dirty):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, out = run("check", str(path), str(dirty), *PACK)
    assert code == 2
    assert f"{path}: error: JSON nested too deeply to check (Python's JSON parser stops near 1,000 levels)" in out
    assert "[core/guaranteed]" in out


def test_deep_yaml_copy_is_checked():
    text = "".join("  " * i + "k:\n" for i in range(600)) + "  " * 600 + "headline: " + BAD + "\n"
    assert [f.rule for f in LINTER.lint_text(text, "deep.yaml")] == ["core/guaranteed"]


# ---------------------------------------------------------------- DOCX zip bomb


def test_a_docx_zip_bomb_is_a_per_file_error(tmp_path, dirty):
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(101):  # 101 MiB of XML in a file of about 100 KB
                member.write(chunk)
    assert path.stat().st_size < 1 << 20
    code, out = run("check", str(path), str(dirty), *PACK)
    assert code == 2
    assert (f"{path}: error: a DOCX whose parts expand to 101 MiB, over the limit of 100 MiB (a zip bomb?): "
            "not read") in out
    assert "[core/guaranteed]" in out


# ---------------------------------------------------------------- the Markdown parser's panic


@pytest.mark.parametrize("text", ["a [` b Guaranteed results.\n", "x [``] Guaranteed results `code`.\n",
                                  "`a` [` Guaranteed results.\n",
                                  "a [` Guaranteed results.\n\nb ` c\n",  # the closer is in another paragraph
                                  "a [``` Guaranteed results.\n```\n",  # ... or a fence
                                  "`\n- [` Guaranteed results.\n"])  # ... or a list item
def test_a_backtick_left_open_inside_brackets_is_checked_not_refused(text):
    """markdown-it-pyrs 0.4 panics on it; the file is parsed with the open run as the literal text it
    is (apostrophes, same length), so positions are exact and code spans unchanged."""
    findings = LINTER.lint_text(text, "p.md")
    before = text[:text.index("Guaranteed")]
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("core/guaranteed", before.count("\n") + 1, len(before) - before.rfind("\n"), "Guaranteed results")]


def test_an_open_code_fence_is_not_rewritten():
    """Runs of three or more backticks may open a fence: what follows an unclosed one stays code."""
    assert LINTER.lint_text("Intro.\n\n```\nGuaranteed results [` b\n", "p.md") == []


def test_a_parser_panic_that_remains_is_a_per_file_error_a_writer_can_act_on(monkeypatch, tmp_path, dirty):
    import smlint.readers.markdown as markdown_reader

    class PanicException(BaseException):
        pass

    class Parser:
        def tree(self, source):
            raise PanicException("index out of bounds: the len is 0 but the index is 1")
    monkeypatch.setattr(markdown_reader, "_parser", lambda: Parser())
    (tmp_path / "p.md").write_text("a [` b\n", encoding="utf-8")
    code, out = run("check", str(tmp_path / "p.md"), str(dirty), *PACK)
    assert code == 2
    assert (f"{tmp_path / 'p.md'}: error: the Markdown parser failed on this file (index out of bounds: the len "
            "is 0 but the index is 1); a known cause is a backtick left open inside [ ]: close it or escape "
            "it as \\`") in out
    assert "[core/guaranteed]" in out
