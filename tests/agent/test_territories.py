"""The shipped territory table (agent/data/territory_names.json) answers as rigour does."""
from __future__ import annotations

import pytest

WORDS = ["China", "Chinese", "PRC", "CN", "CHN", "U.S", "US", "USA", "American", "Americans", "United States",
         "Hong Kong", "Russia", "Russian", "Россия", "中国", "Iran", "Iranian", "Taiwan", "Burma", "Myanmar",
         "Côte d'Ivoire", "Cote d'Ivoire", "Korea", "Federal", "Section", "Commerce", "Entity", "Georgia", "Jersey",
         "Guinea-Bissau", "Q148", "Dubai", "Kosovo", "EU", "Europe", "Sao Tome", "São Tomé", "Xinjiang", "UK", "Britain"]


def test_table_matches_installed_rigour():
    """The shipped table is rigour's name table, for the installed rigour and its data; rebuild
    with ``python -m agent.territories`` when this fails after a rigour upgrade."""
    import json

    from agent.territories import TABLE_PATH, build_table

    shipped = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert shipped == build_table()


@pytest.mark.parametrize("word", WORDS)
def test_lookup_code_equals_rigour(word):
    from rigour.territories import lookup_territory

    from agent.territories import lookup_code

    t = lookup_territory(word)
    assert lookup_code(word) == (t.code if t is not None else None)


def test_stale_table_falls_back_to_rigour(monkeypatch, tmp_path):
    import json

    import agent.territories as terr

    stale = tmp_path / "t.json"
    stale.write_text(json.dumps({"rigour": "0.0.0", "territories_sha1": "x", "names": {"china": "zz"}}))
    monkeypatch.setattr(terr, "TABLE_PATH", stale)
    terr._names.cache_clear()
    try:
        assert terr._names() is None
        assert terr.lookup_code("China") == "cn" and terr.lookup_code("Chinese") == "cn"
    finally:
        terr._names.cache_clear()
