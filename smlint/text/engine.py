"""The copy engine: a compiled rule set that checks Documents and returns Findings.

Compile once per run (one combined phrase scan, one pattern prefilter); check each
document with a single :class:`~smlint.text.scan.Scan`; turn hits into Findings with
exact source positions and a stable fingerprint.
"""
from __future__ import annotations

import hashlib
from collections import Counter

from smlint.errors import PackError
from smlint.model import Finding, Rule, Severity
from smlint.text.concepts import ConceptStore
from smlint.text.document import Document
from smlint.text.kinds import KINDS
from smlint.text.kinds.base import Builder, overlaps
from smlint.text.scan import MatcherRef, Scan
from smlint.text.scope import Filters, mentioned


def collapse(text: str) -> str:
    """Runs of whitespace as one space, none at the ends: what ``re.sub(r"\\s+", " ", text).strip()``
    gives (str.split and ``\\s`` share one definition of whitespace), four times faster on a
    paragraph-long line (issue 14)."""
    return " ".join(text.split())


class Engine:
    """All active copy rules for one language, compiled together."""

    def __init__(self, rules: list[Rule], concepts: ConceptStore | None = None, registry=None) -> None:
        """``registry``: a :class:`~smlint.registry.checker.RegistryChecker` for the ``registry``
        rules, and the approved claims that clear findings of rules with ``evidence_in_registry``."""
        concepts = concepts or ConceptStore.builtin()
        concepts.prepare(rules)
        build = Builder()
        self.registry = registry
        self.rules = [r for r in rules if r.kind != "registry" or registry is not None]
        self.checks = []
        self.filters: dict[int, Filters] = {}
        self.mentions: dict[int, MatcherRef] = {}  # {mention-frame} of each rule's language (scope.mentioned)
        frames: dict[int, MatcherRef] = {}  # by vocabulary: a pack's own concepts may redefine the frame
        for rule in self.rules:
            build.vocab = concepts.vocabulary(rule.language, rule.concepts)
            build.where = rule.source
            try:
                self.checks.append((rule, KINDS[rule.kind](rule.spec, build)))
                filters = Filters.build(rule.spec, build)
            except PackError as exc:
                raise PackError(rule.source or exc.path, f"{rule.id}: {exc.message}") from None
            if filters is not None:
                self.filters[len(self.checks) - 1] = filters
            if build.vocab.has("mention-frame"):
                if id(build.vocab) not in frames:  # compiled once per vocabulary, not once per rule
                    frames[id(build.vocab)] = build.matcher("{mention-frame}")
                self.mentions[len(self.checks) - 1] = frames[id(build.vocab)]
        concepts.save()
        build.compile(prefilter={pid for _, check in self.checks if check.needs is not None
                                 for pid in check.needs.patterns})
        self._terms, self._patterns = build.terms, build.patterns
        self._by_term, self._by_pattern, self._always = _dispatch(self.checks)

    def build_sets(self) -> None:
        """Compile the prefilter's Sets now rather than when a document first needs them (before
        a fork: the workers then share them; :meth:`PatternSet.matching` explains the choice)."""
        self._patterns.build_sets()

    def literals(self) -> None:
        """Read (or compute) the prefilter's literals now (:meth:`PatternSet.literals`)."""
        self._patterns.literals()

    def check(self, doc: Document) -> list[Finding]:
        if not self.checks or not doc.view.strip():
            return []
        scan = Scan(doc, self._terms, self._patterns)
        scan.registry = self.registry.analyze(doc) if self.registry is not None else None
        approved = scan.registry.approved_spans() if scan.registry is not None else []
        findings = []
        seen = Counter()
        for i in self._active(scan):
            rule, check = self.checks[i]
            filters, mention = self.filters.get(i), self.mentions.get(i)
            cleared = approved if rule.spec.get("evidence_in_registry") else []
            for hit in _non_overlapping(check.check(scan)):
                if cleared and overlaps(cleared, hit.start, hit.end):
                    continue  # the registry holds this claim with its evidence
                severity = rule.severity if filters is None else filters.judge(scan, hit.start, hit.end,
                                                                                rule.severity)
                if severity is not None and not (mention is not None and mentioned(scan, mention, hit.start,
                                                                                     hit.end)):
                    findings.append(self._finding(doc, rule, hit, seen, severity))
        findings.sort(key=Finding.sort_key)
        return findings

    def _active(self, scan: Scan) -> list[int]:
        """Only the rules whose phrases or patterns were seen (STYLE.md habit 10: guard cheaply)."""
        active = set(self._always)
        for tid in scan.term_hits:
            active.update(self._by_term.get(tid, ()))
        for pid in scan.pattern_ids:
            active.update(self._by_pattern.get(pid, ()))
        return sorted(active)

    def _finding(self, doc: Document, rule: Rule, hit, seen: Counter, severity: Severity) -> Finding:
        values = {k: _prose(v, rule.language) for k, v in hit.values.items()}
        fix = None
        if rule.spec.get("safe") and "preferred" in hit.values:  # a substitution its pack marks safe
            from smlint.fix import fix_for

            fix = fix_for(doc, hit.start, hit.end, hit.values["preferred"])
        return make_finding(doc, rule, hit.start, hit.end, values, seen, owner=hit.owner, severity=severity,
                            fix=fix)


