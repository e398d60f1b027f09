"""Team-workflow options of ``smlint check`` and the ``smlint init`` / ``smlint baseline`` commands.

Kept apart from ``check.py`` so the check command only gains one decorator and one call:
``workflow_options`` adds ``--config``, ``--no-ignore``, ``--force-exclude``, ``--baseline``,
``--diff-base`` and ``--jobs``; :func:`run_check` loads the config, lets flags the user typed
win over it, and runs :func:`smlint.project.lint_project`.
"""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from smlint.cli import EXIT_CLEAN, fail, run_guarded


def config_option():
    """``--config FILE`` (``check``, ``baseline``, ``leads``)."""
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE",
                        help="Config file (default: smlint.yaml, .smlint.yaml or pyproject.toml [tool.smlint], "
                             "found from here upward to the repository root).")


def baseline_option(writer: str = "`smlint baseline`"):
    """``--baseline FILE`` (``check``, ``leads``): the same file format, written by ``writer``."""
    return click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), metavar="FILE",
                        help=f"Report only findings not recorded in this baseline (see {writer}).")


def workflow_options(fn):
    """The options every command that checks a project shares."""
    decorators = [
        config_option(),
        click.option("--no-ignore", is_flag=True, help="Do not read .smlintignore and .gitignore files."),
        click.option("--force-exclude", is_flag=True,
                     help="Apply ignore files and config excludes to files named explicitly, too."),
        baseline_option(),
        click.option("--diff-base", metavar="REF",
                     help="Report only findings on lines changed since the merge base with REF (git)."),
        click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                     help="Check files in N processes (default: the number of CPUs)."),
    ]
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


def _typed(name: str) -> bool:
    """Whether the user gave parameter ``name`` on the command line (not its default)."""
    ctx = click.get_current_context()
    source = ctx.get_parameter_source(name)
    return source is not None and source.name not in ("DEFAULT", "DEFAULT_MAP")


def run_check(options, paths, stdin_text=None, stdin_name=None, *, fmt: str = "text", quiet: bool = False,
              config_path=None, no_ignore=False, force_exclude=False, baseline_path=None, diff_base=None,
              jobs=None, for_baseline: bool = False):
    """Check ``paths`` with the config; returns ``(result, config)``. Errors exit 2."""
    from smlint.config import load_config
    from smlint.project import check_rule_globs, lint_project
    from smlint.progress import Progress
    from smlint.reporters import TERMINAL_FORMATS

    config = run_guarded(load_config, config_path)
    options = with_config_registry(options, config)
    run_guarded(check_rule_globs, options, config)
    run = _run_options(options, no_ignore, force_exclude, jobs, None if for_baseline else baseline_path,
                       None if for_baseline else diff_base)
    run_config = dataclasses.replace(config, baseline=None) if for_baseline else config
    terminal = fmt in TERMINAL_FORMATS and not quiet
    progress = (lambda total: Progress(total)) if terminal else None
    result = run_guarded(lint_project, list(paths), run_config, run, base=options, stdin_text=stdin_text,
                         stdin_name=stdin_name, progress_factory=progress)
    if result.stats.files_checked and not result.rules:
        fail(_no_rules(options, config, result.stats.packs))
    if terminal:
        say_hidden(result.baselined, result.outside_diff, diff_base)
    return result, config


def _run_options(options, no_ignore, force_exclude, jobs, baseline_path, diff_base):
    """What the command line adds to the config: packs and language only when typed."""
    from smlint.parallel import default_jobs
    from smlint.project import RunOptions

    return RunOptions(
        packs=tuple(options.packs) if _typed("packs") else None,
        lang=options.lang if _typed("lang") else None,
        use_ignore_files=not no_ignore, force_exclude=force_exclude,
        jobs=jobs or default_jobs(), baseline=baseline_path, diff_base=diff_base)


def text_checker(options, config, *, config_path=None, no_ignore=False, force_exclude=False,
                 baseline_path=None, diff_base=None, jobs=None):
    """A :class:`~smlint.project.TextChecker` with the settings :func:`run_check` used (for --fix)."""
    from smlint.project import TextChecker

    run = _run_options(options, no_ignore, force_exclude, jobs, baseline_path, diff_base)
    return TextChecker(config, run, with_config_registry(options, config))


def _no_rules(options, config, packs) -> str:
    """Why a run that read files had no rule to check them with (it must not pass as clean)."""
    what = [f"{name} " + " ".join(repr(g) for g in globs)
            for name, globs in (("--select", options.select), ("--ignore", options.ignore)) if globs]
    if config.disable or any(o.disable for o in config.overrides):
        what.append(f"`disable:` in {config.path}")
    loaded = ", ".join(packs) or "none"
    message = (f"no rule is active, so nothing was checked: the packs loaded ({loaded}) have no rule that "
               + " and ".join(what) + " keep" + ("s" if len(what) == 1 else "")) if what \
        else f"no rule is active, so nothing was checked: the packs loaded ({loaded}) have no rules"
    if any(g.startswith("registry/") for g in options.select) and not options.registry:
        message += "; registry/* rules need a claims registry (--registry FILE or `registry:` in the config)"
    return message


