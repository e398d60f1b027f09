"""Issue 12: every rule id exists once per language, and each report names the finding's own rule.

The en and es packs share ids (``overpromise/guaranteed-results`` is two rules, with their own
texts, references and severity). Keyed by id alone, SARIF pointed every English result at the
Spanish descriptor (214 descriptors for 107 ids), the HTML report explained English findings
with the Spanish text, and JUnit wrote each testcase name twice and every failure twice.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from smlint.model import Finding, Location, Severity
from smlint.reporters import render
from smlint.reporters.sarif import anchor
from tests.reporters.fixture import fixture_report
from tests.reporters.real import real_report
from tests.reporters.test_sarif import validate

FILES = {
    "en/launch.txt": "Guaranteed results in your first month!\n",
    "es/lanzamiento.txt": "Resultados garantizados en tu primer mes, o te devolvemos el dinero.\n",
}
SHARED = "overpromise/guaranteed-results"
RULES_MD = Path(__file__).parents[2] / "docs" / "rules.md"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return real_report(tmp_path_factory.mktemp("bilingual"), FILES, lang="auto")


def test_findings_carry_their_language(report):
    by_rule = {(f.rule, f.language) for f in report.findings}
    assert {(SHARED, "en"), (SHARED, "es")} <= by_rule
    doc = json.loads(render("json", report))
    assert {(f["rule"], f["language"]) for f in doc["findings"]} == by_rule and doc["version"] == 1


def test_sarif_has_one_descriptor_per_rule_and_language(report):
    doc = json.loads(render("sarif", report))
    validate(doc)
    run = doc["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    ids = [d["id"] for d in descriptors]
    assert len(ids) == len(set(ids)) == len(report.rules)
    assert {f"en/{SHARED}", f"es/{SHARED}"} <= set(ids)
    for d in descriptors:  # the old plain id stays known, for alerts uploaded before the split
        assert d["properties"]["rule"] in d.get("deprecatedIds", []) or d["properties"]["language"] == "any"


def test_every_sarif_result_points_at_its_own_languages_rule(report):
    run = json.loads(render("sarif", report))["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    for finding, result in zip(report.findings, run["results"]):
        descriptor = descriptors[result["ruleIndex"]]
        assert result["ruleId"] == descriptor["id"] == finding.rule_key
        assert (descriptor["properties"]["rule"], descriptor["properties"]["language"]) == (finding.rule,
                                                                                           finding.language)
        rule = report.rule_for(finding)
        assert (rule.id, rule.language) == (finding.rule, finding.language)
        assert descriptor["shortDescription"]["text"] == rule.description


def test_html_explains_each_finding_with_its_own_languages_rule(report):
    html = render("html", report)
    rules = {(r.id, r.language): r for r in report.rules}
    for lang, path in (("en", "en/launch.txt"), ("es", "es/lanzamiento.txt")):
        section = re.search(r'<section class="file" data-path="[^"]*%s">(.*?)</section>' % re.escape(path),
                            html, re.S).group(1)
        link = re.search(r'data-rule="%s".*?<a class="rule" href="#([^"]+)">' % SHARED, section, re.S).group(1)
        explained = re.search(r'<details class="explain" id="%s">\s*<summary><code>(.*?)</code> \((.*?)\).*?'
                              r'<p><strong>What it flags:</strong> (.*?)</p>' % link, html, re.S)
        assert explained.group(1, 2) == (SHARED, lang)
        assert explained.group(3) == _escaped(rules[(SHARED, lang)].description)
    assert rules[(SHARED, "en")].description != rules[(SHARED, "es")].description


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") \
        .replace("'", "&#39;")


def test_junit_names_each_case_once_and_counts_each_failure_once(report):
    root = ET.fromstring(render("junit", report).split("\n", 1)[1])
    total_failures = 0
    for suite in root:
        names = [case.get("name") for case in suite]
        assert len(names) == len(set(names)), suite.get("name")
        failures = [case.find("failure") for case in suite if case.find("failure") is not None]
        assert int(suite.get("failures")) == len(failures) and int(suite.get("tests")) == len(names)
        total_failures += len(failures)
    assert sum(1 for _ in root.iter("failure")) == total_failures == int(root.get("failures"))
    lines = [line for failure in root.iter("failure") for line in failure.text.splitlines()]
    assert len(lines) == len(report.findings)  # every finding once
    launch = next(s for s in root if s.get("name").endswith("en/launch.txt"))
    assert {c.get("name") for c in launch if c.find("failure") is not None} == {f"en/{SHARED}"}
    assert not any(c.get("name").startswith("es/") for c in launch)  # Spanish rules never ran on it


def test_a_finding_without_a_known_language_still_finds_its_rule():
    """Findings made outside the engine (older callers) default to ``any``: the id alone is used
    when it is unambiguous, and an ambiguous one gets no explanation rather than the wrong one."""
    report = fixture_report(errors=[])
    plain = Finding(rule="pricing/price-without-taxes", severity=Severity.WARNING, message="m",
                    location=Location("a.md", 1, 1, 1, 2))
    shared = Finding(rule=SHARED, severity=Severity.ERROR, message="m", location=Location("a.md", 2, 1, 2, 2))
    assert report.rule_for(plain).key == "en/pricing/price-without-taxes"
    assert report.rule_for(shared) is None
    run = json.loads(render("sarif", fixture_report(findings=[plain, shared], errors=[])))["runs"][0]
    validate({"version": "2.1.0", "runs": [run]})
    ids = [d["id"] for d in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) and [r["ruleId"] for r in run["results"]] == [plain.rule, shared.rule]


def test_help_uris_point_at_headings_of_the_rule_docs(report):
    """A rule without a web reference links its entry in docs/rules.md, headed ``pack/id`` (lang)."""
    headings = {anchor(m.group(1).replace("`", "")) for m in
                re.finditer(r"^#### (.+)$", RULES_MD.read_text("utf-8"), re.M)}
    descriptors = json.loads(render("sarif", report))["runs"][0]["tool"]["driver"]["rules"]
    docs_links = [d["helpUri"].split("#", 1)[1] for d in descriptors if "/docs/rules.md#" in d["helpUri"]]
    assert docs_links and set(docs_links) <= headings
    assert Counter(d["properties"]["language"] for d in descriptors)["es"] > 0
