"""Mask personal data in findings: reports travel (CI logs, tickets, Slack), leads' data must not.

``ana.lopez@example.com`` → ``a***@example.com``; ``+34 612 345 612`` → ``+34 6** *** *12``;
other personal text keeps its first character. ``--show-values`` turns masking off.
"""
from __future__ import annotations


def mask_email(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at:
        return mask_text(value)
    return f"{local[:1]}***@{domain}"


def mask_phone(value: str) -> str:
    """Keep the country code, the first digit after it and the last two; star the rest."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    keep = set(digits[-2:])
    start = 0
    if value.lstrip().startswith("+"):
        head, sep, _ = value.lstrip().partition(" ")
        start = sum(ch.isdigit() for ch in head) if sep else min(2, len(digits))
    keep.update(digits[:start + 1])
    return "".join("*" if ch.isdigit() and i not in keep else ch for i, ch in enumerate(value))


def mask_text(value: str) -> str:
    return f"{value[:1]}***" if value else value


def masker(field_type: str, personal: bool):
    """The masking function for a field, or None when its values are not personal."""
    if field_type == "email":
        return mask_email
    if field_type == "phone":
        return mask_phone
    return mask_text if personal else None
