"""Personal values are masked in findings unless asked."""
from smlint.leads.masking import mask_email, mask_phone, mask_text, masker


def test_email_keeps_first_letter_and_domain():
    assert mask_email("ana.lopez@example.com") == "a***@example.com"
    assert mask_email("no-at-sign") == "n***"


def test_phone_keeps_country_code_first_digit_and_last_two():
    assert mask_phone("+34 612 345 612") == "+34 6** *** *12"
    assert mask_phone("(415) 867-2301") == "(4**) ***-**01"


def test_other_fields():
    assert mask_text("Vidal") == "V***"
    assert masker("text", False) is None and masker("text", True) is mask_text
