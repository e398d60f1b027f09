"""`smlint check`: exit codes, options, output formats and bad input (issue 2)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from smlint.cli import main
from tests.conftest import CORE_PACK

PACK = ["--pack", str(CORE_PACK), "--lang", "en"]


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "dirty.txt").write_text("Guaranteed results for everyone.\n", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Results vary by team.\n", encoding="utf-8")
    (tmp_path / "warn.txt").write_text("The best tool.\n", encoding="utf-8")
    return tmp_path


def test_text_output_and_exit_1(drafts):
    code, out = run("check", str(drafts / "dirty.txt"), *PACK)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (f"{drafts / 'dirty.txt'}:1:1: error [core/guaranteed] "
                        "'Guaranteed results' promises an outcome")
    assert lines[1] == "   1 | Guaranteed results for everyone."
    assert lines[2] == "     | ^^^^^^^^^^^^^^^^^^"
    assert lines[3] == "  = suggestion: Say what is typical instead of 'Guaranteed results'."
    assert lines[-1] == "1 error, 0 warnings, 0 info in 1 file"


def test_clean_file_exit_0(drafts):
    code, out = run("check", str(drafts / "clean.txt"), *PACK)
    assert (code, out) == (0, "0 errors, 0 warnings, 0 info in 1 file\n")


def test_default_command_is_check(drafts):
    assert run(str(drafts / "dirty.txt"), *PACK)[0] == 1


def test_fail_on_levels(drafts):
    path = str(drafts / "warn.txt")
    assert run("check", path, *PACK)[0] == 0
    assert run("check", path, *PACK, "--fail-on", "warning")[0] == 1
    assert run("check", str(drafts / "dirty.txt"), *PACK, "--fail-on", "never")[0] == 0


def test_min_severity_hides_but_does_not_change_exit(drafts):
    code, out = run("check", str(drafts / "warn.txt"), *PACK, "--fail-on", "warning", "--min-severity", "error")
    assert code == 1 and "core/best" not in out


def test_html_lists_clean_files_but_not_ones_with_hidden_findings(drafts):
    """warn.txt has a warning that --min-severity error hides: it is not shown, nor listed as clean."""
    import re

    code, out = run("check", str(drafts), *PACK, "--format", "html", "--min-severity", "error")
    assert code == 1
    clean = re.findall(r'<tr class="clean"><th scope="row"><span class="path">([^<]*)</span>', out)
    assert clean == [str(drafts / "clean.txt")]
    assert '<span class="n" id="count-clean">1</span>' in out and "core/best" not in out


def test_select_and_ignore_globs(drafts):
    path = str(drafts / "dirty.txt")
    assert run("check", path, *PACK, "--ignore", "core/guar*")[0] == 0
    assert run("check", path, *PACK, "--select", "core/best*")[0] == 0
    assert run("check", path, *PACK, "--select", "core/*")[0] == 1


def test_json_output_has_every_field(drafts):
    code, out = run("check", str(drafts / "dirty.txt"), *PACK, "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["version"] == 1
    (f,) = doc["findings"]
    assert set(f) >= {"rule", "pack", "severity", "message", "path", "line", "column", "end_line",
                      "end_column", "match", "suggestion", "owner", "category", "references", "fingerprint"}
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (1, 1, 1, 19)
    assert doc["summary"]["errors"] == 1 and doc["summary"]["files_checked"] == 1


def test_output_file_and_quiet(drafts, tmp_path):
    target = tmp_path / "out.json"
    code, out = run("check", str(drafts / "dirty.txt"), *PACK, "--format", "json", "--output", str(target))
    assert code == 1 and out == "" and json.loads(target.read_text())["findings"]
    code, out = run("check", str(drafts / "clean.txt"), *PACK, "--quiet")
    assert (code, out) == (0, "")
    code, out = run("check", str(drafts / "dirty.txt"), *PACK, "--quiet")
    assert out == "1 error, 0 warnings, 0 info in 1 file\n"


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_quiet_prints_the_last_line_of_the_full_report(drafts, fmt):
    """--quiet prints the summary without rendering the findings, and it is the same line the
    whole report ends with: findings of two severities, one hidden by --min-severity, one file
    that could not be checked (exit 2 either way)."""
    args = ["check", str(drafts / "dirty.txt"), str(drafts / "warn.txt"), str(drafts / "missing.txt"), *PACK,
            "--format", fmt, "--min-severity", "error"]
    full_code, full = run(*args)
    quiet_code, quiet = run(*args, "--quiet")
    assert quiet_code == full_code == 2
    assert quiet == full.splitlines(keepends=True)[-1] and "could not be checked" in quiet


def test_stdin_with_filename():
    code, out = run("check", "-", "--stdin-filename", "draft.txt", *PACK, input="guaranteed results\n")
    assert code == 1 and out.startswith("draft.txt:1:1: error [core/guaranteed]")


def test_directory_walk_skips_hidden_binary_and_unknown(tmp_path):
    (tmp_path / "a.txt").write_text("guaranteed results", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("guaranteed results", encoding="utf-8")
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\0\0guaranteed results")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    code, out = run("check", str(tmp_path), *PACK)
    assert code == 1
    assert out.splitlines()[-1] == ("1 error, 0 warnings, 0 info in 1 file; skipped 1 binary file (not text) "
                                    "and 1 file of a type smlint does not read (.png)")


def test_missing_path_reported_and_rest_linted(drafts):
    code, out = run("check", str(drafts / "nope.txt"), str(drafts / "dirty.txt"), *PACK)
    assert code == 2  # a named input was not checked: the gate must not pass (issue 12)
    assert f"{drafts / 'nope.txt'}: error: no such file or directory" in out
    assert "core/guaranteed" in out


def test_invalid_utf8_reported_and_rest_linted(drafts):
    (drafts / "latin1.txt").write_bytes("Garantía\nguaranteed results".encode("latin-1"))
    code, out = run("check", str(drafts / "latin1.txt"), str(drafts / "dirty.txt"), *PACK)
    assert code == 2
    assert "latin1.txt: error: not valid UTF-8 (byte 0xed on line 1); save the file as UTF-8" in out
    assert out.count("[core/guaranteed]") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read unreadable files")
def test_unreadable_file(drafts):
    path = drafts / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    code, out = run("check", str(path), *PACK)
    assert "cannot read" in out


def test_unreadable_directory_entry_is_reported(drafts):
    """A dangling symlink cannot be read: reported per file, the rest is linted."""
    (drafts / "dangling.txt").symlink_to(drafts / "gone.txt")
    code, out = run("check", str(drafts), *PACK)
    assert "dangling.txt: error: cannot read" in out and "[core/guaranteed]" in out


def test_empty_file_and_empty_directory(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    assert run("check", str(tmp_path / "empty.txt"), *PACK) == (0, "0 errors, 0 warnings, 0 info in 1 file\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.bin").write_bytes(b"\0")
    code, out = run("check", str(tmp_path / "sub"), *PACK)
    assert code == 0 and "in 0 files; skipped 1 file of a type smlint does not read (.bin)" in out


def test_huge_single_line(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("lorem ipsum " * 200_000 + "guaranteed results", encoding="utf-8")
    code, out = run("check", str(path), *PACK, "--format", "json")
    (f,) = json.loads(out)["findings"]
    assert (f["line"], f["column"]) == (1, 12 * 200_000 + 1)


def test_broken_pack_exits_2_without_traceback(tmp_path, drafts):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\nlanguage: en\nkind: copy\nowner: m\ndescription: d\nrules: 3\n")
    code, out = run("check", str(drafts / "dirty.txt"), "--pack", str(bad))
    assert code == 2
    assert out.strip() == f"smlint: error: {bad}:6:8: rules: 3 is not of type 'array'"


def test_unknown_builtin_pack_name(drafts):
    code, out = run("check", str(drafts / "dirty.txt"), "--pack", "nosuchpack")
    assert code == 2 and "no such pack file, folder or built-in pack" in out


def test_usage_error_exit_2(drafts):
    code, _ = run("check", str(drafts / "dirty.txt"), "--format", "pdf")
    assert code == 2


def test_nothing_written_but_requested_output(drafts):
    before = sorted(p.name for p in drafts.iterdir())
    run("check", str(drafts), *PACK)
    assert sorted(p.name for p in drafts.iterdir()) == before


def test_fingerprint_stable_when_lines_added_above(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Intro.\nGuaranteed results.\n")
    first = json.loads(run("check", str(path), *PACK, "--format", "json")[1])["findings"][0]
    path.write_text("New line.\nAnother.\nIntro.\nGuaranteed results.\n")
    second = json.loads(run("check", str(path), *PACK, "--format", "json")[1])["findings"][0]
    assert first["line"] == 2 and second["line"] == 4
    assert first["fingerprint"] == second["fingerprint"]
    path.write_text("Intro.\nGuaranteed results, always.\n")
    third = json.loads(run("check", str(path), *PACK, "--format", "json")[1])["findings"][0]
    assert third["fingerprint"] != first["fingerprint"]


def test_python_m_smlint_and_version():
    out = subprocess.run([sys.executable, "-m", "smlint", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("smlint ")


def test_cold_start_does_not_import_heavy_modules(tmp_path):
    """`--version` and `check` on one small file must not import jinja2 (nor jsonschema for built-in packs)."""
    path = tmp_path / "a.txt"
    path.write_text("hello")
    code = ("import sys; from smlint.cli import main\n"
            "try:\n    main([%r, %r])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('jinja2', 'jsonschema') if m in sys.modules))")
    for args in (("--version", "--version"), ("check", str(path))):
        out = subprocess.run([sys.executable, "-c", code % args], capture_output=True, text=True)
        assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr


def test_folder_walk_skips_tooling_files_but_not_when_named(tmp_path):
    (tmp_path / "package.json").write_text('{"description": "guaranteed results"}', encoding="utf-8")
    (tmp_path / "ad.json").write_text('{"description": "guaranteed results"}', encoding="utf-8")
    code, out = run("check", str(tmp_path), *PACK)
    assert out.splitlines()[-1] == ("1 error, 0 warnings, 0 info in 1 file; skipped 1 settings file of another "
                                    "tool (package.json, smlint.yaml …)")
    code, out = run("check", str(tmp_path / "package.json"), *PACK)
    assert code == 1 and "[core/guaranteed]" in out


def test_lead_pack_or_empty_folder_as_copy_pack_is_a_clear_error(tmp_path, drafts):
    from smlint.packs import builtin_pack_files

    lead_pack = str(builtin_pack_files(kind="leads")[0])
    code, out = run("check", str(drafts / "dirty.txt"), "--pack", lead_pack)
    assert code == 2 and "this is a lead pack: use it with `smlint leads --pack`" in out
    (tmp_path / "nopacks").mkdir()
    code, out = run("check", str(drafts / "dirty.txt"), "--pack", str(tmp_path / "nopacks"))
    assert code == 2 and "no pack files (*.yaml) in this folder" in out


def test_missing_folder_exits_2_with_a_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "nope/", *PACK)
    assert code == 2
    assert out.splitlines() == ["nope/: error: no such file or directory",
                                "0 errors, 0 warnings, 0 info in 0 files; 1 file could not be checked"]


class _Panic(BaseException):
    """Like pyo3's PanicException (markdown-it-pyrs): a BaseException, not an Exception."""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_that_panics_on_one_file_is_reported_the_rest_checked_and_exit_2(drafts, monkeypatch, jobs):
    import smlint.parallel as parallel
    import smlint.readers.markdown as markdown_reader

    def panics(path, source, options=None):
        raise _Panic("index out of bounds: the len is 0 but the index is 1")
    monkeypatch.setattr(markdown_reader, "read", panics)  # forked --jobs workers inherit it
    monkeypatch.setattr(parallel, "MIN_WORK", parallel.Floor(files=1, bytes=1))
    (drafts / "p.md").write_text("a [`" + " b\n", encoding="utf-8")
    code, out = run("check", str(drafts), "--jobs", jobs, *PACK)
    assert code == 2
    assert f"{drafts / 'p.md'}: error: could not be read as markdown: index out of bounds: " \
           "the len is 0 but the index is 1" in out
    assert "Traceback" not in out and "[core/guaranteed]" in out
    assert out.splitlines()[-1] == ("1 error, 1 warning, 0 info in 3 files; 1 file could not be checked")
