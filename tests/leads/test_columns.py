"""Fields bound to the columns real exports have, and rules whose field has no column (issue 13).

A field that binds to no column reads as empty on every record: the SLA would report every MQL
"never touched", the gate would fail every MQL. That is an error naming the field, the names
looked for and the headers found (exit 2), and the rule is not run on that file.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from smlint.cli import main

from .conftest import write

AS_OF = ["--as-of", "2024-07-01T12:00:00-04:00"]

# A HubSpot contacts export from the UI as a user picks its columns: first touch is "Last Contacted".
HUBSPOT_UI = """\
Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Country/Region,Create Date,Lifecycle Stage,\
HubSpot Score,Contact owner,Original Source,UTM Campaign,Became a Marketing Qualified Lead Date,Last Contacted,\
Last Activity Date,Marketing contact status,Last marketing email send date
501,Dana,Ruiz,dana.ruiz@acme-robotics.io,+1 (415) 867-2301,Acme Robotics,CTO,United States,2024-06-20 09:00,\
Marketing Qualified Lead,72,Alice Moreno,Paid Search,spring-webinar,2024-06-28 09:00,2024-06-28 15:30,2024-06-28 15:30,\
Marketing contact,
502,Tessa,Ng,tessa.ng@globex.com,+1 (415) 867-2302,Globex,VP Sales,United States,2024-06-20 09:00,\
Marketing Qualified Lead,80,Alice Moreno,Paid Search,spring-webinar,2024-06-27 09:00,2024-06-29 10:00,2024-06-29 10:00,\
Marketing contact,
"""


def invoke(*args):
    return CliRunner().invoke(main, ["leads", *args, *AS_OF, "--format", "json"], catch_exceptions=False)


def sla_findings(result) -> list[tuple[int, str]]:
    doc = json.loads(result.output)
    return [(f["row"], f["message"]) for f in doc["findings"] if f["rule"].endswith("first-touch-sla")]


def test_hubspot_last_contacted_is_the_first_touch_not_a_never_touched_alarm(tmp_path):
    result = invoke(write(tmp_path, "contacts.csv", HUBSPOT_UI))
    assert result.exit_code == 1, result.output  # 502 is a real breach
    assert sla_findings(result) == [(3, "first touch SLA missed: touched after 49 h (limit 24 h)")]
    doc = json.loads(result.output)
    assert doc["errors"] == []


def test_hubspot_api_property_names_bind_as_well(tmp_path):
    header, *rows = HUBSPOT_UI.splitlines()
    api = (header.replace("Record ID", "hs_object_id").replace("Became a Marketing Qualified Lead Date",
           "hs_lifecyclestage_marketingqualifiedlead_date").replace("Last Contacted", "notes_last_contacted")
           .replace("Last Activity Date", "notes_last_updated"))
    result = invoke(write(tmp_path, "api.csv", "\n".join([api, *rows]) + "\n"))
    assert sla_findings(result) == [(3, "first touch SLA missed: touched after 49 h (limit 24 h)")]


def test_a_rule_field_without_a_column_is_an_error_naming_it_and_the_rule_is_not_run(tmp_path):
    header, *rows = HUBSPOT_UI.splitlines()
    renamed = header.replace("Last Contacted", "Touched On")  # a label no profile knows
    path = write(tmp_path, "contacts.csv", "\n".join([renamed, *rows]) + "\n")
    result = invoke(path)
    assert result.exit_code == 2
    assert sla_findings(result) == []  # not two "never touched" false alarms
    (error,) = json.loads(result.output)["errors"]
    assert error["path"] == path
    message = error["message"]
    assert message.startswith("1 rule not checked on this file, because a field it reads has no column: "
                              "first_touch (read by hubspot-leads/first-touch-sla): looked for "
                              "'Date of first engagement', 'hs_sa_first_engagement_date', 'First Contact Date', "
                              "'Last Contacted', 'notes_last_contacted' | headers found: 'Record ID', ")
    assert "'Touched On'" in message
    assert "`columns:`" in message and "--ignore" in message and "--profile" not in message
    scorecard = json.loads(result.output)["scorecards"][0]["rows"][0]
    assert scorecard["first_touch_sla_breach_pct"] is None  # not run: neither pass nor fail
    # the same export, the rule left out: nothing is left unchecked, so no error
    assert invoke(path, "--ignore", "hubspot-leads/first-touch-sla").exit_code == 0


def test_the_missing_required_column_hint_points_at_columns_not_a_profile_option(tmp_path):
    result = CliRunner().invoke(main, ["leads", write(tmp_path, "x.csv", "Name\nAna\n")])
    assert result.exit_code == 2
    assert "--profile" not in result.output
    assert "name the export's column in the field's `columns:` in your own copy of the pack" in result.output


def test_an_export_without_a_required_column_fails_alone_and_the_others_are_checked(tmp_path):
    bad = write(tmp_path, "x.csv", "Name,E-mail address\nAna,ana@acme.io\n")
    good = write(tmp_path, "contacts.csv", HUBSPOT_UI)
    result = invoke(bad, good)
    assert result.exit_code == 2
    doc = json.loads(result.output)
    (error,) = doc["errors"]
    assert error["path"] == bad and error["message"].startswith(
        "no column for required fields email, created: email: looked for 'Email', 'email' | created: looked for "
        "'Create Date', 'createdate', 'createdAt' | headers found: 'Name', 'E-mail address' (name the export's column")
    assert doc["records"] == 2
    assert sla_findings(result) == [(3, "first touch SLA missed: touched after 49 h (limit 24 h)")]
