"""Everything rule kinds need to know about one document, computed once and lazily.

A :class:`Scan` holds the folded shadow, the phrase and pattern hits of the single
combined scan, and sentence / paragraph / word boundaries for scoped rules.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from smlint.text.document import Document
from smlint.text.normalize import SEGMENT_BREAK, WORDS_ONLY

# A sentence ends at . ! ? … followed by space, at a blank line, at a hard segment break
# (between CSV cells), at a table cell bar, and before a line that starts a list item.
# Abbreviations copy uses before a price or a name do not end a sentence ("£9 inc. VAT", "Sr. Gómez").
_ABBREVIATIONS = ("inc", "incl", "excl", "approx", "aprox", "vs", "sr", "sra", "dr", "dra", "ud", "uds", "st")
# The end marks are found first and the abbreviation checked after, on the few candidates: a
# pattern of look-behinds tried at every character was a quarter of a whole run (issue 14).
# The pattern starts with one character class so that ``re`` skips, in C, every character that
# cannot start an end, and only then looks back at which one it was: 2.3x faster than the
# alternation it matches exactly (``[.!?…]+["'”’)\]]*(?=\s)|\n[ \t]*\n|\x1e|\||\n(?=list item)``,
# tests/text/test_sentences.py).
_SENTENCE_END = re.compile(r"[.!?…|\n\x1e](?:(?<=[.!?…])[.!?…]*[\"'”’)\]]*(?=\s)|(?<=[|\x1e])"
                           r"|(?<=\n)(?:[ \t]*\n|(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t])))")
_ABBREVIATION_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(_ABBREVIATIONS) + r")\Z", re.I)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\x1e")
_WORD = re.compile(rb"\w+")
WINDOWS_BEFORE_FULL_SCAN = 2  # a matcher asked about more windows than this is scanned once, whole


@dataclass(frozen=True)
class MatcherRef:
    """What a trigger, disclosure or exception looks for: phrase term ids and pattern ids."""

    terms: tuple[int, ...] = ()
    patterns: tuple[int, ...] = ()
    name: str = ""


class Scan:
    """One document, scanned once for one compiled rule set."""

    def __init__(self, doc: Document, terms, patterns) -> None:
        self.doc = doc
        self.view = doc.view
        self.shadow = doc.shadow
        self.term_hits = terms.scan(self.shadow)
        self._patterns = patterns
        self.pattern_ids = patterns.matching(self.shadow)  # spans are found only when a rule asks
        self._pattern_spans: dict[int, list[tuple[int, int]]] = {}
        self._spans: dict[MatcherRef, list[tuple[int, int]]] = {}
        self._windows: dict[MatcherRef, int] = {}
        self.registry = None  # the claims registry's Analysis of this document, when a registry is given

    def spans(self, ref: MatcherRef) -> list[tuple[int, int]]:
        """All hits of a matcher, sorted and without duplicates (computed once per matcher)."""
        found = self._spans.get(ref)
        if found is None:
            out: set[tuple[int, int]] = set()
            for tid in ref.terms:
                out.update(self.term_hits.get(tid, ()))
            for pid in ref.patterns:
                if pid in self.pattern_ids or pid not in self._patterns.prefiltered:
                    out.update(self.pattern_spans(pid))
            found = self._spans[ref] = sorted(out)
        return found

    def spans_in(self, ref: MatcherRef, lo: int, hi: int) -> list[tuple[int, int]]:
        """The hits of a matcher that lie inside [lo, hi), sorted. Patterns not scanned yet run only
        on that window: a disclosure is looked for around its trigger, not in the whole document."""
        asked = self._windows[ref] = self._windows.get(ref, 0) + 1
        if ref in self._spans or asked > WINDOWS_BEFORE_FULL_SCAN:
            found = self.spans(ref)  # asked often: one scan of the document beats many small ones
            return found[bisect_left(found, (lo, lo)):bisect_left(found, (hi, hi))] if found else []
        out: set[tuple[int, int]] = set()
        for tid in ref.terms:
            out.update(sp for sp in self.term_hits.get(tid, ()) if lo <= sp[0] and sp[1] <= hi)
        for pid in ref.patterns:
            if pid in self._pattern_spans:
                out.update(sp for sp in self._pattern_spans[pid] if lo <= sp[0] and sp[1] <= hi)
            elif pid in self.pattern_ids or pid not in self._patterns.prefiltered:
                out.update(self._patterns.window(pid, self.shadow, lo, hi))
        return sorted(out)

    def pattern_spans(self, pid: int) -> list[tuple[int, int]]:
        if pid not in self._pattern_spans:
            self._pattern_spans[pid] = self._patterns.spans(pid, self.shadow)
        return self._pattern_spans[pid]

    @cached_property
    def sentence_starts(self) -> list[int]:
        view = self.view
        return [0] + [m.end() for m in _SENTENCE_END.finditer(view)
                      if view[m.start()] != "." or not _ABBREVIATION_BEFORE.search(view, max(0, m.start() - 7),
                                                                                     m.start())]

    @cached_property
    def segment_starts(self) -> list[int]:
        """Where each segment begins: readers put SEGMENT_BREAK between CSV cells and YAML fields."""
        view, starts = self.view, [0]
        i = view.find(SEGMENT_BREAK)
        while i >= 0:
            starts.append(i + 1)
            i = view.find(SEGMENT_BREAK, i + 1)
        return starts

    def segment(self, offset: int) -> tuple[int, int]:
        """The segment (the whole document, or one cell or field) holding ``offset``."""
        starts = self.segment_starts
        i = bisect_right(starts, offset) - 1
        return starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(self.view)

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [0] + [m.end() for m in _PARAGRAPH_END.finditer(self.view)]

    @cached_property
    def word_spans(self) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(self.shadow)]

    @cached_property
    def word_count(self) -> int:
        """``len(self.word_spans)``, counted in C without making the spans (issue 14: the offer
        context asks it of most documents, and the spans of every word were 3 % of a run)."""
        if "word_spans" in self.__dict__:
            return len(self.word_spans)
        return len(self.shadow.translate(WORDS_ONLY).split())

    def scope(self, offset: int, scope) -> tuple[int, int]:
        """The span of the sentence, paragraph, document or word window around ``offset``."""
        if scope == "document":
            return 0, len(self.view)
        if isinstance(scope, dict):
            return self._word_window(offset, scope["words"])
        starts = self.sentence_starts if scope == "sentence" else self.paragraph_starts
        i = bisect_right(starts, offset) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.view)
        return starts[i], end

    def _word_window(self, offset: int, n: int) -> tuple[int, int]:
        words = self.word_spans
        if not words:
            return 0, len(self.view)
        i = bisect_left(words, (offset, offset))
        lo = max(0, i - n)
        hi = min(len(words) - 1, i + n)
        return words[lo][0], words[hi][1]

    def scopes(self, scope: str) -> list[tuple[int, int]]:
        """Every sentence, paragraph or the whole document, as spans."""
        if scope == "document":
            return [(0, len(self.view))]
        starts = self.sentence_starts if scope == "sentence" else self.paragraph_starts
        ends = starts[1:] + [len(self.view)]
        return list(zip(starts, ends))

    def words_in(self, start: int, end: int) -> int:
        words = self.word_spans
        return bisect_left(words, (end, end)) - bisect_left(words, (start, start))
