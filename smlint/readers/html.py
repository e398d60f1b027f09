"""HTML (``.html``, ``.htm``): e-mail templates and landing pages.

Linted: text nodes (the ``<title>`` included, and text hidden with ``display:none``:
an e-mail preheader still reaches the inbox preview), and the ``alt``, ``title`` and
``aria-label`` attributes (plus ``content`` of ``<meta name="description">`` and
``og:``/``twitter:`` title and description). Skipped: tags and attribute markup,
``<script>``, ``<style>``, comments (which may hold smlint directives), doctype, CDATA.
Entities (``&nbsp;``, ``&euro;``, ``&#8364;``) are decoded in the view and mapped back
to the whole entity in the source. Block elements (``p``, ``td``, ``li``, ``h1`` …) and
attribute values start a new segment, so a phrase never runs from one cell into the next.

A small tokenizer of our own rather than ``html.parser``: it gives exact offsets for
every attribute value and entity, and on broken markup (an unclosed tag, comment or
``<script>``) it degrades by rule instead of raising.
"""
from __future__ import annotations

import re
from html import unescape

from smlint.text.document import BREAK, EMIT, KEEP, Document, build_view

PROSE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
META_PROSE = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})
RAW_TEXT = frozenset({"script", "style", "template", "xmp", "iframe", "noembed", "noframes"})
BLOCKS = frozenset("""address article aside blockquote body br button caption center dd details dialog div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol option p pre
section summary table tbody td tfoot th thead title tr ul""".split())

_TAG_NAME = re.compile(r"[a-zA-Z][^\s/>]*")
_ATTR_NAME = re.compile(r"[^\s\"'>/=]+")
_UNQUOTED = re.compile(r"[^\s>]+")
_SPACE = re.compile(r"\s*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


def read(path: str, source: str, options: dict | None = None) -> Document:
    tokenizer = _Tokenizer(source)
    tokenizer.run()
    return build_view(path, source, tokenizer.pieces, kind="html", comments=tokenizer.comments)


def html_pieces(source: str, start: int, end: int) -> list[tuple]:
    """View pieces for the HTML in source[start:end] (an HTML block inside Markdown)."""
    tokenizer = _Tokenizer(source[:end])
    tokenizer.run(start)
    return [(BREAK, start, start, None)] + tokenizer.pieces


class _Tokenizer:
    """Turns HTML into view pieces: KEEP/EMIT for prose, BREAK at blocks; the rest is blanked."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pieces: list[tuple] = []
        self.comments: list[tuple[int, int]] = []

    def run(self, i: int = 0) -> None:
        """Alternate text and markup from offset ``i`` to the end."""
        src, n = self.src, len(self.src)
        while i < n:
            lt = src.find("<", i)
            if lt < 0:
                self.text(i, n)
                return
            self.text(i, lt)
            i = self.markup(lt)

    def text(self, start: int, end: int) -> None:
        """Prose between tags (or in an attribute value), entities decoded."""
        text_pieces(self.src, start, end, self.pieces)

    def markup(self, lt: int) -> int:
        """Handle what starts at ``<``; return where text resumes."""
        src = self.src
        if src.startswith("<!--", lt):
            end = src.find("-->", lt + 4)
            end = len(src) if end < 0 else end + 3
            self.comments.append((lt, end))
            return end
        if src.startswith("<!", lt) or src.startswith("<?", lt):
            end = src.find(">", lt)
            return len(src) if end < 0 else end + 1
        closing = src.startswith("</", lt)
        name = _TAG_NAME.match(src, lt + (2 if closing else 1))
        if name is None:
            self.text(lt, lt + 1)  # a lone "<" is text
            return lt + 1
        tag = name.group().lower()
        if tag in BLOCKS or tag in RAW_TEXT:
            self.pieces.append((BREAK, lt, lt, None))
        end, attrs = self.attributes(name.end())
        if not closing:
            self.prose_attributes(tag, attrs)
            if tag in RAW_TEXT:
                return self.skip_raw(tag, end)
        return end

    def attributes(self, i: int) -> tuple[int, dict]:
        """Parse attributes up to the tag's ``>``: name -> (value start, value end)."""
        src, n = self.src, len(self.src)
        attrs: dict[str, tuple[int, int]] = {}
        while i < n:
            i = _SPACE.match(src, i).end()
            if i >= n or src[i] == ">":
                return min(i + 1, n), attrs
            if src[i] == "/" or src[i] in "\"'=":
                i += 1
                continue
            name = _ATTR_NAME.match(src, i)
            i = _SPACE.match(src, name.end()).end()
            if i < n and src[i] == "=":
                i = _SPACE.match(src, i + 1).end()
                i, span = self.value(i)
                attrs.setdefault(name.group().lower(), span)
        return n, attrs

    def value(self, i: int) -> tuple[int, tuple[int, int]]:
        """An attribute value (quoted or not): where parsing resumes, and the value's span."""
        src = self.src
        if i < len(src) and src[i] in "\"'":
            close = src.find(src[i], i + 1)
            close = len(src) if close < 0 else close
            return close + 1, (i + 1, close)
        m = _UNQUOTED.match(src, i)
        return (m.end(), m.span()) if m else (i, (i, i))

    def prose_attributes(self, tag: str, attrs: dict) -> None:
        """Lint alt/title/aria-label/placeholder, and meta descriptions: each its own segment."""
        spans = [span for name, span in attrs.items() if name in PROSE_ATTRIBUTES]
        if tag == "meta" and "content" in attrs:
            kind = attrs.get("name") or attrs.get("property")
            if kind and self.src[kind[0]:kind[1]].strip().lower() in META_PROSE:
                spans.append(attrs["content"])
        for start, end in sorted(spans):
            self.pieces.append((BREAK, start, start, None))
            self.text(start, end)
            self.pieces.append((BREAK, end, end, None))

    def skip_raw(self, tag: str, i: int) -> int:
        """Skip the content of <script>, <style> … up to its end tag (or the end of the file)."""
        m = re.compile(rf"</{tag}\b", re.I).search(self.src, i)
        return len(self.src) if m is None else m.start()


def text_pieces(src: str, start: int, end: int, out: list) -> None:
    """KEEP/EMIT pieces for source[start:end] with its character references decoded."""
    if "&" not in src[start:end]:
        if end > start:
            out.append((KEEP, start, end, None))
        return
    pos = start
    for m in _ENTITY.finditer(src, start, end):
        decoded = unescape(m.group())
        if decoded == m.group():
            continue  # not an entity after all ("&copy2" stays as written)
        if m.start() > pos:
            out.append((KEEP, pos, m.start(), None))
        out.append((EMIT, m.start(), m.end(), decoded))
        pos = m.end()
    if end > pos:
        out.append((KEEP, pos, end, None))
