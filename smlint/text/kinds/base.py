"""What every copy rule kind shares: the Hit it yields and the Builder it compiles against."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from smlint.text.matcher import PatternSet, TermIndex
from smlint.text.scan import MatcherRef


@dataclass(frozen=True)
class Hit:
    """A span of the view that breaks a rule, with values for the message placeholders."""

    start: int
    end: int
    values: dict = field(default_factory=dict, compare=False, hash=False)


class Builder:
    """Collects the phrases and patterns of a whole rule set so they are scanned once."""

    def __init__(self) -> None:
        self.terms = TermIndex()
        self.patterns = PatternSet()

    def phrases(self, phrases: list[str] | None, name: str = "") -> MatcherRef:
        return MatcherRef(terms=tuple(self.terms.add(p) for p in phrases or ()), name=name)

    def matcher(self, spec: dict | None) -> MatcherRef:
        """A ``{phrases: [...], pattern: ..., name: ...}`` matcher."""
        if not spec:
            return MatcherRef()
        terms = tuple(self.terms.add(p) for p in spec.get("phrases", ()))
        patterns = (self.patterns.add(spec["pattern"]),) if "pattern" in spec else ()
        default_name = (spec.get("phrases") or [spec.get("pattern", "")])[0]
        return MatcherRef(terms, patterns, spec.get("name", default_name))

    def compile(self) -> None:
        self.terms.compile()
        self.patterns.compile()


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True if any of the sorted ``spans`` overlaps [start, end)."""
    i = bisect_left(spans, (start, start))
    if i > 0 and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end
