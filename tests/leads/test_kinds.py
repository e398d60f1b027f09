"""Lead rule kinds through the engine, on small exports: what fails, passes, does not apply."""
from __future__ import annotations

from .conftest import run, write

HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


def export(tmp_path, *lines: str) -> str:
    return write(tmp_path, "leads.csv", HEADER + "".join(line + "\n" for line in lines))


def by_rule(result):
    out: dict[str, list] = {}
    for f in result.findings:
        if f.category != "budget":
            out.setdefault(f.rule, []).append(f)
    return out


def test_gate_reports_each_unmet_requirement_with_row_field_and_id(tmp_path, mini_pack):
    path = export(tmp_path, "L1,ana@acme-robotics.io,,Marketing Qualified Lead,30,,ann,,,")
    (score, company) = by_rule(run(mini_pack, path))["mini/mql-gate"]
    assert (score.location.row, score.location.line, score.location.field, score.location.record_id) == \
        (2, 2, "score", "L1")
    assert score.message == "gate: needs score >= 50" and company.message == "gate: needs company present"


def test_email_findings_are_masked_unless_show_values(tmp_path, mini_pack):
    path = export(tmp_path, "1,ana.lopez@mailinator.com,,lead,,,ann,,,")
    (hidden,) = run(mini_pack, path).findings[:1]
    assert hidden.match == "a***@mailinator.com"
    assert hidden.message == "bad email a***@mailinator.com: a disposable domain (mailinator.com)"
    (shown,) = run(mini_pack, path, show_values=True).findings[:1]
    assert shown.match == "ana.lopez@mailinator.com"


def test_sla_breach_never_touched_and_pending(tmp_path, mini_pack):
    path = export(tmp_path,
                  "1,a@acme-robotics.io,,lead,,,ann,2024-03-01 10:00,2024-03-02 11:00,",  # 25 h: breach
                  "2,b@acme-robotics.io,,lead,,,ann,2024-03-01 10:00,2024-03-01 20:00,",  # 10 h: ok
                  "3,c@acme-robotics.io,,lead,,,ann,2024-03-01 10:00,,",                   # never: breach
                  "4,d@acme-robotics.io,,lead,,,ann,2024-03-10 09:00,,")                   # pending at as_of
    sla = by_rule(run(mini_pack, path))["mini/sla"]
    assert [(f.location.row, f.message) for f in sla] == [
        (2, "sla: touched after 25 h (limit 24 h)"),
        (4, "sla: never touched, 219 h after mql_at"),
    ]


def test_duplicates_on_normalized_email_point_at_the_first_row(tmp_path, mini_pack):
    path = export(tmp_path, "1,Ana@Acme-Robotics.io,,lead,,,ann,,,", "2,x@acme-robotics.io,,lead,,,ann,,,",
                  "3, ana@acme-robotics.io ,,lead,,,bob,,,")
    (dup,) = by_rule(run(mini_pack, path))["mini/dup"]
    assert dup.location.row == 4 and dup.message == "duplicate of row 2"


def test_invalid_values_are_findings_and_the_rules_see_them_as_empty(tmp_path, mini_pack):
    path = export(tmp_path, "1,a@acme-robotics.io,,lead,high,,ann,,,15.03.2024",
                  "2,b@acme-robotics.io,,prospect,,,ann,,,3/15/2024 2:30 PM")
    invalid = by_rule(run(mini_pack, path))["leads/invalid-value"]
    assert [(f.location.row, f.location.field, f.message) for f in invalid] == [
        (2, "score", "score is not a number: high"),
        (2, "created", "created matches no declared format (%Y-%m-%d %H:%M, %m/%d/%Y %I:%M %p): 15.03.2024"),
        (3, "stage", "stage is not one of the agreed values (lead, MQL, SQL, customer): prospect"),
    ]


def test_ragged_rows_are_findings_and_the_run_goes_on(tmp_path, mini_pack):
    path = export(tmp_path, "1,a@acme-robotics.io", "2,b@mailinator.com,,lead,,,ann,,,")
    found = by_rule(run(mini_pack, path))
    (ragged,) = found["leads/unreadable-record"]
    assert ragged.location.row == 2 and ragged.message.startswith("ragged row: 2 cells")
    assert found["mini/bad-email"][0].location.row == 3


