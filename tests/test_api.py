"""smlint.api is the public facade: it keeps every name users import, and nothing inside imports it."""
from __future__ import annotations

import ast
from pathlib import Path

import smlint
import smlint.api as api
import smlint.linter as linter

PACKAGE = Path(smlint.__file__).parent

# What `from smlint.api import …` offered before the core moved to smlint.linter (issue 12).
PUBLIC = {"LintOptions", "LintResult", "Linter", "lint_text", "lint_paths", "lint_project", "check_leads",
          "load_packs", "read_source", "Finding", "FileError", "Pack", "Rule", "RunStats", "SmlintError"}


def test_the_facade_keeps_its_names():
    assert PUBLIC <= set(api.__all__)
    assert all(hasattr(api, name) for name in api.__all__)
    assert api.Linter is linter.Linter and api.LintOptions is linter.LintOptions


def test_the_package_root_reexports_the_facade():
    assert smlint.lint_text is api.lint_text and smlint.lint_paths is api.lint_paths
    assert smlint.LintResult is api.LintResult and smlint.load_packs is api.load_packs


def _imports_of(path: Path) -> set[str]:
    """Every module an ``import`` / ``from … import`` in the file names (``from smlint import api`` too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_nothing_inside_the_package_imports_the_facade():
    """Lower modules import the core (smlint.linter), so there is no api ↔ config ↔ project cycle.
    The package root is the facade's front door (``smlint.lint_text``), so it may."""
    importers = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                       if p.name != "api.py" and p != PACKAGE / "__init__.py" and "smlint.api" in _imports_of(p))
    assert importers == []


def test_the_core_does_not_import_the_modules_above_it():
    assert not {"smlint.api", "smlint.config", "smlint.project", "smlint.parallel"} & _imports_of(
        PACKAGE / "linter.py")


def test_a_selector_that_names_no_rule_raises_with_the_closest_id(tmp_path):
    """As the CLI exits 2: a glob that selects nothing must not pass as a clean run (issue 12)."""
    import pytest

    from tests.conftest import CORE_PACK

    (tmp_path / "a.md").write_text("Guaranteed results.\n")
    with pytest.raises(api.SmlintError, match=r"select: 'core/guaranted' matches no rule; did you mean 'core/guaranteed'"):
        api.lint_paths([tmp_path], packs=[str(CORE_PACK)], select=["core/guaranted"])
    with pytest.raises(api.SmlintError, match=r"ignore: 'nosuch/\*' matches no rule"):
        api.lint_text("x", packs=[str(CORE_PACK)], ignore=["nosuch/*"])
    assert [f.rule for f in api.lint_paths([tmp_path], packs=[str(CORE_PACK)], select=["core/*"]).findings] == \
        ["core/guaranteed"]
