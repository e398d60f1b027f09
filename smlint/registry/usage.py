"""``smlint registry usage PATH…``: the claims inventory Legal asks for.

For each approved claim, every place the copy uses it (and whether the number agrees);
then every numeric claim no registry entry explains — the list Marketing should register
or drop.  Rendered as text, JSON or a self-contained HTML page (jinja2, autoescaped).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from smlint.model import FileError, RunStats
from smlint.registry.checker import Analysis, RegistryChecker
from smlint.registry.load import Claim
from smlint.registry.numbers import describe


@dataclass(frozen=True)
class Place:
    """Where one claim (or unregistered number) stands in one document."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    channel: str | None
    stated: str = ""
    problems: tuple[str, ...] = ()   # registry rule ids raised at this place

    def to_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text, "channel": self.channel, "stated": self.stated,
                "problems": list(self.problems)}


@dataclass
class Inventory:
    registry: str
    today: str
    claims: list[tuple[Claim, list[Place]]]
    unregistered: list[Place] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    files: int = 0


def collect(checker: RegistryChecker, analyses: list[Analysis], errors: list[FileError], files: int) -> Inventory:
    """Group the uses found in every document by claim; list the unregistered numbers."""
    places: dict[str, list[Place]] = {c.id: [] for c in checker.registry.claims}
    unregistered: list[Place] = []
    for a in analyses:
        for use in a.uses:
            places[use.claim.id].append(_place(a, use.start, use.end, use.stated, _problems(a, use.start, use.end)))
        unregistered += [_place(a, m.start, m.end, describe(m), ("registry/unregistered-claim",))
                         for m in a.unregistered]
    claims = [(c, places[c.id]) for c in _unique(checker.registry.claims)]
    return Inventory(checker.registry.path, checker.today.isoformat(), claims, unregistered, errors, files)


def _unique(claims) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    return out


def _place(a: Analysis, start: int, end: int, stated: str, problems: tuple[str, ...]) -> Place:
    loc = a.doc.locate(start, end)
    return Place(loc.path, loc.line, loc.column, loc.end_line, loc.end_column, a.doc.source_text(start, end),
                 a.channel, stated, problems)


def _problems(a: Analysis, start: int, end: int) -> tuple[str, ...]:
    return tuple(sorted({f"registry/{h.rule}" for h in a.hits if h.start == start and h.end == end}))


def analyze_paths(checker: RegistryChecker, paths: list[str]) -> Inventory:
    """Read every lintable file under ``paths`` and analyse it against the registry."""
    from smlint.linter import Linter, LintOptions, find_files, lint_files

    linter = Linter(LintOptions(), packs=[])
    stats, errors = RunStats(), []
    targets = [t for t in find_files(paths, stats, errors) if not checker.is_registry_file(t.path)]
    analyses = lint_files(targets, lambda kept: (linter.lint_target(t, check=checker.analyze) for t in kept),
                          stats, errors)
    return collect(checker, analyses, errors, stats.files_checked)


# -- rendering -------------------------------------------------------------------------------

def render_text(inv: Inventory) -> str:
    used = sum(1 for _, places in inv.claims if places)
    lines = [f"Claims registry {inv.registry}: {len(inv.claims)} claims, {used} used, "
             f"{len(inv.unregistered)} unregistered numeric claims in {inv.files} files (as of {inv.today})", ""]
    for claim, places in inv.claims:
        expired = "  EXPIRED" if claim.expires and claim.expires.isoformat() < inv.today else ""
        lines.append(f"{claim.id}  \"{claim.text}\"  ({_meta(claim)}){expired}")
        lines += [f"  {_where(p)}  {p.text!r}{_flags(p)}" for p in places] or ["  not used"]
    lines += ["", f"Unregistered numeric claims ({len(inv.unregistered)}):"]
    lines += [f"  {_where(p)}  {p.text!r} ({p.stated})" for p in inv.unregistered] or ["  none"]
    lines += [f"{e.path}: error: {e.message}" for e in inv.errors]
    return "\n".join(lines) + "\n"


def _meta(claim: Claim) -> str:
    parts = [f"owner {claim.owner or '-'}", f"expires {claim.expires or 'never'}",
             f"channels {', '.join(claim.channels) or 'any'}"]
    return ", ".join(parts)


def _where(p: Place) -> str:
    return f"{p.path}:{p.line}:{p.column}" + (f" [{p.channel}]" if p.channel else "")


def _flags(p: Place) -> str:
    return "" if not p.problems else "  ✗ " + ", ".join(x.split("/", 1)[1] for x in p.problems)


def render_json(inv: Inventory) -> str:
    data = {
        "version": 1,
        "registry": inv.registry,
        "as_of": inv.today,
        "files": inv.files,
        "claims": [{"id": c.id, "text": c.text, "variants": list(c.variants), "owner": c.owner,
                    "evidence": c.evidence, "expires": c.expires.isoformat() if c.expires else None,
                    "channels": list(c.channels), "uses": [p.to_dict() for p in places]}
                   for c, places in inv.claims],
        "unregistered": [p.to_dict() for p in inv.unregistered],
        "errors": [{"path": e.path, "message": e.message} for e in inv.errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_html(inv: Inventory) -> str:
    """A self-contained page (inline CSS, no scripts); every value is autoescaped."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("smlint.registry", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    used = sum(1 for _, places in inv.claims if places)
    return env.get_template("usage.html.j2").render(inv=inv, used=used)


RENDERERS = {"text": render_text, "json": render_json, "html": render_html}
