"""Each copy rule kind on its own (issue 2, rule kinds)."""
from __future__ import annotations

import pytest

from smlint.api import Linter, LintOptions
from tests.conftest import CORE_PACK


@pytest.fixture(scope="module")
def linter():
    return Linter(LintOptions(packs=(str(CORE_PACK),), lang="en"))


def by_rule(linter, text, rule):
    return [f for f in linter.lint_text(text) if f.rule == rule]


def test_pattern_runs_on_folded_text(linter):
    (f,) = by_rule(linter, "Ahorra hasta 70 % hoy", "core/big-number")
    assert (f.column, f.end_column, f.match) == (14, 18, "70 %")


def test_case_sensitive_pattern_sees_original_case(linter):
    assert [f.match for f in by_rule(linter, "FREE or free", "core/shouty")] == ["FREE"]


def test_substitution_suggests_preferred_wording(linter):
    (f,) = by_rule(linter, "Our world-class support.", "core/swap")
    assert f.suggestion == "Use 'award-winning (name the award)'"
    assert f.message == "'world-class' is vague"


def test_requires_sentence_scope(linter):
    assert [f.message for f in by_rule(linter, "Only 29 € a month. Taxes included.", "core/price-taxes")] == [
        "price '29 €' without a taxes disclosure"]
    assert by_rule(linter, "Only 29 € a month, IVA incluido.", "core/price-taxes") == []


def test_requires_all_groups_and_names_missing(linter):
    (f,) = by_rule(linter, "Start your free trial, it renews monthly.", "core/trial-terms")
    assert f.message == "'free trial' without how to cancel"
    (g,) = by_rule(linter, "Start your free trial today.", "core/trial-terms")
    assert g.message == "'free trial' without renewal terms and how to cancel"


def test_requires_direction_after(linter):
    text = "Cancel any time, it renews monthly. Start your free trial."
    assert len(by_rule(linter, text, "core/trial-terms")) == 1


def test_requires_word_window(linter):
    far = "Start your free trial " + "word " * 20 + "it renews, cancel online."
    near = "Start your free trial: it renews, cancel online."
    assert len(by_rule(linter, far, "core/trial-terms")) == 1
    assert by_rule(linter, near, "core/trial-terms") == []


def test_density_points_at_first_item_over_limit(linter):
    (f,) = by_rule(linter, "Buy! Now! Today! Go!", "core/bangs")
    assert (f.column, f.match) == (16, "!")
    assert f.message == "4 exclamation marks (max 2)"


def test_density_counts_per_paragraph(linter):
    assert by_rule(linter, "Buy! Now!\n\nToday! Go!", "core/bangs") == []


def test_suggestion_placeholders_filled(linter):
    (f,) = by_rule(linter, "Guaranteed results", "core/guaranteed")
    assert f.suggestion == "Say what is typical instead of 'Guaranteed results'."


def test_finding_carries_rule_metadata(linter):
    (f,) = by_rule(linter, "Guaranteed results", "core/guaranteed")
    assert (f.pack, f.owner, f.category, str(f.severity)) == ("core", "marketing", "core", "error")


def test_abbreviations_do_not_end_a_sentence():
    from smlint.text.document import Document
    from smlint.text.scan import Scan
    from smlint.text.matcher import PatternSet, TermIndex

    text = "Broadband £25 a month inc. VAT for Sr. Gómez. Next sentence here."
    scan = Scan(Document.plain("a.txt", text), TermIndex(), PatternSet())
    assert scan.scope(text.index("VAT"), "sentence") == (0, text.index(" Next"))
