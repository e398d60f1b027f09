"""A project run: config + ignore files + per-path settings + jobs + baseline + changed lines.

This is what ``smlint check`` and ``smlint baseline`` do once the options are parsed:

1. discover the files (``.smlintignore`` / ``.gitignore`` / config ``include``/``exclude``
   prune folder walks; explicit files stay unless ``force_exclude``);
2. give each file its merged settings (config, then matching ``overrides:``) and build one
   Linter per distinct set of lint options;
3. check the files with the core's one loop (:func:`smlint.linter.lint_files`: a file that
   cannot be checked is a per-file error), serially or in ``jobs`` processes (same result,
   same order);
4. apply per-rule severity overrides, then drop baselined findings and, with a diff base,
   findings outside the changed lines.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace

from smlint.config import Config, PathSettings
from smlint.discover import Target
from smlint.linter import Linter, LintOptions, LintResult, find_files, lint_files
from smlint.model import Finding, RunStats


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
    files = _targets(paths, config, run, stats, errors, stdin_name)
    check = _Check(dict(files), base, run, (stdin_text, stdin_name), progress_factory)
    found = lint_files([target for target, _ in files], check, stats, errors)
    result = ProjectResult([f for findings in found for f in findings], errors, stats, _rules(check.linters))
    _filter(result, config, run)
    stats.packs = tuple(sorted({p.name for linter in check.linters for p in linter.packs}))
    stats.duration = time.perf_counter() - started
    return result


def _targets(paths, config: Config, run: RunOptions, stats: RunStats, errors: list,
             stdin_name: str | None) -> list[tuple[Target, PathSettings]]:
    """Discovered files, each with its merged settings and the reader those settings give it."""
    from smlint.ignore import IgnoreFiles

    ignore_files = IgnoreFiles() if run.use_ignore_files else None

    def skip(path: str, is_dir: bool) -> bool:
        return config.excluded(path, is_dir) or (ignore_files is not None and ignore_files.ignored(path, is_dir))

    kept = []
    for target in find_files(paths, stats, errors, _all_readers(config), skip=skip):
        if target.explicit and target.path != "-" and run.force_exclude and skip(target.path, False):
            stats.skip("excluded")
            continue
        s = _settings(config, run, target.path if target.path != "-" else (stdin_name or "."))
        kept.append((_with_reader(target, s), s))
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


class _Check:
    """How :func:`~smlint.linter.lint_files` checks a project's files: one Linter per distinct
    settings, the files in ``run.jobs`` processes, each file's severity overrides applied."""

    def __init__(self, settings: dict[Target, PathSettings], base: LintOptions, run: RunOptions,
                 stdin: tuple[str | None, str | None], progress_factory=None) -> None:
        self.settings, self.base, self.run, self.stdin = settings, base, run, stdin
        self.progress_factory = progress_factory
        self.linters: list = []

    def __call__(self, targets: list[Target]) -> list:
        from smlint.parallel import Task, run_tasks

        settings = [self.settings[t] for t in targets]
        plan = _plan(settings, self.base)
        self.linters = plan.linters
        progress = self.progress_factory(len(targets)) if self.progress_factory else None
        tasks = [Task(target, group) for target, group in zip(targets, plan.tasks)]
        stdin_text, stdin_name = self.stdin
        try:
            results = run_tasks(plan.options, tasks, self.run.jobs, stdin_text=stdin_text, stdin_name=stdin_name,
                                linters=plan.linters, on_done=progress.advance if progress else None,
                                floor=self.run.pool_floor)
        finally:
            if progress:
                progress.close()
        return [(_adjusted(s, found), error) for s, (found, error) in zip(settings, results)]


def _adjusted(s: PathSettings, found: list[Finding] | None) -> list[Finding] | None:
    """Findings with the file's per-rule severity overrides applied."""
    return None if found is None else [s.adjust(f) for f in found]


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
        from smlint.baseline import hide_known

        result.findings, result.baselined = hide_known(result.findings, baseline_file)
    if run.diff_base:
        from smlint.gitdiff import changed_lines

        changed = changed_lines(run.diff_base)
        kept = [f for f in result.findings if changed.touches(f)]
        result.outside_diff = len(result.findings) - len(kept)
        result.findings = kept


