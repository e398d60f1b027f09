"""``density``: too many exclamation marks, ALL-CAPS words or urgency words in a stretch of copy.

``max`` items are allowed per ``scope`` (sentence, paragraph, document); with ``per_words``
the allowance grows with the length of the scope (``max`` per that many words). The
finding points at the first item over the limit.
"""
from __future__ import annotations

import re

from smlint.text.kinds.base import Builder, Hit
from smlint.text.normalize import fold

# Letters-only words with no ASCII lower-case letter: the regex skips ordinary words in C, so only
# real candidates reach the Python isupper() check (it was the slowest step of a whole run).
_CAPS_CANDIDATE = re.compile(r"\b[^\W\d_a-z]{2,}\b")
_BANG = re.compile("!")


class Density:
    placeholders = frozenset({"count", "max", "words"})

    def __init__(self, spec: dict, build: Builder) -> None:
        self.count = spec["count"]
        self.max = spec["max"]
        self.per_words = spec.get("per_words")
        self.scope = spec.get("scope", "document")
        self.min_length = spec.get("min_length", 4)
        self.allow = {fold(a) for a in spec.get("allow", ())}
        self.phrases = build.phrases(spec.get("phrases")) if self.count == "phrases" else None
        self.needs = self.phrases  # None (always run) for exclamations and caps-words

    def _items(self, scan) -> list[tuple[int, int]]:
        view = scan.view
        if self.count == "exclamations":
            return [m.span() for m in _BANG.finditer(view)]
        if self.count == "caps-words":
            return [m.span() for m in _CAPS_CANDIDATE.finditer(view)
                    if len(m.group()) >= self.min_length and m.group().isupper()
                    and fold(m.group()) not in self.allow]
        return scan.spans(self.phrases)

    def check(self, scan):
        items = self._items(scan)
        if len(items) <= self.max:
            return
        for lo, hi in scan.scopes(self.scope):
            inside = [it for it in items if lo <= it[0] < hi]
            if len(inside) <= self.max:
                continue
            words = scan.words_in(lo, hi)
            allowed = self.max
            if self.per_words:
                allowed = max(self.max, self.max * words // self.per_words)
            if len(inside) > allowed:
                start, end = inside[allowed]
                yield Hit(start, end, {"count": len(inside), "max": allowed, "words": words})
