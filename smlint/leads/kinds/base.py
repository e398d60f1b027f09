"""What every lead rule kind shares: the compile context, the record, the outcome of a check.

A kind compiles its rule's spec once (field names → slots, conditions → closures) and then
``check(rec)`` returns None when the clause does not apply to the record (the SLA of a lead
that never became an MQL), an empty list when it passes, or the hits when it fails. Pass and
fail counts feed scorecards and budgets, so "does not apply" matters as much as "fails".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from smlint.leads.conditions import ConditionError, Condition, compile_all
from smlint.leads.emails import EmailClassifier
from smlint.leads.fields import FieldSpec
from smlint.leads.phones import PhoneClassifier
from smlint.model import Rule


class SpecError(ValueError):
    """A rule spec problem; ``path`` is relative to the rule (``("require", 1)``)."""

    def __init__(self, path: tuple, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


class Rec:
    """One record: where it is, its id, raw text per field slot and parsed value per slot."""

    __slots__ = ("row", "rid", "raw", "values")

    def __init__(self, row: int, rid: str | None, raw: list, values: list) -> None:
        self.row, self.rid, self.raw, self.values = row, rid, raw, values


Hit = tuple  # (slot, detail): the field at fault and what is wrong with it


@dataclass
class Context:
    """What kinds need at compile time: the declared fields and the shared classifiers."""

    specs: list[FieldSpec]
    slots: dict[str, int]
    as_of: float
    emails: EmailClassifier
    phones: PhoneClassifier
    # text -> 64-bit duplicate key: the built-in hash is salted per process, so runs whose keys meet
    # across machines (Dask, Spark) use a portable one (smlint.leads.batch.portable_hash)
    key_hash: Callable[[str], int] = hash

    def slot(self, name, path: tuple, types: tuple[str, ...] = ()) -> int:
        """The slot of a declared field; SpecError (pointing at ``path``) otherwise."""
        if not isinstance(name, str) or name not in self.slots:
            raise SpecError(path, f"undeclared field {name!r} (declared: {', '.join(sorted(self.slots))})")
        slot = self.slots[name]
        if types and self.specs[slot].type not in types:
            raise SpecError(path, f"field {name!r} is {self.specs[slot].type}, this needs "
                            + " or ".join(types))
        return slot

    def conditions(self, value, path: tuple) -> list[Condition]:
        try:
            return compile_all(value, self.slots)
        except ConditionError as exc:
            raise SpecError(path, str(exc)) from None


class LeadKind:
    """Base class: subclasses set ``name`` and implement ``compile`` and ``check``."""

    name = ""
    placeholders: tuple[str, ...] = ("value", "field", "detail")

    def __init__(self, rule: Rule, ctx: Context) -> None:
        self.rule = rule
        self.ctx = ctx
        self.when = ctx.conditions(rule.spec.get("when"), ("when",))
        self.compile(rule.spec, ctx)

    def compile(self, spec: dict, ctx: Context) -> None:
        raise NotImplementedError

    def check(self, rec: Rec) -> list[Hit] | None:
        raise NotImplementedError

    def for_batch(self, batch, j: int) -> Callable[[Rec], list[Hit] | None]:
        """The check one batch calls for each record; ``j`` is the rule's place in the agreement.

        Most clauses look at one record and return :meth:`check`; a kind that keeps something
        per batch (the duplicate keys seen, the SLA hours measured) keeps it in ``batch``
        (a :class:`smlint.leads.batch.BatchState`), never on itself, so one compiled agreement
        serves any number of batches at once."""
        return self.check

    def identity(self, rec: Rec) -> str | None:
        """What a finding of this clause on ``rec`` is about, for its fingerprint, when that is
        not the record itself; None (the default): the record. Called only for findings."""
        return None

    def needs(self) -> list[tuple[int, ...]]:
        """The field slots the clause reads, in groups: each group needs a column for at least
        one of its fields, or the clause would see every record as empty there (issue 13)."""
        return []

    def unbound(self, indexes: tuple[int, ...]) -> list[tuple[int, ...]]:
        """The groups of :meth:`needs` and of ``when`` with no column in an export's binding."""
        groups = [(self.ctx.slots[c.field],) for c in self.when] + self.needs()
        return [g for g in dict.fromkeys(groups) if all(indexes[s] < 0 for s in g)]

    def applies(self, rec: Rec) -> bool:
        when = self.when
        if len(when) == 1:
            return when[0].test(rec.values)
        return all(c.test(rec.values) for c in when)
