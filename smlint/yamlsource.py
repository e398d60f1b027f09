"""Load YAML keeping the line and column of every value, and validate it with JSON Schema.

Packs, the config and the claims registry are all YAML that users write by hand, so every
error must point at ``file:line:col`` and name the field path (``rules[3].trigger.phrases``)
— STYLE.md habit 3.  ``yaml.compose`` gives the node tree with marks; we build plain
Python data from it and keep a ``path → (line, column)`` table next to it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from smlint.errors import SourceError

yaml = None  # PyYAML: imported by load_yaml, which every YAML read goes through (issue 14)

Path = tuple  # a JSON path: ("rules", 3, "trigger")


def format_path(path: Path) -> str:
    """``("rules", 3, "trigger")`` → ``rules[3].trigger``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Marked:
    """YAML data plus where each value (and each mapping key) stands in the file."""

    data: Any
    file: str
    marks: dict = field(default_factory=dict)      # path -> (line, col) of the value
    key_marks: dict = field(default_factory=dict)  # path -> (line, col) of the key

    def where(self, path: Path, key: bool = False) -> tuple[int | None, int | None]:
        """The closest known position of ``path`` (walking up to its parents)."""
        table = self.key_marks if key else self.marks
        p = tuple(path)
        while True:
            if p in table:
                return table[p]
            if not p:
                return (None, None)
            p = p[:-1]

    def error(self, path: Path, message: str, key: bool = False, cls=SourceError) -> SourceError:
        line, col = self.where(path, key=key)
        return cls(self.file, message, line, col, format_path(path) or None)


# Bounds for hand-written YAML (packs, smlint.yaml, claims.yaml): a 477-byte "billion laughs"
# file grows to gigabytes when its aliases are expanded (issue 12), and deep nesting exhausts the
# stack of every recursive walk after the load. No hand-written file comes near either bound.
ALIAS_EXPANSION_LIMIT = 100_000  # values built through aliases, all aliases of one file together
MAX_DEPTH = 100                  # levels of nested lists and mappings

# The only YAML tags smlint files need: plain strings, numbers, booleans, null, dates (kept as
# the text written), lists and mappings. Anything else (``!!python/name:…``, ``!!binary``,
# ``!!set``, a local ``!tag``) is refused at its line rather than constructed.
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


def load_yaml(text: str, file: str, cls=SourceError) -> Marked:
    """Parse ``text`` as one YAML document; syntax errors become ``cls`` with the position."""
    global yaml
    import yaml  # when a YAML file is first read: a warm ``smlint check`` without a config reads none

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader, where PyYAML has libyaml
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise cls(file, f"invalid YAML: {exc.problem or exc.context}", line, col) from None
    except yaml.YAMLError as exc:
        raise cls(file, f"invalid YAML: {exc}") from None
    marked = Marked(None, file)
    if node is None:
        return marked
    marked.data = _Builder(marked, cls).build(node, (), 0)
    return marked


