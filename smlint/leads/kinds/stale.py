"""``stale``: an open lead with no activity for N days (measured against ``as_of``)."""
from __future__ import annotations

from smlint.leads.dates import parse_duration
from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec, SpecError


class Stale(LeadKind):
    """``field: last_activity``, ``fallback: created``, ``after: 30d``; ``when`` says which
    leads are still open (``stage not in [customer, unqualified]``)."""

    name = "stale"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slot = ctx.slot(spec.get("field", "last_activity"), ("field",), ("datetime",))
        fallback = spec.get("fallback")
        self.fallback = ctx.slot(fallback, ("fallback",), ("datetime",)) if fallback else None
        try:
            self.after = parse_duration(spec["after"])
        except ValueError as exc:
            raise SpecError(("after",), str(exc)) from None

    def needs(self) -> list[tuple[int, ...]]:
        return [(self.slot,) if self.fallback is None else (self.slot, self.fallback)]

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        slot = self.slot
        last = rec.values[slot]
        if last is None and self.fallback is not None:
            slot, last = self.fallback, rec.values[self.fallback]
        if last is None:
            return None
        idle = self.ctx.as_of - last
        if idle <= self.after:
            return []
        return [(slot, f"no activity for {idle / 86400:.0f} days")]
