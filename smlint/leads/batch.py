"""The lead engine as a pure function over one batch of records, and results that merge.

:class:`Agreement` is a lead pack compiled once for a run (rules kept after --select/--ignore,
their kinds, the field parsers and maskers, as-of): immutable, picklable, shared by every batch.
:func:`check_batch` checks one batch (a file, a byte range of one, a Dask or Spark partition)
and returns a :class:`BatchResult`: its findings plus the aggregates that add up — the segment
counters behind scorecards and budgets, the count of findings per rule, the first position of
every duplicate key. :func:`merge` is associative and commutative, so partitions checked
anywhere, merged in any grouping and order, give the serial result (DESIGN.md, "Scale").

Only ``duplicate`` looks across records. A batch is told the keys of what came before it
(``known``): the stores of earlier batches, or one store of every key in the input with its
first position (a record whose own position is the first is then the first). A position is the
input's ``order`` and the record's row (:func:`smlint.leads.keystore.position`).
"""
from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Callable, Iterable

from smlint.errors import SmlintError
from smlint.leads.dates import get_zone
from smlint.leads.details import translator
from smlint.leads.fields import Binding, _Invalid, bind, make_parser
from smlint.leads.keystore import KeyStore, position
from smlint.leads.loop import record_loop
from smlint.leads.kinds import KINDS
from smlint.leads.kinds.base import LeadKind, Rec
from smlint.leads.kinds.duplicate import Duplicate
from smlint.leads.masking import masker
from smlint.leads.pack import LeadPack
from smlint.leads.records import Unplaced
from smlint.leads.scorecards import FAIL, NA, NONE_SEGMENT, PASS, Segments
from smlint.model import FileError, Finding, Location, Rule, Severity

TICK_ROWS = 4096  # records between two calls of a batch's progress callback


def _input_rule(short: str, severity: Severity, message: str, description: str) -> Rule:
    return Rule(id=f"leads/{short}", pack="leads", kind="input", severity=severity, message=message,
                description=description, why="A record the checks cannot read is a lead nobody can work.",
                language="any", owner="marketing-ops", category="input",
                examples={}, spec={}, source="smlint/leads/batch.py")


UNREADABLE = _input_rule("unreadable-record", Severity.ERROR, "{detail}",
                         "A record that cannot be read: ragged row, undecodable bytes, bad JSON.")
INVALID_VALUE = _input_rule("invalid-value", Severity.WARNING, "{detail}: {value}",
                            "A value that does not parse as its field's type (date format, number, enum).")
DATE_ORDER = _input_rule("date-order", Severity.ERROR, "{detail}: {value}",
                         "A date that reads only with day and month the other way round from the pack's formats.")
AFTER_AS_OF = _input_rule("date-after-as-of", Severity.WARNING, "{detail}: {value}",
                          "A date later than as-of (now, by default): a date in the future, or a pinned as-of "
                          "that is earlier than the export.")
INPUT_RULES = (UNREADABLE, INVALID_VALUE, DATE_ORDER, AFTER_AS_OF)
_MAY_BE_INVALID = ("datetime", "number", "enum")  # the field types whose parser can return _Invalid


