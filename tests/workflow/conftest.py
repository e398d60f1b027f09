"""Helpers for the workflow tests: a demo pack, a project folder, and the CLI run in it."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from smlint.cli import main

DEMO_PACK = str(Path(__file__).parent / "packs" / "demo.yaml")


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class Project:
    """A folder to lint; ``run`` invokes the CLI with that folder as the current directory."""

    def __init__(self, root: Path, monkeypatch) -> None:
        self.root = root
        self._monkeypatch = monkeypatch

    def write(self, rel: str, text: str) -> Path:
        return write(self.root, rel, text)

    def enter(self) -> None:
        """Make the project folder the current directory for the rest of the test."""
        self._monkeypatch.chdir(self.root)

    def run(self, *args: str, cwd: Path | None = None):
        self._monkeypatch.chdir(cwd or self.root)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    def findings(self, *args: str) -> list[dict]:
        """``smlint check --format json ARGS`` → the findings as (path, line, col, rule) tuples."""
        result = self.run("check", "--format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return [(f["path"], f["line"], f["column"], f["rule"], f["severity"])
                for f in json.loads(result.stdout)["findings"]]

    def git(self, *args: str) -> str:
        return git(self.root, *args)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
                          cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    """An empty project; its ``.git`` folder stops config discovery from wandering above it."""
    root = tmp_path / "proj"
    (root / ".git").mkdir(parents=True)
    return Project(root, monkeypatch)


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
        "Intro.\nGuaranteed results for everyone.\nEnd.\nNew: results guaranteed for every team.\n")
    git(work, "commit", "-qam", "feature")
    return work
