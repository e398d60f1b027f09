"""Baselines: adopt smlint on an existing repository without fixing everything first.

``smlint baseline`` records today's findings as (path, fingerprint) pairs in
``.smlint-baseline.json``; ``--baseline FILE`` then hides exactly those. The fingerprint
(see ``smlint.text.engine.fingerprint``) is built from the rule, the folded match, the folded
text of its line and the occurrence number — not the line number — so inserting or deleting
lines elsewhere keeps a finding baselined, while editing the offending sentence makes it new.
A lead finding's fingerprint (``smlint.leads.batch``) is built from the rule, the record (its id,
else the offending value, else all its fields), the field and the occurrence number — not the row
— so reordering an export keeps its findings baselined; ``smlint leads --write-baseline`` writes
the same file format.
Paths are stored relative to the baseline file, so the file works from any checkout.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from smlint.errors import ConfigError
from smlint.model import Finding

DEFAULT_BASELINE = ".smlint-baseline.json"
VERSION = 1


@dataclass(frozen=True)
class Baseline:
    """The known findings of one baseline file."""

    path: str
    entries: frozenset  # of (relative path, fingerprint)

    def known(self, finding: Finding) -> bool:
        return (_relative(finding.path, self.path), finding.fingerprint) in self.entries

    def new_findings(self, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not know."""
        return [f for f in findings if not self.known(f)]


def hide_known(findings: list[Finding], baseline_file: str) -> tuple[list[Finding], int]:
    """The findings ``baseline_file`` does not know, and how many it hid: the baseline stage of
    ``smlint check`` (:mod:`smlint.project`) and of ``smlint leads`` (:mod:`smlint.leads.engine`)."""
    kept = load_baseline(baseline_file).new_findings(findings)
    return kept, len(findings) - len(kept)


def _relative(path: str, baseline_file: str) -> str:
    folder = os.path.dirname(os.path.abspath(baseline_file))
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()


def render_baseline(findings: list[Finding], baseline_file: str) -> str:
    """The JSON text of a baseline: sorted, one finding per entry, readable in review."""
    entries = sorted({(_relative(f.path, baseline_file), f.rule, f.fingerprint, f.match) for f in findings})
    data = {
        "tool": "smlint",
        "version": VERSION,
        "findings": [{"path": p, "rule": r, "fingerprint": fp, "match": m} for p, r, fp, m in entries],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_baseline(findings: list[Finding], baseline_file: str) -> int:
    """Write the baseline file (smlint's own file, so it is replaced); return the entry count."""
    text = render_baseline(findings, baseline_file)
    try:
        Path(baseline_file).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(baseline_file, f"cannot write baseline: {exc.strerror or exc}") from None
    return text.count('"fingerprint"')


def load_baseline(baseline_file: str) -> Baseline:
    """Read a baseline; a missing or malformed file is a clear error (exit 2)."""
    try:
        data = json.loads(Path(baseline_file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(baseline_file, "no such baseline file (create it with `smlint baseline`)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: bad JSON, an over-long integer
        reason = str(exc).split("; use sys.set_int_max_str_digits")[0]
        raise ConfigError(baseline_file, f"not a readable smlint baseline: {reason}") from None
    except RecursionError:
        raise ConfigError(baseline_file, "not a readable smlint baseline: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(baseline_file, "not an smlint baseline (expected an object with a 'findings' list)")
    return Baseline(baseline_file, frozenset(_entry(baseline_file, i, item) for i, item in enumerate(data["findings"])))


def _entry(baseline_file: str, i: int, item) -> tuple[str, str]:
    """One ``(path, fingerprint)``; a hand edit that broke it names the entry and the key."""
    if not isinstance(item, dict) or not {"path", "fingerprint"} <= item.keys():
        raise ConfigError(baseline_file, "needs 'path' and 'fingerprint' (an object)", field=f"findings[{i}]")
    for key in ("path", "fingerprint"):
        if not isinstance(item[key], str):
            found = {list: "a list", dict: "an object", bool: "true/false", type(None): "null"}.get(
                type(item[key]), "a number")
            raise ConfigError(baseline_file, f"expected a string, found {found} (regenerate the file with "
                              "`smlint baseline`)", field=f"findings[{i}].{key}")
    return item["path"], item["fingerprint"]
