"""The streaming JSON writer gives json.dumps(indent=2)'s text exactly, in pieces (issue 14)."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smlint.reporters import jsonstream

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text())
keys = st.one_of(st.text(), st.integers(), st.booleans(), st.none(),
                 st.floats(allow_nan=False, allow_infinity=False))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(keys, inner, max_size=4)), max_leaves=30)


def expected(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


@settings(max_examples=400, deadline=None)
@given(values)
def test_same_text_as_json_dumps(obj):
    assert jsonstream.dumps(obj) == expected(obj)


@settings(max_examples=100, deadline=None)
@given(st.lists(values, max_size=5))
def test_lazy_list_is_written_like_a_list(items):
    doc = {"a": 1, "deep": {"deeper": {"items": jsonstream.Lazy(iter(items))}}, "z": []}
    plain = {"a": 1, "deep": {"deeper": {"items": items}}, "z": []}
    assert jsonstream.dumps(doc) == expected(plain)


def test_each_item_of_a_lazy_list_is_one_piece_and_built_only_when_written():
    built = []

    def finding(i):
        built.append(i)
        return {"rule": f"r{i}", "line": i, "references": ["x", "é\n\"q\""]}

    pieces = jsonstream.chunks({"version": 1, "findings": jsonstream.Lazy(finding(i) for i in range(3))})
    head = [next(pieces) for _ in range(4)]  # "{", "\n  ", '"version": ', "1" ...
    assert built == []
    rest = list(pieces)
    assert built == [0, 1, 2]
    text = "".join(head + rest)
    assert text == expected({"version": 1, "findings": [finding(i) for i in range(3)]})
    assert sum(1 for p in rest if p.startswith('{\n      "rule"')) == 3


def test_special_floats_and_unknown_types():
    assert jsonstream.dumps([math.inf, -math.inf, -0.0, 1e300]) == expected([math.inf, -math.inf, -0.0, 1e300])
    assert jsonstream.dumps([math.nan]) == "[\n  NaN\n]"
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        jsonstream.dumps({"a": {1, 2}})
