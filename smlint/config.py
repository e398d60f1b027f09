"""Project configuration: ``smlint.yaml`` / ``.smlint.yaml`` / ``[tool.smlint]`` in ``pyproject.toml``.

Discovered from the current folder upward, stopping at the repository root (the folder that
holds ``.git``), like ruff and yamllint do, so a writer deep in ``campaigns/2026/`` gets the
project's settings. The file is validated against ``schemas/config.schema.json``; every error
names ``file:line:col`` and the key (STYLE.md habit 3). CLI flags override what it says.

Globs (``include``, ``exclude``, ``overrides[].files``) use gitignore syntax and are relative
to the folder holding the config file (the project *root*).
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from smlint.errors import ConfigError, PackError
from smlint.model import Finding, Severity
from smlint.yamlsource import Marked, format_path, load_schema, load_yaml, validate

CONFIG_NAMES = ("smlint.yaml", ".smlint.yaml", "pyproject.toml")


def compile_globs(globs) -> "object | None":
    """A gitignore-style matcher for ``globs`` (None when there are none)."""
    import pathspec

    globs = list(globs)
    return pathspec.GitIgnoreSpec.from_lines(globs) if globs else None


@dataclass(frozen=True)
class RuleGlob:
    """A rule id or glob the config names (a ``disable`` entry, a ``severity`` key) and where it
    stands, so a typo can be reported at its line once the run's packs are known."""

    glob: str
    file: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def error(self, message: str) -> ConfigError:
        return ConfigError(self.file, message, self.line, self.column, self.field)


@dataclass(frozen=True)
class Override:
    """Settings for the files that match ``files`` (later overrides win)."""

    files: tuple[str, ...]
    packs: tuple[str, ...] | None = None
    lang: str | None = None
    severity: tuple[tuple[str, str], ...] = ()
    disable: tuple[str, ...] = ()
    warnings_as_errors: bool | None = None
    readers: tuple[tuple[str, str], ...] = ()
    reader_options: tuple[tuple[str, dict], ...] = ()
    exclude: bool = False
    spec: object = field(default=None, compare=False, repr=False)

    def matches(self, rel: str) -> bool:
        return self.spec is not None and self.spec.match_file(rel)


@dataclass(frozen=True)
class PathSettings:
    """What applies to one file once the config and its overrides are merged."""

    packs: tuple[str, ...] = ()
    lang: str = "auto"
    severity: tuple[tuple[str, str], ...] = ()
    disable: tuple[str, ...] = ()
    warnings_as_errors: bool = False
    readers: tuple[tuple[str, str], ...] = ()
    reader_options: tuple[tuple[str, dict], ...] = ()
    excluded: bool = False
    brands: tuple[str, ...] = ()
    max_file_size: int | None = None

    def lint_options(self, base=None):
        """The :class:`~smlint.linter.LintOptions` a Linter for these files is built from:
        ``base`` (the command line's) with these packs, language, readers and disabled rules."""
        from smlint.linter import LintOptions

        base = base or LintOptions()
        return replace(base, packs=self.packs, lang=self.lang, ignore=tuple(base.ignore) + self.disable,
                       brands=tuple(base.brands) + tuple(b for b in self.brands if b not in base.brands),
                       readers={**base.readers, **dict(self.readers)},
                       reader_options={**base.reader_options, **dict(self.reader_options)},
                       max_file_size=base.max_file_size or self.max_file_size)  # --max-file-size wins

    def adjust(self, finding: Finding) -> Finding:
        """Apply per-rule severity overrides, then warnings-as-errors."""
        severity = finding.severity
        for glob, value in self.severity:
            if fnmatch.fnmatchcase(finding.rule, glob):
                severity = Severity.parse(value)
        if self.warnings_as_errors and severity == Severity.WARNING:
            severity = Severity.ERROR
        return finding if severity == finding.severity else replace(finding, severity=severity)


