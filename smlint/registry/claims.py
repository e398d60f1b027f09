"""Numeric claims in the copy, matched against the approved claims of the registry.

A claim's ``text`` and each ``variant`` are read like copy: its number (``up to 30%``)
and its *wording* — the stems of its other words (``faster onboarding`` → ``faste``,
``onboa``).  A number in the copy is that claim when the sentence around it holds most
of the wording (half its stems, at least one): with the same number it is a *use* of the
claim (then expiry, channel and disclaimer are checked), with another number it is a
mismatch.  A number no claim's wording explains is an *unregistered* claim.
Claims without a number (``the most trusted CRM``) are found by their exact wording.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from smlint.registry.facts import phrase_pattern
from smlint.registry.load import Claim
from smlint.registry.numbers import Mention, describe, find_mentions
from smlint.registry.reading import Hit, Reading
from smlint.text.lang import detect
from smlint.text.normalize import fold

STOPWORDS = frozenset(
    "the and for with your our you than more mas que las los del con para por una uno tus sus nos "
    "les este esta estos estas from are that this its their has have had was were will can than "
    "hasta much many como muy".split())
STEM = 5
_WORDS = re.compile(r"[a-z]+")


def stems(text: str) -> frozenset[str]:
    """The content-word stems of a folded text: words of 3+ letters, no stopwords, first 5 letters."""
    return frozenset(w[:STEM] for w in _WORDS.findall(text) if len(w) >= 3 and w not in STOPWORDS)


@dataclass(frozen=True)
class Wording:
    """A claim's text or one variant, read once."""

    claim: Claim
    text: str
    mention: Mention | None
    stems: frozenset[str]

    def agrees(self, m: Mention) -> bool:
        """Same number, and 'up to' kept when the registry says 'up to'."""
        return self.mention is not None and self.mention.same_number(m) and (m.upto or not self.mention.upto)


@dataclass(frozen=True)
class Use:
    """Where the copy states a claim; ``agrees`` is False when its number differs."""

    wording: Wording
    start: int
    end: int
    agrees: bool
    stated: str = ""  # the copy's number, described

    @property
    def claim(self) -> Claim:
        return self.wording.claim


def read_wording(claim: Claim, text: str) -> Wording:
    folded = fold(text)
    mentions = find_mentions(folded)
    mention = mentions[0] if mentions else None
    rest = folded if mention is None else folded[:mention.start] + " " + folded[mention.end:]
    return Wording(claim, text, mention, stems(rest))


class ClaimIndex:
    """Every wording of every approved claim, plus exact-phrase patterns for claims without numbers."""

    def __init__(self, claims) -> None:
        self.wordings = [read_wording(c, t) for c in claims for t in c.wordings]
        self.textual = [(w, phrase_pattern([w.text])) for w in self.wordings if w.mention is None]

    def match(self, r: Reading, m: Mention) -> Use | None:
        """The claim a numeric mention states (agreeing or not), or None if no wording fits."""
        lo, hi = r.scope(m.start)
        around = stems(r.shadow[lo:m.start] + " " + r.shadow[m.end:hi])
        best, best_key = None, None
        for w in self.wordings:
            if w.mention is None or w.mention.kind != m.kind or not w.stems:
                continue
            found = len(w.stems & around)
            if found < math.ceil(0.5 * len(w.stems)):
                continue
            key = (w.agrees(m), found / len(w.stems), found)
            if best_key is None or key > best_key:
                best, best_key = w, key
        if best is None:
            return None
        return Use(best, m.start, m.end, best.agrees(m), describe(m))

    def exact(self, r: Reading) -> list[Use]:
        """Claims without a number, found by their wording."""
        return [Use(w, s.start(), s.end(), True) for w, pattern in self.textual if pattern
                for s in pattern.finditer(r.shadow_bytes)]


def check_uses(r: Reading, uses: list[Use], channel: str | None, today: dt.date) -> list[Hit]:
    """Mismatched numbers, expired claims, claims outside their channels, missing disclaimers."""
    hits = []
    for use in uses:
        claim = use.claim
        if not use.agrees:
            hits.append(Hit("claim-number-mismatch", use.start, use.end,
                            (("claim", claim.id), ("expected", use.wording.text), ("actual", use.stated))))
            continue
        if claim.expires and claim.expires < today:
            hits.append(Hit("expired-claim", use.start, use.end,
                            (("claim", claim.id), ("expires", claim.expires.isoformat()))))
        if channel and claim.channels and channel not in claim.channels:
            hits.append(Hit("claim-wrong-channel", use.start, use.end,
                            (("claim", claim.id), ("channels", ", ".join(claim.channels)), ("channel", channel))))
        if claim.disclaimers and not _disclaimed(r, use):
            hits.append(Hit("missing-disclaimer", use.start, use.end,
                            (("claim", claim.id), ("disclaimer", _disclaimer_for(r, claim)))))
    return hits


def _disclaimer_for(r: Reading, claim: Claim) -> str:
    """The disclaimer in the document's language when the claim has one per language."""
    return next((d for d in claim.disclaimers if detect(d) == r.lang), claim.disclaimers[0])


def _disclaimed(r: Reading, use: Use) -> bool:
    """One of the claim's disclaimers appears (words in order, punctuation free) in its scope."""
    lo, hi = r.scope(use.start, use.claim.disclaimer_scope)
    text = " " + " ".join(_WORDS_AND_DIGITS.findall(r.shadow[lo:hi])) + " "
    return any(" " + " ".join(_WORDS_AND_DIGITS.findall(fold(d))) + " " in text for d in use.claim.disclaimers)


_WORDS_AND_DIGITS = re.compile(r"[a-z0-9]+")
