"""Questions that open with context: a declarative sentence or clause before the question proper.

Analysts paste what they read before what they ask: "Reuters calls Megvii a facial-recognition
leader that was blacklisted; *what Beijing address does its Entity List entry give?*", "Ross
announced Huawei's placement on the Entity List. *What start date ... does the CSL entry for
Huawei Technologies Co., Ltd. show?*". The lead-in is not asked: read as part of the question, its
words ("facial-recognition", "Ross announced") are taken for what the question asks about, and the
answerer looks for a party or a fact the question never asked for. It may, though, hold what a
pronoun of the question proper stands for ("its" = Megvii).

Which part asks and which part tells is decided from spaCy's parse, not from word lists: the
question proper is the last sentence or ";"-clause, and it asks (it ends with "?", opens with a
wh-word, or with a verb or auxiliary ahead of its subject: "Does ...", "Give me ..."); each part
before it tells (it has a finite verb with a subject, opens with no wh-word and is not itself a
question). :func:`question_proper` gives the question without its lead-in, prefixed, as the
parts of a two-part question are (:mod:`answering.parts`), with the names the lead-in gives when the
question proper does not name what it asks about itself (it names nothing, or it refers back with a
third-person pronoun or a demonstrative).
"""
from __future__ import annotations

import functools
import logging
import re

log = logging.getLogger(__name__)

