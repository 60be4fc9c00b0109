"""Screening: is a named party on a screening list in the index (the US Consolidated
Screening List)? Fuzzy, fast, and every hit carries a verifiable citation.

    from agent import screen
    for hit in screen("Hikvision Digital Technology", country="CN"):
        print(hit.score, hit.name, hit.list, hit.start_date, hit.citation.quote)

Score (0-100) and default threshold: see :mod:`agent.screening.matching` and
``Settings.screening_threshold``.
"""
from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..types import Citation

if TYPE_CHECKING:  # the index (rigour, rapidfuzz) loads on first use, not on `import agent`
    from .index import ListedRecord, NameIndex

log = logging.getLogger(__name__)


class ScreeningNotReady(RuntimeError):
    """No screening list has been ingested into the index (the message says how)."""


@dataclass
class ScreeningHit:
    """One listed record matching a screened name.

    ``record_id`` is the list's own row id (the CSL ``_id``); ``score`` 0-100;
    ``matched_name`` the listed name or alias that matched; ``citation`` quotes that
    name verbatim from the record document (``quote == body[start:end]``) and
    ``evidence`` the list, start date, Federal Register notice and licence fields.
    """

    record_id: str
    name: str
    matched_name: str
    score: float
    list: str
    list_code: str
    type: str
    country: str  # ISO-2 codes, "; "-joined ("" when the record names none)
    start_date: str
    fr_notice: str
    license_requirement: str
    license_policy: str
    programs: str
    doc_id: str
    source: str
    citation: Citation | None = None
    evidence: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _citation(rec: ListedRecord, field_name: str, text: str | None = None) -> Citation | None:
    """A citation of one field value (or of ``text`` inside it) of a record body."""
    span = rec.spans.get(field_name)
    if not span:
        return None
    start, end = span
    value = rec.fields.get(field_name, "")
    if text and text != value:
        i = value.find(text)
        if i < 0:
            return None
        start, end = start + i, start + i + len(text)
        value = text
    return Citation(source=rec.source, title=f"{rec.name} — {rec.list}", quote=value, start=start, end=end,
                    date=rec.start_date if len(rec.start_date) == 10 else "",
                    publisher="International Trade Administration (Consolidated Screening List)",
                    url=rec.fields.get("source_information_url", "") or rec.fields.get("source_list_url", ""),
                    doc_id=rec.doc_id)


def hit_from(rec: ListedRecord, matched: str, score: float) -> ScreeningHit:
    """A :class:`ScreeningHit` for a record, with its citations."""
    from ingest.screening_lists import list_code

    cite = _citation(rec, "name") if matched == rec.name else _citation(rec, "alt_names", matched)
    evidence = [c for c in (_citation(rec, f) for f in (
        "name", "source", "start_date", "federal_register_notice", "license_requirement", "license_policy")) if c]
    return ScreeningHit(record_id=rec.record_id, name=rec.name, matched_name=matched, score=round(score, 1),
                        list=rec.list, list_code=list_code(rec.list), type=rec.type, country="; ".join(rec.countries),
                        start_date=rec.start_date, fr_notice=rec.fr_notice,
                        license_requirement=rec.license_requirement, license_policy=rec.license_policy,
                        programs=rec.programs, doc_id=rec.doc_id, source=rec.source, citation=cite, evidence=evidence)


def _wanted_list(rec: ListedRecord, lists: list[str] | None) -> bool:
    if not lists:
        return True
    from ingest.screening_lists import list_code

    code = list_code(rec.list).casefold()
    return any(l.strip().casefold() in (code, rec.list.casefold()) for l in lists if l.strip())


def screen_index(idx: NameIndex, name: str, *, country: str | None = None, lists: list[str] | None = None,
                 min_score: float = 0.0, limit: int = 10) -> list[ScreeningHit]:
    """Screen ``name`` against a loaded :class:`NameIndex`; one hit per record, best first."""
    cc = (country or "").strip().upper()
    out: list[ScreeningHit] = []
    seen: set[int] = set()
    for r_i, entry, a in idx.match(name):
        if round(a.score, 1) < min_score:  # the score as shown (one decimal) is the one compared
            break
        if r_i in seen:
            continue
        rec = idx.records[r_i]
        # A country narrows: records in other countries go; records naming none stay.
        if cc and rec.countries and cc not in rec.countries:
            continue
        if not _wanted_list(rec, lists):
            continue
        seen.add(r_i)
        out.append(hit_from(rec, entry.text, a.score))
        if len(out) >= limit:
            break
    return out


def has_screening_list(index: str | os.PathLike | None = None, settings=None) -> bool:
    """True when the index holds screening-list records: one read of the catalog's
    ``screening_records`` table. Unlike :func:`get_index` it does not build the name index (~1.4 s
    for the 14k-record CSL on a cold process), so callers can check it before deciding
    whether the name index is needed at all."""
    import sqlite3

    from ..api import resolve_settings

    catalog = Path(resolve_settings(index, settings).index).expanduser() / "catalog.sqlite"
    if not catalog.exists():
        return False
    db = sqlite3.connect(f"file:{catalog.resolve()}?mode=ro", uri=True, timeout=30)
    try:
        row = db.execute("SELECT 1 FROM screening_records LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # no screening table: never ingested a list
        return False
    finally:
        db.close()
    return row is not None  # (its list files may all have been removed since)


def get_index(index: str | os.PathLike | None = None, settings=None) -> NameIndex:
    """The screening name index of an index folder (default: the configured one).

    Raises :class:`ScreeningNotReady` when no screening list has been ingested there."""
    from ..api import resolve_settings

    from .index import load_index

    s = resolve_settings(index, settings)
    path = Path(s.index).expanduser()
    idx = load_index(path / "catalog.sqlite")
    if idx is None or not idx.records:
        raise ScreeningNotReady(
            f"no screening list in the index at {path}. Ingest one first: tradeqa ingest "
            f"{s.sample_corpus / 'csl-consolidated-2022-05.csv.gz'} --index {path}")
    return idx


def screen(name: str, *, country: str | None = None, lists: list[str] | None = None,
           min_score: float | None = None, index: str | os.PathLike | None = None,
           settings=None) -> list[ScreeningHit]:
    """Screen one party name against the screening lists in the index.

    ``country``: ISO-2 code; records located elsewhere are dropped (records without
    a country are kept). ``lists``: list codes or full names (``["EL", "SDN"]``).
    ``min_score``: 0-100, default ``Settings.screening_threshold``. Returns hits
    best first (empty when nothing reaches the threshold). Raises ``ValueError`` for
    an empty or over-long name and :class:`ScreeningNotReady` without a list.
    """
    from ..api import resolve_settings

    s = resolve_settings(index, settings)
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name to screen is empty")
    if len(name) > s.max_question_chars:
        raise ValueError(f"name is {len(name)} characters; the limit is {s.max_question_chars}")
    idx = get_index(index, s)
    threshold = s.screening_threshold if min_score is None else float(min_score)
    return screen_index(idx, name, country=country, lists=lists, min_score=threshold, limit=s.screening_max_hits)


__all__ = ["ScreeningHit", "ScreeningNotReady", "get_index", "has_screening_list", "screen", "screen_index"]
