"""The HTML report in a real browser (headless Chromium via Playwright).

Needs Debian's ``chromium`` (``.ci/run`` installs it) and the ``playwright`` package from the
test extra; Playwright drives the system browser, it downloads none. Skipped locally when
either is missing, but a failure on CI (``CI`` set), where it must run for real.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from smlint.reporters import render
from tests.reporters.fixture import fixture_report

CHROMIUM = os.environ.get("SMLINT_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser test cannot run on CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """A page opened from disk, with everything it logged, requested or tried to pop up."""

    def __init__(self, browser, path: Path):
        self.page = browser.new_page()
        self.console, self.errors, self.dialogs, self.requests = [], [], [], []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.as_uri()
        self.page.goto(self.url)

    def visible_rules(self) -> list[str]:
        return [el.get_attribute("data-rule") for el in self.page.query_selector_all("article.finding")
                if el.is_visible()]


@pytest.fixture
def visit(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(render("html", fixture_report()), encoding="utf-8")
    v = Visit(browser, path)
    yield v
    v.page.close()


def test_no_console_errors_no_network_no_injected_script(visit):
    assert [m for m in visit.console if m[0] in ("error", "warning")] == []
    assert visit.errors == [] and visit.dialogs == []
    assert visit.requests == [visit.url]
    assert visit.page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.page.query_selector_all("img") == []
    shown = visit.page.inner_text('section.file[data-path^="copy/\\"><img"] td.code >> nth=1')
    assert "<script>window.__pwned=1;alert(1)</script>" in shown


def test_counts_shown_match_the_findings(visit):
    page = visit.page
    assert page.inner_text("#count-total") == "7"
    assert [page.inner_text(f"#count-{s}") for s in ("error", "warning", "info")] == ["3", "2", "2"]
    assert page.inner_text("#shown") == "7"
    assert len(visit.visible_rules()) == 7


def test_severity_filter_hides_exactly_those_findings(visit):
    page = visit.page
    page.uncheck('input[data-filter="severity"][value="warning"]')
    assert visit.visible_rules() == ["urgency/false-urgency", "urgency/false-urgency",
                                     "overpromise/guaranteed-results", "overpromise/guaranteed-results",
                                     "leads/email-valid"]
    assert page.inner_text("#shown") == "5"
    assert not page.is_visible('section.file[data-path="scripts/call.docx"]')  # its only finding is a warning
    page.check('input[data-filter="severity"][value="warning"]')
    assert len(visit.visible_rules()) == 7


def test_owner_and_pack_filters_combine(visit):
    page = visit.page
    page.uncheck('input[data-filter="owner"][value="marketing"]')
    assert visit.visible_rules() == ["pricing/price-without-taxes", "leads/email-valid", "sales/no-lock-in-claim"]
    page.uncheck('input[data-filter="pack"][value="leads"]')
    assert visit.visible_rules() == ["pricing/price-without-taxes", "sales/no-lock-in-claim"]
    assert page.inner_text("#shown") == "2"


def test_rule_explanation_opens(visit):
    page = visit.page
    details = 'section.file[data-path="copy/launch.md"] details.explain >> nth=0'
    assert not page.is_visible(f"{details} >> text=What it flags")
    page.click(f"{details} >> summary")
    assert page.is_visible(f"{details} >> text=What it flags")


def test_all_clear_page_in_the_browser(browser, tmp_path):
    path = tmp_path / "clean.html"
    path.write_text(render("html", fixture_report(findings=[], errors=[], extras={})), encoding="utf-8")
    v = Visit(browser, path)
    assert v.page.is_visible("#all-clear") and "All clear" in v.page.inner_text("#all-clear")
    assert v.errors == [] and [m for m in v.console if m[0] == "error"] == []
    v.page.close()
