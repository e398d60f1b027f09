"""``--report FORMAT=PATH``: several outputs from one run, the terminal keeps ``--format``."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.reporters.repopath import repo_root

COPY = "Intro.\nGuaranteed results in your first month!\n"


@pytest.fixture
def copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "launch.txt").write_text(COPY, encoding="utf-8")
    return tmp_path


def test_one_run_many_outputs(copy, monkeypatch):
    import smlint.project

    calls = []
    original = smlint.project.lint_project  # where `smlint check` does its checking (config, jobs, baseline)
    monkeypatch.setattr(smlint.project, "lint_project", lambda *a, **k: calls.append(a) or original(*a, **k))
    (copy / "out").mkdir()
    result = CliRunner().invoke(main, ["check", "launch.txt", "--report", "sarif=out/r.sarif.json",
                                       "--report", "html=r.html", "--report", "junit=r.xml",
                                       "--report", "github=gh.txt", "--report", "json=r.json"])
    assert result.exit_code == 1, result.output
    assert len(calls) == 1
    assert result.output.startswith("launch.txt:2:1: error [overpromise/guaranteed-results]")
    sarif = json.loads((copy / "out" / "r.sarif.json").read_text("utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == "launch.txt"
    assert json.loads((copy / "r.json").read_text("utf-8"))["summary"]["errors"] == 1
    assert "<testsuites" in (copy / "r.xml").read_text("utf-8")
    assert (copy / "gh.txt").read_text("utf-8").startswith("::error file=launch.txt,line=2,col=1,")
    html = (copy / "r.html").read_text("utf-8")
    assert "\x1b[" not in html and 'id="count-total">1<' in html


def test_format_and_output_still_work_next_to_reports(copy):
    result = CliRunner().invoke(main, ["launch.txt", "--format", "json", "-o", "main.json",
                                       "--report", "text=copy.txt"])
    assert result.exit_code == 1 and result.output == ""
    assert json.loads((copy / "main.json").read_text("utf-8"))["findings"][0]["line"] == 2
    assert (copy / "copy.txt").read_text("utf-8").splitlines()[-1] == "1 error, 0 warnings, 0 info in 1 file"


@pytest.mark.parametrize("spec", ["nope=x.html", "html", "html=", "=x.html"])
def test_bad_report_spec_is_a_usage_error(copy, spec):
    result = CliRunner().invoke(main, ["check", "launch.txt", "--report", spec])
    assert result.exit_code == 2
    assert "expected FORMAT=PATH" in result.output and "Traceback" not in result.output


def test_unwritable_report_path_exits_2(copy):
    result = CliRunner().invoke(main, ["check", "launch.txt", "--report", "html=missing/dir/r.html"])
    assert result.exit_code == 2
    assert "cannot write missing/dir/r.html" in result.output


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_paths_are_relative_to_the_git_toplevel(copy, monkeypatch):
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    sub = copy / "campaigns"
    sub.mkdir()
    (sub / "a.txt").write_text(COPY, encoding="utf-8")
    monkeypatch.chdir(sub)
    assert repo_root() == str(copy.resolve())
    result = CliRunner().invoke(main, ["check", "a.txt", "--format", "github"])
    assert result.output.startswith("::error file=campaigns/a.txt,line=2,col=1,endLine=2,endColumn=19,")


def test_repo_root_without_git_is_the_directory(tmp_path):
    assert repo_root(str(tmp_path)) in (str(tmp_path), str(tmp_path.resolve()))
