"""``gate``: what a lead must have to be at a stage — "an MQL has score ≥ 50, a company and a title"."""
from __future__ import annotations

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec


class Gate(LeadKind):
    """``when: stage == MQL``, ``require: [score >= 50, company present]``: one hit per
    unmet requirement. Its pass rate is a scorecard column (``<rule>_pass_pct``)."""

    name = "gate"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.require = ctx.conditions(spec["require"], ("require",))
        self.require_slots = [ctx.slots[c.field] for c in self.require]

    def needs(self) -> list[tuple[int, ...]]:
        return [(s,) for s in self.require_slots]

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        values = rec.values
        return [(slot, f"needs {c.text}") for c, slot in zip(self.require, self.require_slots)
                if not c.test(values)]
