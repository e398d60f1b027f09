"""Run every lead rule's examples (STYLE.md habit 4), like the copy packs' examples.

An example is one record (``{field: value}``) or a short export (a list of records, for
``duplicate``). A bad example must produce at least one finding of its rule; a good one none.
Examples run through the real engine, with the whole pack compiled, as of ``EXAMPLES_AS_OF``
(or the pack's ``as_of``) so SLA and staleness examples do not age.
"""
from __future__ import annotations

from smlint.leads.batch import Batch, Layout, check_batch
from smlint.leads.engine import LeadOptions, compile_agreement
from smlint.leads.fields import Binding
from smlint.leads.pack import LeadPack
from smlint.ruletest import Outcome, run_with

EXAMPLES_AS_OF = "2024-07-01T12:00:00Z"


def _cells(pack: LeadPack, record: dict) -> list[str]:
    slots = pack.slots
    unknown = sorted(set(record) - set(slots))
    if unknown:
        raise KeyError(f"example names undeclared field {unknown[0]!r}")
    cells = [""] * len(slots)
    for name, value in record.items():
        cells[slots[name]] = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return cells


def findings_for(pack: LeadPack, records: list[dict], rule_id: str) -> list:
    """Findings of ``rule_id`` when ``records`` are checked as one small export."""
    agreement = compile_agreement(pack, LeadOptions(as_of=pack.as_of or EXAMPLES_AS_OF, show_values=True))
    names = [f.name for f in pack.fields]
    layout = Layout("<example>", Binding(tuple(range(len(names))), tuple(names)))
    rows = [(i + 2, _cells(pack, r), None) for i, r in enumerate(records)]
    return [f for f in check_batch(agreement, Batch(layout, rows)).findings if f.rule == rule_id]


def run_examples(pack: LeadPack) -> list[Outcome]:
    """One Outcome per example of every rule; a rule without both kinds of example fails."""

    def findings(rule_id: str, example) -> list | Outcome:
        records = example if isinstance(example, list) else [example]
        try:
            return findings_for(pack, records, rule_id)
        except KeyError as exc:  # an example naming an undeclared field
            return Outcome(rule_id, "example", str(example), False, str(exc.args[0]))

    return run_with(pack.rules, findings)
