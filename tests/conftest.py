"""Shared test helpers: a small, self-contained pack so core tests don't depend on built-in pack content."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def write_pack(tmp_path):
    """Write a pack YAML (dedented) to a temp file and return its path."""
    def _write(text: str, name: str = "pack.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


CORE_PACK = DATA / "packs" / "core.yaml"

# The top of a small English test pack; a test adds its own `concepts:` and `rules:`.
PACK_HEAD = "pack: t\nlanguage: en\nkind: copy\nowner: marketing\ndescription: test\n"


def pack_linter(folder: Path, text: str, lang: str = "en"):
    """A Linter with only the test pack ``text`` (validated strictly), written into ``folder``."""
    from smlint.linter import Linter, LintOptions
    from smlint.packs import load_pack

    path = folder / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return Linter(LintOptions(lang=lang), packs=[load_pack(path, strict=True)])


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory, monkeypatch):
    """Tests never touch the user's ~/.cache: each session gets its own parse cache."""
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "parse-cache"))


ROOT = Path(__file__).resolve().parents[1]
SOURCE_FILES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "action.yml")


def copy_source_tree(dst: Path) -> Path:
    """The files a build (or the GitHub Action's checkout) needs, copied to ``dst``: a build leaves
    build/ and *.egg-info behind, which must not land in the checkout."""
    dst.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_FILES:
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, dst / name)
    for name in ("smlint", "rules"):
        shutil.copytree(ROOT / name, dst / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dst


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel ``python -m build`` makes of this checkout (offline: no isolation, the installed
    setuptools), built once per test session for the tests that install it."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = copy_source_tree(tmp / "src")
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                            str(tmp / "dist"), str(src)], capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail("python -m build failed:\n" + build.stdout + build.stderr)
    (built,) = (tmp / "dist").glob("smlint-*.whl")
    return built


def install_wheel(wheel: Path, target: Path) -> Path:
    """Install ``wheel`` (no dependencies: the test environment has them) into the folder ``target``."""
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    return target
