"""A self-contained HTML report for people: summary charts, file and rule tables, findings in context, search.

One file with inline CSS and JS and no network requests, so it opens from disk or a CI artifact.
Every piece of user text goes through jinja2 autoescaping; links are only made from http(s)
references; a Content-Security-Policy allows only the report's own script (by hash), so even
a slip in escaping could not run injected script. The template is ``templates/report.html.j2``.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import TYPE_CHECKING

import jinja2

from smlint.leads.scorecards import Scorecard, Verdict, segment_label
from smlint.model import Finding
from smlint.reporters.quote import ELLIPSIS, is_record, source_lines, window
from smlint.reporters.scorecards import FLAGGED, WORST_FIRST, budget_limit, headers, number, worst_first
from smlint.reporters.summary import totals

if TYPE_CHECKING:
    from smlint.reporters import Report

SEVERITIES = ("error", "warning", "info")
CONTEXT_LINES = 1      # lines shown before and after the offending ones
MAX_SPAN_LINES = 8     # a match spanning more lines is cut, with a marker
BAR_WIDTH = 150        # px of the longest bar in a chart


def _asset(name: str) -> str:
    return (resources.files("smlint.reporters") / "templates" / name).read_text("utf-8")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_asset),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["weblink"] = weblink
    return env


def weblink(ref: str) -> str | None:
    """The URL in a reference when it is a plain http(s) URL, else None (never javascript: etc.)."""
    return ref if re.fullmatch(r"https?://[^\s\"'<>]+", ref) else None


def render(report: Report) -> str:
    env = _environment()
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("report.html.j2").render(
        script=script, script_hash=f"sha256-{digest}", css=_asset("report.css"),
        **view(report))


def view(report) -> dict:
    """Everything the template shows, computed here so the template only lays it out."""
    findings = report.findings
    return {
        "version": report.version,
        "command": report.command,
        "stats": report.stats,
        "counts": totals(report),
        "total": len(findings),
        "errors": report.errors,
        "charts": [("Severity", "severity", bars(Counter(str(f.severity) for f in findings), order=SEVERITIES)),
                   ("Team", "team", bars(Counter(f.owner or "(none)" for f in findings))),
                   ("Pack", "pack", bars(Counter(f.pack or "(none)" for f in findings)))],
        "filters": _filters(findings),
        "file_rows": file_rows(report.findings),
        "rule_rows": rule_rows(report),
        "clean": report.clean_paths,
        "files": _files(report),
        "scorecards": [scorecard(card) for card in report.extras.get("scorecards") or ()],
        "worst_first": WORST_FIRST, "flagged_note": FLAGGED,
        "budgets": budgets(report),
    }


def bars(counter: Counter, order: tuple[str, ...] | None = None) -> list[dict]:
    """Chart rows, largest first (or in ``order``, leaving out zeros): label, value, bar width in
    px and y offset."""
    top = max(counter.values(), default=0)
    if order is None:
        rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    else:
        rows = [(label, counter[label]) for label in order if counter[label]]
    return [{"label": label, "value": n, "width": round(BAR_WIDTH * n / top) if top else 0, "y": i * 22}
            for i, (label, n) in enumerate(rows)]


def file_rows(findings: list[Finding]) -> list[dict]:
    """The files table: each file with findings, most first, with its count per severity."""
    per_file: dict[str, Counter] = defaultdict(Counter)
    for f in findings:
        per_file[f.path][str(f.severity)] += 1
    rows = [{"path": path, "total": sum(c.values()), "by_severity": [c[s] for s in SEVERITIES]}
            for path, c in per_file.items()]
    return sorted(rows, key=lambda r: (-r["total"], r["path"]))


def rule_rows(report) -> list[dict]:
    """The rules table: each rule (of its own language) with findings, most first, and its text."""
    per_key: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        per_key[f.rule_key].append(f)
    rows = []
    for key, found in per_key.items():
        first = found[0]
        rows.append({"key": key, "anchor": anchor(key), "id": first.rule, "language": first.language,
                     "severity": str(max(f.severity for f in found)), "team": first.owner or "(none)",
                     "pack": first.pack or "(none)", "count": len(found), "rule": report.rule_for(first)})
    return sorted(rows, key=lambda r: (-r["count"], r["key"]))


def anchor(key: str) -> str:
    """The id of a rule's explanation in the page: ``rule-en-pricing-price-without-taxes``."""
    return "rule-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key)


def _filters(findings: list[Finding]) -> dict:
    """The values each client-side filter offers, with how many findings carry each. ``team`` is
    the rule's owner (marketing, sales, legal …), never a lead's owner, who is a sales rep."""
    def tally(attr):
        return sorted(Counter(getattr(f, attr) or "(none)" for f in findings).items())

    sev = Counter(str(f.severity) for f in findings)
    return {"severity": [(s, sev[s]) for s in SEVERITIES if sev[s]], "team": tally("owner"),
            "pack": tally("pack")}


def _files(report) -> list[dict]:
    """Findings by file, each with where it is, its lines and the rule of its own language."""
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_path[f.path].append(f)
    out = []
    for path in sorted(by_path):
        lines = source_lines(report.sources[path]) if path in report.sources else None
        out.append({"path": path, "items": [_item(report, f, lines) for f in by_path[path]]})
    return out


