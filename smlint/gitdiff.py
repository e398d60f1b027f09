"""``--diff-base REF``: keep only findings on lines added or changed since the merge base with REF.

Three-dot semantics, as a pull request shows it: the changes are those between
``git merge-base REF HEAD`` and the working tree, so a gate on a feature branch ignores what
landed on ``main`` meanwhile, and a writer running it locally also sees uncommitted edits.
Untracked (new, not ignored) files count as changed in full. We ask ``git`` itself rather than
reimplementing its diff, so renames, CRLF and attributes behave as the user's git does.
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from smlint.errors import SmlintError
from smlint.model import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_BREAK = re.compile(rb"\r\n|\r|\n")  # as smlint.text.document.LineIndex counts lines
_LONE_CR = re.compile(rb"\r(?!\n)")


@dataclass(frozen=True)
class ChangedLines:
    """Per repository-relative path, the line numbers added or changed; ``whole``: new files.

    Line numbers are git's, which ends a line only at LF. smlint also ends one at a lone CR (old
    Mac files, some exports), so for a file holding one its finding lines are mapped to git's
    first (a CR-only file is one line to git: any change in it touches every finding)."""

    root: str
    base: str
    lines: dict
    whole: frozenset = frozenset()
    _git_lines: dict = field(default_factory=dict, compare=False, repr=False)  # path -> map or None

    def touches(self, finding: Finding) -> bool:
        """True when any line of the finding's span was added or changed."""
        rel = self.relative(finding.path)
        if rel is None:
            return False
        if rel in self.whole:
            return True
        changed = self.lines.get(rel)
        if not changed:
            return False
        first, last = finding.line, max(finding.line, finding.end_line)
        to_git = self._line_map(rel)
        if to_git is not None:
            first, last = (to_git[min(n, len(to_git)) - 1] for n in (first, last))
        return any(n in changed for n in range(first, last + 1))

    def relative(self, path: str) -> str | None:
        rel = os.path.relpath(os.path.realpath(path), self.root)
        return None if rel.startswith("..") else rel.replace(os.sep, "/")

    def _line_map(self, rel: str) -> list[int] | None:
        """For a file with a lone CR: git's line number of each of smlint's lines; else None."""
        if rel not in self._git_lines:
            try:
                data = (Path(self.root) / rel).read_bytes()
            except OSError:
                data = b""
            self._git_lines[rel] = git_line_numbers(data) if _LONE_CR.search(data) else None
        return self._git_lines[rel]


def git_line_numbers(data: bytes) -> list[int]:
    """Git's (LF-counted) line number of each line as smlint counts lines (CRLF, CR, LF)."""
    numbers, line = [1], 1
    for m in _BREAK.finditer(data):
        line += m.group().endswith(b"\n")
        numbers.append(line)
    return numbers


def git(args: list[str], cwd: str = ".") -> str:
    """Run git and return its output; failures become a clear SmlintError (exit 2).

    The output is decoded here, not by ``text=True``: its universal newlines would turn each CR
    of a file's content in the diff into a line break of the diff."""
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True,
                              check=False)
    except FileNotFoundError:
        raise SmlintError("--diff-base needs git, and git is not installed") from None
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace").strip()
        raise SmlintError(f"git {args[0]} failed: {stderr or done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def changed_lines(ref: str, cwd: str = ".") -> ChangedLines:
    """Lines changed since the merge base of ``ref`` and HEAD, in the repository around ``cwd``."""
    try:
        root = git(["rev-parse", "--show-toplevel"], cwd).strip()
    except SmlintError:
        raise SmlintError(f"--diff-base needs a git repository, and {os.path.abspath(cwd)} is not inside one")
    try:
        base = git(["merge-base", ref, "HEAD"], root).strip()
    except SmlintError:
        raise SmlintError(f"--diff-base: git cannot find a merge base of {ref!r} and HEAD "
                          "(is the ref fetched? in CI use a full clone, e.g. fetch-depth: 0)") from None
    diff = git(["diff", "--no-color", "--no-ext-diff", "-U0", "-M", base, "--"], root)
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    whole = frozenset(p for p in untracked.split("\0") if p)
    return ChangedLines(os.path.realpath(root), base, parse_diff(diff), whole)


def parse_diff(diff: str) -> dict[str, frozenset[int]]:
    """``git diff -U0`` output → the added/changed line numbers of each new-side path.

    Lines are split at LF only (a CR inside a line is content), and a hunk's own lines are
    counted off its header, so an added line that reads ``++ x`` (``+++ x`` in the diff) is
    content, not the header of another file."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    pending = 0  # lines of the current hunk still to come (old and new side)
    for line in diff.split("\n"):
        if pending:
            if line[:1] in ("+", "-"):
                pending -= 1
            continue
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else out.setdefault(_strip_prefix(name), set())
        elif line.startswith("@@"):
            m = _HUNK.match(line)
            if m:
                old, start, count = int(m.group(1) or 1), int(m.group(2)), int(m.group(3) or 1)
                pending = old + count
                if current is not None:
                    current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in out.items()}


def _strip_prefix(name: str) -> str:
    if name.startswith('"') and name.endswith('"'):  # git still quotes names with control characters
        name = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return name[2:] if name.startswith("b/") else name
