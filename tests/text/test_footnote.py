"""The ``footnote`` kind: a qualifier marker must lead to a footnote that says something."""
from __future__ import annotations

import pytest

from tests.conftest import PACK_HEAD, pack_linter

PACK = PACK_HEAD + """\
rules:
  - id: fn
    kind: footnote
    severity: warning
    message: "'{match}' has no footnote {marker}"
    description: d
    why: w
    examples: {bad: ["Fastest broadband*"], good: ["Fastest broadband*\\n\\n* Based on our May 2026 tests."]}
  - id: claims-only
    kind: footnote
    severity: warning
    qualifies: ["fastest", "{money}"]
    message: m
    description: d
    why: w
    examples: {bad: ["Only £9.99*"], good: ["During the Offer Period**"]}
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    return pack_linter(tmp_path_factory.mktemp("footnote"), PACK)


def found(linter, text, path="ad.md", rule="t/fn"):
    return [(f.line, f.column, f.match) for f in linter.lint_text(text, path=path) if f.rule == rule]


def test_a_marker_without_its_footnote_is_flagged_on_the_word_it_qualifies(linter):
    assert found(linter, "The UK's fastest broadband* from £25.\n") == [(1, 18, "broadband*")]
    (f,) = [f for f in linter.lint_text("Free delivery\u2020 today.\n", path="ad.md") if f.rule == "t/fn"]
    assert (f.match, f.message) == ("delivery\u2020", "'delivery\u2020' has no footnote \u2020")


@pytest.mark.parametrize("text", [
    "Fastest broadband*\n\n* Based on Ofcom's report of May 2026.\n",          # a Markdown bullet
    "Fastest broadband*\n\n\\*Based on Ofcom's report of May 2026.\n",         # an escaped asterisk
    "Fastest broadband*. *Based on Ofcom's report of May 2026.\n",             # later in the paragraph
    "Calls for £9.99(1).\n\n(1) For the first 12 months, then £14.99.\n",
    "Calls for £9.99\u00b9.\n\n1) For the first 12 months, then £14.99.\n",
    "<p>Fastest broadband*</p>\n<small>* Based on Ofcom's report of May 2026.</small>\n",
])
def test_a_footnote_that_says_something_resolves_the_marker(linter, text):
    path = "ad.html" if text.startswith("<") else "ad.md"
    assert found(linter, text, path) == []


def test_a_footnote_of_two_words_does_not_count(linter):
    assert found(linter, "Fastest broadband*\n\n*T&Cs apply.\n") == [(1, 9, "broadband*")]


@pytest.mark.parametrize("text", [
    "Stay in a 5* hotel by the sea.\n",            # a star rating
    "Rated 4.5* by our guests.\n",
    "Consent is needed under Art. 5(3) of the directive.\n",  # a legal reference
    "Compute 2*3 and f*ck it.\n",                  # glued on both sides: not a marker
    "A *great* offer.\n",                          # Markdown emphasis is markup, not a marker
])
def test_what_is_not_a_marker(linter, text):
    assert found(linter, text) == []


def test_each_cell_of_an_ad_export_can_hold_the_footnote(linter):
    csv_text = "Headline,Disclaimer\nFastest broadband*,*Based on Ofcom's report of May 2026\n"
    assert found(linter, csv_text, "ads.csv") == []
    assert found(linter, "Headline,Disclaimer\nFastest broadband*,Call us\n", "ads.csv") == [(2, 9, "broadband*")]


def test_qualifies_keeps_markers_on_claims_and_prices(linter):
    text = "Only £9.99* during the Offer Period**, the fastest* plan.\n"
    assert [m for _, _, m in found(linter, text, rule="t/claims-only")] == ["£9.99*", "fastest*"]
