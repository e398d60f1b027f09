"""What the language server checks an open document with: the project's own settings.

For each document, the config is discovered from the document's folder up to the repository
root, as ``smlint check`` discovers it from the current folder (:func:`smlint.config.find_config`);
the claims registry is the config's ``registry:``, else ``claims.yaml`` found from that folder
(:func:`smlint.registry.find_registry`); the baseline, per-path overrides, severities, disabled
rules, readers and ``min_severity`` apply. The check itself is :class:`smlint.project.TextChecker`,
the one ``smlint check --fix`` re-checks edited text with. No pygls in here: it is plain smlint.

A project's checker is kept while its config, registry, baseline and own pack files are unchanged
(their modification times), so an edit to ``smlint.yaml`` or to a pack applies to the next check.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from smlint.discover import TOOLING_FILES
from smlint.errors import SmlintError
from smlint.model import Finding, Rule, Severity

# The editor's language id → the extension whose reader reads it, for a document whose own
# name chooses no reader (``untitled:`` buffers, ``notes.mdown`` opened as Markdown).
LANGUAGE_EXTENSIONS = {
    "markdown": ".md", "mdx": ".mdx", "html": ".html", "plaintext": ".txt", "text": ".txt",
    "yaml": ".yaml", "json": ".json", "csv": ".csv", "tsv": ".tsv",
}


@dataclass
class Checked:
    """One check of one document's text (without its BOM) and what the editor needs from it."""

    path: str
    text: str
    bom: bool = False
    reader: str | None = None          # None: a file type smlint does not read (no diagnostics)
    findings: list[Finding] = field(default_factory=list)      # shown: at or above min_severity
    all_findings: list[Finding] = field(default_factory=list)  # every one (fixes, directive checks)
    rules: dict[str, Rule] = field(default_factory=dict)   # by Rule.key
    error: str | None = None           # config, pack, registry or reader problem, for the user
    note: str | None = None            # why nothing was checked (excluded by the config …)
    checker: object = None             # the TextChecker, to re-check edited text (quick fixes)

    def recheck(self, text: str) -> list[Finding]:
        """The findings ``text`` would have in place of this document's text (same settings)."""
        return self.checker.check(self.path, text, self.reader)


@dataclass
class _Project:
    stamp: tuple                       # ((file, mtime), …) of the files it was built from
    config: object = None
    checker: object = None
    error: str | None = None


class Projects:
    """One checker per project config, rebuilt when its config, registry or baseline changes."""

    def __init__(self) -> None:
        self._projects: dict[str, _Project] = {}

    def check(self, path: str, text: str, language_id: str | None = None) -> Checked:
        """Check ``text`` as the document at ``path`` (absolute); never raises."""
        bom = text.startswith("\ufeff")
        checked = Checked(path, text[1:] if bom else text, bom)
        project = self._project(os.path.dirname(path))
        if project.error:
            checked.error = project.error
            return checked
        config, checker = project.config, project.checker
        if os.path.basename(path) in TOOLING_FILES:  # as a folder walk skips them: settings, not copy
            checked.note = "a settings file (smlint.yaml, claims.yaml, package.json …), not copy"
            return checked
        if config.excluded(path):
            checked.note = f"excluded by {config.path}"
            return checked
        checked.reader = checker.reader(path) or _language_reader(language_id)
        if checked.reader is None or _binary(checked.reader):
            checked.reader = None
            return checked
        checked.checker = checker
        try:
            found = checker.check(path, checked.text, checked.reader)
            checked.rules = {r.key: r for r in checker.linter(path)[1].rules}
        except SmlintError as exc:
            checked.error = str(exc)
            return checked
        except Exception as exc:  # noqa: BLE001 - a bug on one document must not end the session
            checked.error = f"could not be checked: {type(exc).__name__}: {exc}"
            return checked
        floor = Severity.parse(config.min_severity or "info")
        checked.all_findings = sorted(found, key=Finding.sort_key)
        checked.findings = [f for f in checked.all_findings if f.severity >= floor]
        return checked

    def _project(self, folder: str) -> _Project:
        """The project of a document in ``folder``: its config and the claims.yaml found from
        there (looked for on every check, so a new one applies at once)."""
        from smlint.config import find_config
        from smlint.registry import find_registry

        try:
            found, claims = find_config(folder), find_registry(folder)
        except OSError:
            found, claims = None, None
        key = (str(found) if found else folder, str(claims) if claims else None)
        project = self._projects.get(key)
        if project is None or project.stamp != _stamp(f for f, _ in project.stamp):
            project = self._projects[key] = _load(found, folder, key[1])
        return project


def _load(found: Path | None, folder: str, claims: str | None) -> _Project:
    """The config at ``found`` (None: defaults rooted at ``folder``) and its TextChecker; the
    registry is the config's, else ``claims`` (the claims.yaml found from the folder)."""
    from smlint.config import load_config
    from smlint.linter import LintOptions
    from smlint.project import TextChecker, check_rule_globs

    stamp = _stamp([found])
    try:
        config = load_config(found, start=folder)
        registry = config.registry or claims
        if registry and not os.path.isfile(registry):
            return _Project(_stamp([found, registry]), error=f"registry: {registry}: no such file")
        options = LintOptions(registry=registry)
        check_rule_globs(options, config)  # a typo in `disable:` is an error, as for `smlint check`
        checker = TextChecker(config, base=options)
    except SmlintError as exc:
        return _Project(stamp, error=str(exc))
    return _Project(_stamp([found, registry, config.baseline, *_user_packs(config)]), config, checker)


def _stamp(files) -> tuple:
    """Each file (config, registry, baseline) with its modification time: what must not change
    for a loaded project to stay valid."""
    return tuple((str(f), _mtime(str(f))) for f in files if f)


def _user_packs(config) -> list[str]:
    """The pack files the config names by path (its own and its overrides'): an edit to one applies
    to the next check. Built-in packs change only with smlint itself."""
    from smlint.packs import resolve

    refs = [r for group in (config.packs, *(o.packs or () for o in config.overrides)) for r in group
            if os.path.exists(r)]
    try:
        return [str(p) for p in resolve(refs)] if refs else []
    except SmlintError:
        return []


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def _language_reader(language_id: str | None) -> str | None:
    from smlint.readers import READERS

    return READERS.get(LANGUAGE_EXTENSIONS.get(language_id or "", ""))


def _binary(reader: str) -> bool:
    from smlint.readers import BINARY_READERS

    return reader in BINARY_READERS
