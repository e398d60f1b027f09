"""``smlint leads FILE…``: check CRM lead exports against a lead pack (the marketing–sales agreement)."""
from __future__ import annotations

import sys

import click

from smlint.cli import fail, run_guarded
from smlint.cli.check import finish, output_options
from smlint.cli.workflow import baseline_option, config_option
from smlint.leads.records import FORMATS


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--pack", metavar="NAME|PATH", help="Lead pack: built-in name (hubspot, salesforce) or YAML file. "
              "Default: hubspot.")
@click.option("--as-of", metavar="DATETIME", help="Pin 'now' for SLA and staleness (ISO 8601); overrides the pack.")
@click.option("--delimiter", metavar="CHAR", help="CSV delimiter (default: sniffed; 'tab' for tabs).")
@click.option("--input-format", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format (auto: by extension, then by content).")
@click.option("--encoding", metavar="CODEC", help="Text encoding of the exports (default: UTF-8, or Windows-1252 "
              "when the first 64 KiB are not UTF-8).")
@click.option("--records-path", metavar="KEY", help="JSON: the key of the records array in an API response "
              "(default: results, records or data, the first that holds an array).")
@click.option("--show-values", is_flag=True, help="Show personal values (emails, phones, names) unmasked.")
@click.option("--select", multiple=True, metavar="GLOB", help="Only rules whose id matches.")
@click.option("--ignore", multiple=True, metavar="GLOB", help="Skip rules whose id matches.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0, show_default=True,
              help="Processes for big CSV files (0: one per core). Results are the same for any value.")
@click.option("--max-findings", type=click.IntRange(0), default=1000, show_default=True,
              help="Findings kept per rule (the rest are counted in the summary and scorecards); 0: all.")
@config_option()
@baseline_option("--write-baseline")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record this run's findings in FILE (the format of `smlint baseline`) instead of reporting "
                   "them, so later runs with --baseline FILE report only new ones.")
@output_options
def leads(paths, pack, as_of, delimiter, input_format, encoding, records_path, show_values, select, ignore, jobs,
          max_findings, config_path, baseline_path, write_baseline, fmt, output, fail_on, min_severity, no_color,
          quiet, statistics):
    """Check lead exports (CSV, TSV, JSON, JSONL; - for stdin) against a lead pack."""
    from smlint.config import load_config
    from smlint.leads.engine import LeadOptions, check_leads, input_bytes
    from smlint.leads.pack import load_lead_pack, resolve_lead_pack
    from smlint.reporters import TERMINAL_FORMATS
    from smlint.cli.check import check_statistics
    from smlint.cli.workflow import config_value, record_baseline, say_hidden
    from smlint.model import Severity

    check_statistics(statistics, fmt)
    if write_baseline and baseline_path:
        fail("--baseline makes no sense when writing a baseline (--write-baseline)")

    options = LeadOptions(pack=pack, as_of=as_of, delimiter=delimiter, input_format=input_format,
                          show_values=show_values, select=tuple(select), ignore=tuple(ignore), jobs=jobs,
                          max_findings=0 if write_baseline else max_findings, encoding=encoding,
                          records_path=records_path, baseline=baseline_path)
    config = run_guarded(load_config, config_path)
    fail_on, min_severity = (config_value(config, "fail_on", fail_on),  # the flags win, as for check
                             config_value(config, "min_severity", min_severity))
    lead_pack = run_guarded(lambda: load_lead_pack(resolve_lead_pack(pack)))
    if config.rule_globs:  # a typo in `disable:` must not pass as "nothing disabled" (as for check)
        from smlint.linter import LintOptions
        from smlint.project import check_rule_globs

        run_guarded(check_rule_globs, LintOptions(), config, also=lead_pack.rules)
    stdin = sys.stdin.buffer if "-" in paths else None
    progress = None
    if fmt in TERMINAL_FORMATS and not quiet and not write_baseline:
        from smlint.progress import Progress
        progress = Progress(input_bytes(paths), unit="bytes")
    try:
        result = run_guarded(check_leads, list(paths), options, stdin, lead_pack, progress=progress, config=config)
    finally:
        if progress is not None:
            progress.close()
    if write_baseline:
        record_baseline(result.findings, result.errors, result.stats.files_checked, write_baseline)
    if fmt in TERMINAL_FORMATS and not quiet:
        say_hidden(result.baselined)
    omitted = result.omitted_at(Severity.parse(min_severity))  # what --min-severity hides is not "not listed"
    extras = {"scorecards": result.scorecards, "budgets": result.budgets, "records": result.rows,
              "omitted": omitted, "inputs": result.inputs}
    code = finish(result.findings, result.errors, result.stats, result.rules, {}, fmt=fmt, output=output,
                  fail_on=fail_on, min_severity=min_severity, no_color=no_color, quiet=quiet,
                  command="leads", extras=extras, statistics=statistics)
    sys.exit(code)
