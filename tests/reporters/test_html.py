"""HTML report, without a browser: escaping, self-containment, all-clear page, scorecards."""
from __future__ import annotations

import base64
import hashlib
import re

from smlint.reporters import render
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
    assert hrefs == ["https://www.ftc.gov/legal-library/browse/advertising-substantiation"]  # a reference


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
    assert 'data-filter="owner" value="legal"' in html and 'data-filter="pack" value="leads"' in html
    assert "packs: leads, overpromise, pricing, sales, urgency" in html and "0.25 s" in html


def test_all_clear_page():
    html = render("html", fixture_report(findings=[], errors=[], extras={}))
    assert 'id="all-clear"' in html and "No findings in 5 files" in html
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
    card = scorecard({"by": "owner", "columns": ["leads", "verdict"],
                      "rows": [{"segment": "a", "leads": 10, "verdict": "ok"}, {"segment": "b", "leads": 5}]})
    assert [c["bar"] for c in card["rows"][0]["cells"]] == [60, None]
    assert card["rows"][1]["cells"][0]["bar"] == 30 and card["rows"][1]["cells"][1]["value"] == ""


def test_missing_or_malformed_scorecards_are_tolerated():
    for extras in ({}, {"scorecards": None}, {"scorecards": ["junk", {"rows": "x"}]}, {"scorecards": [{}]}):
        assert "</html>" in render("html", fixture_report(extras=extras))


def test_chart_bars_scale_to_the_largest():
    from collections import Counter

    rows = bars(Counter({"pricing": 4, "urgency": 1}))
    assert [(r["label"], r["width"], r["y"]) for r in rows] == [("pricing", 220, 0), ("urgency", 55, 22)]
