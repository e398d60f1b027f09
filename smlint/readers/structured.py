"""YAML and JSON campaign files: lint the string values found at configured keys.

Default keys: ``text``, ``body``, ``headline``, ``subject``, ``description``, ``title``,
``copy``, ``cta``, ``script`` (option ``keys``). A key name matches that key anywhere;
a spec with a dot or ``*`` is a glob over the dotted key path, list indexes included
(``ads.*.headline`` or ``ads[*].headline``).
A string at a matching key is linted, and so is every string in a list at that key.

Positions are exact: each character of a scalar's *value* is mapped back to the
characters that wrote it (quotes, ``''``, ``\\u20ac`` escapes, folded lines and block
scalar indentation all handled), so a finding points into the file, never at a guess.
``# …`` comments in YAML may hold smlint directives.
"""
from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass

import yaml

from smlint.errors import SmlintError
from smlint.text.document import BREAK, EMIT, KEEP, Document, Region, build_view

DEFAULT_KEYS = ("text", "body", "headline", "subject", "description", "title", "copy", "cta", "script")

# libyaml is ~10x faster, and its marks count code points like the pure-Python loader's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class StringValue:
    """One linted string: its key path, its source span, and KEEP/EMIT pieces covering its value."""

    path: str
    start: int
    end: int
    pieces: tuple


class KeyMatcher:
    """Does a key path name a string to lint?"""

    def __init__(self, keys) -> None:
        keys = [keys] if isinstance(keys, str) else list(keys)
        self.names = {k for k in keys if "." not in k and "*" not in k}
        self.globs = [_INDEX.sub(r".\1", k).replace("[*]", ".*") for k in keys if k not in self.names]

    def __call__(self, key: str, path: str) -> bool:
        """``key`` is the nearest key name; ``path`` is shown as ``ads[2].headline``."""
        if key in self.names:
            return True
        if not self.globs:
            return False
        dotted = _INDEX.sub(r".\1", path)
        return any(fnmatch.fnmatchcase(dotted, g) for g in self.globs)


_INDEX = re.compile(r"\[(\d+)\]")


# ---------------------------------------------------------------- reading a file


def read(path: str, source: str, options: dict | None = None) -> Document:
    """YAML or JSON, chosen by the file name (``.json`` is JSON; anything else YAML)."""
    options = options or {}
    keys = KeyMatcher(options.get("keys", DEFAULT_KEYS))
    if path.lower().endswith(".json"):
        values, comments, kind = json_strings(source, keys, path), [], "json"
    else:
        values, comments, kind = yaml_values(source, keys, path), yaml_comments(source), "yaml"
    return _document(path, source, values, comments, kind)


def _document(path: str, source: str, values: list[StringValue], comments, kind: str) -> Document:
    pieces: list[tuple] = []
    regions_src: list[tuple[int, int, str]] = []
    for value in sorted(values, key=lambda v: v.start):
        pieces.append((BREAK, value.start, value.start, None))
        pieces.extend(value.pieces)
        regions_src.append((value.start, value.end, value.path))
    doc = build_view(path, source, pieces, kind=kind, comments=comments)
    doc.regions = _view_regions(doc, regions_src)
    return doc


def _view_regions(doc: Document, spans: list[tuple[int, int, str]]) -> list[Region]:
    """Regions are in view offsets: translate the source spans of the values."""
    if doc.to_source is None:
        return [Region(s, e, field=p) for s, e, p in spans]
    from bisect import bisect_left

    ts = doc.to_source
    return [Region(bisect_left(ts, s), bisect_left(ts, e), field=p) for s, e, p in spans]


# ---------------------------------------------------------------- YAML


def yaml_values(source: str, keys: KeyMatcher, path: str = "<yaml>") -> list[StringValue]:
    """Every string at a matching key in every document of a YAML stream.

    Each node is visited once, however many aliases name it: a 400-byte "billion laughs" file
    is checked in linear time (its strings once each, at the anchor that wrote them), never
    expanded into gigabytes (issue 12). The walks are iterative: no nesting depth crashes them.
    """
    try:
        roots = list(yaml.compose_all(source, Loader=_LOADER))
    except yaml.YAMLError as exc:
        raise SmlintError(_yaml_error(exc)) from None
    out: list[StringValue] = []
    seen: set[int] = set()
    linted: set[int] = set()
    for root in roots:
        if root is not None:
            _walk_yaml(source, root, keys, out, seen, linted)
    return out


def yaml_strings(text: str, keys: set[str]) -> list[tuple]:
    """KEEP/EMIT pieces for the strings at ``keys`` (front matter); ValueError if it is not YAML."""
    try:
        values = yaml_values(text, KeyMatcher(keys))
    except SmlintError as exc:
        raise ValueError(str(exc)) from None
    out: list[tuple] = []
    for value in sorted(values, key=lambda v: v.start):
        out.append((BREAK, value.start, value.start, None))
        out.extend(value.pieces)
    return out


