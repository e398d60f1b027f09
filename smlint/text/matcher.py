"""Compiled matching: every phrase of every active rule in one RE2 scan, patterns behind a set prefilter.

Why RE2: Python's ``re`` runs one 250-phrase alternation at about 1 MB/s; RE2 at about
90 MB/s, and in linear time, so no pack pattern can hang the linter (DESIGN.md,
"Matching engine").  Both scans run over the folded ASCII *shadow* of the view
(:mod:`smlint.text.normalize`), so a hit's offsets are view offsets.

Phrase syntax: words separated by spaces (any run of whitespace matches, line breaks
included); a word ending in ``*`` matches any word ending (``garantizad*``); matching is
whole-word, case- and accent-insensitive.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

import re2

from smlint.text.normalize import fold

_WS = re.compile(rb"\s+")
_WORD = re.compile(r"\w")
_FIRST_TOKEN = re.compile(r"\w+")
# The shadow is ASCII, so patterns over it compile as Latin-1: a negated class such as [^\s!?] is
# then one byte range instead of a UTF-8 automaton, which keeps the program of a whole rule set
# (lemmas and concepts expanded) small enough for one Set.
_LATIN1 = re2.Options.Encoding.LATIN1
_UNANCHORED = re2._Anchor.UNANCHORED  # for calls below the wrapper (nonempty_spans)
MAX_MEM = 256 << 20
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.max_mem = MAX_MEM
_RE2_OPTIONS.encoding = _LATIN1
_SET_OPTIONS = re2.Options()
_SET_OPTIONS.max_mem = MAX_MEM
_SET_OPTIONS.case_sensitive = False
_SET_OPTIONS.encoding = _LATIN1


# RE2 runs in time linear in the text, but times the size of the compiled program: where its DFA
# gives up (patterns whose states explode) it falls back to an NFA that steps every instruction
# for every byte. A program of 1.2 million instructions (``\pL{1000}``-style counted repeats)
# took 1.5 s to compile and 6.6 s per 50 KB file. The largest built-in pattern compiles to
# 49,017 instructions (a Spanish health-claim trigger with its concepts expanded); the bound is
# four times that, so a user rule may combine a few such concepts (tests/text/test_matcher_bounds.py).
MAX_PROGRAM_SIZE = 200_000


class PatternError(ValueError):
    """A pattern RE2 cannot compile; the message says why."""


def phrase_key(phrase: str) -> str:
    """The folded, whitespace-collapsed form a phrase is indexed under."""
    return " ".join(fold(phrase).split())


def phrase_regex(key: str) -> str:
    """RE2 source for one folded phrase key."""
    words = []
    for word in key.split(" "):
        if word.endswith("*") and len(word) > 1:
            words.append(re2.escape(word[:-1]) + r"\w*")
        else:
            words.append(re2.escape(word))
    body = r"\s+".join(words)
    if _WORD.match(key[0]):
        body = r"\b" + body
    if key.endswith("*") or _WORD.match(key[-1]):
        body += r"\b"
    return body


def compile_pattern(source: str, case_sensitive: bool = False, reverse_bound: bool = True):
    """Compile a rule pattern with RE2, folding it like the text it runs on.

    ``reverse_bound=False`` bounds the forward program only: measuring the reverse one compiles
    it (a tenth of a cold start over the patterns one file needs, issue 14). The engine passes
    it, as every pattern it compiles was bounded in full when its pack loaded (user packs) or by
    the suite (built-in packs, tests/text/test_matcher_bounds.py)."""
    options = re2.Options()
    options.max_mem = _RE2_OPTIONS.max_mem
    options.log_errors = False
    options.never_capture = True  # only spans are used; capturing groups cost per match
    text = source if case_sensitive else fold_pattern(source)
    if not case_sensitive:
        options.case_sensitive = False
        options.encoding = _LATIN1  # runs on the ASCII shadow (see _LATIN1)
    try:
        regex = re2.compile(text if case_sensitive else text.encode("ascii"), options)
    except re2.error as exc:
        raise PatternError(_explain_re2_error(source, exc)) from None
    size = max(regex.programsize, regex.reverseprogramsize) if reverse_bound else regex.programsize
    if size > MAX_PROGRAM_SIZE:
        raise PatternError(f"pattern too complex (program size {size:,} > {MAX_PROGRAM_SIZE:,}): "
                           f"{_short(source)}; split it into smaller patterns or use phrases and concepts")
    return regex


@dataclass(frozen=True)
class Latin1Pattern:
    regex: object       # the RE2 program over Latin-1 bytes
    folds_case: bool    # the pattern has a (?i) group: exact on ASCII text only (see latin1_view)


_CASE_FLAG = re.compile(r"\(\?[a-zA-Z]*i")


def compile_latin1(source: str) -> Latin1Pattern | None:
    """A case-sensitive pattern compiled to run on Latin-1 bytes, or None when it cannot be (a
    character above U+00FF or ``\\C`` in it, or RE2 refuses it that way).

    On a text :func:`latin1_view` accepts, encoded as Latin-1 (one byte a character, so byte
    offsets are character offsets), it finds exactly what the UTF-8 pattern finds on the text:
    RE2 reads the pattern as Latin-1 runes and keeps each class's members below 256, the only
    characters such a text holds; ``\\b``, ``\\w``, ``\\s`` are ASCII in both encodings. Case
    folding differs above ASCII (in Latin-1, ``(?i)é`` does not match ``É``), so a pattern that
    ignores case is run this way on ASCII text only. The suite compares the two programs
    (tests/text/test_matcher_spans.py)."""
    if "\\C" in source:
        return None  # one byte in either encoding: not one character in UTF-8
    try:
        raw = source.encode("latin-1")
    except UnicodeEncodeError:
        return None
    options = re2.Options()
    options.max_mem = _RE2_OPTIONS.max_mem
    options.log_errors = False
    options.never_capture = True
    options.encoding = _LATIN1
    try:
        regex = re2.compile(raw, options)
    except re2.error:
        return None
    if regex.programsize > MAX_PROGRAM_SIZE:
        return None
    return Latin1Pattern(regex, _CASE_FLAG.search(source) is not None)


def latin1_view(view: str, folds_case: bool) -> bytes | None:
    """``view`` as Latin-1 bytes when a :class:`Latin1Pattern` finds on them what its UTF-8
    program finds on ``view``, else None."""
    if view.isascii():
        return view.encode("ascii")
    if folds_case:
        return None
    try:
        return view.encode("latin-1")
    except UnicodeEncodeError:
        return None


def _short(source: str) -> str:
    return repr(source) if len(source) <= 80 else repr(source[:77] + "...")


def fold_pattern(source: str) -> str:
    """Fold the non-ASCII characters of a pattern (accents, €); ASCII escapes stay as written."""
    if source.isascii():
        return source
    return "".join(ch if ch < "\x80" else re2.escape(fold(ch)) for ch in source)


def _explain_re2_error(source: str, exc: Exception) -> str:
    detail = exc.args[0] if exc.args else str(exc)
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    if re.search(r"\(\?[=!<]|\\[1-9]", source):
        return (f"pattern {source!r} uses look-around or back-references, which smlint does not run: "
                "patterns run in linear time (RE2) so no rule can hang the linter; rewrite it "
                "with alternatives or use `exceptions`")
    return f"invalid pattern {source!r}: {detail}"


@dataclass(frozen=True)
class _Wild:
    tid: int
    regex: object  # re2 pattern, fullmatch on the collapsed hit text
    head: str


class TermIndex:
    """All phrases of a rule set, deduplicated; ``scan`` finds every occurrence of every one."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._regex = None
        self._literal: dict[bytes, list[int]] = {}
        self._wild: dict[str, list[_Wild]] = defaultdict(list)
        self._prefixes: dict[int, list[tuple[int, object]]] = {}
        self._single: dict[int, object] = {}

    def add(self, phrase: str) -> int:
        key = phrase_key(phrase)
        if not key:
            raise PatternError("empty phrase")
        if key not in self._ids:
            self._ids[key] = len(self.keys)
            self.keys.append(key)
        return self._ids[key]

    def __getstate__(self) -> dict:
        """The phrases only (RE2 programs cannot be pickled: :mod:`smlint.text.enginecache`)."""
        return {"keys": self.keys, "_ids": self._ids, "_compiled": self._regex is not None}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
        self.keys, self._ids = state["keys"], state["_ids"]
        if state["_compiled"]:
            self.compile()

    def compile(self) -> None:
        if not self.keys:
            return
        order = sorted(range(len(self.keys)), key=lambda i: (-len(self.keys[i].rstrip("*")), i))
        self._regex = re2.compile("|".join(phrase_regex(self.keys[i]) for i in order).encode("ascii"),
                                  _RE2_OPTIONS)
        for tid, key in enumerate(self.keys):
            if "*" in key:
                rx = re2.compile(phrase_regex(key).encode("ascii"), _RE2_OPTIONS)
                self._wild[key[:2]].append(_Wild(tid, rx, key[:2]))
                self._single[tid] = rx
            else:
                self._literal.setdefault(key.encode("ascii"), []).append(tid)
        self._prefixes = self._find_prefix_terms()

    def _find_prefix_terms(self) -> dict[int, list[tuple[int, object]]]:
        """For each term, the other terms that can match a whole-word prefix of it.

        The combined scan reports only the longest term at a position; these are
        re-checked there so that a shorter term of another rule is not lost.
        """
        by_token: dict[str, list[int]] = defaultdict(list)
        for tid, key in enumerate(self.keys):
            tok = _FIRST_TOKEN.match(key)
            by_token[tok.group() if tok else key[:1]].append(tid)
        wild = [w for ws in self._wild.values() for w in ws]
        out: dict[int, list[tuple[int, object]]] = {}
        for tid, key in enumerate(self.keys):
            tok = _FIRST_TOKEN.match(key)
            found = []
            for other in by_token[tok.group() if tok else key[:1]]:
                okey = self.keys[other]
                if other != tid and "*" not in okey and _is_word_prefix(okey, key):
                    found.append((other, self._rx(other)))
            for w in wild:
                if w.tid != tid and w.regex.match(key.encode("ascii")) is not None:
                    found.append((w.tid, w.regex))
            if found:
                out[tid] = found
        return out

    def _rx(self, tid: int):
        if tid not in self._single:
            self._single[tid] = re2.compile(phrase_regex(self.keys[tid]).encode("ascii"), _RE2_OPTIONS)
        return self._single[tid]

    def scan(self, shadow: bytes) -> dict[int, list[tuple[int, int]]]:
        """Every (start, end) of every term in ``shadow``, overlapping ones included."""
        hits: dict[int, list[tuple[int, int]]] = defaultdict(list)
        regex = self._regex
        if regex is None:
            return hits
        pos, size = 0, len(shadow)
        match = regex._regexp.Match  # the search without the wrapper's Match objects (nonempty_spans)
        while pos <= size:
            start, end = match(_UNANCHORED, shadow, pos, size)[0]
            if start < 0:
                return hits
            for tid in self._identify(shadow[start:end]):
                hits[tid].append((start, end))
                for other, rx in self._prefixes.get(tid, ()):
                    sub = rx.match(shadow, start, end)
                    if sub is not None and sub.end() < end:
                        hits[other].append((start, sub.end()))
            pos = start + 1
        return hits

    def _identify(self, text: bytes) -> list[int]:
        key = _WS.sub(b" ", text)
        found = list(self._literal.get(key, ()))
        for w in self._wild.get(key[:2].decode("ascii"), ()):
            if w.regex.fullmatch(key) is not None:
                found.append(w.tid)
        return found


