"""Hostile input for every copy reader, and the invariants it must keep (issue 12).

Shared by the property suite (tests/readers/test_properties.py, hypothesis, bounded for CI) and
the long fuzz run (bench/fuzz.py, plain ``random``, 100,000+ inputs per reader), so both check
exactly the same thing:

1. no exception escapes :meth:`Linter.lint_target`;
2. no *internal* error either: a file may be refused with a message the reader chose (not valid
   JSON, no text columns …), but an exception the guard had to turn into ``could not be read as …``
   or ``could not be checked: …`` is a bug it hid (except :data:`KNOWN`, a third-party panic);
3. every finding's span, cut out of the original text by its line and column, equals its match.

A document is a prefix (a header, front matter, an opening brace: something that gives the reader
structure to get lost in) and a run of fragments: the format's markup, half-written markup, line
breaks of every kind, NUL, BOM, combining marks, emoji, smlint directives and the fixture pack's
phrases (so that findings exist and their spans are checked) — plus random characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from smlint.discover import Target

PACK = str(Path(__file__).resolve().parent / "fixture_pack.yaml")
PHRASES = ["risk free", "risk-free", "best price", "act now", "today only", "zero risk", "sin riesgo",
           "precio más bajo", "Risk\nfree", "best  price", "ACT NOW", "rísk frée"]

# Line breaks the position code must count (\r\n, \r, \n) and the ones it must not (\f, \v, U+2028 …).
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\f", "\v", "\x85", "\u2028", "\u2029", "\x1c", "\x1e"]
ODD = ["\x00", "\ufeff", "\u200b", "\u00ad", "e\u0301", "\u0301", "😀", "👍🏽", "é", "ñ", "ß", "İ", "ﬁ",
       "\t", " ", "  ", "\u00a0", "\u3000", "\x1b[31m", "\x7f", "\ufffd", "\U0010ffff", "x" * 300,
       "smlint-disable", "smlint-enable", "smlint-disable-next-line fixture/risk-free",
       "smlint-disable fixture/nope", "smlint: disable", "https://example.com/risk-free?a=b&c=d",
       "www.example.com", "a@b.example", "€9", "50 %", "100%", "1.000,00 €"]
COMMON = PHRASES + BREAKS + ODD

FRAGMENTS = {
    "markdown": ["[", "]", "(", ")", "`", "``", "```", "~~~", "*", "**", "_", "__", "~~", "#", "## ", ">", "> ",
                 "- ", "* ", "+ ", "1. ", "1) ", "|", "| --- |", "---", "***", "===", "<!--", "-->",
                 "<!-- smlint-disable -->", "<!-- smlint-enable -->", "<div>", "</div>", "<p>", "<br>",
                 "<span style='display:none'>", "&amp;", "&nbsp;", "&#0;", "&#x110000;", "&euro;", "&bogus;",
                 "\\", "\\*", "![", "](", "[x]: https://x.example", "<https://x.example>", "    ", "[^1]",
                 "$$", "{", "}", "---\ntitle: ", "\n---\n", "\n```\n", "\n    code\n", "<script>", "</script>"],
    "html": ["<", ">", "</", "/>", "<p>", "</p>", "<td>", "</td>", "<b>", "</b>", "<br>", "<div", " class=",
             ' alt="', ' title="', "'", '"', "=", "<img", "<a href=", "<!--", "-->", "<!-- smlint-disable -->",
             "<script>", "</script>", "<style>", "</style>", "<template>", "<![CDATA[", "]]>", "<!DOCTYPE html>",
             "<?xml?>", "&amp;", "&nbsp;", "&#0;", "&#x110000;", "&#9999999;", "&euro", "&bogus;", "&",
             '<meta name="description" content="', "<title>", "</title>", "<textarea>", "<pre>"],
    "csv": [",", ";", "\t", '"', '""', '","', "\n", "\r\n", "#", "# smlint-disable", "# smlint-enable",
            "=HYPERLINK(", "Headline 1", "Description", ",,,,", '"\n"', "'"],
    "structured_yaml": [": ", "- ", "  ", "    ", "headline: ", "text: ", "body: ", "title: ", "url: ", "&a ",
                        "*a", "&b ", "*b", "<<: ", "? ", "!!str ", "!!binary ", "!foo ", "|", ">", "|-", ">+",
                        "'", "''", '"', '\\"', "\\u00e1", "\\", "{", "}", "[", "]", ",", "#", "# smlint-disable",
                        "---\n", "...\n", "%YAML 1.2\n", "headline: &h ", "headline: *h", "\t", "\n  "],
    "structured_json": ['{', '}', '[', ']', ',', ':', '"', '"headline": "', '"text": "', '"body": ["', '"url": "',
                        '\\"', "\\\\", "\\n", "\\u00e1", "\\ud83d\\ude00", "\\ud800", "\\u0000", "\\/", "null",
                        "true", "1e999", "-0", "NaN", '"": ', '{"a": {"b": [{"headline": "'],
    "plaintext": ["#", "//", "# smlint-disable", "// smlint-enable", "smlint-disable-next-line fixture/risk-free",
                  "smlint-disable-line", "-", "*"],
}

# The file name each reader is given (the reader is chosen by it, as for a real file).
NAMES = {"markdown": "doc.md", "html": "doc.html", "csv": "ads.csv", "structured_yaml": "doc.yaml",
         "structured_json": "doc.json", "plaintext": "doc.txt"}
PREFIXES = {
    "markdown": ["", "---\ntitle: best price\nslug: act-now\n---\n", "# Heading\n\n", "> ", "- ", "```\n"],
    "html": ["", "<html><head><title>", "<!DOCTYPE html><body><p>", "<table><tr><td>"],
    "csv": ["Headline 1,Final URL,Description\n", "Campaign;Headline;Descripción 1\n", "Headline\tBody\n",
            "Title\n", ""],
    "structured_yaml": ["", "headline: ", "ads:\n  - headline: ", "text: |\n  ", "body: >\n  ", "---\ntitle: "],
    "structured_json": ['{"headline": "', '[{"text": "', '{"ads": [{"body": "', "", '{"title": ["'],
    "plaintext": [""],
}
READERS = tuple(NAMES)

# A third-party failure we cannot prevent, reported per file with its known cause: markdown-it-pyrs
# 0.4 panics on a backtick run left open inside a link label ("a [` b"), code_pair.rs:87. Counted
# apart ("known") so the fuzz run says how often it happens.
KNOWN = ("the Markdown parser failed on this file",)
_INTERNAL = ("could not be read as ", "could not be checked: ")
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class Verdict:
    """What one input did: ``kind`` is ok, file-error, known, internal-error, exception or span."""

    kind: str
    detail: str = ""
    findings: int = 0
    problems: list = field(default_factory=list)


def make_linter():
    from smlint.linter import Linter, LintOptions

    return Linter(LintOptions(packs=(PACK,), lang="auto"))


def check_input(linter, reader: str, text: str) -> Verdict:
    """Run one input through the loop's guard the way ``smlint check -`` does, and judge it."""
    return check_target(linter, Target("-", None, True), text, stdin_text=text, stdin_name=NAMES[reader])


