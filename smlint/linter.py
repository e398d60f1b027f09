"""The core: packs compiled once, and the one discover → read → check → collect loop.

Every command that checks files goes through the three steps below, so a file that cannot be
checked is turned into a :class:`~smlint.model.FileError` and counted in one place only:

- :func:`find_files` — discover; a path that does not exist becomes a FileError;
- :meth:`Linter.lint_target` — read and check one file behind one guard: whatever its reader
  or parser raises (a pyo3 ``PanicException``, ``RecursionError``, ``zlib.error`` …) becomes
  that file's FileError and the run goes on;
- :func:`lint_files` — skip files no reader handles (counted), check the rest (serially or in
  a process pool, as the caller says), and collect results and errors.

``smlint check`` (:mod:`smlint.project`), :meth:`Linter.lint_paths` and ``smlint registry
usage`` (:mod:`smlint.registry.usage`) are those three steps. Users import these names from
:mod:`smlint.api`, the public facade; nothing inside the package imports the facade.
"""
from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from smlint.discover import Target, discover, file_type
from smlint.errors import SmlintError
from smlint.model import FileError, Finding, Pack, Rule, RunStats
from smlint.packs import builtin_pack_files, load_packs, select_rules
from smlint.readers import BINARY_READERS, get_reader, reader_name
from smlint.text.document import Document
from smlint.text.lang import detect

# What one file gives: its result (findings, or what the caller's check returns) or its error.
Outcome = tuple[object, "FileError | None"]

# Never turned into a per-file error: the user or the interpreter is ending the run.
_FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)


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
    brands: tuple[str, ...] = ()         # the advertiser's brand and product names: {brand} in packs
    max_file_size: int | None = None     # bytes read at most per file; None: DEFAULT_MAX_FILE_SIZE


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
        self._own_packs = packs is None  # loaded from files here: the engine cache may be used
        self.packs = packs if packs is not None else load_packs(self.options.packs)
        self._copy_rules = select_rules(self.packs, self.options.select, self.options.ignore)
        self._engines: dict[str, object] = {}
        self._rule_ids = None
        registry = _registry(self.options)
        self.concepts = _concepts(self.packs, self.options, registry)
        self.registry = _registry_checker(registry, self.options, self.concepts)
        registry_rules = list(self.registry.rules.values()) if self.registry is not None else []
        self.rules = self._copy_rules + registry_rules  # what reporters describe

    def engine(self, lang: str):
        """The compiled engine for one language (its packs plus ``any`` packs)."""
        if lang not in self._engines:
            from smlint.text import enginecache

            key = self._engine_key(lang)
            rules = [r for r in self.rules if r.language in (lang, "any")]
            engine = enginecache.load(key, shared=rules)
            if engine is None:
                from smlint.text.engine import Engine

                engine = Engine(rules, self.concepts, registry=self.registry)
                if key is not None:
                    engine.literals()  # kept with it: the first documents of every run read them
                    enginecache.save(key, engine, shared=rules)
            self._engines[lang] = engine
        return self._engines[lang]

    def _engine_key(self, lang: str) -> str | None:
        """The engine cache's key (:mod:`smlint.text.enginecache`) when the engine depends only on
        pack and concept files: the packs were loaded here, and there is no claims registry."""
        if not self._own_packs or self.registry is not None:
            return None
        from smlint.text.enginecache import engine_key

        files = [p.path for p in self.packs] + [str(f) for f in builtin_pack_files("concepts")]
        return engine_key(lang, self.options, files)

    def prepare(self) -> None:
        """Compile the engine of every language this Linter may check (``--lang auto``: both),
        prefilter Sets included (a pool of workers is about to check many files)."""
        for lang in (("en", "es") if self.options.lang == "auto" else (self.options.lang,)):
            self.engine(lang).build_sets()

    def language_of(self, doc: Document) -> str:
        return detect(doc.view, doc.shadow) if self.options.lang == "auto" else self.options.lang

    def check_document(self, doc: Document, lang: str | None = None) -> list[Finding]:
        findings = self.engine(lang or self.language_of(doc)).check(doc)
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
            aliases = tuple((old, r.id) for r in loaded for old in r.old_ids)
            known = {r.id for r in loaded} | {a for a, _ in aliases}
            self._rule_ids = RuleIds(frozenset(known), frozenset(r.id for r in self.rules), aliases)
        return self._rule_ids

    def read(self, path: str, source: str, reader: str | None = None) -> Document:
        name = reader or reader_name(path, self.options.readers) or "plaintext"
        return get_reader(name)(path, source, self.options.reader_options.get(name, {}))

    def lint_text(self, text: str, path: str = "<text>", reader: str | None = None,
                  lang: str | None = None) -> list[Finding]:
        return self.check_document(self.read(path, text, reader), lang)

    def lint_target(self, target: Target, stdin_text: str | None = None, stdin_name: str | None = None,
                    check: Callable[[Document], object] | None = None) -> Outcome:
        """Read and check one discovered file (``check`` defaults to :meth:`check_document`).

        The guard of the loop: whatever goes wrong with this one file becomes its FileError (path
        and reason, no traceback), never an exception, so every other file is still checked. Only
        an SmlintError from the check (a pack that does not compile) ends the run, once."""
        doc = self.read_target(target, stdin_text, stdin_name)
        if isinstance(doc, FileError):
            return None, doc
        try:
            return (check or self.check_document)(doc), None
        except (SmlintError, *_FATAL):
            raise
        except BaseException as exc:  # noqa: BLE001 - a bug met on one file must not hide the others
            return None, FileError(doc.path, f"could not be checked: {type(exc).__name__}: {_reason(exc)}")

    def read_target(self, target: Target, stdin_text: str | None = None,
                    stdin_name: str | None = None) -> Document | FileError:
        """One discovered file (or stdin) as a Document, or the FileError that says why it is not one."""
        shown = (stdin_name or "-") if target.path == "-" else target.path
        reader = None
        try:
            reader = _reader_of(target, stdin_name, self.options.readers)
            size = self.options.max_file_size or DEFAULT_MAX_FILE_SIZE
            return self.read(shown, _source_of(target, reader, stdin_text, size), reader)
        except SmlintError as exc:  # already a message for the user (not UTF-8, bad YAML …)
            return FileError(shown, str(exc))
        except _FATAL:
            raise
        except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException derives from BaseException
            return FileError(shown, f"could not be read as {reader}: {_reason(exc)}")

    def lint_paths(self, paths, stdin_text: str | None = None, stdin_name: str | None = None) -> LintResult:
        started = time.perf_counter()
        stats = RunStats(packs=tuple(sorted({p.name for p in self.packs})))
        errors: list[FileError] = []
        targets = find_files(paths, stats, errors, self.options.readers)
        found = lint_files(targets, lambda kept: (self.lint_target(t, stdin_text, stdin_name) for t in kept),
                           stats, errors)
        stats.duration = time.perf_counter() - started
        return LintResult([f for findings in found for f in findings], errors, stats, self.rules)


