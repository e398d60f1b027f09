"""Record readers: row numbers, dialects, encodings, JSON shapes, bad input."""
from __future__ import annotations

import io

import pytest

from smlint.leads.records import InputError, open_records

from .conftest import rows, write


def test_row_is_the_line_where_a_multiline_record_starts(tmp_path):
    path = write(tmp_path, "a.csv", 'id,note,email\r\n1,"two\r\nlines",a@x.io\r\n2,plain,b@x.io\r\n\r\n3,"x",c@x.io\r\n')
    header, out = rows(path)
    assert header == ["id", "note", "email"]
    assert [(r, c[0]) for r, c, _ in out] == [(2, "1"), (4, "2"), (6, "3")]
    assert out[0][1][1] == "two\r\nlines"


def test_bom_is_dropped_and_semicolons_are_sniffed(tmp_path):
    path = write(tmp_path, "a.csv", "\ufeffEmail;Phone\na@x.io;+34 612 345 678\n".encode("utf-8"))
    header, out = rows(path)
    assert header == ["Email", "Phone"]
    assert out == [(2, ["a@x.io", "+34 612 345 678"], None)]


def test_tsv_by_extension_and_delimiter_option(tmp_path):
    tsv = write(tmp_path, "a.tsv", "a\tb\n1\t2\n")
    assert rows(tsv)[1] == [(2, ["1", "2"], None)]
    pipe = write(tmp_path, "a.txt", "a|b\n1|2,5\n")
    assert rows(pipe, fmt="csv", delimiter="|")[1] == [(2, ["1", "2,5"], None)]


def test_ragged_and_undecodable_rows_are_problems_and_reading_goes_on(tmp_path):
    data = b"a,b\n1,Zo\xc3\xab\n3\n4,\xe9\n5,6\n"  # UTF-8 (Zoë) with one Windows-1252 row
    header, out = rows(write(tmp_path, "a.csv", data))
    assert [(r, p) for r, _, p in out] == [
        (2, None),
        (3, "ragged row: 1 cells where the header has 2; row skipped"),
        (4, "undecodable bytes (not UTF-8; try --encoding cp1252); row skipped"),
        (5, None),
    ]


@pytest.mark.parametrize("text", ["", "   \n\n"])
def test_empty_file_is_an_input_error(tmp_path, text):
    with pytest.raises(InputError, match="empty"):
        open_records(write(tmp_path, "a.csv", text))


def test_json_array_rows_are_the_lines_where_objects_start(tmp_path):
    path = write(tmp_path, "a.json", '[\n  {"Email": "a@x.io", "n": 1},\n  {"Email": null,\n   "n": true}\n]\n')
    header, out = rows(path)
    assert header == ["Email", "n"]
    assert out == [(2, ["a@x.io", "1"], None), (3, ["", "true"], None)]


def test_json_that_is_not_an_array_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match=r"a\.json: line 1: a JSON lead export must be an array of objects "
                                         r"\(\[\{\.\.\.\}, \.\.\.\]\); found an object with keys 'Email'"):
        open_records(write(tmp_path, "a.json", '{"Email": "a@x.io"}'))


def test_json_elements_that_are_not_objects_and_syntax_errors(tmp_path):
    _, out = rows(write(tmp_path, "a.json", '[{"a": 1},\n 7,\n {"a": 2} {"a": 3}]'))
    assert out[0] == (1, ["1"], None)
    assert out[1] == (2, None, "expected a JSON object, found a number; skipped")
    assert out[2] == (3, ["2"], None)
    assert out[3][0] == 3 and "expected ',' or ']'" in out[3][2]


def test_jsonl_bad_line_is_named_and_reading_goes_on(tmp_path):
    _, out = rows(write(tmp_path, "a.jsonl", '{"a": "x"}\n\n{"a": \n{"a": "y"}\n'))
    assert out[0] == (1, ["x"], None)
    assert out[1][0] == 3 and out[1][2].startswith("not valid JSON")
    assert out[2] == (4, ["y"], None)


def test_stdin_is_sniffed_by_content(tmp_path):
    stdin = io.BytesIO(b'[{"Email": "a@x.io"}]')
    header, out = rows("-", stdin=stdin)
    assert header == ["Email"] and out == [(1, ["a@x.io"], None)]


def test_a_large_json_array_streams_across_buffer_refills(tmp_path):
    items = ",\n".join('{"Email": "u%d@x.io", "pad": "%s"}' % (i, "z" * 300) for i in range(5000))
    _, out = rows(write(tmp_path, "a.json", "[\n" + items + "\n]"))
    assert len(out) == 5000
    assert out[-1][0] == 5001 and out[-1][1][0] == "u4999@x.io"
