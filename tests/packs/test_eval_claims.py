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
UNSCORED = {"sales-scripts", "environmental", "reviews"}  # the eval's "other": reported, never scored


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