@dataclass(frozen=True)
class Config:
    """A loaded configuration. ``Config()`` is "no config file": every default."""

    path: str | None = None
    root: str = "."
    packs: tuple[str, ...] = ()
    lang: str | None = None
    fail_on: str | None = None
    min_severity: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    disable: tuple[str, ...] = ()
    warnings_as_errors: bool = False
    readers: tuple[tuple[str, str], ...] = ()
    reader_options: tuple[tuple[str, dict], ...] = ()
    registry: str | None = None
    baseline: str | None = None
    brands: tuple[str, ...] = ()
    max_file_size: int | None = None  # bytes (docs/configuration.md)
    overrides: tuple[Override, ...] = ()
    rule_globs: tuple[RuleGlob, ...] = ()  # every disable entry and severity key, with its place
    include_spec: object = field(default=None, compare=False, repr=False)
    exclude_spec: object = field(default=None, compare=False, repr=False)

    def relative(self, path: str) -> str | None:
        """``path`` relative to the root, POSIX style; None when it lies outside the root."""
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        return None if rel == ".." or rel.startswith(".." + os.sep) else Path(rel).as_posix()

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        """Whether ``include`` / ``exclude`` / an ``exclude: true`` override leaves ``path`` out."""
        if self.path is not None and not is_dir and os.path.basename(path) == os.path.basename(self.path) \
                and os.path.abspath(path) == os.path.abspath(self.path):
            return True  # the config file itself is not campaign copy
        if self.exclude_spec is None and self.include_spec is None and not any(o.exclude for o in self.overrides):
            return False
        rel = self.relative(path)
        if rel is None or rel == ".":
            return False
        probe = rel + "/" if is_dir else rel
        if self.exclude_spec is not None and self.exclude_spec.match_file(probe):
            return True
        if any(o.exclude and o.matches(probe) for o in self.overrides):
            return True
        if not is_dir and self.include_spec is not None:
            return not self.include_spec.match_file(rel)
        return False

    def settings_for(self, path: str) -> PathSettings:
        """The merged settings for one file (base config, then each matching override in order)."""
        rel = self.relative(path)
        s = PathSettings(packs=self.packs, lang=self.lang or "auto", severity=self.severity,
                         disable=self.disable, warnings_as_errors=self.warnings_as_errors,
                         readers=self.readers, reader_options=self.reader_options, brands=self.brands,
                         max_file_size=self.max_file_size)
        for o in self.overrides if rel is not None else ():
            if o.matches(rel):
                s = _apply_override(s, o)
        return s


def _apply_override(s: PathSettings, o: Override) -> PathSettings:
    """Scalars and ``packs`` replace; severity, disable and readers add to what is there."""
    return replace(
        s,
        packs=o.packs if o.packs is not None else s.packs,
        lang=o.lang or s.lang,
        severity=s.severity + o.severity,
        disable=s.disable + o.disable,
        warnings_as_errors=s.warnings_as_errors if o.warnings_as_errors is None else o.warnings_as_errors,
        readers=s.readers + o.readers,
        reader_options=s.reader_options + o.reader_options,
        excluded=s.excluded or o.exclude,
    )


# --- discovery -------------------------------------------------------------------------------

def find_config(start: str | Path = ".") -> Path | None:
    """The nearest config file from ``start`` upward, stopping at the repository root."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_smlint(candidate)):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_smlint(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[\[?\s*tool\.smlint\b", text, re.M) is not None


def load_config(path: str | Path | None = None, start: str | Path = ".") -> Config:
    """Load ``path`` (``--config``) or the discovered config; no file means ``Config()``."""
    if path is None:
        found = find_config(start)
        if found is None:
            return Config(root=str(Path(start).resolve()))
        path = found
    path = Path(path)
    if not path.is_file():
        raise ConfigError(str(path), "no such config file")
    marked = _read_marked(Path(_shown(path)))
    validate(marked, load_schema("config.schema.json"), cls=ConfigError)
    return build_config(marked, path.resolve().parent)


def _shown(path: Path) -> str:
    """``path`` as errors show it: relative to the current folder when it lies below it."""
    rel = os.path.relpath(os.path.abspath(path))
    return str(path) if rel.startswith("..") else rel


def _read_marked(path: Path) -> Marked:
    """The config data with positions, from YAML or from pyproject's ``[tool.smlint]``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), f"cannot read config: {exc}") from None
    if path.name == "pyproject.toml":
        return _read_pyproject(text, str(path))
    marked = load_yaml(text, str(path), cls=ConfigError)
    if marked.data is None:
        marked.data = {}
    if not isinstance(marked.data, dict):
        raise marked.error((), "the config must be a mapping of keys (packs, lang, fail_on …)", cls=ConfigError)
    return marked


def _read_pyproject(text: str, file: str) -> Marked:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(file, f"invalid TOML: {exc}") from None
    section = data.get("tool", {}).get("smlint", {})
    marked = Marked(section, file)
    _toml_marks(text, marked)
    return marked


_TABLE = re.compile(r"^\s*\[(\[)?\s*tool\.smlint(?:\.([A-Za-z0-9_.\"-]+))?\s*\]")
_KEY = re.compile(r"^\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.-]+)\s*=")


def _toml_marks(text: str, marked: Marked) -> None:
    """Best-effort key positions for ``[tool.smlint]`` (tomllib keeps none), so errors name a line."""
    table: tuple | None = None
    counts: dict[str, int] = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("["):
            m = _TABLE.match(line)
            table = None if m is None else _table_path(m, counts)
            if table is not None:
                marked.marks.setdefault(table, (lineno, 1))
            continue
        m = _KEY.match(line)
        if table is not None and m:
            key = m.group(1).strip("\"'")
            col = line.index(m.group(1)) + 1
            marked.key_marks[table + (key,)] = (lineno, col)
            marked.marks[table + (key,)] = (lineno, line.index("=") + 2)


