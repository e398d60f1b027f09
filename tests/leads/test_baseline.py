"""Baselines and the config's ``disable`` for lead findings: the suppression stage ``smlint check``
has, for ``smlint leads`` (issue 13: lead findings took a side door to the reporters)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from smlint.cli import main

PACK = """\
pack: crm
kind: leads
profile: generic
owner: marketing-ops
description: A small agreement for baseline tests.
record_id: record_id
fields:
  record_id: {type: text}
  email: {type: email}
  company: {type: text}
  owner: {type: owner}
  score: {type: number}
rules:
  - id: email-missing
    kind: required
    fields: [email]
    severity: error
    message: "lead without an email address"
    description: d
    why: w
    examples: {bad: [{company: A}], good: [{email: ana@acme-robotics.io}]}
  - id: bad-email
    kind: email
    severity: warning
    message: "bad email {value}: {detail}"
    description: d
    why: w
    examples: {bad: [{email: "x@mailinator.com"}], good: [{email: "ana@acme-robotics.io"}]}
  - id: dup
    kind: duplicate
    key: email
    severity: warning
    message: "{detail}"
    description: d
    why: w
    examples: {bad: [[{email: a@b.io}, {email: A@B.io}]], good: [[{email: a@b.io}, {email: c@b.io}]]}
