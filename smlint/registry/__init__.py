"""The claims registry: copy checked against the product facts and approved claims
that Marketing, Sales and Legal keep together in ``claims.yaml`` (docs/registry.md).

>>> from smlint.registry import load_registry, RegistryChecker   # doctest: +SKIP
>>> checker = RegistryChecker(load_registry("claims.yaml"), channel="web")
>>> checker.check(document)  # -> list[Finding]
"""
from smlint.registry.checker import Analysis, RegistryChecker
from smlint.registry.load import Registry, RegistryError, find_registry, load_registry
from smlint.registry.rules import registry_pack, registry_rules

__all__ = ["Analysis", "Registry", "RegistryChecker", "RegistryError", "find_registry", "load_registry",
           "registry_pack", "registry_rules"]
