"""Run a lead pack over exports: open each file, check its records as a batch, merge.

The checking itself is :func:`smlint.leads.batch.check_batch`, a pure function of a compiled
:class:`~smlint.leads.batch.Agreement` and a batch of records; this module is the run around it
for files on one machine (reading, per-file errors, the progress bar, several processes for a
big CSV). Problems with the input (ragged rows, undecodable bytes, values that do not parse)
become findings of the built-in ``leads/…`` rules and the run goes on.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from typing import IO

from smlint.config import Config
from smlint.errors import SmlintError
from smlint.leads.batch import (
    AFTER_AS_OF, DATE_ORDER, INPUT_RULES, INVALID_VALUE, UNREADABLE, Agreement, Batch, BatchResult, check_batch,
    fingerprint as batch_fingerprint, input_finding, merge,
)
from smlint.leads.dates import is_naive, parse_instant
from smlint.leads.fields import MissingColumns, unbound_message
from smlint.leads.keystore import position
from smlint.leads.pack import LeadPack, load_lead_pack, resolve_lead_pack
from smlint.leads.records import InputError, check_delimiter, choose_encoding, open_records
from smlint.leads.scorecards import Scorecard, Verdict, scorecards, verdicts
from smlint.model import FileError, Finding, Rule, RunStats, Severity

__all__ = ["AFTER_AS_OF", "DATE_ORDER", "INPUT_RULES", "INVALID_VALUE", "UNREADABLE", "LeadOptions", "LeadResult",
           "Suppression", "check_leads", "input_bytes", "lead_result"]


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
    baseline: str | None = None       # report only findings this baseline file does not know


@dataclass
class LeadResult:
    findings: list[Finding]
    errors: list[FileError]
    stats: RunStats
    rules: list[Rule]
    scorecards: list[Scorecard] = field(default_factory=list)
    budgets: list[Verdict] = field(default_factory=list)
    rows: int = 0
    omitted: dict[str, int] = field(default_factory=dict)  # rule -> findings counted, not kept
    inputs: list[dict] = field(default_factory=list)       # per file: path, format, encoding, delimiter
    baselined: int = 0  # findings the baseline hid
    # (rule, severity the config gave) -> findings counted, not kept, by the suppression stage's cap
    graded_omitted: dict[tuple[str, Severity], int] = field(default_factory=dict)

    def omitted_at(self, min_severity: Severity) -> dict[str, int]:
        """Rule -> findings counted, not kept, at or above ``min_severity``: with the severities
        the config gave them (they can differ per export) when the suppression stage capped them,
        else (the engine's own cap) the rules' severities."""
        if self.graded_omitted:
            out: dict[str, int] = {}
            for (rule, severity), n in self.graded_omitted.items():
                if severity >= min_severity:
                    out[rule] = out.get(rule, 0) + n
            return dict(sorted(out.items()))
        severity = {r.id: r.severity for r in self.rules}
        return {rule: n for rule, n in self.omitted.items() if severity.get(rule, Severity.ERROR) >= min_severity}

    @property
    def failed_budgets(self) -> list[Verdict]:
        return [b for b in self.budgets if not b.ok]


def check_leads(paths, options: LeadOptions | None = None, stdin: IO[bytes] | None = None,
                pack: LeadPack | None = None, progress=None, config: Config | None = None) -> LeadResult:
    """Check lead exports (``-`` reads stdin) against a lead pack; see :class:`LeadResult`.

    ``progress`` (a :class:`smlint.progress.Progress` in bytes, sized by :func:`input_bytes`) is
    advanced as the files are read; it never changes a result. ``config`` (a loaded smlint config)
    and ``options.baseline`` hide findings after checking, as for copy (:class:`Suppression`)."""
    options = options or LeadOptions()
    pack = pack or load_lead_pack(resolve_lead_pack(options.pack))
    suppression = Suppression.load(config, options.baseline, pack.rules)
    # hidden findings must not take the places --max-findings keeps: keep all, cap after hiding
    run = LeadRun(pack, replace(options, max_findings=0) if suppression else options, progress)
    started = time.perf_counter()
    for i, path in enumerate(paths):
        run.last_file = i == len(paths) - 1
        run.check_file(str(path), stdin)
    result = run.finish(time.perf_counter() - started, str(paths[0]) if paths else "-")
    return suppression.apply(result, options.max_findings) if suppression else result


@dataclass(frozen=True)
class Suppression:
    """What the config and a baseline do to lead findings once they are checked, the stage
    ``smlint check`` has too (:mod:`smlint.project`): the config's ``disable`` hides, its
    ``severity`` and ``warnings_as_errors`` change severities (top level, then the overrides whose
    ``files`` match the export), and a baseline hides what it knows. Rules never see it; the
    scorecards and budget verdicts still count every record. The input checks (``leads/…``) are
    never disabled nor re-graded (a record smlint cannot read is never hidden), but a baseline may
    know them."""

    config: Config | None = None
    baseline: str | None = None
    rules: tuple[Rule, ...] = ()
    disabled: dict = field(default_factory=dict, compare=False)  # export path -> rule ids disabled there
    known: object = field(default=None, compare=False)  # the loaded baseline (smlint.baseline.Baseline)
    regrades: bool = False  # the config has severity overrides or warnings_as_errors for pack rules
    settings: dict = field(default_factory=dict, compare=False)  # export path -> PathSettings

    @classmethod
    def load(cls, config: Config | None, baseline: str | None, rules) -> Suppression | None:
        """None when nothing could be hidden (no baseline, no ``disable`` naming a pack rule)."""
        rules = tuple(rules)
        known = None
        if baseline:
            from smlint.baseline import load_baseline

            known = load_baseline(baseline)  # a missing or broken one is an error before any export is read
        globs = () if config is None else [*config.disable, *(g for o in config.overrides for g in o.disable)]
        regrades = config is not None and (
            bool(_matching(rules, [g for g, _ in (*config.severity, *(x for o in config.overrides for x in o.severity))]))
            or config.warnings_as_errors or any(o.warnings_as_errors for o in config.overrides))
        if not baseline and not _matching(rules, globs) and not regrades:
            return None
        return cls(config, baseline, rules, known=known, regrades=regrades)

    def disabled_in(self, path: str) -> frozenset[str]:
        """The rule ids the config disables for the export ``path``."""
        if path not in self.disabled:
            globs = self.config.settings_for(path).disable if self.config is not None else ()
            self.disabled[path] = _matching(self.rules, globs)
        return self.disabled[path]

    def regraded(self, finding: Finding) -> Finding:
        """``finding`` at the severity the config gives its rule for its export (input checks as they are)."""
        if finding.rule in _INPUT_IDS:
            return finding
        if finding.path not in self.settings:
            self.settings[finding.path] = self.config.settings_for(finding.path)
        return self.settings[finding.path].adjust(finding)

    def apply(self, result: LeadResult, max_findings: int = 0) -> LeadResult:
        """``result`` with the hidden findings left out, then at most ``max_findings`` record
        findings per rule (the first ones; the rest counted in ``omitted``)."""
        findings = [f for f in result.findings if f.rule not in self.disabled_in(f.path)]
        if self.regrades:
            findings = [self.regraded(f) for f in findings]
        baselined = 0
        if self.known is not None:
            kept = self.known.new_findings(findings)
            findings, baselined = kept, len(findings) - len(kept)
        findings, omitted, graded = _capped(findings, max_findings)
        return replace(result, findings=findings, omitted=omitted, baselined=baselined, graded_omitted=graded)


_INPUT_IDS = frozenset(r.id for r in INPUT_RULES)


def _matching(rules, globs) -> frozenset[str]:
    """The ids of ``rules`` that a glob names (by id or former id)."""
    from smlint.packs import named

    return frozenset(r.id for r in rules if named(r, globs))


def _capped(findings: list[Finding],
            cap: int) -> tuple[list[Finding], dict[str, int], dict[tuple[str, Severity], int]]:
    """The first ``cap`` record findings of each rule (0: all), rule -> how many more, and
    (rule, severity) -> how many more; budget findings (no row) are never capped, as in
    :func:`lead_result`."""
    kept: dict[str, int] = {}
    omitted: dict[str, int] = {}
    graded: dict[tuple[str, Severity], int] = {}
    out = []
    for f in findings:
        if cap and f.location.row is not None and kept.get(f.rule, 0) >= cap:
            omitted[f.rule] = omitted.get(f.rule, 0) + 1
            graded[f.rule, f.severity] = graded.get((f.rule, f.severity), 0) + 1
            continue
        kept[f.rule] = kept.get(f.rule, 0) + 1
        out.append(f)
    return out, dict(sorted(omitted.items())), graded


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


def compile_agreement(pack: LeadPack, options: LeadOptions, portable: bool = False) -> Agreement:
    """The agreement ``options`` ask for: as-of, --select/--ignore, masking, max findings."""
    from smlint.packs import select_rules

    as_of = _as_of(pack, options.as_of)
    _check_globs(pack, options)
    return Agreement.compile(pack, as_of, select_rules([pack.pack], options.select, options.ignore),
                             show_values=options.show_values, max_findings=options.max_findings, portable=portable)


def lead_result(agreement: Agreement, result: BatchResult, errors: list[FileError], stats: RunStats,
                path: str, inputs: list[dict] | None = None) -> LeadResult:
    """The report of a run: the merged batches plus what follows from all of them (budgets)."""
    budgets, budget_findings = verdicts(result.segments, path)
    return LeadResult(numbered(result.findings) + budget_findings, errors, stats, [*agreement.rules, *INPUT_RULES],
                      scorecards(result.segments), budgets, result.rows, result.omitted(), inputs or [])


def numbered(findings: list[Finding]) -> list[Finding]:
    """The findings with the second and later of equal fingerprints in one export made distinct
    by their occurrence (two id-less records with the same gap), as copy fingerprints count
    occurrences: a baseline that knows two of them does not hide a third. Record order decides
    the count, so it does not depend on --jobs, and moving records does not change it."""
    seen: dict[str, int] = {}  # fingerprint -> times seen in the current export (they come export by export)
    path = None
    out = findings
    for i, f in enumerate(findings):
        if f.location.path != path:
            path = f.location.path
            seen.clear()
        n = seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
        if n > 1:
            if out is findings:
                out = list(findings)
            out[i] = replace(f, fingerprint=occurrence(f.fingerprint, n))
    return out


def occurrence(fingerprint: str, n: int) -> str:
    """The fingerprint of the ``n``-th finding with ``fingerprint`` in one export (n > 1)."""
    return batch_fingerprint(fingerprint, str(n))


class LeadRun:
    """One run over files: the agreement, the merged results so far, the keys seen so far."""

    def __init__(self, pack: LeadPack, options: LeadOptions, progress=None) -> None:
        self.pack, self.options = pack, options
        check_delimiter(options.delimiter)
        if options.encoding:
            choose_encoding(b"", options.encoding)  # an unknown codec is a usage error before any file
        self.agreement = compile_agreement(pack, options)
        self.result = self.agreement.empty()
        # The duplicate keys of every batch checked so far, one store per duplicate rule, each key at
        # its first position (positions grow with file order, so the earliest is the first seen):
        # at most one entry, so a record probes one store however many files came before.
        self.known: list = []
        self._known_own = False  # whether known[0] is this run's merged copy (safe to update in place)
        self.errors: list[FileError] = []
        self.stats = RunStats(packs=(pack.pack.name,))
        self.inputs: list[dict] = []  # how each file was read (format, encoding, delimiter)
        self.order = 0  # the place of the current file among the inputs (duplicates cite the first)
        self.last_file = True  # parallel runs keep duplicate keys only for files still to come
        self.progress = progress  # a Progress in bytes, or None
        self._read = 0  # bytes of the current file the progress bar has counted

    def check_file(self, path: str, stdin: IO[bytes] | None = None) -> None:
        """Check one export; an unreadable file becomes a FileError, a missing column exit 2."""
        shown = "<stdin>" if path == "-" else path
        self._read = 0
        try:
            self._check_file(path, shown, stdin)
        finally:
            self.read_to(input_bytes([path]))
            self.order += 1

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
                layout = self.agreement.layout(source.header, shown, self.order)
            except MissingColumns as exc:  # this export cannot be checked; the others still are
                self.errors.append(FileError(shown, str(exc)))
                return
            unbound = self.agreement.unbound(layout.binding)
            if unbound:
                self.errors.append(FileError(shown, unbound_message(unbound, list(self.pack.fields),
                                                                    source.header)))
            parts = self._ranges(path, source)
            if parts:
                source.close()
                from smlint.leads.parallel import check_parallel
                result, keys = check_parallel(self.agreement, layout, path, source, parts, tuple(self.known),
                                              self.last_file, self.read_to)
                self._remember(*keys)
            else:
                result = check_batch(self.agreement, Batch(layout, source.records, tuple(self.known)),
                                     self._ticker(source), TICK_ROWS)
                self._remember(result.keys)
                result = result.without_keys()  # the run keeps them in known, once
            self._add(result)
            self._date_order_error(shown, result)
            self._note_json(source)
        finally:
            source.close()
        self.stats.check(shown)

    def _remember(self, *stores) -> None:
        """Fold the key stores of the batches just checked into :attr:`known`."""
        for keys in stores:
            if not self.known:
                self.known = [keys]
            elif not self._known_own:
                self.known = [tuple(a.merged(b) for a, b in zip(self.known[0], keys))]
                self._known_own = True
            else:
                for acc, new in zip(self.known[0], keys):
                    acc.update_min(new)

    def _ticker(self, source):
        """The batch's progress callback: move the bar to where the reader is in the file."""
        if self.progress is None:
            return None
        where = source.position
        return lambda row: self.read_to(where())

    def _add(self, result: BatchResult) -> None:
        self.result = merge(self.result, result, self.agreement.max_findings)
        self.errors.extend(result.file_errors)

    def _note_json(self, source) -> None:
        """Where an API response kept its records, and whether it is one page of several."""
        stream = source.json_stream
        if stream is not None and stream.records_key is not None:
            self.inputs[-1]["records_key"] = stream.records_key
            if stream.next_page is not None:
                self.inputs[-1]["next_page"] = stream.next_page

    def _headerless(self, path: str, source) -> None:
        """A JSON export whose first record is not an object (or that has none): report what
        is there instead of complaining about missing columns."""
        findings, count = [], 0
        for row, _, problem in source.records:
            count += 1
            findings.append(input_finding(UNREADABLE, path, row, None, problem or "no fields", ""))
        if not count:
            self.errors.append(FileError(path, "no records (an empty JSON array or file)"))
            return
        self._add(replace(self.agreement.empty(), totals={UNREADABLE.id: count},
                          chunks=((position(self.order, findings[0].location.row), tuple(findings)),)))
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

    def _date_order_error(self, path: str, result: BatchResult) -> None:
        """A file with dates that read only day/month the other way round: the others, with a day
        of 12 or less, were read the wrong way without a sign, so the file's results are refused."""
        count = result.totals.get(DATE_ORDER.id, 0)
        if count <= 0:
            return
        first = next((f for f in result.findings if f.rule == DATE_ORDER.id), None)
        where = f" (the first: row {first.location.row}, {first.location.field} {first.match})" if first else ""
        self.errors.append(FileError(path, (
            f"{count} date{'s' if count > 1 else ''} of this export read only with day and month the other way "
            f"round from the pack's formats{where}: its dates with a day of 12 or less were read in the wrong "
            "order, so the SLA and staleness results for it cannot be trusted; check it with formats in the "
            'order the export writes (docs/leads.md, "Dates")')))

    def finish(self, duration: float, path: str) -> LeadResult:
        self.stats.duration = duration
        return lead_result(self.agreement, self.result, self.errors, self.stats, path, self.inputs)
