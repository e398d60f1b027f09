"""``smlint server`` driven as an editor drives it: a subprocess spoken to in LSP over stdio
(initialize, didOpen, publishDiagnostics, didChange, hover, codeAction, shutdown, exit)."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from tests.lsp.client import Client, apply_edits, utf16
from tests.lsp.project import HOUSE_PACK

pytest.importorskip("pygls")

# The config makes the pack's warning an error: a severity of 1 proves the server read it.
CONFIG = 'packs: [./house.yaml]\nlang: en\nseverity:\n  "house/swap": error\n'
# CRLF line ends, accents and emoji before the matches (🎉 is one code point, two UTF-16 units).
DRAFT = "# Café ☕ 🚀\r\n\r\nNo contract, cancel anytime. Ação 🎉 a world-class team.\r\n"
LINE = DRAFT.split("\r\n")[2]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lsp")
    (root / ".git").mkdir()  # the repository root: config and claims.yaml are found up to here
    (root / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    (root / "smlint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "claims.yaml").write_text("facts:\n  minimum_term_months: 12\n", encoding="utf-8")
    (root / "copy").mkdir()
    broken = root / "broken"
    broken.mkdir()
    (broken / "smlint.yaml").write_text("lang: fr\n", encoding="utf-8")
    return root


@contextlib.contextmanager
def server(project: Path, general: dict | None = None):
    """A started and initialized server; shut down and exited cleanly at the end."""
    with open(project / "server.log", "ab") as stderr:
        c = Client(str(project), stderr, str(project / "cache"))
        caps = c.request("initialize", {"processId": None, "rootUri": project.as_uri(), "capabilities": {
            "general": general or {},
            "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                             "publishDiagnostics": {"versionSupport": True}}}})
        assert caps["capabilities"]["hoverProvider"]
        assert caps["capabilities"]["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll"]
        c.notify("initialized", {})
        c.encoding = caps["capabilities"].get("positionEncoding", "utf-16")
        yield c
        assert c.request("shutdown", None) is None
        c.notify("exit", None)
        assert c.proc.wait(timeout=20) == 0, (project / "server.log").read_text()


@pytest.fixture(scope="module")
def client(project):
    with server(project) as c:
        assert c.encoding == "utf-16"
        yield c


def open_doc(client, path: Path, text: str, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}})
    return uri


def span(line: int, start: int, end: int) -> dict:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def test_diagnostics_have_exact_utf16_ranges_codes_and_the_projects_settings(client, project):
    uri = open_doc(client, project / "copy" / "draft.md", DRAFT)
    found = client.diagnostics(uri, version=1)
    assert [(d["code"], d["range"], d["severity"], d["source"]) for d in found] == [
        ("registry/permanence-contradiction", span(2, 0, 11), 1, "smlint"),   # claims.yaml honoured
        ("registry/permanence-contradiction", span(2, 13, 27), 1, "smlint"),
        # code points 38..49; the emoji before it counts twice in UTF-16; error by the config
        ("house/swap", span(2, 39, 50), 1, "smlint"),
    ]
    assert LINE[38:49] == "world-class" and utf16(LINE[:38]) == 39
    assert found[2]["message"] == "'world-class' is vague"


def test_a_change_updates_the_diagnostics(client, project):
    uri = open_doc(client, project / "copy" / "change.md", DRAFT)
    assert len(client.diagnostics(uri, version=1)) == 3
    # an incremental edit, positions in UTF-16 as the editor sends them: "world-class" → "good"
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"range": span(2, 39, 50), "text": "good"}]})
    assert [d["code"] for d in client.diagnostics(uri, version=2)] == ["registry/permanence-contradiction"] * 2
    # a whole-text change that brings it back on the first line, after an emoji
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": "🚀 world-class\n"}]})
    assert [(d["code"], d["range"]) for d in client.diagnostics(uri, version=3)] == [("house/swap", span(0, 3, 14))]


def test_hover_explains_the_rule(client, project):
    uri = open_doc(client, project / "copy" / "hover.md", DRAFT)
    client.diagnostics(uri, version=1)
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 45}})
    assert hover["contents"]["kind"] == "markdown"
    text = hover["contents"]["value"]
    for part in ("**house/swap**: 'world-class' is vague", "Vague words promise nothing a reader can check.",
                 "A world-class team.", "replace with “first-rate”"):
        assert part in text
    assert hover["range"] == span(2, 39, 50)
    # a claims-registry finding is explained from its rule too
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 3}})
    assert hover["contents"]["value"].startswith("**registry/permanence-contradiction**: ")
    assert "**What it flags.**" in hover["contents"]["value"]
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 2}}) is None


def test_code_actions_fix_disable_and_fix_all(client, project):
    uri = open_doc(client, project / "copy" / "actions.md", DRAFT)
    found = client.diagnostics(uri, version=1)
    swap = found[2]
    got = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": swap["range"],
                                                     "context": {"diagnostics": [swap]}})
    by_title = {a["title"]: a for a in got}
    fix = by_title["Replace “world-class” with “first-rate” (house/swap)"]
    assert fix["kind"] == "quickfix" and fix["isPreferred"] and fix["diagnostics"][0]["code"] == "house/swap"
    assert fix["edit"]["changes"][uri] == [{"range": span(2, 39, 50), "newText": "first-rate"}]

    disable = by_title["Disable house/swap for this line"]
    end = utf16(LINE)
    assert disable["edit"]["changes"][uri] == [
        {"range": span(2, end, end), "newText": " <!-- smlint-disable-line house/swap -->"}]
    fix_all = [a for a in got if a["kind"] == "source.fixAll.smlint"]
    assert [a["title"] for a in fix_all] == ["Fix all safe smlint fixes (1)"]
    assert apply_edits(DRAFT, fix_all[0]["edit"]["changes"][uri]) == DRAFT.replace("world-class", "first-rate")
    # the registry findings have no safe fix, but can be disabled
    assert "Disable registry/permanence-contradiction for this line" in {
        a["title"] for a in client.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": found[0]["range"], "context": {"diagnostics": [found[0]]}})}

    # applying the disable edit as an editor does leaves the other findings, and nothing new
    edited = apply_edits(DRAFT, disable["edit"]["changes"][uri])
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": edited}]})
    assert [(d["code"], d["range"]) for d in client.diagnostics(uri, version=2)] == [
        (d["code"], d["range"]) for d in found[:2]]
    # and the fix, applied, leaves no house/swap finding either
    fixed = apply_edits(DRAFT, fix["edit"]["changes"][uri])
    assert "a first-rate team.\r\n" in fixed
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": fixed}]})
    assert [d["code"] for d in client.diagnostics(uri, version=3)] == ["registry/permanence-contradiction"] * 2
    only = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": span(0, 0, 0),
                                                      "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    assert only == []  # nothing left to fix


def test_a_broken_config_is_one_clear_diagnostic_not_a_crash(client, project):
    uri = open_doc(client, project / "broken" / "draft.md", DRAFT)
    [diag] = client.diagnostics(uri, version=1)
    assert diag["severity"] == 1 and diag["range"] == span(0, 0, utf16("# Café ☕ 🚀"))
    assert diag["message"].startswith("smlint could not check this document: ")
    assert "smlint.yaml:1" in diag["message"] and "lang" in diag["message"]
    log = client.wait(lambda m: m.get("method") == "window/logMessage" and "broken" in m["params"]["message"])
    assert log["params"]["type"] == 1 and "smlint.yaml:1" in log["params"]["message"]
    # the server still answers
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 0}}) is None


def test_closing_clears_and_a_file_type_smlint_does_not_read_gets_none(client, project):
    uri = open_doc(client, project / "copy" / "close.md", DRAFT)
    assert client.diagnostics(uri, version=1)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    uri = open_doc(client, project / "copy" / "logo.svg", "world-class", language="xml")
    assert client.diagnostics(uri, version=1) == []
    # an untitled buffer is read by its language, with the workspace's config
    uri = "untitled:Untitled-1"
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1,
                                                            "text": "`world-class` and world-class"}})
    assert [(d["code"], d["range"]) for d in client.diagnostics(uri, version=1)] == [("house/swap", span(0, 18, 29))]


def test_a_client_that_prefers_utf8_gets_byte_positions(project):
    with server(project, {"positionEncodings": ["utf-8", "utf-16"]}) as c:
        assert c.encoding == "utf-8"
        uri = open_doc(c, project / "copy" / "utf8.md", DRAFT)
        swap = c.diagnostics(uri, version=1)[2]
        start = len(LINE[:38].encode("utf-8"))  # ã ç: 2 bytes each, 🎉: 4
        assert (swap["code"], swap["range"]) == ("house/swap", span(2, start, start + len("world-class")))
        assert start == 43


def test_saving_the_config_checks_the_open_documents_again(client, project):
    folder = project / "saved"
    folder.mkdir()
    config = folder / "smlint.yaml"
    config.write_text("packs: [../house.yaml]\nlang: en\n", encoding="utf-8")
    uri = open_doc(client, folder / "draft.md", "A world-class team.\n")
    assert [d["severity"] for d in client.diagnostics(uri, version=1)] == [2]  # the pack's warning
    config.write_text('packs: [../house.yaml]\nlang: en\nseverity:\n  "house/swap": info\n', encoding="utf-8")
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    client.notify("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}})
    assert [d["severity"] for d in client.diagnostics(uri, version=1)] == [3]  # information now
