"""Dates read in the order and timezone the agreement says, never misread without a word (issue 13).

The real cases: ``10/06/2024`` read as 6 October by a pack that lists ``%m/%d/%Y`` (a false "touched
after 744 h"), Salesforce en_US ``6/3/2024, 2:22 PM`` not parsing (SLA and consent rules switched
off), dates after ``--as-of`` passing every check, a naive ``--as-of`` read as UTC while the pack's
dates are New York time.
"""
from __future__ import annotations

import json
import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.errors import PackError
from smlint.leads.pack import load_lead_pack

from .conftest import MINI_PACK, hubspot_csv, hubspot_record, write


def invoke(*args):
    result = CliRunner().invoke(main, ["leads", *args, "--format", "json"], catch_exceptions=False)
    return result, json.loads(result.output) if result.output.startswith("{") else None


def mql(record_id: str, mql_at: str, first_touch: str = "", created: str = "") -> dict:
    return hubspot_record(**{"Record ID": record_id, "Email": f"lead{record_id}@acme-robotics.io",
                             "Company Name": "Acme Robotics", "Job Title": "CTO", "Lifecycle Stage": "MQL",
                             "HubSpot Score": "70", "Original Source": "Paid Search", "Contact owner": "Alice",
                             "Create Date": created or mql_at, "Became a Marketing Qualified Lead Date": mql_at,
                             "Date of first engagement": first_touch, "Last Activity Date": first_touch or mql_at})


def test_day_first_dates_under_a_month_first_pack_are_refused_not_misread(tmp_path):
    # an export written day/month/year: 10/06 is 10 June, 11/06 is 11 June; 25/06 cannot be month-first
    path = write(tmp_path, "eu.csv", hubspot_csv(mql("1", "10/06/2024 9:00 AM", "11/06/2024 9:30 AM"),
                                                 mql("2", "25/06/2024 9:00 AM", "25/06/2024 10:00 AM")))
    result, doc = invoke(path, "--as-of", "2024-07-01T12:00:00Z")
    assert result.exit_code == 2
    order = [(f["row"], f["field"], f["message"]) for f in doc["findings"] if f["rule"] == "leads/date-order"]
    assert order[0] == (3, "Create Date", "created does not read day/month as the pack's formats do (%Y-%m-%d %H:%M, "
                        "%Y-%m-%d %H:%M:%S, %m/%d/%Y %I:%M %p, %m/%d/%Y %H:%M, %Y-%m-%d, iso) but reads the other way "
                        "round, so this export writes dates in the other order: 25/06/2024 9:00 AM")
    assert len(order) == 4  # the four dates of row 3
    (error,) = doc["errors"]
    assert error["message"].startswith("4 dates of this export read only with day and month the other way round "
                                       "from the pack's formats (the first: row 3, Create Date 25/06/2024 9:00 AM): "
                                       "its dates with a day of 12 or less were read in the wrong order")


def test_one_shape_in_both_orders_is_a_pack_error(tmp_path):
    pack = MINI_PACK.replace('formats: ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M %p"]',
                             'formats: ["%m/%d/%Y %I:%M %p", "%d/%m/%Y %I:%M %p"]')
    with pytest.raises(PackError, match=r"mini.yaml:17:60: fields.created.formats\[1\]: '%d/%m/%Y %I:%M %p' is "
                                        r"'%m/%d/%Y %I:%M %p' with day and month swapped"):
        load_lead_pack(write(tmp_path, "mini.yaml", pack))


# A Salesforce Lead report exported by an en_US user: report labels, en_US datetimes.
SF_REPORT = """\
Lead ID,First Name,Last Name,Title,Company / Account,Email,Phone,Country,Lead Status,Lead Source,Lead Owner,\
Lead Score,Create Date,MQL Date,First Touch,Last Activity,Email Opt Out,Last Email Sent
00Q5g00000B1,Lucia,Ferri,CFO,Globex Logistics,lucia.ferri@globex-logistics.com,612 345 678,Spain,\
Marketing Qualified,Web,Marta Vidal,75,"6/3/2024, 9:05 AM","6/3/2024, 10:00 AM","6/3/2024, 2:22 PM",\
03/06/2024,0,
00Q5g00000B2,Pau,Soler,COO,Initech,pau.soler@initech.es,612 345 679,Spain,\
Marketing Qualified,Web,Marta Vidal,80,"6/3/2024, 9:05 AM","6/3/2024, 10:00 AM",,03/06/2024,0,
"""


