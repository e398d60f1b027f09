"""Registry findings point at the original characters, whatever the reader did to the view."""
from __future__ import annotations

from smlint.registry import RegistryChecker
from smlint.text.document import Document, ViewBuilder


def test_decoded_entities_map_back_to_the_source(registry):
    source = "<p>Pro: 49&nbsp;&euro;/mes</p>"
    b = ViewBuilder(source)
    b.mask(3)
    b.keep(10)                        # "Pro: 49"
    b.emit(16, "\u00a0")              # &nbsp;
    b.emit(22, "€")                   # &euro;
    b.keep(26)                        # "/mes"
    b.mask(len(source))
    doc = b.build("page.html", "html")
    (f,) = RegistryChecker(registry).check(doc)
    assert f.rule == "registry/price-not-in-plans"
    assert (f.line, f.column, f.end_column) == (1, 9, 27)
    assert f.match == "49&nbsp;&euro;/mes"
    assert f.message == "registry says Pro is 59 EUR/month, copy says 49 EUR/month"


def test_crlf_and_wrapped_phrases(registry):
    text = "Hola,\r\nsin\r\npermanencia y 30 % más de ventas.\r\n"
    found = RegistryChecker(registry).check(Document.plain("mail.txt", text))
    assert [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in found] == [
        ("registry/permanence-contradiction", 2, 1, 3, 12),
        ("registry/unregistered-claim", 3, 15, 3, 19)]


def test_empty_and_blank_documents(registry):
    checker = RegistryChecker(registry)
    assert checker.check(Document.plain("a.txt", "")) == []
    assert checker.check(Document.plain("a.txt", "  \n\n ")) == []
