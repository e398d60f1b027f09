"""Datetime formats, timezones (DST included), durations, working-hours calendars."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from smlint.leads.dates import DateFormatError, DateParser, compile_format, parse_duration, parse_instant
from smlint.leads.workhours import Calendar

NY = ZoneInfo("America/New_York")


def test_mixed_export_formats_read_in_the_fields_timezone():
    p = DateParser(["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"], "America/New_York")
    expected = datetime(2024, 3, 15, 14, 30, tzinfo=NY).timestamp()
    assert p.parse("2024-03-15 14:30") == expected
    assert p.parse("3/15/2024 2:30 PM") == expected
    assert p.parse("03/15/2024 02:30 pm") == expected
    assert p.parse("12/1/2024 12:05 AM") == datetime(2024, 12, 1, 0, 5, tzinfo=NY).timestamp()


@pytest.mark.parametrize("text", ["15.03.2024 14:30", "2024-02-30 10:00", "2024-01-01 24:00", "March 3rd", ""])
def test_text_matching_no_format_is_none(text):
    assert DateParser(["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"]).parse(text) is None


def test_fast_split_path_agrees_with_datetime_across_dst_changes():
    p = DateParser(["%Y-%m-%d %H:%M:%S"], "America/New_York")
    rng = random.Random(3)
    days = [datetime(2024, 3, 10), datetime(2024, 11, 3), datetime(2024, 6, 1)]
    for _ in range(3000):
        local = rng.choice(days) + timedelta(seconds=rng.randint(0, 86399))
        text = local.strftime("%Y-%m-%d %H:%M:%S")
        assert p.parse(text) == local.replace(tzinfo=NY).timestamp(), text


def test_iso_with_offset_and_naive_iso_in_zone():
    p = DateParser(["iso"], "Europe/Madrid")
    assert p.parse("2024-03-12T09:14:00Z") == datetime(2024, 3, 12, 9, 14, tzinfo=timezone.utc).timestamp()
    assert p.parse("2024-03-12T09:14:00") == datetime(2024, 3, 12, 8, 14, tzinfo=timezone.utc).timestamp()


def test_unsupported_directive_is_a_format_error():
    with pytest.raises(DateFormatError, match="%j"):
        compile_format("%Y-%j")


def test_durations_and_instants():
    assert parse_duration("24h") == 86400 and parse_duration("30m") == 1800 and parse_duration(2) == 7200
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("a day")
    assert parse_instant("2024-07-01") == datetime(2024, 7, 1, tzinfo=timezone.utc).timestamp()
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_instant("yesterday")


def test_working_hours_skip_nights_and_weekends():
    cal = Calendar.from_spec({"days": ["mon", "tue", "wed", "thu", "fri"], "hours": "09:00-17:00",
                              "timezone": "Europe/Madrid"})
    madrid = ZoneInfo("Europe/Madrid")
    friday_4pm = datetime(2024, 3, 15, 16, 0, tzinfo=madrid).timestamp()
    monday_10am = datetime(2024, 3, 18, 10, 0, tzinfo=madrid).timestamp()
    assert cal.between(friday_4pm, monday_10am) == 2 * 3600
    assert cal.add(friday_4pm, 3 * 3600) == datetime(2024, 3, 18, 11, 0, tzinfo=madrid).timestamp()
    saturday = datetime(2024, 3, 16, 12, 0, tzinfo=madrid).timestamp()
    assert cal.add(saturday, 3600) == datetime(2024, 3, 18, 10, 0, tzinfo=madrid).timestamp()


@pytest.mark.parametrize("spec, message", [({"days": ["monday", "funday"]}, "unknown day 'fun'"),
                                           ({"hours": "18:00-09:00"}, "close after"),
                                           ({"timezone": "Mars/Olympus"}, "unknown timezone")])
def test_bad_calendars(spec, message):
    with pytest.raises(ValueError, match=message):
        Calendar.from_spec(spec)


def test_remembered_datetimes_equal_fresh_parses():
    """The field converter answers from the parser's memos when it can: twice over a mix of
    formats, DST-change days, bad days and bad times it must agree with a fresh parser."""
    from smlint.leads.fields import FieldSpec, _Invalid, make_parser
    formats = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M", "%Y-%m-%d", "iso")
    convert = make_parser(FieldSpec("created", "datetime", ("Create Date",), formats=formats,
                                    timezone="America/New_York"))
    texts = ["2024-03-12 09:14", "2024-03-10 02:30", "2024-03-10 03:30", "2024-11-03 01:30", "3/15/2024 2:30 PM",
             "3/15/2024 14:30", "2024-03-12 09:14:05", "2024-03-12", "2024-03-12T09:14:00Z", "2024-13-12 09:14",
             "2024-03-12 25:14", "3/15/2024 2:30 XM", "2024-03-12  09:14", "2024-03-12 9:14 PM", "garbage", "12/1/2024 12:00 AM"]
    for _ in range(2):
        for text in texts:
            fresh = DateParser(list(formats), "America/New_York").parse(text)
            got = convert(text)
            assert (None if type(got) is _Invalid else got) == fresh, text


@pytest.mark.parametrize("formats", [("%Y-%m-%d %H:%M",), ("%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"),
                                     ("%m/%d/%Y %H:%M",), ("%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M:%S")])
def test_values_remembered_as_not_parsing_equal_fresh_converters(formats):
    """With only split formats the memos also answer "no format parses" (a bad day seen
    before): the value, the reason and the other-order verdict must be a fresh converter's."""
    from smlint.leads.fields import FieldSpec, _Invalid, make_parser

    def spec():
        return FieldSpec("created", "datetime", ("Create Date",), formats=formats, timezone="Europe/Madrid")
    convert = make_parser(spec())
    texts = ["2024-03-12 09:14", "3/15/2024 2:30 PM", "25/06/2024 10:00", "06/25/2024 10:00", "2024-03-31 02:30",
             "2024-03-12 09:14:05", "2024-03-12 25:14", "13/13/2024 10:00", "garbage", "2024-03-12", "1/2/2024 14:30"]
    for _ in range(3):
        for text in texts:
            got, fresh = convert(text), make_parser(spec())(text)
            if type(fresh) is _Invalid:
                assert type(got) is _Invalid and (got.reason, got.other_order) == (fresh.reason, fresh.other_order), text
            else:
                assert got == fresh, text