def check_target(linter, target: Target, text, **stdin) -> Verdict:
    """Judge one :meth:`Linter.lint_target` call; ``text`` is what spans are checked against (or a
    function giving it, for a DOCX: its paragraphs as the reader lays them out)."""
    try:
        findings, error = linter.lint_target(target, **stdin)
    except BaseException as exc:  # noqa: BLE001 - the invariant under test: nothing escapes
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Verdict("exception", f"{type(exc).__name__}: {exc}")
    if error is not None:
        kind = ("internal-error" if error.message.startswith(_INTERNAL)
                else "known" if error.message.startswith(KNOWN) else "file-error")
        return Verdict(kind, error.message)
    problems = span_problems(text() if callable(text) else text, findings)
    return Verdict("span" if problems else "ok", problems[0] if problems else "", len(findings), problems)


def span_problems(text: str, findings) -> list[str]:
    """Each finding whose line/column span in ``text`` is not its match (or lies outside the text)."""
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    out = []
    for f in findings:
        try:
            s = starts[f.line - 1] + f.column - 1
            e = starts[f.end_line - 1] + f.end_column - 1
        except IndexError:
            out.append(f"{f.rule} at {f.line}:{f.column}-{f.end_line}:{f.end_column}: no such line")
            continue
        if not (0 <= s <= e <= len(text)) or text[s:e] != f.match:
            out.append(f"{f.rule} at {f.line}:{f.column}-{f.end_line}:{f.end_column}: "
                       f"text {text[s:e]!r} != match {f.match!r}")
    return out


# ---------------------------------------------------------------- generating (from any random.Random:
# plain ``random`` in bench/fuzz.py, hypothesis's ``st.randoms()`` in the suite)

# Code point ranges for random characters: ASCII, Latin-1, punctuation, combining marks, CJK, emoji
# and the top of the range; no surrogates (a UTF-8 file cannot hold them).
RANGES = [(0x00, 0x7F), (0x80, 0xFF), (0x2000, 0x206F), (0x0300, 0x036F), (0x4E00, 0x4E3F),
          (0x1F300, 0x1F64F), (0xFFF0, 0xFFFF), (0x10FFF0, 0x10FFFF)]
KEYS = ["headline", "text", "body", "title", "description", "cta", "url", "campaign", "ads", "id", ""]


