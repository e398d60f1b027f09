"""Readers turn a file's text into a :class:`~smlint.text.document.Document` (prose view + map).

Where do I add a format? Write ``readers/NAME.py`` with ``read(path, source, options)``,
add NAME to ``NAMES`` and map its extensions in ``READERS`` below (a reader of binary files
also goes in ``BINARY_READERS``: it gets an empty ``source`` and opens ``path`` itself).
Config ``readers:`` can remap extensions. docs/formats.md says what each reader checks.
"""
from __future__ import annotations

from importlib import import_module
from pathlib import PurePath

# extension -> reader module (imported only when a file of that kind is read)
READERS: dict[str, str] = {
    ".txt": "plaintext",
    ".text": "plaintext",
    ".script": "plaintext",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "csv",
    ".yaml": "structured",
    ".yml": "structured",
    ".json": "structured",
    ".docx": "docx",
}

# readers that open the file themselves (``source`` is empty): not text, never "binary"-skipped
BINARY_READERS = frozenset({"docx"})


def reader_name(path: str, overrides: dict[str, str] | None = None) -> str | None:
    """The reader for ``path`` by its extension (or an override), or None if none fits."""
    suffix = PurePath(path).suffix.lower()
    if overrides and suffix in overrides:
        return overrides[suffix]
    if not suffix:
        return "plaintext"
    return READERS.get(suffix)


NAMES = frozenset({"plaintext", "markdown", "html", "csv", "structured", "docx"})


def get_reader(name: str):
    """The ``read`` function of a reader module; an unknown name (from config) is a clear error."""
    if name not in NAMES:
        from smlint.errors import SmlintError

        raise SmlintError(f"unknown reader {name!r} (readers: {', '.join(sorted(NAMES))})")
    return import_module(f"smlint.readers.{name}").read
