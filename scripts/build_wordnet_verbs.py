"""Build agent/data/wordnet_verbs.json (the verb synsets and verb antonyms of WordNet 3.0) and
agent/data/wordnet_adjectives.json (adjective synsets and the words of opposite clusters) and
agent/data/wordnet_nouns.json (the main senses of nouns and their hypernyms) and
agent/data/wordnet_adverbs.json (the main senses of adverbs, multi-word lemmas included).

Source: the WordNet database files as Debian's ``wordnet-base`` package installs them
(``apt-get install wordnet-base`` -> /usr/share/wordnet), or any WordNet 3.x ``dict``
folder given as the first argument. Only single-word verb lemmas are kept (a sentence
token is one word). The output holds, per verb lemma, its synsets in WordNet's sense
order (most frequent first), each synset's single-word lemmas, and the lemmas WordNet
marks as antonyms; per synset its direct hypernyms and the nouns/adjectives WordNet
derives from it ("sue" -> "lawsuit", "need" -> "necessary"); and the verbs with a sense
of communication (lexicographer file verb.communication). Phrasal verbs ("abide by") are
kept with a space. agent/support.py reads it to accept a paraphrased verb ("receives" for
"gets", "released" for "issued") without any download at run time.

    python scripts/build_wordnet_verbs.py [/usr/share/wordnet] [agent/data/wordnet_verbs.json]
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

LICENCE = (
    "WordNet Release 3.0. This software and database is being provided to you, the LICENSEE, by "
    "Princeton University under the following license. By obtaining, using and/or copying this software "
    "and database, you agree that you have read, understood, and will comply with these terms and conditions.: "
    "Permission to use, copy, modify and distribute this software and database and its documentation for any "
    "purpose and without fee or royalty is hereby granted, provided that you agree to comply with the following "
    "copyright notice and statements, including the disclaimer, and that the same appear on ALL copies of the "
    "software, database and documentation, including modifications that you make for internal use or for "
    "distribution. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND "
    "DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR "
    "IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES "
    "OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, "
    "DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER "
    "RIGHTS. The name of Princeton University or Princeton may not be used in advertising or publicity "
    "pertaining to distribution of the software and/or database. Title to copyright in this software, database "
    "and any associated documentation shall at all times remain with Princeton University and LICENSEE agrees "
    "to preserve same.")


def _words(fields: list[str]) -> tuple[list[str], int]:
    n = int(fields[3], 16)
    words = [fields[4 + 2 * i].lower().split("(")[0] for i in range(n)]
    return words, 4 + 2 * n


def _read(path: Path) -> dict[str, tuple[int, list[str], list[tuple[str, str, str, str]]]]:
    """offset -> (lexicographer file number, words, pointers) of a WordNet data file."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  ") or not line.strip():
            continue
        f = line.split(" | ")[0].split()
        words, i = _words(f)
        ptrs = []
        for _ in range(int(f[i])):
            ptrs.append(tuple(f[i + 1:i + 5]))
            i += 4
        out[f[0]] = (int(f[1]), words, ptrs)
    return out


# WordNet's lexicographer file 32 is verb.communication (say, add, note, deny, call, describe, ...).
_COMMUNICATION = 32


def _index(path: Path):
    """``(lemma, synset offsets in sense order)`` of each entry of a WordNet ``index.<pos>`` file
    (licence header lines, which start with two spaces, skipped)."""
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  ") or not line.strip():
            continue
        f = line.split()
        n_syn, n_ptr = int(f[2]), int(f[3])
        yield f[0], f[4 + n_ptr + 2:][:n_syn]