class _Builder:
    """Plain Python data from the node tree, recording marks, within the bounds above."""

    def __init__(self, marked: Marked, cls) -> None:
        self.marked, self.cls = marked, cls
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()  # nodes built once: meeting one again is an alias
        self.expanded = 0

    def fail(self, node, path: Path, message: str) -> SourceError:
        mark = node.start_mark
        return self.cls(self.marked.file, message, mark.line + 1, mark.column + 1, format_path(path) or None)

    def build(self, node, path: Path, depth: int, aliased: bool = False) -> Any:
        self.marked.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        aliased = aliased or id(node) in self.seen
        self.seen.add(id(node))
        if aliased:
            self.expanded += 1
            if self.expanded > ALIAS_EXPANSION_LIMIT:
                raise self.fail(node, path, f"too many aliases: alias expansion over {ALIAS_EXPANSION_LIMIT:,} "
                                            "nodes (a YAML alias bomb?); write the values out")
        if depth > MAX_DEPTH:
            raise self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            self.check_tag(node, path, _CORE + "map")
            return self.mapping(node, path, depth, aliased)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, path, _CORE + "seq")
            return [self.build(item, path + (i,), depth + 1, aliased) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node, path: Path, depth: int, aliased: bool) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, "mapping keys must be plain values")
            if key_node.tag == _CORE + "merge":
                raise self.fail(key_node, path, "YAML merge keys (<<) are not supported here: write the keys out")
            key = self.scalar(key_node, path)
            if key in out:
                raise self.fail(key_node, path + (key,), f"duplicate key {key!r}")
            mark = key_node.start_mark
            self.marked.key_marks[path + (key,)] = (mark.line + 1, mark.column + 1)
            out[key] = self.build(value_node, path + (key,), depth + 1, aliased)
        return out

    def scalar(self, node, path: Path) -> Any:
        self.check_tag(node, path, None)
        if node.tag == _CORE + "timestamp":  # YAML dates: keep them as the text the user wrote
            return node.value                 # (an impossible one, 2027-02-30, too: the caller says why)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, TypeError) as exc:  # !!bool maybe, !!int abc
            detail = "" if isinstance(exc, KeyError) else f" ({getattr(exc, 'problem', None) or exc})"
            raise self.fail(node, path, f"{node.value!r} is not a valid {_shown_tag(node.tag)}{detail}") from None

    def check_tag(self, node, path: Path, expected: str | None) -> None:
        ok = node.tag in _SCALAR_TAGS if expected is None else node.tag == expected
        if not ok:
            raise self.fail(node, path, f"YAML tag {_shown_tag(node.tag)!r} is not allowed here (smlint files hold "
                                        "plain strings, numbers, booleans, lists and mappings)")


def _shown_tag(tag: str) -> str:
    """``tag:yaml.org,2002:python/name:os.system`` → ``!!python/name:os.system`` (as it was written)."""
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def read_marked(path, what: str, cls=SourceError) -> Marked:
    """Read a hand-written YAML file (UTF-8, a BOM is fine) that must be a mapping.

    ``what`` names the file in messages ("pack", "claims registry"); unreadable files,
    YAML errors and a non-mapping top level all become ``cls`` with the position.
    """
    path_str = str(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise cls(path_str, f"cannot read the {what}: {exc}") from None
    marked = load_yaml(text, path_str, cls=cls)
    if not isinstance(marked.data, dict):
        raise marked.error((), f"the {what} must be a YAML mapping", cls=cls)
    return marked


def load_schema(name: str) -> dict:
    """A JSON Schema shipped inside the package (``smlint/schemas/NAME``)."""
    from importlib import resources  # 7 ms of imports (tempfile, shutil …) a warm check never needs

    return json.loads(resources.files("smlint.schemas").joinpath(name).read_text(encoding="utf-8"))


def validate(marked: Marked, schema: dict, cls=SourceError) -> None:
    """Raise the first (best) schema error as ``cls`` pointing at the offending line and field."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(marked.data), key=_error_order)
    if not errors:
        return
    raise _to_source_error(marked, errors[0], cls)


def _error_order(err) -> tuple:
    return (-len(err.absolute_path), str(err.absolute_path))


def _to_source_error(marked: Marked, err, cls) -> SourceError:
    import jsonschema

    best = jsonschema.exceptions.best_match([err]) or err
    path = tuple(best.absolute_path)
    message = best.message
    if best.validator in ("additionalProperties", "unevaluatedProperties"):
        extra = [k for k in (best.instance or {}) if k not in best.schema.get("properties", {})]
        if extra:
            return marked.error(path + (extra[0],), f"unknown key {extra[0]!r}"
                                + _allowed(best.schema), key=True, cls=cls)
    if best.validator == "enum":
        message = f"{best.instance!r} is not one of {', '.join(map(str, best.validator_value))}"
    return marked.error(path, message, cls=cls)


def _allowed(schema: dict) -> str:
    names = sorted(schema.get("properties", {}))
    return f" (allowed: {', '.join(names)})" if names else ""
