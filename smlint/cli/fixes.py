"""``smlint check --fix`` and ``--diff``: make or show the safe fixes of a run (smlint/fix.py).

The check runs first, as always; the fixes of its findings (unsuppressed, not baselined, on
changed lines with ``--diff-base``) are made in memory until none is left; then ``--fix``
writes each changed file and the check runs again, so the report and the exit code are the
findings that remain, and ``--diff`` prints the changes as a unified diff and writes nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import click

from smlint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, emit
from smlint.model import FileError
from smlint.reporters.summary import plural

# smlint.fix (difflib, tempfile, html …) is imported by the functions below, only when --fix or
# --diff is given: ``smlint check`` imports this module for its option checks (issue 14).
if TYPE_CHECKING:
    from smlint.fix import FileFix


def check_fix_options(fix: bool, show_diff: bool, paths) -> None:
    """--fix and --diff exclude each other, and --fix cannot write back to standard input (exit 2)."""
    if fix and show_diff:
        raise click.UsageError("--fix writes the fixes and --diff only shows them: give one of them")
    if fix and "-" in paths:
        raise click.UsageError("--fix cannot write back to standard input; --diff shows the fixes instead")


def make_fixes(findings, checker, stdin_text: str | None, stdin_name: str | None) -> list[FileFix]:
    """The changes the safe fixes of ``findings`` make, file by file (nothing is written yet)."""
    from smlint.fix import MAX_PASSES, fix_files

    def read(path: str) -> str | None:
        if stdin_text is not None and path in ("-", stdin_name):
            return stdin_text
        try:  # checked a moment ago: UTF-8, a regular file; unless it changed since
            with open(path, "rb") as fh:
                return fh.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"smlint: {path}: not fixed: it cannot be read now ({exc})", err=True)
            return None

    changes = fix_files(findings, read, checker.check)
    for change in changes:
        if not change.stable:
            click.echo(f"smlint: {change.path}: fixes were still possible after {MAX_PASSES} passes "
                       "(do two safe rules undo each other?); the rest is left as it is", err=True)
    return changes


def write_fixes(changes: list[FileFix]) -> list[FileError]:
    """Write each changed file; one that cannot be written is a FileError (the run exits 2)."""
    from smlint.fix import write_fix

    errors = []
    for change in changes:
        try:
            write_fix(change)
        except OSError as exc:
            errors.append(FileError(change.path, f"cannot write the fixes: {exc.strerror or exc}"))
    fixed = [c for c in changes if not any(e.path == c.path for e in errors)]
    if fixed:
        click.echo(f"smlint: fixed {plural(sum(c.fixed for c in fixed), 'finding')} in "
                   f"{plural(len(fixed), 'file')}", err=True)
    return errors


def show_diff(changes: list[FileFix], errors, output: str | None) -> int:
    """Print the changes as one unified diff; exit 1 when there is something to fix (as ruff's
    ``--diff``), 0 when nothing, 2 when a file could not be checked."""
    from smlint.fix import unified_diff

    emit("".join(unified_diff(c) for c in changes), output)
    if changes:
        n = sum(c.fixed for c in changes)
        click.echo(f"smlint: {n} {'fix' if n == 1 else 'fixes'} in {plural(len(changes), 'file')} "
                   "would be made (smlint check --fix makes them)", err=True)
    else:
        click.echo("smlint: nothing to fix", err=True)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if changes else EXIT_CLEAN
