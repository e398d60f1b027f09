"""Offline email and phone classification, and the fast paths against the full validators."""
from __future__ import annotations

import phonenumbers
from email_validator import validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.leads.emails import EmailClassifier, fast_syntax_ok
from smlint.leads.phones import PhoneClassifier, fast_parse

LOCAL = st.text(alphabet="abcz09._%+-", min_size=1, max_size=20)
LABEL = st.text(alphabet="abz09-", min_size=1, max_size=12)
TLD = st.sampled_from(["com", "io", "es", "test", "local", "c", "co1", "museum"])


@settings(max_examples=400, deadline=None)
@given(LOCAL, st.lists(LABEL, min_size=1, max_size=3), TLD)
def test_the_fast_email_path_only_accepts_what_email_validator_accepts(local, labels, tld):
    address = f"{local}@{'.'.join(labels)}.{tld}"
    if fast_syntax_ok(address):
        validate_email(address, check_deliverability=False)  # must not raise


def test_email_problems_in_order_and_disposable_before_free():
    c = EmailClassifier()
    assert c.classify("ana@yopmail.com") == (("disposable", "a disposable domain (yopmail.com)"),)
    assert c.classify("info@gmail.com") == (("free", "a free-mail domain (gmail.com)"),
                                           ("role", "a role account (info@)"))
    assert c.classify("test@test.com")[0][0] == "placeholder"
    assert c.classify("xxxx@acme-robotics.io")[0][0] == "placeholder"
    assert c.classify("ana@acme-robotics.io") == ()
    assert c.classify("ana@acme")[0][0] == "syntax"


def test_pack_email_lists_extend_the_packaged_ones():
    c = EmailClassifier(extra_free=["corp-mail.example"], extra_role=["ventas2"])
    assert c.classify("ventas2@corp-mail.example")[0][0] == "free"


def test_phone_verdicts():
    c = PhoneClassifier()
    assert c.classify("+34 612 345 678", None) == ("", "", "+34612345678")
    assert c.classify("612 345 678", "ES")[2] == "+34612345678"
    assert c.classify("(212) 555-0147", "US")[0] == "placeholder"
    assert c.classify("600 000 000", "ES")[0] == "placeholder"
    assert c.classify("+1 (100) 234-5678", "US")[:2] == ("invalid", "not a valid number for US")
    assert c.classify("612 345 678", None)[:2] == ("invalid", "no country code and no country to read it in")


def test_the_fast_phone_path_builds_what_the_parser_builds():
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number(region)
        if example is None:
            continue
        for fmt in (phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL):
            text = phonenumbers.format_number(example, fmt)
            digits = "".join(ch for ch in text if ch.isdigit())
            for default in (region, "US"):
                fast = fast_parse(text, digits, default)
                if fast is not None:
                    slow = phonenumbers.parse(text, default)
                    assert (fast.country_code, fast.national_number) == (slow.country_code, slow.national_number), text
                    checked += 1
    assert checked > 200
