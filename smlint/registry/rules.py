"""The ``registry`` pack: the registry checks as rules of the copy engine (kind ``registry``).

The pack is data, like every other pack: ``rules/registry/registry.yaml`` (shipped as
``smlint/_rules/registry/registry.yaml``), loaded by the one pack loader. It is not a
``--pack`` choice: the Linter adds it whenever a claims registry is given. Its examples run
against the ``example_registry`` inside the pack, with the document's channel set to
``example_channel`` (:func:`smlint.ruletest.run_examples`).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from smlint.model import Pack, Rule

PACK = "registry"


def pack_file() -> Path:
    from smlint.packs import builtin_dir

    return builtin_dir() / "registry" / "registry.yaml"


@lru_cache(maxsize=1)
def registry_pack() -> Pack:
    """The registry rules as a pack named ``registry`` (for select/ignore globs and ``rules show``)."""
    from smlint.packs import load_pack

    return load_pack(pack_file())


def registry_rules() -> tuple[Rule, ...]:
    """The registry checks as Rule objects, in a stable order."""
    return registry_pack().rules


def example_registry(pack: Pack):
    """The registry a pack's ``registry`` examples run against, and the channel they are in."""
    from smlint.registry.load import registry_from_data

    data = pack.extra.get("example_registry")
    if data is None:
        return None, None
    return registry_from_data(data, f"{pack.path} (example_registry)"), pack.extra.get("example_channel")
