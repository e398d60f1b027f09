"""``registry``: copy checked against the claims registry (claims.yaml), as a rule of the one engine.

``check`` names one of the registry's checks (:data:`CHECKS`). The registry reads each document
once (:meth:`smlint.registry.checker.RegistryChecker.analyze`: facts, claim uses, unregistered
numbers) and every registry rule reports the hits of its own check. The words the checks read
are concepts of each language ({taxes-included}, {no-commitment} …), matched in both languages at
once. Without a registry these rules are not compiled at all: nothing changes.
"""
from __future__ import annotations

from smlint.text.kinds.base import Builder, Hit

CHECKS = ("price-not-in-plans", "taxes-contradiction", "permanence-contradiction", "term-mismatch",
          "fee-mismatch", "trial-mismatch", "renewal-contradiction", "claim-number-mismatch",
          "unregistered-claim", "expired-claim", "claim-wrong-channel", "missing-disclaimer")


class Registry:
    placeholders = frozenset({"expected", "actual", "claim", "expires", "channels", "channel", "disclaimer"})

    def __init__(self, spec: dict, build: Builder) -> None:
        self.name = spec["check"]
        self.needs = None  # the registry reads every document once; each rule takes its own hits

    def check(self, scan):
        analysis = scan.registry
        if analysis is None:
            return
        for hit in analysis.hits:
            if hit.rule == self.name:
                yield Hit(hit.start, hit.end, dict(hit.values), owner=analysis.owner_of(hit))
