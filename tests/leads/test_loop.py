"""The record loop written out per agreement (smlint.leads.loop) is the loop over slots and rules."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from smlint.leads.batch import Agreement, Batch, BatchState, batch_keys
from smlint.leads.engine import LeadOptions, compile_agreement
from smlint.leads.loop import record_loop, source
from smlint.leads.pack import load_lead_pack, resolve_lead_pack

from .conftest import rows, write

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2024-07-01T12:00:00Z"


def both(agreement: Agreement, batch: Batch):
    """The batch checked by the unrolled loop and by the generic one."""
    results = []
    for unrolled in (True, False):
        state = BatchState(agreement, batch)
        state.run(None, unrolled=unrolled)
        results.append(state.result())
    return results


@pytest.fixture(scope="module")
def bench_export(tmp_path_factory) -> str:
    """3,000 rows of the benchmark's HubSpot-style export (mixed date styles, duplicates, gaps),
    with ragged rows, undecodable bytes and bad cells mixed in."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from leads_bench import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    path = tmp_path_factory.mktemp("loop") / "export.csv"
    generate(path, 3000, seed=11)
    lines = path.read_bytes().splitlines(keepends=True)
    rng = random.Random(5)
    for i in sorted(rng.sample(range(1, len(lines)), 40), reverse=True):
        cells = lines[i].rstrip(b"\r\n").split(b",")
        damage = rng.choice(["ragged", "bytes", "date", "score", "stage", "future", "blank"])
        if damage == "ragged":
            cells = cells[:5]
        elif damage == "bytes":
            cells[1] += b"\xff"
        elif damage == "date":
            cells[8] = b"31/31/2024 10:00"
        elif damage == "score":
            cells[11] = b"lots"
        elif damage == "stage":
            cells[9] = b"Prospect"
        elif damage == "future":
            cells[8] = b"2031-01-01 10:00"
        else:
            cells = [b""] * len(cells)
        lines[i] = b",".join(cells) + b"\n"
    path.write_bytes(b"".join(lines))
    return str(path)


@pytest.mark.parametrize("pack", ["hubspot", "salesforce", str(ROOT / "bench/leads-schema/smlint-pack.yaml")])
@pytest.mark.parametrize("max_findings", [0, 7])
def test_the_unrolled_loop_finds_what_the_generic_loop_finds(bench_export, pack, max_findings):
    lead_pack = load_lead_pack(resolve_lead_pack(pack))
    agreement = compile_agreement(lead_pack, LeadOptions(as_of=AS_OF, max_findings=max_findings))
    header, records = rows(bench_export)
    layout = agreement.layout(header, bench_export)
    unrolled, generic = both(agreement, Batch(layout, records))
    assert unrolled == generic
    assert unrolled.totals == generic.totals and unrolled.rows == generic.rows > 2900
    assert unrolled.findings  # the comparison saw findings of several rules
    # a later part that knows the keys of an earlier one (as parallel.py and Dask run them)
    known = (batch_keys(agreement, Batch(layout, records[:1000])),)
    unrolled, generic = both(agreement, Batch(layout, records[1000:], known))
    assert unrolled == generic


def test_the_unrolled_loop_on_the_example_export_and_a_mini_pack(tmp_path, mini_pack):
    for pack in (load_lead_pack(resolve_lead_pack("hubspot")), mini_pack):
        agreement = compile_agreement(pack, LeadOptions(as_of=AS_OF))
        header, records = rows(str(ROOT / "examples/leads/hubspot-export.csv"))
        try:
            layout = agreement.layout(header, "export.csv")
        except Exception:  # the mini pack's columns: its own small export
            path = write(tmp_path, "m.csv", "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"
                         "1,a@x.io,,MQL,10,,ann,2024-03-01 10:00,,\n2,a@x.io,,lead,x,,,,2024-03-05 10:00,\n3,bad\n")
            header, records = rows(path)
            layout = agreement.layout(header, path)
        unrolled, generic = both(agreement, Batch(layout, records))
        assert unrolled == generic


@pytest.mark.parametrize("shape", [(0, (), (), None, 0, False), (1, (0,), (0,), 0, 1, True), (3, (), (), None, 2, False),
                                   (4, (1, 2), (2,), 3, 0, True)])
def test_every_shape_compiles(shape):
    """Edge shapes (no field, one field, no rule, no invalid slot) give code that compiles."""
    compile(source(*shape), "<test>", "exec")
    assert record_loop(*shape) is record_loop(*shape)  # compiled once per shape
