"""The literals a pattern cannot match without: a cheap test that rules most patterns out.

``required(source)`` reads a (folded, case-insensitive) rule pattern and returns a condition on
lower-case ASCII strings that every match of the pattern satisfies (an AND / OR of "one of these
strings occurs") — or None when it cannot tell (the pattern then always has to be run). A
document whose lower-cased shadow fails the condition cannot match the pattern, so it need not be
compiled or run for that document: one small file then compiles the handful of trigger patterns
its words could match instead of the prefilter's ``re2.Set`` automata of every trigger (0.2 s of
a 0.35 s cold start, issue 14).

Soundness is all that matters (a wrong "cannot match" would lose a finding), so the reading is
conservative: the pattern is parsed with Python's own regex parser, only constructs whose
meaning is the same in RE2 are read (literals, groups, alternation, repeats, zero-width
assertions); every character class, ``.``, escape class or non-ASCII byte is "some character",
which only ever weakens the answer; any syntax outside that subset gives None.

Word boundaries count: ``\\b`` is read as a mark (:data:`MARK`), and the text a condition is tested
on (:func:`searchable`) carries the same mark at each of its word boundaries, so ``\\bnow\\b``
requires the word "now", not "now" inside "known" — on copy, plain substrings such as "0", "day"
or "sav" occur almost everywhere, and each false "can match" compiles a pattern for nothing.
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - older Pythons are not supported by smlint anyway
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# RE2 syntax Python would read differently (POSIX classes, Unicode classes, \Q…\E, \C, \z,
# ungreedy flag, ``{,n}``): such a pattern is not read at all.
# A "[:" after an unclosed "[" may be a POSIX class (an escaped "\]" only makes it refuse more).
_UNSAFE = re.compile(r"\[[^\]]*\[:|\\[pPQECzZ]|\(\?[a-zA-Z-]*U|\{,")
VERSION = 2  # part of the cache key of the literals: bump when required() changes
# Stands for a word boundary (RE2's ``\\b``: between an ASCII word character [0-9A-Za-z_] and
# anything else, or an end) in the strings of a condition and in the searchable text.
MARK = "\x00"
_WORDCHAR = re.compile(r"\w", re.ASCII)
_BOUNDARY = re.compile(r"\b", re.ASCII)
# Strings kept per exact set: past this, a run of literals is cut and the part so far is used.
MAX_EXACT = 64


class _Unknown(Exception):
    pass


# A condition is None (nothing known: always true), ("s", strings): one of the strings occurs,
# ("&", conditions): all hold, or ("|", conditions): one holds. An AND keeps only its
# MAX_AND most selective parts (dropping a part of an AND only weakens it, so stays sound).
MAX_AND = 3


def required(source: str):
    """The condition every match of ``source`` satisfies (strings lower-case), or None."""
    if not source.isascii() or _UNSAFE.search(source):
        return None
    try:
        parsed = _p.parse(source.encode("ascii"), 0)
        _exact, cond = _seq(list(parsed))
    except (_Unknown, re.error, RecursionError, ValueError, TypeError, IndexError, OverflowError):
        return None
    return _json(cond)


def _json(cond):
    if cond is None:
        return None
    if cond[0] == "s":
        return ["s", sorted(cond[1])]
    return [cond[0], [_json(c) for c in cond[1]]]


def _strings(exact: set[str] | None):
    if exact is None:
        return None
    strings = {_canonical(s) for s in exact}
    return None if "" in strings else ("s", frozenset(strings))


def _canonical(text: str) -> str:
    """A string as it reads in :func:`searchable` text: a mark between every word and non-word
    character inside it, and at either end only where the pattern asserts ``\\b``. A ``\\b``
    written between two characters of the same class can never hold; it is dropped (weaker, so
    still sound). Only marks, or nothing: "" (no string required)."""
    if MARK not in text and not _WORDCHAR.search(text):
        return text
    chars = text.replace(MARK, "")
    if not chars:
        return ""
    out = [MARK] if text.startswith(MARK) else []
    for i, ch in enumerate(chars):
        if i and (_WORDCHAR.match(ch) is None) != (_WORDCHAR.match(chars[i - 1]) is None):
            out.append(MARK)
        out.append(ch)
    if text.endswith(MARK):
        out.append(MARK)
    return "".join(out)


def searchable(text: str | bytes) -> str:
    """The text conditions are tested on: lower case, with :data:`MARK` at each word boundary
    (Python's ASCII ``\\b`` is RE2's). ``text``: a shadow (bytes) or a string."""
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    return _BOUNDARY.sub(MARK, text.lower())


def _score(cond) -> float:
    """How rarely a condition holds, roughly: the length of its shortest string, less for many."""
    if cond is None:
        return 0.0
    kind, parts = cond
    if kind == "s":
        return min(map(len, parts)) - 0.01 * len(parts)
    scores = [_score(c) for c in parts]
    return max(scores) if kind == "&" else min(scores)


def _and(conds):
    parts = []
    for c in conds:
        if c is None:
            continue
        parts.extend(c[1] if c[0] == "&" else [c])
    unique = list(dict.fromkeys(parts))
    unique.sort(key=_score, reverse=True)
    unique = unique[:MAX_AND]
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else ("&", tuple(unique))


def _or(conds):
    if any(c is None for c in conds):
        return None
    strings: set[str] = set()
    others = []
    for c in conds:
        if c[0] == "s":
            strings |= c[1]
        elif c[0] == "|":
            for sub in c[1]:
                if sub[0] == "s":
                    strings |= sub[1]
                else:
                    others.append(sub)
        else:
            others.append(c)
    parts = ([("s", frozenset(strings))] if strings else []) + list(dict.fromkeys(others))
    return parts[0] if len(parts) == 1 else ("|", tuple(parts))


def _seq(items):
    """(exact, condition) of a sequence: ``exact`` every string it can match when few, else None."""
    run: set[str] = {""}  # the exact strings of the current run of exactly-known items
    conds = []
    whole_exact = True
    for op, av in items:
        exact, cond = _node(op, av)
        if exact is not None and len(run) * len(exact) <= MAX_EXACT:
            run = {a + b for a in run for b in exact}
            continue
        whole_exact = False
        conds.append(_strings(run))
        conds.append(cond)
        run = set(exact) if exact is not None else {""}
    conds.append(_strings(run))
    return (run if whole_exact else None), _and(conds)


def _node(op, av):
    if op is _c.LITERAL:
        if av >= 0x80:
            return None, None  # never in the ASCII shadow: treat as any character (still sound)
        ch = chr(av).lower()
        return {ch}, ("s", frozenset(ch))
    if op in (_c.ANY, _c.IN, _c.NOT_LITERAL, _c.CATEGORY, _c.RANGE, _c.NEGATE):
        return None, None
    if op is _c.AT:
        return ({MARK} if av is _c.AT_BOUNDARY else {""}), None
    if op is _c.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is _c.BRANCH:
        exacts, conds = [], []
        for branch in av[1]:
            exact, cond = _seq(list(branch))
            exacts.append(exact)
            conds.append(_strings(exact) if exact is not None and "" not in exact else cond)
        exact = None
        if all(e is not None for e in exacts):
            union = set().union(*exacts)
            exact = union if len(union) <= MAX_EXACT else None
        return exact, _or(conds)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        exact, cond = _seq(list(sub))
        if lo == 0:
            if hi == 1 and exact is not None:
                return exact | {""}, None
            return None, None
        cond = _and([cond, _strings(exact)])
        if lo == hi == 1:
            return exact, cond
        return None, cond
    raise _Unknown(op)  # anything else (groupref, assert, …): do not guess


def holds(cond, lowered: str) -> bool:
    """False only if no text whose :func:`searchable` form is ``lowered`` can match the pattern
    whose condition (as :func:`required` gave it, or read back from the cache) is ``cond``."""
    if cond is None:
        return True
    kind, parts = cond
    if kind == "s":
        return any(s in lowered for s in parts)
    if kind == "&":
        return all(holds(c, lowered) for c in parts)
    if kind == "|":
        return any(holds(c, lowered) for c in parts)
    raise ValueError(f"not a condition: {kind!r}")
