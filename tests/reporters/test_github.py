"""GitHub Actions workflow commands: levels, positions and the runner's escaping rules."""
from __future__ import annotations

import re
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.model import Finding, Location, Severity
from smlint.reporters import render
from smlint.reporters.github import command, escape_data, escape_property
from tests.reporters.fixture import fixture_report

NASTY_PATH = "dir,with:colons/100%\r\nname.md"
NASTY_MESSAGE = "50% off,\r\n::error file=x::forged: yes"


def parse(line: str) -> tuple[str, dict, str]:
    """Parse a workflow command the way the Actions runner does (split, then unescape)."""
    m = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), {k: unquote(v) for k, v in props.items()}, unquote(m.group(3))


def test_escape_data_and_property_exactly():
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_nasty_message_and_path_stay_one_command_and_round_trip():
    finding = Finding(rule="pricing/x", severity=Severity.WARNING, message=NASTY_MESSAGE,
                      location=Location(NASTY_PATH, 3, 7, 3, 12))
    out = render("github", fixture_report(findings=[finding], errors=[], root=None))
    first = out.splitlines()[0]
    assert first == ("::warning file=dir%2Cwith%3Acolons/100%25%0D%0Aname.md,line=3,col=7,endLine=3,"
                     "endColumn=12,title=pricing/x::50%25 off,%0D%0A::error file=x::forged: yes")
    level, props, message = parse(first)
    assert (level, props["file"], props["line"], message) == ("warning", NASTY_PATH, "3", NASTY_MESSAGE)


def test_levels_and_positions_from_the_fixture():
    lines = render("github", fixture_report()).splitlines()
    parsed = [parse(line) for line in lines[:8]]
    assert [p[0] for p in parsed] == ["error", "warning", "notice", "error", "warning", "error", "notice", "error"]
    assert parsed[1][1] == {"file": "copy/launch.md", "line": "4", "col": "16", "endLine": "5",
                            "endColumn": "14", "title": "pricing/price-without-taxes"}
    assert parsed[2][1]["file"] == 'copy/"><img src=x onerror=alert(1)>, v2:final.txt'
    assert parsed[3][1] == {"file": "leads/export.csv", "line": "3", "title": "leads/email-valid"}
    assert "line" not in parsed[4][1]  # DOCX: paragraph only, no line
    assert lines[-1] == "smlint: 3 errors, 2 warnings, 2 info in 8 files"


def test_paths_are_relative_to_the_root(tmp_path):
    finding = Finding(rule="a/b", severity=Severity.ERROR, message="m",
                      location=Location(str(tmp_path / "sub" / "f.md"), 1, 1, 1, 2))
    out = render("github", fixture_report(findings=[finding], errors=[], root=str(tmp_path)))
    assert out.startswith("::error file=sub/f.md,line=1,")


def test_command_without_properties():
    assert command("notice", "hello") == "::notice::hello"


def test_stdin_and_relative_paths():
    from smlint.reporters.repopath import path_uri, relative_path

    assert relative_path("-", "/repo") == "-"
    assert relative_path("a/b.md", None) == "a/b.md"
    assert path_uri("a b/c#1.md", ".") == ("a%20b/c%231.md", True)


@settings(max_examples=100, deadline=None)
@given(path=st.text(min_size=1), message=st.text(), title=st.text())
def test_any_text_round_trips_through_one_command(path, message, title):
    line = command("warning", message, file=path, line=1, title=title)
    assert "\n" not in line and "\r" not in line
    level, props, parsed = parse(line)
    assert (level, props["file"], props["title"], parsed) == ("warning", path, title, message)


def test_summary_counts_lead_findings_not_listed():
    report = fixture_report(extras={"omitted": {"leads/email-valid": 1234}})
    assert render("github", report).splitlines()[-1] == (
        "smlint: 1237 errors, 2 warnings, 2 info in 8 files (1,234 not listed: --max-findings)")
