"""Concepts: named per-language vocabularies that rules reference as ``{money}``, ``{cancel}``.

A concept is defined once (``rules/<lang>/concepts.yaml``, a user concept file, or a pack's own
``concepts:``) by any of:

- ``phrases``: phrases of the phrase language (:mod:`smlint.text.phrases`), which may use
  lemmas (``~cancel``) and other concepts;
- ``pattern``: one RE2 pattern (folded text), which may reference concepts as ``{name}``;
- ``lexicon``: a word class taken from the lexicon (``superlatives``, ``comparatives``).

Improve a concept once and every rule using it improves. A :class:`Vocabulary` resolves names
to RE2 sources, once each, and reports unknown names and cycles with the file and line of the
definition that used them. Each concept carries examples, run by the suite like a rule's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from smlint.errors import PackError
from smlint.text.lemmas import lexicon
from smlint.text.matcher import fold_pattern
from smlint.text.phrases import PhraseError, Resolver, compile_phrase, words_regex

# Matches nothing: the shadow is ASCII, so no character of it is outside \x00-\x7f.
NEVER = r"[^\x00-\x7f]"
RUNTIME = ("brand",)  # filled per run from the config's `brands:` and the registry's plan names
_REF = re.compile(r"(?<!\\)\{([a-z][a-z0-9-]*)\}")
LEXICON_CLASSES = {"superlatives": "superlative", "comparatives": "comparative"}


@dataclass(frozen=True)
class Concept:
    """One concept as written: where it is defined and what it is made of."""

    name: str
    language: str
    description: str
    source: str                      # file:line of the definition
    phrases: tuple[str, ...] = ()
    pattern: str | None = None
    lexicon: str | None = None
    label: str = ""                  # how {missing} names it ("a way to cancel")
    examples: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def display(self) -> str:
        return self.label or self.name.replace("-", " ")


def concept_from(name: str, spec: dict, language: str, source: str) -> Concept:
    return Concept(name=name, language=language, description=spec.get("description", ""), source=source,
                   phrases=tuple(spec.get("phrases", ())), pattern=spec.get("pattern"),
                   lexicon=spec.get("lexicon"), label=spec.get("name", ""), examples=spec.get("examples", {}))


class Vocabulary:
    """The concepts one rule can see: its pack's own, then its language's (``any``: every language's)."""

    def __init__(self, language: str, concepts: dict[str, list[Concept]], brands=(),
                 parent: "Vocabulary | None" = None, compiled: "CompiledCache | None" = None) -> None:
        self.language = language
        self.concepts = concepts          # name -> definitions (several for ``any``: one per language)
        self.brands = tuple(brands)
        self.parent = parent
        self.compiled = compiled if compiled is not None else (parent.compiled if parent else None)
        self.key = language + ("\0" + _definitions_hash(concepts) if parent is not None else "")
        self._cache: dict[str, str] = {}
        self._stack: list[str] = []

    def child(self, local: dict[str, list[Concept]]) -> "Vocabulary":
        """A pack's vocabulary: its own concepts first, then these."""
        return Vocabulary(self.language, local, self.brands, parent=self) if local else self

    def has(self, name: str) -> bool:
        return name in self.concepts or name in RUNTIME or (self.parent is not None and self.parent.has(name))

    def find(self, name: str) -> list[Concept]:
        if name in self.concepts:
            return self.concepts[name]
        return self.parent.find(name) if self.parent is not None else []

    def label(self, name: str) -> str:
        found = self.find(name)
        return found[0].display if found else name.replace("-", " ")

    def regex(self, name: str, used_at: str = "") -> str:
        """The RE2 source (over the folded shadow) that concept ``name`` stands for."""
        if name in self._cache:
            return self._cache[name]
        if not self.has(name):
            raise PackError(used_at or "concepts", f"unknown concept {{{name}}}" + self._suggest(name))
        if name not in self.concepts:
            if self.parent is None:
                return self._runtime(name)
            return self.parent.regex(name, used_at)
        if name in self._stack:
            cycle = " -> ".join([*self._stack[self._stack.index(name):], name])
            raise PackError(self.concepts[name][0].source, f"concepts refer to each other in a cycle: {cycle}")
        self._stack.append(name)
        try:
            parts = [self._compile(c) for c in self.concepts[name]]
        finally:
            self._stack.pop()
        self._cache[name] = out = parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts)
        return out

    def _suggest(self, name: str) -> str:
        import difflib

        close = difflib.get_close_matches(name, sorted(self._all_names()), n=3, cutoff=0.6)
        return f" (did you mean {', '.join('{' + c + '}' for c in close)}?)" if close else \
            " (the concepts are listed by `smlint rules docs`, in docs/rules.md)"

    def _all_names(self) -> set[str]:
        names = set(self.concepts) | set(RUNTIME)
        return names | (self.parent._all_names() if self.parent is not None else set())

    def _runtime(self, name: str) -> str:
        if name == "brand" and self.brands:
            return compile_phrase_list([_escape_phrase(b) for b in self.brands], self, "the brands")
        return NEVER

    def _compile(self, c: Concept) -> str:
        parts = []
        if c.phrases:
            parts.append(compile_phrase_list(c.phrases, self, c.source, c.language))
        if c.pattern:
            parts.append(self.pattern(c.pattern, c.source))
        if c.lexicon:
            words = lexicon(c.language).degree(LEXICON_CLASSES[c.lexicon])
            parts.append(words_regex(words) if words else NEVER)
        if not parts:
            raise PackError(c.source, f"concept {c.name!r} has no phrases, pattern or lexicon")
        return parts[0] if len(parts) == 1 else "|".join(f"(?:{p})" for p in parts)

    def pattern(self, source: str, used_at: str = "") -> str:
        """A rule or concept pattern with its ``{name}`` references replaced and non-ASCII folded."""
        return _cached(self, "R", source, lambda: _REF.sub(
            lambda m: "(?:" + self.regex(m.group(1), used_at) + ")", fold_pattern(source)))

    def resolver(self, used_at: str = "", language: str | None = None) -> Resolver:
        lang = language or self.language
        return Resolver(concept=lambda n: self.regex(n, used_at), forms=lambda w: _forms(lang, w))


