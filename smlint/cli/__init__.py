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


class DefaultGroup(click.Group):
    """A group that runs ``check`` when the first argument is not a command."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


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


def _register() -> None:
    from smlint.cli import check, rules

    main.add_command(check.check)
    main.add_command(rules.rules)
    from smlint.cli import workflow

    main.add_command(workflow.init)
    main.add_command(workflow.baseline)
    from smlint.cli import registry
    main.add_command(registry.registry)
    from smlint.cli import leads
    main.add_command(leads.leads)
    from smlint.cli import server
    main.add_command(server.server)


_register()
