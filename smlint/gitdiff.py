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
from dataclasses import dataclass

from smlint.errors import SmlintError
from smlint.model import Finding

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


@dataclass(frozen=True)
class ChangedLines:
    """Per repository-relative path, the line numbers added or changed; ``whole``: new files."""

    root: str
    base: str
    lines: dict
    whole: frozenset = frozenset()

    def touches(self, finding: Finding) -> bool:
        """True when any line of the finding's span was added or changed."""
        rel = self.relative(finding.path)
        if rel is None:
            return False
        if rel in self.whole:
            return True
        changed = self.lines.get(rel, ())
        return any(n in changed for n in range(finding.line, max(finding.line, finding.end_line) + 1))

    def relative(self, path: str) -> str | None:
        rel = os.path.relpath(os.path.realpath(path), self.root)
        return None if rel.startswith("..") else rel.replace(os.sep, "/")


def git(args: list[str], cwd: str = ".") -> str:
    """Run git and return its output; failures become a clear SmlintError (exit 2)."""
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True,
                              text=True, encoding="utf-8", errors="replace", check=False)
    except FileNotFoundError:
        raise SmlintError("--diff-base needs git, and git is not installed") from None
    if done.returncode != 0:
        raise SmlintError(f"git {args[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


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
    """``git diff -U0`` output → the added/changed line numbers of each new-side path."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else out.setdefault(_strip_prefix(name), set())
        elif line.startswith("@@") and current is not None:
            m = _HUNK.match(line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or 1)
                current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in out.items()}


def _strip_prefix(name: str) -> str:
    if name.startswith('"') and name.endswith('"'):  # git still quotes names with control characters
        name = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return name[2:] if name.startswith("b/") else name
