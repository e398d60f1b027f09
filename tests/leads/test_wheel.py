"""The wheel carries the lead packs, the lead schema and the domain lists (they load outside the repo)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_runs_smlint_leads_outside_the_repository(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    if (ROOT / "setup.py").exists():
        shutil.copy(ROOT / "setup.py", src / "setup.py")
    for name in ("smlint", "rules"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(src)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("smlint-*.whl")
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    export = tmp_path / "leads.csv"
    export.write_text("Email,Create Date\nana@mailinator.com,2024-06-01 10:00\n", encoding="utf-8")
    code = ("from smlint.cli import main; main(['leads', %r, '--pack', 'salesforce', '--as-of', '2024-07-01', "
            "'--select', 'salesforce-leads/email-unusable'])")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code % str(export)], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "[salesforce-leads/email-unusable] email a***@mailinator.com is unusable: a disposable domain" in out.stdout
