"""`smlint rules list|show|validate|test`."""
from __future__ import annotations

from click.testing import CliRunner

from smlint.cli import main
from tests.conftest import CORE_PACK


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_list_shows_each_rule():
    code, out = run("rules", "list", "--pack", str(CORE_PACK))
    assert code == 0 and len(out.splitlines()) == 9
    assert out.splitlines()[0].split()[:4] == ["core/guaranteed", "any", "error", "marketing"]


def test_show_explains_rule():
    code, out = run("rules", "show", "core/guaranteed", "--pack", str(CORE_PACK))
    assert code == 0
    for part in ("What it flags:", "Guarantees of outcomes.", "Why it matters:", "✗ Guaranteed results.",
                 "✓ No guaranteed results here.", "core.yaml:"):
        assert part in out


def test_show_unknown_rule_exit_2():
    code, out = run("rules", "show", "core/nope", "--pack", str(CORE_PACK))
    assert code == 2 and "no rule 'core/nope'" in out


def test_validate_and_test_commands(tmp_path):
    code, out = run("rules", "validate", str(CORE_PACK))
    assert code == 0 and out.strip().endswith("ok (9 rules)")
    code, out = run("rules", "test", str(CORE_PACK))
    assert code == 0 and out.strip().splitlines()[-1] == "22 passed, 0 failed"
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: x\n")
    code, out = run("rules", "validate", str(bad))
    assert code == 2 and "'language' is a required property" in out


def test_validate_and_test_take_lead_packs_too():
    from smlint.packs import builtin_pack_files

    hubspot = str(next(p for p in builtin_pack_files(kind="leads") if p.stem == "hubspot"))
    code, out = run("rules", "validate", hubspot)
    assert code == 0 and out.strip() == f"{hubspot}: ok (17 rules)"
    code, out = run("rules", "test", hubspot)
    assert code == 0 and out.strip().splitlines()[-1].endswith("passed, 0 failed")


def test_list_and_show_cover_lead_agreements_and_registry_checks():
    code, out = run("rules", "list")
    ids = {line.split()[0] for line in out.splitlines()}
    assert code == 0 and {"hubspot-leads/first-touch-sla", "registry/price-not-in-plans",
                          "pricing/price-without-taxes"} <= ids
    code, out = run("rules", "show", "hubspot-leads/first-touch-sla")
    assert code == 0 and "Why it matters:" in out


def test_show_a_mistyped_rule_suggests_the_closest_id():
    code, out = run("rules", "show", "core/guaranted", "--pack", str(CORE_PACK))
    assert code == 2 and "no rule 'core/guaranted'; did you mean 'core/guaranteed'?" in out
