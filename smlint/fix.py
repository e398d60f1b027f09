"""Safe fixes: ``smlint check --fix`` writes them, ``--diff`` shows them (issue 15).

A rule offers a fix only when its pack marks its substitution ``safe: true`` (docs/packs.md):
then each finding carries a :class:`~smlint.model.Fix`, the replacement for the exact source
characters it points at. Everything else stays a suggestion. A fix is made only where an edit
of the text is exactly an edit of the copy:

- in plain text, Markdown (not its YAML front matter) and HTML; never CSV, YAML/JSON or DOCX,
  whose cells, quoting and zip parts a text edit could break;
- where the source characters are the prose itself (no entity, tag or Markdown markup inside the
  match), so the replacement cannot cut markup in two;
- with a replacement of plain words (checked when the pack loads), cased like the match
  (``World-class`` → ``First-rate``), and in HTML with quotes escaped (it may sit in an attribute).

The file keeps its encoding (UTF-8, with its BOM if it had one) and its line endings: only the
characters of each match change. Fixes are applied until none is left (a fix skipped because it
overlapped another is made on the next pass; a later pass only touches what the one before
changed), at most MAX_PASSES times, so a second run changes nothing. Suppressed, baselined and
(with ``--diff-base``) unchanged-line findings never reach this module: they are dropped first.
"""
from __future__ import annotations

import codecs
import difflib
import html
import os
import re
import tempfile
from dataclasses import dataclass
from typing import Callable

from smlint.model import Finding, Fix

FIXABLE_KINDS = frozenset({"text", "markdown", "html"})  # Document.kind of the readers fixes may edit
MAX_PASSES = 10

# What a safe replacement may hold: words, spaces and punctuation that is markup in neither
# Markdown nor HTML (no * _ ` [ ] < > & # | ~ \ { }), and no line break.
_PLAIN_PUNCTUATION = frozenset(" -'’.,;:!?%€$£()/+")


def replacement_problem(text: str) -> str | None:
    """Why ``text`` cannot be a safe replacement, or None (used when packs load)."""
    if not text or text != text.strip():
        return "a safe replacement must not be empty or start or end with a space"
    if not text[0].isalnum():
        return "a safe replacement must start with a letter or a digit (else it could start a list or a heading)"
    odd = sorted({c for c in text if not (c.isalnum() and c != "_") and c not in _PLAIN_PUNCTUATION})
    if odd:
        return (f"a safe replacement is plain words: {''.join(odd)!r} could be markup in Markdown or HTML "
                "(or a line break); leave `safe` out to keep it a suggestion")
    return None


def match_case(matched: str, replacement: str) -> str:
    """``replacement`` cased like ``matched``: all capitals stay capitals, a capital first letter stays."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if matched[:1].isupper() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def fix_for(doc, start: int, end: int, replacement: str) -> Fix | None:
    """The Fix for view span [start, end) of ``doc``, or None where a text edit is not safe."""
    if doc.kind not in FIXABLE_KINDS:
        return None
    s, e = doc.source_span(start, end)
    matched = doc.source[s:e]
    if matched != doc.view[start:end]:
        return None  # an entity, a tag or markup inside the match
    if doc.kind == "markdown" and s < _front_matter_end(doc.source):
        return None  # YAML: quoting rules a plain edit could break
    text = match_case(matched, replacement)
    return Fix(s, e, html.escape(text, quote=True) if doc.kind == "html" else text)


_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.S)


def _front_matter_end(source: str) -> int:
    m = _FRONT_MATTER.match(source)
    return m.end() if m else 0


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, int]:
    """``text`` with the fixes of ``findings`` made, in order (of two starting together, the longer
    first, as the engine prefers the longer match), and how many; a fix overlapping one already
    made, or whose span no longer holds its match (the file changed), is left out."""
    fixed, spans = _apply(text, findings)
    return fixed, len(spans)


def _apply(text: str, findings: list[Finding]) -> tuple[str, list[tuple[int, int]]]:
    """:func:`apply_fixes`, giving the span of each replacement in the new text."""
    out, pos, shift, spans = [], 0, 0, []
    for f in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.fix.start, -f.fix.end)):
        fix = f.fix
        if fix.start < pos or text[fix.start:fix.end] != f.match:
            continue
        out += [text[pos:fix.start], fix.replacement]
        start = fix.start + shift
        spans.append((start, start + len(fix.replacement)))
        shift += len(fix.replacement) - (fix.end - fix.start)
        pos = fix.end
    return "".join(out) + text[pos:], spans


def _touching(findings: list[Finding], spans: list[tuple[int, int]]) -> list[Finding]:
    """The fixable findings that touch a replacement just made: a fix the pass left out because
    it overlapped one it made, or a match the new words make. The others were judged already
    (fixed, or not to be fixed: outside --diff-base, baselined, suppressed)."""
    return [f for f in findings if f.fix is not None
            and any(f.fix.start <= end and f.fix.end >= start for start, end in spans)]


@dataclass(frozen=True)
class FileFix:
    """What fixing one file gives: its text before and after, and how many findings were fixed."""

    path: str
    before: str
    after: str
    fixed: int
    bom: bool = False
    stable: bool = True  # False: fixes were still possible after MAX_PASSES (a rule undoing another)


def fix_files(findings: list[Finding], read: Callable[[str], str | None],
              recheck: Callable[[str, str], list[Finding]], max_passes: int = MAX_PASSES) -> list[FileFix]:
    """Fix every file with fixable findings, in memory, until no fix is left.

    ``read(path)`` gives the file's raw text (a BOM kept; None: it cannot be read now, so it is
    left as it is); ``recheck(path, text)`` the findings of
    the text as it would be (the file's own settings), to find the fixes a pass left out: those
    touching a replacement it made, never others (a finding the run did not report stays)."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is not None:
            by_path.setdefault(f.path, []).append(f)
    changes = []
    for path in sorted(by_path):
        raw = read(path)
        if raw is None:
            continue
        bom = raw.startswith(codecs.BOM_UTF8.decode("utf-8"))
        before = raw[1:] if bom else raw
        text, fixed, pending = before, 0, by_path[path]
        for _ in range(max_passes):
            text, spans = _apply(text, pending)
            fixed += len(spans)
            pending = _touching(recheck(path, text), spans) if spans else []
            if not pending:
                break
        if text != before:
            changes.append(FileFix(path, before, text, fixed, bom, stable=not pending))
    return changes


def write_fix(change: FileFix) -> None:
    """Replace the file with its fixed text: same encoding, BOM and line endings, same permissions;
    written to a temporary file next to it first, so an interrupted write never leaves half a file."""
    data = (codecs.BOM_UTF8 if change.bom else b"") + change.after.encode("utf-8")
    folder = os.path.dirname(os.path.abspath(change.path))
    mode = os.stat(change.path).st_mode
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".smlint-fix-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, change.path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def unified_diff(change: FileFix) -> str:
    """The change as ``git diff`` shows it (``a/PATH``, ``b/PATH``, three lines of context). Lines
    end where smlint's positions end them (CRLF, LF, CR); a last line without one is marked; a BOM
    stays on the first line, so ``git apply`` and ``patch`` find the file's own bytes."""
    bom = "\ufeff" if change.bom else ""
    before, after = _LINES.findall(bom + change.before), _LINES.findall(bom + change.after)
    out = []
    for line in difflib.unified_diff(before, after, f"a/{change.path}", f"b/{change.path}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
