"""The channel a document belongs to (web, email, sales …), for claims approved per channel.

``--channel`` (or ``LintOptions.channel``) wins. Otherwise the folders of the document's path
decide, deepest first: a folder named like a channel, or like one of its usual folder names
(``emails/`` → email, ``landing/`` → web, ``scripts/`` → sales), or as the registry's
``channels:`` map says. No match: the channel is unknown and channel checks are skipped.
"""
from __future__ import annotations

from pathlib import PurePath

from smlint.registry.load import Registry

DEFAULT_FOLDERS: dict[str, tuple[str, ...]] = {
    "email": ("email", "emails", "newsletter", "newsletters", "mailing", "mailings"),
    "web": ("web", "website", "site", "landing", "landings", "pages"),
    "sales": ("sales", "scripts", "sales-scripts", "calls", "playbooks"),
    "social": ("social",),
    "ads": ("ads", "paid"),
}


def folder_map(registry: Registry) -> dict[str, str]:
    """Folder name (lower case) → channel: the defaults, every channel a claim names, the registry's map."""
    out: dict[str, str] = {}
    for channel, names in DEFAULT_FOLDERS.items():
        out.update({n: channel for n in names})
    for claim in registry.claims:
        out.update({c.lower(): c for c in claim.channels})
    for channel, names in registry.channels.items():
        out[channel.lower()] = channel
        out.update({n.lower(): channel for n in names})
    return out


def channel_of(path: str, folders: dict[str, str], explicit: str | None = None) -> str | None:
    """``explicit`` if given, else the deepest folder of ``path`` that names a channel."""
    if explicit:
        return explicit
    for part in reversed(PurePath(path).parts[:-1]):
        if part.lower() in folders:
            return folders[part.lower()]
    return None
