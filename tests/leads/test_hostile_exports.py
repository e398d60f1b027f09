"""The lead record reader on hostile exports (issue 12): CSV with stray quotes, odd delimiters,
NUL, BOM and every line break; JSON and JSONL with wrong shapes and deep nesting.

Invariants: ``check_leads`` returns, or raises SmlintError (the CLI's exit 2), never anything
else; every finding points at a line of the file and at a field of the header (or none); a record
the reader cannot place is reported, so a file with data lines never yields zero rows and zero
problems in silence.
"""
from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlint.errors import SmlintError
from smlint.leads.engine import LeadOptions, check_leads
from tests.leads.conftest import MINI_PACK

FIELDS = ["record_id", "email", "phone", "stage", "score", "company", "owner", "created", "mql_at", "first_touch"]
CELLS = ["ana@acme.io", "x@mailinator.com", "not-an-email", "+34 600 000 000", "600", "MQL", "marketing qualified lead",
         "SQL", "lead", "75", "10", "1.234,5", "-3", "Acme", "", " ", "Web Leads Queue", "00G5e000001", "Ana",
         "2024-03-01 10:00", "03/01/2024 10:00 AM", "2024-13-45 99:99", "2099-01-01 00:00", "6/3/2024, 2:22 PM",
         '"', '""', "a,b", "a;b", "a\tb", "\x00", "\ufeff", "é", "😀", "\r\n", "\n", "\r", "\u2028", "x" * 300]
BREAKS = ["\n", "\r\n", "\r"]
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    from smlint.leads.pack import load_lead_pack

    path = tmp_path_factory.mktemp("pack") / "mini.yaml"
    path.write_text(MINI_PACK, encoding="utf-8")
    return load_lead_pack(path)


def _header(rng: random.Random) -> list[str]:
    header = rng.sample(FIELDS, rng.randint(1, len(FIELDS)))
    if "email" not in header and rng.random() < 0.9:  # the pack's required field: mostly there, so rows are read
        header.insert(rng.randrange(len(header) + 1), "email")
    if rng.random() < 0.2:
        header.append(rng.choice(["Email", "E-mail", "", "email", "x" * 50, "a\"b"]))
    return header


def _csv(rng: random.Random) -> tuple[str, list[str]]:
    sep, brk = rng.choice([",", ";", "\t", "|"]), rng.choice(BREAKS)
    header = _header(rng)
    lines = [sep.join(header)]
    for _ in range(rng.randint(0, 12)):
        cells = [rng.choice(CELLS) for _ in range(max(0, len(header) + rng.randint(-2, 2)))]
        if rng.random() < 0.5:
            cells = [f'"{c}"' if rng.random() < 0.3 else c for c in cells]
        lines.append(sep.join(cells))
    text = brk.join(lines) + (brk if rng.random() < 0.7 else "")
    return ("\ufeff" if rng.random() < 0.1 else "") + text, header


def _value(rng: random.Random, depth: int = 0):
    roll = rng.random()
    if depth > 3 or roll < 0.6:
        return rng.choice(CELLS + [None, 3, 4.5, True])
    if roll < 0.8:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(FIELDS): _value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _records(rng: random.Random) -> tuple[list, list[str]]:
    header = _header(rng)
    records = [{k: _value(rng) for k in header if rng.random() < 0.9} for _ in range(rng.randint(0, 8))]
    if rng.random() < 0.15:
        records.append(rng.choice([[1, 2], "a string", 7, None, {"deep": [[[[["x"]]]]]}]))
    return records, header


def _json(rng: random.Random) -> tuple[str, list[str]]:
    records, header = _records(rng)
    shape = rng.random()
    data = records if shape < 0.7 else {"results": records} if shape < 0.85 else rng.choice([{}, "x", 3, None])
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.15:  # cut short or edited by hand
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(["", ",", "}", "]", '"', "\x00"]) + text[i:] if rng.random() < 0.5 else text[:i]
    return text, header


def _jsonl(rng: random.Random) -> tuple[str, list[str]]:
    records, header = _records(rng)
    lines = [json.dumps(r) for r in records]
    if lines and rng.random() < 0.3:
        i = rng.randrange(len(lines))
        lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    return rng.choice(BREAKS).join(lines) + "\n", header


GENERATORS = {"leads.csv": _csv, "leads.json": _json, "leads.jsonl": _jsonl}


@pytest.mark.parametrize("name", list(GENERATORS))
@SETTINGS
@given(rng=st.randoms(use_true_random=False))
def test_hostile_exports_are_checked_or_refused_and_findings_point_into_the_file(pack, tmp_path, name, rng):
    text, _ = GENERATORS[name](rng)
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        result = check_leads([str(path)], LeadOptions(as_of="2024-03-10T12:00:00Z", jobs=1), pack=pack)
    except SmlintError:
        return  # a clear error: exit 2 in the CLI
    physical = max(1, text.count("\n") + text.count("\r") - text.count("\r\n") + 1)
    for f in result.findings:
        assert 1 <= f.line <= physical, (f.rule, f.line, physical, text)
    data_lines = [ln for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[1:] if ln.strip(" \x00\ufeff")]
    if name == "leads.csv" and data_lines:
        reported = result.rows or result.errors or any(f.rule.startswith("leads/") for f in result.findings)
        assert reported, ("data lines neither read nor reported", text)
