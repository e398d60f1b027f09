"""HTML report, without a browser: escaping, self-containment, all-clear page, scorecards."""
from __future__ import annotations

import base64
import hashlib
import re

from smlint.reporters import render
from smlint.leads.scorecards import Scorecard, ScorecardRow
from smlint.reporters.html import bars, context, scorecard
from tests.reporters.fixture import LAUNCH, fixture_report, findings
from tests.reporters.real import real_report

HOSTILE = 'Guaranteed results <script>alert(1)</script> and "><img src=x onerror=alert(2)> here.\n'


def test_hostile_text_and_file_names_are_escaped(tmp_path):
    report = real_report(tmp_path, {'"><img src=x onerror=alert(3)>.txt': HOSTILE})
    assert len(report.findings) == 1
    html = render("html", report)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(3)&gt;.txt" in html
    assert html.count("<script") == 1  # only the report's own


def test_the_only_script_is_allowed_by_its_hash():
    html = render("html", fixture_report())
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_self_contained():
    html = render("html", fixture_report())
    assert not re.search(r"<link|<img|src=\"|@import|url\(", html)
    hrefs = re.findall(r'href="([^"]*)"', html)
    outside = [h for h in hrefs if not h.startswith("#")]
    assert outside == ["https://www.ftc.gov/legal-library/browse/advertising-substantiation"]  # a reference
    ids = set(re.findall(r' id="([^"]*)"', html))
    assert {h[1:] for h in hrefs if h.startswith("#")} <= ids  # every link inside the page lands
def test_non_web_references_are_not_links():
    html = render("html", fixture_report())
    assert "<li>javascript:alert(1)</li>" in html
    assert 'href="javascript' not in html


def test_summary_counts_and_filters():
    html = render("html", fixture_report())
    assert '<span class="n" id="count-total">7</span>' in html
    assert '<span class="n" id="count-error">3</span>' in html
    assert '<span class="n" id="count-warning">2</span>' in html
    assert '<span class="n" id="count-info">2</span>' in html
    assert html.count('<article class="finding') == 7
    assert 'data-filter="team" value="legal"' in html and 'data-filter="pack" value="leads"' in html
    assert 'data-filter="owner"' not in html and 'data-owner=' not in html  # the rule's team is "team"
    assert "packs: leads, overpromise, pricing, sales, urgency" in html and "0.25 s" in html


def test_all_clear_page():
    html = render("html", fixture_report(findings=[], errors=[], extras={}))
    assert 'id="all-clear"' in html and "No findings in 8 files" in html
    assert 'id="filters"' not in html and "<article" not in html


def test_context_highlights_the_exact_span():
    lines = LAUNCH.splitlines()
    rows = context(findings()[1], lines)  # line 4 col 16 .. line 5 col 14
    assert [r["number"] for r in rows] == [3, 4, 5]
    assert rows[1]["segments"] == [("Plans start at ", False), ("$49 per month,", True)]
    assert rows[2]["segments"] == [("billed yearly", True), (". Sign up today!", False)]
    assert rows[0]["segments"] == [] and not rows[0]["hot"]  # an empty line


def test_lead_and_docx_findings_show_where_they_are():
    html = render("html", fixture_report())
    assert "row 3, field email, record L-0002" in html and "paragraph 4" in html
    assert "…and there is no lock-in, ever…" in html


def test_lead_findings_never_show_raw_rows():
    html = render("html", fixture_report())
    assert "email: <code>not-an-email</code>" in html
    assert "ana@example.com" not in html and "SQL,pablo" not in html


def test_scorecards_render_with_bars_and_escaping():
    html = render("html", fixture_report())
    assert "Scorecard by owner" in html and "&lt;b&gt;pablo&lt;/b&gt;" in html
    card = scorecard(Scorecard("owner", "Owner (sales rep)", ("leads", "verdict"), (),
                               (ScorecardRow("a", (("leads", 10), ("verdict", "ok"))), ScorecardRow("b", (("leads", 5),)))))
    assert [c["bar"] for c in card["rows"][0]["cells"]] == [60, None]
    assert card["rows"][1]["cells"][0]["bar"] == 30 and card["rows"][1]["cells"][1]["value"] == ""


