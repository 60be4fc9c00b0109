"""Questions that ask two things at once ("Who announced the visa restrictions, and on what
date?", "How many entities did BIS add, and how many entries did it revise?").

The offline answerer reads one asking clause per question: given both, it answers the first
(or neither) and its abstention model sees evidence for half of what is asked. Such a
question is split where a coordinating "and" opens a second wh-clause (and at the commas of a
list of wh-clauses that "and" closes: "which notice ..., what date ..., and what policy ...?");
each part is answered on its own (retrieval, answer, abstention), and the answers are joined: one line
per part in the direct answer, "the sources don't say" for a part they don't answer, and
all the quotes renumbered in one evidence list. The second part carries what the first
part is about (its noun phrases, not what it asks: "the visa restrictions, Chinese
officials, Xinjiang: what date?"), so its names and retrieval stay those of the question -
unless it is a sentence of its own that names what it asks about ("... of what? And what start
date does the list show for Huawei?"). A part answered with several lines (a record's fields)
keeps them all. A noun asked "of A and of B" (the same preposition repeated after "and": "the docket
numbers of the October 2019 rule and of the July 2020 rule") is asked of each, one part per modifier, so
each is answered from the document it names; two parts that lead with the same line say it once. A
later part's "they"/"them" that stands for what the first part's plural wh-phrase asks ("How many
entities did the rule add, and under which destination are *they* listed?") is asked of that noun.

Coordinated asked noun phrases ask one thing per conjunct too: "What are the licence requirement and
the address of X?", "Give the licence requirement and country of address for X", "X: licence requirement
and country of address?", "What was the date of A and the date of B?" - the subject of a copula asked by
a wh-pronoun, an imperative's object or a bare noun phrase after a lead-in, whose conjuncts (common
nouns, by spaCy's parse) are fields or values asked of something. Each part carries the modifier they
share ("of X", the verb's "for X", the lead-in) unless the conjunct has its own ("the date *of B*",
"country *of address*"). A list of parties ("Which companies and universities were added?": WordNet,
:func:`agent.lexical.names_a_party`), a name's own "and", "both A and B", "or", one preposition over two
objects ("the date of A and B"), parts of one thing located "in" something ("the postal code and city in
X's address") and a wh-determiner's phrase (the record answerer reads its every conjunct) stay one
question. When the whole question's answer already leads with a line per conjunct (a record's or a
table's answerer read every conjunct itself, each line labelled), that answer stands (``api``).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..types import Answer, Citation
from .nlp import WH_TAGS
from .provisions import ENUM

# ", and on what date", " and how many", " and under which notice": a coordinating "and" that opens
# a clause with its own wh-word (optionally after a preposition). A preposition before "whom" stays
# with its clause: "whom", a bare object, says what it asks only by it ("and *to* whom was it
# addressed" asks for the addressee); "which provision", "what date" say it by their noun.
_SECOND_ASK = re.compile(
    r"(?:,\s*|\s+)and\s+(?:(?:on|in|at|under|by|for|from|to|with|of|since|until)\s+(?!whom\b))?"
    r"(?=(?:(?:on|in|at|under|by|for|from|to|with|of|since|until)\s+)?(?:what|which|who|whom|whose|when|where|why|how)\b)",
    re.I)
# ", what is its start date": a comma that opens a clause with its own wh-word. It separates asks only
# in a list of clauses that a coordinating "and" closes ("which notice ..., what date ..., and what
# policy ...?"), and only after the first wh-word (before it, a comma closes a fronted phrase: "For a
# client note, what date ...").
_LISTED_ASK = re.compile(r",\s*(?=(?:what|which|who|whom|whose|when|where|why|how)\b)", re.I)
_WH_WORD = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b", re.I)
# A provision or document named by a number: "FAR 4.2104", "PF 2019-33", "§ 744.11", "52.204-25".
# (Or a number with paragraph designators after any word: "section 889(a)(1)(B)".)
_PROVISION = re.compile(r"(?:\b[A-Z][A-Za-z]*\.?|§+)\s*\d[\d.]*(?:-\d+)?(?:\([a-zA-Z0-9]+\))*|\b\d+\.\d+(?:-\d+)?\b"
                        rf"|\b\d+(?:{ENUM})+")
# The least words the part before a split must have: "When and where ..." asks one thing.
_MIN_PART_WORDS = 3


def _parse(text: str, ner: bool = False):
    """spaCy's parse of ``text`` (without the lemmatizer; without entities unless ``ner``), or None
    when no parse can be had - every reading here then leaves the question as it is."""
    try:
        from .nlp import parse

        return parse(text, disable=["lemmatizer"] if ner else ["ner", "lemmatizer"])
    except Exception:  # noqa: BLE001 - no parse: callers fall back to the text as written
        return None


def split_parts(question: str) -> list[str]:
    """The questions ``question`` asks, in order: ``[question]`` when it asks one thing.
    Every later part is "<what the first part is about>: <its own wh-clause>?" (the first
    part's noun phrases give it its names and topic; its own clause its answer kind)."""
    text = question.strip()
    cuts = [m for m in _SECOND_ASK.finditer(text)]
    if not cuts:
        return _distributed_modifiers(text) or _coordinated_asks(text) or [question]
    first_wh = _WH_WORD.search(text)
    listed = [m for m in _LISTED_ASK.finditer(text)
              if first_wh is not None and first_wh.end() <= m.start() < cuts[-1].start()]
    cuts = sorted(cuts + listed, key=lambda m: m.start())
    pieces, start = [], 0
    preps = [""]  # the preposition a cut took from the part after it ("and *since* when")
    for m in cuts:
        pieces.append(text[start:m.start()])
        start = m.end()
        p = re.search(r"\b(on|in|at|under|by|for|from|to|with|of|since|until)\s*$", m.group(0), re.I)
        preps.append(p.group(1) if p else "")
    pieces.append(text[start:])
    # A part after a sentence that ends ("... of what? And what start date ...") is a question of its
    # own: what it is about is what it names, when it names something (:func:`_names_its_own`).
    own = [False] + [bool(re.search(r"[?.!]\s*$", p)) for p in pieces[:-1]]
    pieces = [p.strip(" ,;?") for p in pieces]
    if any(len(p.split()) < _MIN_PART_WORDS for p in pieces[:1]) or any(not p for p in pieces):
        return [question]
    first = pieces[0]
    context = _topic(first)
    from .leadin import referent

    if (named := referent(first + "?")) is not None:
        # "Hikvision is named in the clause. What name does the clause use for it, and what start date does
        # its entry show?": the later part's pronoun stands for the name the first part's does.
        context = named
    if len(pieces) == 2 and context == first and (shared := _topic(pieces[-1])) != pieces[-1]:
        # The first part names nothing it is about ("How many entities were added *and* how many
        # entries revised by the July 22, 2020 rule?"): what the last part is about is shared.
        return [f"{shared}: {first}?", f"{pieces[-1]}?"]
    if len(pieces) == 2 and (lent := _lent_predicate(first, pieces[1])) is not None:
        # "How many public security bureaus *and* how many companies did the blacklisting target?":
        # the verbless first part asks its wh-phrase of the last part's predicate, which says what the
        # parts are about.
        first = lent
        if named is None:
            context = _topic(first)
    subject = _subject(first)
    out = [first + "?"]
    for p, prep, alone in zip(pieces[1:], preps[1:], own[1:]):
        if alone and _names_its_own(p):
            out.append(f"{p}?")
        elif (asked := _asked_of_polar(first, f"{prep} {p}".strip())) is not None:
            out.append(asked)
        elif _contrasting_subject(first, p):
            out.append(f"{p}?")
        else:
            out.append(f"{context}: {_resolved_asked(_resolved(p, subject), first)}?")
    return out


def _distributed_modifiers(text: str) -> list[str] | None:
    """The two questions a noun with two coordinated modifiers of the same preposition asks ("Give the
    docket numbers *of the 2019 rule and of the 2020 rule*" = the docket numbers of the 2019 rule, and
    those of the 2020 rule): the question once with each modifier, so each part is answered from the
    document it names. None when the question has no such coordination (spaCy's parse).

    Only a preposition that modifies a noun, repeated after "and" ("of A and of B"): repeating it
    says the noun is asked of each separately. A verb's repeated preposition is no such thing
    ("Which firms were named *in* the clause *and in* the rule?" asks for the firms in both), nor is
    a modifier after "both" ("the members of both A and B"), nor one preposition over two objects
    ("the rules of A and B", which may name one thing)."""
    if (doc := _parse(text)) is None:
        return None  # no parse: the question asks one thing
    # A verb's modifiers are distributed too when the question says so ("..., *respectively*?") or asks
    # a count, an amount or a time ("*How many* entities did BIS add in its October rule and in its
    # July rule?": one count per rule; a set in both would be asked with "both").
    distributive = any(t.lower_ == "respectively" for t in doc) or bool(
        re.match(r"\s*(?:how\s+(?:many|much)|when)\b", text, re.I))
    for second in doc:
        first = second.head
        if not (second.dep_ == "conj" and second.pos_ == "ADP" and first.pos_ == "ADP" and first.dep_ == "prep"
                and first.lower_ == second.lower_
                and (first.head.pos_ in ("NOUN", "PROPN") or (distributive and first.head.pos_ in ("VERB", "AUX")))):
            continue
        cc = [t for t in first.children if t.dep_ == "cc" and t.i < second.i]
        if len(cc) != 1 or cc[0].lower_ != "and" or any(t.dep_ == "conj" and t.i != second.i for t in first.children):
            continue  # "and" between exactly two modifiers: "or" asks one of them, a list is another kind
        if any(t.lower_ == "both" for t in doc[first.head.i:second.i]):
            continue
        # The first modifier's own words end where the coordination starts (its object's subtree).
        objects = [t for t in first.children if t.dep_ == "pobj"]
        if len(objects) != 1 or not any(t.dep_ == "pobj" for t in second.children):
            continue
        own_end = objects[0].right_edge.idx + len(objects[0].right_edge.text)
        second_end = second.right_edge.idx + len(second.right_edge.text)
        # Nothing but "and" between the two (a third modifier before it is a list), and the first not
        # itself inside a modifier of the same preposition ("the rule *of May and of* ..." after
        # "the date *of* the rule": the parser's attachment decides which noun is repeated, a guess).
        if not re.fullmatch(r",?\s*and\s+", text[own_end:second.idx], re.I):
            continue
        if any(t.lower_ == first.lower_ and t.dep_ == "prep" for t in first.head.ancestors):
            continue
        if re.search(r",\s*$", text[:first.idx]) or any(
                t.lower_ == first.lower_ and t.i != first.i for t in first.head.children):
            continue  # the last two of a list of modifiers ("of A, of B and of C")
        before, first_phrase = text[:first.idx], text[first.idx:own_end]
        second_phrase, after = text[second.idx:second_end], text[second_end:]
        if len(before.split()) < _MIN_PART_WORDS - 1:
            continue
        # ("respectively" says the modifiers are distributed; each part asks of one.)
        after = re.sub(r",?\s*\brespectively\b", "", after, flags=re.I)
        # A possessive pronoun of the second stands for the first's possessor ("of *BIS's* October rule and
        # of *its* July rule"): asked alone, the second part says whose.
        owner = next((c for c in objects[0].subtree if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
        pronoun = next((t for t in second.subtree if t.tag_ == "PRP$" and t.dep_ == "poss"), None)
        if owner is not None and pronoun is not None:
            whose = text[owner.left_edge.idx:owner.right_edge.idx + len(owner.right_edge.text)]
            at = pronoun.idx - second.idx
            second_phrase = f"{second_phrase[:at]}{whose}{second_phrase[at + len(pronoun.text):]}"
        return [f"{before}{first_phrase}{after}", f"{before}{second_phrase}{after}"]
    return None


# The prepositions that ask a value *of* something ("the address *of* X", "the requirement *for* X").
_ASKED_OF = ("of", "for")
# The forms of "be" that agree with a plural subject, and their singular: a part asks of one conjunct
# ("What *are* the licence requirement and the address of X?" -> "What *is* the address of X?").
_PLURAL_BE = {"are": "is", "were": "was"}


def _coordinated_asks(text: str) -> list[str] | None:
    """The questions a coordinated asked noun phrase asks, one per conjunct ("What are the licence
    requirement *and* the address of X?" = the licence requirement of X, and the address of X;
    "Give the licence requirement and country of address for X"; "X: licence requirement and country
    of address?"; "What was the date of A and the date of B?"), each with the modifier the conjuncts
    share ("of X") unless the conjunct has its own ("the date *of B*"). None when the question has no
    such coordination (spaCy's parse, :func:`_asked_coordination`).

    The record answerer reads several fields asked in one wh-phrase ("What start date and alternate
    names does the list give for X?"), but a coordination outside a wh-phrase - the subject of "What
    are", an imperative's object, a bare noun phrase - reached it as one field: the first conjunct
    was answered and the others were dropped."""
    if (doc := _parse(text)) is None:
        return None  # no parse: the question asks one thing
    found = _asked_coordination(doc)
    if found is None:
        return None
    conjuncts, np_end = found
    # (Not before a lead-in's colon: the parser may hang the lead-in's name on the first conjunct.)
    colon = next((t.i for t in doc[:conjuncts[0].i] if t.text == ":"), -1)
    starts = [max(c.left_edge.i, colon + 1) for c in conjuncts]
    segments = []  # each conjunct's words and, before the last, its own modifiers ("the date of A")
    for i, c in enumerate(conjuncts[:-1]):
        end = starts[i + 1]
        while end > c.i + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
            end -= 1  # the "and" (or list comma) between two conjuncts
        segments.append(doc[starts[i]:end])
    last = conjuncts[-1]
    if any(t.tag_ == "PRP$" for t in doc[conjuncts[1].left_edge.i:np_end + 1]):
        # "Give X's aliases and the postal code of *its* address": a later conjunct's pronoun stands
        # for what an earlier one names - asked alone, it would stand for nothing.
        return None
    if all(_asked_of_its_own(seg, c) for seg, c in zip(segments, conjuncts)):
        # Every earlier conjunct is asked of something of its own ("the date of A and the date of B"):
        # so is the last one, and nothing is shared. (A modifier that locates the field - "the address
        # *on file* and the start date for X" - says where it is kept, not whose it is: X is shared.)
        own_end, shared = np_end + 1, ""
    else:
        own_end = _own_modifiers_end(doc, last.i + 1, np_end + 1)
        shared = doc[own_end:np_end + 1].text if own_end <= np_end else ""
        after = doc[np_end + 1] if np_end + 1 < len(doc) else None  # the parser may hang it elsewhere
        if (shared and doc[own_end].lower_ not in _ASKED_OF) or \
                (after is not None and after.pos_ == "ADP" and after.lower_ not in _ASKED_OF):
            # "the postal code and city *in* X's address", "licence review policy and postal code *in*
            # its screening entry": parts of one thing the phrase locates, which the record answerer
            # reads together (one address holds both) - not values asked of a party or a document.
            return None
    segments.append(doc[starts[-1]:own_end])
    # A determiner or possessor before the first conjunct serves them all ("*the* name and address",
    # "*Francis's* e-mail address and office"): each part asked alone keeps it.
    first = conjuncts[0]
    owner = next((c for c in first.children if c.dep_ in ("det", "poss") and c.i < first.i), None)
    det = doc[owner.left_edge.i:owner.right_edge.i + 1].text if owner is not None else None
    texts = [seg.text if i == 0 or det is None or any(t.dep_ in ("det", "poss") and t.head.i == c.i for t in seg)
             else f"{det} {seg.text}" for i, (seg, c) in enumerate(zip(segments, conjuncts))]
    prefix = text[:doc[starts[0]].idx]
    suffix = text[doc[np_end].idx + len(doc[np_end].text):]
    be = next((t for t in doc[:starts[0]] if t.pos_ == "AUX" and t.dep_ == "ROOT"), None)
    out = []
    for seg, c in zip(texts, conjuncts):
        head = prefix
        if be is not None and c.tag_ == "NN" and be.lower_ in _PLURAL_BE:
            # A singular conjunct asked alone takes a singular verb: "What *is* the address of X?".
            head = prefix[:be.idx] + _PLURAL_BE[be.lower_] + prefix[be.idx + len(be.text):]
        out.append(f"{head}{seg}{(' ' + shared) if shared else ''}{suffix}".strip())
    return out if len(out) > 1 else None


def coordinated_asks(question: str) -> list[str] | None:
    """The parts of ``question`` when it asks a coordinated noun phrase (:func:`_coordinated_asks`)
    and no other split applies (:func:`split_parts` is then exactly these parts); None otherwise."""
    text = question.strip()
    if _SECOND_ASK.search(text) or _distributed_modifiers(text):
        return None
    return _coordinated_asks(text)


def coordinated_labels(doc) -> list[list]:
    """The two label phrases of an asked "A and B" ("Give the *FR Doc number* and *page range* of X",
    "What *RIN* and *docket number* does X carry?"), each a list of tokens ending in a noun, by
    spaCy's tags only: between a determiner, wh-word or request verb and a preposition, verb or
    auxiliary, words that are neither (a name's own "and", "the Bureau of Industry and Security",
    has a preposition inside). Empty when there is no such phrase."""
    for cc in (t for t in doc if t.lower_ == "and"):
        start = cc.i
        # (A word tagged a verb but not a finite one or a request's: the tagger's "FR".)
        while start > 0 and doc[start - 1].pos_ in ("NOUN", "PROPN", "ADJ", "VERB") \
                and doc[start - 1].tag_ not in ("VB", "VBZ", "VBP", "VBD"):
            start -= 1
        end = cc.i + 1
        while end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ"):
            end += 1
        left, right = list(doc[start:cc.i]), list(doc[cc.i + 1:end])
        if not (1 <= len(left) <= 4 and 1 <= len(right) <= 4) or start == 0:
            continue
        before, after = doc[start - 1], doc[end] if end < len(doc) else None
        if not (before.pos_ == "DET" or before.tag_ in ("WDT", "WP", "VB")) or after is None \
                or after.pos_ not in ("ADP", "AUX", "VERB"):
            continue
        if left[-1].pos_ in ("NOUN", "PROPN") and right[-1].pos_ == "NOUN":
            return [left, right]
    return []


def conjunct_questions(question: str) -> list[str] | None:
    """The question once per side of its asked "A and B" (:func:`coordinated_labels`): "What RIN and
    docket number does X carry?" -> "What RIN does X carry?", "What docket number does X carry?".
    None when it has no such phrase. For a question whose whole answer abstained: each label may be
    found where the two together are not (``api``)."""
    doc = _parse(question)
    if doc is None or not (pieces := coordinated_labels(doc)):
        return None
    left, right = pieces
    start, end = left[0].idx, right[-1].idx + len(right[-1].text)
    out = []
    for side in (left, right):
        words = question[side[0].idx:side[-1].idx + len(side[-1].text)]
        # (A singular side asked alone takes a singular verb: "What *is* the docket number of X?")
        head = question[:start]
        if side[-1].tag_ in ("NN", "NNP"):
            head = re.sub(r"\b(are|were)\b", lambda m: _PLURAL_BE[m.group(1).lower()], head, count=1, flags=re.I)
        out.append(f"{head}{words}{question[end:]}")
    return out


def answers_every_part(answer: Answer, parts: list[str]) -> bool:
    """Does the answer to the whole question lead with a line per part (the record or table answerer
    read every conjunct: "HB case: 2031-009 / Officer: Pell.")? Then it stands, unsplit."""
    return not answer.abstained and len(_lead_line(answer).splitlines()) >= len(parts)


def _asked_of_its_own(segment, conjunct) -> bool:
    """Does a conjunct's own span (``segment``: its words up to the next conjunct) ask it *of* something
    - a modifier of an asking preposition ("the date *of A*", "the requirement *for X*") or a possessor
    ("*A's* date")? A modifier of another preposition ("the address *on file*", "the notice *in the
    Federal Register*") locates the field and leaves whose it is to the phrase the conjuncts share."""
    return any((t.dep_ == "prep" and t.lower_ in _ASKED_OF and t.head.i == conjunct.i) or
               (t.dep_ == "poss" and t.head.i == conjunct.i) for t in segment)


def _own_modifiers_end(doc, start: int, end: int) -> int:
    """Where the last conjunct's own modifiers end among the words after it (``doc[start:end]``): a
    prepositional phrase whose object is a bare common noun ("country *of address*") belongs to the
    conjunct - it names what the conjunct is, not what it is asked of; the first phrase that names a
    thing (a determiner, a possessive, a name or a number: "of Huawei Japan K.K.", "of the importer")
    and all after it are shared by the conjuncts."""
    i = start
    while i < end and doc[i].pos_ == "ADP" and doc[i].dep_ == "prep":
        obj = next((t for t in doc[i].children if t.dep_ == "pobj"), None)
        if obj is None or obj.i >= end:
            break
        phrase = doc[i:obj.i + 1]
        if obj.pos_ != "NOUN" or any(t.pos_ in ("DET", "PROPN", "NUM", "PRON") or t.dep_ == "poss" for t in phrase):
            break
        i = obj.i + 1
    return i


def _opens_request(doc, root, start: int) -> bool:
    """Does the imperative ``root`` open the question from token ``start`` on: nothing but punctuation
    before it, or a fronted phrase of its own ended by a comma ("*According to the list,* give the A
    and the B of X", "*For X,* give ...": a prepositional or adverbial modifier of the verb)?"""
    before = doc[start:root.i]
    if all(t.is_punct for t in before):
        return True
    if before[-1].text != ",":
        return False
    fronted = {t.i for c in root.children if c.dep_ in ("prep", "advcl", "advmod", "npadvmod") and c.i < root.i
               for t in c.subtree}
    return all(t.i in fronted or t.is_punct for t in before)


def _asked_coordination(doc) -> tuple[list, int] | None:
    """The conjuncts of the question's asked noun phrase, in order, and the index of the phrase's last
    word, when the asked phrase is a coordination of fields or values asked of something; else None.

    The asked phrase: the subject (or attribute) of a copula whose other side is a wh-pronoun ("What
    are *the A and the B of X*?"), the object of an imperative that opens the question ("Give *the A
    and B* for X"), or the noun phrase after a lead-in's colon with no verb ("X: *A and B*?"). A
    phrase asked by a wh-determiner ("What start date and alternate names ...") is the record
    answerer's (it reads every conjunct). Its conjuncts: the common nouns the parser conjoins to it by
    "and" - or, where the parser hung a second phrase with a determiner and a modifier of its own on the
    first one's object ("the date of PF 2019-33 and *the date of the interim rule*"), that phrase.

    Not split: names' own coordinations (proper nouns: "the Bureau of Industry and Security"), "or",
    "both A and B", "between A and B" (objects of a preposition, not the asked phrase), a list of
    parties (a conjunct that names a party or a person by its first WordNet sense, :mod:`agent.lexical`,
    unless it is asked of something of its own: "the *country* of address"), and a phrase asked of
    nothing (no modifier, possessive or lead-in names what the fields are of: "Which companies and
    universities were added?" asks for names)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    colon = next((t for t in doc if t.text == ":"), None)
    asked = None
    if root.pos_ == "AUX" and any(c.tag_ == "WP" and c.dep_ in ("attr", "nsubj") for c in root.children):
        asked = next((c for c in root.children if c.dep_ in ("nsubj", "attr") and c.pos_ == "NOUN"), None)
    elif root.pos_ == "VERB" and root.tag_ == "VB" and not any(c.dep_.startswith("nsubj") for c in root.children) \
            and _opens_request(doc, root, colon.i + 1 if colon is not None and colon.i < root.i else 0):
        asked = next((c for c in root.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    elif colon is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc[colon.i + 1:]):
        # (The phrase's head: hung on the lead-in, or the root of the question.)
        asked = next((t for t in doc[colon.i + 1:] if t.pos_ == "NOUN" and (t.head.i < colon.i or t.head.i == t.i)),
                     None)
    if asked is None or any(c.tag_ in ("WDT", "WP", "WP$") for c in asked.children):
        return None
    conjuncts = [asked] + [c for c in asked.conjuncts if c.i > asked.i]
    if len(conjuncts) == 1:
        # The parser's other attachment: "the date of A and the date of B", the second "date" a
        # conjunct of A (a name's words are proper nouns; a phrase with its own determiner and
        # modifier is another asked phrase).
        conjuncts += [t for t in asked.subtree if t.dep_ == "conj" and t.i > asked.i and t.pos_ == "NOUN"
                      and t.head.dep_ == "pobj" and t.head.head.head.i == asked.i
                      and any(c.dep_ == "det" for c in t.children) and any(c.dep_ == "prep" for c in t.children)]
    if len(conjuncts) < 2 or any(c.pos_ != "NOUN" for c in conjuncts):
        return None
    ccs = [t for t in doc[asked.i:conjuncts[-1].i] if t.dep_ == "cc"]
    if not ccs or any(t.lower_ != "and" for t in ccs) or \
            any(t.dep_ == "preconj" or t.lower_ == "both" for t in doc[:conjuncts[-1].i]):
        return None  # "or" asks one of them; "both A and B" asks of them together
    from ..lexical import names_a_party, noun_base

    # A party by the noun's first sense only (WordNet's most frequent): "date" is also a person one
    # goes out with. And not a noun asked of something of its own - by position, whatever the parser
    # hung the modifier on: "*country* of address" is a field, though a country is an organisation.
    if any(names_a_party(noun_base(c.lower_), senses=1) and not (c.i + 1 < len(doc) and doc[c.i + 1].dep_ == "prep")
           for c in conjuncts):
        return None  # a list of parties: the answer names them
    np_end = max(t.right_edge.i for t in conjuncts)
    while np_end > asked.i and doc[np_end].is_punct:
        np_end -= 1
    # (A dash between spaces: "PF 2019-33" is a name's.)
    if any(t.text in (":", ";", "(", ")") or (t.text in ("-", "–", "—", "--") and doc[t.i - 1].whitespace_)
           for t in doc[asked.i:np_end + 1]):
        # A dash, colon or bracket inside the phrase: a list introduced by another phrase ("the
        # screening record for X - its alternate name(s), the street address, ...") - the parser's
        # conjuncts are not the asked items (the record answerer reads such lists).
        return None
    # Asked of something: a modifier after the phrase or the verb's, a possessive, or a lead-in.
    holders = {c.i for c in conjuncts} | {root.i}
    of_something = (colon is not None and colon.i < asked.i) or any(c.dep_ == "poss" for c in asked.children) \
        or any(t.dep_ in ("prep", "dative") and t.pos_ == "ADP" and t.head.i in holders for t in doc[asked.i:])
    return (conjuncts, np_end) if of_something else None


def _lent_predicate(first: str, last: str) -> str | None:
    """The verbless first part with the last part's predicate ("Per Reuters, how many public security
    bureaus" + "how many companies *did the October 2019 blacklisting target*"): the last part's text
    after its own wh-phrase, when that text has a verb and the first part has none. None otherwise
    (spaCy's tags)."""
    head, tail = _parse(first), _parse(last)
    if head is None or tail is None:
        return None  # no parse: the parts as split
    # (A verb with no subject inside a wh-phrase is the tagger's slip: "how many *harbour* bureaus".)
    if any(t.pos_ == "AUX" or (t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
           for t in head) or not any(t.tag_ in ("WDT", "WP", "WRB") for t in head):
        return _shared_predicate(first, last)
    wh = next((t for t in tail if t.tag_ in ("WDT", "WP", "WRB")), None)
    if wh is None:
        return None
    noun = next((t for t in tail[wh.i + 1:] if t.pos_ in ("NOUN", "PROPN", "VERB", "AUX")), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        # The wh-word asks of the verb itself ("and when did it ..."): nothing to lend - unless the whole
        # question's parse says the parts share it (the tagger read the part alone otherwise).
        return _shared_predicate(first, last)
    predicate = last[noun.idx + len(noun.text):].strip(" ?")
    if not any(t.pos_ in ("VERB", "AUX") and t.idx > noun.idx for t in tail):
        return None
    return f"{first} {predicate}"


def _shared_predicate(first: str, last: str) -> str | None:
    """The first part with the predicate both parts share, read from the parse of the two together
    ("*Which Federal Register citations* and which start date *appear on the NetPosa entry*?": the
    first phrase is the subject of "appear"): when the first part has no verb of its own in that
    parse, a word of it hangs on a word of the last part (a subject or object of its verb), and the
    question's root verb is in the last part, the root's words from its first auxiliary on are lent.
    None otherwise (read alone, a fragment's tags are guesses: "Which Federal Register *citations*"
    as a verb)."""
    whole = _parse(f"{first} and {last}")
    if whole is None:
        return None
    end = len(first)
    own = [t for t in whole if t.idx < end]
    if not own or any(t.pos_ in ("VERB", "AUX") for t in own) or not any(t.tag_ in ("WDT", "WP", "WRB") for t in own):
        return None
    root = next((t for t in whole if t.dep_ == "ROOT"), None)
    if root is None or root.idx < end or root.pos_ not in ("VERB", "AUX"):
        return None
    if not any(t.head.idx >= end and t.head.i != t.i and t.dep_ not in ("cc", "conj", "punct") for t in own):
        return None
    start = min([root.idx] + [c.idx for c in root.children
                              if c.dep_ in ("aux", "auxpass", "neg") and c.idx > end])
    return f"{first} {whole.text[start:].strip(' ?')}"


def _asked_of_polar(first: str, part: str) -> str | None:
    """A verbless wh-part after a yes-no first part asks its wh-word of the first part's own
    proposition ("Is X on the list, and *since when*?" = "Since when is X on the list?"; "Was X
    added, and *by which notice*?" = "By which notice was X added?"): that question, which keeps
    the first part's predicate (what a record field is matched by), else None. From spaCy's parse:
    the first part opens with an auxiliary or verb ahead of its subject; the part has no verb."""
    head, fragment = _parse(first), _parse(part)
    if head is None or fragment is None:
        return None  # no parse: the part as the caller builds it
    opener = next((t for t in head if not t.is_punct), None)
    polar = opener is not None and opener.pos_ in ("AUX", "VERB") and opener.tag_ in ("VBZ", "VBP", "VBD", "MD") \
        and any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.i > opener.i for t in head)
    if not polar or any(t.pos_ in ("VERB", "AUX") for t in fragment):
        return None
    return f"{part[:1].upper()}{part[1:]} {first[:1].lower()}{first[1:]}?"


def _contrasting_subject(first: str, part: str) -> bool:
    """Is a later part about another thing of the kind the first part names - its subject a noun phrase
    with the head of one of the first part's noun phrases but another ordinal ("When was *the first
    interim rule* issued ..., and when did *the second interim rule* take effect?")? Then the
    first part's noun phrases name something else: carried along as the part's context, they took it
    back to the first rule's document (its date answered for the second's). From spaCy's parse."""
    head, fragment = _parse(first), _parse(part)
    if head is None or fragment is None:
        return False  # no parse: the context goes along
    subj = next((t for t in fragment if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                 and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)), None)
    if subj is None:
        return False
    from ..analysis import is_ordinal_modifier

    # (Another by its ordinal: "first" and "second" say which of several such things each part means.)
    # (Anywhere before the head: the parser may hang it on a compound, "the *second* harbour levy".)
    words = {t.lower_ for t in subj.subtree if t.i < subj.i and is_ordinal_modifier(t)}
    for chunk in head.noun_chunks:
        if chunk.root.lemma_.lower() != subj.lemma_.lower():
            continue
        theirs = {t.lower_ for t in chunk.root.subtree if t.i < chunk.root.i and is_ordinal_modifier(t)}
        if words and theirs and words != theirs:
            return True
    return False


def _names_its_own(part: str) -> bool:
    """Does a part name something itself - a proper noun, by spaCy's tags ("And what start date does
    the Entity List show for *Huawei Technologies Co., Ltd.*?")? Such a part, a sentence of its own,
    is about what it names, not about what the sentence before it was."""
    if (doc := _parse(part)) is None:
        return False  # without a parse, the first part's context stays
    return any(t.pos_ == "PROPN" for t in doc)


def _subject(clause: str) -> tuple[str, str] | None:
    """The first part's subject noun phrase when it is no pronoun and no wh-phrase ("BIS" of "How
    many entities did BIS add on July 22, 2020"), with the pronouns that may stand for it: "he",
    "she" for a person (spaCy's PERSON entity), "it" for a singular thing, "they" for a plural
    one. From spaCy's parse; None otherwise."""
    if (doc := _parse(clause, ner=True)) is None:
        return None  # no parse: pronouns stay
    # (The parser may make "how many entities" a subject too: that is what the part asks.)
    if (asked := _asked_subject(doc)) is not None:
        return asked  # "*Which Commerce Secretary* announced ..., and what did he say ...?"
    subj = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
                 and not any(w.tag_ in WH_TAGS for w in t.subtree)), None)
    if subj is None:
        return None
    span = doc[subj.left_edge.i:subj.right_edge.i + 1]
    from ..lexical import names_a_person, noun_base

    # A person by the recogniser or, for a common noun, by WordNet ("Hikvision's US *spokesman*": "it"
    # of a later part stands for something else).
    if any(e.label_ == "PERSON" for e in span.ents) or (
            subj.pos_ == "NOUN" and subj.tag_ == "NN" and names_a_person(noun_base(subj.lower_))):
        pronouns = "he she"
    else:
        pronouns = "they" if subj.tag_ in ("NNS", "NNPS") else "it"
    return span.text, pronouns


def _asked_subject(doc) -> tuple[str, str] | None:
    """The subject a first part asks for by a "which/what" determiner ("*Which Commerce Secretary*
    announced the Huawei listing, and what did *he* say ...?"), as the definite phrase a later
    pronoun stands for ("the Commerce Secretary": whoever the first part's answer names) and the
    pronouns that may stand for it, "he" and "she": a singular noun WordNet files under person. None
    when the subject is asked otherwise ("who", "how many entities") or is no person."""
    from ..lexical import names_a_person, noun_base

    subj = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                 and any(c.dep_ == "det" and c.tag_ == "WDT" and c.lower_ in ("which", "what") for c in t.children)),
                None)
    # Only a person: "he"/"she" can stand for nothing else the first part names, while "it" or
    # "they" may stand for its object ("Which agency issued the rule, and when did *it* take effect?").
    if subj is None or subj.tag_ in ("NNS", "NNPS") or not names_a_person(noun_base(subj.lower_)):
        return None
    words = [t.text for t in doc[subj.left_edge.i:subj.i + 1] if not (t.dep_ == "det" and t.head.i == subj.i)]
    return "the " + " ".join(words), "he she"


