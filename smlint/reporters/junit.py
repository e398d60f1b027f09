"""JUnit XML for CI test-report views (Jenkins, GitLab, Azure, GitHub test-report actions).

One ``<testsuite>`` per file with findings, one ``<testcase>`` per rule that ran on it, named by
its language-qualified key (``en/pricing/x``: the en and es packs share ids): the rule "passes"
for the file or fails with every finding it made there, one per line of the failure body. Files
that could not be checked get a testcase with an ``<error>``. A clean run gives one ``smlint``
suite in which every rule passed, so CI still shows what was checked.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from smlint.model import Finding

if TYPE_CHECKING:
    from smlint.reporters import Report

SUITES_NAME = "smlint"
# Characters XML 1.0 forbids even when escaped; ElementTree would write them and break parsers.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(report: Report) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[f.path].append(f)
    root = ET.Element("testsuites", name=SUITES_NAME)
    for path in sorted(by_file):
        root.append(_suite(path, _cases(report, by_file[path]), by_file[path]))
    for e in report.errors:
        root.append(_error_suite(e))
    if not by_file and not report.errors:
        root.append(_suite(SUITES_NAME, _cases(report, []), []))
    _total(root, report.stats.duration)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _cases(report, findings: list[Finding]) -> list[str]:
    """The testcase names of one suite: the :attr:`Rule.key` (``en/pricing/x``) of every rule that
    ran on the file, so each name appears once and each finding fails exactly one case.

    A file is checked in one language, so a suite whose findings show it lists the rules of that
    language (and ``any``); else, and in the clean-run suite, every rule. A rule a finding names
    that is not among them is added."""
    languages = {f.language for f in findings} - {"any", ""}
    rules = [r for r in report.rules_by_key.values() if not languages or r.language in languages | {"any"}]
    keys = [r.key for r in rules]
    return keys + sorted({f.rule_key for f in findings} - set(keys))


def _suite(name: str, cases: list[str], findings: list[Finding]) -> ET.Element:
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.rule_key].append(f)
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


def _total(root: ET.Element, duration: float) -> None:
    """Sum suite counts onto ``<testsuites>``, as most consumers expect."""
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    root.set("time", f"{duration:.3f}")
