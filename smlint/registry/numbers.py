"""Read numbers the way English and Spanish copy writes them, and find numeric claims.

Everything here runs on the folded *shadow* of a document's view
(:func:`smlint.text.normalize.fold`): lower-case ASCII of exactly the same length, so
every span found is a view offset that ``Document.locate`` maps to the original file.
``€``, ``£`` and ``×`` fold to private characters, which the patterns below spell with
:data:`EURO`, :data:`POUND` and :data:`TIMES`.

Separators: ``1.000,50`` (Spanish) and ``1,000.50`` (English) both read 1000.5; with a
single separator, exactly three digits after it mean thousands (``1.000``, ``2,500``),
anything else is the decimal part (``29,99``, ``29.99``, ``1.5``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import re2

from smlint.text.normalize import fold

EURO, POUND, TIMES = fold("€"), fold("£"), fold("×")

WORD_VALUES: dict[str, int] = {
    **dict(zip("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
               "fifteen sixteen seventeen eighteen nineteen twenty".split(), range(1, 21))),
    **dict(zip("uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
               "quince dieciseis diecisiete dieciocho diecinueve veinte".split(), range(1, 21))),
    "una": 1,
}
_WORDNUM = "|".join(sorted(WORD_VALUES, key=len, reverse=True))
# Thousands groups use one separator and the decimals the other: 1.000,50 or 1,000.50 (never 29,991.000,50).
DIGITS = (r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d+)?)"
          r"(?![\d])")
VALUE = rf"(?:{DIGITS}|\b(?:{_WORDNUM})\b)"
UPTO = r"(?:\bup\s+to|\bas\s+(?:much|many)\s+as|\bhasta(?:\s+(?:un|una|el))?)"
_CUR = re.escape(EURO) + r"|\$|" + re.escape(POUND)
CURRENCY_CODES = {EURO: "EUR", "$": "USD", POUND: "GBP", "eur": "EUR", "euro": "EUR", "euros": "EUR",
                  "usd": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "dolares": "USD",
                  "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "libras": "GBP"}
PERIODS = {"month": "month", "months": "month", "mo": "month", "mth": "month", "mes": "month",
           "monthly": "month", "mensual": "month", "mensuales": "month",
           "year": "year", "yr": "year", "ano": "year", "yearly": "year", "annually": "year",
           "anual": "year", "anuales": "year", "week": "week", "semana": "week"}
UNITS = {"day": "day", "days": "day", "dia": "day", "dias": "day", "week": "week", "weeks": "week",
         "semana": "week", "semanas": "week", "hour": "hour", "hours": "hour", "hora": "hour",
         "horas": "hour", "minute": "minute", "minutes": "minute", "minuto": "minute",
         "minutos": "minute", "month": "month", "months": "month", "mes": "month", "meses": "month",
         "year": "year", "years": "year", "ano": "year", "anos": "year"}
UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))


def parse_number(token: str) -> float:
    """The value of a folded number token: digits with either separator style, or a word up to twenty."""
    token = token.strip()
    if token in WORD_VALUES:
        return float(WORD_VALUES[token])
    seps = [c for c in token if c in ".,"]
    if not seps:
        return float(token)
    if len(set(seps)) == 2:
        dec = "." if token.rfind(".") > token.rfind(",") else ","
        return float(token.replace("," if dec == "." else ".", "").replace(dec, "."))
    sep = seps[0]
    if len(seps) > 1 or len(token) - token.rfind(sep) - 1 == 3:
        return float(token.replace(sep, ""))
    return float(token.replace(sep, "."))


@dataclass(frozen=True)
class Mention:
    """One number the copy states, as a claim kind with its value, at view span [start, end)."""

    kind: str            # percent | multiplier | ratio | money | within | upto
    value: float
    start: int
    end: int
    upto: bool = False
    base: float | None = None       # ratio: the "10" of "9 out of 10"
    unit: str | None = None         # within: day/week/…; upto: the word after the number
    currency: str | None = None     # money: EUR/USD/GBP when written
    period: str | None = None       # money: month/year/week when written

    def same_number(self, other: "Mention") -> bool:
        """Same kind and value (and base/unit/period where both say one)."""
        if self.kind != other.kind or abs(self.value - other.value) > 0.005:
            return False
        if self.kind == "ratio":
            return self.value / (self.base or 1) == other.value / (other.base or 1)
        if self.kind == "within":
            return self.unit == other.unit
        if self.kind == "money" and self.currency and other.currency:
            return self.currency == other.currency
        return True


def g(value: float) -> str:
    """A number as people write it in messages: 29, 29.99, 1000.5."""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


_RATIO = re.compile(rf"(?P<a>{VALUE})\s+(?:out\s+of|of\s+every|in|de\s+cada|sobre)\s+(?P<b>{VALUE})"
                    rf"(?!\s*(?:%|{UNIT_WORDS})\b)(?![\d.,])")
_PERCENT = re.compile(rf"(?:(?P<upto>{UPTO})\s+)?(?P<n>{VALUE})\s?(?:%|per\s?cent\b|por\s+ciento\b)")
_MULT = re.compile(
    rf"(?:(?P<upto>{UPTO})\s+)?(?:(?P<n>{DIGITS})\s?(?:x|{re.escape(TIMES)})(?!\w)"
    rf"|(?:\bx|{re.escape(TIMES)})(?P<n2>{DIGITS})"
    rf"|(?P<n3>{VALUE})\s+(?:times|veces)\b"
    r"|\b(?P<w>twice|double|triple|el\s+doble|el\s+triple|duplica[a-z]*|triplica[a-z]*)(?![-\w]))")
_WORD_MULT = {"twice": 2, "double": 2, "el doble": 2, "triple": 3, "el triple": 3}
_MONEY = re.compile(
    rf"(?:(?P<upto>{UPTO})\s+)?(?:(?P<c1>{_CUR}|\b(?:eur|usd|gbp|us\$)\b)\s?(?P<n1>{DIGITS})"
    rf"|(?P<n2>{DIGITS})\s?(?P<c2>{_CUR}|(?:eur|usd|gbp|euros?|dollars?|dolares|pounds?|libras)\b)"
    r"|(?P<n3>" + DIGITS + r")(?=\s*/\s*(?:mo|mth|month|mes|year|yr|ano)\b))")
_PERIOD = re.compile(r"(?:\s*/\s*|\s+(?:per|a|an|al|por|cada|each|every)\s+|\s+)"
                     r"(?P<p>months?|mo|mth|mes|year|yr|ano|week|semana|monthly|mensual(?:es)?|yearly"
                     r"|annually|anual(?:es)?)\b")
_WITHIN = re.compile(rf"\b(?:in|within|en|dentro\s+de)\s+(?:(?:just|only|solo|tan\s+solo|apenas)\s+)?"
                     rf"(?P<n>{VALUE})\s+(?P<u>{UNIT_WORDS})\b")
_UPTO = re.compile(rf"\b(?P<upto>{UPTO})\s+(?P<n>{VALUE})(?![\d.,%])(?:\s+(?P<u>[a-z]+))?")


# Every numeric claim holds a digit, a number word or a multiplier word: one linear-time RE2 scan
# finds them, and the (richer, Python ``re``) claim patterns then run only in windows around them.
# "one", "una", "uno" and "once" (11 in Spanish) are everyday words: they only trigger with the word after them.
_COMMON = {"one", "una", "uno", "once"}
_TRIGGER = re2.compile((r"\d|\b(?:" + "|".join(w for w in WORD_VALUES if w not in _COMMON)
                        + r"|twice|double|triple|doble|duplica[a-z]*|triplica[a-z]*"
                        r"|(?:one|una|uno|once)\s+(?:out|of|in|de|veces|times|week|semana|day|dia|month|mes))\b")
                       .encode("ascii"))
WINDOW = 48
REACH = 28  # the longest lead-in before a number: "dentro de tan solo ", "as much as ", "€ "
_TOKEN_START = re.compile(r"(?<!\w)\w|[^\w\s]")


def windows(shadow: str, trigger=_TRIGGER, pad: int = WINDOW) -> list[tuple[int, int]]:
    """Merged spans of ``pad`` characters around every ``trigger`` hit in an ASCII shadow."""
    out: list[tuple[int, int]] = []
    for hit in trigger.finditer(shadow.encode("ascii")):
        lo, hi = max(0, hit.start() - pad), min(len(shadow), hit.end() + pad)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def find_in(pattern: re.Pattern, text: str, spans: list[tuple[int, int]]):
    """``pattern.finditer`` limited to ``spans`` (lookbehinds still see the text before each span)."""
    for lo, hi in spans:
        yield from pattern.finditer(text, lo, hi)


def candidate_starts(shadow: str) -> list[int]:
    """Where a mention can start: a word or symbol within REACH characters before a trigger.

    Trying the claim patterns only there (``pattern.match``) gives the same matches as
    ``finditer`` over the whole text, because every mention holds a trigger and begins at
    most REACH characters before it; it is many times faster on real copy.
    """
    out: set[int] = set()
    for hit in _TRIGGER.finditer(shadow.encode("ascii")):
        p = hit.start()
        out.update(m.start() for m in _TOKEN_START.finditer(shadow, max(0, p - REACH), p + 1))
        out.update(range(max(0, p - 3), p + 1))  # glued to a word: "to2x", "us$29"
    return sorted(out)


def find_at(pattern: re.Pattern, text: str, positions: list[int]):
    """Non-overlapping matches of ``pattern`` that start at one of the sorted ``positions``."""
    end = -1
    for pos in positions:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None and m.end() > m.start():
            end = m.end()
            yield m


def find_mentions(shadow: str) -> list[Mention]:
    """Every numeric claim in a folded text, non-overlapping, in order.

    The kinds are tried from the most specific ("9 de cada 10") to the least ("up to 5"),
    and a later kind never takes a span an earlier one already read.
    """
    found: list[Mention] = []   # sorted by start, never overlapping
    starts: list[int] = []
    spans = candidate_starts(shadow)
    for finder in (_ratios, _percents, _multipliers, _money, _withins, _uptos):
        for m in finder(shadow, spans):
            i = bisect_left(starts, m.start)
            if (i > 0 and found[i - 1].end > m.start) or (i < len(found) and found[i].start < m.end):
                continue
            found.insert(i, m)
            starts.insert(i, m.start)
    return found


def _ratios(text: str, spans):
    for m in find_at(_RATIO, text, spans):
        a, b = parse_number(m["a"]), parse_number(m["b"])
        if 0 < a <= b:
            yield Mention("ratio", a, m.start(), m.end(), base=b)


def _percents(text: str, spans):
    for m in find_at(_PERCENT, text, spans):
        yield Mention("percent", parse_number(m["n"]), m.start(), m.end(), upto=bool(m["upto"]))


def _multipliers(text: str, spans):
    for m in find_at(_MULT, text, spans):
        if m["w"]:
            word = " ".join(m["w"].split())
            value = _WORD_MULT.get(word, 3 if word.startswith("tripl") else 2)
        else:
            value = parse_number(m["n"] or m["n2"] or m["n3"])
        yield Mention("multiplier", float(value), m.start(), m.end(), upto=bool(m["upto"]))


def _money(text: str, spans):
    for m in find_at(_MONEY, text, spans):
        number = m["n1"] or m["n2"] or m["n3"]
        cur = (m["c1"] or m["c2"] or "").strip()
        end, period = m.end(), None
        p = _PERIOD.match(text, end)
        if p:
            end, period = p.end(), PERIODS[p["p"]]
        yield Mention("money", parse_number(number), m.start(), end, upto=bool(m["upto"]),
                      currency=CURRENCY_CODES.get(cur), period=period)


def _withins(text: str, spans):
    for m in find_at(_WITHIN, text, spans):
        yield Mention("within", parse_number(m["n"]), m.start(), m.end(), unit=UNITS[m["u"]])


def _uptos(text: str, spans):
    for m in find_at(_UPTO, text, spans):
        end = m.end() if m["u"] else m.end("n")
        yield Mention("upto", parse_number(m["n"]), m.start(), end, upto=True, unit=m["u"])


def describe(m: Mention) -> str:
    """A claim's number in plain words, the same for both languages: 'up to 30%', '9 out of 10'."""
    pre = "up to " if m.upto else ""
    if m.kind == "percent":
        return f"{pre}{g(m.value)}%"
    if m.kind == "multiplier":
        return f"{pre}{g(m.value)}x"
    if m.kind == "ratio":
        return f"{g(m.value)} out of {g(m.base or 0)}"
    if m.kind == "within":
        return f"in {g(m.value)} {m.unit}{'s' if m.value != 1 else ''}"
    if m.kind == "money":
        return f"{pre}{money_text(m.value, m.currency, m.period)}"
    return f"up to {g(m.value)}{' ' + m.unit if m.unit else ''}"


def money_text(amount: float, currency: str | None, period: str | None) -> str:
    """'29 EUR/month', '60 EUR', '29.99'."""
    text = g(amount) + (f" {currency}" if currency else "")
    return text + (f"/{period}" if period else "")
