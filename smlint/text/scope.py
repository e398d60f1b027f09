"""Where a hit counts: negation, condition clauses and offer context, for any rule kind.

A rule may say, next to its kind's fields:

``skip: [negated]``
    a trigger with a ``{negation}`` just before it in its clause ("no increases during the
    contract", "sin permanencia") is not a finding;
``skip: [conditional]``
    a trigger with a ``{condition}`` next to it in its sentence ("free delivery on orders over
    £50", "gratis si pagas con la app") is not a finding;
``skip: [legal]``
    a trigger in a sentence of contract language (a ``{legal-clause}``: "this Agreement shall
    renew", "Trial Period means the period of 45 days", "en virtud del presente contrato") is not a
    finding: the terms themselves are where a practice's disclosures are made, not an offer that
    hides them;
``context: {phrases: ["{promotional}"], scope: sentence, otherwise: info, standalone: true}``
    the rule only fires where the copy is promotional: the scope around the trigger must hold
    the context matcher (a concept such as ``{advertiser}``, ``{reader}``, ``{offer}``).
    Elsewhere the hit is dropped, or reported as ``info`` (``otherwise: info``) so a writer
    can still see it without it failing a gate. With ``standalone: true`` (the default when
    ``otherwise`` is ``info``) a short text on its own — an ad, a headline, a CSV ad cell
    (:func:`standalone_copy`) — is promotional by what it is, and in long-form prose (a blog post,
    :func:`long_form`) the sentence must also carry an ``{offer-signal}`` (a price, a call to
    action, a whole-market claim); ``standalone: false`` keeps a context that is a condition of the
    practice itself ("a paid plan is named") for every text. In long-form prose a hit inside
    quotation marks (:func:`quoted`) is a mention of copy, not an offer: ``otherwise`` too.

The engine applies these after the kind found its hits (kinds know nothing of them), with
the concepts of the rule's own language. One filter needs no key and holds for every rule: a
hit inside quotation marks that the sentence reports as someone else's wording — introduced or
followed by a ``{mention-frame}`` ("ads promising “…”", "el anuncio que prometía «…»", "“…” is a
phrase regulators question") — is a mention of a claim, not the claim (:func:`mentioned`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from smlint.model import Severity
from smlint.text.scan import MatcherRef

SKIPS = ("negated", "conditional", "legal")
NEGATION_WORDS = 3     # words allowed between the negation and the trigger ("no hidden extra fees")
CONDITION_WORDS = 8    # words allowed between a condition and the trigger, either side
STANDALONE_WORDS = 40  # copy this short, on its own, is an ad whatever its wording (see standalone_copy)
LONG_FORM_WORDS = 400  # prose this long is editorial unless a sentence carries an offer (see long_form)
_WORDS = re.compile(r"\w+")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[-\u2013\u2014]\s|\u2014")
MENTION_WORDS = 4  # words allowed between a mention frame and the quotation it introduces or follows
_QUOTES = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"))
_STRAIGHT_OPEN = re.compile(r"(?:^|[\s(\[:])(')(?=\w|$)[^']*$")  # a ' opening after a space or bracket
_STRAIGHT_CLOSE = re.compile(r"(?<=[\w.!?%])'(?=$|[\s,;:.!?)\]])")  # ... and closing before one


@dataclass(frozen=True)
class Filters:
    """The scope filters of one rule, compiled against the rule set's shared matchers."""

    negation: MatcherRef | None = None
    condition: MatcherRef | None = None
    legal: MatcherRef | None = None
    context: MatcherRef | None = None
    context_scope: str = "sentence"
    otherwise: Severity | None = None   # None: drop hits outside the context
    standalone: bool = False            # short copy on its own counts as in context
    offer_signal: MatcherRef | None = None  # in long-form prose the sentence must also hold one

    @classmethod
    def build(cls, spec: dict, build) -> "Filters | None":
        skip = spec.get("skip") or ()
        context = spec.get("context")
        if not skip and not context:
            return None
        negation = build.matcher("{negation}") if "negated" in skip else None
        condition = build.matcher("{condition}") if "conditional" in skip else None
        legal = build.matcher("{legal-clause}") if "legal" in skip else None
        if isinstance(context, (str, list)):
            context = {"phrases": [context] if isinstance(context, str) else context}
        ref = build.matcher({k: v for k, v in context.items() if k in ("phrases", "pattern")}) if context else None
        context = context or {}
        otherwise = context.get("otherwise", "silent")
        standalone = context.get("standalone", otherwise != "silent")
        return cls(negation, condition, legal, ref, context.get("scope", "sentence"),
                   None if otherwise == "silent" else Severity.parse(otherwise), standalone,
                   build.matcher("{offer-signal}") if ref is not None and standalone else None)

    def judge(self, scan, start: int, end: int, severity: Severity) -> Severity | None:
        """The hit's severity, lowered outside the context, or None when it is not a finding."""
        if self.negation is not None and negated(scan, self.negation, start):
            return None
        if self.condition is not None and conditional(scan, self.condition, start, end):
            return None
        if self.legal is not None and in_context(scan, self.legal, start, end, "sentence"):
            return None  # the contract's own clause: the terms are stated here
        if self.context is None or (self.standalone and standalone_copy(scan, start)):
            return severity
        if not in_context(scan, self.context, start, end, self.context_scope):
            return self.otherwise
        if long_form(scan) and quoted(scan, start, end):
            return self.otherwise  # an article quoting an ad ("Variant B: “20% off socks”") offers nothing
        if self.offer_signal is not None and long_form(scan) \
                and not in_context(scan, self.offer_signal, start, end, "sentence"):
            return self.otherwise  # a blog post's "our fastest build yet" is editorial, not an offer
        return severity


