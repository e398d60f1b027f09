"""Every annotated fixture in tests/fixtures/<format>/ gives exactly the findings its comments expect.

Each text fixture runs twice: as written (LF) and with CRLF line ends, which must not move
any line or column. A DOCX fixture has no lines: its sidecar ``.expect`` counts paragraphs.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from smlint.api import Linter, LintOptions

from tests.readers.expectations import Expected, parse

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted(p for p in (ROOT / "fixtures").rglob("*")
                  if p.is_file() and p.suffix not in (".expect", ".docx", ".py"))
DOCX_FIXTURES = sorted((ROOT / "fixtures").rglob("*.docx"))
PACKS = (str(ROOT.parent / "rules" / "en" / "overpromise.yaml"), str(ROOT / "readers" / "fixture_pack.yaml"))


@pytest.fixture(scope="module")
def linter() -> Linter:
    # Only the one built-in rule the fixtures plant (the built-in packs grow; the fixtures must not care).
    return Linter(LintOptions(packs=PACKS, lang="en", select=("overpromise/guaranteed-results", "fixture/*")))


def _found(linter: Linter, path: Path, text: str) -> list[Expected]:
    doc = linter.read(path.name, text)
    return [Expected(f.rule, f.line, f.column, f.end_line, f.end_column) for f in linter.check_document(doc, "en")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(linter: Linter, path: Path, newline: str) -> None:
    text = path.read_text(encoding="utf-8")
    expected = parse(path, text)
    found = _found(linter, path, text.replace("\n", newline))
    required = {e for e in expected.findings if not e.todo}
    allowed = {Expected(e.rule, e.line, e.column, e.end_line, e.end_column) for e in expected.findings}
    missing = sorted(required - set(found), key=lambda e: (e.line, e.column))
    unexpected = sorted((f for f in found if f not in allowed and f.line not in expected.todo_ok_lines),
                        key=lambda e: (e.line, e.column))
    assert not missing and not unexpected, f"missing: {missing}\nunexpected: {unexpected}"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_ok_lines_are_clean(linter: Linter, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = parse(path, text)
    found_lines = {f.line for f in _found(linter, path, text)}
    assert not (expected.ok_lines & found_lines)


@pytest.mark.parametrize("path", DOCX_FIXTURES, ids=lambda p: f"docx/{p.name}")
def test_docx_fixture(linter: Linter, path: Path) -> None:
    pytest.importorskip("docx")
    from smlint.readers.docx import paragraphs_of

    expected = parse(path, "\n".join(paragraphs_of(str(path))))
    found = {Expected(f.rule, f.line, f.column, f.end_line, f.end_column)
             for f in linter.check_document(linter.read(str(path), ""), "en")}
    assert found == set(expected.findings)
    assert not expected.ok_lines & {f.line for f in found}


def test_every_format_has_a_fixture() -> None:
    formats = {p.parent.name for p in FIXTURES + DOCX_FIXTURES}
    assert {"markdown", "html", "text", "csv", "yaml", "json", "docx"} <= formats
