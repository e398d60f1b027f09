"""Issue 12: what the reports quote of the copy — the right line, its exact place, nothing raw.

- Ad copy in a CSV export has a row and a field, like a lead record, but it is copy: it keeps
  its column, end and snippet in every format. Only lead records (no text span) are unquoted.
- After a form feed or U+2028 the reports quoted the line ``str.splitlines`` sees, not the one
  the finding is on.
- Terminal escape sequences in the copy reached the terminal through the text report.
- One 80 KB line with 4,000 findings gave 481 MB of text (the whole line per finding).
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.model import Finding, Location, Severity
from smlint.reporters import render
from smlint.reporters.github import escape_data
from smlint.reporters.quote import CONTEXT, WHOLE_LINE, source_lines, visible, window
from tests.reporters.fixture import fixture_report
from tests.reporters.real import real_report
from tests.reporters.test_sarif import validate

ADS = "campaign,headline\nspring,\"Sofas: guaranteed results in your first month\"\n"


@pytest.fixture(scope="module")
def ads(tmp_path_factory):
    return real_report(tmp_path_factory.mktemp("ads"), {"ads.csv": ADS})


def _one(report):
    (finding,) = report.findings
    return finding


# --- ad copy in CSV keeps its column; lead records stay unquoted ---------------------------------

def test_csv_ad_copy_keeps_column_end_and_snippet_in_sarif(ads):
    f = _one(ads)
    assert (f.location.row, f.location.field, f.column, f.end_column) == (2, "headline", 16, 34)
    doc = json.loads(render("sarif", ads))
    validate(doc)
    physical = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical["region"] == {"startLine": 2, "startColumn": 16, "endLine": 2, "endColumn": 34,
                                  "snippet": {"text": "guaranteed results"}}
    assert physical["contextRegion"]["snippet"]["text"] == ADS.splitlines()[1]
    assert doc["runs"][0]["results"][0]["properties"]["field"] == "headline"


def test_csv_ad_copy_keeps_column_and_end_in_github_annotations(ads):
    line = render("github", ads).splitlines()[0]
    assert ",line=2,col=16,endLine=2,endColumn=34," in line and "(row 2, field headline)" in line


def test_csv_ad_copy_is_shown_in_context_in_html_and_text(ads):
    html = render("html", ads)
    assert "line 2, column 16 (row 2, field headline)" in html
    assert "Sofas: <mark>guaranteed results</mark> in your first month" in html
    text = render("text", ads)
    assert '   2 | spring,"Sofas: guaranteed results in your first month"\n' in text
    assert "\n     |                ^^^^^^^^^^^^^^^^^^\n" in text


def test_lead_records_are_still_never_quoted():
    """The fixture's lead finding (row, field, record id) with the CSV in ``sources``."""
    report = fixture_report()
    assert "pablo" in report.sources["leads/export.csv"]
    for fmt in ("text", "html", "sarif", "github"):
        assert "SQL,pablo" not in render(fmt, report), fmt
    run = json.loads(render("sarif", report))["runs"][0]
    lead = next(r for r in run["results"] if r["ruleId"] == "leads/email-valid")
    assert lead["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_a_lead_record_without_record_id_is_a_record_too():
    """Lead findings name no text span (column 1 to column 1), with or without an id column."""
    finding = Finding(rule="leads/email-valid", severity=Severity.ERROR, message="email is not valid",
                      location=Location("leads/export.csv", 3, end_line=3, row=3, field="email"), match="x")
    report = fixture_report(findings=[finding], errors=[])
    assert "SQL,pablo" not in render("text", report) + render("html", report) + render("sarif", report)
    assert ",line=3,title=" in render("github", report)


# --- the line quoted is the finding's own line -----------------------------------------------------

@pytest.mark.parametrize("separator", ["\f", "\u2028", "\u2029", "\x85", "\v", "\x1c"])
def test_reports_quote_the_findings_own_line_after_a_line_separator(tmp_path, separator):
    text = f"Intro{separator}more intro.\nGuaranteed results in your first month!\n"
    report = real_report(tmp_path, {"copy.txt": text})
    f = _one(report)
    assert (f.line, f.column) == (2, 1)
    out = render("text", report)
    assert "   2 | Guaranteed results in your first month!\n" in out
    html = render("html", report)
    assert '<td class="num">2</td><td class="code"><mark>Guaranteed results</mark> in your first month!' in html
    region = json.loads(render("sarif", report))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert region["contextRegion"]["snippet"]["text"] == "Guaranteed results in your first month!"


def test_source_lines_split_as_findings_count_lines():
    assert source_lines("a\fb\r\nc\rd\ne\u2028f\n") == ["a\fb", "c", "d", "e\u2028f"]
    assert source_lines("no break") == ["no break"] and source_lines("") == [""]


# --- control characters are shown escaped, never sent raw ------------------------------------------

HOSTILE = "Hello \x1b[2J\x1b]0;pwned\x07 guaranteed results \x1b[31mnow\u202e\n"


def test_text_report_escapes_terminal_sequences(tmp_path):
    report = real_report(tmp_path, {"esc\x1b[1m.txt": HOSTILE})
    out = render("text", report)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "   1 | Hello \\x1b[2J\\x1b]0;pwned\\x07 guaranteed results \\x1b[31mnow\\u202e\n" in out
    # the caret still sits under the match, after the escapes' wider text
    quoted, under = out.splitlines()[1:3]
    assert quoted[under.index("^"):].startswith("guaranteed results")
    assert "esc\\x1b[1m.txt:1:" in out


def test_text_report_escapes_with_no_color_from_the_cli(tmp_path):
    (tmp_path / "esc.txt").write_text(HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "en", "--no-color", str(tmp_path / "esc.txt")])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\\x1b]0;pwned\\x07" in result.output


