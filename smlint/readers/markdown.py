"""Markdown (``.md``, ``.markdown``, ``.mdx``): the prose of a CommonMark document, nothing else.

Why a real parser: regex stripping gets fences inside lists, lazy blockquotes and
reference definitions wrong. ``markdown-it-pyrs`` (Rust) parses at ~30 MB/s, ten times
``markdown-it-py`` (DESIGN.md, performance budget), and gives every node a source map.

What is prose: the text of paragraphs, headings, list items, table cells, blockquotes,
emphasis, link text and image alt text. Everything else is blanked in the view: markup
characters (``#``, ``*``, ``|``, ``>``, list markers), code (fenced, indented, inline),
link and image destinations, autolinks and bare URLs, HTML comments and tags, reference
definitions, and front matter except its prose keys (option ``front_matter_prose``).
Each block starts a new segment (``\\x1e``), so phrases never run from a heading into the
paragraph below or from one table cell into the next; inside a paragraph, hard-wrapped
lines still match because the line break stays in the view.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from smlint.text.document import BREAK, EMIT, KEEP, Document, build_view
from smlint.text.normalize import SEGMENT_BREAK

DEFAULT_FRONT_MATTER_PROSE = ("title", "description", "subject", "summary")


# Subtrees that hold no prose at all.
_SKIP = frozenset({"code_inline", "code_block", "fence", "front_matter", "definition", "autolink",
                   "linkify", "hr", "math_inline", "math_block", "html_inline"})
# Block nodes: a segment break goes before each so phrases stay inside one block.
_BLOCKS = frozenset({"paragraph", "heading", "lheading", "list_item", "tcell", "blockquote",
                     "bullet_list", "ordered_list", "table", "trow", "html_block", "fence",
                     "code_block", "definition", "front_matter", "hr"})
# Inline nodes shown to the reader but not prose (code, URLs): no phrase runs across them.
_OPAQUE = frozenset({"code_inline", "autolink", "linkify", "math_inline"})
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


@lru_cache(maxsize=1)
def _parser():
    """One parser per process: building it costs more than parsing a small file."""
    try:
        from markdown_it_pyrs import MarkdownIt
    except ImportError as exc:  # pragma: no cover - a declared dependency
        from smlint.errors import SmlintError

        raise SmlintError(f"the Markdown reader needs markdown-it-pyrs ({exc}); "
                          "reinstall smlint") from None
    # No autolink_ext/linkify: markdown-it-pyrs 0.4 gives the text before an extended
    # autolink a wrong end offset; bare URLs and e-mails are blanked by _mask_bare_urls instead.
    return MarkdownIt("commonmark").enable_many(["table", "strikethrough", "front_matter"])


def read(path: str, source: str, options: dict | None = None) -> Document:
    options = options or {}
    tree, parsed = _parse(source)
    data = source.encode("utf-8")
    found = _Found(data, parsed.encode("utf-8") if parsed is not source else data)
    front = _front_matter(source, tree, options)
    _collect(tree, found)
    _html_block_prose(data, found)
    if not found.emits and all(op != EMIT for op, *_ in front):
        doc = _fast_view(path, source, data, found, front)
    else:
        doc = _exact_view(path, source, data, found, front)
    return _mask_bare_urls(doc)


def _parse(source: str):
    """The parse tree, and the text it was parsed from: ``source`` with each backtick run that can
    open neither a code span nor a fence written as apostrophes (same length, same offsets).

    Why: markdown-it 0.6 (Rust) indexes past a list in code_pair.rs and panics when a backtick run
    is left open inside a link label ("a [` b"), printing a Rust backtrace on the way; every panic
    the fuzz run found was that one (issue 12). An unclosed run is literal text in CommonMark, and
    an apostrophe is punctuation like a backtick, so the parse is the same without the panic. The
    first pass pairs runs across the whole file; if the parser still panics (a closer in another
    block), runs are paired paragraph by paragraph, then line by line (a list item or a heading
    can end a block too; a code span over two lines is then checked as text). If it panics even
    then, the file gets an error a writer can act on."""
    for blocks in (None, _BLANK_LINE, _LINE_BREAK):
        text = _literal_backticks(source, blocks)
        try:
            return _parser().tree(text), text
        except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException derives from BaseException
            if type(exc).__name__ != "PanicException":
                raise
            panic = exc
    from smlint.errors import SmlintError

    raise SmlintError(f"the Markdown parser failed on this file ({panic}); a known cause is a backtick "
                      "left open inside [ ]: close it or escape it as \\`") from None


_BLANK_LINE = re.compile(r"((?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n))")  # kept by split: same offsets
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
_BACKTICKS = re.compile(r"`+")
_FENCE_PREFIX = re.compile(r"[ \t>*+\-0-9.)]*")  # what may stand before a fence on its line


def _literal_backticks(source: str, blocks: re.Pattern | None = None) -> str:
    """``source`` with each backtick run that opens no code span, and cannot open a code fence, as
    apostrophes.

    As CommonMark pairs them: a run opens a code span if a later run of the same length closes it
    (the runs between are the span's content); otherwise it is literal. A run of three or more with
    nothing but indentation and container markers (``>``, ``-``, ``1.``) before it on its line may
    open a fence, so it is kept. Blocks are not looked at, so a closer in a later paragraph counts
    as one: such a run is kept, never wrongly rewritten. With ``blocks`` (the retries after a
    panic) runs are paired within each part ``blocks`` splits the text into, and a span does not
    cross a run that may be a fence."""
    if "`" not in source:
        return source
    if blocks is not None:
        return "".join(_literal_backticks_in(block, fences_close=False) for block in blocks.split(source))
    return _literal_backticks_in(source, fences_close=True)


def _literal_backticks_in(source: str, fences_close: bool) -> str:
    runs = []
    for m in _BACKTICKS.finditer(source):
        start, end = m.span()
        line_start = max(source.rfind("\n", 0, start), source.rfind("\r", 0, start)) + 1
        fence = end - start >= 3 and _FENCE_PREFIX.fullmatch(source, line_start, start) is not None
        runs.append((start, end, fence))
    by_kind: dict[tuple, list[int]] = {}
    for i, (start, end, fence) in enumerate(runs):
        by_kind.setdefault((end - start, fence and not fences_close), []).append(i)
    fences = [] if fences_close else [i for i, run in enumerate(runs) if run[2]]
    literal = []
    i = 0
    while i < len(runs):
        start, end, fence = runs[i]
        same = by_kind[(end - start, fence and not fences_close)]
        k = bisect_left(same, i + 1)
        f = bisect_left(fences, i + 1)
        if k < len(same) and (fence or f == len(fences) or same[k] < fences[f]):
            i = same[k] + 1  # a code span: its closer, and the runs inside it, are done
            continue
        if not fence:
            literal.append((start, end))
        i += 1
    if not literal:
        return source
    chars = list(source)
    for start, end in literal:
        chars[start:end] = "'" * (end - start)
    return "".join(chars)


class _Found:
    """What the tree walk found, in the parser's UTF-8 byte offsets."""

    __slots__ = ("data", "parsed", "keeps", "breaks", "emits", "html")

    def __init__(self, data: bytes, parsed: bytes) -> None:
        self.data = data
        self.parsed = parsed  # what the parser read: ``data`` unless unclosed backticks were rewritten
        self.keeps: list[tuple[int, int]] = []
        self.breaks: list[int] = []
        self.emits: list[tuple[int, int, str]] = []
        self.html: list[tuple[int, int]] = []


def _collect(tree, found: _Found) -> None:
    """Walk the tree in source order, noting kept text, decoded escapes and block starts.

    Iterative, and it takes the tree apart as it goes (each node's children are detached once
    read): lists nested 600 deep or 1,000 ``>`` markers overflowed a recursive walk, and freeing
    a tree 40,000 levels deep recursed in the parser's own node destructor until the process
    crashed (issue 12). The tree is used up afterwards.
    """
    keeps, breaks, data = found.keeps, found.breaks, found.data
    stack = [(child, True) for child in reversed(tree.children)]
    tree.children = []
    while stack:
        node, wanted = stack.pop()
        children = node.children
        if children:
            node.children = []
        name = node.name
        span = node.srcmap if wanted else None
        if not span:
            stack.extend((child, False) for child in children)  # nothing to collect: only take it apart
            continue
        if name == "text":
            if data.find(b"\n", span[0], span[1]) >= 0:
                span = _text_span(node, found.parsed, span)
            keeps.append(span)
            continue
        if name in _BLOCKS or name in _OPAQUE:
            breaks.append(span[0])
        if name == "text_special":
            found.emits.append((span[0], span[1], node.meta.get("content", "")))
        elif name == "html_block" or name == "html_inline":
            found.html.append(span)
        stack.extend((child, name not in _SKIP) for child in reversed(children))


def _text_span(node, data: bytes, span: tuple[int, int]) -> tuple[int, int]:
    """The true span of a text node whose source map runs past a line break.

    A text node never holds a line break (soft and hard breaks are nodes of their own), but
    markdown-it-pyrs 0.4 gives text before trailing spaces (a hard break, a paragraph's
    end) an end offset far past it. The node's content says where it really ends.
    """
    content = node.meta.get("content", "").encode("utf-8")
    start = span[0]
    if data.startswith(content, start):
        return start, start + len(content)
    return start, data.find(b"\n", start, span[1])


# UTF-8 bytes -> blank template: line breaks kept, continuation bytes marked 0xFF (dropped
# later, so a blanked multi-byte character becomes exactly one space), the rest spaces.
_BLANK_TABLE = bytes(b if b in (10, 13) else 0xFF if 0x80 <= b < 0xC0 else 32 for b in range(256))
_BLANKS = frozenset((10, 13, 32))


def _fast_view(path: str, source: str, data: bytes, found: _Found, front: list) -> Document:
    """The view built in byte space with slice copies: no offset map needed (same length)."""
    view = bytearray(data.translate(_BLANK_TABLE))
    for start, end in found.keeps:
        view[start:end] = data[start:end]
    for op, start, end, _ in front:
        if op == KEEP:
            start, end = _char_to_byte(source, start), _char_to_byte(source, end)
            view[start:end] = data[start:end]
        else:
            found.breaks.append(_char_to_byte(source, start))
    for start in found.breaks:
        if start < len(view) and view[start] == 32:
            view[start] = 0x1E  # the node's own first character is markup (a backtick)
        elif start > 0 and view[start - 1] in _BLANKS:
            view[start - 1] = 0x1E
    if len(data) != len(source):
        view = view.replace(b"\xff", b"")
    comments = _comment_spans(source, found.html, byte_to_char(source, data) if found.html else None)
    return Document(path=path, source=source, view=view.decode("utf-8"), kind="markdown", comments=comments)


def _exact_view(path: str, source: str, data: bytes, found: _Found, front: list) -> Document:
    """The view through ViewBuilder, for documents with entities or escapes to decode."""
    to_char = byte_to_char(source, data) or (lambda offset: offset)
    pieces = [(KEEP, to_char(s), to_char(e), None) for s, e in found.keeps]
    pieces += [(EMIT, to_char(s), to_char(e), text) for s, e, text in found.emits]
    pieces += [(BREAK, to_char(s), to_char(s), None) for s in found.breaks]
    pieces += front
    pieces.sort(key=lambda p: (p[1], p[0] != BREAK))
    comments = _comment_spans(source, found.html, to_char)
    return build_view(path, source, pieces, kind="markdown", comments=comments)


def _html_block_prose(data: bytes, found: _Found) -> None:
    """Add the text inside HTML blocks (``<p>…</p>``, text after a comment) as the HTML reader sees it.

    CommonMark passes an HTML block through as raw HTML, so its text nodes are shown to
    the reader. Pieces are added in byte offsets, like everything the tree walk found.
    """
    from smlint.readers.html import html_pieces

    for start, end in found.html:
        if not data.startswith(b"<", start) or data.startswith((b"<?", b"<!D", b"<!d", b"<!["), start):
            continue
        block = data[start:end].decode("utf-8")
        to_byte = (lambda k: k) if block.isascii() else (lambda k: len(block[:k].encode("utf-8")))
        for op, s, e, text in html_pieces(block, 0, len(block)):
            if op == KEEP:
                found.keeps.append((start + to_byte(s), start + to_byte(e)))
            elif op == EMIT:
                found.emits.append((start + to_byte(s), start + to_byte(e), text))
            else:
                found.breaks.append(start + to_byte(s))


def _char_to_byte(source: str, offset: int) -> int:
    return len(source[:offset].encode("utf-8")) if not source.isascii() else offset


def byte_to_char(source: str, data: bytes | None = None):
    """A function mapping UTF-8 byte offsets (the parser's) to str offsets, or None for ASCII text.

    A character boundary at byte ``b`` is at code point ``b`` minus the continuation
    bytes before it; those come in short runs (one per accented letter), so a bisect
    over the runs is enough: no per-byte table.
    """
    data = source.encode("utf-8") if data is None else data
    if len(data) == len(source):
        return None
    starts: list[int] = []
    before: list[int] = [0]  # continuation bytes in runs before starts[k]
    for m in _CONTINUATION.finditer(data):
        starts.append(m.start())
        before.append(before[-1] + m.end() - m.start())

    def to_char(offset: int) -> int:
        return offset - before[bisect_left(starts, offset)]

    return to_char


_CONTINUATION = re.compile(rb"[\x80-\xbf]+")


def _comment_spans(source: str, html_spans: list[tuple[int, int]], to_char) -> list[tuple[int, int]]:
    """The ``<!-- … -->`` comments inside HTML blocks and inline HTML (they may hold directives)."""
    out = []
    for start, end in html_spans:
        if to_char is not None:
            start, end = to_char(start), to_char(end)
        if "<!--" in source[start:end]:
            out.extend(m.span() for m in _COMMENT.finditer(source, start, end))
    return out


def _mask_bare_urls(doc: Document) -> Document:
    """Blank URL- and e-mail-shaped words the parser left as text (bare ``https://…``, ``www.…``, ``a@b.c``,
    and a site path given to a template tag's attribute: ``{% include cta.html link="/most-popular" %}``).

    Found from their marker (``://``, ``www.``, ``@``, ``="/``) with ``str.find`` and widened with
    anchored regexes: a scan of the whole view with one URL regex cost as much as parsing.
    """
    view = doc.view
    spans = [span for marker in ("://", "www.", "@", *_PATH_VALUE) for span in _marked_spans(view, marker)]
    if not spans:
        return doc
    parts, pos = [], 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        parts += [view[pos:start], SEGMENT_BREAK + " " * (end - start - 1)]  # a URL is seen: phrases stop at it
        pos = end
    parts.append(view[pos:])
    doc.view = "".join(parts)
    return doc


_PATH_VALUE = ('="/', "='/")  # an attribute whose value is a site path, in a tag the parser leaves as text
_URL_TAIL = re.compile(r"[^\s<>\x1e\x7f]+")
_SCHEME_BACK = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]{0,30}\Z")
_EMAIL_LOCAL_BACK = re.compile(r"[\w.+-]{1,64}\Z")
_EMAIL_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")


