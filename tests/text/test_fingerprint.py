"""Fingerprints (what baselines match on): unchanged for ordinary lines, bounded on very long ones.

Issue 12: one 80 KB line with 4,000 findings collapsed and hashed the whole line once per
finding (8 s). A line longer than LONG_LINE now gives each finding a window of the line around
its match; every shorter line keeps the whole-line fingerprint, so existing baselines still work.
"""
from __future__ import annotations

import hashlib
import re

from smlint.api import Linter, LintOptions
from smlint.text import engine
from smlint.text.engine import FINGERPRINT_WINDOW, LONG_LINE

LINTER = Linter(LintOptions(lang="en"))


def old_fingerprint(rule: str, match: str, line: str, occurrence: int) -> str:
    """The formula before issue 12: rule, folded match, folded whole line, occurrence."""
    context = re.sub(r"\s+", " ", line).strip().lower()
    data = "\x1f".join((rule, match.lower(), context, str(occurrence))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]


def test_ordinary_lines_keep_the_fingerprints_baselines_hold():
    line = "Guaranteed  results in your first month, guaranteed results again!"
    text = "Intro.\n" + line + "\n"
    findings = [f for f in LINTER.lint_text(text, "a.txt") if f.rule == "overpromise/guaranteed-results"]
    assert [f.fingerprint for f in findings] == [old_fingerprint(f.rule, "guaranteed results", line, n)
                                                 for n, f in enumerate(findings, 1)]
    # pinned (the value before issue 12), so a change of formula cannot slip through with its
    # own reference implementation
    assert findings[0].fingerprint == "0ad005ebe664180a5c8343b0e695f386"


def test_a_line_just_below_the_bound_is_still_fingerprinted_whole():
    line = ("Guaranteed results in your first month. " + "x" * LONG_LINE)[:LONG_LINE]
    (f, *_) = LINTER.lint_text(line + "\n", "a.txt")
    assert f.fingerprint == old_fingerprint(f.rule, "guaranteed results", line, 1)


def test_a_long_line_fingerprints_a_window_around_the_match():
    pad = "word " * (LONG_LINE // 5)
    line = pad + "Guaranteed results in your first month." + pad
    (f,) = [f for f in LINTER.lint_text(line + "\n", "a.txt") if f.rule == "overpromise/guaranteed-results"]
    edited_far_away = "other " + line[:-10]  # the same window, another line
    (g,) = [g for g in LINTER.lint_text(edited_far_away + "\n", "a.txt")
            if g.rule == "overpromise/guaranteed-results"]
    assert f.fingerprint == g.fingerprint != old_fingerprint(f.rule, "guaranteed results", line, 1)
    edited_near = line.replace("first month", "first week")
    (h,) = [h for h in LINTER.lint_text(edited_near + "\n", "a.txt") if h.rule == "overpromise/guaranteed-results"]
    assert h.fingerprint != f.fingerprint  # an edit next to the match is a new finding


def test_the_context_of_a_long_line_is_bounded(monkeypatch):
    seen = []
    real = engine._line_context

    def spy(doc, start, end):
        seen.append(real(doc, start, end))
        return seen[-1]

    monkeypatch.setattr(engine, "_line_context", spy)
    unit = "Guaranteed results in your first month! Hurry, only today. "
    findings = LINTER.lint_text(unit * 1400 + "\n", "mail.txt")
    assert len(findings) > 2000 and len(seen) == len(findings)
    assert max(len(c) for c in seen) <= 2 * FINGERPRINT_WINDOW + len("Guaranteed results")
    assert len({f.fingerprint for f in findings}) == len(findings)  # occurrences keep them apart


def test_collapse_is_the_whitespace_regex_for_every_code_point():
    """Issue 14 replaced ``re.sub(r"\\s+", " ", text).strip()`` by splitting: same text, so the
    same fingerprints and messages."""
    spaces = re.compile(r"\s+")
    every = "".join(chr(cp) for cp in range(0x3100) if not 0xD800 <= cp < 0xE000)  # all whitespace is below U+3001
    for text in (every, "  a \u00a0\u2028 b\x1c\x1d\x1e\x1f c\x85  ", "", " \t\n", "x"):
        assert engine.collapse(text) == spaces.sub(" ", text).strip()
    assert [c for c in map(chr, range(0x3100, 0x110000)) if c.isspace()] == []
