"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

``::error file=copy/a.md,line=3,col=5,endLine=3,endColumn=12,title=pricing/x::message`` makes
GitHub annotate the pull request diff. Values are escaped as the Actions runner unescapes them
(actions/toolkit ``command.ts``: ``escapeData`` and ``escapeProperty``), so a ``%``, a newline,
a ``:`` or a ``,`` in a message or a file name cannot break the command or forge another one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from smlint.reporters.repopath import relative_path
from smlint.reporters.summary import counts, plural

if TYPE_CHECKING:
    from smlint.reporters import Report

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part, after ``::``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: data escaping plus ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props: object) -> str:
    """One workflow command line; properties with value None are left out."""
    shown = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items() if value is not None)
    return f"::{level} {shown}::{escape_data(message)}" if shown else f"::{level}::{escape_data(message)}"


def _position(f) -> dict:
    """Line/column properties: full span for text, the row for lead records, none for DOCX."""
    loc = f.location
    if loc.paragraph is not None:
        return {}
    if loc.row is not None:
        return {"line": loc.row}
    return {"line": loc.line, "col": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}


def _message(f) -> str:
    loc = f.location
    text = f.message
    if loc.row is not None and loc.field:
        text += f" (row {loc.row}, field {loc.field})"
    elif loc.paragraph is not None:
        text += f" (paragraph {loc.paragraph}: {loc.context or ''})"
    if f.suggestion:
        text += f"\nSuggestion: {f.suggestion}"
    return text


def render(report: Report) -> str:
    lines = [command(LEVELS[str(f.severity)], _message(f), file=relative_path(f.path, report.root),
                     **_position(f), title=f.rule) for f in report.findings]
    lines += [command("error", e.message, file=relative_path(e.path, report.root), title="smlint: cannot check")
              for e in report.errors]
    c = counts(report.findings)
    lines.append(f"smlint: {plural(c['errors'], 'error')}, {plural(c['warnings'], 'warning')}, {c['info']} info "
                 f"in {plural(report.stats.files_checked, 'file')}")
    return "\n".join(lines) + "\n"
