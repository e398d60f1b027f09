"""``smlint leads`` end to end: exit codes, formats, masking, bad input, stdin."""
from __future__ import annotations

import json

from click.testing import CliRunner

from smlint.cli import main

from .conftest import hubspot_csv, hubspot_record, write

AS_OF = ["--as-of", "2024-07-01T12:00:00Z"]
EXPORT = "examples/leads/hubspot-export.csv"


def invoke(*args, input=None):
    return CliRunner().invoke(main, ["leads", *args], input=input, catch_exceptions=False)


def test_text_output_has_findings_scorecards_and_budgets():
    result = invoke(EXPORT, *AS_OF)
    assert result.exit_code == 1
    out = result.output
    assert "examples/leads/hubspot-export.csv:16:1: error [hubspot-leads/email-invalid] email c***@initech.co" in out
    assert "(row 16, Email)" in out
    assert "Scorecard by owner (worst first: highest Flagged %, then most leads):" in out
    assert "Scorecard by campaign (worst first" in out
    owners = out[out.index("Scorecard by owner"):out.index("Scorecard by source")].splitlines()
    assert owners[1].split("  ")[:3] == ["Owner (sales rep)", "Leads", "MQL gate pass %"]
    flagged = [float(line.split()[-1]) for line in owners[3:] if line.strip()]
    assert len(flagged) == 5 and flagged == sorted(flagged, reverse=True)  # worst first
    assert "Budgets: 7 met, 3 missed" in out
    assert "error: hubspot-leads/first-touch-sla owner=Mark Jensen: fail_pct 13.3 (limit ≤ 5%)" in out
    assert "carla chen@initech.co" not in out


def test_show_values_reveals_personal_data():
    assert "carla chen@initech.co" in invoke(EXPORT, *AS_OF, "--show-values").output


def test_json_carries_scorecards_budgets_and_record_locations():
    doc = json.loads(invoke(EXPORT, *AS_OF, "--format", "json").output)
    assert doc["records"] == 405
    assert [c["by"] for c in doc["scorecards"]] == ["owner", "source", "campaign"]
    assert sum(not b["ok"] for b in doc["budgets"]) == 3
    f = next(f for f in doc["findings"] if f["rule"] == "hubspot-leads/email-invalid")
    assert (f["line"], f["row"], f["field"], f["record_id"]) == (16, 16, "Email", f["record_id"])


def test_exit_code_follows_fail_on_over_findings_and_budgets(tmp_path):
    assert invoke(EXPORT, *AS_OF, "--fail-on", "never").exit_code == 0
    clean = write(tmp_path, "ok.csv", hubspot_csv(hubspot_record(Email="ana@acme-robotics.io", **{
        "Create Date": "2024-06-01 10:00", "Original Source": "Paid Search"})))
    assert invoke(clean, *AS_OF).exit_code == 0
    # budgets alone: only the SLA budget's owner fails when other rules are ignored
    only_budget = invoke(EXPORT, *AS_OF, "--select", "hubspot-leads/first-touch-sla", "--min-severity", "error")
    assert only_budget.exit_code == 1


def test_missing_required_column_lists_the_headers_and_exits_2(tmp_path):
    path = write(tmp_path, "x.csv", "Name,E-mail address\nAna,ana@acme.io\n")
    result = CliRunner().invoke(main, ["leads", path])
    assert result.exit_code == 2
    assert "no column for required fields email, created" in result.output
    assert "headers found: 'Name', 'E-mail address'" in result.output


def test_pack_errors_exit_2_with_the_pack_line(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\nkind: leads\nowner: x\ndescription: d\nfields: {}\nrules: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["leads", EXPORT, "--pack", str(pack)])
    assert result.exit_code == 2 and "p.yaml:5:9: fields: " in result.output


def test_bad_as_of_is_a_usage_error():
    result = CliRunner().invoke(main, ["leads", EXPORT, "--as-of", "soon"])
    assert result.exit_code == 2 and "--as-of: 'soon' is not an ISO 8601 date" in result.output


def test_empty_file_and_json_that_is_not_an_array_are_file_errors(tmp_path):
    empty = write(tmp_path, "empty.csv", "")
    obj = write(tmp_path, "one.json", '{"Email": "a@acme.io"}')
    result = invoke(empty, obj, *AS_OF)
    assert "empty.csv: error: the file is empty (no header, no records)" in result.output
    assert "one.json: error: " in result.output and "must be an array of objects" in result.output
    assert "Traceback" not in result.output