def _rows(section_html: str) -> list[list[str]]:
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", section_html, re.S)]


def test_scorecards_have_labels_and_show_the_worst_first():
    html = render("html", fixture_report())
    section = re.search(r'<section class="scorecard".*?</section>', html, re.S).group(0)
    head, *rows = _rows(section)
    assert head == ["Owner (sales rep)", "Leads", "SLA breach %", "verdict", "Flagged %"]  # no label: the id
    assert [r[0] for r in rows] == ["&lt;b&gt;pablo&lt;/b&gt;", "ines"]  # 30% flagged before 5%, though smaller
    assert "Rows worst first: highest Flagged %, then most leads." in section


def test_worst_first_breaks_ties_by_size_and_puts_unknown_shares_last():
    from smlint.reporters.scorecards import worst_first

    rows = [ScorecardRow("a", (("leads", 5), ("flagged_pct", 10.0))), ScorecardRow("b", (("leads", 9), ("flagged_pct", 10.0))),
            ScorecardRow("c", (("leads", 50),)), ScorecardRow("d", (("leads", 1), ("flagged_pct", 40.0)))]
    assert [r.segment for r in worst_first(rows)] == ["d", "b", "a", "c"]


def test_budgets_table_lists_every_verdict_missed_first():
    html = render("html", fixture_report())
    section = re.search(r'<section id="budgets".*?</section>', html, re.S).group(0)
    assert "Budgets: <span class=\"met\">1 met</span>, <span class=\"missed\">1 missed</span>" in section
    head, missed, met = _rows(section)
    assert head == ["Result", "Rule", "What it measures", "Segment", "Limit", "Measured"]
    assert missed == ["✗ missed error", "leads/email-validFlags email valid.",  # the rule and what it checks
                      "% of each owner&#39;s leads it applies to that fail it",
                      "Owner (sales rep): &lt;b&gt;pablo&lt;/b&gt;", "≤ 5%", "12% fail (3 of 25)"]
    assert met[0] == "✓ met" and met[3:] == ["Owner (sales rep): ines", "≤ 5%", "2.5% fail (3 of 120)"]
    assert '<tr class="missed">' in section and '<tr class="met">' in section
    assert '<ul class="agreed">' not in section  # the fixture's rules carry no budget spec: no list


def test_budgets_list_states_each_budget_with_its_verdict_counts():
    from dataclasses import replace

    budgeted = replace(fixture_report().rules[3], spec={"budget": {"by": "owner", "max_fail_pct": 5}})
    html = render("html", fixture_report(rules=[budgeted]))
    assert ("<li><code>leads/email-valid</code>: per owner, at most 5% of the leads it applies to fail it: "
            "2 judged, 1 missed</li>") in html


def test_budgets_table_names_budgets_no_segment_was_big_enough_for():
    from dataclasses import replace

    budgeted = replace(fixture_report().rules[3], spec={"budget": {"by": "campaign", "min_pass_pct": 80,
                                                                   "min_records": 5}})
    report = fixture_report(rules=[budgeted], extras={"budgets": []})
    section = re.search(r'<section id="budgets".*?</section>', render("html", report), re.S).group(0)
    assert "Budgets: <span class=\"met\">0 met</span>, <span class=\"met\">0 missed</span>" in section
    assert "<table>" not in section
    assert ("<li><code>leads/email-valid</code>: per campaign, at least 80% of the leads it applies to pass it, "
            "judged where a segment has 5 such leads or more: not judged (no segment is that big)</li>" in section)


def test_no_budgets_section_without_budgets():
    assert 'id="budgets"' not in render("html", fixture_report(extras={"scorecards": []}))


def test_missing_or_empty_scorecards_and_budgets_render():
    """Scorecards and verdicts are typed (smlint.leads.scorecards), so the report no longer guards
    against junk dicts; what it still meets is a run without them, or with empty ones."""
    empty_card = Scorecard("owner", "Owner (sales rep)", ("leads", "flagged_pct"), (), ())
    for extras in ({}, {"scorecards": None}, {"scorecards": []}, {"scorecards": [empty_card]}, {"budgets": []},
                   {"scorecards": [Scorecard("source", "Source", ("leads",), (), (ScorecardRow("ads", ()),))]}):
        assert "</html>" in render("html", fixture_report(extras=extras))