# Where a sentence or clause ends: ";" (a clause of its own), or ".", "!" after a word and before a
# capital ("... Entity List. What start date ..."). Not after a single capital or inside an
# abbreviation ("U.S. Department"): a lead-in must hold a finite clause anyway (:func:`_tells`).
_BREAK = re.compile(r";\s+(?=\S)|(?<=[a-z0-9][.!])\s+(?=[A-Z])")
# The wh-words (a closed class of English).
_WH = frozenset({"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})
# Finite verb tags (Penn Treebank): past, present 3rd-person, present non-3rd, modal.
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Third-person pronouns and demonstratives that refer back (closed classes of English).
_REFERRING = frozenset({"it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those"})


def _parse(text: str, lemmas: bool = False):
    from .nlp import parse

    return parse(text, disable=[] if lemmas else ["lemmatizer"])


def _asks(doc) -> bool:
    """Does a sentence (a spaCy doc) ask: it ends with "?", opens with a wh-word, or opens with a verb
    or auxiliary (an inverted auxiliary, "Does X ...", or an imperative, "Give me ...", "List ...")?"""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return False
    if doc.text.rstrip().endswith("?"):
        return True
    first = words[0]
    return first.lower_ in _WH or first.pos_ in ("AUX", "VERB") and first.tag_ in ("VB", "VBZ", "VBP", "VBD", "MD")


def _tells(doc) -> bool:
    """Does a sentence (a spaCy doc) tell: it does not ask (:func:`_asks`) and holds a finite verb
    with a subject ("Reuters *calls* Megvii ...", "Ross *announced* ...", "Tolmar *is named* ...")?"""
    if _asks(doc):
        return False
    # (Or the finite auxiliary of a passive, whose subject the participle takes: "Tolmar *is* named in the
    # clause", "X *was* added".)
    return any(t.tag_ in _FINITE and any(c.dep_ in ("nsubj", "nsubjpass") for c in
                                         (t.head.children if t.dep_ == "auxpass" else t.children))
               for t in doc)


@functools.lru_cache(maxsize=512)
def split_lead_in(question: str) -> tuple[str, str] | None:
    """``(lead-in, question proper)`` when ``question`` opens with one or more telling sentences or
    clauses before the one that asks (see the module docstring); None otherwise."""
    text = question.strip()
    cuts = [m for m in _BREAK.finditer(text)]
    if not cuts:
        return None
    last = cuts[-1]
    lead, proper = text[:last.start()].strip(), text[last.end():].strip()
    if not lead or len(proper.split()) < 2:
        return None
    try:
        if not _asks(_parse(proper)):
            return None
        pieces = [p for p in re.split(_BREAK, lead) if p.strip()]
        if not all(_tells(_parse(p)) for p in pieces):
            return None
    except Exception:  # noqa: BLE001 - without a parser the question stays whole
        return None
    return lead.rstrip(" ;.!"), proper


# Dependencies of a predicative complement or an apposition (spaCy's English labels): "Reuters
# calls Megvii *a facial-recognition leader*", "Huawei is *a Chinese company*" - a description.
_PREDICATIVE = frozenset({"attr", "oprd", "acomp", "appos"})


def _context(doc) -> list[str]:
    """What a lead-in (a spaCy doc) speaks of, for the question proper: its noun chunks and
    named entities (whole: "PF 2019-33", "October 2019"), in order, once each - not pronouns, not
    a predicative complement or apposition (:data:`_PREDICATIVE`) of a party the lead-in names (it
    describes what is already named), and not the teller of what the lead-in tells (the subject of
    a verb of communication) when it names anything else."""
    def describes(span) -> bool:
        # A description of a party the lead-in names ("Megvii, a facial-recognition leader") adds no
        # name; one of a party it does not name ("calls one of the targets *a speech recognition
        # firm*") is how the question identifies it, and stays.
        for t in [span.root, *span.root.ancestors]:
            if t.dep_ in _PREDICATIVE:
                # (An apposition describes its head; an object predicative the object, "calls *X* a
                # leader"; a subject predicative the subject, "*X* is a leader".)
                deps = ("dobj",) if t.dep_ == "oprd" else ("nsubj", "nsubjpass")
                described = [t.head] if t.dep_ == "appos" else [c for c in t.head.children if c.dep_ in deps]
                return any(d.pos_ == "PROPN" for d in described)
        return False

    def whole(chunk):
        return doc[chunk.start:_through_number(doc, chunk.root, chunk.end)]

    def tells(span) -> bool:
        # The named subject of a verb of communication (its first WordNet sense: "calls", "reports",
        # "says") is who tells, not what is told of ("*The Wire* calls Varlen a leader; what does its
        # entry give?": "its" is Varlen's). (Named: "*the policy flash* tells COs to ...", a document
        # described by a common noun, is what the question asks of.)
        from ..lexical import speech_first

        return span.root.dep_ == "nsubj" and span.root.pos_ == "PROPN" and span.root.head.pos_ == "VERB" \
            and speech_first(span.root.head.lemma_.lower())

    spans = [whole(c) for c in doc.noun_chunks if c.root.pos_ != "PRON" and not describes(c)]
    spans += [e for e in doc.ents if e.label_ not in ("CARDINAL", "ORDINAL") and not describes(e)]
    tellers = [c for c in spans if tells(c)]
    told = [c for c in spans if not any(t.start < c.end and c.start < t.end for t in tellers)]
    spans = told if told else spans
    # The longest of overlapping spans ("PF 2019-33", not "PF" and "2019-33"), in the lead-in's order.
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    out, end = [], -1
    for span in spans:
        if span.start >= end:
            out.append(span)
            end = span.end
        elif span.end > end:  # an entity running past a chunk: the two as one
            out[-1] = doc[out[-1].start:span.end]
            end = span.end
    return list(dict.fromkeys(re.sub(r"['’]s$", "", s.text.strip()) for s in out if s.text.strip()))


def _through_number(doc, head, end: int) -> int:
    """Where a name that ends before token ``end`` ends with the number the parser hangs on its ``head``
    after it ("PF" + "2019-33", "Harbour Clause" + "52.7"): past the numbers, symbols, names and hyphens
    of the head's subtree that follow at once."""
    inside = {t.i for t in head.subtree}
    while end < len(doc) and end in inside and (doc[end].pos_ in ("NUM", "SYM", "PROPN") or doc[end].tag_ == "HYPH"):
        end += 1
    return end


def _names_what_it_asks_about(doc) -> bool:
    """Does the question proper (a spaCy doc) name what it asks about itself: a proper noun, and no
    third-person pronoun or demonstrative that refers back ("what does *its* entry give")?"""
    # (By tag: a relative "that", WDT, refers to the noun it follows, not back.)
    refers = any(t.lower_ in _REFERRING and t.tag_ in ("PRP", "PRP$", "DT") for t in doc)
    return not refers and any(t.pos_ == "PROPN" for t in doc)


def _referent(lead, proper) -> str | None:
    """The name a singular pronoun of the question proper ("When did *its* entry start?", "What name does
    the clause use for *it*?") stands for: the lead-in's subject when it is a name ("*Hikvision* is one of
    the firms named in the clause."; spaCy: the root's nominal subject, a proper noun, with the name's
    words before it), and not the teller of what the lead-in tells (:func:`_context`). None when the
    question proper refers back with no singular pronoun, or the lead-in's subject is no name."""
    from ..analysis import _is_dictionary_word
    from ..lexical import speech_first

    if not any(t.lower_ in ("it", "its") and t.tag_ in ("PRP", "PRP$") for t in proper):
        return None
    if any(t.lower_ in _REFERRING - {"it", "its"} and t.tag_ in ("PRP", "PRP$") for t in proper):
        return None  # a plural pronoun too: what each stands for is not one name
    root = next((t for t in lead if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if root is not None else None
    # (A name the tagger may read as a common noun, "Hikvision" opening a sentence: capitalised, and no
    # English word.)
    named = subject is not None and (subject.pos_ == "PROPN" or (
        subject.text[:1].isupper() and not _is_dictionary_word(subject.text)))
    # (The active subject of a verb of communication tells; the passive one is told of: "X is named".)
    if not named or (subject.dep_ == "nsubj" and root.pos_ == "VERB" and speech_first(root.lemma_.lower())):
        return None
    words = [t for t in subject.subtree if t.i <= subject.i and (t.dep_ in ("compound", "flat") or t.i == subject.i)]
    return lead[words[0].i:_through_number(lead, subject, subject.i + 1)].text if words else None


@functools.lru_cache(maxsize=512)
def referent(question: str) -> str | None:
    """The one name the singular pronoun of the question proper stands for, when :func:`question_proper`
    prefixes it with that name alone ("Hikvision is named in the clause. When did its entry start?" ->
    "Hikvision"); None otherwise."""
    split = split_lead_in(question)
    if split is None:
        return None
    try:
        proper = _parse(split[1])
        return None if _names_what_it_asks_about(proper) else _referent(_parse(split[0], lemmas=True), proper)
    except Exception:  # noqa: BLE001 - without a parser the question stays whole
        return None


def resolves_referent(question: str) -> bool:
    """Does :func:`question_proper` give the question proper prefixed with the one name its singular
    pronoun stands for ("Hikvision: When did its Entity List entry start?")? Such a question is about
    that party alone, and its evidence is retrieved by it (``agent.api``)."""
    return referent(question) is not None


def question_proper(question: str) -> str:
    """``question`` without a telling lead-in (:func:`split_lead_in`): the question proper alone
    when it names what it asks about, else prefixed with the names the lead-in gives ("Megvii: what
    Beijing address does its Entity List entry give?"); ``question`` itself when it has no lead-in
    (or the lead-in names nothing the question proper could refer to)."""
    from ..analysis import without_restating_request

    # (A last request naming nothing of its own asks nothing more: "... include? List the elements.")
    question = without_restating_request(question)
    split = split_lead_in(question)
    if split is None:
        return question
    lead, proper = split
    try:
        doc = _parse(proper)
        if _names_what_it_asks_about(doc):
            out = proper
        elif not any(t.pos_ in ("VERB", "AUX") for t in doc):
            # "...; how many?": a verbless question asks about the lead-in's own predicate, which is
            # what is asked; the question stays whole.
            return question
        else:
            told = _parse(lead, lemmas=True)
            # "Hikvision is one of the firms named in the clause. When did *its* entry start?": the one
            # name the pronoun stands for, not every name the lead-in gives ("the clause" is no party).
            named = _referent(told, doc)
            names = [named] if named is not None else _context(told)
            if not names:
                return question
            out = f"{', '.join(names)}: {proper}"
    except Exception:  # noqa: BLE001 - without a parser the question stays whole
        return question
    log.debug("lead-in %r read as context: %r", lead, out)
    return out
