"""The claims registry as data: find ``claims.yaml``, validate it, build frozen objects.

One file, kept together by Marketing, Sales and Legal: ``facts`` (what is true about the
offer) and ``claims`` (what we may say, with evidence, owner, expiry, channels and an
optional disclaimer). Validated by ``smlint/schemas/registry.schema.json``; every error
is ``file:line:col: field: message`` (STYLE.md habit 3) and ends the run with exit 2.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from smlint.errors import ConfigError
from smlint.repo import repo_root
from smlint.yamlsource import Marked, load_schema, read_marked, validate

FILENAME = "claims.yaml"


class RegistryError(ConfigError):
    """A claims registry that does not load or validate."""


@dataclass(frozen=True)
class Price:
    plan: str
    amount: float
    currency: str
    period: str | None = None
    taxes_included: bool | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.plan, *self.aliases)


@dataclass(frozen=True)
class Facts:
    """What is true about the offer; ``None`` means the registry does not say (no check)."""

    currency: str = "EUR"
    prices: tuple[Price, ...] = ()
    minimum_term_months: int | None = None
    early_exit_fee: float | None = None
    trial_days: int | None = None
    renews_automatically: bool | None = None
    cancellation: str | None = None
    aliases: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    variants: tuple[str, ...] = ()
    evidence: str = ""
    owner: str = ""
    expires: dt.date | None = None
    channels: tuple[str, ...] = ()
    disclaimers: tuple[str, ...] = ()   # any one of them will do (one per language)
    disclaimer_scope: str = "paragraph"
    line: int | None = None

    @property
    def wordings(self) -> tuple[str, ...]:
        return (self.text, *self.variants)


@dataclass(frozen=True)
class Registry:
    path: str
    facts: Facts
    claims: tuple[Claim, ...]
    as_of: dt.date | None = None
    channels: dict = field(default_factory=dict, compare=False, hash=False)
    duplicates: tuple[tuple[str, int, int], ...] = ()  # (id, first line, repeated line)
    brands: tuple[str, ...] = ()  # the advertiser's names: {brand} in the packs

    def today(self) -> dt.date:
        """``as_of`` when the registry pins it, else the real date."""
        return self.as_of or dt.date.today()

    def where(self, claim: Claim) -> str:
        return f"{self.path}:{claim.line}" if claim.line else self.path


def find_registry(start: str | Path | None = None) -> Path | None:
    """``claims.yaml`` at the repository root, else in the current folder."""
    here = Path(start or Path.cwd())
    candidates = [here]
    top = repo_root(here)
    if top is not None:
        candidates.insert(0, Path(top))
    for folder in candidates:
        if (folder / FILENAME).is_file():
            return folder / FILENAME
    return None


def load_registry(path: str | Path, allow_duplicates: bool = False) -> Registry:
    """Load and validate a registry file; duplicate claim ids are an error unless allowed."""
    path_str = str(path)
    marked = read_marked(path, "claims registry (facts and claims)", cls=RegistryError)
    validate(marked, load_schema("registry.schema.json"), cls=RegistryError)
    registry = _build(marked)
    if registry.duplicates and not allow_duplicates:
        cid, first, line = registry.duplicates[0]
        raise RegistryError(path_str, f"duplicate claim id {cid!r} (first on line {first})", line, None,
                            "claims")
    return registry


def registry_from_data(data: dict, name: str) -> Registry:
    """A registry from already-parsed data (a pack's ``example_registry``), validated like a file."""
    marked = Marked(_stringify_dates(data), name)
    validate(marked, load_schema("registry.schema.json"), cls=RegistryError)
    return _build(marked)


def _stringify_dates(value):
    """YAML reads 2026-03-01 as a date; the registry schema (like a registry file) wants the text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _stringify_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_dates(v) for v in value]
    return value


def _date(marked: Marked, path: tuple, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise marked.error(path, f"{value!r} is not a real date (YYYY-MM-DD)", cls=RegistryError) from None


def _build(marked: Marked) -> Registry:
    data = marked.data
    claims = tuple(_claim(marked, i, c) for i, c in enumerate(data.get("claims") or ()))
    return Registry(path=marked.file, facts=_facts(data.get("facts") or {}), claims=claims,
                    as_of=_date(marked, ("as_of",), data.get("as_of")),
                    channels={k: tuple(v) for k, v in (data.get("channels") or {}).items()},
                    duplicates=_duplicates(claims), brands=tuple(data.get("brands") or ()))


def _facts(data: dict) -> Facts:
    currency = data.get("currency", "EUR")
    taxes = data.get("taxes_included")
    prices = tuple(Price(plan=p["plan"], amount=float(p["amount"]), currency=p.get("currency", currency),
                         period=p.get("period"), taxes_included=p.get("taxes_included", taxes),
                         aliases=tuple(p.get("aliases", ())))
                   for p in data.get("prices") or ())
    fee = data.get("early_exit_fee")
    return Facts(currency=currency, prices=prices, minimum_term_months=data.get("minimum_term_months"),
                 early_exit_fee=float(fee) if fee is not None else None, trial_days=data.get("trial_days"),
                 renews_automatically=data.get("renews_automatically"),
                 cancellation=data.get("cancellation"),
                 aliases={k: tuple(v) for k, v in (data.get("aliases") or {}).items()})


def _claim(marked: Marked, i: int, c: dict) -> Claim:
    line, _ = marked.where(("claims", i))
    return Claim(id=c["id"], text=c["text"], variants=tuple(c.get("variants", ())),
                 evidence=c.get("evidence", "").strip(), owner=c.get("owner", ""),
                 expires=_date(marked, ("claims", i, "expires"), c.get("expires")),
                 channels=tuple(c.get("channels", ())), disclaimers=_strings(c.get("disclaimer")),
                 disclaimer_scope=c.get("disclaimer_scope", "paragraph"), line=line)


def _duplicates(claims: tuple[Claim, ...]) -> tuple[tuple[str, int, int], ...]:
    first: dict[str, int] = {}
    out = []
    for claim in claims:
        if claim.id in first:
            out.append((claim.id, first[claim.id], claim.line or 0))
        else:
            first[claim.id] = claim.line or 0
    return tuple(out)


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)
