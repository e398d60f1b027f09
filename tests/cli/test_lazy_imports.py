"""What ``smlint check`` imports (issue 14: the cold start): a copy check loads neither the lead
engine, nor the fix machinery, nor the language server, nor importlib.metadata, nor PyYAML when
the parse cache is warm; every command is still there, imported when it runs."""
from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from smlint import __version__
from smlint.cli import LAZY_COMMANDS, main

NOT_FOR_A_CHECK = ("smlint.leads", "smlint.fix", "smlint.lsp", "smlint.cli.leads", "smlint.cli.rules",
                   "smlint.cli.server", "importlib.metadata", "yaml")

PROBE = """
import sys
from smlint.cli import main
try:
    main(["check", "--no-color", sys.argv[1]])
except SystemExit:
    pass
print("LOADED=" + ",".join(m for m in sys.argv[2].split(",") if m in sys.modules), file=sys.stderr)
"""


def _loaded(path, env=None) -> list[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, str(path), ",".join(NOT_FOR_A_CHECK)],
                         capture_output=True, text=True, env=env, timeout=300)
    line = [x for x in run.stderr.splitlines() if x.startswith("LOADED=")]
    assert line, run.stderr
    assert "guaranteed-results" in run.stdout  # it did check the file
    return [m for m in line[-1][len("LOADED="):].split(",") if m]


def test_a_warm_copy_check_imports_no_lead_fix_or_server_code(tmp_path):
    copy = tmp_path / "offer.md"
    copy.write_text("# Offer\n\nResults guaranteed or your money back.\n", encoding="utf-8")
    _loaded(copy)  # fills the parse cache (this session's, see conftest.py) when it is cold
    assert _loaded(copy) == []


def test_every_command_is_listed_and_loads_when_asked():
    runner = CliRunner()
    listed = runner.invoke(main, ["--help"])
    assert listed.exit_code == 0
    for name in LAZY_COMMANDS:
        assert f"  {name} " in listed.output
        shown = runner.invoke(main, [name, "--help"])
        assert shown.exit_code == 0, (name, shown.output)
        assert "Usage: " in shown.output and name in shown.output


def test_version_and_unknown_first_argument_still_work(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["--version"]).output == f"smlint {__version__}\n"
    missing = runner.invoke(main, [str(tmp_path / "nope.md")])  # not a command: a path to check
    assert missing.exit_code == 2
    assert "nope.md" in missing.output
