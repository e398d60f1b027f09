"""Shared test helpers: a small, self-contained pack so core tests don't depend on built-in pack content."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def write_pack(tmp_path):
    """Write a pack YAML (dedented) to a temp file and return its path."""
    def _write(text: str, name: str = "pack.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


CORE_PACK = DATA / "packs" / "core.yaml"

# The top of a small English test pack; a test adds its own `concepts:` and `rules:`.
PACK_HEAD = "pack: t\nlanguage: en\nkind: copy\nowner: marketing\ndescription: test\n"


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory, monkeypatch):
    """Tests never touch the user's ~/.cache: each session gets its own parse cache."""
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "parse-cache"))
