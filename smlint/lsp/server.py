"""``smlint server``: the Language Server Protocol over stdio, with pygls (docs/editors.md).

- diagnostics when a document opens, changes (after a short pause in typing) and is saved, one
  per finding: exact range in the negotiated position encoding, severity, the rule id as
  ``code``, source ``smlint``;
- the rule's explanation (:mod:`smlint.ruledoc`, as ``smlint rules show``) on hover;
- quick fixes: each safe fix, "fix all" (``source.fixAll``) and "disable for this line".

What is checked and how is :mod:`smlint.lsp.checker` (the project's config, registry and
baseline); the edits are :mod:`smlint.lsp.actions`; this module only speaks the protocol.
"""
from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from smlint import __version__
from smlint.lsp import actions
from smlint.lsp.checker import LANGUAGE_EXTENSIONS, Checked, Projects
from smlint.lsp.positions import Positions
from smlint.model import Finding, Severity

SOURCE = "smlint"
CHANGE_PAUSE = 0.15  # seconds without a change before a changed document is checked again
SEVERITIES = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
              Severity.INFO: lsp.DiagnosticSeverity.Information}
FIX_ALL = lsp.CodeActionKind.SourceFixAll.value + ".smlint"
# Saving one of these may change how every open document is checked (config, registry, a pack).
PROJECT_FILES = (".yaml", ".yml", ".toml")

log = logging.getLogger(__name__)


@dataclass
class Open:
    """The last check of an open document, and how to turn its positions into the client's."""

    version: int | None
    checked: Checked
    positions: Positions

    def range(self, finding: Finding) -> lsp.Range:
        return self.span(self.positions.from_line_column(finding.line, finding.column),
                         self.positions.from_line_column(finding.end_line, finding.end_column))

    def offsets(self, start: int, end: int) -> lsp.Range:
        return self.span(self.positions.from_offset(start), self.positions.from_offset(end))

    @staticmethod
    def span(start: tuple[int, int], end: tuple[int, int]) -> lsp.Range:
        return lsp.Range(lsp.Position(*start), lsp.Position(*end))


class SmlintServer(LanguageServer):
    """A pygls server that keeps the last check of every open document."""

    def __init__(self) -> None:
        super().__init__("smlint", __version__)
        self.projects = Projects()
        self.open: dict[str, Open] = {}

    def check(self, uri: str) -> Open:
        """Check the document's current text and publish its diagnostics."""
        doc = self.workspace.get_text_document(uri)
        checked = self.projects.check(document_path(uri, doc.language_id, self.workspace.root_path),
                                      doc.source, doc.language_id)
        encoding = getattr(self.workspace.position_encoding, "value", self.workspace.position_encoding)
        state = Open(doc.version, checked, Positions(checked.text, encoding, checked.bom))
        self.open[uri] = state
        if checked.error or checked.note:  # in the editor's log of the server (e.g. VS Code's Output panel)
            self.window_log_message(lsp.LogMessageParams(
                type=lsp.MessageType.Error if checked.error else lsp.MessageType.Info,
                message=f"{checked.path}: {checked.error or checked.note}"))
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics(state), version=doc.version))
        return state

    def current(self, uri: str) -> Open:
        """The check of the document as it is now (checked again if it changed since)."""
        state = self.open.get(uri)
        doc = self.workspace.get_text_document(uri)
        if state is None or state.version != doc.version:
            state = self.check(uri)
        return state


