"""Checking a CSV in several processes gives exactly the single-process results."""
from __future__ import annotations

import pytest

import smlint.leads.parallel as parallel
from smlint.leads.pack import load_lead_pack, resolve_lead_pack

from .conftest import run, write

EXPORT = "examples/leads/hubspot-export.csv"


def summary(result):
    findings = sorted((f.rule, f.location.row or 0, f.location.field or "", f.message) for f in result.findings)
    return findings, result.scorecards, result.budgets, result.rows


@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_any_number_of_jobs_gives_the_same_report(monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    pack = load_lead_pack(resolve_lead_pack("hubspot"))
    one = run(pack, EXPORT, jobs=1, as_of="2024-07-01T12:00:00Z")
    many = run(pack, EXPORT, jobs=jobs, as_of="2024-07-01T12:00:00Z")
    assert summary(many) == summary(one)
    assert len(parallel.plan(EXPORT, jobs)) == jobs


def test_ranges_never_cut_inside_a_quoted_cell(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    body = "".join(f'{i},"line one\nline ""two"" of {i}",u{i}@acme.io\n' for i in range(200))
    path = write(tmp_path, "q.csv", "id,note,email\n" + body)
    parts = parallel.plan(path, 4)
    data = open(path, "rb").read()
    for part in parts:
        assert data[:part.start].count(b'"') % 2 == 0
        assert part.first_line == data[:part.start].count(b"\n") + 1


def test_duplicates_across_ranges_and_files_are_found(tmp_path, monkeypatch, mini_pack):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    rows = "".join(f"{i},u{i % 150}@acme-robotics.io,,lead,,,ann,,,\n" for i in range(300))
    header = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"
    a = write(tmp_path, "a.csv", header + rows)
    b = write(tmp_path, "b.csv", header + "x,u3@acme-robotics.io,,lead,,,ann,,,\n")
    one = run(mini_pack, a, b, jobs=1)
    many = run(mini_pack, a, b, jobs=4)
    assert summary(many) == summary(one)
    assert sum(f.rule == "mini/dup" for f in one.findings) == 151


@pytest.mark.parametrize("jobs", [1, 3])
def test_max_findings_keeps_the_first_ones_per_rule_and_counts_the_rest(monkeypatch, jobs, tmp_path, mini_pack):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    header = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"
    rows = "".join(f"{i},u{i}@mailinator.com,,lead,,,ann,,,\n" for i in range(100))
    path = write(tmp_path, "a.csv", header + rows)
    result = run(mini_pack, path, jobs=jobs, max_findings=7)
    kept = [f.location.row for f in result.findings if f.rule == "mini/bad-email"]
    assert kept == list(range(2, 9))
    assert result.omitted == {"mini/bad-email": 93}


def test_range_lines_read_in_blocks_equal_the_files_own_lines(tmp_path):
    """Blocks of whole lines, decoded at once, give exactly the lines of the binary file: split
    on \\n only (a bare \\r stays inside its line), bad bytes escaped the same way."""
    from smlint.leads.parallel import Range, _lines
    data = b'id,note\n1,"a\rb"\n2,caf\xc3\xa9\n3,bad \xe2\x82\n4,"multi\nline"\r\n5,last'
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    expected = [b.decode("utf-8", "surrogateescape") + "\n" for b in data[8:].split(b"\n")]
    expected[-1] = expected[-1][:-1]
    for block in (1, 3, 7, 1 << 20):
        assert list(_lines(str(path), Range(8, len(data), 2), block)) == expected
    assert list(_lines(str(path), Range(8, 16, 2), 3)) == expected[:1]
