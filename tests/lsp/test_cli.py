"""``smlint server`` without pygls installed: a clear error and exit 2, never a traceback."""
from __future__ import annotations

import sys

from click.testing import CliRunner

from smlint.cli import main


def test_server_without_pygls_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if not installed: importing it fails
    monkeypatch.setitem(sys.modules, "smlint.lsp.server", None)
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert "smlint server needs pygls" in result.output and "pip install 'smlint[server]'" in result.output
    assert "Traceback" not in result.output
