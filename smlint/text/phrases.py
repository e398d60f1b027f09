"""The phrase language: what a rule or a concept writes in ``phrases:``, compiled to RE2.

A phrase is words separated by spaces, matched whole-word, case- and accent-insensitive, any
run of whitespace (line breaks included) between words. On top of plain words:

========================  ==============================================================
``garantizad*``           any word starting so (garantizado, garantizadas …)
``~garantizar``           the lemma's inflected forms, from the lexicon (:mod:`.lemmas`)
``{money}``               a concept of the pack's language (:mod:`.concepts`)
``(cancel|stop) it``      alternatives (each may be several words)
``the? best``             an optional word or group
``~guarantee … results``  up to 3 words in between (``…5``: up to 5; ``...`` works too)
``any ?time``             an optional space (anytime, any time)
========================  ==============================================================

``\\`` escapes any of ``~ { } ( ) | ? * …``. A phrase with none of them is a *plain* phrase and
goes to the shared literal index (:class:`~smlint.text.matcher.TermIndex`); any other phrase
is compiled to one RE2 pattern over the folded text, so a run stays one linear-time scan.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import re2

from smlint.text.normalize import fold

SPECIAL = set("~{}()|?*…\\")
_GAP_WORD = r"[^\s!?;:\x1e]*[^\s.!?;:\x1e]\s+"  # a word in a gap never ends a sentence or crosses a segment break
DEFAULT_GAP = 3
MAX_GAP = 8
_TOKEN = re.compile(r"\\.|\.\.\.\d*|…\d*|[(){}|?~]|\s+|[^\s(){}|?~\\…]+")
_GAP = re.compile(r"(?:\.\.\.|…)\d*\Z")
_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
_WORDCH = re.compile(r"\w")


class PhraseError(ValueError):
    """A phrase that does not parse; the message says where and why."""


def is_plain(phrase: str) -> bool:
    """True for a phrase of plain words (and ``word*`` endings) only: the literal index takes it."""
    body = phrase.replace("*", "")
    return not (SPECIAL & set(body)) and "..." not in phrase and not _inner_star(phrase)


def _inner_star(phrase: str) -> bool:
    """``*`` anywhere but at the end of a word is not a plain ending wildcard."""
    return any("*" in w[:-1] for w in phrase.split())


@dataclass
class Resolver:
    """What a phrase may refer to: ``concept(name) -> regex`` and ``forms(lemma) -> words``."""

    concept: Callable[[str], str]
    forms: Callable[[str], tuple[str, ...]]


def compile_phrase(phrase: str, resolve: Resolver) -> str:
    """RE2 source (over the folded shadow) for one phrase of the phrase language."""
    tokens = _TOKEN.findall(phrase)
    if "".join(tokens) != phrase:
        raise PhraseError(f"cannot read phrase {phrase!r}")
    return _emit_alt(_Parser(tokens, phrase, resolve).parse(), True, True)


# The parser builds a small tree; the emitter decides word boundaries and separators from where
# each item stands: a word glued to its neighbour ("{amount}x", "(st|nd)" after a number) gets no
# \b on that side, and a skipped optional item leaves the right separator behind.
SPACE, OPTIONAL_SPACE, GLUED = "space", "optional space", "glued"


@dataclass(frozen=True)
class _Item:
    node: tuple          # ("lit", text, escaped) | ("words", forms) | ("concept", regex) | ("alt", [seq]) | ("gap", n)
    optional: bool
    sep: str | None      # the separator before it (None: first in its sequence)


class _Parser:
    """Recursive descent over the tokens: alt := seq ('|' seq)*; seq := item*; item := atom '?'?"""

    def __init__(self, tokens: list[str], source: str, resolve: Resolver) -> None:
        self.tokens = tokens
        self.i = 0
        self.source = source
        self.resolve = resolve

    def error(self, message: str) -> PhraseError:
        return PhraseError(f"phrase {self.source!r}: {message}")

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> str:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> list[list[_Item]]:
        out = self.alt()
        if self.peek() is not None:
            raise self.error(f"unexpected {self.peek()!r}")
        return out

    def alt(self) -> list[list[_Item]]:
        options = [self.seq()]
        while self.peek() == "|":
            self.take()
            options.append(self.seq())
        return options

    def seq(self) -> list[_Item]:
        items: list[_Item] = []
        sep = GLUED
        while True:
            tok = self.peek()
            if tok is None or tok in ("|", ")"):
                break
            if tok.isspace():
                self.take()
                sep = SPACE
                if self.peek() == "?":  # "any ?time": the space itself is optional
                    self.take()
                    sep = OPTIONAL_SPACE
                continue
            if _GAP.match(tok):
                node, optional = ("gap", self._gap(self.take())), False
            else:
                node = self.atom()
                optional = self.peek() == "?"
                if optional:
                    self.take()
            items.append(_Item(node, optional, sep if items else None))
            sep = GLUED
        if not any(not it.optional and it.node[0] != "gap" for it in items):
            raise self.error("needs at least one word that is not optional")
        if items[0].node[0] == "gap" or items[-1].node[0] == "gap":
            raise self.error("a gap (…) must stand between two words")
        return items

    def _gap(self, tok: str) -> int:
        digits = tok.lstrip(".…")
        n = int(digits) if digits else DEFAULT_GAP
        if not 1 <= n <= MAX_GAP:
            raise self.error(f"a gap spans 1 to {MAX_GAP} words, not {n}")
        return n

    def atom(self) -> tuple:
        tok = self.take()
        if tok == "(":
            if self.peek() in (None, ")"):
                raise self.error("'(' without a phrase and ')' after it")
            inner = self.alt()
            if self.peek() != ")":
                raise self.error("'(' without ')'")
            self.take()
            return ("alt", inner)
        if tok == "{":
            name = self.take() if self.peek() not in (None, "}") else ""
            if self.peek() != "}":
                raise self.error("'{' without '}'")
            self.take()
            if not _NAME.match(name):
                raise self.error(f"{{{name}}} is not a concept name (lower-case letters, digits, '-')")
            return ("concept", self.resolve.concept(name))
        if tok == "~":
            if self.peek() is None or not _WORDCH.match(self.peek()):
                raise self.error("'~' must be followed by a lemma (~cancel)")
            return ("words", tuple(self.resolve.forms(self.take())))
        if tok in (")", "|", "?", "}"):
            raise self.error(f"unexpected {tok!r}")
        if "[" in tok and not tok.startswith("\\"):  # a regex class would be a word never matched
            raise self.error(f"{tok!r}: [...] is not phrase syntax; write the forms as (a|b)")
        return ("lit", tok[1:] if tok.startswith("\\") else tok, tok.startswith("\\"))


def _emit_alt(options: list[list[_Item]], head: bool, tail: bool) -> str:
    parts = [_emit_seq(seq, 0, None, head, tail) for seq in options]
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _sep_regex(sep: str | None) -> str:
    return {SPACE: r"\s+", OPTIONAL_SPACE: r"\s*"}.get(sep, "")


def _merge(a: str | None, b: str | None) -> str | None:
    """The separator left between two items when an optional item between them is skipped."""
    if a is None:
        return None
    if SPACE in (a, b):
        return SPACE
    return OPTIONAL_SPACE if OPTIONAL_SPACE in (a, b) else GLUED


def _emit_seq(items: list[_Item], i: int, before: str | None, head: bool, tail: bool) -> str:
    """items[i:], preceded by the separator ``before`` (None: nothing precedes them)."""
    if i == len(items):
        return ""
    it = items[i]
    nxt = items[i + 1].sep if i + 1 < len(items) else None
    own_head = head if before is None else before == SPACE
    own_tail = tail if nxt is None else nxt == SPACE
    if it.node[0] == "gap":  # a gap ends in whitespace (or is empty after the separator before it)
        gap = f"(?:{_GAP_WORD}){{0,{it.node[1]}}}"
        comma = ",?" if before == SPACE else ""  # an empty gap still lets "a year, guaranteed" through
        return comma + _sep_regex(before) + gap + _emit_seq(items, i + 1, None, False, tail)
    body = _emit_node(it.node, own_head, own_tail)
    if not it.optional:
        return _sep_regex(before) + body + _emit_seq(items, i + 1, nxt, head, tail)
    if i + 1 == len(items):  # a last optional item takes its separator with it
        return f"(?:{_sep_regex(before)}{body})?"
    if before is None:  # a first optional item takes the separator after it with it
        return f"(?:{body}{_sep_regex(nxt)})?" + _emit_seq(items, i + 1, None, head, tail)
    left = nxt if _punctuation(items[i + 1]) else _merge(before, nxt)  # "(x)?:" skipped is "A:"
    if left == nxt:  # skipping it leaves the separator the next item expects
        return f"(?:{_sep_regex(before)}{body})?" + _emit_seq(items, i + 1, nxt, head, tail)
    taken = _sep_regex(before) + body + _emit_seq(items, i + 1, nxt, head, tail)
    skipped = _emit_seq(items, i + 1, left, head, tail)
    return f"(?:{taken}|{skipped})"


def _punctuation(item: _Item) -> bool:
    """A literal that starts with punctuation (":", "%", ")") attaches to whatever precedes it."""
    return item.node[0] == "lit" and not _WORDCH.match(fold(item.node[1])[:1] or "a")


def _emit_node(node: tuple, head: bool, tail: bool) -> str:
    kind = node[0]
    if kind == "lit":
        return _literal(node[1], node[2], head, tail)
    if kind == "words":
        return (r"\b" if head else "") + "(?:" + _words(node[1]) + ")" + (r"\b" if tail else "")
    if kind == "concept":
        return "(?:" + node[1] + ")"
    return "(?:" + _emit_alt(node[1], head, tail) + ")"


def _literal(word: str, escaped: bool = False, head: bool = True, tail: bool = True) -> str:
    """One folded word (``word*`` ends in any letters); ``\b`` at a word-character edge that is
    not glued to a neighbour."""
    folded = fold(word)
    if folded.endswith("*") and len(folded) > 1 and not escaped:
        body = re2.escape(folded[:-1]) + r"\w*"
        end = r"\b" if tail else ""
    else:
        body = re2.escape(folded)
        end = r"\b" if tail and _WORDCH.match(folded[-1]) else ""
    start = r"\b" if head and _WORDCH.match(folded[0]) else ""
    return start + body + end


@lru_cache(maxsize=4096)
def _words(forms: tuple[str, ...]) -> str:
    """Words as one prefix-factored alternation: a Spanish verb's 60 forms share their stem, so
    ``garantiz(?:a(?:ba|mos|n|s)?|o|…)`` is a fraction of the plain list to parse and compile.
    The caller puts ``\\b`` on both sides, so which alternative RE2 tries first changes no match."""
    return _trie(sorted({fold(f) for f in forms}))


def _trie(words: list[str]) -> str:
    """A regex matching exactly ``words`` (sorted, distinct, non-empty), common prefixes factored."""
    if len(words) == 1:
        return re2.escape(words[0])
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w)
    parts = []
    for group in groups.values():
        head = os.path.commonprefix(group)
        tails = [w[len(head):] for w in group]
        rest = [t for t in tails if t]
        if not rest:
            parts.append(re2.escape(head))
            continue
        inner = _trie(rest)
        if "" in tails:
            inner = f"(?:{inner})?"
        elif len({t[0] for t in rest}) > 1:
            inner = f"(?:{inner})"
        parts.append(re2.escape(head) + inner)
    return "|".join(parts)


def words_regex(words) -> str:
    """The RE2 alternation of a list of whole words (for lexicon-generated concepts)."""
    return r"\b(?:" + _words(tuple(sorted(words))) + r")\b"
