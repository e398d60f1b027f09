"""The bound on a pattern's compiled RE2 program (smlint/text/matcher.py ``MAX_PROGRAM_SIZE``):
user packs over it are refused at load with their line; every built-in pattern is well under it
(issue 12, "Resource exhaustion")."""
from __future__ import annotations

import pytest

from smlint.errors import PackError
from smlint.linter import Linter, LintOptions
from smlint.packs import load_pack
from smlint.text.kinds.pattern import Pattern
from smlint.text.matcher import MAX_PROGRAM_SIZE, PatternError, compile_pattern
from tests.conftest import PACK_HEAD

RULE = """\
rules:
  - id: big
    kind: pattern
    severity: error
    pattern: '{pattern}'
    case_sensitive: {case_sensitive}
    message: "'{{match}}' is big"
    description: A big pattern.
    why: Testing.
    examples:
      bad: ["aaaa"]
      good: ["b"]
"""


def program_size(regex) -> int:
    return max(regex.programsize, regex.reverseprogramsize)


def builtin_program_sizes() -> list[tuple[int, str]]:
    """Every pattern the built-in packs and concepts compile to, in both languages, with its size."""
    linter = Linter(LintOptions())
    sizes = []
    for lang in ("en", "es"):
        engine = linter.engine(lang)
        sizes += [(program_size(compile_pattern(src)), src[:60]) for src in engine._patterns.sources]
        sizes += [(program_size(check.regex), rule.id) for rule, check in engine.checks
                  if isinstance(check, Pattern) and check.case_sensitive]
        vocab = linter.concepts.vocabulary(lang)
        sizes += [(program_size(compile_pattern(vocab.regex(c.name))), f"{{{c.name}}}")
                  for c in linter.concepts.all() if c.language in (lang, "any")]
    return sizes


def test_every_builtin_pattern_is_well_under_the_bound():
    sizes = builtin_program_sizes()
    assert len(sizes) > 400
    largest, what = max(sizes)
    assert largest * 2 < MAX_PROGRAM_SIZE, (largest, what)  # 49,017 when the bound was set: 4x margin


@pytest.mark.parametrize("pattern, case_sensitive", [
    (r"\pL{200}", "true"),                            # 240,404 instructions (\pL{1000}: 6.6 s per 50 KB)
    ("(?:" + "abcdefghij" * 25 + "){1000}", "false"),  # 250,004 instructions
])
def test_user_pattern_over_the_bound_is_a_pack_error_at_its_line(write_pack, pattern, case_sensitive):
    path = write_pack(PACK_HEAD + RULE.format(pattern=pattern, case_sensitive=case_sensitive))
    with pytest.raises(PackError) as info:
        load_pack(path)
    err = info.value
    assert err.field == "rules[0].pattern" and err.line == 10
    assert err.message.startswith("pattern too complex (program size ")
    assert f"> {MAX_PROGRAM_SIZE:,})" in err.message


def test_a_pattern_under_the_bound_loads(write_pack):
    """The pattern of the issue, ``(?:a|a?){1000}``, is 3,004 instructions: RE2 scans 50 KB with it
    in 0.05 s. Its 53 s came from quoting the whole 50 KB line once per finding (the reporters'
    part of issue 12), not from the pattern."""
    load_pack(write_pack(PACK_HEAD + RULE.format(pattern="(?:a|a?){1000}", case_sensitive="false")))
    assert program_size(compile_pattern("(?:a|a?){1000}")) < 4000


def test_compile_pattern_refuses_directly():
    with pytest.raises(PatternError, match=r"pattern too complex \(program size 240,404 > 200,000\)"):
        compile_pattern(r"\pL{200}", case_sensitive=True)
