"""Run a lead pack over exports: stream records, check each clause, aggregate segments.

The per-record work is a pure function of the record (plus the duplicate key store and the
segment counters, both mergeable), so a big export could be split across workers; here one
process streams it. Problems with the input (ragged rows, undecodable bytes, values that do
not parse) become findings of the built-in ``leads/…`` rules and the run goes on.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from operator import itemgetter
from typing import IO

from smlint.errors import SmlintError
from smlint.leads.dates import get_zone, is_naive, parse_instant
from smlint.leads.details import translator
from smlint.leads.fields import MissingColumns, _Invalid, bind, make_parser, unbound_message
from smlint.leads.kinds import KINDS
from smlint.leads.kinds.base import Rec
from smlint.leads.masking import masker
from smlint.leads.pack import LeadPack, load_lead_pack, resolve_lead_pack
from smlint.leads.records import InputError, Unplaced, check_delimiter, choose_encoding, open_records
from smlint.leads.scorecards import FAIL, NA, NONE_SEGMENT, PASS, Segments, scorecards, verdicts
from smlint.model import FileError, Finding, Location, Rule, RunStats, Severity


def _input_rule(short: str, severity: Severity, message: str, description: str) -> Rule:
    return Rule(id=f"leads/{short}", pack="leads", kind="input", severity=severity, message=message,
                description=description, why="A record the checks cannot read is a lead nobody can work.",
                language="any", owner="marketing-ops", category="input",
                examples={}, spec={}, source="smlint/leads/engine.py")


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
TICK_ROWS = 4096  # records between two looks at how far a file has been read (the progress bar)


@dataclass(frozen=True)
class LeadOptions:
    """What ``smlint leads`` takes; every field has the CLI's default."""

    pack: str | None = None           # built-in name or path; default: hubspot
    as_of: str | None = None          # overrides the pack's as_of; default: now
    delimiter: str | None = None
    input_format: str = "auto"
    show_values: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    jobs: int = 0                     # processes for big CSV files; 0 = one per core
    max_findings: int = 0             # findings kept per rule (the rest only counted); 0 = all
    encoding: str | None = None       # None: UTF-8, or Windows-1252 when the start is not UTF-8
    records_path: str | None = None   # the key of a JSON object's records array; None: results, records, data


@dataclass
class LeadResult:
    findings: list[Finding]
    errors: list[FileError]
    stats: RunStats
    rules: list[Rule]
    scorecards: list[dict] = field(default_factory=list)
    budgets: list[dict] = field(default_factory=list)
    rows: int = 0
    omitted: dict[str, int] = field(default_factory=dict)  # rule -> findings counted, not kept
    inputs: list[dict] = field(default_factory=list)       # per file: path, format, encoding, delimiter

    @property
    def failed_budgets(self) -> list[dict]:
        return [b for b in self.budgets if not b["ok"]]


def check_leads(paths, options: LeadOptions | None = None, stdin: IO[bytes] | None = None,
                pack: LeadPack | None = None, progress=None) -> LeadResult:
    """Check lead exports (``-`` reads stdin) against a lead pack; see :class:`LeadResult`.

    ``progress`` (a :class:`smlint.progress.Progress` in bytes, sized by :func:`input_bytes`) is
    advanced as the files are read; it never changes a result."""
    options = options or LeadOptions()
    pack = pack or load_lead_pack(resolve_lead_pack(options.pack))
    run = LeadRun(pack, options, progress)
    started = time.perf_counter()
    for i, path in enumerate(paths):
        run.last_file = i == len(paths) - 1
        run.check_file(str(path), stdin)
    return run.finish(time.perf_counter() - started, str(paths[0]) if paths else "-")


def input_bytes(paths) -> int:
    """The size of the exports a progress bar measures (stdin and unreadable paths count 0)."""
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path) if str(path) != "-" else 0
        except OSError:
            pass
    return total


def _check_globs(pack: LeadPack, options: LeadOptions) -> None:
    """Each --select / --ignore glob must name a rule of the pack (exit 2 with the closest ids);
    the input checks (``leads/…``) are always on, and a glob for them says so."""
    from smlint.packs import unmatched_glob

    for option, globs in (("--select", options.select), ("--ignore", options.ignore)):
        for glob in globs:
            problem = unmatched_glob(glob, pack.rules)
            if problem and not unmatched_glob(glob, INPUT_RULES):
                problem = (f"{glob!r} names only input checks ({', '.join(r.id for r in INPUT_RULES)}), "
                           "which are always on: a record smlint cannot read is never hidden")
            if problem:
                raise SmlintError(f"{option} {problem}")


