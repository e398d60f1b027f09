"""Numeric claims against the approved claims of examples/registry/claims.yaml (en and es)."""
from __future__ import annotations

import datetime as dt

import pytest

from smlint.registry import RegistryChecker
from smlint.registry.load import Claim, Facts, Registry
from smlint.text.document import Document

DISCLAIMED = " Based on 120 customers, March 2026."


@pytest.mark.parametrize("text,expected", [
    ("Up to 50% faster onboarding.", [("claim-number-mismatch", 1, 1, 10, "Up to 50%")]),
    ("Onboarding 30% faster." + DISCLAIMED, [("claim-number-mismatch", 1, 12, 15, "30%")]),  # 'up to' dropped
    ("Incorporación hasta un 45 % más rápida.", [("claim-number-mismatch", 1, 15, 28, "hasta un 45 %")]),
    ("8 out of 10 customers recommend Acme.", [("claim-number-mismatch", 1, 1, 12, "8 out of 10")]),
    ("Ocho de cada diez clientes recomiendan Acme.", [("claim-number-mismatch", 1, 1, 18, "Ocho de cada diez")]),
    ("Live in 5 days.", [("claim-number-mismatch", 1, 6, 15, "in 5 days")]),
    ("Up to 30% faster onboarding." + DISCLAIMED, []),
    ("Nine out of ten customers recommend Acme.", []),
])
def test_number_mismatch(check, text, expected):
    assert check(text, channel="web") == expected


def test_mismatch_message_shows_both_values(messages):
    assert messages("Up to 50% faster onboarding.") == [
        "registry says 'up to 30% faster onboarding' (faster-onboarding), copy says up to 50%"]
    assert messages("Incorporación hasta un 45 % más rápida.") == [
        "registry says 'incorporación hasta un 30 % más rápida' (faster-onboarding), copy says up to 45%"]


@pytest.mark.parametrize("text,expected", [
    ("Close 40% more deals.", [("unregistered-claim", 1, 7, 10, "40%")]),
    ("Cierra un 40 % más de ventas.", [("unregistered-claim", 1, 11, 15, "40 %")]),
    ("Triple your pipeline.", [("unregistered-claim", 1, 1, 7, "Triple")]),
    ("Duplica tus ventas.", [("unregistered-claim", 1, 1, 8, "Duplica")]),
    ("Answers in 2 hours.", [("unregistered-claim", 1, 9, 19, "in 2 hours")]),
    ("Hasta 10 usuarios.", [("unregistered-claim", 1, 1, 18, "Hasta 10 usuarios")]),
    ("Tres de cada cuatro equipos.", [("unregistered-claim", 1, 1, 20, "Tres de cada cuatro")]),
    ("IVA del 21 % incluido.", []),
    ("Close more deals.", []),
])
def test_unregistered(check, text, expected):
    assert check(text, channel="web") == expected


def test_unregistered_message(messages):
    assert messages("Close 40% more deals.") == ["numeric claim '40%' is not in the claims registry"]


@pytest.mark.parametrize("text,col,match", [
    ("Book twice as many meetings.", 6, "twice"),
    ("Consigue el doble de reuniones agendadas.", 10, "el doble"),
])
def test_expired(check, messages, text, col, match):
    assert check(text, channel="sales") == [("expired-claim", 1, col, col + len(match), match)]
    assert messages(text, channel="sales") == [
        "claim more-meetings expired on 2026-10-31: renew its evidence or stop using it"]


def test_expiry_uses_today_when_not_pinned():
    claim = Claim("old", "up to 20% fewer no-shows", expires=dt.date(2020, 1, 1))
    checker = RegistryChecker(Registry("r.yaml", Facts(), (claim,)))
    (f,) = checker.check(Document.plain("d.txt", "Up to 20% fewer no-shows."))
    assert f.rule == "registry/expired-claim"
    assert RegistryChecker(Registry("r.yaml", Facts(), (claim,)), today=dt.date(2019, 1, 1)).check(
        Document.plain("d.txt", "Up to 20% fewer no-shows.")) == []


@pytest.mark.parametrize("path,channel,expected", [
    ("campaigns/sales/call.txt", None, ["claim-wrong-channel"]),
    ("campaigns/scripts/call.txt", None, ["claim-wrong-channel"]),   # scripts/ means sales
    ("campaigns/emails/q3.txt", None, []),                            # emails/ means email
    ("campaigns/web/home.txt", "sales", ["claim-wrong-channel"]),    # --channel wins
    ("notes/draft.txt", None, []),                                    # unknown channel: not checked
])
def test_channel(check, path, channel, expected):
    text = "9 de cada 10 clientes recomiendan Acme."
    assert [r for r, *_ in check(text, channel=channel, path=path)] == expected


def test_channel_message(messages):
    assert messages("9 out of 10 customers recommend Acme.", channel="sales") == [
        "claim customers-recommend is approved for web, email, not for sales"]


@pytest.mark.parametrize("text,expected", [
    ("Up to 30% faster onboarding.", [("missing-disclaimer", 1, 1, 10, "Up to 30%")]),
    ("Up to 30% faster onboarding.\n\nBased on 120 customers, March 2026.",
     [("missing-disclaimer", 1, 1, 10, "Up to 30%")]),  # another paragraph is not nearby
    ("Up to 30% faster onboarding.\nBased on 120 customers,\nMarch 2026.", []),
    ("Incorporación hasta un 30 % más rápida. Según 120 clientes, marzo de 2026.", []),
])
def test_disclaimer(check, text, expected):
    assert check(text, channel="web") == expected


def test_disclaimer_message_in_the_copy_language(messages):
    assert messages("Incorporación hasta un 30 % más rápida para tu equipo.", channel="web") == [
        'claim faster-onboarding needs its disclaimer nearby: "Según 120 clientes, marzo de 2026."']


def test_disclaimer_scope_document():
    claim = Claim("c", "up to 20% fewer no-shows", disclaimers=("Pilot, 2026.",), disclaimer_scope="document")
    checker = RegistryChecker(Registry("r.yaml", Facts(), (claim,)))
    assert checker.check(Document.plain("d.txt", "Up to 20% fewer no-shows.\n\n\nPilot, 2026.")) == []


def test_claim_without_number_found_by_wording(check):
    assert check("Acme: the top-rated CRM\nfor small agencies.", channel="sales") == [
        ("claim-wrong-channel", 1, 7, 19, "the top-rated CRM\nfor small agencies")]
    assert check("Acme: the top-rated CRM for small agencies.", channel="web") == []


def test_finding_owner_is_the_claims_owner(registry):
    (f,) = RegistryChecker(registry, channel="sales").check(Document.plain("d.txt", "Book twice as many meetings."))
    assert (f.owner, f.pack, f.severity.name) == ("sales", "registry", "ERROR")
    assert len(f.fingerprint) == 32


def test_fingerprint_survives_lines_inserted_above(registry):
    """Baselines key on the fingerprint: lines added elsewhere must not change it."""
    checker = RegistryChecker(registry, channel="sales")
    (before,) = checker.check(Document.plain("d.txt", "Book twice as many meetings."))
    (after,) = checker.check(Document.plain("d.txt", "New intro.\nAnother line.\nBook twice as many meetings."))
    assert after.line == 3 and after.fingerprint == before.fingerprint
