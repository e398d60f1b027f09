"""The record loop of a batch, written out for one agreement and one export's layout.

:meth:`smlint.leads.batch.BatchState.run` checks every record the same way: project the cells
onto the field slots, parse each slot, report values that do not parse and dates after as-of,
then call each rule's check. Written as loops over the slots and the rules, a record pays for
those loops (an iterator, a tuple unpacked, an index looked up) as many times as there are
fields and rules. :func:`record_loop` writes the same steps out once per shape — how many
fields, which slots can be invalid, which are dates, where the record id is, how many rules,
whether outcomes are counted — as straight-line Python, compiles it (once per shape, then
remembered) and returns it. Nothing in it depends on the data: the generated text is the
generic loop with its loops unrolled, and ``tests/leads/test_loop.py`` holds the two to the
same results.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)
def record_loop(fields: int, may_fail: tuple[int, ...], dated: tuple[int, ...], rid_slot: int | None,
                checks: int, scored: bool):
    """The loop for this shape: ``loop(records, env) -> rows checked`` (see :func:`source`)."""
    namespace: dict = {}
    exec(compile(source(fields, may_fail, dated, rid_slot, checks, scored), "<smlint record loop>", "exec"),
         namespace)
    return namespace["loop"]


def source(fields: int, may_fail: tuple[int, ...], dated: tuple[int, ...], rid_slot: int | None, checks: int,
           scored: bool) -> str:
    """The text of the loop. ``env`` carries what the batch supplies: the projection, the parsers
    ``p0…`` and checks ``c0…`` with their rules ``rule0…``, and the batch's reporting methods."""
    r = [f"r{s}" for s in range(fields)]
    out = ["def loop(records, env):",
           "    (project, parsers, checks, rules, Inv, Rec, problem, invalid, after, hits_of, add, by_slots, measured,",
           "     as_of, path, binding, progress, next_tick, every, NA, PASS, FAIL, NONE_SEGMENT) = env"]
    if fields:
        out.append(f"    {', '.join(f'p{s}' for s in range(fields))}, = parsers")
    if checks:
        out.append(f"    {', '.join(f'c{j}' for j in range(checks))}, = checks")
        out.append(f"    {', '.join(f'rule{j}' for j in range(checks))}, = rules")
    out += ["    rows = 0",
            "    for row, cells, trouble in records:",
            "        if row >= next_tick:",
            "            next_tick = row + every",
            "            progress(row)",
            "        if trouble is not None:",
            "            problem(path, row, trouble)",
            "            continue",
            "        rows += 1",
            "        raw = project(cells)"]
    if fields:
        out.append(f"        {', '.join(r)}, = raw")
    out.append(f"        values = [{', '.join(f'p{s}({r[s]})' for s in range(fields))}]")
    out.append(f"        rid = {r[rid_slot]}.strip() or None" if rid_slot is not None else "        rid = None")
    if may_fail:
        test = " or ".join(f"values[{s}].__class__ is Inv" for s in may_fail)
        out += [f"        if {test}:",
                "            invalid(path, row, rid, raw, values, binding)"]
    for s in dated:
        out += [f"        value = values[{s}]",
                "        if value.__class__ is float and value > as_of:",
                f"            after(path, row, rid, raw, {s}, binding)"]
    out.append("        rec = Rec(row, rid, raw, values)")
    for j in range(checks):
        out.append(f"        hits = c{j}(rec)")
        if scored:
            step = "" if j == 0 else "outcome * 3 + "
            out += ["        if hits is None:",
                    f"            outcome = {step}NA",
                    "        elif hits:",
                    f"            outcome = {step}FAIL",
                    f"            hits_of(rule{j}, path, rec, hits, binding)",
                    "        else:",
                    f"            outcome = {step}PASS"]
        else:
            out += ["        if hits:",
                    f"            hits_of(rule{j}, path, rec, hits, binding)"]
    if scored:
        if not checks:
            out.append("        outcome = 0")
        out.append("        add([raw[s].strip() or NONE_SEGMENT for s in by_slots], outcome, measured)")
    out += ["        if measured:",
            "            measured.clear()",
            "    return rows",
            ""]
    return "\n".join(out)
