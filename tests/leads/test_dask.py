"""check_dask on a local Dask cluster: CSV and Parquet partitions give the serial results."""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from smlint.leads.dask import check_dask, frame_records
from smlint.leads.engine import LeadOptions, compile_agreement
from smlint.leads.fields import MissingColumns
from smlint.leads.pack import load_lead_pack, resolve_lead_pack

from .conftest import run, write

AS_OF = "2024-07-01T12:00:00Z"
HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def report(result):
    return (result.findings, result.scorecards, result.budgets, result.rows, result.omitted,
            [(e.path, e.message) for e in result.errors])


def flat_example(tmp_path) -> str:
    """The HubSpot example export made plain for Dask: its multi-line notes on one line (Dask cuts a
    CSV at newlines), without its undecodable bytes and ragged rows (Dask's reader refuses them)."""
    with open("examples/leads/hubspot-export.csv", encoding="utf-8-sig", errors="replace", newline="") as fh:
        records = list(csv.reader(fh))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[c.replace("\n", " ") for c in r] for r in records
                                                     if len(r) == len(records[0])])
    return write(tmp_path, "hubspot.csv", out.getvalue())


def mini_export(tmp_path) -> str:
    """Duplicates that come back partitions later, gate and SLA failures, bad and future dates."""
    lines = []
    for i in range(300):
        stage, score = ("MQL", str(i % 90)) if i % 3 == 0 else ("lead", "")
        touched = "2024-03-02 09:00" if i % 5 else ""
        created = "2024-13-01 10:00" if i % 41 == 0 else "2025-01-01 10:00" if i % 37 == 0 else "2024-02-28 08:00"
        email = f"u{i % 110}@acme-robotics.io" if i % 17 else f"x{i}@mailinator.com"
        lines.append(f"{i},{email},,{stage},{score},{'Acme' if i % 2 else ''},{('ann', 'bo', '')[i % 3]},"
                     f"2024-03-01 10:00,{touched},{created}\n")
    return write(tmp_path, "mini.csv", HEADER + "".join(lines))


def test_csv_partitions_on_a_local_cluster_equal_the_serial_run(tmp_path, client):
    pack = load_lead_pack(resolve_lead_pack("hubspot"))
    path = flat_example(tmp_path)
    ddf = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=20_000)
    assert ddf.npartitions >= 4
    result = check_dask(compile_agreement(pack, LeadOptions(as_of=AS_OF)), ddf, name=path)
    serial = run(pack, path, as_of=AS_OF, jobs=1)
    assert report(result) == report(serial)
    assert any(f.rule.endswith("duplicate-email") for f in serial.findings)


