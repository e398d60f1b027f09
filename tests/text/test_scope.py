"""Negation, condition clauses and offer context (smlint/text/scope.py), for any rule kind."""
from __future__ import annotations

import pytest

from smlint.linter import Linter, LintOptions
from smlint.model import Severity
from smlint.packs import load_pack
from tests.conftest import PACK_HEAD, pack_linter

PACK = PACK_HEAD + """\
rules:
  - id: rise
    kind: phrase
    severity: warning
    phrases: ["price increases", "~increase the price"]
    skip: [negated]
    message: m
    description: d
    why: w
    examples: {bad: ["Annual price increases apply."], good: ["No price increases during the contract."]}
  - id: free
    kind: phrase
    severity: warning
    phrases: ["free delivery", "delivery is free"]
    skip: [conditional]
    message: m
    description: d
    why: w
    examples: {bad: ["Free delivery!"], good: ["Free delivery on orders over £40."]}
  - id: trial
    kind: phrase
    severity: warning
    phrases: ["trial period"]
    skip: [legal]
    message: m
    description: d
    why: w
    examples: {bad: ["Enjoy a trial period on us."], good: ["The Trial Period shall end on the date set out in this Agreement."]}
  - id: best
    kind: phrase
    severity: warning
    phrases: ["{superlative}"]
    exceptions: ["{editorial-superlative}"]
    context: {phrases: ["{promotional}"], scope: sentence, otherwise: info}
    message: m
    description: d
    why: w
    examples: {bad: ["Our fastest router yet."], good: ["The fastest way to debug is logging."]}
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory):
    return pack_linter(tmp_path_factory.mktemp("scope"), PACK)


def rules(linter, text):
    return [(f.rule, f.match, str(f.severity)) for f in linter.lint_text(text)]


@pytest.mark.parametrize("text", [
    "There are no price increases during your contract.",
    "We never increase the price while you are a member.",
    "We won't ever increase the price.",
])
def test_negated_trigger_is_not_a_finding(linter, text):
    assert rules(linter, text) == []


def test_negation_in_another_clause_does_not_count(linter):
    assert rules(linter, "No hidden fees, but annual price increases apply.") == [
        ("t/rise", "price increases", "warning")]
    assert rules(linter, "Not now. Price increases apply from May.") == [("t/rise", "Price increases", "warning")]


@pytest.mark.parametrize("text", [
    "Delivery is free when the basket reaches £50.",
    "Free delivery on orders over £40.",
    "If you spend £30, delivery is free.",
])
def test_conditional_trigger_is_not_a_finding(linter, text):
    assert rules(linter, text) == []


def test_condition_in_another_sentence_does_not_count(linter):
    assert rules(linter, "Free delivery! Returns are accepted if unused.") != []


def test_outside_the_offer_context_the_rule_is_info(linter):
    assert rules(linter, "Our fastest router yet.") == [("t/best", "fastest", "warning")]
    assert rules(linter, "Britain's fastest router.") == [("t/best", "fastest", "warning")]
    assert rules(linter, "The compiler picks the fastest path.") == [("t/best", "fastest", "info")]
    assert rules(linter, "The fastest way to debug is logging.") == []


def test_silent_outside_context(write_pack):
    pack = load_pack(write_pack(PACK.replace("otherwise: info", "otherwise: silent")), strict=True)
    linter = Linter(LintOptions(lang="en"), packs=[pack])
    assert linter.lint_text("The compiler picks the fastest path.") == []
    assert [f.severity for f in linter.lint_text("Buy now: the fastest router.")] == [Severity.WARNING]


def test_brands_from_the_options_make_copy_promotional(write_pack):
    pack = load_pack(write_pack(PACK), strict=True)
    linter = Linter(LintOptions(lang="en", brands=("Acme",)), packs=[pack])
    assert [str(f.severity) for f in linter.lint_text("Acme has the fastest routers.")] == ["warning"]


def test_scope_keys_are_validated(write_pack):
    from smlint.errors import PackError

    with pytest.raises(PackError, match="rules\\[0\\].skip"):
        load_pack(write_pack(PACK.replace("skip: [negated]", "skip: [negative]")), strict=True)


def test_a_short_headline_on_its_own_is_promotional_but_a_sentence_of_prose_is_not(linter):
    assert rules(linter, "Britain's fastest routers") == [("t/best", "fastest", "warning")]
    assert rules(linter, "The compiler picks the fastest path") == [("t/best", "fastest", "warning")]
    assert rules(linter, "The compiler picks the fastest path.") == [("t/best", "fastest", "info")]


def test_in_long_form_prose_a_claim_needs_an_offer_in_its_sentence(linter):
    filler = " ".join(["Our team wrote about caching and queues again this week."] * 45)  # > 400 words
    blog = filler + "\n\nOur fastest router yet shipped to testers.\n\nOur fastest router costs £99 today.\n"
    found = [(f.match, str(f.severity)) for f in linter.lint_text(blog) if f.rule == "t/best"]
    assert found == [("fastest", "info"), ("fastest", "warning")]


@pytest.mark.parametrize("quoted, severity", [
    ("Variant B read \u201cOur fastest router costs \u00a399 today\u201d and won.", "info"),
    ("Variant B read \"Our fastest router costs \u00a399 today\" and won.", "info"),
    ("Le titre \u00abOur fastest router costs \u00a399 today\u00bb a gagn\u00e9.", "info"),
    ('{% include cta.html label="Our fastest router costs \u00a399 today" %}', "warning"),
    ("Our fastest router costs \u00a399 today, \u201cwhatever the weather\u201d.", "warning"),
])
def test_in_long_form_prose_a_quoted_claim_is_a_mention(linter, quoted, severity):
    filler = " ".join(["Our team wrote about caching and queues again this week."] * 45)  # > 400 words
    found = [str(f.severity) for f in linter.lint_text(filler + "\n\n" + quoted + "\n", path="post.md")
             if f.rule == "t/best"]
    assert found == [severity]


def test_each_cell_of_an_ad_export_is_copy_on_its_own(linter):
    csv_text = "Headline 1,Description 1\n" + "".join(f"Router {i},A calm evening at home\n" for i in range(60)) \
        + "Fastest router in town,A calm evening at home\n"
    found = [(f.match, str(f.severity)) for f in linter.lint_text(csv_text, path="ads.csv") if f.rule == "t/best"]
    assert found == [("Fastest", "warning")]


@pytest.mark.parametrize("text", [
    "The Trial Period shall end 30 days after you accept this Agreement.",
    "Trial Period means the period of 45 days from acceptance.",
    "Either party may end the trial period upon seven days' written notice.",
])
def test_a_trigger_in_contract_language_is_not_a_finding(linter, text):
    assert rules(linter, text) == []


def test_contract_language_in_another_sentence_does_not_count(linter):
    assert rules(linter, "Read this Agreement. Then enjoy a trial period on us.") == [
        ("t/trial", "trial period", "warning")]


@pytest.mark.parametrize("text, found", [
    ("Be wary of shops promising \u201cfree delivery\u201d on everything.", []),
    ("Claims like 'free delivery' need their conditions next to them.", []),
    ("\u201cFree delivery\u201d is a phrase buyers have learnt to distrust.", []),
    ("The banner \"Free delivery!\" was banned for hiding the minimum spend.", []),
    # A quotation with no frame, or framed by "says", is still a claim: a testimonial is copy too.
    ("\u201cFree delivery, always,\u201d says our founder.", ["free delivery"]),
    ("Our shop: \u201cfree delivery\u201d.", ["free delivery"]),
    # An apostrophe is not a quotation mark.
    ("Don't miss it: free delivery, the shop's best offer.", ["free delivery"]),
])
def test_a_quoted_claim_reported_as_someone_elses_is_a_mention(linter, text, found):
    assert [f.match.lower() for f in linter.lint_text(text) if f.rule == "t/free"] == found


def test_a_mention_frame_in_another_sentence_does_not_count(linter):
    text = "Ads promising miracles are common. \u201cFree delivery\u201d on every order!"
    assert [f.match for f in linter.lint_text(text) if f.rule == "t/free"] == ["Free delivery"]