def _marked_spans(view: str, marker: str):
    at = view.find(marker)
    while at >= 0:
        span = _widen(view, at, marker)
        if span:
            yield span
        at = view.find(marker, at + len(marker))


def _widen(view: str, at: int, marker: str) -> tuple[int, int] | None:
    """The whole URL or e-mail around a marker at ``at``, or None if it is not one."""
    if marker == "@":
        local = _EMAIL_LOCAL_BACK.search(view, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(view, at + 1)
        return (local.start(), domain.end()) if local and domain else None
    start = at
    if marker in _PATH_VALUE:  # a template tag's path attribute: {% include cta.html link="/pricing" %}
        start = at = at + 2
    elif marker == "://":
        scheme = _SCHEME_BACK.search(view, max(0, at - 31), at)
        if scheme is None:
            return None
        start = scheme.start()
    elif at > 0 and (view[at - 1].isalnum() or view[at - 1] in "./"):
        return None
    tail = _URL_TAIL.match(view, at)
    return start, _trim_url_end(view, tail.end())


def _trim_url_end(view: str, end: int) -> int:
    """A sentence's full stop or closing bracket after a URL is not part of it."""
    while end > 0 and view[end - 1] in ".,;:!?)]}'\"":
        end -= 1
    return end


def _front_matter(source: str, tree, options: dict) -> list[tuple]:
    """KEEP/EMIT/BREAK pieces (str offsets) for the prose keys of the YAML front matter."""
    keys = options.get("front_matter_prose", DEFAULT_FRONT_MATTER_PROSE)
    keys = [keys] if isinstance(keys, str) else keys
    children = tree.children
    if not keys or not children or children[0].name != "front_matter" or not children[0].srcmap:
        return []
    # front matter starts the file: its byte span is a char span when its text is ASCII
    end = children[0].srcmap[1]
    if not source.isascii():
        end = len(source.encode("utf-8")[:end].decode("utf-8", "replace"))
    body_start = source.find("\n", 0, end) + 1
    body_end = source.rfind("\n", body_start, end)
    if body_start == 0 or body_end < body_start:
        return []
    from smlint.readers.structured import yaml_strings

    try:
        found = yaml_strings(source[body_start:body_end], set(keys))
    except ValueError:
        return []  # broken front matter: none of it is prose
    return [(op, s + body_start, e + body_start, text) for op, s, e, text in found]
