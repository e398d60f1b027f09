"""``{detail}`` in the pack's language: a Spanish agreement gets Spanish details (issue 13)."""
from __future__ import annotations

import pytest

import smlint.leads.batch as batch
from smlint.leads.details import known, translator
from smlint.leads.examples import run_examples
from smlint.leads.pack import builtin_lead_packs, load_lead_pack

from .conftest import MINI_PACK, run, write

ES_PACK = MINI_PACK.replace("pack: mini\n", "pack: mini-es\nlanguage: es\n").replace(
    'message: "gate: {detail}"', 'message: "el MQL no pasa el filtro: {detail}"').replace(
    'message: "sla: {detail}"', 'message: "SLA de primer contacto incumplido: {detail}"').replace(
    'message: "bad email {value}: {detail}"', 'message: "correo {value} no válido: {detail}"')

HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


def test_a_spanish_pack_gets_spanish_details(tmp_path):
    pack = load_lead_pack(write(tmp_path, "es.yaml", ES_PACK))
    path = write(tmp_path, "leads.csv", HEADER
                 + "1,ana@mailinator.com,,MQL,30,,ann,2024-03-01 10:00,2024-03-03 10:00,\n"
                 + "2,ANA@mailinator.com,,lead,,,ann,2024-03-01 10:00,,\n")
    messages = sorted((f.location.row, f.message) for f in run(pack, path).findings
                      if f.location.row is not None)  # budget verdicts are per segment, not per row
    assert messages == [
        (2, "SLA de primer contacto incumplido: contactado tras 48 h (límite 24 h)"),
        (2, "correo a***@mailinator.com no válido: un dominio desechable (mailinator.com)"),
        (2, "el MQL no pasa el filtro: no cumple company present"),
        (2, "el MQL no pasa el filtro: no cumple score >= 50"),
        (3, "SLA de primer contacto incumplido: sin contactar, 219 h después de mql_at"),
        (3, "correo A***@mailinator.com no válido: un dominio desechable (mailinator.com)"),
        (3, "duplicado de la fila 2"),
    ]


@pytest.mark.parametrize("pack_file", builtin_lead_packs(), ids=lambda p: p.stem)
def test_every_detail_the_built_in_rules_produce_has_a_spanish_form(monkeypatch, pack_file):
    seen: list[str] = []

    def recording(language):
        def translate(detail: str) -> str:
            seen.append(detail)
            return detail
        return translate
    monkeypatch.setattr(batch, "translator", recording)
    run_examples(load_lead_pack(pack_file))
    assert seen, "the bad examples produced no detail"
    assert [d for d in seen if not known("es", d)] == []


def test_english_and_any_keep_details_as_they_are():
    assert translator("en")("no activity for 45 days") == "no activity for 45 days"
    assert translator("es")("no activity for 45 days") == "sin actividad desde hace 45 días"
    assert translator("es")("no source or campaign") == "sin source ni campaign"
    assert translator("es")("touched after 9.5 working hours (limit 8 working hours)") == \
        "contactado tras 9.5 horas laborables (límite 8 horas laborables)"
    assert translator("es")("something new") == "something new"  # unknown: unchanged, never dropped
