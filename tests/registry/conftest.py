"""Shared fixtures: the example registry and a helper that checks a text against it."""
from __future__ import annotations

from pathlib import Path

import pytest

from smlint.registry import RegistryChecker, load_registry
from smlint.text.document import Document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "registry" / "claims.yaml"


@pytest.fixture(scope="session")
def registry():
    return load_registry(EXAMPLE)


@pytest.fixture()
def check(registry):
    """check(text, channel=None, path='draft.txt') -> [(rule short id, line, col, end_col, match)]"""
    def run(text: str, channel: str | None = None, path: str = "draft.txt"):
        findings = RegistryChecker(registry, channel=channel).check(Document.plain(path, text))
        return [(f.rule.split("/", 1)[1], f.line, f.column, f.end_column, f.match) for f in findings]
    return run


@pytest.fixture()
def messages(registry):
    def run(text: str, channel: str | None = None):
        return [f.message for f in RegistryChecker(registry, channel=channel).check(Document.plain("d.txt", text))]
    return run