def _is_word_prefix(short: str, long: str) -> bool:
    """True if ``short`` matches the start of ``long`` and ends on a word boundary there."""
    if len(short) >= len(long) or not long.startswith(short):
        return False
    return not (_WORD.match(short[-1]) and _WORD.match(long[len(short)]))


class PatternSet:
    """Case-insensitive rule patterns over the shadow.

    The patterns that decide whether a rule runs at all (its trigger: the kind's ``needs``) are
    *prefiltered*: scanned together by a few ``re2.Set`` automata, one pass each, so a document
    costs a handful of scans however many rules there are. Every other pattern (disclosures,
    exceptions, contexts) is run on its own, and only when a rule whose trigger was seen asks for
    it — a disclosure only inside the trigger's scope (:meth:`search`). The Sets are kept small
    (:data:`SET_CHUNK` characters of pattern each): one huge Set's DFA outgrows its memory and
    thrashes, where several small ones stay fast (measured in bench/README.md).
    """

    def __init__(self) -> None:
        self.sources: list[str] = []
        self._ids: dict[str, int] = {}
        self._compiled: dict[int, object] = {}  # each pattern on its own, compiled when first needed
        self._sets: list[tuple[object, list[int]]] | None = None
        self._prefilter_ids: list[int] = []
        self._required = None
        self._small_bytes = 0
        self.prefiltered: frozenset[int] = frozenset()

    def __getstate__(self) -> dict:
        """Sources, the prefilter's choice and its literals when read, nothing compiled (see
        :class:`TermIndex`)."""
        state = dict(self.__dict__)
        state.update(_compiled={}, _sets=None, _small_bytes=0)
        if not isinstance(self._required, dict):
            state["_required"] = None
        return state

    def add(self, source: str) -> int:
        """Register a pattern (once: rules sharing a concept share its scan)."""
        if source not in self._ids:
            self._ids[source] = len(self.sources)
            self.sources.append(source)
        return self._ids[source]

    def compile(self, prefilter=None) -> None:
        """Choose the ``prefilter`` pattern ids (default: all of them); their Sets are built when
        first needed (:meth:`matching`), or now by :meth:`build_sets`."""
        ids = sorted(range(len(self.sources)) if prefilter is None else set(prefilter))
        self.prefiltered = frozenset(ids)
        self._prefilter_ids = ids
        self._sets = None
        self._required = None
        self._small_bytes = 0

    def build_sets(self) -> None:
        """Compile the prefilter's ``re2.Set`` automata (before a fork, so workers share them)."""
        if self._sets is not None:
            return
        self._sets = []
        for chunk in _chunks(self._prefilter_ids, self.sources):
            rset = re2.Set.SearchSet(_SET_OPTIONS)
            for pid in chunk:
                rset.Add(fold_pattern(self.sources[pid]).encode("ascii"))
            rset.Compile()
            self._sets.append((rset, chunk))
        self._required = None  # the literals serve only until the Sets exist: free them (before a fork too)

    def matching(self, shadow: bytes) -> frozenset[int]:
        """The ids of the prefiltered patterns that match somewhere in ``shadow``."""
        if self._sets is None and self._small_bytes + len(shadow) <= SMALL_BYTES:
            found = self._matching_small(shadow)
            if found is not None:
                self._small_bytes += len(shadow)
                return found
        self.build_sets()
        found: set[int] = set()
        for rset, chunk in self._sets:
            found.update(chunk[i] for i in rset.Match(shadow) or ())
        return frozenset(found)

    def _matching_small(self, shadow: bytes) -> frozenset[int] | None:
        """What :meth:`matching` returns, without the Sets: each pattern whose required literals
        (:mod:`smlint.text.literals`, cached between runs) occur in the document is compiled on its
        own and run. For the first few small documents of a run that is far cheaper than compiling
        every trigger into Sets (issue 14: the cold start on one file); the patterns compiled here
        are the ones the rules run next anyway. None when the literals are not at hand."""
        required = self.literals()
        if required is None:
            return None
        from smlint.text.literals import holds, searchable

        lowered = searchable(shadow)  # the Sets match case-insensitively; the literals are lower-case
        found = set()
        try:
            for pid in self._prefilter_ids:
                if holds(required[pid], lowered) and self.regex(pid).search(shadow) is not None:
                    found.add(pid)
        except PatternError:
            return None  # the Sets report what they can; the rule reports the pattern when it runs it
        except (TypeError, ValueError, IndexError, KeyError):  # a cache entry of the wrong shape
            self._required = False
            return None
        return frozenset(found)

    def literals(self) -> dict | None:
        if self._required is None:
            from smlint import parsecache

            if not parsecache.enabled():
                self._required = False
                return None
            from smlint.text.literals import VERSION, required

            folded = [fold_pattern(self.sources[pid]) for pid in self._prefilter_ids]
            digest = hashlib.sha256("\0".join(folded).encode("ascii")).hexdigest()
            key = parsecache.text_key(f"literals\0{VERSION}\0{digest}")
            data = parsecache.get(key)
            if not isinstance(data, list) or len(data) != len(folded):  # missing or corrupt
                if not parsecache.writable():
                    self._required = False  # computing them (1.5-2.5 s a language) pays only once
                    return None
                data = [required(f) for f in folded]
                parsecache.put(key, data)
            self._required = dict(zip(self._prefilter_ids, data))
        elif self._required is False:
            return None
        return self._required

    def regex(self, pid: int):
        if pid not in self._compiled:
            self._compiled[pid] = compile_pattern(self.sources[pid], reverse_bound=False)
        return self._compiled[pid]

    def spans(self, pid: int, shadow: bytes) -> list[tuple[int, int]]:
        """Every non-empty match of one pattern."""
        return nonempty_spans(self.regex(pid), shadow, 0, len(shadow))

    def window(self, pid: int, shadow: bytes, lo: int, hi: int) -> list[tuple[int, int]]:
        """The non-empty matches of one pattern inside [lo, hi) only."""
        return nonempty_spans(self.regex(pid), shadow, max(0, min(lo, len(shadow))), max(0, min(hi, len(shadow))))


