"""The claims registry: copy checked against the product facts and approved claims
that Marketing, Sales and Legal keep together in ``claims.yaml`` (docs/registry.md).

>>> from smlint.registry import load_registry, RegistryChecker   # doctest: +SKIP
>>> checker = RegistryChecker(load_registry("claims.yaml"), channel="web")
>>> checker.check(document)  # -> list[Finding]
"""
from importlib import import_module

# Lazy re-exports (PEP 562): `smlint check` looks for claims.yaml on every run, and that look
# must not pay for compiling the number and fact patterns when there is no registry.
_WHERE = {"Analysis": "checker", "RegistryChecker": "checker", "Registry": "load", "RegistryError": "load",
          "find_registry": "load", "load_registry": "load", "registry_pack": "rules", "registry_rules": "rules"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"smlint.registry.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'smlint.registry' has no attribute {name!r}")