def _yaml_error(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
    hint = " (YAML does not allow tabs for indentation)" if "\t" in problem or "tab" in str(exc) else ""
    return f"not valid YAML: {where}{problem}{hint}"


def _walk_yaml(source: str, root, keys: KeyMatcher, out: list, seen: set, linted: set) -> None:
    """Lint the value of every matching key under ``root``; each node is walked once."""
    stack = [(root, "")]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue  # an alias: the anchored node was already visited
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value in reversed(node.value):
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                sub = f"{path}.{key}" if path else key
                if keys(key, sub):
                    _lint_value(source, value, sub, out, linted)
                stack.append((value, sub))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(node.value))))


def _lint_value(source: str, node, path: str, out: list, linted: set) -> None:
    """A string, or each string of a (nested) list of strings, at a matching key; each once."""
    stack = [(node, path)]
    while stack:
        node, path = stack.pop()
        if id(node) in linted:
            continue  # an alias of a value already linted (``text: *bomb``)
        linted.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(node.value))))
            continue
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            continue
        pieces = align_scalar(source, node.start_mark.index, node.end_mark.index, node.value, node.style)
        if pieces:
            out.append(StringValue(path, node.start_mark.index, node.end_mark.index, tuple(pieces)))


def align_scalar(source: str, start: int, end: int, value: str, style: str | None) -> list[tuple] | None:
    """Map each character of a scalar's value to the source characters that wrote it.

    Returns KEEP/EMIT pieces, or None when the value cannot be aligned exactly (then the
    scalar is not linted rather than reported at a wrong place).
    """
    i = start
    if style in ("|", ">"):
        i = _line_end(source, start, end)  # skip the header line (| >- |2 # comment)
    elif style in ("'", '"'):
        i += 1
    if source.startswith(value, i) and i + len(value) <= end:
        return [(KEEP, i, i + len(value), None)] if value else []  # written as it reads: the usual case
    aligner = _Aligner(source, i, end, value, style)
    return aligner.run()


def _line_end(source: str, start: int, end: int) -> int:
    nl = source.find("\n", start, end)
    return end if nl < 0 else nl


_WORD_RUN = re.compile(r"\S+")
_ESCAPE_LEN = {"x": 4, "u": 6, "U": 10}


class _Aligner:
    """Walks a scalar's value and its source together (see :func:`align_scalar`)."""

    def __init__(self, source: str, i: int, end: int, value: str, style) -> None:
        self.src, self.i, self.end, self.value, self.style = source, i, end, value, style
        self.pieces: list[tuple] = []

    def run(self) -> list[tuple] | None:
        """Consume the value character by character against the source; None if they part ways."""
        src, value, j = self.src, self.value, 0
        while j < len(value):
            if self.i >= self.end:
                return None
            c, s = value[j], src[self.i]
            if s == "\\" and self.style == '"':
                j += self._escape(j)
            elif s == "'" and self.style == "'" and src.startswith("''", self.i):
                self._emit(self.i + 2, "'")
                j += 1
            elif c.isspace() and s.isspace():
                j = self._whitespace(j)
            elif c == s:
                j += self._keep_word(j)
            else:
                self.i += 1  # source-only text: indentation, block header, quote
        return self.pieces

    def _keep_word(self, j: int) -> int:
        """Keep the value up to its next whitespace in one piece when the source has it verbatim."""
        m = _WORD_RUN.match(self.value, j)
        word = m.group() if m else ""
        if len(word) > 1 and "\\" not in word and "'" not in word and self.src.startswith(word, self.i) \
                and self.i + len(word) <= self.end:
            self._keep_span(self.i + len(word))
            return len(word)
        self._keep()
        return 1

    def _keep(self) -> None:
        if self.pieces and self.pieces[-1][0] == KEEP and self.pieces[-1][2] == self.i:
            self.pieces[-1] = (KEEP, self.pieces[-1][1], self.i + 1, None)
        else:
            self.pieces.append((KEEP, self.i, self.i + 1, None))
        self.i += 1

    def _emit(self, end: int, text: str) -> None:
        self.pieces.append((EMIT, self.i, end, text))
        self.i = end

    def _whitespace(self, j: int) -> int:
        """A run of value whitespace against a run of source whitespace (folding, indentation)."""
        j2 = j
        while j2 < len(self.value) and self.value[j2].isspace():
            j2 += 1
        i2 = self.i
        while i2 < self.end and self.src[i2].isspace() and self.src[i2] != "\\":
            i2 += 1
        run, written = self.value[j:j2], self.src[self.i:i2]
        if run == written:
            self._keep_span(i2)
        else:
            self._emit(i2, run)
        return j2

    def _keep_span(self, end: int) -> None:
        if self.pieces and self.pieces[-1][0] == KEEP and self.pieces[-1][2] == self.i:
            self.pieces[-1] = (KEEP, self.pieces[-1][1], end, None)
        else:
            self.pieces.append((KEEP, self.i, end, None))
        self.i = end

    def _escape(self, j: int) -> int:
        """A backslash escape in a double-quoted scalar: one value character, or none for ``\\``+newline."""
        src, i = self.src, self.i
        nxt = src[i + 1] if i + 1 < self.end else ""
        if nxt in "\r\n":
            k = i + 1
            while k < self.end and src[k] in " \t\r\n":
                k += 1
            self.pieces.append((EMIT, i, k, ""))
            self.i = k
            return 0
        self._emit(i + _ESCAPE_LEN.get(nxt, 2), self.value[j])
        return 1


