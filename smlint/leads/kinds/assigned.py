"""``assigned``: a lead has a person as its owner — "every MQL is assigned to a sales rep".

An empty owner is the main way leads fall through the cracks. An owner that is a queue (a
Salesforce queue id starting ``00G``, a name ending in "Queue") holds the lead until someone takes
it, so it counts as unassigned too, reported with its own detail: the fix differs (route it out of
the queue rather than find who should own it).
"""
from __future__ import annotations

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec

# Salesforce record ids: 005… is a User, 00G… a Group or Queue (the key prefix of the object).
_QUEUES = {"id_prefixes": ["00G"], "name_suffixes": ["Queue"]}


class Assigned(LeadKind):
    """``field: owner``, ``queues: {id_prefixes: [00G], name_suffixes: [Queue]}`` (those are the
    defaults; ``queues: {}`` treats every non-empty owner as a person)."""

    name = "assigned"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slot = ctx.slot(spec.get("field", "owner"), ("field",))
        queues = spec.get("queues", _QUEUES)
        self.prefixes = tuple(str(p) for p in queues.get("id_prefixes", ()))
        self.suffixes = tuple(str(s).casefold() for s in queues.get("name_suffixes", ()))  # the schema refuses ""

    def needs(self) -> list[tuple[int, ...]]:
        return [(self.slot,)]

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        owner = rec.values[self.slot]
        if owner is None:
            return [(self.slot, "has no owner")]
        text = str(owner)
        if text.startswith(self.prefixes or "\0") or text.casefold().endswith(self.suffixes or "\0"):
            return [(self.slot, f"is owned by a queue ({text}), not a person")]
        return []
