"""Load a lead pack (``kind: leads``): validate it, declare its fields, compile its rules once.

Every problem points at the pack line: schema errors through :mod:`smlint.yamlsource`, and
compile errors (an undeclared field, a condition that does not read, a bad calendar) through
the rule's path, because a dry compile runs at load time.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from smlint.errors import PackError
from smlint.leads.dates import DateFormatError, compile_format, get_zone, parse_instant, swap_day_month
from smlint.leads.emails import EmailClassifier
from smlint.leads.fields import PERSONAL_TYPES, FieldSpec
from smlint.leads.kinds import KINDS
from smlint.leads.kinds.base import Context, SpecError
from smlint.leads.phones import PhoneClassifier
from smlint.leads.profiles import columns_for
from smlint.model import Pack, Rule, Severity
from smlint.packs import builtin_pack_files, is_builtin
from smlint.yamlsource import Marked, load_schema, read_marked, validate

_COMMON = {"id", "kind", "severity", "message", "description", "why", "suggest", "references", "owner",
           "category", "aliases", "examples", "when", "budget"}
KIND_KEYS = {
    "required": {"fields"}, "email": {"field", "checks"},
    "phone": {"field", "checks", "country_field", "default_country"}, "gate": {"require"},
    "sla": {"from", "to", "within", "calendar"}, "duplicate": {"key", "country_field", "default_country"},
    "consent": {"field", "granted", "basis_field"}, "attribution": {"fields", "allowed"},
    "stale": {"field", "fallback", "after"}, "schema": {"schema"}, "assigned": {"field", "queues"},
}
# The keys a kind cannot do without (the others have defaults), with what to write there.
KIND_NEEDS = {
    "required": {"fields": "the fields that must have a value, e.g. fields: [email, company]"},
    "gate": {"require": 'what a lead at this stage must meet, e.g. require: ["score >= 50", "company present"]'},
    "sla": {"from": "the datetime field the clock starts at, e.g. from: mql_at",
            "to": "the datetime field that stops it, e.g. to: first_touch",
            "within": "the time allowed, e.g. within: 24h"},
    "duplicate": {"key": "the field(s) two records share when they are the same lead, e.g. key: email"},
    "attribution": {"fields": "the source and campaign fields, e.g. fields: [source, campaign]"},
    "stale": {"after": "the time without activity after which a lead is stale, e.g. after: 30d"},
    "schema": {"schema": "a JSON Schema fragment for each record, e.g. schema: {properties: {score: {maximum: 100}}}"},
}
_NAME_HINT = ("first_name", "last_name", "name", "full_name")


@dataclass(frozen=True)
class LeadPack:
    """A validated lead pack: its rules (as core Rules), fields and run settings."""

    pack: Pack
    fields: tuple[FieldSpec, ...]
    profile: str
    as_of: str | None
    record_id: str | None
    scorecards: tuple[str, ...]
    email_lists: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.pack.rules

    @property
    def timezones(self) -> tuple[str, ...]:
        """The timezones the pack's datetime fields are read in (a naive ``as_of`` is read in
        the one they share)."""
        return tuple(dict.fromkeys(f.timezone for f in self.fields if f.type == "datetime"))

    @property
    def slots(self) -> dict[str, int]:
        return {f.name: i for i, f in enumerate(self.fields)}

    def context(self, as_of: float) -> Context:
        lists = self.email_lists
        emails = EmailClassifier(lists.get("free", ()), lists.get("disposable", ()), lists.get("role", ()))
        return Context(list(self.fields), self.slots, as_of, emails, PhoneClassifier())


def builtin_lead_packs() -> list[Path]:
    return builtin_pack_files(kind="leads")


def resolve_lead_pack(ref: str | None) -> Path:
    """``--pack``: a file path or a built-in lead pack name (``hubspot``, ``salesforce``)."""
    builtin = {p.stem: p for p in builtin_lead_packs()}
    if ref is None:
        ref = "hubspot"
    if Path(ref).is_file():
        return Path(ref)
    if ref in builtin:
        return builtin[ref]
    raise PackError(ref, "no such lead pack file or built-in lead pack (built-in: "
                    + ", ".join(sorted(builtin)) + ")")


def load_lead_pack(path: Path | str) -> LeadPack:
    """Read, validate and dry-compile one lead pack; PackError points at the offending line."""
    marked = read_marked(path, "lead pack (pack, kind: leads, fields, rules)", cls=PackError)
    if marked.data.get("kind") != "leads":
        raise marked.error(("kind",), "not a lead pack (kind must be leads); copy packs go to `smlint check`",
                           cls=PackError)
    validate(marked, load_schema("leads.schema.json"), cls=PackError)
    return _build(marked, is_builtin(Path(path)))


def _build(marked: Marked, builtin: bool) -> LeadPack:
    data = marked.data
    profile = data.get("profile", "generic")
    fields = tuple(_field(marked, name, spec, profile) for name, spec in data["fields"].items())
    names = {f.name for f in fields}
    for key in ("record_id",):
        if data.get(key) is not None and data[key] not in names:
            raise marked.error((key,), f"undeclared field {data[key]!r}", cls=PackError)
    by = tuple(data.get("scorecards", {}).get("by", [n for n in ("owner",) if n in names]))
    for i, name in enumerate(by):
        if name not in names:
            raise marked.error(("scorecards", "by", i), f"undeclared field {name!r}", cls=PackError)
    if data.get("as_of"):
        try:
            parse_instant(str(data["as_of"]))
        except ValueError as exc:
            raise marked.error(("as_of",), str(exc), cls=PackError) from None
    rules = tuple(_rule(marked, i, spec, data) for i, spec in enumerate(data["rules"]))
    _check_ids(marked, rules)
    pack = Pack(name=data["pack"], language=data.get("language", "any"), kind="leads",
                description=data["description"], owner=data["owner"], path=marked.file, rules=rules,
                references=tuple(data.get("references", ())), builtin=builtin)
    lead = LeadPack(pack, fields, profile, str(data["as_of"]) if data.get("as_of") else None,
                    data.get("record_id"), by, data.get("email_lists", {}))
    _dry_compile(marked, lead)
    return lead


def _field(marked: Marked, name: str, spec: dict, profile: str) -> FieldSpec:
    where = ("fields", name)
    formats = tuple(spec.get("formats", ("iso",)))
    for j, fmt in enumerate(formats):
        if fmt != "iso":
            try:
                compile_format(fmt)
            except DateFormatError as exc:
                raise marked.error(where + ("formats", j), str(exc), cls=PackError) from None
    for j, fmt in enumerate(formats):
        if swap_day_month(fmt) in formats[:j]:
            raise marked.error(where + ("formats", j), f"{fmt!r} is {swap_day_month(fmt)!r} with day and month "
                               "swapped: a date such as 03/04/2024 would be read by whichever comes first. An "
                               "export writes one order; keep the one yours uses (one pack per locale)",
                               cls=PackError)
    try:
        get_zone(spec.get("timezone", "UTC"))
    except ValueError as exc:
        raise marked.error(where + ("timezone",), str(exc), cls=PackError) from None
    columns = tuple(dict.fromkeys([*spec.get("columns", ()), *columns_for(profile, name)]))
    if not columns:
        raise marked.error(where, f"field {name!r} has no columns: list them in `columns:` "
                           f"(the {profile} profile has none for it)", cls=PackError)
    personal = spec.get("personal", spec["type"] in PERSONAL_TYPES or name in _NAME_HINT)
    return FieldSpec(name=name, type=spec["type"], columns=columns, required=bool(spec.get("required")),
                     personal=personal, formats=formats, timezone=spec.get("timezone", "UTC"),
                     mapping=dict(spec.get("map", {})), values=tuple(spec.get("values", ())),
                     country=spec.get("country"))


def _rule(marked: Marked, i: int, spec: dict, pack: dict) -> Rule:
    kind = KINDS[spec["kind"]]
    extra = set(spec) - _COMMON - KIND_KEYS[spec["kind"]]
    if extra:
        key = sorted(extra)[0]
        raise marked.error(("rules", i, key), f"{key!r} does not apply to kind {spec['kind']} (it takes: "
                           + ", ".join(sorted(KIND_KEYS[spec["kind"]])) + ")", key=True, cls=PackError)
    for key, hint in KIND_NEEDS.get(spec["kind"], {}).items():
        if key not in spec:
            raise marked.error(("rules", i), f"kind {spec['kind']} needs {key!r}: {hint}", cls=PackError)
    for key in ("message", "suggest"):
        if key in spec:
            _check_placeholders(marked, ("rules", i, key), spec[key], set(kind.placeholders))
    line, _ = marked.where(("rules", i))
    return Rule(id=f"{pack['pack']}/{spec['id']}", pack=pack["pack"], kind=spec["kind"],
                severity=Severity.parse(spec["severity"]), message=spec["message"],
                description=spec["description"], why=spec["why"], language=pack.get("language", "any"),
                owner=spec.get("owner", pack["owner"]), category=spec.get("category", pack.get("category", "leads")),
                suggest=spec.get("suggest"), references=tuple(spec.get("references", pack.get("references", ()))),
                aliases=tuple(spec.get("aliases", ())), examples=spec["examples"],
                spec={k: v for k, v in spec.items() if k not in _COMMON - {"when", "budget"}},
                source=f"{marked.file}:{line}" if line else marked.file)


def _check_placeholders(marked: Marked, path: tuple, text: str, allowed: set[str]) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError as exc:
        raise marked.error(path, f"bad placeholder syntax: {exc}", cls=PackError) from None
    for name in names:
        if name not in allowed:
            raise marked.error(path, f"unknown placeholder {{{name}}} (allowed: "
                               + ", ".join("{" + a + "}" for a in sorted(allowed)) + ")", cls=PackError)


def _check_ids(marked: Marked, rules: tuple[Rule, ...]) -> None:
    seen: dict[str, int] = {}
    for i, rule in enumerate(rules):
        if rule.id in seen:
            raise marked.error(("rules", i, "id"), f"duplicate rule id {rule.short_id!r}", cls=PackError)
        seen[rule.id] = i


def _dry_compile(marked: Marked, lead: LeadPack) -> None:
    """Compile every rule now so that spec errors surface at load, with the pack line."""
    ctx = lead.context(0.0)
    for i, rule in enumerate(lead.rules):
        try:
            KINDS[rule.kind](rule, ctx)
        except SpecError as exc:
            raise marked.error(("rules", i, *exc.path), exc.message, cls=PackError) from None
        budget = rule.spec.get("budget")
        if budget and budget["by"] not in ctx.slots:
            raise marked.error(("rules", i, "budget", "by"), f"undeclared field {budget['by']!r}",
                               cls=PackError)
