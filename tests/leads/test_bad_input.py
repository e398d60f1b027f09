"""``smlint leads`` on exports it cannot check: each is reported and the run exits 2 (issue 12).

Missing, empty, ``[]``, the wrong JSON shape, a bad ``--delimiter``, the wrong ``--input-format``,
records nested deeper than the decoder can go, and selectors that name no rule.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.leads.records import InputError, open_records

from .conftest import hubspot_csv, hubspot_record, rows, write

AS_OF = ["--as-of", "2024-07-01T12:00:00Z"]
GOOD = '{"Email": "ana@acme-robotics.io", "Create Date": "2024-06-01 10:00"}'
FULL = json.dumps(hubspot_record(Email="ana@acme-robotics.io", **{"Create Date": "2024-06-01 10:00"}))
DEEP = "[" * 5000 + '"a ] } \\" [ {"' + "]" * 5000  # brackets and an escaped quote inside a string


def invoke(*args):
    return CliRunner().invoke(main, ["leads", *args, *AS_OF], catch_exceptions=False)


@pytest.mark.parametrize("name, text, message", [
    ("nope.csv", None, "nope.csv: error: cannot read: No such file or directory"),
    ("empty.csv", "", "empty.csv: error: the file is empty (no header, no records)"),
    ("blank.json", "  \n\n", "blank.json: error: the file is empty (no header, no records)"),
    ("e.json", "[]", "e.json: error: no records (an empty JSON array or file)"),
    ("o.json", '{"Email": "a@acme.io"}', "o.json: error: line 1: a JSON lead export must be an array of objects "
     "([{...}, ...]); found an object with keys 'Email' and no array of records under 'results', 'records' or "
     "'data' (name its key with --records-path, or use --input-format jsonl for one object per line)"),
    ("api.json", '{"results": {"id": "1"}, "paging": {}}',
     "api.json: error: line 1: a JSON lead export must be an array of objects ([{...}, ...]); found an object with "
     "keys 'results', 'paging' and no array of records under"),  # the HubSpot API shape is in test_json_api.py
    ("s.json", "42", "s.json: error: line 1: a JSON lead export must be an array of objects ([{...}, ...]); "
     "found '4'"),
    ("strings.json", '["a", "b"]', "strings.json: error: line 1: a JSON lead export must be an array of objects "
     "([{...}, ...]); its first 2 elements are not objects (the first is a string)"),
    ("broken.json", '[{"Email" "a@acme.io"}]', "broken.json: error: line 1: not valid JSON: Expecting ':' delimiter"),
])
def test_an_export_with_no_records_is_a_file_error_and_the_rest_is_checked(tmp_path, name, text, message):
    path = str(tmp_path / name) if text is None else write(tmp_path, name, text)
    good = write(tmp_path, "good.json", f"[{FULL}]")
    result = invoke(path, good)
    assert result.exit_code == 2
    assert message.replace(f"{name}:", f"{path}:", 1) in result.output
    assert "in 1 file; 1 file could not be checked" in result.output
    assert "Traceback" not in result.output


def test_a_delimiter_of_two_characters_is_a_usage_error_before_any_file_is_read(tmp_path):
    for value in ("ab", '"', "\n"):
        result = invoke(str(tmp_path / "missing.csv"), "--delimiter", value)
        assert result.exit_code == 2
        assert result.output == ("smlint: error: --delimiter must be one character other than a quote or a line "
                                 f"break ('tab' for a tab), not {value!r}\n")
    assert invoke(write(tmp_path, "t.tsv", hubspot_csv(delimiter="\t")), "--delimiter", "tab").exit_code == 0


def test_the_wrong_input_format_on_a_csv_is_a_file_error(tmp_path):
    csv = write(tmp_path, "x.csv", "Email,Create Date\nana@acme-robotics.io,2024-06-01 10:00\n")
    as_json = invoke(csv, "--input-format", "json")
    assert as_json.exit_code == 2
    assert f"{csv}: error: line 1: a JSON lead export must be an array of objects ([{{...}}, ...]); found 'E'" \
        in as_json.output
    as_jsonl = invoke(csv, "--input-format", "jsonl")
    assert as_jsonl.exit_code == 2
    assert (f"{csv}: error: line 1: not a JSON object (not valid JSON: Expecting value), nor are the next 1 "
            "lines: a JSON Lines lead export has one object per line (for a CSV file, use --input-format csv)") \
        in as_jsonl.output


def test_a_record_nested_too_deeply_is_reported_and_the_next_ones_are_checked(tmp_path):
    path = write(tmp_path, "deep.json", f"[{GOOD},\n{DEEP},\n{GOOD.replace('ana@', 'bea@')}]")
    header, out = rows(path)
    assert header == ["Email", "Create Date"]
    assert out == [(1, ["ana@acme-robotics.io", "2024-06-01 10:00"], None),
                   (2, None, "nested too deeply to read (more than about 1,000 levels); record skipped"),
                   (3, ["bea@acme-robotics.io", "2024-06-01 10:00"], None)]
    result = invoke(path, "--format", "json", "--select", "hubspot-leads/email-invalid")
    assert result.exit_code == 1
    (finding,) = [f for f in json.loads(result.output)["findings"] if f["rule"] == "leads/unreadable-record"]
    assert finding["row"] == 2


def test_a_deep_value_inside_a_record_and_a_deep_jsonl_line(tmp_path):
    inner = write(tmp_path, "inner.json", f'[{GOOD},\n{GOOD[:-1]}, "x": {DEEP}}}]')
    assert rows(inner)[1][1] == (2, None, "nested too deeply to read (more than about 1,000 levels); record skipped")
    lines = write(tmp_path, "deep.jsonl", f"{DEEP}\n{GOOD}\n")
    header, out = rows(lines)
    assert header == ["Email", "Create Date"]  # taken from the first line that is an object
    assert out == [(1, None, "nested too deeply to read (more than about 1,000 levels); record skipped"),
                   (2, ["ana@acme-robotics.io", "2024-06-01 10:00"], None)]


def test_a_file_that_is_one_deep_value_is_a_file_error(tmp_path):
    with pytest.raises(InputError, match=r"line 1: a JSON lead export must be an array of objects .*its first "
                                         r"element is nested too deeply to read"):
        open_records(write(tmp_path, "d.json", "[" * 100_000 + "]" * 100_000))
    with pytest.raises(InputError, match=r"line 1: not a JSON object \(nested too deeply to read\)"):
        open_records(write(tmp_path, "d.jsonl", "{\"a\": " + "[" * 100_000 + "]" * 100_000 + "}\n"))
    assert rows(write(tmp_path, "cut.json", f"[{GOOD}, " + "[" * 5000))[1][1] == (1, None, "unterminated JSON array")


def test_an_integer_too_long_to_read_is_bad_json_not_a_crash(tmp_path):
    header, out = rows(write(tmp_path, "n.jsonl", f'{GOOD}\n{{"Email": {"9" * 5000}}}\n'))
    assert out[1] == (2, None, "not valid JSON: Exceeds the limit (4300 digits) for integer string conversion: "
                               "value has 5000 digits; line skipped")
    _, out = rows(write(tmp_path, "n.json", f'[{GOOD},\n{{"Email": {"9" * 5000}}}]'))
    assert out[1] == (2, None, "not valid JSON: Exceeds the limit (4300 digits) for integer string conversion: "
                               "value has 5000 digits")


@pytest.mark.parametrize("args, message", [
    (["--select", "nosuch/*"], "--select 'nosuch/*' matches no rule (ids are PACK/RULE-ID; the packs are "
                               "hubspot-leads; `smlint rules list` lists every rule)"),
    (["--ignore", "hubspot-leads/email-invalib"], "--ignore 'hubspot-leads/email-invalib' matches no rule; did you "
                                                  "mean 'hubspot-leads/email-invalid'?"),
    (["--ignore", "leads/invalid-value"], "--ignore 'leads/invalid-value' names only input checks "
                                          "(leads/unreadable-record, leads/invalid-value, leads/date-order, "
                                          "leads/date-after-as-of), which are always on: a "
                                          "record smlint cannot read is never hidden"),
    (["--ignore", "hubspot-leads/*"], "no rule of lead pack hubspot-leads is left after --select/--ignore, so "
                                      "nothing would be checked"),
])
def test_lead_rule_selectors_that_name_nothing_exit_2(tmp_path, args, message):
    result = invoke(write(tmp_path, "x.json", f"[{FULL}]"), *args)
    assert (result.exit_code, result.output) == (2, f"smlint: error: {message}\n")
