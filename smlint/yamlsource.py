"""Load YAML keeping the line and column of every value, and validate it with JSON Schema.

Packs, the config and the claims registry are all YAML that users write by hand, so every
error must point at ``file:line:col`` and name the field path (``rules[3].trigger.phrases``)
— STYLE.md habit 3.  ``yaml.compose`` gives the node tree with marks; we build plain
Python data from it and keep a ``path → (line, column)`` table next to it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

try:  # the C loader is several times faster where PyYAML was built with libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from smlint.errors import SourceError

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


def load_yaml(text: str, file: str, cls=SourceError) -> Marked:
    """Parse ``text`` as one YAML document; syntax errors become ``cls`` with the position."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise cls(file, f"invalid YAML: {exc.problem or exc.context}", line, col) from None
    except yaml.YAMLError as exc:
        raise cls(file, f"invalid YAML: {exc}") from None
    marked = Marked(None, file)
    if node is None:
        return marked
    constructor = yaml.SafeLoader("")
    marked.data = _build(node, (), marked, constructor, cls)
    return marked


def _build(node, path: Path, marked: Marked, constructor, cls) -> Any:
    marked.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise cls(marked.file, "mapping keys must be plain values",
                          key_node.start_mark.line + 1, key_node.start_mark.column + 1, format_path(path) or None)
            if key in out:
                raise cls(marked.file, f"duplicate key {key!r}", key_node.start_mark.line + 1,
                          key_node.start_mark.column + 1, format_path(path + (key,)))
            marked.key_marks[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _build(value_node, path + (key,), marked, constructor, cls)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), marked, constructor, cls) for i, item in enumerate(node.value)]
    try:
        value = constructor.construct_object(node, deep=True)
    except ValueError:  # an impossible date (2027-02-30): keep the text; the caller says what is wrong
        return node.value
    if hasattr(value, "isoformat"):  # YAML dates: keep them as the text the user wrote
        return node.value
    return value


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
