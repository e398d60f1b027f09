"""Reports written in pieces (issue 14) are the text a whole-document encoder gives, for a real
run with thousands of findings, and no piece grows with the number of findings."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from smlint.linter import Linter, LintOptions
from smlint.model import RunStats
from smlint.reporters import Report, render_chunks

EN = ("Guaranteed results in 7 days or your money back! Only $49/mo, hurry, offer ends soon.\n"
      'A "quoted" tab\there, é and ✓, <b>&amp;</b>.\n')
ES = "Resultados garantizados en 7 días. Solo 49 €/mes, ¡date prisa, la oferta termina pronto!\n"
FILES = 12


@pytest.fixture(scope="module")
def report() -> Report:
    findings, rules, stats = [], [], RunStats(duration=1.5)
    for lang, text in (("en", EN), ("es", ES)):
        linter = Linter(LintOptions(lang=lang))
        rules += [r for r in linter.rules if r not in rules]
        for i in range(FILES):
            path = f"copy/{lang}/{i:02d}-file.md"
            findings += linter.lint_text(text * 40, path=path)
            stats.check(path)
    findings.sort(key=lambda f: f.sort_key())
    assert len(findings) > 4000  # "many": enough that a report held whole would show
    return Report(findings=findings, rules=rules, stats=stats, version="9.9", sources={})


def pieces(fmt: str, report: Report) -> list[str]:
    out = list(render_chunks(fmt, report))
    assert len(out) >= len(report.findings), f"{fmt} is not written a finding at a time"
    return out


def test_json_is_json_dumps_of_the_same_data(report):
    parts = pieces("json", report)
    text = "".join(parts)
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert data["findings"] == [f.to_dict() for f in report.findings]
    assert max(len(p) for p in parts) < 4000


def test_sarif_is_json_dumps_of_the_same_data(report):
    parts = pieces("sarif", report)
    text = "".join(parts)
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert len(data["runs"][0]["results"]) == len(report.findings)
    biggest = max(len(p) for p in parts[parts.index(next(p for p in parts if '"ruleId"' in p)):])
    assert biggest < 4000  # the rule descriptors are one piece; each result is its own


def whole_tree_junit(text: str) -> str:
    """The document as ElementTree writes it when it holds the whole tree (the format before
    streaming): parsed back, indented and written again."""
    root = ET.fromstring(text.split("\n", 1)[1])
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def test_junit_is_the_whole_tree_text(report):
    parts = list(render_chunks("junit", report))
    text = "".join(parts)
    assert text == whole_tree_junit(text)
    root = ET.fromstring(text.split("\n", 1)[1])
    assert len(parts) == 2 + len(root) == 2 + 2 * FILES  # the opening, one piece per suite, the end
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in root)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in root) > 0
    failures = root.iter("failure")
    assert sum(len(f.text.splitlines()) for f in failures) == len(report.findings)


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_terminal_formats_come_a_finding_at_a_time(report, fmt):
    parts = list(render_chunks(fmt, report))
    assert len(parts) == len(report.findings) + 1  # each finding, then the closing lines
    for part, finding in zip(parts, report.findings):
        assert part.startswith(f"{finding.path}:{finding.line}:{finding.column}: ") and part.endswith("\n")
    assert re.fullmatch(r"\d+ errors?, \d+ warnings?, \d+ info in 24 files\n", parts[-1])
