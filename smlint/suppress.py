"""Inline suppression directives, applied after checking (STYLE.md habit 9).

Rules never see directives. A reader records where comments are (``Document.comments``);
this module parses the directives in them and drops the findings they cover:

- ``smlint-disable [ids…]`` … ``smlint-enable [ids…]``: a block, from the comment to the
  matching enable (or the end of the file);
- ``smlint-disable-next-line [ids…]``: findings starting on the next line (or, for CSV,
  in the record starting there);
- ``smlint-disable-line [ids…]``: findings starting on the comment's own line(s).

Ids are rule ids or globs (``pricing/*``); no ids means every rule. Anything after
`` -- `` is the reason. Strict, never forgiving: an unknown directive, an id that is not
``pack/rule`` shaped or names no rule is reported as ``smlint/bad-directive`` (warning)
and suppresses nothing (never widened into "disable everything"); a directive or id
that suppressed nothing is reported as ``smlint/unused-suppression`` (info).
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from smlint.model import Finding, Location, Severity
from smlint.text.document import Document

BAD_DIRECTIVE = "smlint/bad-directive"
UNUSED = "smlint/unused-suppression"
VERBS = ("disable-next-line", "disable-line", "disable", "enable")

_START = re.compile(r"\s*smlint[-:]")
_VERB = re.compile(r"smlint-([\w-]*)")
_ID = re.compile(r"^[a-z0-9*?\[\]][\w*?\[\].-]*/[\w*?\[\].-]+$")
_COMMENT_MARKUP = re.compile(r"^\s*(?:<!--|#+|//|--|;)\s*|\s*(?:-->)\s*$")


@dataclass
class Directive:
    """One parsed directive: what it does, to which ids, where it is."""

    verb: str
    ids: tuple[str, ...]          # empty = every rule
    start: int                    # source span of the comment
    end: int
    line: int
    end_line: int
    used: set = field(default_factory=set)   # ids (or "*") that suppressed a finding
    close: int | None = None      # for disable: source offset of the matching enable


@dataclass(frozen=True)
class RuleIds:
    """The rule ids a directive may name: every loaded rule, and the active (selected) ones."""

    known: frozenset[str]
    active: frozenset[str] = frozenset()
    aliases: tuple[tuple[str, str], ...] = ()  # (old id, current id): a renamed rule keeps working

    def matches(self, pattern: str, among: frozenset[str] | None = None) -> bool:
        return any(fnmatch.fnmatchcase(rid, pattern) for rid in (self.known if among is None else among))


def apply(doc: Document, findings: list[Finding], ids: RuleIds) -> list[Finding]:
    """The findings left after the directives in ``doc``, plus findings about the directives."""
    if not doc.comments:
        return findings
    directives, problems = parse_directives(doc, ids)
    if not directives and not problems:
        return findings
    kept = [f for f in findings if not _suppressed(doc, f, directives)]
    return sorted(kept + problems + _unused(doc, directives, ids), key=Finding.sort_key)


# ---------------------------------------------------------------- parsing


def parse_directives(doc: Document, ids: RuleIds) -> tuple[list[Directive], list[Finding]]:
    """Every directive in the document's comments, and a finding for each bad one."""
    directives: list[Directive] = []
    problems: list[Finding] = []
    for start, end in doc.comments:
        body = _COMMENT_MARKUP.sub("", doc.source[start:end])
        if not _START.match(body):
            continue
        directive, errors = _parse(body.strip(), ids)
        for message in errors:
            problems.append(_meta(doc, BAD_DIRECTIVE, Severity.WARNING, message, start, end))
        if directive is not None:
            line, end_line = doc.lines.position(start)[0], doc.lines.position(max(start, end - 1))[0]
            directive.start, directive.end, directive.line, directive.end_line = start, end, line, end_line
            directives.append(directive)
    _pair_blocks(doc, directives, problems)
    return directives, problems


