"""Reporters: pure functions from a :class:`Report` to text (STYLE.md habit 6).

Where do I add a format? Write ``reporters/NAME.py`` with ``render(report) -> str`` and add
it to ``FORMATS``. Filtering, suppression and the exit code are decided before rendering.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from smlint.model import FileError, Finding, Rule, RunStats

FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "html": "html",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


@dataclass(frozen=True)
class Report:
    """Everything a reporter may show. ``findings`` are the ones to display, sorted."""

    findings: list[Finding]
    rules: list[Rule]
    errors: list[FileError] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for showing lines
    version: str = ""
    color: bool = False
    command: str = "check"
    extras: dict = field(default_factory=dict)  # e.g. lead scorecards
    root: str | None = None  # repository root that SARIF/GitHub paths are relative to (None: as given)


def render(fmt: str, report: Report) -> str:
    """Render ``report`` in format ``fmt`` (a key of FORMATS)."""
    return import_module(f"smlint.reporters.{FORMATS[fmt]}").render(report)
