"""Check one document against the registry: facts first, then numeric and textual claims.

:meth:`RegistryChecker.analyze` returns everything found (rule hits, claim uses, unregistered
numbers): ``smlint registry usage`` lists it, and the copy engine's ``registry`` rules
(:mod:`smlint.text.kinds.registry`) report it — :meth:`RegistryChecker.check` is that engine
with the registry rules alone. Agreeing claim uses also clear the pack findings they
substantiate (rules with ``evidence_in_registry``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from smlint.model import Finding, Rule
from smlint.registry.channel import channel_of, folder_map
from smlint.registry.claims import ClaimIndex, Use, check_uses
from smlint.registry.facts import FactChecker
from smlint.registry.load import Registry
from smlint.registry.numbers import Mention, describe
from smlint.registry.reading import Hit, Reading
from smlint.registry.rules import registry_rules
from smlint.text.document import Document


@dataclass(frozen=True)
class Analysis:
    """What the registry found in one document."""

    doc: Document
    channel: str | None
    hits: list[Hit]
    uses: list[Use]
    unregistered: list[Mention]

    def owner_of(self, hit: Hit) -> str | None:
        """The owner of the claim a hit is about (the finding goes to them), if any."""
        claim = dict(hit.values).get("claim")
        return next((u.claim.owner or None for u in self.uses if u.claim.id == claim), None) if claim else None

    def approved_spans(self) -> list[tuple[int, int]]:
        """Where the copy states a registered claim with its registered number (sorted)."""
        return sorted((u.start, u.end) for u in self.uses if u.agrees)


class RegistryChecker:
    """A loaded registry, compiled once, that checks any number of documents."""

    def __init__(self, registry: Registry, rules: list[Rule] | tuple[Rule, ...] | None = None,
                 channel: str | None = None, today: dt.date | None = None, concepts=None) -> None:
        from smlint.text.concepts import ConceptStore

        self.registry = registry
        self.rules = {r.id: r for r in (registry_rules() if rules is None else rules)}
        self.channel = channel
        self.today = today or registry.today()
        self.concepts = concepts or ConceptStore.builtin(registry.brands)
        self.facts = FactChecker(registry.facts, self.concepts.vocabulary("any"))
        self.claims = ClaimIndex(registry.claims)
        self.folders = folder_map(registry)
        self._engine = None

    def analyze(self, doc: Document) -> Analysis:
        if not doc.view.strip() or self.is_registry_file(doc.path):
            return Analysis(doc, None, [], [], [])
        reading = Reading(doc)
        channel = channel_of(doc.path, self.folders, self.channel)
        facts = self.facts.check(reading)
        uses, unregistered = [], []
        for m in reading.mentions:
            if m in facts.explained:
                continue
            use = self.claims.match(reading, m)
            if use is None:
                unregistered.append(m)
            else:
                uses.append(use)
        uses += self.claims.exact(reading)
        hits = facts.hits + check_uses(reading, uses, channel, self.today)
        hits += [Hit("unregistered-claim", m.start, m.end, (("actual", describe(m)),)) for m in unregistered]
        return Analysis(doc, channel, hits, sorted(uses, key=lambda u: u.start), unregistered)

    def check(self, doc: Document) -> list[Finding]:
        """Findings of the registry rules alone, sorted by position (the copy engine with no pack)."""
        if self._engine is None:
            from smlint.text.engine import Engine

            self._engine = Engine(list(self.rules.values()), self.concepts, registry=self)
        return self._engine.check(doc)

    def is_registry_file(self, path: str) -> bool:
        """The registry's own text states every claim: it is not copy to check."""
        if Path(path).name != Path(self.registry.path).name:
            return False
        try:
            return Path(path).resolve() == Path(self.registry.path).resolve()
        except OSError:
            return False
