"""``phone``: numbers that are not valid for their country, and placeholder numbers."""
from __future__ import annotations

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec, SpecError
from smlint.leads.phones import INVALID, PLACEHOLDER, region_of

_CHECKS = (INVALID, PLACEHOLDER)


class Phone(LeadKind):
    """``field: phone``, optional ``country_field: country`` and ``default_country: US``;
    ``checks: [invalid, placeholder]`` (default both)."""

    name = "phone"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slot = ctx.slot(spec.get("field", "phone"), ("field",), ("phone",))
        country = spec.get("country_field")
        self.country_slot = ctx.slot(country, ("country_field",)) if country else None
        self.default = spec.get("default_country", ctx.specs[self.slot].country)
        self.checks = frozenset(spec.get("checks", _CHECKS))
        if self.checks - set(_CHECKS):
            raise SpecError(("checks",), f"unknown phone check (known: {', '.join(_CHECKS)})")
        self.classify = ctx.phones.classify
        self.memo = ctx.phones.memo  # read first: the rules of a record ask about the same number

    def needs(self) -> list[tuple[int, ...]]:
        return [(self.slot,)]  # the country column is optional: the default region stands in

    def check(self, rec: Rec) -> list[Hit] | None:
        text = rec.values[self.slot]
        if text is None or (self.when and not self.applies(rec)):
            return None
        country = rec.values[self.country_slot] if self.country_slot is not None else None
        region = region_of(country, self.default) if country is not None else self.default
        problem, detail, _ = self.memo.get((text, region)) or self.classify(text, region)
        return [(self.slot, detail)] if problem in self.checks else []
