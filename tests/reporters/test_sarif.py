"""SARIF 2.1.0: valid against the OASIS schema, with exact regions, rules and fingerprints."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from smlint.reporters import render
from smlint.reporters.sarif import anchor
from tests.reporters.fixture import NASTY_NAME, fixture_report
from tests.reporters.real import real_report

SCHEMA = json.loads((Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def validate(doc: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(doc)


@pytest.fixture
def run():
    return json.loads(render("sarif", fixture_report()))["runs"][0]


def test_fixture_output_is_valid_sarif():
    validate(json.loads(render("sarif", fixture_report())))


def test_real_lint_output_is_valid_sarif(tmp_path):
    report = real_report(tmp_path, {"copy/a b.txt": "Intro.\nGuaranteed results in your first month!\n"})
    doc = json.loads(render("sarif", report))
    validate(doc)
    result = doc["runs"][0]["results"][0]
    assert result["ruleId"] == "en/overpromise/guaranteed-results"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "copy/a%20b.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 19,
                                  "snippet": {"text": "Guaranteed results"}}
    assert result["partialFingerprints"]["smlint/v1"] == report.findings[0].fingerprint


def test_empty_run_is_valid_sarif():
    doc = json.loads(render("sarif", fixture_report(findings=[], errors=[])))
    validate(doc)
    assert doc["runs"][0]["results"] == []
    assert len(doc["runs"][0]["tool"]["driver"]["rules"]) == 7


def test_driver_describes_every_rule(run):
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("smlint", "9.9.9")
    first, second = driver["rules"][:2]
    assert first["id"] == "en/overpromise/guaranteed-results"
    assert first["helpUri"] == "https://www.ftc.gov/legal-library/browse/advertising-substantiation"
    assert first["defaultConfiguration"] == {"level": "error"}
    assert first["properties"]["tags"] == ["overpromise", "marketing"]  # category == pack: once
    assert "regulators" in first["fullDescription"]["text"]
    # javascript: is not a web reference: the rule docs anchor is used instead
    assert second["helpUri"].endswith("/docs/rules.md#pricingprice-without-taxes-en")  # `pack/id` (en)
    assert second["defaultConfiguration"] == {"level": "warning"}


def test_results_point_at_rules_and_regions(run):
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "error", "warning", "error", "note"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    multi = results[1]["locations"][0]["physicalLocation"]
    assert multi["region"] == {"startLine": 4, "startColumn": 16, "endLine": 5, "endColumn": 14,
                               "snippet": {"text": "$49 per month,\nbilled yearly"}}
    assert multi["contextRegion"]["snippet"]["text"] == "Plans start at $49 per month,\nbilled yearly. Sign up today!"


def test_lead_and_docx_locations(run):
    lead, docx = run["results"][3], run["results"][4]
    assert lead["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert (lead["properties"]["row"], lead["properties"]["field"]) == (3, "email")
    assert "contextRegion" not in lead["locations"][0]["physicalLocation"]  # a CSV row is personal data
    assert "region" not in docx["locations"][0]["physicalLocation"]
    assert docx["properties"]["paragraph"] == 4


def test_uris_are_escaped_and_relative(run):
    uri = run["results"][2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "copy/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E%2C%20v2%3Afinal.txt"
    assert NASTY_NAME.startswith("copy/")


def test_paths_outside_the_root_become_file_uris(tmp_path):
    report = fixture_report(root=str(tmp_path / "elsewhere"))
    doc = json.loads(render("sarif", report))
    validate(doc)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/copy/launch.md")


def test_file_errors_are_notifications(run):
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"].startswith("not valid UTF-8")
    assert run["invocations"][0]["executionSuccessful"] is True


def test_anchor_matches_github_heading_ids():
    assert anchor("pricing/price-without-taxes") == "pricingprice-without-taxes"
    assert anchor("es/Precio_sin IVA") == "esprecio_sin-iva"
