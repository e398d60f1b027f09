"""``smlint registry check`` and ``smlint registry usage``."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from smlint.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = "examples/registry/claims.yaml"
DRAFTS = "examples/registry/drafts"


def run(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_check_lists_problems_by_line(monkeypatch):
    result = run(["registry", "check", "--registry", EXAMPLE], monkeypatch)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{EXAMPLE}:39: error [expired] claim more-meetings expired on 2026-10-31 (20 days ago)",
        f"{EXAMPLE}:47: warning [expiring] claim live-in-days expires on 2026-12-10 (in 20 days)",
        f"{EXAMPLE}:55: warning [no-evidence] claim top-rated has no evidence: say what substantiates it",
        f"{EXAMPLE}: 5 claims, 1 error, 2 warnings"]


def test_check_warn_days_and_fail_on(monkeypatch):
    result = run(["registry", "check", "--registry", EXAMPLE, "--warn-days", "10", "--fail-on", "never"], monkeypatch)
    assert result.exit_code == 0 and "[expiring]" not in result.output


def test_check_json_and_duplicates(tmp_path, monkeypatch):
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - {id: a, text: up to 5% more leads, evidence: x}\n"
                    "  - {id: a, text: up to 6% more leads, evidence: y}\n", encoding="utf-8")
    result = run(["registry", "check", "--registry", str(path), "--format", "json"], monkeypatch)
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert [(p["code"], p["line"], p["severity"]) for p in data["problems"]] == [
        ("duplicate-id", 3, "error")]


def test_check_schema_error_exits_2(tmp_path, monkeypatch):
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - {id: Bad Id, text: x}\n", encoding="utf-8")
    result = run(["registry", "check", "--registry", str(path)], monkeypatch)
    assert result.exit_code == 2
    assert f"{path}:2:10: claims[0].id: 'Bad Id' does not match" in result.output


def test_usage_text(monkeypatch):
    result = run(["registry", "usage", "--registry", EXAMPLE, DRAFTS], monkeypatch)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (f"Claims registry {EXAMPLE}: 5 claims, 4 used, 3 unregistered numeric claims in 4 files "
                        "(as of 2026-11-20)")
    assert f"  {DRAFTS}/sales/guion-es.txt:3:29 [sales]  'el doble'  ✗ expired-claim" in lines
    assert f"  {DRAFTS}/web/landing-en.txt:3:31 [web]  'up to 30%'" in lines
    assert lines[lines.index('top-rated  "the top-rated CRM for small agencies"  (owner marketing, expires never, '
                             'channels web)') + 1] == "  not used"
    assert f"  {DRAFTS}/email/promo-en.txt:6:7 [email]  '40%' (40%)" in lines
    assert ('more-meetings  "twice as many meetings booked"  (owner sales, expires 2026-10-31, channels sales)'
            "  EXPIRED") in lines


def test_usage_json(monkeypatch):
    data = json.loads(run(["registry", "usage", "--registry", EXAMPLE, "--format", "json", DRAFTS], monkeypatch).output)
    uses = {c["id"]: c["uses"] for c in data["claims"]}
    assert [(u["line"], u["column"], u["text"], u["problems"]) for u in uses["customers-recommend"]] == [
        (3, 63, "9 de cada 10", ["registry/claim-wrong-channel"]), (5, 1, "9 out of 10", []), (4, 1, "9 de cada 10", [])]
    assert [u["text"] for u in data["unregistered"]] == ["twice", "40%", "20 %"]


def test_usage_html_is_self_contained_and_escaped(tmp_path, monkeypatch):
    reg = tmp_path / "claims.yaml"
    reg.write_text('claims:\n  - {id: x, text: "up to 20% <script>alert(1)</script> fewer no-shows"}\n',
                   encoding="utf-8")
    draft = tmp_path / "web" / "a.txt"
    draft.parent.mkdir()
    draft.write_text("Up to 20% fewer no-shows. <b>Close 3x more</b>", encoding="utf-8")
    out = tmp_path / "usage.html"
    result = run(["registry", "usage", "--registry", str(reg), "--format", "html", "-o", str(out),
                  str(tmp_path / "web")], monkeypatch)
    html = out.read_text(encoding="utf-8")
    assert result.exit_code == 0
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<link" not in html and "<style>" in html
    assert "a.txt:1:1" in html and "3x" in html


def test_usage_without_registry_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["registry", "usage", "."])
    assert result.exit_code == 2 and "no claims registry" in result.output
