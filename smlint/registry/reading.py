"""One document read once for the registry checks: folded shadow, numeric mentions, scopes.

The shadow has the view's length (:mod:`smlint.text.normalize`), so every span the
checks find is a view span, and ``Document.locate`` turns it into the exact original
line and column.  Sentence and paragraph bounds come from the copy engine's
:class:`~smlint.text.scan.Scan`, so "nearby" means the same thing for packs and registry.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from smlint.registry.numbers import Mention, find_mentions
from smlint.text.document import Document
from smlint.text.lang import detect
from smlint.text.matcher import PatternSet, TermIndex
from smlint.text.normalize import fold
from smlint.text.scan import Scan


@dataclass(frozen=True)
class Hit:
    """A registry rule (short id) broken at view span [start, end), with message values."""

    rule: str
    start: int
    end: int
    values: tuple[tuple[str, str], ...] = ()


class Reading:
    """The view of a document, its shadow and its numeric mentions, computed once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.view = doc.view
        self.shadow = fold(doc.view)
        self.shadow_bytes = self.shadow.encode("ascii")
        self.mentions: list[Mention] = find_mentions(self.shadow)
        self._starts = [m.start for m in self.mentions]
        self._scan = Scan(doc, TermIndex(), PatternSet())

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions overlapping [lo, hi) (they are sorted and never overlap each other)."""
        i = max(0, bisect_left(self._starts, lo) - 1)
        j = bisect_left(self._starts, hi)
        return [m for m in self.mentions[i:j] if m.end > lo]

    def scope(self, offset: int, scope: str = "sentence") -> tuple[int, int]:
        """The sentence, paragraph or document span around ``offset``."""
        return self._scan.scope(offset, scope)

    def same_sentence(self, a: int, b: int) -> bool:
        lo, hi = self.scope(a)
        return lo <= b < hi or b == hi

    def before(self, offset: int, chars: int) -> str:
        """Up to ``chars`` of shadow before ``offset``, not crossing the sentence start."""
        lo, _ = self.scope(offset)
        return self.shadow[max(lo, offset - chars):offset]

    @cached_property
    def lang(self) -> str:
        """The document's language (for picking a disclaimer to quote), detected once."""
        return detect(self.view)
