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
from typing import NamedTuple

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


def scorecards(seg: Segments) -> list[dict]:
    """One scorecard per ``by`` field: columns, their labels and one row per segment (largest first)."""
    by_rule = columns(seg.rules)
    cols = [LEADS, *by_rule, FLAGGED]
    cards = []
    for by in seg.by:
        rows = [_row(seg, by, segment, by_rule) for segment in seg.outcomes[by]]
        rows.sort(key=lambda r: (-r["leads"], r["segment"]))
        cards.append({"by": by, "label": segment_label(by), "columns": [c.name for c in cols],
                      "labels": {c.name: c.label for c in cols}, "rows": rows})
    return cards


def _row(seg: Segments, by: str, segment: str, cols) -> dict:
    counter = seg.outcomes[by][segment]
    leads = sum(counter.values())
    row: dict = {"segment": segment, "leads": leads}
    for name, _, what, j in cols:
        applicable, failed = seg.rule_counts(by, segment, j)
        if what == "pass":
            row[name] = _pct(applicable - failed, applicable)
        elif what == "fail":
            row[name] = _pct(failed, applicable)
        elif what == "count":
            row[name] = failed
        else:
            row[name] = _median_hours(seg.minutes[by].get((segment, j), Counter()))
    row["flagged_pct"] = _pct(seg.flagged(by, segment), leads)
    return row


def verdicts(seg: Segments, path: str) -> tuple[list[dict], list[Finding]]:
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
            if not verdict["ok"]:
                findings.append(_budget_finding(rule, verdict, path))
    return out, findings


def _verdict(seg: Segments, rule: Rule, j: int, budget: dict, segment: str) -> dict | None:
    applicable, failed = seg.rule_counts(budget["by"], segment, j)
    if applicable < budget.get("min_records", 1):
        return None
    if "max_fail_pct" in budget:
        metric, value, limit = "fail_pct", _pct(failed, applicable), budget["max_fail_pct"]
        ok = value <= limit
    else:
        metric, value, limit = "pass_pct", _pct(applicable - failed, applicable), budget["min_pass_pct"]
        ok = value >= limit
    return {"rule": rule.id, "by": budget["by"], "segment": segment, "metric": metric, "value": value,
            "limit": limit, "records": applicable, "failed": failed, "ok": ok,
            "severity": budget.get("severity", str(rule.severity))}


def _budget_finding(rule: Rule, v: dict, path: str) -> Finding:
    if v["metric"] == "fail_pct":
        text = f"{v['value']}% fail ({v['failed']} of {v['records']}), the agreement allows at most {v['limit']}%"
    else:
        text = f"{v['value']}% pass ({v['records'] - v['failed']} of {v['records']}), the agreement wants at least {v['limit']}%"
    return Finding(
        rule=rule.id, severity=Severity.parse(v["severity"]),
        message=f"budget for {v['by']} {v['segment']!r}: {text}",
        location=Location(path, line=1, field=f"{v['by']}={v['segment']}"),
        match=v["segment"], pack=rule.pack, owner=rule.owner, category="budget",
        references=rule.references, fingerprint=f"{rule.id}:budget:{v['by']}:{v['segment']}")
