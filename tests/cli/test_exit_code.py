"""The one exit-code decision (:func:`smlint.cli.exit_code`) that ``check``, ``leads`` and
``registry check`` share: 0 clean, 1 a finding at or above --fail-on, 2 an input not checked."""
from __future__ import annotations

import pytest

from smlint.cli import exit_code
from smlint.model import FileError, Finding, Location, Severity


def finding(severity: Severity, category: str = "copy") -> Finding:
    return Finding(rule="pack/rule", severity=severity, message="m", location=Location("a.md"), category=category)


def budget_miss(severity: Severity) -> Finding:
    """A missed budget as the lead engine reports it: a finding of its rule, category budget."""
    return Finding(rule="leads-pack/sla", severity=severity, message="budget for owner 'ana': …",
                   location=Location("export.csv", field="owner=ana"), category="budget")


UNREAD = FileError("export.csv", "line 7: unterminated quote")

TABLE = [
    ("clean", [], [], "error", 0),
    ("findings below the fail level", [finding(Severity.WARNING), finding(Severity.INFO)], [], "error", 0),
    ("a finding at the fail level", [finding(Severity.WARNING)], [], "warning", 1),
    ("a finding above the fail level", [finding(Severity.ERROR)], [], "warning", 1),
    ("fail-on never", [finding(Severity.ERROR)], [], "never", 0),
    ("a budget missed", [budget_miss(Severity.ERROR)], [], "error", 1),
    ("a budget missed below the fail level", [budget_miss(Severity.WARNING)], [], "error", 0),
    ("an input error, nothing found", [], [UNREAD], "error", 2),
    ("an input error wins over findings", [finding(Severity.ERROR)], [UNREAD], "error", 2),
    ("an input error even with fail-on never", [], [UNREAD], "never", 2),
]


@pytest.mark.parametrize("case, findings, errors, fail_on, code", TABLE, ids=[row[0] for row in TABLE])
def test_exit_code_table(case, findings, errors, fail_on, code):
    assert exit_code(findings, errors, fail_on) == code


def test_findings_may_be_a_generator():
    assert exit_code((f for f in [finding(Severity.ERROR)]), iter(()), "error") == 1
