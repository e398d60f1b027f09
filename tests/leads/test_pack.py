"""Lead packs: strict validation with the pack line, and the copy loader's hint."""
from __future__ import annotations

import pytest

from smlint.errors import PackError
from smlint.leads.pack import load_lead_pack, resolve_lead_pack
from smlint.packs import load_pack

from .conftest import MINI_PACK


def load(tmp_path, text: str):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return load_lead_pack(path)


def error(tmp_path, text: str) -> str:
    with pytest.raises(PackError) as info:
        load(tmp_path, text)
    return str(info.value).replace(str(tmp_path) + "/", "")


def test_a_rule_naming_an_undeclared_field_points_at_its_line(tmp_path):
    text = MINI_PACK.replace("    key: email\n", "    key: emial\n")
    assert error(tmp_path, text) == \
        ("p.yaml:51:10: rules[3].key: undeclared field 'emial' (declared: company, created, email, first_touch, "
         "mql_at, owner, phone, record_id, score, stage)")


def test_a_condition_that_does_not_read_points_at_its_line(tmp_path):
    text = MINI_PACK.replace('"score >= 50"', '"score is high"')
    assert error(tmp_path, text).startswith(
        "p.yaml:31:14: rules[1].require: cannot read condition 'score is high'")


def test_a_condition_on_an_undeclared_field(tmp_path):
    text = MINI_PACK.replace('when: "stage == MQL"', 'when: "lifecycle == MQL"')
    assert "rules[1].when: condition 'lifecycle == MQL' names undeclared field 'lifecycle'" in error(tmp_path, text)


def test_a_key_of_another_kind_is_rejected(tmp_path):
    text = MINI_PACK.replace("    within: 24h\n", "    within: 24h\n    after: 3d\n")
    assert "rules[2].after: 'after' does not apply to kind sla (it takes: calendar, from, to, within)" \
        in error(tmp_path, text)


def test_schema_errors_name_the_line_and_field(tmp_path):
    text = MINI_PACK.replace("  score: {type: number}", "  score: {type: integer}")
    assert error(tmp_path, text).startswith("p.yaml:14:17: fields.score.type: ")
    assert "fields.score.type" in error(tmp_path, text)


def test_a_bad_date_format_and_timezone(tmp_path):
    assert "fields.created.formats[0]: unsupported directive %Q" in \
        error(tmp_path, MINI_PACK.replace('"%Y-%m-%d %H:%M", "%m/%d', '"%Q", "%m/%d'))
    assert "fields.created.timezone: unknown timezone 'Europe/Gotham'" in \
        error(tmp_path, MINI_PACK.replace("timezone: Europe/Madrid}\n  mql_at", "timezone: Europe/Gotham}\n  mql_at"))


def test_unknown_placeholder_in_message(tmp_path):
    assert "unknown placeholder {lead}" in error(tmp_path, MINI_PACK.replace('"gate: {detail}"', '"gate: {lead}"'))


def test_a_lead_pack_given_to_the_copy_loader_gets_a_hint(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(MINI_PACK, encoding="utf-8")
    with pytest.raises(PackError, match="use it with `smlint leads --pack`"):
        load_pack(path)


def test_unknown_builtin_pack_lists_the_known_ones():
    with pytest.raises(PackError, match=r"built-in: hubspot, salesforce"):
        resolve_lead_pack("pipedrive")


# Each kind's keys without a default (issue 12: a `gate` without `require` was a KeyError).
_NEEDED = {
    "required": {"fields": ["email"]},
    "gate": {"require": ["email present"]},
    "sla": {"from": "mql_at", "to": "first_touch", "within": "24h"},
    "duplicate": {"key": "email"},
    "attribution": {"fields": ["company"]},
    "stale": {"field": "created", "after": "30d"},
    "schema": {"schema": {"properties": {"score": {"maximum": 100}}}},
}


def _one_rule_pack(kind: str, keys: dict) -> str:
    import json

    head = MINI_PACK.split("rules:\n")[0]
    lines = "".join(f"    {k}: {json.dumps(v)}\n" for k, v in keys.items())
    return (head + f"rules:\n  - id: r\n    kind: {kind}\n{lines}    severity: error\n    message: m\n"
            "    description: d\n    why: w\n    examples: {bad: [{email: a}], good: [{email: b}]}\n")


@pytest.mark.parametrize("kind, key", [(k, key) for k, keys in _NEEDED.items() for key in keys if key != "field"])
def test_a_rule_without_a_key_its_kind_needs_names_the_rule_and_the_key(tmp_path, kind, key):
    from smlint.leads.pack import KIND_NEEDS

    keys = {k: v for k, v in _NEEDED[kind].items() if k != key}
    assert error(tmp_path, _one_rule_pack(kind, keys)) == \
        f"p.yaml:21:5: rules[0]: kind {kind} needs {key!r}: {KIND_NEEDS[kind][key]}"


@pytest.mark.parametrize("kind", ["required", "email", "phone", "gate", "sla", "duplicate", "consent",
                                  "attribution", "stale", "schema"])
def test_every_kind_compiles_from_its_needed_keys_alone(tmp_path, kind):
    # the table of needed keys is complete: nothing else is read without a default
    from smlint.leads.kinds import KINDS
    from smlint.leads.pack import KIND_NEEDS

    assert set(KINDS) >= set(KIND_NEEDS)
    keys = {k: v for k, v in _NEEDED.get(kind, {}).items() if k in KIND_NEEDS.get(kind, {}) or k == "field"}
    if kind == "consent":
        keys = {"field": "stage"}
    assert load(tmp_path, _one_rule_pack(kind, keys)).rules[0].kind == kind
