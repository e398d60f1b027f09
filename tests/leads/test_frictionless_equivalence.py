"""The benchmark against frictionless is honest: on the same rows, smlint with
bench/leads-schema/smlint-pack.yaml and frictionless with bench/leads-schema/schema.json flag the
same cells, check by check (issue 13, bench/frictionless_bench.py).

frictionless is in the `test` extra, so it is imported, not skipped: a missing install fails here.
Where the two differ on purpose, the fixture plants nothing: smlint reads enum values and duplicate
emails ignoring case (and a gmail address without its dots or +tag), accepts a decimal comma
(`72,5`) and a one-letter top-level domain (`dana@acme.i`); frictionless does none of these.
"""
from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter
from pathlib import Path

import frictionless
import pytest

from smlint.leads.engine import LeadOptions, check_leads

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "bench" / "leads-schema" / "schema.json"
PACK = ROOT / "bench" / "leads-schema" / "smlint-pack.yaml"
PREFIX = "frictionless-equivalent/"
HEADER = [f["name"] for f in json.loads(SCHEMA.read_text())["fields"]]
DATES = ["Create Date", "Became a Marketing Qualified Lead Date", "Date of first engagement", "Last Activity Date",
         "Last marketing email send date"]

# Planted defects: file line (the header is line 1, row i of the fixture is line i + 2) → column → value.
PLANTED = {
    3: {"Email": ""},
    7: {"Email": "dana ruiz@acme-robotics.io"},
    9: {"Create Date": ""},
    11: {"Create Date": "3/15/2024 2:30 PM"},
    12: {"Email": "lee.park@acme"},
    14: {"Lifecycle Stage": "Prospect"},
    16: {"HubSpot Score": "high"},
    18: {"Last Activity Date": "2023-02-29 10:00"},
    19: {"Lead Status": "Pending"},
    21: {"Original Source": "Trade show (Berlin)"},
    23: {"Email": "", "Lifecycle Stage": "Lead?"},
    25: {"Date of first engagement": "2024-03-12 09:14:00"},
    27: {"Email": "@acme-robotics.io"},
    29: {"Create Date": "yesterday", "HubSpot Score": "n/a"},
    31: {"Became a Marketing Qualified Lead Date": "2024-13-01 09:00"},
    33: {"Last marketing email send date": "2024-03-12T09:14"},
    35: {"Email": "ines..costa@umbrella-labs.com"},
    37: {"Create Date": "2024-02-30 10:00"},
    40: {"Email": "row4@company4.com"},     # the same email as line 6 (row 4)
    44: {"Email": "row10@company10.com"},   # row 10's own email, but line 12 replaced it: no duplicate
    47: {"Email": "row20@company20.com"},   # as line 22
    50: {"Email": "row20@company20.com"},   # and again
}
DUPLICATES = {40, 47, 50}


def _good_row(i: int) -> dict[str, str]:
    """A record every check passes; dates vary, values are taken from the schema's enums."""
    day = f"2024-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}"
    return {
        "Record ID": str(1000 + i), "First Name": "Ana", "Last Name": "Lopez", "Email": f"row{i}@company{i}.com",
        "Phone Number": "+1 (415) 867-2301", "Company Name": f"Company {i}", "Job Title": "CTO",
        "Country/Region": "United States", "Create Date": f"{day} 09:{i % 60:02d}",
        "Lifecycle Stage": ["Lead", "Marketing Qualified Lead", "Customer"][i % 3],
        "Lead Status": ["New", "Open", "Connected"][i % 3], "HubSpot Score": str(40 + i),
        "Contact owner": f"Owner {i % 4}", "Original Source": ["Paid Search", "Referrals"][i % 2],
        "UTM Campaign": f"campaign-{i % 5}", "Became a Marketing Qualified Lead Date": f"{day} 10:00",
        "Date of first engagement": f"{day} 14:30" if i % 4 else "", "Last Activity Date": f"{day} 16:45",
        "Marketing contact status": "Marketing contact", "Last marketing email send date": "" if i % 2 else f"{day} 11:00",
    }


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fric") / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER)
        writer.writeheader()
        for i in range(50):
            row = _good_row(i)
            row.update(PLANTED.get(i + 2, {}))
            writer.writerow(row)
    return path


@pytest.fixture(scope="module")
def smlint_cells(export) -> dict[str, set[tuple[int, str]]]:
    result = check_leads([str(export)], LeadOptions(pack=str(PACK), jobs=1, max_findings=0))
    assert result.errors == []
    cells: dict[str, set] = {}
    for f in result.findings:
        cells.setdefault(f.rule.removeprefix(PREFIX), set()).add((f.location.row, f.location.field))
    return cells


