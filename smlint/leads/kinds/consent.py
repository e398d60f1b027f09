"""``consent``: marketing consent or a legal basis is on record for every lead that is emailed.

GDPR art. 6/7 and ePrivacy art. 13: marketing email needs consent (or another documented basis).
"""
from __future__ import annotations

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec

_GRANTED = ("yes", "true", "1", "granted", "opted in", "opt-in", "subscribed", "marketing contact",
            "consent")


class Consent(LeadKind):
    """``field: consent`` with ``granted: [...]`` values, optional ``basis_field: legal_basis``
    (any value there suffices); ``when`` says which leads count as emailed."""

    name = "consent"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slot = ctx.slot(spec.get("field", "consent"), ("field",))
        basis = spec.get("basis_field")
        self.basis_slot = ctx.slot(basis, ("basis_field",)) if basis else None
        self.granted = frozenset(str(v).casefold() for v in spec.get("granted", _GRANTED))

    def needs(self) -> list[tuple[int, ...]]:
        return [(self.slot,)]  # the legal basis is optional: many exports have no such column

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        value = rec.values[self.slot]
        if value is not None and str(value).casefold() in self.granted:
            return []
        if self.basis_slot is not None and rec.values[self.basis_slot] is not None:
            return []
        return [(self.slot, "no marketing consent or legal basis on record")]