def document_path(uri: str, language_id: str | None, root: str | None) -> str:
    """The file a document is (an ``untitled:`` one: a name in the workspace root that gives the
    reader of its language, so the project's config still applies)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path:
        return os.path.abspath(path)
    return os.path.join(root or os.getcwd(), "untitled" + LANGUAGE_EXTENSIONS.get(language_id or "", ".txt"))


def diagnostics(state: Open) -> list[lsp.Diagnostic]:
    """One diagnostic per finding shown; a document that could not be checked gets one saying why."""
    checked = state.checked
    if checked.error:
        end = state.positions.from_offset(len(checked.text.split("\n", 1)[0].rstrip("\r")))
        return [lsp.Diagnostic(range=Open.span((0, 0), end), severity=lsp.DiagnosticSeverity.Error,
                               source=SOURCE, message=f"smlint could not check this document: {checked.error}")]
    return [lsp.Diagnostic(range=state.range(f), message=f.message, severity=SEVERITIES[f.severity], code=f.rule,
                           source=SOURCE) for f in checked.findings]


def _covers(r: lsp.Range, at: lsp.Position) -> bool:
    start, end, p = (r.start.line, r.start.character), (r.end.line, r.end.character), (at.line, at.character)
    return start <= p < end or start == end == p


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    a0, a1 = (a.start.line, a.start.character), (a.end.line, a.end.character)
    b0, b1 = (b.start.line, b.start.character), (b.end.line, b.end.character)
    return a0 <= b1 and b0 <= a1


def hover_text(state: Open, finding: Finding, markdown: bool) -> str:
    """The finding's message, its rule's explanation, and its fix when it has one."""
    from smlint.ruledoc import explain, rule_markdown

    rule = state.checked.rules.get(finding.rule_key)
    fix = f"Quick fix: replace with “{finding.fix.replacement}”." if finding.fix else None
    if markdown:
        parts = [f"**{finding.rule}**: {finding.message}", rule_markdown(rule) if rule else "", fix or ""]
    else:
        parts = [f"{finding.rule}: {finding.message}", explain(rule) if rule else "", fix or ""]
    return "\n\n".join(p.strip() for p in parts if p)


def code_actions(state: Open, uri: str, wanted: lsp.Range, only) -> list[lsp.CodeAction]:
    """Quick fixes for the findings in ``wanted`` and, when anything is fixable, "fix all"."""
    out = []
    quick = _wanted(lsp.CodeActionKind.QuickFix.value, only)
    for f, diag in zip(state.checked.findings, diagnostics(state)) if quick else ():
        if not _overlaps(diag.range, wanted):
            continue
        edit = actions.fix_edit(f)
        if edit is not None:
            out.append(_action(f"Replace “{f.match}” with “{edit.text}” ({f.rule})", uri, state, edit, [diag], True))
        edit = actions.disable_edit(state.checked, f)
        if edit is not None:
            out.append(_action(f"Disable {f.rule} for this line", uri, state, edit, [diag], False))
    fix_all = _wanted(FIX_ALL, only)
    if fix_all and any(f.fix for f in state.checked.all_findings):
        fixed = actions.fix_all(state.checked)
        if fixed is not None:
            edit, count = fixed
            action = _action(f"Fix all safe smlint fixes ({count})", uri, state, edit, [], False)
            action.kind = FIX_ALL
            out.append(action)
    return out


def _wanted(kind: str, only) -> bool:
    """Whether a client asking for ``only`` kinds wants ``kind`` (``source`` covers ``source.fixAll…``)."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in (getattr(k, "value", k) for k in only))


def _action(title: str, uri: str, state: Open, edit: actions.Edit, diags, preferred: bool) -> lsp.CodeAction:
    text_edit = lsp.TextEdit(range=state.offsets(edit.start, edit.end), new_text=edit.text)
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=diags or None,
                          is_preferred=preferred or None,
                          edit=lsp.WorkspaceEdit(changes={uri: [text_edit]}))


def build() -> SmlintServer:
    """The server with its features registered."""
    server = SmlintServer()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: SmlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: SmlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        uri, version = params.text_document.uri, params.text_document.version
        await asyncio.sleep(CHANGE_PAUSE)  # typing: check once the changes stop
        doc = ls.workspace.text_documents.get(uri)
        if doc is not None and doc.version == version:
            ls.check(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: SmlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        name = os.path.basename(to_fs_path(uri) or "")
        for other in list(ls.open) if name.endswith(PROJECT_FILES) else [uri]:
            if other in ls.workspace.text_documents:
                ls.check(other)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SmlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.open.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: SmlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        state = ls.current(params.text_document.uri)
        found = [f for f in state.checked.findings if _covers(state.range(f), params.position)]
        if not found:
            return None
        markdown = lsp.MarkupKind.Markdown in _hover_formats(ls)
        text = "\n\n---\n\n".join(hover_text(state, f, markdown) for f in found)
        kind = lsp.MarkupKind.Markdown if markdown else lsp.MarkupKind.PlainText
        return lsp.Hover(contents=lsp.MarkupContent(kind=kind, value=text), range=state.range(found[0]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
    def code_action(ls: SmlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        return code_actions(ls.current(uri), uri, params.range, params.context.only)

    return server


def _hover_formats(ls: SmlintServer) -> list:
    hover = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    return list(hover.content_format or []) if hover else []


def serve() -> None:
    """Speak LSP on stdin/stdout until the client says exit."""
    build().start_io()
