"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers).

Validated in the test suite against the OASIS schema. ``tool.driver.rules`` carries every rule
that ran with its explanation (STYLE.md habit 7); results point at exact regions and carry
``partialFingerprints`` from :attr:`Finding.fingerprint`, which ignores line numbers, so GitHub
keeps one alert per problem across pushes that move it.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from smlint.model import Finding, Rule
from smlint.reporters.repopath import path_uri
from smlint.ruledoc import explain

if TYPE_CHECKING:
    from smlint.reporters import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/smlint/smlint"
RULES_DOC = INFORMATION_URI + "/blob/main/docs/rules.md"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "smlint/v1"


def render(report: Report) -> str:
    rules = list(report.rules)
    index = {r.id: i for i, r in enumerate(rules)}
    lines = {path: text.splitlines() for path, text in report.sources.items()}
    extra = sorted({f.rule for f in report.findings if f.rule not in index})
    descriptors = [_descriptor(r) for r in rules] + [{"id": rid, "name": _name(rid)} for rid in extra]
    index.update({rid: len(rules) + i for i, rid in enumerate(extra)})
    run = {
        "tool": {"driver": {"name": "smlint", "version": report.version or "0",
                            "semanticVersion": report.version or "0",
                            "informationUri": INFORMATION_URI, "rules": descriptors}},
        "invocations": [_invocation(report)],
        "results": [_result(f, index[f.rule], report, lines) for f in report.findings],
        "columnKind": "unicodeCodePoints",
    }
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _name(rule_id: str) -> str:
    """SARIF's ``name`` is a readable identifier: ``pricing/price-without-taxes`` → ``PriceWithoutTaxes``."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule_id.rsplit("/", 1)[-1]) if part)


def anchor(rule_id: str) -> str:
    """The GitHub Markdown heading anchor of a rule in docs/rules.md (``## pack/id``)."""
    return re.sub(r"[^\w\- ]", "", rule_id.lower()).replace(" ", "-")


def help_uri(rule: Rule) -> str:
    """The rule's first web reference, else its entry in the rule docs."""
    for ref in rule.references:
        if re.match(r"https?://\S+$", ref):
            return ref
    return f"{RULES_DOC}#{anchor(rule.id)}"


def _tags(rule: Rule) -> list[str]:
    """pack, owner, category — distinct (the schema wants unique tags) and non-empty."""
    return list(dict.fromkeys(t for t in (rule.pack, rule.owner, rule.category) if t))


def _descriptor(rule: Rule) -> dict:
    # "Defined in <absolute path>" would leak the machine's layout into uploaded results.
    text = explain(rule).rsplit("\n\nDefined in ", 1)[0]
    full = " ".join(part for part in (rule.description, rule.why.strip()) if part)
    return {
        "id": rule.id,
        "name": _name(rule.id),
        "shortDescription": {"text": rule.description or rule.id},
        "fullDescription": {"text": full or rule.id},
        "help": {"text": text},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": LEVELS[str(rule.severity)]},
        "properties": {"tags": _tags(rule), "pack": rule.pack, "owner": rule.owner,
                       "category": rule.category, "kind": rule.kind, "language": rule.language},
        **({"deprecatedIds": list(rule.old_ids)} if rule.aliases else {}),
    }


def _artifact(path: str, root) -> dict:
    uri, relative = path_uri(path, root)
    return {"uri": uri, "uriBaseId": "%SRCROOT%"} if relative else {"uri": uri}


def _region(f: Finding) -> dict | None:
    """Full span for text; the record's row for lead findings; none for DOCX paragraphs."""
    loc = f.location
    if loc.paragraph is not None:
        return None
    if loc.row is not None:
        return {"startLine": loc.row}
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column}
    if f.match:
        region["snippet"] = {"text": f.match}
    return region


def _context_region(f: Finding, lines: list[str] | None) -> dict | None:
    """The whole line(s) of the match, so viewers can show it without the file.

    Not for lead records: a CSV row holds personal data beyond the field the finding is about.
    """
    loc = f.location
    if lines is None or loc.paragraph is not None or loc.row is not None:
        return None
    if not 0 < loc.line <= loc.end_line <= len(lines):
        return None
    return {"startLine": loc.line, "endLine": loc.end_line,
            "snippet": {"text": "\n".join(lines[loc.line - 1:loc.end_line])}}


def _location(f: Finding, report, lines: dict[str, list[str]]) -> dict:
    physical: dict = {"artifactLocation": _artifact(f.path, report.root)}
    region = _region(f)
    if region:
        physical["region"] = region
        context = _context_region(f, lines.get(f.path))
        if context:
            physical["contextRegion"] = context
    return {"physicalLocation": physical}


def _result(f: Finding, rule_index: int, report, lines: dict[str, list[str]]) -> dict:
    message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
    result = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[str(f.severity)],
        "message": {"text": message},
        "locations": [_location(f, report, lines)],
    }
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    props = {k: v for k, v in (("owner", f.owner), ("pack", f.pack), ("category", f.category)) if v}
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