def test_stdin_jsonl(tmp_path):
    data = '{"Email": "x@mailinator.com", "Create Date": "2024-06-01 10:00"}\n'
    result = invoke("-", *AS_OF, "--format", "json", input=data)
    (finding,) = [f for f in json.loads(result.output)["findings"] if f["rule"] == "hubspot-leads/email-disposable"]
    assert finding["path"] == "<stdin>" and finding["row"] == 1


def test_salesforce_pack_by_name(tmp_path):
    path = write(tmp_path, "sf.csv", "Id,Email,CreatedDate,Status,OwnerId,LeadSource\n"
                                     "00Q1,test@test.com,2024-06-01T10:00:00.000+0000,Open - Not Contacted,005A,Web\n")
    doc = json.loads(invoke(path, *AS_OF, "--pack", "salesforce", "--format", "json").output)
    rules = {f["rule"] for f in doc["findings"]}
    assert "salesforce-leads/email-unusable" in rules
    assert not any(f["rule"] == "leads/invalid-value" for f in doc["findings"])


def test_a_missed_budget_alone_fails_the_run(tmp_path):
    from .conftest import MINI_PACK

    pack = tmp_path / "p.yaml"
    pack.write_text(MINI_PACK.replace("max_fail_pct: 10}", "max_fail_pct: 10, severity: error}"), encoding="utf-8")
    path = write(tmp_path, "x.csv", "email,owner,mql_at,first_touch\n"
                                    "a@acme-robotics.io,ann,2024-03-01 10:00,2024-03-03 10:00\n")
    args = [path, "--pack", str(pack), "--as-of", "2024-03-10", "--select", "mini/sla"]
    result = invoke(*args)
    assert result.exit_code == 1
    assert "warning [mini/sla] sla: touched after 48 h (limit 24 h)" in result.output
    assert "error [mini/sla] budget for owner 'ann': 100.0% fail (1 of 1)" in result.output
    assert invoke(*args, "--fail-on", "never").exit_code == 0
    relaxed = tmp_path / "r.yaml"
    relaxed.write_text(MINI_PACK, encoding="utf-8")
    assert invoke(path, "--pack", str(relaxed), "--as-of", "2024-03-10", "--select", "mini/sla").exit_code == 0


def test_json_without_objects_is_reported_not_a_missing_column_error(tmp_path):
    empty = invoke(write(tmp_path, "e.json", "[]"), *AS_OF)
    assert empty.exit_code == 2 and "e.json: error: no records (an empty JSON array or file)" in empty.output
    numbers = invoke(write(tmp_path, "n.json", "[1,\n 2]"), *AS_OF)
    assert numbers.exit_code == 2  # no record at all: nothing the pack could check (issue 12)
    assert ("n.json: error: line 1: a JSON lead export must be an array of objects ([{...}, ...]); its first "
            "2 elements are not objects (the first is a number)") in numbers.output
    mixed = invoke(write(tmp_path, "m.json", '[1,\n {"Email": "a@acme.io", "Create Date": "2024-06-01 10:00"}]'),
                   *AS_OF, "--select", "hubspot-leads/email-invalid")
    assert mixed.exit_code == 1
    assert "m.json:1:1: error [leads/unreadable-record] expected a JSON object, found a number; skipped" \
        in mixed.output


def test_header_only_csv_is_clean_and_prints_no_empty_tables(tmp_path):
    result = invoke(write(tmp_path, "h.csv", hubspot_csv()), *AS_OF)
    assert result.exit_code == 0 and "Scorecard" not in result.output


def test_the_summary_counts_the_findings_counted_but_not_listed(tmp_path):
    """Issue 13: with --max-findings the summary line counted only the listed findings."""
    records = [hubspot_record(Email=f"u{i}@mailinator.com", **{"Create Date": "2024-06-01 10:00"}) for i in range(30)]
    export = write(tmp_path, "leads.csv", hubspot_csv(*records))
    args = ["leads", export, "--as-of", "2024-07-01T00:00:00Z", "--max-findings", "5"]
    text = CliRunner().invoke(main, args).output
    listed = text.count("[hubspot-leads/email-disposable]")
    doc = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    shown = sum(f["rule"] == "hubspot-leads/email-disposable" for f in doc["findings"])
    assert listed == shown == 5
    assert doc["summary"]["not_listed"] >= 25
    total = doc["summary"]["errors"] + doc["summary"]["warnings"] + doc["summary"]["info"]
    assert total == len(doc["findings"]) + doc["summary"]["not_listed"]
    assert f"({doc['summary']['not_listed']:,} of them not listed)" in text.splitlines()[-1]
