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
        self.days: dict[tuple[int, int, int], tuple[float, bool]] = {}
        self.split = [_split_format(f) for f in formats]
        self.part_memo: list[tuple[dict, dict]] = [({}, {}) for _ in formats]

    def parse(self, text: str) -> float | None:
        for i, pattern in enumerate(self.patterns):
            if pattern is None:
                value = self._iso(text)
            elif self.split[i] is not None:
                value = self._split(i, text)
            else:
                value = self._match(pattern, text)
            if value is not None:
                return value
        return None

    def _split(self, i: int, text: str) -> float | None:
        """Date part and time part parsed (and remembered) separately: an export has a few
        hundred distinct days and at most 1,440 distinct minutes, so nearly every value is two
        dict look-ups and an addition."""
        day_text, _, time_text = text.partition(" ")
        days, times = self.part_memo[i]
        if len(days) > 50_000 or len(times) > 50_000:  # a column of garbage: start over
            days.clear(), times.clear()
        day = days.get(day_text)
        if day is None:
            day = days[day_text] = _part(self.split[i][0], day_text, self._day_of)
        seconds = times.get(time_text)
        if seconds is None:
            seconds = times[time_text] = _part(self.split[i][1], time_text.strip(), _seconds_of)
        if day is False or seconds is False:
            return None
        base, uniform = day
        if uniform:
            return base + seconds
        y, m, d = datetime.fromtimestamp(base, self.zone).timetuple()[:3]
        h, rest = divmod(int(seconds), 3600)
        return datetime(y, m, d, h, rest // 60, rest % 60, tzinfo=self.zone).timestamp()

    def _day_of(self, g: dict):
        year = int(g["Y"]) if g.get("Y") else 2000 + int(g["y"])
        month = _MONTHS[g["b"].lower()] if g.get("b") else int(g["m"])
        return self._day(year, month, int(g["d"]))

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
            return self._timestamp(m.groupdict())
        except (ValueError, KeyError, OverflowError):
            return None

    def _timestamp(self, g: dict) -> float:
        year = int(g["Y"]) if g.get("Y") else 2000 + int(g["y"]) if g.get("y") else 1900
        month = _MONTHS[g["b"].lower()] if g.get("b") else int(g.get("m") or 1)
        day = int(g.get("d") or 1)
        hour = int(g.get("H") or 0)
        if g.get("I"):
            hour = int(g["I"]) % 12 + (12 if (g.get("p") or "a").lower() == "pm" else 0)
        minute, second = int(g.get("M") or 0), int(g.get("S") or 0)
        micro = int((g.get("f") or "0").ljust(6, "0"))
        if g.get("z") or not (0 <= hour < 24 and minute < 60 and second < 60):
            tz = _offset(g["z"]) if g.get("z") else self.zone
            return datetime(year, month, day, hour, minute, second, micro, tzinfo=tz).timestamp()
        base, uniform = self._day(year, month, day)
        if uniform:
            return base + hour * 3600 + minute * 60 + second + micro / 1e6
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=self.zone).timestamp()

    def _day(self, year: int, month: int, day: int) -> tuple[float, bool]:
        """Local midnight as a timestamp, and whether the UTC offset holds all day (no DST change):
        then a time of day is just seconds after midnight, with no datetime to build."""
        key = (year, month, day)
        info = self.days.get(key)
        if info is None:
            midnight = datetime(year, month, day, tzinfo=self.zone)
            following = datetime.combine(midnight.date() + timedelta(days=1), midnight.time(), self.zone)
            info = self.days[key] = (midnight.timestamp(), midnight.utcoffset() == following.utcoffset())
        return info


_DATE_KEYS, _TIME_KEYS = set("Yymdb"), set("HIMSfp")


def _split_format(fmt: str) -> tuple[re.Pattern, re.Pattern] | None:
    """``%Y-%m-%d %H:%M`` → (date regex, time regex) when the format is a full date, one space,
    then a time of day; None for anything else (those take the whole-format path)."""
    date_fmt, sep, time_fmt = fmt.partition(" ")
    keys = lambda f: set(re.findall(r"%(.)", f))  # noqa: E731
    if not sep or keys(date_fmt) - _DATE_KEYS or keys(time_fmt) - _TIME_KEYS:
        return None
    if not ({"Y", "d"} <= keys(date_fmt) or {"y", "d"} <= keys(date_fmt)) or not keys(date_fmt) & {"m", "b"}:
        return None
    if not keys(time_fmt) & {"H", "I"} or ("I" in keys(time_fmt)) != ("p" in keys(time_fmt)):
        return None
    return compile_format(date_fmt), compile_format(time_fmt)


def _part(pattern: re.Pattern, text: str, build):
    """A date or time part through its regex and builder; False when it does not parse."""
    m = pattern.fullmatch(text)
    if m is None:
        return False
    try:
        return build(m.groupdict())
    except (ValueError, KeyError, OverflowError):
        return False


def _seconds_of(g: dict) -> float:
    hour = int(g.get("H") or 0)
    if g.get("I"):
        hour = int(g["I"]) % 12 + (12 if g["p"].lower() == "pm" else 0)
    minute, second = int(g.get("M") or 0), int(g.get("S") or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError("time out of range")
    return hour * 3600 + minute * 60 + second + int((g.get("f") or "0").ljust(6, "0")) / 1e6


def _offset(text: str):
    if text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def swap_day_month(fmt: str) -> str | None:
    """``%m/%d/%Y`` → ``%d/%m/%Y`` (and back); None unless the format starts with a day or a month."""
    if not fmt.startswith(("%d", "%m")) or "%d" not in fmt or "%m" not in fmt:
        return None  # 2024-03-12 is never written year-day-month
    return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")


def is_naive(text: str) -> bool:
    """Whether an ``as_of`` text has no UTC offset (a date alone, or a datetime without one)."""
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).tzinfo is None
    except ValueError:
        return True


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
