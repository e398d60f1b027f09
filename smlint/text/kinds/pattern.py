"""``pattern``: a regular expression (RE2 syntax, linear time), for what phrases cannot say.

Patterns run on the folded text (lower case, no accents) unless ``case_sensitive: true``,
in which case they run on the text as written (for ALL CAPS, "#1" and the like).
"""
from __future__ import annotations

from smlint.text.kinds.base import Builder, Hit, overlaps
from smlint.text.matcher import compile_latin1, compile_pattern, latin1_view, nonempty_spans
from smlint.text.scan import MatcherRef

class Pattern:
    placeholders: frozenset[str] = frozenset()

    def __init__(self, spec: dict, build: Builder) -> None:
        self.exceptions = build.phrases(spec.get("exceptions"))
        self.case_sensitive = bool(spec.get("case_sensitive"))
        self.source = spec["pattern"]
        self._regex = None
        self._latin1 = False  # not tried yet; None: cannot be run as Latin-1
        if self.case_sensitive:
            self.ref = MatcherRef()
            self.needs = None  # runs on the original text: no shared prefilter
        else:
            self.ref = build.matcher({"pattern": spec["pattern"]})
            self.needs = self.ref

    @property
    def regex(self):
        """The case-sensitive pattern over the view as UTF-8, compiled when first used: a Unicode
        class such as ``\\p{Lu}`` makes a program of thousands of instructions (~7 ms of a cold
        start, issue 14), and most documents never need it (see :meth:`_spans`). Its bound was
        checked when the pack loaded (user packs) or by the suite (built-in packs)."""
        if self._regex is None:
            self._regex = compile_pattern(self.source, case_sensitive=True, reverse_bound=False)
        return self._regex

    def _spans(self, view: str) -> list[tuple[int, int]]:
        """The non-empty matches in ``view``: a view of Latin-1 characters only (all English and most
        Spanish copy; ASCII only if the pattern ignores case somewhere) is matched as Latin-1 bytes, where a character is a byte and RE2 gives the
        same matches (:func:`~smlint.text.matcher.compile_latin1`) from a program a hundred times
        smaller; any other view with the UTF-8 program."""
        if self._latin1 is False:
            self._latin1 = compile_latin1(self.source)
        if self._latin1 is not None:
            data = latin1_view(view, self._latin1.folds_case)
            if data is not None:
                return nonempty_spans(self._latin1.regex, data, 0, len(data))
        return [m.span() for m in self.regex.finditer(view) if m.end() > m.start()]

    def check(self, scan):
        excluded = scan.spans(self.exceptions)
        spans = self._spans(scan.view) if self.case_sensitive else scan.spans(self.ref)
        for start, end in spans:
            if not overlaps(excluded, start, end):
                yield Hit(start, end)
