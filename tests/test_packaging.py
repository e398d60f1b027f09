"""The wheel `python -m build` makes carries the built-in packs and schemas and works outside the
repository (issues 2 and 15)."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import install_wheel


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """The wheel ``python -m build`` makes (tests/conftest.py), installed into a target folder."""
    return install_wheel(wheel, tmp_path_factory.mktemp("site"))


def test_python_m_build_makes_one_wheel_with_the_packs_schemas_and_the_cli(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert wheel.name == "smlint-0.1.0-py3-none-any.whl"
    assert {"smlint/_rules/en/pricing.yaml", "smlint/schemas/pack.schema.json", "smlint/fix.py"} <= names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "smlint = smlint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_contains_packs_and_lints_outside_repo(installed, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Guaranteed results for every customer.\n", encoding="utf-8")
    code = ("import smlint, smlint.packs as p; print(smlint.__file__); print(p.builtin_dir()); "
            "from smlint.cli import main; main(['check', %r, '--lang', 'en'])" % str(draft))
    env = {**os.environ, "PYTHONPATH": str(installed)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    module, rules_dir = out.stdout.splitlines()[:2]
    assert module.startswith(str(installed)) and rules_dir.startswith(str(installed))
    assert Path(rules_dir, "en").is_dir()
    assert out.returncode == 1 and "[overpromise/" in out.stdout, out.stdout + out.stderr