def _resolved(part: str, subject: tuple[str, str] | None) -> str:
    """``part`` with its subject pronoun ("did *it* revise") replaced by the first part's subject
    when the pronoun agrees with it (:func:`_subject`: "it" never stands for "Pompeo"): a pronoun
    leaves the part's retrieval and its abstention without the party it asks about."""
    if subject is None:
        return part
    if (doc := _parse(part)) is None:
        return part  # no parse: the part as written
    text, pronouns = subject
    pron = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in pronouns.split()), None)
    if pron is None:
        return part
    return part[:pron.idx] + text + part[pron.idx + len(pron.text):]


def _asked_referent(clause: str) -> str | None:
    """What a plural wh-phrase of ``clause`` asks about, as a definite noun phrase: "the entities" of
    "How many entities did the rule add", "the existing entries" of "how many existing entries",
    "the waivers" of "What waivers does FAR 4.2104 describe". None when the wh-word has no plural
    noun ("how many", "what") or there is no parse (spaCy's tags)."""
    if (doc := _parse(clause)) is None:
        return None  # no parse: no referent
    for noun in doc:
        if noun.tag_ not in ("NNS", "NNPS"):
            continue
        asking = [c for c in noun.children if c.dep_ in ("det", "amod") and c.i < noun.i
                  and any(t.tag_ in ("WDT", "WP", "WRB") for t in c.subtree)]
        if not asking:
            continue
        # Its own modifiers stay ("existing entries"); the wh-words and what they quantify go.
        kept = [t for t in doc[noun.left_edge.i:noun.i + 1]
                if not any(a.left_edge.i <= t.i <= a.right_edge.i for a in asking)]
        # A plural subject of the clause's own ("How many entries did *the rules* revise") may be what
        # "they" stands for just as well: no referent then.
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") and t.i != noun.i for t in doc):
            return None
        return "the " + " ".join(t.text for t in kept)
    return None


