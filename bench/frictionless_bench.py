"""smlint leads against frictionless, side by side in one run, on the same export and equivalent checks.

    python bench/frictionless_bench.py                      # 100,000 rows, 3 rounds
    python bench/frictionless_bench.py --rows 1000000 --rounds 3
    python bench/frictionless_bench.py --checks no-dates    # both without the datetime formats

The export is leads_bench.py's HubSpot-style file (generated once into bench/out/, seed 7). The
checks are bench/leads-schema/schema.json (a Frictionless Table Schema) and
bench/leads-schema/smlint-pack.yaml (the part of the hubspot pack that the schema can express);
tests/leads/test_frictionless_equivalence.py checks that both flag the same rows.

Each round runs, one after the other, each as a whole child process:

    python -m smlint leads FILE --pack smlint-pack.yaml --format json --output ... --fail-on never --jobs 1
    python bench/frictionless_bench.py --frictionless-child FILE schema.json OUT.json

(the second is frictionless's Python API: ``Resource(path, schema=...).validate(limit_errors=0)``,
so it reads the whole file rather than stopping at its default 1,000 errors, and it writes only
the error counts). The order alternates between rounds (smlint first, then frictionless first),
so a change of load hits both. Printed per run: wall time, CPU time (user + system, from the
child's own rusage), rows/s and peak memory (the child's peak resident set); per
round the ratio of rows/s; then the medians. After each pair, the findings each tool counted are
compared check by check, and a difference is printed as MISMATCH (exit 1).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from leads_bench import OUT, generate  # noqa: E402

HERE = Path(__file__).resolve().parent / "leads-schema"
SCHEMA = HERE / "schema.json"
PACK = HERE / "smlint-pack.yaml"
PREFIX = "frictionless-equivalent/"


def frictionless_child(path: str, schema: str, out: str) -> None:
    """Validate ``path`` with frictionless and write the error counts (type, field, constraint)."""
    from frictionless import Resource, Schema, system

    with system.use_context(trusted=True):  # absolute paths are refused otherwise
        report = Resource(path=path, schema=Schema.from_descriptor(schema)).validate(limit_errors=0)
    counts: Counter = Counter()
    rows = 0
    for task in report.tasks:
        rows += task.stats.get("rows") or 0
        for error in task.errors:
            counts[error_key(error)] += 1
    Path(out).write_text(json.dumps({"rows": rows, "counts": [[*k, n] for k, n in counts.items()]}))


def error_key(error) -> tuple[str, str, str]:
    """(error type, field name, constraint name) of a frictionless error ('' where none)."""
    field = getattr(error, "field_name", "") or ""
    constraint = ""
    if error.type == "constraint-error":
        constraint = error.note.split('"')[1] if '"' in error.note else error.note
    return error.type, field, constraint


def fold_frictionless(counts: list) -> Counter:
    """frictionless error counts → the smlint checks they correspond to (see smlint-pack.yaml)."""
    folded: Counter = Counter()
    for kind, field, constraint, n in counts:
        if kind == "constraint-error" and constraint == "required":
            folded["email-missing" if field == "Email" else "created-missing"] += n
        elif kind == "type-error" and field == "Email":
            folded["email-invalid"] += n
        elif kind == "unique-error":
            folded["duplicate-email"] += n
        elif kind == "type-error" or (kind == "constraint-error" and constraint == "enum"):
            folded["invalid-value"] += n
            if field == "Create Date":  # smlint: a create date that does not parse is also missing
                folded["created-missing"] += n
        else:
            folded[f"other {kind}"] += n
    return folded


def fold_smlint(report: dict) -> Counter:
    """smlint's JSON report → findings per check, listed and counted-beyond-the-limit together."""
    folded: Counter = Counter()
    for finding in report["findings"]:
        folded[finding["rule"]] += 1
    for rule, n in report.get("omitted", {}).items():
        folded[rule] += n
    return Counter({_short(rule): n for rule, n in folded.items()})


def _short(rule: str) -> str:
    if rule.startswith(PREFIX):
        return rule[len(PREFIX):]
    return "invalid-value" if rule == "leads/invalid-value" else f"other {rule}"


