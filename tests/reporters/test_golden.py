"""Every format rendered from the same fixture and compared to tests/reporters/golden/.

After an intended output change, regenerate and review the diff:
    SMLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/reporters/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from smlint.reporters import FORMATS, render
from tests.reporters.fixture import fixture_report

GOLDEN = Path(__file__).parent / "golden"
# .gitignore drops *.sarif and report.html, so golden files get names it keeps.
SUFFIX = {"text": "txt", "concise": "concise.txt", "json": "json", "html": "html", "sarif": "sarif.json", "github": "github.txt",
          "junit": "junit.xml"}


def golden_path(fmt: str) -> Path:
    return GOLDEN / f"fixture.{SUFFIX.get(fmt, fmt)}"


def test_every_format_has_a_golden_name():
    assert set(FORMATS) <= set(SUFFIX)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_output_matches_golden(fmt):
    output = render(fmt, fixture_report())
    path = golden_path(fmt)
    if os.environ.get("SMLINT_UPDATE_GOLDEN") == "1":
        path.write_bytes(output.encode("utf-8"))
    assert path.exists(), f"no golden file {path}; run with SMLINT_UPDATE_GOLDEN=1 to create it"
    assert output == path.read_bytes().decode("utf-8"), (
        f"{fmt} output changed; if intended, rerun with SMLINT_UPDATE_GOLDEN=1 and review the diff")


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_statistics_match_golden(fmt):
    """--statistics: the same findings counted by rule and by file, before the summary line."""
    output = render(fmt, fixture_report(statistics=True))
    path = GOLDEN / f"fixture.{fmt}-statistics.txt"
    if os.environ.get("SMLINT_UPDATE_GOLDEN") == "1":
        path.write_bytes(output.encode("utf-8"))
    assert output == path.read_bytes().decode("utf-8"), (
        f"{fmt} --statistics output changed; if intended, rerun with SMLINT_UPDATE_GOLDEN=1 and review the diff")