"""
HEADER = "record_id,email,company,owner,score\n"
ROWS = ["1,ana@acme-robotics.io,Acme,ines,10\n",
        "2,,Acme,ines,20\n",
        "3,bo@mailinator.com,Beta,pablo,30\n",
        "4,,Beta,pablo,x\n"]


def invoke(*args):
    return CliRunner().invoke(main, ["leads", *args], catch_exceptions=False)


def setup(tmp_path, rows, name="export.csv"):
    (tmp_path / "crm.yaml").write_text(PACK, encoding="utf-8")
    export = tmp_path / name
    export.write_text(HEADER + "".join(rows), encoding="utf-8", newline="")
    return str(tmp_path / "crm.yaml"), str(export), str(tmp_path / "leads-baseline.json")


def findings(result) -> list[tuple[str, int]]:
    return [(f["rule"], f["row"]) for f in json.loads(result.stdout)["findings"]]


def test_a_baselined_export_run_again_exits_0(tmp_path):
    pack, export, baseline = setup(tmp_path, ROWS)
    before = invoke(export, "--pack", pack)
    assert before.exit_code == 1
    wrote = invoke(export, "--pack", pack, "--write-baseline", baseline)
    assert wrote.exit_code == 0
    assert wrote.stdout == f"wrote 4 finding(s) from 1 file(s) to {baseline}\n"
    data = json.loads((tmp_path / "leads-baseline.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"export.csv"}  # relative to the baseline file
    assert "bo@mailinator.com" not in json.dumps(data)  # matches are masked as in reports
    again = invoke(export, "--pack", pack, "--baseline", baseline)
    assert again.exit_code == 0, again.stdout
    assert "0 errors, 0 warnings" in again.stdout
    assert "smlint: 4 known finding(s) hidden by the baseline" in again.stderr


def test_a_new_bad_record_after_the_baseline_is_reported(tmp_path):
    pack, export, baseline = setup(tmp_path, ROWS)
    invoke(export, "--pack", pack, "--write-baseline", baseline)
    setup(tmp_path, [*ROWS, "5,,Gamma,ines,40\n"])  # a fifth record without an email
    result = invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == [("crm/email-missing", 6)]


def test_reordering_rows_does_not_revive_baselined_findings(tmp_path):
    pack, export, baseline = setup(tmp_path, ROWS)
    invoke(export, "--pack", pack, "--write-baseline", baseline)
    setup(tmp_path, list(reversed(ROWS)))
    result = invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")
    assert result.exit_code == 0
    assert findings(result) == []


def test_a_duplicate_is_known_by_its_key_whichever_record_comes_second(tmp_path):
    """The duplicate finding is on the later record, so a reorder moves it to the other one: it is
    known by the normalized key (numbered when a key has more copies), not by the record."""
    pair = ["7,Cy@Acme-Robotics.io,Acme,ines,10\n", "8,cy@acme-robotics.io,Acme,pablo,20\n"]
    pack, export, baseline = setup(tmp_path, [*ROWS, *pair])
    assert ("crm/dup", 7) in findings(invoke(export, "--pack", pack, "--format", "json"))
    invoke(export, "--pack", pack, "--write-baseline", baseline)
    setup(tmp_path, [pair[1], *ROWS, pair[0]])
    assert findings(invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")) == []
    setup(tmp_path, [pair[1], *ROWS, pair[0], "9,CY@acme-robotics.io,Beta,ines,30\n"])  # a third copy
    assert findings(invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")) == [("crm/dup", 8)]


def test_records_without_ids_are_known_by_their_fields_and_counted(tmp_path):
    """Without an id, a finding on an empty value is known by the whole record, and equal
    fingerprints in one file are numbered: reordering keeps them hidden, a third copy of a known
    record (or another record with the same gap) is new."""
    no_ids = [",ana@acme-robotics.io,Acme,ines,10\n", ",,Acme,ines,20\n", ",,Acme,ines,20\n", ",,Beta,pablo,30\n"]
    pack, export, baseline = setup(tmp_path, no_ids)
    invoke(export, "--pack", pack, "--write-baseline", baseline)
    setup(tmp_path, [no_ids[3], no_ids[2], no_ids[0], no_ids[1]])
    assert invoke(export, "--pack", pack, "--baseline", baseline).exit_code == 0
    setup(tmp_path, [*no_ids, ",,Acme,ines,20\n", ",,Delta,ines,20\n"])
    result = invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")
    assert findings(result) == [("crm/email-missing", 6), ("crm/email-missing", 7)]
    # one known record fixed and a new one with the same gap: the new one does not take its place
    fixed = [no_ids[0], ",cy@acme-robotics.io,Acme,ines,20\n", no_ids[2], no_ids[3], ",,Omega,ines,20\n"]
    setup(tmp_path, fixed)
    result = invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")
    assert findings(result) == [("crm/email-missing", 6)]


def test_input_findings_are_baselined_by_record_not_row(tmp_path):
    pack, export, baseline = setup(tmp_path, ROWS)
    first = invoke(export, "--pack", pack, "--format", "json")
    assert ("leads/invalid-value", 5) in findings(first)  # score "x"
    invoke(export, "--pack", pack, "--write-baseline", baseline)
    setup(tmp_path, [ROWS[3], *ROWS[:3]])
    assert findings(invoke(export, "--pack", pack, "--baseline", baseline, "--format", "json")) == []


def test_the_baseline_works_from_another_folder(tmp_path, monkeypatch):
    pack, export, baseline = setup(tmp_path, ROWS)
    monkeypatch.chdir(tmp_path)
    invoke("export.csv", "--pack", "crm.yaml", "--write-baseline", "leads-baseline.json")
    monkeypatch.chdir(tmp_path.parent)
    assert invoke(export, "--pack", pack, "--baseline", baseline).exit_code == 0


def test_max_findings_keeps_places_for_new_findings_not_for_hidden_ones(tmp_path):
    pack, export, baseline = setup(tmp_path, ROWS)
    invoke(export, "--pack", pack, "--write-baseline", baseline)
    setup(tmp_path, [*ROWS, "5,,Gamma,ines,40\n", "6,,Gamma,ines,50\n"])
    result = invoke(export, "--pack", pack, "--baseline", baseline, "--max-findings", "1", "--format", "json")
    doc = json.loads(result.stdout)
    assert [(f["rule"], f["row"]) for f in doc["findings"]] == [("crm/email-missing", 6)]
    assert doc["omitted"] == {"crm/email-missing": 1}
    assert doc["summary"]["errors"] == 2 and doc["summary"]["not_listed"] == 1


def test_baseline_usage_errors_exit_2(tmp_path):
    pack, export, baseline = setup(tmp_path, ROWS)
    both = invoke(export, "--pack", pack, "--baseline", baseline, "--write-baseline", baseline)
    assert both.exit_code == 2 and "--baseline makes no sense" in both.stderr
    missing = invoke(export, "--pack", pack, "--baseline", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2
    assert "no such baseline file" in missing.stderr and "Traceback" not in missing.stderr
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    broken = invoke(export, "--pack", pack, "--baseline", str(tmp_path / "broken.json"))
    assert broken.exit_code == 2 and "not a readable smlint baseline" in broken.stderr


def test_config_disable_applies_to_lead_findings_per_path(tmp_path, monkeypatch):
    pack, export, _ = setup(tmp_path, ROWS)
    setup(tmp_path, ROWS, name="partner.csv")
    (tmp_path / "smlint.yaml").write_text(
        'disable: ["crm/bad-email"]\noverrides:\n  - files: ["partner.csv"]\n    disable: ["crm/email-missing"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("export.csv", "partner.csv", "--pack", "crm.yaml", "--format", "json")
    got = [(f["path"], f["rule"]) for f in json.loads(result.stdout)["findings"]]
    assert ("export.csv", "crm/email-missing") in got
    assert not any(rule == "crm/bad-email" for _, rule in got)
    assert ("partner.csv", "crm/email-missing") not in got
    assert ("partner.csv", "leads/invalid-value") in got  # the input checks are never disabled
    assert result.exit_code == 1


def test_config_disable_with_a_typo_is_an_error_and_lead_ids_are_known_to_check(tmp_path, monkeypatch):
    pack, export, _ = setup(tmp_path, ROWS)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "smlint.yaml").write_text('disable: ["crm/bad-emial"]\n', encoding="utf-8")
    typo = invoke("export.csv", "--pack", "crm.yaml")
    assert typo.exit_code == 2 and "crm/bad-emial" in typo.stderr and "did you mean" in typo.stderr
    # one config serves both commands: a built-in lead rule in `disable` is no error for check
    (tmp_path / "smlint.yaml").write_text('disable: ["hubspot-leads/email-missing"]\n', encoding="utf-8")
    (tmp_path / "offer.md").write_text("# Offer\n\nResults guaranteed.\n", encoding="utf-8")
    check = CliRunner().invoke(main, ["check", "offer.md"], catch_exceptions=False)
    assert check.exit_code in (0, 1), check.stderr


def test_the_example_export_baselined_stays_clean_when_its_records_are_shuffled(tmp_path):
    """The built-in hubspot pack on the 405-record example: record findings, input findings and
    missed budgets are all known after a shuffle that moves every record to another row."""
    import csv
    import random

    with open("examples/leads/hubspot-export.csv", encoding="utf-8", errors="surrogateescape", newline="") as fh:
        header, *records = list(csv.reader(fh))
    as_of = ["--as-of", "2024-07-01T12:00:00Z"]

    def export(rows) -> str:
        path = tmp_path / "hubspot-export.csv"
        with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as fh:  # its bytes as they are
            csv.writer(fh, lineterminator="\n").writerows([header, *rows])
        return str(path)

    baseline = str(tmp_path / "leads-baseline.json")
    assert invoke(export(records), *as_of).exit_code == 1
    assert invoke(export(records), *as_of, "--write-baseline", baseline).exit_code == 0
    shuffled = records[:]
    random.Random(13).shuffle(shuffled)
    result = invoke(export(shuffled), *as_of, "--baseline", baseline, "--format", "json")
    assert result.exit_code == 0, findings(result)
    assert json.loads(result.stdout)["findings"] == []
    assert sum(not b["ok"] for b in json.loads(result.stdout)["budgets"]) == 3  # still measured, only hidden


def test_config_severity_fail_on_and_warnings_as_errors_apply_to_lead_findings(tmp_path, monkeypatch):
    """One config serves check and leads: its severity overrides (per export, through overrides),
    warnings_as_errors, fail_on and min_severity re-grade lead findings as they do copy findings;
    the input checks keep their severity; the flags win over the file."""
    setup(tmp_path, ROWS)
    setup(tmp_path, ROWS, name="partner.csv")
    monkeypatch.chdir(tmp_path)

    def graded(*args):
        result = invoke("export.csv", "partner.csv", "--pack", "crm.yaml", "--format", "json", *args)
        doc = json.loads(result.stdout)
        return result.exit_code, {(f["path"], f["rule"], f["severity"]) for f in doc["findings"]}

    (tmp_path / "smlint.yaml").write_text(
        'severity:\n  "crm/email-missing": warning\n  "*": info\n  "crm/bad-email": error\n'
        'overrides:\n  - files: ["partner.csv"]\n    severity: {"crm/email-missing": error}\n', encoding="utf-8")
    code, got = graded()
    assert ("export.csv", "crm/email-missing", "info") in got  # later entries win: "*" then bad-email
    assert ("export.csv", "crm/bad-email", "error") in got
    assert ("partner.csv", "crm/email-missing", "error") in got
    assert ("export.csv", "leads/invalid-value", "warning") in got  # an input check is never re-graded
    assert code == 1

    (tmp_path / "smlint.yaml").write_text('severity: {"crm/*": warning}\nfail_on: warning\n', encoding="utf-8")
    code, got = graded()
    assert {sev for _, rule, sev in got if rule.startswith("crm/")} == {"warning"} and code == 1
    assert graded("--fail-on", "error")[0] == 0  # no error left: the flag wins over fail_on

    (tmp_path / "smlint.yaml").write_text('severity: {"crm/*": warning}\nwarnings_as_errors: true\n'
                                          'min_severity: error\n', encoding="utf-8")
    code, got = graded()
    assert got and {sev for _, _, sev in got} == {"error"} and code == 1


def test_not_listed_counts_under_min_severity_use_the_config_severity_of_each_export(tmp_path, monkeypatch):
    """``--max-findings`` counts what it leaves out; ``--min-severity`` must drop from that count
    the findings the config re-graded below it, per export, not judge by the pack's severity."""
    setup(tmp_path, ROWS)
    setup(tmp_path, ROWS, name="partner.csv")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "smlint.yaml").write_text(
        'severity: {"crm/email-missing": info}\n'
        'overrides:\n  - files: ["partner.csv"]\n    severity: {"crm/email-missing": error}\n', encoding="utf-8")

    def omitted(min_severity):
        result = invoke("export.csv", "partner.csv", "--pack", "crm.yaml", "--format", "json",
                        "--max-findings", "1", "--min-severity", min_severity)
        return json.loads(result.stdout)["omitted"].get("crm/email-missing", 0)

    # kept: export.csv row 2 (info); left out: export.csv row 4 (info), partner.csv rows 2 and 4 (error)
    assert omitted("info") == 3
    assert omitted("warning") == omitted("error") == 2
