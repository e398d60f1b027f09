"""The HTML report in a real browser (headless Chromium via Playwright).

Needs Debian's ``chromium`` (``.ci/run`` installs it) and the ``playwright`` package from the
test extra; Playwright drives the system browser, it downloads none. Skipped locally when
either is missing, but a failure on CI (``CI`` set), where it must run for real.

What it checks: no script from the findings runs and nothing is fetched; the tick boxes, the file
and rule tables and the search box change which findings are visible; and, on a real run of ~100
findings at 1280 × 800, the page height, no sideways overflow, the summary on the first screen and
(from a screenshot, read back pixel by pixel) the severity bars painted to scale.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from smlint.reporters import render
from tests.reporters.fixture import fixture_report
from tests.reporters.real import real_report

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


def test_team_and_pack_filters_combine(visit):
    page = visit.page
    assert page.query_selector_all('input[data-filter="owner"]') == []  # "owner" is a lead's sales rep
    assert page.inner_text('fieldset[data-dimension="team"] legend') == "Team"
    page.uncheck('input[data-filter="team"][value="marketing"]')
    assert visit.visible_rules() == ["pricing/price-without-taxes", "leads/email-valid", "sales/no-lock-in-claim"]
    page.uncheck('input[data-filter="pack"][value="leads"]')
    assert visit.visible_rules() == ["pricing/price-without-taxes", "sales/no-lock-in-claim"]
    assert page.inner_text("#shown") == "2"


def test_rule_explanation_opens(visit):
    page = visit.page
    details = "#rule-en-pricing-price-without-taxes"
    assert not page.is_visible(f"{details} >> text=What it flags")
    page.click('section.file[data-path="copy/launch.md"] a.rule >> nth=1')  # the finding's rule link
    assert page.is_visible(f"{details} >> text=What it flags")
    assert page.evaluate("location.hash") == details
    page.click("#rule-en-overpromise-guaranteed-results > summary")  # or open one by hand
    assert page.is_visible("#rule-en-overpromise-guaranteed-results >> text=Why it matters")


def test_clicking_a_file_or_a_rule_shows_only_its_findings(visit):
    page = visit.page
    page.click('#files-table button[data-value="copy/launch.md"]')
    assert visit.visible_rules() == ["overpromise/guaranteed-results", "pricing/price-without-taxes"]
    assert page.inner_text("#shown") == "2" and page.inner_text("#picked-what") == "file copy/launch.md"
    page.click('#rules-table button[data-value="es/overpromise/guaranteed-results"]')  # another pick replaces it
    assert visit.visible_rules() == ["overpromise/guaranteed-results"]
    assert page.is_visible('section.file[data-path="copy/lanzamiento.md"] article.finding')
    assert not page.is_visible('section.file[data-path="copy/launch.md"]')  # the en rule's finding is not it
    page.click('#rules-table button[data-value="es/overpromise/guaranteed-results"]')  # clicked again: all
    assert len(visit.visible_rules()) == 7 and not page.is_visible("#picked")
    page.click('#rules-table button[data-value="en/urgency/false-urgency"]')
    page.uncheck('input[data-filter="severity"][value="info"]')  # pick and ticks combine
    assert visit.visible_rules() == [] and page.is_visible("#no-match")
    page.click("#unpick")
    assert len(visit.visible_rules()) == 5


def test_search_narrows_the_findings_as_you_type(visit):
    page = visit.page
    page.fill("#search", "lock-in")
    assert visit.visible_rules() == ["sales/no-lock-in-claim"]
    page.fill("#search", "HURRY")  # any case; in the quoted context, the message or the file name
    assert visit.visible_rules() == ["urgency/false-urgency", "urgency/false-urgency"]
    page.fill("#search", "hurry ads.csv")  # every word must be there
    assert visit.visible_rules() == ["urgency/false-urgency"]
    page.fill("#search", '<img src=x onerror="window.__pwned=3">')
    assert visit.visible_rules() == [] and page.inner_text("#shown") == "0"
    page.fill("#search", "")
    assert len(visit.visible_rules()) == 7
    assert page.evaluate("typeof window.__pwned") == "undefined" and visit.dialogs == []


def test_all_clear_page_in_the_browser(browser, tmp_path):
    path = tmp_path / "clean.html"
    path.write_text(render("html", fixture_report(findings=[], errors=[], extras={})), encoding="utf-8")
    v = Visit(browser, path)
    assert v.page.is_visible("#all-clear") and "All clear" in v.page.inner_text("#all-clear")
    assert v.errors == [] and [m for m in v.console if m[0] == "error"] == []
    v.page.close()


# Ten lines of made-up copy, seven of which break a rule; twelve pages of them make ~100 findings.
LINES = ["Guaranteed results in your first month.", "Hurry, this offer ends soon!", "The best sofa in the world.",
         "Plans start at $49 per month.", "100% risk-free, cancel anytime.", "Our cream cures acne overnight.",
         "Only 3 left in stock!", "Free gift with every order.", "Rated number one by experts.",
         "Plain words about a chair."]
WIDTH, FOLD = 1280, 800
COLOURS = {"error": (0xb4, 0x23, 0x18), "warning": (0xb5, 0x47, 0x08), "info": (0x17, 0x5c, 0xd3)}
BACKGROUND = (0xf9, 0xfa, 0xfb)


@pytest.fixture(scope="module")
def hundred(browser, tmp_path_factory):
    """A report of a real run on twelve pages (~100 findings) and a clean one, open at 1280 × 800."""
    folder = tmp_path_factory.mktemp("hundred")
    files = {f"copy/page{i:02}.md": "".join(f"{LINES[(i + j) % len(LINES)]} Line {j}.\n" for j in range(10))
             for i in range(12)}
    files["copy/about.md"] = "A plain note about a chair.\n"
    report = real_report(folder, files)
    path = folder / "report.html"
    path.write_text(render("html", report), encoding="utf-8")
    page = browser.new_page(viewport={"width": WIDTH, "height": FOLD})
    page.goto(path.as_uri())
    yield report, page
    page.close()


def test_a_hundred_findings_make_a_page_of_reasonable_height(hundred):
    report, page = hundred
    assert 90 <= len(report.findings) <= 110
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 160 * len(report.findings)  # the old report took 280-490 px a finding
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH  # no sideways scrolling
    assert page.inner_text("#count-clean") == "1"
    assert page.inner_text('#files-table tr.clean .path').endswith("copy/about.md")


def test_summary_is_above_the_fold_and_nothing_overflows(hundred):
    report, page = hundred
    box = page.locator("#summary").bounding_box()
    assert box["y"] + box["height"] <= FOLD and box["x"] + box["width"] <= WIDTH
    tables = [page.locator(s).bounding_box() for s in ("#files-table", "#rules-table")]
    assert tables[0]["y"] < FOLD and tables[1]["y"] < FOLD  # the tables start on the first screen too
    assert tables[0]["y"] == tables[1]["y"] and tables[0]["x"] + tables[0]["width"] <= tables[1]["x"]  # side by side
    wider = page.evaluate("""Array.from(document.querySelectorAll('main *')).filter(
        el => el.getBoundingClientRect().right > document.documentElement.clientWidth).length""")
    assert wider == 0


def test_screenshot_shows_the_severity_chart_to_scale(browser, hundred):
    """What is painted, not what the DOM says: in a screenshot of the first screen, each severity's
    bar has its colour and an area in proportion to its count, and the right margin is empty."""
    report, page = hundred
    page.evaluate("window.scrollTo(0, 0)")
    chart = page.locator('figure.chart[data-dimension="severity"]').bounding_box()
    shot = base64.b64encode(page.screenshot()).decode("ascii")
    pixels = browser.new_page()  # a blank page of its own reads the PNG back, pixel by pixel
    try:
        painted = pixels.evaluate("""async ([png, box, colours, background, margin]) => {
            const img = new Image(); img.src = "data:image/png;base64," + png; await img.decode();
            const canvas = document.createElement("canvas"); canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext("2d"); ctx.drawImage(img, 0, 0);
            const data = ctx.getImageData(0, 0, img.width, img.height).data;
            const same = (i, rgb) => data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2];
            const counts = {}; for (const name in colours) { counts[name] = 0; }
            for (let y = Math.floor(box.y); y < box.y + box.height; y++) {
                for (let x = Math.floor(box.x); x < box.x + box.width; x++) {
                    for (const name in colours) { if (same((y * img.width + x) * 4, colours[name])) { counts[name]++; } }
                }
            }
            let stray = 0;
            for (let y = 0; y < img.height; y++) {
                for (let x = img.width - margin; x < img.width; x++) { if (!same((y * img.width + x) * 4, background)) { stray++; } }
            }
            return {size: [img.width, img.height], counts: counts, stray: stray};
        }""", [shot, chart, COLOURS, BACKGROUND, 30])
    finally:
        pixels.close()
    assert painted["size"] == [WIDTH, FOLD] and painted["stray"] == 0
    per = {s: sum(1 for f in report.findings if str(f.severity) == s) for s in COLOURS}
    assert per["warning"] and painted["counts"]["warning"] > 0  # the bar is painted on the first screen
    for severity, n in per.items():
        if n:
            share, expected = painted["counts"][severity] / painted["counts"]["warning"], n / per["warning"]
            assert abs(share - expected) <= 0.15 * expected + 0.02, (severity, painted["counts"], per)
