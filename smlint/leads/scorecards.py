"""Per-segment aggregates (owner, source, campaign …): scorecards and budget verdicts.

Each record's outcome is one integer, its rules' results as base-3 digits (per rule: 0 does
not apply, 1 passes, 2 fails); a segment keeps a Counter of outcomes, so one dict update per
segment field per record is all the hot loop pays, and memory grows with distinct outcome
patterns, not with rows.
Measured SLA times go into per-minute histograms, which give an exact median at minute
resolution in bounded memory. Aggregates of two runs add up (Counter +), so partitions of a
big export can be merged.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple, Union

from smlint.model import Finding, Location, Rule, Severity

NA, PASS, FAIL = 0, 1, 2
NONE_SEGMENT = "(none)"


@dataclass(eq=False)
class Segments:
    """Outcome counters and SLA histograms for each value of each segment field; two of them
    (of two batches) add up with :meth:`merged`."""

    by: tuple[str, ...]
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        self.outcomes: dict[str, dict[str, Counter]] = {b: defaultdict(Counter) for b in self.by}
        self.minutes: dict[str, dict[tuple[str, int], Counter]] = {b: defaultdict(Counter) for b in self.by}
        self._tables = [self.outcomes[b] for b in self.by]  # add() runs once per record

    def add(self, segments: tuple[str, ...], outcome: int, measured: list) -> None:
        """Count one record: its segment value per ``by`` field, outcomes, measured SLA hours."""
        for table, segment in zip(self._tables, segments):
            counter = table[segment]
            counter[outcome] = counter.get(outcome, 0) + 1
        for j, hours in measured:
            minute = round(hours * 60)
            for by, segment in zip(self.by, segments):
                counter = self.minutes[by][(segment, j)]
                counter[minute] = counter.get(minute, 0) + 1

    def merged(self, other: Segments) -> Segments:
        """A new Segments with the counts of both (same fields and rules)."""
        if (self.by, self.rules) != (other.by, other.rules):
            raise ValueError("segments of different agreements do not merge")
        out = Segments(self.by, self.rules)
        for mine in (self, other):
            for by in self.by:
                for segment, counter in mine.outcomes[by].items():
                    out.outcomes[by][segment].update(counter)
                for key, counter in mine.minutes[by].items():
                    out.minutes[by][key].update(counter)
        return out

    def __eq__(self, other) -> bool:
        return isinstance(other, Segments) and (self.by, self.rules) == (other.by, other.rules) and all(
            _plain(self.outcomes[b]) == _plain(other.outcomes[b]) and _plain(self.minutes[b]) == _plain(other.minutes[b])
            for b in self.by)

    def __repr__(self) -> str:
        return f"Segments(by={self.by}, {sum(map(len, self.outcomes.values()))} segments, {len(self.rules)} rules)"

    def rule_counts(self, by: str, segment: str, j: int) -> tuple[int, int]:
        """(applicable, failed) records of rule ``j`` in one segment."""
        applicable = failed = 0
        shift = 3 ** (len(self.rules) - 1 - j)
        for outcome, n in self.outcomes[by][segment].items():
            result = outcome // shift % 3
            if result != NA:
                applicable += n
                failed += n if result == FAIL else 0
        return applicable, failed

    def flagged(self, by: str, segment: str) -> int:
        """Records of a segment that fail at least one rule."""
        return sum(n for outcome, n in self.outcomes[by][segment].items() if _has_fail(outcome))


def _plain(table: dict) -> dict:
    """A table without empty counters, for comparing (defaultdicts grow on look-ups)."""
    return {k: dict(+c) for k, c in table.items() if +c}


def _has_fail(outcome: int) -> bool:
    while outcome:
        outcome, digit = divmod(outcome, 3)
        if digit == FAIL:
            return True
    return False


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _median_hours(hist: Counter) -> float | None:
    total = sum(hist.values())
    if not total:
        return None
    seen, middle = 0, (total + 1) // 2
    for minutes in sorted(hist):
        seen += hist[minutes]
        if seen >= middle:
            return round(minutes / 60, 1)
    return None  # pragma: no cover


class Column(NamedTuple):
    """A scorecard column: its id (the JSON key), the header people read, what it counts, its rule."""

    name: str
    label: str
    what: str
    rule: int


LEADS, FLAGGED = Column("leads", "Leads", "leads", -1), Column("flagged_pct", "Flagged %", "flagged", -1)
ACRONYMS = frozenset({"mql", "sql", "sla", "crm", "utm", "id"})  # words a header writes in capitals


def words(name: str, capital: bool = True) -> str:
    """A rule's short id or a field name as a header's words: ``first-touch-sla`` → ``First touch SLA``."""
    parts = [w.upper() if w.lower() in ACRONYMS else w for w in re.split(r"[-_\s]+", name) if w]
    if capital and parts and not parts[0].isupper():
        parts[0] = parts[0][:1].upper() + parts[0][1:]
    return " ".join(parts)


def segment_label(by: str) -> str:
    """The header of a scorecard's segment column: the ``owner`` field is the sales rep who owns the lead."""
    return "Owner (sales rep)" if by == "owner" else words(by)