def _item(report, f: Finding, lines: list[str] | None) -> dict:
    """One finding as the page shows it; its references only where they are not its rule's (the
    rule's are in the rules section, once)."""
    rule = report.rule_for(f)
    refs = f.references if rule is None or tuple(f.references) != tuple(rule.references) else ()
    return {"f": f, "where": where(f), "context": context(f, lines), "rule": rule,
            "anchor": anchor(f.rule_key), "refs": refs}


def where(f: Finding) -> str:
    loc = f.location
    if loc.paragraph is not None:
        return f"paragraph {loc.paragraph}"
    cell = _joined(f"row {loc.row}" if loc.row is not None else "", f"field {loc.field}" if loc.field else "")
    if is_record(loc):
        return _joined(cell, f"record {loc.record_id}" if loc.record_id else "")
    return f"line {loc.line}, column {loc.column}" + (f" ({cell})" if loc.row is not None else "")


def _joined(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def context(f: Finding, lines: list[str] | None) -> list[dict]:
    """Lines around the finding, each split into (text, highlighted) segments; a long line is cut
    to CONTEXT characters around the match (``…`` where cut).

    Empty for lead-export records: their rows (and the neighbours') hold personal data, so a
    lead finding shows only its field and the value the lead engine put in ``match``. Ad copy
    in a CSV file is shown like any other copy.
    """
    loc = f.location
    if lines is None or loc.paragraph is not None or is_record(loc) or not 0 < loc.line <= len(lines):
        return []
    last = min(loc.end_line, len(lines), loc.line + MAX_SPAN_LINES - 1)
    first_shown, last_shown = max(1, loc.line - CONTEXT_LINES), min(len(lines), last + CONTEXT_LINES)
    rows = []
    for n in range(first_shown, last_shown + 1):
        text = lines[n - 1]
        hot = loc.line <= n <= last
        start = loc.column - 1 if n == loc.line else 0
        end = loc.end_column - 1 if n == loc.end_line else len(text)
        rows.append({"number": n, "hot": hot,
                     "segments": _segments(text, start, end) if hot else _segments(text, 0, 0)})
    return rows


def _segments(text: str, start: int, end: int) -> list[tuple[str, bool]]:
    """``text`` as (piece, highlighted) pairs: [start, end) highlighted, cut to a window of it."""
    cut = window(text, start, end)
    parts = [(ELLIPSIS if cut.cut_before else "", False), (cut.before, False),
             (cut.match, True), (cut.after, False),
             (ELLIPSIS if cut.cut_after else "", False)]
    return [p for p in parts if p[0]]


def scorecard(card: Scorecard) -> dict:
    """A lead-linting scorecard as a table, worst segments first, headed by the columns' labels;
    numeric columns get a bar scaled to the column max."""
    columns = list(card.columns)
    rows = worst_first(card.rows)
    numeric = {c for c in columns if rows and all(number(r.get(c)) is not None for r in rows)}
    tops = {c: max((abs(r.get(c)) for r in rows), default=0) for c in numeric}
    table = [{"segment": r.segment,
              "cells": [{"value": _cell(r.get(c)), "bar": round(60 * abs(r.get(c)) / tops[c]) if c in numeric
                         and tops[c] else None} for c in columns]} for r in rows]
    return {"by": card.by, "headers": headers(card), "columns": columns,
            "flagged": "flagged_pct" in columns, "rows": table}


def budgets(report) -> dict | None:
    """The budgets table: every verdict (rule × segment), missed ones first and the furthest from
    their limit first among them; each with what its rule measures. None when the run had no budget."""
    verdicts: list[Verdict] = list(report.extras.get("budgets") or ())
    with_budget = [r for r in report.rules if isinstance(r.spec, dict) and isinstance(r.spec.get("budget"), dict)]
    if not verdicts and not with_budget:
        return None
    rules = {r.id: r for r in report.rules}
    rows = [_budget_row(v, rules.get(v.rule)) for v in verdicts]
    rows.sort(key=lambda r: (r["ok"], -r["shortfall"], r["rule"], r["segment"]))
    missed = sum(not r["ok"] for r in rows)
    return {"rows": rows, "met": len(rows) - missed, "missed": missed,
            "agreed": [_agreed(r, [v for v in verdicts if v.rule == r.id]) for r in with_budget]}


def _agreed(rule, verdicts: list[Verdict]) -> dict:
    """One budget as the pack states it, with how many segments were judged and missed it."""
    budget = rule.spec["budget"]
    fail = "max_fail_pct" in budget
    limit = f"{'at most' if fail else 'at least'} {budget.get('max_fail_pct' if fail else 'min_pass_pct')}%"
    return {"rule": rule.id, "by": str(budget.get("by", "")), "limit": limit, "outcome": "fail" if fail else "pass",
            "min_records": budget.get("min_records", 1), "judged": len(verdicts),
            "missed": sum(not v.ok for v in verdicts)}


def _budget_row(v: Verdict, rule) -> dict:
    value, limit, fail = number(v.value), number(v.limit), v.at_most
    counted = v.failed if fail else v.records - v.failed
    shortfall = (value - limit if fail else limit - value) if value is not None and limit is not None else 0
    return {"rule": v.rule, "description": rule.description if rule else "",
            "measures": f"% of each {v.by}'s leads it applies to that {'fail' if fail else 'pass'} it",
            "outcome": "fail" if fail else "pass",
            "by": segment_label(v.by), "segment": v.segment, "limit": budget_limit(v),
            "value": "" if value is None else f"{value:g}%", "counted": counted, "records": v.records,
            "ok": v.ok, "severity": str(v.severity), "shortfall": shortfall}


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return "" if value is None else str(value)
