"""Build the labelled screening variant set: listed names written as an analyst meets
them, and look-alike names that are not listed.

Generated programmatically from the CSL with a fixed seed (``python -m
agent.screening.variants CSL_FILE OUT.jsonl``), plus the hand-written queries in
``data/screening/handwritten.jsonl``. Each line:
``{"id", "query", "kind", "listed": bool, "expected": [record ids], "source_name", "half": "fit"|"check"}``.

Variant kinds (listed): ``typo`` (1-2 edits in the rarest word), ``legal_form``
(legal form dropped, changed or added), ``word_order`` (tokens shuffled; person
names "SURNAME, Given" <-> "Given Surname"), ``alt_name`` (an alias, re-cased and
re-punctuated), ``transliteration`` (spelling variants: kh/h, ou/u, y/i, ph/f ...,
accents, or the name written in Cyrillic), ``embedded`` (the name inside a longer
string). Unlisted: ``lookalike_token`` (the most distinctive word replaced by a word
of another listed name), ``lookalike_person`` (surname of one listed person, given
name of another), and hand-written real-world unlisted firms.

The ``expected`` ids are every record that lists the same normalised name (the same
party appears on several lists, under several ids).
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from .index import name_forms
from .normalise import name_tokens

SEED = 20220501
PER_KIND = 45
LOOKALIKES = 70  # per look-alike kind

_TRANSLIT = [("kh", "h"), ("ou", "u"), ("y", "i"), ("ph", "f"), ("ck", "k"), ("ee", "i"), ("sh", "sch"),
             ("ts", "tz"), ("j", "zh"), ("v", "w"), ("ei", "ey"), ("mohammad", "muhammad"), ("mohammed", "muhammad"),
             ("yu", "iu"), ("ya", "ia"), ("z", "s"), ("e", "é"), ("a", "á"), ("o", "ö"), ("u", "ü")]
_LAT2CYR = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к", "l": "л",
            "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "y": "ы",
            "h": "х", "c": "ц"}
_FORMS_ADD = ["Co., Ltd.", "LLC", "Limited", "Inc.", "GmbH", "JSC", "OOO", "PJSC", "S.A.", "Corp.", "Company Limited"]
_TEMPLATES = ["Payment to {} for invoice 2231", "{} (Shenzhen branch)", "Shipment consigned to {}, Hong Kong",
              "Re: contract with {}", "{} - procurement dept.", "Beneficiary: {}; ref 88/2022"]


def _typo(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word) - 1)
    op = rnd.choice(["swap", "del", "sub", "dup"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == "del":
        return word[:i] + word[i + 1:]
    if op == "dup":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rnd.choice("aeioustnr") + word[i + 1:]


def _translit(name: str, rnd: random.Random) -> str | None:
    low = name.lower()
    opts = [(a, b) for a, b in _TRANSLIT if a in low] + [(b, a) for a, b in _TRANSLIT if b in low and len(b) > 1]
    if rnd.random() < 0.25 and all(c in _LAT2CYR or not c.isalpha() for c in low):
        return "".join(_LAT2CYR.get(c, c) for c in low)
    if not opts:
        return None
    a, b = rnd.choice(opts)
    i = low.find(a)
    return name[:i] + b + name[i + len(a):]


def build(csl_path: str | Path, handwritten: str | Path | None = None) -> list[dict]:
    """The variant set (deterministic for a given CSL file and seed)."""
    from ingest.screening_lists import parse_file

    rnd = random.Random(SEED)
    recs = parse_file(csl_path).records
    by_norm: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r in recs:
        for listed in [r.name, *r.alt_names]:
            for n in name_forms(listed):  # "X Co. (XC)" lists "X Co." and "XC" too
                t = name_tokens(n)
                if t:
                    by_norm[tuple(sorted(t))].add(r.record_id)
    df: dict[str, int] = defaultdict(int)
    for key in by_norm:
        for t in set(key):
            df[t] += 1

    def listed_as(text: str) -> set[str]:
        return by_norm.get(tuple(sorted(name_tokens(text))), set())

    def contains_listed(text: str) -> bool:
        """A query holding a whole listed name of 2+ words is the 'embedded' kind, not a look-alike."""
        t = name_tokens(text)
        return any(tuple(sorted(t[i:j])) in by_norm for i in range(len(t)) for j in range(i + 2, len(t) + 1))

    def rarest(words: list[str]) -> int:
        """The word that identifies the name: the rarest that survives normalisation."""
        keep = [i for i in range(len(words)) if name_tokens(words[i])]
        if not keep:
            return 0
        return min(keep, key=lambda i: (df.get(name_tokens(words[i])[0], 10**6), -len(words[i])))

    out: list[dict] = []

    def add(kind: str, query: str, rec, listed: bool = True) -> None:
        exp = sorted(listed_as(rec.name)) if listed else []
        out.append({"query": query, "kind": kind, "listed": listed, "expected": exp, "source_name": rec.name})

    orgs = [r for r in recs if r.fields.get("type") != "Individual" and len(r.name.split()) >= 2 and r.fields.get("type") not in ("Vessel", "Aircraft")]
    persons = [r for r in recs if r.fields.get("type") == "Individual" and "," in r.name]
    with_alias = [r for r in recs if r.alt_names and r.fields.get("type") not in ("Vessel", "Aircraft")]
    rnd.shuffle(orgs)
    rnd.shuffle(persons)
    rnd.shuffle(with_alias)
    pool = iter(orgs + persons)

    def take(pred, src=None):
        for r in (src or pool):
            if pred(r):
                return r
        raise RuntimeError("ran out of records")

    # --- listed variants
    for _ in range(PER_KIND):
        r = take(lambda r: any(len(w) >= 6 for w in r.name.split()))
        words = r.name.split()
        i = max(range(len(words)), key=lambda k: (len(words[k].strip(",.")) >= 6, -df.get(words[k].lower().strip(",."), 0)))
        words[i] = _typo(words[i], rnd)
        add("typo", " ".join(words), r)
    for _ in range(PER_KIND):
        r = take(lambda r: name_tokens(r.name) != tuple(r.name.lower().replace(",", " ").replace(".", " ").split()) or True)
        norm = " ".join(w for w in r.name.split() if name_tokens(w) or not w.strip(".,")) or r.name
        stripped = " ".join(name_tokens(r.name)).title()
        q = rnd.choice([stripped, f"{stripped} {rnd.choice(_FORMS_ADD)}", f"{rnd.choice(['OOO', 'JSC', 'PJSC'])} {stripped}"])
        add("legal_form", q if q.strip() else norm, r)
    for _ in range(PER_KIND):
        r = take(lambda r: len(r.name.split()) >= 2)
        if "," in r.name:
            sur, given = r.name.split(",", 1)
            q = f"{given.strip()} {sur.strip()}".title()
        else:
            w = r.name.split()
            while w == r.name.split():
                rnd.shuffle(w)
            q = " ".join(w)
        add("word_order", q, r)
    n = 0
    for r in with_alias:
        alias = rnd.choice(r.alt_names)
        if len(name_tokens(alias)) < 2 or not listed_as(alias):
            continue
        q = alias.title().replace(",", "").replace(".", "")
        out.append({"query": q, "kind": "alt_name", "listed": True, "expected": sorted(listed_as(alias)),
                    "source_name": alias})
        n += 1
        if n == PER_KIND:
            break
    n = 0
    for r in orgs + persons:
        if n == PER_KIND:
            break
        if any(o["source_name"] == r.name for o in out):
            continue
        q = _translit(r.name, rnd)
        if q and q != r.name:
            add("transliteration", q, r)
            n += 1
    for _ in range(PER_KIND):
        r = take(lambda r: len(name_tokens(r.name)) >= 2)
        add("embedded", rnd.choice(_TEMPLATES).format(r.name), r)

    # --- unlisted look-alikes
    vocab = [t for t in df if t.isalpha() and len(t) >= 5]
    n = 0
    for r in orgs[::-1]:
        if n == LOOKALIKES:
            break
        words = r.name.split()
        i = rarest([w.strip(",.()") for w in words])
        orig = words[i].strip(",.()").lower()
        if len(orig) < 4:
            continue
        repl = rnd.choice(vocab)
        if repl[0] == orig[0] or abs(len(repl) - len(orig)) > 3:
            continue
        words[i] = repl.title() if words[i][:1].isupper() else repl
        q = " ".join(words)
        if listed_as(q) or contains_listed(q):
            continue
        add("lookalike_token", q, r, listed=False)
        n += 1
    n = 0
    for a, b in zip(persons[::-1], persons[-2::-1]):
        if n == LOOKALIKES:
            break
        q = f"{a.name.split(',')[0].strip()}, {b.name.split(',', 1)[1].strip()}"
        if listed_as(q) or contains_listed(q) or a.name.split(",")[0].strip() == b.name.split(",")[0].strip():
            continue
        add("lookalike_person", q, a, listed=False)
        n += 1

    if handwritten and Path(handwritten).exists():
        for line in Path(handwritten).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row.setdefault("expected", sorted(listed_as(row["source_name"])) if row.get("listed") else [])
                out.append(row)
    for i, row in enumerate(out):
        row["id"] = row.get("id") or f"v{i:04d}"
        # Halves by a hash of the query: stable when the set grows.
        row["half"] = "fit" if int(hashlib.sha256(row["query"].encode()).hexdigest(), 16) % 2 == 0 else "check"
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) < 2:
        print("usage: python -m agent.screening.variants CSL_FILE OUT.jsonl [HANDWRITTEN.jsonl]", file=sys.stderr)
        return 2
    rows = build(argv[0], argv[2] if len(argv) > 2 else None)
    with open(argv[1], "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} queries -> {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
