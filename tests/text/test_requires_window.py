"""``requires``: which disclosure hits count as inside the trigger's scope (Scan.spans_in)."""
from __future__ import annotations

from smlint.text.document import Document
from smlint.text.kinds.base import Builder
from smlint.text.scan import Scan

TEXT = "abc taxes x taxes included here, final text."  # 'taxes' at 4 and 12; 'taxes included' 12..26


def scan_with(*phrases):
    build = Builder()
    refs = [build.phrases([p]) for p in phrases]
    build.compile()
    return Scan(Document.plain("t.txt", TEXT), build.terms, build.patterns), refs


def test_hits_fully_inside_the_window_count_and_crossing_ones_do_not():
    scan, (taxes, rich) = scan_with("taxes", "taxes (included|extra)")
    assert scan.spans_in(taxes, 0, 50) == [(4, 9), (12, 17)]
    assert scan.spans_in(taxes, 5, 16) == []          # (12, 17) crosses the end
    assert scan.spans_in(taxes, 4, 17) == [(4, 9), (12, 17)]  # half-open: [4, 17) holds both
    assert scan.spans_in(rich, 0, 26) == [(12, 26)]   # a pattern run on the window only
    assert scan.spans_in(rich, 0, 25) == []


def test_a_pattern_scanned_once_is_reused_for_every_window():
    scan, (rich,) = scan_with("taxes (included|extra)")
    assert scan.spans(rich) == [(12, 26)]
    assert scan.spans_in(rich, 10, 30) == [(12, 26)] and scan.spans_in(rich, 13, 30) == []


def test_the_trigger_itself_is_not_its_own_disclosure(write_pack):
    from smlint.linter import Linter, LintOptions
    from smlint.packs import load_pack

    pack = load_pack(write_pack("""\
        pack: t
        language: en
        kind: copy
        owner: marketing
        description: t
        rules:
          - id: r
            kind: requires
            severity: warning
            trigger: "{money}"
            disclosure: "{money}"
            scope: sentence
            message: "{match} alone"
            description: d
            why: w
            examples: {bad: ["£5 now."], good: ["£5 or £6."]}
        """), strict=True)
    linter = Linter(LintOptions(lang="en"), packs=[pack])
    assert [f.match for f in linter.lint_text("Only £5 now. And £6 too.")] == ["£5", "£6"]
    assert linter.lint_text("£5 or £6.") == []