def make_finding(doc: Document, rule: Rule, start: int, end: int, values: dict, seen: Counter,
                 owner: str | None = None, severity: Severity | None = None, fix=None) -> Finding:
    """The Finding for view span [start, end) of ``doc``: exact location, message and suggestion
    filled (``{match}`` plus ``values``), and a fingerprint that baselines can rely on.

    ``seen`` counts (rule, match, line) keys within one document, for the occurrence number.
    Shared by the rule engine and the claims registry, so both fingerprint the same way."""
    shown = collapse(doc.view[start:end])
    values = {"match": shown, **values}
    context = _line_context(doc, *doc.source_span(start, end))
    key = (rule.id, shown.lower(), context.lower())
    seen[key] += 1
    return Finding(
        rule=rule.id,
        severity=rule.severity if severity is None else severity,
        message=rule.message.format_map(values),
        location=doc.locate(start, end),
        match=doc.source_text(start, end),
        suggestion=rule.suggest.format_map(values) if rule.suggest else None,
        pack=rule.pack,
        owner=owner or rule.owner,
        category=rule.category,
        references=rule.references,
        fingerprint=fingerprint(*key, seen[key]),
        language=rule.language,
        fix=fix,
    )


def _dispatch(checks) -> tuple[dict, dict, list]:
    """Index rules by the phrase terms and patterns that can make them fire."""
    by_term: dict[int, list[int]] = {}
    by_pattern: dict[int, list[int]] = {}
    always = []
    for i, (_, check) in enumerate(checks):
        needs = check.needs
        if needs is None:
            always.append(i)
            continue
        for tid in needs.terms:
            by_term.setdefault(tid, []).append(i)
        for pid in needs.patterns:
            by_pattern.setdefault(pid, []).append(i)
    return by_term, by_pattern, always


_AND = {"es": " y "}


def _prose(value, language: str):
    """A list of names (``{missing}``) reads as prose in the rule's language: 'a and b', 'a y b'."""
    return _AND.get(language, " and ").join(value) if isinstance(value, tuple) else value


def _non_overlapping(hits):
    """One finding per stretch of text per rule: drop hits overlapping an earlier, longer one."""
    kept_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start >= kept_end:
            kept_end = hit.end
            yield hit


# A line longer than this (a minified HTML e-mail is one 80 KB line) gives each finding only a
# window of FINGERPRINT_WINDOW characters either side of the match as its fingerprint context, so
# the cost per finding is bounded (issue 12: 4,000 findings on one 80 KB line took 8 s and
# collapsed the whole line once per finding). Real copy stays below it (the longest line in the
# writers' corpus is 2,574 characters), so their fingerprints, and the baselines holding them,
# do not change.
LONG_LINE = 4096
FINGERPRINT_WINDOW = 256


def _line_context(doc: Document, start: int, end: int) -> str:
    """The source line holding source span [start, end), whitespace collapsed (part of the
    fingerprint); of a line longer than LONG_LINE, only FINGERPRINT_WINDOW characters each side."""
    line_start, line_end = doc.lines.line_text_span(start)
    if line_end - line_start > LONG_LINE:
        line_start = max(line_start, start - FINGERPRINT_WINDOW)
        line_end = min(line_end, max(start, end) + FINGERPRINT_WINDOW)
    return collapse(doc.source[line_start:line_end])


def fingerprint(rule: str, match: str, context: str, occurrence: int) -> str:
    """Stable across edits elsewhere: rule + lower-cased match + line text (a window of it on a
    very long line, see LONG_LINE) + nth occurrence.

    No line number goes in, so inserting lines above keeps it; editing the offending
    line changes it (issue: baselines must not resurrect, edits must).
    """
    data = "\x1f".join((rule, match, context, str(occurrence))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:32]