@pytest.fixture(scope="module")
def frictionless_errors(export) -> list:
    with frictionless.system.use_context(trusted=True):
        report = frictionless.Resource(path=str(export), schema=frictionless.Schema.from_descriptor(str(SCHEMA))) \
            .validate(limit_errors=0)
    return [e for task in report.tasks for e in task.errors]


def _fric(errors, kind: str, constraint: str | None = None, fields=None) -> set[tuple[int, str]]:
    return {(e.row_number, e.field_name) for e in errors
            if e.type == kind and (constraint is None or f'"{constraint}"' in e.note)
            and (fields is None or e.field_name in fields)}


def _planted(test) -> set[tuple[int, str]]:
    return {(line, column) for line, cells in PLANTED.items() for column, value in cells.items() if test(line, column, value)}


def _bad_email(line, column, value):
    return column == "Email" and value and "@company" not in value


def _bad_value(line, column, value):
    return column not in ("Email",) and value != ""


def test_required_email(smlint_cells, frictionless_errors):
    planted = _planted(lambda line, column, value: column == "Email" and value == "")
    assert len(planted) == 2
    assert smlint_cells["email-missing"] == planted
    assert _fric(frictionless_errors, "constraint-error", "required", {"Email"}) == planted


def test_required_create_date(smlint_cells, frictionless_errors):
    """smlint's rules see a value that does not parse as empty, so `created-missing` also fires where
    frictionless reports a type error instead of the required constraint: the same rows either way."""
    empty = _planted(lambda line, column, value: column == "Create Date" and value == "")
    unreadable = _planted(lambda line, column, value: column == "Create Date" and value != "")
    assert len(empty) == 1 and len(unreadable) == 3
    assert smlint_cells["created-missing"] == empty | unreadable
    assert _fric(frictionless_errors, "constraint-error", "required", {"Create Date"}) == empty
    assert _fric(frictionless_errors, "type-error", fields={"Create Date"}) == unreadable


def test_email_syntax(smlint_cells, frictionless_errors):
    planted = _planted(_bad_email)
    assert len(planted) == 4
    assert smlint_cells["email-invalid"] == planted
    assert _fric(frictionless_errors, "type-error", fields={"Email"}) == planted


def test_unique_email(smlint_cells, frictionless_errors):
    planted = {(line, "Email") for line in DUPLICATES}
    assert smlint_cells["duplicate-email"] == planted
    assert {(e.row_number, e.field_name) for e in frictionless_errors if e.type == "unique-error"} == planted


def test_dates_enums_and_numbers(smlint_cells, frictionless_errors):
    """Each datetime format, enum and number: smlint's leads/invalid-value is frictionless's type
    error (datetime format, number) or enum constraint error, cell for cell."""
    planted = _planted(_bad_value)
    assert {column for _, column in planted} == {*DATES, "Lifecycle Stage", "Lead Status", "Original Source",
                                                 "HubSpot Score"}
    assert smlint_cells["leads/invalid-value"] == planted
    fric = _fric(frictionless_errors, "type-error") - _fric(frictionless_errors, "type-error", fields={"Email"})
    assert fric | _fric(frictionless_errors, "constraint-error", "enum") == planted


def test_nothing_else_is_flagged(smlint_cells, frictionless_errors):
    assert set(smlint_cells) == {"email-missing", "created-missing", "email-invalid", "duplicate-email",
                                 "leads/invalid-value"}
    assert set(Counter(e.type for e in frictionless_errors)) == {"constraint-error", "type-error", "unique-error"}
    assert {c for e in frictionless_errors if e.type == "constraint-error" for c in ("required", "enum")
            if f'"{c}"' in e.note} == {"required", "enum"}


def test_bench_compares_the_same_counts(export):
    """bench/frictionless_bench.py's check-by-check comparison agrees on the fixture, and its
    frictionless child process writes the counts it folds."""
    spec = importlib.util.spec_from_file_location("frictionless_bench", ROOT / "bench" / "frictionless_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = export.parent / "counts.json"
    bench.frictionless_child(str(export), str(SCHEMA), str(out))
    counts = json.loads(out.read_text())
    assert counts["rows"] == 50
    result = check_leads([str(export)], LeadOptions(pack=str(PACK), jobs=1, max_findings=2))
    report = {"findings": [{"rule": f.rule} for f in result.findings], "omitted": dict(result.omitted)}
    smlint, fric = bench.fold_smlint(report), bench.fold_frictionless(counts["counts"])
    assert smlint == fric
    assert smlint["invalid-value"] == len(_planted(_bad_value))
