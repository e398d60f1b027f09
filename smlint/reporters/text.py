"""Text output for people: ``path:line:col: severity [rule] message``, the line, a caret underline.

Like ruff's and rustc's: the offending source line follows each finding with the match
underlined, then ``= suggestion`` when the rule has one; a summary line closes the run, after
the per-rule and per-file counts when ``--statistics`` asks for them (as ruff's ``--statistics``).
Colour only when asked (the CLI asks on a TTY). A long line is shown as a window around the
match, and control characters from the copy are shown escaped, never sent to the terminal
(:mod:`smlint.reporters.quote`).
"""
from __future__ import annotations

from typing import Iterator

from smlint.reporters.quote import ELLIPSIS, is_record, source_lines, visible, window
from smlint.reporters.summary import by_file, by_rule, plural, skipped_note, totals

_COLORS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1", "green": "32"}


def _paint(text: str, color: str, on: bool) -> str:
    return f"\x1b[{_COLORS[color]}m{text}\x1b[0m" if on else text


def chunks(report) -> Iterator[str]:
    """The text in pieces, a finding at a time, so a big run is written without being held
    (issue 14). Findings come sorted by path: only the current file's lines are kept."""
    lines_cache: dict[str, list[str]] = {}
    for f in report.findings:
        if f.path not in lines_cache:
            lines_cache.clear()
        yield "".join(line + "\n" for line in _finding(f, report, lines_cache))
    yield closing(report)


def closing(report) -> str:
    """What ends every terminal format, after the findings: the files that could not be checked,
    lead scorecards, the ``--statistics`` tables and the summary line."""
    out: list[str] = []
    for e in report.errors:
        out.append(f"{visible(e.path)}: {_paint('error', 'error', report.color)}: {visible(e.message)}")
    from smlint.reporters.scorecards import render_inputs, render_scorecards
    out.extend(visible(line) for line in render_inputs(report.extras))
    if report.extras.get("scorecards"):
        out.extend(visible(line) for line in render_scorecards(report.extras))
    if report.statistics:
        out.extend(statistics(report))
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def headline(f, report) -> str:
    """``path:line:col: severity [rule] message`` (with the row/field or paragraph), controls escaped."""
    loc = f.location
    sev = _paint(str(f.severity), str(f.severity), report.color)
    where = f"{loc.path}:{loc.line}:{loc.column}"
    extra = ""
    if loc.row is not None and loc.field:
        extra = f" (row {loc.row}, {loc.field})"
    elif loc.paragraph is not None:
        extra = f" (paragraph {loc.paragraph})"
    return f"{visible(where)}: {sev} [{visible(f.rule)}] {visible(f.message + extra)}"


def statistics(report) -> list[str]:
    """Counts by rule (with the severity: several when overrides differ) and by file, most first."""
    out = [_paint("Findings by rule:", "bold", report.color)]
    for rule, n, severities in by_rule(report.findings):
        out.append(f"{n:>6}  {visible(rule)} ({', '.join(severities)})")
    out.append(_paint("Findings by file:", "bold", report.color))
    out.extend(f"{n:>6}  {visible(path)}" for path, n in by_file(report.findings))
    return out


def _finding(f, report, cache) -> list[str]:
    """The finding's lines; everything from the copy (path, message, line) with controls escaped."""
    lines = [headline(f, report)]
    lines.extend(_snippet(f, report, cache))
    if f.suggestion:
        lines.append(_paint(f"  = suggestion: {visible(f.suggestion)}", "dim", report.color))
    if f.fix is not None:
        lines.append(_paint(f"  = fix: '{visible(f.fix.replacement)}' (smlint check --fix makes it)", "dim",
                            report.color))
    return lines


def _snippet(f, report, cache) -> list[str]:
    """The first line of the match with a caret underline: a window of at most CONTEXT characters
    each side (``…`` where cut), ``…`` after the carets when the match goes on."""
    source = report.sources.get(f.path)
    loc = f.location
    if source is None or is_record(loc):  # a lead record's row holds personal data
        return [f"  | {visible(loc.context)}"] if loc.context else []
    if f.path not in cache:
        cache[f.path] = source_lines(source)
    all_lines = cache[f.path]
    if not 0 < loc.line <= len(all_lines):
        return []
    text = all_lines[loc.line - 1]
    end = loc.end_column - 1 if loc.end_line == loc.line else len(text)
    cut = window(text, loc.column - 1, end)
    before = (ELLIPSIS if cut.cut_before else "") + _shown(cut.before)
    match = _shown(cut.match)
    after = _shown(cut.after) + (ELLIPSIS if cut.cut_after else "")
    gutter = f"{loc.line:>4} | "
    under = " " * (len(gutter) - 2) + "| " + " " * len(before) + "^" * max(1, len(match))
    if loc.end_line != loc.line or cut.cut_match:
        under += " …"
    return [gutter + before + match + after, _paint(under, str(f.severity), report.color)]


def _shown(text: str) -> str:
    """A piece of a quoted line: a tab is one column (as in positions), controls escaped."""
    return visible(text.replace("\t", " "))


def summary_line(report) -> str:
    """The last line of every terminal format (all ``--quiet`` prints when there is something)."""
    c = totals(report)
    stats = report.stats
    text = (f"{plural(c['errors'], 'error')}, {plural(c['warnings'], 'warning')}, {c['info']} info "
            f"in {plural(stats.files_checked, 'file')}")
    if c.get("not_listed"):
        text += f" ({c['not_listed']:,} of them not listed)"
    if stats.files_skipped:
        text += f"; skipped {skipped_note(stats)}"
    if report.errors:
        text += f"; {plural(len(report.errors), 'file')} could not be checked"
    fixable = sum(1 for f in report.findings if f.fix is not None)
    if fixable:
        text += f"; {fixable} fixable with --fix"
    if not report.findings and not report.errors:
        return _paint(text, "green", report.color)
    return _paint(text, "bold", report.color)
