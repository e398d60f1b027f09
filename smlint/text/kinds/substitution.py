"""``substitution``: wording to replace (``swap: {bad: preferred}``); the suggestion names the better words."""
from __future__ import annotations

from smlint.text.kinds.base import Builder, Hit, overlaps
from smlint.text.scan import MatcherRef


class Substitution:
    placeholders = frozenset({"preferred"})

    def __init__(self, spec: dict, build: Builder) -> None:
        self.preferred: dict[int, str] = {}
        for bad, good in spec["swap"].items():
            self.preferred[build.terms.add(bad)] = good
        self.exceptions = build.phrases(spec.get("exceptions"))
        self.needs = MatcherRef(terms=tuple(self.preferred))

    def check(self, scan):
        excluded = scan.spans(self.exceptions)
        seen = set()
        for tid, good in self.preferred.items():
            for start, end in scan.term_hits.get(tid, ()):
                if (start, end) not in seen and not overlaps(excluded, start, end):
                    seen.add((start, end))
                    yield Hit(start, end, {"preferred": good})
