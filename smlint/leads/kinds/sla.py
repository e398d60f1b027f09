"""``sla``: time from one datetime field to another within a limit (``mql_at`` → ``first_touch``
within 24 h), optionally counted in working hours.

A lead never touched is a breach once its deadline has passed at ``as_of``; before that it
is pending and does not count either way. The measured time (hours) feeds the scorecards'
median.
"""
from __future__ import annotations

from smlint.leads.dates import parse_duration
from smlint.leads.kinds.base import Context, Hit, LeadKind, Rec, SpecError
from smlint.leads.workhours import Calendar


class Sla(LeadKind):
    """``from: mql_at``, ``to: first_touch``, ``within: 24h``, optional
    ``calendar: {days: [mon, …, fri], hours: "09:00-18:00", timezone: Europe/Madrid}``."""

    name = "sla"

    def compile(self, spec: dict, ctx: Context) -> None:
        self.start = ctx.slot(spec["from"], ("from",), ("datetime",))
        self.end = ctx.slot(spec["to"], ("to",), ("datetime",))
        self.to_name = spec["to"]
        try:
            self.within = parse_duration(spec["within"])
        except ValueError as exc:
            raise SpecError(("within",), str(exc)) from None
        try:
            self.calendar = Calendar.from_spec(spec["calendar"]) if "calendar" in spec else None
        except ValueError as exc:
            raise SpecError(("calendar",), str(exc)) from None
        self.unit = "working hours" if self.calendar else "h"

    def elapsed(self, start: float, end: float) -> float:
        return self.calendar.between(start, end) if self.calendar else end - start

    def deadline(self, start: float) -> float:
        return self.calendar.add(start, self.within) if self.calendar else start + self.within

    def needs(self) -> list[tuple[int, ...]]:
        return [(self.start,), (self.end,)]

    def check(self, rec: Rec) -> list[Hit] | None:
        return self.measure(rec)[0]

    def for_batch(self, batch, j: int):
        """The check, adding the hours it measured to ``batch.measured`` as ``(j, hours)``."""
        measure, measured = self.measure, batch.measured

        def check(rec: Rec) -> list[Hit] | None:
            hits, hours = measure(rec)
            if hours is not None:
                measured.append((j, hours))
            return hits
        return check

    def measure(self, rec: Rec) -> tuple[list[Hit] | None, float | None]:
        """The check's result and the hours from ``from`` to ``to`` (None when not both are there)."""
        start = rec.values[self.start]
        if start is None or (self.when and not self.applies(rec)):
            return None, None
        end = rec.values[self.end]
        if end is None:
            if self.deadline(start) >= self.ctx.as_of:
                return None, None  # still within its time: pending
            return [(self.end, f"never touched, {self._hours(self.elapsed(start, self.ctx.as_of))} after {self.rule.spec['from']}")], None
        spent = self.elapsed(start, end)
        if spent <= self.within:
            return [], spent / 3600
        return [(self.end, f"touched after {self._hours(spent)} (limit {self._hours(self.within)})")], spent / 3600

    def _hours(self, seconds: float) -> str:
        hours = seconds / 3600
        text = f"{hours:.0f}" if hours >= 10 or hours == int(hours) else f"{hours:.1f}"
        return f"{text} {self.unit}" if self.calendar else f"{text} h"