def yaml_comments(source: str) -> list[tuple[int, int]]:
    """Spans of ``# …`` comments (outside scalars): where YAML directives live."""
    if "#" not in source:
        return []
    scalars = _scalar_spans(source)
    out = []
    from bisect import bisect_right

    starts = [s for s, _ in scalars]
    for m in re.finditer(r"(?:^|(?<=[ \t]))#[^\r\n]*", source, re.M):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and scalars[k][0] <= m.start() < scalars[k][1]:
            continue
        out.append(m.span())
    return out


def _scalar_spans(source: str) -> list[tuple[int, int]]:
    try:
        return sorted((t.start_mark.index, t.end_mark.index) for t in yaml.scan(source, Loader=_LOADER)
                      if isinstance(t, yaml.ScalarToken))
    except yaml.YAMLError:
        return []


# ---------------------------------------------------------------- JSON

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def json_strings(source: str, keys: KeyMatcher, path: str = "<json>") -> list[StringValue]:
    """Every string at a matching key; the file must be valid JSON (else a per-file error)."""
    try:
        json.loads(source)
    except json.JSONDecodeError as exc:
        raise SmlintError(f"not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise SmlintError("JSON nested too deeply to check (Python's JSON parser stops near 1,000 levels)") from None
    walker = _JsonWalker(source, keys)
    walker.run()
    return walker.out


class _JsonWalker:
    """One pass over the tokens of (already validated) JSON, tracking key paths with a stack of
    open containers rather than recursion, so nesting json.loads accepts never crashes it."""

    def __init__(self, source: str, keys: KeyMatcher) -> None:
        self.source, self.keys = source, keys
        self.tokens = [m.span() for m in _JSON_TOKEN.finditer(source)]
        self.out: list[StringValue] = []

    def run(self) -> None:
        src, tokens = self.source, self.tokens
        open_: list[list] = []  # [is_object, path, key, items so far] per open container
        i = 0
        while i < len(tokens):
            start, end = tokens[i]
            tok = src[start:end]
            if tok == ",":
                i += 1
                continue
            if tok in ("}", "]"):
                open_.pop()
                i += 1
                continue
            path, key = "", ""  # of the value at tokens[i]; ``key``: the nearest key name (lists inherit it)
            if open_:
                is_object, parent, parent_key, count = open_[-1]
                if is_object:  # a key, a colon, then its value
                    key = json.loads(tok)
                    path = f"{parent}.{key}" if parent else key
                    i += 2
                    start, end = tokens[i]
                    tok = src[start:end]
                else:
                    path, key = f"{parent}[{count}]", parent_key
                    open_[-1][3] += 1
            if tok in ("{", "["):
                open_.append([tok == "{", path, key, 0])
            elif tok[0] == '"' and key and self.keys(key, path):
                self.out.append(StringValue(path, start, end, tuple(json_string_pieces(src, start, end))))
            i += 1


def json_string_pieces(source: str, start: int, end: int) -> list[tuple]:
    """KEEP/EMIT pieces for the JSON string literal source[start:end] (quotes included)."""
    pieces: list[tuple] = []
    i, stop = start + 1, end - 1
    run = i
    while i < stop:
        if source[i] != "\\":
            i += 1
            continue
        if i > run:
            pieces.append((KEEP, run, i, None))
        k, text = _json_escape(source, i)
        pieces.append((EMIT, i, k, text))
        i = run = k
    if stop > run:
        pieces.append((KEEP, run, stop, None))
    return pieces


def _json_escape(source: str, i: int) -> tuple[int, str]:
    c = source[i + 1]
    if c != "u":
        return i + 2, _JSON_ESCAPES.get(c, c)
    code = int(source[i + 2:i + 6], 16)
    if 0xD800 <= code < 0xDC00 and source.startswith("\\u", i + 6):
        low = int(source[i + 8:i + 12], 16)
        if 0xDC00 <= low < 0xE000:
            return i + 12, chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
    return i + 6, chr(code)