def portable_hash(text: str) -> int:
    """A signed 64-bit hash that is the same in every process (``hash`` is salted per process)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


@dataclass(frozen=True)
class Agreement:
    """A lead pack compiled for one run: everything a batch needs, built once, never changed.

    The kinds keep only caches (email and phone verdicts, schema results), which any batch may
    fill; what a batch accumulates lives in its :class:`BatchState`."""

    pack: LeadPack
    rules: tuple[Rule, ...]
    kinds: tuple[LeadKind, ...]
    as_of: float
    by: tuple[str, ...]                 # the segment fields of scorecards and budgets
    parsers: tuple[Callable, ...]       # per field slot: raw text -> value, None or _Invalid
    maskers: tuple[Callable | None, ...]
    max_findings: int = 0               # findings kept per rule (the rest only counted); 0 = all
    portable: bool = False              # duplicate keys hashed the same in every process
    show_values: bool = False           # personal values shown as they are, not masked
    duplicates: tuple[int, ...] = field(init=False)  # the kinds that look across records

    def __post_init__(self) -> None:
        object.__setattr__(self, "duplicates", tuple(j for j, k in enumerate(self.kinds) if isinstance(k, Duplicate)))

    @classmethod
    def compile(cls, pack: LeadPack, as_of: float, rules: Iterable[Rule] | None = None, *,
                show_values: bool = False, max_findings: int = 0, portable: bool = False) -> Agreement:
        """Compile ``rules`` (default: all the pack's) as of ``as_of`` (seconds since the epoch)."""
        rules = tuple(pack.rules if rules is None else rules)
        if not rules:
            raise SmlintError(f"no rule of lead pack {pack.pack.name} is left after --select/--ignore, "
                              "so nothing would be checked")
        ctx = pack.context(as_of)
        if portable:
            ctx = replace(ctx, key_hash=portable_hash)
        kinds = tuple(KINDS[r.kind](r, ctx) for r in rules)
        budget_by = {r.spec["budget"]["by"] for r in rules if r.spec.get("budget")}
        by = pack.scorecards + tuple(sorted(budget_by - set(pack.scorecards)))
        return cls(pack, rules, kinds, as_of, by, tuple(make_parser(f) for f in pack.fields),
                   tuple(None if show_values else masker(f.type, f.personal) for f in pack.fields),
                   max_findings, portable, show_values)

    def made_portable(self) -> Agreement:
        """This agreement with duplicate keys that mean the same in every process (Dask, Spark)."""
        if self.portable:
            return self
        return Agreement.compile(self.pack, self.as_of, self.rules, show_values=self.show_values,
                                 max_findings=self.max_findings, portable=True)

    @property
    def fields(self):
        return self.pack.fields

    @cached_property
    def translate(self) -> Callable[[str], str]:
        """``{detail}`` in the pack's language (built where it is first used: it keeps a memo)."""
        return translator(self.pack.pack.language)

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "translate"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def layout(self, header: list[str], path: str, order: int = 0) -> Layout:
        """How an export with ``header`` binds to the fields; MissingColumns for a required one."""
        return Layout(path, bind(list(self.fields), list(header), path), order)

    def unbound(self, binding: Binding) -> dict[tuple[int, ...], list[str]]:
        """Field groups without a column in this export → the ids of the rules that read them."""
        out: dict[tuple[int, ...], list[str]] = {}
        for kind in self.kinds:
            for group in kind.unbound(binding.indexes):
                out.setdefault(group, []).append(kind.rule.id)
        return out

    def clear_caches(self) -> None:
        """Let go of the memos the kinds share (email and phone verdicts)."""
        if self.kinds:
            ctx = self.kinds[0].ctx
            ctx.emails.memo.clear()
            ctx.phones.memo.clear()
            ctx.phones.verdicts.clear()

    def empty(self) -> BatchResult:
        """The result of no records: what :func:`merge` starts from."""
        return BatchResult((), (), 0, {}, Segments(self.by, self.rules), tuple(KeyStore() for _ in self.duplicates))


@dataclass(frozen=True)
class Layout:
    """How one export's columns bind to the agreement's fields, and its place among the inputs."""

    path: str           # the export as findings name it
    binding: Binding
    order: int = 0      # positions of this export's records start at order << 32


@dataclass(frozen=True)
class Batch:
    """Records to check: ``(row, cells, problem)`` each, as :mod:`smlint.leads.records` reads
    them, with the keys of what came before (per earlier batch, a store per duplicate rule)."""

    layout: Layout
    records: Iterable[tuple]
    known: tuple[tuple[KeyStore, ...], ...] = ()


@dataclass(frozen=True, eq=False)
class BatchResult:
    """What one batch (or several, merged) found.

    ``chunks`` are the findings of each batch, in record order, under the position of the batch's
    first record; ``totals`` counts every finding per rule, kept or not; ``keys`` holds, per
    duplicate rule, each key's first position."""

    chunks: tuple[tuple[int, tuple[Finding, ...]], ...]
    errors: tuple[tuple[int, FileError], ...]
    rows: int
    totals: dict[str, int]
    segments: Segments
    keys: tuple[KeyStore, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for _, chunk in self.chunks for f in chunk]

    @property
    def file_errors(self) -> list[FileError]:
        return [e for _, e in self.errors]

    def kept(self) -> dict[str, int]:
        return dict(Counter(f.rule for f in self.findings))

    def omitted(self) -> dict[str, int]:
        """Rule → findings counted but not kept (``max_findings``)."""
        kept = self.kept()
        return {r: n - kept.get(r, 0) for r, n in sorted(self.totals.items()) if n > kept.get(r, 0)}

    def without_keys(self) -> BatchResult:
        """The same result without its duplicate keys (once they are known elsewhere)."""
        return replace(self, keys=tuple(KeyStore() for _ in self.keys))

    def __eq__(self, other) -> bool:
        return isinstance(other, BatchResult) and (
            self.findings, self.file_errors, self.rows, _nonzero(self.totals), self.segments, self.keys) == (
            other.findings, other.file_errors, other.rows, _nonzero(other.totals), other.segments, other.keys)


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: n for k, n in counts.items() if n}


