"""``duplicate``: the same lead twice, on a normalized key (the mailbox an email reaches — trimmed,
lower-case, without a +tag, Gmail without dots —, E.164 phone).

Keys are kept as 64-bit hashes with the first position that had them (a :class:`KeyStore`):
memory grows with distinct leads by 32 to 64 bytes each, the one part of a run that must remember
(issue 7). They are kept per batch (:mod:`smlint.leads.batch`), not here: a batch is told the keys
of what came before it (``known``), so batches can be checked apart and merged.
"""
from __future__ import annotations

from smlint.leads.emails import _GMAIL, mailbox
from smlint.leads.keystore import ROW_MASK
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

    def key(self, rec: Rec) -> int | None:
        text = self.key_text(rec)
        return None if text is None else self.ctx.key_hash(text)

    def identity(self, rec: Rec) -> str | None:
        """The normalized key: which of two records comes second depends on the row order, so a
        duplicate finding is about its key (equal ones in a file are numbered), never its record."""
        return self.key_text(rec)

    def key_text(self, rec: Rec) -> str | None:
        """The normalized key (None when a part is missing), before it is hashed."""
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
        return "\x1f".join(parts)

    def needs(self) -> list[tuple[int, ...]]:
        return [(s,) for s in self.slots]

    def check(self, rec: Rec) -> list[Hit] | None:
        raise TypeError("duplicate looks across records: check it through a batch (for_batch)")

    def for_batch(self, batch, j: int):
        """Look the key up in the stores of what came before (``batch.known``, each store's first
        position, earliest store first), then in this batch's own store."""
        d = batch.agreement.duplicates.index(j)  # stores are per duplicate rule, in rule order
        seen, base, slot = batch.keys[d], batch.base, self.slots[0]
        known = [stores[d] for stores in batch.known]
        key_of, when, applies = self._key_function(), self.when, self.applies
        first_of = seen.setdefault

        def check(rec: Rec) -> list[Hit] | None:
            if when and not applies(rec):
                return None
            key = key_of(rec)
            if key is None:
                return None
            pos = base | rec.row
            for store in known:
                first = store.get(key)
                if first is not None and first < pos:  # a store of every key holds this record too
                    break
            else:
                first = first_of(key, pos)
                if first == pos:
                    return []
            return [(slot, f"duplicate of row {first & ROW_MASK}")]
        return check

    def _key_function(self):
        """:meth:`key`, or the same steps for a key of one email field without the loop."""
        if self.types != ["email"]:
            return self.key
        slot, key_hash = self.slots[0], self.ctx.key_hash

        def email_key(rec: Rec) -> int | None:
            value = rec.values[slot]
            if value is None:
                return None
            # mailbox() inlined for the common address (no +tag, not Gmail), whose mailbox is the
            # address case-folded; case folding twice is folding once (true of every code point)
            address = value.strip().casefold()
            local, at, domain = address.rpartition("@")
            if at and ("+" in local or domain in _GMAIL):
                address = mailbox(address)
            return key_hash(" ".join(address.split()))
        return email_key
