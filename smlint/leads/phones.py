"""Phone numbers, offline with ``phonenumberslite``: valid for their country, placeholders, E.164.

Parsing costs tens of microseconds, so each distinct ``(text, region)`` is classified once.
"""
from __future__ import annotations

import re
from functools import lru_cache
try:  # CPython's own regex parser: private, so every use below degrades to "no memo" if it changes
    from re import _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover - a Python whose re module is laid out differently
    sre = sre_parse = None

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneNumber

INVALID, PLACEHOLDER = "invalid", "placeholder"
MEMO_LIMIT = 20_000  # distinct numbers remembered (about 300 bytes each) before the memo starts over
VERDICT_LIMIT = 100_000  # exchanges remembered (NANPA has a few million NPA-NXX-X, an export far fewer)
_SEQUENCES = ("0123456789", "1234567890", "9876543210")


def _placeholder(digits: str) -> bool:
    """``000 000 0000``, ``1234567890``, US fictional ``555-01xx`` numbers."""
    national = digits[-10:] if len(digits) >= 10 else digits
    size = len(national)
    if national == national[:1] * size or (size >= 6 and national[1:] == national[1] * (size - 1)):
        return True  # 000 000 0000, 600 000 000 (one digit repeated, after the first or not)
    if size >= 7 and national in _RUNS:
        return True
    return len(digits) >= 10 and digits[-7:-2] == "55501"


# every stretch of the sequences (a prefix of one is a stretch too)
_RUNS = frozenset(seq[i:j] for seq in _SEQUENCES for i in range(len(seq)) for j in range(i + 1, len(seq) + 1))


