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
_GAP_WORD = r"[^\s!?;:]*[^\s.,!?;:]\s+"  # a word in a gap never ends a clause or sentence
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
    return _Parser(tokens, phrase, resolve).parse()


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

    def parse(self) -> str:
        out = self.alt()
        if self.peek() is not None:
            raise self.error(f"unexpected {self.peek()!r}")
        return out

    def alt(self) -> str:
        options = [self.seq()]
        while self.peek() == "|":
            self.take()
            options.append(self.seq())
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    def seq(self) -> str:
        items: list[tuple[str, str, object]] = []  # (kind, regex, spaced): kind is item, opt or gap
        spaced = False
        while True:
            tok = self.peek()
            if tok is None or tok in ("|", ")"):
                break
            if tok.isspace():
                self.take()
                spaced = True
                if self.peek() == "?":  # "any ?time": the space itself is optional
                    self.take()
                    spaced = "optional"
                continue
            if _GAP.match(tok):
                items.append(("gap", self._gap(self.take()), spaced))
            else:
                atom = self.atom()
                if items and spaced in (False, "optional"):
                    # glued to the previous item ("{amount}x", "any ?time"): no word boundary between
                    atom = atom[2:] if atom.startswith(r"\b") else atom
                    if spaced == "optional" and items[-1][1].endswith(r"\b"):
                        items[-1] = (items[-1][0], items[-1][1][:-2], items[-1][2])
                optional = self.peek() == "?"
                if optional:
                    self.take()
                items.append(("opt" if optional else "item", atom, spaced))
            spaced = False
        if not any(kind == "item" for kind, _, _ in items):
            raise self.error("needs at least one word that is not optional")
        if items[0][0] == "gap" or items[-1][0] == "gap":
            raise self.error("a gap (…) must stand between two words")
        return _join(items)

    def _gap(self, tok: str) -> str:
        digits = tok.lstrip(".…")
        n = int(digits) if digits else DEFAULT_GAP
        if not 1 <= n <= MAX_GAP:
            raise self.error(f"a gap spans 1 to {MAX_GAP} words, not {n}")
        return f"(?:{_GAP_WORD}){{0,{n}}}"

    def atom(self) -> str:
        tok = self.take()
        if tok == "(":
            if self.peek() in (None, ")"):
                raise self.error("'(' without a phrase and ')' after it")
            inner = self.alt()
            if self.peek() != ")":
                raise self.error("'(' without ')'")
            self.take()
            return "(?:" + inner + ")"
        if tok == "{":
            name = self.take() if self.peek() not in (None, "}") else ""
            if self.peek() != "}":
                raise self.error("'{' without '}'")
            self.take()
            if not _NAME.match(name):
                raise self.error(f"{{{name}}} is not a concept name (lower-case letters, digits, '-')")
            return "(?:" + self.resolve.concept(name) + ")"
        if tok == "~":
            if self.peek() is None or not _WORDCH.match(self.peek()):
                raise self.error("'~' must be followed by a lemma (~cancel)")
            return _words(tuple(self.resolve.forms(self.take())))
        if tok in (")", "|", "?", "}"):
            raise self.error(f"unexpected {tok!r}")
        return _literal(tok[1:] if tok.startswith("\\") else tok, escaped=tok.startswith("\\"))


def _join(items: list[tuple[str, str, bool]]) -> str:
    """Items in order: whitespace between them in the phrase matches any whitespace, none matches
    none; an optional item carries its separator inside its group; a gap ends in whitespace."""
    out, started = "", False
    for n, (kind, rx, spaced) in enumerate(items):
        sep = (r"\s*" if spaced == "optional" else r"\s+") if spaced and started else ""
        if kind == "gap":
            out += sep + rx
            started = False  # the gap's own trailing whitespace separates it from the next word
        elif kind == "opt" and not started:
            follow = items[n + 1][2] if n + 1 < len(items) else False
            after = (r"\s*" if follow == "optional" else r"\s+") if follow else ""
            out += f"(?:{rx}{after})?"
        elif kind == "opt":
            out += f"(?:{sep}{rx})?"
        else:
            out += sep + rx
            started = True
    return out


def _literal(word: str, escaped: bool = False) -> str:
    """One folded word (``word*`` ends in any letters), whole-word at its word-character edges."""
    folded = fold(word)
    if folded.endswith("*") and len(folded) > 1 and not escaped:
        body = re2.escape(folded[:-1]) + r"\w*"
        tail = r"\b"
    else:
        body = re2.escape(folded)
        tail = r"\b" if _WORDCH.match(folded[-1]) else ""
    head = r"\b" if _WORDCH.match(folded[0]) else ""
    return head + body + tail


@lru_cache(maxsize=4096)
def _words(forms: tuple[str, ...]) -> str:
    """Whole words, as one prefix-factored alternation: a Spanish verb's 60 forms share their stem,
    so ``garantiz(?:a(?:ba|mos|n|s)?|o|…)`` is a fraction of the plain list to parse and compile.
    Both sides are ``\b``-bounded, so which alternative RE2 tries first does not change a match."""
    words = sorted({fold(f) for f in forms})
    return r"\b(?:" + _trie(words) + r")\b"


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
    return _words(tuple(sorted(words)))
