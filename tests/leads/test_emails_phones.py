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


def _guard_by_groups(address: str) -> bool:
    """fast_syntax_ok as first written, by the regex's named groups: the reference for its
    position arithmetic."""
    from smlint.leads.emails import _PLAIN, _SPECIAL
    m = _PLAIN.fullmatch(address)
    if m is None or len(address) > 254 or len(m.group("local")) > 64 or "--" in m.group("domain"):
        return False
    return m.group("domain").rsplit(".", 1)[1] not in _SPECIAL


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abz09._%+-", min_size=0, max_size=70), st.lists(LABEL, min_size=0, max_size=3),
       st.sampled_from(["com", "io", "test", "local", "invalid", "c", "a" * 25]), st.sampled_from(["@", "@@", ""]))
def test_the_email_guard_reads_the_parts_as_the_regex_groups_do(local, labels, tld, at):
    address = f"{local}{at}{'.'.join([*labels, tld])}"
    assert fast_syntax_ok(address) == _guard_by_groups(address), address


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


def test_prefix_width_reads_the_leading_digits_patterns_constrain():
    from smlint.leads.phones import head_width, prefix_width
    assert head_width(r"983[2-57-9]\d{6}") == 4
    assert head_width(r"5(?:00|2[1-9])[2-9]\d{6}|52\d{8}") == 4  # the parser factors out the 5
    assert head_width(r"12\d+") == 2
    assert head_width(r"(?=1)\d{4}") is None  # a look-ahead reads past what its width says
    assert head_width(r"1\d{3}$") is None
    assert prefix_width(1) == 7  # NANPA: NPA-NXX and one more digit (US personal numbers)


def test_remembered_phone_verdicts_equal_phonenumbers_on_every_number():
    """Numbers that share their leading digits get one verdict: compare each with the library."""
    import random

    from smlint.leads.phones import _verdict
    rng = random.Random(3)
    memo = PhoneClassifier()
    seen = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number(region)
        if example is None:
            continue
        base = str(example.national_number)
        for _ in range(12):  # neighbours of a valid number: same exchange, other exchanges, other lengths
            keep = rng.randint(1, len(base))
            tail = "".join(rng.choice("0123456789") for _ in range(len(base) - keep + rng.choice((-1, 0, 0, 1))))
            national = (base[:keep] + tail).lstrip("0") or "1"
            number = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int(national))
            for asked in (region, "US"):
                assert memo._verdict(number.country_code, str(number.national_number), asked) == _verdict(number, asked), (region, national, asked)
                seen += 1
    assert seen > 4000 and memo.verdicts


def test_remembered_nanpa_verdicts_per_exchange_equal_phonenumbers():
    import random

    from smlint.leads.phones import _verdict
    rng = random.Random(5)
    memo = PhoneClassifier()
    for _ in range(3000):
        national = rng.choice(["212", "415", "524", "523", "268", "800", "900", "246"]) + \
            f"{rng.randint(0, 9999999):07d}"
        number = phonenumbers.PhoneNumber(country_code=1, national_number=int(national))
        for asked in ("US", "CA", "BB"):
            assert memo._verdict(number.country_code, str(number.national_number), asked) == _verdict(number, asked), (national, asked)


def test_disposable_domains_are_the_maintained_list_plus_our_additions():
    """Issue 15: the hand-kept list gave way to the disposable-email-domains package; the packaged
    file holds only what that list lacks (an addition it already has is dead weight)."""
    from disposable_email_domains import allowlist, blocklist

    from smlint.leads.emails import disposable_domains, domain_list

    ours = domain_list("disposable_domains")
    assert ours and not ours & set(blocklist)
    assert disposable_domains() >= (set(blocklist) - set(allowlist)) | ours
    assert not disposable_domains() & set(allowlist)
    c = EmailClassifier()
    assert c.classify("x@guerrillamail.info")[0][0] == "disposable"  # from the package only
    assert c.classify("x@burnermail.io")[0][0] == "disposable"       # one of our additions
    assert c.classify("ana@gmail.com")[0][0] == "free"
