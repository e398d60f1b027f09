"""``smlint check PATHS…``: lint campaign copy and sales scripts."""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Iterator

import click

from smlint import __version__
from smlint.cli import emit, exit_code, write_file
from smlint.cli.registry import registry_options, registry_path
from smlint.cli.fixes import check_fix_options, make_fixes, write_fixes
from smlint.cli.fixes import show_diff as show_diff_of
from smlint.cli.workflow import config_value, run_check, text_checker, workflow_options
from smlint.model import FAIL_LEVELS, Severity
from smlint.reporters import FORMATS, TERMINAL_FORMATS

SEVERITIES = ("error", "warning", "info")


def output_options(fn):
    """Options shared by every command that reports findings."""
    decorators = [
        click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
                     help="Output format."),
        click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
                     help="Write the report to FILE instead of standard output."),
        click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
                     help="Exit 1 when a finding of this severity or worse exists."),
        click.option("--min-severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
                     help="Show only findings at or above this severity (does not change the exit code)."),
        click.option("--no-color", is_flag=True, help="Never colour the output."),
        click.option("--quiet", "-q", is_flag=True, help="Print nothing on success; only the summary otherwise."),
        click.option("--statistics", is_flag=True,
                     help="End the text or concise output with the number of findings per rule and per file."),
        click.option("--report", "reports", multiple=True, metavar="FORMAT=PATH", expose_value=False,
                     callback=lambda ctx, param, values: _remember_reports(ctx, param, values),
                     help="Also write the report in FORMAT to PATH (repeatable), e.g. --report sarif=out.sarif."),
    ]
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--pack", "packs", multiple=True, metavar="NAME|PATH",
              help="Rule pack: built-in name (pricing, en/pricing, es), YAML file or folder. Repeatable.")
@click.option("--lang", type=click.Choice(["auto", "en", "es"]), default="auto", show_default=True,
              help="Language of the copy; auto detects it per document.")
@click.option("--select", multiple=True, metavar="GLOB", help="Only rules whose id matches (e.g. 'pricing/*').")
@click.option("--ignore", multiple=True, metavar="GLOB", help="Skip rules whose id matches.")
@click.option("--stdin-filename", metavar="NAME", help="Name (and so reader) for text read from '-'.")
@click.option("--no-inline-config", is_flag=True, help="Ignore smlint-disable/enable comments in the files.")
@click.option("--fix", is_flag=True,
              help="Make the safe fixes (substitutions a pack marks safe) in the files; the findings that remain "
                   "are reported and decide the exit code.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the safe fixes as a unified diff and write nothing (exit 1 when there is something "
                   "to fix).")
@click.option("--max-file-size", metavar="SIZE", callback=lambda ctx, param, value: _size(ctx, param, value),
              help="Largest file to read (20MiB, 500KB or bytes; default: the config's max_file_size, else 20MiB).")
@registry_options
@output_options
@workflow_options
def check(paths, packs, lang, select, ignore, stdin_filename, fmt, output, fail_on, min_severity,
          no_color, quiet, statistics=False, no_inline_config=False, registry=None, no_registry=False,
          channel=None, max_file_size=None, fix=False, show_diff=False, **workflow):
    """Lint campaign copy and sales scripts (files, folders, or - for stdin; none: the current folder)."""
    from smlint.linter import LintOptions

    paths = paths or (".",)  # as ruff and eslint do
    check_statistics(statistics, fmt)
    check_fix_options(fix, show_diff, paths)
    options = LintOptions(packs=tuple(packs), lang=lang, select=tuple(select), ignore=tuple(ignore),
                          registry=registry_path(registry, no_registry), channel=channel,
                          no_inline_config=no_inline_config, max_file_size=max_file_size)
    stdin_text = sys.stdin.read() if "-" in paths else None
    # config, ignore files, per-path overrides, --jobs, --baseline, --diff-base: smlint/cli/workflow.py
    result, config = run_check(options, paths, stdin_text, stdin_filename, fmt=fmt, quiet=quiet, **workflow)
    if fix or show_diff:  # smlint/cli/fixes.py
        changes = make_fixes(result.findings, text_checker(options, config, **workflow), stdin_text,
                             stdin_filename)
        if show_diff:
            sys.exit(show_diff_of(changes, result.errors, output))
        write_errors = write_fixes(changes)
        if changes:  # what remains is the report
            result, config = run_check(options, paths, fmt=fmt, quiet=True, **workflow)
        result.errors.extend(write_errors)
    fail_on, min_severity = (config_value(config, "fail_on", fail_on),
                             config_value(config, "min_severity", min_severity))
    needs_lines = _formats(fmt) & {"text", "html", "sarif"}  # the reporters that quote source lines
    sources = SourceFiles({f.path for f in result.findings}, stdin_text, stdin_filename) if needs_lines else {}
    code = finish(result.findings, result.errors, result.stats, result.rules, sources, fmt=fmt, output=output,
                  fail_on=fail_on, min_severity=min_severity, no_color=no_color, quiet=quiet,
                  statistics=statistics)
    sys.exit(code)


