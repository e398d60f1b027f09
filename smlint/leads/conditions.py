"""Conditions a pack writes as short sentences: ``stage in [MQL, SQL]``, ``score >= 50``,
``company present``, ``consent missing``, ``source == Paid Search``.

They read like the agreement ("an MQL has a score of at least 50") and compile at load to
small closures over the record's parsed values; a list of conditions means all of them.
Text comparisons ignore case, so ``stage == mql`` matches ``MQL``.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from typing import Callable

_FORMS = [
    (re.compile(r"^\s*(\w+)\s+(present|missing)\s*$"), "presence"),
    (re.compile(r"^\s*(\w+)\s+(not\s+in|in)\s+\[(.*)\]\s*$"), "membership"),
    (re.compile(r"^\s*(\w+)\s*(==|!=|>=|<=|>|<)\s*(.+?)\s*$"), "compare"),
]
_OPS = {"==": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le,
        ">": operator.gt, "<": operator.lt}


class ConditionError(ValueError):
    """A condition that does not parse or names an undeclared field."""


@dataclass(frozen=True)
class Condition:
    """One compiled condition: its text, the field it reads and a test on the record."""

    text: str
    field: str
    test: Callable[[list], bool]

    def describe_failure(self) -> str:
        return self.text


def compile_condition(text: str, slots: dict[str, int]) -> Condition:
    """Parse ``text`` against the declared fields (``slots``: field name → slot index)."""
    if not isinstance(text, str):
        raise ConditionError(f"a condition must be text like 'score >= 50', not {text!r}")
    for pattern, form in _FORMS:
        m = pattern.match(text)
        if m:
            name = m.group(1)
            if name not in slots:
                raise ConditionError(f"condition {text!r} names undeclared field {name!r} "
                                     f"(declared: {', '.join(sorted(slots))})")
            return Condition(text, name, _BUILDERS[form](slots[name], m))
    raise ConditionError(f"cannot read condition {text!r} (write 'FIELD present', 'FIELD missing', "
                         "'FIELD in [A, B]', 'FIELD not in [A, B]' or 'FIELD >= 50')")


def compile_all(texts, slots: dict[str, int]) -> list[Condition]:
    """``when``/``require`` values: one condition or a list of them."""
    if texts is None:
        return []
    return [compile_condition(t, slots) for t in ([texts] if isinstance(texts, str) else texts)]


def holds(conditions: list[Condition], values: list) -> bool:
    return all(c.test(values) for c in conditions)


def _presence(slot: int, m) -> Callable[[list], bool]:
    if m.group(2) == "present":
        return lambda v: v[slot] is not None
    return lambda v: v[slot] is None


def _membership(slot: int, m) -> Callable[[list], bool]:
    items = frozenset(_literal(x).casefold() for x in m.group(3).split(",") if x.strip())
    negate = m.group(2) != "in"

    def test(v: list) -> bool:
        value = v[slot]
        inside = value is not None and str(value).casefold() in items
        return inside != negate
    return test


def _compare(slot: int, m) -> Callable[[list], bool]:
    op, raw = _OPS[m.group(2)], _literal(m.group(3))
    try:
        number = float(raw)
    except ValueError:
        number = None
    target, when_empty = raw.casefold(), m.group(2) == "!="  # (not the match: the closure is pickled for Dask)

    def test(v: list) -> bool:
        value = v[slot]
        if value is None:
            return when_empty
        if number is not None and isinstance(value, float):
            return op(value, number)
        return op(str(value).casefold(), target)
    return test


def _literal(text: str) -> str:
    return text.strip().strip("'\"")


_BUILDERS = {"presence": _presence, "membership": _membership, "compare": _compare}
