"""Expectation comments in annotated fixtures (STYLE.md habit 5), parsed independently of smlint.

Grammar, anywhere in a line (inside the format's own comment syntax):

- ``expect: RULE `TEXT` `` – a finding of RULE whose match is TEXT on the target line;
  its column is where TEXT first occurs in that line (so the fixture states the position
  by showing it, and the test asserts line, column, end line and end column exactly);
- ``expect: RULE @L:C-L:C`` – a finding at an explicit span (for matches across lines,
  or on a directive comment itself);
- ``ok`` – no finding on the target line;
- ``todo-expect: …`` / ``todo-ok`` – known misses / known false positives: allowed, not required.

The target line is the annotation's own line when it trails other content, else the next
line without an annotation. Plain-text fixtures, which have no comments, keep their
annotations in a sidecar ``NAME.expect`` with lines ``LINE: expect: …``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_ITEM = re.compile(r"(todo-)?expect:\s*(\S+)\s+(?:`([^`]+)`|@(\d+):(\d+)-(\d+):(\d+))")
_OK = re.compile(r"(?<![\w-])(todo-)?ok(?![\w-])")
_ANNOTATION = re.compile(r"(<!--\s*(?:todo-)?(?:expect:|ok\b).*?-->|#\s*(?:todo-)?(?:expect:|ok\b).*$"
                         r"|\"_expect\"\s*:\s*\".*?\",?)")


@dataclass(frozen=True)
class Expected:
    rule: str
    line: int
    column: int
    end_line: int
    end_column: int
    todo: bool = False


@dataclass
class Expectations:
    findings: list[Expected]
    ok_lines: set[int]
    todo_ok_lines: set[int]


def parse(path: Path, text: str) -> Expectations:
    lines = text.splitlines()
    sidecar = path.with_name(path.name + ".expect")
    if sidecar.exists():
        notes = {}
        for raw in sidecar.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                number, note = raw.split(":", 1)
                notes[int(number)] = note
        return _collect(lines, notes, {n: n for n in notes})
    notes = {i + 1: line for i, line in enumerate(lines) if _ITEM.search(line) or _is_ok(line)}
    return _collect(lines, notes, {n: _target(lines, n, notes) for n in notes})


def _is_ok(line: str) -> bool:
    m = _ANNOTATION.search(line)
    return bool(m and _OK.search(m.group()) and "expect:" not in m.group())


def _target(lines: list[str], number: int, notes: dict) -> int:
    rest = _ANNOTATION.sub("", lines[number - 1]).strip().strip(",")
    if rest:
        return number
    nxt = number + 1
    while nxt in notes and not _ANNOTATION.sub("", lines[nxt - 1]).strip().strip(","):
        nxt += 1
    return nxt


def _collect(lines: list[str], notes: dict[int, str], targets: dict[int, int]) -> Expectations:
    out = Expectations([], set(), set())
    for number, note in notes.items():
        target = targets[number]
        for m in _ITEM.finditer(note):
            out.findings.append(_expected(lines, target, m))
        if not _ITEM.search(note):
            ok = _OK.search(note)
            (out.todo_ok_lines if ok and ok.group(1) else out.ok_lines).add(target)
    return out


def _expected(lines: list[str], target: int, m: re.Match) -> Expected:
    todo, rule, text = bool(m.group(1)), m.group(2), m.group(3)
    if text is None:
        a, b, c, d = (int(m.group(i)) for i in range(4, 8))
        return Expected(rule, a, b, c, d, todo)
    column = lines[target - 1].find(text)
    if column < 0:
        raise AssertionError(f"line {target}: `{text}` is not on the line the expectation targets")
    return Expected(rule, target, column + 1, target, column + 1 + len(text), todo)