def test_budgets_give_verdicts_per_segment_and_failing_ones_are_findings(tmp_path, mini_pack):
    rows = [f"{i},u{i}@acme-robotics.io,,MQL,{90 if i % 2 else 10},Acme,{'ann' if i < 4 else 'bob'},,," for i in range(6)]
    result = run(mini_pack, export(tmp_path, *rows))
    gate = {b.segment: b for b in result.budgets if b.rule == "mini/mql-gate"}
    assert (gate["ann"].value, gate["ann"].ok, gate["ann"].records) == (50.0, False, 4)
    assert (gate["bob"].value, gate["bob"].ok) == (50.0, False)
    budget_findings = [f for f in result.findings if f.category == "budget"]
    assert [(f.location.line, f.location.field) for f in budget_findings] == [(1, "owner=ann"), (1, "owner=bob")]
    assert budget_findings[0].message == \
        "budget for owner 'ann': 50.0% pass (2 of 4), the agreement wants at least 80%"


def test_scorecards_have_the_agreed_columns(tmp_path, mini_pack):
    path = export(tmp_path, "1,a@acme-robotics.io,,MQL,80,Acme,ann,2024-03-01 10:00,2024-03-01 12:00,",
                  "2,b@acme-robotics.io,,MQL,80,Acme,ann,2024-03-01 10:00,2024-03-01 16:00,",
                  "3,c@acme-robotics.io,,lead,80,Acme,,2024-03-01 10:00,2024-03-03 10:00,")
    (card,) = run(mini_pack, path).scorecards
    assert card.by == "owner"
    assert card.columns == ("leads", "mql_gate_pass_pct", "sla_breach_pct", "median_first_touch_h",
                            "duplicates", "flagged_pct")
    assert card.label == "Owner (sales rep)"  # the lead's owner is a rep, not the rule's team
    assert [card.header(c) for c in card.columns] == [
        "Leads", "MQL gate pass %", "SLA breach %", "Median hours to first touch", "Duplicates", "Flagged %"]
    ann, none = card.rows
    assert ann.to_dict() == {"segment": "ann", "leads": 2, "mql_gate_pass_pct": 100.0, "sla_breach_pct": 0.0,
                             "median_first_touch_h": 2.0, "duplicates": 0, "flagged_pct": 0.0}
    assert (ann.leads, ann.flagged_pct) == (2, 0.0)
    assert none.segment == "(none)" and none.get("sla_breach_pct") == 100.0 and none.get("mql_gate_pass_pct") is None


def test_json_input_gives_the_same_findings(tmp_path, mini_pack):
    path = write(tmp_path, "leads.json", '[{"email": "x@mailinator.com", "owner": "ann"},\n'
                                         ' {"email": "ana@acme-robotics.io", "owner": "ann"}]')
    (f,) = run(mini_pack, path).findings
    assert f.rule == "mini/bad-email" and f.location.row == 1


def test_two_duplicate_rules_get_two_scorecard_columns():
    """Both columns were called "duplicates", so one overwrote the other in the JSON scorecard."""
    from smlint.leads.pack import load_lead_pack, resolve_lead_pack
    from smlint.leads.scorecards import columns

    pack = load_lead_pack(resolve_lead_pack("salesforce"))
    counts = [c for c in columns(tuple(pack.rules)) if c.what == "count"]
    names, labels = [c.name for c in counts], [c.label for c in counts]
    assert len(names) == len(set(names)) == sum(r.kind == "duplicate" for r in pack.rules) == 2
    assert len(set(labels)) == 2 and "Duplicates" not in labels  # each labelled after its rule


def test_the_email_key_without_the_loop_is_the_general_key():
    """``duplicate`` on one email field hashes with its own short path; it must be :meth:`key`."""
    from smlint.leads.batch import Agreement
    from smlint.leads.kinds.base import Rec
    from smlint.leads.kinds.duplicate import Duplicate
    from smlint.leads.pack import load_lead_pack, resolve_lead_pack

    agreement = Agreement.compile(load_lead_pack(resolve_lead_pack("hubspot")), 0.0)
    kind = next(k for k in agreement.kinds if isinstance(k, Duplicate) and k.types == ["email"])
    fast = kind._key_function()
    assert fast is not kind.key
    slot = kind.slots[0]
    for address in ["D.Ruiz+webinar@googlemail.com", "druiz@gmail.com", " Dana  Ruiz@x.io ", "STRASSE@ß.de",
                    "+tag@x.io", "a@b", "ǅ@x.io", None]:
        values = [None] * len(agreement.fields)
        values[slot] = address
        rec = Rec(1, None, [""] * len(values), values)
        assert fast(rec) == kind.key(rec), address
