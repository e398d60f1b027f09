"""Walk the paths a user gave: files, folders (recursively), ``-`` for stdin.

Hidden folders and files are skipped when walking; so are files no reader handles, binary
files, well-known tooling files (``package.json``, ``smlint.yaml``, ``claims.yaml`` …) and
special files (a named pipe, socket or device: reading one could block for ever or never end).
Each skip is counted by reason so the summary can say what was left out. A folder the walk
cannot open, and a named path that cannot be looked at, are errors: never skipped in silence.
"""
from __future__ import annotations

import os
import stat
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
    files named explicitly are returned regardless (the caller decides on ``--force-exclude``).
    ``errors`` receives ``(path, message)`` for each path that does not exist or cannot be looked at,
    and each folder a walk cannot open."""
    errors = [] if errors is None else errors
    out: list[Target] = []
    for raw in paths:
        if raw == "-":
            out.append(Target("-", None, True))
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(raw).st_mode)
        except FileNotFoundError:
            errors.append((raw, "no such file or directory"))
            continue
        except OSError as exc:  # a file inside a folder we may not enter (EACCES), a loop of links …
            errors.append((raw, f"cannot read: {_strerror(exc)}"))
            continue
        if is_dir:
            out.extend(_walk(Path(raw), stats, readers, skip, errors))
        else:
            out.append(Target(raw, reader_name(raw, readers), True))  # special files: an error when read
    return out


def _strerror(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


# Tooling files a folder walk finds next to copy: JSON/YAML with "description" or "title" keys
# that are not copy (a package.json description is not a claim). Named explicitly, they are linted.
TOOLING_FILES = frozenset({
    "package.json", "package-lock.json", "composer.json", "tsconfig.json", "jsconfig.json",
    "renovate.json", "vercel.json", "app.json", "manifest.json", "pnpm-lock.yaml",
    "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "mkdocs.yml", "pubspec.yaml",
    "smlint.yaml", "claims.yaml", "netlify.yml", "codecov.yml",
})


def _walk(root: Path, stats: RunStats, readers, skip, errors: list) -> list[Target]:
    """Depth first, folders and files in sorted order (files of a folder before its subfolders)."""
    found = []
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        entries = _entries(folder, errors)
        if entries is None:
            continue
        subfolders = []
        for entry in entries:
            kind = _folder_kind(entry)
            if kind is None:
                _file(entry, stats, readers, skip, found)
            elif not entry.name.startswith(".") and (skip is None or not skip(entry.path, True)):
                if kind == "link":
                    stats.skip("symlinked folder (not followed)")
                else:
                    subfolders.append(entry.path)
        folders.extend(reversed(subfolders))
    return found


def _entries(folder: str, errors: list) -> list | None:
    """The folder's entries, sorted by name; None (and an error) when it cannot be opened."""
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        errors.append((_tidy(folder), f"cannot read folder: {_strerror(exc)}; the files in it were not checked"))
        return None


def _folder_kind(entry) -> str | None:
    """``"folder"``, ``"link"`` for a symlink to a folder (not followed, as ``os.walk`` does: a
    link can loop), or None for anything else."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        return "link" if entry.is_dir() else None
    except OSError:
        return None


def _file(entry, stats: RunStats, readers, skip, found: list) -> None:
    name, full = entry.name, _tidy(entry.path)
    if name.startswith("."):
        stats.skip("hidden")
        return
    if skip is not None and skip(full, False):
        stats.skip("ignored")
        return
    if name in TOOLING_FILES:
        stats.skip("tooling file")
        return
    if _is_special(entry):
        stats.skip(SPECIAL)
        return
    reader = reader_name(full, readers) if Path(name).suffix else None
    if reader is None:
        stats.skip("no reader", file_type(name))
    elif reader not in BINARY_READERS and is_binary(full):
        stats.skip("binary")
    else:
        found.append(Target(full, reader, False))


# How the summary names what a walk leaves out because reading it could block or never end.
SPECIAL = "pipe or device"


def _is_special(entry) -> bool:
    """A named pipe, socket or device (through a symlink too). A dangling symlink is not: reading
    it reports it. ``is_file`` costs no system call where the folder listing gives the type."""
    try:
        if entry.is_file():
            return False
        return not (entry.is_symlink() and not os.path.exists(entry.path))
    except OSError:
        return False


def file_type(name: str) -> str:
    """How the summary names a file's type: its extension (``.png``), or ``no extension``."""
    return Path(name).suffix.lower() or "no extension"


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
