"""--jobs: a process pool gives exactly the serial output, ordering included."""
from __future__ import annotations

import json

import pytest

import smlint.parallel as parallel
from smlint.config import load_config
from smlint.project import RunOptions, lint_project
from smlint.parallel import Floor, workers_for
from tests.workflow.conftest import DEMO_PACK

LINES = ["Act now.", "Money back guaranteed.", "A best in class tool.", "Nothing to see.", "act NOW  please"]


@pytest.fixture
def corpus(project):
    """48 files in nested folders with varied findings, one undecodable file and one override."""
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\noverrides:\n  - files: [\"b/**\"]\n"
                  "    warnings_as_errors: true\n")
    for i in range(48):
        text = "\n".join(LINES[(i + k) % len(LINES)] for k in range(i % 7 + 1)) + "\n"
        project.write(f"{'ab'[i % 2]}/{i % 5}/f{i:02}.txt", text)
    (project.root / "a" / "0" / "broken.txt").write_bytes(b"Act now \xff\xfe.\n")
    return project


def _run(project, jobs: int, floor=None):
    project.enter()
    config = load_config(start=project.root)
    result = lint_project(["."], config, RunOptions(jobs=jobs, pool_floor=floor))
    return [f.to_dict() for f in result.findings], result.errors, result.stats.files_checked


def test_pool_output_is_identical_to_serial(corpus, monkeypatch):
    used = []
    real = parallel._pooled
    monkeypatch.setattr(parallel, "_pooled", lambda *a: used.append(a[2]) or real(*a))
    serial = _run(corpus, jobs=1)
    pooled = _run(corpus, jobs=3, floor=Floor(files=1, bytes=1))
    assert used == [3]  # the pool really ran, with 3 workers
    assert pooled == serial
    findings, errors, checked = serial
    assert checked == 48 and len(findings) > 60
    assert [e.path for e in errors] == ["a/0/broken.txt"]
    assert {f["severity"] for f in findings if f["path"].startswith("b/")} == {"error", "info"}


def test_cli_output_is_identical_with_any_jobs(corpus, monkeypatch):
    used = []
    real = parallel._pooled
    monkeypatch.setattr(parallel, "_pooled", lambda *a: used.append(a[2]) or real(*a))
    monkeypatch.setattr(parallel, "MIN_WORK", Floor(files=8, bytes=64))  # the corpus is small
    outputs = {}
    for jobs in ("1", "2"):
        for fmt in ("json", "text"):
            result = corpus.run("check", ".", "--jobs", jobs, "--format", fmt)
            assert result.exit_code == 2  # broken.txt could not be checked
            outputs[jobs, fmt] = result.stdout
    assert used == [2, 2]  # --jobs 2 ran a pool for both formats
    assert outputs["1", "text"] == outputs["2", "text"]
    strip = lambda text: {k: v for k, v in json.loads(text).items() if k != "summary"}  # noqa: E731
    assert strip(outputs["1", "json"]) == strip(outputs["2", "json"])


def test_small_runs_stay_in_process():
    mib = 2**20
    assert workers_for(jobs=8, n_files=10, n_bytes=100 * mib) == 0      # too few files
    assert workers_for(jobs=8, n_files=10_000, n_bytes=3 * mib) == 0    # too little text
    assert workers_for(jobs=1, n_files=10_000, n_bytes=100 * mib) == 0  # --jobs 1
    assert workers_for(jobs=2, n_files=16, n_bytes=4 * mib) == 2
    assert workers_for(jobs=8, n_files=10_000, n_bytes=9 * mib) == 4    # at least 2 MiB each


def test_jobs_must_be_positive(project):
    result = project.run("check", ".", "--jobs", "0")
    assert result.exit_code == 2


def test_the_pool_compiles_the_engines_once_before_forking(corpus, monkeypatch):
    """Issue 14: forked workers inherit the engines; none of them compiles one again."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    from smlint.text import engine, enginecache

    built = multiprocessing.get_context("fork").Queue()
    real_init = engine.Engine.__init__

    def counting_init(self, *args, **kwargs):
        built.put(multiprocessing.current_process().name)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(engine.Engine, "__init__", counting_init)
    monkeypatch.setattr(enginecache, "load", lambda key, expected=None, shared=(): None)  # build, not load, them
    serial = _run(corpus, jobs=1)
    while not built.empty():
        built.get()
    assert _run(corpus, jobs=2, floor=Floor(files=1, bytes=1)) == serial
    names = []
    while not built.empty():
        names.append(built.get(timeout=1))
    assert names == ["MainProcess", "MainProcess"]  # en and es, in the main process only
