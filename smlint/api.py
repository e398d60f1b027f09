"""The Python API: everything the CLI does, callable from Python.

>>> from smlint import lint_text
>>> [f.rule for f in lint_text("Guaranteed results in 7 days!", lang="en")]  # doctest: +SKIP
['overpromise/guaranteed-results']
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from smlint.discover import Target, discover
from smlint.errors import SmlintError
from smlint.model import FileError, Finding, Pack, Rule, RunStats
from smlint.packs import load_packs, select_rules
from smlint.readers import BINARY_READERS, get_reader, reader_name
from smlint.text.document import Document
from smlint.text.lang import detect

__all__ = ["LintOptions", "LintResult", "Linter", "lint_text", "lint_paths", "load_packs"]


@dataclass(frozen=True)
class LintOptions:
    """What to check and how. Every field has the CLI's default."""

    packs: tuple[str, ...] = ()          # built-in names, lang/name, language folders or paths
    lang: str = "auto"                   # auto | en | es
    select: tuple[str, ...] = ()         # rule-id globs to keep
    ignore: tuple[str, ...] = ()         # rule-id globs to drop
    readers: dict = field(default_factory=dict)         # extension -> reader name
    reader_options: dict = field(default_factory=dict)  # reader name -> options
    registry: str | None = None          # claims.yaml to check copy against (docs/registry.md)
    channel: str | None = None           # web | email | sales …; None: from the path's folders
    no_inline_config: bool = False       # ignore smlint-disable/enable comments


@dataclass
class LintResult:
    findings: list[Finding]
    errors: list[FileError]
    stats: RunStats
    rules: list[Rule]


class Linter:
    """Packs loaded and compiled once, then any number of documents checked."""

    def __init__(self, options: LintOptions | None = None, packs: list[Pack] | None = None) -> None:
        self.options = options or LintOptions()
        if self.options.lang not in ("auto", "en", "es"):
            raise SmlintError(f"--lang must be auto, en or es, not {self.options.lang!r}")
        self.packs = packs if packs is not None else load_packs(self.options.packs)
        self._copy_rules = select_rules(self.packs, self.options.select, self.options.ignore)
        self._engines: dict[str, object] = {}
        self._rule_ids = None
        self.registry = _registry_checker(self.options)
        registry_rules = list(self.registry.rules.values()) if self.registry is not None else []
        self.rules = self._copy_rules + registry_rules  # what reporters describe

    def engine(self, lang: str):
        """The compiled engine for one language (its packs plus ``any`` packs)."""
        if lang not in self._engines:
            from smlint.text.engine import Engine

            self._engines[lang] = Engine([r for r in self._copy_rules if r.language in (lang, "any")])
        return self._engines[lang]

    def language_of(self, doc: Document) -> str:
        return detect(doc.view) if self.options.lang == "auto" else self.options.lang

    def check_document(self, doc: Document, lang: str | None = None) -> list[Finding]:
        findings = self.engine(lang or self.language_of(doc)).check(doc)
        if self.registry is not None:
            findings = sorted(findings + self.registry.check(doc), key=Finding.sort_key)
        if self.options.no_inline_config or not doc.comments:
            return findings
        from smlint import suppress

        return suppress.apply(doc, findings, self.rule_ids())

    def rule_ids(self):
        """Every loaded rule id (and alias), and the selected ones: what directives may name."""
        from smlint.suppress import RuleIds

        if self._rule_ids is None:
            loaded = [r for p in self.packs for r in p.rules]
            if self.registry is not None:
                loaded += list(self.registry.rules.values())
            aliases = tuple((f"{r.pack}/{a}", r.id) for r in loaded for a in r.aliases)
            known = {r.id for r in loaded} | {a for a, _ in aliases}
            self._rule_ids = RuleIds(frozenset(known), frozenset(r.id for r in self.rules), aliases)
        return self._rule_ids

    def read(self, path: str, source: str, reader: str | None = None) -> Document:
        name = reader or reader_name(path, self.options.readers) or "plaintext"
        return get_reader(name)(path, source, self.options.reader_options.get(name, {}))

    def lint_text(self, text: str, path: str = "<text>", reader: str | None = None,
                  lang: str | None = None) -> list[Finding]:
        return self.check_document(self.read(path, text, reader), lang)

    def lint_target(self, target: Target, stdin_text: str | None = None,
                    stdin_name: str | None = None) -> tuple[list[Finding], FileError | None]:
        """Check one discovered file; problems reading it become a FileError, never an exception."""
        shown = stdin_name or "-" if target.path == "-" else target.path
        if target.path == "-":
            source = stdin_text or ""
            reader = reader_name(stdin_name, self.options.readers) if stdin_name else "plaintext"
        else:
            reader = target.reader
            if reader is None:
                return [], FileError(shown, f"no reader for {Path(shown).suffix!r} files; skipped")
            try:
                source = "" if reader in BINARY_READERS else read_source(target.path)
            except SmlintError as exc:
                return [], FileError(shown, str(exc))
        if reader is None:
            return [], FileError(shown, "no reader for this file name; skipped")
        try:
            doc = self.read(shown, source, reader)
        except SmlintError as exc:
            return [], FileError(shown, str(exc))
        return self.check_document(doc), None

    def lint_paths(self, paths, stdin_text: str | None = None, stdin_name: str | None = None) -> LintResult:
        started = time.perf_counter()
        stats = RunStats(packs=tuple(sorted({p.name for p in self.packs})))
        missing: list = []
        targets = discover(paths, stats, self.options.readers, missing)
        findings: list[Finding] = []
        errors = [FileError(p, msg) for p, msg in missing]
        for target in targets:
            if target.reader is None and target.path != "-":
                stats.skip("no reader")
                continue
            found, error = self.lint_target(target, stdin_text, stdin_name)
            if error is not None:
                errors.append(error)
                continue
            stats.files_checked += 1
            findings.extend(found)
        stats.duration = time.perf_counter() - started
        return LintResult(findings, errors, stats, self.rules)


