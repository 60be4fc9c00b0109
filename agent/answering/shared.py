"""Questions that ask what two sources have in common (issue 8): "Which firms named in the crane rule
were *also* added to the berth list?", "Which official is quoted *both* in the press release *and* in
the news story?", "What phone number do *both* the March and the August rule give?".

The offline answerer reads one asking clause against one body of evidence; an intersection asks for
the items two sources (or two constraints) share, and evidence for either side alone answers half of
it with a confident but wrong lead (every firm the first rule names). Such a question is read here
from spaCy's parse into its two *sides* - the question once with each constraint - and answered:

1. each side is retrieved on its own; its source is the retrieved document whose name (title,
   publisher, date) holds the most of that side's own words, weighed by their rarity (documents that
   tie: the ones whose text holds more of them; documents that still tie are all side B's sources).
   Side A's evidence is its source's retrieved passages, side B's the whole text of its sources (B
   need only *hold* an item, anywhere);
2. the candidate items are those of the asked type in side A's evidence: for a party (WordNet: the
   asked noun names a person or an organisation) spaCy's names and the records' name and alias
   fields - people only when no sense of the noun is an organisation ("official", not "maker") - and
   the capitalised runs that write a name side B holds (the small model misses some); a name must
   hold a word WordNet does not know ("Docket No", an office, are no party); for anything else (a
   number, a code) the digit-bearing values whose label (the words just before them) is the asked
   noun;
3. a candidate is kept when side B's document holds the same item: names matched across spellings
   by the screening matcher's normalisation (``rigour``: legal forms dropped) and token similarity
   (``rapidfuzz``), values by their digits.

The lead names each shared item with a quote from each side ("Hikvision [1][2]"; both spellings
when they differ), every word copied from a cited quote. No shared item, one side not found, or both
sides found in one document: the answer abstains (its notice says which) - never a guess.

Not an intersection: a "both" that coordinates what is asked ("Which rule gives both its docket
number and its date?"), a question whose wh-phrase has no noun, an "and" list with neither "both",
"also" nor a predicate of having in common.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..types import Answer, Citation, Hit
from .nlp import WH_TAGS

log = logging.getLogger(__name__)

# The predicates that say two things have something in common ("common to A and B", "shared by A and
# B"): the kind's own words, as "both" and "also" are.
_COMMON = frozenset({"common", "share", "shared"})
# Digit-bearing values: a phone number "(202) 482-5991", a code "1A004.c", a docket "230301-0051".
_VALUE = re.compile(r"\(?\d[\d()./-]*(?:\s\d[\d()./-]*)*\d\)?|\b\d\b")
_LABEL_WINDOW = 4  # words before a value that may label it ("Phone: (202) ...", "the telephone number is")


@dataclass
class Intersection:
    """An intersection question read into its sides: ``sides`` are the question once with each
    constraint (retrieved and read separately); ``asked`` the wh-phrase's head noun (lemma) and
    ``modifiers`` its compound nouns ("phone" of "phone number")."""

    sides: tuple[str, str]
    constraints: tuple[str, str]  # what names each side's source ("in the Reuters report", "October 2019")
    asked: str
    modifiers: tuple[str, ...] = ()
    persons_only: bool = False
    parties: bool = True
    count: int | None = None  # how many the question says there are ("Which *two* makers ...")


@dataclass
class _Item:
    text: str
    start: int
    end: int
    kind: str  # "name" | "value"


@dataclass
class _Found:
    a: _Item
    b: _Item
    a_doc: object
    b_doc: object
    extra: dict = field(default_factory=dict)


def _parse(text: str):
    try:
        from .nlp import parse

        return parse(text)
    except Exception:  # noqa: BLE001 - no parse: no question is read as an intersection
        return None


def _asking_sentence(question: str) -> tuple[int, int] | None:
    """The span of the question's sentence that holds the first wh-word ("Which two firms ...?" of
    "Which two firms ...? Give the list names.")."""
    for m in re.finditer(r".+?(?:[?.!](?=\s|$)|$)", question):
        if re.search(r"\b(?:which|what|who|whom|whose)\b", m.group(0), re.I):
            return m.start(), m.end()
    return None


def _wh_noun(doc):
    """The noun the wh-phrase asks for: "makers" of "Which two makers", "companies" of "Which of the
    companies", "number" of "What phone number"; None when the wh-word has no noun ("What is ...")."""
    wh = next((t for t in doc if t.tag_ in WH_TAGS), None)
    if wh is None:
        return None
    if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN"):
        return wh.head
    of = next((c for c in wh.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        return next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    # The parser may detach the wh-word from its noun ("Which two Chinese makers are ...": "Which" as
    # an object): the noun phrase that starts right after it.
    chunk = next((c for c in doc.noun_chunks if c.start in (wh.i, wh.i + 1) and c.root.pos_ == "NOUN"), None)
    return chunk.root if chunk is not None else None


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the character ``spans``, white space collapsed."""
    out, pos = [], 0
    for s, e in sorted(spans):
        out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:])
    return re.sub(r"\s+([?,.])", r"\1", re.sub(r"\s+", " ", "".join(out))).strip()


def _char_span(doc, i: int, j: int) -> tuple[int, int]:
    """The characters of tokens ``i``..``j`` (inclusive) with the white space after them."""
    return doc[i].idx, doc[j].idx + len(doc[j].text_with_ws)


def _correlative(doc, noun) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two sides of "both X and Y" when X and Y are constraints (prepositional phrases, predicates,
    modifiers of another argument), not what is asked: the sentence once with X alone, once with Y."""
    both = next((t for t in doc if t.lower_ == "both"), None)
    if both is None:
        return None
    cc = next((t for t in doc[both.i + 1:] if t.dep_ == "cc" and t.lower_ == "and"), None)
    if cc is None:
        return None
    head = cc.head
    conj = next((c for c in head.children if c.dep_ == "conj" and c.i > cc.i), None)
    if conj is None or head.i < both.i:
        return None
    # What is asked is never a conjunct: "Which rule gives both its docket number and its date?"
    # coordinates the asked things (objects), not two sources.
    if noun.i in range(both.i, conj.right_edge.i + 1) or head.dep_ in ("dobj", "attr", "oprd", "appos"):
        return None
    if any(t.tag_ in WH_TAGS for t in doc[both.i:conj.right_edge.i + 1]):
        return None
    text = doc.text
    first = (both.i + 1, cc.i - 1)
    # A determiner before the first conjunct serves both ("both *the* October and July rules").
    if doc[first[0]].dep_ == "det" and doc[cc.i + 1].dep_ != "det":
        first = (first[0] + 1, first[1])
    if first[0] > first[1]:
        return None
    both_span = _char_span(doc, both.i, both.i)
    side_a = _cut(text, [both_span, _char_span(doc, cc.i, conj.right_edge.i)])
    side_b = _cut(text, [both_span, _char_span(doc, first[0], cc.i)])
    return (side_a, side_b), (doc[first[0]:cc.i].text, doc[cc.i + 1:conj.right_edge.i + 1].text)


def _also(doc, noun) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two sides of "Which N <modifier> ... also <predicate>?" ("Which firms named in A were also
    added to B?"): the wh-phrase with its modifier, and the question without it (nor "also")."""
    also = next((t for t in doc if t.lower_ == "also" and t.dep_ == "advmod"), None)
    if also is None:
        return None
    verb = also.head
    wh_top = noun if noun.dep_ in ("nsubj", "nsubjpass") else next(
        (a for a in noun.ancestors if a.dep_ in ("nsubj", "nsubjpass")), None)
    if wh_top is None or wh_top.head != verb:
        return None
    text = doc.text
    predicate = doc[also.i + 1:verb.right_edge.i + 1] if verb.i > also.i else doc[verb.i:verb.right_edge.i + 1]
    mods = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.i > noun.i]
    if mods:
        mod = mods[0]
        # The modifier is the wh-phrase's own (it ends before "also").
        if not mod.right_edge.i < also.i:
            return None
        phrase = text[doc[wh_top.left_edge.i].idx:doc[mod.right_edge.i].idx + len(doc[mod.right_edge.i].text)]
        side_a = phrase.strip() + "?"
        side_b = _cut(text, [_char_span(doc, mod.left_edge.i, mod.right_edge.i), _char_span(doc, also.i, also.i)])
        return (side_a, side_b), (doc[mod.left_edge.i:mod.right_edge.i + 1].text, predicate.text)
    # "Which *October 2019 Entity List* companies also appear in the FAR 889 definition?": the source
    # of side A named before the noun - modifiers that hold a name or a number (a list, a rule, a
    # date), not a description ("Which *Chinese* companies also ...", which asks one question).
    pre = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and c.i < noun.i]
    if not pre or not any(t.pos_ in ("PROPN", "NUM") for c in pre for t in c.subtree):
        return None
    first = min(c.left_edge.i for c in pre)
    wh = next(t for t in doc if t.tag_ in WH_TAGS)
    side_a = text[doc[min(wh.i, wh_top.left_edge.i)].idx:doc[noun.i].idx + len(noun.text)].strip() + "?"
    side_b = _cut(text, [_char_span(doc, first, noun.i - 1), _char_span(doc, also.i, also.i)])
    return (side_a, side_b), (doc[first:noun.i].text, predicate.text)


def _common(doc, noun) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two sides of "Which N are common to A and B" / "shared by A and B": the question once
    with each of the preposition's coordinated objects."""
    for t in doc:
        if t.lemma_.lower() not in _COMMON and t.lower_ not in _COMMON:
            continue
        prep = next((c for c in t.children if c.dep_ in ("prep", "agent")), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        conj = next((c for c in obj.children if c.dep_ == "conj"), None) if obj is not None else None
        cc = next((c for c in obj.children if c.dep_ == "cc"), None) if obj is not None else None
        if conj is None or cc is None:
            continue
        text = doc.text
        side_a = _cut(text, [_char_span(doc, cc.i, conj.right_edge.i)])
        side_b = _cut(text, [_char_span(doc, obj.left_edge.i, cc.i)])
        return (side_a, side_b), (doc[obj.left_edge.i:cc.i].text, doc[cc.i + 1:conj.right_edge.i + 1].text)
    return None


def intersection(question: str) -> Intersection | None:
    """The question read as an intersection (see the module docstring), or None when it is not one."""
    span = _asking_sentence(question)
    if span is None:
        return None
    sentence = question[span[0]:span[1]].strip()
    doc = _parse(sentence)
    if doc is None:
        return None
    noun = _wh_noun(doc)
    if noun is None:
        return None
    read = _correlative(doc, noun) or _also(doc, noun) or _common(doc, noun)
    if read is None:
        return None
    sides, constraints = read
    from ..lexical import _descends, _organisation_synset, names_a_party, names_a_person, noun_base

    lemma = noun_base(noun.lower_) if noun.tag_ in ("NNS", "NNPS") else noun.lower_
    parties = names_a_party(lemma) or names_a_person(lemma)
    # People only when no sense of the noun is an organisation: an "official" is a person, a "maker"
    # may be a business.
    persons = parties and names_a_person(lemma) and not _descends(lemma, _organisation_synset, 14)
    modifiers = tuple(c.lower_ for c in noun.children if c.dep_ == "compound")
    count = next((_number(c.text) for c in noun.children if c.dep_ == "nummod"), None)
    log.debug("intersection sides: %s", sides)
    return Intersection(sides=sides, constraints=constraints, asked=lemma, modifiers=modifiers, persons_only=persons, parties=parties,
                        count=count)


# ----------------------------------------------------------------------------- items and matching
def _sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (within its line) that holds ``body[start:end]``."""
    ls = body.rfind("\n", 0, start) + 1
    le = body.find("\n", end)
    le = len(body) if le < 0 else le
    s, e = ls, le
    for m in re.finditer(r"[.!?][”\"’]?\s+(?=[“\"A-Z(])", body[ls:le]):
        cut = ls + m.end()
        if cut <= start:
            s = cut
        elif ls + m.start() + 1 >= end:
            e = ls + m.start() + 1 + (len(m.group(0).rstrip()) - 1)
            break
    return s, e


def _names(body: str, start: int, end: int, persons_only: bool) -> list[_Item]:
    """Names in ``body[start:end]``: spaCy's person (and, unless ``persons_only``, organisation)
    names, and the name and alias fields of the records there."""
    from .nlp import parse
    from .records import records

    out: list[_Item] = []
    labels = ("PERSON",) if persons_only else ("PERSON", "ORG")
    doc = parse(body[start:end], disable=["lemmatizer"])
    for e in doc.ents:
        if e.label_ in labels:
            # One line of the name (the parser may run a record's name into its next field), after a
            # label's colon ("Gull Register: Brackwater Optics Limited"), without an article or a
            # possessive ending.
            line = e.text.split("\n")[0].rsplit(":", 1)[-1]
            text = re.sub(r"['’]s$", "", re.sub(r"^(?:the|The)\s+", "", line.strip())).strip()
            if not text or not _proper(text):
                continue
            s = start + e.start_char + e.text.index(text)
            out.append(_Item(text, s, s + len(text), "name"))
    if not persons_only:
        from ..support import _ALIAS_LABELS, _HEAD_LABELS

        for rec in records(body):
            if rec.end <= start or rec.start >= end:
                continue
            for f in rec.fields:
                label = f.label.lower()
                if label not in _HEAD_LABELS and label not in _ALIAS_LABELS and f is not rec.name:
                    continue
                pos = f.value_start
                for part in f.value.split(";") if label in _ALIAS_LABELS else [f.value]:
                    i = body.find(part.strip(), pos, f.end)
                    name = re.sub(r"^and\s+", "", part.strip())
                    if i < 0 or not name or not _proper(name):
                        continue
                    i = body.find(name, i, f.end)
                    out.append(_Item(name, i, i + len(name), "name"))
                    pos = i + len(name)
    return out


def _proper(name: str) -> bool:
    """Does a name hold a word of its own - one WordNet does not know ("Tessaly", "Marrow" aside
    "Elsbeth")? spaCy's entities include labels and offices ("Docket No", "Registrar, Office of Port
    Licensing"), which would be "shared" by any two documents of one agency."""
    from ..lexical import is_wordnet_word
    from ..text import STOPWORDS

    return any(len(w) > 1 and w.lower() not in STOPWORDS and not is_wordnet_word(w.lower())
               for w in re.findall(r"[A-Za-z]+", name))


def _values(body: str, start: int, end: int, asked: Intersection) -> list[_Item]:
    """Digit-bearing values in ``body[start:end]`` that the asked noun (or one of its compound
    nouns, or a WordNet synonym of either) labels: one of the few words just before the value."""
    from ..lexical import noun_synonyms

    words = {asked.asked, *asked.modifiers}
    out: list[_Item] = []
    for m in _VALUE.finditer(body, start, end):
        before = re.findall(r"[A-Za-z]+", body[max(0, m.start() - 60):m.start()])[-_LABEL_WINDOW:]
        if any(noun_synonyms(w, b.lower()) or noun_synonyms(b.lower(), w) for w in words for b in before):
            out.append(_Item(m.group(0).strip(), m.start(), m.start() + len(m.group(0).strip()), "value"))
    return out


def _name_tokens(name: str) -> tuple[str, ...]:
    from ..screening.normalise import name_tokens

    return name_tokens(name)


def _same_name(a: str, b: str) -> bool:
    """Do two names name the same party across spellings ("Hangzhou Hikvision Digital Technology
    Company" / "Hangzhou Hikvision Digital Technology Co., Ltd." / "Hikvision")? The shorter's
    tokens (legal forms dropped) all match tokens of the longer (rapidfuzz similarity), and they say
    enough: two tokens or more, or one that is no common word (a name of its own)."""
    from ..lexical import is_wordnet_word
    from ..screening.matching import MERGE_MIN_SIM, token_similarity

    ta, tb = _name_tokens(a), _name_tokens(b)
    if not ta or not tb:
        return False
    short, long_ = sorted((ta, tb), key=len)

    def same(s: str, t: str) -> bool:
        # A word of its own (no common word) is what names the party: it must be written nearly the
        # same ("Hikvision" is not "Isvision"); a common word may differ in form ("technologies").
        sim = token_similarity(s, t)
        return sim >= MERGE_MIN_SIM if not is_wordnet_word(s) else sim > 0

    if not all(any(same(s, t) for t in long_) for s in short):
        return False
    return len(short) >= 2 or not is_wordnet_word(short[0])


def _number(word: str) -> int | None:
    """The value of a cardinal ("two", "3"), or None."""
    from ..analysis import number_word

    value = word if word.isdigit() else number_word(word.lower())
    return int(value) if value is not None else None


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _items(body: str, start: int, end: int, asked: Intersection) -> list[_Item]:
    if asked.parties:
        return _names(body, start, end, asked.persons_only)
    return _values(body, start, end, asked)


def _citation(doc, start: int, end: int) -> Citation:
    s, e = _sentence_span(doc.body, start, end)
    quote = doc.body[s:e].strip()
    s += len(doc.body[s:e]) - len(doc.body[s:e].lstrip())
    return Citation(source=doc.source, title=doc.title, quote=quote, start=s, end=s + len(quote), date=doc.date,
                    publisher=doc.publisher, url=doc.url, doc_id=doc.doc_id)


def _named_sources(constraint: str, other: str, hits: list[Hit], store) -> list:
    """The retrieved documents a side's constraint names: of the side's retrieved documents, those
    whose name (title, publisher, type, date: the answerer's document name keys) holds most of the
    constraint's own words (those the other side's constraint lacks), each weighed by its rarity in
    the index (a publisher named once, "Reuters", says more than "Xinjiang", which many passages
    hold); ties, and a constraint that names no retrieved document, go to the best-ranked one."""
    import math

    from ..extractive import _document_name_keys, doc_keys

    # (A key no passage writes - a publisher named only in the document's header, "the Norvane
    # story" - is the rarest there is.)
    own = _own_keys(constraint, other)

    scored: list[tuple[tuple[float, int], object]] = []
    seen: set[str] = set()
    for h in hits:
        if h.doc_id in seen:
            continue
        seen.add(h.doc_id)
        doc = store.get_document(h.doc_id)
        if doc is None:
            continue
        names = _document_name_keys(doc)
        # (Names first; of documents whose names say the constraint equally, the ones whose text
        # holds more of its words: "the Tern Register *rule*" is the document that writes "rule".)
        body = doc_keys(doc)
        scored.append(((sum(1.0 / math.log(2 + _frequency(store, k)) for k in own if k in names),
                        sum(1 for k in own if k in body)), doc))
    if not scored:
        return []
    # (Documents that still tie - a rule and a story that both say firms were "added to the Tern
    # Register" - are all its sources, in retrieval order; a constraint that names none, the best-ranked.)
    top = max(score for score, _ in scored)
    return [doc for score, doc in scored if score == top] if top[0] > 0 else [scored[0][1]]


def _own_keys(constraint: str, other: str) -> set[str]:
    """The keys of a side's constraint that the other side's lacks, stop words aside. (Whole keys
    only: a date key "2019-10-09" is not the year "2019" a title holds. Region keys, "@cn", are the
    answerer's, not words.)"""
    from ..analysis import text_keys
    from ..text import STOPWORDS

    return {k for k in text_keys(constraint) - text_keys(other) if k not in STOPWORDS and not k.startswith("@")}


def _names_source(constraint: str, other: str, doc) -> bool:
    """Does the document's name (title, publisher, type, date) hold every one of the constraint's own
    words (:func:`_own_keys`) - is the document what the constraint names?"""
    from ..extractive import _document_name_keys

    from ..analysis import norm_key

    # (Not the constraint's verb: "*named* in the FAR 52.204-25 clause" names the clause; "named" is
    # how its items relate to it, which no document's name says.)
    parsed = _parse(constraint)
    verbs = {norm_key(t.text) for t in parsed if t.pos_ in ("VERB", "AUX")} if parsed is not None else set()
    own = _own_keys(constraint, other) - verbs
    return bool(own) and own <= _document_name_keys(doc)


def _defined_span(constraint: str, doc) -> tuple[int, int] | None:
    """The span of the definition in ``doc`` that the constraint names as one ("the *covered-equipment
    definition*", "the definition of covered equipment"): of the terms the document defines
    (:func:`definitions`), the one holding most of the words the constraint writes beside
    "definition" (its verb aside: "*named* in"), every such word the document's name lacks among them.
    None when the constraint names no definition or the document defines no such term."""
    from ..analysis import norm_key, text_keys
    from ..extractive import _document_name_keys
    from ..text import STOPWORDS
    from .definitions import definitions

    parsed = _parse(constraint)
    if parsed is None or not any(norm_key(t.text) == norm_key("definition") for t in parsed):
        return None
    # (A verb joined by a hyphen is a word of the term: "*covered*-equipment".)
    own = {k for t in parsed if t.is_alpha and (k := norm_key(t.text)) and k not in STOPWORDS
           and k != norm_key("definition")
           and not (t.pos_ in ("VERB", "AUX") and not (t.i + 1 < len(parsed) and parsed[t.i + 1].text == "-"))}
    unnamed = own - _document_name_keys(doc)
    best, best_span = 0, None
    for term, span in definitions(doc.body).items():
        keys = text_keys(term)
        if unnamed <= keys and len(own & keys) > best:
            best, best_span = len(own & keys), span
    return best_span


def _frequency(store, key: str) -> int:
    try:
        return store.document_frequency(key)
    except Exception:  # noqa: BLE001 - a store without term counts: every word weighs the same
        return 0


def answer_shared(question: str, asked: Intersection, hits_a: list[Hit], hits_b: list[Hit], store,
                  compose) -> Answer | None:
    """The answer to an intersection question from each side's retrieved hits (see the module
    docstring): the shared items, each marked with a quote from each side, or an abstention whose
    notice says what is missing; None when no item of the asked kind can be read from side A's source
    (the caller answers as it would otherwise). ``compose(lead, citations, marks)`` writes the text."""
    def abstain(reason: str) -> Answer:
        return Answer(text="The sources don't say.", abstained=True, question=question, backend="extractive",
                      notice=f"abstained: {reason}")

    if not hits_a or not hits_b:
        return abstain(f"no source found for “{asked.sides[0 if not hits_a else 1].rstrip('?')}”")
    docs_a = _named_sources(asked.constraints[0], asked.constraints[1], hits_a, store)
    docs_b = _named_sources(asked.constraints[1], asked.constraints[0], hits_b, store)
    if not docs_a or not docs_b:
        return abstain("a side's source could not be read")
    doc_a = docs_a[0]
    docs_b = [d for d in docs_b if d.doc_id != doc_a.doc_id]
    log.debug("intersection sources: %s / %s", doc_a.title, [d.title for d in docs_b])
    if not docs_b:
        return abstain("both sides of the question lead to one source")
    candidates: list[_Item] = []
    # Side A's evidence: its source's retrieved passages - or its whole text when the source's own
    # name is what the constraint names ("Which *October 2019 Entity List* companies ...?" of "Entity
    # List entries for the 28 entities added ... (October 9, 2019)": every record is side A's).
    spans = [(0, len(doc_a.body))] if _names_source(asked.constraints[0], asked.constraints[1], doc_a) else \
        [(h.start, h.end) for h in hits_a if h.doc_id == doc_a.doc_id]
    if (defined := _defined_span(asked.constraints[0], doc_a)) is not None:
        # "named in the FAR 52.204-25 *covered-equipment definition*": the items of the definition the
        # constraint names ("Covered telecommunications equipment or services means- (1) ..."), whole.
        spans = [defined]
    for start, end in spans:
        candidates += [c for c in _items(doc_a.body, start, end, asked)
                       if not any(c.text == o.text for o in candidates)]
    if not candidates:
        # No item of the asked kind can be read from side A's source ("which *paragraph* ...": a value
        # no label names so): the ordinary answer stands.
        return None
    held = [(b, doc) for doc in docs_b for b in _items(doc.body, 0, len(doc.body), asked)]
    if asked.parties:
        # spaCy's entities miss names ("Talvik Imaging Company" in a list of makers): a name side B
        # holds is a candidate too where side A's evidence writes it as a capitalised run.
        from ..analysis import find_names

        runs = [_Item(name, start + a, start + a + len(name), "name")
                for start, end in spans
                for a, _, name in find_names(doc_a.body[start:end]) if _proper(name)]
        for b, _ in held:
            if not any(_same_name(c.text, b.text) for c in candidates):
                run = next((r for r in runs if _same_name(r.text, b.text)), None)
                if run is not None:
                    candidates.append(run)
        # ... and side B's: a candidate (a list's record) that side B writes as a capitalised run
        # ("produced by Belmar Optics Company, Talvik Imaging Company, or ...") is held.
        for doc in docs_b:
            runs_b = [_Item(name, a, a + len(name), "name") for a, _, name in find_names(doc.body) if _proper(name)]
            for c in candidates:
                if not any(_same_name(c.text, b.text) for b, _ in held):
                    run = next((r for r in runs_b if _same_name(c.text, r.text)), None)
                    if run is not None:
                        held.append((run, doc))
    log.debug("candidates %s; held %s", [c.text for c in candidates], [b.text for b, _ in held][:60])
    found: list[_Found] = []
    for c in candidates:
        if c.kind == "value":
            match = next(((b, d) for b, d in held if _digits(b.text) == _digits(c.text)), None)
        else:
            match = next(((b, d) for b, d in held if _same_name(c.text, b.text)), None)
        if match is not None and not any(_same_name(f.a.text, c.text) or f.b is match[0] for f in found):
            found.append(_Found(c, match[0], doc_a, match[1]))
    if not found:
        return abstain(f"no {asked.asked} of “{asked.sides[0].rstrip('?')}” is held by “{asked.sides[1].rstrip('?')}”")
    if asked.count is not None and asked.count != len(found):
        # The question says how many there are; a different number shared means a side's source is
        # not the one it names (or the items are not of the asked kind): no lead rather than a wrong one.
        return abstain(f"the sources share {len(found)} {asked.asked}(s); the question asks for {asked.count}")
    citations: list[Citation] = []
    lines: list[str] = []

    def number(cit: Citation) -> int:
        for c in citations:
            if (c.doc_id, c.start, c.end) == (cit.doc_id, cit.start, cit.end):
                return c.n
        cit.n = len(citations) + 1
        citations.append(cit)
        return cit.n

    for f in found:
        na = number(_citation(f.a_doc, f.a.start, f.a.end))
        nb = number(_citation(f.b_doc, f.b.start, f.b.end))
        if f.a.text == f.b.text or (f.a.kind == "value"):
            lines.append(f"{f.a.text} [{na}][{nb}]")
        else:
            lines.append(f"{f.a.text} [{na}] — {f.b.text} [{nb}]")
    text = compose("\n".join(lines), citations, [])
    return Answer(text=text, abstained=False, citations=citations, question=question, backend="extractive")
