"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

``::error file=copy/a.md,line=3,col=5,endLine=3,endColumn=12,title=pricing/x::message`` makes
GitHub annotate the pull request diff. Values are escaped as the Actions runner unescapes them
(actions/toolkit ``command.ts``: ``escapeData`` and ``escapeProperty``), so a ``%``, a newline,
a ``:`` or a ``,`` in a message or a file name cannot break the command or forge another one.
Other control characters (a terminal escape sequence in a headline or a file name) have no runner
escape: they are shown as ``\\x1b``, so neither a terminal nor the Actions log interprets them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from smlint.reporters.quote import is_record, visible
from smlint.reporters.repopath import relative_path
from smlint.reporters.summary import plural, totals

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
    """Line/column properties: full span for text (ad copy in a CSV file too), the row for lead
    records, none for DOCX."""
    loc = f.location
    if loc.paragraph is not None:
        return {}
    if is_record(loc):
        return {"line": loc.row or loc.line}
    return {"line": loc.line, "col": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}


def _file(path: str, root) -> str:
    return visible(relative_path(path, root), breaks=True)


def _message(f) -> str:
    loc = f.location
    text = f.message
    if loc.row is not None and loc.field:
        text += f" (row {loc.row}, field {loc.field})"
    elif loc.paragraph is not None:
        text += f" (paragraph {loc.paragraph}: {loc.context or ''})"
    text = visible(text, breaks=True)
    if f.suggestion:
        text += f"\nSuggestion: {visible(f.suggestion, breaks=True)}"
    return text


def render(report: Report) -> str:
    lines = [command(LEVELS[str(f.severity)], _message(f), file=_file(f.path, report.root),
                     **_position(f), title=visible(f.rule, breaks=True)) for f in report.findings]
    lines += [command("error", visible(e.message, breaks=True), file=_file(e.path, report.root),
                      title="smlint: cannot check") for e in report.errors]
    c = totals(report)
    not_listed = f" ({c['not_listed']:,} not listed: --max-findings)" if c.get("not_listed") else ""
    lines.append(f"smlint: {plural(c['errors'], 'error')}, {plural(c['warnings'], 'warning')}, {c['info']} info "
                 f"in {plural(report.stats.files_checked, 'file')}{not_listed}")
    return "\n".join(lines) + "\n"
