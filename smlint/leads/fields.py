"""Semantic fields: declared once per pack, bound to each export's header, parsed per value.

A field has a type (``email``, ``phone``, ``datetime``, ``number``, ``enum``, ``text``,
``owner``) and the column names it may have. Each distinct raw value of a field is parsed
once (the memo is bounded so memory stays flat); a value that does not parse becomes
``None`` for the rules and one ``leads/invalid-value`` finding for the row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from smlint.errors import SmlintError
from smlint.leads.dates import DateParser, swap_day_month

TYPES = ("email", "phone", "datetime", "number", "enum", "text", "owner")
PERSONAL_TYPES = ("email", "phone")
MEMO_LIMIT = 100_000  # distinct values remembered per field before the memo starts over


class MissingColumns(SmlintError):
    """A required field has no matching column in an export (exit 2)."""


@dataclass(frozen=True)
class FieldSpec:
    """One semantic field as the pack declares it (columns include the profile's)."""

    name: str
    type: str
    columns: tuple[str, ...]
    required: bool = False
    personal: bool = False
    formats: tuple[str, ...] = ("iso",)
    timezone: str = "UTC"
    mapping: dict = field(default_factory=dict, compare=False, hash=False)   # lower raw -> canonical
    values: tuple[str, ...] = ()       # canonical values an enum may take (empty: any)
    country: str | None = None         # default region for phone numbers (ISO 3166 alpha-2)


class _Invalid:
    """Marks a value that did not parse; carries the reason, and whether it is a date that reads
    in the other day/month order (the export writes dates the other way round)."""

    __slots__ = ("reason", "other_order")

    def __init__(self, reason: str, other_order: bool = False) -> None:
        self.reason, self.other_order = reason, other_order


def make_parser(spec: FieldSpec):
    """A function raw cell text → typed value, None (empty) or _Invalid.

    No generic memo: most columns of an export (ids, emails, timestamps) are nearly all
    distinct, and a memo keyed on them costs more than it saves. Where parsing is costly,
    the converter remembers the small parts that repeat (days and times of day, enum labels);
    email and phone checks remember whole values in their classifiers.
    """
    return _CONVERTERS[spec.type](spec)


def _text(spec: FieldSpec):
    def convert(raw: str):
        return raw.strip() or None
    return convert


def _email(spec: FieldSpec):
    def convert(raw: str):
        return raw.strip().lower() or None
    return convert


def _number(spec: FieldSpec):
    invalid = _Invalid(f"{spec.name} is not a number")  # one object per field: every bad value says the same

    def convert(raw: str):
        text = raw.strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            pass
        try:
            return float(_plain_number(text))
        except ValueError:
            return invalid
    return convert


def _plain_number(text: str) -> str:
    """``1.234,5`` (es, de) and ``1,234.5`` (en) → ``1234.5``: with both separators the later one
    is the decimal point; one kind repeated (``1.234.567``) groups thousands; a single comma is a
    decimal comma (``72,5``: what a Spanish Excel writes). Spaces group thousands (``1 234,5``)."""
    text = text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    comma, dot = text.rfind(","), text.rfind(".")
    if comma >= 0 and dot >= 0:
        return text.replace(".", "").replace(",", ".") if comma > dot else text.replace(",", "")
    for mark in ",.":
        if text.count(mark) > 1:
            return text.replace(mark, "")
    return text.replace(",", ".")


def _datetime(spec: FieldSpec):
    parser = DateParser(list(spec.formats), spec.timezone)
    shown = ", ".join(spec.formats)
    memos = _leading_split_memos(parser)
    # when every format is split, the memos alone can say that none parses (a shape seen before,
    # such as 3/15/2024 for a pack that reads only %Y-%m-%d): no parser call for a bad value
    every = len(memos) == len(parser.formats)
    swapped = [w for w in (swap_day_month(f) for f in spec.formats) if w and w not in spec.formats]
    other = DateParser(swapped, spec.timezone) if swapped else None
    first_days, first_times = memos[0] if memos else ({}, {})
    no_format = _Invalid(f"{spec.name} matches no declared format ({shown})")
    other_order = _Invalid(f"{spec.name} does not read day/month as the pack's formats do ({shown}) but reads "
                           "the other way round, so this export writes dates in the other order", True)

    def convert(raw: str):
        text = raw.strip()
        if not text:
            return None
        if memos:  # what parse() returns, from its memos when they answer: a format whose day or time
            # is remembered as not parsing is skipped, as parse() would skip it
            day_text, _, time_text = text.partition(" ")
            day = first_days.get(day_text)
            if day and day[1]:  # the first format, a day without a DST change: nearly every value
                seconds = first_times.get(time_text)
                if seconds is not None and seconds is not False:
                    return day[0] + seconds
            for days, times in memos:
                day = days.get(day_text)
                if day is False:
                    continue
                seconds = times.get(time_text)
                if day is None or seconds is None:
                    break
                if seconds is False:
                    continue
                if day[1]:
                    return day[0] + seconds
                break
            else:
                if every:  # every format remembered as failing on this day or time
                    return other_order if other is not None and other.parse(text) is not None else no_format
        value = parser.parse(text)
        if value is not None:
            return value
        if other is not None and other.parse(text) is not None:  # 25/06/2024 where the pack reads %m/%d
            return other_order
        return no_format
    return convert


def _leading_split_memos(parser: DateParser) -> list[tuple[dict, dict]]:
    """The day and time memos of the formats tried first that are split (date, space, time)."""
    memos = []
    for split, memo in zip(parser.split, parser.part_memo):
        if split is None:
            break
        memos.append(memo)
    return memos


def _enum(spec: FieldSpec):
    lookup = {str(k).strip().casefold(): str(v) for k, v in spec.mapping.items()}
    lookup.update({v.casefold(): v for v in spec.values})
    seen: dict[str, object] = {}

    def convert(raw: str):
        value = seen.get(raw)
        if value is None:
            if len(seen) >= MEMO_LIMIT:
                seen.clear()
            value = seen[raw] = _enum_value(spec, lookup, raw.strip())
        return value if value != "" else None
    return convert


def _enum_value(spec: FieldSpec, lookup: dict, text: str):
    if not text:
        return ""
    value = lookup.get(text.casefold())
    if value is not None:
        return value
    if spec.values:
        return _Invalid(f"{spec.name} is not one of the agreed values ({', '.join(spec.values)})")
    return text


_CONVERTERS = {"email": _email, "phone": _text, "datetime": _datetime, "number": _number,
               "enum": _enum, "text": _text, "owner": _text}


@dataclass(frozen=True)
class Binding:
    """The fields bound to one export's header: for each field slot, its column index or -1."""

    indexes: tuple[int, ...]
    columns: tuple[str | None, ...]   # the header name found for each slot


def bind(specs: list[FieldSpec], header: list[str], path: str) -> Binding:
    """Match each field's columns case-insensitively; raise MissingColumns for required ones."""
    position = {}
    for i, name in enumerate(header):
        position.setdefault(name.strip().casefold(), i)
    indexes, columns, missing = [], [], []
    for spec in specs:
        found = next((position[c.casefold()] for c in spec.columns if c.casefold() in position), -1)
        indexes.append(found)
        columns.append(header[found] if found >= 0 else None)
        if found < 0 and spec.required:
            missing.append(spec)
    if missing:
        raise MissingColumns(_missing_message(missing, header, path))
    return Binding(tuple(indexes), tuple(columns))


MAPPING_HINT = ("name the export's column in the field's `columns:` in your own copy of the pack "
                "(docs/leads.md, \"Fields\"), or use the built-in pack whose `profile:` matches the export")


def _missing_message(missing: list[FieldSpec], header: list[str], path: str) -> str:
    """One line (reporters escape line breaks): the fields, the names looked for, the headers."""
    parts = [f"{spec.name}: " + looked_for([spec]) for spec in missing]
    return (f"no column for required field{'s' if len(missing) > 1 else ''} " + ", ".join(s.name for s in missing)
            + ": " + " | ".join(parts) + f" | {headers_found(header)} ({MAPPING_HINT})")


def looked_for(specs: list[FieldSpec]) -> str:
    """``looked for 'Create Date', 'createdate'`` (``; 'UTM Campaign', …`` for each other field)."""
    return "looked for " + "; ".join(", ".join(repr(c) for c in s.columns) for s in specs)


def headers_found(header: list[str]) -> str:
    return "headers found: " + (", ".join(repr(h) for h in header) or "(none)")


def unbound_message(unbound: dict[tuple[int, ...], list[str]], specs: list[FieldSpec], header: list[str]) -> str:
    """Why rules were not checked on an export, on one line (reporters escape line breaks): each
    field group without a column, the rules that read it, the names looked for, the headers found.

    Issue 13: a field that binds to no column reads as empty on every record, so the rule would
    fire on every row (or pass every row) — never a finding, always this error."""
    rules = sorted({r for ids in unbound.values() for r in ids})
    parts = [f"{' or '.join(specs[s].name for s in group)} (read by {', '.join(ids)}): "
             + looked_for([specs[s] for s in group]) for group, ids in unbound.items()]
    return (f"{len(rules)} rule{'s' if len(rules) > 1 else ''} not checked on this file, because a field "
            f"{'they read' if len(rules) > 1 else 'it reads'} has no column: " + " | ".join(parts)
            + f" | {headers_found(header)} ({MAPPING_HINT}; or leave the rule{'s' if len(rules) > 1 else ''} "
            "out with --ignore)")
