"""docs/editors.md: each editor's snippet starts the command the server tests start, for the
languages the server reads (so the page cannot drift from what is tested)."""
from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from smlint.lsp.checker import LANGUAGE_EXTENSIONS

DOC = (Path(__file__).parents[2] / "docs" / "editors.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC, re.S)


def test_vscode_settings_start_smlint_server_for_languages_it_reads():
    [settings] = [json.loads(b) for b in blocks("json")]
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == ["smlint", "server"]
    assert set(settings["glspc.server.languageId"]) <= set(LANGUAGE_EXTENSIONS)


def test_helix_config_is_valid_toml_that_starts_smlint_server():
    [config] = [tomllib.loads(b) for b in blocks("toml")]
    server = config["language-server"]["smlint"]
    assert [server["command"], *server["args"]] == ["smlint", "server"]
    assert all("smlint" in language["language-servers"] for language in config["language"])


def test_neovim_snippets_start_smlint_server():
    lua = blocks("lua")
    assert len(lua) == 2 and all("cmd = { 'smlint', 'server' }" in b for b in lua)
