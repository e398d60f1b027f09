"""The committed example export: smlint finds exactly what the generator planted."""
from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

from smlint.leads.engine import LeadOptions, check_leads

HERE = Path("examples/leads")
PLANTED = {
    "hubspot-leads/email-missing": 4, "hubspot-leads/email-invalid": 5, "hubspot-leads/email-placeholder": 3,
    "hubspot-leads/email-disposable": 4, "hubspot-leads/email-free-mail-mql": 6,
    "hubspot-leads/email-role-account": 3, "hubspot-leads/phone-invalid": 5, "hubspot-leads/phone-placeholder": 3,
    "hubspot-leads/mql-gate": 7, "hubspot-leads/sql-needs-phone": 2, "hubspot-leads/first-touch-sla": 9,
    "hubspot-leads/stale-open-lead": 6, "hubspot-leads/duplicate-email": 5,
    "hubspot-leads/company-placeholder": 3, "hubspot-leads/email-without-consent": 4,
    "hubspot-leads/unknown-source": 4, "leads/invalid-value": 2, "leads/unreadable-record": 2,
}


def result():
    return check_leads([str(HERE / "hubspot-export.csv")], LeadOptions(as_of="2024-07-01T12:00:00Z", jobs=1))


def test_exactly_the_planted_defects_are_found():
    r = result()
    found = Counter(f.rule for f in r.findings if f.category != "budget")
    assert dict(found) == PLANTED
    assert json.loads((HERE / "planted.json").read_text()) == PLANTED
    assert r.rows == 405


def test_exactly_the_planted_budget_misses():
    missed = sorted((b.rule, b.segment) for b in result().budgets if not b.ok)
    assert missed == [("hubspot-leads/first-touch-sla", "Mark Jensen"), ("hubspot-leads/first-touch-sla", "Priya Raman"),
                      ("hubspot-leads/mql-gate", "linkedin-ebook")]


def test_the_generator_rebuilds_the_committed_file_byte_for_byte():
    spec = importlib.util.spec_from_file_location("generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == (HERE / "hubspot-export.csv").read_bytes()
    assert module.PLANTED == PLANTED


def test_unreadable_rows_are_named_by_line():
    rows = {f.location.row: f.message for f in result().findings if f.rule == "leads/unreadable-record"}
    data = (HERE / "hubspot-export.csv").read_bytes().split(b"\n")
    for row, message in rows.items():
        line = data[row - 1]
        assert (b"1999,Ramon" in line) == message.startswith("ragged row")
        assert (b"3999," in line) == message.startswith("undecodable")
