"""``footnote``: every qualifier marker must lead somewhere.

A claim that carries a marker (``fastest*``, ``free†``, ``save 40%(1)``, ``No. 1¹``) promises a
footnote that qualifies it. The hit is the word and its marker when the copy holds no footnote
for that marker: no line or cell that starts with it (``* Based on …``, ``(1) Ofcom …``, ``¹ …``)
and no later sentence that opens with it ("… *Based on Ofcom data, May 2026."), with at least
``min_words`` words after it (a footnote that says something; "*T&Cs apply" does not). With
``qualifies`` (phrases), only a marker that follows one of them within a few words counts: the
claim or price the marker qualifies ("fastest*", "£9.99*"), not a defined term in a contract
("during the Offer Period**"). A legal reference ("Art. 5(3)", "section 2(1)") is not a marker.

Markers are found in the reader's view (markup is gone, so Markdown emphasis is not a marker);
footnotes are looked for in the view and in the source lines, because a Markdown bullet
(``* Based on …``) keeps its text but loses its ``*`` in the view. Any doubt resolves to silence:
a list of bullets counts as footnotes for ``*``, an ordered list for ``(1)``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from smlint.text.kinds.base import Builder, Hit

# A marker glued to the word it qualifies, and followed by a space, punctuation or the end:
# "fastest*", "free†", "£9.99*", "40%(1)", "No. 1¹". Not "2*3" or "f*ck" (glued on both sides).
_MARKER = re.compile(
    r"(?<=[^\s*(\[\x1e])(\*{1,3}|[\u2020\u2021]{1,2}|[\u00b9\u00b2\u00b3\u2074-\u2079]|\((?:\d{1,2}|[a-e])\))"
    r"(?=[\s.,;:!?)\]\x1e]|$)")
_WORD_CHAR = re.compile(r"[\w%€£$'’.-]")  # the word a marker qualifies, read backwards from the marker
_RATING = re.compile(r"(?<![\d.,£$€])[1-5](?:[.,]\d)?$")  # "a 5* hotel", "4.5* on Trustpilot": stars
_SUPERSCRIPT = {"\u00b9": "1", "\u00b2": "2", "\u00b3": "3", **{chr(0x2070 + d): str(d) for d in range(4, 10)}}
_WORDS = re.compile(r"[^\W_]{2,}")  # words of two letters or more: "T&Cs apply" is two
_LEGAL_REF = re.compile(r"(?:\bart|article|artículo|section|sec|\bs|reg|regulation|para|paragraph|párrafo|"
                        r"apartado|rule|clause|schedule|§)\.?\s*\d+[a-z]?$", re.I)
QUALIFIES_WITHIN = 3  # words between the end of the qualified claim and its marker ("£9.99 a month*")
_TAGS = r"(?:<[^>]+>\s*)*"  # an HTML footnote line may open with <small>, <p>, <sup> …


def _forms(marker: str) -> list[str]:
    """The ways a footnote can be introduced for this marker, as regex sources."""
    if marker.startswith("("):
        n = marker[1:-1]
        return [rf"\({n}\)", rf"{n}\)", rf"\[{n}\]", rf"{n}\.", re.escape(next(
            (s for s, d in _SUPERSCRIPT.items() if d == n), "\0"))]
    if marker in _SUPERSCRIPT:
        n = _SUPERSCRIPT[marker]
        return [re.escape(marker), rf"\({n}\)", rf"{n}\)", rf"\[{n}\]"]
    if marker.startswith("*"):
        return [r"\\?\*" * len(marker)]
    return [re.escape(marker)]


class Footnote:
    placeholders: frozenset[str] = frozenset({"marker"})

    def __init__(self, spec: dict, build: Builder) -> None:
        self.min_words = int(spec.get("min_words", 3))
        self.exceptions = build.phrases(spec.get("exceptions"))
        self.qualifies = build.phrases(spec["qualifies"]) if spec.get("qualifies") else None
        self.needs = None  # markers are not words: a cheap regex on the view, for every document

    def check(self, scan):
        view = scan.view
        markers = list(_MARKER.finditer(view))
        if not markers:
            return
        excluded = scan.spans(self.exceptions)
        claims = scan.spans(self.qualifies) if self.qualifies is not None else None
        resolved: dict[str, bool] = {}
        for m in markers:
            marker = m.group(1)
            if marker == "*" and _RATING.search(view, max(0, m.start() - 4), m.start()):
                continue
            if marker.startswith("(") and _LEGAL_REF.search(view, max(0, m.start() - 20), m.start()):
                continue
            if claims is not None and not any(
                    e <= m.start() and scan.words_in(e, m.start()) <= QUALIFIES_WITHIN for _, e in claims):
                continue
            if marker not in resolved:
                resolved[marker] = self._has_footnote(scan, marker, m.start())
            if resolved[marker]:
                continue
            start = m.start()
            while start and _WORD_CHAR.match(view, start - 1):  # not a search from 0: one per marker
                start -= 1
            if any(s < m.end() and start < e for s, e in excluded):
                continue
            yield Hit(start, m.end(), {"marker": marker})

    def _has_footnote(self, scan, marker: str, at: int) -> bool:
        in_source, in_view = _footnote_patterns(marker)
        if any(len(_WORDS.findall(m.group(1))) >= self.min_words for m in in_source.finditer(scan.doc.source)):
            return True
        return any(m.start() != at and len(_WORDS.findall(m.group(1))) >= self.min_words
                   for m in in_view.finditer(scan.view))


@lru_cache(maxsize=64)
def _footnote_patterns(marker: str) -> tuple[re.Pattern, re.Pattern]:
    """Where a footnote for ``marker`` can start, compiled once per marker: a line or a cell of the
    source that opens with it ("* Based on …", "(1) Ofcom …"; a CSV row's disclaimer column is not
    copy, but it is there), and a later sentence, cell or line of the view ("… *Based on Ofcom data")."""
    forms = "|".join(_forms(marker))
    text = rf"(?:{forms})[ \t]*([^\n\x1e]*)"
    return (re.compile(rf"(?m)(?:^|[,;\t|][ \t]*\"?)[ \t>]*(?:[-+][ \t]+)?{_TAGS}{text}"),
            re.compile(rf"(?:^|(?<=[\s\x1e]))(?:{forms})[ \t]*(?=\w)([^\n\x1e]*)"))
