"""One line per finding: ``path:line:col: severity [rule] message`` (ruff's and eslint's concise view).

The text format without the quoted line and the suggestion, for a long run read at a glance or
piped to ``grep``/``sort``; it ends the same way: files that could not be checked, the
``--statistics`` tables when asked, and the summary line.
"""
from __future__ import annotations

from typing import Iterator

from smlint.reporters.text import closing, headline


def chunks(report) -> Iterator[str]:
    """The text in pieces, a finding at a time (issue 14)."""
    for f in report.findings:
        yield headline(f, report) + "\n"
    yield closing(report)
