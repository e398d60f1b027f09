"""check_batch over parts of an export, merged in any grouping and order, is the serial run."""
from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import sys
import threading

import pytest

from smlint.leads.batch import Agreement, Batch, batch_keys, check_batch, merge, merge_all, portable_hash
from smlint.leads.engine import LeadOptions, compile_agreement, lead_result
from smlint.leads.pack import load_lead_pack, resolve_lead_pack
from smlint.model import RunStats

from .conftest import rows, run, write

EXPORT = "examples/leads/hubspot-export.csv"
AS_OF = "2024-07-01T12:00:00Z"
HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


@pytest.fixture(scope="module")
def hubspot():
    pack = load_lead_pack(resolve_lead_pack("hubspot"))
    return pack, compile_agreement(pack, LeadOptions(as_of=AS_OF))


def dup_export(tmp_path) -> str:
    """Every key comes back in a later part of the file, some three times; a few rows are broken."""
    lines = []
    for i in range(240):
        owner = ("ann", "bo", "")[i % 3]
        stage, score = ("MQL", str(i % 90)) if i % 4 == 0 else ("lead", "")
        lines.append(f"{i},U{i % 97}@Acme-Robotics.io,,{stage},{score},,{owner},2024-03-01 10:00,,\n")
        if i % 50 == 7:
            lines.append(f"{i},ragged row\n")
    return write(tmp_path, "d.csv", HEADER + "".join(lines))


def split(records: list, cuts: list[int]) -> list[list]:
    bounds = [0, *cuts, len(records)]
    return [records[a:b] for a, b in zip(bounds, bounds[1:])]


def check_parts(agreement: Agreement, layout, parts: list[list]) -> list:
    """Each part checked knowing the keys of the parts before it (as parallel.py does)."""
    keys = [batch_keys(agreement, Batch(layout, part)) for part in parts]
    return [check_batch(agreement, Batch(layout, part, tuple(keys[:i]))) for i, part in enumerate(parts)]


def serial(agreement: Agreement, layout, records: list):
    return check_batch(agreement, Batch(layout, records))


def test_parts_merged_equal_the_whole_export(hubspot):
    pack, agreement = hubspot
    header, records = rows(EXPORT)
    layout = agreement.layout(header, EXPORT)
    whole = serial(agreement, layout, records)
    for cuts in ([100], [1, 2, 3], [50, 51, 300, 301, 400]):
        merged = merge_all(check_parts(agreement, layout, split(records, cuts)), agreement)
        assert merged.findings == whole.findings
        assert merged.segments == whole.segments and merged.rows == whole.rows == sum(p is None for _, _, p in records)
        assert merged.keys == whole.keys and merged.totals == whole.totals


def test_the_merged_batches_are_the_report_of_smlint_leads(hubspot):
    pack, agreement = hubspot
    header, records = rows(EXPORT)
    layout = agreement.layout(header, EXPORT)
    merged = merge_all(check_parts(agreement, layout, split(records, [120, 260, 261])), agreement)
    report = lead_result(agreement, merged, [], RunStats(), EXPORT)
    expected = run(pack, EXPORT, as_of=AS_OF, jobs=1)
    assert report.findings == expected.findings
    assert (report.scorecards, report.budgets, report.rows) == (expected.scorecards, expected.budgets, expected.rows)


def test_duplicates_across_parts_cite_the_first_row(tmp_path, mini_pack):
    agreement = compile_agreement(mini_pack, LeadOptions(as_of="2024-03-10T12:00:00Z"))
    header, records = rows(dup_export(tmp_path))
    layout = agreement.layout(header, "d.csv")
    whole = serial(agreement, layout, records)
    dups = [f for f in whole.findings if f.rule == "mini/dup"]
    row_of = {cells[0]: row for row, cells, problem in records if problem is None}
    assert len(dups) == 240 - 97
    assert all(f.message == f"duplicate of row {row_of[str(int(f.location.record_id) % 97)]}" for f in dups)
    parts = split(records, [30, 31, 120, 200])
    merged = merge_all(check_parts(agreement, layout, parts), agreement)
    assert merged == whole
    # told nothing of the parts before, a part cannot know its first rows are duplicates
    alone = merge_all([check_batch(agreement, Batch(layout, part)) for part in parts], agreement)
    assert len([f for f in alone.findings if f.rule == "mini/dup"]) < len(dups)


