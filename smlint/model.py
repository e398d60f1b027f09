"""The core types every part of smlint meets at: Severity, Location, Finding.

Rule kinds produce character offsets; line and column are computed once, at the edge,
by :class:`smlint.text.document.LineIndex` (STYLE.md habit 1).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that ``Severity.ERROR > Severity.WARNING``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls[value.upper()]


FAIL_LEVELS = ("error", "warning", "info", "never")


def fail_threshold(fail_on: str) -> Severity | None:
    """The lowest severity that fails a run, or None for ``never``."""
    return None if fail_on == "never" else Severity.parse(fail_on)


def rule_key(rule_id: str, language: str) -> str:
    """``en/pricing/x`` for a rule of one language, ``leads/x`` for one of ``any``."""
    return rule_id if language in ("any", "") else f"{language}/{rule_id}"


@dataclass(frozen=True, slots=True)  # slots: a run may hold 100,000s (issue 14)
class Location:
    """Where a finding is: a text span (1-based line/column, code points) or a record field.

    Text findings fill ``line``..``end_column``. Record findings (lead exports) fill
    ``row`` (the file line where the record starts, 1-based), ``field`` and ``record_id``
    and put ``row`` into ``line`` as well so every reporter can sort and point at it.
    DOCX findings have no lines: they set ``paragraph`` and a short ``context``.
    """

    path: str
    line: int = 1
    column: int = 1
    end_line: int = 1
    end_column: int = 1
    row: int | None = None
    field: str | None = None
    record_id: str | None = None
    paragraph: int | None = None
    context: str | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.end_line, self.end_column)


@dataclass(frozen=True, slots=True)  # slots: a run may hold 100,000s (issue 14)
class Fix:
    """A safe edit ``smlint check --fix`` may make: put ``replacement`` in place of the file's text
    [start, end) (character offsets into the text as read: UTF-8, a BOM dropped), which held the
    finding's ``match`` when it was checked. Only rules that mark their substitution safe give one."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)  # slots: a run may hold 100,000s (issue 14)
class Finding:
    """One problem found in one place. Frozen: suppression and reporting never mutate it."""

    rule: str
    severity: Severity
    message: str
    location: Location
    match: str = ""
    suggestion: str | None = None
    pack: str = ""
    owner: str = ""
    category: str = ""
    references: tuple[str, ...] = ()
    fingerprint: str = ""
    language: str = "any"  # the language of the rule that made it: en, es, or any
    fix: Fix | None = None  # a safe edit that resolves it (docs/packs.md, `safe: true`)

    @property
    def rule_key(self) -> str:
        """The identity of the rule that made it, language included (see :attr:`Rule.key`)."""
        return rule_key(self.rule, self.language)

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    @property
    def end_line(self) -> int:
        return self.location.end_line

    @property
    def end_column(self) -> int:
        return self.location.end_column

    def sort_key(self) -> tuple:
        return (*self.location.sort_key(), self.rule)

    def to_dict(self) -> dict:
        """Every field, flat, as documented for JSON output version 1."""
        loc = self.location
        out = {
            "rule": self.rule,
            "pack": self.pack,
            "language": self.language,
            "severity": str(self.severity),
            "message": self.message,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "end_line": loc.end_line,
            "end_column": loc.end_column,
            "match": self.match,
            "suggestion": self.suggestion,
            "owner": self.owner,
            "category": self.category,
            "references": list(self.references),
            "fingerprint": self.fingerprint,
        }
        for key in ("row", "field", "record_id", "paragraph", "context"):
            value = getattr(loc, key)
            if value is not None:
                out[key] = value
        if self.fix is not None:
            out["fix"] = self.fix.replacement
        return out


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked at all (unreadable, undecodable, broken markup).

    Reported next to findings; the run goes on with the other files.
    """

    path: str
    message: str


@dataclass
class RunStats:
    """Run metadata that reporters show: what was checked and how long it took."""

    files_checked: int = 0
    files_skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    duration: float = 0.0
    packs: tuple[str, ...] = ()
    # a few sorted examples per reason, for the summary: the extensions of files no reader handles
    skipped_examples: dict[str, list[str]] = field(default_factory=dict)
    # the paths of the files checked, in the order checked (the HTML report lists the clean ones);
    # stdin is counted in files_checked but has no path here
    checked: list[str] = field(default_factory=list)

    MAX_EXAMPLES = 5

    def check(self, path: str) -> None:
        """Count one file as checked."""
        self.files_checked += 1
        if path != "-":
            self.checked.append(path)

    def skip(self, reason: str, example: str | None = None) -> None:
        self.files_skipped += 1
        self.skipped_reasons[reason] = self.skipped_reasons.get(reason, 0) + 1
        if example:
            shown = self.skipped_examples.setdefault(reason, [])
            if example not in shown:
                shown.append(example)
                shown.sort()
                if len(shown) > self.MAX_EXAMPLES:  # keep the first ones alphabetically, say there are more
                    shown[self.MAX_EXAMPLES:] = ["…"]


@dataclass(frozen=True)
class Rule:
    """A rule as loaded from its pack: metadata plus the kind-specific ``spec``."""

    id: str            # full id: pack/rule
    pack: str
    kind: str
    severity: Severity
    message: str
    description: str
    why: str
    language: str      # en, es or any (from the pack)
    owner: str
    category: str
    suggest: str | None = None
    references: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    examples: dict = field(default_factory=dict, compare=False, hash=False)
    spec: dict = field(default_factory=dict, compare=False, hash=False)
    source: str = ""   # file:line where the rule is defined
    concepts: dict = field(default_factory=dict, compare=False, hash=False)  # the pack's own concepts

    @property
    def old_ids(self) -> tuple[str, ...]:
        """Former full ids: an alias is ``old-id`` in the same pack, or ``pack/old-id`` when the
        rule moved from another pack (``overpromise/health-claims`` → ``health/…``)."""
        return tuple(a if "/" in a else f"{self.pack}/{a}" for a in self.aliases)

    @property
    def short_id(self) -> str:
        return self.id.split("/", 1)[1]

    @property
    def key(self) -> str:
        """Its identity among all loaded rules: every id exists once per language (the en and es
        packs share ids, with their own texts, references and severities), so ``en/pricing/x`` and
        ``es/pricing/x``; a ``language: any`` rule is its id alone."""
        return rule_key(self.id, self.language)


@dataclass(frozen=True)
class Pack:
    """One YAML pack file, loaded and validated."""

    name: str
    language: str
    kind: str
    description: str
    owner: str
    path: str
    rules: tuple[Rule, ...]
    references: tuple[str, ...] = ()
    builtin: bool = False
    concepts: dict = field(default_factory=dict, compare=False, hash=False)  # name -> Concept
    extra: dict = field(default_factory=dict, compare=False, hash=False)     # example_registry …
