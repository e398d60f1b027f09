"""The built-in claims packs as a whole (issue 3): both languages, same families and ids, owners,
references, and the forms Spanish copy really uses (voseo, with and without accents)."""
from __future__ import annotations

import pytest

from smlint.api import Linter
from smlint.packs import load_packs

OWNERS = {"marketing", "sales", "legal"}


@pytest.fixture(scope="module")
def packs():
    return load_packs()


@pytest.fixture(scope="module")
def linter():
    return Linter()


def ids(packs, lang):
    return {r.id for p in packs if p.language == lang for r in p.rules}


def test_both_languages_have_the_same_packs_and_rule_ids(packs):
    assert {p.name for p in packs if p.language == "en"} == {p.name for p in packs if p.language == "es"}
    assert ids(packs, "en") == ids(packs, "es")


def test_at_least_forty_rules_per_language(packs):
    assert len(ids(packs, "en")) >= 40 and len(ids(packs, "es")) >= 40


def test_every_pack_has_an_owner_and_every_rule_references(packs):
    for pack in packs:
        assert pack.owner in OWNERS, pack.path
        for rule in pack.rules:
            assert rule.references, rule.id
            assert len(rule.examples["bad"]) >= 2 and len(rule.examples["good"]) >= 2, rule.id


def rules_hit(linter, text, lang):
    return {f.rule for f in linter.lint_text(text, lang=lang)}


@pytest.mark.parametrize("text, rule", [
    ("¡Aprovechá ahora y llamá ya!", "pressure/act-now"),
    ("Aprovecha ahora y llama ya.", "pressure/act-now"),
    ("Si querés este descuento, tenés que firmar hoy.", "sales-scripts/sign-now-pressure"),
    ("Si queres este descuento, tenes que firmar hoy.", "sales-scripts/sign-now-pressure"),
    ("Tené en cuenta que la promo es solo por hoy.", "pressure/false-urgency"),
    ("Firmá acá y después lo leés.", "sales-scripts/discourage-reading"),
    ("Firma aqui y despues lo lees.", "sales-scripts/discourage-reading"),
    ("Probalo gratis un mes.", "free-offers/free-trial-without-terms"),
    ("Pruébalo gratis un mes.", "free-offers/free-trial-without-terms"),
])
def test_spanish_forms_peninsular_and_rioplatense(linter, text, rule):
    assert rule in rules_hit(linter, text, "es")


def test_exact_position_of_a_spanish_finding(linter):
    text = "Tarifa nueva.\nFibra 600 Mb por 30 €/mes, sin letra pequeña."
    (f,) = [f for f in linter.lint_text(text, lang="es") if f.rule == "pricing/price-without-taxes"]
    assert (f.line, f.column, f.end_line, f.end_column, f.match) == (2, 18, 2, 26, "30 €/mes")


def test_disclosure_in_the_same_paragraph_clears_the_price(linter):
    assert "pricing/price-without-taxes" not in rules_hit(linter, "Fibra por 30 €/mes IVA incluido.", "es")


def test_info_findings_do_not_pretend_to_be_warnings(linter):
    (f,) = [f for f in linter.lint_text("Broadband for £25 a month.", lang="en")
            if f.rule == "pricing/price-without-taxes"]
    assert str(f.severity) == "info"


def test_sales_script_rules_carry_their_family_category(packs):
    cats = {r.id: r.category for p in packs if p.language == "en" for r in p.rules}
    assert cats["sales-scripts/refuse-total-price"] == "pricing"
    assert cats["sales-scripts/discourage-reading"] == "pressure"
    assert cats["sales-scripts/impersonation"] == "sales-scripts"


def test_missing_disclosures_are_listed_in_the_rules_language(linter):
    (es,) = [f for f in linter.lint_text("Probalo gratis un mes.", lang="es")
             if f.rule == "free-offers/free-trial-without-terms"]
    assert es.message == "«Probalo gratis» sin qué pasa al terminar y cómo cancelar"
    (en,) = [f for f in linter.lint_text("Start your free trial today.", lang="en")
             if f.rule == "free-offers/free-trial-without-terms"]
    assert en.message == "'free trial' without what happens when it ends and how to cancel"
