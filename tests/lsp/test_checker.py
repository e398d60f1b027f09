"""What the language server checks a document with (smlint/lsp/checker.py) and the edits it
offers (smlint/lsp/actions.py), without the protocol: each format's "disable for this line"."""
from __future__ import annotations

import os

import pytest

from smlint.lsp import actions
from smlint.lsp.checker import Projects
from tests.lsp.project import HOUSE_PACK


@pytest.fixture()
def root(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    (tmp_path / "smlint.yaml").write_text("packs: [./house.yaml]\nlang: en\nexclude: [legal/]\n", encoding="utf-8")
    return tmp_path


def check(root, name: str, text: str, language: str | None = None):
    return Projects().check(str(root / name), text, language)


def disabled(checked, finding) -> str | None:
    """The text with the disable edit made, or None when none is offered."""
    edit = actions.disable_edit(checked, finding)
    return None if edit is None else checked.text[:edit.start] + edit.text + checked.text[edit.end:]


@pytest.mark.parametrize("name, text, expected", [
    ("a.md", "Intro.\n\nA world-class team.\n",
     "Intro.\n\nA world-class team. <!-- smlint-disable-line house/swap -->\n"),
    ("a.html", "<p>A world-class\r\nteam</p>", "<p>A world-class <!-- smlint-disable-line house/swap -->\r\nteam</p>"),
    ("a.txt", "Hello.\r\n  A world-class team.\r\n",
     "Hello.\r\n  smlint-disable-next-line house/swap\r\n  A world-class team.\r\n"),
    ("a.yaml", "ads:\n  - headline: A world-class team\n",
     "ads:\n  - headline: A world-class team  # smlint-disable-line house/swap\n"),
    # a quoted multi-line cell: the directive goes above the record, not above the cell's second line
    ("a.csv", 'Headline,Description\n"Line one\nA world-class team",x\n',
     'Headline,Description\n# smlint-disable-next-line house/swap\n"Line one\nA world-class team",x\n'),
])
def test_disable_uses_the_formats_comment_and_drops_only_that_finding(root, name, text, expected):
    checked = check(root, name, text)
    [finding] = checked.findings
    assert disabled(checked, finding) == expected
    assert check(root, name, expected).findings == []


@pytest.mark.parametrize("name, text", [
    ("b.yaml", "text: |\n  A world-class team\n"),   # a '#' in a block scalar is copy, not a comment
    ("b.json", '{"headline": "A world-class team"}'),  # JSON has no comments
])
def test_no_disable_where_a_comment_would_change_the_copy(root, name, text):
    checked = check(root, name, text)
    [finding] = checked.findings
    assert disabled(checked, finding) is None


def test_disable_keeps_the_other_findings_of_the_line(root):
    checked = check(root, "c.md", "A world-class team. A world-class product.\n")
    assert len(checked.findings) == 2
    text = disabled(checked, checked.findings[0])
    assert text.endswith("<!-- smlint-disable-line house/swap -->\n")  # the rule, on that line: both go
    assert check(root, "c.md", text).findings == []


def test_fix_all_makes_every_safe_fix(root):
    text = "World-class team.\r\n\r\nA world-class product.\r\n"
    checked = check(root, "d.md", text)
    edit, count = actions.fix_all(checked)
    assert count == 2 and (edit.start, edit.end) == (0, text.index(" product"))  # only what changes
    assert text[:edit.start] + edit.text + text[edit.end:] == "First-rate team.\r\n\r\nA first-rate product.\r\n"
    assert actions.fix_edit(checked.findings[0]) == actions.Edit(0, 11, "First-rate")
    assert actions.fix_all(check(root, "e.md", "A first-rate team.\n")) is None


def test_the_config_excludes_and_the_language_id_chooses_a_reader(root):
    (root / "legal").mkdir()
    excluded = check(root, "legal/terms.md", "A world-class team.\n")
    assert excluded.findings == [] and excluded.note == f"excluded by {root / 'smlint.yaml'}"
    # .mdown chooses no reader by extension: the editor's language does (code spans are skipped)
    assert [f.column for f in check(root, "notes.mdown", "`world-class` world-class", "markdown").findings] == [15]
    assert check(root, "notes.mdown", "world-class", None).reader is None
    assert check(root, "notes.mdown", "world-class", "cobol").findings == []
    # the config and the registry are settings, not copy, as in a folder walk
    for name in ("smlint.yaml", "claims.yaml"):
        assert check(root, name, "description: A world-class team\n").note.startswith("a settings file")


def test_an_edited_config_applies_to_the_next_check(root):
    projects = Projects()
    path = str(root / "f.md")
    assert len(projects.check(path, "A world-class team.\n").findings) == 1
    config = root / "smlint.yaml"
    config.write_text("packs: [./house.yaml]\nlang: en\ndisable: [house/swap]\n", encoding="utf-8")
    stat = os.stat(config)
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert projects.check(path, "A world-class team.\n").findings == []
    config.write_text("packs: [./house.yaml]\ndisable: [house/swop]\n", encoding="utf-8")
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2 * 10**9))
    error = projects.check(path, "A world-class team.\n").error
    assert "smlint.yaml:2" in error and "house/swop" in error  # a typo is an error, as for `smlint check`


def test_a_bom_is_checked_without_it(root):
    checked = check(root, "g.md", "\ufeffA world-class team.\n")
    assert checked.bom and checked.text == "A world-class team.\n"
    assert [(f.line, f.column) for f in checked.findings] == [(1, 3)]


def test_min_severity_hides_but_fixes_still_see_everything(root):
    (root / "smlint.yaml").write_text("packs: [./house.yaml]\nlang: en\nmin_severity: error\n", encoding="utf-8")
    checked = check(root, "h.md", "A world-class team.\n")
    assert checked.findings == [] and [f.rule for f in checked.all_findings] == ["house/swap"]


def test_a_claims_registry_created_later_applies_to_the_next_check(root):
    projects = Projects()
    path, text = str(root / "i.md"), "No contract, cancel anytime.\n"
    assert projects.check(path, text).findings == []
    (root / "claims.yaml").write_text("facts:\n  minimum_term_months: 12\n", encoding="utf-8")
    assert [f.rule for f in projects.check(path, text).findings] == ["registry/permanence-contradiction"] * 2
    (root / "claims.yaml").write_text("facts:\n  minimum_term_months: [12]\n", encoding="utf-8")
    stat = os.stat(root / "claims.yaml")
    os.utime(root / "claims.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert "claims.yaml:2" in projects.check(path, text).error  # a broken registry: its line, no crash


def test_a_document_the_reader_cannot_read_is_an_error_not_an_exception(root):
    checked = check(root, "bad.json", '{"headline": "x",\n oops}')
    assert checked.findings == [] and checked.error.startswith("not valid JSON: line 2, column 2")
