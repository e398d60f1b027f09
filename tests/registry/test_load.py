"""Loading and validating claims.yaml: file:line:col errors, exit 2 material."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from smlint.registry import RegistryError, find_registry, load_registry


def write(tmp_path, text: str):
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_registry_loads(registry):
    assert [c.id for c in registry.claims] == ["faster-onboarding", "customers-recommend", "more-meetings",
                                               "live-in-days", "top-rated"]
    basic = registry.facts.prices[0]
    assert (basic.plan, basic.amount, basic.currency, basic.period, basic.taxes_included) == \
        ("Basic", 29, "EUR", "month", True)
    assert basic.aliases == ("Básico",)
    assert registry.facts.minimum_term_months == 12 and registry.facts.trial_days == 14
    assert registry.claims[0].expires == dt.date(2027, 3, 1)
    assert registry.claims[0].disclaimers[1] == "Según 120 clientes, marzo de 2026."
    assert registry.today() == dt.date(2026, 11, 20)


def test_unknown_key_points_at_its_line(tmp_path):
    path = write(tmp_path, "facts:\n  currency: EUR\n  trial: 14\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value).startswith(f"{path}:3:3: facts.trial: unknown key 'trial'")


def test_wrong_type_points_at_the_value(tmp_path):
    path = write(tmp_path, "claims:\n  - id: a\n    text: up to 30% faster\n    channels: web\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value) == f"{path}:4:15: claims[0].channels: 'web' is not of type 'array'"


def test_impossible_date(tmp_path):
    path = write(tmp_path, "claims:\n  - id: a\n    text: x\n    expires: 2027-02-30\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert "4:14: claims[0].expires: '2027-02-30' is not a real date" in str(err.value)


def test_duplicate_ids_are_an_error_with_the_line(tmp_path):
    path = write(tmp_path, "claims:\n  - {id: a, text: one}\n  - {id: a, text: two}\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert str(err.value) == f"{path}:3: claims: duplicate claim id 'a' (first on line 2)"
    assert load_registry(path, allow_duplicates=True).duplicates == (("a", 2, 3),)


def test_not_a_mapping(tmp_path):
    with pytest.raises(RegistryError, match="must be a YAML mapping"):
        load_registry(write(tmp_path, "- just\n- a list\n"))


def test_invalid_yaml(tmp_path):
    with pytest.raises(RegistryError, match=r"claims.yaml:2:\d+: invalid YAML"):
        load_registry(write(tmp_path, "facts: {\nclaims: ]\n"))


def test_per_plan_currency_and_taxes(tmp_path):
    path = write(tmp_path, "facts:\n  currency: EUR\n  taxes_included: false\n  prices:\n"
                           "    - {plan: US, amount: 35, currency: USD, taxes_included: true}\n")
    price = load_registry(path).facts.prices[0]
    assert (price.currency, price.taxes_included) == ("USD", True)


def test_find_registry_in_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_registry() is None
    write(tmp_path, "facts: {}\n")
    assert find_registry() == tmp_path / "claims.yaml"


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_find_registry_at_git_toplevel(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, "facts: {}\n")
    sub = tmp_path / "campaigns" / "q3"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_registry().resolve() == (tmp_path / "claims.yaml").resolve()