def columns(rules: tuple[Rule, ...]) -> list[Column]:
    """The scorecard columns the rules give, between ``leads`` and ``flagged_pct``; the one
    place where each column gets its id and its label (JSON keeps the ids, people read labels)."""
    out = []
    several = sum(rule.kind == "duplicate" for rule in rules) > 1  # then each needs its own column name
    for j, rule in enumerate(rules):
        short, title = rule.short_id.replace("-", "_"), words(rule.short_id)
        if rule.kind == "gate":
            out.append(Column(f"{short}_pass_pct", f"{title} pass %", "pass", j))
        elif rule.kind == "sla":
            to = rule.spec["to"]
            out.append(Column(f"{short}_breach_pct", f"{title} breach %", "fail", j))
            out.append(Column(f"median_{to}_h", f"Median hours to {words(to, capital=False)}", "median", j))
        elif rule.kind == "duplicate":
            out.append(Column(short, title, "count", j) if several else Column("duplicates", "Duplicates", "count", j))
    return out


Cell = Union[int, float, str, None]  # a scorecard value: a count, a share or hours (None: nothing to measure)


@dataclass(frozen=True)
class ScorecardRow:
    """One segment of a scorecard: its value and a cell per column (``leads`` first,
    ``flagged_pct`` last), in the scorecard's column order."""

    segment: str
    cells: tuple[tuple[str, Cell], ...]

    def get(self, column: str) -> Cell:
        """The value of ``column`` (None when the row has no such column)."""
        return next((value for name, value in self.cells if name == column), None)

    @property
    def leads(self) -> Cell:
        return self.get(LEADS.name)

    @property
    def flagged_pct(self) -> Cell:
        return self.get(FLAGGED.name)

    def to_dict(self) -> dict:
        """As JSON output version 1 writes it: ``{"segment": …, "leads": …, <column>: …}``."""
        return {"segment": self.segment, **dict(self.cells)}


@dataclass(frozen=True)
class Scorecard:
    """The scorecard of one segment field (owner, source, campaign …): its columns (ids), the
    header people read for each, and one row per segment, the largest first."""

    by: str
    label: str                               # the segment column's header
    columns: tuple[str, ...]
    labels: tuple[tuple[str, str], ...]      # column id -> header (a column without one shows its id)
    rows: tuple[ScorecardRow, ...]

    def header(self, column: str) -> str:
        return dict(self.labels).get(column) or column

    def to_dict(self) -> dict:
        return {"by": self.by, "label": self.label, "columns": list(self.columns), "labels": dict(self.labels),
                "rows": [row.to_dict() for row in self.rows]}