def merge(a: BatchResult, b: BatchResult, max_findings: int = 0) -> BatchResult:
    """Both results as one: findings in position order (at most ``max_findings`` per rule, the
    first ones), counters added, each duplicate key at its first position."""
    chunks = tuple(sorted(a.chunks + b.chunks, key=itemgetter(0)))
    if max_findings:
        chunks = _cap(chunks, max_findings)
    errors = tuple(sorted(a.errors + b.errors, key=itemgetter(0)))
    totals = dict(Counter(a.totals) + Counter(b.totals))
    keys = tuple(y if not len(x) else x if not len(y) else x.merged(y) for x, y in zip(a.keys, b.keys))
    return BatchResult(chunks, errors, a.rows + b.rows, totals, a.segments.merged(b.segments), keys)


def _cap(chunks, cap: int):
    """The chunks with only the first ``cap`` findings of each rule."""
    kept: dict[str, int] = {}
    out = []
    for start, chunk in chunks:
        keep = []
        for f in chunk:
            if kept.get(f.rule, 0) < cap:
                kept[f.rule] = kept.get(f.rule, 0) + 1
                keep.append(f)
        out.append((start, tuple(keep)))
    return tuple(out)


def merge_all(results: Iterable[BatchResult], agreement: Agreement) -> BatchResult:
    total = agreement.empty()
    for result in results:
        total = merge(total, result, agreement.max_findings)
    return total


def check_batch(agreement: Agreement, batch: Batch, progress: Callable[[int], None] | None = None,
                every: int = TICK_ROWS) -> BatchResult:
    """Check one batch of records; ``progress(row)`` is called every ``every`` records."""
    state = BatchState(agreement, batch)
    state.run(progress, every)
    return state.result()


def batch_keys(agreement: Agreement, batch: Batch) -> tuple[KeyStore, ...]:
    """The first position of every duplicate key in a batch, reading only what the keys need:
    the cheap first pass that lets the batches after it be checked apart."""
    dups = [agreement.kinds[j] for j in agreement.duplicates]
    found = tuple(KeyStore() for _ in dups)
    if not dups:
        return found
    needed = _key_slots(dups)
    binding, base = batch.layout.binding, position(batch.layout.order, 0)
    idx = [(i if i >= 0 and s in needed else None) for s, i in enumerate(binding.indexes)]
    parsers = [p if s in needed else _nothing for s, p in enumerate(agreement.parsers)]
    for row, cells, problem in batch.records:
        if problem is None:
            raw = [cells[i] if i is not None else "" for i in idx]
            rec = Rec(row, None, raw, [p(r) for p, r in zip(parsers, raw)])
            for kind, seen in zip(dups, found):
                if kind.when and not kind.applies(rec):
                    continue
                key = kind.key(rec)
                if key is not None:
                    seen.setdefault(key, base | row)
    return found


def _nothing(_) -> None:
    """A parser for a column no check reads, a check for a rule the batch skips: does nothing."""
    return None


def _key_slots(dups: list) -> set[int]:
    slots: set[int] = set()
    for kind in dups:
        slots.update(kind.slots)
        slots.update(kind.ctx.slots[c.field] for c in kind.when)
        if kind.country_slot is not None:
            slots.add(kind.country_slot)
    return slots


