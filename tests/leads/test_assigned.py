"""Unassigned MQLs: an empty owner or a queue as owner (issue 13), in both built-in agreements."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.errors import PackError
from smlint.leads.pack import load_lead_pack

from .conftest import MINI_PACK, hubspot_csv, hubspot_record, write


def findings(*args) -> list[tuple[int, str]]:
    result = CliRunner().invoke(main, ["leads", *args, "--format", "json"], catch_exceptions=False)
    doc = json.loads(result.output)
    assert doc["errors"] == [], doc["errors"]
    return [(f["row"], f["message"]) for f in doc["findings"] if f["rule"].endswith("/mql-unassigned")]


def lead(owner: str, stage: str = "Marketing Qualified Lead") -> dict:
    return hubspot_record(**{"Email": "dana.ruiz@acme-robotics.io", "Contact owner": owner, "Lifecycle Stage": stage,
                             "Create Date": "2024-06-28 09:00", "Original Source": "Paid Search"})


def test_hubspot_mqls_with_no_owner_or_a_queue_are_unassigned(tmp_path):
    path = write(tmp_path, "contacts.csv", hubspot_csv(
        lead("Alice Moreno"), lead(""), lead("Inbound Leads Queue"), lead("", stage="Subscriber")))
    assert findings(path, "--as-of", "2024-07-01T12:00:00-04:00") == [
        (3, "qualified lead has no owner"),
        (4, "qualified lead is owned by a queue (Inbound Leads Queue), not a person")]


# A Salesforce Data Loader export of Lead: API names, OwnerId as record ids (005… user, 00G… queue).
DATA_LOADER = """\
Id,FirstName,LastName,Title,Company,Email,Phone,Country,Status,LeadSource,OwnerId,Lead_Score__c,CreatedDate,\
MQL_Date__c,First_Touch__c,LastActivityDate,HasOptedOutOfEmail,Last_Email_Sent__c
00Q5g00000C1,Lucia,Ferri,CFO,Globex,lucia.ferri@globex-logistics.com,612 345 678,Spain,Marketing Qualified,Web,\
0055g00000AbCdEAAZ,75,2024-06-03T08:00:00.000+0000,2024-06-03T08:00:00.000+0000,2024-06-03T09:00:00.000+0000,\
2024-06-03,false,
00Q5g00000C2,Pau,Soler,COO,Initech,pau.soler@initech.es,612 345 679,Spain,Marketing Qualified,Web,\
00G5g000004XyZaEAK,80,2024-06-03T08:00:00.000+0000,2024-06-03T08:00:00.000+0000,2024-06-03T09:00:00.000+0000,\
2024-06-03,false,
00Q5g00000C3,Ada,Roig,CTO,Umbrella,ada.roig@umbrella.es,612 345 670,Spain,Marketing Qualified,Web,\
,80,2024-06-03T08:00:00.000+0000,2024-06-03T08:00:00.000+0000,2024-06-03T09:00:00.000+0000,2024-06-03,false,
"""


def test_salesforce_queue_ids_and_empty_owners_are_unassigned(tmp_path):
    path = write(tmp_path, "leads.csv", DATA_LOADER)
    assert findings(path, "--pack", "salesforce", "--as-of", "2024-06-04T12:00:00Z") == [
        (3, "MQL is owned by a queue (00G5g000004XyZaEAK), not a person"), (4, "MQL has no owner")]


def test_queues_are_pack_data_checked_at_load(tmp_path):
    pack = MINI_PACK.replace("rules:\n", """rules:
  - id: unassigned
    kind: assigned
    queues: {id_prefixes: [""]}
    severity: error
    message: "{detail}"
    description: d
    why: w
    examples: {bad: [{owner: ""}], good: [{owner: ann}]}
""", 1)
    with pytest.raises(PackError, match=r"p.yaml:23:28: rules\[0\]\.queues\.id_prefixes\[0\]: '' should be "
                                        r"non-empty"):  # an empty prefix would make every owner a queue
        load_lead_pack(write(tmp_path, "p.yaml", pack))
    with pytest.raises(PackError, match=r"q.yaml:23:14: rules\[0\]\.queues\.names: unknown key 'names' "
                                        r"\(allowed: id_prefixes, "
                                        r"name_suffixes\)"):
        load_lead_pack(write(tmp_path, "q.yaml", pack.replace('{id_prefixes: [""]}', "{names: [x]}")))
