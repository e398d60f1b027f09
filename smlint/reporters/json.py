"""JSON output, format version 1 (documented in docs/output.md).

``{"version": 1, "tool": {...}, "summary": {...}, "findings": [...], "errors": [...]}``;
every finding carries every field of :meth:`smlint.model.Finding.to_dict`.
"""
from __future__ import annotations

from typing import Iterator

from smlint.reporters import jsonstream
from smlint.reporters.summary import totals

FORMAT_VERSION = 1


def chunks(report) -> Iterator[str]:
    """The report in pieces (one finding at a time), so a big one is written without being held."""
    stats = report.stats
    doc = {
        "version": FORMAT_VERSION,
        "tool": {"name": "smlint", "version": report.version},
        "summary": {
            **totals(report),  # with the findings counted but not listed (not_listed), if any
            "files_checked": stats.files_checked,
            "files_skipped": stats.files_skipped,
            "skipped": dict(sorted(stats.skipped_reasons.items())),
            "packs": list(stats.packs),
        },
        "findings": jsonstream.Lazy(f.to_dict() for f in report.findings),
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    doc.update({k: _plain(v) for k, v in report.extras.items() if k not in doc})
    yield from jsonstream.chunks(doc)
    yield "\n"


def _plain(value):
    """An extra as JSON data: the lead engine's typed results (a list of
    :class:`~smlint.leads.scorecards.Scorecard` or :class:`~smlint.leads.scorecards.Verdict`) by
    their ``to_dict()``, documented in docs/leads.md; counts and per-file notes as they are."""
    if isinstance(value, (list, tuple)):
        return [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    return value
