"""Which files a folder walk leaves out: ``.smlintignore`` and the repository's ``.gitignore``.

Both use gitignore syntax (via ``pathspec``, which implements git's wildmatch rules, negation
and directory patterns exactly). As in git, a file in a deeper folder overrides its parents,
and a ``.smlintignore`` overrides the ``.gitignore`` next to it, so ``!drafts/`` in
``.smlintignore`` can bring back a folder git ignores. ``.gitignore`` files (and, weakest of
all, ``.git/info/exclude``) count only inside a git repository, as in ripgrep; ``.smlintignore``
files count everywhere, up to the repository root or, outside a repository, the filesystem root.

Files named explicitly on the command line are not filtered here: see ``smlint.project``.
"""
from __future__ import annotations

import os

from smlint.repo import repo_root

IGNORE_FILE = ".smlintignore"


class IgnoreFiles:
    """Ignore rules read lazily, once per folder, for one run."""

    def __init__(self) -> None:
        self._specs: dict[str, tuple] = {}
        self._chains: dict[str, tuple] = {}

    def ignored(self, path: str, is_dir: bool = False) -> bool:
        """Whether the nearest matching rule (deepest folder first) ignores ``path``."""
        full = os.path.abspath(path)
        for folder, spec in self._chain(os.path.dirname(full)):
            rel = full[len(folder):].lstrip(os.sep).replace(os.sep, "/") + ("/" if is_dir else "")
            decided = spec.check_file(rel).include
            if decided is not None:
                return decided
        return False

    def _chain(self, folder: str) -> tuple:
        """``(folder, spec)`` for every ignore file from ``folder`` up to the top, deepest first.

        Cached per folder: a walk asks for every file, and most folders have no ignore file."""
        if folder not in self._chains:
            top = repo_root(folder)
            chain, here = [], folder
            while True:
                chain.extend((here, spec) for spec in self._folder_specs(here, top is not None))
                parent = os.path.dirname(here)
                if here == top or parent == here:
                    chain.extend((here, spec) for spec in self._info_exclude(top))
                    break
                here = parent
            self._chains[folder] = tuple(chain)
        return self._chains[folder]

    def _folder_specs(self, folder: str, in_git: bool) -> tuple:
        """The compiled rules of one folder: ``.smlintignore`` first (it wins), then ``.gitignore``."""
        key = folder + ("\0git" if in_git else "")
        if key not in self._specs:
            names = (IGNORE_FILE, ".gitignore") if in_git else (IGNORE_FILE,)
            self._specs[key] = tuple(s for s in (_read_spec(os.path.join(folder, n)) for n in names) if s)
        return self._specs[key]


    def _info_exclude(self, top: str | None) -> tuple:
        """The repository's ``.git/info/exclude`` (git's personal ignore list): weakest of all."""
        if top is None:
            return ()
        key = top + "\0info"
        if key not in self._specs:
            spec = _read_spec(os.path.join(top, ".git", "info", "exclude"))
            self._specs[key] = (spec,) if spec else ()
        return self._specs[key]


def _read_spec(path: str):
    """One ignore file compiled, or None when it does not exist or is empty."""
    import pathspec

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return spec if len(spec) else None
