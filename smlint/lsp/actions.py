"""Edits the language server offers: the safe fixes, all of them at once, and "disable here".

The safe fixes are those ``smlint check --fix`` makes (:mod:`smlint.fix`): a finding carries its
:class:`~smlint.model.Fix` only when its rule marks the substitution ``safe: true`` and the
reader allows a text edit there. "Fix all" is :func:`smlint.fix.fix_files` on the editor's text.

"Disable for this line" writes the suppression directive in the host format's own comment
syntax (docs/formats.md, "Inline suppressions"): ``<!-- smlint-disable-line ID -->`` at the end
of the line in Markdown and HTML, ``# smlint-disable-line ID`` after a YAML value, a line
``smlint-disable-next-line ID`` above it in plain text, ``# smlint-disable-next-line ID`` above
the record in a CSV. Where a comment is not a comment (inside a YAML block scalar, an HTML
``<title>``, a JSON file), the edit would change the copy instead, so every such edit is tried
first: it is offered only when checking the edited text drops that finding and adds none.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

from smlint.model import Finding
from smlint.text.document import LineIndex


@dataclass(frozen=True)
class Edit:
    """Put ``text`` in place of the checked text's characters [start, end)."""

    start: int
    end: int
    text: str


def fix_edit(finding: Finding) -> Edit | None:
    """The finding's safe fix as an edit, or None when its rule offers none here."""
    fix = finding.fix
    return None if fix is None else Edit(fix.start, fix.end, fix.replacement)


def fix_all(checked) -> tuple[Edit, int] | None:
    """One edit that makes every safe fix of the checked text, as ``--fix`` makes them (to the
    fixed point), and how many fixes; None when there is nothing to fix. The edit spans only
    what changes, from the first changed character to the last, so the editor keeps the rest."""
    from smlint.fix import fix_files

    changes = fix_files(checked.all_findings, lambda path: checked.text, lambda path, text: checked.recheck(text))
    if not changes:
        return None
    before, after = checked.text, changes[0].after
    start = len(os.path.commonprefix([before, after]))
    end = len(os.path.commonprefix([before[start:][::-1], after[start:][::-1]]))
    return Edit(start, len(before) - end, after[start:len(after) - end]), changes[0].fixed


def disable_edit(checked, finding: Finding) -> Edit | None:
    """The directive that suppresses ``finding`` (and its rule on that line), if it works here."""
    edit = _directive(checked, finding)
    return edit if edit is not None and _only_drops(checked, finding, edit) else None


def _directive(checked, finding: Finding) -> Edit | None:
    """Where the host format's directive for ``finding`` goes (untried)."""
    text, rule, reader = checked.text, finding.rule, checked.reader
    lines = LineIndex(text)
    if finding.rule.startswith("smlint/") or finding.line > len(lines.starts):
        return None  # directives about directives are fixed by editing the directive
    if reader in ("markdown", "html"):
        end = lines.line_span(finding.line, text)[1]
        return Edit(end, end, f" <!-- smlint-disable-line {rule} -->")
    if reader == "structured" and checked.path.lower().endswith((".yaml", ".yml")):
        end = lines.line_span(finding.line, text)[1]
        return Edit(end, end, f"  # smlint-disable-line {rule}")
    if reader in ("plaintext", "csv"):
        line = (finding.location.row or finding.line) if reader == "csv" else finding.line
        start, end = lines.line_span(line, text)
        indent = text[start:end][:len(text[start:end]) - len(text[start:end].lstrip())] if reader == "plaintext" else ""
        marker = "# " if reader == "csv" else ""
        return Edit(start, start, f"{indent}{marker}smlint-disable-next-line {rule}{_line_break(text)}")
    return None


def _only_drops(checked, finding: Finding, edit: Edit) -> bool:
    """Whether the edited text has every finding the text had (moved by the edit), except
    ``finding`` and others of its rule on its line, and nothing new."""
    edited = checked.text[:edit.start] + edit.text + checked.text[edit.end:]
    try:
        after = checked.recheck(edited)
    except Exception:  # noqa: BLE001 - an edit that breaks the file is not offered
        return False
    shift = len(edit.text) - (edit.end - edit.start)
    before_lines, after_lines = LineIndex(checked.text), LineIndex(edited)

    def moved(f: Finding) -> tuple:
        offset = _offset(before_lines, f)
        return f.rule, offset + shift if offset >= edit.start and shift else offset, f.match

    before = Counter(moved(f) for f in checked.all_findings)
    now = Counter((f.rule, _offset(after_lines, f), f.match) for f in after)
    return not (now - before) and moved(finding) not in now


def _offset(lines: LineIndex, f: Finding) -> int:
    starts = lines.starts
    return starts[min(f.line, len(starts)) - 1] + f.column - 1


def _line_break(text: str) -> str:
    """The text's own line break (its first one; LF for a text without any)."""
    for i, c in enumerate(text):
        if c in "\r\n":
            return "\r\n" if text.startswith("\r\n", i) else c
    return "\n"