def say_hidden(baselined: int, outside_diff: int = 0, diff_base: str | None = None) -> None:
    """Tell a person (stderr, terminal formats only) how many findings the baseline or diff hid."""
    parts = []
    if baselined:
        parts.append(f"{baselined} known finding(s) hidden by the baseline")
    if outside_diff:
        parts.append(f"{outside_diff} outside the lines changed since {diff_base}")
    if parts:
        click.echo("smlint: " + "; ".join(parts), err=True)


def with_config_registry(options, config):
    """The config's ``registry`` fills ``LintOptions.registry`` (the claims-registry feature's
    field) unless ``--registry`` or ``--no-registry`` was typed; a build without it is unchanged."""
    has_field = any(f.name == "registry" for f in dataclasses.fields(options))
    if config.registry and has_field and not (_typed("registry") or _typed("no_registry")):
        return dataclasses.replace(options, registry=config.registry)
    return options


def config_value(config, name: str, cli_value):
    """The CLI value when typed, else the config's, else the CLI default (for fail_on, min_severity)."""
    if _typed(name) or getattr(config, name, None) is None:
        return cli_value
    return getattr(config, name)


STARTER_CONFIG = """\
# Configuration of smlint — see docs/configuration.md for every key.
# Paths and globs are relative to this file. Command-line flags win over what is set here.

# Rule packs: built-in names (overpromise, en/overpromise, es) or paths to pack files/folders.
# Leave it out to use every built-in pack.
# packs: [en, ./rules]

# Language of the copy: auto (detected per document), en or es.
lang: auto

# Exit 1 when a finding of this severity or worse exists (error, warning, info, never).
fail_on: error

# Show only findings at or above this severity (does not change the exit code).
min_severity: info

# Which files a folder walk checks (gitignore syntax). .smlintignore and .gitignore apply too.
# include: ["campaigns/**", "scripts/**"]
exclude: ["node_modules/", "vendor/"]

# Per-rule severity (rule id or glob → error, warning, info) and rules switched off.
# severity:
#   "overpromise/*": warning
# disable: ["overpromise/guaranteed-results"]

# Readers: '.ext: reader' maps an extension; 'reader: {...}' passes options to a reader.
# readers:
#   .copy: plaintext
#   markdown:
#     front_matter_prose: [title, description, subject, summary]
#   csv:
#     text_columns: ["Headline 1", "Description"]

# Adopt smlint on an existing repository: hide the findings recorded by `smlint baseline`.
# baseline: .smlint-baseline.json

# Settings for some paths only; later entries win.
# overrides:
#   - files: ["playbooks/**"]
#     packs: [en]
#     warnings_as_errors: true
#   - files: ["legal/**"]
#     exclude: true
"""


@click.command()
@click.option("--file", "target", default="smlint.yaml", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the starter config.")
def init(target):
    """Write a commented starter smlint.yaml (never overwrites an existing config)."""
    from smlint.config import find_config

    path = Path(target)
    existing = path if path.exists() else find_config(path.resolve().parent)
    if existing is not None and Path(existing).resolve().parent == path.resolve().parent:
        fail(f"{existing} already exists; not overwritten (edit it, or remove it first)")
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(STARTER_CONFIG)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    click.echo(f"wrote {path}: edit it, then run `smlint check .`")
    sys.exit(EXIT_CLEAN)


@click.command()
@click.argument("paths", nargs=-1)
@click.option("--pack", "packs", multiple=True, metavar="NAME|PATH", help="Rule pack (as for check). Repeatable.")
@click.option("--lang", type=click.Choice(["auto", "en", "es"]), default="auto", show_default=True)
@click.option("--select", multiple=True, metavar="GLOB", help="Only rules whose id matches.")
@click.option("--ignore", multiple=True, metavar="GLOB", help="Skip rules whose id matches.")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False), metavar="FILE",
              help="Baseline file to write (default: the config's `baseline`, else .smlint-baseline.json "
                   "next to the config or here).")
@workflow_options
def baseline(paths, packs, lang, select, ignore, output, **workflow):
    """Record today's findings in .smlint-baseline.json so later runs report only new ones."""
    from smlint.baseline import DEFAULT_BASELINE
    from smlint.linter import LintOptions

    for unused in ("baseline_path", "diff_base"):
        if workflow.pop(unused, None):
            fail(f"--{unused.replace('_path', '').replace('_', '-')} makes no sense when writing a baseline")
    options = LintOptions(packs=tuple(packs), lang=lang, select=tuple(select), ignore=tuple(ignore))
    result, config = run_check(options, paths or ["."], fmt="json", for_baseline=True, **workflow)
    target = output or config.baseline or str(Path(config.root if config.path else ".") / DEFAULT_BASELINE)
    record_baseline(result.findings, result.errors, result.stats.files_checked, target)


def record_baseline(findings, errors, files_checked: int, target: str) -> None:
    """Write the baseline file ``target`` from a run (``smlint baseline``, ``smlint leads
    --write-baseline``), say so and exit 0; the files that could not be checked are listed, and
    when none could be, nothing is written (exit 2)."""
    from smlint.baseline import write_baseline

    for error in errors:
        click.echo(f"{error.path}: {error.message}", err=True)
    if errors and not files_checked:
        fail(f"nothing could be checked, so no baseline was written to {target}")
    count = run_guarded(write_baseline, findings, target)
    click.echo(f"wrote {count} finding(s) from {files_checked} file(s) to {target}")
    sys.exit(EXIT_CLEAN)
