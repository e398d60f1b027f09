"""Paths as CI services want them: relative to the repository root, with forward slashes.

GitHub code scanning and workflow annotations resolve ``file``/``uri`` against the checkout,
so a finding in ``./copy/a.md`` run from ``copy/`` must still say ``copy/a.md``. The root is
found once by the CLI (:func:`repo_root`) and handed to reporters in ``Report.root``, so the
reporters themselves stay pure.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

STDIN_NAMES = ("-", "<stdin>")


def repo_root(cwd: str | None = None) -> str:
    """The repository containing ``cwd`` (default: the current directory), else ``cwd`` itself."""
    from smlint.repo import repo_root as find_root

    here = os.path.abspath(cwd or os.getcwd())
    return find_root(here) or here


def relative_path(path: str, root: str | None) -> str:
    """``path`` relative to ``root`` with ``/`` separators; unchanged when outside it or no root."""
    if root is None or path in STDIN_NAMES or path.startswith("<"):
        return path.replace(os.sep, "/")
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    if rel == ".." or rel.startswith(".." + os.sep):
        return os.path.abspath(path).replace(os.sep, "/")
    return PurePosixPath(*Path(rel).parts).as_posix()


def path_uri(path: str, root: str | None) -> tuple[str, bool]:
    """A URI for ``path`` and whether it is relative to the root (``%SRCROOT%``)."""
    rel = relative_path(path, root)
    if os.path.isabs(rel):
        return Path(rel).as_uri(), False
    return quote(rel, safe="/"), True
