"""A project run: config + ignore files + per-path settings + jobs + baseline + changed lines.

This is what ``smlint check`` and ``smlint baseline`` do once the options are parsed:

1. discover the files (``.smlintignore`` / ``.gitignore`` / config ``include``/``exclude``
   prune folder walks; explicit files stay unless ``force_exclude``);
2. give each file its merged settings (config, then matching ``overrides:``) and build one
   Linter per distinct set of lint options;
3. check the files, serially or in ``jobs`` processes (same result, same order);
4. apply per-rule severity overrides, then drop baselined findings and, with a diff base,
   findings outside the changed lines.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

from smlint.api import LintOptions, LintResult
from smlint.config import Config, PathSettings
from smlint.discover import Target, discover
from smlint.model import FileError, Finding, RunStats


@dataclass(frozen=True)
class RunOptions:
    """What the command line adds to (or overrides in) the config. None: take the config's."""

    packs: tuple[str, ...] | None = None
    lang: str | None = None
    use_ignore_files: bool = True
    force_exclude: bool = False
    jobs: int = 1
    baseline: str | None = None
    diff_base: str | None = None
    pool_floor: object = None  # smlint.parallel.Floor: least work per process (tests force a pool)


@dataclass
class ProjectResult(LintResult):
    """A LintResult plus what the workflow filters hid."""

    baselined: int = 0
    outside_diff: int = 0


def lint_project(paths, config: Config | None = None, run: RunOptions | None = None, *,
                 base: LintOptions | None = None, stdin_text: str | None = None,
                 stdin_name: str | None = None, progress_factory=None) -> ProjectResult:
    """Check ``paths`` the way ``smlint check`` does, configuration and all.

    ``base`` carries the command line's lint options (``select``, ``ignore`` and whatever other
    features add); each file's settings replace its packs, language, readers and add disables."""
    config, run, base = config or Config(), run or RunOptions(), base or LintOptions()
    started = time.perf_counter()
    stats, errors = RunStats(), []
    targets, settings = [], []
    for target in _targets(paths, config, run, stats, errors):
        s = _settings(config, run, target.path if target.path != "-" else (stdin_name or "."))
        target = _with_reader(target, s)
        if target.reader is None and target.path != "-":
            stats.skip("no reader")
            continue
        targets.append(target)
        settings.append(s)
    plan = _plan(settings, base)
    progress = progress_factory(len(targets)) if progress_factory else None
    results = _check(targets, plan, run, stdin_text, stdin_name, progress)
    findings = _collect(targets, settings, results, stats, errors)
    result = ProjectResult(findings, errors, stats, _rules(plan.linters))
    _filter(result, config, run)
    stats.packs = tuple(sorted({p.name for linter in plan.linters for p in linter.packs}))
    stats.duration = time.perf_counter() - started
    return result


def _targets(paths, config: Config, run: RunOptions, stats: RunStats, errors: list) -> list[Target]:
    """Discovered files, each with the reader its own settings give it."""
    from smlint.ignore import IgnoreFiles

    ignore_files = IgnoreFiles() if run.use_ignore_files else None

    def skip(path: str, is_dir: bool) -> bool:
        return config.excluded(path, is_dir) or (ignore_files is not None and ignore_files.ignored(path, is_dir))

    missing: list = []
    readers = _all_readers(config)
    found = discover(paths, stats, readers, missing, skip=skip)
    errors.extend(FileError(p, msg) for p, msg in missing)
    kept = []
    for target in found:
        if target.explicit and target.path != "-" and run.force_exclude and skip(target.path, False):
            stats.skip("excluded")
            continue
        kept.append(target)
    return kept


def _all_readers(config: Config) -> dict[str, str]:
    """Every extension any part of the config maps, so a walk finds files an override reads."""
    out = dict(config.readers)
    for o in config.overrides:
        out.update(o.readers)
    return out


def _settings(config: Config, run: RunOptions, path: str) -> PathSettings:
    """The file's merged settings (stdin: by ``--stdin-filename``); CLI ``--pack`` / ``--lang`` win."""
    s = config.settings_for(path)
    if run.packs is not None:
        s = replace(s, packs=run.packs)
    if run.lang is not None:
        s = replace(s, lang=run.lang)
    return s


def _with_reader(target: Target, s: PathSettings) -> Target:
    """The target with the reader its own settings choose (an override may remap extensions)."""
    from smlint.readers import reader_name

    if target.path == "-" or (target.reader is None and not target.explicit):
        return target  # a walk leaves files without an extension alone
    return replace(target, reader=reader_name(target.path, dict(s.readers)))


@dataclass
class Plan:
    """One Linter (and its options) per distinct settings, and each file's group and reader."""

    options: list
    linters: list
    tasks: list


def _plan(settings: list[PathSettings], base: LintOptions) -> Plan:
    """Group files by lint options and build each group's Linter now (pack errors → exit 2 early)."""
    from smlint.api import Linter

    groups: dict[str, int] = {}
    plan = Plan([], [], [])
    for s in settings:
        options = s.lint_options(base)
        key = repr(options)
        if key not in groups:
            groups[key] = len(plan.options)
            plan.options.append(options)
            plan.linters.append(Linter(options))
        plan.tasks.append(groups[key])
    return plan


def _check(targets, plan: Plan, run: RunOptions, stdin_text, stdin_name, progress) -> list:
    from smlint.parallel import Task, run_tasks

    tasks = [Task(target, group) for target, group in zip(targets, plan.tasks)]
    try:
        return run_tasks(plan.options, tasks, run.jobs, stdin_text=stdin_text, stdin_name=stdin_name,
                         linters=plan.linters, on_done=progress.advance if progress else None,
                         floor=run.pool_floor)
    finally:
        if progress:
            progress.close()


def _collect(targets, settings, results, stats: RunStats, errors: list) -> list[Finding]:
    """Findings with severity overrides applied; unreadable files become errors, as in lint_paths."""
    findings: list[Finding] = []
    for target, s, (found, error) in zip(targets, settings, results):
        if error is not None:
            errors.append(error)
            continue
        stats.files_checked += 1
        findings.extend(s.adjust(f) for f in found)
    return findings


def _rules(linters) -> list:
    """The rules of every group, once each (reporters list them, e.g. SARIF's driver.rules)."""
    seen, out = set(), []
    for linter in linters:
        for rule in linter.rules:
            if (rule.id, rule.language) not in seen:
                seen.add((rule.id, rule.language))
                out.append(rule)
    return out


def _filter(result: ProjectResult, config: Config, run: RunOptions) -> None:
    """Drop baselined findings, then (with a diff base) those outside the changed lines."""
    baseline_file = run.baseline or config.baseline
    if baseline_file:
        from smlint.baseline import load_baseline

        kept = load_baseline(baseline_file).new_findings(result.findings)
        result.baselined = len(result.findings) - len(kept)
        result.findings = kept
    if run.diff_base:
        from smlint.gitdiff import changed_lines

        changed = changed_lines(run.diff_base)
        kept = [f for f in result.findings if changed.touches(f)]
        result.outside_diff = len(result.findings) - len(kept)
        result.findings = kept
