"""Both languages have the same concepts, so an English and a Spanish rule with the same id read alike."""
from smlint.text.concepts import ConceptStore


def test_english_and_spanish_define_the_same_concepts():
    d = ConceptStore.builtin().definitions
    assert set(d["en"]) == set(d["es"]), (set(d["en"]) ^ set(d["es"]))