def build(src: Path) -> dict:
    data = _read(src / "data.verb")
    synsets = {off: words for off, (_, words, _) in data.items()}
    pointers = {off: ptrs for off, (_, _, ptrs) in data.items()}
    others = {pos: _read(src / f"data.{name}") for pos, name in (("n", "noun"), ("a", "adj"), ("s", "adj"))}
    antonyms: dict[str, set[str]] = defaultdict(set)
    for off, ptrs in pointers.items():
        for sym, target, pos, st in ptrs:
            if sym == "!" and pos == "v":
                s, t = int(st[:2], 16), int(st[2:], 16)
                a, b = synsets[off][s - 1], synsets[target][t - 1]
                if "_" not in a and "_" not in b:
                    antonyms[a].add(b)
                    antonyms[b].add(a)
    lemmas: dict[str, list[int]] = {}
    ids: dict[str, int] = {}
    kept: list[list[str]] = []

    def sid(off: str) -> int:
        if off not in ids:
            ids[off] = len(kept)
            # Phrasal verbs ("abide_by") are kept with a space ("abide by"): the checker
            # meets them as a verb and its particle.
            kept.append([w.replace("_", " ") for w in synsets[off] if w.count("_") <= 1])
        return ids[off]

    communication: set[str] = set()
    communication_first: set[str] = set()  # verbs whose most frequent sense is one of communication
    for lemma, offsets in _index(src / "index.verb"):
        if lemma.count("_") > 1 or "-" in lemma:
            continue
        lemmas[lemma.replace("_", " ")] = [sid(off) for off in offsets]
        if "_" not in lemma and any(data[off][0] == _COMMUNICATION for off in offsets):
            communication.add(lemma)
        if "_" not in lemma and offsets and data[offsets[0]][0] == _COMMUNICATION:
            communication_first.add(lemma)
    # Per kept synset: its direct hypernyms ("@") and the single-word nouns/adjectives of the
    # synsets derivationally related to it ("+": "sue" ~ {"suit", "lawsuit", ...}).
    hypernyms: list[list[int]] = []
    derived: list[list[str]] = []
    i = 0
    offs = {v: k for k, v in ids.items()}
    while i < len(kept):
        off = offs.get(i) or next(k for k, v in ids.items() if v == i)
        hyp, der = [], set()
        for sym, target, pos, _st in pointers[off]:
            if sym == "@" and pos == "v":
                hyp.append(sid(target))
                offs[ids[target]] = target
            elif sym == "+" and pos in others and target in others[pos]:
                der.update(w for w in others[pos][target][1] if "_" not in w)
        hypernyms.append(hyp)
        derived.append(sorted(der))
        i += 1
    return {"source": "WordNet 3.0 (Princeton University), verbs only; built by scripts/build_wordnet_verbs.py",
            "licence": LICENCE, "lemmas": lemmas, "synsets": kept, "hypernyms": hypernyms, "derived": derived,
            "communication": sorted(communication), "communication_first": sorted(communication_first),
            "antonyms": {k: sorted(v) for k, v in sorted(antonyms.items())}}


def build_adjectives(src: Path) -> dict:
    """Adjective synsets, their clusters and which clusters are opposite.

    WordNet groups adjectives in clusters: a head synset ("large") with its satellites
    ("huge", "giant", ...), linked by "similar to" (``&``); heads hold the antonym pointers
    (``!``: "large" / "small"). Output: ``lemmas`` (lemma -> synset ids, most frequent sense
    first), ``synsets`` (single-word lemmas), ``cluster`` (per synset, the id of its head
    synset) and ``opposite`` (head id -> ids of the opposite heads), so a word's opposites are
    the words of every synset in an opposite cluster ("foreign" -> "domestic", "home", ...)."""
    data = _read(src / "data.adj")
    pointers = {off: ptrs for off, (_, _, ptrs) in data.items()}
    ids = {off: i for i, off in enumerate(data)}
    synsets = [sorted({w for w in data[off][1] if "_" not in w}) for off in data]
    cluster: list[int] = []
    for off in data:
        sims = [t for sym, t, pos, _ in pointers[off] if sym == "&" and pos in ("a", "s")]
        is_head = any(sym == "!" for sym, *_ in pointers[off]) or not sims
        cluster.append(ids[off] if is_head else ids[sims[0]])
    opposite: dict[int, set[int]] = defaultdict(set)
    for off, ptrs in pointers.items():
        for sym, target, pos, _ in ptrs:
            if sym == "!" and pos in ("a", "s") and target in ids:
                opposite[cluster[ids[off]]].add(cluster[ids[target]])
    lemmas: dict[str, list[int]] = {}
    for lemma, offsets in _index(src / "index.adj"):
        if "_" in lemma:
            continue
        lemmas[lemma] = [ids[o] for o in offsets if o in ids]
    return {"source": "WordNet 3.0 (Princeton University), adjectives; built by scripts/build_wordnet_verbs.py",
            "licence": LICENCE, "lemmas": lemmas, "synsets": synsets, "cluster": cluster,
            "opposite": {str(k): sorted(v) for k, v in sorted(opposite.items())}}


