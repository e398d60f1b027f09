"""The repository a path belongs to: the nearest folder at or above it that holds ``.git``.

One filesystem walk serves config discovery's stop, ignore files, the claims-registry look-up
and repository-relative report paths; no ``git`` process is started for it (``smlint check``
looks for ``claims.yaml`` on every run). Only ``--diff-base`` asks git itself.
"""
from __future__ import annotations

import os
from pathlib import Path


def repo_root(folder: str | os.PathLike | None = None) -> str | None:
    """The nearest folder at or above ``folder`` (default: the current one) holding ``.git``, or None."""
    here = Path(os.path.abspath(folder or os.getcwd()))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None