def check_statistics(statistics: bool, fmt: str) -> None:
    """``--statistics`` belongs to the terminal formats; elsewhere it is a usage error (exit 2)."""
    if statistics and fmt not in TERMINAL_FORMATS:
        raise click.UsageError(f"--statistics goes with --format text or concise, not {fmt}")


def _size(ctx, param, value) -> int | None:
    """``--max-file-size`` in bytes; a value that is not a size is a usage error (exit 2)."""
    from smlint.linter import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


class SourceFiles(Mapping):
    """path -> text of the files with findings, each read when a reporter asks for it; only the
    last one is kept (reporters go through the findings by path), so quoting lines does not hold
    the text of every file of the run (issue 14). A file that cannot be read is not in it."""

    def __init__(self, paths: set[str], stdin_text: str | None, stdin_name: str | None) -> None:
        self.paths = frozenset(paths)
        self.stdin = (stdin_text, {"-", stdin_name})
        self.last: tuple[str, str | None] = ("", None)

    def __getitem__(self, path: str) -> str:
        if path != self.last[0]:
            self.last = (path, self._read(path))
        if self.last[1] is None:
            raise KeyError(path)
        return self.last[1]

    def _read(self, path: str) -> str | None:
        from smlint.errors import SmlintError
        from smlint.linter import read_source

        stdin_text, stdin_names = self.stdin
        if path not in self.paths:
            return None
        if stdin_text is not None and path in stdin_names:
            return stdin_text
        try:
            return read_source(path)
        except SmlintError:
            return None

    def __iter__(self) -> Iterator[str]:
        return (path for path in sorted(self.paths) if path in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def finish(findings, errors, stats, rules, sources, *, fmt, output, fail_on, min_severity, no_color, quiet,
           command: str = "check", extras: dict | None = None, statistics: bool = False) -> int:
    """Filter for display, render, write, and decide the exit code (all findings count for it).

    A file that could not be checked (missing, unreadable, a reader that failed on it) ends the
    run with exit 2 once everything else is reported: a gate must not pass on what it never read."""
    from smlint.reporters import Report, render_chunks

    shown = sorted((f for f in findings if f.severity >= Severity.parse(min_severity)),
                   key=lambda f: f.sort_key())
    to_tty = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")  # no-color.org
    report = Report(findings=shown, rules=rules, errors=errors, stats=stats, sources=sources,
                    version=__version__, color=to_tty and not no_color and fmt in TERMINAL_FORMATS,
                    command=command, extras=extras or {}, root=_root(fmt), statistics=statistics,
                    below_threshold=frozenset(f.path for f in findings) - {f.path for f in shown})
    _write_reports(report)
    if quiet and fmt in TERMINAL_FORMATS:  # the summary line alone, without rendering the findings
        from smlint.reporters.text import summary_line

        text = "" if not shown and not errors else summary_line(report) + "\n"
    else:
        text = render_chunks(fmt, report)  # written as it is rendered (issue 14)
    emit(text, output)
    return exit_code(findings, errors, fail_on)


# --report FORMAT=PATH: extra outputs of the same run. The option is not passed to the command
# function (expose_value=False) but kept in the click context, so every command that uses
# output_options gets it without a new parameter, and finish() renders each from the same Report.
_REPORTS_KEY = "smlint.reports"


def _remember_reports(ctx, param, values) -> tuple[tuple[str, str], ...]:
    """Parse FORMAT=PATH pairs; a bad one is a usage error (exit 2)."""
    pairs = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or not path or fmt not in FORMATS:
            raise click.BadParameter(f"{value!r}: expected FORMAT=PATH with FORMAT one of "
                                     f"{', '.join(sorted(FORMATS))}", ctx=ctx, param=param)
        pairs.append((fmt, path))
    ctx.meta[_REPORTS_KEY] = tuple(pairs)
    return tuple(pairs)


def _write_reports(report) -> None:
    """Render and write every --report of the current command (no colour, all findings shown)."""
    import dataclasses

    from smlint.reporters import render_chunks

    ctx = click.get_current_context(silent=True)
    for fmt, path in (ctx.meta.get(_REPORTS_KEY, ()) if ctx else ()):
        write_file(path, render_chunks(fmt, dataclasses.replace(report, color=False)))


def _formats(fmt: str) -> set[str]:
    """Every format this command renders: ``--format`` and each ``--report``."""
    ctx = click.get_current_context(silent=True)
    return {fmt, *(f for f, _ in (ctx.meta.get(_REPORTS_KEY, ()) if ctx else ()))}


def _root(fmt: str) -> str | None:
    """The repository root that SARIF and GitHub paths are relative to (looked up only for them)."""
    from smlint.reporters.repopath import repo_root

    return repo_root() if _formats(fmt) & {"sarif", "github"} else None