# Noun senses kept per lemma: WordNet lists senses by tagged frequency, and a rare sense
# ("gear" as "a toothed wheel") would let a noun stand for unrelated ones.
_NOUN_SENSES = 3


def build_nouns(src: Path) -> dict:
    """Noun synsets of each single-word noun's main senses, with their direct hypernyms
    (``@``/``@i``), so that a sentence noun may be a synonym or a more general word of a quote noun
    ("equipment" for "gear")."""
    data = _read(src / "data.noun")
    ids: dict[str, int] = {}
    kept: list[list[str]] = []
    hyper: dict[int, list[int]] = {}

    def sid(off: str) -> int:
        if off not in ids:
            ids[off] = len(kept)
            kept.append(sorted({w for w in data[off][1] if "_" not in w}))
        return ids[off]

    lemmas: dict[str, list[int]] = {}
    for lemma, offsets in _index(src / "index.noun"):
        if "_" in lemma or "-" in lemma or not lemma.isalpha():
            continue
        lemmas[lemma] = [sid(o) for o in offsets[:_NOUN_SENSES]]
    frontier = list(ids)
    for _ in range(2):  # hypernyms two levels up
        nxt = []
        for off in frontier:
            i = ids[off]
            if i in hyper:
                continue
            hs = [t for sym, t, pos, _ in data[off][2] if sym in ("@", "@i") and pos == "n"]
            hyper[i] = [sid(h) for h in hs]
            nxt.extend(hs)
        frontier = nxt
    return {"source": "WordNet 3.0 (Princeton University), nouns (main senses); built by scripts/build_wordnet_verbs.py",
            "licence": LICENCE, "lemmas": lemmas, "synsets": kept,
            "hypernyms": {str(k): v for k, v in sorted(hyper.items()) if v}}


# Senses of an adverb that count: WordNet orders them by frequency, and a rare sense would let an
# adverb stand for unrelated ones.
_ADVERB_SENSES = 2


def build_adverbs(src: Path) -> dict:
    """Adverb synsets of each adverb lemma's main senses, multi-word lemmas kept with spaces
    ("each year" with "annually", "yearly", "every year"): a sentence may say an adverb of the
    quotes with another lemma of its synset. Synsets of one lemma are left out (they match nothing)."""
    data = _read(src / "data.adv")
    ids: dict[str, int] = {}
    kept: list[list[str]] = []
    lemmas: dict[str, list[int]] = {}
    for lemma, offsets in _index(src / "index.adv"):
        for off in offsets[:_ADVERB_SENSES]:
            words = sorted({w.replace("_", " ") for w in data[off][1]})
            if len(words) < 2:
                continue
            if off not in ids:
                ids[off] = len(kept)
                kept.append(words)
            lemmas.setdefault(lemma.replace("_", " "), []).append(ids[off])
    return {"source": "WordNet 3.0 (Princeton University), adverbs (main senses); built by scripts/build_wordnet_verbs.py",
            "licence": LICENCE, "lemmas": lemmas, "synsets": kept}


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    dst = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).resolve().parent.parent / "agent" / "data" / "wordnet_verbs.json")
    adj = build_adjectives(src)
    adj_dst = dst.with_name("wordnet_adjectives.json")
    adj_dst.write_text(json.dumps(adj, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{adj_dst}: {len(adj['lemmas'])} adjective lemmas, {len(adj['opposite'])} clusters with opposites, "
          f"{adj_dst.stat().st_size // 1024} KiB")
    nouns = build_nouns(src)
    noun_dst = dst.with_name("wordnet_nouns.json")
    noun_dst.write_text(json.dumps(nouns, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{noun_dst}: {len(nouns['lemmas'])} noun lemmas, {len(nouns['synsets'])} synsets, "
          f"{noun_dst.stat().st_size // 1024} KiB")
    adverbs = build_adverbs(src)
    adv_dst = dst.with_name("wordnet_adverbs.json")
    adv_dst.write_text(json.dumps(adverbs, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{adv_dst}: {len(adverbs['lemmas'])} adverb lemmas, {len(adverbs['synsets'])} synsets, "
          f"{adv_dst.stat().st_size // 1024} KiB")
    data = build(src)
    dst.write_text(json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")
    print(f"{dst}: {len(data['lemmas'])} verb lemmas, {len(data['synsets'])} synsets, "
          f"{len(data['communication'])} verbs of communication, "
          f"{len(data['antonyms'])} lemmas with antonyms, {dst.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