class PhoneClassifier:
    """``classify(text, region)`` → ``(problem, detail, e164)`` for each distinct number."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str | None], tuple[str, str, str]] = {}
        self.verdicts: dict[tuple, str | None] = {}  # validity per leading digits, see _verdict

    def classify(self, text: str, region: str | None) -> tuple[str, str, str]:
        key = (text, region)
        try:
            return self.memo[key]
        except KeyError:
            pass
        if len(self.memo) >= MEMO_LIMIT:
            self.memo.clear()
        result = self._classify(text, region)
        self.memo[key] = result
        return result

    def _classify(self, text: str, region: str | None) -> tuple[str, str, str]:
        digits = _NOT_DIGIT.sub("", text)
        if digits and _placeholder(digits):
            return PLACEHOLDER, "a placeholder number", digits
        split = fast_split(text, digits, region)
        if split is not None:  # no PhoneNumber to build unless the verdict is not remembered
            code, national = split
            e164, where = f"+{code}{national}", self._verdict(code, national, region)
        else:
            try:
                number = phonenumbers.parse(text, region)
            except phonenumbers.NumberParseException as exc:
                return INVALID, _parse_reason(exc, region), digits
            if number.italian_leading_zero:
                e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                where = _verdict(number, region)
            else:
                e164 = f"+{number.country_code}{number.national_number}"
                where = self._verdict(number.country_code, str(number.national_number), region)
        if where is not None:
            return INVALID, f"not a valid number for {where}", e164
        return "", "", e164

    def _verdict(self, code: int, national: str, region: str | None) -> str | None:
        """:func:`_verdict` of ``+code national`` (no leading zero), remembered per exchange:
        every pattern phonenumbers tests for the country code reads only the first ``width``
        digits (the rest are free digits), so numbers that share those digits and their length
        share the answer (NPA-NXX-X in NANPA)."""
        width = prefix_width(code)
        if width is None:
            return _verdict(PhoneNumber(country_code=code, national_number=int(national)), region)
        key = (code, region, len(national), national[:width])
        verdicts = self.verdicts
        if key in verdicts:
            return verdicts[key]
        if len(verdicts) >= VERDICT_LIMIT:
            verdicts.clear()
        number = PhoneNumber(country_code=code, national_number=int(national))
        where = verdicts[key] = _verdict(number, region)
        return where

    def e164(self, text: str, region: str | None) -> str:
        """The normalized key for duplicates (digits only when it does not parse)."""
        return self.classify(text, region)[2]


_NOT_DIGIT = re.compile(r"\D+")
_PLAIN = re.compile(r"\+?[\d\s().-]+")
_NANPA = frozenset(COUNTRY_CODE_TO_REGION_CODE[1])


def fast_parse(text: str, digits: str, region: str | None) -> PhoneNumber | None:
    """The PhoneNumber that ``phonenumbers.parse`` would build, for the plain shapes that fill
    exports (``+34 612 345 678``, ``+1 (415) 867-2301``, ``(415) 867-2301`` in NANPA);
    None for anything else (extensions, trunk ``(0)``, letters, national leading zeros), which
    then takes the full parser. About twice as fast; tests compare both on many numbers."""
    split = fast_split(text, digits, region)
    return None if split is None else PhoneNumber(country_code=split[0], national_number=int(split[1]))


def fast_split(text: str, digits: str, region: str | None) -> tuple[int, str] | None:
    """:func:`fast_parse` as ``(country code, national digits)``, without building the number."""
    if "(0" in text or not _PLAIN.fullmatch(text) or len(digits) > 17:
        return None
    if text.lstrip().startswith("+"):
        for size in (1, 2, 3):
            code = int(digits[:size])
            if code in COUNTRY_CODE_TO_REGION_CODE:
                national = digits[size:]
                break
        else:
            return None
    elif region in _NANPA and (len(digits) == 10 or (len(digits) == 11 and digits[0] == "1" and digits[1] != "1")):
        code, national = 1, digits[-10:]
    else:
        return None
    if not national or national[0] == "0" or len(national) < 4 or _strips_prefix(code, national):
        return None
    return code, national


@lru_cache(maxsize=None)
def _prefix_pattern(code: int) -> re.Pattern | None:
    region = phonenumbers.region_code_for_country_code(code)
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region) if region else None
    text = meta.national_prefix_for_parsing if meta else None
    return re.compile(text) if text else None


def _strips_prefix(code: int, national: str) -> bool:
    """Whether the full parser might rewrite this national number (national prefix rules)."""
    pattern = _prefix_pattern(code)
    return pattern is not None and pattern.match(national) is not None


def _verdict(number: PhoneNumber, region: str | None) -> str | None:
    """None for a valid number, else the region it is not valid for (for the message)."""
    if _valid(number, region):
        return None
    return phonenumbers.region_code_for_number(number) or region or "its country"


def _valid(number: PhoneNumber, region: str | None) -> bool:
    """Valid for any country its code covers. Asking first about the lead's own country is
    several times cheaper than letting phonenumbers find the region among the 25 that share +1,
    and answers for nearly every number; the others take the full check."""
    if region is not None and phonenumbers.country_code_for_region(region) == number.country_code \
            and phonenumbers.is_valid_number_for_region(number, region):
        return True
    return phonenumbers.is_valid_number(number)


_DESCS = ("general_desc", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
          "uan", "voicemail", "fixed_line", "mobile")
_SAFE_OPS = frozenset() if sre is None else frozenset({
    sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.MAX_REPEAT, sre.MIN_REPEAT, sre.SUBPATTERN, sre.BRANCH})
_MAX_DIGITS = 17


@lru_cache(maxsize=None)
def prefix_width(country_code: int) -> int | None:
    """How many leading national digits decide validity (and the region) for ``country_code``;
    None when some pattern of its regions cannot be shown to stop there (then no memo).

    Validity is a set of regex full matches on the national number plus checks on its length.
    A pattern ``HEAD\\d{a,b}`` matches an all-digit number exactly when a prefix of at most
    ``max width(HEAD)`` digits matches HEAD and the length fits, so the answer depends only on
    the length and those leading digits. Look-arounds, anchors and back-references are refused.
    """
    if sre_parse is None:
        return None
    try:
        return _prefix_width(country_code)
    except Exception:  # noqa: BLE001 - private parser internals changed: fall back to per-number checks
        return None


def _prefix_width(country_code: int) -> int | None:
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    if not regions or "001" in regions:
        return None
    widths = []
    for region in regions:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if meta is None:
            return None
        patterns = [getattr(meta, d).national_number_pattern for d in _DESCS if getattr(meta, d) is not None]
        widths += [head_width(p) for p in patterns if p]
        if meta.leading_digits is not None:
            widths.append(_width(sre_parse.parse(meta.leading_digits)))
    return None if not widths or None in widths else max(widths)


def head_width(pattern: str) -> int | None:
    """The longest prefix a full match of ``pattern`` on a digit string constrains (see
    :func:`prefix_width`); None when not provably bounded."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    return _seq_width(list(parsed))