def test_chart_bars_scale_to_the_largest():
    from collections import Counter

    rows = bars(Counter({"pricing": 4, "urgency": 1}))
    assert [(r["label"], r["width"], r["y"]) for r in rows] == [("pricing", 150, 0), ("urgency", 38, 22)]
    rows = bars(Counter({"info": 5, "error": 1}), order=("error", "warning", "info"))
    assert [(r["label"], r["value"], r["width"]) for r in rows] == [("error", 1, 30), ("info", 5, 150)]


def _table(html: str, section: str) -> list[list[str]]:
    """The body rows of a summary table as the cells' text, tags stripped."""
    body = re.search(rf'<section id="{section}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_files_table_counts_by_severity_and_lists_clean_and_unchecked_files():
    rows = _table(render("html", fixture_report()), "files-table")
    assert rows[0] == ["copy/launch.md", "1", "1", "", "2"]  # most findings first
    assert [r[0] for r in rows[1:6]] == ["ads/ads.csv", "copy/&#34;&gt;&lt;img src=x onerror=alert(1)&gt;, v2:final.txt",
                                         "copy/lanzamiento.md", "leads/export.csv", "scripts/call.docx"]
    assert rows[6:] == [["copy/broken.md", "not checked"], ["copy/clean.md", "✓ clean"], ["copy/terms.md", "✓ clean"]]


def test_rules_table_keeps_each_language_apart_and_links_its_explanation():
    html = render("html", fixture_report())
    rows = _table(html, "rules-table")
    assert rows[0] == ["urgency/false-urgency en ?", "info", "marketing", "2"]
    assert sorted(r[0] for r in rows if r[0].startswith("overpromise/")) == [
        "overpromise/guaranteed-results en ?", "overpromise/guaranteed-results es ?"]
    assert ["leads/email-valid ?", "error", "sales", "1"] in rows  # language any: no tag
    assert 'data-pick="rule" data-value="es/overpromise/guaranteed-results"' in html
    es = re.search(r'<details class="explain" id="rule-es-overpromise-guaranteed-results">(.*?)</details>', html, re.S)
    assert "Señala resultados garantizados." in es.group(1) and "Ley 34/1988" in es.group(1)
    assert html.count('href="#rule-es-overpromise-guaranteed-results"') == 2  # the table and its finding


def test_rule_text_is_in_the_page_once_per_rule():
    html = render("html", fixture_report())
    assert html.count("Why overpromise/guaranteed-results matters") == 1  # two findings in two files, one text
    assert html.count("<details") == 6  # the six rules (by language) with findings
    assert "&lt;b&gt;regulators&lt;/b&gt; &amp; customers care" in html


def test_clean_files_leave_out_unchecked_and_hidden_ones():
    report = fixture_report(below_threshold=frozenset({"copy/terms.md"}))
    assert report.clean_paths == ["copy/clean.md"]
    assert fixture_report().clean_paths == ["copy/clean.md", "copy/terms.md"]
    html = render("html", fixture_report(findings=[], errors=[], extras={}))
    listed = re.search(r'<ul id="clean-files"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li><code>([^<]*)</code></li>", listed) == [
        "ads/ads.csv", "copy/&#34;&gt;&lt;img src=x onerror=alert(1)&gt;, v2:final.txt", "copy/clean.md",
        "copy/lanzamiento.md", "copy/launch.md", "copy/terms.md", "leads/export.csv", "scripts/call.docx"]
    assert '<span class="n" id="count-clean">8</span>' in html


def test_a_real_run_lists_the_clean_file(tmp_path):
    report = real_report(tmp_path, {"a.txt": HOSTILE, "b.txt": "Plain words about a sofa.\n"})
    assert report.clean_paths == [str(tmp_path / "b.txt")]
    assert report.stats.checked == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_summary_counts_lead_findings_not_listed():
    html = render("html", fixture_report(extras={"omitted": {"leads/email-valid": 1234}}))
    assert '<span class="n" id="count-error">1237</span>' in html
    assert '<span class="n" id="count-not-listed">1234</span>' in html
    assert 'id="count-not-listed"' not in render("html", fixture_report())
