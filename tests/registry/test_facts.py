"""Copy that contradicts the facts of examples/registry/claims.yaml, in English and Spanish.

Facts: Basic 29 €/month, Pro 59 €/month, taxes included, 12-month minimum term,
early exit fee 60 €, 14-day trial, renews automatically.
"""
from __future__ import annotations

import pytest

from smlint.registry import RegistryChecker
from smlint.registry.load import Facts, Price, Registry
from smlint.text.document import Document


@pytest.mark.parametrize("text,expected", [
    ("Plans from 25 €/mes.", [("price-not-in-plans", 1, 12, 20, "25 €/mes")]),
    ("Desde 1.000,50 € al mes.", [("price-not-in-plans", 1, 7, 24, "1.000,50 € al mes")]),
    ("From €1,000.50 a month.", [("price-not-in-plans", 1, 6, 23, "€1,000.50 a month")]),
    ("Plan Pro:\n29,99 €/mes.", [("price-not-in-plans", 2, 1, 12, "29,99 €/mes")]),
    ("Basic is 29.99/mo.", [("price-not-in-plans", 1, 10, 18, "29.99/mo")]),
    ("Basic: $29 a month.", [("price-not-in-plans", 1, 8, 19, "$29 a month")]),
    ("Basic costs 29 €/month and Pro 59 €/month.", []),
    ("El plan Básico cuesta 29 €/mes.", []),
])
def test_prices(check, text, expected):
    assert check(text) == expected


def test_price_message_names_the_plan(messages):
    assert messages("Pro costs 49 € a month.") == ["registry says Pro is 59 EUR/month, copy says 49 EUR/month"]
    assert messages("Desde 25 €/mes.") == [
        "registry says the plans are Basic 29 EUR/month, Pro 59 EUR/month, copy says 25 EUR/month"]


def test_savings_are_claims_not_prices(check):
    assert check("Save €500 a year on admin.") == [("unregistered-claim", 1, 6, 17, "€500 a year")]
    assert check("Ahorra 500 € al año.") == [("unregistered-claim", 1, 8, 20, "500 € al año")]


@pytest.mark.parametrize("text,expected", [
    ("Basic: 29 €/month plus VAT.", [("taxes-contradiction", 1, 19, 27, "plus VAT")]),
    ("Básico por 29 €/mes + IVA.", [("taxes-contradiction", 1, 21, 26, "+ IVA")]),
    ("Precios sin IVA.", [("taxes-contradiction", 1, 9, 16, "sin IVA")]),
    ("Basic: 29 €/month, VAT included.", []),
    ("Básico: 29 €/mes, IVA incluido.", []),
])
def test_taxes(check, text, expected):
    assert check(text) == expected


def test_taxes_included_when_prices_exclude_them(check, messages):
    registry = Registry("r.yaml", Facts(prices=(Price("Pro", 59, "EUR", "month", taxes_included=False),)), ())
    text = "Pro: 59 €/mes, IVA incluido."
    (finding,) = RegistryChecker(registry).check(Document.plain("d.txt", text))
    assert (finding.rule, finding.column, finding.match) == ("registry/taxes-contradiction", 16, "IVA incluido")
    assert finding.message == "registry says Pro prices exclude taxes, copy says 'IVA incluido'"


@pytest.mark.parametrize("text,expected", [
    ("No contract, cancel anytime.", [("permanence-contradiction", 1, 1, 12, "No contract"),
                                      ("permanence-contradiction", 1, 14, 28, "cancel anytime")]),
    ("Sin permanencia.", [("permanence-contradiction", 1, 1, 16, "Sin permanencia")]),
    ("Cancela cuando\nquieras.", [("permanence-contradiction", 1, 1, 8, "Cancela cuando\nquieras")]),
    ("Vete cuando quieras.", [("permanence-contradiction", 1, 1, 20, "Vete cuando quieras")]),  # alias
    ("12-month minimum term; cancel online.", []),
])
def test_permanence(check, text, expected):
    assert check(text) == expected


def test_permanence_message_shows_both_values(messages):
    assert messages("No lock-in.") == [
        "registry says a 12-month minimum term (cancellation: online, any time, effective at the end of the "
        "term), copy says 'No lock-in'"]


@pytest.mark.parametrize("text,expected", [
    ("6-month minimum term.", [("term-mismatch", 1, 1, 21, "6-month minimum term")]),
    ("Permanencia mínima de 24 meses.", [("term-mismatch", 1, 1, 31, "Permanencia mínima de 24 meses")]),
    ("A two-year contract.", [("term-mismatch", 1, 3, 20, "two-year contract")]),
    ("Compromiso de un año.", []),
    ("Permanencia de doce meses.", []),
    ("12-month contract.", []),
])
def test_term(check, text, expected):
    assert check(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Early exit fee: only €30.", [("fee-mismatch", 1, 22, 25, "€30")]),
    ("Penalización por baja anticipada: 90 €.", [("fee-mismatch", 1, 35, 39, "90 €")]),
    ("No cancellation fees.", [("fee-mismatch", 1, 1, 21, "No cancellation fees")]),
    ("Sin penalización.", [("fee-mismatch", 1, 1, 17, "Sin penalización")]),
    ("Early exit fee: €60.", []),
    ("Penalización por baja anticipada: 60 €.", []),
])
def test_fee(check, text, expected):
    assert check(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Start your 30-day free trial.", [("trial-mismatch", 1, 12, 29, "30-day free trial")]),
    ("Prueba gratis durante 7 días.", [("trial-mismatch", 1, 1, 29, "Prueba gratis durante 7 días")]),
    ("Diez días de prueba.", [("trial-mismatch", 1, 1, 20, "Diez días de prueba")]),
    ("A one-month trial.", [("trial-mismatch", 1, 3, 18, "one-month trial")]),
    ("Start your 14-day free trial.", []),
    ("Two-week free trial.", []),
    ("14 días de prueba gratis.", []),
    ("Prueba gratuita de catorce días.", []),
])
def test_trial(check, text, expected):
    assert check(text) == expected


def test_trial_when_there_is_none():
    registry = Registry("r.yaml", Facts(trial_days=0), ())
    found = RegistryChecker(registry).check(Document.plain("d.txt", "Try our free trial!"))
    assert [(f.rule, f.column, f.message) for f in found] == [
        ("registry/trial-mismatch", 9, "registry says no trial, copy says a trial")]


@pytest.mark.parametrize("text,expected", [
    ("No automatic renewal.", [("renewal-contradiction", 1, 1, 21, "No automatic renewal")]),
    ("It doesn't renew automatically.", [("renewal-contradiction", 1, 4, 31, "doesn't renew automatically")]),
    ("Sin renovación automática.", [("renewal-contradiction", 1, 1, 26, "Sin renovación automática")]),
    ("Se renueva automáticamente.", []),
    ("Renews automatically each month.", []),
])
def test_renewal(check, text, expected):
    assert check(text) == expected


def test_renewal_when_it_does_not_renew():
    registry = Registry("r.yaml", Facts(renews_automatically=False), ())
    checker = RegistryChecker(registry)
    found = checker.check(Document.plain("d.txt", "Con renovación automática. Sin renovación automática."))
    assert [(f.rule, f.column, f.match) for f in found] == [
        ("registry/renewal-contradiction", 5, "renovación automática")]


def test_unstated_facts_are_not_checked():
    checker = RegistryChecker(Registry("r.yaml", Facts(), ()))
    text = "No contract. 30-day free trial. 6-month minimum term. No automatic renewal. Plus VAT."
    assert checker.check(Document.plain("d.txt", text)) == []