def _resolved_asked(part: str, first: str) -> str:
    """``part`` with its first plural pronoun ("they", "them") replaced by
    what the first part's plural wh-phrase asks about ("How many entities did the rule add, and under
    which destination are *they* listed?" - the entities): the pronoun stands for the first part's
    answer, and the part asked alone would retrieve and judge without it. (A pronoun the first
    part's subject stands for is :func:`_resolved`'s, done before.)"""
    if (doc := _parse(part)) is None:
        return part  # no parse: the part as written
    pron = next((t for t in doc if t.lower_ in ("they", "them") and t.pos_ == "PRON"), None)
    if pron is None or (referent := _asked_referent(first)) is None:
        return part
    return part[:pron.idx] + referent + part[pron.idx + len(pron.text):]


def _topic(clause: str) -> str:
    """What a question's clause is about, for the parts after it: its noun phrases (spaCy
    noun chunks) without the one that holds the wh-word (that is what the clause asks, not
    what the others are about) and without pronouns — "Which Federal Register notices are
    cited in the Yitu Technologies screening record" -> "the Yitu Technologies screening
    record". The whole clause when spaCy is unavailable or finds nothing."""
    from ..analysis import asking_clause

    # What a lead-in before the asking clause names is what the question is about, whole ("Harbin
    # Engineering University: which notice ...": the parser may fold it into the wh-phrase's chunk).
    # (After a colon, dash or semicolon only: a fronted phrase, "For a client note, what date ...", is
    # no name of what is asked about.)
    asking = asking_clause(clause)
    before = clause[:clause.rfind(asking)] if asking != clause and asking in clause else ""
    lead_in = before.strip(" :;-–—,") if re.search(r"[:;–—]\s*$|\s-+\s*$", before) else ""
    try:
        from .nlp import parse

        doc = parse(asking if lead_in else clause, disable=["ner", "lemmatizer"])
        # (Nor the bare noun a verb takes to make its predicate, "take *effect*", "take *place*": it
        # is what the first part asks of its subject, not what the others are about.)
        chunks = [c.text for c in doc.noun_chunks
                  if not any(t.tag_ in WH_TAGS for t in c) and c.root.pos_ != "PRON"
                  and not (len(c) == 1 and c.root.pos_ == "NOUN" and c.root.tag_ == "NN" and c.root.dep_ == "dobj")]
    except Exception:  # noqa: BLE001 - the whole clause is context enough
        chunks = []
    if lead_in:
        chunks = [lead_in] + chunks
    # Dates too, whole ("on July 22, 2020": the noun chunk is "July" alone): the second part asks
    # about the same event.
    from ..analysis import find_dates

    for m in find_dates(clause):
        date = m.group(0)
        chunks = [c for c in chunks if c not in date] + [date]
    # And the provisions it names ("Under *FAR 4.2104*, who can grant a waiver": the noun chunk is
    # "FAR" alone, and "a waiver" alone is any waiver).
    for m in _PROVISION.finditer(clause):
        cite = m.group(0)
        if not any(cite in c for c in chunks):
            chunks = [c for c in chunks if c not in cite] + [cite]
    return ", ".join(chunks) if chunks else clause


