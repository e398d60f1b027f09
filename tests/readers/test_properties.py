"""Property tests, one per reader: random documents of prose, markup and entities.

For every document: each finding's span, sliced out of the ORIGINAL text by its line and
column, equals the finding's ``match``; no finding overlaps code, bare URLs or non-copy
fields (*opaque* spans: seen by the reader, not prose, so phrases stop at them); no
finding starts or ends inside a tag, link destination or comment (*hidden* spans: the
reader does not see them, so prose on both sides reads as one and may match across);
and every phrase planted in plain prose is found where it was planted.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlint.api import Linter, LintOptions

PACK = str(Path(__file__).resolve().parent / "fixture_pack.yaml")
LINTER = Linter(LintOptions(packs=(PACK,), lang="en"))
PHRASES = ["risk free", "best price", "act now", "today only", "zero risk", "sin riesgo", "precio más bajo"]
WORDS = ["plan", "team", "clinic", "month", "café", "año", "señal", "über", "data", "price", "free",
         "now", "risk", "only", "día", "naïve", "€9", "50%", "ok"]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class Built:
    """A document under construction: its text, forbidden spans, planted phrase offsets."""

    parts: list[str] = field(default_factory=list)
    size: int = 0
    forbidden: list[tuple[int, int]] = field(default_factory=list)
    hidden: list[tuple[int, int]] = field(default_factory=list)
    planted: list[int] = field(default_factory=list)

    def add(self, text: str, forbidden: bool = False, planted_at: int | None = None, hidden: bool = False) -> None:
        if forbidden:
            self.forbidden.append((self.size, self.size + len(text)))
        if hidden:
            self.hidden.append((self.size, self.size + len(text)))
        if planted_at is not None:
            self.planted.append(self.size + planted_at)
        self.parts.append(text)
        self.size += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def offset(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    return starts[line - 1] + column - 1


def check(built: Built, name: str, planted: bool = True) -> None:
    text = built.text
    findings = LINTER.check_document(LINTER.read(name, text), "en")
    starts = set()
    for f in findings:
        s, e = offset(text, f.line, f.column), offset(text, f.end_line, f.end_column)
        assert text[s:e] == f.match, (f, text)
        assert not any(s < fe and fs < e for fs, fe in built.forbidden), (f, text)
        assert not any(hs <= s < he or hs < e <= he for hs, he in built.hidden), (f, text)
        starts.add(s)
    if planted:
        assert set(built.planted) <= starts, (sorted(set(built.planted) - starts), text, findings)


words = st.sampled_from(WORDS)
phrases = st.sampled_from(PHRASES)
newlines = st.sampled_from(["\n", "\r\n"])


# ---------------------------------------------------------------- Markdown


@st.composite
def md_inline(draw, built: Built) -> None:
    kind = draw(st.sampled_from(["word", "phrase", "strong", "code", "link", "url", "entity", "comment"]))
    p, w = draw(phrases), draw(words)
    if kind == "word":
        built.add(w)
    elif kind == "phrase":
        built.add(p, planted_at=0)
    elif kind == "strong":
        built.add(f"**{p}**", planted_at=2)
    elif kind == "code":
        built.add(f"`{p}`", forbidden=True)
    elif kind == "link":
        built.add(f"[{w} {p}](", planted_at=len(w) + 2)
        built.add(f"https://example.com/{p.replace(' ', '-')}", hidden=True)
        built.add(")")
    elif kind == "url":
        built.add(f"https://example.com/{p.replace(' ', '-')}/x", forbidden=True)
    elif kind == "entity":
        built.add(draw(st.sampled_from(["&amp;", "&euro;", "&#8364;", "&nbsp;", "\\*"])))
    else:
        built.add(f"<!-- {p} -->", hidden=True)


@st.composite
def markdown_docs(draw) -> tuple[Built, str]:
    built, nl = Built(), draw(newlines)
    if draw(st.booleans()):  # front matter: title is prose, other keys are not
        built.add(f"---{nl}title: {draw(words)} ")
        built.add(draw(phrases), planted_at=0)
        built.add(nl + "slug: ")
        built.add(f"{draw(words)} {draw(phrases)}", forbidden=True)
        built.add(f"{nl}---{nl}{nl}")
    for _ in range(draw(st.integers(1, 6))):
        block = draw(st.sampled_from(["para", "heading", "list", "quote", "fence", "comment", "table", "nested"]))
        if block == "table":
            built.add(f"| {draw(words)} | {draw(words)} |{nl}|---|---|{nl}| ")
            built.add(draw(phrases), planted_at=0)
            built.add(" | ")
            built.add(f"`{draw(phrases)}`", forbidden=True)
            built.add(f" |{nl}")
        elif block == "nested":
            built.add(f"- {draw(words)}   {nl}  - ")  # trailing spaces: a hard break
            built.add(draw(phrases), planted_at=0)
            built.add(f"{nl}    {draw(words)}")
        elif block == "fence":
            built.add(f"```{nl}{draw(phrases)}{nl}```", forbidden=True)
        elif block == "comment":
            built.add(f"<!-- {draw(phrases)}{nl}{draw(phrases)} -->", forbidden=True)
        else:
            # a first word, so no block starts with "<!--" (that would be a raw HTML block)
            built.add({"para": "", "heading": "## ", "list": "- ", "quote": "> "}[block] + draw(words))
            for _ in range(draw(st.integers(1, 6))):
                # a space, or a hard break and a word (a line starting "<!--" would be raw HTML)
                built.add(draw(st.sampled_from([" ", " ", f"   {nl}{draw(words)} "])))
                draw(md_inline(built))
            built.add(".")
        built.add(nl + nl)
    return built, nl


@SETTINGS
@given(markdown_docs())
def test_markdown_spans_are_exact(doc) -> None:
    check(doc[0], "doc.md")


# ---------------------------------------------------------------- HTML


@st.composite
def html_docs(draw) -> Built:
    built, nl = Built(), draw(newlines)
    built.add("<html><head><title>")
    built.add(draw(phrases), planted_at=0)
    built.add(f"</title></head>{nl}<body>")
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["p", "b", "script", "comment", "attr", "alt", "entity", "hidden"]))
        p, w = draw(phrases), draw(words)
        if kind == "p":
            built.add(f"<p>{w} ")
            built.add(p, planted_at=0)
            built.add("</p>")
        elif kind == "b":
            built.add("<td><b>")
            built.add(p, planted_at=0)
            built.add("</b></td>")
        elif kind == "script":
            built.add("<script>")
            built.add(f"var x = '{p}';", forbidden=True)
            built.add("</script>")
        elif kind == "comment":
            built.add(f"<!-- {p} -->", hidden=True)
        elif kind == "attr":
            built.add("<a ")
            built.add(f'class="{p}" href="https://x.example/{p}"', hidden=True)
            built.add(f">{w}</a>")
        elif kind == "alt":
            built.add('<img alt="')
            built.add(p, planted_at=0)
            built.add('">')
        elif kind == "entity":
            built.add(f"<p>{w}&nbsp;&euro;&#8364;&amp;&#x20AC; {w}</p>")
        else:
            built.add('<div style="display:none">')
            built.add(p, planted_at=0)
            built.add("</div>")
        built.add(nl)
    built.add("</body></html>")
    return built


@SETTINGS
@given(html_docs())
def test_html_spans_are_exact(doc) -> None:
    check(doc, "doc.html")


# ---------------------------------------------------------------- plain text


@st.composite
def text_docs(draw) -> Built:
    built, nl = Built(), draw(newlines)
    for i in range(draw(st.integers(1, 20))):
        if i:
            built.add(draw(st.sampled_from([" ", nl, "  ", "\t"])))
        if draw(st.booleans()):
            built.add(draw(phrases), planted_at=0)
        else:
            built.add(draw(words))
    return built


@SETTINGS
@given(text_docs())
def test_plaintext_spans_are_exact(doc) -> None:
    check(doc, "doc.txt")


# ---------------------------------------------------------------- CSV


def _csv_cell(draw, built: Built, text_column: bool) -> None:
    p, w = draw(phrases), draw(words)
    quoted = draw(st.booleans())
    if not quoted:
        built.add(f"{w} {p}" if text_column else f"{w}-{p}",
                  forbidden=not text_column, planted_at=len(w) + 1 if text_column else None)
        return
    built.add('"')
    inner = f'{w} ""{w}""\n{p}' if draw(st.booleans()) else f"{p}, {w}"
    at = inner.index(p)
    built.add(inner, forbidden=not text_column, planted_at=at if text_column else None)
    built.add('"')


@st.composite
def csv_docs(draw) -> Built:
    built, nl = Built(), draw(newlines)
    built.add(f"Campaign,Headline 1,Final URL,Description{nl}")
    for _ in range(draw(st.integers(1, 6))):
        for col, is_text in enumerate((False, True, False, True)):
            if col:
                built.add(",")
            _csv_cell(draw, built, is_text)
        built.add(nl)
    return built


@SETTINGS
@given(csv_docs())
def test_csv_spans_are_exact(doc) -> None:
    check(doc, "ads.csv")


# ---------------------------------------------------------------- JSON and YAML

_JSON_ESCAPES = {" ": "\\u0020", "á": "\\u00e1", "\n": "\\n"}


@st.composite
def json_docs(draw) -> Built:
    built, nl = Built(), draw(newlines)
    built.add("{" + nl)
    n = draw(st.integers(1, 6))
    for i in range(n):
        key = draw(st.sampled_from(["headline", "body", "campaign", "url"]))
        p, w = draw(phrases), draw(words)
        escaped = "".join(_JSON_ESCAPES.get(c, c) if draw(st.booleans()) else c for c in f'{w} "{p}"')
        escaped = escaped.replace('"', '\\"')
        built.add(f'  "{key}": "')
        built.add(escaped, forbidden=key in ("campaign", "url"))
        built.add('"' + ("," if i < n - 1 else "") + nl)
    built.add("}")
    return built


@SETTINGS
@given(json_docs())
def test_json_spans_are_exact(doc) -> None:
    check(doc, "doc.json", planted=False)
    json.loads(doc.text)  # the generator makes valid JSON


@st.composite
def yaml_docs(draw) -> Built:
    built, nl = Built(), draw(newlines)
    for _ in range(draw(st.integers(1, 6))):
        key = draw(st.sampled_from(["headline", "body", "campaign", "url"]))
        p, w = draw(phrases), draw(words)
        style = draw(st.sampled_from(["plain", "double", "single", "literal", "folded"]))
        forbidden = key in ("campaign", "url")
        built.add(f"{key}: ")
        if style == "plain":
            built.add(f"{w} {p}", forbidden, None if forbidden else len(w) + 1)
        elif style == "double":
            built.add(f'"{w} \\"{p}\\" \\u00e1"', forbidden)
        elif style == "single":
            built.add(f"'{w} ''{p}'''", forbidden)
        else:
            marker = "|" if style == "literal" else ">"
            built.add(f"{marker}{nl}  {w}{nl}  {p} {w}", forbidden)
        built.add(f"   # {p}{nl}" if style in ("plain", "double", "single") else nl, forbidden=True)
    return built


@SETTINGS
@given(yaml_docs())
def test_yaml_spans_are_exact(doc) -> None:
    check(doc, "doc.yaml")


# ---------------------------------------------------------------- DOCX


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(words, phrases), min_size=1, max_size=8), min_size=1, max_size=6),
       st.booleans())
def test_docx_paragraph_spans_are_exact(tmp_path_factory, paragraphs, in_table) -> None:
    docx = __import__("pytest").importorskip("docx")
    texts = [" ".join(p) for p in paragraphs]
    document = docx.Document()
    if in_table:
        table = document.add_table(rows=1, cols=len(texts))
        for i, text in enumerate(texts):
            table.cell(0, i).text = text
    else:
        for text in texts:
            document.add_paragraph(text)
    path = tmp_path_factory.mktemp("docx") / "p.docx"
    document.save(path)
    findings = LINTER.check_document(LINTER.read(str(path), ""), "en")
    expected = sorted((n, m.start() + 1, m.group()) for n, text in enumerate(texts, start=1)
                      for m in re.finditer("|".join(PHRASES), text))
    assert sorted((f.location.paragraph, f.column, f.match) for f in findings) == expected
    for f in findings:
        assert texts[f.line - 1][f.column - 1:f.end_column - 1] == f.match


# ---------------------------------------------------------------- hostile input (issue 12)
# Half-written markup, every kind of line break, NUL, BOM, emoji, long runs and deep nesting, random
# edits (tests/readers/hostile.py): nothing escapes Linter.lint_target, no exception hides behind
# its guard, every finding's span is the original text. bench/fuzz.py runs the same for 100,000+
# inputs per reader; here a few hundred per reader, within CI's time.

from tests.readers.hostile import (READERS, base_docx, check_docx, check_input, generate,  # noqa: E402
                                   make_linter, mutate_bytes)

HOSTILE_LINTER = make_linter()
HOSTILE = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("reader", READERS)
@HOSTILE
@given(rng=st.randoms(use_true_random=False))
def test_hostile_input_is_checked_or_refused_never_crashes(reader, rng) -> None:
    text = generate(rng, reader)
    verdict = check_input(HOSTILE_LINTER, reader, text)
    assert verdict.kind in ("ok", "file-error", "known"), (verdict, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_mutated_docx_is_checked_or_refused_never_crashes(tmp_path_factory, rng) -> None:
    pytest.importorskip("docx")
    verdict = check_docx(HOSTILE_LINTER, mutate_bytes(rng, base_docx()), str(tmp_path_factory.mktemp("docx")))
    assert verdict.kind in ("ok", "file-error"), verdict
