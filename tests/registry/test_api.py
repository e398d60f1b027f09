"""The registry in the Linter API and ``smlint check``; without one, nothing changes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from smlint.api import Linter, LintOptions
from smlint.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "registry" / "claims.yaml"

DRAFTS = ROOT / "examples" / "registry" / "drafts"
COPY = "Guaranteed results! Pro costs 49 € a month, no contract. Up to 50% faster onboarding."
PACKS = ("en/overpromise",)  # pin the built-in packs these expectations were written for


def test_without_registry_nothing_changes():
    plain = Linter(LintOptions(packs=PACKS)).lint_text(COPY, lang="en")
    assert [f.rule for f in plain] == ["overpromise/guaranteed-results"]
    assert not any(r.pack == "registry" for r in Linter(LintOptions()).rules)


def test_with_registry_findings_merge_sorted():
    found = Linter(LintOptions(packs=PACKS, registry=str(EXAMPLE))).lint_text(COPY, lang="en")
    assert [(f.rule, f.column) for f in found] == [
        ("overpromise/guaranteed-results", 1), ("registry/price-not-in-plans", 31),
        ("registry/permanence-contradiction", 45), ("registry/claim-number-mismatch", 58)]


def test_select_and_ignore_apply_to_registry_rules():
    linter = Linter(LintOptions(registry=str(EXAMPLE), ignore=("registry/permanence-*",)))
    assert "registry/permanence-contradiction" not in {f.rule for f in linter.lint_text(COPY, lang="en")}
    assert "registry/permanence-contradiction" not in {r.id for r in linter.rules}
    only = Linter(LintOptions(registry=str(EXAMPLE), select=("registry/price-*",))).lint_text(COPY, lang="en")
    assert [f.rule for f in only] == ["registry/price-not-in-plans"]


def run(args, cwd=None):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_cli_without_registry_file_behaves_as_before(tmp_path, monkeypatch):
    draft = tmp_path / "draft.txt"
    draft.write_text(COPY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["check", "--pack", PACKS[0], "--format", "json", str(draft)])
    assert [f["rule"] for f in json.loads(result.output)["findings"]] == ["overpromise/guaranteed-results"]


def test_cli_finds_claims_yaml_in_cwd_and_no_registry_turns_it_off(tmp_path, monkeypatch):
    shutil.copy(EXAMPLE, tmp_path / "claims.yaml")
    (tmp_path / "draft.txt").write_text(COPY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rules = [f["rule"] for f in json.loads(run(["check", "--pack", PACKS[0], "--format", "json", "draft.txt"]).output)["findings"]]
    assert "registry/price-not-in-plans" in rules
    off = run(["check", "--pack", PACKS[0], "--format", "json", "--no-registry", "draft.txt"]).output
    assert [f["rule"] for f in json.loads(off)["findings"]] == ["overpromise/guaranteed-results"]


def test_registry_file_is_not_checked_as_copy():
    """A YAML reader would read claims.yaml like copy: every claim in it would be 'used' there."""
    linter = Linter(LintOptions(registry=str(EXAMPLE)))
    text = EXAMPLE.read_text(encoding="utf-8")
    assert [f for f in linter.registry.check(linter.read(str(EXAMPLE), text, "plaintext"))] == []
    assert linter.registry.check(linter.read("other.txt", text, "plaintext")) != []


def test_cli_bad_registry_exits_2_with_position(tmp_path):
    bad = tmp_path / "claims.yaml"
    bad.write_text("facts:\n  price: 29\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--registry", str(bad), str(DRAFTS)])
    assert result.exit_code == 2
    assert f"{bad}:2:3: facts.price: unknown key 'price'" in result.output


def test_cli_missing_registry_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["check", "--registry", str(tmp_path / "nope.yaml"), str(DRAFTS)])
    assert result.exit_code == 2 and "no such file" in result.output


def test_cli_channel_option(tmp_path):
    draft = tmp_path / "call.txt"
    draft.write_text("9 out of 10 customers recommend Acme.", encoding="utf-8")
    args = ["check", "--pack", PACKS[0], "--format", "json", "--registry", str(EXAMPLE), str(draft)]
    assert json.loads(run(args).output)["findings"] == []
    rules = [f["rule"] for f in json.loads(run(args + ["--channel", "sales"]).output)["findings"]]
    assert rules == ["registry/claim-wrong-channel"]


@pytest.mark.parametrize("name", ["web/landing-en.txt", "web/landing-es.txt"])
def test_agreeing_drafts_are_clean(name):
    result = run(["check", "--registry", str(EXAMPLE), "--select", "registry/*", str(DRAFTS / name)])
    assert result.exit_code == 0, result.output


def test_disagreeing_drafts(monkeypatch):
    monkeypatch.chdir(ROOT)
    out = run(["check", "--format", "json", "--registry", "examples/registry/claims.yaml", "--select", "registry/*",
               "examples/registry/drafts/email", "examples/registry/drafts/sales"]).output
    got = {(f["path"].split("/")[-1], f["line"], f["column"], f["rule"].split("/")[1])
           for f in json.loads(out)["findings"]}
    assert got == {
        ("promo-en.txt", 1, 27, "unregistered-claim"), ("promo-en.txt", 5, 30, "claim-number-mismatch"),
        ("promo-en.txt", 5, 46, "claim-number-mismatch"), ("promo-en.txt", 6, 7, "unregistered-claim"),
        ("promo-en.txt", 8, 13, "price-not-in-plans"), ("promo-en.txt", 8, 26, "taxes-contradiction"),
        ("promo-en.txt", 8, 36, "permanence-contradiction"), ("promo-en.txt", 8, 49, "permanence-contradiction"),
        ("promo-en.txt", 8, 69, "renewal-contradiction"), ("promo-en.txt", 10, 9, "trial-mismatch"),
        ("guion-es.txt", 3, 29, "expired-claim"), ("guion-es.txt", 3, 63, "claim-wrong-channel"),
        ("guion-es.txt", 4, 29, "missing-disclaimer"), ("guion-es.txt", 6, 28, "price-not-in-plans"),
        ("guion-es.txt", 6, 38, "permanence-contradiction"), ("guion-es.txt", 6, 56, "fee-mismatch"),
        ("guion-es.txt", 7, 18, "term-mismatch"), ("guion-es.txt", 7, 46, "unregistered-claim"),
        ("guion-es.txt", 9, 10, "trial-mismatch")}


def test_rules_show_explains_registry_rules():
    result = run(["rules", "show", "registry/term-mismatch"])
    assert result.exit_code == 0 and "What it flags:" in result.output and "Permanencia mínima" in result.output


def test_registry_path_precedence(tmp_path, monkeypatch):
    from smlint.cli.registry import registry_path

    shutil.copy(EXAMPLE, tmp_path / "claims.yaml")
    other = tmp_path / "other.yaml"
    shutil.copy(EXAMPLE, other)
    monkeypatch.chdir(tmp_path)
    assert registry_path(None) == str(tmp_path / "claims.yaml")             # found
    assert registry_path(None, configured=str(other)) == str(other)          # config's registry:
    assert registry_path("claims.yaml", configured=str(other)) == "claims.yaml"  # --registry wins
    assert registry_path("claims.yaml", no_registry=True) is None


def test_a_registered_claim_clears_the_pack_finding_it_substantiates():
    """Issue 11: "up to 30 %" is lawful with evidence on file; with the claim in the registry the
    statistics rule stays silent on it, while another number is still asked for its evidence."""
    text = "Up to 30% faster onboarding for every team."
    packs = ("en/statistics",)
    plain = Linter(LintOptions(packs=packs)).lint_text(text, lang="en")
    assert "statistics/up-to-claim" in {f.rule for f in plain}
    linter = Linter(LintOptions(packs=packs, registry=str(EXAMPLE), channel="web"))
    registered = [f.rule for f in linter.lint_text(text, lang="en")]
    assert "statistics/up-to-claim" not in registered and "registry/claim-number-mismatch" not in registered
    assert "registry/missing-disclaimer" in registered  # the registry checks the claim's own conditions
    other = [f.rule for f in linter.lint_text("Up to 50% faster onboarding for every team.", lang="en")]
    assert "statistics/up-to-claim" in other and "registry/claim-number-mismatch" in other
