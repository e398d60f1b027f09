"""``pattern``: a regular expression (RE2 syntax, linear time), for what phrases cannot say.

Patterns run on the folded text (lower case, no accents) unless ``case_sensitive: true``,
in which case they run on the text as written (for ALL CAPS, "#1" and the like).
"""
from __future__ import annotations

from smlint.text.kinds.base import Builder, Hit, overlaps
from smlint.text.matcher import compile_pattern
from smlint.text.scan import MatcherRef


class Pattern:
    placeholders: frozenset[str] = frozenset()

    def __init__(self, spec: dict, build: Builder) -> None:
        self.exceptions = build.phrases(spec.get("exceptions"))
        self.case_sensitive = bool(spec.get("case_sensitive"))
        if self.case_sensitive:
            self.regex = compile_pattern(spec["pattern"], case_sensitive=True)
            self.ref = MatcherRef()
            self.needs = None  # runs on the original text: no shared prefilter
        else:
            self.ref = build.matcher({"pattern": spec["pattern"]})
            self.needs = self.ref

    def check(self, scan):
        excluded = scan.spans(self.exceptions)
        if self.case_sensitive:
            spans = [m.span() for m in self.regex.finditer(scan.view) if m.end() > m.start()]
        else:
            spans = scan.spans(self.ref)
        for start, end in spans:
            if not overlaps(excluded, start, end):
                yield Hit(start, end)
