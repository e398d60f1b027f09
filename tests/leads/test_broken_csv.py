"""CSV exports the reader cannot place records in: every such record is reported, the reading goes
on, and a file that cannot be read to its end fails the run (issue 13).

The real case: one unterminated quote in a 400,000-row export took the 270,000 rows after it into a
single cell, with no finding and no exit code change.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import smlint.leads.parallel as parallel
from smlint.cli import main

from .conftest import MINI_PACK, rows, run, write

HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


def export(n: int = 300, stray: int = 50) -> str:
    """``n`` records, a disposable address every 10th; record ``stray`` has a quote that never closes."""
    out = [HEADER]
    for i in range(n):
        email = f"u{i}@mailinator.com" if i % 10 == 0 else f"u{i}@acme-robotics.io"
        company = '"Acme Robotics' if i == stray else "Acme Robotics"
        out.append(f"{i},{email},,lead,,{company},ann,,,\n")
    return "".join(out)


def test_an_unterminated_quote_is_reported_and_every_later_row_is_checked(tmp_path, mini_pack):
    path = write(tmp_path, "leads.csv", export())
    result = run(mini_pack, path, jobs=1)
    unreadable = [(f.location.row, f.message) for f in result.findings if f.rule == "leads/unreadable-record"]
    assert unreadable == [(52, "a quoted cell that starts on this line is never closed; the line is skipped and "
                               "the lines after it are read as records")]
    assert result.rows == 299  # all but the broken one (was 50)
    bad = [f.location.row for f in result.findings if f.rule == "mini/bad-email"]
    assert bad == [i + 2 for i in range(0, 300, 10) if i != 50]  # rows after the stray quote too
    assert result.errors == []


@pytest.mark.parametrize("jobs", [2, 3])
def test_an_unterminated_quote_gives_the_same_report_for_any_jobs(tmp_path, monkeypatch, mini_pack, jobs):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    path = write(tmp_path, "leads.csv", export(stray=200))
    assert len(parallel.plan(path, jobs)) >= 2  # really split: cuts only before the stray quote
    one, many = run(mini_pack, path, jobs=1), run(mini_pack, path, jobs=jobs)
    key = lambda r: (sorted((f.rule, f.location.row, f.message) for f in r.findings), r.rows,  # noqa: E731
                     r.scorecards, r.errors)
    assert key(many) == key(one)
    assert one.rows == 299


def test_from_stdin_the_rest_cannot_be_read_again_so_the_file_fails(tmp_path):
    pack = write(tmp_path, "mini.yaml", MINI_PACK)
    result = CliRunner().invoke(main, ["leads", "-", "--pack", pack, "--as-of", "2024-03-10T12:00:00Z"],
                                input=export().encode())
    assert result.exit_code == 2
    assert ("<stdin>: error: line 52: a quoted cell that starts on this line is never closed, so lines 52-301 "
            "could not be read as records") in result.output
    assert "<stdin>:52:1: error [leads/unreadable-record]" in result.output


def test_a_malformed_quote_inside_a_line_skips_that_record_only(tmp_path):
    header, out = rows(write(tmp_path, "a.csv", 'a,b\n1,2\n"x"y,3\n4,"multi\nline"\n5,6\n'))
    assert out == [(2, ["1", "2"], None),
                   (3, None, "unreadable CSV record: ',' expected after '\"'; record skipped"),
                   (4, ["4", "multi\nline"], None),
                   (6, ["5", "6"], None)]


def test_a_ragged_record_spanning_lines_says_which_lines_it_took(tmp_path):
    _, out = rows(write(tmp_path, "a.csv", 'a,b\n1,"one\n2,two\n3",x\n4,4\n'))
    assert out[0] == (2, None, "ragged row: 3 cells where the header has 2 (lines 2-4 read as one record); "
                               "row skipped")
    assert out[1] == (5, ["4", "4"], None)


ES_PACK = """\
pack: es-mini
kind: leads
owner: marketing-ops
description: Un acuerdo pequeño para un CSV de Excel en español.
fields:
  email: {type: email, required: true, columns: ["Correo electrónico"]}
  company: {type: text, columns: ["Compañía"]}
  score: {type: number, columns: ["Puntuación"]}
rules:
  - id: company-missing
    kind: required
    fields: [company]
    severity: warning
    message: "sin {field}"
    description: d
    why: w
    examples: {bad: [{email: a@b.io}], good: [{company: Ñandú SL}]}
"""

# Excel, Spanish locale, "CSV (delimitado por comas)": Windows-1252, semicolons, decimal commas.
ES_EXCEL = ("Correo electrónico;Compañía;Puntuación\r\n"
            "ines.muñoz@ñandu-logistica.es;Ñandú Logística;72,5\r\n"
            "jose@acme.es;;40\r\n").encode("cp1252")


def invoke_es(tmp_path, *args):
    pack = write(tmp_path, "es.yaml", ES_PACK)
    path = write(tmp_path, "excel.csv", ES_EXCEL)
    return CliRunner().invoke(main, ["leads", path, "--pack", pack, "--as-of", "2024-07-01", *args]), path


def test_a_windows_1252_excel_export_is_detected_read_whole_and_said_so(tmp_path):
    result, path = invoke_es(tmp_path)
    assert result.exit_code == 0, result.output
    assert "undecodable" not in result.output and "no column" not in result.output
    assert "(row 3, Compañía)" in result.output  # the header with an accent matched
    assert f"{path}: read as cp1252 (detected: not UTF-8)" in result.output
    doc = json.loads(invoke_es(tmp_path, "--format", "json")[0].output)
    assert doc["records"] == 2
    assert doc["inputs"] == [{"path": path, "format": "csv", "encoding": "cp1252",
                              "encoding_reason": "detected: not UTF-8", "delimiter": ";"}]


def test_encoding_option_wins_and_an_unknown_one_is_a_usage_error(tmp_path):
    doc = json.loads(invoke_es(tmp_path, "--encoding", "latin-1", "--format", "json")[0].output)
    assert (doc["inputs"][0]["encoding"], doc["inputs"][0]["encoding_reason"]) == ("iso8859-1", "--encoding")
    result, _ = invoke_es(tmp_path, "--encoding", "klingon")
    assert result.exit_code == 2
    assert result.output.startswith("smlint: error: --encoding: unknown encoding 'klingon'")


@pytest.mark.parametrize("encoding, processes", [("utf-8", True), ("utf-8-sig", True), ("cp1252", True),
                                                ("utf-16", False)])
def test_byte_ranges_only_for_ascii_compatible_encodings(tmp_path, monkeypatch, mini_pack, encoding, processes):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)  # a UTF-16 file cannot be cut on its bytes
    real = parallel.check_parallel
    path = write(tmp_path, "leads.csv", export().replace('"Acme', "Acme").replace("Acme", "Acmé").encode(encoding))
    calls = []
    monkeypatch.setattr(parallel, "check_parallel", lambda *a: calls.append(a) or real(*a))
    one, two = run(mini_pack, path, jobs=1), run(mini_pack, path, jobs=2)
    assert bool(calls) is processes
    assert one.inputs[0]["encoding"] == {"utf-8": "utf-8-sig"}.get(encoding, encoding)  # (read alike)
    assert one.rows == two.rows == 300
    assert sorted((f.rule, f.location.row) for f in one.findings) == \
        sorted((f.rule, f.location.row) for f in two.findings)
    assert sum(f.rule == "mini/bad-email" for f in one.findings) == 30
