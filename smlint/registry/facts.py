"""Copy that contradicts the product facts: prices, taxes, permanence, term, fee, trial, renewal.

Each check runs only when the registry states the fact (``None`` = not stated = no check).
Wording is matched on the folded shadow, in English and Spanish at once (a Spanish
sales script quoting an English tagline is normal); ``facts.aliases`` adds a team's own
phrasing.  Each check returns :class:`Hit` spans that point at the exact words, and the
money/number mentions it has explained, so the claims check does not report them again.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate

from smlint.registry.load import Facts, Price
from smlint.registry.numbers import VALUE, Mention, describe, find_in, g, money_text, parse_number, windows
from smlint.registry.reading import Hit, Reading
from smlint.text.normalize import fold

import re2

_RE2 = re2.Options()
_RE2.encoding = re2.Options.Encoding.LATIN1  # the shadow is ASCII (see smlint.text.matcher)
_RE2.max_mem = 256 << 20
_RE2.log_errors = False

# The wording each check reads is a concept of each language (rules/<lang>/concepts.yaml), read in
# both languages at once: a Spanish sales script quoting an English tagline is normal.
WORDING = {"taxes_in": "taxes-included", "taxes_ex": "taxes-excluded", "no_commitment": "no-commitment",
           "no_renewal": "no-renewal", "renewal": "auto-renewal", "no_fee": "no-exit-fee",
           "fee_words": "exit-fee", "any_trial": "trial"}
# facts.aliases: a team's own phrasing, added to a concept.
ALIASES = {"taxes_in": "taxes_included", "taxes_ex": "taxes_excluded", "no_commitment": "no_commitment",
           "no_renewal": "no_auto_renewal", "no_fee": "no_exit_fee"}

_COUNT = rf"(?P<n>{VALUE}|\b(?:un|an?)\b)"
_TERM_UNIT = r"(?P<u>months?|years?|mes|meses|anos?)"
TERM = [re.compile(p) for p in (
    rf"{_COUNT}[\s-]*{_TERM_UNIT}[\s-]+(?:minimum\s+)?(?:contract|commitment|term|lock-in"
    r"|de\s+permanencia|de\s+compromiso|permanencia)\b",
    r"\b(?:minimum\s+term|minimum\s+contract|contract\s+term|contract|commitment|permanencia(?:\s+minima)?"
    rf"|compromiso(?:\s+de\s+permanencia)?|contrato)\s+(?:of\s+|de\s+|is\s+|es\s+de\s+|:\s*)?{_COUNT}\s+"
    rf"{_TERM_UNIT}\b")]
_TRIAL_UNIT = r"(?P<u>days?|dias?|weeks?|semanas?|months?|mes|meses)"
TRIAL = [re.compile(p) for p in (
    rf"{_COUNT}[\s-]*{_TRIAL_UNIT}[\s-]+(?:free\s+)?trial\b",
    rf"\b(?:free\s+)?trial\s+(?:period\s+)?(?:of|for|lasts?)\s+{_COUNT}\s+{_TRIAL_UNIT}\b",
    rf"\bfree\s+for\s+{_COUNT}\s+{_TRIAL_UNIT}\b",
    rf"\bprueba(?:\s+gratis|\s+gratuita)?\s+(?:de|durante|por)\s+{_COUNT}\s+{_TRIAL_UNIT}\b",
    rf"{_COUNT}\s+{_TRIAL_UNIT}\s+(?:de\s+prueba|gratis)\b",
    rf"\bgratis\s+(?:durante|por)\s+{_COUNT}\s+{_TRIAL_UNIT}\b")]
_DAYS = {"day": 1, "dia": 1, "week": 7, "semana": 7, "month": 30, "mes": 30}
_MONTHS = {"month": 1, "mes": 1, "year": 12, "ano": 12}
_PRICE_WORDS = re.compile(r"\b(?:price[sd]?|pricing|costs?|pay|only|just|from|for|desde|precios?|cuestan?"
                          r"|pagas?|por|solo|tarifa|plan|at)\b[^.!?\n]{0,12}$")
_SAVING_WORDS = re.compile(r"\b(?:save[sd]?|saving|savings|earn\w*|ahorr\w*|gana\w*|ingres\w*|revenue"
                           r"|extra|worth|valued?)\b")
_TAX_RATE = re.compile(r"\b(?:iva|vat|tax|impuestos?)\b")


def phrase_pattern(phrases):
    """One RE2 pattern (bytes, for the ASCII shadow) for a list of phrases: folded, whole-word,
    any run of spaces between words. RE2 keeps the scan linear and fast (DESIGN.md, matching engine)."""
    parts = []
    for phrase in phrases:
        words = fold(phrase).split()
        if not words:
            continue
        body = r"\s+".join(re2.escape(w) for w in words)
        parts.append((r"\b" if words[0][0].isalnum() else "") + body + (r"\b" if words[-1][-1].isalnum() else ""))
    if not parts:
        return None
    return re2.compile("|".join(sorted(parts, key=len, reverse=True)).encode("ascii"), _RE2)


_TERM_TRIGGER = re2.compile(rb"\b(?:contract|commitment|term|lock-in|permanencia|compromiso|contrato)\b", _RE2)
_TRIAL_TRIGGER = re2.compile(rb"\b(?:trial|prueba|free|gratis)\b", _RE2)


def _wording(source: str, extra) -> object:
    """One RE2 pattern for a concept plus a team's own phrases (``facts.aliases``)."""
    parts = [source] + [phrase_pattern([p]).pattern.decode("ascii") for p in extra if phrase_pattern([p])]
    return re2.compile("|".join(f"(?:{p})" for p in parts).encode("ascii"), _RE2)