def _registry_checker(options: LintOptions):
    """The claims-registry checker when ``options.registry`` names a file, else None (no change at all)."""
    if not options.registry:
        return None
    from smlint.packs import select_rules
    from smlint.registry import RegistryChecker, load_registry, registry_pack

    rules = select_rules([registry_pack()], options.select, options.ignore)
    return RegistryChecker(load_registry(options.registry), rules, channel=options.channel)


def read_source(path: str) -> str:
    """A file's text: UTF-8 (a BOM is dropped). Unreadable or undecodable files raise SmlintError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SmlintError(f"cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SmlintError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
                          "save the file as UTF-8") from None


def lint_text(text: str, *, lang: str = "auto", packs=(), select=(), ignore=(),
              path: str = "<text>", reader: str | None = None) -> list[Finding]:
    """Check a string. ``reader`` (``markdown``, ``html`` …) defaults to one chosen by ``path``."""
    linter = Linter(LintOptions(packs=tuple(packs), lang=lang, select=tuple(select), ignore=tuple(ignore)))
    return linter.lint_text(text, path=path, reader=reader)


def lint_paths(paths, *, lang: str = "auto", packs=(), select=(), ignore=()) -> LintResult:
    """Check files and folders; see :class:`LintResult`."""
    linter = Linter(LintOptions(packs=tuple(packs), lang=lang, select=tuple(select), ignore=tuple(ignore)))
    return linter.lint_paths([str(p) for p in paths])


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
                jobs: int = 0, stdin=None):
    """Check lead exports (CSV, TSV, JSON, JSONL; ``-`` for ``stdin`` bytes) against a lead pack.

    Returns a :class:`smlint.leads.engine.LeadResult`: findings, scorecards, budget verdicts.
    """
    from smlint.leads.engine import LeadOptions, check_leads as run

    return run([str(p) for p in paths], LeadOptions(pack=pack, as_of=as_of, show_values=show_values, jobs=jobs),
               stdin)
