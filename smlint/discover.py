"""Walk the paths a user gave: files, folders (recursively), ``-`` for stdin.

Hidden folders and files are skipped when walking; so are files no reader handles, binary
files and well-known tooling files (``package.json``, ``smlint.yaml``, ``claims.yaml`` …). Each skip is counted by reason so the summary can say what was left out.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from smlint.model import RunStats
from smlint.readers import BINARY_READERS, reader_name

BINARY_SNIFF = 8192


@dataclass(frozen=True)
class Target:
    path: str           # as shown in reports
    reader: str | None  # None: no reader (explicit file we cannot lint)
    explicit: bool


def discover(paths, stats: RunStats, readers: dict[str, str] | None = None,
             errors: list | None = None, skip=None) -> list[Target]:
    """Expand ``paths`` into lintable files, in a stable (sorted) order.

    ``skip(path, is_dir)`` (ignore files, config excludes) prunes what a folder walk finds;
    files named explicitly are returned regardless (the caller decides on ``--force-exclude``)."""
    out: list[Target] = []
    for raw in paths:
        if raw == "-":
            out.append(Target("-", None, True))
            continue
        path = Path(raw)
        if path.is_dir():
            out.extend(_walk(path, stats, readers, skip))
        elif path.exists():
            out.append(Target(raw, reader_name(raw, readers), True))
        elif errors is not None:
            errors.append((raw, "no such file or directory"))
    return out


# Tooling files a folder walk finds next to copy: JSON/YAML with "description" or "title" keys
# that are not copy (a package.json description is not a claim). Named explicitly, they are linted.
TOOLING_FILES = frozenset({
    "package.json", "package-lock.json", "composer.json", "tsconfig.json", "jsconfig.json",
    "renovate.json", "vercel.json", "app.json", "manifest.json", "pnpm-lock.yaml",
    "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "mkdocs.yml", "pubspec.yaml",
    "smlint.yaml", "claims.yaml", "netlify.yml", "codecov.yml",
})


def _walk(root: Path, stats: RunStats, readers, skip=None) -> list[Target]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if skip is not None:
            dirnames[:] = [d for d in dirnames if not skip(os.path.join(dirpath, d), True)]
        for name in sorted(filenames):
            full = _tidy(os.path.join(dirpath, name))
            if name.startswith("."):
                stats.skip("hidden")
                continue
            if skip is not None and skip(full, False):
                stats.skip("ignored")
                continue
            if name in TOOLING_FILES:
                stats.skip("tooling file")
                continue
            reader = reader_name(full, readers) if Path(name).suffix else None
            if reader is None:
                stats.skip("no reader")
            elif reader not in BINARY_READERS and is_binary(full):
                stats.skip("binary")
            else:
                found.append(Target(full, reader, False))
    return found


def _tidy(path: str) -> str:
    """``./copy/a.md`` → ``copy/a.md``: walking ``.`` should report paths as git and CI show them."""
    prefix = "." + os.sep
    while path.startswith(prefix):
        path = path[len(prefix):]
    return path


def is_binary(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return b"\0" in fh.read(BINARY_SNIFF)
    except OSError:
        return False  # reported when it is read
