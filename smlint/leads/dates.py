"""Datetime parsing for exports that mix formats (``2024-03-12 09:14``, ``3/15/2024 2:30 PM``).

Each declared ``strptime`` format is compiled once into a regex with named groups, and a
match builds the datetime directly: several times faster than ``strptime``, which matters
because a million-row export has hundreds of thousands of distinct timestamps (and each
distinct value is parsed once, see :class:`smlint.leads.fields.FieldSet`). ``iso`` accepts
ISO 8601 (``2024-03-12T09:14:00Z``). Values without an offset are read in the field's timezone.
Results are POSIX timestamps (seconds, UTC).
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DIRECTIVES = {
    "Y": r"(?P<Y>\d{4})", "y": r"(?P<y>\d{2})", "m": r"(?P<m>\d{1,2})", "d": r"(?P<d>\d{1,2})",
    "H": r"(?P<H>\d{1,2})", "I": r"(?P<I>\d{1,2})", "M": r"(?P<M>\d{2})", "S": r"(?P<S>\d{2})",
    "f": r"(?P<f>\d{1,6})", "p": r"(?P<p>[AaPp][Mm])", "b": r"(?P<b>[A-Za-z]{3})",
    "z": r"(?P<z>Z|[+-]\d{2}:?\d{2})", "%": "%",
}


class DateFormatError(ValueError):
    """A format string with a directive this parser does not support."""


def get_zone(name: str):
    """A tzinfo for an IANA name (``Europe/Madrid``) or ``UTC``; ValueError when unknown."""
    if name.upper() == "UTC":
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown timezone {name!r} (use an IANA name like Europe/Madrid or UTC)") from None


def compile_format(fmt: str) -> re.Pattern:
    """``%m/%d/%Y %I:%M %p`` → a regex with named groups; DateFormatError for other directives."""
    out, i = [], 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == "%" and i + 1 < len(fmt):
            key = fmt[i + 1]
            if key not in _DIRECTIVES:
                raise DateFormatError(f"unsupported directive %{key} in {fmt!r} "
                                      f"(supported: {' '.join('%' + k for k in _DIRECTIVES)})")
            out.append(_DIRECTIVES[key])
            i += 2
        else:
            out.append(r"\s+" if ch == " " else re.escape(ch))
            i += 1
    return re.compile("".join(out), re.ASCII)


class DateParser:
    """Parse text with the first of several formats that matches; None when none does."""

    def __init__(self, formats: list[str], zone_name: str = "UTC") -> None:
        self.formats = formats
        self.zone = get_zone(zone_name)
        self.patterns = [None if f == "iso" else compile_format(f) for f in formats]

    def parse(self, text: str) -> float | None:
        for pattern in self.patterns:
            value = self._iso(text) if pattern is None else self._match(pattern, text)
            if value is not None:
                return value
        return None

    def _iso(self, text: str) -> float | None:
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
        except ValueError:
            return None
        return (dt if dt.tzinfo else dt.replace(tzinfo=self.zone)).timestamp()

    def _match(self, pattern: re.Pattern, text: str) -> float | None:
        m = pattern.fullmatch(text)
        if m is None:
            return None
        try:
            return _build(m.groupdict(), self.zone).timestamp()
        except (ValueError, KeyError):
            return None


def _build(g: dict, zone) -> datetime:
    year = int(g["Y"]) if g.get("Y") else 2000 + int(g["y"]) if g.get("y") else 1900
    month = _MONTHS[g["b"].lower()] if g.get("b") else int(g.get("m") or 1)
    hour = int(g.get("H") or 0)
    if g.get("I"):
        hour = int(g["I"]) % 12 + (12 if (g.get("p") or "a").lower() == "pm" else 0)
    micro = int((g.get("f") or "0").ljust(6, "0"))
    tz = _offset(g["z"]) if g.get("z") else zone
    return datetime(year, month, int(g.get("d") or 1), hour, int(g.get("M") or 0), int(g.get("S") or 0),
                    micro, tzinfo=tz)


def _offset(text: str):
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_instant(text: str, zone_name: str = "UTC") -> float:
    """``as_of`` values: ISO 8601 date or datetime; ValueError with a clear message otherwise."""
    value = DateParser(["iso", "%Y-%m-%d"], zone_name).parse(text.strip())
    if value is None:
        raise ValueError(f"{text!r} is not an ISO 8601 date or datetime (e.g. 2024-06-30T18:00:00Z)")
    return value


def parse_duration(text) -> float:
    """``24h``, ``30m``, ``2d``, ``1w``, ``90s`` (or a number of hours) → seconds."""
    if isinstance(text, (int, float)):
        return float(text) * 3600
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)\s*", str(text))
    if not m:
        raise ValueError(f"{text!r} is not a duration (write 30m, 24h, 2d or 1w)")
    unit = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}[m.group(2)]
    return float(m.group(1)) * unit
