"""Kinds without a home in the mini pack: consent, attribution, stale, schema, phone, required-when."""
from __future__ import annotations

import pytest

from smlint.leads.pack import load_lead_pack

from .conftest import run, write

PACK = """\
pack: more
kind: leads
owner: marketing-ops
description: d
profile: generic
fields:
  email: {type: email, required: true}
  phone: {type: phone}
  country: {type: text}
  stage: {type: enum}
  source: {type: text}
  campaign: {type: text}
  consent: {type: text}
  legal_basis: {type: text}
  last_email_at: {type: datetime, formats: ["%Y-%m-%d"]}
  last_activity: {type: datetime, formats: ["%Y-%m-%d"]}
  company: {type: text}
rules:
  - {id: consent, kind: consent, field: consent, granted: ["yes"], basis_field: legal_basis,
     when: "last_email_at present", severity: error, message: "{detail}", description: d, why: w,
     examples: {bad: [{last_email_at: "2024-01-01"}], good: [{last_email_at: "2024-01-01", consent: "yes"}]}}
  - {id: attribution, kind: attribution, fields: [source, campaign], allowed: {source: [Web, Ads]},
     severity: warning, message: "{detail}", description: d, why: w,
     examples: {bad: [{source: "TV"}], good: [{source: "web"}]}}
  - {id: stale, kind: stale, field: last_activity, after: 30d, when: "stage not in [customer, lost]",
     severity: info, message: "{detail}", description: d, why: w,
     examples: {bad: [{last_activity: "2024-01-01"}], good: [{stage: lost, last_activity: "2024-01-01"}]}}
  - {id: schema, kind: schema, schema: {properties: {company: {maxLength: 5}}, required: [company]},
     severity: warning, message: "{detail}", description: d, why: w,
     examples: {bad: [{company: "Globex Logistics"}], good: [{company: "Acme"}]}}
  - {id: phone, kind: phone, country_field: country, default_country: US, severity: warning,
     message: "{value}: {detail}", description: d, why: w,
     examples: {bad: [{phone: "12"}], good: [{phone: "+1 415 867 2301"}]}}
  - {id: company-for-sql, kind: required, fields: [company], when: ["stage == SQL", "email present"],
     severity: warning, message: "{field} missing", description: d, why: w,
     examples: {bad: [{stage: SQL, email: a@b.io}], good: [{stage: lead, email: a@b.io}]}}
"""
HEADER = "email,phone,country,stage,source,campaign,consent,legal_basis,last_email_at,last_activity,company\n"


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "more.yaml"
    path.write_text(PACK, encoding="utf-8")
    return load_lead_pack(path)


def messages(pack, tmp_path, line: str, rule: str) -> list[str]:
    path = write(tmp_path, "x.csv", HEADER + line + "\n")
    return [f.message for f in run(pack, path, as_of="2024-03-01T00:00:00Z").findings if f.rule == f"more/{rule}"]


def test_consent_needs_granted_value_or_a_legal_basis(pack, tmp_path):
    assert messages(pack, tmp_path, "a@acme.io,,,,,,no,,2024-02-01,,", "consent") == \
        ["no marketing consent or legal basis on record"]
    assert messages(pack, tmp_path, "a@acme.io,,,,,,no,Legitimate interest,2024-02-01,,", "consent") == []
    assert messages(pack, tmp_path, "a@acme.io,,,,,,,,,,", "consent") == []


def test_attribution_needs_one_field_and_agreed_values(pack, tmp_path):
    assert messages(pack, tmp_path, "a@acme.io,,,,,,,,,,", "attribution") == ["no source or campaign"]
    assert messages(pack, tmp_path, "a@acme.io,,,,TV,,,,,,", "attribution") == ["source is not an agreed value"]
    assert messages(pack, tmp_path, "a@acme.io,,,,,spring,,,,,", "attribution") == []


def test_stale_counts_days_to_as_of_for_open_leads(pack, tmp_path):
    assert messages(pack, tmp_path, "a@acme.io,,,open,,,,,,2024-01-01,", "stale") == ["no activity for 60 days"]
    assert messages(pack, tmp_path, "a@acme.io,,,customer,,,,,,2024-01-01,", "stale") == []
    assert messages(pack, tmp_path, "a@acme.io,,,open,,,,,,2024-02-15,", "stale") == []


def test_schema_fragment_per_record(pack, tmp_path):
    assert messages(pack, tmp_path, "a@acme.io,,,,,,,,,,Globex Logistics", "schema") == \
        ["'Globex Logistics' is too long"]
    assert messages(pack, tmp_path, "a@acme.io,,,,,,,,,,", "schema") == ["'company' is a required property"]


def test_phone_valid_for_the_leads_country(pack, tmp_path):
    assert messages(pack, tmp_path, "a@acme.io,612 345 678,Spain,,,,,,,,", "phone") == []
    assert messages(pack, tmp_path, "a@acme.io,612 345 678,,,,,,,,,", "phone") == \
        ["6** *** *78: not a valid number for US"]
    assert messages(pack, tmp_path, "a@acme.io,000 000 0000,,,,,,,,,", "phone") == \
        ["0** *** **00: a placeholder number"]


def test_required_when_all_conditions_hold(pack, tmp_path):
    assert messages(pack, tmp_path, "a@acme.io,,,SQL,,,,,,,", "company-for-sql") == ["company missing"]
    assert messages(pack, tmp_path, "a@acme.io,,,lead,,,,,,,", "company-for-sql") == []
