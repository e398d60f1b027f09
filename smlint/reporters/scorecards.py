"""Scorecards as compact text tables (``smlint leads`` text output).

One table per segment field, the worst segments first, then the budget verdicts that
failed. Pure: ``render_scorecards(extras) -> list of lines``, from the typed
:class:`~smlint.leads.scorecards.Scorecard` and :class:`~smlint.leads.scorecards.Verdict` objects
the lead engine makes. The headers, the order and the budget wording here are also the HTML
report's (:mod:`smlint.reporters.html`).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a copy check's text report imports this module, and no lead engine (issue 14)
    from smlint.leads.scorecards import Scorecard, ScorecardRow, Verdict

MAX_ROWS = 20
WORST_FIRST = "worst first: highest Flagged %, then most leads"
FLAGGED = "Flagged %: the share of leads with at least one finding"


def headers(card: Scorecard) -> list[str]:
    """The segment column's header and each column's label (its id where the card has no label)."""
    return [card.label or card.by or "segment", *(card.header(c) for c in card.columns)]


def number(value) -> float | None:
    """``value`` if it is a number a table can show (not a bool), else None."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def worst_first(rows) -> list[ScorecardRow]:
    """Scorecard rows in :data:`WORST_FIRST` order; a row without a flagged share goes last."""
    def key(row: ScorecardRow):
        flagged, leads = number(row.flagged_pct), number(row.leads) or 0
        return (flagged is None, -(flagged or 0), -leads, row.segment)
    return sorted(rows, key=key)


def budget_limit(verdict: Verdict) -> str:
    """``≤ 5%`` for a budget of failures at most, ``≥ 80%`` for passes at least."""
    return f"{'≤' if verdict.at_most else '≥'} {verdict.limit}%"


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _table(card: Scorecard) -> list[str]:
    head = headers(card)
    rows = [[r.segment, *(_cell(r.get(c)) for c in card.columns)] for r in worst_first(card.rows)[:MAX_ROWS]]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                               for i, (v, w) in enumerate(zip(row, widths))))
    if len(card.rows) > MAX_ROWS:
        lines.append(f"… {len(card.rows) - MAX_ROWS} more (see --format json)")
    return lines


def render_scorecards(extras: dict) -> list[str]:
    """Lines for every scorecard and the failed budgets (empty when there are none)."""
    out: list[str] = []
    card: Scorecard
    for card in extras.get("scorecards") or ():
        if not card.rows:
            continue
        out.append("")
        out.append(f"Scorecard by {card.by} ({WORST_FIRST}):")
        out.extend(_table(card))
    budgets: list[Verdict] = list(extras.get("budgets") or ())
    failed = [b for b in budgets if not b.ok]
    if budgets:
        out.append("")
        out.append(f"Budgets: {len(budgets) - len(failed)} met, {len(failed)} missed")
        for b in failed:
            out.append(f"  {b.severity}: {b.rule} {b.by}={b.segment}: "
                       f"{b.metric} {b.value:.1f} (limit {budget_limit(b)})")
    omitted = extras.get("omitted") or {}
    if omitted:
        out.append("")
        for rule, n in omitted.items():
            out.append(f"… {n:,} more findings of {rule} not listed (--max-findings; 0 lists all)")
    if out:
        out.append("")
    return out


def render_inputs(extras: dict) -> list[str]:
    """A line for each lead export not read as UTF-8, with why (issue 13: say which was used), and
    for each API response that is one page of several."""
    out = []
    for item in extras.get("inputs") or []:
        if item["encoding"] not in ("utf-8", "utf-8-sig"):
            out.append(f"{item['path']}: read as {item['encoding']} ({item['encoding_reason']})")
        if item.get("next_page"):
            out.append(f"{item['path']}: one page of a longer list (paging.next: "
                       f"{json.dumps(item['next_page'], ensure_ascii=False)}): the other pages were not checked")
    return out