def _parse(text: str, ids: RuleIds) -> tuple[Directive | None, list[str]]:
    """One directive from a comment body; bad ids are dropped (and reported), never widened."""
    text = text.split(" -- ", 1)[0].strip()
    verb = _VERB.match(text)
    if verb is None or verb.group(1) not in VERBS:
        shown = text.split()[0] if text.split() else text
        return None, [f"unknown directive {shown!r}: expected one of "
                      + ", ".join(f"smlint-{v}" for v in VERBS)]
    tokens = [t for t in re.split(r"[\s,]+", text[verb.end():]) if t]
    good, errors = [], []
    for token in tokens:
        problem = _check_id(token, ids)
        if problem:
            errors.append(problem)
        else:
            good.append(dict(ids.aliases).get(token, token))
    if tokens and not good:
        return None, errors  # every id was bad: suppress nothing rather than everything
    return Directive(verb.group(1), tuple(good), 0, 0, 0, 0), errors


def _check_id(token: str, ids: RuleIds) -> str | None:
    if not _ID.match(token):
        hint = f" (did you mean '{token}/*'?)" if "/" not in token and re.fullmatch(r"[a-z0-9-]+", token) else ""
        return f"{token!r} is not a rule id or glob like 'pack/rule' or 'pack/*'{hint}; write a reason after ' -- '"
    if not ids.matches(token):
        return f"{token!r} names no rule of the loaded packs"
    return None


def _pair_blocks(doc: Document, directives: list[Directive], problems: list[Finding]) -> None:
    """Close each ``disable`` at the first later ``enable`` that names it (or names nothing)."""
    open_blocks: list[Directive] = []
    for d in directives:
        if d.verb == "disable":
            open_blocks.append(d)
        elif d.verb == "enable":
            closing = [b for b in open_blocks if not d.ids or b.ids == d.ids or set(d.ids) & set(b.ids)]
            if not closing:
                problems.append(_meta(doc, BAD_DIRECTIVE, Severity.WARNING,
                                      "smlint-enable without a matching smlint-disable before it", d.start, d.end))
            for b in closing:
                b.close = d.start
                open_blocks.remove(b)


# ---------------------------------------------------------------- applying


def _suppressed(doc: Document, finding: Finding, directives: list[Directive]) -> bool:
    """Does any directive cover this finding? Marks the ids that did, for the unused check."""
    loc = finding.location
    offset = _offset(doc, loc)
    hit = False
    for d in directives:
        if d.verb == "enable" or not _covers(d, loc, offset):
            continue
        matched = [i for i in d.ids if fnmatch.fnmatchcase(finding.rule, i)] if d.ids else ["*"]
        if matched:
            d.used.update(matched)
            hit = True
    return hit


def _covers(d: Directive, loc: Location, offset: int) -> bool:
    if d.verb == "disable":
        return offset >= d.end and (d.close is None or offset < d.close)
    if d.verb == "disable-line":
        return d.line <= loc.line <= d.end_line
    return loc.line == d.end_line + 1 or loc.row == d.end_line + 1  # disable-next-line


def _offset(doc: Document, loc: Location) -> int:
    starts = doc.lines.starts
    if loc.line - 1 >= len(starts):
        return len(doc.source)
    return starts[loc.line - 1] + loc.column - 1


def _unused(doc: Document, directives: list[Directive], ids: RuleIds) -> list[Finding]:
    """An info finding per directive id that suppressed nothing (only ids of active rules count)."""
    out = []
    for d in directives:
        if d.verb == "enable":
            continue
        if not d.ids:
            if "*" not in d.used:
                out.append(_meta(doc, UNUSED, Severity.INFO,
                                 f"smlint-{d.verb} suppressed nothing; remove it", d.start, d.end))
            continue
        for i in d.ids:
            if i not in d.used and (not ids.active or ids.matches(i, ids.active)):
                out.append(_meta(doc, UNUSED, Severity.INFO,
                                 f"smlint-{d.verb} {i} suppressed nothing; remove it", d.start, d.end))
    return out


def _meta(doc: Document, rule: str, severity: Severity, message: str, start: int, end: int) -> Finding:
    """A finding about a directive itself, located at its comment."""
    from smlint.text.engine import fingerprint

    line, col = doc.lines.position(start)
    end_line, end_col = doc.lines.position(end)
    text = doc.source[start:end]
    return Finding(rule=rule, severity=severity, message=message,
                   location=Location(doc.path, line, col, end_line, end_col), match=text,
                   pack="smlint", owner="", category="suppression",
                   fingerprint=fingerprint(rule, " ".join(text.split()), message, 1))