def compile_phrase_list(phrases, vocab: Vocabulary, used_at: str = "", language: str | None = None) -> str:
    """One RE2 alternation for a list of phrases (longest first, so RE2 reports the longest)."""
    phrases = tuple(phrases)
    return _cached(vocab, "P" + (language or ""), "\x1f".join(phrases),
                   lambda: _compile_phrase_list(phrases, vocab, used_at, language))


def _compile_phrase_list(phrases, vocab: Vocabulary, used_at: str, language: str | None) -> str:
    resolve = vocab.resolver(used_at, language)
    parts = []
    for phrase in phrases:
        try:
            parts.append(compile_phrase(phrase, resolve))
        except PhraseError as exc:
            raise PackError(used_at or "phrases", str(exc)) from None
    return "|".join(sorted(parts, key=len, reverse=True))


def _forms(language: str, word: str) -> tuple[str, ...]:
    if language == "any":
        return tuple(sorted({f for lang in ("en", "es") for f in lexicon(lang).forms(word)}))
    return lexicon(language).forms(word)


def _escape_phrase(text: str) -> str:
    return "".join("\\" + ch if ch in "~{}()|?*…\\" else ch for ch in text)


class CompiledCache:
    """What phrases and patterns compiled to, kept between runs (the parse cache, one entry per set of
    concept definitions, brands and lexicon): compiling the packs' phrase language is two thirds of
    building an engine, and its result only depends on those inputs. A miss just compiles again."""

    def __init__(self, fingerprint: str) -> None:
        from smlint import parsecache

        self._key = parsecache.text_key("compiled\0" + fingerprint)
        self.entries: dict[str, str] = parsecache.get(self._key) or {}
        self._used: set[str] = set()
        self._dirty = False

    def get(self, key: str, compute) -> str:
        found = self.entries.get(key)
        if found is None:
            found = self.entries[key] = compute()
            self._dirty = True
        self._used.add(key)
        return found

    def save(self) -> None:
        """Write the entry back when something new was compiled, keeping only what this run used
        (an edited pack's old phrases do not pile up)."""
        from smlint import parsecache

        if self._dirty:
            parsecache.put(self._key, {k: self.entries[k] for k in self._used})
            self._dirty = False


