"""Shared helpers for the lead tests: small packs and exports written to tmp_path."""
from __future__ import annotations

import textwrap

import pytest

from smlint.leads.engine import LeadOptions, check_leads
from smlint.leads.pack import load_lead_pack

MINI_PACK = """\
pack: mini
kind: leads
profile: generic
owner: marketing-ops
description: A small agreement for tests.
record_id: record_id
scorecards:
  by: [owner]
fields:
  record_id: {type: text}
  email: {type: email, required: true}
  phone: {type: phone, country: ES}
  stage: {type: enum, map: {marketing qualified lead: MQL}, values: [lead, MQL, SQL, customer]}
  score: {type: number}
  company: {type: text}
  owner: {type: owner}
  created: {type: datetime, formats: ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"], timezone: Europe/Madrid}
  mql_at: {type: datetime, formats: ["%Y-%m-%d %H:%M"], timezone: Europe/Madrid}
  first_touch: {type: datetime, formats: ["%Y-%m-%d %H:%M"], timezone: Europe/Madrid}
rules:
  - id: bad-email
    kind: email
    severity: error
    message: "bad email {value}: {detail}"
    description: d
    why: w
    examples: {bad: [{email: "x@mailinator.com"}], good: [{email: "ana@acme-robotics.io"}]}
  - id: mql-gate
    kind: gate
    when: "stage == MQL"
    require: ["score >= 50", "company present"]
    severity: error
    message: "gate: {detail}"
    description: d
    why: w
    budget: {by: owner, min_pass_pct: 80}
    examples: {bad: [{stage: MQL, score: 10, company: A}], good: [{stage: MQL, score: 60, company: A}]}
  - id: sla
    kind: sla
    from: mql_at
    to: first_touch
    within: 24h
    severity: warning
    message: "sla: {detail}"
    description: d
    why: w
    budget: {by: owner, max_fail_pct: 10}
    examples: {bad: [{mql_at: "2024-03-01 10:00"}], good: [{mql_at: "2024-03-01 10:00", first_touch: "2024-03-01 11:00"}]}
  - id: dup
    kind: duplicate
    key: email
    severity: warning
    message: "{detail}"
    description: d
    why: w
    examples: {bad: [[{email: a@b.io}, {email: A@B.io}]], good: [[{email: a@b.io}, {email: c@b.io}]]}
"""


@pytest.fixture
def mini_pack(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_PACK, encoding="utf-8")
    return load_lead_pack(path)


def write(tmp_path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8", newline="")
    return str(path)


def run(pack, *paths, **options):
    options.setdefault("as_of", "2024-03-10T12:00:00Z")
    return check_leads(list(paths), LeadOptions(**options), pack=pack)


def rows(path, **kw):
    """``open_records(path)``: its header and every ``(row, cells, problem)``, the file closed."""
    from smlint.leads.records import open_records

    source = open_records(path, **kw)
    try:
        return source.header, list(source.records)
    finally:
        source.close()


# Every column the built-in hubspot pack reads, labelled as HubSpot's contacts export labels them:
# an export with fewer columns leaves rules unchecked, which is an error (issue 13).
HUBSPOT_HEADER = ("Record ID", "Email", "Phone Number", "Company Name", "Job Title", "Country/Region", "Create Date",
                  "Lifecycle Stage", "HubSpot Score", "Contact owner", "Original Source", "UTM Campaign",
                  "Became a Marketing Qualified Lead Date", "Date of first engagement", "Last Activity Date",
                  "Marketing contact status", "Last marketing email send date")


def hubspot_record(**values: str) -> dict:
    """A record with every HubSpot column, empty unless given (``Email="…"``, ``**{"Create Date": …}``)."""
    unknown = set(values) - set(HUBSPOT_HEADER)
    assert not unknown, unknown
    return {c: values.get(c, "") for c in HUBSPOT_HEADER}


def hubspot_csv(*records: dict, delimiter: str = ",") -> str:
    """A HubSpot-shaped CSV export of ``records`` (each from :func:`hubspot_record`)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(HUBSPOT_HEADER)
    writer.writerows([r[c] for c in HUBSPOT_HEADER] for r in records)
    return out.getvalue()