def _table_path(m: re.Match, counts: dict[str, int]) -> tuple:
    sub = tuple(p.strip("\"") for p in m.group(2).split(".")) if m.group(2) else ()
    if m.group(1):  # [[tool.smlint.overrides]]: an array of tables, counted
        name = ".".join(sub)
        counts[name] = counts.get(name, -1) + 1
        return sub + (counts[name],)
    return sub


# --- building --------------------------------------------------------------------------------

def build_config(marked: Marked, root: Path) -> Config:
    """Turn validated data into a :class:`Config`; pack refs are checked now, with their line."""
    data = marked.data
    readers, reader_options = _split_readers(data.get("readers", {}))
    overrides = tuple(_build_override(marked, i, o, root) for i, o in enumerate(data.get("overrides", [])))
    return Config(
        path=marked.file,
        root=str(root),
        packs=_packs(marked, ("packs",), root) if "packs" in data else (),
        lang=data.get("lang"),
        fail_on=data.get("fail_on"),
        min_severity=data.get("min_severity"),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        severity=tuple(data.get("severity", {}).items()),
        disable=tuple(data.get("disable", ())),
        warnings_as_errors=data.get("warnings_as_errors", False),
        readers=readers,
        reader_options=reader_options,
        registry=_path(root, data.get("registry")),
        baseline=_path(root, data.get("baseline")),
        brands=tuple(data.get("brands") or ()),
        max_file_size=_size(marked),
        overrides=overrides,
        rule_globs=_rule_globs(marked),
        include_spec=compile_globs(data.get("include", ())),
        exclude_spec=compile_globs(data.get("exclude", ())),
    )


def _build_override(marked: Marked, i: int, data: dict, root: Path) -> Override:
    readers, reader_options = _split_readers(data.get("readers", {}))
    return Override(
        files=tuple(data["files"]),
        packs=_packs(marked, ("overrides", i, "packs"), root) if "packs" in data else None,
        lang=data.get("lang"),
        severity=tuple(data.get("severity", {}).items()),
        disable=tuple(data.get("disable", ())),
        warnings_as_errors=data.get("warnings_as_errors"),
        readers=readers,
        reader_options=reader_options,
        exclude=data.get("exclude", False),
        spec=compile_globs(data["files"]),
    )


def _rule_globs(marked: Marked) -> tuple[RuleGlob, ...]:
    """The rule ids and globs under ``disable`` and ``severity``, top level and in each override."""
    out = []
    scopes = [()] + [("overrides", i) for i in range(len(marked.data.get("overrides", ())))]
    for scope in scopes:
        data = _get(marked.data, scope)
        places = [((*scope, "disable", j), glob, False) for j, glob in enumerate(data.get("disable", ()))]
        places += [((*scope, "severity", glob), glob, True) for glob in data.get("severity", {})]
        for path, glob, key in places:
            line, column = marked.where(path, key=key)
            out.append(RuleGlob(glob, marked.file, line, column, format_path(path)))
    return tuple(out)


def _split_readers(readers: dict) -> tuple[tuple, tuple]:
    """``.ext: name`` entries remap extensions; ``name: {…}`` entries are that reader's options."""
    mapping = tuple((k.lower(), v) for k, v in readers.items() if k.startswith("."))
    options = tuple((k, v) for k, v in readers.items() if not k.startswith("."))
    return mapping, options


def _packs(marked: Marked, where: tuple, root: Path) -> tuple[str, ...]:
    """Pack refs with paths made relative to the config file; an unknown one is a config error."""
    from smlint.packs import resolve

    out = []
    for i, ref in enumerate(_get(marked.data, where)):
        candidate = root / ref
        value = str(candidate) if candidate.exists() else ref
        try:
            resolve([value])
        except PackError as exc:
            raise marked.error(where + (i,), exc.message, cls=ConfigError) from None
        out.append(value)
    return tuple(out)


def _size(marked: Marked) -> int | None:
    """``max_file_size`` in bytes (``20MiB``, ``500KB`` or a number of bytes)."""
    from smlint.linter import parse_size

    if "max_file_size" not in marked.data:
        return None
    try:
        return parse_size(marked.data["max_file_size"])
    except ValueError as exc:
        raise marked.error(("max_file_size",), str(exc), cls=ConfigError) from None


def _get(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def _path(root: Path, value: str | None) -> str | None:
    return None if value is None else str(root / value)