class TextChecker:
    """Check a file's text as it would be after an edit, the way :func:`lint_project` checks that
    file: its own settings, reader and severity overrides, and the baseline (not the diff base: the
    edit is not on disk). One Linter per distinct settings, built on first use. ``smlint check
    --fix`` uses it to find the fixes a pass left out before anything is written."""

    def __init__(self, config: Config | None = None, run: RunOptions | None = None,
                 base: LintOptions | None = None) -> None:
        self.config, self.run, self.base = config or Config(), run or RunOptions(), base or LintOptions()
        self._linters: dict[str, Linter] = {}
        self._baseline = None

    def linter(self, path: str) -> tuple[PathSettings, Linter]:
        """The file's merged settings and the Linter they give (built on first use)."""
        s = _settings(self.config, self.run, path)
        options = s.lint_options(self.base)
        key = repr(options)
        if key not in self._linters:
            self._linters[key] = Linter(options)
        return s, self._linters[key]

    def reader(self, path: str) -> str | None:
        """The reader the file's settings choose by its extension (None: none reads it)."""
        from smlint.readers import reader_name

        return reader_name(path, dict(_settings(self.config, self.run, path).readers))

    def check(self, path: str, text: str, reader: str | None = None) -> list[Finding]:
        """The findings of ``text`` as the file ``path``; ``reader`` when its extension chooses none
        (the language server passes the editor's language)."""
        s, linter = self.linter(path)
        found = [s.adjust(f) for f in linter.lint_text(text, path, self.reader(path) or reader)]
        baseline_file = self.run.baseline or self.config.baseline
        if baseline_file:
            from smlint.baseline import load_baseline

            self._baseline = self._baseline or load_baseline(baseline_file)
            found = self._baseline.new_findings(found)
        return found


def check_rule_globs(options, config, also=()) -> None:
    """Each ``--select`` / ``--ignore`` glob and each ``disable`` / ``severity`` id or glob of the
    config must name a rule smlint knows, else SmlintError with the closest ids (exit 2 in the
    CLI, an error diagnostic in the language server): a typo there would otherwise check
    everything, or nothing, without a word.

    Known is wider than loaded: every built-in pack, the claims-registry rules, and every pack
    the command line, the config or one of its overrides names, the built-in lead packs (a
    config's ``disable`` applies to ``smlint leads`` too) and ``also`` (the rules of the lead pack
    a ``smlint leads`` run uses). So ``registry/*`` in a run without a registry, or the id of a
    pack only an override loads, is no error: one config serves every run. User and lead packs
    are loaded only when a glob matches nothing else."""
    from smlint.errors import SmlintError
    from smlint.packs import load_packs, unmatched_glob
    from smlint.registry import registry_pack

    wanted = [(g, lambda problem, o=option: SmlintError(f"{o} {problem}"))
              for option, globs in (("--select", options.select), ("--ignore", options.ignore)) for g in globs]
    wanted += [(ref.glob, ref.error) for ref in config.rule_globs]
    known = [*also, *(r for p in [*load_packs(), registry_pack()] for r in p.rules)] if wanted else []
    unmatched = [(glob, error) for glob, error in wanted if unmatched_glob(glob, known)]
    if unmatched:
        refs = {tuple(options.packs), config.packs, *(o.packs for o in config.overrides if o.packs)}
        known += [r for group in refs if group for p in load_packs(group) for r in p.rules]
        known += _builtin_lead_rules()
    for glob, error in unmatched:
        problem = unmatched_glob(glob, known)
        if problem:
            raise error(problem)


def _builtin_lead_rules() -> list:
    """The rules of every built-in lead pack (imported only when a config glob needs them)."""
    from smlint.leads.pack import builtin_lead_packs, load_lead_pack

    return [r for path in builtin_lead_packs() for r in load_lead_pack(path).pack.rules]
