"""The wheel carries the built-in packs and schemas and works outside the repository (issue 2)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Build the wheel (offline, with the installed setuptools) and unpack it into a target dir."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # build from a copy: the build leaves build/ and *.egg-info behind
    src.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    for name in ("smlint", "rules"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp / "dist"), str(src)], capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail("wheel build failed:\n" + build.stdout + build.stderr)
    (wheel,) = (tmp / "dist").glob("smlint-*.whl")
    target = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    return target


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
