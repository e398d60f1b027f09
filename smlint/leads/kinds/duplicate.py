"""``duplicate``: the same lead twice, on a normalized key (the mailbox an email reaches — trimmed,
lower-case, without a +tag, Gmail without dots —, E.164 phone).

Keys are kept as 64-bit hashes with the first row that had them (a :class:`KeyStore`): memory
grows with distinct leads by 32 to 64 bytes each, the one part of a run that must remember
(issue 7).
"""
from __future__ import annotations

from smlint.leads.emails import mailbox
from smlint.leads.keystore import KeyStore
from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec
from smlint.leads.phones import region_of


class Duplicate(LeadKind):
    """``key: email`` or ``key: [first_name, last_name, company]`` (all parts must be present)."""

    name = "duplicate"

    def compile(self, spec: dict, ctx: Context) -> None:
        names = spec["key"] if isinstance(spec["key"], list) else [spec["key"]]
        self.slots = [ctx.slot(n, ("key",)) for n in names]
        self.types = [ctx.specs[s].type for s in self.slots]
        self.default = spec.get("default_country")
        country = spec.get("country_field")
        self.country_slot = ctx.slot(country, ("country_field",)) if country else None
        self.seen = KeyStore()
        self.before: list[KeyStore] = []  # keys of earlier parts of the export (parallel runs)

    def key(self, rec: Rec) -> int | None:
        parts = []
        for slot, kind in zip(self.slots, self.types):
            value = rec.values[slot]
            if value is None:
                return None
            if kind == "phone":
                country = rec.values[self.country_slot] if self.country_slot is not None else None
                value = self.ctx.phones.e164(value, region_of(country, self.default or self.ctx.specs[slot].country))
            elif kind == "email":
                value = mailbox(value)
            parts.append(" ".join(str(value).casefold().split()))
        return hash("\x1f".join(parts))

    def needs(self) -> list[tuple[int, ...]]:
        return [(s,) for s in self.slots]

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        key = self.key(rec)
        if key is None:
            return None
        for earlier in self.before:
            first = earlier.get(key)
            if first is not None:
                break
        else:
            first = self.seen.setdefault(key, rec.row)
            if first == rec.row:
                return []
        return [(self.slots[0], f"duplicate of row {first}")]
