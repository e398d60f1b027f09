"""``schema``: a JSON Schema fragment applied to each record, for what the vocabulary lacks.

The record is given as ``{field: value}`` with parsed values (numbers as numbers, datetimes as
ISO 8601 text, empty fields left out). Results are memoized on the values of the fields the
schema names, so a million rows cost as many validations as there are distinct combinations.
"""
from __future__ import annotations

from datetime import datetime, timezone

import jsonschema

from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec, SpecError

MEMO_LIMIT = 100_000


class Schema(LeadKind):
    """``schema: {properties: {score: {maximum: 100}}, required: [...]}``."""

    name = "schema"

    def compile(self, spec: dict, ctx: Context) -> None:
        schema = spec["schema"]
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as exc:
            raise SpecError(("schema",), f"not a valid JSON Schema: {exc.message}") from None
        names = set(schema.get("properties", {})) | set(schema.get("required", ()))
        self.slots = {n: ctx.slot(n, ("schema", "properties", n)) for n in sorted(names)}
        self.slot_list = list(self.slots.values())
        self.datetimes = {n for n, s in self.slots.items() if ctx.specs[s].type == "datetime"}
        self.validator = jsonschema.Draft202012Validator(schema)
        self.memo: dict[tuple, list] = {}

    def needs(self) -> list[tuple[int, ...]]:
        return [(s,) for s in self.slot_list]

    def check(self, rec: Rec) -> list[Hit] | None:
        if self.when and not self.applies(rec):
            return None
        values, slots = rec.values, self.slot_list
        key = (values[slots[0]],) if len(slots) == 1 else tuple(values[s] for s in slots)
        hits = self.memo.get(key)
        if hits is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            hits = self.memo[key] = self._validate(key)
        return hits

    def _validate(self, key: tuple) -> list[Hit]:
        doc = {}
        for (name, slot), value in zip(self.slots.items(), key):
            if value is not None:
                doc[name] = _iso(value) if name in self.datetimes else value
        error = jsonschema.exceptions.best_match(self.validator.iter_errors(doc))
        if error is None:
            return []
        path = [p for p in error.absolute_path if isinstance(p, str)]
        name = path[0] if path else (error.message.split("'")[1] if error.validator == "required" else None)
        slot = self.slots.get(name, next(iter(self.slots.values())))
        return [(slot, error.message)]


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).isoformat()
