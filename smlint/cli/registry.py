"""``smlint registry check|usage`` and the ``--registry/--no-registry/--channel`` options of ``check``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from smlint.cli import EXIT_CLEAN, emit, exit_code, fail, run_guarded


def registry_options(fn):
    """Options that point ``smlint check`` at a claims registry (docs/registry.md)."""
    decorators = [
        click.option("--registry", type=click.Path(dir_okay=False), metavar="PATH",
                     help="Claims registry to check copy against (default: claims.yaml at the repository root "
                          "or in the current folder, when there is one)."),
        click.option("--no-registry", is_flag=True, help="Do not use a claims registry even if claims.yaml exists."),
        click.option("--channel", metavar="NAME",
                     help="Channel of the copy (web, email, sales …); default: from folder names."),
    ]
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


def registry_path(registry: str | None, no_registry: bool = False, configured: str | None = None) -> str | None:
    """The registry file to use: ``--registry``, else ``configured`` (the config's ``registry:``),
    else ``claims.yaml`` found at the repository root or in the current folder."""
    from smlint.registry import find_registry

    if no_registry:
        return None
    for given, what in ((registry, "--registry"), (configured, "registry:")):
        if given:
            if not Path(given).is_file():
                fail(f"{what} {given}: no such file")
            return given
    found = find_registry()
    return str(found) if found else None


def _load(path: str | None, allow_duplicates: bool = False):
    from smlint.registry import load_registry

    path = registry_path(path)
    if path is None:
        fail("no claims registry: create claims.yaml at the repository root or pass --registry PATH")
    return run_guarded(load_registry, path, allow_duplicates)


@click.group()
def registry():
    """Check the claims registry and list where each claim is used."""


@registry.command("check")
@click.option("--registry", "path", type=click.Path(dir_okay=False), metavar="PATH",
              help="Registry file (default: claims.yaml at the repository root or here).")
@click.option("--warn-days", type=click.IntRange(min=0), default=30, show_default=True,
              help="Warn about claims that expire within this many days.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True)
def check_registry(path, warn_days, fmt, fail_on):
    """Validate the registry: schema, duplicate ids, expired or expiring claims, claims without evidence."""
    import json

    from smlint.model import Severity
    from smlint.registry.audit import audit
    from smlint.reporters.summary import plural

    reg = _load(path, allow_duplicates=True)
    problems = audit(reg, warn_days)
    if fmt == "json":
        click.echo(json.dumps({"registry": reg.path, "claims": len(reg.claims),
                               "problems": [p.to_dict(reg.path) for p in problems]}, indent=2, ensure_ascii=False))
    else:
        for p in problems:
            click.echo(f"{reg.path}:{p.line}: {p.severity} [{p.code}] {p.message}")
        errors = sum(p.severity == Severity.ERROR for p in problems)
        click.echo(f"{reg.path}: {plural(len(reg.claims), 'claim')}, {plural(errors, 'error')}, "
                   f"{plural(len(problems) - errors, 'warning')}")
    sys.exit(exit_code(problems, (), fail_on))


@registry.command("usage")
@click.argument("paths", nargs=-1, required=True)
@click.option("--registry", "path", type=click.Path(dir_okay=False), metavar="PATH",
              help="Registry file (default: claims.yaml at the repository root or here).")
@click.option("--channel", metavar="NAME", help="Channel of all the copy; default: from folder names.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to FILE.")
def usage(paths, path, channel, fmt, output):
    """For each approved claim, where the copy uses it; then every unregistered numeric claim."""
    from smlint.registry import RegistryChecker
    from smlint.registry.usage import RENDERERS, analyze_paths

    checker = RegistryChecker(_load(path), channel=channel)
    emit(RENDERERS[fmt](run_guarded(analyze_paths, checker, list(paths))), output)
    sys.exit(EXIT_CLEAN)