def find_files(paths, stats: RunStats, errors: list[FileError], readers: dict[str, str] | None = None,
               skip=None) -> list[Target]:
    """Discover the files under ``paths`` (see :func:`smlint.discover.discover`); each path that
    does not exist is appended to ``errors``."""
    missing: list = []
    found = discover(paths, stats, readers, missing, skip=skip)
    errors.extend(FileError(path, message) for path, message in missing)
    return found


def lint_files(targets: list[Target], check_many: Callable[[list[Target]], Iterable[Outcome]],
               stats: RunStats, errors: list[FileError]) -> list:
    """The loop: the result of each file that was checked, in order.

    Files no reader handles are skipped (counted in ``stats``); ``check_many`` checks the rest,
    one Outcome per file in the same order (serially, or in worker processes); each file that
    could not be checked is appended to ``errors``, each one checked counts in ``stats``."""
    kept = [t for t in targets if _has_reader(t, stats)]
    results = []
    for target, (result, error) in zip(kept, check_many(kept)):
        if error is not None:
            errors.append(error)
            continue
        stats.check(target.path)
        results.append(result)
    return results


def _has_reader(target: Target, stats: RunStats) -> bool:
    if target.reader is None and target.path != "-":
        stats.skip("no reader", file_type(target.path))
        return False
    return True


def _reader_of(target: Target, stdin_name: str | None, readers: dict[str, str]) -> str:
    """The reader for a target (stdin: by ``--stdin-filename``); none is a clear error."""
    if target.path != "-":
        if target.reader is None:
            raise SmlintError(f"no reader for {Path(target.path).suffix!r} files; skipped")
        return target.reader
    reader = reader_name(stdin_name, readers) if stdin_name else "plaintext"
    if reader is None:
        raise SmlintError("no reader for this file name; skipped")
    return reader


def _source_of(target: Target, reader: str, stdin_text: str | None, max_size: int) -> str:
    if target.path == "-":
        return stdin_text or ""
    if reader in BINARY_READERS:  # the reader opens the file itself: check what it will open
        check_file(target.path, max_size)
        return ""
    return read_source(target.path, max_size)


def _reason(exc: BaseException) -> str:
    """A one-line reason for an exception a parser raised: its message, else its type."""
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)  # KeyError quotes its key
    return " ".join(text.split()) or type(exc).__name__


