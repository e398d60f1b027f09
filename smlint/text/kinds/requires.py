"""``requires``: a trigger (a price, "free trial", "permanencia") needs a disclosure nearby.

``disclosure`` is one matcher (any of its phrases/pattern will do) or a list of matchers
that must *all* be present; ``scope`` is ``sentence``, ``paragraph``, ``document`` or
``{words: N}``; ``direction`` says whether the disclosure may come ``before``, ``after``
or on ``any`` side of the trigger.  ``{missing}`` names what was not found.
"""
from __future__ import annotations

from bisect import bisect_left

from smlint.text.kinds.base import Builder, Hit, overlaps


class Requires:
    placeholders = frozenset({"missing"})

    def __init__(self, spec: dict, build: Builder) -> None:
        self.trigger = build.matcher(spec["trigger"])
        disclosure = spec["disclosure"]
        groups = disclosure if isinstance(disclosure, list) else [disclosure]
        self.disclosures = [build.matcher(g) for g in groups]
        self.scope = spec["scope"]
        self.direction = spec.get("direction", "any")
        self.exceptions = build.phrases(spec.get("exceptions"))
        self.needs = self.trigger

    def check(self, scan):
        triggers = scan.spans(self.trigger)
        if not triggers:
            return
        excluded = scan.spans(self.exceptions)
        found = [scan.spans(d) for d in self.disclosures]
        for start, end in triggers:
            if overlaps(excluded, start, end):
                continue
            lo, hi = scan.scope(start, self.scope)
            if self.direction == "before":
                hi = start
            elif self.direction == "after":
                lo = end
            missing = [d.name for d, spans in zip(self.disclosures, found)
                       if not _any_within(spans, lo, hi, start, end)]
            if missing:
                yield Hit(start, end, {"missing": tuple(missing)})  # joined in the rule's language


def _any_within(spans, lo: int, hi: int, start: int, end: int) -> bool:
    """A disclosure span inside [lo, hi) that is not the trigger itself.

    ``spans`` is sorted, so only the spans starting inside the scope are looked at: a linear
    scan of every span for every trigger made long price lists quadratic.
    """
    i = bisect_left(spans, (lo, lo))
    while i < len(spans) and spans[i][0] < hi:
        s, e = spans[i]
        if e <= hi and not (s == start and e == end):
            return True
        i += 1
    return False