def _lead_line(answer: Answer) -> str:
    """The direct answer of a part's answer (its lines before the first blank line: one per field
    of a record asked for several), without the source attribution a quoted sentence carries."""
    lines = []
    for line in (answer.text or "").splitlines():
        if not line.strip():
            break
        m = re.match(r"^(“.*”) — .*?((?:\[\d+\])+)$", line)
        lines.append(f"{m.group(1)} {m.group(2)}" if m else line)
    return "\n".join(lines)


def _asked_of(part: str, parts: list[str]) -> str:
    """What a part asks, as shown to the reader: a later part without the context the first part
    lends it ("When do the fees apply: *who set them*?"), and without its question mark."""
    return (part.split(": ", 1)[-1] if part is not parts[0] else part).rstrip("?")


def combine(question: str, parts: list[str], answers: list[Answer], compose) -> Answer:
    """One answer from the parts' answers: a direct-answer line per part (its lead with its
    markers renumbered, or "The sources don't say: “<part>”"), then every quote once, in
    order. ``compose(lead, citations, marks)`` writes the text (the extractive answerer's
    layout). Abstained only when every part abstained."""
    citations: list[Citation] = []
    seen: dict[tuple[str, int, int], int] = {}
    lines: list[str] = []
    for part, ans in zip(parts, answers):
        if ans.abstained:
            lines.append(f"The sources don't say: “{_asked_of(part, parts)}”")
            continue
        renumber: dict[int, int] = {}
        for c in ans.citations:
            key = (c.doc_id, c.start, c.end)
            if key not in seen:
                seen[key] = len(citations) + 1
                citations.append(replace(c, n=seen[key]))
            renumber[c.n] = seen[key]
        line = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", _lead_line(ans))
        if line not in lines:  # two parts one quote answers whole ("in yuan and in dollars") say it once
            lines.append(line)
    if all(a.abstained for a in answers):
        first = answers[0]
        return replace(first, question=question, notice="; ".join(a.notice for a in answers if a.notice))
    text = compose("\n".join(lines), citations, [])
    # A part left unanswered is named with its reason (not "abstained:", which says the whole
    # answer was: the other parts are answered).
    notices = "; ".join(dict.fromkeys(
        (f"not answered: “{_asked_of(part, parts)}” - " + re.sub(r"^abstained:\s*", "", a.notice))
        if a.abstained else a.notice
        for part, a in zip(parts, answers) if a.notice))
    return Answer(text=text, abstained=False, citations=citations, question=question, backend="extractive",
                  notice=notices)
