"""docs/rules.md is generated from the packs (`smlint rules docs`) and must never go stale (issue 3)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from smlint.cli import main
from smlint.packs import load_packs
from smlint.ruledoc import builtin_reference, render_markdown
from tests.conftest import CORE_PACK

ROOT = Path(__file__).resolve().parents[2]
RULES_MD = ROOT / "docs" / "rules.md"


def test_committed_rules_md_is_current():
    expected = builtin_reference()
    actual = RULES_MD.read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `smlint rules docs --output docs/rules.md`"


def test_every_builtin_rule_has_a_complete_section():
    text = RULES_MD.read_text(encoding="utf-8")
    for pack in load_packs():
        for rule in pack.rules:
            head = f"#### `{rule.id}` ({rule.language})"
            assert head in text, head
            section = text.split(head, 1)[1].split("\n#### ", 1)[0]
            assert "**What it flags.**" in section and "**Why.**" in section, rule.id
            assert section.count("- ✗ ") >= 2 and section.count("- ✓ ") >= 2, rule.id
            assert "**References:**" in section, rule.id


def test_docs_command_writes_the_file(tmp_path):
    out = tmp_path / "rules.md"
    result = CliRunner().invoke(main, ["rules", "docs", "--pack", str(CORE_PACK), "--output", str(out)])
    assert result.exit_code == 0 and result.output == ""
    text = out.read_text(encoding="utf-8")
    assert "#### `core/guaranteed` (any)" in text
    assert "- ✗ Guaranteed results." in text and "- ✓ No guaranteed results here." in text
    assert "File: `core.yaml`" in text


def test_docs_command_prints_to_stdout_and_escapes_markdown():
    result = CliRunner().invoke(main, ["rules", "docs", "--pack", str(CORE_PACK)])
    assert result.exit_code == 0 and result.output.startswith("# Built-in rules\n")
    assert "| [core](#core) | any |" in result.output


def test_docs_command_unwritable_output_is_exit_2(tmp_path):
    target = tmp_path / "missing-dir" / "rules.md"
    result = CliRunner().invoke(main, ["rules", "docs", "--pack", str(CORE_PACK), "--output", str(target)])
    assert result.exit_code == 2 and "cannot write" in result.output


def test_every_builtin_concept_is_documented():
    from smlint.text.concepts import ConceptStore

    text = RULES_MD.read_text(encoding="utf-8")
    for concept in ConceptStore.builtin().all():
        assert f"| `{{{concept.name}}}` |" in text, concept.name
