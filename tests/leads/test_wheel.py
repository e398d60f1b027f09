"""The wheel carries the lead packs, the lead schema and the domain lists (they load outside the repo)."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import install_wheel


def test_wheel_runs_smlint_leads_outside_the_repository(wheel, tmp_path):
    site = install_wheel(wheel, tmp_path / "site")
    export = tmp_path / "leads.csv"
    export.write_text("Email,Create Date\nana@mailinator.com,2024-06-01 10:00\n", encoding="utf-8")
    code = ("from smlint.cli import main; main(['leads', %r, '--pack', 'salesforce', '--as-of', '2024-07-01', "
            "'--select', 'salesforce-leads/email-unusable'])")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code % str(export)], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "[salesforce-leads/email-unusable] email a***@mailinator.com is unusable: a disposable domain" in out.stdout