def test_colour_codes_are_still_ours_alone(tmp_path):
    import dataclasses

    report = dataclasses.replace(real_report(tmp_path, {"esc.txt": HOSTILE}), color=True)
    out = render("text", report)
    assert set(re.findall(r"\x1b\[[0-9;]*m", out)) <= {"\x1b[31m", "\x1b[0m", "\x1b[2m", "\x1b[1m"}
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x07" not in out


def test_github_annotations_escape_controls_but_keep_their_own_line_escapes():
    finding = Finding(rule="a/b", severity=Severity.ERROR, message="title \x1b]0;x\x07 and\nmore",
                      location=Location("we\x1bird.md", 1, 1, 1, 2), suggestion="fix \x1b[31m it")
    out = render("github", fixture_report(findings=[finding], errors=[], root=None))
    assert "\x1b" not in out and "\x07" not in out
    assert out.startswith("::error file=we\\x1bird.md,line=1,col=1,endLine=1,endColumn=2,title=a/b::"
                          "title \\x1b]0;x\\x07 and%0Amore%0ASuggestion: fix \\x1b[31m it\n")


def test_file_errors_are_escaped_in_text_and_github():
    from smlint.model import FileError

    error = FileError("bad\x1b[2J.md", "could not be read: \x9b31m")
    for fmt in ("text", "github"):
        out = render(fmt, fixture_report(findings=[], errors=[error], extras={}))
        assert "\x1b" not in out and "\x9b" not in out and "\\x1b[2J" in out and "\\x9b31m" in out


def test_visible_leaves_ordinary_text_alone():
    assert visible("Precio: 49 € — ¡ya! 🎉 tab\there") == "Precio: 49 € — ¡ya! 🎉 tab\\x09here"
    assert visible("a\r\nb", breaks=True) == "a\r\nb" and visible("a\r\nb") == "a\\x0d\\x0ab"
    assert escape_data(visible("x\ny", breaks=True)) == "x%0Ay"


# --- a long line: a window around the match, output linear in the findings -------------------------

UNIT = "Guaranteed results in your first month! Hurry, only today. "
LONG = (UNIT * (80_000 // len(UNIT) + 1))[:80_000]


@pytest.fixture(scope="module")
def long_report(tmp_path_factory):
    return real_report(tmp_path_factory.mktemp("long"), {"mail.html.txt": "Intro.\n" + LONG + "\n"})


def test_long_line_text_report_shows_a_window_per_finding(long_report):
    findings = long_report.findings
    assert len(findings) > 3000
    out = render("text", long_report)
    assert len(out) < 1000 * len(findings)  # was 481 MB: the whole 80 KB line per finding
    blocks = out.split("\n/")  # one block per finding
    middle = blocks[len(blocks) // 2].splitlines()
    quoted, under = middle[1], middle[2]
    assert quoted.startswith("   2 | …") and quoted.endswith("…")
    assert len(quoted) <= len("   2 | ") + 2 * CONTEXT + 40
    f = findings[len(findings) // 2]
    assert quoted[under.index("^"):].startswith(LONG[f.column - 1:f.end_column - 1])


def test_long_line_sarif_and_html_quote_a_window_that_holds_the_match(long_report):
    sarif = render("sarif", long_report)
    assert len(sarif) < 3000 * len(long_report.findings)  # was 331 MB
    run = json.loads(sarif)["runs"][0]
    for result in run["results"][::500]:
        physical = result["locations"][0]["physicalLocation"]
        region, context = physical["region"], physical["contextRegion"]
        assert context["startColumn"] <= region["startColumn"] < region["endColumn"] <= context["endColumn"]
        text = context["snippet"]["text"]
        assert len(text) == context["endColumn"] - context["startColumn"] <= 2 * CONTEXT + 20
        offset = region["startColumn"] - context["startColumn"]
        assert text[offset:offset + len(region["snippet"]["text"])] == region["snippet"]["text"]
    html = render("html", long_report)
    assert len(html) < 3000 * len(long_report.findings)  # was 336 MB


def test_window_keeps_short_lines_whole_and_cuts_long_matches():
    line = "x" * WHOLE_LINE
    assert window(line, 10, 20).before == "x" * 10 and not window(line, 10, 20).cut_after
    long = "a" * 1000
    cut = window(long, 500, 900)
    assert cut.cut_before and cut.cut_match and len(cut.match) < 400 and cut.after == ""
    assert len(cut.before) == CONTEXT