def _registry(options: LintOptions):
    """The claims registry ``options.registry`` names, loaded and validated, or None."""
    if not options.registry:
        return None
    from smlint.registry import load_registry

    return load_registry(options.registry)


def _concepts(packs, options: LintOptions, registry):
    """The run's concepts: built-in, the user concept files among ``packs``, and the brand names
    (options, then the claims registry's ``brands``) that ``{brand}`` and ``{advertiser}`` match."""
    from smlint.packs import load_concepts
    from smlint.text.concepts import ConceptStore

    brands = list(options.brands)
    if registry is not None:
        brands += [b for b in registry.brands if b not in brands]
    return ConceptStore(load_concepts(packs), brands)


def _registry_checker(registry, options: LintOptions, concepts):
    """The registry checker and its rules (whatever ``--pack`` says) when there is a registry, else
    None: without a registry nothing changes."""
    if registry is None:
        return None
    from smlint.registry import RegistryChecker, registry_pack

    rules = select_rules([registry_pack()], options.select, options.ignore)
    return RegistryChecker(registry, rules, channel=options.channel, concepts=concepts)


# What one file may be, at most, unless the config's ``max_file_size`` or ``--max-file-size`` says
# otherwise. Copy is small (the largest of the 908 real website files in ../realcontent is 59 KiB);
# the bound is there so that a stray export, a log or ``/dev/zero`` is reported, not read until
# memory runs out (issue 12). At the readers' measured speeds (bench/README.md) 20 MiB is about 2 s
# of Markdown and 8 s of YAML.
DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a named pipe must not wait for a writer
_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_source(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """A file's text: UTF-8 (a BOM is dropped), read once and at most ``max_size`` bytes of it.

    Unreadable, undecodable, too large and special files (a named pipe, a device: reading one
    could block for ever or never end) raise SmlintError with the reason."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError as exc:
        check_file(path, max_size)  # a socket cannot even be opened: say what it is
        raise SmlintError(f"cannot read: {exc.strerror or exc}") from None
    with open(fd, "rb", closefd=True) as fh:
        try:
            _check_stat(os.fstat(fd), max_size)
            data = fh.read(max_size + 1)  # the size on disk may lie (/proc) or grow while read
        except OSError as exc:
            raise SmlintError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_size:
        raise SmlintError(f"larger than max_file_size (more than {format_size(max_size)}); not read: "
                          "raise max_file_size in the config or --max-file-size, or exclude the file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SmlintError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}); "
                          "save the file as UTF-8") from None


def check_file(path: str, max_size: int = DEFAULT_MAX_FILE_SIZE) -> None:
    """SmlintError unless ``path`` is a regular file of at most ``max_size`` bytes (for readers
    that open files themselves, such as DOCX)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise SmlintError(f"cannot read: {exc.strerror or exc}") from None
    _check_stat(info, max_size)


def _check_stat(info: os.stat_result, max_size: int) -> None:
    for test, kind in _SPECIAL_KINDS:
        if test(info.st_mode):
            raise SmlintError(f"not a regular file ({kind}), so not read: reading it could block or never "
                              "end (to check text from a pipe, use `-`)")
    if info.st_size > max_size:
        raise SmlintError(f"larger than max_file_size ({format_size(info.st_size)} > {format_size(max_size)}); "
                          "not read: raise max_file_size in the config or --max-file-size, or exclude the file")


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(b(?:ytes?)?|[kmg]i?b)?\s*", re.I)
_UNITS = {"b": 1, "byte": 1, "bytes": 1, "kb": 1000, "kib": 1024, "mb": 1000 ** 2, "mib": 1024 ** 2,
          "gb": 1000 ** 3, "gib": 1024 ** 3}


def parse_size(value) -> int:
    """Bytes from ``20971520``, ``"20 MiB"``, ``"500KB"`` (KB = 1,000 bytes, KiB = 1,024); ValueError
    for anything else, or a size under one byte."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        m = _SIZE.fullmatch(str(value))
        if m is None:
            raise ValueError(f"{value!r} is not a size (write e.g. 20MiB, 500KB or a number of bytes)")
        size = int(float(m.group(1)) * _UNITS[(m.group(2) or "b").lower()])
    if size < 1:
        raise ValueError(f"{value!r} is not a size of at least one byte")
    return size


def format_size(size: int) -> str:
    """``20971520`` → ``20 MiB``, ``500000`` → ``500 KB`` (exact units, as a user writes them), else
    ``1600`` → ``1.6 KiB``, ``300`` → ``300 bytes``."""
    units = (("GiB", 1024 ** 3), ("GB", 1000 ** 3), ("MiB", 1024 ** 2), ("MB", 1000 ** 2),
             ("KiB", 1024), ("KB", 1000))
    for unit, factor in units:
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    for unit, factor in units[::2]:
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
