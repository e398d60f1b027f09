"""The progress bar of ``smlint leads``: megabytes read, serial or in processes, on a terminal only,
and never a change to the results."""
from __future__ import annotations

import os

import pytest

import smlint.leads.engine as engine
import smlint.leads.parallel as parallel
import smlint.progress as progress_mod
from smlint.leads.engine import LeadOptions, check_leads
from smlint.progress import Progress

from tests.workflow.test_progress import FakeTTY

from .conftest import write
from .test_parallel import summary

HEADER = "record_id,email,phone,stage,score,company,owner,mql_at,first_touch,created\n"


class Clock:
    """Half a second later every time it is read, so every advance may draw."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.5
        return self.now


def export(tmp_path, n: int = 20_000) -> str:
    rows = "".join(f"{i},u{i % 9000}@acme-robotics.io,,lead,,,ann,,,\n" for i in range(n))
    return write(tmp_path, "big.csv", HEADER + rows)


@pytest.mark.parametrize("jobs", [1, 3])
def test_bar_counts_every_byte_and_changes_nothing(tmp_path, monkeypatch, mini_pack, jobs):
    monkeypatch.setattr(parallel, "MIN_BYTES", 0)
    monkeypatch.setattr(engine, "TICK_ROWS", 1000)
    path = export(tmp_path)
    size = os.path.getsize(path)
    stream = FakeTTY()
    bar = Progress(engine.input_bytes([path]), stream, Clock(), unit="bytes")
    options = LeadOptions(jobs=jobs)
    with_bar = check_leads([path], options, pack=mini_pack, progress=bar)
    without = check_leads([path], options, pack=mini_pack)
    assert summary(with_bar) == summary(without)  # duplicates found across ranges included
    assert bar.done == bar.total == size
    draws = stream.getvalue().split("\r")[1:]
    assert len(draws) >= (5 if jobs == 1 else 3)  # it moved while reading, not only at the end
    shown = [float(d.split("] ")[1].split("/")[0]) for d in draws]
    assert shown == sorted(shown)  # never backwards
    assert draws[-1].endswith(f"{size / 1e6:.1f}/{size / 1e6:.1f} MB")


def test_unreadable_and_stdin_paths_count_nothing(tmp_path):
    path = write(tmp_path, "a.csv", HEADER)
    assert engine.input_bytes([path, str(tmp_path / "missing.csv"), "-"]) == os.path.getsize(path)


def test_cli_draws_for_text_and_never_for_json(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from smlint.cli import main

    monkeypatch.setattr(progress_mod, "DELAY", 0.0)
    monkeypatch.setattr(progress_mod, "_is_tty", lambda stream: True)
    path = "examples/leads/hubspot-export.csv"
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    text = runner.invoke(main, ["leads", path, "--as-of", "2024-07-01T12:00:00Z"])
    assert "smlint [" in text.stderr and " MB" in text.stderr
    assert "smlint [" not in text.stdout
    machine = runner.invoke(main, ["leads", path, "--as-of", "2024-07-01T12:00:00Z", "--format", "json"])
    assert "smlint [" not in machine.stderr
