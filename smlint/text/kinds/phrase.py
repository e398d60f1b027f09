"""``phrase``: flag words and phrases (whole-word, case- and accent-insensitive), minus exceptions."""
from __future__ import annotations

from smlint.text.kinds.base import Builder, Hit, overlaps


class Phrase:
    placeholders: frozenset[str] = frozenset()

    def __init__(self, spec: dict, build: Builder) -> None:
        self.phrases = build.phrases(spec["phrases"])
        self.exceptions = build.phrases(spec.get("exceptions"))
        self.needs = self.phrases

    def check(self, scan):
        excluded = scan.spans(self.exceptions)
        for start, end in scan.spans(self.phrases):
            if not overlaps(excluded, start, end):
                yield Hit(start, end)