@pytest.mark.parametrize("max_findings", [0, 4])
def test_parquet_partitions_equal_the_serial_run(tmp_path, client, mini_pack, max_findings):
    path = mini_export(tmp_path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    dd.from_pandas(frame, npartitions=5).to_parquet(tmp_path / "leads.parquet")
    ddf = dd.read_parquet(tmp_path / "leads.parquet")
    assert ddf.npartitions == 5
    options = LeadOptions(as_of="2024-03-10T12:00:00Z", max_findings=max_findings)
    result = check_dask(compile_agreement(mini_pack, options), ddf, name=path)
    serial = run(mini_pack, path, as_of="2024-03-10T12:00:00Z", max_findings=max_findings, jobs=1)
    assert report(result) == report(serial)
    rules = {f.rule for f in serial.findings}
    assert {"mini/dup", "mini/mql-gate", "mini/sla", "leads/invalid-value", "leads/date-after-as-of"} <= rules
    dups = [f for f in serial.findings if f.rule == "mini/dup"]
    assert max_findings or len(dups) > 150  # most of them cite a row of an earlier partition
    assert bool(result.omitted) == bool(max_findings)


def test_one_partition_and_the_default_scheduler(tmp_path, mini_pack):
    path = mini_export(tmp_path)
    ddf = dd.read_csv(path, dtype=str, keep_default_na=False)
    assert ddf.npartitions == 1
    result = check_dask(compile_agreement(mini_pack, LeadOptions(as_of="2024-03-10T12:00:00Z")), ddf, name=path)
    assert report(result) == report(run(mini_pack, path, jobs=1))


def test_a_missing_required_column_is_a_usage_error(tmp_path, mini_pack):
    ddf = dd.from_pandas(pd.DataFrame({"name": ["ann"]}), npartitions=1)
    with pytest.raises(MissingColumns, match="email"):
        check_dask(compile_agreement(mini_pack, LeadOptions()), ddf, name="people")


def test_cells_are_read_as_text():
    frame = pd.DataFrame({"a": ["x", None], "b": [60, 7], "c": [1.5, None],
                          "d": pd.to_datetime(["2024-03-01 10:00", None])})
    assert list(frame_records(frame)) == [(2, ["x", "60", "1.5", "2024-03-01T10:00:00"], None),
                                          (3, ["", "7", "", ""], None)]


def doc_block(heading: str, fence: str) -> str:
    doc = (Path(__file__).parents[2] / "docs" / "leads.md").read_text(encoding="utf-8")
    section = doc.split(f"\n## {heading}")[1].split("\n## ")[0]
    return re.search(rf"\n{fence}\n(.*?)\n```\n", section, re.S).group(1)


def test_the_running_on_dask_example_in_the_docs_runs(tmp_path, monkeypatch, capsys):
    path = flat_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    os.replace(path, "leads.csv")
    pd.read_csv("leads.csv", dtype=str, keep_default_na=False).to_parquet("leads.parquet")
    exec(compile(doc_block("Running on Dask", "```python"), "docs/leads.md", "exec"), {})
    serial = run(load_lead_pack(resolve_lead_pack("hubspot")), "leads.csv", as_of=AS_OF, jobs=1)
    assert capsys.readouterr().out == (f"{serial.rows} records, {len(serial.findings)} findings, "
                                       f"{len(serial.failed_budgets)} budgets missed\n")


def test_the_spark_sketch_is_at_least_python():
    """Not run (no Spark in CI, as the docs say); this only keeps it from rotting into a syntax error."""
    compile(doc_block("Running on Spark", "```"), "docs/leads.md", "exec")


def test_config_and_baseline_apply_to_dask_results_as_to_the_serial_run(tmp_path, client, mini_pack):
    """The suppression stage of `smlint leads` on the merged partitions: disable, severity and a
    baseline give what check_leads gives with the same config and baseline, and --max-findings
    keeps its places for the findings left."""
    from smlint.baseline import write_baseline
    from smlint.config import load_config
    from smlint.leads.engine import check_leads

    path = mini_export(tmp_path)
    ddf = dd.read_csv(path, dtype=str, keep_default_na=False, blocksize=4_000)
    assert ddf.npartitions >= 3
    (tmp_path / "smlint.yaml").write_text('disable: ["mini/sla"]\nseverity: {"mini/dup": info}\n', encoding="utf-8")
    config = load_config(tmp_path / "smlint.yaml")
    first = check_leads([path], LeadOptions(as_of="2024-03-10T12:00:00Z"), pack=mini_pack)
    baseline = str(tmp_path / "baseline.json")
    assert write_baseline([f for f in first.findings if f.rule == "mini/mql-gate"], baseline) > 0

    for max_findings in (0, 3):
        options = LeadOptions(as_of="2024-03-10T12:00:00Z", max_findings=max_findings, baseline=baseline)
        serial = check_leads([path], options, pack=mini_pack, config=config)
        result = check_dask(compile_agreement(mini_pack, options), ddf, name=path, config=config, baseline=baseline)
        assert report(result) == report(serial)
        assert result.baselined == serial.baselined > 0
        rules = {f.rule for f in result.findings}
        assert "mini/sla" not in rules and "mini/mql-gate" not in rules
        assert {f.severity.name for f in result.findings if f.rule == "mini/dup"} == {"INFO"}
        assert bool(result.omitted) == bool(max_findings)