def generate(rng, reader: str) -> str:
    """One hostile document for ``reader``: fragments and random characters after a prefix, or for
    JSON and YAML (where that is almost never valid, so nothing is linted) a random tree of
    hostile strings written out in a random style, half the time with random edits."""
    if reader in ("structured_json", "structured_yaml") and rng.random() < 0.6:
        text = _dump(rng, reader, _value(rng, 0))
        return mutate(rng, text) if text and rng.random() < 0.3 else text
    pool = FRAGMENTS[reader] * 3 + COMMON  # the format's own markup three times as often
    pieces = []
    for _ in range(rng.randint(0, 40)):
        roll = rng.random()
        if roll < 0.72:
            pieces.append(rng.choice(pool))
        elif roll < 0.9:
            pieces.append(_chars(rng, rng.randint(1, 4)))
        else:  # deep nesting and long runs: "> > > …", "[[[[", "- - - …"
            pieces.append(rng.choice(pool) * rng.randint(2, rng.choice((20, 200, 2000))))
    text = rng.choice(PREFIXES[reader]) + "".join(pieces)
    return mutate(rng, text) if text and rng.random() < 0.25 else text


def mutate(rng, text: str) -> str:
    """A few random edits: delete, duplicate or swap a slice, insert a character."""
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        if not chars:
            break
        i = rng.randrange(len(chars))
        j = min(len(chars), i + rng.randint(1, 20))
        op = rng.randrange(4)
        if op == 0:
            del chars[i:j]
        elif op == 1:
            chars[i:i] = chars[i:j]
        elif op == 2:
            k = rng.randrange(len(chars))
            chars[i], chars[k] = chars[k], chars[i]
        else:
            chars.insert(i, _chars(rng, 1))
    return "".join(chars)


def _chars(rng, n: int) -> str:
    return "".join(chr(rng.randint(*rng.choice(RANGES))) for _ in range(n))


def _string(rng) -> str:
    pool = PHRASES * 2 + COMMON + ["plan", "team", "price", "free", "now"]
    return " ".join(rng.choice(pool) if rng.random() < 0.85 else _chars(rng, 3) for _ in range(rng.randint(0, 6)))


def _value(rng, depth: int, shared: list | None = None):
    """A random JSON-shaped tree; the same list or dict may appear twice (YAML then writes an alias)."""
    shared = [] if shared is None else shared
    roll = rng.random()
    if depth > 6 or roll < 0.45:
        return rng.choice([_string(rng)] * 6 + [None, True, 3, -0.5, 10 ** 30])
    if shared and roll < 0.5:
        return rng.choice(shared)
    if roll < 0.75:
        out = {rng.choice(KEYS) if rng.random() < 0.9 else _string(rng): _value(rng, depth + 1, shared)
               for _ in range(rng.randint(0, 5))}
    else:
        out = [_value(rng, depth + 1, shared) for _ in range(rng.randint(0, 5))]
    shared.append(out)
    return out


def _dump(rng, reader: str, value) -> str:
    import json

    if reader == "structured_json":
        text = json.dumps(value, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 1, 2, "\t"]))
        return text.replace("\n", rng.choice(["\n", "\r\n", "\r"]))
    import yaml

    try:
        return yaml.safe_dump(value, allow_unicode=rng.random() < 0.7, width=rng.choice([20, 80, 10 ** 6]),
                              default_style=rng.choice([None, None, '"', "'", "|", ">"]),
                              default_flow_style=rng.choice([False, None, True]))
    except yaml.YAMLError:
        return json.dumps(value)  # YAML is a superset of JSON


# ---------------------------------------------------------------- DOCX: mutated bytes of a real file


@lru_cache(maxsize=1)
def base_docx() -> bytes:
    """A small real DOCX (paragraphs and a table) for the byte-level mutations, built once."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Our best price, risk free: act now.")
    document.add_paragraph("Sin riesgo, today only.")
    table = document.add_table(rows=2, cols=2)
    for i, cell in enumerate(table._cells):
        cell.text = ["zero risk", "plan", "best price", "team"][i]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mutate_bytes(rng, data: bytes) -> bytes:
    """``data`` with 1 to 8 random edits: a byte changed, a run deleted or repeated, the tail cut."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(4)
        i = rng.randrange(len(out))
        if op == 0:
            out[i] = rng.randrange(256)
        elif op == 1:
            del out[i:i + rng.randint(1, 64)]
        elif op == 2:
            out[i:i] = out[i:i + rng.randint(1, 64)]
        else:
            out = out[:i] if rng.random() < 0.3 else out
        if not out:
            out = bytearray(b"PK")
    return bytes(out)


def check_docx(linter, data: bytes, folder: str) -> Verdict:
    """``data`` written as ``folder``/fuzz.docx and checked through the loop's guard."""
    import os

    path = os.path.join(folder, "fuzz.docx")
    with open(path, "wb") as fh:
        fh.write(data)
    return check_target(linter, Target(path, "docx", True), lambda: linter.read(path, "", "docx").source)
