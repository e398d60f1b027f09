"""The Python API: everything the CLI does, callable from Python.

>>> from smlint import lint_text
>>> [f.rule for f in lint_text("Guaranteed results in 7 days!", lang="en")]  # doctest: +SKIP
['overpromise/guaranteed-results']

This module is the public facade only: the core (:class:`Linter` and its loop) lives in
:mod:`smlint.linter`, project runs in :mod:`smlint.project`, lead checks in
:mod:`smlint.leads.engine`. Import from here; nothing inside smlint imports this module.
"""
from __future__ import annotations

from smlint.errors import SmlintError
from smlint.fix import apply_fixes
from smlint.linter import Linter, LintOptions, LintResult, read_source
from smlint.model import FileError, Finding, Fix, Location, Pack, Rule, RunStats, Severity
from smlint.packs import load_packs

__all__ = ["LintOptions", "LintResult", "Linter", "lint_text", "lint_paths", "lint_project", "check_leads",
           "lead_agreement", "load_packs", "read_source", "apply_fixes", "Finding", "FileError", "Fix", "Location", "Pack", "Rule",
           "RunStats", "Severity", "SmlintError"]


def lint_text(text: str, *, lang: str = "auto", packs=(), select=(), ignore=(),
              path: str = "<text>", reader: str | None = None) -> list[Finding]:
    """Check a string. ``reader`` (``markdown``, ``html`` …) defaults to one chosen by ``path``."""
    linter = _linter(packs, lang, select, ignore)
    return linter.lint_text(text, path=path, reader=reader)


def lint_paths(paths, *, lang: str = "auto", packs=(), select=(), ignore=()) -> LintResult:
    """Check files and folders; see :class:`LintResult`."""
    linter = _linter(packs, lang, select, ignore)
    return linter.lint_paths([str(p) for p in paths])


def _linter(packs, lang: str, select, ignore) -> Linter:
    """A Linter for these options; a ``select`` / ``ignore`` glob that names no rule of the packs
    loaded (or of the registry) raises SmlintError with the closest ids, as the CLI exits 2."""
    from smlint.packs import unmatched_glob
    from smlint.registry import registry_pack

    linter = Linter(LintOptions(packs=tuple(packs), lang=lang, select=tuple(select), ignore=tuple(ignore)))
    if select or ignore:
        known = [r for p in [*linter.packs, registry_pack()] for r in p.rules]
        for option, globs in (("select", select), ("ignore", ignore)):
            for glob in globs:
                problem = unmatched_glob(glob, known)
                if problem:
                    raise SmlintError(f"{option}: {problem}")
    return linter


def lint_project(paths, *, config: str | None = None, jobs: int = 1, baseline: str | None = None,
                 diff_base: str | None = None, use_ignore_files: bool = True):
    """Check files and folders as ``smlint check`` does: the config (``config`` or the one found
    from the current folder), ignore files, per-path overrides, ``jobs`` processes, a baseline and
    a git diff base. Returns a :class:`smlint.project.ProjectResult` (a LintResult)."""
    from smlint.config import load_config
    from smlint.project import RunOptions, lint_project as run

    options = RunOptions(jobs=jobs, baseline=baseline, diff_base=diff_base, use_ignore_files=use_ignore_files)
    return run([str(p) for p in paths], load_config(config), options)


def check_leads(paths, *, pack: str | None = None, as_of: str | None = None, show_values: bool = False,
                jobs: int = 0, stdin=None, encoding: str | None = None, records_path: str | None = None,
                baseline: str | None = None):
    """Check lead exports (CSV, TSV, JSON, JSONL; ``-`` for ``stdin`` bytes) against a lead pack.

    Returns a :class:`smlint.leads.engine.LeadResult`: findings, scorecards, budget verdicts,
    ``errors`` (exports, or rules on an export, that could not be checked) and ``inputs`` (how
    each export was read). ``encoding`` and ``records_path`` are ``--encoding`` and
    ``--records-path``; ``baseline`` (a file ``smlint leads --write-baseline`` wrote) hides the
    findings it knows, as ``--baseline`` does (``baselined`` counts them).
    """
    from smlint.leads.engine import LeadOptions, check_leads as run

    options = LeadOptions(pack=pack, as_of=as_of, show_values=show_values, jobs=jobs, encoding=encoding,
                          records_path=records_path, baseline=baseline)
    return run([str(p) for p in paths], options, stdin)


def lead_agreement(pack: str | None = None, *, as_of: str | None = None, show_values: bool = False, select=(),
                   ignore=(), max_findings: int = 0):
    """A lead pack compiled once for checking batches of records elsewhere: a frozen
    :class:`smlint.leads.batch.Agreement` for :func:`smlint.leads.batch.check_batch` and
    :func:`smlint.leads.dask.check_dask` (docs/leads.md, "Running on Dask")."""
    from smlint.leads.engine import LeadOptions, compile_agreement
    from smlint.leads.pack import load_lead_pack, resolve_lead_pack

    options = LeadOptions(pack=pack, as_of=as_of, show_values=show_values, select=tuple(select),
                          ignore=tuple(ignore), max_findings=max_findings)
    return compile_agreement(load_lead_pack(resolve_lead_pack(pack)), options)