def _seq_width(items: list) -> int | None:
    """Trailing free digits cost nothing; a trailing group or alternation is looked into
    (the parser factors common prefixes out of ``A|B``, leaving ``5(?:…|…)``)."""
    while items and _free_digits(items[-1]):
        items.pop()
    if not items:
        return 0
    op, av = items[-1]
    if op is sre.BRANCH:
        widths = [_seq_width(list(b)) for b in av[1]]
        inner = None if None in widths else max(widths)
    elif op is sre.SUBPATTERN:
        inner = _seq_width(list(av[3]))
    else:
        return _width(items)
    head = _width(items[:-1])
    return None if head is None or inner is None else head + inner


def _free_digits(item) -> bool:
    """``\\d``, ``[0-9]`` or a repeat of one: any digit goes."""
    op, av = item
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        inner = list(av[2])
        return len(inner) == 1 and _free_digits(inner[0])
    return op is sre.IN and av in ([(sre.CATEGORY, sre.CATEGORY_DIGIT)], [(sre.RANGE, (48, 57))])


def _width(items) -> int | None:
    if not _safe(items):
        return None
    low, high = sre_parse.SubPattern(sre_parse.State(), list(items)).getwidth()
    return high if high <= _MAX_DIGITS else None


def _safe(items) -> bool:
    """Only literals, classes, repeats, groups and alternations (nothing that looks elsewhere)."""
    for op, av in items:
        if op not in _SAFE_OPS:
            return False
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and not _safe(av[2]):
            return False
        if op is sre.SUBPATTERN and not _safe(av[3]):
            return False
        if op is sre.BRANCH and not all(_safe(b) for b in av[1]):
            return False
    return True


def _parse_reason(exc: phonenumbers.NumberParseException, region: str | None) -> str:
    if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
        return "no country code and no country to read it in" if region is None else "unknown country code"
    return "not a phone number"


def region_of(country: str | None, default: str | None) -> str | None:
    """A region code from a country cell (``ES``, ``Spain``, ``United States``) or the default."""
    if country:
        code = _COUNTRY_NAMES.get(country.strip().casefold())
        if code:
            return code
        upper = country.strip().upper()
        if len(upper) == 2 and upper in phonenumbers.SUPPORTED_REGIONS:
            return upper
    return default


_COUNTRY_NAMES = {
    "united states": "US", "usa": "US", "united states of america": "US", "us": "US",
    "united kingdom": "GB", "uk": "GB", "great britain": "GB", "spain": "ES", "españa": "ES",
    "germany": "DE", "deutschland": "DE", "france": "FR", "italy": "IT", "portugal": "PT",
    "mexico": "MX", "méxico": "MX", "canada": "CA", "brazil": "BR", "brasil": "BR",
    "netherlands": "NL", "ireland": "IE", "argentina": "AR", "colombia": "CO", "chile": "CL",
    "australia": "AU", "india": "IN", "sweden": "SE", "belgium": "BE", "switzerland": "CH",
}