def test_one_store_of_every_key_serves_every_part(tmp_path, mini_pack):
    """The Dask way: the keys of all parts merged once (each at its first position), given to each part."""
    agreement = compile_agreement(mini_pack, LeadOptions(as_of="2024-03-10T12:00:00Z"))
    header, records = rows(dup_export(tmp_path))
    layout = agreement.layout(header, "d.csv")
    parts = split(records, [60, 61, 199])
    keys = merge_all([dataclasses.replace(agreement.empty(), keys=batch_keys(agreement, Batch(layout, p)))
                      for p in parts], agreement).keys
    results = [check_batch(agreement, Batch(layout, p, (keys,))) for p in parts]
    whole = serial(agreement, layout, records)
    assert merge_all(results, agreement).findings == whole.findings
    assert merge_all(results, agreement).segments == whole.segments


@pytest.mark.parametrize("seed", range(4))
def test_merge_is_associative_and_order_does_not_matter(tmp_path, mini_pack, seed):
    rng = random.Random(seed)
    agreement = compile_agreement(mini_pack, LeadOptions(as_of="2024-03-10T12:00:00Z", max_findings=9))
    header, records = rows(dup_export(tmp_path))
    layout = agreement.layout(header, "d.csv")
    a, b, c, d = check_parts(agreement, layout, split(records, sorted(rng.sample(range(1, len(records)), 3))))
    cap = agreement.max_findings
    left = merge(merge(merge(a, b, cap), c, cap), d, cap)
    right = merge(a, merge(b, merge(c, d, cap), cap), cap)
    shuffled = [a, b, c, d]
    rng.shuffle(shuffled)
    assert left == right == merge_all(shuffled, agreement) == merge(merge(d, b, cap), merge(c, a, cap), cap)
    whole = serial(agreement, layout, records)
    assert left == whole
    assert max(left.kept().values()) == 9 and left.omitted() == whole.omitted() != {}


def test_merging_with_the_empty_result_changes_nothing(hubspot):
    _, agreement = hubspot
    header, records = rows(EXPORT)
    result = serial(agreement, agreement.layout(header, EXPORT), records)
    assert merge(agreement.empty(), result) == result == merge(result, agreement.empty())


def test_the_agreement_is_frozen_and_shared_by_batches_in_threads(hubspot):
    _, agreement = hubspot
    with pytest.raises(dataclasses.FrozenInstanceError):
        agreement.as_of = 0.0
    header, records = rows(EXPORT)
    layout = agreement.layout(header, EXPORT)
    expected = serial(agreement, layout, records)
    got = [None] * 4

    def work(i):
        got[i] = serial(agreement, layout, records)
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(g == expected for g in got)
    assert serial(agreement, layout, records) == expected  # a batch leaves nothing behind


def test_merge_refuses_results_of_another_agreement(hubspot, mini_pack):
    _, agreement = hubspot
    other = compile_agreement(mini_pack, LeadOptions(as_of=AS_OF))
    with pytest.raises(ValueError, match="different agreements"):
        merge(agreement.empty(), other.empty())


def test_portable_keys_are_the_same_in_every_process():
    code = "from smlint.leads.batch import portable_hash; print(portable_hash('ana@acme.io'), hash('ana@acme.io'))"
    seen = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        seen.add(out.stdout.split()[0])
    assert seen == {str(portable_hash("ana@acme.io"))}


def test_a_portable_agreement_finds_the_same(tmp_path, mini_pack):
    options = LeadOptions(as_of="2024-03-10T12:00:00Z")
    header, records = rows(dup_export(tmp_path))
    results = []
    for portable in (False, True):
        agreement = compile_agreement(mini_pack, options, portable=portable)
        results.append(serial(agreement, agreement.layout(header, "d.csv"), records))
    assert results[0].findings == results[1].findings and results[0].segments == results[1].segments
    assert results[0].keys != results[1].keys  # other hashes, same answers