@dataclass(frozen=True)
class Verdict:
    """A budget judged on one segment: ``metric`` (``fail_pct`` or ``pass_pct``) of the records
    the rule applies to, against the agreed ``limit``; ``ok`` False is a missed budget."""

    rule: str
    by: str
    segment: str
    metric: str
    value: float | None
    limit: int | float
    records: int
    failed: int
    ok: bool
    severity: Severity

    @property
    def at_most(self) -> bool:
        """A budget of failures at most (``max_fail_pct``), else of passes at least."""
        return self.metric == "fail_pct"

    def to_dict(self) -> dict:
        """As JSON output version 1 writes it (``severity`` as its name)."""
        return {"rule": self.rule, "by": self.by, "segment": self.segment, "metric": self.metric,
                "value": self.value, "limit": self.limit, "records": self.records, "failed": self.failed,
                "ok": self.ok, "severity": str(self.severity)}


def scorecards(seg: Segments) -> list[Scorecard]:
    """One scorecard per ``by`` field: columns, their labels and one row per segment (largest first)."""
    by_rule = columns(seg.rules)
    cols = [LEADS, *by_rule, FLAGGED]
    cards = []
    for by in seg.by:
        rows = [_row(seg, by, segment, by_rule) for segment in seg.outcomes[by]]
        rows.sort(key=lambda r: (-r.leads, r.segment))
        cards.append(Scorecard(by, segment_label(by), tuple(c.name for c in cols),
                               tuple((c.name, c.label) for c in cols), tuple(rows)))
    return cards


def _row(seg: Segments, by: str, segment: str, cols) -> ScorecardRow:
    counter = seg.outcomes[by][segment]
    leads = sum(counter.values())
    cells: list[tuple[str, Cell]] = [(LEADS.name, leads)]
    for name, _, what, j in cols:
        applicable, failed = seg.rule_counts(by, segment, j)
        if what == "pass":
            cells.append((name, _pct(applicable - failed, applicable)))
        elif what == "fail":
            cells.append((name, _pct(failed, applicable)))
        elif what == "count":
            cells.append((name, failed))
        else:
            cells.append((name, _median_hours(seg.minutes[by].get((segment, j), Counter()))))
    cells.append((FLAGGED.name, _pct(seg.flagged(by, segment), leads)))
    return ScorecardRow(segment, tuple(cells))


def verdicts(seg: Segments, path: str) -> tuple[list[Verdict], list[Finding]]:
    """Budget verdicts for every rule with a ``budget``; failing ones also become findings."""
    out, findings = [], []
    for j, rule in enumerate(seg.rules):
        budget = rule.spec.get("budget")
        if not budget:
            continue
        for segment in sorted(seg.outcomes[budget["by"]]):
            verdict = _verdict(seg, rule, j, budget, segment)
            if verdict is None:
                continue
            out.append(verdict)
            if not verdict.ok:
                findings.append(_budget_finding(rule, verdict, path))
    return out, findings


def _verdict(seg: Segments, rule: Rule, j: int, budget: dict, segment: str) -> Verdict | None:
    applicable, failed = seg.rule_counts(budget["by"], segment, j)
    if applicable < budget.get("min_records", 1):
        return None
    if "max_fail_pct" in budget:
        metric, value, limit = "fail_pct", _pct(failed, applicable), budget["max_fail_pct"]
        ok = value <= limit
    else:
        metric, value, limit = "pass_pct", _pct(applicable - failed, applicable), budget["min_pass_pct"]
        ok = value >= limit
    severity = Severity.parse(budget["severity"]) if "severity" in budget else rule.severity
    return Verdict(rule.id, budget["by"], segment, metric, value, limit, applicable, failed, ok, severity)


def _budget_finding(rule: Rule, v: Verdict, path: str) -> Finding:
    if v.at_most:
        text = f"{v.value}% fail ({v.failed} of {v.records}), the agreement allows at most {v.limit}%"
    else:
        text = f"{v.value}% pass ({v.records - v.failed} of {v.records}), the agreement wants at least {v.limit}%"
    return Finding(
        rule=rule.id, severity=v.severity,
        message=f"budget for {v.by} {v.segment!r}: {text}",
        location=Location(path, line=1, field=f"{v.by}={v.segment}"),
        match=v.segment, pack=rule.pack, owner=rule.owner, category="budget",
        references=rule.references, fingerprint=f"{rule.id}:budget:{v.by}:{v.segment}")