def test_salesforce_en_us_report_dates_and_company_account_are_read(tmp_path):
    path = write(tmp_path, "report.csv", SF_REPORT)
    result, doc = invoke(path, "--pack", "salesforce", "--as-of", "2024-06-05T12:00:00+02:00")
    assert doc["errors"] == [] and result.exit_code == 1
    rules = sorted((f["rule"], f["row"]) for f in doc["findings"])
    # no invalid-value for the dates, no mql-gate "needs company present" on every row; row 3 was
    # never touched and 8 working hours from Monday 10:00 have passed by Wednesday noon
    assert rules == [("salesforce-leads/first-touch-sla", 3)]
    sla = next(c for c in doc["scorecards"] if c["by"] == "owner")["rows"][0]
    assert sla["median_first_touch_h"] == pytest.approx(4.4, abs=0.05)  # 10:00 → 14:22 Madrid


def test_a_date_after_as_of_is_a_finding(tmp_path):
    path = write(tmp_path, "future.csv", hubspot_csv(mql("1", "2024-06-28 09:00", "2024-06-28 10:00"),
                                                     mql("2", "2024-06-28 09:00", "2024-08-02 10:00")))
    result, doc = invoke(path, "--as-of", "2024-07-01T12:00:00-04:00")
    after = [(f["row"], f["field"], f["message"], f["severity"]) for f in doc["findings"]
             if f["rule"] == "leads/date-after-as-of"]
    assert after == [(3, "Date of first engagement", "first_touch is after as-of (2024-07-01 12:00 EDT): "
                      "2024-08-02 10:00", "warning"),
                     (3, "Last Activity Date", "last_activity is after as-of (2024-07-01 12:00 EDT): "
                      "2024-08-02 10:00", "warning")]


def test_a_naive_as_of_is_read_in_the_packs_timezone(tmp_path):
    # MQL at 09:00 New York: due 09:00 the next day. As of 12:00 New York that is a breach; read as
    # 12:00 UTC (08:00 New York) it would still be pending.
    path = write(tmp_path, "ny.csv", hubspot_csv(mql("1", "2024-06-30 09:00")))
    _, naive = invoke(path, "--as-of", "2024-07-01T12:00")
    _, explicit = invoke(path, "--as-of", "2024-07-01T12:00:00-04:00")
    sla = lambda doc: [f["message"] for f in doc["findings"] if f["rule"].endswith("first-touch-sla")]  # noqa: E731
    assert sla(naive) == sla(explicit) == ["first touch SLA missed: never touched, 27 h after mql_at"]
    _, utc = invoke(path, "--as-of", "2024-07-01T12:00:00Z")
    assert sla(utc) == []  # 08:00 New York: pending


def test_a_naive_as_of_with_fields_in_two_timezones_is_a_usage_error(tmp_path):
    pack = write(tmp_path, "mini.yaml", MINI_PACK.replace(
        'first_touch: {type: datetime, formats: ["%Y-%m-%d %H:%M"], timezone: Europe/Madrid}',
        'first_touch: {type: datetime, formats: ["%Y-%m-%d %H:%M"], timezone: UTC}'))
    path = write(tmp_path, "a.csv", "email\nana@acme-robotics.io\n")
    result = CliRunner().invoke(main, ["leads", path, "--pack", pack, "--as-of", "2024-07-01"])
    assert result.exit_code == 2
    assert ("--as-of: '2024-07-01' has no UTC offset and the pack's dates are read in several timezones "
            "(Europe/Madrid, UTC): write one") in result.output