def run(cmd: list[str]) -> dict:
    """Run one child to its end: wall, CPU (user + sys) and peak resident memory, from the child's
    own rusage (``wait4``), so nothing samples /proc while it runs (on two shared cores a sampler
    would take CPU from the child being measured). Both children are single processes."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{cmd[1:4]} exited {proc.returncode}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def variant(checks: str) -> tuple[Path, Path]:
    """The schema and pack for ``--checks``: as committed, or with dates read as plain text."""
    if checks == "all":
        return SCHEMA, PACK
    import yaml

    schema = json.loads(SCHEMA.read_text())
    for field in schema["fields"]:
        if field["type"] == "datetime":
            field["type"] = "string"
            field.pop("format", None)
    pack = yaml.safe_load(PACK.read_text())
    for spec in pack["fields"].values():
        if spec.get("type") == "datetime":
            spec["type"] = "text"
            spec.pop("formats", None)
            spec.pop("timezone", None)
    OUT.mkdir(parents=True, exist_ok=True)
    schema_path, pack_path = OUT / "schema-no-dates.json", OUT / "smlint-pack-no-dates.yaml"
    schema_path.write_text(json.dumps(schema, indent=2))
    pack_path.write_text(yaml.safe_dump(pack, sort_keys=False, allow_unicode=True))
    return schema_path, pack_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the generated export (plus 1 in 1,000 duplicated)")
    parser.add_argument("--rounds", type=int, default=3, help="pairs of runs (the order alternates)")
    parser.add_argument("--checks", choices=["all", "no-dates"], default="all",
                        help="all: the committed schema and pack; no-dates: both read the dates as plain text")
    parser.add_argument("--frictionless-child", nargs=3, metavar=("FILE", "SCHEMA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.frictionless_child:
        frictionless_child(*args.frictionless_child)
        return
    path = OUT / f"leads-{args.rows}.csv"
    if not path.exists():
        started = time.perf_counter()
        generate(path, args.rows)
        print(f"generated {path} in {time.perf_counter() - started:.1f} s")
    schema, pack = variant(args.checks)
    report, counts = OUT / "fric-smlint.json", OUT / "fric-frictionless.json"
    tools = {
        "smlint": [sys.executable, "-m", "smlint", "leads", str(path), "--pack", str(pack), "--format", "json",
                   "--output", str(report), "--fail-on", "never", "--jobs", "1"],
        "frictionless": [sys.executable, str(Path(__file__).resolve()), "--frictionless-child", str(path),
                         str(schema), str(counts)],
    }
    for name, cmd in tools.items():
        print(f"{name}: {' '.join(cmd[1:])}")
    print(f"{'round':>5}  {'tool':<12} {'wall s':>7} {'CPU s':>7} {'rows/s':>9} {'peak MB':>8}")
    ratios, results = [], {name: [] for name in tools}
    mismatch = False
    for i in range(args.rounds):
        order = list(tools) if i % 2 == 0 else list(tools)[::-1]
        pair = {}
        for name in order:
            pair[name] = run(tools[name])
        smlint_report = json.loads(report.read_text())  # a 1 M-row run's report is read once a round
        records = smlint_report["records"]
        fric = json.loads(counts.read_text())
        if fric["rows"] != records:
            print(f"MISMATCH: smlint read {records:,} records, frictionless {fric['rows']:,} rows")
            mismatch = True
        for name in tools:
            r = pair[name]
            r["rows_s"] = records / r["wall"]
            results[name].append(r)
            print(f"{i + 1:>5}  {name:<12} {r['wall']:>7.1f} {r['cpu']:>7.1f} {r['rows_s']:>9,.0f} {r['peak_mb']:>8.0f}")
        ratios.append(pair["smlint"]["rows_s"] / pair["frictionless"]["rows_s"])
        print(f"{i + 1:>5}  ratio (smlint rows/s ÷ frictionless rows/s): {ratios[-1]:.1f}×")
        mismatch |= compare(fold_smlint(smlint_report), fold_frictionless(fric["counts"]), i == 0)
    for name, runs in results.items():
        print(f"median {name:<12} {statistics.median(r['wall'] for r in runs):>7.1f} "
              f"{statistics.median(r['cpu'] for r in runs):>7.1f} {statistics.median(r['rows_s'] for r in runs):>9,.0f} "
              f"{statistics.median(r['peak_mb'] for r in runs):>8.0f}")
    print(f"median ratio {statistics.median(ratios):.1f}× ({records:,} records, checks: {args.checks})")
    if mismatch:
        raise SystemExit(1)


def compare(smlint: Counter, fric: Counter, show: bool) -> bool:
    """Print the findings per check of both tools (first round); True when they differ."""
    differ = False
    for check in sorted(set(smlint) | set(fric)):
        same = smlint[check] == fric[check]
        differ |= not same
        if show or not same:
            print(f"       {check:<16} smlint {smlint[check]:>9,}  frictionless {fric[check]:>9,}"
                  f"{'' if same else '  MISMATCH'}")
    return differ


if __name__ == "__main__":
    main()
