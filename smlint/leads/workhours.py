"""Working-hours calendars: "24 working hours, Monday to Friday 09:00–18:00 Madrid time".

Sales can only be asked to call back while someone is at work, so an SLA may be counted in
working time. Both directions are needed: the working time between two instants (for the
breach and the median) and the deadline that a number of working seconds after an instant
gives (for leads never contacted, checked against ``as_of``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from smlint.leads.dates import get_zone

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Calendar:
    """Working days (0 = Monday), opening and closing time of day, and the timezone."""

    days: frozenset[int]
    opens: time
    closes: time
    zone_name: str

    @classmethod
    def from_spec(cls, spec: dict) -> "Calendar":
        """``{days: [mon, tue, …], hours: "09:00-18:00", timezone: Europe/Madrid}``."""
        names = [str(d).lower()[:3] for d in spec.get("days", DAYS[:5])]
        bad = [d for d in names if d not in DAYS]
        if bad:
            raise ValueError(f"unknown day {bad[0]!r} (use mon … sun)")
        try:
            start, end = (time.fromisoformat(p.strip()) for p in str(spec.get("hours", "09:00-17:00")).split("-"))
        except ValueError:
            raise ValueError(f"hours must look like 09:00-18:00, not {spec.get('hours')!r}") from None
        if end <= start:
            raise ValueError("hours must close after they open")
        get_zone(spec.get("timezone", "UTC"))
        return cls(frozenset(DAYS.index(d) for d in names), start, end, spec.get("timezone", "UTC"))

    def _window(self, day: date) -> tuple[float, float] | None:
        """The working window of a local day as timestamps, or None on a day off."""
        if day.weekday() not in self.days:
            return None
        zone = get_zone(self.zone_name)
        return (datetime.combine(day, self.opens, zone).timestamp(),
                datetime.combine(day, self.closes, zone).timestamp())

    def _local_day(self, ts: float) -> date:
        return datetime.fromtimestamp(ts, get_zone(self.zone_name)).date()

    def between(self, start: float, end: float) -> float:
        """Working seconds from ``start`` to ``end`` (0 when end is not after start)."""
        if end <= start:
            return 0.0
        total, day, last = 0.0, self._local_day(start), self._local_day(end)
        while day <= last:
            window = self._window(day)
            if window:
                total += max(0.0, min(end, window[1]) - max(start, window[0]))
            day += timedelta(days=1)
        return total

    def add(self, start: float, seconds: float) -> float:
        """The instant when ``seconds`` of working time after ``start`` have passed."""
        day = self._local_day(start)
        for _ in range(3660):  # ten years of days off is a broken calendar, not a wait
            window = self._window(day)
            if window:
                begin = max(start, window[0])
                available = window[1] - begin
                if available >= seconds:
                    return begin + seconds
                seconds -= max(0.0, available)
            day += timedelta(days=1)
        raise ValueError("the calendar has no working time")
