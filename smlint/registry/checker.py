"""Check one document against the registry: facts first, then numeric and textual claims.

:meth:`RegistryChecker.analyze` returns everything found (rule hits, claim uses, unregistered
numbers) for ``smlint registry usage``; :meth:`RegistryChecker.check` turns the hits into
Findings with exact positions for ``smlint check``.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
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
from smlint.text.engine import make_finding


@dataclass(frozen=True)
class Analysis:
    """What the registry found in one document."""

    doc: Document
    channel: str | None
    hits: list[Hit]
    uses: list[Use]
    unregistered: list[Mention]


class RegistryChecker:
    """A loaded registry, compiled once, that checks any number of documents."""

    def __init__(self, registry: Registry, rules: list[Rule] | tuple[Rule, ...] | None = None,
                 channel: str | None = None, today: dt.date | None = None) -> None:
        self.registry = registry
        self.rules = {r.id: r for r in (registry_rules() if rules is None else rules)}
        self.channel = channel
        self.today = today or registry.today()
        self.facts = FactChecker(registry.facts)
        self.claims = ClaimIndex(registry.claims)
        self.folders = folder_map(registry)

    def analyze(self, doc: Document) -> Analysis:
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
        """Findings of the active registry rules, sorted by position."""
        if not doc.view.strip() or self.is_registry_file(doc.path):
            return []
        analysis = self.analyze(doc)
        seen: Counter = Counter()
        hits = [hit for hit in analysis.hits if f"registry/{hit.rule}" in self.rules]
        found = [self._finding(doc, hit, seen) for hit in _non_overlapping(hits)]
        return sorted(found, key=Finding.sort_key)

    def is_registry_file(self, path: str) -> bool:
        """The registry's own text states every claim: it is not copy to check."""
        if Path(path).name != Path(self.registry.path).name:
            return False
        try:
            return Path(path).resolve() == Path(self.registry.path).resolve()
        except OSError:
            return False

    def _finding(self, doc: Document, hit: Hit, seen: Counter) -> Finding:
        rule = self.rules[f"registry/{hit.rule}"]
        values = dict(hit.values)
        claim = next((c for c in self.registry.claims if c.id == values.get("claim")), None)
        return make_finding(doc, rule, hit.start, hit.end, values, seen, owner=claim.owner if claim else None)


def _non_overlapping(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of text per rule: two trial patterns reading the same words count once."""
    kept: list[Hit] = []
    last_end: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h.rule, h.start, -h.end)):
        if hit.start >= last_end.get(hit.rule, -1):
            kept.append(hit)
            last_end[hit.rule] = hit.end
    return kept