def _spans(pattern, r: Reading) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(r.shadow_bytes)] if pattern else []


def _outside(spans, others) -> list[tuple[int, int]]:
    """``spans`` that overlap none of ``others`` ("sin renovación automática" is not "renovación automática")."""
    others = sorted(others)
    starts = [s for s, _ in others]
    longest_end = list(accumulate((e for _, e in others), max))
    out = []
    for s, e in spans:
        i = bisect_left(starts, e)  # others[:i] start before e; one of them overlaps if it ends after s
        if i == 0 or longest_end[i - 1] <= s:
            out.append((s, e))
    return out


def _count(text: str) -> float:
    return 1.0 if text in ("un", "a", "an") else parse_number(text)


@dataclass
class FactResult:
    hits: list[Hit] = field(default_factory=list)
    explained: set[Mention] = field(default_factory=set)   # mentions that are facts, not claims
    plan_at: dict[Mention, Price | None] = field(default_factory=dict)  # price mentions -> their plan

    def hit(self, rule: str, start: int, end: int, **values: str) -> None:
        self.hits.append(Hit(rule, start, end, tuple(values.items())))


class FactChecker:
    """The facts of one registry, with their phrase patterns compiled once."""

    def __init__(self, facts: Facts, vocab) -> None:
        """``vocab``: the ``any`` vocabulary (every language's concepts) the wording comes from."""
        self.facts = facts
        for attr, concept in WORDING.items():
            extra = facts.aliases.get(ALIASES.get(attr, ""), ())
            setattr(self, attr, _wording(vocab.regex(concept), extra))
        self.plan_names = self._plan_pattern()

    def _plan_pattern(self) -> re.Pattern | None:
        names = sorted({n for p in self.facts.prices for n in p.names}, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)") if names else None

    def check(self, r: Reading) -> FactResult:
        out = FactResult()
        self._fees(r, out)
        self._prices(r, out)
        self._taxes(r, out)
        self._permanence(r, out)
        self._term(r, out)
        self._trial(r, out)
        self._renewal(r, out)
        self._tax_rates(r, out)
        return out

    # -- prices ---------------------------------------------------------------------------

    def _prices(self, r: Reading, out: FactResult) -> None:
        """A price in the copy must be one of the plans (the named plan when one is named)."""
        prices = self.facts.prices
        if not prices:
            return
        for m in r.mentions:
            if m.kind != "money" or m in out.explained:
                continue
            plan = self._plan_near(r, m)
            if _SAVING_WORDS.search(r.before(m.start, 40)):
                continue  # "save 500 € a year" is a claim, not a price
            if not (m.period or plan or _PRICE_WORDS.search(r.before(m.start, 25))):
                if any(_fits(p, m) for p in prices):
                    out.explained.add(m)
                continue
            out.explained.add(m)
            self._price_hit(m, plan, out)

    def _price_hit(self, m: Mention, plan: Price | None, out: FactResult) -> None:
        fitting = [p for p in self.facts.prices if _fits(p, m)]
        if plan is not None:
            out.plan_at[m] = plan
            if not _fits(plan, m):
                out.hit("price-not-in-plans", m.start, m.end, expected=f"{plan.plan} is {_price_text(plan)}",
                        actual=describe(m))
            return
        out.plan_at[m] = fitting[0] if len(fitting) == 1 else None
        if not fitting:
            plans = ", ".join(f"{p.plan} {_price_text(p)}" for p in self.facts.prices)
            out.hit("price-not-in-plans", m.start, m.end, expected=f"the plans are {plans}", actual=describe(m))

    def _plan_near(self, r: Reading, m: Mention) -> Price | None:
        """The plan named closest before a price in its sentence (40 characters), else just after it (25).

        Before wins: in "Basic costs 29 € and Pro 59 €", 29 € is Basic's price, not Pro's.
        """
        if self.plan_names is None:
            return None
        lo, hi = r.scope(m.start)
        before = list(self.plan_names.finditer(r.view, max(lo, m.start - 40), m.start))
        after = self.plan_names.search(r.view, m.end, min(hi, m.end + 25))
        best = before[-1].group() if before else (after.group() if after else None)
        return next((p for p in self.facts.prices if best in p.names), None) if best else None

    def _tax_rates(self, r: Reading, out: FactResult) -> None:
        """'IVA 21 %' states a tax rate, not a claim."""
        for m in r.mentions:
            if m.kind == "percent" and _TAX_RATE.search(r.shadow[max(0, m.start - 12):m.end + 12]):
                out.explained.add(m)

    # -- taxes ----------------------------------------------------------------------------

    def _taxes(self, r: Reading, out: FactResult) -> None:
        """'IVA incluido' when the plans exclude taxes, '+ IVA' when they include them."""
        excluded = _spans(self.taxes_ex, r)
        included = _outside(_spans(self.taxes_in, r), excluded)
        for spans, says_included in ((included, True), (excluded, False)):
            for start, end in spans:
                plans = self._plans_for(r, start, out)
                values = {p.taxes_included for p in plans if p.taxes_included is not None}
                if values == {not says_included}:
                    what = "include" if not says_included else "exclude"
                    who = f"{plans[0].plan} prices" if len(plans) == 1 else "prices"
                    out.hit("taxes-contradiction", start, end, expected=f"{who} {what} taxes")

    def _plans_for(self, r: Reading, offset: int, out: FactResult) -> list[Price]:
        """The plan of a price in the same sentence, else every plan."""
        for m in r.mentions_in(*r.scope(offset)):
            if out.plan_at.get(m) is not None:
                return [out.plan_at[m]]
        return list(self.facts.prices)

    # -- permanence, term, fee -------------------------------------------------------------

    def _permanence(self, r: Reading, out: FactResult) -> None:
        months = self.facts.minimum_term_months
        if not months:
            return
        expected = f"a {months}-month minimum term"
        if self.facts.cancellation:
            expected += f" (cancellation: {self.facts.cancellation})"
        for start, end in _spans(self.no_commitment, r):
            out.hit("permanence-contradiction", start, end, expected=expected)

    def _term(self, r: Reading, out: FactResult) -> None:
        months = self.facts.minimum_term_months
        if months is None:
            return
        spans = windows(r.shadow, _TERM_TRIGGER)
        for pattern in TERM:
            for m in find_in(pattern, r.shadow, spans):
                stated = _count(m["n"]) * _MONTHS[_unit(m["u"])]
                self._explain(r, m.start(), m.end(), out)
                if stated != months:
                    expected = f"a {months}-month minimum term" if months else "no minimum term"
                    out.hit("term-mismatch", m.start(), m.end(), expected=expected, actual=f"{g(stated)} months")

    def _fees(self, r: Reading, out: FactResult) -> None:
        fee = self.facts.early_exit_fee
        if fee is None:
            return
        expected = f"early exit fee {money_text(fee, self.facts.currency, None)}" if fee else "no early exit fee"
        no_fee = _spans(self.no_fee, r)
        if fee:
            for start, end in no_fee:
                out.hit("fee-mismatch", start, end, expected=expected, actual="no fee")
        for start, end in _outside(_spans(self.fee_words, r), no_fee):
            m = _nearest_money(r, start, end)
            if m is None or m in out.explained:
                continue
            out.explained.add(m)
            if abs(m.value - fee) > 0.005 or (m.currency and m.currency != self.facts.currency):
                out.hit("fee-mismatch", m.start, m.end, expected=expected, actual=describe(m))

    # -- trial, renewal ---------------------------------------------------------------------

    def _trial(self, r: Reading, out: FactResult) -> None:
        days = self.facts.trial_days
        if days is None:
            return
        stated_spans = []
        spans = windows(r.shadow, _TRIAL_TRIGGER)
        for pattern in TRIAL:
            for m in find_in(pattern, r.shadow, spans):
                stated = _count(m["n"]) * _DAYS[_unit(m["u"])]
                stated_spans.append(m.span())
                self._explain(r, m.start(), m.end(), out)
                if stated != days:
                    expected = f"a {days}-day trial" if days else "no trial"
                    out.hit("trial-mismatch", m.start(), m.end(), expected=expected, actual=f"{g(stated)} days")
        if days == 0:
            for start, end in _outside(_spans(self.any_trial, r), stated_spans):
                out.hit("trial-mismatch", start, end, expected="no trial", actual="a trial")

    def _renewal(self, r: Reading, out: FactResult) -> None:
        renews = self.facts.renews_automatically
        if renews is None:
            return
        negative = _spans(self.no_renewal, r)
        if renews:
            expected = "the subscription renews automatically"
            spans = negative
        else:
            expected = "the subscription does not renew automatically"
            spans = _outside(_spans(self.renewal, r), negative)
        for start, end in spans:
            out.hit("renewal-contradiction", start, end, expected=expected)

    def _explain(self, r: Reading, start: int, end: int, out: FactResult) -> None:
        """Mentions inside a stated term or trial are facts, not claims."""
        out.explained.update(r.mentions_in(start, end))


def _unit(word: str) -> str:
    """'meses' -> 'mes', 'days' -> 'day', 'anos' -> 'ano': the keys of _DAYS and _MONTHS."""
    return "mes" if word.startswith("mes") else word.rstrip("s")


def _fits(p: Price, m: Mention) -> bool:
    if abs(p.amount - m.value) > 0.005:
        return False
    if m.currency and m.currency != p.currency:
        return False
    return not (m.period and p.period and p.period != "once" and m.period != p.period)


def _price_text(p: Price) -> str:
    period = p.period if p.period and p.period != "once" else None
    return money_text(p.amount, p.currency, period)


def _nearest_money(r: Reading, start: int, end: int) -> Mention | None:
    """The one-off amount closest to a fee phrase in its sentence, within 50 characters."""
    best, dist = None, 51
    lo, hi = r.scope(start)
    for m in r.mentions_in(max(lo, start - 51), min(hi, end + 51)):
        if m.kind != "money" or m.period:
            continue
        d = start - m.end if m.end <= start else m.start - end
        if 0 <= d < dist:
            best, dist = m, d
    return best
