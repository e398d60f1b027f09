"""Reporters: pure functions from a :class:`Report` to text (STYLE.md habit 6).

Where do I add a format? Write ``reporters/NAME.py`` with ``render(report) -> str`` and add
it to ``FORMATS``; a format whose reports can be large may also offer ``chunks(report)``, the
same text in pieces (see :mod:`smlint.reporters.jsonstream`). Filtering, suppression and the exit code are decided before rendering.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import Iterator, Mapping

from smlint.model import FileError, Finding, Rule, RunStats

FORMATS: dict[str, str] = {
    "text": "text",
    "concise": "concise",
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
    sources: Mapping[str, str] = field(default_factory=dict)  # path -> text, for showing lines (read lazily)
    version: str = ""
    color: bool = False
    command: str = "check"
    extras: dict = field(default_factory=dict)  # e.g. lead scorecards
    root: str | None = None  # repository root that SARIF/GitHub paths are relative to (None: as given)
    statistics: bool = False  # the terminal formats end with counts by rule and by file (--statistics)
    below_threshold: frozenset[str] = frozenset()  # paths whose findings --min-severity hides: not clean

    @cached_property
    def clean_paths(self) -> list[str]:
        """The files checked with no finding at all (none shown, none below --min-severity), sorted."""
        dirty = {f.path for f in self.findings} | {e.path for e in self.errors} | self.below_threshold
        return sorted(set(self.stats.checked) - dirty)

    @cached_property
    def rules_by_key(self) -> dict[str, Rule]:
        """The rules that ran, once each, by :attr:`Rule.key` (an id exists once per language)."""
        out: dict[str, Rule] = {}
        for rule in self.rules:
            out.setdefault(rule.key, rule)
        return out

    def rule_for(self, finding: Finding) -> Rule | None:
        """The rule that made ``finding``: the one of its language, else the only one with its id."""
        rule = self.rules_by_key.get(finding.rule_key)
        if rule is None:
            same_id = [r for r in self.rules if r.id == finding.rule]
            rule = same_id[0] if len(same_id) == 1 else None
        return rule


# The formats a person reads in a terminal: coloured there, with a progress bar, --quiet and --statistics.
TERMINAL_FORMATS = frozenset({"text", "concise"})


def render(fmt: str, report: Report) -> str:
    """Render ``report`` in format ``fmt`` (a key of FORMATS), whole: the pieces of
    :func:`render_chunks` joined (a format without pieces has only its own ``render``)."""
    return "".join(render_chunks(fmt, report))


def render_chunks(fmt: str, report: Report) -> Iterator[str]:
    """The same text as :func:`render`, in pieces: formats that can (JSON, SARIF, JUnit, text,
    concise) build it a finding or a file at a time, so writing a report of any size does not hold
    it whole (issue 14)."""
    module = import_module(f"smlint.reporters.{FORMATS[fmt]}")
    if hasattr(module, "chunks"):
        return module.chunks(report)
    return iter((module.render(report),))
