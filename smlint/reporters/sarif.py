"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers).

Validated in the test suite against the OASIS schema. ``tool.driver.rules`` carries every rule
that ran with its explanation (STYLE.md habit 7); results point at exact regions and carry
``partialFingerprints`` from :attr:`Finding.fingerprint`, which ignores line numbers, so GitHub
keeps one alert per problem across pushes that move it.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from smlint.model import Finding, Rule
from smlint.reporters import jsonstream
from smlint.reporters.quote import bounds, is_record, source_lines
from smlint.reporters.repopath import path_uri
from smlint.ruledoc import explain

if TYPE_CHECKING:
    from smlint.reporters import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/smlint/smlint"
RULES_DOC = INFORMATION_URI + "/blob/main/docs/rules.md"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "smlint/v1"


def chunks(report: Report) -> Iterator[str]:
    """The log in pieces (one result at a time), so a big one is written without being held."""
    rules = list(report.rules_by_key.values())
    index = {r.key: i for i, r in enumerate(rules)}
    lines = _LinesOf(report.sources)
    extra = sorted({f.rule_key: f for f in report.findings if f.rule_key not in index}.items())
    descriptors = [_descriptor(r) for r in rules] + [_unknown_descriptor(f) for _, f in extra]
    index.update({key: len(rules) + i for i, (key, _) in enumerate(extra)})
    run = {
        "tool": {"driver": {"name": "smlint", "version": report.version or "0",
                            "semanticVersion": report.version or "0",
                            "informationUri": INFORMATION_URI, "rules": descriptors}},
        "invocations": [_invocation(report)],
        "results": jsonstream.Lazy(_result(f, index[f.rule_key], report, lines) for f in report.findings),
        "columnKind": "unicodeCodePoints",
    }
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    yield from jsonstream.chunks(doc)
    yield "\n"


def _name(rule_id: str) -> str:
    """SARIF's ``name`` is a readable identifier: ``pricing/price-without-taxes`` → ``PriceWithoutTaxes``."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule_id.rsplit("/", 1)[-1]) if part)


def anchor(rule_id: str) -> str:
    """The GitHub Markdown heading anchor of a rule in docs/rules.md (``## pack/id``)."""
    return re.sub(r"[^\w\- ]", "", rule_id.lower()).replace(" ", "-")


def help_uri(rule: Rule) -> str:
    """The rule's first web reference, else its entry in the rule docs (headed ``pack/id (en)``)."""
    for ref in rule.references:
        if re.match(r"https?://\S+$", ref):
            return ref
    return f"{RULES_DOC}#{anchor(f'{rule.id} ({rule.language})')}"


def _tags(rule: Rule) -> list[str]:
    """pack, owner, category — distinct (the schema wants unique tags) and non-empty."""
    return list(dict.fromkeys(t for t in (rule.pack, rule.owner, rule.category) if t))


def _descriptor(rule: Rule) -> dict:
    """One rule of one language: its id is :attr:`Rule.key` (``en/pricing/x``), unique in the run.

    The en and es packs share rule ids, each with its own texts, references and severity, so
    ``pricing/x`` alone would name two descriptors. Earlier results used the plain id: it is
    listed in ``deprecatedIds``, the property SARIF added for a rule split in two
    (oasis-tcs/sarif-spec#293), so result management can carry old alerts over.
    """
    # "Defined in <absolute path>" would leak the machine's layout into uploaded results.
    text = explain(rule).rsplit("\n\nDefined in ", 1)[0]
    full = " ".join(part for part in (rule.description, rule.why.strip()) if part)
    old_ids = ([rule.id] if rule.key != rule.id else []) + list(rule.old_ids)
    return {
        "id": rule.key,
        "name": _name(rule.id),
        "shortDescription": {"text": rule.description or rule.id},
        "fullDescription": {"text": full or rule.id},
        "help": {"text": text},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVELS[str(rule.severity)]},
        "properties": {"tags": _tags(rule), "rule": rule.id, "language": rule.language, "pack": rule.pack,
                       "owner": rule.owner, "category": rule.category, "kind": rule.kind},
        **({"deprecatedIds": old_ids} if old_ids else {}),
    }