class BatchState:
    """What one batch accumulates while it is checked; private to :func:`check_batch`."""

    def __init__(self, agreement: Agreement, batch: Batch) -> None:
        self.agreement, self.batch = agreement, batch
        self.layout = batch.layout
        self.base = position(batch.layout.order, 0)
        self.known = batch.known
        self.keys = tuple(KeyStore() for _ in agreement.duplicates)
        self.measured: list[tuple[int, float]] = []  # (rule, hours) of the record being checked
        self.segments = Segments(agreement.by, agreement.rules)
        self.findings: list[Finding] = []
        self.errors: list[tuple[int, FileError]] = []
        self.rows = 0
        self.start: int | None = None
        self.kept: dict[str, int] = {}
        self.totals: dict[str, int] = {}
        self._strings: dict[str, str] = {}

    def result(self) -> BatchResult:
        start = self.base if self.start is None else self.start
        return BatchResult(((start, tuple(self.findings)),) if self.findings else (), tuple(self.errors),
                           self.rows, self.totals, self.segments, self.keys)

    def run(self, progress: Callable[[int], None] | None, every: int = TICK_ROWS, unrolled: bool = True) -> None:
        """The hot loop: project cells onto field slots, parse, check, count.

        Everything a record needs is a local here (bound methods, the projection as one
        ``itemgetter``), since each attribute look-up is paid a million times; what an agreement
        does not need is left out of the loop altogether (the outcome code without scorecards
        or budgets, the record id without ``record_id``). ``unrolled``: the loop written out for
        this agreement and layout (:mod:`smlint.leads.loop`); else the same steps as loops."""
        a, binding, path = self.agreement, self.layout.binding, self.layout.path
        project = _projector(binding.indexes)
        parsers, add = a.parsers, self.segments.add
        by_slots = [a.pack.slots[b] for b in a.by]
        rid_slot = a.pack.slots.get(a.pack.record_id) if a.pack.record_id else None
        # a rule whose field has no column is not checked here (the caller reports it): it
        # counts as not applying, never as failing every record
        unchecked = {j for j, kind in enumerate(a.kinds) if kind.unbound(binding.indexes)}
        checks = [(_nothing if j in unchecked else kind.for_batch(self, j), kind.rule)
                  for j, kind in enumerate(a.kinds)]
        may_fail = tuple(s for s, f in enumerate(a.fields) if f.type in _MAY_BE_INVALID)
        dated = tuple(s for s, f in enumerate(a.fields) if f.type == "datetime" and binding.indexes[s] >= 0)
        as_of, measured, hits_of = a.as_of, self.measured, self._hits
        next_tick = every if progress is not None else float("inf")
        records = iter(self.batch.records)
        for row, cells, problem in records:  # the first record: where this batch's findings start
            self.start = self.base | row
            records = itertools.chain([(row, cells, problem)], records)
            break
        if unrolled:
            loop = record_loop(len(parsers), may_fail, dated, rid_slot, len(checks), bool(by_slots))
            self.rows += loop(records, (
                project, parsers, [c for c, _ in checks], [r for _, r in checks], _Invalid, Rec, self._problem,
                self._invalid, self._after_as_of, hits_of, add, by_slots, measured, as_of, path, binding, progress,
                next_tick, every, NA, PASS, FAIL, NONE_SEGMENT))
            return
        rows = 0
        for row, cells, problem in records:
            if row >= next_tick:  # one comparison a record; the bar itself redraws ten times a second
                next_tick = row + every
                progress(row)
            if problem is not None:
                self._problem(path, row, problem)
                continue
            rows += 1
            raw = project(cells)
            values = [p(r) for p, r in zip(parsers, raw)]
            rid = (raw[rid_slot].strip() or None) if rid_slot is not None else None
            for slot in may_fail:
                if type(values[slot]) is _Invalid:
                    self._invalid(path, row, rid, raw, values, binding)
                    break
            for slot in dated:
                value = values[slot]
                if value.__class__ is float and value > as_of:
                    self._after_as_of(path, row, rid, raw, slot, binding)
            rec = Rec(row, rid, raw, values)
            outcome = 0
            for check, rule in checks:
                hits = check(rec)
                if hits is None:
                    outcome = outcome * 3 + NA
                elif hits:
                    outcome = outcome * 3 + FAIL
                    hits_of(rule, path, rec, hits, binding)
                else:
                    outcome = outcome * 3 + PASS
            if by_slots:
                add([raw[s].strip() or NONE_SEGMENT for s in by_slots], outcome, measured)
            if measured:
                measured.clear()
        self.rows += rows

    def _problem(self, path: str, row: int, problem: str) -> None:
        """A record that could not be read: a finding, and a file error when the rest was lost."""
        if self._keep(UNREADABLE.id):
            self.findings.append(input_finding(UNREADABLE, path, row, None, problem, ""))
        if type(problem) is Unplaced:  # records were never read: the file was not checked
            self.errors.append((self.base | row, FileError(path, f"line {row}: {problem}")))

    def _invalid(self, path: str, row: int, rid, raw: list, values: list, binding) -> None:
        for slot, value in enumerate(values):
            if type(value) is _Invalid:
                values[slot] = None
                rule = DATE_ORDER if value.other_order else INVALID_VALUE
                if not self._keep(rule.id):
                    continue
                self.findings.append(input_finding(
                    rule, path, row, rid, value.reason, self._shown(slot, raw[slot].strip()),
                    binding.columns[slot] or self.agreement.fields[slot].name, record_key(raw)))

    def _after_as_of(self, path: str, row: int, rid, raw: list, slot: int, binding) -> None:
        if self._keep(AFTER_AS_OF.id):
            spec = self.agreement.fields[slot]
            self.findings.append(input_finding(
                AFTER_AS_OF, path, row, rid, f"{spec.name} is after as-of ({_as_of_text(self.agreement.as_of, spec.timezone)})",
                raw[slot].strip(), binding.columns[slot] or spec.name, record_key(raw)))

    def _shown(self, slot: int, value: str) -> str:
        mask = self.agreement.maskers[slot]
        return mask(value) if mask and value else value

    def _hits(self, rule: Rule, path: str, rec: Rec, hits: list, binding) -> None:
        for slot, detail in hits:
            if not self._keep(rule.id):
                continue
            spec = self.agreement.fields[slot]
            value = self._shown(slot, rec.raw[slot].strip())
            column = binding.columns[slot] or spec.name
            message = self._share(rule.message.format_map({"value": value, "field": spec.name,
                                                           "detail": self.agreement.translate(detail)}))
            self.findings.append(Finding(
                rule=rule.id, severity=rule.severity, message=message,
                location=Location(path, line=rec.row, end_line=rec.row, row=rec.row, field=column,
                                  record_id=rec.rid),
                match=self._share(value), suggestion=rule.suggest, pack=rule.pack, owner=rule.owner,
                category=rule.category, references=rule.references,
                fingerprint=fingerprint(rule.id, self._identity(rule.id, rec, slot), spec.name)))

    def _identity(self, rule_id: str, rec: Rec, slot: int) -> str:
        """What a finding is about: what its kind says (a duplicate: the key), else the record's
        id, else the offending value, else every field of the record (:func:`record_key`)."""
        return self._kinds[rule_id].identity(rec) or rec.rid or rec.raw[slot].strip().casefold() \
            or record_key(rec.raw)

    @cached_property
    def _kinds(self) -> dict:
        """rule id -> its compiled kind (built at the first finding)."""
        return {k.rule.id: k for k in self.agreement.kinds}

    def _keep(self, rule_id: str) -> bool:
        """Count a finding of ``rule_id``; whether to keep it (``max_findings`` per rule).

        Kept findings are the first ones in record order, so memory stays bounded however many
        rows fail, while scorecards, budgets and the counts still see every record."""
        self.totals[rule_id] = self.totals.get(rule_id, 0) + 1
        cap = self.agreement.max_findings
        if cap and self.kept.get(rule_id, 0) >= cap:
            return False
        self.kept[rule_id] = self.kept.get(rule_id, 0) + 1
        return True

    def _share(self, text: str) -> str:
        """One string object for equal texts: many findings repeat a message ("no activity for
        45 days"), and a run may hold hundreds of thousands of them."""
        shared = self._strings
        if len(shared) >= 100_000:
            shared.clear()
        return shared.setdefault(text, text)


