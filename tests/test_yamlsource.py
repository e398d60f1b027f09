"""Hand-written YAML (packs, smlint.yaml, claims.yaml): alias bombs, deep nesting and YAML tags
are refused at their line with exit 2, never a traceback or a run that eats the machine (issue 12)."""
from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.errors import SourceError
from smlint.yamlsource import ALIAS_EXPANSION_LIMIT, MAX_DEPTH, load_yaml
from tests.conftest import CORE_PACK, PACK_HEAD


def billion_laughs(top_key: str = "i") -> str:
    """The classic 9-level alias bomb: under 400 bytes that expand to 9**9 strings."""
    lines = ["a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    lines[-1] = lines[-1].replace("i:", f"{top_key}:", 1)
    return "\n".join(lines) + "\n"


def error_of(text: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_yaml(text, "f.yaml")
    return info.value


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_alias_bomb_is_refused_fast_with_its_line():
    started = time.perf_counter()
    err = error_of(billion_laughs())
    assert time.perf_counter() - started < 5
    assert err.message.startswith(f"too many aliases: alias expansion over {ALIAS_EXPANSION_LIMIT:,} nodes")
    assert err.line is not None and err.field is not None
    assert len(billion_laughs()) < 400


def test_a_few_aliases_are_fine_and_expanded():
    marked = load_yaml("base: &b [x, y]\nuse: *b\nagain: *b\n", "f.yaml")
    assert marked.data == {"base": ["x", "y"], "use": ["x", "y"], "again": ["x", "y"]}


def test_deep_nesting_is_refused_at_its_line():
    depth = MAX_DEPTH + 5  # a flow list: libyaml accepts 1,000 levels, our walks would not
    err = error_of("a: " + "[" * depth + "]" * depth + "\n")
    assert err.message == f"nested more than {MAX_DEPTH} levels deep" and err.line == 1


def test_nesting_libyaml_refuses_is_a_syntax_error():
    err = error_of("[" * 5000 + "]" * 5000)
    assert "invalid YAML" in err.message and "nesting depth" in err.message


@pytest.mark.parametrize("value, message", [
    ("!!python/name:os.system x", "YAML tag '!!python/name:os.system' is not allowed here"),
    ("!!python/object/apply:os.system [ls]", "YAML tag '!!python/object/apply:os.system' is not allowed here"),
    ("!!binary £", "YAML tag '!!binary' is not allowed here"),
    ("!custom x", "YAML tag '!custom' is not allowed here"),
    ("!custom {b: 1}", "YAML tag '!custom' is not allowed here"),
    ("!!set {b}", "YAML tag '!!set' is not allowed here"),
    ("!!bool maybe", "'maybe' is not a valid !!bool"),
    ("!!int abc", "'abc' is not a valid !!int"),
    ("!!float x", "'x' is not a valid !!float"),
])
def test_yaml_tags_are_refused_at_their_line(value, message):
    err = error_of(f"ok: 1\nkey: {value}\n")
    assert err.message.startswith(message), err.message
    assert (err.line, err.column, err.field) == (2, 6, "key")


def test_plain_tags_and_dates_still_load():
    marked = load_yaml("a: !!str 3\nb: 2027-02-30\nc: !!int 4\nd: yes\n", "f.yaml")
    assert marked.data == {"a": "3", "b": "2027-02-30", "c": 4, "d": True}


def test_merge_keys_and_complex_keys_are_clear_errors():
    assert "merge keys" in error_of("base: &b {x: 1}\nuse:\n  <<: *b\n").message
    assert error_of("? [a]\n: b\n").message == "mapping keys must be plain values"


# ---------------------------------------------------------------- each file, end to end: exit 2


def test_alias_bomb_in_a_pack_exits_2(tmp_path):
    pack = tmp_path / "bomb.yaml"
    pack.write_text(PACK_HEAD + billion_laughs("rules"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    code, out = run("check", "--pack", str(pack), str(tmp_path / "a.txt"))
    assert code == 2 and f"{pack}:" in out and "too many aliases" in out


def test_alias_bomb_in_the_config_exits_2(tmp_path, monkeypatch):
    (tmp_path / "smlint.yaml").write_text(billion_laughs("brands"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = run("check", "--pack", str(CORE_PACK), "a.txt")
    assert code == 2 and "smlint.yaml:" in out and "too many aliases" in out


def test_alias_bomb_in_the_claims_registry_exits_2(tmp_path):
    registry = tmp_path / "claims.yaml"
    registry.write_text(billion_laughs("facts"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    code, out = run("check", "--pack", str(CORE_PACK), "--registry", str(registry), str(tmp_path / "a.txt"))
    assert code == 2 and f"{registry}:" in out and "too many aliases" in out


@pytest.mark.parametrize("where", ["pack", "config", "registry"])
def test_python_tag_exits_2_with_file_and_line(tmp_path, monkeypatch, where):
    text = "x: 1\nbrands: !!python/name:os.system\n"
    (tmp_path / "a.txt").write_text("hello\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["check", "--pack", str(CORE_PACK), "a.txt"]
    if where == "pack":
        (tmp_path / "p.yaml").write_text(PACK_HEAD + "rules: !!python/name:os.system\n", encoding="utf-8")
        args[2], line, name = "p.yaml", 6, "p.yaml"
    elif where == "config":
        (tmp_path / "smlint.yaml").write_text(text, encoding="utf-8")
        line, name = 2, "smlint.yaml"
    else:
        (tmp_path / "claims.yaml").write_text(text, encoding="utf-8")
        args += ["--registry", "claims.yaml"]
        line, name = 2, "claims.yaml"
    code, out = run(*args)
    assert code == 2, out
    assert f"{name}:{line}:" in out and "YAML tag '!!python/name:os.system' is not allowed here" in out