def _unknown_descriptor(f: Finding) -> dict:
    """A rule a finding names that is not among the rules that ran (a suppression finding …)."""
    return {"id": f.rule_key, "name": _name(f.rule), "properties": {"rule": f.rule, "language": f.language}}


def _artifact(path: str, root) -> dict:
    uri, relative = path_uri(path, root)
    return {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}


def _region(f: Finding) -> dict | None:
    """Full span for text (ad copy in a CSV file too); the record's row for lead records; none for
    DOCX paragraphs."""
    loc = f.location
    if loc.paragraph is not None:
        return None
    if is_record(loc):
        return {"startLine": loc.row or loc.line}
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column}
    if f.match:
        region["snippet"] = {"text": f.match}
    return region


def _context_region(f: Finding, lines: list[str] | None) -> dict | None:
    """The line(s) of the match, so viewers can show it without the file; of a long line only a
    window around the match (:func:`~smlint.reporters.quote.bounds`; it still holds the region).

    Not for lead records: a CSV row holds personal data beyond the field the finding is about.
    """
    loc = f.location
    if lines is None or loc.paragraph is not None or is_record(loc):
        return None
    if not 0 < loc.line <= loc.end_line <= len(lines):
        return None
    first, last = lines[loc.line - 1], lines[loc.end_line - 1]
    start = bounds(first, loc.column - 1, len(first))[0]
    end = bounds(last, 0, loc.end_column - 1)[1]
    if start == 0 and end == len(last):
        text = "\n".join(lines[loc.line - 1:loc.end_line])
        return {"startLine": loc.line, "endLine": loc.end_line, "snippet": {"text": text}}
    middle = lines[loc.line:loc.end_line - 1]
    text = "\n".join([first[start:], *middle, last[:end]]) if loc.end_line > loc.line else first[start:end]
    return {"startLine": loc.line, "startColumn": start + 1, "endLine": loc.end_line, "endColumn": end + 1,
            "snippet": {"text": text}}


class _LinesOf:
    """The lines of one source at a time: results come sorted by path, so the lines of every
    file with findings are never held at once (issue 14)."""

    def __init__(self, sources) -> None:
        self.sources = sources
        self.last: tuple[str | None, list[str] | None] = (None, None)

    def get(self, path: str) -> list[str] | None:
        if path != self.last[0]:
            text = self.sources.get(path)
            self.last = (path, None if text is None else source_lines(text))
        return self.last[1]


def _location(f: Finding, report, lines: _LinesOf) -> dict:
    physical: dict = {"artifactLocation": _artifact(f.path, report.root)}
    region = _region(f)
    if region:
        physical["region"] = region
        context = _context_region(f, lines.get(f.path))
        if context:
            physical["contextRegion"] = context
    return {"physicalLocation": physical}


def _result(f: Finding, rule_index: int, report, lines: _LinesOf) -> dict:
    message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
    result = {
        "ruleId": f.rule_key,
        "ruleIndex": rule_index,
        "level": LEVELS[str(f.severity)],
        "message": {"text": message},
        "locations": [_location(f, report, lines)],
    }
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    props = {k: v for k, v in (("rule", f.rule), ("language", f.language), ("owner", f.owner), ("pack", f.pack),
                               ("category", f.category)) if v}
    loc = f.location
    props.update({k: getattr(loc, k) for k in ("row", "field", "record_id", "paragraph", "context")
                  if getattr(loc, k) is not None})
    result["properties"] = props
    return result


def _invocation(report) -> dict:
    """File errors become tool notifications: the run succeeded, those files were not checked."""
    notes = [{"level": "error", "message": {"text": e.message},
              "locations": [{"physicalLocation": {"artifactLocation": _artifact(e.path, report.root)}}]}
             for e in report.errors]
    return {"executionSuccessful": True, **({"toolExecutionNotifications": notes} if notes else {})}
