"""docs/ci.md cannot rot: every shell command of its GitHub and GitLab jobs runs here.

The jobs run in a clone of a temporary "origin" with a ``main`` branch holding an old finding
and a ``feature`` branch adding a new one, so ``--diff-base origin/main`` must report only the
new one. Install lines are checked, not run (this environment already has smlint). A command
whose output format is not in ``smlint.reporters.FORMATS`` yet is skipped on its own.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from smlint.reporters import FORMATS
from tests.workflow.conftest import git

CHECKOUT = Path(__file__).resolve().parents[2]
DOC = CHECKOUT / "docs" / "ci.md"
GITHUB_EXPRESSIONS = {"github.base_ref": "main"}
GITLAB_VARIABLES = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}


def doc_block(first_line: str) -> str:
    """The ```yaml block of docs/ci.md whose first line is ``first_line``."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if b.startswith(first_line + "\n")]
    assert len(found) == 1, f"docs/ci.md has no single block starting with {first_line!r}"
    return found[0]


def github_commands() -> list[str]:
    workflow = yaml.safe_load(doc_block("# .github/workflows/smlint.yml"))
    steps = workflow["jobs"]["smlint"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    commands = []
    for step in steps:
        if "run" in step:
            command = re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: GITHUB_EXPRESSIONS[m.group(1)], step["run"])
            commands.append(command.strip())
    return commands


def gitlab_commands() -> list[str]:
    job = yaml.safe_load(doc_block("# .gitlab-ci.yml"))["smlint"]
    assert job["artifacts"]["reports"]["junit"] == "smlint-junit.xml"
    return [*job["before_script"], *job["script"]]


@pytest.fixture
def clone(tmp_path) -> Path:
    """A clone of "origin" on branch ``feature``; main has line 2's finding, feature adds line 4's."""
    seed = tmp_path / "seed"
    seed.mkdir()
    git(seed, "init", "-q")
    (seed / "copy").mkdir()
    (seed / "copy" / "draft.txt").write_text("Intro.\nGuaranteed results for everyone.\nEnd.\n")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "base")
    git(tmp_path, "clone", "-q", "--bare", str(seed), "origin.git")
    git(tmp_path, "clone", "-q", str(tmp_path / "origin.git"), "work")
    work = tmp_path / "work"
    git(work, "checkout", "-qb", "feature")
    (work / "copy" / "draft.txt").write_text(
        "Intro.\nGuaranteed results for everyone.\nEnd.\nNew: results guaranteed, or your money back.\n")
    git(work, "commit", "-qam", "feature")
    return work


def formats_of(command: str) -> set[str]:
    args = shlex.split(command)
    out = {args[i + 1] for i, a in enumerate(args[:-1]) if a == "--format"}
    out |= {args[i + 1].split("=", 1)[0] for i, a in enumerate(args[:-1]) if a == "--report"}
    return out


def run_job(commands: list[str], cwd: Path) -> dict[str, subprocess.CompletedProcess]:
    """Run each command as the CI would (bash), returning the smlint runs by command."""
    env = {**os.environ, **GITLAB_VARIABLES,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = {}
    for command in commands:
        if re.match(r"(python -m )?pip install ", command):
            assert "smlint" in command  # this environment already has smlint installed
            continue
        if not formats_of(command) <= set(FORMATS):
            if "--fail-on never" in command:
                continue  # that reporter is not available in this build yet: skip the report
            # the gate still gates: run it in the text format meanwhile
            command = re.sub(r"--format \S+", "--format text", command)
        result = subprocess.run(["bash", "-ec", command], cwd=cwd, env=env, capture_output=True, text=True)
        gate = command.startswith("smlint") and "--fail-on never" not in command
        expected = 1 if gate else 0
        assert result.returncode == expected, f"{command}\n{result.stdout}\n{result.stderr}"
        if command.startswith("smlint"):
            done[command] = result
    return done


def check_outputs(runs: dict, cwd: Path) -> None:
    """What each kind of command must have produced: only the feature's finding, on line 4."""
    for command, result in runs.items():
        fmts = formats_of(command) or {"text"}
        diff_only = "--diff-base" in command
        if "github" in fmts:
            assert "::error file=copy/draft.txt,line=4," in result.stdout
            assert ("line=2," in result.stdout) is not diff_only
        if "text" in fmts and "--output" not in command:
            assert "copy/draft.txt:4:" in result.stdout and "copy/draft.txt:2:" not in result.stdout
        if "sarif" in fmts:
            sarif = json.loads((cwd / "smlint.sarif").read_text())
            lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]]
            assert lines == [4]
        if "html" in fmts:
            assert "<html" in (cwd / "smlint-report.html").read_text().lower()
        if "junit" in fmts:
            import xml.etree.ElementTree as ET

            assert ET.parse(cwd / "smlint-junit.xml").getroot().tag in ("testsuites", "testsuite")


@pytest.mark.parametrize("commands", [github_commands, gitlab_commands], ids=["github", "gitlab"])
def test_ci_job_commands_run_and_gate_on_new_findings_only(clone, commands):
    runs = run_job(commands(), clone)
    gates = [c for c in runs if "--fail-on never" not in c]
    assert len(gates) == 1, "the job must end with exactly one gate command that was run"
    check_outputs(runs, clone)


def test_pre_commit_snippet_uses_the_shipped_hook():
    config = yaml.safe_load(doc_block("# .pre-commit-config.yaml"))
    hook_ids = {h["id"] for h in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    used = [h for repo in config["repos"] for h in repo["hooks"]]
    assert [h["id"] for h in used] == ["smlint"] and set(h["id"] for h in used) <= hook_ids
    assert used[0]["args"] == ["--force-exclude"]