def _as_of(pack: LeadPack, override: str | None) -> float:
    """--as-of (else the pack's as_of, else now). Without a UTC offset it is read in the timezone
    the pack's dates are read in, as the agreement's clock is (a 5-hour shift otherwise for New York)."""
    text = override or pack.as_of
    where = "--as-of" if override else f"as_of in {pack.pack.path}"
    if not text:
        return time.time()
    zones = pack.timezones or ("UTC",)
    if is_naive(text) and len(zones) > 1:
        raise SmlintError(f"{where}: {text!r} has no UTC offset and the pack's dates are read in several "
                          f"timezones ({', '.join(zones)}): write one, e.g. {text.strip()[:10]}T12:00:00+02:00")
    try:
        return parse_instant(text, zones[0])
    except ValueError as exc:
        raise SmlintError(f"{where}: {exc}") from None


class LeadRun:
    """One run: compiled kinds, the segment aggregates and the findings so far."""

    def __init__(self, pack: LeadPack, options: LeadOptions, progress=None) -> None:
        from smlint.packs import select_rules

        self.pack, self.options = pack, options
        check_delimiter(options.delimiter)
        if options.encoding:
            choose_encoding(b"", options.encoding)  # an unknown codec is a usage error before any file
        self.ctx = pack.context(_as_of(pack, options.as_of))
        _check_globs(pack, options)
        self.rules = tuple(select_rules([pack.pack], options.select, options.ignore))
        if not self.rules:
            raise SmlintError(f"no rule of lead pack {pack.pack.name} is left after --select/--ignore, "
                              "so nothing would be checked")
        self.kinds = [KINDS[r.kind](r, self.ctx) for r in self.rules]
        self.segments = Segments(pack.scorecards + tuple(self._budget_by() - set(pack.scorecards)), self.rules)
        self.by_slots = [self.ctx.slots[b] for b in self.segments.by]
        self.parsers = [make_parser(f) for f in pack.fields]
        self.maskers = [None if options.show_values else masker(f.type, f.personal) for f in pack.fields]
        self.translate = translator(pack.pack.language)  # {detail} in the pack's language
        self.findings: list[Finding] = []
        self.errors: list[FileError] = []
        self.stats = RunStats(packs=(pack.pack.name,))
        self.rows = 0
        self.inputs: list[dict] = []  # how each file was read (format, encoding, delimiter)
        self.last_file = True  # parallel runs keep duplicate keys only for files still to come
        self.progress = progress  # a Progress in bytes, or None
        self._read = 0  # bytes of the current file the progress bar has counted
        self._strings: dict[str, str] = {}
        self.kept: dict[str, int] = {}
        self.totals: dict[str, int] = {}

    def _budget_by(self) -> set[str]:
        return {r.spec["budget"]["by"] for r in self.rules if r.spec.get("budget")}

    def check_file(self, path: str, stdin: IO[bytes] | None = None) -> None:
        """Check one export; an unreadable file becomes a FileError, a missing column exit 2."""
        shown = "<stdin>" if path == "-" else path
        self._read = 0
        try:
            self._check_file(path, shown, stdin)
        finally:
            self.read_to(input_bytes([path]))

    def read_to(self, position: int) -> None:
        """Advance the progress bar to ``position`` bytes of the current file."""
        if self.progress is not None and position > self._read:
            self.progress.advance(position - self._read)
            self._read = position

    def _check_file(self, path: str, shown: str, stdin) -> None:
        try:
            source = open_records(path, self.options.input_format, self.options.delimiter, stdin,
                                  self.options.encoding, self.options.records_path)
        except InputError as exc:
            self.errors.append(FileError(shown, str(exc).removeprefix(f"{path}: ")))
            return
        self.inputs.append({"path": shown, "format": source.format, "encoding": source.encoding,
                            "encoding_reason": source.encoding_reason, "delimiter": source.delimiter})
        try:
            if not source.header and source.format != "csv":
                self._headerless(shown, source)
                return
            try:
                binding = bind(list(self.pack.fields), source.header, shown)
            except MissingColumns as exc:  # this export cannot be checked; the others still are
                self.errors.append(FileError(shown, str(exc)))
                return
            unbound = self._unbound(binding)
            if unbound:
                self.errors.append(FileError(shown, unbound_message(unbound, list(self.pack.fields),
                                                                    source.header)))
            parts = self._ranges(path, source)
            before = self.totals.get(DATE_ORDER.id, 0)
            if parts:
                source.close()
                from smlint.leads.parallel import check_parallel
                check_parallel(self, path, shown, source, parts)
            else:
                self._records(shown, source, binding)
            self._date_order_error(shown, before)
            self._note_json(source)
        finally:
            source.close()
        self.stats.check(shown)

    def _note_json(self, source) -> None:
        """Where an API response kept its records, and whether it is one page of several."""
        stream = source.json_stream
        if stream is not None and stream.records_key is not None:
            self.inputs[-1]["records_key"] = stream.records_key
            if stream.next_page is not None:
                self.inputs[-1]["next_page"] = stream.next_page

    def _unbound(self, binding) -> dict[tuple[int, ...], list[str]]:
        """Field groups without a column in this export → the ids of the rules that read them."""
        out: dict[tuple[int, ...], list[str]] = {}
        for kind in self.kinds:
            for group in kind.unbound(binding.indexes):
                out.setdefault(group, []).append(kind.rule.id)
        return out

    def _headerless(self, path: str, source) -> None:
        """A JSON export whose first record is not an object (or that has none): report what
        is there instead of complaining about missing columns."""
        count = 0
        for row, _, problem in source.records:
            count += 1
            if self._keep(UNREADABLE.id):
                self.findings.append(self._input_finding(UNREADABLE, path, row, None, problem or "no fields", ""))
        if not count:
            self.errors.append(FileError(path, "no records (an empty JSON array or file)"))
        else:
            self.stats.check(path)

    def _ranges(self, path: str, source):
        """Byte ranges to check in parallel: big CSV files only, when more than one job."""
        codec = "utf-8" if source.encoding == "utf-8-sig" else source.encoding  # (the BOM is before the header)
        if path == "-" or source.format != "csv" or '"\n'.encode(codec) != b'"\n':
            return None  # ranges are cut on quote and newline bytes: ASCII-compatible encodings only
        from smlint.leads.parallel import plan

        jobs = self.options.jobs or os.cpu_count() or 1
        parts = plan(path, min(jobs, 8))
        return parts if parts and len(parts) > 1 else None

    def _records(self, path: str, source, binding) -> None:
        """The hot loop: project cells onto field slots, parse, check, count.

        Everything a record needs is a local here (bound methods, the projection as one
        ``itemgetter``), since each attribute look-up is paid a million times."""
        project = _projector(binding.indexes)
        parsers, by_slots, add = self.parsers, self.by_slots, self.segments.add
        rid_slot = self.ctx.slots.get(self.pack.record_id) if self.pack.record_id else None
        # a rule whose field has no column is not checked here (check_file reported it): it
        # counts as not applying, never as failing every record
        unchecked = {j for j, kind in enumerate(self.kinds) if kind.unbound(binding.indexes)}
        checks = [(_not_checked if j in unchecked else kind.check, kind.rule) for j, kind in enumerate(self.kinds)]
        sla = [(j, kind) for j, kind in enumerate(self.kinds) if kind.rule.kind == "sla" and j not in unchecked]
        may_fail = [s for s, f in enumerate(self.pack.fields) if f.type in _MAY_BE_INVALID]
        dated = [s for s, f in enumerate(self.pack.fields) if f.type == "datetime" and binding.indexes[s] >= 0]
        as_of = self.ctx.as_of
        position = source.position if self.progress is not None else None
        next_tick = TICK_ROWS if position is not None else float("inf")
        for row, cells, problem in source.records:
            if row >= next_tick:  # one comparison a record; the bar itself redraws ten times a second
                next_tick = row + TICK_ROWS
                self.read_to(position())
            if problem is not None:
                if self._keep(UNREADABLE.id):
                    self.findings.append(self._input_finding(UNREADABLE, path, row, None, problem, ""))
                if type(problem) is Unplaced:  # records were never read: the file was not checked
                    self.errors.append(FileError(path, f"line {row}: {problem}"))
                continue
            self.rows += 1
            raw = project(cells)
            values = [p(r) for p, r in zip(parsers, raw)]
            rid = raw[rid_slot].strip() or None if rid_slot is not None else None
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
                    self._hits(rule, path, rec, hits, binding)
                else:
                    outcome = outcome * 3 + PASS
            measured = [(j, k.measured) for j, k in sla if k.measured is not None]
            add([raw[s].strip() or NONE_SEGMENT for s in by_slots], outcome, measured)

    def _invalid(self, path: str, row: int, rid, raw: list, values: list, binding) -> None:
        for slot, value in enumerate(values):
            if type(value) is _Invalid:
                values[slot] = None
                rule = DATE_ORDER if value.other_order else INVALID_VALUE
                if not self._keep(rule.id):
                    continue
                self.findings.append(self._input_finding(
                    rule, path, row, rid, value.reason, self._shown(slot, raw[slot].strip()),
                    binding.columns[slot] or self.pack.fields[slot].name))

    def _after_as_of(self, path: str, row: int, rid, raw: list, slot: int, binding) -> None:
        if self._keep(AFTER_AS_OF.id):
            spec = self.pack.fields[slot]
            self.findings.append(self._input_finding(
                AFTER_AS_OF, path, row, rid, f"{spec.name} is after as-of ({self._as_of_text(spec)})",
                raw[slot].strip(), binding.columns[slot] or spec.name))

    def _as_of_text(self, spec) -> str:
        """as-of in the field's timezone, as the export would write it."""
        from datetime import datetime

        return datetime.fromtimestamp(self.ctx.as_of, get_zone(spec.timezone)).strftime("%Y-%m-%d %H:%M %Z")

    def _date_order_error(self, path: str, before: int) -> None:
        """A file with dates that read only day/month the other way round: the others, with a day
        of 12 or less, were read the wrong way without a sign, so the file's results are refused."""
        count = self.totals.get(DATE_ORDER.id, 0) - before
        if count <= 0:
            return
        first = next((f for f in self.findings if f.rule == DATE_ORDER.id and f.location.path == path), None)
        where = f" (the first: row {first.location.row}, {first.location.field} {first.match})" if first else ""
        self.errors.append(FileError(path, (
            f"{count} date{'s' if count > 1 else ''} of this export read only with day and month the other way "
            f"round from the pack's formats{where}: its dates with a day of 12 or less were read in the wrong "
            "order, so the SLA and staleness results for it cannot be trusted; check it with formats in the "
            'order the export writes (docs/leads.md, "Dates")')))

    def _shown(self, slot: int, value: str) -> str:
        mask = self.maskers[slot]
        return mask(value) if mask and value else value

    def _input_finding(self, rule: Rule, path, row, rid, detail, value, column=None) -> Finding:
        message = rule.message.format(detail=detail, value=value)
        return Finding(rule=rule.id, severity=rule.severity, message=message,
                       location=Location(path, line=row, end_line=row, row=row, field=column, record_id=rid),
                       match=value, pack=rule.pack, owner=rule.owner, category=rule.category,
                       fingerprint=_fingerprint(rule.id, path, rid or str(row), column or ""))

    def _hits(self, rule: Rule, path: str, rec: Rec, hits: list, binding) -> None:
        for slot, detail in hits:
            if not self._keep(rule.id):
                continue
            spec = self.pack.fields[slot]
            value = self._shown(slot, rec.raw[slot].strip())
            column = binding.columns[slot] or spec.name
            message = self._share(rule.message.format_map({"value": value, "field": spec.name,
                                                           "detail": self.translate(detail)}))
            self.findings.append(Finding(
                rule=rule.id, severity=rule.severity, message=message,
                location=Location(path, line=rec.row, end_line=rec.row, row=rec.row, field=column,
                                  record_id=rec.rid),
                match=self._share(value), suggestion=rule.suggest, pack=rule.pack, owner=rule.owner,
                category=rule.category, references=rule.references,
                fingerprint=_fingerprint(rule.id, rec.rid or rec.raw[slot].strip().casefold(), spec.name)))

    def _keep(self, rule_id: str) -> bool:
        """Count a finding of ``rule_id``; whether to keep it (``max_findings`` per rule).

        Kept findings are the first ones in file order, so memory stays bounded however many
        rows fail, while scorecards, budgets and the counts still see every record."""
        self.totals[rule_id] = self.totals.get(rule_id, 0) + 1
        cap = self.options.max_findings
        if cap and self.kept.get(rule_id, 0) >= cap:
            return False
        self.kept[rule_id] = self.kept.get(rule_id, 0) + 1
        return True

    def merge_findings(self, findings: list[Finding], totals: dict[str, int]) -> None:
        """Add a worker's findings (in file order, after the ones already here) and counts."""
        cap = self.options.max_findings
        for f in findings:
            if not cap or self.kept.get(f.rule, 0) < cap:
                self.kept[f.rule] = self.kept.get(f.rule, 0) + 1
                self.findings.append(f)
        for rule, n in totals.items():
            self.totals[rule] = self.totals.get(rule, 0) + n

    def _share(self, text: str) -> str:
        """One string object for equal texts: many findings repeat a message ("no activity for
        45 days"), and a run may hold hundreds of thousands of them."""
        shared = self._strings
        if len(shared) >= 100_000:
            shared.clear()
        return shared.setdefault(text, text)

    def finish(self, duration: float, path: str) -> LeadResult:
        budgets, budget_findings = verdicts(self.segments, path)
        self.stats.duration = duration
        rules = [*self.rules, *INPUT_RULES]
        omitted = {r: n - self.kept.get(r, 0) for r, n in sorted(self.totals.items()) if n > self.kept.get(r, 0)}
        return LeadResult(self.findings + budget_findings, self.errors, self.stats, rules,
                          scorecards(self.segments), budgets, self.rows, omitted, self.inputs)


def _not_checked(rec: Rec) -> None:
    return None


_MAY_BE_INVALID = ("datetime", "number", "enum")  # the field types whose parser can return _Invalid


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


def _fingerprint(*parts: str) -> str:
    """Stable across runs and row moves: the rule, the record (id or key value), the field."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:16]
