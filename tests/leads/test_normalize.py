"""Values as people and spreadsheets write them (issue 13): Gmail dots and +tags are one mailbox
for duplicates, and decimal commas are read as Spanish Excel writes them (``1.234,5`` was 1.2345)."""
from __future__ import annotations

import pytest

from smlint.leads.emails import mailbox
from smlint.leads.fields import FieldSpec, make_parser

from .conftest import run, write

HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


@pytest.mark.parametrize("address, box", [
    ("Dana.Ruiz@gmail.com", "danaruiz@gmail.com"),
    ("d.a.n.a.ruiz+webinar@googlemail.com", "danaruiz@gmail.com"),
    ("dana.ruiz+spring@acme-robotics.io", "dana.ruiz@acme-robotics.io"),  # dots matter outside Gmail
    (" Dana.Ruiz@Acme-Robotics.io", "dana.ruiz@acme-robotics.io"),
    ("+promo@acme-robotics.io", "+promo@acme-robotics.io"),  # nothing before the +: not a subaddress
])
def test_the_mailbox_an_address_reaches(address, box):
    assert mailbox(address) == box


def test_gmail_dots_and_plus_tags_are_duplicates_and_other_dots_are_not(tmp_path, mini_pack):
    rows = ["1,dana.ruiz@gmail.com,,lead,,,ann,,,", "2,DanaRuiz+webinar@gmail.com,,lead,,,ann,,,",
            "3,d.anaruiz@googlemail.com,,lead,,,ann,,,", "4,dana.ruiz@acme-robotics.io,,lead,,,ann,,,",
            "5,danaruiz@acme-robotics.io,,lead,,,ann,,,", "6,dana.ruiz+q3@acme-robotics.io,,lead,,,ann,,,"]
    path = write(tmp_path, "leads.csv", HEADER + "\n".join(rows) + "\n")
    dups = [(f.location.row, f.message) for f in run(mini_pack, path).findings if f.rule == "mini/dup"]
    assert dups == [(3, "duplicate of row 2"), (4, "duplicate of row 2"), (7, "duplicate of row 5")]


@pytest.mark.parametrize("text, value", [
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("72,5", 72.5), ("1.234.567", 1234567.0), ("1,234,567", 1234567.0),
    ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("-3,25", -3.25), ("72", 72.0), ("7.5", 7.5),
])
def test_numbers_with_thousands_and_decimal_commas(text, value):
    assert make_parser(FieldSpec("score", "number", ("score",)))(text) == value


def test_a_number_that_is_not_one_is_still_invalid():
    assert make_parser(FieldSpec("score", "number", ("score",)))("seventy").reason == "score is not a number"