def input_finding(rule: Rule, path, row, rid, detail, value, column=None, key: str | None = None) -> Finding:
    """A finding of one of the input checks (``leads/…``); ``key`` is the :func:`record_key` of a
    record that was read (an unreadable one is known by what is wrong with it)."""
    message = rule.message.format(detail=detail, value=value)
    return Finding(rule=rule.id, severity=rule.severity, message=message,
                   location=Location(path, line=row, end_line=row, row=row, field=column, record_id=rid),
                   match=value, pack=rule.pack, owner=rule.owner, category=rule.category,
                   fingerprint=fingerprint(rule.id, rid or key or str(detail), column or ""))


def record_key(raw) -> str:
    """What identifies a record without an id: the text of all its fields. A finding's fingerprint
    uses it only when the record has no id and the offending value is empty, so moving records
    keeps their findings baselined while a new record with the same gap is new."""
    return "\x1e".join(raw)


@lru_cache(maxsize=64)
def _as_of_text(as_of: float, timezone: str) -> str:
    """as-of in a field's time zone, as the export would write it (the same for every finding)."""
    return datetime.fromtimestamp(as_of, get_zone(timezone)).strftime("%Y-%m-%d %H:%M %Z")


def _projector(indexes: tuple[int, ...]):
    """cells → the raw text of each field slot ("" for a field without a column), in one C call."""
    width = max(indexes, default=-1) + 1
    picks = [i if i >= 0 else width for i in indexes]  # a missing column reads an appended ""
    if not picks:
        return lambda cells: ()
    pick = itemgetter(*picks)
    if len(picks) == 1:
        return lambda cells: (pick(cells + [""]) if width in picks else pick(cells),)
    if width in picks:
        return lambda cells: pick([*cells[:width], ""])
    return pick


def fingerprint(*parts: str) -> str:
    """Stable across runs and row moves: the rule, the record (id, else the offending value, else
    its :func:`record_key`), the field; never the row number or the path (a baseline pairs it with
    the path relative to itself). Equal fingerprints in one file are numbered by
    `smlint.leads.engine.lead_result` (:func:`smlint.leads.engine.occurrence`)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:16]
