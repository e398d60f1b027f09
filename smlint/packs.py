"""Find, load, validate and select rule packs.

A pack is one YAML file (schema: ``smlint/schemas/pack.schema.json``). User packs are
validated strictly and every error names ``file:line:col`` and the field path; the
built-in packs are validated by the test suite, so at run time they are only parsed,
which keeps start-up fast.
"""
from __future__ import annotations

import fnmatch
import string
from functools import lru_cache
from pathlib import Path

from smlint.errors import PackError
from smlint.model import Pack, Rule, Severity
from smlint.yamlsource import Marked, load_schema, read_marked, validate

LANGUAGES = ("en", "es")


@lru_cache(maxsize=1)
def builtin_dir() -> Path:
    """The built-in packs: ``smlint/_rules`` in a wheel, the top-level ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise PackError(str(here / "_rules"), "the built-in rule packs are missing from this installation")


CONCEPT_FILE = "concepts.yaml"


def builtin_pack_files(kind: str = "copy") -> list[Path]:
    """Built-in pack files of a kind: ``copy`` (en/, es/, any/), ``leads`` (leads/) or ``concepts``
    (each language folder's ``concepts.yaml``)."""
    root = builtin_dir()
    folders = ["leads"] if kind == "leads" else [*LANGUAGES, "any"]
    files: list[Path] = []
    for folder in folders:
        found = sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []
        if kind != "leads":
            found = [f for f in found if (f.name == CONCEPT_FILE) == (kind == "concepts")]
        files.extend(found)
    return files


def resolve(refs: list[str] | tuple[str, ...], kind: str = "copy") -> list[Path]:
    """Turn ``--pack`` values into pack files: a path (file or folder), a built-in pack name
    (``pricing`` → every language's pricing pack), ``en/pricing``, or a language (``es``).
    No refs means every built-in pack of that kind."""
    if not refs:
        return builtin_pack_files(kind)
    files: list[Path] = []
    builtin = builtin_pack_files(kind)
    for ref in refs:
        path = Path(ref)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.y*ml") if not _hidden(p, path))
            if not found:
                raise PackError(ref, "no pack files (*.yaml) in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            matched = [f for f in builtin if _builtin_matches(f, ref)]
            if not matched:
                names = sorted({f"{f.parent.name}/{f.stem}" for f in builtin})
                raise PackError(ref, "no such pack file, folder or built-in pack (built-in: "
                                + ", ".join(names) + ")")
            files.extend(matched)
    return list(dict.fromkeys(files))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _builtin_matches(file: Path, ref: str) -> bool:
    lang, name = file.parent.name, file.stem
    return ref in (name, lang, f"{lang}/{name}")


def load_packs(refs=(), kind: str = "copy") -> list[Pack]:
    """Load the packs that ``refs`` name (see :func:`resolve`). A user concept file among them
    (``kind: concepts``) is returned as a pack without rules whose concepts extend its language's."""
    from smlint.text import enginecache

    files = resolve(refs, kind)
    key = enginecache.packs_key(kind, files)
    packs = enginecache.load(key, list)
    if packs is None or not all(isinstance(p, Pack) for p in packs):
        packs = [load_pack(f) for f in files]
        _check_unique(packs)
        enginecache.save(key, packs)
    return packs


def load_concepts(packs=()) -> dict[str, dict]:
    """Every language's concepts: the built-in concept files, then the concept packs among
    ``packs`` (a user's definition of a name replaces the built-in one)."""
    out: dict[str, dict] = {}
    sources = [load_pack(f) for f in builtin_pack_files("concepts")]
    sources += [p for p in packs if p.kind == "concepts" and not p.builtin]
    for pack in sources:
        out.setdefault(pack.language, {}).update(pack.concepts)
    return out


def load_pack(path: Path | str, strict: bool | None = None) -> Pack:
    """Load one pack file. ``strict`` (schema validation) defaults to True for user packs."""
    path = Path(path)
    builtin = is_builtin(path)
    if strict is None:
        strict = not builtin
    return _load_pack_cached(str(path), strict, builtin)


@lru_cache(maxsize=None)
def _load_pack_cached(path_str: str, strict: bool, builtin: bool) -> Pack:
    if strict:
        marked = read_marked(path_str, "pack (pack, language, kind, rules …)", cls=PackError)
        _check_kind(marked)
        validate(marked, load_schema(_schema_for(marked)), cls=PackError)
    else:
        marked = _load_trusted(path_str)
        _check_kind(marked)
    return _build_pack(marked, builtin, strict)


def _load_trusted(path_str: str) -> Marked:
    """A built-in pack: the suite validated it, so parse it fast (no marks, no schema), from the
    parse cache when it is there (YAML parsing is a fifth of a cold start; JSON is 20× faster)."""
    from smlint import parsecache

    key = parsecache.key(path_str)
    data = parsecache.get(key)
    if data is None:
        import yaml  # only on a cache miss: a warm start reads JSON and never imports PyYAML

        try:
            text = Path(path_str).read_text(encoding="utf-8")
            data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise PackError(path_str, f"cannot read built-in pack (reinstall smlint): {exc}") from None
        parsecache.put(key, data)
    return Marked(data, path_str)


def _check_kind(marked: Marked) -> None:
    if marked.data.get("kind") == "leads":
        raise marked.error(("kind",), "this is a lead pack: use it with `smlint leads --pack`", cls=PackError)


def _schema_for(marked: Marked) -> str:
    return "concepts.schema.json" if marked.data.get("kind") == "concepts" else "pack.schema.json"


def is_builtin(path: Path) -> bool:
    """True for a pack file shipped with smlint (copy or lead pack)."""
    try:
        path.resolve().relative_to(builtin_dir())
        return True
    except (ValueError, PackError):
        return False


def _build_pack(marked: Marked, builtin: bool, strict: bool = True) -> Pack:
    data = marked.data
    name = data["pack"]
    concepts = _build_concepts(marked)
    rules = []
    seen: dict[str, int] = {}
    for i, spec in enumerate(data.get("rules", ())):
        rid = spec["id"]
        if rid in seen:
            raise marked.error(("rules", i, "id"), f"duplicate rule id {rid!r} (first at rules[{seen[rid]}])",
                               cls=PackError)
        seen[rid] = i
        rules.append(_build_rule(marked, i, spec, data, strict, concepts))
    pack = Pack(name=name, language=data["language"], kind=data["kind"], description=data["description"],
                owner=data.get("owner", ""), path=marked.file, rules=tuple(rules),
                references=tuple(data.get("references", ())), builtin=builtin, concepts=concepts,
                extra={k: data[k] for k in ("example_registry", "example_channel") if k in data})
    if strict:
        _check_matchers(marked, pack)
    return pack


def _build_concepts(marked: Marked) -> dict:
    """The ``concepts:`` of a concept file or of a pack (its own, used before its language's)."""
    from smlint.text.concepts import concept_from

    out = {}
    for name, spec in (marked.data.get("concepts") or {}).items():
        line, _ = marked.where(("concepts", name))
        out[name] = concept_from(name, spec, marked.data["language"],
                                 f"{marked.file}:{line}" if line else marked.file)
    return out


def _check_matchers(marked: Marked, pack: Pack) -> None:
    """Compile every phrase, pattern and concept reference now, against the built-in concepts,
    so a mistake fails at load with its file, line and field, not at first use."""
    from smlint.text.concepts import ConceptStore
    from smlint.text.kinds.base import Builder

    if pack.kind == "concepts":
        store = ConceptStore({**load_concepts(), pack.language: pack.concepts}) if pack.language != "any" \
            else ConceptStore(load_concepts())
        store.prepare()  # every lemma looked up in one pass over the lexicon, not one pass each
        vocab = store.vocabulary(pack.language)
        for name in pack.concepts:
            _compiled(marked, ("concepts", name), lambda: vocab.regex(name))
        return
    store = ConceptStore(load_concepts())
    store.prepare(pack.rules)
    for i, rule in enumerate(pack.rules):
        build = Builder(store.vocabulary(rule.language, rule.concepts))
        for path, value in _matchers(rule.spec):
            if isinstance(value, dict) and value.pop("case_sensitive", False):
                _compiled(marked, ("rules", i, *path), lambda: _case_sensitive(value["pattern"]))
            else:
                _compiled(marked, ("rules", i, *path), lambda: _sources(build, build.matcher(value)))
    for name in pack.concepts:
        vocab = store.vocabulary(pack.language, pack.concepts)
        _compiled(marked, ("concepts", name), lambda: vocab.regex(name))


def _sources(build, ref) -> list[str]:
    """The RE2 sources a matcher compiled to (its plain phrases need no check)."""
    return [build.patterns.sources[pid] for pid in ref.patterns]


def _case_sensitive(source: str) -> None:
    from smlint.text.matcher import compile_pattern

    compile_pattern(source, case_sensitive=True)


def _compiled(marked: Marked, path: tuple, compile_it) -> None:
    from smlint.text.matcher import PatternError, compile_pattern

    try:
        out = compile_it()
        for source in [out] if isinstance(out, str) else out or ():
            compile_pattern(source)
    except (PackError, PatternError) as exc:
        raise marked.error(path, getattr(exc, "message", str(exc)), cls=PackError) from None


def _matchers(spec: dict):
    """(field path, matcher) for every trigger, disclosure, exception, context and pattern of a rule."""
    if "pattern" in spec:
        yield ("pattern",), {"pattern": spec["pattern"], "case_sensitive": bool(spec.get("case_sensitive"))}
    for key in ("phrases", "exceptions"):
        if spec.get(key):
            yield (key,), {"phrases": spec[key]}
    for key in ("trigger", "disclosure", "context"):
        value = spec.get(key)
        many = isinstance(value, list) and key == "disclosure"
        for j, item in enumerate(value if many else [value]):
            sub = (key, j) if many else (key,)
            if isinstance(item, str):
                yield sub, item
            elif isinstance(item, list):  # context: a list of phrases
                yield sub, {"phrases": item}
            elif isinstance(item, dict):
                for part in ("phrases", "pattern"):
                    if part in item:
                        yield (*sub, part), {part: item[part]}


_COMMON_KEYS = {"id", "kind", "severity", "message", "description", "why", "suggest", "references",
                "owner", "category", "aliases", "examples"}


def _build_rule(marked: Marked, i: int, spec: dict, pack: dict, strict: bool = True,
                concepts: dict | None = None) -> Rule:
    from smlint.text.kinds import KINDS

    kind = KINDS[spec["kind"]]
    allowed = {"match"} | set(kind.placeholders)
    for key in ("message", "suggest"):
        if key in spec:
            _check_placeholders(marked, ("rules", i, key), spec[key], allowed)
    if spec.get("safe"):
        _check_safe_swaps(marked, i, spec["swap"])
    line, _ = marked.where(("rules", i))
    return Rule(
        id=f"{pack['pack']}/{spec['id']}",
        pack=pack["pack"],
        kind=spec["kind"],
        severity=Severity.parse(spec["severity"]),
        message=spec["message"],
        description=spec["description"],
        why=spec["why"],
        language=pack["language"],
        owner=spec.get("owner", pack["owner"]),
        category=spec.get("category", pack.get("category", pack["pack"])),
        suggest=spec.get("suggest"),
        references=tuple(spec.get("references", pack.get("references", ()))),
        aliases=tuple(spec.get("aliases", ())),
        examples=spec["examples"],
        spec={k: v for k, v in spec.items() if k not in _COMMON_KEYS},
        source=f"{marked.file}:{line}" if line else marked.file,
        concepts=concepts or {},
    )


def _check_safe_swaps(marked: Marked, i: int, swap: dict) -> None:
    """A ``safe: true`` substitution's replacements are plain words that it does not flag itself,
    so ``--fix`` can make them in any reader and a second run changes nothing (smlint/fix.py)."""
    import re

    from smlint.fix import replacement_problem
    from smlint.text.normalize import fold

    flagged = sorted({fold(bad.casefold()) for bad in swap})
    for bad, good in swap.items():
        problem = replacement_problem(good)
        folded = fold(good.casefold())
        again = [b for b in flagged if re.search(rf"(?<!\w){re.escape(b)}(?!\w)", folded)]
        if problem is None and again:
            problem = (f"the replacement holds {again[0]!r}, which this rule flags: a second --fix would "
                       "change it again")
        if problem:
            raise marked.error(("rules", i, "swap", bad), problem, cls=PackError)


def _check_placeholders(marked: Marked, path: tuple, text: str, allowed: set[str]) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise marked.error(path, f"bad placeholder syntax: {exc} (write {{{{ for a literal brace)",
                           cls=PackError) from None
    for name in names:
        if name not in allowed:
            raise marked.error(path, f"unknown placeholder {{{name}}} (this kind allows: "
                               + ", ".join("{" + a + "}" for a in sorted(allowed)) + ")", cls=PackError)


def _check_unique(packs: list[Pack]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for pack in packs:
        for rule in pack.rules:
            key = (pack.language, rule.id)
            if key in seen and seen[key] != pack.path:
                raise PackError(pack.path, f"rule id {rule.id!r} is also defined in {seen[key]}")
            seen[key] = pack.path


def named(rule: Rule, globs) -> bool:
    """Whether one of ``globs`` names ``rule``, by its id or a former id (an alias)."""
    return any(fnmatch.fnmatchcase(n, g) for n in (rule.id, *rule.old_ids) for g in globs)


def select_rules(packs: list[Pack], select=(), ignore=()) -> list[Rule]:
    """The rules that ``--select`` / ``--ignore`` globs keep (ids or aliases)."""
    return [rule for pack in packs for rule in pack.rules
            if (not select or named(rule, select)) and not named(rule, ignore)]


def unmatched_glob(glob: str, rules) -> str | None:
    """None when ``glob`` matches the id or an alias of one of ``rules``; else why not, with the
    closest ids (ruff, eslint and Vale refuse a rule selector that names no rule, too)."""
    names = _names(rules)
    if any(fnmatch.fnmatchcase(n, glob) for n in names):
        return None
    return f"{glob!r} matches no rule{_did_you_mean(glob, names)}"


def closest_rules(glob: str, rules) -> str:
    """``; did you mean 'a'?`` (or where the ids are listed) for a glob or id naming none of ``rules``."""
    return _did_you_mean(glob, _names(rules))


def _names(rules) -> list[str]:
    return sorted({n for rule in rules for n in (rule.id, *rule.old_ids)})


def _did_you_mean(glob: str, names: list[str]) -> str:
    """``; did you mean 'a' or 'b'?``: the ``pack/*`` globs closest to a glob, the ids closest to
    an id (then the other kind), only those nearly as close as the best one."""
    import difflib

    packs = sorted({n.split("/", 1)[0] + "/*" for n in names})
    first, then = (packs, names) if any(c in glob for c in "*?[") else (names, packs)
    close = difflib.get_close_matches(glob, first, n=3, cutoff=0.75) or \
        difflib.get_close_matches(glob, then, n=3, cutoff=0.75)
    if close:
        best = difflib.SequenceMatcher(None, glob, close[0]).ratio()
        close = [c for c in close if difflib.SequenceMatcher(None, glob, c).ratio() >= best - 0.05]
        return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return (" (ids are PACK/RULE-ID; the packs are " + ", ".join(p[:-2] for p in packs)
            + "; `smlint rules list` lists every rule)")


def find_rule(packs: list[Pack], rule_id: str) -> list[Rule]:
    """Rules whose id (or alias) is ``rule_id``; one per language at most."""
    return [r for p in packs for r in p.rules
            if rule_id == r.id or rule_id in r.old_ids]
