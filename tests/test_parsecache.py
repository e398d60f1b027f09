"""The parse cache of built-in packs: same data, invalidated by edits, harmless when broken."""
from __future__ import annotations

import os

from smlint import parsecache
from smlint.packs import _load_trusted, builtin_pack_files


def test_cached_parse_equals_yaml_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    path = str(builtin_pack_files()[0])
    first = _load_trusted(path).data
    assert len(list(tmp_path.glob("*.json"))) == 1
    assert _load_trusted(path).data == first


def test_key_changes_when_the_file_changes(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("a: 1\n")
    before = parsecache.key(str(pack))
    pack.write_text("a: 22\n")
    os.utime(pack, ns=(1, 1))
    assert parsecache.key(str(pack)) != before


def test_key_changes_when_the_compiler_changes(tmp_path, monkeypatch):
    pack = tmp_path / "p.yaml"
    pack.write_text("a: 1\n")
    before = parsecache.key(str(pack))
    parsecache._code_stamp.cache_clear()
    monkeypatch.setattr(parsecache, "_COMPILER", ("packs.py", "no-such-module.py"))
    assert parsecache.key(str(pack)) != before
    parsecache._code_stamp.cache_clear()


def test_corrupt_entry_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path))
    path = str(builtin_pack_files()[0])
    expected = _load_trusted(path).data
    (entry,) = tmp_path.glob("*.json")
    entry.write_text("{not json")
    assert _load_trusted(path).data == expected


def test_unwritable_cache_dir_is_harmless(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("SMLINT_CACHE_DIR", str(blocker / "sub"))
    path = str(builtin_pack_files()[0])
    assert _load_trusted(path).data["rules"]
