"""docs/ci.md cannot rot: every shell command of its GitHub and GitLab jobs runs here.

The jobs run in a clone of a temporary "origin" with a ``main`` branch holding an old finding
and a ``feature`` branch adding a new one, so ``--diff-base origin/main`` must report only the
new one. Install lines are checked, not run (this environment already has smlint). An output
whose format is not in ``smlint.reporters.FORMATS`` (a build without that reporter) is dropped
from its command, and the gate then runs in the text format, so the gate is always exercised.
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
    workflow = yaml.safe_load(doc_block("# .github/workflows/smlint.yml, step by step"))
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


def options_of(command: str) -> tuple[str, dict[str, str]]:
    """The stdout format (``--format``, default text) and the ``--report FORMAT=PATH`` files."""
    args = shlex.split(command)
    fmt = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--format"), "text")
    reports = dict(args[i + 1].split("=", 1) for i, a in enumerate(args[:-1]) if a == "--report")
    return fmt, reports


def available(command: str) -> str:
    """``command`` without the outputs whose reporter this build lacks (the gate stays a gate)."""
    fmt, reports = options_of(command)
    for name, path in reports.items():
        if name not in FORMATS:
            command = command.replace(f" --report {name}={path}", "")
    if fmt not in FORMATS:
        command = command.replace(f"--format {fmt}", "--format text")
    return command


def run_job(commands: list[str], cwd: Path) -> dict[str, subprocess.CompletedProcess]:
    """Run each command as the CI would (bash), returning the smlint runs by command."""
    env = {**os.environ, **GITLAB_VARIABLES,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = {}
    for command in commands:
        if re.match(r"(python -m )?pip install ", command):
            assert re.search(r'"smlint @ git\+https://\S+/smlint@v[\d.]+"', command), command  # from a tag
            continue  # this environment already has smlint installed
        command = available(command)
        result = subprocess.run(["bash", "-ec", command], cwd=cwd, env=env, capture_output=True, text=True)
        gate = command.startswith("smlint check") and "--fail-on never" not in command
        assert result.returncode == (1 if gate else 0), f"{command}\n{result.stdout}\n{result.stderr}"
        if command.startswith("smlint"):
            done[command] = result
    return done


def check_outputs(runs: dict, cwd: Path) -> None:
    """What each command must have produced: with --diff-base, only the feature's line 4."""
    for command, result in runs.items():
        if not command.startswith("smlint check"):
            continue
        fmt, reports = options_of(command)
        expected_lines = [4] if "--diff-base" in command else [2, 4]
        if fmt == "github":
            shown = [int(n) for n in re.findall(r"^::error file=copy/draft.txt,line=(\d+),", result.stdout, re.M)]
            assert shown == expected_lines
        if fmt == "text" and "--output" not in command:
            shown = [int(n) for n in re.findall(r"^copy/draft.txt:(\d+):", result.stdout, re.M)]
            assert shown == expected_lines
        outputs = {**reports, **({fmt: _output_path(command)} if "--output" in command else {})}
        for name, path in outputs.items():
            _check_file(name, cwd / path, expected_lines)


def _output_path(command: str) -> str:
    args = shlex.split(command)
    return args[args.index("--output") + 1]


def _check_file(fmt: str, path: Path, expected_lines: list[int]) -> None:
    if fmt == "sarif":
        sarif = json.loads(path.read_text())
        lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif["runs"][0]["results"]]
        assert lines == expected_lines
    elif fmt == "html":
        assert "<html" in path.read_text().lower()
    elif fmt == "junit":
        import xml.etree.ElementTree as ET

        assert ET.parse(path).getroot().tag in ("testsuites", "testsuite")


def prose_commands() -> list[str]:
    """``smlint …`` commands quoted inline in the page's prose (placeholders like <tag> excluded)."""
    text = re.sub(r"```.*?```", "", DOC.read_text(encoding="utf-8"), flags=re.S)
    return [c for c in re.findall(r"`(smlint [^`]+)`", text) if "<" not in c]


@pytest.mark.parametrize("commands", [github_commands, gitlab_commands], ids=["github", "gitlab"])
def test_ci_job_commands_run_and_gate_on_new_findings_only(clone, commands):
    runs = run_job(commands(), clone)
    gates = [c for c in runs if c.startswith("smlint check") and "--fail-on never" not in c]
    assert len(gates) == 1, "the job must have exactly one gate command"
    check_outputs(runs, clone)


def test_commands_quoted_in_the_prose_run_too(clone):
    commands = prose_commands()
    assert commands, "docs/ci.md quotes smlint commands in its notes"
    check_outputs(run_job(commands, clone), clone)


def test_pre_commit_snippet_uses_the_shipped_hook():
    config = yaml.safe_load(doc_block("# .pre-commit-config.yaml"))
    hook_ids = {h["id"] for h in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    used = [h for repo in config["repos"] for h in repo["hooks"]]
    assert [h["id"] for h in used] == ["smlint"] and set(h["id"] for h in used) <= hook_ids
    assert used[0]["args"] == ["--force-exclude"]


def test_a_build_without_a_reporter_still_runs_the_gate(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "FORMATS", {"text": "text", "json": "json"})
    command = 'smlint check . --diff-base "origin/main" --format github --report sarif=a.sarif --report json=a.json'
    assert available(command) == 'smlint check . --diff-base "origin/main" --format text --report json=a.json'
