"""Phone numbers, offline with ``phonenumberslite``: valid for their country, placeholders, E.164.

Parsing costs tens of microseconds, so each distinct ``(text, region)`` is classified once.
"""
from __future__ import annotations

import phonenumbers

INVALID, PLACEHOLDER = "invalid", "placeholder"
MEMO_LIMIT = 200_000
_SEQUENCES = ("0123456789", "1234567890", "9876543210")


def _placeholder(digits: str) -> bool:
    """``000 000 0000``, ``1234567890``, US fictional ``555-01xx`` numbers."""
    national = digits[-10:] if len(digits) >= 10 else digits
    if len(set(national)) <= 1:
        return True
    if any(national in seq or seq.startswith(national) for seq in _SEQUENCES) and len(national) >= 7:
        return True
    return len(digits) >= 10 and digits[-7:-2] == "55501"


class PhoneClassifier:
    """``classify(text, region)`` → ``(problem, detail, e164)`` for each distinct number."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str | None], tuple[str, str, str]] = {}

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
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and _placeholder(digits):
            return PLACEHOLDER, "a placeholder number", digits
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException as exc:
            return INVALID, _parse_reason(exc, region), digits
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if not phonenumbers.is_valid_number(number):
            where = phonenumbers.region_code_for_number(number) or region or "its country"
            return INVALID, f"not a valid number for {where}", e164
        return "", "", e164

    def e164(self, text: str, region: str | None) -> str:
        """The normalized key for duplicates (digits only when it does not parse)."""
        return self.classify(text, region)[2]


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
