"""``smlint rules list|show|validate|test|docs``: look into the packs."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from smlint.cli import EXIT_CLEAN, EXIT_FINDINGS, emit, fail, run_guarded


_LEAD_KIND = re.compile(r"^kind:\s*leads\s*(#.*)?$", re.M)


@click.group()
def rules():
    """List, explain, validate and test rule packs."""


def _packs(refs):
    from smlint.packs import load_packs

    return run_guarded(load_packs, list(refs))


def _builtin_extras(refs):
    """With no --pack: the claims-registry checks and the built-in lead agreements too."""
    if refs:
        return []
    from smlint.leads.pack import builtin_lead_packs, load_lead_pack
    from smlint.registry import registry_pack

    return [registry_pack()] + [run_guarded(load_lead_pack, p).pack for p in builtin_lead_packs()]


@rules.command("list")
@click.option("--pack", "packs", multiple=True, metavar="NAME|PATH", help="Packs to list (default: built-in).")
def list_rules(packs):
    """One line per rule: id, language, severity, owner, what it flags."""
    for pack in _packs(packs) + _builtin_extras(packs):
        for rule in pack.rules:
            click.echo(f"{rule.id:<45} {pack.language:<3} {str(rule.severity):<7} {rule.owner:<9} "
                       f"{rule.description}")


@rules.command("show")
@click.argument("rule_id")
@click.option("--pack", "packs", multiple=True, metavar="NAME|PATH")
def show(rule_id, packs):
    """The full explanation of a rule: what it flags, why, examples, references."""
    from smlint.packs import closest_rules, find_rule, unmatched_glob
    from smlint.ruledoc import explain

    known = _packs(packs) + _builtin_extras(packs)
    found = find_rule(known, rule_id)
    if not found:
        rules = [r for p in known for r in p.rules]
        if unmatched_glob(rule_id, rules) is None:  # a glob: it names rules, not one rule
            fail(f"no rule {rule_id!r} (a glob: `smlint rules list` lists ids)")
        fail(f"no rule {rule_id!r}{closest_rules(rule_id, rules)}")
    click.echo("\n\n".join(explain(r) for r in found))


@rules.command("validate")
@click.argument("packs", nargs=-1, required=True)
def validate(packs):
    """Validate pack files strictly (schema, regexes, placeholders, duplicate ids)."""
    from smlint.errors import PackError
    from smlint.packs import resolve

    bad = 0
    for path in run_guarded(resolve, list(packs)):
        try:
            pack = _load_any(path)
            click.echo(f"{path}: ok ({len(pack.rules)} rules)")
        except PackError as exc:
            bad += 1
            click.echo(str(exc), err=True)
    sys.exit(2 if bad else EXIT_CLEAN)


@rules.command("test")
@click.argument("packs", nargs=-1)
def test(packs):
    """Run every rule's (and concept's) bad and good examples; list the ones that fail."""
    failures, total = 0, 0
    for pack in run_guarded(_packs_to_test, packs):
        for outcome in run_guarded(_examples_of, pack):
            total += 1
            if not outcome.ok:
                failures += 1
                click.echo(f"FAIL {outcome.rule} {outcome.which}: {outcome.example!r} — {outcome.problem}")
    click.echo(f"{total - failures} passed, {failures} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


def _is_lead_pack(path) -> bool:
    try:
        return _LEAD_KIND.search(Path(path).read_text(encoding="utf-8-sig")) is not None
    except (OSError, UnicodeDecodeError):
        return False  # the copy loader reports it


def _load_any(path):
    """A copy pack or a lead pack (``kind: leads``), validated strictly."""
    from smlint.packs import load_pack

    if _is_lead_pack(path):
        from smlint.leads.pack import load_lead_pack

        return load_lead_pack(path)
    return load_pack(path, strict=True)


def _packs_to_test(refs) -> list:
    """The named packs (copy or lead), or every built-in copy and lead pack."""
    from smlint.packs import builtin_pack_files, load_packs, resolve

    if refs:
        return [_load_any(path) for path in resolve(list(refs))]
    from smlint.registry import registry_pack

    concepts = [_load_any(path) for path in builtin_pack_files(kind="concepts")]
    return concepts + load_packs([]) + [registry_pack()] + [_load_any(p) for p in builtin_pack_files(kind="leads")]


def _examples_of(pack):
    from smlint.leads.pack import LeadPack

    if isinstance(pack, LeadPack):  # example records, not example text
        from smlint.leads.examples import run_examples as run_lead_examples

        return run_lead_examples(pack)
    from smlint.ruletest import run_concept_examples, run_examples

    if pack.kind == "concepts":  # each concept's texts it must and must not be found in
        from smlint.packs import load_concepts
        from smlint.text.concepts import ConceptStore

        store = ConceptStore({**load_concepts(), pack.language: {**load_concepts().get(pack.language, {}),
                                                                  **pack.concepts}})
        return run_concept_examples(store, list(pack.concepts.values()))
    return run_examples(pack)


@rules.command("docs")
@click.option("--pack", "packs", multiple=True, metavar="NAME|PATH", help="Packs to document (default: built-in).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the Markdown to FILE (e.g. docs/rules.md) instead of standard output.")
def docs(packs, output):
    """The rule reference in Markdown: what each rule flags, why, examples, better wording, references."""
    from smlint.ruledoc import builtin_reference, render_markdown

    emit(render_markdown(_packs(packs)) if packs else run_guarded(builtin_reference), output)
