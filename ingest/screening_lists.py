"""Screening lists (the US Consolidated Screening List, trade.gov's CSV / CSV.gz / JSON
downloads) -> one record per row, each a citable :class:`~ingest.records.Document`.

A record's ``body`` is a readable rendering of the row's fields, one ``Label: value``
line each, with every value copied verbatim from the file (JSON lists are joined
with ``"; "``, the CSV's own separator), so a citation's quote is the field text
and its offsets point into that body.

Bad rows (no name, no id, a broken date) are reported with their line number and
skipped or kept without the broken field; a file that is not a screening list
raises :class:`ScreeningListError` with the reason.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .records import Document

log = logging.getLogger(__name__)

#: Columns of the CSL CSV download (the JSON ``results`` objects use the same keys).
CSL_COLUMNS = (
    "_id", "source", "entity_number", "type", "programs", "name", "title", "addresses",
    "federal_register_notice", "start_date", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag",
    "vessel_owner", "remarks", "source_list_url", "alt_names", "citizenships", "dates_of_birth",
    "nationalities", "places_of_birth", "source_information_url", "ids",
)
# A file is a screening list when it has these (the rest may be missing).
REQUIRED_COLUMNS = ("_id", "source", "name")

#: How each field is labelled in the rendered body, in this order.
FIELD_LABELS = (
    ("name", "Name"), ("alt_names", "Alternate names"), ("source", "List"), ("type", "Type"),
    ("programs", "Programs"), ("title", "Title"), ("addresses", "Address"),
    ("federal_register_notice", "Federal Register notice"), ("start_date", "Start date"),
    ("end_date", "End date"), ("standard_order", "Standard order"),
    ("license_requirement", "License requirement"), ("license_policy", "License policy"),
    ("nationalities", "Nationalities"), ("citizenships", "Citizenships"), ("dates_of_birth", "Dates of birth"),
    ("places_of_birth", "Places of birth"), ("ids", "Identifiers"), ("call_sign", "Call sign"),
    ("vessel_type", "Vessel type"), ("gross_tonnage", "Gross tonnage"),
    ("gross_registered_tonnage", "Gross registered tonnage"), ("vessel_flag", "Vessel flag"),
    ("vessel_owner", "Vessel owner"), ("remarks", "Remarks"), ("entity_number", "Entity number"),
    ("source_list_url", "Source list URL"), ("source_information_url", "Source information URL"),
    ("_id", "Record id"),
)
LABEL_OF = dict(FIELD_LABELS)

DOC_TYPE = "screening-list"
PUBLISHER = "International Trade Administration (Consolidated Screening List)"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COUNTRY_AT_END = re.compile(r",\s*([A-Z]{2})\s*$")


class ScreeningListError(ValueError):
    """The file is not a readable screening list (the message says why)."""


def split_alt_names(text: str) -> list[str]:
    """The alternate names of a CSL ``alt_names`` field: "; "-separated, with the list's own
    conjunction taken off ("...; and JSC 140 Repair Plant") and a last item joined by ", and"
    split off ("Beijing Shangtang Technology Development Co., Ltd., and Sense Time" is two
    names) - 256 aliases of the 2022-05 list are written so. Each name stays a substring of
    the field, so it is cited verbatim."""
    out: list[str] = []
    for piece in text.split(";"):
        for name in re.split(r",\s+and\s+(?=[A-Z0-9])", piece):
            name = re.sub(r"^and\s+(?=[A-Z0-9])", "", name.strip()).strip()
            if name:
                out.append(name)
    return out


@dataclass
class ScreeningRecord:
    """One list entry, fields verbatim as strings ("" when absent).

    ``fields`` keys are the CSL column names (``_id``, ``source``, ``name``, ...).
    ``body`` is the rendered text and ``spans`` maps a field name to its
    ``(start, end)`` character span in ``body`` (for highlighting and citations).
    """

    fields: dict[str, str]
    body: str
    spans: dict[str, tuple[int, int]]
    line: int = 0  # 1-based line / item number in the file (for messages)

    @property
    def record_id(self) -> str:
        return self.fields["_id"]

    @property
    def key(self) -> str:
        """Unique within an index: the same ``_id`` appears on several lists (SDN and CAP)."""
        return f"{self.record_id}@{self.list_code}"

    @property
    def name(self) -> str:
        return self.fields["name"]

    @property
    def list_name(self) -> str:
        return self.fields.get("source", "")

    @property
    def list_code(self) -> str:
        """The list's short code, e.g. ``EL`` from "Entity List (EL) - Bureau of ..."."""
        return list_code(self.list_name)

    @property
    def alt_names(self) -> list[str]:
        return split_alt_names(self.fields.get("alt_names", ""))

    @property
    def countries(self) -> list[str]:
        """ISO-2 codes from the addresses' trailing country code, nationalities and citizenships."""
        out: list[str] = []
        for addr in self.fields.get("addresses", "").split(";"):
            m = _COUNTRY_AT_END.search(addr)
            if m:
                out.append(m.group(1))
        for key in ("nationalities", "citizenships"):
            out += [c.strip() for c in self.fields.get(key, "").split(";") if len(c.strip()) == 2]
        return list(dict.fromkeys(c.upper() for c in out))

    @property
    def row_hash(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()[:32]

    def to_document(self, file: str) -> Document:
        """The record as an index document, sourced ``<file>#<record id>@<list code>``:
        one document of the multi-document list file (like a rule of a Federal Register
        issue), so deleting or removing the file removes its records."""
        title = f"{self.name} — {self.list_name}" if self.list_name else self.name
        return Document(source=record_source(file, self.key), body=self.body, title=title, publisher=PUBLISHER,
                        date=self.fields.get("start_date", "") if _ISO_DATE.match(self.fields.get("start_date", "")) else "",
                        url=self.fields.get("source_information_url", "") or self.fields.get("source_list_url", ""),
                        doc_type=DOC_TYPE,
                        extra={"record_id": self.record_id, "list": self.list_name, "type": self.fields.get("type", "")})


def list_code(list_name: str) -> str:
    """``"Entity List (EL) - Bureau of Industry and Security"`` -> ``"EL"``; the name itself when no code."""
    m = re.search(r"\(([^()]+)\)", list_name)
    return m.group(1).strip() if m else list_name.strip()


@dataclass
class ParseResult:
    """Records read from a file, and one message per problem row."""

    records: list[ScreeningRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)  # list names present in the file


def render(fields: dict[str, str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The body text of a record and each field value's span in it."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for key, label in FIELD_LABELS:
        value = fields.get(key, "")
        if not value:
            continue
        prefix = f"{label}: "
        start = pos + len(prefix)
        spans[key] = (start, start + len(value))
        line = prefix + value
        parts.append(line)
        pos += len(line) + 1
    return "\n".join(parts), spans


def _flatten(value) -> str:
    """A JSON field as the CSV writes it: lists joined by "; ", address objects as "street, city, CC"."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(s for s in (_flatten(v) for v in value) if s)
    if isinstance(value, dict):
        if "address" in value or "city" in value or "country" in value:
            keys = ("address", "city", "state", "postal_code", "country")
        else:
            keys = tuple(value)
        return ", ".join(str(value[k]).strip() for k in keys if value.get(k) not in (None, ""))
    return str(value).strip()


def _check_columns(columns: list[str], where: str) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ScreeningListError(
            f"{where} is not a screening list: missing column(s) {', '.join(missing)} "
            f"(a Consolidated Screening List file has {', '.join(REQUIRED_COLUMNS)}, ...; found "
            f"{', '.join(columns[:8]) or 'no columns'})")


def _clean_row(raw: dict, line: int, result: ParseResult) -> None:
    fields = {k: _flatten(raw.get(k)) for k in CSL_COLUMNS if k in raw}
    fields = {k: v for k, v in fields.items() if v}
    fields.setdefault("_id", "")
    fields.setdefault("name", "")
    if not fields["name"] or not fields["_id"]:
        what = "name" if not fields["name"] else "_id"
        result.problems.append(f"row {line}: no {what}; skipped")
        return
    for key in ("start_date", "end_date"):
        v = fields.get(key, "")
        if v and not _valid_date(v):
            result.problems.append(f"row {line} ({fields['name']}): {key} {v!r} is not a date (YYYY-MM-DD); field left out")
            fields.pop(key)
    body, spans = render(fields)
    result.records.append(ScreeningRecord(fields, body, spans, line))


def _valid_date(v: str) -> bool:
    if not _ISO_DATE.match(v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def parse_bytes(raw: bytes, name: str = "input") -> ParseResult:
    """Parse a CSL file's bytes (CSV, gzip'd CSV, or JSON: a list of rows or ``{"results": [...]}``).

    Raises :class:`ScreeningListError` when the data is not a screening list; row-level
    problems land in ``ParseResult.problems`` and the other rows are kept. Duplicate
    ids keep the first row.
    """
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ScreeningListError(f"{name}: broken gzip data ({exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScreeningListError(f"{name}: not UTF-8 text ({exc})") from exc
    result = ParseResult()
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ScreeningListError(f"{name}: broken JSON ({exc})") from exc
        rows = data.get("results") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
            raise ScreeningListError(f"{name} is not a screening list: expected a list of row objects "
                                     "(or {\"results\": [...]})")
        _check_columns(sorted({k for r in rows for k in r}), name)
        for i, row in enumerate(rows, 1):
            _clean_row(row, i, result)
    else:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        _check_columns(list(reader.fieldnames or []), name)
        for row in reader:
            if None in row:  # more cells than header columns
                result.problems.append(f"row {reader.line_num}: {len(row[None])} cell(s) beyond the header's columns ignored")
                row.pop(None)
            _clean_row(row, reader.line_num, result)
    seen: set[str] = set()
    unique = []
    for r in result.records:
        if r.key in seen:
            result.problems.append(f"row {r.line}: duplicate _id {r.record_id} on {r.list_code}; the first row is kept")
            continue
        seen.add(r.key)
        unique.append(r)
    result.records = unique
    result.lists = sorted({r.list_name for r in unique})
    if not unique:
        raise ScreeningListError(f"{name}: no usable rows ({len(result.problems)} problem(s): "
                                 + "; ".join(result.problems[:3]) + ")")
    return result


def parse_file(path: str | Path) -> ParseResult:
    """Parse a CSL file from disk (see :func:`parse_bytes`)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScreeningListError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    return parse_bytes(raw, p.name)


SUFFIXES = (".csv", ".csv.gz", ".json")  # the file types a screening list comes in


def has_list_suffix(path: str | Path) -> bool:
    """True for a ``.csv``, ``.csv.gz`` or ``.json`` file name (a list or not)."""
    return Path(path).name.lower().endswith(SUFFIXES)


def looks_like_screening_list(path: str | Path) -> bool:
    """True when a file's name and first bytes say it is a CSL download (CSV/CSV.gz/JSON
    whose header or first object has ``_id``, ``source`` and ``name``)."""
    p = Path(path)
    name = p.name.lower()
    if not has_list_suffix(p):
        return False
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
        if head[:2] == b"\x1f\x8b":
            with gzip.open(p, "rb") as fh:
                head = fh.read(4096)
    except (OSError, EOFError):
        return name.endswith(".csv.gz")  # let the loader report the broken file
    text = head.decode("utf-8", "ignore")
    return all(re.search(rf'(^|[,"\s]){re.escape(c)}("|,|\s|$)', text[:2000]) for c in REQUIRED_COLUMNS)


# ----------------------------------------------------------------- writing the index
LEGACY_DATASET = "csl"  # records of indexes written before issue 11's follow-up: "csl#<key>", tied to no file
# Part of a list file's hash: bump when parsing/rendering changes, so an unchanged file is read again.
FORMAT_VERSION = 1


def record_source(file: str, key: str) -> str:
    """The source of a record document: its list file's resolved path, ``#``, its key
    (``/data/csl.csv.gz#f85aef98...@EL``), the form :meth:`IndexStore.sources_of_file`
    and folder re-ingest already use for the documents of multi-document files."""
    return f"{file}#{key}"


def is_record_source(source: str) -> bool:
    """True for the source of a screening record (``<list file>#<key>``, or a legacy ``csl#<key>``)."""
    file, sep, _ = source.partition("#")
    return bool(sep) and (file == LEGACY_DATASET or has_list_suffix(file))


SCREENING_SCHEMA = """
CREATE TABLE IF NOT EXISTS screening_records (
    key TEXT PRIMARY KEY, record_id TEXT NOT NULL, doc_id TEXT NOT NULL, source TEXT NOT NULL, list TEXT NOT NULL,
    type TEXT, name TEXT NOT NULL, alt_names TEXT, countries TEXT, start_date TEXT, fr_notice TEXT,
    license_requirement TEXT, license_policy TEXT, programs TEXT, row_hash TEXT NOT NULL,
    fields TEXT NOT NULL, spans TEXT NOT NULL, snapshot TEXT
);
CREATE INDEX IF NOT EXISTS screening_records_source ON screening_records(source);
CREATE TABLE IF NOT EXISTS screening_meta (key TEXT PRIMARY KEY, value TEXT);
-- One row per list file ingested: its hash (an unchanged file is not read again; ''
-- = read it again) and snapshot name. Its records are the rows sourced "<file>#...".
CREATE TABLE IF NOT EXISTS screening_files (file TEXT PRIMARY KEY, file_hash TEXT NOT NULL, snapshot TEXT,
                                            ingested_at REAL);
"""


@dataclass
class ScreeningIngestResult:
    """Counts of one screening-list ingest."""

    path: str
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    embedded: int = 0
    problems: list[str] = field(default_factory=list)
    lists: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: bool = False  # the file is as last ingested: not read again

    def summary(self) -> str:
        if self.skipped:
            return f"unchanged since last ingest ({self.unchanged} records)"
        return (f"{self.added} added, {self.changed} changed, {self.removed} removed, {self.unchanged} unchanged "
                f"records; {len(self.problems)} problem row(s)")


def ensure_screening_tables(db) -> None:
    """Create the screening name tables in a catalog connection (idempotent)."""
    db.executescript(SCREENING_SCHEMA)


def _record_row(r: ScreeningRecord, doc_id: str, source: str, snapshot: str) -> tuple:
    f = r.fields
    return (r.key, r.record_id, doc_id, source, r.list_name, f.get("type", ""), r.name, f.get("alt_names", ""),
            ";".join(r.countries), f.get("start_date", ""), f.get("federal_register_notice", ""),
            f.get("license_requirement", ""), f.get("license_policy", ""), f.get("programs", ""), r.row_hash,
            json.dumps(f, ensure_ascii=False), json.dumps(r.spans), snapshot)


def _file_range(file: str) -> tuple[str, str]:
    """``source >= lo AND source < hi`` selects the sources ``<file>#...`` (an index range, no LIKE escaping)."""
    return file + "#", file + chr(ord("#") + 1)


def _read_catalog(store, sql: str, args: tuple = ()) -> list[tuple]:
    """Rows of a read on the catalog's screening tables (created first when missing), on a
    connection of our own (WAL: readers and the store's writer carry on)."""
    import sqlite3

    db = sqlite3.connect(Path(store.path) / "catalog.sqlite", timeout=30)
    try:
        with db:
            ensure_screening_tables(db)
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def _bump_names(conn, now: float) -> None:
    """Inside the write transaction: the name index must be rebuilt (version) and the
    snapshot is the list files whose records are in the index."""
    snaps = [r[0] for r in conn.execute(
        "SELECT DISTINCT snapshot FROM screening_records WHERE snapshot != '' ORDER BY snapshot")]
    conn.execute("INSERT OR REPLACE INTO screening_meta VALUES ('snapshot', ?)", (", ".join(snaps),))
    conn.execute("INSERT OR REPLACE INTO screening_meta VALUES ('ingested_at', ?)", (str(now),))
    ver = conn.execute("SELECT value FROM screening_meta WHERE key='version'").fetchone()
    conn.execute("INSERT OR REPLACE INTO screening_meta VALUES ('version', ?)", (str(int(ver[0]) + 1 if ver else 1),))


RETRIEVAL_MODES = ("none", "keyword", "dense")


def ingest_screening_list(path: str | Path, store, *, retrieval: str = "none", progress=None) -> ScreeningIngestResult:
    """Ingest (or update from a newer snapshot) a CSL file into ``store``.

    A file whose bytes are as last ingested is not read again (0 work). Otherwise rows
    are matched on ``_id`` and list across the index: new ids are added, rows whose
    rendered body changed are replaced, and ids of the lists present in the file that
    the file no longer has are removed (a file with only the Entity List never removes
    SDN rows) — so a newer snapshot under another file name updates the older one.
    Every record belongs to the file that last wrote it (source ``<file>#<key>``): a
    record the newer file also holds moves to it, and deleting or removing a file
    removes the records it holds (:func:`remove_screening_file`). Everything is written
    in one catalog transaction. Raises :class:`ScreeningListError` for a file that is
    not a screening list.

    ``retrieval``: ``none`` — records are documents (citable, verifiable) that only
    screening reads; ``keyword`` — also one keyword-indexed chunk each, so ordinary
    retrieval finds them; ``dense`` — and one vector each (slow: minutes for 14k).
    A mode applies to the rows written in that run (a fresh index to switch).
    """
    import time

    if retrieval not in RETRIEVAL_MODES:
        raise ValueError(f"screening retrieval mode {retrieval!r}; expected one of {', '.join(RETRIEVAL_MODES)}")

    t0 = time.perf_counter()
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ScreeningListError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    file = str(p.resolve())
    fhash = hashlib.sha256(raw + f"|csl{FORMAT_VERSION}".encode()).hexdigest()[:32]
    lo, hi = _file_range(file)
    known = _read_catalog(store, "SELECT file_hash FROM screening_files WHERE file=?", (file,))
    if known and known[0][0] == fhash:
        owned = _read_catalog(store, "SELECT count(*) FROM screening_records WHERE source >= ? AND source < ?",
                              (lo, hi))[0][0]
        return ScreeningIngestResult(file, unchanged=owned, skipped=True, seconds=time.perf_counter() - t0)
    parsed = parse_bytes(raw, p.name)
    out = ScreeningIngestResult(file, problems=parsed.problems, lists=parsed.lists)
    for msg in parsed.problems[:20]:
        log.warning("%s: %s", p.name, msg)
    old = {k: (h, lst, src) for k, h, lst, src in
           _read_catalog(store, "SELECT key, row_hash, list, source FROM screening_records")}
    new_ids = {r.key for r in parsed.records}
    todo: list[ScreeningRecord] = []
    unlink: list[str] = []  # sources of rows another file (or a legacy index) held
    for r in parsed.records:
        prev = old.get(r.key)
        if prev is None:
            out.added += 1
        elif prev[0] != r.row_hash:
            out.changed += 1
        else:
            out.unchanged += 1
            if prev[2] == record_source(file, r.key):
                continue
        # New, changed, or the same row held by another file: (re)written as this file's.
        todo.append(r)
        if prev is not None and prev[2] != record_source(file, r.key):
            unlink.append(prev[2])
    listed = set(parsed.lists)
    gone = [(key, src) for key, (_, lst, src) in old.items() if lst in listed and key not in new_ids]
    out.removed = len(gone)
    snapshot = p.name
    docs = [r.to_document(file) for r in todo]

    def write_names(conn) -> None:
        now = time.time()
        conn.executemany("INSERT OR REPLACE INTO screening_records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         [_record_row(r, d.doc_id, d.source, snapshot) for r, d in zip(todo, docs)])
        conn.executemany("DELETE FROM screening_records WHERE key=?", [(k,) for k, _ in gone])
        conn.execute("INSERT OR REPLACE INTO screening_files VALUES (?,?,?,?)", (file, fhash, snapshot, now))
        if todo or gone:
            _bump_names(conn, now)

    out.embedded = store.add_record_documents(
        docs, file_hash=fhash, index_text=retrieval != "none", embed=retrieval == "dense",
        remove_sources=unlink + [src for _, src in gone], in_transaction=write_names, progress=progress)
    out.seconds = time.perf_counter() - t0
    log.info("%s: %s in %.1f s", p.name, out.summary(), out.seconds)
    return out


def screening_file(store, name: str) -> str | None:
    """The ingested list file ``name`` designates: its resolved path, the path as given,
    or a unique path suffix ("csl.csv.gz"); None when no list file matches."""
    files = [r[0] for r in _read_catalog(store, "SELECT file FROM screening_files")]
    files += [f for (f,) in _read_catalog(
        store, "SELECT DISTINCT substr(source, 1, instr(source, '#') - 1) FROM screening_records "
               "WHERE source NOT LIKE 'csl#%'") if f not in files]
    for cand in (str(Path(name).expanduser().resolve()), name):
        if cand in files:
            return cand
    tail = [f for f in files if f.endswith("/" + name.lstrip("/"))]
    return tail[0] if len(tail) == 1 else None


def remove_screening_file(store, file: str) -> int:
    """Remove the records a list file holds (a file deleted from an ingested folder, or
    ``tradeqa remove``): their documents (catalog, keyword index, vectors), screening name
    rows and the file's entry, in one transaction. Other list files are marked to be read
    again on their next ingest (they may hold some of these rows). Returns how many
    records were removed. Call inside :meth:`IndexStore.writing` (one writer per index)."""
    import time

    lo, hi = _file_range(file)
    _read_catalog(store, "SELECT 1")  # the screening tables exist
    counted: list[int] = []

    def drop_names(conn) -> None:
        n = conn.execute("DELETE FROM screening_records WHERE source >= ? AND source < ?", (lo, hi)).rowcount
        conn.execute("DELETE FROM screening_files WHERE file=?", (file,))
        if n:
            conn.execute("UPDATE screening_files SET file_hash=''")
            _bump_names(conn, time.time())
        counted.append(n)

    store.remove_file(file, in_transaction=drop_names)
    log.info("%s: %d screening records removed", Path(file).name, counted[0])
    return counted[0]


def find_screening_lists(paths: list[str | Path]) -> list[Path]:
    """CSL files among ``paths`` and inside folders among them (CSV, CSV.gz, JSON with CSL columns)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        cands = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in cands:
            if f.is_file() and not any(part.startswith(".") for part in f.parts[-1:]) and looks_like_screening_list(f):
                out.append(f)
    return out


_PARSED: dict[tuple[str, float], dict[str, str]] = {}


def _bodies(f: Path) -> dict[str, str]:
    stamp = (str(f.resolve()), f.stat().st_mtime)
    if stamp not in _PARSED:
        try:
            _PARSED[stamp] = {r.key: r.body for r in parse_file(f).records}
        except ScreeningListError:
            _PARSED[stamp] = {}
    return _PARSED[stamp]


def record_body_from_files(source: str, folders: list[str | Path]) -> str | None:
    """The rendered body of the record a ``<list file>#<_id>@<list code>`` source names,
    re-read from that file (or, when it has moved, from a list file of the same name under
    ``folders``; a legacy ``csl#...`` source from any list under ``folders``), for an
    evaluator that checks citations against the files, not the index; None when no file
    has it."""
    if not is_record_source(source):
        return None
    file, _, key = source.partition("#")
    lists = find_screening_lists([p for p in folders if p and Path(p).exists()])
    if file != LEGACY_DATASET:
        named = Path(file)
        lists = ([named] if named.is_file() else []) + [f for f in lists if f.name == named.name]
    for f in lists:
        body = _bodies(f).get(key)
        if body is not None:
            return body
    return None
