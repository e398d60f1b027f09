"""What every copy rule kind shares: the Hit it yields and the Builder it compiles against."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from smlint.text.concepts import Vocabulary, compile_phrase_list
from smlint.text.matcher import PatternSet, TermIndex
from smlint.text.phrases import is_plain
from smlint.text.scan import MatcherRef


@dataclass(frozen=True)
class Hit:
    """A span of the view that breaks a rule, with values for the message placeholders."""

    start: int
    end: int
    values: dict = field(default_factory=dict, compare=False, hash=False)
    owner: str | None = None  # a finding owned by someone else than the rule's owner (a claim's owner)


class Builder:
    """Collects the phrases and patterns of a whole rule set so they are scanned once.

    ``vocab`` is the vocabulary of the rule being compiled (its pack's concepts, then its
    language's); ``where`` names it in errors. The engine sets both before each rule."""

    def __init__(self, vocab: Vocabulary | None = None) -> None:
        self.terms = TermIndex()
        self.patterns = PatternSet()
        self.vocab = vocab
        self.where = ""

    def phrases(self, phrases, name: str = "") -> MatcherRef:
        """A matcher for a list of phrases: plain ones share the literal index, the others
        (lemmas, concepts, groups, gaps) become one RE2 pattern."""
        if isinstance(phrases, str):
            phrases = [phrases]
        phrases = list(phrases or ())
        plain = [p for p in phrases if is_plain(p)]
        rich = [p for p in phrases if not is_plain(p)]
        terms = tuple(self.terms.add(p) for p in plain)
        patterns = ()
        if rich:
            patterns = (self.patterns.add(compile_phrase_list(rich, self._vocab(), self.where)),)
        return MatcherRef(terms, patterns, name or self._default_name(phrases))

    def matcher(self, spec) -> MatcherRef:
        """A ``{phrases: [...], pattern: ..., name: ...}`` matcher, or one phrase as a string."""
        if not spec:
            return MatcherRef()
        if isinstance(spec, str):
            return self.phrases([spec])
        ref = self.phrases(spec.get("phrases", ()), spec.get("name", ""))
        if "pattern" in spec:
            pid = self.patterns.add(self._vocab().pattern(spec["pattern"], self.where))
            ref = MatcherRef(ref.terms, ref.patterns + (pid,),
                             spec.get("name") or ref.name or spec["pattern"])
        return ref

    def _vocab(self) -> Vocabulary:
        if self.vocab is None:
            self.vocab = Vocabulary("any", {})
        return self.vocab

    def _default_name(self, phrases: list[str]) -> str:
        """How ``{missing}`` names a matcher without a ``name``: a lone concept's label, else its first phrase."""
        if not phrases:
            return ""
        first = phrases[0]
        if len(phrases) == 1 and first.startswith("{") and first.endswith("}") and self.vocab is not None:
            return self.vocab.label(first[1:-1])
        return first

    def compile(self, prefilter=None) -> None:
        """Compile the shared scans; ``prefilter``: the pattern ids that decide whether a rule runs."""
        self.terms.compile()
        self.patterns.compile(prefilter)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True if any of the sorted ``spans`` overlaps [start, end)."""
    i = bisect_left(spans, (start, start))
    if i > 0 and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end
