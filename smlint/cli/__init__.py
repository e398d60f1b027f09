"""The command line: ``smlint check|rules|…``. Thin: parse options, call the API, render, exit.

Where is the CLI? Here: one module per command group (``check.py``, ``rules.py`` …),
registered on ``main`` below. ``smlint PATHS…`` is short for ``smlint check PATHS…``.
"""
from __future__ import annotations

import sys
from typing import Iterable

import click

from smlint import __version__
from smlint.errors import SmlintError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def exit_code(findings: Iterable, errors: Iterable, fail_on: str) -> int:
    """The one exit-code decision of every command that reports findings (``check``, ``leads``,
    ``registry check``): 2 when an input could not be checked (a gate must not pass on what it
    never read), else 1 when a finding is at or above ``fail_on``, else 0.

    ``findings`` are the ones left after suppression (baseline, config ``disable``), all of them,
    not only those ``--min-severity`` shows. A missed lead budget counts through its finding
    (:func:`smlint.leads.scorecards.verdicts` makes one per missed verdict, with its severity)."""
    from smlint.model import fail_threshold  # here, not at the top: `smlint --version` needs no model

    if any(True for _ in errors):  # any iterable: a list, or the lines of a lead run
        return EXIT_ERROR
    threshold = fail_threshold(fail_on)
    failed = threshold is not None and any(f.severity >= threshold for f in findings)
    return EXIT_FINDINGS if failed else EXIT_CLEAN


# Each command's module, imported only when the command runs (or ``--help`` lists them all): a
# ``smlint check`` does not pay for importing the lead engine, the registry commands or the
# language server (issue 14). Order: as ``smlint --help`` lists them (alphabetically).
LAZY_COMMANDS = {
    "baseline": "smlint.cli.workflow:baseline",
    "check": "smlint.cli.check:check",
    "init": "smlint.cli.workflow:init",
    "leads": "smlint.cli.leads:leads",
    "registry": "smlint.cli.registry:registry",
    "rules": "smlint.cli.rules:rules",
    "server": "smlint.cli.server:server",
}


class DefaultGroup(click.Group):
    """A group that runs ``check`` when the first argument is not a command, and imports each
    command's module when that command is looked up (:data:`LAZY_COMMANDS`)."""

    def parse_args(self, ctx, args):
        if args and args[0] not in LAZY_COMMANDS and args[0] not in self.commands \
                and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx):
        return sorted({*self.commands, *LAZY_COMMANDS})

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            from importlib import import_module

            module, attr = LAZY_COMMANDS[cmd_name].split(":")
            self.add_command(getattr(import_module(module), attr), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="smlint", message="%(prog)s %(version)s")
def main() -> None:
    """smlint keeps marketing and sales honest: it lints campaign copy, sales scripts and lead exports.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or pack errors.
    """


def fail(message: str) -> None:
    """Print a usage/config error and exit 2 (never a traceback)."""
    click.echo(f"smlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def write_file(path: str, text: str | Iterable[str]) -> None:
    """Write a report or generated doc (UTF-8, ``\\n`` line ends); a write error exits 2.

    ``text`` may come in pieces (a reporter's ``chunks``): they are written as they come."""
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for piece in _pieces(text):
                fh.write(piece)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def emit(text: str | Iterable[str], output: str | None) -> None:
    """``text`` (a string, or its pieces) to ``output`` when given, else to standard output."""
    if output:
        write_file(output, text)
        return
    batch: list[str] = []
    size = 0
    for piece in _pieces(text):  # click.echo flushes on every call: hand it ~64 KiB at a time
        batch.append(piece)
        size += len(piece)
        if size >= ECHO_BATCH:
            click.echo("".join(batch), nl=False)
            batch, size = [], 0
    if batch or isinstance(text, str):
        click.echo("".join(batch), nl=False)


ECHO_BATCH = 1 << 16


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def run_guarded(fn, *args, **kwargs):
    """Call ``fn``; SmlintError (pack, config, usage problems) becomes a clean exit 2."""
    try:
        return fn(*args, **kwargs)
    except SmlintError as exc:
        fail(str(exc))
