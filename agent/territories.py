"""Territory names and demonyms -> territory codes, exactly as ``rigour.territories.lookup_territory``
resolves them, without rigour's ~1.2 s first-call cost.

Why: rigour builds its name table on the first lookup by normalising all ~29k territory
names of its data (``normalize_territory_name``: transliteration of the non-Latin names to
ASCII is most of it). That is ~1.2 s of every cold ``tradeqa ask`` (the answerer looks up
capitalised words), always for the same result. So the table (normalised name -> code) is
computed once, at build time, by this module (``python -m agent.territories``) and shipped
as ``agent/data/territory_names.json``, stamped with the rigour version and a hash of
rigour's territory data. At run time:

1. codes and QIDs go through rigour's own ``lookup_by_identifier`` (cheap: ~1k entries);
2. a name is normalised with rigour's own ``normalize_territory_name`` (one word: cheap)
   and looked up in the shipped table.

That is the order ``lookup_territory(text)`` (``fuzzy=False``) uses, so the result is the
same. When the installed rigour's version or data differ from the stamp, the table is not
used and every lookup goes to ``lookup_territory`` itself (correct, only slower; logged),
and ``tests/agent/test_territories.py`` fails until the table is rebuilt.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

TABLE_PATH = Path(__file__).resolve().parent / "data" / "territory_names.json"


def rigour_stamp() -> dict[str, str]:
    """The installed rigour's version and the SHA-1 of its territory data (what the table depends on)."""
    from importlib.metadata import version

    from rigour._core import territories_jsonl

    data = territories_jsonl()
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    return {"rigour": version("rigour"), "territories_sha1": hashlib.sha1(raw).hexdigest()}


def build_table() -> dict:
    """The table from the installed rigour: its stamp and ``{normalised name: code}`` for every
    name ``lookup_territory`` resolves (strong names, weak names, places). Slow (~1-2 s)."""
    # rigour has no public accessor for its name table; _get_territory_names is the mapping
    # lookup_territory reads, so building from it is what keeps the result identical.
    from rigour.territories.lookup import _get_territory_names

    names = {name: t.code for name, t in sorted(_get_territory_names().items())}
    return {**rigour_stamp(), "names": names}


def write_table(path: Path = TABLE_PATH) -> dict:
    """Build the table and write it to ``path`` (compact JSON)."""
    table = build_table()
    path.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                    encoding="utf-8")
    return table


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str] | None:
    """The shipped name table when it matches the installed rigour, else None."""
    try:
        table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("territory table %s unreadable (%s); using rigour's lookup (slower first call)", TABLE_PATH, exc)
        return None
    stamp = rigour_stamp()
    if any(table.get(k) != v for k, v in stamp.items()):
        log.warning("territory table %s was built for rigour %s (data %s), installed %s (data %s); using rigour's "
                    "lookup (slower first call). Rebuild: python -m agent.territories", TABLE_PATH,
                    table.get("rigour"), str(table.get("territories_sha1"))[:8], stamp["rigour"],
                    stamp["territories_sha1"][:8])
        return None
    return table["names"]


def lookup_code(text: str, identifiers: bool = True) -> str | None:
    """The territory code of a code, QID, name or demonym (``"China"``, ``"Chinese"``, ``"PRC"``
    -> ``"cn"``), or None: the same answer as ``rigour.territories.lookup_territory(text)``.
    With ``identifiers=False`` only names and demonyms count, not codes: "Can", "Are", "Per" and
    "Bel" are words, however "CAN", "ARE", "PER" and "BEL" are ISO 3166 codes."""
    from rigour.territories import lookup_by_identifier

    t = lookup_by_identifier(text) if identifiers else None
    if t is not None:
        return t.code
    names = _names()
    if names is None:
        from rigour.territories import lookup_territory

        t = lookup_territory(text)
        if t is not None and not identifiers and lookup_by_identifier(text) is t:
            return None  # matched as a code only
        return t.code if t is not None else None
    from rigour.territories.util import normalize_territory_name

    return names.get(normalize_territory_name(text))


if __name__ == "__main__":  # python -m agent.territories [OUT.json]: rebuild after upgrading rigour
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE_PATH
    t = write_table(out)
    print(f"{len(t['names'])} names, rigour {t['rigour']} -> {out}")
