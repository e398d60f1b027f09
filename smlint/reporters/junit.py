"""JUnit XML for CI test-report views (Jenkins, GitLab, Azure, GitHub test-report actions).

One ``<testsuite>`` per file with findings, one ``<testcase>`` per rule that ran on it, named by
its language-qualified key (``en/pricing/x``: the en and es packs share ids): the rule "passes"
for the file or fails with every finding it made there, one per line of the failure body. Files
that could not be checked get a testcase with an ``<error>``. A clean run gives one ``smlint``
suite in which every rule passed, so CI still shows what was checked.
"""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING, Iterator

from smlint.model import Finding

if TYPE_CHECKING:
    from smlint.reporters import Report

SUITES_NAME = "smlint"
# Characters XML 1.0 forbids even when escaped; ElementTree would write them and break parsers.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def chunks(report: Report) -> Iterator[str]:
    """The document in pieces, one ``<testsuite>`` at a time (issue 14: the whole tree of a big
    run, then its text, took twice the memory of the JSON report). The text is exactly what
    ``ET.indent`` and ``ET.tostring`` of the whole ``<testsuites>`` tree gave: each suite is
    indented as a child of the root and written alone, after the root's opening tag, whose
    totals are counted first without building any suite."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[f.path].append(f)
    cases = _Cases(report)
    files = [(path, cases(by_file[path]), _by_rule(by_file[path])) for path in sorted(by_file)]
    if not files and not report.errors:  # a clean run: one suite in which every rule passed
        files = [(SUITES_NAME, cases([]), {})]
    tests = sum(len(names) for _, names, _ in files) + len(report.errors)
    failures = sum(len(by_rule) for _, _, by_rule in files)  # each failing rule fails one case
    yield _opening(tests, failures, len(report.errors), report.stats.duration)
    suites = (_suite(*file) for file in files)
    for suite in itertools.chain(suites, (_error_suite(e) for e in report.errors)):
        ET.indent(suite, level=1)
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n</testsuites>\n"


def _opening(tests: int, failures: int, errors: int, duration: float) -> str:
    """The XML declaration and ``<testsuites …>`` with the totals most consumers expect, written
    by ElementTree itself (its declaration, its attribute escaping)."""
    root = ET.Element("testsuites", name=SUITES_NAME, tests=str(tests), failures=str(failures),
                      errors=str(errors), skipped="0", time=f"{duration:.3f}")
    text = ET.tostring(root, encoding="unicode", xml_declaration=True)
    return text.removesuffix(" />") + ">"  # an element without children is written short


class _Cases:
    """The testcase names of one suite: the :attr:`Rule.key` (``en/pricing/x``) of every rule that
    ran on the file, so each name appears once and each finding fails exactly one case.

    A file is checked in one language, so a suite whose findings show it lists the rules of that
    language (and ``any``); else, and in the clean-run suite, every rule. A rule a finding names
    that is not among them is added. The keys of each language are listed once per report."""

    def __init__(self, report) -> None:
        self.rules = list(report.rules_by_key.values())
        self.by_languages: dict[frozenset, list[str]] = {}

    def __call__(self, findings: list[Finding]) -> list[str]:
        languages = frozenset({f.language for f in findings} - {"any", ""})
        keys = self.by_languages.get(languages)
        if keys is None:
            keys = [r.key for r in self.rules if not languages or r.language in languages | {"any"}]
            self.by_languages[languages] = keys
        extra = {f.rule_key for f in findings}.difference(keys)
        return keys + sorted(extra) if extra else keys


def _by_rule(findings: list[Finding]) -> dict[str, list[Finding]]:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule_key].append(f)
    return by_rule


def _suite(name: str, cases: list[str], by_rule: dict[str, list[Finding]]) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_safe(name), tests=str(len(cases)), failures=str(len(by_rule)),
                       errors="0", skipped="0", time="0")
    for key in cases:
        case = ET.SubElement(suite, "testcase", name=xml_safe(key), classname=xml_safe(name), time="0")
        hits = by_rule.get(key)
        if hits:
            first = hits[0]
            failure = ET.SubElement(case, "failure", type=str(first.severity),
                                    message=xml_safe(first.message) if len(hits) == 1 else f"{len(hits)} findings")
            failure.text = xml_safe("\n".join(_line(f) for f in hits))
    return suite


def _line(f: Finding) -> str:
    loc = f.location
    where = f"{loc.path}:{loc.line}:{loc.column}"
    if loc.row is not None and loc.field:
        where += f" (row {loc.row}, field {loc.field})"
    elif loc.paragraph is not None:
        where = f"{loc.path} (paragraph {loc.paragraph})"
    text = f"{where}: {f.severity}: {f.message}"
    return text + (f" — suggestion: {f.suggestion}" if f.suggestion else "")


def _error_suite(error) -> ET.Element:
    path, message = xml_safe(error.path), xml_safe(error.message)
    suite = ET.Element("testsuite", name=path, tests="1", failures="0", errors="1", skipped="0", time="0")
    case = ET.SubElement(suite, "testcase", name="smlint/read", classname=path, time="0")
    ET.SubElement(case, "error", type="file-error", message=message).text = message
    return suite
