"""JUnit XML: one suite per file, one case per rule, read back with junitparser."""
from __future__ import annotations

from junitparser import Error, Failure, JUnitXml

from smlint.model import Finding, Location, Severity
from smlint.reporters import render
from tests.reporters.fixture import RULES, fixture_report


def parse(text: str, tmp_path) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def test_suites_cases_and_failures(tmp_path):
    xml = parse(render("junit", fixture_report()), tmp_path)
    suites = {s.name: s for s in xml}
    assert set(suites) == {"copy/launch.md", 'copy/"><img src=x onerror=alert(1)>, v2:final.txt',
                           "leads/export.csv", "scripts/call.docx", "copy/broken.md", "copy/lanzamiento.md",
                           "ads/ads.csv"}
    launch = suites["copy/launch.md"]  # an English file: the English rules and the `any` one
    assert [c.name for c in launch] == [r.key for r in RULES if r.language in ("en", "any")]
    failed = {c.name: c.result[0] for c in launch if c.result}
    assert set(failed) == {"en/overpromise/guaranteed-results", "en/pricing/price-without-taxes"}
    assert isinstance(failed["en/pricing/price-without-taxes"], Failure)
    assert failed["en/pricing/price-without-taxes"].type == "warning"
    assert failed["en/pricing/price-without-taxes"].text.startswith("copy/launch.md:4:16: warning: Price")
    assert (launch.tests, launch.failures) == (6, 2)
    assert isinstance(list(suites["copy/broken.md"])[0].result[0], Error)
    assert (xml.tests, xml.failures, xml.errors) == (34, 7, 1)


def test_several_findings_of_one_rule_share_a_failure(tmp_path):
    make = lambda line: Finding(rule=RULES[0].id, severity=Severity.ERROR, message=f"hit {line}",  # noqa: E731
                                location=Location("a.md", line, 1, line, 4))
    xml = parse(render("junit", fixture_report(findings=[make(1), make(9)], errors=[])), tmp_path)
    failure = [c for c in list(xml)[0] if c.result][0].result[0]
    assert failure.message == "2 findings"
    assert failure.text.splitlines() == ["a.md:1:1: error: hit 1", "a.md:9:1: error: hit 9"]


def test_clean_run_lists_every_rule_as_passed(tmp_path):
    xml = parse(render("junit", fixture_report(findings=[], errors=[])), tmp_path)
    (suite,) = list(xml)
    assert suite.name == "smlint" and suite.tests == 7 and suite.failures == 0
    assert [case.name for case in suite] == [r.key for r in RULES]
    assert all(case.is_passed for case in suite)


def test_control_characters_do_not_break_the_xml(tmp_path):
    bad = Finding(rule=RULES[0].id, severity=Severity.ERROR, message="bell\x07 and nul\x00",
                  location=Location("x\x1b.md", 1, 1, 1, 2))
    xml = parse(render("junit", fixture_report(findings=[bad], errors=[])), tmp_path)
    failure = [c for c in list(xml)[0] if c.result][0].result[0]
    assert failure.message == "bell\ufffd and nul\ufffd"