def clause(scan, offset: int) -> tuple[int, int]:
    """The clause around ``offset``: its sentence, cut at commas, semicolons, colons, brackets and dashes."""
    lo, hi = scan.scope(offset, "sentence")
    text = scan.view[lo:hi]
    rel = offset - lo
    start, stop = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= rel:
            start = m.end()
        elif m.start() >= rel:
            stop = m.start()
            break
    return lo + start, lo + stop


def negated(scan, ref: MatcherRef, start: int) -> bool:
    """A negation in the trigger's clause that ends at most NEGATION_WORDS words before it."""
    lo, _ = clause(scan, start)
    return any(scan.words_in(e, start) <= NEGATION_WORDS for _, e in scan.spans_in(ref, lo, start))


def conditional(scan, ref: MatcherRef, start: int, end: int) -> bool:
    """A condition in the trigger's sentence, at most CONDITION_WORDS words away on either side."""
    lo, hi = scan.scope(start, "sentence")
    for s, e in scan.spans_in(ref, lo, hi):
        if e <= start and scan.words_in(e, start) <= CONDITION_WORDS:
            return True
        if s >= end and scan.words_in(end, s) <= CONDITION_WORDS:
            return True
        if s < end and e > start:  # the condition overlaps the trigger: "free on orders over £50"
            return True
    return False


def standalone_copy(scan, offset: int) -> bool:
    """A headline or ad line on its own — a CSV ad cell, a subject line, a banner, a tagline: at
    most STANDALONE_WORDS words in its unit (the document, or the cell or field of a CSV, YAML or
    JSON file), and not a sentence of prose (it does not end in a full stop). Such copy is an
    advertisement by what it is ("Rated #1", "FREE EGG CHAIR!"); the offer context is there to tell
    editorial prose from offers, and a headline standing alone is not prose."""
    region = scan.doc.region_at(offset) if scan.doc.regions else None
    if region is not None:  # a CSV cell, a YAML or JSON field: each is a piece of copy on its own
        lo, hi = region.start, region.end
    else:  # a Markdown, HTML or text document is one piece of copy
        lo, hi = 0, len(scan.view)
    if hi - lo > STANDALONE_WORDS * 25:  # too long to be 40 words: no need to count them
        return False
    text = scan.view[lo:hi]
    if len(_WORDS.findall(text)) > STANDALONE_WORDS:
        return False
    return not text.rstrip().rstrip("\"'”’)]*").endswith(".")


def long_form(scan) -> bool:
    """Long-form prose — a blog post, an article, a help page: more than LONG_FORM_WORDS words. There
    a register context (the advertiser's voice, a product noun) is everywhere, so a sentence is an
    offer only when it also carries an {offer-signal}: a price, a call to action, a whole-market
    claim (issue 11, "editorial prose is not an offer")."""
    return scan.word_count > LONG_FORM_WORDS


def quoted(scan, start: int, end: int) -> bool:
    """The hit stands inside quotation marks in its paragraph (“…”, «…», ‘…’, "…", '…'): long-form prose
    that quotes copy — an A/B test's variants, a button's label under discussion — mentions the
    offer rather than making it. A straight quote opened right after ``=`` is a template
    attribute's value (``link_text="Start free trial"``), the page's own button, not a quotation."""
    return quotation(scan, start, end) is not None


def quotation(scan, start: int, end: int) -> tuple[int, int] | None:
    """The view offsets of the opening and closing quotation marks around a hit, or None (see
    :func:`quoted`). Straight single quotes count only where one opens after a space or a bracket
    and closes before one, so that an apostrophe ("don't") is never a quotation mark."""
    lo, hi = scan.scope(start, "paragraph")
    before, after = scan.view[lo:start], scan.view[end:hi]
    for opening, closing in _QUOTES:
        i = before.rfind(opening)
        if i > before.rfind(closing) and closing in after:
            return lo + i, end + after.index(closing)
    last = before.rfind('"')
    if before.count('"') % 2 == 1 and '"' in after and not before[:last].rstrip().endswith("="):
        return lo + last, end + after.index('"')
    m = _STRAIGHT_OPEN.search(before)
    if m is not None:
        close = _STRAIGHT_CLOSE.search(scan.view, end, hi)  # on the view: the look-behind sees the hit
        if close is not None and "'" not in scan.view[end:close.start()]:
            return lo + m.start(1), close.start()
    return None


def mentioned(scan, ref: MatcherRef, start: int, end: int) -> bool:
    """A quoted hit that its sentence reports as someone's wording: a ``{mention-frame}`` ending at
    most MENTION_WORDS words before the opening quotation mark, or starting at most that many after
    the closing one. A quotation on its own stays a claim: a testimonial ("“It cured my back”, says
    Ann") is an advertiser's claim too (CAP Code 3.47)."""
    marks = quotation(scan, start, end)
    if marks is None:
        return False
    opening, closing = marks
    lo, _ = scan.scope(start, "sentence")
    _, hi = scan.scope(min(closing + 1, len(scan.view) - 1), "sentence")  # “Free delivery!” was banned
    return any(e <= opening and scan.words_in(e, opening) <= MENTION_WORDS
               or s > closing and scan.words_in(closing, s) <= MENTION_WORDS
               for s, e in scan.spans_in(ref, lo, hi))


def in_context(scan, ref: MatcherRef, start: int, end: int, scope: str) -> bool:
    lo, hi = scan.scope(start, scope)
    return bool(scan.spans_in(ref, lo, hi))
