"""``required``: fields that must have a value, optionally only ``when`` a condition holds."""
from __future__ import annotations

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec


class Required(LeadKind):
    """``fields: [email, company]`` — one hit per empty field."""

    name = "required"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slots = [ctx.slot(f, ("fields", i)) for i, f in enumerate(spec["fields"])]

    def needs(self) -> list[tuple[int, ...]]:
        return [(s,) for s in self.slots]

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        values = rec.values
        return [(s, f"{self.ctx.specs[s].name} is empty") for s in self.slots if values[s] is None]

    def for_batch(self, batch, j: int):
        """One field and no ``when`` (most rules): its hit made once, one look a record."""
        if len(self.slots) != 1 or self.when:
            return self.check
        slot = self.slots[0]
        hit = (slot, f"{self.ctx.specs[slot].name} is empty")

        def one_field(rec: Rec) -> list[Hit]:
            return [hit] if rec.values[slot] is None else []
        return one_field
