"""Configuration: discovery, validation with exact positions, precedence, overrides, init."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from smlint.cli import main
from smlint.config import Config, find_config, load_config
from smlint.errors import ConfigError
from tests.workflow.conftest import DEMO_PACK

DIRTY = "Act now: money back guaranteed.\nA best in class tool.\n"


def test_discovery_walks_up_and_stops_at_the_repository_root(tmp_path):
    outer = tmp_path / "outer"
    repo = outer / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "campaigns" / "2026").mkdir(parents=True)
    (outer / "smlint.yaml").write_text("lang: en\n")
    assert find_config(repo / "campaigns" / "2026") is None  # above the repo root: not ours
    (repo / ".smlint.yaml").write_text("lang: es\n")
    assert find_config(repo / "campaigns" / "2026") == (repo / ".smlint.yaml").resolve()
    (repo / "smlint.yaml").write_text("lang: en\n")
    assert find_config(repo / "campaigns") == (repo / "smlint.yaml").resolve()


def test_pyproject_counts_only_with_a_tool_smlint_table(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.smlint]\nlang = "es"\nfail_on = "warning"\n')
    config = load_config(start=tmp_path)
    assert (config.lang, config.fail_on, config.root) == ("es", "warning", str(tmp_path.resolve()))


@pytest.mark.parametrize("text, message", [
    ("lang: en\nfail-on: warning\n",
     "smlint.yaml:2:1: fail-on: unknown key 'fail-on' (allowed: baseline, brands, disable, exclude, fail_on, include, "
     "lang, max_file_size, min_severity, overrides, packs, readers, registry, severity, warnings_as_errors)"),
    ("lang: fr\n", "smlint.yaml:1:7: lang: 'fr' is not one of auto, en, es"),
    ("overrides:\n  - files: [\"legal/**\"]\n    exclude: yes please\n",
     "smlint.yaml:3:14: overrides[0].exclude: 'yes please' is not of type 'boolean'"),
    ("severity:\n  demo/act-now: loud\n", "smlint.yaml:2:17: severity.demo/act-now: 'loud' is not one of error, warning, info"),
    ("packs: [packs/demo.yaml, no-such-pack]\n",
     "smlint.yaml:1:26: packs[1]: no such pack file, folder or built-in pack"),
    ("- just\n- a list\n", "smlint.yaml:1:1: the config must be a mapping"),
    ("lang: [en\n", "smlint.yaml:2:1: invalid YAML"),
])
def test_bad_config_names_file_line_and_key_and_exits_2(project, text, message):
    project.write("packs/demo.yaml", Path(DEMO_PACK).read_text())
    project.write("smlint.yaml", text)
    project.write("a.txt", DIRTY)
    result = project.run("check", "a.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"smlint: error: {message}"), result.stderr
    assert "Traceback" not in result.output


def test_pyproject_errors_name_the_line_of_the_key(project):
    project.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.smlint]\nlang = "en"\n\n'
                  '[[tool.smlint.overrides]]\nfiles = ["a/**"]\n\n[[tool.smlint.overrides]]\nfiles = ["b/**"]\n'
                  'exclud = true\n')
    result = project.run("check", ".")
    assert result.exit_code == 2
    assert result.stderr.startswith("smlint: error: pyproject.toml:12:1: overrides[1].exclud: unknown key 'exclud'")


def test_config_packs_fail_on_and_min_severity_and_cli_overrides(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\nfail_on: warning\nmin_severity: warning\n")
    project.write("a.txt", "Act now, it is best in class.\n")
    assert project.findings("a.txt") == [("a.txt", 1, 1, "demo/act-now", "warning")]
    assert project.run("check", "a.txt").exit_code == 1            # config: fail on warnings
    assert project.run("check", "a.txt", "--fail-on", "error").exit_code == 0  # the flag wins
    shown = project.findings("a.txt", "--min-severity", "info")
    assert [f[3] for f in shown] == ["demo/act-now", "demo/best-in-class"]
    assert project.findings("a.txt", "--pack", "overpromise") == []  # --pack replaces the config's packs


def test_pack_paths_are_relative_to_the_config_file(project):
    project.write("rules/demo.yaml", Path(DEMO_PACK).read_text())
    project.write("smlint.yaml", "packs: [rules/demo.yaml]\n")
    project.write("copy/deep/a.txt", DIRTY)
    result = project.run("check", "--format", "json", "a.txt", cwd=project.root / "copy" / "deep")
    assert result.exit_code == 1
    assert '"rule": "demo/money-back"' in result.stdout


def test_severity_overrides_disable_and_per_path_overrides(project):
    project.write("smlint.yaml", f"""\
