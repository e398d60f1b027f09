"""``smlint registry check``: is the registry itself in order?

Schema errors stop everything (exit 2, ``file:line:col``). Then, per claim: duplicate ids
and expired claims are errors; claims expiring within ``warn_days``, claims without
evidence and claims whose wording cannot be recognised in copy are warnings.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from smlint.model import Severity
from smlint.registry.claims import read_wording
from smlint.registry.load import Registry


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the registry, at a line of it."""

    code: str          # duplicate-id | expired | expiring | no-evidence | unrecognisable
    severity: Severity
    claim: str
    line: int | None
    message: str

    def to_dict(self, path: str) -> dict:
        return {"code": self.code, "severity": str(self.severity), "claim": self.claim, "path": path,
                "line": self.line, "message": self.message}


def audit(registry: Registry, warn_days: int = 30, today: dt.date | None = None) -> list[Problem]:
    """Every problem of ``registry``, by line."""
    today = today or registry.today()
    problems = [Problem("duplicate-id", Severity.ERROR, cid, line, f"duplicate claim id {cid!r} "
                        f"(first on line {first})") for cid, first, line in registry.duplicates]
    for claim in registry.claims:
        problems.extend(_claim_problems(claim, warn_days, today))
    return sorted(problems, key=lambda p: (p.line or 0, -p.severity, p.code))


def _claim_problems(claim, warn_days: int, today: dt.date) -> list[Problem]:
    out = []
    if claim.expires and claim.expires < today:
        out.append(Problem("expired", Severity.ERROR, claim.id, claim.line,
                           f"claim {claim.id} expired on {claim.expires} ({(today - claim.expires).days} days ago)"))
    elif claim.expires and (claim.expires - today).days <= warn_days:
        out.append(Problem("expiring", Severity.WARNING, claim.id, claim.line,
                           f"claim {claim.id} expires on {claim.expires} (in {(claim.expires - today).days} days)"))
    if not claim.evidence:
        out.append(Problem("no-evidence", Severity.WARNING, claim.id, claim.line,
                           f"claim {claim.id} has no evidence: say what substantiates it"))
    for text in claim.wordings:
        wording = read_wording(claim, text)
        if wording.mention is not None and not wording.stems:
            out.append(Problem("unrecognisable", Severity.WARNING, claim.id, claim.line,
                               f"claim {claim.id}: {text!r} has a number but no words to recognise it by in copy"))
    return out