def _cached(vocab: Vocabulary, kind: str, text: str, compute) -> str:
    if vocab.compiled is None:
        return compute()
    return vocab.compiled.get(f"{kind}\0{vocab.key}\0{text}", compute)


def _definitions_hash(concepts: dict[str, list[Concept]]) -> str:
    import hashlib

    parts = [f"{c.language}\0{name}\0{c.phrases}\0{c.pattern}\0{c.lexicon}"
             for name in sorted(concepts) for c in concepts[name]]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:20]


class ConceptStore:
    """Every language's concepts for one run (built-in, user concept files, the brands) and the
    vocabularies built from them, one per language and pack."""

    def __init__(self, definitions: dict[str, dict[str, Concept]], brands=()) -> None:
        self.definitions = definitions    # language -> name -> Concept
        self.brands = tuple(brands)
        self._vocabularies: dict = {}
        self._compiled: dict[str, CompiledCache] = {}

    def compiled(self, language: str) -> CompiledCache:
        """The compile cache of one language's rules (a run that checks only English copy loads and
        keeps only the English entries)."""
        if language not in self._compiled:
            from smlint.text.lemmas import lexicon

            named = {f"{lang}:{n}": [c] for lang in sorted(self.definitions) for n, c in self.definitions[lang].items()}
            lexicons = ",".join(lexicon(lang)._key for lang in ("en", "es"))
            self._compiled[language] = CompiledCache(f"{language}\0{_definitions_hash(named)}\0{self.brands}\0{lexicons}")
        return self._compiled[language]

    @classmethod
    def builtin(cls, brands=()) -> "ConceptStore":
        from smlint.packs import load_concepts

        return cls(load_concepts(()), brands)

    def vocabulary(self, language: str, local: dict | None = None) -> Vocabulary:
        """The vocabulary of a rule of ``language`` whose pack defines ``local`` concepts."""
        key = (language, id(local) if local else None)
        if key not in self._vocabularies:
            if local:
                own = {name: [c] for name, c in local.items()}
                self._vocabularies[key] = self.vocabulary(language).child(own)
            else:
                self._vocabularies[key] = Vocabulary(language, self._named(language), self.brands,
                                                     compiled=self.compiled(language))
        return self._vocabularies[key]

    def _named(self, language: str) -> dict[str, list[Concept]]:
        if language != "any":
            return {name: [c] for name, c in self.definitions.get(language, {}).items()}
        out: dict[str, list[Concept]] = {}
        for lang in sorted(self.definitions):
            for name, c in self.definitions[lang].items():
                out.setdefault(name, []).append(c)
        return out

    def prepare(self, rules=()) -> None:
        """Look up every lemma and word class the concepts and ``rules`` use, one dictionary pass
        per language (instead of one per lemma as phrases compile)."""
        wanted: dict[str, set[str]] = {}
        degrees: dict[str, set[str]] = {}
        for c in self.all() + [c for r in rules for c in r.concepts.values()]:
            for lang in _languages(c.language):
                wanted.setdefault(lang, set()).update(_lemmas(c.phrases))
                if c.lexicon:
                    degrees.setdefault(lang, set()).add(LEXICON_CLASSES[c.lexicon])
        for rule in rules:
            for lang in _languages(rule.language):
                wanted.setdefault(lang, set()).update(_lemmas(_strings(rule.spec)))
        for lang in set(wanted) | set(degrees):
            lexicon(lang).prepare(wanted.get(lang, ()), tuple(degrees.get(lang, ())))

    def all(self) -> list[Concept]:
        return [c for lang in sorted(self.definitions) for c in self.definitions[lang].values()]

    def save(self) -> None:
        """Keep the lemma forms looked up while compiling (see :mod:`smlint.text.lemmas`)."""
        from smlint.text.lemmas import lexicon

        for lang in ("en", "es"):
            lexicon(lang).save()
        for cache in self._compiled.values():
            cache.save()


_LEMMA = re.compile(r"~([^\s(){}|?~\\…*]+)")


def _lemmas(strings) -> set[str]:
    return {m.group(1) for text in strings for m in _LEMMA.finditer(text)}


def _strings(value):
    """Every string inside a rule spec (triggers, disclosures, exceptions, contexts …)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _languages(language: str) -> tuple[str, ...]:
    return ("en", "es") if language == "any" else (language,)
