"""The pre-commit hook, for real: ``pre-commit try-repo`` builds smlint from this checkout.

pre-commit clones the checkout (try-repo includes uncommitted changes through a shadow commit)
and pip-installs it into its own environment, so this needs PyPI for smlint's dependencies.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.workflow.conftest import git

CHECKOUT = Path(__file__).resolve().parents[2]
NETWORK_FAILURES = ("Failed to establish a new connection", "No matching distribution found",
                    "Temporary failure in name resolution", "Network is unreachable")


def _pre_commit() -> str | None:
    local = Path(sys.executable).parent / "pre-commit"
    return str(local) if local.exists() else shutil.which("pre-commit")


def test_hook_definition_is_what_the_docs_promise():
    hooks = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["smlint"]
    hook = hooks[0]
    assert (hook["language"], hook["entry"]) == ("python", "smlint check")
    assert {"markdown", "html", "plain-text", "csv", "yaml", "json"} <= set(hook["types_or"])


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed (pip install -e '.[test]')")
@pytest.mark.skipif(not (CHECKOUT / ".git").exists(), reason="not a git checkout: try-repo needs one")
def test_try_repo_fails_on_the_dirty_draft_and_passes_the_clean_one(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    git(content, "init", "-q")
    (content / "dirty.txt").write_text("Spring offer: guaranteed results in 30 days.\n")
    (content / "clean.txt").write_text("Spring offer: most teams see fewer no-shows within two months.\n")
    git(content, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def hook(name: str) -> subprocess.CompletedProcess:
        return subprocess.run([_pre_commit(), "try-repo", str(CHECKOUT), "smlint", "--files", name],
                              cwd=content, env=env, capture_output=True, text=True, timeout=600)

    dirty = hook("dirty.txt")
    if dirty.returncode not in (0, 1) and any(s in dirty.stdout + dirty.stderr for s in NETWORK_FAILURES):
        pytest.skip("pre-commit could not build the hook environment offline (PyPI unreachable)")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "Failed" in dirty.stdout
    assert "dirty.txt:1:15: error [overpromise/guaranteed-results]" in dirty.stdout
    clean = hook("clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
