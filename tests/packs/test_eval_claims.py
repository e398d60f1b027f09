"""bench/eval_claims.py and the one category → eval-label table (smlint/categories.py)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from smlint.api import Linter
from smlint.categories import CATEGORY_LABELS, EVAL_LABELS, labels_for
from smlint.packs import load_packs

ROOT = Path(__file__).resolve().parents[2]
UNSCORED = {"sales-scripts", "reviews"}  # the eval's "other": reported, never scored


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "bench" / "eval_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_builtin_category_is_mapped_or_declared_unscored():
    used = {r.category for p in load_packs() for r in p.rules}
    assert used - set(CATEGORY_LABELS) <= UNSCORED
    assert all(set(v) <= set(EVAL_LABELS) for v in CATEGORY_LABELS.values())


def test_labels_for():
    assert labels_for("free-trial") == ("hidden_pricing", "permanence")
    assert labels_for("sales-scripts") == ()
    assert labels_for("evidence-claims") == ("unsubstantiated_stat", "vague_claim")


def test_score_counts_recall_fp_and_other(bench, tmp_path):
    items = [
        {"id": "a", "lang": "en", "text": "Guaranteed results in a week.", "labels": ["overpromise"]},
        {"id": "b", "lang": "en", "text": "Our shop opens at nine.", "labels": ["pressure"]},
        {"id": "c", "lang": "en", "text": "Hurry, the sale ends soon!", "labels": ["none"]},
        {"id": "d", "lang": "es", "text": "Abrimos a las nueve.", "labels": ["none"]},
        {"id": "e", "lang": "es", "text": "¡Últimas unidades!", "labels": ["other"]},
    ]
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    result = bench.score(bench.load_items(str(path)), Linter())
    en, es = result["table"]["en"], result["table"]["es"]
    assert en["recall (6 labels)"] == [1, 2] and en["overpromise"] == [1, 1] and en["pressure"] == [0, 1]
    assert en["FP rate on none"] == [1, 1] and es["FP rate on none"] == [0, 1]
    assert es["other (any finding)"] == [1, 1]
    assert [i["id"] for i, _ in result["misses"]] == ["b"] and [i["id"] for i, _ in result["fps"]] == ["c"]
    table = bench.render(result["table"])
    assert "| recall (6 labels) | 0.50 (1/2) | – | 0.50 (1/2) |" in table


def test_info_findings_are_not_counted(bench):
    findings = Linter().lint_text("Broadband for £25 a month.", lang="en")
    assert findings and bench.counted_labels(findings) == set()


def test_probe_halves_split_by_the_ids_last_number(bench, tmp_path):
    path = tmp_path / "probe.jsonl"
    path.write_text("".join(json.dumps({"id": f"p-en-{n:03d}", "lang": "en", "text": "x", "labels": ["none"]}) + "\n"
                            for n in range(1, 8)), encoding="utf-8")
    tune = [it["id"] for it in bench.load_items(str(path), "tune")]
    holdout = [it["id"] for it in bench.load_items(str(path), "holdout")]
    assert tune == ["p-en-001", "p-en-003", "p-en-005", "p-en-007"]
    assert holdout == ["p-en-002", "p-en-004", "p-en-006"]
    assert len(bench.load_items(str(path))) == 7


def test_the_held_out_half_cannot_be_listed(bench, tmp_path, capsys):
    path = tmp_path / "probe.jsonl"
    path.write_text(json.dumps({"id": "p-en-002", "lang": "en", "text": "x", "labels": ["none"]}) + "\n",
                    encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        bench.main([str(path), "--half", "holdout", "--show-fp"])
    assert exc.value.code == 2
    assert "never read" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["probe1.jsonl", "probe2.jsonl", "probe3.jsonl", "probe4.jsonl"])
def test_probe_sets_are_well_formed(name):
    allowed = set(EVAL_LABELS) | {"other", "none"}
    ids = set()
    for line in (ROOT / "bench" / "probes" / name).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert item["lang"] in ("en", "es") and item["text"].strip()
        assert set(item["labels"]) <= allowed and item["labels"]
        assert item["labels"] == ["none"] or "none" not in item["labels"]
        assert item["id"] not in ids
        ids.add(item["id"])
