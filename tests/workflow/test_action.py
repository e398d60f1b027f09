"""action.yml, the composite GitHub Action (issue 15), run step by step as the runner would.

Each ``run:`` step of action.yml runs here with bash (``--noprofile --norc -eo pipefail``, the
runner's shell), its ``${{ … }}`` expressions filled from the inputs and the event, ``GITHUB_OUTPUT``
and ``GITHUB_ACTION_PATH`` set, in a clone whose ``feature`` branch adds a finding to ``main``'s.
The action's checkout is a copy of this repository, and its install step really installs smlint
from it with pip (into a folder: no dependencies, no build isolation, through pip's own
environment variables, so the command is the action's); the steps after it run that installed
smlint. ``uses:`` steps (setup-python, upload-sarif) belong to GitHub: their inputs are checked.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, copy_source_tree

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def defaults() -> dict[str, str]:
    return {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}


def evaluate(text: str, context: dict[str, str]) -> str:
    """Fill ``${{ name }}`` references (the only expressions the run steps use) from ``context``."""
    def value(m: re.Match) -> str:
        assert m.group(1) in context, f"action.yml uses an expression this test does not know: {m.group(1)}"
        return context[m.group(1)]
    return _EXPRESSION.sub(value, text)


@pytest.fixture(scope="module")
def action_checkout(tmp_path_factory) -> Path:
    """What the runner checks out for ``uses: <org>/smlint@<tag>``: the repository at that tag."""
    return copy_source_tree(tmp_path_factory.mktemp("action") / "smlint")


@pytest.fixture(scope="module")
def installed(action_checkout, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The action's install step, run once: smlint installed from the checkout into ``site``."""
    tmp = tmp_path_factory.mktemp("install")
    (tmp / "work").mkdir()
    site = tmp / "site"
    runs = run_steps(["Install smlint"], tmp / "work", action_checkout, site, tmp, {}, base_ref="")
    return site, runs["Install smlint"]


def run_steps(names: list[str], clone: Path, checkout: Path, site: Path, tmp: Path, inputs: dict[str, str],
              base_ref: str) -> dict:
    """Run the ``run:`` steps called ``names`` in action.yml's order (stopping at the first that
    fails, as the runner does), with ``site`` (where the install step puts smlint) first on the paths."""
    output = tmp / "github_output"
    output.write_text("")
    context = {**{f"inputs.{k}": v for k, v in {**defaults(), **inputs}.items()}, "github.base_ref": base_ref}
    env = {**os.environ, "GITHUB_ACTION_PATH": str(checkout), "GITHUB_OUTPUT": str(output),
           "GITHUB_WORKSPACE": str(clone), "PYTHONPATH": str(site),
           "PATH": os.pathsep.join([str(site / "bin"), str(Path(sys.executable).parent), os.environ["PATH"]]),
           # pip reads its options from the environment: install into `site`, offline
           "PIP_TARGET": str(site), "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0", "PIP_NO_INDEX": "1"}
    runs = {}
    for i, step in enumerate(STEPS):
        if "run" not in step or step.get("name") not in names:
            continue
        assert step["shell"] == "bash"
        script = tmp / f"step{i}.sh"
        script.write_text(evaluate(step["run"], context))
        step_env = {**env, **{k: evaluate(str(v), context) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=clone,
                              env=step_env, capture_output=True, text=True)
        runs[step["name"]] = done
        if step.get("id"):
            context.update({f"steps.{step['id']}.outputs.{k}": v for k, _, v in
                            (line.partition("=") for line in output.read_text().splitlines())})
        if done.returncode != 0:
            break
    return runs


AFTER_INSTALL = ["Check the changed copy", "Gate on the findings"]


def run_action(clone: Path, checkout: Path, installed, tmp: Path, inputs: dict[str, str], base_ref: str) -> dict:
    """The steps after the install, with the smlint it installed."""
    return run_steps(AFTER_INSTALL, clone, checkout, installed[0], tmp, inputs, base_ref)


def test_every_run_step_is_run_by_these_tests():
    assert [s["name"] for s in STEPS if "run" in s] == ["Install smlint", *AFTER_INSTALL]


def test_the_install_step_installs_smlint_from_the_action_checkout(installed, action_checkout):
    site, install = installed
    assert install.returncode == 0, install.stdout + install.stderr
    assert (site / "smlint" / "fix.py").exists() and (site / "smlint" / "_rules" / "en" / "pricing.yaml").exists()
    assert (site / "bin" / "smlint").exists()  # the command the next steps run
    assert "$GITHUB_ACTION_PATH" in next(s["run"] for s in STEPS if s.get("name") == "Install smlint")


def sarif_lines(path: Path) -> list[int]:
    results = json.loads(path.read_text())["runs"][0]["results"]
    return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]