packs: [{DEMO_PACK}]
severity:
  "demo/best-*": warning
disable: [demo/money-back]
overrides:
  - files: ["playbooks/**"]
    warnings_as_errors: true
  - files: ["legal/**"]
    exclude: true
  - files: ["es/**"]
    packs: [overpromise]
""")
    for folder in ("campaigns", "playbooks", "legal", "es"):
        project.write(f"{folder}/a.txt", DIRTY + "Guaranteed results.\n")
    assert project.findings(".") == [
        ("campaigns/a.txt", 1, 1, "demo/act-now", "warning"),
        ("campaigns/a.txt", 2, 3, "demo/best-in-class", "warning"),
        ("es/a.txt", 1, 10, "overpromise/money-back-without-terms", "warning"),  # a guarantee without its terms
        ("es/a.txt", 3, 1, "overpromise/guaranteed-results", "error"),
        ("playbooks/a.txt", 1, 1, "demo/act-now", "error"),
        ("playbooks/a.txt", 2, 3, "demo/best-in-class", "error"),
    ]


def test_include_limits_what_a_walk_checks(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\ninclude: [\"campaigns/**\"]\n")
    project.write("campaigns/a.txt", DIRTY)
    project.write("notes/a.txt", DIRTY)
    assert {f[0] for f in project.findings(".")} == {"campaigns/a.txt"}
    assert {f[0] for f in project.findings("notes/a.txt")} == {"notes/a.txt"}  # named explicitly


def test_readers_map_extensions_and_pass_options(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\nreaders:\n  .copy: plaintext\n"
                  "  plaintext:\n    wrap: 72\n")
    project.write("a.copy", DIRTY)
    assert [f[0] for f in project.findings(".")] == ["a.copy"] * 3
    config = load_config(start=project.root)
    options = config.settings_for(str(project.root / "a.copy")).lint_options()
    assert options.readers == {".copy": "plaintext"}
    assert options.reader_options == {"plaintext": {"wrap": 72}}


def test_registry_and_baseline_paths_resolve_against_the_config(project):
    project.write("sub/smlint.yaml", "registry: claims.yaml\nbaseline: .smlint-baseline.json\n")
    config = load_config(start=project.root / "sub")
    root = (project.root / "sub").resolve()
    assert config.registry == str(root / "claims.yaml")
    assert config.baseline == str(root / ".smlint-baseline.json")


def test_explicit_config_flag_and_missing_file(project):
    project.write("other.yaml", f"packs: [{DEMO_PACK}]\nfail_on: never\n")
    project.write("a.txt", DIRTY)
    assert project.run("check", "--config", "other.yaml", "a.txt").exit_code == 0
    missing = project.run("check", "--config", "nope.yaml", "a.txt")
    assert missing.exit_code == 2 and "nope.yaml: no such config file" in missing.stderr


def test_no_config_is_every_default():
    assert load_config(start="/") == Config(root="/")


def test_init_writes_a_valid_commented_config_and_never_overwrites(project):
    result = project.run("init")
    assert result.exit_code == 0, result.output
    text = (project.root / "smlint.yaml").read_text()
    assert text.startswith("# Configuration of smlint") and "# overrides:" in text
    config = load_config(start=project.root)
    assert (config.lang, config.fail_on, config.exclude) == ("auto", "error", ("node_modules/", "vendor/"))
    (project.root / "smlint.yaml").write_text("lang: es\n")
    again = project.run("init")
    assert again.exit_code == 2 and "already exists; not overwritten" in again.stderr
    assert (project.root / "smlint.yaml").read_text() == "lang: es\n"


def test_init_refuses_when_pyproject_already_configures_smlint(project):
    project.write("pyproject.toml", "[tool.smlint]\nlang = \"en\"\n")
    assert project.run("init").exit_code == 2
    assert not (project.root / "smlint.yaml").exists()


def test_starter_config_uncommented_is_valid_too(tmp_path):
    """Every commented example in the starter config must be valid once a user uncomments it."""
    from smlint.cli.workflow import STARTER_CONFIG

    # Examples are "# key: …" or indented "#   …" lines; explanations start with a capital letter.
    lines = [line[2:] if line.startswith("# ") and not line[2:3].isupper() else line
             for line in STARTER_CONFIG.splitlines()]
    text = "\n".join(l for l in lines if not l.startswith("#")).replace("[en, ./rules]", "[overpromise]")
    (tmp_path / "smlint.yaml").write_text(text)
    (tmp_path / ".git").mkdir()
    config = load_config(start=tmp_path)
    assert config.overrides[1].exclude and config.disable == ("overpromise/guaranteed-results",)


def test_the_documented_config_examples_are_valid(project):
    """Every example in docs/configuration.md loads (docs that nothing executes rot)."""
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
    yaml_example = re.search(r"```yaml\n(# smlint.yaml.*?)```", doc, re.S).group(1)
    toml_example = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    project.write("team-packs/sales.yaml", Path(DEMO_PACK).read_text())
    project.write("smlint.yaml", yaml_example)
    config = load_config(start=project.root)
    assert [o.files for o in config.overrides] == [("playbooks/**",), ("legal/**",), ("es/**",)]
    assert config.readers == ((".copy", "plaintext"),)
    playbook = config.settings_for(str(project.root / "playbooks" / "call.txt"))
    assert playbook.warnings_as_errors and playbook.packs[0] == "overpromise"
    (project.root / "smlint.yaml").unlink()
    project.write("pyproject.toml", toml_example)
    config = load_config(start=project.root)
    assert (config.packs, config.fail_on, config.severity) == (("overpromise",), "warning", (("overpromise/*", "warning"),))
    assert config.excluded(str(project.root / "legal" / "terms.txt"))


def test_python_api_runs_a_project_like_the_cli(project):
    from smlint.api import lint_project

    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\nexclude: [\"old/\"]\n")
    project.write("a.txt", DIRTY)
    project.write("old/b.txt", DIRTY)
    project.enter()
    result = lint_project(["."])
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        ("a.txt", 1, "demo/act-now"), ("a.txt", 1, "demo/money-back"), ("a.txt", 2, "demo/best-in-class")]
    assert result.stats.skipped_reasons == {"ignored": 1}


def test_config_registry_fills_the_lint_options_registry_field():
    """Once LintOptions has a ``registry`` field (claims registry), the config key fills it."""
    import dataclasses

    import click

    from smlint.cli.workflow import with_config_registry

    @dataclasses.dataclass(frozen=True)
    class WithRegistry:
        registry: str | None = None

    config = Config(registry="/repo/claims.yaml")
    with click.Context(click.Command("check")):
        assert with_config_registry(WithRegistry(), config).registry == "/repo/claims.yaml"
        assert with_config_registry(WithRegistry(), Config()).registry is None

        @dataclasses.dataclass(frozen=True)
        class WithoutRegistry:
            packs: tuple = ()

        assert with_config_registry(WithoutRegistry(), config) == WithoutRegistry()


def test_stdin_gets_the_settings_of_its_stdin_filename(project):
    project.write("smlint.yaml", f"packs: [{DEMO_PACK}]\noverrides:\n  - files: [\"playbooks/**\"]\n"
                  "    warnings_as_errors: true\n")
    project.enter()
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "playbooks/call.txt", "--format", "json"],
                                input="Act now.\n")
    assert [(f["path"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == [
        ("playbooks/call.txt", "error")]


def test_config_errors_carry_their_position_for_the_api(tmp_path):
    (tmp_path / "smlint.yaml").write_text("lang: en\noverrides:\n  - exclude: true\n")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "smlint.yaml")
    assert (caught.value.line, caught.value.column, caught.value.field) == (3, 5, "overrides[0]")
    assert caught.value.message == "'files' is a required property"