def nonempty_spans(regex, text: bytes, pos: int, endpos: int) -> list[tuple[int, int]]:
    """``[m.span() for m in regex.finditer(text, pos, endpos) if m.end() > m.start()]`` for bytes
    ``text`` and a pattern compiled with ``never_capture``, the same steps (an empty match moves
    on one byte) without a Match object and three method calls per match (issue 14: the
    wrapper's Python was ~0.5 µs a step, on ~200,000 steps a run). ``0 <= pos <= endpos <= len``."""
    match = regex._regexp.Match
    out = []
    while pos <= endpos:
        start, end = match(_UNANCHORED, text, pos, endpos)[0]
        if start < 0:
            break
        if end > start:
            out.append((start, end))
        if pos == endpos:
            break
        pos = pos + 1 if end == pos else end
    return out


# Characters of pattern per Set. Measured on 800 files of the shared small corpus with every
# built-in pack (CPU s, one process): one Set for everything failed to compile in 64 MiB and took
# 7x the old packs' time at 256 MiB; chunks of 12,000-48,000 characters all ran within 5 % of
# each other (FilteredRE2's atom prefilter, tried too, was 15 % slower: more candidates to run).
SET_CHUNK = 64_000
# The first documents of a run, up to SMALL_BYTES of shadow in all, are prefiltered without the
# Sets (PatternSet._matching_small: ~10 ms per KiB, against ~0.2 s to build one language's
# Sets); past that the Sets are built and used. So one small file never builds them, and a run
# over many files pays at most ~0.08 s for having tried.
SMALL_BYTES = 8 << 10


def _chunks(ids: list[int], sources: list[str]):
    """Consecutive groups of pattern ids whose sources add up to at most SET_CHUNK characters."""
    chunk: list[int] = []
    size = 0
    for pid in ids:
        n = len(sources[pid])
        if chunk and size + n > SET_CHUNK:
            yield chunk
            chunk, size = [], 0
        chunk.append(pid)
        size += n
    if chunk:
        yield chunk
