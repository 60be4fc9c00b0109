"""The offline answerer: pick the sentences that answer the question, lead with the
direct answer (names, date or figure), cite verbatim quotes, or abstain.

No language model: everything said is either a verbatim quote or a span copied
from one (a date, a figure, a list of names), so nothing can be invented.
"""
from __future__ import annotations

import calendar
import functools
import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, Sequence

from ingest.chunking import paragraph_spans, split_sentences
from ingest.store import IndexStore, StoredDocument

from .answering.abstention import AbstentionModel, load_model
from .answering.definitions import DefinitionList, definitions
from .answering.evidence import admissible
from .answering.nlp import WH_TAGS
from .answering.parts import coordinated_labels
from .answering.provisions import ENUM, Paragraph
from .answering.records import FIELD_LINE, MIN_FIELD_SIMILARITY, Field, Record, is_record_document, place_field, records
from .analysis import (MONTHS, AnswerKind, Question, Term, _determined_noun, _spacy_stop_words, acronym_keys, analyse, asking_clause, find_dates,
                       find_durations, find_frequencies, find_names, find_numbers, key_in, measure_compound, norm_key,
                       number_abbreviation_spelt, number_word,
                       is_polar, source_phrases, source_speaker, territory_code, text_keys)
from .citations import make_citation
from .text import NEGATIVE_WORDS, STOPWORDS
from .config import Settings
from .types import Answer, Citation, Hit

log = logging.getLogger(__name__)

MAX_QUOTE_CHARS = 420
# A list of records longer than this is cut off (and the answer says so and gives the count).
MAX_LIST_ITEMS = 40
_ENUM_GAP = re.compile(r"^(?:,\s*|\s+and\s+|,\s*and\s+|,?\s+as well as\s+|,?\s+or\s+)"
                       r"(?:(?!(?:the|a|an|has|have|had|is|are|was|were|said|says)\s)[a-z][\w-]*\s+){0,6}$")
# A gap ending in a preposition introduces a place or an owner, not the next item.
_GAP_PREP = re.compile(r"\b(in|of|at|by|from|to|for|with|on|into|under)\s+$")
_SPEECH = re.compile(r"\b(said|says|stated|statement|told|added|announced|according to|spokes\w+|called|noted)\b|[\"“”]", re.I)


@dataclass
class Candidate:
    """A sentence of a retrieved passage, scored against the question."""

    doc: StoredDocument
    start: int
    end: int
    hit_rank: float
    keys: set[str]
    context_keys: set[str]
    coverage: float = 0.0  # weighted share of question terms in sentence + context
    own: float = 0.0  # weighted share in the sentence alone
    dense: float = 0.0
    score: float = 0.0
    covered: set[str] = field(default_factory=set)
    fit: float = 0.0  # does it carry the kind of answer asked for (a date, a figure, a list...)
    vec: object = None  # its MiniLM vector (numpy, unit length)
    # A line of another party's record (:func:`_other_party_line`): it stays in the pool the
    # abstention features are computed over, but is never quoted.
    other_party: bool = False
    # Keys of question terms the sentence says in other words (:func:`_said_otherwise`).
    meant: frozenset = frozenset()

    @property
    def text(self) -> str:
        return self.doc.body[self.start:self.end]


def _coverage(q: Question, keys: set[str]) -> tuple[float, set[str]]:
    """Weighted share of the question's terms found in ``keys``. Terms no source
    contains (paraphrases like "located") are left out unless matched."""
    via_acronym = acronym_keys(q.terms, keys)
    hit = {t.key for t in q.terms if t.key in via_acronym or key_in(t.key, keys)}
    terms = [t for t in q.terms if t.df > 0 or t.key in hit]
    total = sum(t.weight for t in terms) or 1.0
    return sum(t.weight for t in terms if t.key in hit) / total, hit


def _named_coverage(q: Question, keys: set[str]) -> float:
    named = q.named_terms
    if not named:
        return 1.0
    total = sum(t.weight for t in named)
    return sum(t.weight for t in named if key_in(t.key, keys)) / total


_DOC_KEYS: dict[str, set[str]] = {}


def doc_keys(doc: StoredDocument) -> set[str]:
    """Matching keys of a whole document (cached by content id)."""
    keys = _DOC_KEYS.get(doc.doc_id)
    if keys is None:
        if len(_DOC_KEYS) > 256:
            _DOC_KEYS.clear()
        keys = _DOC_KEYS[doc.doc_id] = text_keys(doc.body) | text_keys(doc.title) | text_keys(doc.date)
    return keys


def _paragraph_head(body: str, start: int, paras: list[tuple[int, int]]) -> str:
    """First line of the paragraph holding ``start`` (a record's name, a heading)."""
    for ps, pe in paras:
        if ps <= start < pe:
            line_end = body.find("\n", ps, pe)
            return body[ps: line_end if line_end > 0 else pe]
    return ""


def _needle(t: Term) -> str:
    """What finds a question term in a sentence: its surface form's first letters (as many as its
    key has, at least 4: "licen" finds "licence" and "license"), lower case."""
    return t.surface.lower()[:max(4, len(t.key))]


def _surface_positions(q: Question, text: str) -> list[int]:
    """Where each question term's surface form (its first letters) first occurs in ``text``."""
    low = text.lower()
    found = (low.find(_needle(t)) for t in q.terms)
    return [i for i in found if i >= 0]


def _trim(body: str, start: int, end: int, q: Question, keep: Sequence[str] = ()) -> tuple[int, int]:
    """Shorten a long sentence to a window of at most ``MAX_QUOTE_CHARS``, at word
    boundaries, so quotes stay readable; the span stays verbatim.

    The window is the one that holds the most of the question: the largest IDF weight
    of distinct question terms (by their surface forms), and first of all the strings
    in ``keep`` (the direct answer's items, which must stay checkable in the quote).
    A window around the median term position instead lost a rare term at the end of a
    long clause ("report to the *website* at https://...") to many common ones at its
    start. Ties go to the earliest window (a sentence read from its start)."""
    if end - start <= MAX_QUOTE_CHARS:
        return start, end
    text = body[start:end]
    low = text.lower()
    marks: list[tuple[int, int, str, float]] = []  # (start, end, what, weight)
    for t in q.terms:
        needle = _needle(t)
        marks += [(m.start(), m.end(), t.key, t.weight) for m in re.finditer(re.escape(needle), low)] if needle else []
    must = sum(t.weight for t in q.terms) + 1.0
    for n, item in enumerate(dict.fromkeys(i for i in keep if i)):
        marks += [(m.start(), m.end(), f"<item {n}>", must) for m in re.finditer(re.escape(item), text)]
    last = len(text) - MAX_QUOTE_CHARS
    slack = 40  # room for the word boundaries below
    starts = {0, last} | {min(last, max(0, s - slack)) for s, _, _, _ in marks} | \
        {min(last, max(0, e + slack - MAX_QUOTE_CHARS)) for _, e, _, _ in marks}

    def covered(a: int) -> float:
        # A mark counts with some words after it too: what a question word introduces
        # ("the website at <URL>") follows it.
        inside: dict[str, float] = {}
        for s, e, what, w in marks:
            if a <= s and min(len(text), e + slack) <= a + MAX_QUOTE_CHARS:
                inside[what] = w
        return sum(inside.values())

    a = min(starts, key=lambda x: (-covered(x), x))
    if a > 0:
        sp = text.find(" ", a)
        a = sp + 1 if 0 <= sp < a + slack else a
        a = _clause_opening(text, a)
    b = a + MAX_QUOTE_CHARS
    if b < len(text):
        # End on a whole word: the next space when it is near (a URL or a figure is one word
        # and must not be cut), else the space before.
        nxt = text.find(" ", b)
        nxt = len(text) if nxt < 0 else nxt
        sp = text.rfind(" ", a, b)
        b = nxt if nxt - b <= slack else (sp if sp > a else b)
    return start + a, start + b


# A negator: a closed-class negative word, "not", "cannot" or "n't".
_NEGATOR = re.compile(r"\b(?:%s)\b|n't\b" % "|".join(sorted(NEGATIVE_WORDS | {"not", "cannot"})), re.I)
_CLAUSE_BOUNDARY = re.compile(r"[.;:,!?]\s|\)\s")


def _clause_opening(text: str, a: int) -> int:
    """Where a quote window starting at ``a`` of ``text`` must start instead so that it does not
    drop a negator of its own clause: cut after "No" of "(b) License exceptions. No license
    exceptions are available ...", the quote says the opposite of its source. When the words
    between the clause's opening (the last punctuation before ``a``, or the text's start) and ``a``
    hold a negator, the window opens at the clause; else it stays at ``a``."""
    opening = 0
    for m in _CLAUSE_BOUNDARY.finditer(text, 0, a):
        opening = m.end()
    return opening if _NEGATOR.search(text, opening, a) else a


def _spans(hits: list[Hit], store: IndexStore, neighbours: int) -> list[tuple[float, str, int, int]]:
    """``(rank, doc_id, start, end)`` of the hits plus the chunks next to the top
    ``neighbours`` hits (an answer often continues past a chunk boundary). Hits tied
    in score with the last of those get their neighbours too: which of two equally
    scored passages comes first is arbitrary and must not decide what is read."""
    spans = [(float(r), h.doc_id, h.start, h.end) for r, h in enumerate(hits)]
    have = {(h.doc_id, h.start) for h in hits}
    n = min(neighbours, len(hits))
    while 0 < n < len(hits) and hits[n].score >= hits[n - 1].score - 1e-9:
        n += 1
    chunks = store.get_chunks([h.chunk_id for h in hits]) if hits else {}
    # Which chunks of each document are read, and at what rank: a chunk between two read ones is
    # read too (below).
    read: dict[str, dict[int, float]] = {}
    for r, h in enumerate(hits):
        if (chunk := chunks.get(h.chunk_id)) is not None:
            read.setdefault(h.doc_id, {}).setdefault(chunk.ordinal, float(r))
    for r, h in enumerate(hits[:n]):
        chunk = chunks.get(h.chunk_id)
        if chunk is None:
            continue
        for nb in store.neighbours(h.doc_id, chunk.ordinal):
            read.setdefault(nb.doc_id, {}).setdefault(nb.ordinal, r + 0.5)
            if (nb.doc_id, nb.start) not in have:
                have.add((nb.doc_id, nb.start))
                spans.append((r + 0.5, nb.doc_id, nb.start, nb.end))
    # A chunk whose two neighbours are both read is read as well: the passage runs through it (a
    # clause's lead-in "(2) The Contractor shall report ..." and its item "(ii) Within 10 business
    # days ..." are read, so the item between them, "(i) Within one business day ...", belongs too).
    for doc_id, ords in read.items():
        for o in sorted(ords):
            if o + 1 not in ords and o + 2 in ords:
                for nb in store.neighbours(doc_id, o + 1):
                    if nb.ordinal == o + 1 and (nb.doc_id, nb.start) not in have:
                        have.add((nb.doc_id, nb.start))
                        spans.append((max(ords[o], ords[o + 2]) + 0.5, nb.doc_id, nb.start, nb.end))
    return sorted(spans)


def _definition_spans(cands: list[Candidate], top: int = 5, focus: HeadMatch | None = None,
                      docs_from: int = 10) -> list[tuple[float, str, int, int]]:
    """Definitions of the defined terms that the best sentences use (a regulation
    answers "whose equipment is prohibited" in its definitions section); with
    ``focus`` (the question's focus head matched by meaning), also the definitions, in
    the documents of the best ``docs_from`` sentences, of terms naming the thing asked
    for ("which makers' telecom *gear*" -> "Covered telecommunications *equipment* or
    services means ...")."""
    spans = []
    seen: set[tuple[str, int]] = set()
    for i, c in enumerate(cands[:max(top, docs_from if focus else 0)]):
        low = c.text.lower()
        for term, (s, e) in definitions(c.doc.body).items():
            used = i < top and term in low
            named = focus is not None and any(focus(w) for w in term.split())
            if (used or named) and not (c.start <= s < c.end) and (c.doc.doc_id, s) not in seen:
                seen.add((c.doc.doc_id, s))
                spans.append((c.hit_rank + 0.5, c.doc.doc_id, s, e))
    return spans


def _candidates(q: Question, hits: list[Hit], store: IndexStore, neighbours: int = 2,
                extra: list[tuple[float, str, int, int]] | None = None) -> list[Candidate]:
    docs: dict[str, StoredDocument] = {}
    paras: dict[str, list[tuple[int, int]]] = {}
    seen: set[tuple[str, int]] = set()
    seen_text: dict[str, int] = {}
    out: list[Candidate] = []
    for rank, doc_id, h_start, h_end in extra if extra is not None else _spans(hits, store, neighbours):
        h = Hit(chunk_id="", doc_id=doc_id, source="", title="", start=h_start, end=h_end, text="")
        doc = docs.get(h.doc_id) or store.get_document(h.doc_id)
        if doc is None:
            continue
        docs[h.doc_id] = doc
        if h.doc_id not in paras:
            paras[h.doc_id] = paragraph_spans(doc.body)
        doc_keys = _title_keys(doc)
        party = _party_term(q, _party_keys(doc))
        for s, e in split_sentences(doc.body[h.start:h.end], base=h.start):
            if (h.doc_id, s) in seen or e - s < 12:
                continue
            seen.add((h.doc_id, s))
            text = doc.body[s:e]
            if not admissible(text):
                continue
            other = _other_party_line(q, doc, s, party)
            if text in seen_text:
                # Identical record lines across entries: keep the best-ranked, or the asked party's
                # own line when the best-ranked is another party's.
                i = seen_text[text]
                if out[i].other_party and not other:
                    head = _paragraph_head(doc.body, s, paras[h.doc_id])
                    out[i] = Candidate(doc=doc, start=s, end=e, hit_rank=out[i].hit_rank, keys=out[i].keys,
                                       context_keys=out[i].keys | text_keys(head) | doc_keys)
                continue
            seen_text[text] = len(out)
            keys = text_keys(text)
            head = _paragraph_head(doc.body, s, paras[h.doc_id])
            # An enumerated item's lead-in is its context as its heading is ("(2) The Contractor shall
            # report the following ..." for "(i) Within one business day ...").
            head = " ".join(filter(None, [head, _item_lead_in(doc.body, s)]))
            out.append(Candidate(doc=doc, start=s, end=e, hit_rank=rank, keys=keys,
                                 context_keys=keys | text_keys(head) | doc_keys, other_party=other))
    return out


def _title_keys(doc: StoredDocument) -> set[str]:
    """Keys of what a document says of itself: its title, date and publisher (with the
    publisher's acronyms, :func:`_publisher_keys`)."""
    return text_keys(doc.title) | text_keys(doc.date) | _publisher_keys(getattr(doc, "publisher", "") or "")


def _party_keys(doc: StoredDocument) -> set[str]:
    """:func:`_title_keys` with the acronyms of the title's runs of capitalised words ("Consolidated
    Screening List" -> "csl"): the words that name the document or its list, never the party a
    question asks about ("What start date does *the CSL* show for Huawei ...?")."""
    acronyms = {"".join(w[0] for w in run.split()).lower()
                for run in re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", doc.title)}
    return _title_keys(doc) | acronyms


def _party_term(q: Question, title_keys: set[str], known_only: bool = False) -> Term | None:
    """The name of the party a question asks about, as a record would hold it: the rarest of
    its names that its document's title, date and publisher (``title_keys``) do not hold
    ("Megvii" in "What alternate names does the Entity List show for Megvii Technology?", not
    "Technology", which every third entry has), other than the field it asks for ("What *RIN*
    ...") or its source ("per the CSL"); None when it names no such party. ``known_only``: only
    names the sources write ("PSB" is written out as "Public Security Bureau")."""
    # (Nor any of the coordinated things it asks for: "the *RIN* and docket number" asks for a RIN, of
    # no party "RIN".)
    groups = _label_groups(q) if q.focus else []
    asked = (q.focus[-1:] if q.focus else []) + ([head for head, _ in groups] if len(groups) > 1 else [])
    own = [t for t in _entity_terms(q) if not key_in(t.key, title_keys) and t.key not in asked
           and t.key not in _source_keys(q.text) and (t.df > 0 or not known_only)]
    # A place names the party only when nothing else does: "the State Department's *Xinjiang* visa
    # restrictions" are the State Department's, not the "Xinjiang Police College"'s.
    parties = [t for t in own if not t.key.startswith("@")] or own
    # The asking clause's own names before the words ahead of it ("Megvii, its IPO, Reuters: in which
    # Beijing district is the *Megvii* entry's address?", a later part of a two-part question after what
    # its first part was about): those words say what the question is about, the clause whose entry.
    clause = text_keys(asking_clause(q.text))
    if clause != text_keys(q.text):
        parties = [t for t in parties if key_in(t.key, clause) and t.key not in q.focus] or parties
    return max(parties, key=lambda t: t.weight) if parties else None


def _holds(q: Question, term: Term, keys: set[str]) -> bool:
    return key_in(term.key, keys) or term.key in acronym_keys(q.terms, keys)


def _other_party_line(q: Question, doc: StoredDocument, start: int, party: Term | None) -> bool:
    """Is the sentence at ``start`` a line of a record (a screening-list entry) of another party
    than ``party``, the one the question names (:func:`_party_term`)? Such a record's fields
    ("Alternate names: Kunhai Academy ..." for a question about Megvii) are no evidence about the
    asked party. False for prose and for a question naming no party of its own."""
    rec = record_span(doc.body, start) if party is not None else None
    return rec is not None and not _holds(q, party, text_keys(doc.body[rec[0]:rec[1]]))


def _focus_tokens(q: Question) -> list:
    """The question's tokens (spaCy) that make up its focus phrase ("*alternate names*")."""
    return [t for t in _parsed(q.text) if norm_key(t.text) in q.focus or t.lower_ in q.focus]


def _polar_asked_tokens(q: Question) -> list:
    """The noun phrase a yes/no question asks to exist ("Is *an alias* recorded for X?", "Does X have
    *any alternate names*?", "Is there *an address* for X?"), as the question's tokens (spaCy): its
    head and the nouns/adjectives before it. Such a question is answered by the thing itself when the
    sources hold it, so it is asked for as a wh-question's focus is. The phrase: the subject of the
    clause's root (a copula, or a passive "is ... recorded") or the object of its main verb, a common
    noun that is indefinite (a/an/any/some/no, or no determiner) - a definite one ("Is *the* address
    in Urumqi?") is what the question says something about, not what it asks for. Empty otherwise."""
    from .analysis import is_polar

    if q.focus or not is_polar(q.text):
        return []
    doc = _parsed(q.text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    there = any(c.dep_ == "expl" for c in root.children)
    deps = ("nsubj", "nsubjpass", "attr") if there else ("nsubj", "nsubjpass", "dobj")
    for c in root.children:
        if c.dep_ not in deps or c.pos_ != "NOUN":
            continue
        dets = [d for d in c.children if d.dep_ == "det"]
        if dets and not all(d.lower_ in ("a", "an", "any", "some", "no") for d in dets):
            continue
        return [t for t in c.subtree if t.i <= c.i and t.pos_ in ("NOUN", "ADJ", "PROPN")
                and t.dep_ in ("compound", "amod") or t.i == c.i]
    return []


def _focus_head_token(q: Question):
    """The question's token (spaCy) of its focus head - the last one written so ("the *cities*"),
    or None."""
    return next((t for t in reversed(_focus_tokens(q)) if q.focus and norm_key(t.text) == q.focus[-1]), None)


def _record_lacks_focus(q: Question, c: Candidate) -> bool:
    """Is ``c`` a line of the asked party's own record (:func:`_party_term`) that says nothing
    of what the question asks for — no word of its record or document title is a word of the
    asked noun phrase, its acronym, or a more general noun of it in WordNet ("aliases" ->
    "names") ("What alternate names does the Entity List show for Megvii Technology?": Megvii's
    entry has no "Alternate names" line)? Then the record, the one place the fact would be,
    lacks it."""
    if not q.focus or q.identifier:
        return False
    rec = record_span(c.doc.body, c.start)
    title = _title_keys(c.doc)
    party = _party_term(q, _party_keys(c.doc)) if rec is not None else None
    if party is None or party.key in q.descriptors:
        return False  # (a compound describing by a relation, "the Velmora-related entities", names no one record)
    body = c.doc.body[rec[0]:rec[1]]
    keys = text_keys(body) | title
    if not _holds(q, party, keys):
        return False
    words = _focus_tokens(q)
    if any(key_in(k, keys) for t in words for k in text_keys(t.text)):
        return False  # a word of the asked phrase ("*FR* citations": "84 FR 54002")
    # A kind of what a label names: an "alias" is a name ("Alternate names"), by WordNet.
    from .lexical import noun_generalising

    labels = {w.lower() for r in records(c.doc.body) if r.start == rec[0] for f in r.fields
              for w in re.findall(r"[A-Za-z]+", f.label)}
    asked = {t.lemma_.lower() for t in words if t.pos_ == "NOUN"}
    return not any(noun_generalising(label, {a}) for label in labels for a in asked)


@functools.lru_cache(maxsize=256)
def _publisher_keys(publisher: str) -> frozenset[str]:
    """Keys of a document's publisher, with the acronym of each of its names ("U.S. Department
    of Commerce, Bureau of Industry and Security" -> ... "bis"): the agency that issues a rule is
    the unnamed agent of its sentences ("This final rule amends the EAR by adding eleven
    entities" is what "BIS" did)."""
    keys = set(text_keys(publisher))
    for name in re.split(r"[,;()]| - ", publisher):
        initials = "".join(w[0] for w in name.split() if w[:1].isupper())
        if len(initials) >= 2:
            keys.add(initials.lower())
    return frozenset(keys)


def _type_fit(q: Question, text: str) -> float:
    if q.identifier:
        return _identifier_fit(q, text)
    if q.kind is AnswerKind.STATEMENT:
        return 1.0 if _SPEECH.search(text) else 0.0
    if q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY):
        return 1.0 if _value_finder(q)(text) else 0.0
    if q.kind in (AnswerKind.LIST, AnswerKind.ENTITY):
        if _is_address(text):
            return 0.0
        qkeys = {t.key for t in q.terms}
        head = q.focus_match or (q.focus[-1] if q.focus else None)
        if q.kind is AnswerKind.LIST and _enumerations(text, qkeys, head, linked_only=True):
            return 1.0  # names listed as the thing asked for ("companies including A, B")
        if q.kind is AnswerKind.LIST and _enumerations(text, qkeys):
            return 0.3
        names = [n for _, _, n in find_names(text) if norm_key(n.split()[0]) not in qkeys]
        return min(0.3, len(names) / 6) if q.kind is AnswerKind.LIST else min(1.0, len(names) / 2)
    if q.kind is AnswerKind.PLACE:
        return 1.0 if re.search(r"\b(address|located|based|headquarter|[A-Z]{2}$)", text, re.I) or re.search(r"\b\d{5,6}\b", text) else 0.3
    if q.kind is AnswerKind.REASON:
        return 1.0 if re.search(r"\b(because|due to|for|over|citing|implicated|punishing|reasons?|concerns?|in response)\b", text, re.I) else 0.0
    return 0.5


def _identifier_fit(q: Question, text: str) -> float:
    """Does ``text`` give the identifier the question asks for: a code written right after one
    of the question's label words ("[Docket No. 210301-0012]" for "the docket number", "call
    202-969-4075" for "what number should one call"; :func:`_labelled_code`)? 1.0 or 0.0."""
    return 1.0 if _labelled_code(q, text) is not None else 0.0


# A code written after its label: letters, digits, hyphens, slashes or dots with at least one digit
# and one separator or letter ("0694-AH68", "190925-0044", "9000-AN83", "202-969-4075"), or a
# telephone number with its area code in brackets ("(202) 482-5991"). A plain number ("84", "28")
# is a count or a part of a citation, not a code.
# An acronym written before the number, with a space or a hyphen, is the code's own prefix ("Docket
# No. FAR 2019-0002", "Docket No. FAR-2018-0017": the docket is "FAR 2019-0002", not "2019-0002").
_CODE = re.compile(r"\(\d{3}\)\s?\d{3}-\d{4}|(?:[A-Z]{2,6} (?=\d))?(?=[\w/.-]*\d)(?=[\w/.-]*[-/A-Za-z])[A-Za-z0-9][\w/.-]*[A-Za-z0-9]")
# What may stand between a label and its code: up to two short words or marks ("Docket *No.*
# 190925-0044", "Phone*:* (202) ...", "call *at* ...").
# An acronym is not a gap word but the code's prefix (see _CODE).
_LABEL_GAP = re.compile(r"\.?(?:[\s:#(\[]+(?:(?![A-Z]{2})[A-Za-z]{1,3}\.?)?){0,2}[\s:#(\[]*")


def _label_groups(q: Question) -> list[tuple[str, frozenset[str]]]:
    """The label of each code the question asks for, as (head key, keys of the head and its
    modifiers), one per asked noun: its focus ("what *RIN*", "the *docket number*"), each noun
    conjoined to the focus head ("the RIN and *docket number*": one more code), and, for a
    question that asks for an identifier, its own verbs ("what number should an analyst
    *call*": the number is what one calls)."""
    doc = _parsed(number_abbreviation_spelt(q.text))

    def group(tok) -> tuple[str, frozenset[str]]:
        # Modifiers of modifiers too: "*FAR* case number" (FAR modifies "case").
        def modifies(t) -> bool:  # a chain of compound/adjective links up to ``tok``
            while t.i != tok.i:
                if t.dep_ not in ("compound", "amod"):
                    return False
                t = t.head
            return True

        mods = frozenset(norm_key(t.text) for t in tok.subtree if t.i < tok.i and modifies(t))
        return norm_key(tok.text), mods | {norm_key(tok.text)}

    heads = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod")
             and norm_key(t.text) in q.focus]
    # (The first is the focus phrase whole, whatever the parser hung elsewhere: "What *FR* document
    # number and docket number ..." had "FR" as a clausal subject.)
    groups = [(h, mods | frozenset(q.focus) if q.focus and h == q.focus[-1] else mods)
              for h, mods in (group(t) for t in heads[:1])] or ([(q.focus[-1], frozenset(q.focus))] if q.focus else [])
    for tok in heads[:1]:
        groups += [group(c) for c in _listed_with(tok) if c.pos_ in ("NOUN", "PROPN")]
        if tok.dep_ in ("nmod", "compound") and tok.head.pos_ in ("NOUN", "PROPN") and \
                any(c.dep_ == "cc" for c in tok.children) and not tok.conjuncts:
            # "the RIN and docket number": the parser hangs the first code on the second's head,
            # its "and" left without a conjunct - the noun it modifies is the other asked code.
            groups.append(group(tok.head))
    if len(groups) < 2 and (pieces := coordinated_labels(doc)):
        # The parser may miss the coordination when it takes an acronym for a verb ("Give the *FR* Doc
        # number and page range of ..."): each side of the "and" by the tags alone.
        groups = [(norm_key(p[-1].text), frozenset(norm_key(t.text) for t in p)) for p in pieces]
    if q.identifier and groups:
        # The verb labels the code alone: "call 202-969-4075".
        # (its root too: the small parser tags "call" in "what number should an exporter call" a noun)
        groups += [(norm_key(t.lemma_), frozenset({norm_key(t.lemma_)})) for t in doc
                   if (t.pos_ == "VERB" or (t.dep_ == "ROOT" and t.pos_ != "AUX")) and norm_key(t.text) not in q.focus]
    return groups


def _listed_with(tok) -> list:
    """The nouns listed with ``tok`` (a spaCy token): its conjuncts, and a list the parser hangs on it
    as an apposition - "What FR Doc number, FAC number and RIN ...?" is parsed "number" <- appos "FAC
    number" <- conj "RIN" (an apposition with conjuncts of its own continues a list; one without,
    "the RIN, 0694-AH68", renames it)."""
    out = list(tok.conjuncts)
    for c in tok.children:
        if c.dep_ == "appos" and c.conjuncts:
            out += [c, *c.conjuncts]
    return out


# The most words a document line read for a labelled code outside the retrieved sentences may
# have (an FR header line "[FAC 2020-03; FAR Case 2018-017; Docket No. FAR-2018-0017, Sequence
# No. 2]" has 11).
_LABEL_LINE_WORDS = 12


def _label_key(word: str, text: str, end: int) -> str:
    """The matching key of a label word; "No." (or "No:") before a digit is "number"."""
    if word in ("No", "no") and re.match(r"[.:]?\s*\d", text[end:]):
        return norm_key("number")
    return norm_key(re.sub(r"\W+", "", word))


def _labelled_code(q: Question, text: str, group: tuple[str, frozenset[str]] | None = None,
                   label_end: int | None = None) -> str | None:
    """The first code in ``text`` written right after the head word of an asked label
    (``group``, default any of :func:`_label_groups`) — and not after another kind of it: the
    word before the head, if a word, must be one of the label's own ("*Docket* No. 190925-0044"
    for "the docket number", not "Sequence No. 4" nor, for "the FAR case number", "Docket No.
    FAR-2018-0017") — unless the question itself states the code ("FAC 2019-05" is what it
    asks about, not its answer); None when there is none."""
    groups = [group] if group is not None else _label_groups(q)
    for m in re.finditer(r"[A-Za-z][\w()]*", text):
        if label_end is not None and m.start() >= label_end:
            break  # the label must stand within ``label_end`` (a record field's own label)
        gap = _LABEL_GAP.match(text, m.end())
        # The gap may have taken the code's own opening bracket ("Phone: (202) 555-0188"): back off.
        code = next((c for end in range(gap.end(), m.end() - 1, -1) if (c := _CODE.match(text, end))), None) \
            if gap else None
        if code is None or code.group(0).lower() in q.text.lower():
            continue
        key = _label_key(m.group(0), text, m.end())
        # The word before, an abbreviation's dot aside ("Docket *No.* FAR 2019-0002": "FAR" there
        # names the docket's kind, not a FAR case).
        before = re.search(r"([A-Za-z][\w()]*)\.?[ \t]+$", text[:m.start()])
        before_key = _label_key(before.group(1), text, before.end(1)) if before else None
        for head, labels in groups:
            if key == head:
                # The head alone ("No 911-11") is not a label the question's modifiers narrow ("the
                # *telephone* number"): one of them must stand before it ("*Docket* No. 190925-0044").
                if len(labels) > 1 and before_key not in labels and \
                        not _abbreviated_label(before, text[:m.start()], labels - {head}):
                    continue
            elif not (len(labels) > 1 and _names_label(q, m.group(0), labels - {head})):
                continue  # a modifier labels the code alone ("*Phone*: (202) 482-5991", "FAR *Case* 2018-017")
            if before and before.group(1)[:1].isupper() and before_key not in labels and \
                    not _abbreviated_label(before, text[:m.start()], labels - {head}):
                continue  # another kind of it: "Sequence No. 4" for the docket number
            if _names_its_code(m.group(0), text[m.end():code.start()]):
                # "FAC 2020-03", "RIN 0694-AH68": the acronym is part of how the code is cited
                # ("2020-03" alone reads as a span of years).
                return f"{m.group(0)} {code.group(0)}"
            return code.group(0)
    return None


def _names_its_code(label: str, gap: str) -> bool:
    """Is ``label`` an acronym written right before its code, a space between ("*FAC* 2020-03",
    "*RIN* 0694-AH68"; not "Docket No. 190925-0044" nor "Phone: (202) ...")?"""
    return len(label) >= 2 and label.isalpha() and label.isupper() and gap.isspace() and "\n" not in gap


def _abbreviated_label(before: re.Match | None, text: str, modifiers: frozenset[str]) -> bool:
    """Is the capitalised word before a label's head an abbreviation of one of the asked label's
    modifiers ("*Doc* No" of the "FR *document* number") - its first three or more letters - with
    another modifier written in full just before it ("*FR* Doc No")? An abbreviation alone is
    ambiguous ("Doc" is as much "docket"); the full word beside it says which label this is."""
    if before is None or not before.group(1)[:1].isupper():
        return False
    abbr = before.group(1).lower()
    if len(abbr) < 3 or not abbr.isalpha():
        return False
    expanded = [k for k in modifiers if k != abbr and k.startswith(abbr)]
    if not expanded:
        return False
    # (Keys and lower-case words: "FR" is the key "@fr", a country's, to norm_key.)
    earlier = {k for w in re.findall(r"[A-Za-z][\w()]*", text[:before.start()])[-2:] for k in (norm_key(w), w.lower())}
    return bool(earlier & (modifiers - set(expanded)))


def _names_label(q: Question, word: str, modifiers: frozenset[str]) -> bool:
    """Is the label word one of the asked label's modifiers (their keys) or, capitalised as a
    label is, a WordNet synonym of one as the question writes it ("Phone" for "telephone")?"""
    key = norm_key(re.sub(r"\W+", "", word))
    if key in modifiers:
        return True
    if not word[:1].isupper():
        return False
    from .lexical import noun_synonyms

    asked = {t.lower_ for t in _parsed(q.text) if norm_key(t.text) in modifiers and t.is_alpha}
    return any(noun_synonyms(word.lower(), a) for a in asked)


def _sentence_candidate(c: Candidate, start: int, end: int) -> Candidate:
    """A candidate for another sentence of ``c``'s document (scored like ``c``)."""
    keys = text_keys(c.doc.body[start:end])
    return Candidate(doc=c.doc, start=start, end=end, hit_rank=c.hit_rank, keys=keys,
                     context_keys=keys | (c.context_keys - c.keys), score=c.score, dense=c.dense)


def _label_end(doc: StoredDocument, start: int, text: str) -> int | None:
    """Where a label may end in the line ``text`` at ``start``: for a line of a record (a
    screening-list entry), the end of its field label - a code inside the value ("Addresses: Rm
    408 Bldg. 3 No 911-11 Hulan Rd.") is a part of that value, not labelled by the word before
    it; None (anywhere) for prose."""
    if record_span(doc.body, start) is None:
        return None
    m = FIELD_LINE.match(text)
    return m.end(1) + 1 if m else 0


def _label_values(q: Question, cands: list[Candidate], docs_from: list[Candidate] | None = None
                  ) -> list[tuple[Candidate, str]]:
    """The codes the question asks for (:func:`_labelled_code`: "RIN 9000-AN83" for "What RIN
    does the second interim rule carry?", "call 202-969-4075" for "What number should an
    analyst call?"), one per asked noun, each with its sentence: from the candidate sentences
    about the question's main name, else from the rest of their documents (a rule's RIN and
    docket number stand in its header, which the question's words rarely retrieve). Empty when
    no sentence labels a code so. ``docs_from``: the candidates whose documents may be read
    whole (default ``cands``)."""
    # About the main name itself, not any word of its run: "FAC 2019-05 Small Entity Compliance Guide"
    # is not found in every document that says "entity" (another rule's telephone number).
    # (A rule the question describes by a relation, "adding the *Xinjiang-related* entities", need not
    # write the name its codes are asked by: its header is no less its own.)
    about = [c for c in cands if _about_main_name(q, c, whole_doc=True, by_run=False, descriptors_aside=True)]
    about_docs = about if docs_from is None else \
        [c for c in docs_from if _about_main_name(q, c, whole_doc=True, by_run=False, descriptors_aside=True)]
    if cited := _citations(q.text):
        # A document the question cites by its publication ("the RIN of the *84 FR 54002* rule") is the
        # one whose codes are asked, not another rule whose header carries the same kind of label.
        about = [c for c in about if _cites(c.doc, cited)]
        about_docs = [c for c in about_docs if _cites(c.doc, cited)]
    if codes := [t.surface.strip(".") for t in _code_terms(q)]:
        # So is a document the question names by its code ("the RIN of the *HAC 2023-02* compliance
        # guide"): another rule's header with the asked label ("RIN 9100-AC33") is not its.
        # (Each document read once: its sentences repeat it.)
        docs = {c.doc.doc_id: c.doc for c in about + about_docs}
        naming = {d for d, doc in docs.items() if _writes_every_code(doc, codes)}
        if any(c.doc.doc_id in naming for c in about_docs):
            about = [c for c in about if c.doc.doc_id in naming]
            about_docs = [c for c in about_docs if c.doc.doc_id in naming]
    # The documents to read whole: those of the first few such sentences, unless dated to another
    # month or year than the question's (the August rule's RIN is not the December rule's).
    # (The first few such documents, not the documents of the first few sentences: one screening
    # list's entries can fill the top of the ranking.)
    whole: list[Candidate] = []
    for c in about_docs:
        if len(whole) >= _ASKED_POOL:
            break
        if all(w.doc.doc_id != c.doc.doc_id for w in whole) \
                and not _other_time(q, text_keys(c.doc.title) | text_keys(c.doc.date)):
            whole.append(c)
    lines: dict[str, list[tuple[int, int]]] = {}  # each document's short lines, split once

    def line_code(c: Candidate, group) -> tuple[Candidate, str] | None:
        if c.doc.doc_id not in lines:
            # Only a line that is mostly its label and code ("RIN 0694-AH68", "[Docket No.
            # 190925-0044]"): in prose a section number is a reference, tied to other words.
            lines[c.doc.doc_id] = [(s, e) for s, e in split_sentences(c.doc.body)
                                   if len(c.doc.body[s:e].split()) <= _LABEL_LINE_WORDS]
        for s, e in lines[c.doc.doc_id]:
            line = c.doc.body[s:e]
            if (code := _labelled_code(q, line, group, _label_end(c.doc, s, line))) is not None:
                return _sentence_candidate(c, s, e), code
        return None

    # The codes asked of one thing ("the RIN and docket number of the rule adding eleven entities")
    # are one document's: the first document whose retrieved sentences label one of them (else the
    # first whose short lines do) gives them all - a label it lacks is not filled from another
    # rule's header.
    groups = _label_groups(q)

    # Each retrieved sentence's code for each asked label, read once.
    labelled = [(c, [_labelled_code(q, c.text, g, _label_end(c.doc, c.start, c.text)) for g in groups]) for c in about]

    def doc_codes(doc_id: str) -> list[tuple[Candidate, str]]:
        out: list[tuple[Candidate, str]] = []
        for i, group in enumerate(groups):
            found = next(((c, codes[i]) for c, codes in labelled if c.doc.doc_id == doc_id and codes[i]), None) or \
                next((f for c in whole if c.doc.doc_id == doc_id if (f := line_code(c, group))), None)
            if found is not None and found[1] not in (v for _, v in out):
                out.append(found)
        return out

    # The documents in the order of their best sentence that is not itself a labelled code: a header
    # line "[FAC 2020-03; ...; Docket No. FAR-2018-0017]" ranks high for any question asking for a docket
    # number, whatever rule the question describes.
    described = [c for c, codes in labelled if not any(codes)]
    order = list(dict.fromkeys([c.doc.doc_id for c in described + about] + [c.doc.doc_id for c in whole]))
    # (A document dated to the question's month and year before one dated to another: "the FAC number
    # of the *December 13, 2019* rule" is not the August rule's "(FAC) 2019-05", however its sentence ranks.)
    dated = {c.doc.doc_id: _other_time(q, text_keys(c.doc.title) | text_keys(c.doc.date)) for c in about + whole}
    order.sort(key=lambda d: dated.get(d, False))
    for doc_id in order:
        if out := doc_codes(doc_id):
            return out
    return []


_VEC_CACHE: "OrderedDict[tuple[int, str], list[float]]" = OrderedDict()
_VEC_CACHE_MAX = 20000
_VEC_LOCK = threading.Lock()


def _sentence_vectors(store: IndexStore, texts: list[str]) -> list[list[float]]:
    """Vectors of evidence sentences: the index's embedding cache, else computed and
    remembered in this process (bounded LRU), so an index built without sentence
    vectors (``TRADEQA_SENTENCE_VECTORS=false``) embeds each sentence once, not per question."""
    key = id(store.embedder)
    with _VEC_LOCK:
        have = {t: _VEC_CACHE[(key, t)] for t in texts if (key, t) in _VEC_CACHE}
    missing = [t for t in dict.fromkeys(texts) if t not in have]
    if missing:
        fresh = dict(zip(missing, store.text_vectors(missing)))
        with _VEC_LOCK:
            for t, v in fresh.items():
                _VEC_CACHE[(key, t)] = v
            while len(_VEC_CACHE) > _VEC_CACHE_MAX:
                _VEC_CACHE.popitem(last=False)
        have.update(fresh)
    return [have[t] for t in texts]


def _score(q: Question, cands: list[Candidate], qvec, store: IndexStore) -> None:
    if not cands:
        return
    import numpy as np

    vecs = np.asarray(_sentence_vectors(store, [c.text[:600] for c in cands]))
    sims = vecs @ np.asarray(qvec)
    head = q.focus[-1] if q.focus else None
    typed = q.identifier or q.kind in (AnswerKind.LIST, AnswerKind.ENTITY, AnswerKind.DATE, AnswerKind.QUANTITY,
                                       AnswerKind.STATEMENT)
    for c, sim, vec in zip(cands, sims, vecs):
        c.dense = float(sim)
        c.vec = vec
        c.own, _ = _coverage(q, c.keys)
        c.coverage, c.covered = _coverage(q, c.context_keys)
        prior = 1.0 / (1.0 + 0.15 * c.hit_rank)
        # A line that is a date alone (a dateline) says nothing of what it dates: it answers only
        # through its headline (:func:`_dateline`).
        fit = c.fit = 0.0 if _date_alone(c.text) else _type_fit(q, c.text)
        if q.kind is AnswerKind.STATEMENT and fit == 0.0 and (_publisher_speaks(q, c) or _document_speaks(q, c)):
            # A statement's own sentences are its speaker's words, with no "said" in them ("What did the
            # State Department's statement call on China to do?" of its press statement).
            fit = c.fit = 1.0
        c.score = (0.30 * c.own + 0.20 * c.coverage + 0.30 * c.dense + (0.30 if typed else 0.12) * fit
                   + 0.08 * prior + (0.08 if head and key_in(head, c.keys) else 0.0)
                   + 0.10 * _named_coverage(q, c.context_keys))
        label = _FIELD_LABEL.match(c.text)
        # (In a record, a label word that is only the asked kind - "date" of "On which date was the rule
        # ...?" - says nothing the fit has not: "Start date: 2020-06-05" of any party would take it. A
        # document's own header line speaks for the document: "DATE: August 29, 2019" of a memo.)
        if label and fit > 0:
            keys = _label_keys(q, c, head)
            if any(key_in(norm_key(w), keys) for w in label.group(1).split()):
                c.score += 0.2  # "Effective Date: December 13, 2019" for "when ... effective"
        for t in q.terms:
            # "the *second* interim rule": an ordinal picks one document of several.
            if t.key in _ordinals() and not key_in(t.key, c.context_keys | doc_keys(c.doc)):
                c.score *= 0.7
        if q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY) and fit == 0:
            c.score *= 0.6  # a "when"/"how much" answer must carry a date/figure
        if q.kind in (AnswerKind.OTHER, AnswerKind.REASON, AnswerKind.STATEMENT) and ":" not in c.text \
                and (len(c.text) < 40 or _is_heading(c.text)):
            c.score *= 0.7  # a heading or title does not answer a what/why question


def _label_keys(q: Question, c: Candidate, head: str | None) -> set[str]:
    """The question's keys a field label of ``c`` may share to earn the label bonus of :func:`_score`:
    all of them, less the asked kind's head (``head``) for a line of a record."""
    keys = {t.key for t in q.terms}
    return keys - {head} if record_span(c.doc.body, c.start) is not None else keys


# ---------------------------------------------------------------- lead line
def _split_and(name: str, context: str | None = None, offset: int = 0) -> list[str]:
    """A capitalised run joined by "and", split into its names: "Dahua Technology and
    Yixin" is two, "National Aeronautics and Space Administration" and "Yixin Science
    and Technology Co." are one - as spaCy's entity recogniser reads the run (an entity
    that spans the "and" keeps it), not by a table of words that occur in company names.
    A part that starts like the one before it ("Department of X and Department of Y")
    is another name. ``context``: the sentence the name stands in, at ``offset`` (the
    recogniser reads a name better in its sentence)."""
    parts = name.split(" and ")
    if len(parts) == 1:
        return [name]
    if context is not None and context[offset:offset + len(name)] == name:
        spans = tuple((s - offset, e - offset) for s, e in _entity_spans(context))
    else:
        spans = _entity_spans(name)
    out = [parts[0]]
    at = len(parts[0])  # where this " and " starts in ``name``
    for p in parts[1:]:
        spanned = any(s < at and e > at + 5 for s, e in spans)
        repeated = bool(p.split()) and p.split()[0] == out[-1].split()[0]
        if (spanned and not repeated) or not p[:1].isupper():
            out[-1] = f"{out[-1]} and {p}"
        else:
            out.append(p)
        at += 5 + len(p)
    return out


@functools.lru_cache(maxsize=4096)
def _entity_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the named entities spaCy finds in ``text`` (empty without spaCy)."""
    try:
        from .answering.nlp import parse

        return tuple((e.start_char, e.end_char) for e in parse(text, disable=["lemmatizer"]).ents)
    except Exception as exc:  # noqa: BLE001 - then every "and" splits
        log.warning("spaCy entities unavailable (%s)", exc)
        return ()


_LINK_BEFORE = re.compile(r"\b(including|includ\w*|such as|are|were|is|was|namely|like|incl\.|as well as|by|of|from)\b|:", re.I)
_LINK_AFTER = {"as", "and", "or", "are", "were"}
# Words next to a list that name what it lists ("companies including ...", "... as suppliers").
_NEAR_BEFORE, _NEAR_AFTER = 90, 40

HeadMatch = Callable[[str], bool]


def _is_head(head: str | HeadMatch) -> HeadMatch:
    """A predicate for "this word of the evidence is the focus head": the head's key,
    or a meaning-based matcher (:class:`FocusMatcher`)."""
    if callable(head):
        return head
    return lambda w: norm_key(re.sub(r"\W+$", "", w)) == head


def _linked(text: str, run: list[tuple[int, int, str]], head: str | HeadMatch | None) -> bool:
    """Is a run of names *about* the focus head? ("companies including A, B",
    "the other companies are A, B", "A, B and C as suppliers"). ``head``: the head's
    key, or a predicate telling whether a word is the head (by meaning)."""
    if not head:
        return False
    is_head = _is_head(head)
    before = text[max(0, run[0][0] - _NEAR_BEFORE):run[0][0]]
    words = before.split()[-9:]
    for i, w in enumerate(words):
        if is_head(w) and _LINK_BEFORE.search(" ".join(words[i + 1:]) or ":"):
            return True
    tail = text[run[-1][1]:run[-1][1] + _NEAR_AFTER + 40]
    other = _AND_OTHER.match(tail)
    if other:
        # Hearst's "A, B, and other (members of) Z": A and B are Z.
        return any(is_head(w) for w in tail[other.end():].split()[:7])
    after = tail.split()[:4]
    return bool(after) and after[0].lower() in _LINK_AFTER and any(is_head(w) for w in after)


def _names_headed(text: str, run: list[tuple[int, int, str]], head: str | HeadMatch | None) -> bool:
    """Are all the run's names (at least two) headed by the asked noun? Such names are instances of
    it wherever the sentence puts them: "Hytera Communications *Corporation*, Hangzhou Hikvision
    Digital Technology *Company*, or Dahua Technology *Company*" are companies though the sentence
    speaks of their equipment. (The head of an English compound name is its last word.)"""
    if not head:
        return False
    is_head = _is_head(head)
    flat = [n for start, _, name in run for n in _split_and(name, text, start)]
    return len(flat) >= 2 and all(is_head(n.split()[-1]) for n in flat)


# Verbs that only say what something is or is called ("is", "counts as", "name the ..."): they ask no act.
_COPULAR = frozenset({"be", "count", "qualify", "consider", "deem", "classify", "name", "list", "identify"})
# ... and, with the light verbs, those no asked act is named by.
_NO_ACT = _COPULAR | {"have", "do"}


def _predicate_held(q: Question, c: Candidate) -> bool:
    """Is the question's main verb (the asking clause's root, by lemma) written in the quote or its
    context - or does the question ask no act, its root being copular or a request to name or list?"""
    doc = _parsed(asking_clause(q.text))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() in _COPULAR:
        return True
    return key_in(norm_key(root.lemma_), c.context_keys)


_WH_WORDS = frozenset({"what", "which", "who", "whom", "whose"})


def _subject_keys(verb) -> frozenset[str] | None:
    """The content-word keys of a verb's subject (its nsubj/nsubjpass subtree): empty for a pronoun
    subject ("*It* applies to ..."), None when the verb has none."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.pos_ == "PRON" and subj.lower_ not in _WH_WORDS:
        return frozenset()
    return _phrase_keys([subj])


def _phrase_keys(heads: list) -> frozenset[str]:
    """The keys of the content words (alphabetic, not stop words) of the phrases ``heads`` head."""
    return frozenset(k for h in heads for t in h.subtree if t.is_alpha and not t.is_stop and (k := norm_key(t.text)))


@functools.lru_cache(maxsize=1024)
def _asked_acts(question: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The acts the question asks about, as (verb key by lemma, keys of its subject): the asking
    clause's root when it has a subject, with the verbs it governs as complements ("what does 744.11
    *allow* BIS *to impose*?"); else the clause's verbs that have a subject of their own ("Name the
    measures *BIS may impose*", "*According* to the flash, to which contracts does the *rule
    apply*?"). When the asking clause only requests a list of what the sentence before asked ("...
    does the rule apply? *List them.*"), that sentence's. Empty when the question asks no act (a
    copular verb, "have", a request to name or list, a verb of saying), asks the act's reason or manner ("why",
    "how"), or asks for its subject ("*What section* describes ...?": the answer need not repeat
    the verb)."""
    clause = asking_clause(question)
    doc = _parsed(clause)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_.lower() in _COPULAR and clause != question \
            and all(t.pos_ == "PRON" for t in root.children if t.dep_ == "dobj") \
            and any(t.dep_ == "dobj" for t in root.children):
        # "List them.": what to list is the earlier sentence's.
        doc = _parsed(question[:question.rfind(clause)].strip())
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or any(t.lower_ in ("why", "how") for t in doc):
        return ()
    if root.pos_ == "VERB" and _subject_keys(root) is not None:
        verbs = [root]
    else:
        # A root without a subject is a request or a fronted participle: the verbs that have a
        # subject of their own ask the act.
        verbs = [t for t in doc if t.pos_ == "VERB" and _subject_keys(t) is not None
                 and t.dep_ not in ("acl", "amod", "advcl", "pcomp")]
    verbs += [t for v in list(verbs) for t in v.children if t.dep_ in ("xcomp", "ccomp") and t.pos_ == "VERB"]
    from .lexical import speech_first

    out = []
    for v in verbs:
        # (A verb of naming or classing with a subject of its own is the subject's act: "What persons
        # does the Entity List *identify*?"; without one it is a request: "Identify the companies".)
        named_by = v.lemma_.lower() in _COPULAR - {"be"} and bool(_subject_keys(v))
        if (v.lemma_.lower() in _NO_ACT and not named_by) or speech_first(v.lemma_.lower()):
            # (A verb of saying frames what was said: "whose support did Ross *say* it had?" asks
            # what the quote says, which the sentence naming the speaker need not.)
            continue
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.lower_ in _WH_WORDS or any(d.dep_ == "det" and d.lower_ in _WH_WORDS for d in c.children)
               for c in subjects):
            return ()  # the question asks who or what does it ("*What section* describes ...?")
        # (Of two subjects the small parser may give a verb, the one without a wh-word: "to which
        # *kinds* of leases does the *rule* apply" has both.)
        own = [c for c in subjects if not any(t.lower_ in _WH_WORDS for t in c.subtree)]
        out.append((norm_key(v.lemma_), _phrase_keys(own)))
    return tuple(out)


def _writes_act(c: Candidate, acts: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """Does the quote's sentence write one of the asked acts as a clause's verb (not a participle
    modifying a noun: "the activities *described* in ..."), with the asked subject or a pronoun as
    its subject ("*BIS* may impose ...", "*It* applies to ...", not "*the rule* requires ..." for
    what "the clause" requires)?"""
    if not any(key_in(k, c.keys) for k, _ in acts):
        return False
    for t in _parsed(c.text):
        if t.pos_ != "VERB" or t.dep_ in ("acl", "amod"):
            continue
        key = norm_key(t.lemma_)
        for verb, subject in acts:
            if not key_in(verb, {key}):
                continue
            have = _subject_keys(t)
            if not subject or have == frozenset() or (have and any(key_in(k, have) for k in subject)):
                return True
    return False


def _describes_asked_kind(q: Question, c: Candidate) -> bool:
    """Does the quote answer a "what <party noun>" question by describing the kind: the question's
    verb with its subject's words before it, then the asked noun as its object, restricted by the
    words that follow ("What persons does the Entity List identify?": "The Entity List (supplement
    no. 4 to part 744) identifies *persons reasonably believed to be involved* ...")? Such a
    sentence answers without a name. Read by word order, not the parse: the small parser loses the
    verb of a sentence with a parenthesis, as regulations write them."""
    noun = _asked_party_noun(q.text)
    root = next((t for t in _parsed(asking_clause(q.text)) if t.dep_ == "ROOT"), None)
    if noun is None or root is None or root.pos_ != "VERB" or root.lemma_.lower() in ("be", "have", "do"):
        return False
    subject = _subject_keys(root)
    if subject is None:
        return False
    words = [(m.start(), m.group(0)) for m in re.finditer(r"[A-Za-z]+", c.text)]
    verb, noun_key = norm_key(root.lemma_), norm_key(noun)
    for i in range(len(words) - 2):
        if key_in(verb, {norm_key(words[i][1])}) and norm_key(words[i + 1][1]) == noun_key \
                and c.text[words[i + 1][0] + len(words[i + 1][1]):words[i + 2][0]].strip() == "" \
                and all(key_in(k, text_keys(c.text[:words[i][0]])) for k in subject):
            return True
    return False


_AND_OTHER = re.compile(r",?\s+(?:and|or)\s+(?:many\s+|several\s+|some\s+)?other\s+", re.I)


# MiniLM cosine above which a word of the evidence is the question's focus head by meaning.
# Fitted on the paraphrase set's list questions: synonyms there ("vendors"/"suppliers" 0.78,
# "firms"/"companies" 0.87, "gear"/"equipment" 0.68, "manufacturers"/"companies" 0.72) vs
# related but different things ("companies"/"suppliers" 0.64, "companies"/"products" 0.63,
# "vendors"/"companies" 0.62); checked on dev and the own holdout.
FOCUS_SIMILARITY = 0.66


class FocusMatcher:
    """Is a word of the evidence the question's focus head, by meaning? The head's
    own key always is; another common word is when the MiniLM cosine of the two words
    reaches ``FOCUS_SIMILARITY``. Vectors of the words near lists in the candidate
    sentences are computed in one batch (:meth:`prime`, remembered across questions);
    a word not primed counts only by its key."""

    def __init__(self, head_key: str, head_word: str, store: IndexStore):
        self.head_key = head_key
        self.store = store
        self._head = None
        self._head_word = head_word
        self._sims: dict[str, float] = {}

    @staticmethod
    def _word(w: str) -> str:
        return re.sub(r"^\W+|\W+$", "", w).lower()

    def prime(self, texts: list[str]) -> None:
        """Embed the common words next to runs of names in ``texts`` (those ``_linked`` reads)."""
        words: list[str] = []
        for text in texts:
            for run in _runs(text):
                near = text[max(0, run[0][0] - _NEAR_BEFORE):run[0][0]].split()[-9:]
                near += text[run[-1][1]:run[-1][1] + _NEAR_AFTER].split()[:4]
                words += [w for w in near if w[:1].islower()]
                words += [name.split()[-1] for _, _, name in run]  # a name's head ("... Corporation")
        self.prime_words(words)

    def prime_words(self, words: list[str]) -> None:
        """Embed these words (lower-case, common ones only) for later matching."""
        import numpy as np

        todo = sorted({self._word(w) for w in words} - set(self._sims))
        todo = [w for w in todo if len(w) >= 3 and w.isalpha() and w not in STOPWORDS]
        if not todo:
            return
        if self._head is None:
            self._head = np.asarray(_sentence_vectors(self.store, [self._head_word])[0])
        vecs = np.asarray(_sentence_vectors(self.store, todo))
        for w, sim in zip(todo, vecs @ self._head):
            self._sims[w] = float(sim)

    def __call__(self, word: str) -> bool:
        w = self._word(word)
        return norm_key(w) == self.head_key or self._sims.get(w, 0.0) >= FOCUS_SIMILARITY


def _focus_matcher(q: Question, store: IndexStore) -> FocusMatcher | None:
    """The matcher for the question's focus head (its surface word from the question), or None."""
    if not q.focus:
        return None
    head = q.focus[-1]
    word = next((w for w in re.findall(r"[A-Za-z][\w-]*", q.text) if norm_key(w) == head), None)
    return FocusMatcher(head, word.lower(), store) if word else None


_ADDRESS = re.compile(r"^\s*address|\b(road|rd\.|street|st\.|avenue|ave\.|building|floor|room|block|district|"
                      r"suite|unit|park|zone|province|p\.?o\.? box|no\.\s*\d)\b", re.I)


def _is_address(text: str) -> bool:
    """Street addresses are runs of capitalised words too, but not a list of parties."""
    return bool(re.match(r"^\s*address", text, re.I)) or len(_ADDRESS.findall(text)) >= 3


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|mil|com|org|net|int)(?:/\S*)?", re.I)


def _asks_email(question: str) -> bool:
    """Does the question ask for an e-mail address ("What e-mail address ...", "the contact email")?
    Not a yes/no question about one."""
    return bool(re.search(r"\be-?mail\b", asking_clause(question), re.I)) and not is_polar(question)


def _asked_head_keys(q: Question) -> set[str]:
    """The keys of the focus's head and of the nouns coordinated with the one the wh-word determines
    ("To which website or mailing *address* ...": "website", "address")."""
    from .analysis import _wh_noun

    heads = {q.focus[-1]} if q.focus else set()
    if (noun := _wh_noun(q.text)) is not None:
        heads |= {norm_key(c.text) for c in [noun, *noun.conjuncts] if c.pos_ in ("NOUN", "PROPN")}
    return heads


def _gives_address(text: str) -> bool:
    """Does the text give an address - an e-mail address, a web address, or a street address (a
    number beside the words streets are written with, :data:`_ADDRESS`) - rather than only speak of
    one ("at one of the *addresses shown below*")?"""
    return bool(_EMAIL.search(text) or _URL.search(text)
                or (re.search(r"\d", text) and _ADDRESS.search(re.sub(r"^\s*address\w*", "", text, flags=re.I))))


_FIELD_LINE = re.compile(r"^[A-Z][\w ()/'’.-]{1,40}:\s+\S")


def _is_field_line(text: str) -> bool:
    """A short ``Label: value`` line ("Start date: 2020-06-05"), which speaks for its document
    or record; a short prose sentence ("Shares in Ambarella fell 12%") speaks for what it names."""
    return len(text) <= 80 and _FIELD_LINE.match(text) is not None


def _line_label(text: str) -> str | None:
    """The label a line opens with ("Comment date" of "Comment date: Interested parties should
    submit ..."), or None for a line that opens with no ``Label:``."""
    m = _FIELD_LINE.match(text)
    return text[:text.index(":")] if m is not None else None


def record_span(body: str, start: int) -> tuple[int, int] | None:
    """The record (a paragraph of ``Field: value`` lines, as in screening lists;
    :func:`answering.records.records`) holding ``start``, or None when that paragraph is prose."""
    return next(((r.start, r.end) for r in records(body) if r.start <= start < r.end), None)


def _record_heads(q: Question, best: Candidate, store: IndexStore,
                  limit: int) -> tuple[list[tuple[StoredDocument, int, int]], int]:
    """For a list question whose best evidence is a record of a record-structured
    document (an Entity List extract), the name lines of that document's records —
    each record is one listed party — in document order, at most ``limit``; and how
    many records the document holds (to say when the list is cut off). The whole
    document is the list, not only the records retrieval returned."""
    if record_span(best.doc.body, best.start) is None or _act_unwritten(q, best.doc):
        return [], 0
    recs = [r for r in records(best.doc.body) if admissible(best.doc.body[r.name.start:r.name.end])]
    party = _party_term(q, _party_keys(best.doc))
    if party is not None and sum(1 for r in recs if key_in(party.key, text_keys(r.name.value))) == 1:
        # "What alternate names does the Entity List show for Megvii?" asks about the one listed
        # party its rarest name names, not for the list: its record's fields answer, or nothing
        # does. A name several entries share ("Xinjiang", "Huawei") names a part of the list.
        return [], 0
    # (The name's own words of a compound: "*Harbin*-based".)
    words = [w for w in re.split(r"[\s-]+", party.surface) if w[:1].isupper()] if party is not None else []
    if words and _describes_members(q.text, words[0]):
        # "Which of the parties added on June 5, 2020 are *Harbin*-based?", "Which *Harbin* entities
        # ...?": the name says which of the records are asked - those holding it (in their name or
        # another field), when some do and others do not.
        holding = [r for r in recs if all(key_in(norm_key(w), text_keys(best.doc.body[r.start:r.end])) for w in words)]
        if 0 < len(holding) < len(recs):
            recs = holding
    if (acronym := _asked_acronym(q.text)) is not None and not _names_are(acronym, [r.name.value for r in recs]):
        # "Which ECCNs get case-by-case review ...?" asks for things the entries' names are not.
        return [], 0
    recs = [r for r in recs if _record_in_asked_time(q, r) is not False]
    heads = [(best.doc, r.name.start, r.name.end) for r in recs[:limit]]
    return (heads, len(recs)) if len(heads) >= 2 else ([], 0)


def _titled_record_list(q: Question, cands: list[Candidate],
                        store: IndexStore) -> tuple[list[tuple[StoredDocument, int, int]], int] | None:
    """For a list question asking for parties, the records (:func:`_record_heads`) of a retrieved
    record document whose title says everything the question says of them - every term but the asked
    noun is a word of the title ("added", "Entity List", "October", "2019"), an acronym of its title or
    publisher ("BIS": Bureau of Industry and Security), or a name compound whose name the records hold
    ("Harbin-based"). None when no such document was retrieved: a question that says more of the
    members ("removed", "at the request of", "Indian") is not answered by a list that does not."""
    from .lexical import names_a_party

    if q.kind is not AnswerKind.LIST or not q.focus:
        return None
    head = q.focus[-1]
    seen: set[str] = set()
    for c in cands:
        if c.doc.doc_id in seen or record_span(c.doc.body, c.start) is None:
            continue
        seen.add(c.doc.doc_id)
        title = text_keys(c.doc.title)
        if not (key_in(head, title) or names_a_party(head)):
            continue  # "Which *ECCNs* ...": not what the list's records are
        body = doc_keys(c.doc)

        def said(t: Term) -> bool:
            if t.key == head or key_in(t.key, title) or _spelt_out(t.surface, c.doc, title_only=True) \
                    or _spelt_out(t.surface, c.doc, text=c.doc.publisher):
                return True
            names = [w for w in re.split(r"[\s-]+", t.surface) if w[:1].isupper()]
            return t.key in q.descriptors and bool(names) and all(key_in(norm_key(w), body) for w in names)

        if all(said(t) for t in q.terms):
            heads, total = _record_heads(q, c, store, MAX_LIST_ITEMS)
            if heads:
                return heads, total
    return None


def _describes_members(question: str, name: str) -> bool:
    """Does ``name`` (one word) describe the members a list question asks for - written in the asked noun
    phrase ("Which *Harbin* entities ...", "List the *Beijing-based* companies ...") or in the
    predicate the wh-subject is given ("Which of the parties ... *are Harbin-based*?") - rather than
    another noun ("in the Oct 2019 *Xinjiang* round")? From spaCy's parse of the asking clause: the
    first noun above the name, through its modifiers' arcs, is the asked one, or none is and the
    clause's root has the wh-word as its subject."""
    doc = _parsed(asking_clause(question))
    first = name.lower()
    wh = [t for t in doc if t.lower_ in ("which", "what", "who") and t.tag_ in ("WDT", "WP")]
    asked = set()
    for t in wh:
        asked |= {t.head.i} if t.dep_ == "det" else set()
        asked |= {c.i for c in t.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj"}
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.tag_ == "VB":  # a request: its object is asked ("List the ...")
        asked |= {c.i for c in root.children if c.dep_ == "dobj"}
        # (or what the parser made the subject of a clause it takes: "List the X-based *parties* added ...")
        asked |= {g.i for c in root.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"}
    for tok in doc:
        if tok.lower_ != first:
            continue
        head = tok
        while head.head.i != head.i:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN") and head.lower_ != first:
                if head.i in asked:
                    return True
                break
        else:
            # (the parser may hang the wh-subject on a clause that is the root's subject: "Which of the
            # parties *added* on March 3 are ...")
            return any(t.dep_.startswith("nsubj") and head.i in (t.head.i, t.head.head.i) for t in wh)
    return False


def _asked_months_years(q: Question) -> tuple[frozenset[int], frozenset[int]]:
    """The months (1-12) and years the question names ("added in *August 2020*": {8}, {2020})."""
    keys = {t.key for t in q.terms} | _year_edge_months(q.text)
    months = frozenset(MONTHS.index(k) + 1 for k in keys if k in MONTHS)
    return months, frozenset(int(k) for k in keys if re.fullmatch(r"(19|20)\d\d", k))


def _record_in_asked_time(q: Question, rec: Record) -> bool | None:
    """Is a record's one date ("Start date: 2019-08-21") in the month and year the question names
    ("Which Huawei affiliates were added in *August 2019*?")? None when the record holds no one date
    or the question names no month or year: nothing to tell the records apart by."""
    months, years = _asked_months_years(q)
    dated = _record_date_field(rec) if months or years else None
    days = _stated_days(dated[1]) if dated is not None else frozenset()
    if not days:
        return None
    return any((not years or y in years) and (not months or m in months) for y, m, _ in days)


def _scoping_text(question: str) -> str:
    """The words of the asking clause outside any clause that describes a noun (spaCy's ``relcl`` and
    ``acl``): a date or citation there scopes what is asked ("What policy did *the October 2019 rule*
    set for Yitu?"), one inside describes a party ("Yitu, *which was added in October 2019*")."""
    doc = _parsed(asking_clause(question))
    inside = {t.i for c in doc if c.dep_ in ("relcl", "acl") for t in c.subtree}
    return " ".join(t.text for t in doc if t.i not in inside)


def _record_line(c: Candidate) -> tuple[Record, Field] | None:
    """The record and field whose line the candidate is, or None for prose."""
    rec = next((r for r in records(c.doc.body) if r.start <= c.start < r.end), None)
    field = next((f for f in rec.fields if f.start <= c.start < f.end), None) if rec is not None else None
    return (rec, field) if field is not None else None


def _revised_since_asked(q: Question, rec: Record, field: Field) -> str | None:
    """The latest Federal Register notice of the answering record, when the question scopes the asked
    field to the record's first notice (its citation, or the month and year of the record's one date)
    and the record lists a later one: "What licence review policy did *the original October 2019 rule*
    set for Yitu?" of an entry whose notices are "84 FR 54002; 85 FR 44159" - the entry gives the
    policy after the July 2020 revision, not what the first rule set. None otherwise, and for a field
    that holds the notices or the date themselves (the entry's history is what they say), and for a
    question asking which party (a party added then is named by its entry, whatever was revised since)."""
    if field is rec.name or _CITATION.search(field.value) or find_dates(field.value) or _asks_for_party(q):
        return None
    notices = sorted(_cited_notices(*(f.value for f in rec.fields)).items())
    if len(notices) < 2:
        return None
    (first, _), (last, latest) = notices[0], notices[-1]
    scope = _scoping_text(q.text)
    asked = list(_cited_notices(scope))
    if asked:
        # The rule's citation is its first page ("84 FR 22961"); the entry cites the page it stands on
        # ("84 FR 22963"), or the question cites a rule before the entry was first listed: either way no
        # later notice than the entry's first is asked.
        return latest if any(a < last for a in asked) and any(a <= first for a in asked) else None
    dated = _record_date_field(rec)
    days = _stated_days(dated[1]) if dated is not None else frozenset()
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", scope)}
    months = {MONTHS.index(w) + 1 for w in words if w in MONTHS}
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", scope)}
    if not days or not months or not years:
        return None
    return latest if any(y in years and m in months for y, m, _ in days) else None


def _notice_after_entry(q: Question, rec: Record, field: Field) -> str | None:
    """The Federal Register notice the question asks a record's field of ("On what date did the *87 FR 8180*
    revision to X's entry take effect?") when the entry does not give the field as that notice left it:
    the notice is later than every notice the entry lists (what it did is not in this entry), or the field
    is the entry's one date and the notice is later than its first (the date is the first notice's, the
    listing's). None when the question cites no notice, or the entry lists none."""
    notices = _cited_notices(*(f.value for f in rec.fields))
    asked = _cited_notices(_scoping_text(q.text))
    if not notices or not asked:
        return None
    dated = bool(find_dates(field.value))
    return next((cite for at, cite in asked.items() if at > max(notices) or (dated and at > min(notices))), None)


def _cited_notices(*texts: str) -> dict[tuple[int, float], str]:
    """The Federal Register citations the texts write, by (volume, page), each as written once ("84 FR
    22961"), in order of first appearance."""
    return {(int(v), float(p)): f"{v} {r} {p}" for text in texts for v, r, p in _CITATION.findall(text)}


def _records_dated_elsewhere(q: Question, best: Candidate) -> str | None:
    """When the best quote is a record of a list whose dated records are all of other months or years
    than the question names ("List the Huawei affiliates added in August 2020" of entries that start
    2019-05-21 and 2019-08-21), the dates they do hold; else None. The list is another time's."""
    if record_span(best.doc.body, best.start) is None:
        return None
    recs = records(best.doc.body)
    seen = [_record_in_asked_time(q, r) for r in recs]
    if True in seen or False not in seen:
        return None
    dates = sorted({d[1] for r in recs if (d := _record_date_field(r)) is not None})
    return ", ".join(dates)


def _asked_act(q: Question):
    """The asking clause's main verb (spaCy's root; the first full verb when the parser roots the
    question at a name), or None for a copula, an auxiliary or no verb."""
    parse = _parsed(asking_clause(q.text))
    root = next((t for t in parse if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ != "VERB":
        # The parser may root a question at a name ("... K Logistics (China) *Limited* removed from
        # the Entity List?"): its verb is then the first full verb.
        # (Not a participle modifying a noun: "a US *restricted* list" names no act; nor one that is a
        # preposition: "*According* to the record for X, what is its start date?".)
        root = next((t for t in parse if t.pos_ == "VERB" and t.dep_ not in ("amod", "compound", "prep")), root)
    wh = next((t for t in parse if t.tag_ in WH_TAGS), None)
    if root is not None and wh is not None:
        # The clause that holds the wh-word asks: "NetPosa sits in the June 2020 file, but what start
        # date does its row *show*?" (clauses joined by a conjunction), "The copy says it was
        # *scheduled* for publication on what date?" (a clause the main verb reports).
        h = wh.head
        while h.i != root.i and h.head.i != h.i:
            if h.pos_ == "VERB" and h.dep_ in ("ccomp", "conj"):
                root = h
                break
            h = h.head
    if root is None or root.pos_ != "VERB" or root.lemma_.lower() in ("be", "have", "do"):
        return None
    return root


def _act_written(root, doc: StoredDocument) -> bool:
    """Does the document write of the act ``root`` (a verb token) names: by its lemma or form anywhere
    in it, by putting a party on what its own words name (:func:`_puts_on`), or in the words it
    describes its entries with (:func:`_act_described`)?"""
    if any(key_in(k, doc_keys(doc)) for k in text_keys(f"{root.lemma_} {root.text}")) or _puts_on(root, doc):
        return True
    return _act_described(root, doc)


def _act_described(root, doc: StoredDocument) -> bool:
    """Is the act ``root`` (a verb token) in the words the document describes its entries with - its
    title and field labels - by its lemma or a WordNet synonym (the verb's two main senses: "begin to
    apply": "*Start* date"; "add": "entries ... *added* by 84 FR 54002")?"""
    from .lexical import wordnet_verbs

    wn = wordnet_verbs()
    synonyms = {w for i in list(wn["lemmas"].get(root.lemma_.lower(), ()))[:2] for w in wn["synsets"][i] if " " not in w}
    # (Not words of a name: "Federal *Register* notice(s)" does not write of registering.)
    described = {k for text in [doc.title] + [f.label for r in records(doc.body) for f in r.fields]
                 for k in text_keys(_without_capitalised_runs(text))}
    return any(key_in(k, described) for w in synonyms | {root.lemma_.lower()} for k in text_keys(w))


def _puts_on(root, doc: StoredDocument) -> bool:
    """Does the verb ``root`` put something on what the document's own words name ("*placed on the
    Entity List*", "*put on the Entity List*" of a list of entries)? Such an act is the listing its
    entries record, whatever the verb."""
    onto = _act_phrases(root, ("on", "onto"))
    return bool(onto) and all(_words_within(p, doc_keys(doc)) for p in onto)


def _act_phrases(root, prepositions: tuple[str, ...]) -> list:
    """The prepositional phrases (spaCy tokens of the prepositions) of the act ``root`` that open with
    one of ``prepositions``, on the verb or on its object - the parser may hang the phrase on the object:
    "place [Megvii on the Entity List]" - and are not the asked phrase ("*On what date* did ...?")."""
    heads = [root] + [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
    return [c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in prepositions
            and not _asks_within(c)]


def _words_within(head, keys: set[str]) -> bool:
    """Are the content words (no stop words) under ``head`` (a spaCy token; a preposition itself aside)
    all in ``keys``?"""
    return all(key_in(k, keys) for t in head.subtree if not (t is head and t.dep_ == "prep") and not t.is_stop
               for k in text_keys(t.text))


def _asks_within(phrase) -> bool:
    """Does a spaCy phrase hold a wh-word - the asked phrase ("*On what date* did ...?"), not one that
    says where the act puts anything?"""
    return any(t.tag_ in WH_TAGS for t in phrase.subtree)


def _act_unwritten(q: Question, doc: StoredDocument) -> bool:
    """Does a "who"- or "when"-question ask who did something, or when, that the document never
    writes of ("Who *signed* the rule adding the 28 entities?", "When was K Logistics *removed*
    from the Entity List?", "When did Huawei *file* its lawsuit?" of a screening list whose entries
    were *added*: its "Start date" is when they were added)? Its main verb (:func:`_asked_act`) is not
    written of there (:func:`_act_written`). A list of the document's records, or a field of one,
    answers who was listed, not who signed."""
    if not (_asks_who(q) or q.kind is AnswerKind.DATE):
        return False
    root = _asked_act(q)
    if root is None:
        return False
    if any(c.lower_ == "off" and c.dep_ in ("prep", "prt") for c in root.children) and not _act_described(root, doc):
        # "When did Commerce *take* Huawei *off* the blacklist?": an act that takes the party off
        # something is no listing, however general its verb.
        return True
    if q.kind is AnswerKind.DATE and root.lemma_.lower() in _spacy_stop_words():
        # A general verb says little of which act is dated ("when did it *go* on the list", "when
        # did they *take* effect", "what start date does it *show*"): no decision.
        return False
    return not _act_written(root, doc)


def _listing_dated(q: Question, doc: StoredDocument) -> bool:
    """Does a date question ask when the document's entries' act happened to the party - its main verb
    (no general one: "what date does the entry *give*") written of by the document ("When was X
    *added to* / *placed on* the Entity List?" of a list whose entries were added)? A record's one date
    then dates it, however far its label ("Start date") is in meaning from the question's verb."""
    root = _asked_act(q) if q.kind is AnswerKind.DATE and not q.duration else None
    # (Described, not merely written: a screening list's text may use "file" of a data file.)
    return root is not None and (_puts_on(root, doc) or
                                 (root.lemma_.lower() not in _spacy_stop_words() and _act_described(root, doc))) \
        and _act_of_document(root, doc)


def _act_of_document(root, doc: StoredDocument) -> bool:
    """Is the act ``root`` (a verb token) the document's own, as far as the question says: the list it
    puts the party on or adds it to is named in the document's words ("to the Entity List"; not "to
    *its own export control* list"), and the named party doing it is the document's publisher or in its
    title ("When did *Japan* add Huawei ...?" is not asked of a US list, whatever entry names Japan)?"""
    if not all(_words_within(p, doc_keys(doc)) for p in _act_phrases(root, ("to", "on", "onto", "into"))):
        return False
    # (The subject of a passive is the party acted on: the parser may label it "nsubj" beside "auxpass".)
    # (Or a participle after a form of "be" the parser hung elsewhere: "When *was* Varlen Marine Co., Ltd.
    # *added* ...?", where the name's comma breaks the clause and the tagger reads a past tense.)
    passive = any(c.dep_ == "auxpass" for c in root.children) or \
        (root.tag_ in ("VBN", "VBD") and any(t.lemma_ == "be" and t.pos_ == "AUX" for t in root.doc[:root.i]))
    agents = [] if passive else [c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    agents += [t for c in root.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"]
    own = set(_publisher_keys(getattr(doc, "publisher", "") or "")) | _title_keys(doc)
    return all(_words_within(a, own) for a in agents)


def _without_capitalised_runs(text: str) -> str:
    """``text`` without its runs of two or more capitalised words (names: "Federal Register",
    "Entity List"); a single capitalised word ("Start date") stays."""
    return re.sub(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w'’.-]*)+", " ", text)


def _focus_kind(q: Question, store: IndexStore) -> str | None:
    """The answer kind the question's focus phrase names ("start date" -> "date", "docket number"
    -> "quantity"), by the answer-kind model (:func:`answering.kinds.phrase_kind`), or None."""
    from .answering.kinds import phrase_kind

    words = [t.text for t in _focus_tokens(q)]
    named = phrase_kind(" ".join(words), store.embedder) if words else None
    return named[0] if named is not None else None


def _focus_names_date(q: Question, store: IndexStore) -> bool:
    """Does the question's focus phrase name a date ("effective date", "deadline"), by the
    answer-kind model (:func:`answering.kinds.phrase_kind`)? A question the kind model reads as
    a date question because it states a date ("What docket number does the July 22, 2020 rule
    carry?") asks for what its focus names."""
    return _focus_kind(q, store) == AnswerKind.DATE.value


@dataclass
class FieldAnswer:
    """A field of a named party's record that answers the question."""

    doc: StoredDocument
    record: Record
    field: Field
    similarity: float  # mean cosine of the question with the field's label and line
    more: tuple[Field, ...] = ()  # other fields of the record the question asks for too ("... and the start date")
    # What to show of ``field`` and each of ``more``, in that order, when the question asks for a part
    # of a value ("the *earliest* FR notice", "the *postcode*"); None for a part the value lacks. Empty:
    # the whole values.
    values: tuple[str | None, ...] = ()
    # The same fields of the other parties the question names, each in its own record ("Compare the
    # licence review policy on X's entry with the one on Y's"), in the question's order with this one.
    parties: tuple["FieldAnswer", ...] = ()
    at: int = 0  # where the question names this party (for the order of ``parties``)
    lacking: tuple[str, ...] = ()  # asked labels this party's record lacks (another party's has them)


@dataclass
class MissingField:
    """The asked party's record lacks the field the question asks for, which other records of
    its document carry (``labels``: "Alternate names" for "What alias does the list carry for
    the Tacheng PSB?"): the one place the fact would be does not hold it."""

    doc: StoredDocument
    record: Record
    labels: tuple[str, ...]
    place: str = ""  # a place the question puts the party in ("Huawei's affiliate *in Zimbabwe*") no record holds

    @property
    def reason(self) -> str:
        """Why the record does not answer, for the abstention notice."""
        if self.place and self.labels:
            return f"the asked party's “{self.labels[0]}” line holds no “{self.place}”"
        if self.place:
            return f"no entry of the asked party is in “{self.place}”"
        return f"the asked party's record has no “{self.labels[0]}” field"


# How close in meaning (MiniLM cosine) a phrase label must be to "other names" to introduce a
# party's other names. Measured on labels of screening lists (CSL, SDN style): "Alternate names"
# 0.80, "Former names" 0.66, "Also known as" 0.52; "Title" 0.45, "Addresses" 0.30, "Entity" 0.25,
# dates and policies <= 0.19. MiniLM puts the one-word labels "Aliases" (0.39) and "AKA" (0.38)
# below "Title", so a label whose word WordNet files under "name" ("alias") counts too.
ALIAS_LABEL_SIMILARITY = 0.5


@functools.lru_cache(maxsize=256)
def _names_a_name(label: str) -> bool:
    """Is a word of the label, by WordNet, a name or a kind of name ("Alternate *names*", "*Aliases*")?"""
    from .lexical import noun_generalising, token_noun

    return any(t.pos_ in ("NOUN", "PROPN") and noun_generalising("name", {token_noun(t)}) is not None
               for t in _parsed(label))


def _retrieved_documents(hits: list[Hit], store: IndexStore) -> Iterator[tuple[int, StoredDocument]]:
    """Each retrieved document once, in retrieval order, with the rank of its first hit."""
    seen: set[str] = set()
    for rank, h in enumerate(hits):
        if h.doc_id in seen:
            continue
        seen.add(h.doc_id)
        doc = store.get_document(h.doc_id)
        if doc is not None:
            yield rank, doc


def _record_alias_labels(store: IndexStore, recs: tuple[Record, ...]) -> frozenset[str]:
    """:func:`_alias_labels` of the labels the records use (their name lines aside)."""
    return _alias_labels(store, tuple(sorted({f.label for r in recs for f in r.fields[1:]})))


def _alias_labels(store: IndexStore, labels: tuple[str, ...]) -> frozenset[str]:
    """The record labels that introduce a party's other names ("Alternate names", "Also known
    as", "Aliases", ...) - whatever the list's editor called them: by WordNet (:func:`_names_a_name`)
    or by MiniLM likeness to "other names" (:data:`ALIAS_LABEL_SIMILARITY`)."""
    if not labels:
        return frozenset()
    import numpy as np

    vecs = np.asarray(_sentence_vectors(store, list(labels)))
    probe = np.asarray(_sentence_vectors(store, ["other names"])[0])
    return frozenset(label for label, sim in zip(labels, vecs @ probe)
                     if sim >= ALIAS_LABEL_SIMILARITY or _names_a_name(label))


def _without_names(q: Question) -> str:
    """The question with its names removed ("How will BIS treat licence applications
    for exports to Huawei?" -> "How will treat licence applications for exports to"):
    what it asks *about* the names."""
    named = {t.surface for t in q.named_terms}
    return " ".join(w for w in q.text.split() if w.strip("?,.:;'’s") not in named and w.strip("?,.:;") not in named)


def _names_with(key: str, keys: set[str]) -> bool:
    """Does a question term's key name a record whose name keys are ``keys`` (:func:`key_in`)? A
    compound of words does so only with every word: "high-diversion-risk" is no "Center for *High*
    Pressure Research", whose name shares only its first word."""
    if re.fullmatch(r"[a-z]+(?:-[a-z]+)+", key):
        return all(key_in(norm_key(w), keys) for w in key.split("-"))
    return key_in(key, keys)


def _labels_asked(q: Question, labels: set[str], aliases: frozenset[str]) -> set[str]:
    """The labels, among ``labels`` (a document's record labels, name lines aside), that name what
    the question asks for: the other-names labels (``aliases``) when it asks for a party's other
    names - an "alias", "alternate names", a kind of name by WordNet (:func:`_names_a_name`), not
    a bare "name", which the name line answers; else the labels holding the asked noun
    ("registered *address*": "Addresses"). Not every label whose word WordNet files above the
    asked noun: "notice" is above "entry", and "Federal Register notice(s)" is no entry. Empty
    when the question asks for none of them (or has no asked noun)."""
    from .lexical import noun_generalising, token_noun

    # (A yes/no question asks for the thing it asks to exist: "Is an alias recorded for X?".)
    tokens = _focus_tokens(q) if q.focus else _polar_asked_tokens(q)
    words = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if not words:
        return set()
    head = token_noun(words[-1])
    asked = " ".join(t.text for t in tokens)
    # (The head as the question's parse tags it: parsed alone, "alias" is no noun.)
    if _names_a_name(asked) or noun_generalising("name", {head}) is not None:
        return set(aliases) if (len(tokens) > 1 or head != "name") else set()
    key = q.focus[-1] if q.focus else norm_key(words[-1].text)
    return {label for label in labels if key_in(key, text_keys(label))}


def _record_field(q: Question, hits: list[Hit], store: IndexStore) -> FieldAnswer | MissingField | None:
    """The record field that answers a question about a named party ("which city is
    Hikvision's listed address in" -> Hikvision's "Addresses" line).

    The record is the one, among the retrieved record-structured documents, whose name
    line and other-names lines (:func:`_alias_labels`) cover most of the question's names
    (ties: the record whose values hold more of the question's words, then the shorter,
    more specific name, then retrieval order). The field is the one closest in meaning to the
    question (MiniLM: the mean of the cosines with its label and with its whole line,
    each the better of the whole question and the question without its names), never
    the name line itself, if that reaches ``MIN_FIELD_SIMILARITY`` (fitted, see
    ``answering.records``); for a place question, else the field that holds places
    (:func:`answering.records.place_field`). None otherwise."""
    if q.kind in (AnswerKind.STATEMENT, AnswerKind.REASON) or _asks_membership(q.text):
        return None
    named = _entity_terms(q)
    if not named or all(t.key.startswith("@") for t in named):
        return None  # a record is a party's; a question naming only countries names none
    best: tuple[tuple[float, ...], StoredDocument, Record, frozenset[str]] | None = None
    places = _places_put_on_party(q)
    misplaced: tuple[StoredDocument, Record] | None = None  # a party's record, but not in the asked place
    runs = list({frozenset(t.key for t in run): run for run in (_name_run(q, t) for t in named)}.values())
    # A country a name writes as one of its words ("Huawei Technologies *USA*"): the party is the one
    # there, as a place put on the party by a preposition is ("Huawei's affiliate in Zimbabwe").
    # (A country's name or a code of three letters: a two-letter one is as often an acronym, "AI".)
    name_places = [(t, [u for u in run if not u.key.startswith("@")]) for run in runs for t in run
                   if t.key.startswith("@") and (t.surface[1:].islower() or len(t.surface.strip(".")) > 2)
                   and any(not u.key.startswith("@") for u in run)]
    # What a "which" question asks for is no name of the party it asks about ("Which *public security
    # bureau* has an address in Korla?" asks which of many bureaus: the one whose fields hold Korla).
    naming = [t for t in named if not (q.kind in (AnswerKind.ENTITY, AnswerKind.LIST) and t.key in q.focus)]
    for rank, doc in _retrieved_documents(hits, store):
        if _act_unwritten(q, doc):
            continue  # "Who signed the rule ...?": no field of a listed party's entry says who signed
        aliases = _record_alias_labels(store, records(doc.body))
        # The party is named above all by its rarest name that is not the list's own (:func:`_party_term`):
        # a record that lacks it is another party's, however many of the commoner words it shares
        # ("Hytera Communications" is not "Nanjing FiberHome Starrysky Communication Development").
        party = _party_term(q, _party_keys(doc), known_only=True)
        if party is not None and _clause_names_own_parties(q, party, doc):
            party = None
        for rec in records(doc.body):
            # A party is named by its name line or by a line of its other names ("Alternate names:
            # Karamay Municipality Public Security Bureau" for "Kelamayi ..."). Ties go to the
            # record whose values hold more of the question's words (IDF-weighted: "Karamay ...
            # postcode", whose first word is not taken for a name), then to the shorter, more
            # specific name, then to retrieval order. Values, not labels: every entry has "Entity".
            names = [rec.name.value] + [f.value for f in rec.fields[1:] if f.label in aliases]
            keys = text_keys(" ".join(names))
            matched = [t for t in naming if _names_with(t.key, keys)]
            covered = sum(t.weight for t in matched)
            # A nationality the name's place shares with the question does not name the party ("twenty-eight
            # *Chinese* entities" is no "Institute of Forensic Science of *China*"): a place names it only
            # as the name writes it ("the *Xinjiang* entries", "*Xinjiang* public security bureaus").
            if not any(not t.key.startswith("@") for t in matched):
                written = {w.lower() for w in re.findall(r"\w+", " ".join(names))}
                if not any(t.key.startswith("@") and re.sub(r"['’]s$", "", t.surface).lower() in written
                           for t in naming):
                    continue
            # (The whole record, labels too: "Which *Federal* Register notice covers X?" names a label.)
            if covered <= 0 or (party is not None and not _holds(q, party, text_keys(doc.body[rec.start:rec.end]))):
                continue
            if party is not None and not any(key_in(t.key, keys) for t in named if t.key != party.key) \
                    and _common_word_of_a_name(q.text, party.surface, keys):
                continue  # "Country *Group* E:1", its one word in the names, is no "FiberHome Technologies Group"
            if not all(_holds_place(place, doc.body[rec.start:rec.end]) for place in places) or any(
                    any(key_in(u.key, keys) for u in rest) and not key_in(t.key, keys)
                    and not _holds_place(t.surface, doc.body[rec.start:rec.end]) for t, rest in name_places):
                misplaced = misplaced or (doc, rec)
                continue  # "Huawei's affiliate in Zimbabwe": an entry of Huawei's elsewhere is not it
            values = text_keys(" ".join(f.value for f in rec.fields))
            others = sum(t.weight for t in q.terms if key_in(t.key, values))
            # A name the record gives exactly as the question writes it ("Huawei Technologies Co., Ltd.
            # (*Huawei*)" for "Huawei address?") beats names that only contain it ("Huawei Cuba").
            # (Words no source writes aside: "What start date does *the CSL* show for X?")
            exact = _names_exactly(names, {t.key for t in named if t.df > 0})
            # First of all, a record whose names hold one of the question's names whole ("Huawei
            # Technologies Co., Ltd.") beats one that holds parts of several ("HiSilicon Technologies Co.,
            # Ltd, Bantian ..." for "the Huawei Technologies Co., Ltd. entry at Bantian Huawei Base").
            # After the values' words, the record whose values hold more of the question's word pairs in
            # its order ("the entry at *Bantian Huawei Base*", not the one at "Huawei Base, Bantian").
            whole = sum(t.weight for run in runs if all(key_in(t.key, keys) for t in run) for t in run)
            rank_key = (-whole, -covered, not exact, -others, -_shared_word_pairs(q.text, rec), len(rec.name.value),
                        rank)
            if best is None or rank_key < best[0]:
                best = (rank_key, doc, rec, aliases)
    if best is None:
        if misplaced is not None:
            return MissingField(doc=misplaced[0], record=misplaced[1], labels=(),
                                place=", ".join(places + list(dict.fromkeys(t.surface for t, _ in name_places))))
        return None
    _, doc, rec, aliases = best
    fields = [f for f in rec.fields[1:] if admissible(doc.body[f.start:f.end])]
    if not fields or not _speaks_of_complement(q, doc, rec.start, rec.end):
        return None
    # The field the question asks for, as the other records of the document label it: when the
    # party's own record has none of those labels, it lacks the fact - no neighbouring field
    # ("Addresses" for "What alias ...?") and no sentence about the party stands in for it.
    asked_labels = _labels_asked(q, {f.label for r in records(doc.body) for f in r.fields[1:]}, aliases)
    if asked_labels and not any(f.label in asked_labels for f in rec.fields[1:]):
        return MissingField(doc=doc, record=rec, labels=tuple(sorted(asked_labels)))
    # "Under which *name* is Anna Zhu listed?", "Which party is Anna Zhu an alias of?": a question for
    # the party (a bare "name", a party noun, "who", "whose") that calls it by another of its names -
    # one an other-names line holds whole, the name line not - is answered by the name line.
    if _asks_for_party(q) or _asks_for_entry(q, doc):
        if (listed := _records_named(q, doc, records(doc.body))) is not None and len(listed[1]) > 1:
            return None  # "List every party whose name starts with ...": several records, :func:`_record_holding`'s
        if _called_by_other_name(q, doc, rec, aliases):
            return FieldAnswer(doc=doc, record=rec, field=rec.name, similarity=1.0)
        if _found_by_other_name(q, rec, aliases) and not _named_whole(q, doc, rec, aliases):
            return None  # "Which party is Anna Zhou an alias of?": no name of this record is hers
    import numpy as np

    labels = np.asarray(_sentence_vectors(store, [f.label for f in fields]))
    lines = np.asarray(_sentence_vectors(store, [f"{f.label}: {f.value[:200]}" for f in fields]))
    by_label, by_line = np.full(len(fields), -1.0), np.full(len(fields), -1.0)
    # The asking clause alone too ("Yitu's record: what start date does it show?"): the words
    # before it may name another field ("Which Federal Register notices are cited ...: what
    # start date ...?", the second part of a two-part question).
    unnamed = _without_names(q)
    texts = [q.text, unnamed, asking_clause(q.text)]
    # An other-names line that holds the question's names ("Alternate names: Narvik Lens Bureau; ..."
    # for "the postcode of the Narvik Lens Bureau") is how the record was found: it is measured
    # against the question without its names, or it wins by them whatever is asked.
    # Unless the question asks for names ("What *aliases* are recorded for ...?").
    asked = " ".join(t.text for t in _focus_tokens(q))
    asks_names = bool(asked) and _names_a_name(asked)
    # Only names the name line lacks found the record through this line ("Karamay" for Kelamayi's
    # entry); an alias that repeats the name line's words ("Anna Zhu" for "Zhu Jiejin") found nothing.
    own = text_keys(rec.name.value)
    naming = np.asarray([not asks_names and f.label in aliases
                         and any(key_in(t.key, text_keys(f.value)) and not key_in(t.key, own) for t in named)
                         for f in fields])
    # So is any line holding names of the question the name line lacks, when its label is not what is
    # asked: "the entry *at Bantian Huawei Base (518129)* cites which FR page first?" describes the party
    # by its address line, which is no nearer the asked notice for that.
    # (Not the asked thing's own words - "which *ECCNs*" are the policy line's - nor a place or code of
    # the address asked for: "the postal code of Megvii's *Beijing* office" asks that line.)
    head_key = q.focus[-1] if q.focus else None
    asked_keys = set(q.focus) | ({norm_key(a)} if (a := _asked_acronym(q.text)) else set())
    describers = [] if _asks_code(q) or q.kind is AnswerKind.PLACE else \
        [t for t in named if t.key not in asked_keys and not key_in(t.key, own)]
    describing = np.asarray([not naming[j] and not (head_key and key_in(head_key, text_keys(f.label)))
                             and any(key_in(t.key, text_keys(f.value)) for t in describers)
                             for j, f in enumerate(fields)])
    texts = [t for t in dict.fromkeys(texts) if t.strip()]
    for text, qv in zip(texts, np.asarray(store.embedder.embed_queries(texts))):  # one model call
        line = lines @ qv if text == unnamed else np.where(naming | describing, -1.0, lines @ qv)
        by_label, by_line = np.maximum(by_label, labels @ qv), np.maximum(by_line, line)
    # (The asking clause's acronyms: "FR" of a lead-in's "a July 2020 FR notice" names no asked label.)
    sims = _with_label_acronyms(asking_clause(q.text), fields, (by_label + by_line) / 2)
    i = int(np.argmax(sims))
    # The one label that holds the asked noun itself ("registered *address*": "Addresses") names the
    # field, whatever a modifier echoes in another label ("registered": "Federal Register notice(s)").
    polar = _polar_asked_tokens(q)
    head = q.focus[-1] if q.focus else (norm_key(polar[-1].text) if polar else None)
    # (Or the one label that names it as the list's other records do: "Alternate names" for "alias".)
    holding = [j for j, f in enumerate(fields) if head and not naming[j]
               and (key_in(head, text_keys(f.label)) or f.label in asked_labels)]
    if not holding and (acronym_held := _label_acronym_asked(q, fields)):
        # (Or the one label whose acronym modifies the asked noun: "which *FR* page does its entry cite":
        # "Federal Register notice(s)", whatever another line echoes of the names before it.)
        holding = acronym_held
    if len(holding) == 1:
        i = holding[0]
        sims[i] = max(float(sims[i]), MIN_FIELD_SIMILARITY)
    if _is_address_field(store, fields[i]) and (asked_kind := _unplaced_compound(q, store)) is not None:
        # "What telephone number / email address does the list give for X?": an address field is near in
        # meaning ("number", "address"), but the asked thing is of no kind an address holds - the record
        # has no such field.
        return MissingField(doc=doc, record=rec, labels=(asked_kind,))
    if q.kind is AnswerKind.PLACE and not _asks_place_of_act(q.text) and \
            (place := _address_field(store, fields) or place_field(fields)) is not None:
        # "Where is Cloudminds registered?" asks for a place: the record's address (by its label) or
        # field of places answers, though another label ("Federal Register notice(s)") echoes the
        # question's verb.
        # (Unless other parts ask for other fields: "what alternate spelling is recorded, in which city is
        # it located?" - each part its field, the place part the address.)
        if not _conjoined_fields(q, store, fields, fields.index(place), labels, lines, naming):
            if (unheld := _field_place_unheld(q, doc, rec, [place])) is not None:
                return unheld
            return FieldAnswer(doc=doc, record=rec, field=place, similarity=float(sims[fields.index(place)]))
        i = fields.index(place)
        sims[i] = max(float(sims[i]), MIN_FIELD_SIMILARITY)
    if sims[i] >= MIN_FIELD_SIMILARITY:
        asked = _conjoined_fields(q, store, fields, i, labels, lines, naming)
        if not any(f is fields[i] for f, _ in asked):
            asked = [(fields[i], _asked_clause_span(q))] + asked  # what the whole question is closest to leads
        values = tuple(_asked_value_of(store, f, part) for f, part in asked)
        if (unheld := _field_place_unheld(q, doc, rec, [f for f, _ in asked])) is not None:
            return unheld
        if (acronym := _acronym_unwritten(q, rec)) is not None:
            # "Which ECCNs get case-by-case review for X?" when X's entry lists no ECCN ("License
            # review policy: Presumption of denial"): the asked kind of thing is not in its record.
            return MissingField(doc=doc, record=rec, labels=(asked[0][0].label,), place=acronym)
        fa = FieldAnswer(doc=doc, record=rec, field=asked[0][0], similarity=float(sims[i]),
                         more=tuple(f for f, _ in asked[1:]),
                         values=values if any(v != f.value for v, (f, _) in zip(values, asked)) else ())
        return _with_other_parties(q, hits, store, fa, asked)
    if _listing_dated(q, doc) and (dated := _record_date_field(rec)) is not None:
        # "When was Hikvision added to the Entity List?": its entry's one date ("Start date: 2019-10-09").
        return FieldAnswer(doc=doc, record=rec, field=dated[0], similarity=float(sims[fields.index(dated[0])]))
    if q.focus and _asks_code(q) and (address := _address_field(store, fields)) is not None:
        # "What is the postal code of X?": a part of X's address (:func:`postal_codes`).
        return FieldAnswer(doc=doc, record=rec, field=address, similarity=float(sims[fields.index(address)]))
    if _asks_place(q, store) and not _asks_place_of_act(q.text) and (place := place_field(fields)) is not None:
        # "Where is X located?": the record's field of places, whatever its label.
        return FieldAnswer(doc=doc, record=rec, field=place, similarity=float(sims[fields.index(place)]))
    return None


def _clause_names_own_parties(q: Question, party: Term, doc: StoredDocument) -> bool:
    """Is ``party`` a name of the words before the asking clause only, when the clause names, besides
    what it asks for, only parties the document's entries are named after ("Ross's Huawei statement,
    the Administration: what license review policy do the *Huawei* entries carry?", a later part of a
    two-part question after what its first part was about)? The lead-in's names say what the question is
    about, the clause whose entry it asks of: "Ross" names no entry."""
    clause = text_keys(asking_clause(q.text))
    if key_in(party.key, clause) or clause == text_keys(q.text):
        return False
    own = [t for t in _entity_terms(q) if key_in(t.key, clause) and t.key not in q.focus]
    names = text_keys(" ".join(r.name.value for r in records(doc.body)))
    return bool(own) and all(key_in(t.key, names) for t in own)


def _unplaced_compound(q: Question, store: IndexStore) -> str | None:
    """The asked noun phrase when a common noun modifies its head ("*telephone* number", "*email*
    address", "*fax* number"; spaCy: a compound) and the answer-kind model gives the whole phrase no
    kind (:func:`answering.kinds.phrase_kind`): what it names is of no kind an address field holds,
    while "*street* address" or "*delivery* address" are places. None otherwise."""
    from .answering.kinds import phrase_kind

    tokens = _focus_tokens(q)
    # (A common noun, not an acronym the tagger calls one: "*FR* page" is a label's initials.)
    if len(tokens) < 2 or not any(t.dep_ == "compound" and t.pos_ == "NOUN" and not t.text.isupper()
                                  and t.i < tokens[-1].i for t in tokens):
        return None
    phrase = " ".join(t.text for t in tokens)
    return phrase if phrase_kind(phrase, store.embedder) is None else None


def _places_put_on_party(q: Question) -> list[str]:
    """The places the question puts the asked party in: spaCy's place entities (GPE, LOC, FAC) that a
    preposition of place (:data:`_PLACE_PREPOSITIONS`) attaches to a name or to a noun WordNet counts
    a party ("Huawei's *affiliate* in Zimbabwe", "Huawei Technologies *Canada* in Markham"; not
    "*exports* in China", nor "What start date does the list *give* in Korvel?")."""
    from .answering.nlp import parse
    from .lexical import names_a_party

    # (A place entity is capitalised: no place preposition before a capital, no parse - most questions.)
    if not re.search(r"\b(?i:%s)\s+(?:the\s+)?[A-Z]" % "|".join(map(re.escape, sorted(_PLACE_PREPOSITIONS))), q.text):
        return []
    doc = parse(q.text, disable=["lemmatizer"])
    out: list[str] = []
    for e in doc.ents:
        if e.label_ not in ("GPE", "LOC", "FAC"):
            continue
        prep = e.root.head
        if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPOSITIONS:
            continue
        head = prep.head
        if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and names_a_party(head.text.lower())):
            out.append(e.text)
    return out


def _holds_place(place: str, text: str) -> bool:
    """Does a record's text hold the place: its words, or its country code as a word of its own ("CN" of
    an address for "China")?"""
    if all(key_in(k, text_keys(text)) for k in text_keys(place)):
        return True
    code = territory_code(place)
    return code is not None and re.search(rf"\b{re.escape(code.lstrip('@').upper())}\b", text) is not None


@functools.lru_cache(maxsize=256)
def _asks_membership(question: str) -> bool:
    """Does the asking clause ask whether something is on or in a list ("Is Dahua Technology *on* a US
    restricted list?"): a yes/no question whose root is the copula with an "on"/"in" phrase? The
    entry's existence answers it - its name line - not a field of it ("License requirement: ...")."""
    return is_polar(question) and _copula_on(question)


@functools.lru_cache(maxsize=256)
def _copula_on(question: str) -> bool:
    """Is the asking clause's root the copula with an "on"/"in" phrase ("Is X *on* the list?",
    "Since when *is* X *on* a US restricted list?"): a state of being on a list, not an act?"""
    doc = _parsed(asking_clause(question))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be":
        return False
    # (The parser may hang the phrase on the subject: "is [Dahua Technology on a ... list]".)
    heads = [root] + [c for c in root.children if c.dep_ == "nsubj"]
    return any(c.dep_ == "prep" and c.lower_ in ("on", "in") for h in heads for c in h.children)


def _acronym_unwritten(q: Question, rec: Record) -> str | None:
    """The noun a "which/what" question asks for when it is an acronym in capitals ("Which *ECCNs*
    ...?") that no line of the asked party's record writes, in full or as its labels' initials
    ("FR" of "Federal Register notice(s)"): the record cannot name such things. None otherwise."""
    noun = _asked_acronym(q.text)
    if noun is None:
        return None
    key = norm_key(noun)
    written = text_keys(" ".join(f"{f.label} {f.value}" for f in rec.fields))
    initials = {"".join(w[0].lower() for w in re.findall(r"[A-Za-z]+", f.label)) for f in rec.fields}
    initials |= {i[:n] for i in initials for n in range(2, len(i))}
    if key_in(key, written) or key in initials or key.rstrip("s") in initials:
        return None
    return noun


@functools.lru_cache(maxsize=256)
def _asked_acronym(question: str) -> str | None:
    """The noun a "which/what" question asks for when it is an acronym in capitals ("Which *ECCNs*
    get case-by-case review ...?"), as written; None otherwise."""
    from .analysis import _clause_doc, _determined_noun

    doc = _clause_doc(question)
    wh = next((t for t in doc[:-1] if t.lower_ in ("which", "what")), None)
    if wh is None:
        return None
    # (Right after the wh-word an acronym is its noun, whatever the tagger reads: "ECCNs" as a verb.)
    after = doc[wh.i + 1]
    noun = after if re.fullmatch(r"[A-Z]{2,}s?", after.text) else _determined_noun(wh) if wh.tag_ == "WDT" else None
    return noun.text if noun is not None and re.fullmatch(r"[A-Z]{2,}s?", noun.text) else None


def _asked_acronym_unquoted(q: Question, picked: list[Candidate]) -> str | None:
    """The acronym a "which/what" question asks for (:func:`_asked_acronym`: "What *RIN* ...", "What
    *CAGE* code ...") when no quoted document writes it (as a word, in capitals) or spells it out
    (:func:`_spelt_out`: "Public Security Bureau" for "PSB"); None otherwise."""
    noun = _asked_acronym(q.text)
    if noun is None or not picked:
        return None
    key = noun[:-1] if noun.endswith("s") and noun[:-1].isupper() else noun
    for doc in {id(c.doc): c.doc for c in picked}.values():
        text = f"{doc.title}\n{doc.body}"
        if re.search(rf"\b{re.escape(key)}s?\b", text) or _spelt_out(key, doc):
            return None
    return noun


def _names_are(acronym: str, names: list[str]) -> bool:
    """Does one of ``names`` write the acronym ("PSB") or spell it out ("Public Security Bureau")?"""
    key = acronym.lower().rstrip("s")
    for name in names:
        words = re.findall(r"[A-Za-z]+", name)
        if any(w.lower().rstrip("s") == key for w in words):
            return True
        caps = [w for w in words if w[:1].isupper()]
        if any("".join(w[0].lower() for w in caps[i:i + len(key)]) == key for i in range(len(caps))):
            return True
    return False


def _field_place_unheld(q: Question, doc: StoredDocument, rec: Record, asked: list[Field]) -> MissingField | None:
    """The asked field's value lacks a name the question puts on the field itself ("What *Beijing*
    address does the list carry for Yitu?", "the address *in Beijing* of ..."): a proper noun that
    modifies the asked noun (a compound or modifier of it, or the object of a place preposition
    attached to it), is none of the record's own names, and narrows the field's values: a word the
    document's values of that field use (another entry's address says "Beijing"; unlike "CSL" of "the
    CSL start date"), a place by spaCy's recogniser, or any name on an address but the list's own
    ("What *Moscow* address ...", not "its *Entity List* address"). Only the one asked field whose
    label holds the asked noun (or the one field asked) is checked. A MissingField saying so, else
    None."""
    if not q.focus:
        return None
    head_key = q.focus[-1]
    fields = [f for f in asked if key_in(head_key, text_keys(f.label))] or (asked if len(asked) == 1 else [])
    if len(fields) != 1:
        return None
    field = fields[0]
    heads = [t for t in _parsed(q.text) if norm_key(t.text) == head_key or t.lower_ == head_key]
    mods = [c for h in heads for c in h.children if c.pos_ == "PROPN" and c.dep_ in ("compound", "nmod", "amod")]
    mods += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in _PLACE_PREPOSITIONS
             for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
    names = text_keys(" ".join(f.value for f in rec.fields if f is rec.name or f.label != field.label))
    title = _title_keys(doc)
    used = text_keys(" ".join(f.value for r in records(doc.body) for f in r.fields[1:] if f.label == field.label))
    places = {e.text for e in mods[0].doc.ents if e.label_ in ("GPE", "LOC", "FAC")} if mods else set()
    # A name qualifying an address is a place ("the *Moscow* address"), known to the recogniser or not.
    address = key_in(norm_key("address"), text_keys(field.label))
    for m in mods:
        # (The name with its own compound words, "Hong Kong"; not what hangs on it: "Beijing *of Yitu*".)
        # Less the party's own names the parser hangs on it ("*hikvision* urumqi address").
        words = sorted([m, *(c for c in m.children if c.dep_ == "compound")], key=lambda t: t.i)
        run = " ".join(t.text for t in words if not all(key_in(k, names) for k in text_keys(t.text)))
        keys = text_keys(run)
        # A word the field's values use, or a place: by the recogniser, or any name on an address but
        # the list's own ("What *Moscow* address ...": no entry's address is in Moscow; "Megvii's
        # *Entity List* address", "its *CSL* address" name the list).
        listed = all(key_in(k, title) for k in keys) or _spelt_out(run, doc, title_only=True)
        if not keys or all(key_in(k, names) for k in keys) or \
                not (all(key_in(k, used) for k in keys) or run in places or (address and not listed)):
            continue
        if not _holds_place(run, field.value):
            return MissingField(doc=doc, record=rec, labels=(field.label,), place=run)
    return None


def _asks_for_party(q: Question) -> bool:
    """Does the question ask which party something is - for a bare "name" ("Under which *name* is
    she listed?"), for a party noun by WordNet ("Which *party* is that an alias of?",
    :func:`_asked_party_noun`), with "whose" or with "who" ("*Whose* entry lists ...?")?"""
    from .lexical import names_a_party

    clause = asking_clause(q.text)
    # (The wh-determiner's own noun too: the parser may leave "listed" out of "which listed party"'s chunk.)
    return q.focus == [norm_key("name")] or _asked_party_noun(clause) is not None or _asks_who(q) \
        or any(t.tag_ == "WP$" or (t.tag_ == "WDT" and t.head.pos_ == "NOUN" and names_a_party(t.head.lemma_.lower()))
               for t in _parsed(clause))


def _asks_for_entry(q: Question, doc: StoredDocument) -> bool:
    """Does the question ask which of the list's records something is ("Which Entity List *entry*
    carries that alias?") - a wh-determiner's noun that the list's title writes as a common noun of
    its own ("Entity List *entries* for the 28 entities ...", lower case: not a word of a name such
    as "List")?"""
    title = {norm_key(w) for w in re.findall(r"(?<![\w-])[a-z][a-z-]+", doc.title)}
    return any(t.tag_ == "WDT" and t.head.pos_ == "NOUN" and t.head.i > t.i and t.head.lower_.islower()
               and norm_key(t.head.text) in title for t in _parsed(asking_clause(q.text)))


def _called_by_other_name(q: Question, doc: StoredDocument, rec: Record, aliases: frozenset[str]) -> bool:
    """Does the question call the record's party by one of its other names: does one of the record's
    other-names lines hold every named word the question writes (its list's own title words aside:
    "Entity List") while its name line lacks one of them ("Anna Zhu" for the entry of Zhu Jiejin)? A
    name only partly held ("Anna Zhou") is another party's."""
    words = _own_name_words(q, doc)
    own = text_keys(rec.name.value)
    # (Any word of the question the name line lacks: the tagger may not take a first name for a name.)
    return any(all(key_in(t.key, keys) for t in words)
               and any(key_in(t.key, keys) and not key_in(t.key, own) for t in q.terms)
               for f in rec.fields[1:] if f.label in aliases for keys in [text_keys(f.value)])


def _own_name_words(q: Question, doc: StoredDocument) -> list[Term]:
    """The named words of the question that are words (not numbers, codes or countries) and not its
    list's own (the document's title words: "Entity List", "June")."""
    # (Every named word: the entity terms may leave out a first name, "Mira" of "Mira Lun".)
    named = {t.key for t in _entity_terms(q)} | {t.key for t in q.terms if t.named}
    return [t for t in q.terms if t.key in named and t.key[:1].isalpha() and not key_in(t.key, _title_keys(doc))]


def _found_by_other_name(q: Question, rec: Record, aliases: frozenset[str]) -> bool:
    """Does an other-names line of the record hold a word of the question its name line lacks (how the
    record was found: "Anna" of "Anna Zhou" for the entry of Zhu Jiejin, alias Anna Zhu)?"""
    own = text_keys(rec.name.value)
    return any(key_in(t.key, text_keys(f.value)) and not key_in(t.key, own)
               for f in rec.fields[1:] if f.label in aliases for t in q.terms)


def _named_whole(q: Question, doc: StoredDocument, rec: Record, aliases: frozenset[str]) -> bool:
    """Does one of the record's names (its name line, an other-names line) hold every named word the
    question writes, its list's own title words aside?"""
    words = _own_name_words(q, doc)
    return any(all(key_in(t.key, text_keys(f.value)) for t in words)
               for f in rec.fields if f is rec.name or f.label in aliases)


def _party_unlisted(q: Question, hits: list[Hit], store: IndexStore, picked: list[Candidate]) -> str | None:
    """The name of the party a question asks a list entry's field of, when no entry names it
    ("What licence review policy applies to ZTE Corporation?", "zte address on entity list?":
    ZTE is named only in a FAR clause, and no record of any list holds it), else None.

    Three things must hold: the asked noun is a field label of the index's records (found among
    the retrieved documents' records, as :func:`_record_field` finds labels); the party's rarest
    name (:func:`_party_term`) is written in the sources but in no record, whichever document
    the keyword index finds it in; and none of the best sentences holds the asked noun (or, for an
    address, gives one: :func:`_gives_address`) and the party, in itself or its document's title
    ("DATE: August 29, 2019" of "PF 2019-33"): a prose sentence may give the fact ("Comments may be
    sent to the Policy Division at 14 Ferry Road" for a division no list carries)."""
    if not q.focus or q.identifier:
        return None
    from .answering.provisions import documents_matching

    record_docs = [doc for _, doc in _retrieved_documents(hits, store) if records(doc.body)]
    if not record_docs and q.kind not in (AnswerKind.DATE, AnswerKind.QUANTITY):
        # None retrieved ("What license review policy applies to ZTE?" finds only the FAR clause that
        # names ZTE): the lists the index holds are found by the asked noun phrase itself. (Not for a
        # date or an amount, whose noun - "From what *date* did the rule apply?" - is the kind of
        # answer, not a field label: "Start date" would make any rule a party without an entry.)
        asked = " ".join(t.text for t in _focus_tokens(q))
        record_docs = [doc for doc in documents_matching(store, asked, limit=20) if records(doc.body)] if asked else []
    if not record_docs:
        return None
    labels = {f.label for doc in record_docs for r in records(doc.body) for f in r.fields[1:]}
    aliases = frozenset(a for doc in record_docs for a in _record_alias_labels(store, records(doc.body)))
    if not _labels_asked(q, labels, aliases):
        return None
    party = _party_term(q, set().union(*(_party_keys(d) for d in record_docs)), known_only=True)
    if party is None or _owns_other_noun(q, party) or _acts_in_question(q.text, party.surface):
        return None
    head = q.focus[-1]
    if any((key_in(head, keys) or (head == norm_key("address") and _gives_address(c.text)))
           and _holds(q, party, keys | _title_keys(c.doc))
           for c, keys in ((c, text_keys(c.text)) for c in picked[:3])):
        return None
    for doc in documents_matching(store, party.surface):
        if any(_holds(q, party, text_keys(doc.body[rec.start:rec.end])) for rec in records(doc.body)):
            return None
    return party.surface


def _acts_in_question(question: str, name: str) -> bool:
    """Is ``name`` the subject of an act the question asks about ("On what date did *Pompeo
    announce* the visa restrictions?": the date of his act, which no list entry's field gives), not
    a party a field is asked of ("What is X's start date?", "When was X added?": a passive subject)?
    From spaCy's parse: a word of the name is the active subject (nsubj) of a verb that is not
    copular or "have"."""
    words = set(name.split())
    return any(t.text in words and t.dep_ == "nsubj" and t.head.pos_ == "VERB"
               and t.head.lemma_.lower() not in _NO_ACT
               for t in _parsed(question))


def _owns_other_noun(q: Question, party: Term) -> bool:
    """Is ``party`` named only as the owner of a noun other than the asked one ("*Pompeo's* press
    statement" in "On what date was Pompeo's press statement ... issued?")? In "X's Y" the thing
    spoken of is Y: the date asked is the statement's, no field of a list entry for Pompeo - unlike
    "ZTE's address", where the owned noun is the asked one."""
    focus = {t.i for t in _focus_tokens(q)}
    owners = [t for t in _parsed(q.text) if t.dep_ == "poss" and norm_key(t.text) == party.key]
    if owners:
        return all(t.head.i not in focus for t in owners)
    # So is a name that modifies a common noun other than the asked one ("the *State Department* press
    # statement": its chain of compounds ends at "statement"); not a name's own words ("ZTE Corporation")
    # nor the asked noun itself ("Huawei address").
    named = [t for t in _parsed(q.text) if t.dep_ == "compound" and norm_key(t.text) == party.key]
    heads = []
    for t in named:
        while t.dep_ == "compound" and t.head is not t:
            t = t.head
        heads.append(t)
    # (A capitalised head is the name's own last word, whatever its tag: "Korvane Radio *Works*".)
    return bool(heads) and all(h.pos_ == "NOUN" and h.text[:1].islower() and h.i not in focus for h in heads)


def _common_word_of_a_name(question: str, word: str, keys: set[str]) -> bool:
    """Is ``word`` a common noun (WordNet) written as one capitalised word of a longer name in the
    question ("EAR Country *Group* E:1"), none of whose other capitalised words are in ``keys`` (a
    record's names)? Then the record's "FiberHome Technologies Group" shares a word, not the name."""
    from .lexical import is_noun

    if not is_noun(word.lower()):
        return False
    words = re.findall(r"[\w:'’.-]+", question)
    for i in (i for i, w in enumerate(words) if w == word):
        # Its capitalised neighbours ("EAR Country Group E:1" -> Country, E:1), none of them the record's.
        near = [x for x in words[max(0, i - 1):i] + words[i + 1:i + 2] if x[:1].isupper() or x[:1].isdigit()]
        if near and not any(key_in(norm_key(x), keys) for x in near if norm_key(x)):
            return True
    return False


def _word_pairs(text: str) -> set[tuple[str, str]]:
    """The pairs of adjacent words of ``text`` (normalised keys), punctuation between them aside."""
    words = [norm_key(w) for w in re.findall(r"[\w'’]+", text)]
    return {(a, b) for a, b in zip(words, words[1:]) if a and b}


def _shared_word_pairs(question: str, rec: Record) -> int:
    """How many adjacent-word pairs of the question the record's field values hold, in order."""
    return len(_word_pairs(question) & {p for f in rec.fields for p in _word_pairs(f.value)})


def _names_exactly(names: list[str], keys: set[str]) -> bool:
    """Is one of a record's names - its name line, a parenthesised short form in it ("(Huawei)"),
    an item of an other-names line ("Anna Zhu; Zhu Jiejin") - made of exactly the words ``keys``?"""
    # (And a name line's words before its parenthesis: "HiSilicon Technologies Co., Ltd (HiSilicon),
    # Bantian Longgang District" names "HiSilicon Technologies Co., Ltd" exactly; the words after
    # the short form are where it is.)
    variants = [v for n in names for v in [n, *re.findall(r"\(([^()]+)\)", n), *n.split(";"), n.split(" (")[0]]]
    return any(text_keys(v) == keys for v in variants if v.strip())


def _label_acronym(label: str) -> str:
    """The initials of a label's capitalised words ("Federal Register notice(s)" -> "FR"); "" for
    fewer than two."""
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", label) if w[0].isupper())
    return initials if len(initials) >= 2 else ""


def _with_label_acronyms(text: str, fields: list[Field], sims):
    """``sims`` with each field whose label's acronym ``text`` writes as a word of its own - not
    in a citation ("85 FR 34497") - raised to ``MIN_FIELD_SIMILARITY``: the embedding model
    does not know that an analyst's "FR cite" is the "Federal Register notice(s)" line."""
    import numpy as np

    # (A citation has numbers on both sides; "the 2019 FR page" names the label.)
    asked = {m.group(0) for m in re.finditer(r"(?<![\w-])[A-Z]{2,5}(?![\w-])", text)
             if not (re.search(r"\d\s*$", text[:m.start()]) and re.match(r"\s*\d", text[m.end():]))}
    if not asked:
        return sims
    hit = np.asarray([bool(_label_acronym(f.label)) and _label_acronym(f.label) in asked for f in fields])
    return np.where(hit, np.maximum(sims, MIN_FIELD_SIMILARITY), sims)


def _label_acronym_asked(q: Question, fields: list[Field]) -> list[int]:
    """The fields whose label's acronym the asking clause writes right before its asked noun ("which
    *FR* page", "the *FR* citation"; :func:`_label_acronym`), by position."""
    heads = [t.text for t in _focus_tokens(q)]
    clause = asking_clause(q.text)
    return [j for j, f in enumerate(fields) if (acr := _label_acronym(f.label))
            and any(re.search(rf"(?<![\w-]){re.escape(acr)}\s+{re.escape(h)}\b", clause) for h in heads[-1:])]


def _conjoined_fields(q: Question, store: IndexStore, fields: list[Field], chosen: int, labels, lines,
                      naming) -> list[tuple[Field, object]]:
    """The fields a question with conjoined asks wants from one record ("licence review policy
    *and* FR cite", "the city in its address, the earliest FR notice cited, and its start date"),
    each with the part of the asking clause (a spaCy span, :func:`_asked_part_spans`) that asks
    for it (None when several parts ask for it), in the question's order: each part's closest field (the measure of
    :func:`_record_field`, with the part in place of the question) when it reaches
    ``MIN_FIELD_SIMILARITY``; a part asking for a part of an address (:func:`_part_of_address`:
    "postal code", "city") takes the address field. Empty for a question of one part, or when
    every part's field is ``chosen`` (the question's own)."""
    import numpy as np

    parts = _asked_part_spans(q)
    if len(parts) < 2:
        return []
    out: list[tuple[Field, object]] = []
    # Each part is measured whole and without the question's names, as the whole question is: a
    # party's name in the part ("the start date shown for Huawei Technologies Research") draws it away
    # from every label.
    texts = [p.text for p in parts] + [_part_without_names(q, p) for p in parts]
    vecs = np.asarray(store.embedder.embed_queries(texts))
    address = _address_field(store, fields)
    for n, part in enumerate(parts):
        sims = np.maximum(*((labels @ pv + np.where(naming, -1.0, lines @ pv)) / 2 for pv in (vecs[n], vecs[len(parts) + n])))
        sims = _with_label_acronyms(part.text, fields, sims)
        j = int(np.argmax(sims))
        if (held := _label_holding(part, fields, naming)) is not None:
            # The one label that writes the part's asked noun, or else its modifier ("what *alternate*
            # spelling": "Alternate names"), names the field, whatever the model makes of the rest.
            j = held
            sims[j] = max(float(sims[j]), MIN_FIELD_SIMILARITY)
        if address is not None and _part_of_address(store, part):
            # "... and postal code": a part of the address, whichever label the words are nearest.
            j = fields.index(address)
            sims[j] = max(float(sims[j]), MIN_FIELD_SIMILARITY)
        if sims[j] < MIN_FIELD_SIMILARITY:
            continue
        k = next((k for k, (f, _) in enumerate(out) if f is fields[j]), None)
        if k is None:
            out.append((fields[j], part))
        else:  # two parts of one field ("the postal code and the city" of an address): all of it
            out[k] = (fields[j], None)
    return out if any(f is not fields[chosen] for f, _ in out) else []


def _label_holding(part, fields: list[Field], naming) -> int | None:
    """The index of the one field (not a naming line) whose label holds the head noun of the part's
    first noun phrase ("the start *date* shown for X": "Start date"), or - when no label holds the
    head - the one whose label holds most of the phrase's modifiers ("what *alternate* spelling":
    "Alternate names"). None when none does, or when several tie."""
    head = _phrase_head(part, names=False)
    if head is None:
        return None
    label_keys = [set() if naming[j] else text_keys(f.label) for j, f in enumerate(fields)]
    by_head = [j for j, keys in enumerate(label_keys) if key_in(norm_key(head.text), keys)]
    if by_head:
        return by_head[0] if len(by_head) == 1 else None
    mods = [norm_key(t.text) for t in head.children if t.dep_ in ("compound", "amod") and t.i < head.i]
    counts = [sum(key_in(m, keys) for m in mods) for keys in label_keys]
    best = max(counts, default=0)
    return counts.index(best) if best > 0 and counts.count(best) == 1 else None


def _phrase_head(span, names: bool = True):
    """The head of a span's first noun phrase (the parser may hang a conjunct's words anywhere, but a
    phrase's modifiers precede its head): its first noun that modifies nothing and is no wh-word; with
    ``names`` False, no word of a named entity either. None when there is none."""
    return next((t for t in span if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod", "nmod", "poss")
                 and t.lower_ not in _WH_WORDS and (names or not t.ent_type_)), None)


def _part_without_names(q: Question, part) -> str:
    """An asked part (a spaCy span) without the words the question names parties by (its named
    terms), as :func:`_without_names` does for the whole question; the part itself when nothing else
    is left."""
    named = {t.surface for t in q.named_terms}
    kept = [t.text for t in part if t.text.strip("'’s") not in named and t.text not in named]
    return " ".join(kept) if kept else part.text


def _with_other_parties(q: Question, hits: list[Hit], store: IndexStore, fa: FieldAnswer,
                        asked: list[tuple[Field, object]]) -> FieldAnswer:
    """``fa`` with the same fields of the other parties the question names, each from its own
    record ("Compare the license review policy on X's entry with the one on Y's"): a name of the
    question (:func:`_party_mentions`) whose every word - the list's own words aside ("EL",
    "Entity List") - the names of one other record of a retrieved list hold, and some of which
    the chosen record lacks (it names another party; the chosen record's own words describe it). A
    party whose record lacks an asked field gets a line saying so: no other field stands in for it."""
    mentions = _party_mentions(q)
    if len(mentions) < 2:
        return fa
    aliases = _record_alias_labels(store, records(fa.doc.body))
    own = text_keys(" ".join([fa.record.name.value] + [f.value for f in fa.record.fields[1:] if f.label in aliases]))
    # Words the chosen record holds anywhere describe the chosen party ("Which *Urumqi* address is
    # recorded for Hikvision?": its address is in Urumqi), whatever other entry they name.
    described = text_keys(fa.doc.body[fa.record.start:fa.record.end])
    found: list[FieldAnswer] = []
    taken = {(fa.doc.doc_id, fa.record.start)}
    for at, run, inner in mentions:
        # (An entity spaCy drew over two names, "Varlen and Dravik", that no record's names hold whole:
        # each run of named words in it on its own.)
        named = _record_named_by(q, hits, store, run, described, taken)
        held = [named] if named is not None or not inner else \
            [_record_named_by(q, hits, store, r, described, taken) for r in inner]
        for doc, rec in (h for h in held if h is not None):
            taken.add((doc.doc_id, rec.start))
            by_label = {f.label: f for f in rec.fields[1:]}
            # A field its record lacks is said to be missing: no other line of it stands in.
            lacking = tuple(f.label for f, _ in asked if f.label not in by_label)
            theirs = [(by_label[f.label], part) for f, part in asked if f.label in by_label]
            values = tuple(_asked_value_of(store, f, part) for f, part in theirs)
            found.append(FieldAnswer(doc=doc, record=rec, field=theirs[0][0] if theirs else rec.name,
                                     similarity=fa.similarity, more=tuple(f for f, _ in theirs[1:]),
                                     values=values if any(v != f.value for v, (f, _) in zip(values, theirs)) else (),
                                     at=at, lacking=lacking))
    if not found:
        return fa
    fa.at = min((q.text.find(r[0].surface) for _, run, inner in mentions for r in [run, *inner]
                 if r and all(key_in(t.key, own) for t in r)), default=0)
    fa.parties = tuple(sorted(found, key=lambda p: p.at))
    return fa


# The prepositions of place (a closed class of English): a name after one names where, not who.
_PLACE_PREPOSITIONS = ("in", "at", "near", "inside", "within", "outside")


def _party_mentions(q: Question) -> list[tuple[int, list[Term], list[list[Term]]]]:
    """The names of parties a question writes, each as (where it starts, its named words, the runs of
    named words inside it): spaCy's organisations and persons, and the runs of named words
    (:func:`_name_run`) no entity of any kind covers (the small model misses "Hikvision"; a run inside
    "Harbin Institute of Technology" is part of that name, "Xinjiang" a place). A name right after a
    preposition of place says where something is ("the Dravik entry *in Ostra*"), whatever the
    tagger made of it."""
    from .answering.nlp import parse

    parsed = parse(q.text, disable=["lemmatizer"])
    runs = list({frozenset(t.key for t in r): r for r in (_name_run(q, t) for t in _entity_terms(q))}.values())

    def starts(run: list[Term]) -> list[int]:
        return [m.start() for t in run if (m := re.search(rf"\b{re.escape(t.surface)}\b", q.text))]

    out: list[tuple[int, list[Term], list[list[Term]]]] = []
    for e in parsed.ents:
        if e.label_ in ("ORG", "PERSON"):
            words = [t for t in q.terms if t.named and key_in(t.key, text_keys(e.text))]
            inner = [r for r in runs if (at := starts(r)) and all(e.start_char <= a < e.end_char for a in at)]
            out.append((e.start_char, words, inner))
    for run in runs:
        at = starts(run)
        if at and not any(e.start_char <= a < e.end_char for a in at for e in parsed.ents):
            out.append((min(at), sorted(run, key=lambda t: q.text.find(t.surface)), []))
    before = {t.idx + len(t.text_with_ws): t.lower_ for t in parsed}
    return sorted((m for m in out if m[1] and before.get(m[0]) not in _PLACE_PREPOSITIONS), key=lambda m: m[0])


def _record_named_by(q: Question, hits: list[Hit], store: IndexStore, run: list[Term], own: set[str],
                     taken: set[tuple[str, int]]) -> tuple[StoredDocument, Record] | None:
    """The record of a retrieved list (not one of ``taken``) whose names hold every word of ``run``
    that is not the list's own (its title's: "EL", "Entity List") when ``own`` (the keys of the chosen
    party's record) lacks one of them; ties go to a record named exactly so, then the shorter name, then
    retrieval order. None when there is none."""
    best: tuple[tuple, StoredDocument, Record] | None = None
    for rank, doc in _retrieved_documents(hits, store):
        words = [t for t in run if not _holds(q, t, _title_keys(doc)) and t.df > 0]
        if not words or all(key_in(t.key, own) for t in words):
            continue  # the list's own words, or the chosen party's own name or description
        aliases = _record_alias_labels(store, records(doc.body))
        for rec in records(doc.body):
            if (doc.doc_id, rec.start) in taken:
                continue
            names = [rec.name.value] + [f.value for f in rec.fields[1:] if f.label in aliases]
            if all(_holds(q, t, text_keys(" ".join(names))) for t in words):
                key = (not _names_exactly(names, {t.key for t in words}), len(rec.name.value), rank)
                if best is None or key < best[0]:
                    best = (key, doc, rec)
    return (best[1], best[2]) if best is not None else None


def _asked_value_of(store: IndexStore, field: Field, part) -> str | None:
    """What of ``field``'s value the asking ``part`` (a spaCy span) asks for: the earliest or latest
    of the items it lists when the part orders them (:func:`_order_asked`, :func:`_ordered_item`: "the
    *earliest* FR notice"), the postal codes of an address when the part asks for a code ("postcode
    and licence review policy": :func:`postal_codes`; None when the address has none), else the whole
    value."""
    if part is None:
        return field.value
    if _names_code([t for t in part if t.pos_ in ("NOUN", "PROPN")]) and _is_address_field(store, field):
        codes = postal_codes(field.value)
        # (Asked with a place too, "the postal code and city": the whole address holds both.)
        if not any(_part_of_address(store, part[k:k + 1]) and not _names_code([part[k]])
                   for k, t in enumerate(part) if t.pos_ == "NOUN"):
            return ", ".join(codes) if codes else None
    order = _order_asked(store, part)
    if order:
        return _ordered_item(field.value, order) or field.value
    return field.value


# The ordinals that are words, not numbers: the ends of any order ("the *first* FR citation", "the *last*
# notice"); every other word that orders is a superlative ("earliest", "most recent"), by its tag.
_END_ORDINALS = ("first", "last")


def _order_asked(store: IndexStore, part) -> int:
    """Does an asking part (a spaCy span) ask for an end of an order - a superlative ("the
    *earliest* notice", "the *most recent* citation") or an ordinal end ("the *first* citation")
    - and which: -1 for the earliest (closer in meaning, by MiniLM, to "earliest" than to
    "latest"), 1 for the latest; 0 when it asks for none."""
    import numpy as np

    words = [t for t in part if t.tag_ == "JJS" or t.lower_ in _END_ORDINALS
             or (t.tag_ == "JJ" and any(c.tag_ == "RBS" for c in t.children))]
    if not words:
        return 0
    w = words[0]
    word = " ".join([c.text for c in w.children if c.tag_ == "RBS"] + [w.text])  # "most recent"
    v, early, late = (np.asarray(x) for x in _sentence_vectors(store, [word.lower(), "earliest", "latest"]))
    return -1 if float(v @ early) >= float(v @ late) else 1


def _ordered_item(value: str, order: int) -> str | None:
    """The earliest (``order`` -1) or latest (1) of the items a field value lists ("84 FR 43495, 85 FR
    29852": ";" or "," between them), by the numbers each holds, compared as tuples (a Federal
    Register citation's volume then page; a date's year, month, day) - not by position: a list's
    editor need not order it. None when the value lists fewer than two items or they do not hold
    numbers alike (as many each), so that their order is unknown."""
    sep = ";" if ";" in value else ","
    items = [re.sub(r"^\s*and\s+", "", i).strip() for i in value.split(sep) if i.strip()]
    keys = [tuple(int(n) for n in re.findall(r"\d+", i)) for i in items]
    if len(items) < 2 or not keys[0] or any(len(k) != len(keys[0]) for k in keys):
        return None
    pick = min if order < 0 else max
    return items[keys.index(pick(keys))]


def _speaks_of_complement(q: Question, doc: StoredDocument, start: int, end: int) -> bool:
    """Does the record at ``doc.body[start:end]`` (or its document's title) speak of what the
    asked noun is *of* ("date *of birth*", "the start date *of the listing*")? A record field
    answers "X of Y" only then: "Start date: 2020-06-05" is no date of birth, however close
    "date of birth" and "Start date" are in meaning. True when the question has no such "of"."""
    if not q.focus_of:
        return True
    keys = text_keys(doc.body[start:end]) | doc_keys(doc)
    return any(key_in(k, keys) for k in q.focus_of)


def _asks_place(q: Question, store: IndexStore) -> bool:
    """A place question: "where", or a focus that names a place ("which *city*", "what
    *country*"), by the answer-kind model (:func:`answering.kinds.phrase_kind`)."""
    if q.kind is AnswerKind.PLACE:
        return True
    from .answering.kinds import phrase_kind

    words = [t.surface for t in q.terms if q.focus and t.key in q.focus]
    named = phrase_kind(" ".join(words), store.embedder) if words else None
    return named is not None and named[0] == AnswerKind.PLACE.value


def _asks_place_of_act(question: str) -> bool:
    """Does a place question ask where something is *done* ("Where is Megvii planning its
    IPO?": its verb has an object) rather than where a party is ("Where is X located?",
    "Which city is given for X?")? From spaCy's dependency parse."""
    from .answering.nlp import parse

    doc = parse(question, disable=["ner", "lemmatizer"])
    return any(t.dep_ in ("dobj", "obj") and t.tag_ not in ("WDT", "WP", "WRB") for t in doc)


# How close to "address" (MiniLM cosine) a record label must be to be the address field:
# "Address" 1.0, "Addresses" 0.82, "Email address" 0.68, "Location" 0.59; "Registered office"
# 0.46, "Website" 0.45, "Country" 0.37, the other CSL labels <= 0.32 ("Entity").
ADDRESS_LABEL_SIMILARITY = 0.55


def _asks_code(q: Question) -> bool:
    """Does the question ask for a code ("postcode", "postal code", "zip"): is its asked noun a
    code by WordNet (a synonym or a kind of "code")?"""
    from .lexical import noun_generalising

    # Its focus head; a question without one ("Urumqi PSB postcode on the entity list?", where the
    # tagger reads "postcode" as a verb), any of its words. Not an address itself: WordNet files
    # one sense of "address" (a computer's) under "code".
    if q.kind not in (AnswerKind.OTHER, AnswerKind.ENTITY, AnswerKind.PLACE):
        return False
    words = [t for t in _parsed(q.text) if (norm_key(t.text) == q.focus[-1] if q.focus else t.is_alpha)]
    return _names_code(words)


def _names_code(words) -> bool:
    """Is one of the spaCy tokens ``words`` a code by WordNet (a synonym or a kind of "code":
    "postcode", "zip") and not an address (WordNet files one sense of "address" under "code")?"""
    from .lexical import noun_generalising

    return any(noun_generalising("code", {w}) is not None and noun_generalising("address", {w}) is None
               for w in {t.lemma_.lower() for t in words} | {t.lower_ for t in words})


def _asked_parts(q: Question) -> list[str]:
    """The conjuncts of the asking clause ("licence review policy *and* postal code"), or one."""
    return [p.text for p in _asked_part_spans(q)]


def _asked_clause_span(q: Question):
    """The asking clause (:func:`analysis.asking_clause`) as a spaCy span."""
    doc = _parsed(asking_clause(q.text))
    return doc[0:len(doc)]


def _asked_part_spans(q: Question) -> list:
    """The conjuncts of the asking clause as spaCy spans (tagged in the clause: alone, "What
    postcode" reads "postcode" as a verb): split at "and", "&", and at a comma of a list - one
    followed (after an optional "and") by a lower-case word ("give the city in its address, the
    earliest FR notice cited, and its start date"), not by a name's next word ("Co., Ltd."). A
    part of names and function words only asks for nothing ("For Bel Huawei Technologies LLC, give
    ..." opens with the party's name). The whole clause when fewer than two parts ask."""
    doc = _parsed(asking_clause(q.text))
    cuts: list[int] = []
    for t in doc:
        if t.lower_ == "and" or (t.text == "&" and t.i + 1 < len(doc) and not doc[t.i + 1].text[:1].isupper()):
            # ("&" between capitals joins a name's words: "Huawei Technologies Research & Development".)
            cuts.append(t.i)
        elif t.text == "," and t.i + 1 < len(doc):
            nxt = doc[t.i + 2] if doc[t.i + 1].lower_ == "and" and t.i + 2 < len(doc) else doc[t.i + 1]
            if nxt.text[:1].islower():
                cuts.append(t.i)
    spans, start = [], 0
    for c in cuts + [len(doc)]:
        span = doc[start:c]
        # (Without the punctuation at its ends.)
        while len(span) and span[-1].is_punct:
            span = span[:-1]
        while len(span) and span[0].is_punct:
            span = span[1:]
        if len(span):
            spans.append(span)
        start = c + 1
    # (Any content word but a name: the tagger may read "FR notices" as verbs.)
    asking = [s for s in spans if any(t.pos_ in ("NOUN", "VERB", "ADJ", "NUM", "ADV") for t in s)]
    if len(asking) > 1:
        # A list introduced by a clause before a dash, colon or semicolon ("Give me the screening record
        # for X - *its alternate names*, the street address, and the start date"): the introduction names
        # the party and asks for nothing of its own; the first item starts after it.
        first = asking[0]
        breaks = [t.i for t in first if t.text in (":", ";") or (t.text in ("-", "–", "—", "--")
                                                                  and t.i > 0 and doc[t.i - 1].whitespace_)]
        if breaks and breaks[-1] + 1 < first.end:
            asking[0] = doc[breaks[-1] + 1:first.end]
    return asking if len(asking) > 1 else [doc[0:len(doc)]]


def _part_of_address(store: IndexStore, part) -> bool:
    """Does an asked conjunct (a string or a spaCy span) ask for a part of an address: a code
    ("postal code", by WordNet) or a place ("city", by the answer-kind model,
    :func:`answering.kinds.phrase_kind`)?"""
    from .answering.kinds import phrase_kind

    nouns = [t for t in (_parsed(part) if isinstance(part, str) else part)
             if t.pos_ in ("NOUN", "PROPN") and not t.ent_type_]
    if _names_code(nouns):
        return True
    head = next((t for t in reversed(nouns) if t.dep_ not in ("compound", "amod")), None)
    kind = phrase_kind(head.text, store.embedder) if head is not None else None
    return kind is not None and kind[0] == AnswerKind.PLACE.value


def _address_field(store: IndexStore, fields: list[Field]) -> Field | None:
    """The first of a record's fields that is its address (:func:`_is_address_field`), or None."""
    return next((f for f in fields if _is_address_field(store, f)), None)


def _asks_locality(q: Question) -> bool:
    """Is the asked noun a place within a country - a city, town or street (WordNet,
    :func:`lexical.names_a_locality`)?"""
    from .lexical import names_a_locality

    head = _focus_head_token(q)
    return head is not None and names_a_locality(head.lemma_.lower())


def _asks_street(q: Question) -> bool:
    """Does the asked noun phrase name a thoroughfare, as its head or a modifier ("*street* address",
    "which *street*"; WordNet, :func:`lexical.names_a_thoroughfare`)?"""
    from .lexical import names_a_thoroughfare

    return any(t.pos_ == "NOUN" and names_a_thoroughfare(t.lemma_.lower()) for t in _focus_tokens(q))


def _only_locality(value: str) -> bool:
    """Is every ";"-separated address of the value a locality and a country only - its last comma part
    a country or territory (rigour), each other part (at most two) one word without a digit ("Milan,
    IT", "Langfang, Hebei, CN")? Such an address names no street, building or number."""
    for address in (p.strip().rstrip(".") for p in value.split(";")):
        parts = [p.strip() for p in address.split(",") if p.strip()]
        if not 2 <= len(parts) <= 3 or territory_code(parts[-1]) is None:
            return False
        if any(len(p.split()) > 1 or re.search(r"\d", p) for p in parts[:-1]):
            return False
    return bool(value.strip())


def _only_territories(value: str) -> bool:
    """Is every ";"-separated address of the value only a country or territory (a code or a name,
    by rigour's territory table: "CU", "JP; CN", "Borduria" is not one)?"""
    parts = [p.strip().rstrip(".") for p in value.split(";") if p.strip()]
    return bool(parts) and all(territory_code(p) is not None for p in parts)


def _is_address_field(store: IndexStore, field: Field) -> bool:
    """Is the record field an address (its label means "address" to MiniLM: "Addresses",
    "Address", "Registered office")?"""
    import numpy as np

    a, b = _sentence_vectors(store, [field.label, "address"])
    return float(np.asarray(a) @ np.asarray(b)) >= ADDRESS_LABEL_SIMILARITY


# A postal code in an address: a comma-separated part that is only a code ("834000", "IP5 3RE",
# "KY1-1104"), or the number that opens the part before a two-letter country code ("9052
# Zwijnaarde, BE"): where postal addresses put it. A part that mixes a code with street words
# ("No. 26", "1306 Room") holds a street or building number, not a postal code.
_CODE_PART = re.compile(r"(?=[A-Z0-9 -]*\d)[A-Z0-9]{2,8}(?:[ -][A-Z0-9]{2,4}){0,2}")
_CODE_BEFORE_COUNTRY = re.compile(r"(\d{4,6})\s+[A-Z][a-z]")


def postal_codes(address: str) -> list[str]:
    """The postal codes of an address field's value (addresses separated by ";"), in order."""
    out: list[str] = []
    for one in address.split(";"):
        parts = [p.strip() for p in one.split(",") if p.strip()]
        for i, part in enumerate(parts):
            if i == 0 and len(parts) >= 3:
                continue  # an address opens with its street or building number ("36-38, quai du Point du Jour")
            if _CODE_PART.fullmatch(part) and not part.isalpha():
                out.append(part)
            elif i == len(parts) - 2 and re.fullmatch(r"[A-Z]{2}", parts[-1]) and (m := _CODE_BEFORE_COUNTRY.match(part)):
                out.append(m.group(1))
    return [c for c in dict.fromkeys(out) if not re.fullmatch(r"[A-Z]{2,3}", c)]


# The most entries a record fact may single out (:func:`_record_holding`): past it, the fact
# describes a part of the list ("a GB address"), which a list question over the list answers.
MAX_HOLDERS = 10


def _record_holding(q: Question, hits: list[Hit], store: IndexStore
                    ) -> tuple[StoredDocument, list[tuple[Record, Field]]] | None:
    """The one record whose field *values* hold the party-like name a "which X" question gives
    ("Which British company with an *Ipswich* address was added ...?": the entry whose address
    says Ipswich): a question that describes a listed party by a fact of its record, not by its
    name. The name is the question's rarest own name (:func:`_party_term`); no record's name or
    other-names line may hold it (then the question names the party), and one record's other
    fields must, or a few records' (at most ``MAX_HOLDERS``): the document and each
    ``(record, field)``. None otherwise."""
    # (Or "who": "Who is listed at Qian Hai West Rd.?" describes the party by its address as well.)
    if q.kind not in (AnswerKind.ENTITY, AnswerKind.LIST) or not (q.focus or _asks_who(q)):
        return None
    for _, doc in _retrieved_documents(hits, store):
        recs = records(doc.body)
        if len(recs) < 2:
            continue
        party = _party_term(q, _party_keys(doc), known_only=True)
        if party is None:
            continue
        # A description of several words holds whole ("Qian Hai West Rd.": a "West Road" elsewhere
        # is another entry's).
        run = [t for t in _name_run(q, party) if not t.key.isdigit()] or [party]
        others = [r for t in q.named_terms if t not in run and len(r := _name_run(q, t)) >= 2]
        if any(all(key_in(t.key, text_keys(rec.name.value)) for t in r) for r in others for rec in recs):
            # The question names a listed party by a run of two or more words of its name ("Which
            # ECCNs get case-by-case review for the *Varlen Computing Research Centre*?"): it asks
            # about that party, not for the party whose fields hold its other words.
            return None
        aliases = _record_alias_labels(store, recs)
        holding: list[tuple[Record, Field]] = []
        for rec in recs:
            names = [rec.name] + [f for f in rec.fields[1:] if f.label in aliases]
            if any(_holds(q, party, text_keys(f.value)) for f in names):
                # The question names this party: its fields are :func:`_record_field`'s - unless it asks
                # for a list of the parties so named ("List every party whose name starts with Harbin
                # citing 85 FR 34497").
                return _records_named(q, doc, recs)
            # (Word by word, not through an acronym: "approved Validated End-Users" is no "Ave" of an
            # address.)
            field = next((f for f in rec.fields[1:] if f not in names
                          and all(key_in(t.key, text_keys(f.value)) for t in run)), None)
            if field is not None:
                holding.append((rec, field))
        if holding:
            # Several entries may hold it (two entries of one company at one address): each is named.
            return (doc, holding) if len(holding) <= MAX_HOLDERS else None
    return None


def _records_named(q: Question, doc: StoredDocument, recs: tuple[Record, ...]
                   ) -> tuple[StoredDocument, list[tuple[Record, Field]]] | None:
    """For a list question asking for parties ("List every *party* whose name starts with Harbin ...",
    "Which *entities* named Harbin cite 85 FR 34497?"), the records whose name line holds every one
    of the question's own name words (:func:`_own_name_words`) and whose fields hold every number of
    it its list's title does not (the notice "85 FR 34497": cited by the field that holds it, else
    by the name line), at most ``MAX_LIST_ITEMS``; None for any other question, or when no record
    holds them all."""
    from .lexical import names_a_party

    if q.kind is not AnswerKind.LIST or not q.focus:
        return None
    head = next((t for t in reversed(_focus_tokens(q)) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or not (head.lemma_.lower() == "name" or names_a_party(head.lemma_.lower())):
        return None
    words = _own_name_words(q, doc)
    title = _title_keys(doc)
    numbers = [t for t in q.terms if t.key.isdigit() and not key_in(t.key, title)]
    if not words:
        return None
    holding: list[tuple[Record, Field]] = []
    for rec in recs:
        if not all(key_in(t.key, text_keys(rec.name.value)) for t in words):
            continue
        cited = [next((f for f in rec.fields[1:] if key_in(t.key, text_keys(f.value))), None) for t in numbers]
        if all(f is not None for f in cited):
            holding.append((rec, cited[0] if cited else rec.name))
    return (doc, holding) if 0 < len(holding) <= MAX_LIST_ITEMS else None


def _asks_who(q: Question) -> bool:
    """Does the question's asking clause open with "who" or "whom"?"""
    return re.match(r"\s*(?:who|whom)\b", asking_clause(q.text), re.I) is not None


def _holder_answer(question: str, doc: StoredDocument, holding: list[tuple[Record, Field]]) -> Answer:
    """Lead with the names of the records' parties, each marked with its name line's quote;
    cite, after each name line, the field that holds what the question described it by."""
    citations: list[Citation] = []
    names: list[str] = []
    for rec, field in holding:
        citations.append(make_citation(doc, rec.name.start, rec.name.end, n=len(citations) + 1))
        names.append(f"{rec.name.value} [{citations[-1].n}]")
        if field is not rec.name:
            citations.append(make_citation(doc, field.start, field.end, n=len(citations) + 1))
    text = _compose("; ".join(names), citations, [])
    return Answer(text=text, abstained=False, citations=citations, question=question, backend="extractive")


# A memo's header line: a label of capitals, a colon, its value ("TO: HCAs/Procurement Directors",
# "FROM: Director, Contract and Financial Assistance Policy Division").
_HEADER_LINE = re.compile(r"^[ \t]*([A-Z]{2,8})[ \t]*:[ \t]*(\S[^\n]*)$", re.M)


def _asked_prepositions(q: Question) -> set[str]:
    """The prepositions whose object the question asks for, from spaCy's parse: one governing the
    wh-word ("*To* whom was the flash addressed?") or left without an object ("Who is the flash
    addressed *to*?"), when it asks for a party ("whom", "which *office*"; not "from what *date*");
    and "from" for a which-organisation subject of a main verb with an object ("*Which division*
    sent PF 2019-33?": what the document is from), or for a "who" subject of one whose object is a
    thing named by a proper noun or a number ("*Who issued* PF 2019-33?": its issuer, whom a FROM
    line names; not a relative "who": "the Director *who issued* it")."""
    from .lexical import names_an_organisation

    doc = _parsed(asking_clause(q.text))

    def party(wh) -> bool:
        # "whom", or "which/what <noun>" whose noun is an organisation ("which *office*"; not "what *date*")
        return wh.lower_ in ("who", "whom") or (wh.tag_ == "WDT" and wh.head.pos_ == "NOUN"
                                                  and names_an_organisation(wh.head.lemma_.lower()))

    out: set[str] = set()
    for t in doc:
        # (The tagger may tag a preposition "to" TO: "...: *to* whom was it addressed?")
        if (t.tag_ == "IN" or (t.tag_ == "TO" and t.dep_ == "prep")) and t.dep_ in ("prep", "ROOT"):
            objs = [c for c in t.children if c.dep_ in ("pobj", "pcomp")]
            # (Right before the wh-word too, however the parser hangs it: "*To* whom was alert HA
            # 2023-07 addressed?")
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            # (Left without an object only when the wh-word asks for a party: "What dollar amount is
            # the threshold referred *to* ...?" asks for an amount, not an addressee.)
            stranded = not objs and any(w.tag_ in ("WP", "WDT") and party(w) for w in doc)
            if stranded or any(o.tag_ == "WP" and party(o) for o in objs) or \
                    (nxt is not None and nxt.tag_ in ("WP", "WDT") and party(nxt)):
                out.add(t.lower_)
        # (Which organisation did it: not a bare "who", which asks for a person.)
        if t.pos_ == "VERB" and t.dep_ != "relcl" and any(c.dep_ == "dobj" for c in t.children) and any(
                c.dep_ == "nsubj" and any(g.tag_ == "WDT" and party(g) for g in c.children) for c in t.children):
            out.add("from")
        # Who did something to a named thing ("Who issued PF 2019-33?"): the one it is from. (Named by
        # a proper noun or a number: "who issued *the guidance*" may ask for anyone; and not when a
        # person's name is asked: "Who signed it? I need the name", which an office does not give.)
        if t.pos_ == "VERB" and t.dep_ != "relcl" and not _asks_person_name(q.text) and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in t.children) \
                and any(c.dep_ == "dobj" and any(w.pos_ in ("PROPN", "NUM") for w in c.subtree) for c in t.children):
            out.add("from")
    return out


def _header_line_answer(question: str, q: Question, hits: list[Hit], store: IndexStore) -> Answer | None:
    """A memo header line answers who a document is addressed to or from: the line of the first
    retrieved document named by the question (:func:`_named_header_line`) whose label is the
    preposition the question asks for (:func:`_asked_prepositions`; "TO:", "FROM:"), and that
    names a person when the question asks for a role's holder. None when there is none."""
    preps = _asked_prepositions(q)
    if not preps:
        return None
    # A question for a person's name ("Who is the Director who issued it?") is not answered by a
    # line that gives an office ("FROM: Director, ... Division").
    return _named_header_line(question, q, hits, store, lambda m: m.group(1).lower() in preps and (
        not _asks_role_holder(q) or bool(_persons_named(m.group(2)))))


def _label_named_answer(question: str, q: Question, hits: list[Hit], store: IndexStore) -> Answer | None:
    """A header line whose label the question writes as the document does ("What date does the
    guide give under *DATES*?" of "DATES: August 13, 2019."): the line's value, from the first
    retrieved document the question names (:func:`_named_header_line`). Only a word the question
    writes in capitals, as a label is written, and that labels a line of that document ("FAC"
    labels none). None when there is none."""
    labels = set(re.findall(r"\b[A-Z]{2,8}\b", asking_clause(q.text)))
    if not labels:
        return None
    return _named_header_line(question, q, hits, store, lambda m: m.group(1) in labels)


def _named_header_line(question: str, q: Question, hits: list[Hit], store: IndexStore,
                       wanted: Callable[[re.Match], bool]) -> Answer | None:
    """The value of the first header line ("LABEL: value", :data:`_HEADER_LINE`) that ``wanted``
    accepts, of the first retrieved document the question names (its title holds one of the
    question's names: a header speaks for its own document), quoted as the answer; None when
    there is none."""
    named = _entity_terms(q)
    if not named:
        return None
    for _, doc in _retrieved_documents(hits, store):
        if not any(key_in(t.key, _title_keys(doc)) or t.key in acronym_keys(q.terms, _title_keys(doc))
                   for t in named):
            continue
        m = next((m for m in _HEADER_LINE.finditer(doc.body) if wanted(m)), None)
        if m is not None:
            citations = [make_citation(doc, m.start(1), m.end(2), n=1)]
            return Answer(text=_compose(m.group(2).strip(), citations, [1]), abstained=False,
                          citations=citations, question=question, backend="extractive")
    return None


@dataclass(frozen=True)
class AskedNoun:
    """A noun the question asks for: the keys of its phrase (modifiers, then the head) and the
    head's lemma (for WordNet)."""

    keys: tuple[str, ...]
    lemma: str


def _noun_phrase(noun) -> AskedNoun:
    """The asked noun of a spaCy token, with the compound and adjective modifiers before it."""
    mods = [t for t in noun.children if t.dep_ in ("compound", "amod", "nmod") and t.i < noun.i]
    return AskedNoun(keys=tuple(norm_key(t.text) for t in mods) + (norm_key(noun.text),), lemma=noun.lemma_.lower())


def _asked_nouns(q: Question) -> list[AskedNoun]:
    """The nouns the question asks for, from spaCy's parse of its asking clause: one per conjunct
    when it asks for several ("the case number *and* the analyst", :func:`_asked_part_spans`) -
    each conjunct's own head noun - else the focus (:attr:`Question.focus`), else the noun "who"
    is equated with ("who is the *analyst*") or named as ("who is listed as the *analyst*": the
    object of "as" after a verb whose subject is "who"). [] when it asks for none of these."""
    from .lexical import noun_base

    parts = _asked_part_spans(q)
    if len(parts) > 1:
        nouns = []
        for span in parts:
            # (The head of the part's first noun phrase: the parser may hang a conjunct's words
            # anywhere - "*analyst* are listed for ..." - but a phrase's modifiers precede its head.)
            head = _phrase_head(span)
            if head is None:
                return []  # a part asking in some other way: not one of a row's cells
            nouns.append(_noun_phrase(head))
        return nouns
    doc = _parsed(asking_clause(q.text))
    if q.focus:
        head = next((t for t in doc if t.pos_ in ("NOUN", "PROPN") and norm_key(t.text) == q.focus[-1]), None)
        return [AskedNoun(keys=tuple(q.focus), lemma=head.lemma_.lower() if head is not None else noun_base(q.focus[-1]))]
    noun = next((c for c in _who_is_terms(doc) if c.pos_ == "NOUN"), None)
    if noun is None:
        noun = next((o for t in doc if t.pos_ == "VERB" and any(c.lower_ == "who" and c.dep_.startswith("nsubj")
                                                                for c in t.children)
                     for a in t.children if a.dep_ == "prep" and a.lower_ == "as"
                     for o in a.children if o.dep_ == "pobj" and o.pos_ == "NOUN"), None)
    return [] if noun is None else [_noun_phrase(noun)]


def _header_fit(header: str, asked: AskedNoun) -> int | None:
    """How well a column header names the asked noun: None when its head word (its last) is not the
    asked head - by key ("Analyst", "analyst") or a shared WordNet sense ("Subject", "topic") -
    else the number of the asked phrase's modifiers it also holds ("FAR case" for "FAR case": 1)."""
    from .lexical import noun_base, noun_synonyms

    words = re.findall(r"[A-Za-z][\w'’-]*", header)
    if not words:
        return None
    keys = [norm_key(w) for w in words]
    if keys[-1] != asked.keys[-1] and not noun_synonyms(noun_base(words[-1].lower()), asked.lemma):
        return None
    return sum(k in keys[:-1] for k in asked.keys[:-1])


def _asked_header(table, asked: AskedNoun) -> str | None:
    """The one header of ``table`` that names the asked noun best (:func:`_header_fit`); None when
    none does or two do equally (which column is asked is then not known)."""
    fits = sorted(((f, h.text) for h in table.headers if (f := _header_fit(h.text, asked)) is not None), reverse=True)
    if not fits or (len(fits) > 1 and fits[0][0] == fits[1][0]):
        return None
    return fits[0][1]


def _asked_row(q: Question, table, headers: set[str]):
    """The row the question identifies: the one whose cells outside the asked columns share the most
    of the question's terms (by weight: "the *telecom prohibition* case", "FAR case *2018-017*").
    None when no row shares any, or two share equally (which row is asked is then not known)."""
    scored = []
    for row in table.rows:
        keys = set().union(*(text_keys(c.text) for c in row.cells if c.header not in headers))
        scored.append((sum(t.weight for t in q.terms if key_in(t.key, keys)), row))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] <= 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def _table_cell_answer(question: str, q: Question, picked: list[Candidate]) -> Answer | None:
    """A question asking for a column's value for a row of a plain-text table ("Who is the analyst
    for FAR case 2018-017?" over "Subject  FAR case  Analyst" / "*Prohibition on ...  2018-017
    Francis.") leads with that cell, marked with a verbatim quote of the header and the row
    (:mod:`answering.tables`). The table is one of the best quotes' documents' (in their order);
    every noun asked (:func:`_asked_nouns`) must be one of its headers, and the row one the
    question identifies by its other cells (:func:`_asked_row`). None otherwise: an asked noun that
    is no header, an ambiguous column or row, or prose."""
    from .answering.tables import tables

    asked = _asked_nouns(q)
    if not asked:
        return None
    seen: set[str] = set()
    for c in picked:
        doc = c.doc
        if doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        for table in tables(doc.body):
            headers = [_asked_header(table, a) for a in asked]
            if None in headers or len(set(headers)) < len(headers):
                continue
            row = _asked_row(q, table, set(headers))
            if row is None:
                continue
            cells = [row.cell(h) for h in headers]
            qkeys = text_keys(q.text)
            if any(cell is None or text_keys(cell.text) <= qkeys for cell in cells):
                # (An empty cell answers nothing; a cell the question already states is not asked.)
                continue
            head, last = table.headers[0], table.headers[-1]
            if row.end - head.start <= MAX_QUOTE_CHARS:
                # The header line and the row in one quote: which column the value is under shows.
                citations = [make_citation(doc, head.start, row.end, n=1)]
            else:
                citations = [make_citation(doc, row.start, row.end, n=1), make_citation(doc, head.start, last.end, n=2)]
            for other in picked:
                if other.doc.doc_id == doc.doc_id and other.start < citations[0].end and citations[0].start < other.end:
                    continue  # (the table quoted already)
                s, e = _trim(other.doc.body, other.start, other.end, q)
                citations.append(make_citation(other.doc, s, e, n=len(citations) + 1))
            log.info("table cell: %s of row at %d of %s", headers, row.start, doc.source)
            if len(cells) == 1:
                lead = f"{cells[0].text} [1]"
            else:
                lead = "\n".join(f"{h}: {cell.text} [1]" for h, cell in zip(headers, cells))
            return Answer(text=_compose(lead, citations, []), abstained=False, citations=citations,
                          question=question, backend="extractive")
    return None


def _field_answer(question: str, fa: FieldAnswer, lead: str | None = None) -> Answer:
    """Lead with the field's value (or ``lead``, a part of it); cite the field line and the
    record's name line (which party it belongs to). With other parties (``fa.parties``), one line
    per party and field, each party named, in the question's order."""
    if fa.parties and lead is None:
        return _parties_answer(question, fa)
    citations = [make_citation(fa.doc, fa.field.start, fa.field.end, n=1)]
    citations += [make_citation(fa.doc, f.start, f.end, n=2 + k) for k, f in enumerate(fa.more)]
    if fa.field is not fa.record.name:  # (the name line cited once)
        citations.append(make_citation(fa.doc, fa.record.name.start, fa.record.name.end, n=len(citations) + 1))
    shown = fa.values or tuple(f.value for f in (fa.field, *fa.more))
    if fa.more and lead is None:
        # One line per asked field, each marked with its own quote; a part the value lacks (an
        # address without a postal code) is said to be missing, not stood in for by the value.
        text = _compose("\n".join(f"{f.label}: {v} [{n}]" if v is not None else
                                  f"The sources don't say: the “{f.label}” line holds no such part"
                                  for n, (f, v) in enumerate(zip((fa.field, *fa.more), shown), 1)), citations, [])
    else:
        text = _compose(lead or shown[0] or fa.field.value, citations, [1])
    return Answer(text=text, abstained=False, citations=citations, question=question, backend="extractive")


def _items_holding_asked(q: Question, fa: FieldAnswer) -> str | None:
    """The items of a field of several ("Addresses: <a>; <b>; <c>") that hold a name the question
    restricts it by and the party's name lacks ("Which of Hikvision's listed addresses are *in
    Urumqi*?": the one address that writes Urumqi), joined as the field writes them; None when the
    field holds one item, the question restricts by no such name, or every item (or none) holds it."""
    if fa.more or fa.parties or fa.values or fa.field is fa.record.name:
        return None
    items = [i.strip() for i in fa.field.value.split(";") if i.strip()]
    if len(items) < 2:
        return None
    own = text_keys(fa.record.name.value)
    asked = [t for t in _entity_terms(q) if not key_in(t.key, own)]
    held = [i for i in items if any(key_in(t.key, text_keys(i)) for t in asked)]
    return "; ".join(held) if held and len(held) < len(items) else None


def _parties_answer(question: str, fa: FieldAnswer) -> Answer:
    """The asked fields of several parties' records: a line per party and field ("<party>: <label>:
    <value> [n]"), each marked with its field line's quote, every party's name line cited after its
    fields."""
    citations: list[Citation] = []
    lines: list[str] = []
    for p in sorted((fa, *fa.parties), key=lambda x: x.at):
        fields = (p.field, *p.more) if p.field is not p.record.name else ()
        lines += [f"{p.record.name.value}: the sources don't say: its entry has no “{label}” line" for label in p.lacking]
        for f, v in zip(fields, p.values or tuple(f.value for f in fields)):
            citations.append(make_citation(p.doc, f.start, f.end, n=len(citations) + 1))
            lines.append(f"{p.record.name.value}: {f.label}: {v} [{citations[-1].n}]" if v is not None else
                         f"{p.record.name.value}: the sources don't say: the “{f.label}” line holds no such part")
        citations.append(make_citation(p.doc, p.record.name.start, p.record.name.end, n=len(citations) + 1))
    return Answer(text=_compose("\n".join(lines), citations, []), abstained=False, citations=citations,
                  question=question, backend="extractive")


def _is_heading(text: str) -> bool:
    """A title or heading line: no closing punctuation and mostly capitalised words."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words or text.rstrip()[-1:] in ".!?\"”’':;)":
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps / len(words) >= 0.6


_ALIAS_AFTER = re.compile(r"^\s*\([^()]{1,40}\)")


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    if _is_address(text):
        return []
    # A month ("March 2021") is capitalised but names no party: it would join the next names' run.
    names = [n for n in find_names(text) if n[2].split()[0].lower() not in MONTHS]
    # A name's abbreviation in brackets right after it ("General Services Administration (GSA), ...")
    # belongs to that name: it is not an item, and the list goes on after it.
    names = [n for n in names if not (text[max(0, n[0] - 1):n[0]] == "(" and text[n[1]:n[1] + 1] == ")")]
    runs: list[list[tuple[int, int, str]]] = []
    for n in names:
        gap = _ALIAS_AFTER.sub("", text[runs[-1][-1][1]:n[0]]) if runs else ""
        if runs and _ENUM_GAP.match(gap) and not _GAP_PREP.search(gap):
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def _enumerations(text: str, qkeys: set[str], head: str | HeadMatch | None = None,
                  linked_only: bool = False, headed: bool = False,
                  by_head: set[str] | None = None) -> list[list[str]]:
    """Runs of names listed together ("A, B, C and D") in a sentence; with
    ``linked_only``, only runs tied to the focus head (with ``headed``, also runs whose
    names the head heads, :func:`_names_headed`; the names of those runs are added to
    ``by_head`` when given)."""
    out = []
    for run in _runs(text):
        only_headed = False
        if linked_only and not _linked(text, run, head):
            if not (headed and _names_headed(text, run, head)):
                continue
            only_headed = True
        flat: list[str] = []
        for start, _, name in run:
            flat += _split_and(name, text, start)
        flat = [n for n in flat if not all(key_in(norm_key(w), qkeys) for w in n.split())]
        if len(flat) >= 2:
            out.append(flat)
            if only_headed and by_head is not None:
                by_head.update(flat)
    return out


def _nearest(matches: list[tuple[int, int, str]], text: str, q: Question) -> str | None:
    """The match closest to the question's terms in ``text``."""
    if not matches:
        return None
    anchors = _surface_positions(q, text) or [0]
    return min(matches, key=lambda m: min(abs(m[0] - a) for a in anchors))[2]


_MAX_GAP_WORDS = 10
_FIELD_LABEL = re.compile(r"^\s*([A-Z][\w ()/-]{1,40}):\s+\S")
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "final", "initial", "proposed", "latest",
                  "original", "amended", "revised")


@functools.lru_cache(maxsize=1)
def _ordinals() -> frozenset[str]:
    """Keys of the ordinal-like words. Computed on first use, not at import: ``norm_key``
    reads spaCy's lemma tables, so a module-level set loaded the spaCy model on import."""
    return frozenset(norm_key(w) for w in _ORDINAL_WORDS)


@functools.lru_cache(maxsize=1024)
def _source_keys(question: str) -> frozenset[str]:
    """The keys of the words that only name where the answer is to come from — "*according to
    Reuters*", "*per the CSL*" (:func:`analysis.source_phrases`) — not the party asked about. They
    still help find the sentence ("per Reuters' August report": "Reuters reported in August ...")."""
    return frozenset(k for phrase in source_phrases(question) for w in phrase.split() if (k := norm_key(w)))


@functools.lru_cache(maxsize=1024)
def _degree_keys(question: str) -> frozenset[str]:
    """The keys of the words "how" asks the degree of ("how *large*", "how *soon*", "how
    *long*"; spaCy's parse: the adjective or adverb "how" modifies): they name the measure
    asked for, not a word the answer stands next to ("the world's *largest* maker")."""
    doc = _parsed(question)
    return frozenset(k for t in doc if t.lower_ == "how" and t.dep_ == "advmod" and t.head.i != t.i
                     and t.head.pos_ in ("ADJ", "ADV") and (k := norm_key(t.head.text)))


# An enumerator opening an item of a legal text: "(ii)", "(b)", "(3)"; roman, letter or digit.
_ENUMERATOR = re.compile(r"[ \t]*\(([ivxlc]{1,6}|[a-z]|\d{1,3})\)")


def _enumerator_style(label: str) -> str:
    return "digit" if label.isdigit() else "roman" if re.fullmatch(r"[ivxlc]+", label) and label != "c" else "letter"


def _lead_in(c: Candidate) -> str | None:
    """:func:`_item_lead_in` of a candidate sentence."""
    return _item_lead_in(c.doc.body, c.start)


def _item_lead_in(body: str, start: int, max_lines: int = 12) -> str | None:
    """The line that introduces the enumerated item that opens at ``start`` ("(2) The Contractor shall report
    the following information ..." for "(i) Within one business day ..." and for "(ii) Within 10
    business days ..."): the nearest line before it that is not an item of the same level (by
    the enumerator's style: roman, letter, digit). None when no item opens at ``start`` or the
    lead-in is not within ``max_lines`` lines."""
    line_start = body.rfind("\n", 0, start) + 1
    m = _ENUMERATOR.match(body, line_start)
    if m is None or start > m.end() + 1:
        return None
    style = _enumerator_style(m.group(1))
    end = line_start - 1
    for _ in range(max_lines):
        if end <= 0:
            return None
        begin = body.rfind("\n", 0, end) + 1
        line = body[begin:end]
        end = begin - 1
        if not line.strip():
            continue
        sibling = _ENUMERATOR.match(line)
        if sibling is not None and _enumerator_style(sibling.group(1)) == style:
            continue  # an earlier item of the same list
        return line
    return None


def _anchors(q: Question, text: str) -> list[tuple[int, set[str]]]:
    """Words of ``text`` that match question terms: ``(offset, term keys)``; an
    acronym ("IPO") stands for the terms it abbreviates ("initial public offering").
    The word "how" asks the degree of ("how *large*") ties nothing."""
    degree = _degree_keys(q.text)
    acronyms: dict[str, set[str]] = {}
    for i in range(len(q.terms)):
        for j in range(i + 2, min(len(q.terms), i + 5) + 1):
            acronyms["".join(t.surface[0].lower() for t in q.terms[i:j])] = {t.key for t in q.terms[i:j]}
    out = []
    for m in re.finditer(r"[\w'’.-]+", text):
        word = m.group(0)
        key = norm_key(word)
        hit = {t.key for t in q.terms if key_in(t.key, {key})}
        if word.isupper() and word.lower() in acronyms:
            hit |= acronyms[word.lower()]
        hit -= degree
        if hit:
            out.append((m.start(), hit))
    return out


def _preferred_units(q: Question, values: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """The figures of ``text`` that can answer the question's unit (the unit model's
    ``q.units``). When the model is sure of the unit ("what *share* of its sales", "what is
    the *dollar value*"), only figures of that unit (for a count or a measure, also figures of
    no known unit): a section number or a count does not answer a question about money. Otherwise the
    figures of the likeliest unit among those present, or all of them."""
    if q.kind is not AnswerKind.QUANTITY or not q.units:
        return values
    from .answering.units import figure_unit, preferred, sure_unit

    units = [figure_unit(text, v[0], v[1]) for v in values]
    sure = sure_unit(q.units)
    if sure is not None:
        same = [v for v, u in zip(values, units) if u == sure]
        if not same and sure == "money" and q.focus:
            # "How much was Xiamen Meiya's overseas *revenue*?" of "its overseas revenue was less than
            # 1% of total *revenue*": a share of a whole of the asked kind states the asked amount
            # (as a part of that whole); a share of anything else ("12% of its staff") does not.
            same = [v for v, u in zip(values, units) if u == "percent" and _share_of(text, v[1], q.focus[-1])]
        if same or sure in ("money", "percent"):
            # An amount of money or a percentage is written with its currency or "%"/"percent"
            # (spaCy tags it); a bare count may have no tag, so a count question keeps those.
            return same
        return [v for v, u in zip(values, units) if u is None]
    best = preferred(q.units, {u for u in units if u})
    return [v for v, u in zip(values, units) if u == best] or values


# After a percentage: the whole it is a share of ("1% *of total revenue*", "12 percent of its sales").
_SHARE_OF = re.compile(r"\s*(?:percent|per cent)?\s+of\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)")


def _share_of(text: str, end: int, head: str) -> bool:
    """Is the percentage ending at ``text[:end]`` a share of a whole the noun ``head`` (a key) names
    ("1% of total *revenue*"), within its "of" phrase's first four words?"""
    m = _SHARE_OF.match(text, end)
    return m is not None and key_in(head, text_keys(m.group(1)))


def _about_main_name(q: Question, c: Candidate, whole_doc: bool = False, sentence_only: bool = False,
                     by_run: bool = True, spelt: bool = False, descriptors_aside: bool = False) -> bool:
    """Is the sentence (with its record heading, document title and date; with
    ``whole_doc``, its whole document) about the question's most specific name —
    the named term with the highest IDF weight, months and numbers aside, of those in
    the asking clause if any? With ``sentence_only``, the sentence's own words alone.
    True when the question names nothing. ``by_run``: found by any word of the name's run in the
    question ("Xiamen Meiya"); else by that name itself. ``spelt``: an acronym the document's title
    spells out ("FAR": "Federal Acquisition Regulation: ...") counts as found. ``descriptors_aside``: a
    compound describing by a relation to a name ("the rule adding the *Xinjiang-related* entities",
    q.descriptors) is not the name, when another is."""
    named = _entity_terms(q)
    if not named:
        return True
    # The party the asking clause names is the one asked about ("Hikvision's market value: what
    # is *Dahua's*?"); the words before it only set the topic.
    asked = _clause_keys(q.text)
    named = [t for t in named if t.key in asked] or named
    # "according to Reuters" names the source, not the party asked about.
    named = [t for t in named if t.key not in _source_keys(q.text)] or named
    if descriptors_aside:
        named = [t for t in named if t.key not in q.descriptors] or named
    publisher = _publisher_keys(getattr(c.doc, "publisher", "") or "")
    if any(t.key in publisher for t in named):
        # So does the quote's publisher, when the question names another party its document speaks
        # of ("What market value did *Reuters* report for iFlytek?", asked of a Reuters story): a
        # proper name, not capitalised dictionary words ("BIS's *Office of Export Enforcement*").
        from .lexical import is_wordnet_word

        named = [t for t in named if t.key not in publisher and key_in(t.key, doc_keys(c.doc))
                 and not is_wordnet_word(t.surface.lower())] or named
    main = max(named, key=lambda t: t.weight)
    # A code names a document, not a party its sentence must write ("the final rule in docket
    # 190925-0044", "the July 2020 rule (RIN 0694-AI15)": the docket line heads the rule, the count
    # is in its summary): the document holding it is what the question is about.
    # So does a word that labels a number ("*Section* 889", "*Part* 744"): with its number, it names the
    # provision, which the document holding that number is about.
    labelled = re.search(rf"(?<![\w-]){re.escape(main.surface)}\s+(\d[\w.-]*\w)", q.text)
    code = (any(ch.isdigit() for ch in main.surface)
            or (labelled is not None and key_in(norm_key(labelled.group(1)), c.context_keys | doc_keys(c.doc)))) \
        and not sentence_only
    keys = c.keys if sentence_only else c.context_keys | doc_keys(c.doc) if whole_doc or code else c.context_keys
    # A name of several words is found by any of its words ("Xiamen Meiya" for "Meiya Pico").
    return any(key_in(t.key, keys) or t.key in acronym_keys(q.terms, keys)
               or (spelt and _spelt_out(t.surface, c.doc, title_only=True))
               for t in (_name_run(q, main) if by_run else [main]))


def _refers_to_main_name(q: Question, c: Candidate) -> bool:
    """A sentence that names no one ("The authority expects the fees to bring in about
    $18 million") in a document about the question's main name speaks of that name: its
    figures are not another entity's."""
    # Conservative: any capitalised word other than a stop word, month or weekday counts as a
    # name (a sentence-initial "Shares" too) - a figure wrongly given to the asked entity is worse
    # than a sentence lead.
    common = STOPWORDS | set(MONTHS) | {d.lower() for d in calendar.day_name}
    names = [n for _, _, n in find_names(c.text) if not all(w.lower() in common for w in n.split())]
    return not names and _about_main_name(q, c, whole_doc=True)


def _name_run(q: Question, term: Term) -> list[Term]:
    """The named terms that stand next to ``term`` in the question, as one name ("Meiya Pico")."""
    i = q.terms.index(term)
    run = [term]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(q.terms) and q.terms[j].named and not q.terms[j].key.isdigit():
            left, right = (q.terms[j], q.terms[j - step]) if step < 0 else (q.terms[j - step], q.terms[j])
            if not _adjacent(q.text, left.surface, right.surface):
                break
            run.append(q.terms[j])
            j += step
    return run


def _adjacent(text: str, a: str, b: str) -> bool:
    """Do the words ``a`` and ``b`` stand next to each other in ``text`` (space or hyphen between)?"""
    return re.search(re.escape(a) + r"[\s-]+" + re.escape(b) + r"(?![\w])", text) is not None


def _counts(text: str, value: tuple[int, int, str], head: str | None, window: int = 5) -> bool:
    """Does the figure count the focus noun — is the head the end of the noun phrase
    right after it ("20 Chinese public security *bureaus*"), with no punctuation,
    conjunction or preposition in between?"""
    if not head:
        return False
    for tok in re.findall(r"[\w'’-]+|[^\w\s]", text[value[1]:value[1] + 80])[:window]:
        if not re.match(r"[\w'’-]", tok) or tok.lower() in STOPWORDS:
            return False
        if norm_key(tok) == head:
            return True
    return False


_HEDGE_DEPS = ("quantmod", "advmod", "amod")


def hedged(text: str, v: tuple[int, int, str]) -> str:
    """The value ``v`` of ``text`` with the words that qualify it ("*less than* 1%", "*at
    least* $500 million", "*around* $4.5 billion", "*up to* 25 percent"): the tokens
    right before it that spaCy's parse attaches to the number as quantity or adverb
    modifiers (and their own modifiers: "at" -> "least"). "1%" for "less than 1%" is a
    wrong answer. Verbatim from ``text``; ``v[2]`` alone when spaCy is unavailable."""
    try:
        from .answering.nlp import parse

        doc = parse(text, disable=["ner"])
    except Exception:  # noqa: BLE001 - the bare value
        return v[2]
    inside = {t.i for t in doc if t.idx < v[1] and t.idx + len(t.text) > v[0]}
    if not inside:
        return v[2]
    start = first = min(inside)
    while start > 0:
        t = doc[start - 1]
        # An adjective qualifies the amount only as a comparative ("less", "more", "fewer"), not
        # as a description of the things counted ("overseas").
        if t.dep_ in _HEDGE_DEPS and (t.head.i in inside or t.head.i >= start) and t.head.i != t.i \
                and not t.is_punct and not t.like_num and (t.dep_ != "amod" or t.tag_ in ("JJR", "JJS")):
            start -= 1
            inside.add(t.i)
        else:
            break
    if start == first:
        # No qualifier before it. (A token may hold more than the value: text without spaces,
        # "该决定自2019年6月1日起生效", is one token to the English tokenizer.)
        return v[2]
    s = doc[start].idx
    return text[s:v[1]] if s < v[0] else v[2]


def _candidate_values(q: Question, c: Candidate, owned_ok: bool = False) -> list[tuple[int, int, str]]:
    """The dates (when) or figures (how many/much) of a quote that could answer the
    question: none from an address (a postal code counts nothing) or from a sentence
    about another entity than the question's main name ("Hikvision's market value"
    for Dahua's; a short field line speaks for its document); none the question
    itself states (that is what it asks *about*), nor the starting point of a change
    ("from 25% to 100%"), nor - unless ``owned_ok`` - one said of another named party
    (:func:`_owned_by_another`); figures in the unit the question asks for (:func:`_preferred_units`)."""
    if q.kind is AnswerKind.QUANTITY and _is_address(c.text):
        return []
    if _is_field_line(c.text) and (rec := record_span(c.doc.body, c.start)) is not None \
            and not _speaks_of_complement(q, c.doc, *rec):
        return []  # "Start date: 2020-06-05" for "what date of birth"
    if not _about_main_name(q, c, whole_doc=_is_field_line(c.text)) and not _refers_to_main_name(q, c):
        return []
    if (q.kind is AnswerKind.QUANTITY and _other_time(q, _dating_keys(c))) or _dated_elsewhere(q, c):
        # A figure of another month's or year's event ("In August, five companies ..." for October);
        # a date of a sentence may well differ from the question's (the comment deadline of a
        # December 2019 rule is in February 2020), but not the date of its document.
        return []
    if q.kind is AnswerKind.QUANTITY and _figure_of_other_place(q, c.text):
        return []
    finder = _value_finder(q)
    values = [(m.start(), m.end(), m.group(0).strip()) for m in finder(c.text)]
    stated = {n for w in re.findall(r"[\w-]+", q.text.lower()) if (n := number_word(w) or (w if w.isdigit() else None))}
    values = [v for v in values
              if not re.search(r"(?<![\w.,])" + re.escape(v[2]) + r"(?![\w])", q.text, re.I)
              and number_word(v[2].lower()) not in stated]  # "twenty-eight" when the question says "28"
    if values and (days := _stated_days(q.text)):
        # The question's own day in another spelling ("07/22/2020" for "the July 22, 2020 rule").
        values = [v for v in values if not (_stated_days(v[2]) & days)]
    values = _without_starting_points(q, values, c.text)
    if values and q.kind is AnswerKind.QUANTITY:
        values = [v for v in values if not _counts_other_kind(q, c.text, v)]
    if values and not owned_ok:
        values = [v for v in values if not _owned_by_another(q, c.text, v)]
    return _preferred_units(q, values, c.text) if values else []


@functools.lru_cache(maxsize=256)
def _asked_place_keys(question: str) -> frozenset[str]:
    """Keys of the countries the asking clause names in a prepositional phrase ("How much revenue
    does Hikvision earn *from customers in the United States*?": @us), not where the answer comes
    from ("according to the US Commerce Department")."""
    keys = {k for t in _parsed(asking_clause(question)) if t.dep_ == "prep"
            for k in text_keys(" ".join(x.text for x in t.subtree)) if k.startswith("@")}
    source = {k for phrase in source_phrases(question) for k in text_keys(phrase)}
    return frozenset(keys - source)


def _figure_of_other_place(q: Question, text: str) -> bool:
    """Is the sentence's asked noun restricted otherwise than to the place the question restricts
    it to ("revenue *from overseas*" for revenue "from customers in the United States")? Its figure
    is that other part's, not the asked one. By spaCy's parse: a prepositional phrase of the asked
    noun, when the sentence never names the asked place."""
    places = _asked_place_keys(q.text)
    if not places or not q.focus or all(key_in(k, text_keys(text)) for k in places):
        return False
    # The asked noun, or the noun it is a part of ("What *share of* Hikvision's *revenue* ...": revenue).
    nouns = {q.focus[-1]} | {norm_key(o.text) for t in _parsed(asking_clause(q.text)) if norm_key(t.text) == q.focus[-1]
                             for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                             for o in p.children if o.dep_ == "pobj"}
    return any(norm_key(t.text) in nouns and any(
        c.dep_ == "prep" and any(x.dep_ in ("pobj", "pcomp") for x in c.children) for c in t.children)
        for t in _parsed(text))


@functools.lru_cache(maxsize=1024)
def _stated_days(text: str) -> frozenset[tuple[int, int, int]]:
    """The full dates (year, month, day) ``text`` writes, in any spelling the claim check reads
    ("July 22, 2020", "07/22/2020", "2020-07-22")."""
    from .support import dates

    return frozenset(d for d in dates(text)[0] if d[2])


def _value_owner(text: str, value: tuple[int, int, str]):
    """The party a value of ``text`` is said of, by spaCy's parse: the subject of the clause the
    value stands in, following a clause without one to the clause it continues ("Megvii ... is
    valued at $4 billion and is preparing an IPO *to raise* at least $500 million": Megvii; an
    infinitive after a noun too), or the noun a participle phrase describes ("SenseTime, *valued
    at* $4.5 billion": SenseTime). The subject's token, or None (no parse, no subject)."""
    doc = _parsed(text)
    tok = next((t for t in doc if value[0] <= t.idx < value[1] and t.pos_ == "NUM"), None) \
        or next((t for t in doc if value[0] <= t.idx < value[1]), None)
    t = tok
    for _ in range(12):
        if t is None:
            return None
        if t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return _reporter(t, subj) or subj
            if t.dep_ == "acl" and t.tag_ in ("VBN", "VBG") and t.head.pos_ in ("NOUN", "PROPN"):
                return t.head
            # (An infinitive after a noun - "a listing *to raise* $150 million" - says what the
            # clause holding the noun is about: climb on.)
            if t.dep_ not in ("conj", "xcomp", "acl"):
                return None
        if t.head is t:
            return None
        t = t.head
    return None


def _reporter(clause, subj):
    """The named subject of the verb that reports ``clause`` when the clause's subject is a pronoun
    or what a pronoun possesses ("Kestrel Optics said *its* overseas revenue was less than 2%",
    "Kestrel said *it* expects ..."): in a reported clause the pronoun stands for the one who
    reports it. None otherwise (the clause is not reported, or its reporter is no name)."""
    pronoun = subj.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children)
    if not pronoun or clause.dep_ != "ccomp" or clause.head.pos_ != "VERB":
        return None
    reporter = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return reporter if reporter is not None and reporter.pos_ == "PROPN" else None


def _owned_by_another(q: Question, text: str, value: tuple[int, int, str]) -> bool:
    """Is the value said of another named party than the question's ("SenseTime's IPO
    target" and "... while Megvii ... is preparing an IPO to raise at least $500 million")? True
    only when the clause's subject (:func:`_value_owner`) is a name (a proper noun, with its
    compounds) holding none of the question's names; a pronoun or common noun subject
    ("it", "the company") says nothing either way."""
    named = _entity_terms(q)
    if not named:
        return False
    owner = _value_owner(text, value)
    if owner is None or owner.pos_ != "PROPN" or not re.fullmatch(r"[^\W\d_][\w&'’-]+", owner.text):
        return False  # (nor an abbreviation the parser took for a subject: "Pub. *L.* 115-232")
    from .lexical import is_noun

    if any(c.dep_ == "det" for c in owner.children) and is_noun(owner.lemma_.lower()) and \
            not any(c.dep_ in ("compound", "flat") for c in owner.children):
        return False  # "the Department": a description of a party named elsewhere, not another name
    phrase = [owner] + [c for c in owner.children if c.dep_ in ("compound", "flat", "appos")]
    keys = text_keys(" ".join(t.text for t in phrase))
    return not any(key_in(t.key, keys) or t.key in acronym_keys(q.terms, keys) for t in named)


def _counts_other_kind(q: Question, text: str, value: tuple[int, int, str]) -> bool:
    """Does the figure count another kind of thing than the question's focus noun - things that
    are not persons where it asks for persons, by WordNet ("28 *entities*" for "how many
    *officials*"), or lengths of time where it asks for things ("one business *day*" for "how
    many contracts")? Such a count is no answer, however close the two words are in meaning.
    False when the figure counts no noun (spaCy's parse) or either noun is unknown."""
    from .answering.nlp import parse
    from .lexical import is_noun, names_a_broader_kind, names_a_duration, names_a_person, token_noun

    focus = [t for t in _focus_tokens(q) if t.pos_ in ("NOUN", "PROPN")] or _partitive_whole(q)
    if not focus:
        return False
    # The focus head, not a later mention of a modifier ("How many *Huawei* affiliates ... with
    # *Huawei*?": the affiliates are counted).
    head = next((t for t in focus if q.focus and norm_key(t.text) == q.focus[-1]), focus[-1])
    asked = token_noun(head)
    doc = parse(text, disable=["ner"])
    counted = next((t.head for t in doc if t.idx < value[1] and t.idx + len(t.text) > value[0]
                    and t.dep_ == "nummod" and t.head.pos_ == "NOUN"), None)
    if counted is None:
        return False
    noun = token_noun(counted)  # "bureaus", which the tagger may leave singular
    if noun == asked or not (is_noun(noun) and is_noun(asked)):
        return False
    # A length of time ("one business *day*", "10 business *days*") counts no contracts or firms.
    if names_a_duration(noun) and not (q.duration or names_a_duration(asked)):
        return True
    # A count of a broader kind counts more than the asked things: "190 persons or organizations"
    # (WordNet hypernyms of "affiliate") is no count of Huawei's affiliates.
    # (A conjunct with a number of its own is another count: "190 persons ... and 12 affiliates".)
    kinds = [noun] + [token_noun(c) for c in counted.conjuncts if c.pos_ == "NOUN"
                      and not any(n.dep_ == "nummod" for n in c.children)]
    if all(names_a_broader_kind(k, asked) for k in kinds):
        return True
    # One way only: WordNet files "people" and "staff" under groups, not persons, so a count of
    # "Uighurs" answers "how many people"; but no count of non-persons answers "how many officials".
    return names_a_person(asked) and not names_a_person(noun)


def _partitive_whole(q: Question) -> list:
    """The counted noun of a count question whose focus is a stated whole ("*Of the 190 persons and
    organizations* ..., how many were Chinese?", "how many *of the 28 entities* ..."): the noun
    with a number that an "of" opening the question or following "many" governs; [] otherwise."""
    for t in _parsed(q.text):
        if t.lower_ == "of" and (t.i == 0 or t.head.lower_ == "many"):
            noun = next((c for c in t.children if c.dep_ == "pobj" and c.pos_ == "NOUN"
                         and any(n.dep_ == "nummod" for n in c.children)), None)
            if noun is not None:
                return [noun]
    return []


def _value_finder(q: Question) -> Callable[[str], list[re.Match]]:
    """How the question's values are found in a sentence: dates, durations or figures."""
    return find_dates if q.kind is AnswerKind.DATE else find_durations if q.duration else find_numbers


def _without_starting_points(q: Question, values: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Of a change "from X to Y" ("will increase from 25% to 100% in 2024", "rose to 12% from 10%"),
    Y is the value the
    change leads to, the one a question about the rate, date or amount asks for; X answers only
    a question that asks where it started ("from what rate ..."). So X goes, unless the question
    asks "from what/which/how ..."."""
    if re.search(r"\bfrom\s+(?:what|which|how)\b", q.text, re.I):
        return values
    starts = set()
    for a, b in zip(values, values[1:]):
        before, between = text[:a[0]], text[a[1]:b[0]]
        if re.search(r"\bfrom\s+$", before, re.I) and re.fullmatch(r"\s+to\s+", between, re.I):
            starts.add(a)  # "from 25% to 100%"
        elif re.search(r"\bto\s+$", before, re.I) and re.fullmatch(r",?\s+from\s+", between, re.I):
            starts.add(b)  # "rose to 12% from 10%"
    return [v for v in values if v not in starts]


def _tied_value(q: Question, picked: list[Candidate], store: IndexStore | None = None) -> str | None:
    """The date (when) or figure (how many/much) that the evidence ties to the
    question: within a few words of a question term, or the value of a short
    record field ("Start date: 2020-06-05"); failing that (the question words it
    differently: "start applying" for "with immediate effect"), the value whose
    surrounding words mean what the question asks (:func:`_meaning_tied_value`,
    needs ``store``). None when no such value exists.

    A question whose asking clause follows words that only set the topic ("the berth
    fees: when do they take effect?", "Seagate settlement - what was the amount?") ties
    the value to the asking clause's own words first: the topic's names sit next to
    other dates of the same document ("announced the berth fees on March 3")."""
    if q.kind is AnswerKind.QUANTITY and q.focus:
        # "How many entities ...": a figure that counts the focus noun ("adding eleven entities")
        # in any of the picked sentences is tied more closely than a figure that only stands near
        # other question words ("07/22/2020 ... 2020-15827") in a sentence ranked above it.
        for c in picked:
            if _is_field_line(c.text):
                continue
            counting = [v for v in _candidate_values(q, c) if _counts(c.text, v, q.focus[-1])]
            if counting and (store is None or _window_cosine(q, c.text, counting[0], store) >= VALUE_MEANING_FLOOR):
                return hedged(c.text, counting[0])
    own = _asking_keys(q)
    owned: list = []  # values tied to the question but said of another named party
    if own:
        tied = _lexically_tied(q, picked, store, only=own, owned=owned)
        if tied is not None:
            return tied
    tied = _lexically_tied(q, picked, store, owned=owned)
    if tied is not None or store is None or q.duration or owned:
        # (Not by meaning for a length of time: "how long" is close to every "within 10 days",
        # whatever it is the time to do. Nor when the value tied to the question is another
        # party's: a value of the asked party is then tied to something else.)
        return tied
    tied_by_meaning = _meaning_tied_value(q, picked, store)
    return tied_by_meaning[0] if tied_by_meaning is not None and tied_by_meaning[1] >= VALUE_MEANING_MIN else None


# What a length of time is counted from, written right after it: "one business day *from the date of
# such identification*", "10 business days *of submitting the information*", "30 days *after
# publication*". Up to the end of its clause (a colon, semicolon or sentence end).
_STARTING_POINT = re.compile(r"\s*((?:from|of|after|following|since|before|prior to)\s+[^:;.]{3,120})")


def _by_starting_point(q: Question, picked: list[Candidate], store: IndexStore, top: int = 3) -> list[str]:
    """For a question asking how long: when the best ``top`` quotes give lengths of time counted
    from different events (a clause's items: "(i) Within one business day from the date of such
    identification ...", "(ii) Within 10 business days of submitting the information ..."), the
    one whose starting event is closest in meaning to the question (MiniLM cosine of the whole
    question with the "from/of/after ..." phrase) by at least ``PREDICATE_MARGIN``; when none is
    that much closer, every one of them, each with its starting event ("one business day from
    the date of such identification or notification", "10 business days of submitting the
    information in paragraph (d)(2)(i) of this clause"), verbatim: the analyst reads which
    deadline runs from what, where a guess between them would be a wrong answer half the time
    (the durations' own words cannot decide, both are "business days", and neither can the
    words around them, every item speaks of reporting). Only quotes that tie a length of time to
    the question by its words (:func:`_lexically_tied`) take part. ``[]`` when fewer than two
    such lengths are found."""
    import numpy as np

    found: list[tuple[str, str, str]] = []  # (value, value with its starting event, starting event)
    for c in picked[:top]:
        if _lexically_tied(q, [c], store) is None:
            continue  # a length of time of something else ("10 business days" to report, for a waiver)
        for v in _candidate_values(q, c):
            m = _STARTING_POINT.match(c.text, v[1])
            if m is not None and all(m.group(1) != p for _, _, p in found):
                value = hedged(c.text, v)
                found.append((value, value + c.text[v[1]:m.end(1)], m.group(1)))
    if len({value for value, _, _ in found}) < 2:
        return []
    qv = np.asarray(store.embedder.embed_query(q.text))
    sims = np.asarray(_sentence_vectors(store, [p for _, _, p in found])) @ qv
    order = np.argsort(-sims)
    if sims[order[0]] - sims[order[1]] >= PREDICATE_MARGIN:
        return [found[int(order[0])][0]]
    return [spelt for _, spelt, _ in found]


def _asking_keys(q: Question) -> set[str]:
    """The keys of the question's own words (not names) in its asking clause, when the
    clause follows words that set the topic ("the berth fees: when do they *take effect*?");
    empty for a question that is one asking clause."""
    if asking_clause(q.text) == q.text.strip():
        return set()
    asked = _clause_keys(q.text)
    return {t.key for t in q.terms if t.key in asked and not t.named}


@functools.lru_cache(maxsize=1024)
def _clause_keys(question: str) -> frozenset[str]:
    """The keys of the words of ``question``'s asking clause (computed once per question: every
    candidate sentence asks for them)."""
    return frozenset(k for w in re.findall(r"[\w'’-]+", asking_clause(question)) if (k := norm_key(w)))


def _lexically_tied(q: Question, picked: list[Candidate], store: IndexStore | None,
                    only: set[str] | None = None, owned: list | None = None) -> str | None:
    """The value of :func:`_tied_value` found next to a question term (or in a short field
    line), or None. ``only``: the question terms (keys) that may tie it. A line whose label
    holds a word of the question ("*Effective* Date: March 1, 2022" for "take *effect*") ties its
    value before any sentence does by nearness: a label says what its value is. ``owned``
    collects the values found so but said of another named party (:func:`_owned_by_another`)."""
    return _tied_in(q, picked, store, only, labels_only=True, owned=owned) or \
        _tied_in(q, picked, store, only, owned=owned)


def _label_names_other(q: Question, label: str) -> bool:
    """Does a field label modify its head noun ("*Comment* date", "*Start* date") by words none of which
    the question writes? The label then names a kind of its head the question does not ask for."""
    words = re.findall(r"[A-Za-z]+", label)
    modifiers = {norm_key(w) for w in words[:-1] if w.lower() not in STOPWORDS}
    asked = {t.key for t in q.terms}
    return bool(modifiers) and not any(key_in(m, asked) for m in modifiers)


def _tied_in(q: Question, picked: list[Candidate], store: IndexStore | None, only: set[str] | None,
             labels_only: bool = False, owned: list | None = None) -> str | None:
    """:func:`_lexically_tied` over ``picked`` in order; ``labels_only``: lines tied by their label.
    A sentence whose figures only the question's names tie (:func:`_tied_by_names_only`) is passed
    over (``owned`` gets None for it). A value chosen in a sentence but said of another named party is
    no answer (and goes to ``owned``):
    it is chosen among all the sentence's values first, so that another party's value that fits
    the question best ("Megvii ... *to raise* at least $500 million" for SenseTime's IPO target)
    does not hand the lead to a value of the asked party that answers something else (its valuation)."""
    def mine(v: tuple[int, int, str]) -> bool:
        if _owned_by_another(q, c.text, v):
            if owned is not None:
                owned.append(v)
            return False
        return True

    for c in picked:
        label = _line_label(c.text)
        if labels_only and label is None:
            continue
        values = _candidate_values(q, c, owned_ok=True)
        if not values:
            continue
        if only is not None and label is not None and not (text_keys(label) & only):
            # Tied by the asking clause's words alone ("... : when were comments due?"): a labelled
            # line speaks of what its label names ("Effective Date: ..."), not of those words.
            continue
        found = _anchors(q, c.text)
        lead = _lead_in(c)
        if lead is not None:
            # An item's lead-in speaks for it ("(2) The Contractor shall *report* the following
            # information ... (i) Within one business day ..."): its words stand where the item opens.
            found = [(0, keys) for _, keys in _anchors(q, lead)] + found
        # A label that holds a word of the question names the line's one value (by the question's own
        # words, not the asked noun: "Comment *date*" ties nothing to "from what *date* did the rule
        # start applying"; "*Effective* Date" ties "when did the rule take *effect*").
        by_label = label is not None and len(values) == 1 and \
            any(a < len(label) and (keys - set(q.focus)) & (only if only is not None else keys) for a, keys in found)
        if labels_only and not by_label:
            continue
        if q.kind is AnswerKind.DATE and not by_label and label is not None and _label_names_other(q, label) \
                and record_span(c.doc.body, c.start) is None:
            # "Comment date: ... on or before February 11, 2020" for "When was the rule published?": its
            # label's modifier names another date than the question asks for, whatever words stand near.
            # (Not a record's line: an entry's one date is read by what its document says its entries
            # record - "Start date" for "When did the entities take effect?", :func:`_record_date`.)
            continue
        if _is_field_line(c.text):  # "Effective Date: December 13, 2019": its value is the answer
            near = _nearest(values, c.text, q)
            v = next(v for v in values if v[2] == near)
            if (store is None or by_label or _window_cosine(q, c.text, v, store) >= VALUE_MEANING_FLOOR) and mine(v):
                return hedged(c.text, v)
            continue
        if by_label:
            # "Comment date: Interested parties should submit written comments ... on or before
            # February 11, 2020": the label names the line's one value, however far it stands, and
            # whatever the words around the value say.
            found = [(values[0][0] - 1 if a < len(label) else a, keys) for a, keys in found]
        if only is not None:
            # Tied by the asking clause's words alone: the sentence itself must be about the asked
            # party (its paragraph may be about several: "Shares in Ambarella fell 12%").
            found = [(a, keys & only) for a, keys in found if keys & only]
            if not found or not (_about_main_name(q, c, sentence_only=True) or _refers_to_main_name(q, c)):
                continue
        anchors = [a for a, _ in found]
        head = q.focus[-1] if q.focus else None
        head_at = [a for a, keys in found if head and head in keys]
        if _tied_by_names_only(q, found, head_at) and not by_label:
            # "What was Megvii's revenue?" of "Megvii ... is valued at around $4 billion": the asked
            # noun, which the sources write elsewhere, is not this sentence's - only the party's name
            # stands near its figure, which measures something else (a valuation). No span leads.
            if owned is not None:
                owned.append(None)  # nor one found by meaning: the name makes every window close
            continue

        def gap(v: tuple[int, int, str], where: list[int]) -> int:
            # Words from the anchor to the value, the value counting as one word however it is
            # written ("50 billion yuan ($7 billion)" is no farther than "$42 billion").
            return min((len((c.text[a:v[0]] if a < v[0] else c.text[v[1]:a]).split()) + 1 for a in where),
                       default=10**6)

        def affinity(v: tuple[int, int, str]) -> float:
            # Question terms close to the value, those *before* it counting double
            # ("to raise at least $500 million", "valued at around $4 billion").
            best_w: dict[str, float] = {}
            for a, keys in found:
                w = (1.0 if a < v[0] else 0.5) / (1 + gap(v, [a]))
                for k in keys:
                    best_w[k] = max(best_w.get(k, 0.0), w)
            return sum(best_w.values())

        # "How many bureaus ...": a figure that counts the focus noun ("20 Chinese public security
        # bureaus and eight companies") first; then the figure next to "revenue" for "what revenue";
        # otherwise the one the question's terms surround.
        best = min(values, key=lambda v: (not _counts(c.text, v, head), gap(v, head_at) if head_at else 0,
                                          -affinity(v), gap(v, anchors)))
        if len(values) >= 2 and store is not None:
            # Several dates/figures in one sentence: the question's words sit near all of them
            # ("the berth fees were published on March 3 and take effect on May 1"); the one whose
            # own predicate means what the question's does is the answer, however far it stands
            # from the question's words.
            chosen = _by_predicate(q, c.text, values, best, store)
            if chosen is not None:
                if mine(chosen):
                    return hedged(c.text, chosen)
                continue
        if gap(best, anchors) <= _MAX_GAP_WORDS:
            # A question word next to a value does not make it the answer when the words around it
            # say something else entirely ("20 public security bureaus" for the size of a listing).
            if (store is None or by_label or _window_cosine(q, c.text, best, store, lead) >= VALUE_MEANING_FLOOR) \
                    and mine(best):
                return hedged(c.text, best)
    return None


def _tied_by_names_only(q: Question, found: list[tuple[int, set[str]]], head_at: list[int]) -> bool:
    """Does a sentence tie its figures to a "how much / what figure" question by the question's names
    alone (``found``: the question's words the sentence holds, by position), while the question asks
    for a noun the sources write elsewhere (its focus head has a document frequency) that this sentence
    does not? Then the figure next to the name is the named party's, but of another measure."""
    if q.kind is not AnswerKind.QUANTITY or not q.focus or not q.focus_head_df or head_at:
        return False
    named = {t.key for t in q.terms if t.named}
    held = set().union(*(keys for _, keys in found)) if found else set()
    return bool(held) and held <= named


# How much closer (MiniLM cosine) one value's predicate must be to the question's than every other
# value's to decide: 0.1, from hand-made sentences with two dates ("published on March 3 and take
# effect on May 1": 1.0 vs 0.34 for "published" and for "take effect"; "start applying" 0.21 vs
# 0.17 and "announce fees" 0.15 vs 0.15 stay undecided, left to the words next to each value);
# checked on the evaluation sets: no answer changes there (with auxiliaries kept, "is valued" vs
# "valued" split two values of one predicate and the wrong company's valuation led; now they tie
# and the value next to the asked name stays).
PREDICATE_MARGIN = 0.1


@functools.lru_cache(maxsize=1024)
def _ordinal_heads(text: str) -> frozenset[tuple[str, str]]:
    """(ordinal, noun key) for each ordinal word that modifies a noun in ``text`` ("the *third*
    interim rule": ("third", "rule"); :func:`analysis.is_ordinal_modifier`)."""
    from .analysis import is_ordinal_modifier

    return frozenset((t.lower_, norm_key(t.head.text)) for t in _parsed(text) if is_ordinal_modifier(t))


def _other_ordinal(q: Question, best: Candidate) -> str | None:
    """The "<ordinal> <noun>" the best quote's document title or sentence writes for a noun the
    question restricts by another ordinal ("second ... rule" for "the third interim rule"), when it
    never writes the asked one; None otherwise."""
    asked = _ordinal_heads(asking_clause(q.text))
    if not asked:
        return None
    found = _ordinal_heads(best.doc.title or "") | _ordinal_heads(best.text)
    for ordinal, head in asked:
        other = next((o for o, h in found if h == head and o != ordinal), None)
        if other is not None and (ordinal, head) not in found:
            return f"{other} {head}"
    return None


@functools.lru_cache(maxsize=2048)
def _parsed(text: str):
    """spaCy's parse of ``text`` without entities, once per text (a question's is read by
    several rules: its source, its degree word, its predicate, whether it asks for a person)."""
    from .answering.nlp import parse

    return parse(text, disable=["ner"])


def _predicate(doc, start: int, end: int) -> str | None:
    """The verb phrase a span of ``doc`` belongs to: the nearest verb above it in spaCy's
    dependency tree with its particle, object and complements ("take effect", "published");
    None when no verb governs it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    t = span.root
    while t.pos_ != "VERB" and t.head.i != t.i:  # the root is its own head
        t = t.head
    if t.pos_ != "VERB":
        return None
    # Auxiliaries carry tense and voice, not what happens: "were published" is "published".
    parts = [t] + [x for x in t.children if x.dep_ in ("prt", "dobj", "acomp", "xcomp", "attr")
                   and not (x.idx <= start < x.idx + len(x.text))]
    return " ".join(x.text for x in sorted(parts, key=lambda x: x.i))


def _question_predicate(q: Question) -> str | None:
    """The asking clause's main verb phrase ("start applying", "take effect"), or None when it is
    "be", "have" or "do" (a copular question names no predicate to compare)."""
    doc = _parsed(asking_clause(q.text))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB" or root.lemma_ in ("be", "have", "do"):
        return None
    parts = [root] + [x for x in root.children if x.dep_ in ("prt", "dobj", "acomp", "xcomp", "attr")]
    return " ".join(x.text for x in sorted(parts, key=lambda x: x.i))


def _by_predicate(q: Question, text: str, values: list[tuple[int, int, str]], best: tuple[int, int, str],
                  store: IndexStore) -> tuple[int, int, str] | None:
    """Of several values of one sentence with different predicates (:func:`_predicate`), the
    one whose predicate is closest in meaning to the question's (:func:`_question_predicate`),
    when it is closer by ``PREDICATE_MARGIN`` than every other value's; None when the
    predicates do not decide (then proximity to the question's words does)."""
    import numpy as np

    asked = _question_predicate(q)
    if asked is None:
        return None
    doc = _parsed(text)
    preds = {v: _predicate(doc, v[0], v[1]) for v in values}
    phrases = sorted({p for p in preds.values() if p})
    if len(phrases) < 2 or best not in preds:
        return None
    sims = dict(zip(phrases, np.asarray(store.embedder.embed(phrases)) @ np.asarray(store.embedder.embed_query(asked))))
    ranked = sorted(phrases, key=lambda p: -sims[p])
    if sims[ranked[0]] - sims[ranked[1]] < PREDICATE_MARGIN:
        return None
    top = [v for v in values if preds[v] == ranked[0]]
    return best if best in top else top[0]


# How close (MiniLM cosine) the words around a date/figure must be to the question for the
# value to answer it when no question word sits next to it. Fitted on the paraphrase set (right
# values 0.47-0.67, wrong ones <= 0.23), checked on the own holdout (wrong ones 0.02-0.04).
VALUE_MEANING_MIN = 0.4
# ... and the least a value tied by a question word next to it must reach: the lexically tied
# values that were wrong measured <= 0.20 on the paraphrase and dev sets, the right ones >= 0.37;
# checked on the own holdout (right ones >= 0.30 all kept; 2 of 5 wrong ones caught).
VALUE_MEANING_FLOOR = 0.25
# The words around a value that say what it is: more before it ("was issued on", "plans to
# raise at least") than after it ("with immediate effect").
_WINDOW_BEFORE, _WINDOW_AFTER = 80, 40


def value_window(text: str, v: tuple[int, int, str]) -> str:
    """The words around the value ``v`` (``(start, end, surface)`` in ``text``), cut at
    word boundaries: what the value is said to be."""
    a = max(0, v[0] - _WINDOW_BEFORE)
    b = min(len(text), v[1] + _WINDOW_AFTER)
    if a > 0:
        a = text.find(" ", a, v[0]) + 1 or a
    if b < len(text):
        b = text.rfind(" ", v[1], b) if text.rfind(" ", v[1], b) > 0 else b
    return text[a:b].strip()


def _window_cosine(q: Question, text: str, v: tuple[int, int, str], store: IndexStore,
                   lead: str | None = None) -> float:
    """MiniLM cosine of the question with the words around the value ``v`` of ``text`` (after the
    line's label, which names what its values are: "Comment date: ... on or before April 30";
    after ``lead``, the lead-in of an enumerated item, :func:`_lead_in`, which says what the
    item's values are: "The Contractor shall report ...: (i) Within one business day ...")."""
    import numpy as np

    window = value_window(text, v)
    label = _line_label(text)
    if label is not None and not window.startswith(label):
        window = f"{label}: {window}"
    if lead is not None:
        window = f"{lead.strip()} {window}"
    vec = store.embedder.embed_query(window)
    return float(np.asarray(vec) @ np.asarray(store.embedder.embed_query(q.text)))


def _meaning_tied_value(q: Question, picked: list[Candidate], store: IndexStore,
                        top: int = 3) -> tuple[str, float] | None:
    """The value of the best ``top`` quotes whose surrounding words
    (:func:`value_window`) are closest in meaning to the question, with that cosine
    (MiniLM: trained on question-answer pairs, so "start applying" is close to "with
    immediate effect"); None when no quote has a candidate value."""
    import numpy as np

    found: list[tuple[str, str]] = []
    for c in picked[:top]:
        found += [(hedged(c.text, v), value_window(c.text, v)) for v in _candidate_values(q, c)]
    if not found:
        return None
    qv = np.asarray(store.embedder.embed_query(q.text))
    sims = np.asarray(store.embedder.embed([w for _, w in found])) @ qv
    i = int(np.argmax(sims))
    return found[i][0], float(sims[i])


def _lead_items(q: Question, picked: list[Candidate], value: str | None) -> list[str] | None:
    """The spans the direct answer is made of (verbatim from the quotes: the names
    listed as the thing asked, or the tied date/figure), or None to lead with the
    best quote. ``value``: the date or figure tied to the question (:func:`_tied_value`)."""
    if q.kind is AnswerKind.QUANTITY and value and q.focus and not q.duration:
        return [_with_counted_noun(value, q.focus[-1], picked)]
    if q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY):
        return [value] if value else None
    if q.kind is AnswerKind.LIST:
        qkeys = {t.key for t in q.terms}
        head = q.focus_match or (q.focus[-1] if q.focus else None)
        names: list[str] = []
        docs = list(dict.fromkeys(c.doc.doc_id for c in picked))
        by_quote: list[tuple[int, list[str]]] = []  # each quote's own names, by its rank
        by_head: set[str] = set()  # names found only as headed by the asked noun (:func:`_names_headed`)
        # Items in the order the evidence lists them: by document (best first), then position.
        for c in sorted(picked, key=lambda c: (docs.index(c.doc.doc_id), c.start)):
            if _other_time(q, _dating_keys(c)):
                continue  # another month's or year's list is another event's
            if _line_label(c.text) is not None and not _about_main_name(q, c, by_run=False, spelt=True):
                # A field line lists what its label names for its own record or document ("AGENCY:
                # DoD, GSA and NASA" issued the rule): no answer to which agencies sit on a committee
                # that neither the line, its record nor its document's title names.
                continue
            # Names the asked noun heads count in the best quote's document only: in another
            # document they are that document's parties, not the ones asked about.
            own: list[str] = []
            # (And only when the question's own verb, if it has one, is the quote's: "Which companies
            # *must report* covered widgets?" is not answered by the makers a definition names.)
            headed = c.doc.doc_id == docs[0] and _predicate_held(q, c)
            for run in _enumerations(c.text, qkeys, head, linked_only=True, headed=headed, by_head=by_head):
                own += [n for n in run if n not in own]
                names += [n for n in run if n not in names]
            if own:
                by_quote.append((picked.index(c), own))
        stated = _stated_counts(q)
        if len(stated) == 1 and (n := next(iter(stated))).isdigit() and len(names) != int(n) and by_quote:
            # "Name the *three* companies ... under paragraph (2)": when the best quote that names any
            # names exactly as many, its names are the asked list (paragraph (1) names two others).
            first = min(by_quote)[1]
            if len(first) == int(n):
                names = first
            elif by_head:
                # Names found only by their heads are a guess at the list; a count they do not make
                # ("List the *seven* companies ..." of five) says they are not it.
                names = [x for x in names if x not in by_head]
        if any(t.lower_ == "other" and t.dep_ == "amod" for t in _focus_tokens(q)):
            # "Besides Hikvision, SenseTime and Megvii, which *other* firms ...?": the parties the
            # question names are what it asks past, not answers.
            named = [t for t in _entity_terms(q) if t.df > 0]
            names = [n for n in names if not any(key_in(t.key, text_keys(n)) for t in named)]
        if len(names) >= 2 and _parties_for_other_kind(q, names):
            # "For what *purposes* is its equipment covered?" of "For the purpose of public safety, ...,
            # equipment produced by Hytera Communications Corporation, ... or Dahua Technology Company":
            # the names are the makers, not purposes - the sentence leads.
            return None
        if len(names) >= 2:
            return names
    return None


def _parties_for_other_kind(q: Question, names: list[str]) -> bool:
    """Are the listed names all organisations (the last word of each names one by its first WordNet
    sense: "Corporation", "Company") while the question asks for another kind of thing than a party
    (its asked noun names none: "purposes", "kinds of contracts"; and it asks for no party by "whose"
    or a party noun, :func:`_asks_for_party`)?"""
    from .lexical import names_a_party, names_an_organisation, noun_base

    head = q.focus[-1] if q.focus else None
    asked = next((t.lower_ for t in _focus_tokens(q) if norm_key(t.text) == head), None) if head else None
    # ("*Whose* equipment ...", "Which *makers'* equipment ...": the owners are asked, parties.)
    if asked is None or names_a_party(noun_base(asked)) or _asks_for_party(q):
        return False
    return all((last := n.split()[-1].strip(".,").lower()) and names_an_organisation(noun_base(last)) for n in names)


# An item the question itself names ("paragraph *(2)*", "(b)(1)"): it asks for that item's names only.
_ASKED_ITEM = re.compile(r"\((?:[ivxlc]{1,6}|[a-z]|\d{1,3})\)")


def _with_sibling_items(q: Question, picked: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    """``picked`` and, after each enumerated item among them that lists names of the asked kind
    (:func:`_enumerations`, as :func:`_lead_items` reads them), the other items of the same list
    (the same lead-in, :func:`_item_lead_in`) among the candidate sentences that list such names
    too: "(1) ... produced by Huawei Technologies Company or ZTE Corporation" is one item of the
    definition whose "(2)" names Hytera, Hikvision and Dahua - the list asked for is both items'
    names, whichever item retrieval ranked high enough to pick. Not when the question names an item
    itself ("under paragraph (2)"): it asks for that item's names."""
    if _ASKED_ITEM.search(q.text):
        return picked
    qkeys = {t.key for t in q.terms}
    head = q.focus_match or (q.focus[-1] if q.focus else None)
    if head is None:
        return picked

    def lists(c: Candidate) -> bool:
        return bool(_enumerations(c.text, qkeys, head, linked_only=True, headed=True))

    out = list(picked)
    for c in picked:
        lead = _lead_in(c)
        if lead is None or not lists(c):
            continue
        siblings = [s for s in cands if s.doc.doc_id == c.doc.doc_id and s not in out
                    and abs(s.start - c.start) < 4000 and _lead_in(s) == lead and lists(s)]
        at = out.index(c) + 1
        out[at:at] = sorted(siblings, key=lambda s: s.start)
    return out


def _with_counted_noun(value: str, head: str, picked: list[Candidate]) -> str:
    """A count with the noun it counts when the quote writes that noun (the question's focus head)
    within the next three words: "five investigations", "190 persons", not a bare "five" - what the
    figure counts is part of the answer. Verbatim from the first quote holding the value; the
    value alone otherwise."""
    for c in picked:
        i = c.text.find(value)
        if i < 0:
            continue
        tail = c.text[i + len(value):i + len(value) + 80]
        for n, m in enumerate(re.finditer(r"[\w-]+|[^\w\s]", tail)):
            if n >= 3 or not (m.group(0)[0].isalnum() or m.group(0)[0] == "-"):
                break  # past three words, or punctuation: the noun would be another phrase's
            if key_in(norm_key(m.group(0)), {head}):
                return c.text[i:i + len(value) + m.end()]
        break
    return value


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _marked_lead(items: list[str] | None, citations: list[Citation], min_items: int) -> tuple[str | None, list[int]]:
    """The lead line's text and the numbers of the quotes it rests on: only items
    that occur in a quote as cited (a trimmed quote may have lost one) are kept,
    and only quotes containing a kept item are marked. ``(None, [])`` when fewer
    than ``min_items`` items survive (then the best quote leads)."""
    if not items:
        return None, []
    keep = [i for i in items if any(i in c.quote for c in citations)]
    if len(keep) < min_items:
        return None, []
    return _join(keep), [c.n for c in citations if any(i in c.quote for i in keep)]


def _attribution(c: Citation) -> str:
    bits = [b for b in (c.publisher.split(" (")[0].split(" - ")[0].strip(), c.date) if b]
    return f"{c.title}" + (f" ({', '.join(bits)})" if bits else "")


def _compose(lead: str | None, citations: list[Citation], marks: list[int] | None = None) -> str:
    """Direct answer first, then the numbered quotes with their sources. ``marks``:
    the quotes the lead rests on (each contains what it stands for)."""
    if lead is None:  # the best quote is the answer
        first = citations[0]
        lines = [f"“{first.quote}” — {_attribution(first)} [1]", ""]
        rest = citations[1:]
    else:
        lines = [f"{lead} {''.join(f'[{n}]' for n in (marks or []))}".rstrip(), ""]
        rest = citations
    if rest:
        lines.append("Evidence:")
        first_of: dict[str, int] = {}
        for c in citations:
            first_of.setdefault(c.doc_id, c.n)
        for c in rest:
            k = first_of[c.doc_id]
            # Name a document once; later quotes from it point back.
            where = _attribution(c) if k == c.n else f"same source as [{k}]"
            lines.append(f"[{c.n}] “{c.quote}” — {where}")
    return "\n".join(lines).strip()


_SAY = r"(?:said|says|say|stated|states|told|tells|added|announced|noted|warned|argued|claimed|wrote|responded)"


def _speaker(q: Question, text: str, only: frozenset[str] = frozenset()) -> bool:
    """Is a name of the question the *speaker* in ``text``? ("SenseTime said",
    "a US Hikvision spokesman said", '"...," said Wilbur Ross', "according to X"). ``only``: the
    keys of the names that may speak (all the question's names when empty)."""
    terms = [t for t in q.named_terms if not only or t.key in only]
    for m in re.finditer(r"[\w'’.-]+", text):
        if not any(t.key == norm_key(m.group(0)) or key_in(norm_key(m.group(0)), {t.key}) for t in terms):
            continue
        after = text[m.end():m.end() + 60]
        before = text[max(0, m.start() - 60):m.start()]
        if re.match(r"^(?:[\s,]+[\w'’.-]+){0,3}?[\s,]+" + _SAY + r"\b", after) or re.match(r"^['’]s\s+(?:\w+\s+){0,2}" + _SAY, after):
            return True
        if re.search(r"(?:[,\"”]\s*" + _SAY + r"|according to)\s+(?:[\w'’.-]+\s+){0,4}$", before):
            return True
    return False


def _says(q: Question, c: Candidate) -> bool:
    """Does the quote show the question's names speaking ("SenseTime said", :func:`_speaker`), in a
    sentence whose context holds all of them - or is it inside a quotation attributed to the asked
    speaker (the first sentence of '"This action ... places Huawei ... on the Entity List. This will
    prevent ...," said Secretary of Commerce Wilbur Ross.' is his too)?"""
    occasion = _occasion_keys(q.text)
    # The names of where the answer is to come from ("per *the Reuters report on the Xinjiang
    # listings*") name the quote's document, not what its sentence says: one of them must name the
    # document (its publisher, title or type: "Reuters"), none need be in the sentence.
    source = _source_keys(q.text)
    # (Nor a compound that describes the topic by a relation to a name the sources write, "the
    # *Xinjiang-related* listings": a story of the listings need not write the relation.)
    names = [t for t in q.named_terms if t.key not in occasion and t.key not in source and t.key not in q.descriptors]
    total = sum(t.weight for t in names)
    if total and sum(t.weight for t in names if key_in(t.key, c.context_keys)) / total < 0.99:
        return False
    if (named_source := [t for t in q.named_terms if t.key in source and t.key not in occasion]) \
            and not any(key_in(t.key, _document_name_keys(c.doc)) for t in named_source):
        return False
    if occasion:
        # The occasion is the quote's document's, not another event's: its names are in the document
        # and its month or year is the document's ("when BIS added eleven entities in July 2020" is
        # no occasion of a May 2019 press release).
        keys = doc_keys(c.doc) | c.context_keys
        # (Not its count: "when the 28 entities were blacklisted" of a story that counts "20 ...
        # bureaus and eight companies".)
        if not all(key_in(t.key, keys) for t in q.named_terms if t.key in occasion and not t.key.isdigit()):
            return False
        dated = {k for k in occasion if re.fullmatch(r"(?:19|20)\d\d", k) or k in _month_keys()}
        if dated and not dated <= _date_words(c.doc):
            return False
    asked = _asked_speaker(q.text)
    # The asked subject's names speak, not another name of the question: "What did China's commerce
    # ministry tell Reuters?" is not answered by "The Commerce Department said ...".
    if _speaker(q, c.text, only=asked) and all(key_in(k, text_keys(c.text)) for k in asked):
        return True
    said = _quotation_speaker(c) if asked else ""
    return bool(said) and all(key_in(k, text_keys(said)) for k in asked)


def _colon_continued(c: Candidate) -> Candidate | None:
    """A lead sentence that ends with a colon ("Today, I am announcing:") with what it introduces -
    the next sentence or item of its document - in one quote, when both fit; None otherwise."""
    if not c.text.rstrip().endswith(":"):
        return None
    body = c.doc.body
    nxt = next(iter(split_sentences(body[c.end:c.end + 800], base=c.end)), None)
    if nxt is None or nxt[1] - c.start > MAX_QUOTE_CHARS:
        return None
    return _sentence_candidate(c, c.start, nxt[1])


def _cut_off(c: Candidate) -> bool:
    """Is the quote a sentence cut off by the end of its document (an excerpt ending mid-sentence):
    it runs to the body's end without closing punctuation?"""
    return c.end >= len(c.doc.body.rstrip()) and not re.search(r"[.!?;:\"”’')\]]\s*$", c.text)


def _whole_sentence(picked: list[Candidate], cands: list[Candidate]) -> Candidate | None:
    """For a lead quote cut off by its document's end (:func:`_cut_off`), another quote opening with
    the same eight words that is not cut off (the same sentence from a complete copy), else None."""
    if not picked or not _cut_off(picked[0]):
        return None
    def words(text: str) -> list[str]:  # (without an item's enumerators: "(a) The licence ...")
        while (m := _ENUMERATOR.match(text)) is not None:
            text = text[m.end():]
        return re.findall(r"\w+", text.lower())[:8]

    opening = words(picked[0].text)
    if len(opening) < 8:
        return None
    return next((c for c in picked[1:] + cands if not _cut_off(c) and words(c.text) == opening), None)


def _complement_lead(q: Question, picked: list[Candidate], cands: list[Candidate], store: IndexStore
                     ) -> Candidate | None:
    """For a question asking what a document says: its best sentence when the lead quote is another
    document's; and when it asks what is said *of a clause* ("What does 744.16 say *the Entity List
    identifies*?", "How does the rule describe *whom the list identifies*?"), the speaking document's
    sentence closest in meaning (MiniLM) to that clause. None when the lead already is it, and for
    any other question."""
    if q.kind is not AnswerKind.STATEMENT or not picked or (_asked_speaker(q.text) and _says(q, picked[0])):
        return None  # (the lead quote has the asked, named party saying it: "Korvane Drones said ...")
    # The document the question has speaking ("What does *9.16* say ...?"), when the lead quote is
    # another's: its own sentences answer (in score order, or by the asked clause).
    # (A person's words are found by who says them - "said Secretary of Commerce Wilbur Ross" -, not here.)
    speaking = picked[0] if _document_speaks(q, picked[0]) else next((c for c in cands if _document_speaks(q, c)), None)
    if speaking is None:
        return None
    lead_doc = speaking.doc
    clause, verb = _said_clause(q.text)
    if not clause:
        if lead_doc is picked[0].doc:
            return None
        return next((c for c in cands if c.doc.doc_id == lead_doc.doc_id), None)
    import numpy as np

    # (Sentences that say something: a heading, "§ 744.16 Entity List.", has no verb.)
    pool = [c for c in cands if c.doc.doc_id == lead_doc.doc_id and c.vec is not None
            and any(t.pos_ in ("VERB", "AUX") for t in _parsed(c.text))]
    if not pool:
        return None
    # A sentence writing more of the clause's own words says it (a short clause's vector alone
    # hardly tells "the list identifies" from "firms are added to the list"); meaning breaks ties.
    # The clause's own verb first ("identifies"), then its other words.
    keys = text_keys(clause) - set(STOPWORDS)
    v = np.asarray(store.embedder.embed_queries([clause])[0])
    best = max(pool, key=lambda c: (bool(verb) and key_in(verb, c.keys), sum(key_in(k, c.keys) for k in keys),
                                    float(np.dot(c.vec, v))))
    return None if best.doc.doc_id == picked[0].doc.doc_id and best.start == picked[0].start else best


@functools.lru_cache(maxsize=256)
def _said_clause(question: str) -> tuple[str, str]:
    """The clause a verb of communication takes in the asking clause ("say *the Entity List
    identifies*", "describe *whom the list identifies*"; spaCy's ``ccomp`` of the root) and the key
    of that clause's own verb ("identify"; "" when it has none); ``("", "")`` without such a clause."""
    from .lexical import speech_first

    doc = _parsed(asking_clause(question))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB" or not speech_first(root.lemma_.lower()):
        return "", ""
    comp = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return "", ""
    return " ".join(t.text for t in comp.subtree), norm_key(comp.lemma_) if comp.pos_ in ("VERB", "AUX") else ""


@functools.lru_cache(maxsize=256)
def _occasion_keys(question: str) -> frozenset[str]:
    """Keys of the words of an adverbial clause of the asking clause's root ("What did Wilbur Ross
    say about ethnic minorities *when the 28 entities were blacklisted*?"; spaCy's ``advcl``): it
    dates or places the saying, and the quote of what was said need not name it."""
    doc = _parsed(asking_clause(question))
    return frozenset(k for t in doc if t.dep_ == "advcl" and t.head.dep_ == "ROOT"
                     for x in t.subtree if (k := norm_key(x.text)))


# How close (MiniLM cosine) a question word and a sentence that does not write it must be for the
# sentence to say it in other words. Set between the fit sets' case ("relatives" and "Family members
# of such persons may also be subject ...": 0.45; the same word and the statement's other sentences:
# 0.11 or less); over all fit sets it changes the four yes/no questions of that kind and no other.
TERM_MEANING_MIN = 0.40


def _said_otherwise(q: Question, pool: list[Candidate], picked: list[Candidate], store: IndexStore) -> list[Candidate]:
    """The sentences of ``pool`` that say, in other words, a word of the question no picked quote
    writes ("relatives" - "Family members of such persons ..."): for each such common (not named)
    word, the pool sentence closest to it by meaning (MiniLM: the word's vector against the
    sentence's), when at least ``TERM_MEANING_MIN``. Each found sentence's ``meant`` holds the
    word's key."""
    import numpy as np

    terms = [t for t in q.terms if not t.named and t.surface.isalpha()
             and not any(key_in(t.key, p.keys) for p in picked)]
    pool = [c for c in pool if c.vec is not None]
    if not terms or not pool:
        return []
    vecs = np.asarray(store.embedder.embed_queries([t.surface for t in terms]))
    found: list[Candidate] = []
    for t, v in zip(terms, vecs):
        cos, c = max(((float(np.dot(c.vec, v)), c) for c in pool), key=lambda x: x[0])
        if cos >= TERM_MEANING_MIN and not key_in(t.key, c.keys):
            c.meant = c.meant | {t.key}
            found.append(c)
    return found


def _paragraph_of(c: Candidate) -> tuple[int, int]:
    """The span of the paragraph of its document the candidate sentence starts in (the sentence's own
    span when no paragraph holds its start)."""
    return next(((s, e) for s, e in paragraph_spans(c.doc.body) if s <= c.start < e), (c.start, c.end))


# Verbs that carry no asked act of their own in a statement question ("What did X *say*/*do*?").
_LIGHT_VERBS = frozenset({"be", "do", "have", "say", "tell", "state", "make", "get"})


def _asked_verb_held(q: Question, c: Candidate) -> bool:
    """Does the sentence use, as a verb, a verb the question's asking clause asks with ("What did the
    statement *call on* China to do?" and "The United States *calls on* ...")? Lemmas by spaCy, other
    than light verbs (:data:`_LIGHT_VERBS`); such verbs are stop words, so no question term holds them."""
    asked = {t.lemma_.lower() for t in _parsed(asking_clause(q.text))
             if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS}
    return bool(asked) and any(t.pos_ == "VERB" and t.lemma_.lower() in asked for t in _parsed(c.text))


def _said_about(q: Question, c: Candidate) -> float:
    """The IDF weight of the question's terms the sentence itself holds, less the asked speaker's
    own names (what a statement question asks about, not who said it)."""
    speaker = _asked_speaker(q.text)
    return sum(t.weight for t in q.terms if t.key not in speaker and key_in(t.key, c.keys))


# The pronoun attribution of a sentence that continues the one before it ('..., it said.').
_PRONOUN_SAID = re.compile(r"[,”\"]\s*(?:it|he|she|they)\s+" + r"(?:said|says|added|adds|noted|continued|told)\b", re.I)


def _said_on(c: Candidate) -> Candidate | None:
    """The sentence right after ``c`` when a pronoun attributes it ('"We have already anticipated
    this situation ...," it said.'): the same speaker's next words; None otherwise."""
    body = c.doc.body
    nxt = next(iter(split_sentences(body[c.end:c.end + 800], base=c.end)), None)
    if nxt is None or body[c.end:nxt[0]].count("\n") > 1 or not _PRONOUN_SAID.search(body[nxt[0]:nxt[1]]):
        return None
    return _sentence_candidate(c, *nxt)


def _asked_subject(question: str) -> list:
    """The tokens of the question's subject ("What did *the State Department* say ...?"; spaCy's
    parse); empty when it has none."""
    doc = _parsed(asking_clause(question))
    # A wh-phrase the parser reads as a subject is what is asked, not who speaks ("What statutory
    # section ... does PF 2019-33 say ...").
    # (A section number is a subject too: "What does *744.16* say ...?", tagged a numeral or worse.)
    # (And a passive's subject said to be saying something: "What was Huawei quoted *as saying* ...?")
    subject = next((t for t in doc if (t.dep_ == "nsubj" or (t.dep_ == "nsubjpass" and _reported_as_saying(t.head)))
                    and t.head.dep_ == "ROOT"
                    and (t.pos_ in ("NOUN", "PROPN", "NUM") or any(ch.isdigit() for ch in t.text))
                    and not any(x.tag_ in ("WDT", "WP", "WP$") for x in t.subtree)), None)
    if subject is None:
        # The parser may read the verb as a noun ("What did the State Dept *announce* ...?": no
        # subject at all): the words between the wh-word's auxiliary and the root are the subject.
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        aux = doc[1] if len(doc) > 2 and doc[0].tag_ in ("WP", "WDT", "WRB") and doc[1].pos_ == "AUX" else None
        if root is not None and aux is not None and aux.i + 1 < root.i:
            # Up to the first word tagged a verb, which cannot be in the subject: the verb the parser
            # made the subject's head ("What did Pompeo's October 2019 statement *call* on the PRC to
            # do?", parsed with "do" as the root).
            words = doc[aux.i + 1:root.i]
            end = next((t.i for t in words if t.pos_ == "VERB" and t.i > aux.i + 1), root.i)
            return [t for t in doc[aux.i + 1:end] if t.pos_ != "DET"]
    if subject is None:
        return []
    # Without a clause hung on it ("Commerce Secretary Ross *quoted by Reuters as saying about the
    # Xinjiang listings*"): its words name the source and the topic, not the speaker.
    clauses = [c for c in subject.children if c.dep_ in ("acl", "relcl") and c.i > subject.i]
    return [t for t in subject.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in clauses)]


def _reported_as_saying(verb) -> bool:
    """Does the verb report its passive subject as speaking: an "as" phrase whose object is a verb in
    "-ing" ("quoted *as saying*", "cited as warning")?"""
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
               for c in verb.children)


@functools.lru_cache(maxsize=256)
def _asked_speaker(question: str) -> frozenset[str]:
    """Keys of the names of the question's subject ("What did *the State Department* say ...?":
    state, department); empty when it has none."""
    return frozenset({norm_key(t.text) for t in _asked_subject(question) if t.pos_ == "PROPN" or t.text[:1].isupper()} - {""})


@functools.lru_cache(maxsize=256)
def _asked_speaker_words(question: str) -> frozenset[str]:
    """Keys of every content word of the question's subject, names or not ("What does *the December
    2019 interim rule* say ...?": december, 2019, interim, rule); empty when it has none."""
    subject = _asked_subject(question)
    if not subject:
        return frozenset()
    # Keys of the subject's text as a whole, as a title's are read ("PF 2019-33": the code is one key).
    return frozenset(text_keys(subject[0].doc[subject[0].i:subject[-1].i + 1].text) - set(STOPWORDS))


def _names_of_topic_held(q: Question, c: Candidate) -> bool:
    """Are the question's names other than its speaker's (and than where it says the answer comes
    from, or the occasion) all in the quote's document - its text or what names it? Only proper
    names count, not capitalised dictionary words ("*Public Law*", which a document may abbreviate
    "Pub. L.")."""
    from .lexical import is_wordnet_word

    speaker = _asked_speaker_words(q.text) | _asked_speaker(q.text)
    skip = speaker | _source_keys(q.text) | _occasion_keys(q.text)
    keys = doc_keys(c.doc) | _document_name_keys(c.doc)
    return all(key_in(t.key, keys) for t in q.named_terms
               if not key_in(t.key, skip) and not is_wordnet_word(t.surface.lower()) and t.key not in q.descriptors)


def _publisher_speaks(q: Question, c: Candidate) -> bool:
    """Is the asked speaker (:func:`_asked_speaker`) the publisher of the quote's document (a press
    statement of the "U.S. Department of State")? Its own sentences are what it says, with no
    "said" in them."""
    said_by = _asked_speaker(q.text)
    keys = set(_publisher_keys(getattr(c.doc, "publisher", "") or ""))
    published = [k for k in said_by if key_in(k, keys) or any(_abbreviates(k, p) for p in keys)]
    # (The month the question dates the statement by is the document's, not a speaker's name:
    # "Pompeo's *October* 2019 statement".)
    return bool(published) and all(k in published or k in _date_words(c.doc) for k in said_by)


def _abbreviates(short: str, word: str) -> bool:
    """Is ``short`` (3-5 letters) an abbreviation of ``word`` by contraction or truncation - its first
    two letters, then its other letters in order ("dept" of "department", "govt" of "government")?"""
    if not (3 <= len(short) <= 5 and short.isalpha() and len(word) > len(short) + 1 and word[:2] == short[:2]):
        return False
    rest = iter(word[2:])
    return all(ch in rest for ch in short[2:])


def _document_speaks(q: Question, c: Candidate) -> bool:
    """Is the asked speaker the quote's document itself ("What does *PF 2019-33* say the rule
    implements?", "What does *the December 2019 interim rule* say about ...?")? Every word of the
    question's subject is in the document's title, its publisher or its date (the year and the
    month's name): what a document says is its own text, with no "said" in it."""
    words = _asked_speaker_words(q.text)
    return bool(words) and all(key_in(k, _document_name_keys(c.doc)) for k in words)


def _document_name_keys(doc: StoredDocument) -> set[str]:
    """The keys a question may name a document by: its title's, its publisher's (with their
    acronyms), its type's ("press-release") and its date's year and month name."""
    keys = set(text_keys(doc.title)) | set(_publisher_keys(getattr(doc, "publisher", "") or ""))
    keys |= text_keys((getattr(doc, "doc_type", "") or "").replace("-", " "))
    return keys | _date_words(doc)


def _date_words(doc: StoredDocument) -> set[str]:
    """The keys of the year and the month's name of a document's date ("2019-12-13": 2019, december)."""
    m = re.match(r"(\d{4})-(\d{2})", doc.date or "")
    return {m.group(1), norm_key(calendar.month_name[int(m.group(2))])} if m else set()


def _source_elsewhere(q: Question, quoted: StoredDocument, hits: list[Hit], store: IndexStore) -> str | None:
    """The source the question names for its answer ("according to *the Commerce press release*")
    when a retrieved document is that source - its title, publisher, type and date hold every word
    of the phrase - and the quote giving the value is from another document (the Entity List's
    record of the same listing): what the named source does not say. None otherwise, or when no
    retrieved document is the named source (a person, "the company": not read as documents)."""
    for phrase in source_phrases(q.text):
        words = {k for k in text_keys(re.sub(r"\s*['’]\s*s\b", "", phrase)) if k not in STOPWORDS}
        if not words or all(key_in(k, _document_name_keys(quoted)) for k in words):
            continue
        if any(all(key_in(k, _document_name_keys(d)) for k in words) for _, d in _retrieved_documents(hits, store)):
            return phrase
    return None


# ---------------------------------------------------------------- abstention
def _semantic_support(q: Question, cands: list[Candidate], store: IndexStore, top: int = 5) -> tuple[float, float]:
    """How well the best sentences match, by meaning, (1) what the question asks
    *about* its names — the question with its names removed ("What is 's
    headcount?") — and (2) its focus noun phrase alone ("headcount"). Cosines of
    MiniLM vectors (trained on question–answer pairs); (2) is (1) without a focus."""
    import numpy as np

    named = {t.surface for t in q.named_terms}
    rest = " ".join(w for w in q.text.split() if w.strip("?,.:;'’s") not in named and w.strip("?,.:;") not in named)
    vecs = [c.vec for c in cands[:top] if c.vec is not None]
    if not vecs or not rest.strip():
        return 0.0, 0.0
    m = np.asarray(vecs)
    focus_words = [t.surface for t in q.terms if q.focus and t.key in q.focus]
    # Both phrases in one model call.
    phrases = np.asarray(store.embedder.embed_queries([rest, " ".join(focus_words)] if focus_words else [rest]))
    relation = float(np.max(m @ phrases[0]))
    if not focus_words:
        return relation, relation
    return relation, float(np.max(m @ phrases[1]))


def _abstain_features(q: Question, best: Candidate, picked: list[Candidate], cands: list[Candidate],
                      value: str | None, store: IndexStore) -> dict[str, float]:
    """Evidence features for the abstention model (see ``answering.abstention.FEATURES``)."""
    dense = sorted(c.dense for c in cands)
    relation, focus_sem = _semantic_support(q, cands, store)
    total = sum(t.weight for t in q.terms) or 1.0
    # (A compound relating the topic to a name the sources write is not unknown for its own spelling:
    # "Xinjiang-related", q.descriptors.)
    unknown = sum(t.weight for t in q.terms if t.df == 0 and not key_in(t.key, best.context_keys)
                  and t.key not in q.descriptors) / total
    context = set().union(*(c.context_keys for c in picked))
    named = _entity_terms(q)
    # An acronym the sources spell out ("CSL": "Consolidated Screening List" in the title) is known.
    spelt = {t.key for t in named if _spelt_out(t.surface, best.doc)}
    # (And a compound relating the topic to a name the sources write: "Xinjiang-related", q.descriptors.)
    known = [t for t in named if t.df > 0 or key_in(t.key, best.context_keys) or t.key in spelt or t.key in q.descriptors]
    if not q.focus:
        focus = 1.0
    elif key_in(q.focus[-1], context) or any(_abbreviates_focus(q, c.text) for c in picked):
        focus = 1.0
    elif _focus_names_kind(q, store):
        focus = 1.0  # "what justification", "the target size": the kind of answer, not a word to find
    elif value is not None and q.kind in (AnswerKind.OTHER, AnswerKind.ENTITY):
        focus = 1.0  # a code the question's verb labels ("call 202-969-4075" for "what number ... call")
    else:
        focus = 0.5 if q.focus_head_df else 0.0
    if focus == 1.0 and q.focus_of and not _complement_found(q, context, store):
        # "the terms of the trade pact": evidence with terms of something else is not the answer.
        comp_df = next((t.df for t in q.terms if t.key == q.focus_of[-1]), 0)
        focus = 0.5 if comp_df else 0.0
    if q.kind is AnswerKind.STATEMENT:
        # (Or the lead quote is the speaker's own document's: no "said" in a press statement.)
        # (Or a quote of the document the question has speaking, wherever the best quote is from.)
        # (A document speaks of what it names: "What did the State Department statement say about
        # SenseTime?" is not answered by a statement that never names SenseTime.)
        speaker = float(any(_says(q, c) for c in picked)
                        or (_publisher_speaks(q, best) and _names_of_topic_held(q, best))
                        or any(_document_speaks(q, c) and _names_of_topic_held(q, c) for c in picked))
    else:
        speaker = 1.0
    features = {
        "dense": dense[-1],
        "dense_margin": dense[-1] - dense[len(dense) // 2],
        "coverage": best.coverage,
        "named": _named_coverage(q, best.context_keys | doc_keys(best.doc) | spelt),
        "names_known": len(known) / len(named) if named else 1.0,
        "focus": focus,
        "value": float(value is not None) if q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY) or q.identifier
        else float(_person_named(q, picked)) if _asks_person_name(q.text)
        else float(_party_named(q, picked)) if _asks_party_by_name(q.text) else 1.0,
        "speaker": speaker,
        "relation": relation,
        "focus_sem": focus_sem,
        "unknown": 1.0 - unknown,
    }
    if not q.focus and sum(1 for t in q.terms if not t.named) < 2:
        # The question says little besides its names and names no thing it asks for ("Who was added
        # to the Entity List?", "Who is John Honovich?"): what it asks about them cannot be measured
        # apart from them; unknown, not low (the model reads a missing feature as its mean). A
        # focus noun ("the *capital* of France") is measured.
        del features["relation"]
    if len(dense) < _MIN_POOL:
        # Too few candidate sentences to have a typical one (a small index, a one-sentence
        # document): "how special is the best one" is unknown, not zero. The model reads a
        # missing feature as its mean.
        del features["dense_margin"]
    return features


def _abbreviates_focus(q: Question, text: str) -> bool:
    """Does ``text`` write the question's focus phrase of two or more words abbreviated, each word
    by its first letters and a dot ("*Pub. L.* 115-232" for "which public law", "Fed. Reg." for
    "Federal Register")? One letter may stand for a word only beside a longer abbreviation."""
    words = [w for w in q.focus if w.isalpha()]
    if len(words) < 2:
        return False
    pattern = r"\s*".join(r"\b([A-Z][a-z]{0,5})\." for _ in words)
    for m in re.finditer(pattern, text):
        parts = [g.lower() for g in m.groups()]
        if all(w.startswith(p) and len(p) < len(w) for p, w in zip(parts, words)) and max(map(len, parts)) >= 3:
            return True
    return False


# The fewest candidate sentences whose median says what an unremarkable match scores.
_MIN_POOL = 5


@functools.lru_cache(maxsize=1024)
def _asks_person_name(question: str) -> bool:
    """Does the question ask for a person by name — "who" with the noun "name" ("Who is the chair?
    I need the name"), or "who is/was the <singular noun>" whose noun WordNet counts a person ("Who
    is the Director ...", "Who was the analyst")? From spaCy's parse. Questions naming the person ("Who is
    John Honovich?") or asking who did something ("Who was added ...") are not."""
    doc = _parsed(question)
    if not any(t.lower_ in ("who", "whom") and t.tag_ == "WP" for t in doc):
        # "What is the *name of the* human rights *expert* ...?": the noun "name" of a noun WordNet
        # counts a person asks for that person's name.
        return _name_of_the_person(doc)
    if any(t.lower_ == "name" and t.pos_ == "NOUN" for t in doc):
        return True
    # Singular: "who are the suppliers" is answered by companies, which WordNet's "supplier"
    # (a person) would not admit; one office-holder is a person.
    return _who_is_the_person(doc, lambda c: c.tag_ == "NN")


def _who_is_the_person(doc, admits: Callable) -> bool:
    """Does the parse hold "who" with a copula whose other term is a definite noun phrase ("the
    chair") that ``admits`` and whose head WordNet counts a person? Shared by
    :func:`_asks_person_name` (singular common nouns) and :func:`_asks_role_holder` (titles too)."""
    from .lexical import names_a_person

    return any(admits(c) and any(d.lower_ == "the" for d in c.children) and names_a_person(c.lemma_.lower())
               for c in _who_is_terms(doc))


def _who_is_terms(doc) -> Iterator:
    """The other terms of each "who is/was ..." copula in the parse ("the *chair*", "the Hikvision US
    *spokesman*"), in order."""
    for t in doc:
        if t.lemma_ == "be" and any(c.lower_ == "who" for c in t.children):
            yield from (c for c in t.children if c.dep_ in ("attr", "nsubj"))


def _person_named(q: Question, picked: list[Candidate]) -> bool:
    """Does a picked sentence name a person (spaCy's PERSON entity) the question does not? Of the
    sentences that speak of the asked role, if any does ("Who was the Hikvision US spokesman?": "A
    US Hikvision spokesman said ..." names none, whoever another sentence names)."""
    from .answering.nlp import parse

    asked = q.text.lower()
    role = _asked_role_key(q.text)
    speaking = [c for c in picked if role is not None and key_in(role, c.keys)] or picked
    return any(e.label_ == "PERSON" and e.text.lower() not in asked
               for c in speaking for e in parse(c.text).ents)


@functools.lru_cache(maxsize=1024)
def _asked_role_key(question: str) -> str | None:
    """The key of the role noun of "who is/was the <role>" ("spokesman"), or None."""
    noun = next((c for c in _who_is_terms(_parsed(question)) if c.pos_ == "NOUN"), None)
    return None if noun is None else norm_key(noun.text)


def _asks_party_by_name(question: str) -> bool:
    """Does the question ask to identify parties — "which/what" determining a common noun that
    WordNet counts a person or an organisation ("Which *lawmakers* urged ...", "what *companies*",
    "which *agency*")? Its answer names them; a sentence that only speaks of them as a kind ("a
    bipartisan group of US lawmakers") does not."""
    return _asked_party_noun(question) is not None


@functools.lru_cache(maxsize=1024)
def _asked_party_noun(question: str) -> str | None:
    """The lemma of the party noun a "which/what" question asks to identify (see
    :func:`_asks_party_by_name`), or None."""
    from .lexical import names_a_party

    doc = _parsed(question)
    for t in doc:
        if t.lower_ not in ("which", "what"):
            continue
        # The noun phrase the wh-word opens, however the parser hangs it ("Which lawmakers were
        # ...": the small model reads "Which" as the copula's attribute).
        chunk = next((c for c in doc.noun_chunks if c.root.i > t.i and (c.start == t.i + 1 or c.start <= t.i)), None)
        if chunk is not None and chunk.root.pos_ == "NOUN" and names_a_party(chunk.root.lemma_.lower()):
            return chunk.root.lemma_.lower()
        # (Or the noun it determines past a participle the parser read as its verb: "Which *listed* party".)
        if chunk is None and t.tag_ == "WDT" and (noun := _determined_noun(t)) is not None \
                and noun.pos_ == "NOUN" and names_a_party(noun.lemma_.lower()):
            return noun.lemma_.lower()
    return None


# Entities that are no party: places, peoples, times and amounts ("US lawmakers", "Chinese companies").
_NOT_PARTIES = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


def _party_named(q: Question, picked: list[Candidate]) -> bool:
    """Does a picked sentence name a party the question does not: a proper noun (spaCy's tag) outside
    a place, people, time or amount entity, that the question does not write?"""
    from .answering.nlp import parse

    from .lexical import holds_office

    asked = {w.lower() for w in re.findall(r"\w+", q.text)}
    noun = _asked_party_noun(q.text)
    if noun is not None and holds_office(noun):
        # "Which Chinese officials ...", "which lawmakers": holders of an office are people; a name
        # of an organisation ("Communist Party", "Department of State") names none of them, nor does
        # the person the question itself names ("Pompeo's statement": MICHAEL R. POMPEO).
        return any(words[-1].lower() not in asked
                   for c in picked for name in _persons_named(c.text) if (words := re.findall(r"\w+", name)))
    for c in picked:
        doc = parse(c.text)
        others = {t.i for e in doc.ents if e.label_ in _NOT_PARTIES for t in e}
        # A name modifying the asked noun itself describes the kind ("*Aldmere* councillors" for
        # "which councillors"), it names none of them.
        if any(t.pos_ == "PROPN" and t.i not in others and t.lower_ not in asked
               and not (t.dep_ == "compound" and t.head.lemma_.lower() == noun) for t in doc):
            return True
    return False


def _spelt_out(word: str, doc: StoredDocument, title_only: bool = False, text: str | None = None) -> bool:
    """Is ``word``, an acronym in capitals ("CSL", "EURC"), spelt out in the document's title or
    text (``title_only``: its title; ``text``: that text instead, e.g. its publisher) as capitalised
    words with those initials ("Consolidated Screening List", "End-User Review Committee"), small
    words like "of" and "and" allowed between them?"""
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not (2 <= len(letters) <= 8 and word.isupper()):
        return False
    pattern = r"\b" + r"[\w’'-]*[\s-]+(?:(?:of|and|the|for|on|in|to|&)\s+)?".join(letters) + r"[\w’'-]*"
    within = text if text is not None else doc.title if title_only else f"{doc.title}\n{doc.body}"
    return re.search(pattern, within) is not None


def _complement_found(q: Question, context: set[str], store: IndexStore) -> bool:
    """Is what the focus is "of" in the evidence — by its key, or because it is a name
    (names have their own features) or names the kind of answer ("the estimate of the
    *number* of ...")?"""
    head = q.focus_of[-1]
    if key_in(head, context) or any(t.named and t.key == head for t in q.terms) or head.startswith("@"):
        return True
    return _names_kind(q, q.focus_of, store)


def _focus_names_kind(q: Question, store: IndexStore) -> bool:
    """Does the question's focus noun phrase name the kind of answer it asks for
    ("what *justification*" for a reason, "the *estimate*" for a figure, "what *start
    date*"), by the answer-kind model, rather than a thing the evidence must mention?"""
    if q.kind not in (AnswerKind.DATE, AnswerKind.QUANTITY, AnswerKind.REASON, AnswerKind.PLACE):
        return False
    return _names_kind(q, q.focus, store)


def _names_kind(q: Question, keys: list[str], store: IndexStore) -> bool:
    """Does the question's phrase with these keys (its words as written) name the question's
    own answer kind, by the answer-kind model (:func:`answering.kinds.phrase_kind`)?"""
    from .answering.kinds import phrase_kind

    words = [t.surface for t in q.terms if t.key in keys]
    named = phrase_kind(" ".join(words), store.embedder) if words else None
    return named is not None and named[0] == q.kind.value


def _model(settings: Settings) -> AbstentionModel | None:
    try:
        return load_model()
    except (OSError, ValueError) as exc:
        log.warning("abstention model unavailable (%s); answering without it", exc)
        return None


def _abstain_reason(features: dict[str, float], settings: Settings) -> tuple[str | None, float]:
    """Why to abstain (None to answer), and the model's probability that the evidence answers."""
    model = _model(settings)
    if model is None:
        return None, 1.0
    p = model.probability(features)
    threshold = settings.abstain_threshold if settings.abstain_threshold is not None else model.threshold
    if p >= threshold:
        return None, p
    weakest = sorted(features, key=lambda f: model.weights.get(f, 0.0) * (features[f] - model.mean.get(f, 0.0))
                     / (model.scale.get(f, 1.0) or 1.0))[:2]
    return (f"P(answered by the evidence) = {p:.2f} < {threshold:.2f}; weakest: "
            + ", ".join(f"{f}={features[f]:.2f}" for f in weakest)), p


def _abstention(q: Question, hits: list[Hit], reason: str, settings: Settings) -> Answer:
    from .answering.wording import abstain_text

    text = abstain_text(q.text, hits, settings)
    log.info("abstained: %s", reason)
    return Answer(text=text, abstained=True, citations=[], question=q.text, backend="extractive",
                  notice=f"abstained: {reason}")


# ---------------------------------------------------------------- answer
@dataclass
class Assessment:
    """What the answerer found for a question: the analysed question, the scored
    candidate sentences (best first), the quotes picked, the tied date/figure and
    the abstention features. ``best`` (the first quote picked) is None when no
    sentence matched."""

    q: Question
    cands: list[Candidate]
    picked: list[Candidate]
    value: str | None
    features: dict[str, float]
    codes: list[str] = field(default_factory=list)  # labelled codes asked for (:func:`_label_values`)

    @property
    def best(self) -> Candidate | None:
        return self.picked[0] if self.picked else None


def _own_terms(q: Question, c: Candidate) -> set[str]:
    """The question terms (keys) the candidate's own sentence holds, its context aside."""
    return {t.key for t in q.terms if key_in(t.key, c.keys)}


# A sentence scoring below this share of the best one is not quoted.
_PICK_SHARE = 0.75
# ... unless it lists the thing a list question asks for and no quote does. Chosen on the
# paraphrase set (there a list sentence scored 0.74 of a best sentence that lists nothing), with
# room below; checked on dev and the own holdout (no change there).
_LIST_SHARE = 0.6


def _list_continuations(q: Question, picked: list[Candidate], cands: list[Candidate], hits: list[Hit],
                        store: IndexStore) -> list[Candidate]:
    """Other sentences of a document that already lists the things asked for, which
    list more of them ("... eight companies including Hikvision, SenseTime and Megvii."
    / "The other companies on the list are iFlytek, Dahua, ..."): a list answer names
    every item its evidence lists, so one list is not cut off at a sentence or
    passage boundary. The whole document is read (the other half of a list is often
    in a passage retrieval did not return); only sentences whose names are tied to
    the question's focus as a list of it (type fit 1.0) are taken, in document order.
    Also any other candidate listing the focus that scored high enough to be quoted
    (``_PICK_SHARE`` of the best) but lost its place to quotes listing nothing."""
    listing = list(dict.fromkeys(c.doc.doc_id for c in picked if c.fit >= 1.0))
    have = {(c.doc.doc_id, c.start) for c in picked}
    # Sentences listing the thing asked for that scored high enough to be quoted but lost
    # their place to sentences that list nothing (the quote limit), in score order.
    best = cands[0]
    # When no quote lists the thing asked, a listing sentence need only reach the lower share:
    # a list question's lead comes from a list of what it asks, or from nothing.
    share = _PICK_SHARE if listing else _LIST_SHARE
    out: list[Candidate] = [c for c in cands if c.fit >= 1.0 and c.score >= share * best.score
                            and (c.doc.doc_id, c.start) not in have and not _other_time(q, _dating_keys(c))]
    have |= {(c.doc.doc_id, c.start) for c in out}
    listing += [d for d in dict.fromkeys(c.doc.doc_id for c in out) if d not in listing]
    for rank, doc_id in enumerate(listing):
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        whole = _candidates(q, hits, store, extra=[(float(rank), doc_id, 0, len(doc.body))])
        if q.focus_match is not None:
            q.focus_match.prime([c.text for c in whole])
        for c in whole:
            if (doc_id, c.start) in have:
                continue
            c.fit = _type_fit(q, c.text)
            if c.fit >= 1.0 and not _other_time(q, _dating_keys(c)):
                out.append(c)
    return out


@functools.lru_cache(maxsize=1)
@functools.lru_cache(maxsize=1)
def _time_keys() -> frozenset[str]:
    """Keys of the month and weekday names, full or abbreviated ("Oct", "Tuesday")."""
    names = list(MONTHS) + [n.lower() for n in (*calendar.month_abbr, *calendar.day_name, *calendar.day_abbr) if n]
    return frozenset(norm_key(n) for n in names) | _month_keys()


def _entity_terms(q: Question) -> list[Term]:
    """The question's named terms that name someone or something: not a number, nor a month or
    weekday ("Oct", "Tuesday" are capitalised, but a figure of Tuesday's trading is not
    Tuesday's: the name the figure must belong to is "Dahua")."""
    times = _time_keys()
    return [t for t in q.named_terms if not t.key.isdigit() and t.key not in times]


def _month_keys() -> frozenset[str]:
    """Keys of the month names (computed on first use: ``norm_key`` loads spaCy's tables)."""
    return frozenset(norm_key(m) for m in MONTHS)


def _other_time(q: Question, keys: set[str]) -> bool:
    """Does a sentence date itself to another month or year than the question's
    ("In August, ... five Chinese companies" for a question about October 2019)? Then
    its list is another event's. False when either names no month (or no year)."""
    qkeys = {t.key for t in q.terms} | _year_edge_months(q.text)
    for unit in (_month_keys(), None):
        asked = {k for k in qkeys if (k in unit if unit else re.fullmatch(r"(19|20)\d\d", k))}
        said = {k for k in keys if (k in unit if unit else re.fullmatch(r"(19|20)\d\d", k))}
        if asked and said and not asked & said:
            return True
    return False


# A year that is part of a name, not a time: "the Trade Act *of 1962*", "the Convention of 1979"
# (a capitalised word other than a month, then "of", then the year).
_NAME_YEAR = re.compile(r"\b([A-Z][a-z]+) of ((?:19|20)\d\d)\b")


def _dating_keys(c: Candidate) -> set[str]:
    """The keys of a candidate sentence less the years that only name something ("Section 232 of
    the Trade Act of 1962" does not date a sentence about 2019 to 1962)."""
    in_names = [m.group(2) for m in _NAME_YEAR.finditer(c.text) if m.group(1).lower() not in MONTHS]
    if not in_names:
        return c.keys
    # Unless the year is also written as a time elsewhere in the sentence.
    only_named = {y for y in in_names if len(re.findall(rf"\b{y}\b", c.text)) == in_names.count(y)}
    return c.keys - only_named


@functools.lru_cache(maxsize=1024)
def _year_edge_months(question: str) -> frozenset[str]:
    """The month a question names by an edge of a year: "by the *end of 2019*" is December 2019,
    "at the start of 2020" January 2020 (a count reported in May 2019 is no count at the end of
    2019)."""
    out = set()
    for m in re.finditer(r"\b(end|close|start|beginning)\s+of\s+(?:the\s+year\s+)?(?:19|20)\d\d\b", question, re.I):
        out.add("december" if m.group(1).lower() in ("end", "close") else "january")
    return frozenset(out)


def _dated_elsewhere(q: Question, c: Candidate) -> bool:
    """A sentence that names no month or year of its own, in a document dated to another
    month or year than the question names ("thirty-seven existing entries" of a July 2020
    rule, for a question about the October 2019 rule)."""
    return not _own_time_keys(c) and _other_time(q, _dated_keys(c.doc.date or "", c.doc.title or ""))


def _own_time_keys(c: Candidate) -> set[str]:
    """The months and years a candidate sentence writes itself (:func:`_dating_keys`)."""
    return {k for k in _dating_keys(c) if k in _month_keys() or re.fullmatch(r"(19|20)\d\d", k)}


def _date_of_other_document(q: Question, c: Candidate) -> bool:
    """Is a date sentence another document's than the one the question dates: its own months and years
    are not the question's (a date sentence's own dates are what it answers, not when it was written -
    the comment deadline "on or before February 11, 2020" of a December 2019 rule), and its document's
    date and title are of another month or year than the question names (:func:`_other_time`)?"""
    own = _own_time_keys(c)
    return bool(own) and _other_time(q, own) and _other_time(q, _dated_keys(c.doc.date or "", c.doc.title or ""))


@functools.lru_cache(maxsize=512)
def _dated_keys(date: str, title: str) -> frozenset[str]:
    return frozenset(text_keys(date) | text_keys(title))


def assess(question: str, hits: list[Hit], store: IndexStore, settings: Settings) -> Assessment:
    """Analyse the question, score the sentences of the retrieved passages, pick the
    quotes and compute the abstention features (no decision taken)."""
    q = analyse(question, store)
    cands = _candidates(q, hits, store)
    if not cands:
        return Assessment(q, [], [], None, {})
    if q.kind is AnswerKind.LIST:
        q.focus_match = _focus_matcher(q, store)
        if q.focus_match is not None:
            q.focus_match.prime([c.text for c in cands])
    qvec = store.embedder.embed_query(question)
    _score(q, cands, qvec, store)
    cands.sort(key=lambda c: -c.score)
    if q.focus_match is not None:  # the defined terms' words, for matching them to the focus
        q.focus_match.prime_words([w for c in cands[:10] for t in definitions(c.doc.body) for w in t.split()])
    defs = _definition_spans(cands, focus=q.focus_match)
    if defs:
        more = [c for c in _candidates(q, hits, store, extra=defs)
                if not any(c.doc.doc_id == o.doc.doc_id and c.start == o.start for o in cands)]
        if q.focus_match is not None:
            q.focus_match.prime([c.text for c in more])
        _score(q, more, qvec, store)
        cands = sorted(cands + more, key=lambda c: -c.score)
    # Another party's record line is never quoted (the pool keeps it: the features compare
    # the best sentence with all retrieved ones).
    quotable = [c for c in cands if not c.other_party]
    if not quotable:
        return Assessment(q, cands, [], None, {})
    if q.kind is AnswerKind.STATEMENT:
        # "What did the State Department say ...?": of the best sentences, one the asked speaker says
        # (in its own statement, or "X said") leads - not another party's words on the same topic.
        speaking = [c for c in quotable[:_ASKED_POOL] if _publisher_speaks(q, c) or _says(q, c)]
        spoken = speaking[0] if speaking else None
        if spoken is not None:
            # Of the speaker's sentences in one paragraph (a quotation of several sentences), the one
            # that says most of what the question asks about beyond the speaker's own names ("How did
            # Ross describe *Huawei*?": the sentence naming it, not the one his attribution closes).
            ps, pe = _paragraph_of(spoken)
            # (Every sentence of the speaker's own statement is its words, whatever paragraph: there the
            # one doing what the question's verb asks leads - "What did the statement *call on* China
            # to do?" of "The United States *calls on* ...", not the announcement above it.)
            own = _publisher_speaks(q, spoken) or _document_speaks(q, spoken)
            same = [c for c in speaking if c.doc.doc_id == spoken.doc.doc_id
                    and (ps <= c.start < pe or (own and _asked_verb_held(q, c)))]
            spoken = max(same, key=lambda c: (_asked_verb_held(q, c), round(_said_about(q, c), 6), c.score))
        if spoken is not None and spoken is not quotable[0]:
            quotable = [spoken] + [c for c in quotable if c is not spoken]
    best = quotable[0]
    limit = settings.max_quotes + (2 if q.kind is AnswerKind.LIST else 0)
    picked: list[Candidate] = [best]
    for c in quotable[1:]:
        if len(picked) >= limit:
            break
        if c.score < _PICK_SHARE * best.score:
            break
        # Add a quote only if it brings a question term or a name the others lack.
        # (Its own words count too: a sentence that itself states a question term the picked ones
        # hold only through their paragraph - "Family members of such persons may also be subject"
        # beside the bullet it ends - says it where they do not.)
        new_terms = (c.covered - set().union(*(p.covered for p in picked))) or \
            (_own_terms(q, c) - set().union(*(_own_terms(q, p) for p in picked)))
        same_kind = q.kind in (AnswerKind.LIST, AnswerKind.STATEMENT) and c.fit > 0 and c.own > 0
        if new_terms or same_kind or c.score >= 0.92 * best.score:
            picked.append(c)
    if is_polar(q.text):
        # "Can *relatives* of the officials be hit?": a sentence saying it in other words ("Family
        # members of such persons may also be subject ...") settles it, however it ranks.
        picked += [c for c in _said_otherwise(q, quotable[:_ASKED_POOL], picked, store) if c not in picked]
        if (subject := _named_subject(q.text)) and not any(key_in(subject, c.keys) for c in picked) and \
                (about := next((c for c in quotable[:_ASKED_POOL] if key_in(subject, c.keys)), None)):
            # "Is NNSA covered by the rule?": a yes or no is about the question's subject; the best
            # sentence naming it is quoted (and leads: :func:`_sentence_lead_first`).
            picked.append(about)
    if q.kind is AnswerKind.STATEMENT and (more := _said_on(best)) is not None \
            and not any(p.doc.doc_id == more.doc.doc_id and p.start == more.start for p in picked):
        # '"We have already anticipated this situation ...," it said.': the speaker's next words - in
        # the same quote when they follow at once and both fit in one, so the answer leads with both.
        between = best.doc.body[best.end:more.start]
        if picked and picked[0] is best and more.start >= best.end and not between.strip() \
                and more.end - best.start <= MAX_QUOTE_CHARS:
            picked[0] = _sentence_candidate(best, best.start, more.end)
        else:
            picked.insert(1, more)
    # picked is in score order (taken from the sorted candidates).
    if q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY):
        picked += _asked_value_candidates(q, quotable[:_ASKED_POOL], picked)
    value, timed = _asked_value(q, picked, store)
    named_doc = _named_document(q, hits, store) if q.kind is AnswerKind.DATE and not q.duration else None
    if q.kind is AnswerKind.DATE and not q.duration and \
            ((value is None and (lines := _dateline(q, best)) is not None)
             or (named_doc is not None and (lines := _dateline(q, best, named_doc)) is not None
                 and not any(c.doc.doc_id == named_doc.doc_id and value and value in c.text
                             and _subject_nouns(q.text) <= c.keys for c in picked))):
        # The dateline dates what the document itself announces; it and the headline are quoted first.
        # So it does when the question's subject names the document ("On what date was the press
        # statement on Xinjiang visa restrictions issued?"), whatever date another document gives - or
        # a sentence of its own that does not name it ("When was PF 2019-33 issued?": "An interim rule
        # ... was issued on August 13, 2019" is the rule's date, not the flash's).
        value = lines[0][1]
        quoted = [c for c, _ in lines]
        picked = quoted + [c for c in picked if c.start not in {d.start for d in quoted}]
    codes: list[str] = timed if len(timed) > 1 else []
    other_focus = q.kind is AnswerKind.DATE and bool(q.focus) and not _focus_names_date(q, store)
    if q.focus and (q.kind in (AnswerKind.OTHER, AnswerKind.ENTITY) or other_focus):
        # "What RIN ...?", "the docket number": a code written after the asked noun is the answer.
        for c, code in _label_values(q, picked + [c for c in quotable[:_ASKED_POOL] if c not in picked],
                                     docs_from=picked + [c for c in quotable if c not in picked]):
            if _other_time(q, _title_keys(c.doc)):
                continue  # the docket number of a rule of another month ("the June 2020 rule": not July's)
            if _stated_days(code) & _stated_days(q.text):
                continue  # the question's own day ("Federal Register on 07/22/2020" for "the July 22, 2020 rule")
            if not any(c.doc.doc_id == p.doc.doc_id and c.start == p.start for p in picked):
                picked.append(c)
            codes.append(code)
        # A date does not answer a question whose focus names another kind of thing ("What docket
        # number does the June 2020 rule carry?" is no question for its start date).
        value = codes[0] if codes else None if other_focus and _focus_kind(q, store) is not None else value
    if not codes and q.kind in (AnswerKind.ENTITY, AnswerKind.OTHER) and not is_polar(q.text) \
            and (cited := _cited_by_asked_verb(q.text, picked)) is not None:
        # "Which FAR paragraph *prescribes* insertion of clause 52.204-25?": "As *prescribed in*
        # 4.2105(b), insert the following clause:" - the provision the question's verb cites.
        codes, value = [cited], cited
    if q.frequency:
        # "How often must offerors represent?": the first frequency of the best sentences ("annually"),
        # not a date they state; none, and the best sentence leads.
        for c in picked + [c for c in quotable[:_ASKED_POOL] if c not in picked]:
            if found := find_frequencies(c.text):
                codes = [found[0][2]]
                if c not in picked:
                    picked.append(c)
                break
    features = _abstain_features(q, best, picked, cands, value, store)
    if q.kind is AnswerKind.LIST:
        # After the features: the abstention decision rests on the retrieved evidence alone.
        picked += _list_continuations(q, picked, quotable, hits, store)
    return Assessment(q, cands, picked, value, features, codes)


# How many of the best candidate sentences may hold the value an asking clause's own words point to.
_ASKED_POOL = 5


def _asked_value_candidates(q: Question, pool: list[Candidate], picked: list[Candidate]) -> list[Candidate]:
    """For a question whose asking clause follows its topic ("the berth fees: when do they
    take effect?"), the best not-yet-picked candidate that holds a date/figure and a word
    of the asking clause itself ("take effect on May 1"): the topic's names make another
    sentence of the document score higher ("announced the berth fees on March 3")."""
    own = _asking_keys(q)
    if not own:
        return []
    finder = _value_finder(q)
    for c in pool:
        if c not in picked and any(key_in(k, c.keys) for k in own) and finder(c.text) \
                and (_about_main_name(q, c, sentence_only=True) or _refers_to_main_name(q, c)):
            return [c]
    return []


# How much less like the question (MiniLM cosine) than the closest sentence an asked-for
# definition may be: 0.05, from the paraphrase set (a definition 0.01 below a sentence that
# merely shares the question's words); checked on dev and the own holdout.
DEFINITION_MARGIN = 0.05
# In how many of the best candidates' documents a definition listing names is looked for.
DEFINITION_DOCS = 10
_MEANS = re.compile(r"\s(?:means|has the meaning)\b[\s–—:-]*")


def _asked_definition(q: Question, cands: list[Candidate]) -> tuple[Candidate, int] | None:
    """A one-line definition the question asks for: the question names a term that a
    retrieved legal text defines ("which nation counts as the 'covered foreign
    country'" / "Covered foreign country means The People’s Republic of China."), and
    that definition is, of all candidate sentences, the closest to the question in
    meaning (MiniLM). Returns the definition's candidate and where its definiens
    starts; None otherwise (multi-line definitions, whose items are a list, are left
    to the other leads)."""
    if q.kind not in (AnswerKind.ENTITY, AnswerKind.OTHER, AnswerKind.LIST, AnswerKind.PLACE) or not cands:
        return None
    if (listed := _definition_list(q, [c.doc for c in cands[:DEFINITION_DOCS]])) is not None:
        # The names a definition's numbered paragraphs list ("Name the companies named in the
        # definition of ..."): its "means–" line, whose definiens is the paragraphs below it.
        doc, d = listed
        c = next(c for c in cands if c.doc.doc_id == doc.doc_id)
        return _sentence_candidate(c, d.line_start, d.line_end), d.line_end
    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"[\w-]+", text.lower())) + " "

    asked = words(q.text)
    top = max(c.dense for c in cands)
    # Near-closest: within DEFINITION_MARGIN of the closest sentence's cosine.
    for c in sorted((c for c in cands if c.dense >= top - DEFINITION_MARGIN), key=lambda c: -c.dense):
        body = c.doc.body
        for term, (s, e) in definitions(body).items():
            if s != c.start or len(term.split()) < 2 or words(term) not in asked:
                continue
            line_end = body.find("\n", s)
            line_end = len(body) if line_end < 0 else line_end
            m = _MEANS.search(body, s, line_end)
            if m is None or body[m.end():line_end].strip(" .;") == "" or e > line_end + 2:
                return None  # defined by items on the following lines
            return c, m.end()
    return None


def _defined_by_items(q: Question, cands: list[Candidate]) -> tuple[StoredDocument, Paragraph] | None:
    """The definition a question asking for several things names, when its document defines that term by
    numbered paragraphs ("Enumerate the categories that make up 'critical technology' in 52.204-25" of
    "Critical technology means- (1) Defense articles ...; (2) Items included on the Commerce Control
    List ...; ..."): the "means-" line as a paragraph whose children are the items - the items are the
    answer, not the best-scoring sentence that uses the term. From the first ``DEFINITION_DOCS``
    documents of the candidates, each holding the sections the question cites; a term of two or more
    words the question writes (:func:`answering.definitions.term_named`). None when the question asks
    for one thing or for parties (the names the items list are :func:`_definition_list`'s)."""
    from .answering.definitions import asks_for_parties, definition_paragraphs, holds_cited_sections, term_named
    from .answering.provisions import Paragraph

    if not _asks_several(q) or asks_for_parties(q.text, q.focus[-1] if q.focus else None):
        return None
    docs = list({c.doc.doc_id: c.doc for c in cands}.values())[:DEFINITION_DOCS]
    for doc in docs:
        for term, (s, e) in definitions(doc.body).items():
            if not term_named(q.text, term):
                continue
            items = definition_paragraphs(doc.body, s, e)
            if items and holds_cited_sections(q.text, doc.body, doc.title):
                line_end = doc.body.find("\n", s, e)
                # Each item by its own words: its sub-items ("controlled- (i) Pursuant to multilateral
                # regimes ...") qualify it; in full, a long item is cut to a window that may lose its start.
                own = [replace(k, end=k.own_end, children=[]) for k in items]
                return doc, Paragraph(path=(), start=s, end=e, own_end=line_end, children=own)
    return None


def _definition_list(q: Question, docs: list[StoredDocument]) -> tuple[StoredDocument, DefinitionList] | None:
    """The first of ``docs`` (best first, each once) defining a term the question names by numbered
    paragraphs that list the parties asked for, with the listed names
    (:func:`answering.definitions.asked_list`); None when the question asks for no parties."""
    from .answering.definitions import asked_list, asks_for_parties

    if not asks_for_parties(q.text, q.focus[-1] if q.focus else None):
        return None
    qkeys = {t.key for t in q.terms}
    unique = list({d.doc_id: d for d in docs}.values())
    return asked_list(q.text, [(d.title, d) for d in unique], lambda t: _enumerations(t, qkeys),
                      counts=_stated_counts(q) if q.focus else set())


def _definition_answer(question: str, q: Question, d: Candidate, value_start: int, picked: list[Candidate]) -> Answer:
    """Lead with the definiens ("The People’s Republic of China"), citing the
    definition line; the other picked quotes follow as evidence. A definition by numbered
    paragraphs leads with the names they list, each marked with its paragraph's quote."""
    citations = [make_citation(d.doc, d.start, d.end, n=1)]
    if value_start >= d.end and (listed := _definition_list(q, [d.doc])) is not None:
        quote_of: dict[int, int] = {}
        for item in listed[1].names:
            if item.start not in quote_of:
                s, e = _trim(d.doc.body, item.start, item.end, q, keep=[n.name for n in listed[1].names])
                citations.append(make_citation(d.doc, s, e, n=len(citations) + 1))
                quote_of[item.start] = len(citations)
        lead = _join([f"{n.name} [{quote_of[n.start]}]" for n in listed[1].names])
        return Answer(text=_compose(lead, citations, []), abstained=False, citations=citations, question=question,
                      backend="extractive")
    for c in picked:
        if c.doc.doc_id == d.doc.doc_id and c.start == d.start:
            continue
        s, e = _trim(c.doc.body, c.start, c.end, q)
        citations.append(make_citation(c.doc, s, e, n=len(citations) + 1))
    lead = d.doc.body[value_start:d.end].strip().rstrip(" .;")
    return Answer(text=_compose(lead, citations, [1]), abstained=False, citations=citations, question=question,
                  backend="extractive")


def _record_list_answer(question: str, heads: list[tuple[StoredDocument, int, int]], total: int) -> Answer:
    """Lead with the names of the listed parties (each record's name value, marked with
    the quote of its name line), with the count, and say when the list is cut off."""
    citations = [make_citation(doc, s, e, n=i + 1) for i, (doc, s, e) in enumerate(heads)]
    names = [f"{c.quote.split(':', 1)[1].strip()} [{c.n}]" for c in citations]
    title = heads[0][0].title
    body = heads[0][0].body
    # (The records the question picks out of its document - by time or by a name they hold - are
    # counted against all of them: "4 of the 30 records".)
    held = sum(1 for r in records(body) if admissible(body[r.name.start:r.name.end]))
    if total > len(names):
        lead = f"{len(names)} of the {total} records in “{title}”: " + "; ".join(names)
    elif held > total:
        lead = f"{total} of the {held} records in “{title}”: " + "; ".join(names)
    else:
        lead = f"The {total} records in “{title}”: " + "; ".join(names)
    return Answer(text=_compose(lead, citations, []), abstained=False, citations=citations, question=question,
                  backend="extractive")


def _asks_role_holder(q: Question) -> bool:
    """Does the question ask who holds a role ("Who is *the* current *chair* of the committee?",
    "Who is the Director who signed the flash?"): "who" with a copula, whose other term is a
    definite noun phrase whose head names a person by WordNet? Its answer is a person's name; a
    question about a named person ("Who is John Honovich?") is not one. From spaCy's parse."""
    doc = _parsed(asking_clause(q.text))
    return _who_is_the_person(doc, lambda c: c.pos_ in ("NOUN", "PROPN")) or _names_office_holder(doc) \
        or _name_of_the_person(doc)


def _name_of_the_person(doc) -> bool:
    """Does the parse ask for "the name of the <noun>" whose noun WordNet counts a person ("What is
    the name of the *chair* of the committee?", as "Who is the chair ...?")?"""
    from .lexical import names_a_person

    # (A title may be capitalised: "the name of the *Chair* of the End-User Review Committee".)
    return any(t.lower_ == "name" and t.pos_ == "NOUN" and any(d.lower_ == "the" for d in o.children)
               and names_a_person(o.text.lower() if o.pos_ == "PROPN" else o.lemma_.lower())
               for t in doc for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN"))


def _names_office_holder(doc) -> bool:
    """Does the parse ask for one holder of an office by its noun, without "who is": a singular
    noun whose first WordNet sense holds an office (:func:`lexical.holds_office`), determined by
    "which"/"what" ("*Which BIS official* signed the rule?") or the object of an opening "name"/
    "identify" ("*Name the former US ambassador* Hikvision hired")?"""
    from .lexical import holds_office, token_noun

    for t in doc:
        if t.pos_ != "NOUN" or t.tag_ != "NN" or not holds_office(token_noun(t)):
            continue
        if any(c.dep_ == "det" and c.lower_ in ("which", "what") for c in t.children):
            return True
        if t.dep_ == "dobj" and t.head.i == 0 and t.head.lower_ in ("name", "identify"):
            return True
    return False


def _restates_count(q: Question, text: str) -> bool:
    """Does ``text`` count the question's focus noun with the figure the question itself states
    ("adding *eleven entities*" for "Name the *eleven entities* ...", "11" and "eleven" alike)?"""
    stated = _stated_counts(q)
    return bool(stated) and bool(stated & _counts_of(text, q.focus[-1]))


def _count_elsewhere(question: str, doc: StoredDocument) -> str | None:
    """A count the question describes its subject by ("the *twenty-eight entities*") that ``doc``
    neither writes of the same noun (in its title or text, in digits or words) nor holds as its
    number of records; None when it writes every such count (or the question has none). The count's
    noun: a plural noun of the question (spaCy's tag) that a figure counts (:func:`_counts`)."""
    body = f"{doc.title}\n{doc.body}"
    for t in _parsed(question):
        if t.tag_ != "NNS" or not (key := norm_key(t.text)):
            continue
        for count in _counts_of(question, key):
            if count in _counts_of(body, key) or (count.isdigit() and len(records(doc.body)) == int(count)):
                continue
            return f"{count} {t.text}"
    return None


def _stated_counts(q: Question) -> set[str]:
    """The figures (as digits) with which the question counts its own focus noun ("Name the
    *eleven* entities": {"11"})."""
    return _counts_of(q.text, q.focus[-1]) if q.focus else set()


def _counts_of(text: str, head: str) -> set[str]:
    """The figures of ``text`` (as digits: "eleven" -> "11") that count the noun ``head`` (:func:`_counts`)."""
    return {number_word(m.group(0).strip().lower()) or m.group(0).strip()
            for m in find_numbers(text) if _counts(text, (m.start(), m.end(), m.group(0)), head)}


def _quotation_speaker(c: Candidate) -> str:
    """The attribution clause of the quotation the candidate sentence lies in ("said Secretary of
    Commerce Wilbur Ross" for a sentence inside his quoted words), or "" (:func:`grounding.quotation_speaker`)."""
    from .grounding import quotation_speaker

    return quotation_speaker(c.doc.body, c.start, c.end)


def _titled_role(q: Question) -> set[str]:
    """Keys of the capitalised words that title the role a role-holder question asks for ("Who is
    the United States *Trade Representative*?": the office's own name), from spaCy's parse: the
    noun the question equates with "who" or asks to name, with its compounds; empty for a role
    written in common nouns ("the official")."""
    doc = _parsed(asking_clause(q.text))
    nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("attr", "nsubj", "dobj")
             and t.i > 0 and t.lower_ not in ("who", "whom")]
    out: set[str] = set()
    for n in nouns[:1]:
        words = [w for w in n.subtree if w.i <= n.i and w.dep_ in ("compound", "amod", "nmod") or w.i == n.i]
        out |= {norm_key(w.text) for w in words if w.text[:1].isupper()}
    return out


def _attribution_sentence(c: Candidate) -> Candidate | None:
    """The sentence of ``c``'s document that holds the attribution of the quotation ``c`` lies in
    (from the sentence after ``c``, or ``c`` itself, to the end of the attribution), or None."""
    speaker = _quotation_speaker(c)
    body = c.doc.body
    at = body.find(speaker, c.start) if speaker else -1
    if at < 0:
        return None
    start = c.start if at < c.end else c.end + len(body[c.end:]) - len(body[c.end:].lstrip())
    end = body.find(".", at + len(speaker) - 1)
    end = at + len(speaker) if end < 0 else end + 1
    return _sentence_candidate(c, start, end) if end - start <= 2 * MAX_QUOTE_CHARS else None


def _speaker_of(q: Question, c: Candidate) -> tuple[Candidate, str] | None:
    """For a question asking who said something ("Who said ...?", "Who is quoted as saying ...?":
    "who" the subject of a verb of communication, WordNet's first sense, with a clause), the speaker of the best
    quote ``c`` and the sentence naming them: the person named by the attribution of the quotation
    ``c`` lies in ('..." said Secretary of Commerce Wilbur Ross.'), or the named subject of a verb
    of communication in ``c`` itself ("IFlytek said its placement ..."). None for other questions,
    or when the quote's speaker is not named ("I am announcing ...": the byline may name them)."""
    from .lexical import speech_first

    if not _asks_who(q):
        return None
    verb = next((t.head for t in _parsed(asking_clause(q.text))
                 if t.lower_ in ("who", "whom") and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB"), None)
    # What was said is a clause of the verb ("said *that* ...", "quoted as *saying* ..."): "Who opposes
    # the decision?" asks who opposes it, not who reported that.
    if verb is None or not speech_first(verb.lemma_.lower()) or \
            not any(x.dep_ in ("ccomp", "xcomp", "pcomp") and x.pos_ in ("VERB", "AUX") for x in verb.subtree):
        return None
    said = _quotation_speaker(c)
    if said and (persons := _persons_named(said)) and (sentence := _attribution_sentence(c)) is not None \
            and persons[0] in sentence.text:
        return sentence, persons[0]
    for subject in _speech_subjects(c.text) if not said else ():
        if any(x.pos_ == "PROPN" for x in subject.subtree):
            words = [x for x in subject.subtree if not x.is_punct] or [subject]
            return c, c.text[words[0].idx:words[-1].idx + len(words[-1].text)]
    return None


def _speech_subjects(text: str) -> list:
    """The subjects (spaCy tokens) of the verbs of communication (WordNet's first sense) in ``text``
    ("*IFlytek* said ...", "A US Hikvision *spokesman* said ..."), in order."""
    from .lexical import speech_first

    return [x for t in _parsed(text) if t.pos_ == "VERB" and speech_first(t.lemma_.lower())
            for x in t.children if x.dep_ == "nsubj"]


def _persons_named(text: str) -> list[str]:
    """The person names spaCy's recogniser finds in ``text``, less what is no name: a span with
    a figure ("L. 115-232"), a field label ("Email: ..."), a single word WordNet knows as a noun
    ("Pub." of "Pub. L.", "Email")."""
    from .answering.nlp import parse
    from .lexical import is_noun

    return [e.text for e in parse(text, disable=["lemmatizer"]).ents if e.label_ == "PERSON"
            and not any(ch.isdigit() for ch in e.text) and text[e.end_char:e.end_char + 1] != ":"
            and not (len(e) == 1 and is_noun(e.text.lower()))]


def _byline_answer(question: str, q: Question, picked: list[Candidate]) -> Answer | None:
    """Who announced, signed or issued what a statement's headline says is its byline: "Who announced
    the visa restrictions on Chinese officials?" of a press statement headed "... Imposes Visa
    Restrictions on Chinese Officials ..." under the line "MICHAEL R. POMPEO, SECRETARY OF STATE".
    Only for a "who" question whose verb is one of communication (WordNet's first sense) and whose
    other words are mostly (by IDF weight) the document's title, publisher, type or date; the byline
    is a short header line, before the body's first sentence, that names a person. The person's
    name leads, verbatim, marked with the byline's quote; the headline is quoted after it."""
    from .lexical import speech_first

    if not _asks_who(q):
        return None
    # (The verb "who" is the subject of, however the parser hangs it: "who signed the ... statement"
    # without a question mark is read as a clausal subject.)
    verb = next((t.head for t in _parsed(asking_clause(q.text)) if t.lower_ in ("who", "whom") and t.head.pos_ == "VERB"),
                None)
    if verb is None or not speech_first(verb.lemma_.lower()):
        return None
    about = [t for t in q.terms if t.key != norm_key(verb.text)]
    total = sum(t.weight for t in about)
    for c in picked[:3]:
        keys = _document_name_keys(c.doc)
        if not total or sum(t.weight for t in about if key_in(t.key, keys)) < 0.5 * total:
            continue
        lines = _opening_lines(c.doc.body, 6)
        for s, e in lines[1:]:
            line = c.doc.body[s:e]
            if line.endswith(".") or len(line.split()) > 12:
                break  # the body's first sentence: past the header lines
            names = _persons_named(line)
            if not names:
                continue
            cs = [make_citation(c.doc, s, e, n=1), make_citation(c.doc, *lines[0], n=2)]
            return Answer(text=_compose(names[0], cs, [1]), abstained=False, citations=cs, question=question,
                          backend="extractive")
    return None


def _opening_lines(body: str, n: int) -> list[tuple[int, int]]:
    """The spans of the first ``n`` paragraphs of ``body``, without the white space around them: a
    document's headline, then its header lines (a byline, a dateline) and its first sentences."""
    out = []
    for s, e in paragraph_spans(body)[:n]:
        text = body[s:e]
        at = s + len(text) - len(text.lstrip())
        out.append((at, at + len(text.strip())))
    return out


def _date_alone(text: str) -> str | None:
    """The date a line consists of ("OCTOBER 8, 2019", "May 15, 2019."), else None."""
    line = text.strip()
    if len(line) > _LONGEST_DATE:
        return None  # (called on every candidate sentence: no date search where none can fill the line)
    dates = find_dates(line)
    return dates[0].group(0) if len(dates) == 1 and len(dates[0].group(0)) >= len(line) - 1 else None


def _issue_line(body: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The first line of ``body[start:end]`` when it is an issue line - a bracketed line that holds one
    date and no verb ("[Federal Register Volume 84, Number 240 (Friday, December 13, 2019)]") - as its span
    and date; None otherwise."""
    nl = body.find("\n", start, end)
    line_end = end if nl < 0 else nl
    line = body[start:line_end].strip()
    if not (line.startswith("[") and line.endswith("]")) or len(line) > 2 * _LONGEST_DATE:
        return None
    dates = find_dates(line)
    if len(dates) != 1 or any(t.pos_ == "VERB" for t in _parsed(line[1:-1])):
        return None
    return start, start + len(body[start:line_end].rstrip()), dates[0].group(0)


def _labelled_date(text: str) -> str | None:
    """The date a line gives under a one-word label ("DATE: August 29, 2019"), else None."""
    m = re.match(r"\s*[A-Za-z]+\s*:\s*(.+)$", text)
    return _date_alone(m.group(1)) if m else None


# Longer than any date find_dates reads ("September 30, 2019": 18; "1 de septiembre de 2020": 23).
_LONGEST_DATE = 64


def _named_document(q: Question, hits: list[Hit], store: IndexStore) -> StoredDocument | None:
    """The one retrieved document the question's subject names: every content word of the subject
    ("*the press statement on Xinjiang visa restrictions*" of "When was ... issued?") is in its
    title, publisher, type or date (:func:`_document_name_keys`); of several such documents (one
    publisher's), the one whose name holds most of the question's other words by IDF weight ("the
    *levy* on foreign *crane operators*" of the Ministry's statement, not of its list). None when the
    subject names none, or no one document best."""
    words = _subject_nouns(q.text)
    if not words:
        return None
    named = [(sum(t.weight for t in q.terms if key_in(t.key, keys)), d) for _, d in _retrieved_documents(hits, store)
             if all(key_in(k, keys := _document_name_keys(d)) for k in words)]
    named.sort(key=lambda x: -x[0])
    return named[0][1] if len(named) == 1 or (named and named[0][0] > named[1][0]) else None


def _clause_subjects(question: str, attribute: bool = False) -> list:
    """The subjects (spaCy tokens) of the asking clause's root or, when the root is an auxiliary
    ("On what date *was* the statement ... issued?" is parsed so), of the verbs it governs; with
    ``attribute``, then the root auxiliary's attribute ("Is *PILA* subject to ...?")."""
    doc = _parsed(asking_clause(question))
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    heads = [root] + ([t for t in root.children if t.pos_ == "VERB"] if root.pos_ == "AUX" else [])
    # (Or of the root's auxiliary, where the parser may hang a subject that starts with a code: "When
    # *was* [HF 2023-07] issued?".)
    heads += [t for t in root.children if t.dep_ in ("aux", "auxpass")]
    out = [t for h in heads for t in h.children if t.dep_ in ("nsubj", "nsubjpass")]
    if attribute and root.pos_ == "AUX":
        out += [t for t in root.children if t.dep_ == "attr"]
    return out


@functools.lru_cache(maxsize=256)
def _subject_nouns(question: str) -> frozenset[str]:
    """Keys of the nouns, names, numbers and adjectives of the asking clause's subject, without a
    clause inside it ("*the press statement* announcing visa restrictions", "Pompeo's *press
    statement*"); the subject of the root or, when the root is an auxiliary ("On what date *was*
    the statement ... issued?" is parsed so), of its verb. Empty when it has none."""
    subject = next((t for t in _clause_subjects(question) if t.pos_ in ("NOUN", "PROPN")
                    and not any(x.tag_ in ("WDT", "WP", "WP$") for x in t.subtree)), None)
    if subject is None:
        return frozenset()
    clauses = {x.i for t in subject.subtree if t.pos_ == "VERB" for x in t.subtree}
    # (A hyphen inside a code stays: "PF 2019-33" is tokenised "2019", "-", "33".)
    words = " ".join(t.text for t in subject.subtree
                     if t.i not in clauses and (t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ") or t.text in ("-", "‐", "–")))
    words = re.sub(r"\s*([-‐–])\s*", r"\1", words)
    return frozenset(text_keys(words) - set(STOPWORDS))


def _dateline(q: Question, best: Candidate, doc: StoredDocument | None = None) -> list[tuple[Candidate, str | None]] | None:
    """The dateline of the document whose headline (or dateline) is the best quote, as the answer to
    "when did X announce/impose ...?" that no sentence dates: a press statement headed "State
    Department Imposes Visa Restrictions ..." and dated by its line "OCTOBER 8, 2019" is when it
    announced them. Only when the question asks what the document itself does: its verb is one of
    communication (WordNet's first sense: "announce", "state", "publish") or the headline's own
    verb ("impose" of "Imposes"). The candidates to quote, dateline first with its date, then the
    headline; None otherwise. ``doc``: the document the question's subject names
    (:func:`_named_document`), read whatever the best quote is."""
    from .lexical import speech_first

    body = (doc or best.doc).body
    lines = _opening_lines(body, 8)
    if len(lines) < 2:
        return None
    # (Or a date under a one-word label: a memo's "DATE: August 29, 2019".)
    dated = next(((a, b, d) for a, b in lines[1:] if (d := _date_alone(body[a:b]) or _labelled_date(body[a:b]))), None)
    head = lines[0]
    if dated is None and (issue := _issue_line(body, *head)) is not None:
        # A periodical's issue line opening the document dates its publication: "[Federal Register Volume
        # 84, Number 240 (Friday, December 13, 2019)]" heads the rule as printed.
        dated = issue
    if dated is None or (doc is None and best.start not in (head[0], dated[0])):
        return None  # the best quote is neither the document's headline nor its dateline
    clause = _parsed(asking_clause(q.text))
    root = next((t for t in clause if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)
    if root is None:
        return None
    # A root auxiliary stands for the verb the parser hangs elsewhere: "On what date was the statement
    # ... issued?" is parsed with "was" as its root and "issued" as a complement or a modifier.
    # So does a root "did" of do-support that the parser tags a verb ("What day *did* the Secretary
    # announce ...?", with "announce" a compound).
    verbs = [root] + ([t for t in clause if t.pos_ == "VERB" and t is not root]
                      if root.pos_ == "AUX" or root.lemma_.lower() == "do" else [])
    # (The headline's words by key, not by its parse: title case reads "Imposes" as a name.)
    headline = text_keys(body[head[0]:head[1]])
    # (Or the named document is published: "When was the press statement *released*?" - a passive
    # whose subject names the document, its verb a synonym of "publish" in WordNet; not "amended".)
    from .lexical import verb_synonyms

    subject = _subject_nouns(q.text)
    published = bool(subject) and any(t.dep_ in ("nsubjpass", "auxpass") for t in clause) and \
        all(key_in(k, _document_name_keys(doc or best.doc)) for k in subject) and \
        any(verb_synonyms(v.lemma_.lower(), "publish") for v in verbs)
    if not published and not any(speech_first(v.lemma_.lower()) or key_in(norm_key(v.text), headline) for v in verbs):
        return None

    def candidate(a: int, b: int) -> Candidate:
        return Candidate(doc or best.doc, a, b, best.hit_rank, text_keys(body[a:b]), best.context_keys,
                         score=best.score, vec=None)

    return [(candidate(dated[0], dated[1]), dated[2]), (candidate(*head), None)]


def _asked_value(q: Question, picked: list[Candidate], store: IndexStore) -> tuple[str | None, list[str]]:
    """The date or figure the picked quotes tie to the question (:func:`_tied_value`; none for other
    kinds), and, for a length of time, every length the quotes give with the event it runs from
    (:func:`_by_starting_point`: the one the question asks, or all of them; the first leads)."""
    timed = _by_starting_point(q, picked, store) if q.duration else []
    value = timed[0] if timed else \
        _tied_value(q, picked, store) if q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY) else None
    if value is None and q.kind is AnswerKind.DATE and not q.duration and picked:
        value = _record_date(q, picked[0])
    return value, timed


def _record_date(q: Question, c: Candidate) -> str | None:
    """For a date question about a state of being on a list ("Since when is Dahua Technology on a US
    restricted list?", :func:`_copula_on`) whose best quote is a field line of the asked party's own
    record: the record's one date, when that line holds it ("Start date: 2019-10-09") - however far the
    question's words are from the label in meaning. None when the record has no date or several, or is
    another party's, and for a question about an act ("When was X removed ...?")."""
    span = record_span(c.doc.body, c.start)
    if span is None or not _is_field_line(c.text) or not _copula_on(q.text):
        return None
    party = _party_term(q, _party_keys(c.doc))
    if party is None or _other_party_line(q, c.doc, c.start, party):
        return None
    rec = next((r for r in records(c.doc.body) if r.start == span[0]), None)
    dated = _record_date_field(rec) if rec is not None else None
    return dated[1] if dated is not None and dated[1] in c.text else None


def _record_date_field(rec: Record) -> tuple[Field, str] | None:
    """The field of a record that holds its one date, with that date ("Start date: 2019-10-09"); None
    when its fields (the name line aside) hold no date or several."""
    dated = [(f, m.group(0)) for f in rec.fields[1:] for m in find_dates(f.value)]
    return dated[0] if len(dated) == 1 else None


def _provision_answer(question: str, q: Question, a: Assessment, hits: list[Hit], store: IndexStore,
                      settings: Settings) -> Answer | None:
    """The answer to a question citing a paragraph of a regulation ("15 CFR 744.16(c)(2)",
    "paragraph (b) of § 744.11"), from that paragraph or not at all: a paragraph the sources' text
    lacks (an excerpt ends before it) is no near miss to answer from its neighbours; nor is a
    section cited alone ("Under FAR 4.2104, ...") whose text no source holds
    (:mod:`answering.provisions`). None when the question cites no such provision."""
    from .answering.provisions import Absent, paragraph_text, resolve_question, section_not_held

    if cited := resolve_question(question, store, asked=q.focus + q.focus_of):
        if absent := [r for r in cited if isinstance(r, Absent)]:
            return _abstention(q, hits, absent[0].reason(), settings)
        if any(f.paragraph.reserved for f in cited):  # "(2) [Reserved]": that is all the paragraph says
            cs = [make_citation(f.doc, f.paragraph.start, f.paragraph.end, n=i + 1) for i, f in enumerate(cited)]
            lead = "; ".join(f"{f.cite.label()}: {paragraph_text(f.doc.body, f.paragraph)}" for f in cited)
            return Answer(text=_compose(lead, cs, [c.n for c in cs]), abstained=False, citations=cs,
                          question=question, backend="extractive")
        kids = [(f.doc, k) for f in cited for k in f.paragraph.children]
        items_asked = bool(kids) and _asks_several(q)
        if items_asked and all(_heading_names_focus(q, f.doc.body[f.paragraph.start:f.paragraph.own_end])
                               for f in cited):
            # "List the exceptions in FAR 52.204-25(c)": the cited paragraph is in the sources, is
            # headed by the asked noun ("(c) Exceptions. ...") and has items - it is the answer,
            # whatever the evidence model makes of the question's few other words.
            pass
        elif (reason := _abstain_reason(a.features, settings)[0]) is not None:
            return _abstention(q, hits, reason, settings)
        own = _candidates(q, hits, store, extra=[(0.0, f.doc.doc_id, f.paragraph.start, f.paragraph.end)
                                                 for f in cited])
        if own:
            _score(q, own, store.embedder.embed_query(question), store)
            own.sort(key=lambda c: -c.score)
            if items_asked:  # the items are its sub-paragraphs, after its own text
                return _items_answer(question, q, [(f.doc, f.paragraph) for f in cited])
            else:
                own = own[:settings.max_quotes]
                items = _lead_items(q, own, _asked_value(q, own, store)[0])
                cs = [make_citation(c.doc, *_trim(c.doc.body, c.start, c.end, q, keep=items or ()), n=i + 1)
                      for i, c in enumerate(own)]
                lead, marks = _marked_lead(items, cs, min_items=1)
            return Answer(text=_compose(lead, cs, marks), abstained=False, citations=cs, question=question,
                          backend="extractive")
    elif (unheld := section_not_held(question, store)) is not None:
        # A section cited alone and asked for its own content ("Under FAR 4.2104, who can grant a
        # waiver?") that no source holds - they only cite it in passing: the sources don't say.
        return _abstention(q, hits, unheld.reason(), settings)
    elif (headed := _headed_paragraph(q, store)) is not None:
        # "What exceptions does FAR 4.2102 allow?": the section's one paragraph headed by the asked
        # noun ("(b) Exceptions. ...") lists them, as if the question had cited it.
        return _items_answer(question, q, [headed])
    return None


def _items_answer(question: str, q: Question, cited: list[tuple[StoredDocument, Paragraph]]) -> Answer:
    """Lead with the sub-paragraphs of the cited paragraphs, each marked with its own quote, after
    the paragraphs' own text (what introduces the items: "(b) Exceptions. This subpart does not
    prohibit ...-")."""
    from .answering.provisions import item_text

    cs = [make_citation(d, *_trim(d.body, p.start, p.own_end, q), n=i + 1)
          for i, (d, p) in enumerate(cited) if p.own_end > p.start]
    kids = [(d, k) for d, p in cited for k in p.children]
    cs += [make_citation(d, *_trim(d.body, k.start, k.end, q), n=len(cs) + i + 1) for i, (d, k) in enumerate(kids)]
    marked = cs[len(cs) - len(kids):]
    lead, marks = "; ".join(item_text(c.quote) for c in marked), [c.n for c in marked]
    return Answer(text=_compose(lead, cs, marks), abstained=False, citations=cs, question=question,
                  backend="extractive")


def _headed_paragraph(q: Question, store: IndexStore) -> tuple[StoredDocument, Paragraph] | None:
    """For a question asking for several things (:func:`_asks_several`) of a section it cites alone
    ("What exceptions does FAR 4.2102 allow?"), the one paragraph of that section in the sources
    that has sub-paragraphs and whose heading names the asked noun ("(b) Exceptions."); None when
    there is none or more than one (which is asked is then not known)."""
    from .answering.provisions import documents_held, section_only_citations

    if not q.focus or not _asks_several(q):
        return None
    found: list[tuple[StoredDocument, Paragraph]] = []
    for cite in section_only_citations(q.text):
        for doc, section in documents_held(store, cite.number):
            found += [(doc, p) for p in section.root.walk() if p.path and p.children
                      and _heading_names_focus(q, doc.body[p.start:p.own_end])]
    return found[0] if len(found) == 1 else None


def _asks_several(q: Question) -> bool:
    """Does the question ask for several things: a list question, or one whose focus noun is plural
    ("What are the two *exceptions* in FAR 4.2102(b)?") or counted by more than one?"""
    if q.kind is AnswerKind.LIST or len(_stated_counts(q) - {"1"}) > 0:
        return True
    head = _focus_head_token(q)
    return head is not None and head.tag_ in ("NNS", "NNPS")


def _heading_names_focus(q: Question, own_text: str) -> bool:
    """Does a paragraph's own text begin with a heading (its first sentence, before the first
    period) that names the question's focus noun ("(c) *Exceptions*. This clause does not ...")?"""
    if not q.focus:
        return False
    heading = re.sub(r"^\s*(?:\([^()]{1,4}\)\s*)+", "", own_text).split(".")[0]
    return len(heading.split()) <= 6 and key_in(q.focus[-1], text_keys(heading))


# A code: digits and letters joined by hyphens, dots or slashes ("2019-06", "52.204-25", "PF-2019-33").
_CODE_TERM = re.compile(r"(?=[\w.\-/]*\d)\w+(?:[-./]\w+)+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_RANGE = re.compile(r"(\d{4})[-/](\d{2}|\d{4})")


def _code_unwritten(q: Question, store: IndexStore) -> str | None:
    """A code the question writes that no indexed text writes (its tokens never stand together):
    "FAC 2019-06" when the sources have FAC 2019-05. A question that identifies its subject by a
    code the sources lack is about something they do not hold. Dates ("2019-10-09") and year
    ranges ("2019-20", "2019/2020") are written in many ways and are not codes."""
    return next((t.surface for t in _code_terms(q) if t.df == 0 or not store.writes_code(t.surface.strip("."))),
                None)


def _name_unwritten(q: Question, hits: list[Hit], store: IndexStore) -> str | None:
    """A proper name the question writes (a run of two or more capitalised words: "the *Immigration
    and Nationality Act*") with a common noun no indexed text writes at all (WordNet knows
    "immigration"; the sources never write it, in any case): the question asks about something the
    sources do not hold. Not a month or day, a country or demonym ("Belgian"), nor a word WordNet
    does not know - a misspelling or an abbreviation ("Netwroks", "Dept") may still name what the
    sources hold - nor a word a retrieved document's header writes (its title or publisher: "the
    Trade Ministry" of a statement published by the "Ministry of Trade"). The name as written, or None."""
    from .lexical import is_noun

    common = set(MONTHS) | {d.lower() for d in calendar.day_name}
    first = q.text.split()[0] if q.text.split() else ""
    headers: set[str] | None = None  # the retrieved documents' name keys, read when needed
    for t in q.terms:
        w = t.surface
        # (A month may be cut short: "Oct", "Sept".)
        if not (t.named and t.df == 0 and w.isalpha() and w[:1].isupper() and w[1:].islower() and w != first
                and not any(m.startswith(w.lower()) for m in common) and territory_code(w) is None
                and is_noun(w.lower())):
            continue
        # (In a name: a capitalised neighbour, across "and"/"of"/"the" - "Immigration *and Nationality
        # Act*", not a capitalised word of its own.)
        m = re.search(r"(?:\b[A-Z][\w'’.-]*\s+(?:(?:and|of|for|the|&)\s+)*)*\b" + re.escape(w)
                      + r"\b(?:\s+(?:(?:and|of|for|the|&)\s+)*[A-Z][\w'’.-]*)*", q.text)
        # (The question's first word is capitalised as a sentence's: "*Under* Sec. 744.11, ..." is no name.)
        if m is None or len(re.findall(r"\b[A-Z][\w'’.-]*", m.group(0))) - (m.start() == 0) < 2:
            continue
        if headers is None:
            headers = set().union(*(_document_name_keys(doc) for _, doc in _retrieved_documents(hits, store)))
        if not key_in(t.key, headers):
            return m.group(0)
    return None


_DESCRIBING = ("compound", "nmod", "npadvmod", "amod", "appos", "nummod")


def _month_elsewhere(question: str, doc: StoredDocument) -> str | None:
    """A month the question describes a document by ("the *August 2019* interim rule", "the first,
    August 2019, ... rule": the month modifies, through spaCy's noun-phrase relations, a noun the
    document's title holds) that the document is not of - neither its title nor its date names it.
    The month (as written) or None. A month of an event ("according to Reuters in August") modifies
    no such noun."""
    title = _title_keys(doc)
    months = {k for k in title | _date_words(doc) if k in _month_keys()}
    for t in _parsed(question):
        if t.lower_ not in MONTHS:
            continue
        head = t
        while head.dep_ in _DESCRIBING and head.head is not head:
            head = head.head
            if head.pos_ == "NOUN" and key_in(norm_key(head.text), title) and norm_key(t.text) not in months:
                return t.text
    return None


def _date_unwritten(q: Question, store: IndexStore) -> str | None:
    """A day the question writes in full ("October 7, 2022") that no indexed document is dated or
    writes in any common form (:meth:`IndexStore.writes_date`), in ISO form; None when every such day
    is held (or the question has none). Over the ~960 fit questions, the two whose day no source
    holds were both unanswerable."""
    from .retrieval import iso_dates

    for day in iso_dates(q.text):
        if len(day) == 10:
            y, m, d = map(int, day.split("-"))
            try:
                if not store.writes_date(y, m, d):
                    return day
            except ValueError:  # "February 30, 2020": no such day
                return day
    return None


def _code_terms(q: Question) -> list[Term]:
    """The question's terms that are codes ("2019-05" of "FAC 2019-05", "52.204-25"), not dates or
    year ranges (see :func:`_code_unwritten`)."""
    out = []
    for t in q.terms:
        w = t.surface.strip(".")
        if not _CODE_TERM.fullmatch(w) or _ISO_DATE.fullmatch(w) or measure_compound(w):
            continue
        span = int(m.group(2)[-2:]) - int(m.group(1)[-2:]) if (m := _YEAR_RANGE.fullmatch(w)) else 0
        if span > 0 and not (span > 1 and _after_abbreviation(q.text, w)):
            # ("PF 2019-33", "FAC 2019-05": a number after an abbreviation in capitals is a document's,
            # unless it spans one year, as "FY 2019-20" does.)
            continue
        out.append(t)
    return out


_YEAR = re.compile(r"(?:19|20)\d\d")


def _year_modified(doc) -> list[tuple[str, str]]:
    """(noun key, year) for every year that modifies a common noun in a parse ("its *2019
    fundraising* round", "a May *2018 fundraising*"; spaCy's dependency arc from the year, or from
    the month the year follows, to the noun)."""
    out = []
    for t in doc:
        if not _YEAR.fullmatch(t.text):
            continue
        head = t.head
        if head.pos_ == "PROPN" and head.lower_ in MONTHS:  # "May 2018 fundraising": the month's head
            head = head.head
        if head.pos_ == "NOUN" and head.i != t.i and (k := norm_key(head.text)):
            out.append((k, t.text))
    return out


def _event_year_elsewhere(question: str, c: Candidate) -> str | None:
    """The noun of an event the question dates by a year ("its *2019 fundraising* round") when the
    quote dates the same noun by another year and never writes the asked one ("a May 2018
    fundraising"): the quote is about another year's event. None otherwise."""
    asked = _year_modified(_parsed(question))
    if not asked:
        return None
    said = _year_modified(_parsed(c.text))
    for noun, year in asked:
        other = [y for n, y in said if n == noun]
        if other and year not in other and year not in c.text:
            return noun
    return None


def _past_tense_root(doc):
    """The root of a parsed question clause when the clause is in the simple past - the root or one
    of its auxiliaries tagged VBD ("What *was* ...?", "How much *did* X raise?", "Who *was* named?");
    None otherwise (a question about the present or the future: "What *will* ... raise?")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or not any(t.tag_ == "VBD" for t in [root, *root.children] if t.dep_ in ("ROOT", "aux", "auxpass")):
        return None
    return root


def _years_asked_in(question: str) -> list[str]:
    """The years the question puts the asked value in: each the object of "in", "during" or "for"
    ("in 2020"), not a year that names something ("the Trade Act of 1962") or modifies a noun ("its
    2019 round"). spaCy's parse."""
    if _NAME_YEAR.search(question):
        return []
    return [t.text for t in _parsed(question) if re.fullmatch(r"(?:19|20)\d\d", t.text) and t.dep_ == "pobj"
            and t.head.lower_ in ("in", "during", "for")]


def _year_after_document(question: str, c: Candidate) -> str | None:
    """The year a past-tense question asks a value of ("What *was* Hikvision's revenue *in 2020*?")
    when the quote's document is dated before it (a 2019 story): a document cannot report what was
    so in a later year - a figure it gives is another year's. None otherwise, and for a question
    about the future ("What *will* ... raise in 2020?"), whose years a document may forecast."""
    if _past_tense_root(_parsed(question)) is None:
        return None
    years = _years_asked_in(question)
    dated = re.match(r"((?:19|20)\d\d)", c.doc.date or "")
    if not years or dated is None:
        return None
    later = [y for y in years if int(y) > int(dated.group(1))]
    return later[0] if later and len(later) == len(years) else None


def _span_since(question: str, c: Candidate) -> str | None:
    """The "since ..." phrase a quote counts its value over ("*Since the beginning of the
    Administration*, the Department has ... instituted five investigations") when the question asks
    the value of one year ("How many ... did Commerce institute *in 2019* alone?") and the phrase
    names no such year: a count since some start is a running total, not that year's. None
    otherwise. The year as :func:`_years_asked_in` reads it; the phrase, by spaCy's parse, the quote's
    "since" and its object."""
    years = set(_years_asked_in(question))
    if not years:
        return None
    for t in _parsed(c.text):
        if t.lower_ == "since" and t.dep_ in ("prep", "mark"):
            phrase = c.text[t.idx:t.right_edge.idx + len(t.right_edge.text)]
            if not years & set(re.findall(r"(?:19|20)\d\d", phrase)):
                return phrase
    return None


def _intended_value(question: str, sentence: str, value: str | None) -> str | None:
    """The word a past-tense question's act is intended by in the sentence its value comes from, when
    the value is the object of that act as an infinitive under an aim, a plan or a forecast not in the
    past ("How much did X *raise*?" of "X is *preparing* an IPO *to raise* at least $500 million", "X
    *plans to raise* ...", "X *was expected to raise* ..."); None otherwise. An infinitive under a verb
    in the simple past states a done act ("X *managed to raise* ..."), as does one the question
    writes too ("How much did X *agree to pay*?"). By spaCy's parse and lemmas."""
    if not value:
        return None
    qdoc = _parsed(asking_clause(question))
    root = _past_tense_root(qdoc)
    # (A root with an auxiliary is a verb, whatever its tag: "How much did Dunmore Shipping *raise* ...?"
    # is tagged with "raise" a noun.)
    if root is None or not (root.pos_ == "VERB" or any(t.dep_ == "aux" for t in root.children)):
        return None
    start = sentence.find(value)
    if start < 0:
        return None
    doc = _parsed(sentence)
    span = doc.char_span(start, start + len(value), alignment_mode="expand")
    if span is None:
        return None
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # (tokens are views: compare indices)
        verb = verb.head
    if verb.lemma_.lower() != root.lemma_.lower() or not any(t.tag_ == "TO" for t in verb.children):
        return None
    gov = verb.head
    if gov.i == verb.i or gov.lemma_.lower() in {t.lemma_.lower() for t in qdoc}:
        return None
    done = gov.tag_ == "VBD" or (gov.pos_ == "ADJ" and any(t.tag_ == "VBD" for t in gov.children))
    if done and not any(t.dep_ == "auxpass" for t in gov.children):
        return None
    return gov.text


# A provision cited with its paragraph designators: "889(a)(1)(B)", "52.204-25(d)(2)(i)", "744.11(b)"
# (the designators as answering.provisions reads an enumerator).
_PARAGRAPH_REF = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?(?:-\d+)?)((?:{ENUM})+)")


def _paragraph_elsewhere(question: str, picked: list[Candidate]) -> str | None:
    """A paragraph the question cites ("section 889(a)(1)(B)") when the quotes cite other paragraphs
    of the same section or clause ("889(a)(1)(A)") and none cites the asked one, its parent or a
    child of it: the quotes are about another provision. None otherwise (designators
    compared without case: an analyst may type "(b)" for "(B)")."""
    if not picked:
        return None
    for base, asked in _PARAGRAPH_REF.findall(question):
        asked = asked.lower()
        cited = [d.lower() for c in picked for b, d in _PARAGRAPH_REF.findall(c.text) if b == base]
        if cited and not any(d.startswith(asked) or asked.startswith(d) for d in cited):
            return base + asked
    return None


def _after_abbreviation(text: str, word: str) -> bool:
    """Is ``word`` written in ``text`` just after an abbreviation in capitals ("PF 2019-33")?"""
    return re.search(r"\b[A-Z]{2,6}\.?\s+" + re.escape(word) + r"(?!\w)", text) is not None


# A citation of a publication by volume (or title), reporter and page (or section), as the field
# writes them: "84 FR 54002", "15 CFR 744.16", "50 U.S.C. 4813", "133 Stat. 1198" (the reporter is a
# capitalised abbreviation; a year is no volume).
_CITATION = re.compile(r"(?<![\w.])(\d{1,3})\s+([A-Z][A-Za-z]{0,5}\.?(?:\s?[A-Z]\.)*)\s+(?:§+\s*)?(\d+(?:\.\d+)?)(?![\w])")


def _citations(text: str) -> list[re.Pattern]:
    """Patterns of the publication citations ``text`` writes ("84 FR 54002"), each matching the same
    citation however it is spaced or dotted ("84  FR 54002", "84 F.R. 54002")."""
    out = []
    for vol, reporter, page in _CITATION.findall(text):
        letters = r"\.?\s?".join(re.escape(ch) for ch in reporter if ch.isalpha())
        out.append(re.compile(rf"(?<![\w.]){vol}\s+{letters}\.?\s+(?:§+\s*)?{re.escape(page)}(?![\w]|\.\d)"))
    return out


def _cites(doc: StoredDocument, citations: list[re.Pattern]) -> bool:
    """Does the document's title or text write one of ``citations`` (:func:`_citations`)?"""
    text = f"{doc.title}\n{doc.body}"
    return any(p.search(text) for p in citations)


def _question_codes(q: Question) -> list[str]:
    """The codes the question writes, as written (:func:`_code_terms`)."""
    return [t.surface.strip(".") for t in _code_terms(q)]


def _code_in_source_phrase(question: str, codes: list[str]) -> bool:
    """Is one of the question's codes written in a phrase naming where its answer is to come from
    ("according to DOE's *PF 2019-33*", :func:`analysis.source_phrases`)?"""
    # (Spaces aside: the phrase is the parser's tokens, "PF 2019 - 33".)
    return any(re.sub(r"\s+", "", code) in re.sub(r"\s+", "", phrase)
               for phrase in source_phrases(question) for code in codes)


def _code_elsewhere(q: Question, best: Candidate) -> str | None:
    """A code the question identifies its subject by that the best quote's document (title or
    text) never writes, when the question writes no other code that it does: the quote is about
    another document. Written codes only (:func:`_code_unwritten` comes first)."""
    codes = _question_codes(q)
    return codes[0] if codes and not _writes_a_code(best.doc, codes) else None


# A cited paragraph: a section number and its paragraph path ("889(a)(1)(B)", "744.11(b)").
_CITED_PATH = re.compile(r"(?<![\w.])(\d+(?:\.\d+)*(?:-\d+)?)((?:\([A-Za-z0-9]{1,5}\))+)")


def _cited_by_asked_verb(question: str, picked: list[Candidate]) -> str | None:
    """The provision a quote cites as the object of the question's own verb ("As *prescribed in
    4.2105(b)*, insert the following clause:" for "Which FAR paragraph prescribes insertion of
    clause 52.204-25?"): a section number with its paragraph path (:data:`_CITED_PATH`) written in
    a prepositional phrase of a verb whose lemma (spaCy) a word of the question has, and not written
    by the question itself. The first such of the picked quotes (best first), or None."""
    from .lexical import is_verb

    qdoc = _parsed(asking_clause(question))
    # (The question's verb may be tagged a noun, "prescribes"/NNS: its lemma or its bare form.)
    # (Not a participle that describes a noun - "for *listed* entities" asks nothing of the listing -
    # nor a verb of a clause hung on the asking one: "What does the Entity List identify, as the EAR
    # *describes* it?".)
    subordinate = {x.i for t in qdoc if t.dep_ in ("advcl", "relcl", "acl", "ccomp", "amod") for x in t.subtree}
    asked = {w for t in qdoc if not t.is_stop and t.is_alpha and t.i not in subordinate
             for w in (t.lemma_.lower(), re.sub(r"e?s$", "", t.lower_), re.sub(r"s$", "", t.lower_)) if is_verb(w)}
    if not asked:
        return None
    for c in picked:
        if not _CITED_PATH.search(c.text):
            continue
        for t in _parsed(c.text):
            if t.pos_ != "VERB" or t.lemma_.lower() not in asked:
                continue
            for prep in (p for p in t.children if p.dep_ in ("prep", "agent")):
                # (The tokenizer may leave a closing bracket out of the phrase: "4.2105(b" ")".)
                m = _CITED_PATH.search(c.text, prep.idx)
                if m and m.start() < prep.right_edge.idx + len(prep.right_edge.text) and m.group(0) not in question:
                    return m.group(0)
    return None


def _cited_paths(text: str) -> dict[str, set[tuple[str, ...]]]:
    """The paragraph paths ``text`` cites, by section number ("889(a)(1)(B)" -> {"889": {("a",
    "1", "b")}})."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for m in _CITED_PATH.finditer(text):
        path = tuple(p.lower() for p in re.findall(r"\(([^)]+)\)", m.group(2)))
        out.setdefault(m.group(1), set()).add(path)
        # Siblings written after it without the number: "889(a)(1)(A) and (B)", "(A), (B) or (C)".
        more = re.match(r"(?:\s*(?:,|and|or|, and|, or|through|to)\s*\([A-Za-z0-9]{1,5}\))+", text[m.end():])
        for sibling in re.findall(r"\(([^)]+)\)", more.group(0)) if more else ():
            out[m.group(1)].add(path[:-1] + (sibling.lower(),))
    return out


def _other_paragraph(question: str, sentence: str) -> str | None:
    """A paragraph of the question's section that ``sentence`` cites instead of the question's own:
    a date stated of "section 889(a)(1)(A)" is not that of "889(a)(1)(B)". None when the sentence
    cites the asked paragraph, one that holds it or one it holds (a parent "889(a)(1)" speaks of
    both), or no paragraph of that section."""
    said = _cited_paths(sentence)
    for number, paths in _cited_paths(question).items():
        theirs = said.get(number)
        if not theirs:
            continue
        for path in paths:
            related = [p for p in theirs if p[:len(path)] == path or path[:len(p)] == p]
            if not related:
                other = sorted(theirs)[0]
                return number + "".join(f"({x})" for x in other)
    return None


def _value_elsewhere(q: Question, valued: Candidate, hits: list[Hit], store: IndexStore) -> str | None:
    """Why the date or figure of the quote ``valued`` is another thing's, for the abstention notice,
    or None when it is the asked one's:
    - its sentence cites another paragraph of the asked section ("When does the section
      889(a)(1)(B) prohibition take effect?" and "Section 889(a)(1)(A) ... on or after August 13,
      2019"; :func:`_other_paragraph`);
    - the question names a source it is not from ("According to the Commerce press release, on what
      date ...?" and the Entity List's record; :func:`_source_elsewhere`);
    - its document is of another month than the one the question describes it by ("the August 2019
      interim rule" and the December one; :func:`_month_elsewhere`);
    - the question cites a publication ("84 FR 43493") its document does not cite."""
    if (other := _other_paragraph(q.text, valued.text)) is not None:
        return f"the value's sentence cites {other}, not the asked paragraph"
    if named := _source_elsewhere(q, valued.doc, hits, store):
        return f"{named} does not give it"
    if month := _month_elsewhere(q.text, valued.doc):
        return f"the value's document is not of {month}"
    if q.kind is AnswerKind.DATE and (counted := _count_elsewhere(q.text, valued.doc)) is not None:
        # "On what date did BIS add the *twenty-eight* entities?" of the June 2020 list's "Start date:
        # 2020-06-05": a document that never counts the question's entities so is about others.
        return f"the value's document does not write “{counted}”"
    if (cited := _citations(q.text)) and not _cites(valued.doc, cited):
        # "How many entities did the August 2019 Huawei rule (*84 FR 43493*) add?" of a news report's
        # "five Chinese companies" in another rule: a count or date of the document the question
        # cites is stated by it or by a document citing it.
        return f"the value's document does not cite {_CITATION.search(q.text).group(0)}"
    return None


def _writes_a_code(doc: StoredDocument, codes: list[str]) -> bool:
    """Does the document's title or text write one of ``codes`` as a whole token?"""
    from ingest.store import code_pattern

    text = f"{doc.title}\n{doc.body}"
    return any(code_pattern(c).search(text) for c in codes)


def _writes_every_code(doc: StoredDocument, codes: list[str]) -> bool:
    """Does the document's title or text write each of ``codes`` as a whole token?"""
    return all(_writes_a_code(doc, [c]) for c in codes)


@functools.lru_cache(maxsize=256)
def _named_subject(question: str) -> str:
    """The key of the asking clause's subject when it is a name ("Is *NNSA* covered by the rule?"),
    by spaCy's parse: the subject of the root, or of the verb a root auxiliary stands for; "" when the
    subject is a common noun ("Are *family members* ... covered?", "Does *the rule* apply ...?") or
    there is none."""
    # ("Is PILA subject to ...?" is parsed with the name as the copula's attribute.)
    subject = next(iter(_clause_subjects(question, attribute=True)), None)
    # A name: tagged as one, or an acronym the tagger reads as a common noun ("NNSA").
    named = subject is not None and (subject.pos_ == "PROPN" or (subject.text.isupper() and len(subject.text) > 1))
    return norm_key(subject.text) if named else ""


def _spoken_by(c: Candidate, noun: str) -> bool:
    """Is ``noun`` the subject of a verb of communication (WordNet's first sense) in ``c``'s sentence
    ("A US Hikvision *spokesman* said ...")?"""
    return noun in c.text.lower() and \
        any(w.lemma_.lower() == noun for x in _speech_subjects(c.text) for w in x.subtree)


def _completed_sentence(c: Candidate) -> Candidate | None:
    """The sentence an enumerated item completes when it negates it: the item's lead-in line
    (:func:`_item_lead_in`) ends with a dash or a colon and holds a negative word ("(b) Exceptions.
    This subpart does not prohibit agencies from procuring or contractors from providing-" for "(1) A
    service that connects ..."; not "... means-"), as a candidate
    of its last sentence when the line is longer than a quote. None otherwise."""
    body = c.doc.body
    line = _introducing_line(body, c.start)
    if line is None:
        return None
    if not _NEGATOR.search(line):
        return None  # "... means-": the item says what it says alone; only a negation turns it round
    at = body.rfind(line, 0, c.start)
    start, end = at + len(line) - len(line.lstrip()), at + len(line.rstrip())
    if end - start > MAX_QUOTE_CHARS:
        # (The sentence the dash ends, not the paragraph's heading before it: "(b) Exceptions.")
        cuts = [m.end() for m in re.finditer(r"[.;]\s+(?=[A-Z(])", body[start:end])]
        start += cuts[-1] if cuts else 0
    return _sentence_candidate(c, start, end)


def _completes(item: Candidate, lead: Candidate) -> bool:
    """Is ``item`` an enumerated item whose lead-in line (:func:`_item_lead_in`), ending with a dash or a
    colon, ends with the ``lead`` quote, in the same document?"""
    if item.doc.doc_id != lead.doc.doc_id or item.start <= lead.start:
        return False
    line = _introducing_line(item.doc.body, item.start)
    return line is not None and line.rstrip().endswith(lead.text.rstrip())


def _introducing_line(body: str, start: int) -> str | None:
    """The lead-in line of the enumerated item opening at ``start`` (:func:`_item_lead_in`) when it ends
    with a dash or a colon - the items finish its sentence; None otherwise."""
    line = _item_lead_in(body, start)
    return line if line is not None and line.rstrip().endswith(("-", "—", "–", ":")) else None


def _sentence_lead_first(q: Question, picked: list[Candidate]) -> list[Candidate]:
    """The picked quotes with the one that should lead a sentence answer first: when the question
    identifies its subject by a code ("Under 15 CFR 744.11, on what grounds ...") and the best quote's
    document never writes it, the first quote whose document does ("BIS may remove an entity ..."
    of § 744.11, not the Entity List's description in another rule); for a yes/no question, of the
    quotes naming its subject (its main name), if any, the quote holding most of what the question
    says beyond its names and its document's own title
    (IDF-weighted: "Are *family members* of the officials covered?" - "Family members of such persons
    may also be subject ...", not the quote restating the statement's title, "Visa restrictions on
    Chinese ... officials"). Otherwise unchanged."""
    if len(picked) < 2:
        return picked
    lead = picked[0]
    codes = _question_codes(q)
    if (speaker := next((n for p in source_phrases(q.text) if (n := source_speaker(p))), "")) and not _spoken_by(lead, speaker) \
            and (spoken := next((c for c in picked[1:] if _spoken_by(c, speaker)), None)) is not None:
        # "What was Hikvision's response ..., according to its US spokesman?": the sentence in which
        # the spokesman speaks ("A US Hikvision spokesman said ...") answers, not one that shares words.
        lead = spoken
    elif codes and not _writes_a_code(lead.doc, codes):
        lead = next((c for c in picked[1:] if _writes_a_code(c.doc, codes)), lead)
    elif (published := _named_publisher_quote(q, lead, picked)) is not None:
        # "How did *Reuters* break the targets down?": the sentence of the publisher the question names
        # ("The decision ... targets 20 Chinese public security bureaus and eight companies"), not the
        # rule's own summary that shares more of its words.
        lead = published
    elif is_polar(q.text):
        def weight_beyond(c: Candidate) -> float:
            title = _title_keys(c.doc)
            return sum(t.weight for t in q.terms if not t.named and not key_in(t.key, title)
                       and (key_in(t.key, c.keys) or t.key in c.meant))

        # A yes or no is about the question's subject when a name is it ("Is *NNSA* covered by the
        # rule?"): of the quotes naming it, if any does ("... it applies to both DOE and NNSA"), not
        # one about the rule alone. (Or saying a word of the question in other words: "Family members
        # of such persons ..." for "Can relatives of the officials be hit?" - :func:`_said_otherwise`.)
        named = _named_subject(q.text)
        naming = [c for c in picked if c.meant or (named and key_in(named, c.keys))]
        beyond_title = {id(c): weight_beyond(c) for c in picked}
        best = max(naming or picked, key=lambda c: beyond_title[id(c)])
        if (naming and lead not in naming) or beyond_title[id(best)] > beyond_title[id(lead)]:
            lead = best
    if not is_polar(q.text) and (acts := _asked_acts(q.text)) and not any(key_in(k, lead.keys) for k, _ in acts):
        # "Under 744.11, what measures can BIS *impose*?" - "BIS may impose ... license requirements,
        # ..." says the asked act; "BIS may remove an entity ..." shares every other word but not it.
        # (A quote whose sentence writes the question's own verb, with the lead's code when one
        # decided it: "It *applies* to M&O and non-M&O contracts ..." for "to which contracts does the
        # rule apply?".)
        lead = next((c for c in picked if c is not lead and _writes_act(c, acts)
                     and (not codes or c.doc is lead.doc or _writes_a_code(c.doc, codes))), lead)
    return picked if lead is picked[0] else [lead] + [c for c in picked if c is not lead]


def _named_publisher_quote(q: Question, lead: Candidate, picked: list[Candidate]) -> Candidate | None:
    """The first picked quote from a document whose publisher the asking clause's subject names ("how
    did *Reuters* ...": publisher "Reuters") when the lead's publisher is not named; None otherwise, or
    when the subject names the lead's publisher too."""
    def publisher_keys(c: Candidate) -> set[str]:
        return set(_publisher_keys(getattr(c.doc, "publisher", "") or ""))

    # A whole name of the clause's subject must be the publisher's: "Commerce Department" is no name of
    # "U.S. Department of State", nor "Commerce Secretary Wilbur Ross" of the Department of Commerce; a
    # name elsewhere in the question is what it asks about ("What does the list in ... the *Export
    # Administration Regulations* identify?"), not who says it. (Names as written: capitalised words,
    # not a number nor a word the sources capitalise, "list".)
    tokens = _asked_subject(q.text)
    ids = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), None)
    # (The subject's own names, up to its head and each conjunct's: not "the list *in Supplement No. 4
    # ...*"; "Tidewater Wire *and the Screening Office*" names both.)
    heads = [head, *head.conjuncts] if head is not None else []
    subject = {norm_key(t.text) for h in heads for t in tokens if h.left_edge.i <= t.i <= h.i}
    runs = [run for run in (_name_run(q, t) for t in q.named_terms if not t.key.startswith("@") and t.key in subject)
            if all(u.surface[:1].isupper() for u in run)]

    def names(c: Candidate) -> bool:
        keys = publisher_keys(c)
        return any(all(key_in(u.key, keys) for u in run) for run in runs)

    if not runs or names(lead):
        return None
    return next((c for c in picked[1:] if c.doc.doc_id != lead.doc.doc_id and names(c)), None)


def _assess_within(question: str, hits: list[Hit], keep: Callable[[StoredDocument], bool], store: IndexStore,
                   settings: Settings) -> tuple[list[Hit], Assessment] | None:
    """The hits of the retrieved documents ``keep`` holds to, with the question assessed over them alone,
    when they are some of the hits but not all (the evidence read again without the documents that do not
    answer); None otherwise, or when nothing among them matches."""
    kept = [h for h in hits if (d := store.get_document(h.doc_id)) is not None and keep(d)]
    if not kept or len(kept) == len(hits):
        return None
    again = assess(question, kept, store, settings)
    return (kept, again) if again.best is not None else None


def answer_extractive(question: str, hits: list[Hit], store: IndexStore, settings: Settings) -> Answer:
    """Compose a cited answer from the retrieved passages, or abstain.

    The decision to abstain is the fitted abstention model's
    (``answering.abstention``); the answer leads with a span copied from a quote
    (names, a date, a figure) only when it is tied to the question, else with the
    best quote. Every ``[n]`` marks a quote containing what it stands for."""
    from .answering.leadin import question_proper

    # A telling sentence before the question proper is context, not asked ("Reuters calls Megvii ...;
    # what address does its entry give?"): the question proper is answered, with the lead-in's names.
    question = question_proper(question)
    a = assess(question, hits, store, settings)
    # (A date asked of the document, unless the quotes found show the question's paragraph is another
    # one's: "the Sec. 889(a)(1)(B) ban" when they cite 889(a)(1)(A) - :func:`_paragraph_elsewhere`.)
    dated = a.q.kind is AnswerKind.DATE and (not a.q.focus or _focus_names_date(a.q, store)) \
        and _paragraph_elsewhere(question, a.picked) is None
    # (Or any answer, when the code names where the answer is to come from: "When was the interim rule
    # issued, *according to DOE's PF 2019-33*?" is the flash's to answer, whoever else dates the rule.)
    sourced = a.best is not None and _code_in_source_phrase(question, _question_codes(a.q))
    if a.best is not None and (a.q.kind in (AnswerKind.QUANTITY, AnswerKind.LIST) or dated or sourced) \
            and _code_elsewhere(a.q, a.best) is not None:
        # "How many firms were added by the final rule in docket 230415-0099?" when the best quote is
        # the summary of a near-identical rule of another docket: the code names the document the
        # question is about, so the evidence is read from the retrieved documents that write it. So
        # for a date the question asks of the document ("On what date was FR Doc. 2019-22210 scheduled
        # to be published?"). (For a figure, a list or such a date only: a sentence lead may well come
        # from a document that applies the cited section without writing it, and every document dates
        # itself - "DATES: August 13, 2019" is no answer to what RIN its rule was assigned.)
        codes = _question_codes(a.q)
        # (A figure there, or the items of a list; none tied to the question: the near miss stands.)
        if (within := _assess_within(question, hits, lambda d: _writes_a_code(d, codes), store, settings)) \
                is not None and (within[1].value is not None or within[1].q.kind is AnswerKind.LIST or sourced):
            hits, a = within
    if a.best is not None and a.q.kind is AnswerKind.DATE and record_span(a.best.doc.body, a.best.start) is not None \
            and _act_unwritten(a.q, a.best.doc):
        # "On what date was the Xinjiang rule *scheduled* for publication?" when the best quote is a line
        # of a list entry ("Start date: 2019-10-09") whose document never writes of the asked act: its date
        # is another act's. The evidence is read from the other retrieved documents; a date there tied to
        # the question answers, else the entry's line stands and is refused below.
        def speaks_of_act(d: StoredDocument) -> bool:
            return not (is_record_document(d.body) and _act_unwritten(a.q, d))

        if (within := _assess_within(question, hits, speaks_of_act, store, settings)) is not None \
                and within[1].value is not None:
            hits, a = within
    q = a.q
    if a.best is None:
        return _abstention(q, hits, "no passage matched", settings)
    best, picked, value, cands = a.best, a.picked, a.value, a.cands
    # A question citing a regulation's paragraph or a section alone is answered from it, or not at all.
    if (cited := _provision_answer(question, q, a, hits, store, settings)) is not None:
        return cited
    if (defined := _defined_by_items(q, cands)) is not None:
        return _items_answer(question, q, [defined])
    if (code := _code_unwritten(q, store)) is not None:
        # "Which rules were listed in FAC 2019-06?" when the sources hold only FAC 2019-05: the thing
        # the question identifies is not in them, whatever its neighbours say.
        return _abstention(q, hits, f"no source writes “{code}”", settings)
    if (name := _name_unwritten(q, hits, store)) is not None:
        # "Under which provision of the Immigration and Nationality Act ...?": no source ever writes
        # "immigration" - the act is not among them, whatever sentence about the visa curbs is near.
        return _abstention(q, hits, f"no source writes “{name}”", settings)
    if value is None and (acronym := _asked_acronym_unquoted(q, picked)) is not None:
        # "What RIN is shown on the FAC 2019-05 compliance guide?": the asked kind of thing, an acronym, is
        # in no quoted document - its sentence is no answer.
        return _abstention(q, hits, f"no quoted document writes “{acronym}”", settings)
    if value is None and re.match(r"\s*(?:what|which)\b", asking_clause(q.text), re.I) and _asks_code(q) \
            and not any(record_span(c.doc.body, c.start) is not None for c in picked) \
            and not any(_CODE.search(c.text) or re.search(r"\b\d{4,}\b", c.text) for c in picked):
        # "What CAGE code is associated with Hikvision?" of the clause naming Hikvision: the asked thing is a
        # code (WordNet) and no quote writes anything of a code's form (a postcode is a plain number). (A
        # list entry's line is the record answerer's; a question not asking "what/which" asks no code:
        # "Is a licence needed to release software?")
        return _abstention(q, hits, "no quote writes a code", settings)
    if (dated := _event_year_elsewhere(q.text, best)) is not None:
        # "What was SenseTime valued at in its 2019 fundraising round?" when the quote has "a May
        # 2018 fundraising": the asked event is another year's.
        return _abstention(q, hits, f"the quote dates the {dated} to another year", settings)
    if (ref := _paragraph_elsewhere(question, picked)) is not None:
        # "What does section 889(a)(1)(B) prohibit?" when the quotes cite only 889(a)(1)(A): another
        # paragraph of the same section is another provision.
        return _abstention(q, hits, f"the quotes cite another paragraph than {ref}", settings)
    valued = next((c for c in picked if value in c.text), None) \
        if value is not None and q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY) else None
    if valued is not None and q.kind is AnswerKind.DATE and _date_of_other_document(q, valued):
        # "What was the comment deadline for the interim rule published August 13, 2019?" of the December
        # 2019 rule's "on or before February 11, 2020": the date is another document's.
        return _abstention(q, hits, f"the date's document ({valued.doc.date}) is of another time than the question's",
                           settings)
    if valued is not None and (reason := _value_elsewhere(q, valued, hits, store)) is not None:
        return _abstention(q, hits, reason, settings)
    if valued is not None and (year := _year_after_document(q.text, valued)) is not None:
        return _abstention(q, hits, f"the quote's document ({valued.doc.date}) predates {year}", settings)
    if valued is not None and q.kind is AnswerKind.QUANTITY and (since := _span_since(q.text, valued)) is not None:
        # "How many Section 232 investigations did Commerce institute in 2019 alone?" of "Since the
        # beginning of the Administration, ... instituted five investigations": a running total.
        return _abstention(q, hits, f"the quote counts the value over a span (“{since}”), not the asked year",
                           settings)
    if valued is not None and (aim := _intended_value(q.text, valued.text, value)) is not None:
        # "How much did Megvii raise in its IPO?" of "... is preparing an IPO to raise at least $500
        # million": the figure is what it aims to raise, not what it raised.
        return _abstention(q, hits, f"the quote gives the value as intended (“{aim}”), not as done", settings)
    if (day := _date_unwritten(q, store)) is not None:
        # "its October 7, 2022 advanced computing rule" when no source is dated or writes that day:
        # the document the question identifies by its date is not among them.
        return _abstention(q, hits, f"no source is dated or writes {day}", settings)
    if value is not None and q.kind in (AnswerKind.DATE, AnswerKind.QUANTITY) \
            and (code := _code_elsewhere(q, best)) is not None:
        # "Comments due on the August 13, 2019 rule (FAC 2019-05)?" answered from the December
        # rule, which never writes FAC 2019-05: another document's date. (A date or figure is its
        # document's; a sentence lead shows the reader what it is about, so only values.)
        return _abstention(q, hits, f"the best quote's document does not write “{code}”", settings)
    if (other := _other_ordinal(q, best)) is not None:
        # "When did the *third* interim rule take effect?" of the "second interim rule": the question
        # asks about another one of a series than the document the evidence comes from.
        return _abstention(q, hits, f"the evidence is about the {other}, not the asked one", settings)
    # A named party's record field whose label matches the question answers it, whatever
    # prose sentence scored best (the field line is the evidence, tied by name and label).
    fa = _record_field(q, hits, store)
    if fa is not None and _name_of_the_person(_parsed(asking_clause(q.text))):
        # "What is the name of the Hikvision *spokesman*?" asks for a person, not the party's name
        # fields ("Alternate names: Hikvision").
        fa = None
    if isinstance(fa, FieldAnswer) and q.kind is AnswerKind.DATE and not q.duration and not fa.more \
            and not fa.parties and not find_dates(fa.field.value) and _copula_on(q.text):
        # "Since when is X on a US restricted list?": the field closest in words ("License requirement")
        # holds no date; the record's one dated field dates the state of being on it (not an act the
        # question names: "removed", "added by Japan", nor a "date of birth").
        if (dated := _record_date_field(fa.record)) is not None:
            fa = FieldAnswer(doc=fa.doc, record=fa.record, field=dated[0], similarity=fa.similarity)
    if isinstance(fa, FieldAnswer) and (named := _source_elsewhere(q, fa.doc, hits, store)):
        return _abstention(q, hits, f"{named} does not give it", settings)
    if isinstance(fa, FieldAnswer) and not fa.more and (later := _revised_since_asked(q, fa.record, fa.field)) is not None:
        return _abstention(q, hits, f"the entry gives the field as revised by {later}, not as first set", settings)
    if isinstance(fa, FieldAnswer) and not fa.more and (after := _notice_after_entry(q, fa.record, fa.field)) is not None:
        # "On what date did the 87 FR 8180 revision to X's entry take effect?": the entry's start date is its
        # listing's, not that later notice's.
        return _abstention(q, hits, f"the entry does not give the field as {after} left it", settings)
    if isinstance(fa, MissingField):
        return _abstention(q, hits, fa.reason, settings)
    if fa is not None and not fa.more and _asks_code(q) and _is_address_field(store, fa.field):
        if len(_asked_parts(q)) > 1:
            # "The postal code and city in X's address": more than the code of one address; its whole
            # value holds every part asked (a longer lead, not a guess at which words are the city).
            return _field_answer(question, fa)
        # "Postcode of X?": the code of X's address, or - when the address has none ("Bern, CH",
        # "339 Hebei East Rd., Urumqi, CN") - no answer, not the whole address.
        codes = postal_codes(fa.field.value)
        if not codes:
            return _abstention(q, hits, "the asked party's address has no postal code", settings)
        return _field_answer(question, fa, lead=", ".join(codes))
    if fa is not None and (len(q.focus) > 1 or _asks_locality(q)) and _is_address_field(store, fa.field) \
            and _only_territories(fa.field.value):
        # "What is the street address of Huawei Cuba?": its entry gives a country ("CU") and nothing
        # a narrowed address asks for (a street, a registered office); nor does it say "In which *city*
        # is it located?". "Where is it?" takes the country.
        return _abstention(q, hits, "the asked party's address gives only a country", settings)
    if fa is not None and not fa.more and _asks_street(q) and _is_address_field(store, fa.field) \
            and _only_locality(fa.field.value):
        # "What is the street address of the Huawei Milan Research Institute entry?": "Milan, IT" names a
        # city and a country, no street.
        return _abstention(q, hits, "the asked party's address gives no street", settings)
    if fa is not None:
        return _field_answer(question, fa, lead=_items_holding_asked(q, fa))
    if (held := _record_holding(q, hits, store)) is not None:
        return _holder_answer(question, *held)
    if fa is None and (header := _header_line_answer(question, q, hits, store)) is not None:
        return header
    if fa is None and (header := _label_named_answer(question, q, hits, store)) is not None:
        return header
    if fa is None and (unlisted := _party_unlisted(q, hits, store, picked)) is not None:
        return _abstention(q, hits, f"no list entry in the sources names “{unlisted}”", settings)
    if (titled := _titled_record_list(q, cands, store)) is not None:
        # "Which parties were added to the Entity List in October 2019?" over "Entity List entries for
        # the 28 entities added by 84 FR 54002 (October 9, 2019)": a list whose title writes all the
        # question says of its members answers by structure, as a table's cell does - its records are
        # the members, whatever the model makes of the few words their name lines share with it, and
        # no one party's record is asked about.
        return _record_list_answer(question, *titled)
    if _record_lacks_focus(q, best):
        return _abstention(q, hits, "the asked party's record has no such field", settings)
    if q.kind is AnswerKind.REASON and _record_line(best) is not None:
        # "...: why?" led by "Entity: Shihezi Municipality Public Security Bureau": a list entry's lines
        # name a party and give its fields; none of them says why anything was done.
        return _abstention(q, hits, "a list entry's line gives no reason", settings)
    if (line := _record_line(best)) is not None and (later := _revised_since_asked(q, *line)) is not None:
        # The same of a record line that leads (several parties' entries: "the Xinjiang public security
        # bureaus").
        return _abstention(q, hits, f"the entry gives the field as revised by {later}, not as first set", settings)
    if record_span(best.doc.body, best.start) is not None and _act_unwritten(q, best.doc):
        # "When was K Logistics removed from the Entity List?": the best quote is a line of a list
        # entry ("Start date: 2020-06-05"), whose document never writes of removal: it dates the
        # listing, not the asked act.
        return _abstention(q, hits, "the list entry does not speak of the asked act", settings)
    if (cell := _table_cell_answer(question, q, picked)) is not None:
        # A column's value for a row of a plain-text table answers as a record's field does: by
        # structure (the asked noun heads the column, the question's words identify the row), so
        # before the role-holder and name checks and the abstention model, which read values and
        # persons off prose sentences ("Marlow." under "Officer" is no PERSON a parser finds).
        return cell
    one_holder = False  # the lead is the one person holding the asked role
    if _asks_role_holder(q):
        # A speaker named after the quotation a best sentence lies in ('..." said Secretary of Commerce
        # Wilbur Ross.') - holding the asked role when the question titles it ("the United States
        # *Trade Representative*" must be the speaker's own title).
        titled = _titled_role(q)
        speakers = [(c, _quotation_speaker(c)) for c in picked[:3]]
        speaking = [c for c, said_by in speakers if said_by and _persons_named(said_by)
                    and all(key_in(k, text_keys(said_by)) for k in titled)]
        if not speaking and not any(_persons_named(c.text) for c in picked[:3]):
            return _abstention(q, hits, "the sources name no one in the asked role", settings)
        # "Name the official whose statement is quoted": the best sentence lies in the quotation (the
        # names in it are what the speaker speaks of); the sentence that names the speaker is quoted,
        # and its name leads.
        said = _attribution_sentence(picked[0]) if speaking and speaking[0] is picked[0] else None
        if said is not None:
            person = _persons_named(said.text)
            if person:
                a.codes[:] = [person[0]]
                picked.insert(0, said)
                one_holder = True
    if not one_holder and (spoken := _speaker_of(q, picked[0])) is not None:
        # "Who is quoted as saying that the action places Huawei on the Entity List?": the speaker of
        # the best quote leads, with the sentence naming them.
        said, person = spoken
        a.codes[:] = [person]
        if said is not picked[0]:
            picked.insert(0, said)
        one_holder = True
    if q.kind is AnswerKind.STATEMENT and a.features.get("speaker") == 0.0:
        # "What did China's foreign ministry say ...?" when no quote has the ministry saying anything:
        # the sentences found are others' words or facts. (Over the 841 fit questions, 15 of the 16
        # with no such quote were unanswerable; the 16th was already abstained on.)
        return _abstention(q, hits, "no quote has the asked party speaking", settings)
    reason, p = _abstain_reason(a.features, settings)
    if reason:
        return _abstention(q, hits, reason, settings)
    if (d := _asked_definition(q, cands)) is not None:
        return _definition_answer(question, q, d[0], d[1], picked)
    if (byline := _byline_answer(question, q, picked)) is not None:
        return byline
    if not one_holder and a.features.get("value") == 0.0 and q.kind not in (AnswerKind.DATE, AnswerKind.QUANTITY) \
            and not q.identifier and (_asks_person_name(q.text) or _asks_party_by_name(q.text)) \
            and not _describes_asked_kind(q, best):
        # "Which former US ambassador did Hikvision retain?" asks for a name; a sentence that speaks of
        # "a former US ambassador" without naming one does not answer it. (Over the fit sets, of the 23
        # questions asking for a name with none in their quotes, 21 are unanswerable - all abstained but
        # this one - and the 2 answerable are two-part questions whose parts are answered otherwise.)
        return _abstention(q, hits, "the evidence names no one the question asks for", settings)
    citations: list[Citation] = []
    stated = _stated_counts(q) if q.kind in (AnswerKind.LIST, AnswerKind.ENTITY) else set()
    restated = bool(stated) and _restates_count(q, best.text)
    # A list question, or a "which" question that counts its plural focus ("Which three entities ...?").
    if q.kind is AnswerKind.LIST or (q.kind is AnswerKind.ENTITY and len(stated - {"1"}) > 0):
        heads, total = _record_heads(q, best, store, MAX_LIST_ITEMS)
        if not heads and (elsewhere := _records_dated_elsewhere(q, best)) is not None:
            return _abstention(q, hits, f"the listed records are dated {elsewhere}, not the asked time", settings)
        if not heads and restated:
            # "Which 28 entities were added ...?": the best sentence only counts them ("adding
            # twenty-eight entities"); a retrieved list of exactly that many records names them.
            listing = next((c for c in cands if record_span(c.doc.body, c.start) is not None
                            and str(len(records(c.doc.body))) in stated), None)
            if listing is not None:
                heads, total = _record_heads(q, listing, store, MAX_LIST_ITEMS)
        if heads:
            return _record_list_answer(question, heads, total)
    if q.kind is AnswerKind.LIST and not a.codes:
        picked = _with_sibling_items(q, picked, cands)
    items = a.codes or _lead_items(q, picked, value)
    if q.kind is AnswerKind.LIST and not items and _line_label(best.text) is not None \
            and not _about_main_name(q, best, by_run=False, spelt=True):
        # "Which agencies sit on the End-User Review Committee?": the best quote is a header line
        # listing its own document's agencies ("AGENCY: Bureau of Industry and Security, Commerce"),
        # which _lead_items refuses as items for the same reason; it does not lead either.
        return _abstention(q, hits, "the evidence lists its own document's, not the asked", settings)
    if not items and restated:
        # "Name the eleven entities the July 2020 rule added": the best sentence says only what the
        # question states ("adding eleven entities"); it names none of them.
        return _abstention(q, hits, "the evidence counts the asked items but names none", settings)
    if not items and _asks_email(q.text) and not _EMAIL.search(best.text):
        # "What is the contact e-mail address given in the guide?" when the contact line holds none
        # (a web page's "[email protected]" placeholder, a telephone number): no answer.
        return _abstention(q, hits, "the evidence gives no e-mail address", settings)
    if not items and q.focus and norm_key("address") in _asked_head_keys(q) and not _gives_address(best.text):
        # "To what postal address should comments be mailed?": the best sentence speaks of addresses
        # ("at one of the addresses shown below") but gives none; it does not answer. (Over the fit
        # sets, the five questions answered so were all unanswerable; no answerable one changes.)
        return _abstention(q, hits, "the evidence gives no address", settings)
    if q.kind is AnswerKind.QUANTITY and not items:
        # A question that asks for an amount is answered by an amount tied to it: the best sentence
        # without one ("These visa restrictions complement ... 28 entities" for "How many officials
        # were subject to the visa restrictions?") does not answer it. (Over the ~700 labelled fit
        # questions, every one answered so was unanswerable: 10 of 10.)
        return _abstention(q, hits, "no figure in the evidence is tied to the question", settings)
    if not items:
        picked = _sentence_lead_first(q, picked)
        if (told := _colon_continued(picked[0])) is not None:
            # "Today, I am announcing:" says what it announces in the item after it: quoted with it.
            picked = [told] + picked[1:]
        if (whole := _whole_sentence(picked, cands)) is not None:
            # "The license review policy for each listed entity is identified in the “License review
            # policy” col" ends a document cut off mid-word; the same sentence whole, from another
            # document, leads instead.
            picked = [whole] + [c for c in picked if c is not whole]
        if (said := _complement_lead(q, picked, cands, store)) is not None:
            # "How does 15 CFR 744.16 describe *whom the Entity List identifies*?": the asked content
            # is the clause, and the speaking document's sentence that says it leads.
            picked = [said] + [c for c in picked if c is not said]
        if (lead_in := _completed_sentence(picked[0])) is not None:
            # "(1) A service that connects to the facilities of a third-party ..." completes "This
            # subpart does not prohibit agencies from procuring ...-": alone, it reads as what is
            # prohibited. The sentence it completes is quoted first.
            picked.insert(0, lead_in)
    for c in picked:
        s, e = _trim(c.doc.body, c.start, c.end, q, keep=items or ())
        citations.append(make_citation(c.doc, s, e, n=len(citations) + 1))
    lead, marks = _marked_lead(items, citations, min_items=2 if q.kind is AnswerKind.LIST and not one_holder else 1)
    if lead is None and len(picked) > 1 and _completes(picked[1], picked[0]):
        # "This subpart does not prohibit agencies from procuring ...-" and the item that completes it ("(2)
        # Telecommunications equipment that cannot route ..."): the answer is the two together, not the
        # lead-in alone with what it excepts left among the evidence.
        lead, marks = f"“{citations[0].quote}” … “{citations[1].quote}”", [1, 2]
    text = _compose(lead, citations, marks)
    return Answer(text=text, abstained=False, citations=citations, question=question, backend="extractive")