def test_on_a_pull_request_the_action_reports_and_gates_on_the_changed_lines(clone, action_checkout, installed,
                                                                             tmp_path):
    runs = run_action(clone, action_checkout, installed, tmp_path, {}, base_ref="main")
    check, gate = runs["Check the changed copy"], runs["Gate on the findings"]
    assert "smlint/cli" not in check.stderr  # no traceback
    assert check.returncode == 0, check.stderr  # the check step records the exit code, the gate acts on it
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1 and annotations[0].startswith(
        "::error file=copy/draft.txt,line=4,col=6,endLine=4,endColumn=24,title=overpromise/guaranteed-results::")
    assert sarif_lines(clone / "smlint.sarif") == [4]  # what upload-sarif sends to code scanning
    assert gate.returncode == 1 and gate.stdout.startswith("::error title=smlint::findings at or above")


def test_outside_a_pull_request_it_checks_everything_and_fail_on_never_passes(clone, action_checkout, installed,
                                                                             tmp_path):
    inputs = {"fail-on": "never", "sarif-file": "out/s.sarif", "paths": "copy README.md"}
    runs = run_action(clone, action_checkout, installed, tmp_path, inputs, base_ref="")
    check, gate = runs["Check the changed copy"], runs["Gate on the findings"]
    assert "::error file=README.md,title=smlint%3A cannot check::no such file or directory" in check.stdout
    assert gate.returncode == 2 and "could not check everything (exit 2" in gate.stdout  # never a pass
    inputs = {**inputs, "paths": "copy", "args": "--min-severity error --jobs 1"}
    runs = run_action(clone, action_checkout, installed, tmp_path, inputs, base_ref="")
    assert sarif_lines(clone / "out" / "s.sarif") == [2, 4]
    assert runs["Gate on the findings"].returncode == 0


def test_an_explicit_diff_base_wins_over_the_event(clone, action_checkout, installed, tmp_path):
    runs = run_action(clone, action_checkout, installed, tmp_path, {"diff-base": "HEAD"}, base_ref="main")
    assert runs["Gate on the findings"].returncode == 0  # nothing changed since HEAD
    assert sarif_lines(clone / "smlint.sarif") == []


def test_the_github_steps_get_what_they_need():
    setup, upload = STEPS[0], next(s for s in STEPS if s.get("uses", "").startswith("github/codeql-action/"))
    assert ACTION["runs"]["using"] == "composite"
    assert setup["uses"].startswith("actions/setup-python@") and setup["with"]["python-version"] == \
        "${{ inputs.python-version }}"
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}", "category": "smlint"}
    assert upload["if"].startswith("${{ always() &&")  # uploaded whatever the findings
    names = [s.get("name") for s in STEPS]
    assert names.index("Gate on the findings") == len(STEPS) - 1  # the gate comes after the upload


def docs_workflow() -> dict:
    from tests.workflow.test_ci_docs import doc_block

    return yaml.safe_load(doc_block("# .github/workflows/smlint.yml"))


def test_the_workflow_in_docs_ci_md_uses_the_action_as_it_is(clone, action_checkout, installed, tmp_path):
    workflow = docs_workflow()
    checkout, step = workflow["jobs"]["smlint"]["steps"]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    assert workflow["permissions"]["security-events"] == "write"
    assert re.fullmatch(r"<org>/smlint@v[\d.]+", step["uses"])
    assert set(step["with"]) <= set(ACTION["inputs"])
    runs = run_action(clone, action_checkout, installed, tmp_path, {k: str(v) for k, v in step["with"].items()},
                      base_ref="main")
    assert runs["Gate on the findings"].returncode == 1 and sarif_lines(clone / "smlint.sarif") == [4]


def test_docs_ci_md_lists_every_input_with_its_default():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \|", text, re.M))
    assert set(rows) == set(ACTION["inputs"])
    for name, spec in ACTION["inputs"].items():
        if spec.get("default"):
            assert rows[name].strip() == f"`{spec['default']}`", name
