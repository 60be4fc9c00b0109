"""Matching keys (agent/analysis.py, key_in): exact, or a shared prefix for long words."""
from __future__ import annotations

import pytest

from agent.analysis import key_in


@pytest.mark.parametrize("key, keys, found", [
    ("entity", {"entity", "list"}, True),             # exact
    ("fund", {"fundrais", "list"}, True),             # a key of the text starts with it
    ("fundrais", {"fund", "list"}, True),             # it starts with a key of 4+ characters
    ("fundrais", {"fun", "list"}, False),             # ... not with a shorter one
    ("listed", {"list"}, True),
    ("lists", {"list"}, False),                       # a 5-character key does not match a shorter prefix
    ("abc", {"abcdef"}, False),                       # too short to match by prefix
    ("2019", {"20190"}, False),                       # figures match exactly only
    ("huawei", set(), False),
])
def test_keys_match_exactly_or_by_a_long_prefix(key, keys, found):
    assert key_in(key, keys) is found
