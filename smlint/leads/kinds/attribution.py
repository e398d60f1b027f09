"""``attribution``: a source or campaign is present and, optionally, one the teams agreed on."""
from __future__ import annotations

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec, SpecError


class Attribution(LeadKind):
    """``fields: [source, campaign]`` (at least one present); ``allowed: {source: [...]}``
    (case-insensitive) for fields whose values must come from a list."""

    name = "attribution"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.slots = [ctx.slot(f, ("fields", i)) for i, f in enumerate(spec["fields"])]
        allowed = spec.get("allowed", {})
        self.allowed = {ctx.slot(name, ("allowed", name)): frozenset(str(v).casefold() for v in values)
                        for name, values in allowed.items()}
        if not set(self.allowed) <= set(self.slots):
            raise SpecError(("allowed",), "allowed: names a field that is not in fields")

    def needs(self) -> list[tuple[int, ...]]:
        return [tuple(self.slots)]  # any one of them: "source or campaign present"

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        values = rec.values
        present = [s for s in self.slots if values[s] is not None]
        if not present:
            names = " or ".join(self.ctx.specs[s].name for s in self.slots)
            return [(self.slots[0], f"no {names}")]
        return [(s, f"{self.ctx.specs[s].name} is not an agreed value") for s in present
                if s in self.allowed and str(values[s]).casefold() not in self.allowed[s]]
