"""``email``: syntax, placeholder, disposable, free-mail and role-account addresses."""
from __future__ import annotations

from smlint.leads.emails import CHECKS, SYNTAX, fast_syntax_ok
from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec, SpecError


class Email(LeadKind):
    """``field: email``, ``checks: [syntax, disposable, …]`` (default: all). Empty values pass:
    absence is the business of ``required``."""

    name = "email"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slot = ctx.slot(spec.get("field", "email"), ("field",), ("email",))
        self.checks = frozenset(spec.get("checks", CHECKS))
        unknown = self.checks - set(CHECKS)
        if unknown:
            raise SpecError(("checks",), f"unknown email check {sorted(unknown)[0]!r} (known: {', '.join(CHECKS)})")
        self.classify = ctx.emails.classify
        self.memo = ctx.emails.memo  # read first: five rules ask about each address

    def needs(self) -> list[tuple[int, ...]]:
        return [(self.slot,)]

    def check(self, rec: Rec) -> list[Hit] | None:
        address = rec.values[self.slot]
        if address is None or (self.when and not self.applies(rec)):
            return None
        found = self.memo.get(address)
        for problem, detail in self.classify(address) if found is None else found:
            if problem in self.checks:
                return [(self.slot, detail)]
        return []

    def for_batch(self, batch, j: int):
        """A syntax-only rule (the Table Schema ``format: email``) answers most addresses with the
        strict guard alone: what it accepts has no syntax problem, and the other problems are not
        this rule's; the rest take :meth:`check` (the classifier, which reports the reason)."""
        if self.checks != {SYNTAX} or self.when:
            return self.check
        slot, check = self.slot, self.check

        def syntax_only(rec: Rec) -> list[Hit] | None:
            address = rec.values[slot]
            if address is None:
                return None
            return [] if fast_syntax_ok(address) else check(rec)
        return syntax_only
