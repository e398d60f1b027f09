"""``requires``: a trigger (a price, "free trial", "permanencia") needs a disclosure nearby.

``disclosure`` is one matcher (any of its phrases/pattern will do) or a list of matchers
that must *all* be present; ``scope`` is ``sentence``, ``paragraph``, ``document`` or
``{words: N}``; ``direction`` says whether the disclosure may come ``before``, ``after``
or on ``any`` side of the trigger.  ``{missing}`` names what was not found. A disclosure found
inside the trigger's own words does not count ("clinically *tested*" is not its own evidence)
unless the rule says ``trigger_may_disclose: true`` ("24-month contract" states its term).
"""
from __future__ import annotations

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
        self.trigger_may_disclose = bool(spec.get("trigger_may_disclose"))
        self.needs = self.trigger

    def check(self, scan):
        triggers = scan.spans(self.trigger)
        if not triggers:
            return
        excluded = scan.spans(self.exceptions) if self.exceptions.terms or self.exceptions.patterns else []
        for start, end in triggers:
            if overlaps(excluded, start, end):
                continue
            lo, hi = scan.scope(start, self.scope)
            if self.direction == "before":
                hi = start
            elif self.direction == "after":
                lo = end
            inside = (start, end) if not self.trigger_may_disclose else (start, start)
            missing = [d.name for d in self.disclosures if not _disclosed(scan, d, lo, hi, inside, (start, end))]
            if missing:
                yield Hit(start, end, {"missing": tuple(missing)})  # joined in the rule's language


def _disclosed(scan, ref, lo: int, hi: int, inside: tuple[int, int], trigger: tuple[int, int]) -> bool:
    """A disclosure hit inside [lo, hi) that is not the trigger and, unless the rule says
    ``trigger_may_disclose``, not part of it: in "1 minute response guarantee" the duration is the
    promise, not its terms (searched in that window only: scanning the whole document for every
    disclosure of every rule was most of a run)."""
    start, end = inside
    return any((s, e) != trigger and not (start <= s and e <= end) for s, e in scan.spans_in(ref, lo, hi))
