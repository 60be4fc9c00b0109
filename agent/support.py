"""Claim support: does an answer sentence follow from the quotes it cites?

A verified quote proves the quote exists, not that the sentence citing it says
what the quote says. :class:`SupportChecker` accepts a sentence only when all of
these hold against its cited quotes (joined):

* **Numbers** — every number in the sentence (digits, "twenty-eight", "42
  billion", "15-month", percentages) occurs in the quotes with the same value.
* **Dates** — months, days and years are numbers/names above; ISO dates in the
  quotes ("2019-10-07") also count as their spelled-out parts.
* **Names and content words** — every content word of the sentence (proper
  nouns, nouns, verbs, adjectives, adverbs; spaCy POS, stop words excluded) is
  found in the quotes by lemma, by stem/shared prefix ("addition" ~ "adding"),
  by fuzzy match for names (rapidfuzz, spelling variants, "U.S." ~ "US") or as an
  acronym of the quotes' capitalised words ("BIS"). Verbs and adjectives need a
  lexical match: distributional similarity cannot tell "added" from "removed"
  (MiniLM scores them 0.53, higher than "added"/"placed"); nouns may also match
  a near-synonym by embedding similarity (``noun_similarity``).
  A verb may also paraphrase a quote verb of the same WordNet synset ("gets" for
  "receives", "complies with" for "abides by"), a more specific quote verb it is a WordNet
  hypernym of ("lived" for "resided"), or a quote noun/adjective WordNet derives from it
  ("sued" for "filed a lawsuit", "needed" for "necessary") — never a direction verb
  (:data:`DIRECTION_VERBS`) nor through a synset holding one; "fell 1.6%" stands for
  "were down 1.6%"; a verb reporting speech ("argued that ...") for the evidence's
  ("..., the company added"), "is required to" for "shall", "roughly $42 billion" for
  "about $42 billion" (the bound is compared, not the word). An adverb may be another lemma of
  a WordNet adverb synset of the evidence ("each year" for "annually"); a noun the quote verb's
  own first sense derives ("opposition" for "opposes"); the light verb of a WordNet idiom whose
  noun the quotes hold ("took effect" for "Effective Date:"). A figure may be a count or total of
  what a quote coordinates ("the two makers" for "Hikvision and Dahua").
* **Entries** — a quoted field line of an entry ("Addresses: ...") is about the entry its name
  lines name: the entry's name and alternate names are words of the evidence (not its other values).
* **Aliases** — "X, also known as Y" needs X and Y in one entry ("Entity:" / "Alternate
  names:" lines) of the cited records; names from two entries are dropped.
* **Roles of names** — a name the sentence binds to a noun ("the research company Hikvision")
  that the quotes bind to another name ("research company IPVM"), or makes the subject of a
  quoted verb whose subject in the quote's sentence is another name, is swapped, even when the
  name occurs in a neighbouring clause of the evidence (:func:`displaced_name`).
* **Roles of participants** — a word the sentence makes the subject/object of a verb that the
  quotes make another participant of that verb, or the same participant of another verb, is
  swapped ("The US government sued Huawei" for "Huawei sued the US government";
  :func:`swapped_role`).
* **Ranks** — an ordinal ("second-largest") is a value the evidence must give, and an unranked
  superlative ("the largest") is no claim where the quotes rank it ("the second-largest").
* **Slots of nouns** — a noun's prepositional argument ("the impact on US suppliers") where the quotes
  give the same noun and preposition another argument and hold the word elsewhere, and a noun modifier
  from outside the quotes ("visa restrictions") where the quotes modify the same head otherwise
  ("export restrictions"), are swapped (:func:`displaced_argument`, :func:`replaced_compound`).
  A relative pronoun's role is its noun's ("suppliers that depended on Huawei").
* **Force of a norm** — what the quotes require may not be left to a choice ("may include",
  "decide whether to include"; :func:`obligation_as_option`), nor stated as done.
* **Attribution** — "X said <clause>" / "according to X" needs X to speak the quotes
  (publisher, or the attribution clause of the quotation they lie in).
* **Attribution kept** — what the evidence gives only as someone's words (inside quotation
  marks introduced by a verb of communication, in the clause of a verb of communication —
  indirect speech, "X said that ...", "for what it says are ..." — under a verb of contested assertion — "denied",
  "calls itself", "describe as") may not be stated as fact: the sentence must keep a reporting verb, a directive
  ("urged China to end ..."), a self-description ("bills itself as ...") or "according to". The
  publisher's own official speaks in the source's voice and is exempt.
* **Certainty** — a claim the quotes hedge ("almost certain", "believed to be", "nearly
  30%") may not be stated as certain.
* **Order and quantity** — "before"/"after", "all"/"most"/"few"/"only", "last"/"next": stop words
  that carry a claim; the sentence's word needs one of its group in the evidence — or a deictic
  time word dating the same event ("announced the previous day" for "yesterday's announcement"),
  the first enumerator of the quote's item ("the initial report" for "(i) Within one business
  day ..."), an exception for a concession ("though" for "except"). "any" under a negation is no
  quantity.
* **Designators** — a provision's designator ("889(a)(1)(A)", "FAR 52.204-25", "paragraph (4)") is a
  name, not a figure: it may come from the quote's sentence. A quote's "this document" is named by
  the cited document's title ("the guide").
* **Polarity** — a negation in the sentence (spaCy ``neg`` dependency, "no",
  "never", "none", "without", "denied that ...", "unless", a prohibition or a negative
  implicative with its complement — "prohibited from providing", "failed to obtain", "yet to", a denial of a
  noun's state of affairs — "denied government control") must be on a predicate the quotes also
  negate (a light verb's negated object may be a noun WordNet derives from it: "had no link to" for "was not tied to"), and a predicate the quotes negate (also in an enumeration's lead-in) must not be
  asserted positively.
* **Anchored predicates** — a verb without counterpart is tolerated only with a complement the
  evidence holds: one whose every complement is also without counterpart ("because it supplied
  cameras to the police" for an entry's address) is a new proposition (:func:`unanchored_predicate`;
  not a restrictive modifier, "anyone asking for ...").
* **Paraphrase kinds (stop 24)** — a verb of cessation is "no longer" (a negation), one of resumption
  does again what ceased (:func:`phase_verbs`); "lets X do" is "X may do" (:func:`permission_verbs`);
  a direction verb that is the WordNet hypernym of a quote verb's first sense ("listed" for
  "blacklist", :func:`direction_hypernym`) or whose own first-sense noun the quotes use ("denied" for
  "denial"); a phrasal verb is one WordNet verb ("came out" for "was issued"); a verb sharing only a
  rare sense of a direction verb carries no direction ("reach", "earn"); a territory's people or its
  ISO 3166-2 code name the territory ("American" for "US", "ON, CA" for "Ontario"); an abbreviation of a
  name word ("Twr"); "no later than" is "on or before"; "most" is entailed by "all"; a designator of a
  first item ("(d)(2)(i)") names the first; a code the quote writes ("1A004.c") is its word. A sign's
  "indicates" ("an asterisk ... indicates that") is neither a hedge nor speech, nor is a statement a
  norm requires ("shall report") or "provided (that)".
* **Meaning** — the cosine similarity of sentence and quotes under the embedding
  model is at least ``min_similarity``.
* **No instructions** — the sentence itself is not text addressed to an
  assistant (:func:`agent.injection.detect`), e.g. an echoed injection.

Thresholds are fitted on one half of a labelled set and checked on the other
(:mod:`agent.claims_eval`).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator, Sequence

from .lexical import (adjective_synonyms, adverb_synonym_spans, is_noun, is_wordnet_word, names_a_sign,
                      noun_generalising, wordnet_verbs)
from .text import NEGATIVE_WORDS

log = logging.getLogger(__name__)

Embed = Callable[[list[str]], list[list[float]]]

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_NUMWORD = "|".join(list(_UNITS) + list(_TENS))
_SCALEWORD = "hundred|thousand|million|billion|trillion"
# A spelled number is a run of number and scale words ("one hundred ninety", "two thousand five
# hundred", "one hundred and ninety"), read as a whole: its parts are no figures of their own.
_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(hundred|thousand|million|billion|trillion|bn|m)\b)?"
    r"|\b((?:" + _NUMWORD + r")(?:[\s-]+(?:" + _NUMWORD + "|" + _SCALEWORD + r")|(?:"
    + "|".join(f"(?<={w})" for w in _SCALEWORD.split("|")) + r")\s+and\s+(?:" + _NUMWORD + r"))*)\b",
    re.IGNORECASE)
# A designator of a provision: a number with parenthesised sub-designators ("889(a)(1)(A)", "744.11(b)"),
# a section number with a hyphenated part ("52.204-25"; not a range of figures, "3.5-4"), or
# an enumerator in parentheses ("paragraph (4)", "item (2)": no quantity is written so).
_DESIGNATOR = re.compile(r"(?<![\w.])(?:\d+(?:\.\d+)*(?:\([A-Za-z0-9]{1,4}\))+|\d+\.\d{3,}-\d+(?!\.?\d)|\(\d{1,3}\)(?![\w%]))")
# A citation: volume, the abbreviated title of a code or journal, page or section ("85 FR 34497",
# "15 CFR 744", "50 U.S.C. 4801").
_CITATION = re.compile(r"(?<![\w.])\d+\s+(?:[A-Z][A-Za-z]*\.?\s?){1,4}\s?\d+")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


# Ordinal number words (a closed class, made from the cardinals above): "second", "third",
# "twelfth", "twentieth", "twenty-first". "first" is an order word (_ORDER_GROUPS: "first" ~ "initial").
_ORDINAL_IRREGULAR = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                      "nine": "ninth", "twelve": "twelfth"}


def _ordinal_word(cardinal: str) -> str:
    if cardinal in _ORDINAL_IRREGULAR:
        return _ORDINAL_IRREGULAR[cardinal]
    return cardinal[:-1] + "ieth" if cardinal.endswith("y") else cardinal + "th"


_ORDINALS = {_ordinal_word(w): v for w, v in list(_UNITS.items()) + list(_TENS.items()) if v}
_ORDINALS.update({f"{t}-{_ordinal_word(u)}": tv + uv for t, tv in _TENS.items() for u, uv in _UNITS.items()
                  if 0 < uv < 10})


def ordinals(text: str) -> set[int]:
    """Values of the spelled ordinal numbers in ``text`` ("second-largest" → {2}, "twenty-first" → {21})."""
    out: set[int] = set()
    for w in re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()):
        parts = w.split("-")
        pairs = ["-".join(parts[i:i + 2]) for i in range(len(parts) - 1)]
        hits = [p for p in pairs if p in _ORDINALS]  # "twenty-first" whole, not its "first"
        out |= {_ORDINALS[p] for p in hits} or {_ORDINALS[p] for p in parts if p in _ORDINALS}
    return out


def _rank_of(t) -> int:
    """The ordinal value that ranks the superlative ``t`` ("second" in "second-largest", "third
    biggest"), 1 for an unranked superlative ("the largest"), 0 when ``t`` is no superlative."""
    if t.tag_ != "JJS":
        return 0
    near = [c for c in t.children if c.dep_ in ("advmod", "amod", "npadvmod", "nummod")]
    doc = t.doc
    near += [doc[i] for i in range(max(0, t.i - 2), t.i) if doc[i].lower_ in _ORDINALS]
    for c in near:
        if c.lower_ in _ORDINALS:
            return _ORDINALS[c.lower_]
    return 1


def _spelled_value(phrase: str) -> tuple[float, str]:
    """The value of a spelled number ("twenty-eight" → 28, "one hundred ninety" → 190) as
    (value, scale): a phrase ending in one scale of a thousand or more ("five million") gives the
    value before it and that scale, as "5 million" does; otherwise the whole value and ""."""
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w and w != "and"]
    total = current = 0.0
    for w in words:
        if w in _UNITS or w in _TENS:
            current += _UNITS.get(w, 0) + _TENS.get(w, 0)
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current = 0.0
    scales = [w for w in words if w in _SCALES and w != "hundred"]
    if len(scales) == 1 and words[-1] == scales[0] and total and not current:
        return total / _SCALES[scales[0]], scales[0]
    return total + current, ""


def numbers(text: str) -> set[float]:
    """Numeric values in ``text``: "1,000" → 1000, "42 billion" → 4.2e10, "twenty-eight" → 28,
    "2019-10-07" → {2019, 10, 7}. Section numbers like "52.204-25" give their parts."""
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        if m.group(1):
            v = float(m.group(1).replace(",", ""))
            scale = (m.group(2) or "").lower()
        else:
            v, scale = _spelled_value(m.group(3))
        scale = {"bn": "billion", "m": "million"}.get(scale, scale)
        out.add(v)
        if scale:
            out.add(v * _SCALES[scale])
    return out


_MON = r"(" + "|".join(m.title() for m in _MONTHS) + r"|" + "|".join(m[:3].title() for m in _MONTHS) + r")\.?"
_DATE_PATTERNS = [
    (re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b"), ("m", "d", "y")),
    (re.compile(r"\b(\d{1,2})\s+" + _MON + r",?\s+(\d{4})\b"), ("d", "m", "y")),
    (re.compile(_MON + r",?\s+(\d{4})\b"), ("m", "y")),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("m", "d", "y")),
]


def dates(text: str) -> tuple[list[tuple[int, int, int]], str]:
    """Dates in ``text`` as ``(year, month, day)`` (0 = not given), and the text with
    them blanked out (so their parts are not checked again as bare numbers)."""
    found: list[tuple[int, int, int]] = []
    chars = list(text)
    for rx, order in _DATE_PATTERNS:
        for m in rx.finditer("".join(chars)):
            parts = dict(zip(order, m.groups()))
            mon = parts.get("m", "0")
            mo = int(mon) if mon.isdigit() else [x[:3] for x in _MONTHS].index(mon[:3].lower()) + 1
            found.append((int(parts["y"]), mo, int(parts.get("d", 0) or 0)))
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return found, "".join(chars)


def _date_supported(d: tuple[int, int, int], evidence: list[tuple[int, int, int]]) -> bool:
    return any(e[0] == d[0] and (not d[1] or e[1] == d[1]) and (not d[2] or e[2] == d[2]) for e in evidence)


def _iso_words(text: str) -> str:
    """ISO dates spelled out ("2019-10-07" → "October 7 2019") so their parts match words."""
    def spell(m: re.Match) -> str:
        mo = int(m.group(2))
        if not 1 <= mo <= 12:
            return m.group(0)
        return f"{m.group(0)} {_MONTHS[mo - 1].title()} {int(m.group(3)) if m.group(3) else ''} {m.group(1)}"
    return _ISO.sub(spell, text)




def _norm(word: str) -> str:
    return re.sub(r"[.’'`]", "", word.lower())


def _stem(word: str) -> str:
    from .text import stem

    return stem(word)


def _root(word: str) -> str:
    """The stem without a final silent "e", so that "trade" and "trading", "issue" and
    "issuing" meet (the stemmer strips "-ing" but keeps the "e" of the bare form)."""
    st = _stem(word)
    return st[:-1] if len(st) > 4 and st.endswith("e") else st


@dataclass
class Verdict:
    """Whether a sentence is supported by its quotes, and if not, why."""

    supported: bool
    reason: str = ""
    similarity: float = 0.0
    missing: list[str] = field(default_factory=list)
    rule: str = ""  # which rule failed ("number", "words", "polarity", ...); "" when supported
    # For the word rule: per word of ``missing``, the kind of refusal ("focus noun", "name",
    # "order/quantity", a :func:`_free_word` reason, ...).
    why: list[str] = field(default_factory=list)


# Verbs of definition and membership. Legal text defines terms ("X means– (1) ...; (2) ...",
# "X includes ...", "X consists of ...") and a faithful summary swaps one for another
# ("X includes Y" for item (1) of "X means–"); none of them reverses a claim, unlike
# lexical neighbours the meaning check cannot tell apart ("added"/"removed"). A closed
# grammatical class, not words taken from the labelled outputs.
DEFINITION_VERBS = frozenset({"mean", "include", "comprise", "consist", "contain", "constitute"})

# Symbols in the quotes and the words a paraphrase spells them with.
_SYMBOL_WORDS = {"$": ("dollar", "dollars", "usd"), "%": ("percent", "per", "cent", "percentage"),
                 "€": ("euro", "euros", "eur"), "£": ("pound", "pounds", "sterling", "gbp"),
                 "¥": ("yen", "yuan", "renminbi", "rmb"), "§": ("section", "sections")}

# Verbs that state the direction of a measure or a quantity (added/removed, imposed/lifted,
# granted/denied, rose/fell, ...) or deny implicitly (refuse, fail, prevent). A paraphrase may
# replace a verb by a WordNet synonym ("receives" for "gets", "released" for "issued"), but
# not one of these nor through a synset holding one: WordNet senses are many, and one
# direction verb can sit in two opposite ones ("lift" is both "raise" and "revoke";
# "sanction" is both "approve" and "penalise"). These still need a lexical match. A closed
# semantic class (the directions a trade measure or figure can take), not words taken
# from the labelled outputs.
DIRECTION_VERBS = frozenset({
    # listing and scope
    "add", "remove", "delete", "list", "delist", "designate", "include", "exclude", "exempt", "waive",
    # measures taken or taken back
    "impose", "lift", "levy", "revoke", "rescind", "repeal", "withdraw", "suspend", "reinstate", "renew",
    "terminate", "cancel", "annul", "reverse", "overturn", "expire", "extend", "shorten", "veto", "pass",
    "replace", "supersede", "supplant", "substitute",
    # permission
    "grant", "deny", "refuse", "reject", "decline", "approve", "disapprove", "sanction", "authorize",
    "authorise", "license", "allow", "permit", "let", "enable", "prohibit", "forbid", "ban", "bar", "block",
    "prevent", "restrict", "limit", "curb", "ease", "relax", "loosen", "tighten", "strengthen", "weaken",
    # quantities
    "raise", "lower", "increase", "decrease", "reduce", "cut", "hike", "boost", "rise", "fall", "drop",
    "climb", "gain", "lose", "jump", "surge", "soar", "plunge", "slide", "slip", "sink", "tumble", "rebound",
    "expand", "widen", "broaden", "narrow", "shrink", "grow",
    # phases and stances; implicit negation
    "start", "begin", "stop", "end", "cease", "halt", "resume", "pause", "open", "close", "enter", "exit",
    "leave", "join", "import", "export", "support", "oppose", "confirm", "accept", "admit", "fail", "miss",
    "lack", "help", "hurt", "harm", "benefit", "win", "defeat",
})

_NEG_WORDS = NEGATIVE_WORDS
# Demonstrative determiners (a closed class of English): "these restrictions" points at an antecedent.
_DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})


def _negated_predicates(doc, implicit: bool = True) -> tuple[set[str], set[str]]:
    """(lemmas of negated predicates, lemmas of every verb in a negation's scope) of a parsed text.
    ``implicit``: also the complements of prohibition, prevention and negative implicative verbs."""
    neg: set[str] = set()
    scope: set[str] = set()
    for t in doc:
        # "without X" negates its complement, not the clause's predicate ("bars ... without approval").
        if _numero(t):
            continue
        if t.dep_ == "neg" or (t.lower_ in _NEG_WORDS - {"without"} and t.dep_ in ("det", "advmod", "neg", "dobj", "nsubj", "prep",
                                                                       "cc", "preconj", "attr")):
            head = t.head
            # "no entities were added" / "without approval": the negation scopes over the clause's predicate
            while head.dep_ not in ("ROOT", "conj", "ccomp", "advcl", "relcl", "xcomp", "acl", "pcomp") and \
                    head.head is not head:
                head = head.head
            neg.add(head.lemma_.lower())
            if head.lemma_.lower() == "have" and t.dep_ == "det" and t.head.dep_ == "dobj" and t.head.head.i == head.i:
                # "had no link to the talks": the light verb's negated object is the predicate (a
                # noun a verb of the quotes may name: "link" for "was not tied to").
                neg.add(t.head.lemma_.lower())
            scope.update(x.lemma_.lower() for x in head.subtree if x.pos_ in ("VERB", "AUX"))
            # Parsers misattach negations in long legal clauses ("may not, without a licence, export"):
            # the words right after the cue are in its scope too.
            scope.update(x.lemma_.lower() for x in doc[t.i + 1:t.i + 9] if x.pos_ in ("VERB", "AUX"))
        elif implicit and _negated_complement(t):
            # "is prohibited from providing", "failed to obtain": the complement is negated.
            verbs = _negated_complement(t)
            neg.update(verbs)
            scope.update(verbs)
        elif t.lower_ == "unless" and t.dep_ == "mark":
            # "unless an exception applies": the clause's predicate is negated.
            neg.add(t.head.lemma_.lower())
            scope.update(x.lemma_.lower() for x in t.head.subtree if x.pos_ in ("VERB", "AUX"))
    return neg, scope


# Negative implicative verbs (Karttunen): "failed to obtain" entails "did not obtain", "refused
# to", "declined to", "neglected to", "refrained from". A closed lexical class of English.
_NEGATIVE_IMPLICATIVES = frozenset({"fail", "refuse", "decline", "neglect", "omit", "refrain", "avoid"})


def _negated_complement(t) -> set[str]:
    """Lemmas of the verbs ``t`` negates as a negative implicative or a verb of prohibition
    with a verb complement ("failed to obtain", "prohibited from providing"), or of the verb
    after "yet to" ("has yet to decide"); empty otherwise."""
    if t.lower_ == "yet" and t.i + 2 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
        return {t.doc[t.i + 2].lemma_.lower()} if t.doc[t.i + 2].pos_ in ("VERB", "AUX") else set()
    lem = t.lemma_.lower()
    if t.pos_ == "VERB" and lem in prevention_verbs(0) and lem not in prohibition_verbs():
        # "bars the firms from buying", "were blocked from procuring or obtaining": a verb of
        # prevention negates the gerund of its "from" phrase (and only that construction:
        # "blocked the deal" negates nothing). The construction selects the verb's sense of
        # prevention, which need not be a main one ("stop X from using", "keep X from buying").
        gerunds = [x for c in t.children if c.dep_ == "prep" and c.lower_ == "from"
                   for x in c.children if x.dep_ == "pcomp" and x.pos_ == "VERB"]
        return {y.lemma_.lower() for g in gerunds for y in [g, *g.conjuncts] if y.pos_ == "VERB"}
    if t.pos_ != "VERB" or not (lem in _NEGATIVE_IMPLICATIVES or lem in prohibition_verbs()):
        return set()
    comps = [c for c in t.children if c.dep_ in ("xcomp", "pcomp", "prep")]
    verbs = {x.lemma_.lower() for c in comps for x in c.subtree if x.pos_ == "VERB"}
    if lem in prohibition_verbs() and not verbs:
        verbs = {x.lemma_.lower() for x in t.subtree if x is not t and x.pos_ == "VERB"}
    return verbs


@lru_cache(maxsize=1)
def prohibition_verbs() -> frozenset[str]:
    """Verbs of prohibition, which negate their complement ("prohibited from providing" = "may
    not provide"): the members of WordNet's synsets of "prohibit" (forbid, proscribe, veto,
    disallow, ...)."""
    wn = wordnet_verbs()
    return frozenset(w for i in wn["lemmas"].get("prohibit", ()) for w in wn["synsets"][i] if " " not in w)


@lru_cache(maxsize=2)
def prevention_verbs(senses: int = 2) -> frozenset[str]:
    """Verbs of prevention ("bar", "block", "ban", "exclude"): members of WordNet's synsets of
    "prevent" and "prohibit", and verbs one of whose first ``senses`` senses (the two main ones by
    default; 0 = any) has such a synset as its direct hypernym. With "X from doing" they negate the
    doing (:func:`_negated_complement`)."""
    wn = wordnet_verbs()
    roots = {i for v in ("prevent", "prohibit") for i in wn["lemmas"].get(v, ())}
    out = {w for i in roots for w in wn["synsets"][i] if " " not in w}
    for lemma, ids in wn["lemmas"].items():
        if " " not in lemma and any(roots.intersection(wn["hypernyms"][i]) for i in (ids[:senses] if senses else ids)):
            out.add(lemma)
    return frozenset(out)


@lru_cache(maxsize=1)
def phase_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """Verbs of cessation and of resumption: the members of WordNet's first synsets of "cease"
    ("stop", "discontinue", "quit", ...) and of "resume" ("restart"). A phase verb says when a
    state of affairs holds: "has stopped the activities" is "is no longer engaged in the
    activities" (a negation of the activity now, after it held), and to "resume" them is to do again
    what has stopped."""
    wn = wordnet_verbs()

    def first(lemma: str) -> frozenset[str]:
        senses = wn["lemmas"].get(lemma, ())
        return frozenset(w for w in wn["synsets"][senses[0]] if " " not in w) if senses else frozenset()

    return first("cease"), first("resume")


@lru_cache(maxsize=1)
def permission_verbs() -> frozenset[str]:
    """Verbs of permission: the members of WordNet's first synset of "permit" (permit, allow, let)."""
    wn = wordnet_verbs()
    senses = wn["lemmas"].get("permit", ())
    return frozenset(w for w in wn["synsets"][senses[0]] if " " not in w) if senses else frozenset()


def _no_longer(doc) -> bool:
    """Does ``doc`` say that something has ceased: "no longer" / "not ... any longer"?"""
    return any(t.lower_ == "longer" and t.i > 0 and doc[t.i - 1].lower_ in ("no", "any") for t in doc)


def territory_codes(doc, longest: int = 3) -> dict[int, str]:
    """Token index -> the territory code (rigour's, via :func:`agent.territories.lookup_code`) of
    the run of 1-``longest`` capitalised words it lies in that names a territory or its people
    ("American", "United States", "U.S." -> "us"; "Chinese" -> "cn"). The longest run wins."""
    from .territories import lookup_code

    out: dict[int, str] = {}
    toks = list(doc)
    for n in range(longest, 0, -1):
        for i in range(len(toks) - n + 1):
            span = toks[i:i + n]
            if any(t.i in out for t in span) or not all(t.text[:1].isupper() for t in span):
                continue
            text = "".join(t.text_with_ws for t in span).strip()
            code = lookup_code(text, identifiers=n == 1 and (text.isupper() or "." in text))
            if code:
                out.update({t.i: code for t in span})
    return out


def _with_lead(quote: str, context: Sequence[str], words: int = 3) -> str:
    """``quote`` with up to ``words`` words that precede it in its context sentence."""
    for c in context:
        i = c.find(quote) if c else -1
        if i >= 0:  # (the first text holding it is its own sentence; one starting with it has no lead)
            # (not across a sentence end: "... answers to no court. That is why ..." - the negation
            # is the previous sentence's, not the quote's)
            lead = re.split(r"(?<=[a-z][.!?])[\"\u201d\u2019)]*\s+(?=[\"\u201c]?[A-Z])", c[:i])[-1].split()[-words:]
            return " ".join(lead + [quote])
    return quote


def _numero(t) -> bool:
    """``t`` is the abbreviation "No." of "number" ("Supplement No. 4", "No. 2019-05"), not a negation."""
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    after = t.nbor(2) if t.i + 2 < len(t.doc) else None
    if t.lower_ == "no." and nxt is not None and nxt.like_num or \
            t.lower_ == "no" and nxt is not None and nxt.text == "." and after is not None and after.like_num:
        return True  # "supplement no. 4": the period makes it the abbreviation, in either case
    prev = t.nbor(-1) if t.i > 0 else None
    if t.text == "No" and prev is not None and prev.text not in (".", "!", "?", ":", ";") and "\n" not in prev.text \
            and nxt is not None and nxt.text[:1].isdigit():
        # "Bldg. 3 No 911-11 Hulan Rd.": a capital "No" inside a line, before a figure ("No 5G
        # equipment ..." at a sentence's start is a negation)
        return True
    return t.lower_ in ("no", "no.") and t.text[:1] == "N" and (
        t.text.endswith(".") and nxt is not None and nxt.like_num
        or nxt is not None and nxt.text == "." and after is not None and after.like_num)


# Verbs that deny the clause they take ("Huawei has denied it is controlled by ..."): a
# negation cue for that clause, as "not" would be.
_DENIAL_VERBS = frozenset({"deny", "refute", "dispute"})


def _cues(doc, about: set[str] | None = None) -> int:
    """Negation cues in a parsed text ("not", "n't", "never", "no", "without", "denied that ...").
    ``about``: count a denial only when the lemma of the clause it denies is in this set
    (the sentence's words: a quote's denial of another clause is not about the sentence)."""
    def denial(t) -> bool:
        # "denied that it is controlled", "denied being controlled"; and a denial of what a noun names
        # ("denied government control"): the noun's state of affairs is denied, as a clause's is.
        return t.lemma_.lower() in _DENIAL_VERBS and any(
            (c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.pos_ == "NOUN"))
            and (about is None or c.lemma_.lower() in about
                 or (c.pos_ == "VERB" and derived_match(c.lemma_.lower(), about) is not None))
            for c in t.children)  # (the sentence may name the denied clause's verb by its noun)

    # Two "not"s on one predicate are coordinated auxiliaries ("cannot and will not tolerate"),
    # one negation of it, not a double negative.
    def predicate(t) -> int:
        # "cannot and will not tolerate": the bare auxiliary "can" shares the verb of its conjunct.
        h = t.head
        if h.pos_ == "AUX" and h.dep_ in ("aux", "auxpass"):
            h = h.head  # "not" on "can" of "can ... tolerate"
        elif h.pos_ == "AUX":
            h = next((c for c in h.children if c.dep_ == "conj" and c.pos_ == "VERB"), h)
        return h.i

    def implicit(t) -> bool:
        # "is prohibited from providing" is "may not provide", "failed to obtain" is "did not obtain";
        # "unless X applies" is "if X does not apply".
        if t.pos_ == "VERB" and t.lemma_.lower() in prohibition_verbs():  # also with a noun object
            return about is None or any(x.lemma_.lower() in about for x in t.subtree if x is not t)
        comp = _negated_complement(t)
        if comp:
            return about is None or bool(comp & about)
        if t.lower_ == "unless" and t.dep_ == "mark":
            return about is None or t.head.lemma_.lower() in about
        return False

    negs = {predicate(t) for t in doc if t.dep_ == "neg" and not _numero(t)}
    return len(negs) + sum(1 for t in doc if (t.dep_ != "neg" and t.lower_ in _NEG_WORDS - {"nor"} and not _numero(t))
                           or denial(t) or implicit(t))


# Hedges: words by which a text says a claim is less than certain. A sentence may not
# state as certain what its quotes hedge ("almost certain to draw" → "will certainly draw";
# "officials who are believed to be responsible" → "officials are responsible"). Closed
# classes: epistemic adverbs/adjectives, verbs of belief and estimate (passive or with a
# clause), and the modals of possibility.
_HEDGE_WORDS = frozenset({
    "almost", "nearly", "likely", "unlikely", "probably", "possibly", "potentially", "perhaps", "maybe",
    "reportedly", "allegedly", "apparently", "presumably", "seemingly", "supposedly", "purportedly",
    "approximately", "roughly", "possible", "potential", "alleged", "suspected", "probable", "apparent",
    "purported", "believe", "expect", "allege", "suspect", "estimate", "may", "might", "could", "would"})
# Hedges a sentence may use for a hedge of its quotes (not "unlikely": it reverses).
_SOFT_HEDGES = _HEDGE_WORDS - {"unlikely", "alleged", "allegedly", "suspected", "would"}
# Hedges only with a complement clause ("appears to be", "seems likely", "suggests that").
_HEDGE_WITH_CLAUSE = frozenset({"appear", "seem", "suggest", "indicate"})
# Reported speech: "X said the placement would not affect ..." backshifts "will" to "would";
# a sentence that keeps the attribution keeps the hedge.
_ATTRIBUTION = frozenset({"say", "state", "claim", "report", "tell", "announce", "note", "add", "argue",
                          "describe", "according", "assert", "insist", "maintain", "warn", "write"})
# Reporting verbs: "X said ..." is supported when X speaks the quotes.
# Only with a clause ("said the action was ..."): "BIS may add an entity" is not a report.
_REPORTING = frozenset({"say", "state", "announce", "declare", "note", "report", "write", "explain", "stress"})
_REPORTED_MODALS = frozenset({"would", "could"})
# Qualifiers of a figure: lower bounds, upper bounds, approximations.
_QUALIFIERS = [
    ("lower", r"more than|over|at least|above|in excess of|upwards of|exceeding|no less than|no fewer than"),
    ("upper", r"less than|fewer than|under|below|at most|up to|nearly|almost|just under|no more than|as many as|as much as|close to"),
    ("approx", r"about|around|approximately|roughly|some|circa|an estimated|estimated"),
]
_QUALIFIER_RX = [(k, re.compile(r"\b(?:" + rx + r")\s*(?:US|U\.S\.)?\s*[$€£¥]?\s*$", re.IGNORECASE))
                 for k, rx in _QUALIFIERS]


def qualified_numbers(text: str) -> dict[float, set[str]]:
    """Each figure of ``text`` and how it is qualified: "nearly 30%" → {30: {"upper"}},
    "more than 1 million" → {1: {"lower"}, 1e6: {"lower"}}; unqualified figures map to {}."""
    out: dict[float, set[str]] = {}
    cited = [c.span() for c in _CITATION.finditer(text)]
    for m in _NUMBER.finditer(text):
        before = text[max(0, m.start() - 30):m.start()]
        # "listed under 85 FR 34497": a citation's volume is an identifier, which nothing bounds
        # (the preposition says by what authority).
        kinds = set() if any(a <= m.start() < b for a, b in cited) else {k for k, rx in _QUALIFIER_RX if rx.search(before)}
        for v in numbers(m.group(0)):
            out.setdefault(v, set()).update(kinds)
    return out


def _sign_means(v) -> bool:
    """Is the verb ``v`` what a sign means - its subject a noun WordNet makes a kind of sign ("An
    asterisk (*) next to a rule indicates that an analysis has been prepared")? A sign neither
    hedges ("the data indicate that ...") nor speaks: what it indicates is the convention the
    source states in its own voice."""
    return any(c.dep_ == "nsubj" and c.pos_ == "NOUN" and names_a_sign(c.lemma_.lower()) for c in v.children)


def _conditional_participle(v) -> bool:
    """Is ``v`` a participle used as a conjunction of condition - "provided (that) ...", "providing
    ..." with a clause and no subject of its own ("in solicitations issued before the effective
    date, provided award of the resulting contract occurs on or after it")? It reports no speech."""
    return v.lemma_.lower() == "provide" and v.tag_ in ("VBN", "VBG") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in v.children)


def _hedges(doc) -> list[str]:
    """The hedges of a parsed text (not those qualifying a figure: see :func:`qualified_numbers`)."""
    out = []
    for t in doc:
        lem = t.lemma_.lower()
        if lem in _HEDGE_WORDS or t.lower_ in _HEDGE_WORDS:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if t.lower_ in ("almost", "nearly") and nxt is not None and (nxt.like_num or nxt.text in "$€£¥"):
                continue  # a figure's qualifier
            out.append(t.lower_)
        elif lem in _HEDGE_WITH_CLAUSE and any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr") for c in t.children):
            if _sign_means(t):
                continue  # "An asterisk next to a rule indicates that ...": a sign's meaning, no hedge
            out.append(t.lower_)
    return out


def _certainty(sdoc, sentence: str, qdoc, quotes_text: str) -> str:
    """Why the sentence is more certain than its quotes, or "" (see :data:`_HEDGE_WORDS`)."""
    q_hedges = _hedges(qdoc)
    if q_hedges:
        # ("lets X do" says what "X may do" says: a verb of permission with its complement)
        s_hedges = _hedges(sdoc) + [t.lower_ for t in sdoc if t.lemma_.lower() in ("can", "should") or (
            t.lemma_.lower() in permission_verbs() and any(c.dep_ in ("ccomp", "xcomp") for c in t.children))]
        attributed = any(t.lemma_.lower() in _ATTRIBUTION for t in sdoc)
        if not s_hedges and not (attributed and set(q_hedges) <= _REPORTED_MODALS):
            return f"the quotes hedge the claim ('{q_hedges[0]}'), the sentence does not"
    q_nums, s_nums = qualified_numbers(quotes_text), qualified_numbers(sentence)
    for v, s_kinds in s_nums.items():
        q_kinds = q_nums.get(v)
        if q_kinds is None:
            continue  # checked as a number
        if q_kinds and not s_kinds:
            return f"the quotes qualify {v:g} ({'/'.join(sorted(q_kinds))} bound), the sentence does not"
        bounds = s_kinds - {"approx"}
        if bounds and not bounds <= q_kinds:
            return f"the sentence bounds {v:g} ({'/'.join(sorted(bounds))}) where the quotes do not"
    return ""


# Order, time and quantity words: stop words that carry a claim's relation ("before"/"after",
# "all"/"few", "last"/"next"). Each maps to the words that say the same; a sentence's word needs
# one of them in the evidence. A closed grammatical class (prepositions of temporal order,
# quantifier determiners, ordinal and deictic time adjectives, concessive connectives), not words of the labelled
# outputs. Not "over"/"under"/"since": their other senses ("punishing Beijing over ...", "listed
# under the name", "on the list since <date>") are paraphrase, and a figure's bound is compared
# apart (:func:`qualified_numbers`).
_ORDER_GROUPS = [
    {"before", "prior", "earlier", "previously", "preceding"}, {"after", "following", "later", "subsequently"},
    {"all", "every", "each", "any", "entire"}, {"most", "majority"}, {"many", "numerous"}, {"few"},
    {"several"}, {"both"}, {"only", "sole", "solely", "alone"},
    {"first", "initial"}, {"last", "final", "latest", "previous"}, {"next", "coming", "upcoming"},
    {"former", "ex"}, {"latter"},
    # Concession ("made despite the objection of ..."): it sets the claim against a circumstance,
    # which the evidence must do too ("with the support of ..." does the opposite).
    {"despite", "notwithstanding", "though", "although", "albeit"},
]
_ORDER_GROUP = {w: frozenset(g) for g in _ORDER_GROUPS for w in g}
# Quantifiers on a scale (Horn): a stronger one entails the weaker ones - "all other items" face a
# presumption of denial, so "most other items" do. Not the other way ("all" is not said by "most").
_WEAKER_THAN = {"most": frozenset({"all", "every", "each", "entire"}), "majority": frozenset({"all", "every", "each"})}
# Comparatives of order and their opposites: "no later than" is "before", "no earlier than" "after".
_ORDER_OPPOSITE = {"later": "before", "earlier": "after"}
# A concessive conjunction may restate an exception the evidence makes ("are generally unavailable,
# though items ... may still go to ..." for "No ... are available ..., except ... for items ..."): the
# clause it introduces stands against the general claim as the excepted case does. One way only:
# "despite" does not introduce an exception, and "except" is not said by "though".
_EXCEPTION_MARKERS = frozenset({"except", "excepting", "save"})
_CONCESSIVE_CONJUNCTIONS = frozenset({"though", "although"})

# Deictic time words (a closed class) say an order in time relative to the text's own date:
# "yesterday" is the day before it, "tomorrow" the day after.
_DEICTIC_ORDER = {"yesterday": frozenset({"before", "previous", "earlier", "prior", "preceding"}),
                  "tomorrow": frozenset({"after", "next", "later", "following", "coming"})}

# Obligation: "shall"/"must" in a rule and "is required to"/"is obliged to" in a paraphrase say
# the same thing (a closed grammatical class; polarity is checked apart).
_DEONTIC_MODALS = frozenset({"shall", "must"})
_DEONTIC_VERBS = frozenset({"require", "oblige", "obligate"})
# "as long as", "so long as", "as soon as", "as far as": conjunctions whose middle word is tagged
# as an adverb.
_COMPLEX_SUBORDINATOR_HEADS = frozenset({"long", "soon", "far"})
_QUALIFIER_WORDS = frozenset(w for _, rx in _QUALIFIERS for w in rx.split("|") if " " not in w)
_QUALIFIER_PHRASES = tuple(tuple(w.split()) for _, rx in _QUALIFIERS for w in rx.split("|") if " " in w)


def _figure_qualifiers(doc) -> set[int]:
    """Token indices of single-word qualifiers of a figure ("roughly", "about", "nearly" before
    "$42 billion", "30%"): their bound is compared by :func:`_certainty`, not as words."""
    out: set[int] = set()
    for t in doc:
        if t.lower_ in _QUALIFIER_WORDS:
            nxt = [x for x in doc[t.i + 1:t.i + 4] if x.text not in "$€£¥" and x.lower_ not in ("us", "u.s.")]
            if nxt and nxt[0].like_num:
                out.add(t.i)
        for phrase in _QUALIFIER_PHRASES:  # "close to 30%", "more than 1 million"
            n = len(phrase)
            if [x.lower_ for x in doc[t.i:t.i + n]] == list(phrase):
                nxt = [x for x in doc[t.i + n:t.i + n + 3] if x.text not in "$€£¥" and x.lower_ not in ("us", "u.s.")]
                if nxt and nxt[0].like_num:
                    out.update(range(t.i, t.i + n))
    return out


# Alias claims: "X, also known as Y", "X (a.k.a. Y)", "X is also listed under the name Y".
_ALIAS_CLAIM = re.compile(
    r"\b(?:also\s+|otherwise\s+)?(?:known|listed|referred\s+to|called|named|written|spelled|spelt)\s+(?:as|under)\b"
    r"|\balso\s+(?:called|named|spelled|spelt)\b|\ba\.?k\.?a\.?(?!\w)|\baka\b|\balias(?:es)?\b"
    r"|\balternat(?:e|ive)\s+(?:names?|spellings?)\b|\bunder\s+the\s+(?:\w+\s+)?name\b|\bother\s+names?\b"
    r"|\b(?:go|goes|going|went)\s+by\b",
    re.IGNORECASE)
# The words of such a construction, which an entry's "Alternate names:" label stands for.
# Not "formerly": an alternate name is not a former one unless the entry says so.
_ALIAS_WORDS = frozenset({"also", "otherwise", "known", "listed", "referred", "called", "named", "written",
                          "spelled", "spelt", "name", "names", "aka", "a.k.a.", "a.k.a", "alias", "aliases",
                          "alternate", "alternative", "spelling", "spellings", "other", "go", "goes", "going",
                          "went"})
# "formerly known as": a claim about time that "Alternate names:" does not make.
_FORMER = re.compile(r"\b(?:formerly|previously|once|former|earlier|f\.?k\.?a\.?)(?!\w)", re.IGNORECASE)
_HEAD_LABELS = ("entity", "name")
_ALIAS_LABELS = ("alternate names", "alternative names", "aliases", "alias", "also known as", "aka", "a.k.a.",
                 "other names", "alternate name")
_FIELD_LINE = re.compile(r"^\s*([A-Z][\w/()'. -]{0,40}?):\s*(.*)$")
_COMPANY_TAIL = re.compile(r"(?:\s+(?:co|ltd|limited|inc|llc|plc|corp|sa|s a|the))+$")


# Negating prefixes: "unauthorized" is 91 % like "authorized" to a fuzzy matcher.
_NEG_PREFIXES = ("un", "non", "in", "im", "il", "ir", "dis")


def coordination_figures(doc) -> set[float]:
    """Figures a coordination of the parse states without writing them: how many conjuncts it
    has ("Hikvision and Dahua" are two makers; "Intel, Nvidia, ..., Seagate" five suppliers) and
    the total of the figures its conjuncts count ("20 bureaus and eight companies" are 28 in all).
    Read from spaCy's ``conj`` dependencies, so only what the quote itself coordinates counts."""
    out: set[float] = set()
    for t in doc:
        if t.dep_ == "conj":
            continue  # counted from the first conjunct
        members, frontier = [t], [t]
        while frontier:
            frontier = [c for x in frontier for c in x.children if c.dep_ == "conj"]
            members += frontier
        if len(members) < 2:
            continue
        out.add(float(len(members)))
        counts = [numbers(c.text) for m in members for c in m.children if c.dep_ == "nummod"]
        if len(counts) == len(members) and all(len(c) == 1 for c in counts):
            out.add(sum(next(iter(c)) for c in counts))
    return out


def abbreviates(short: str, word: str) -> bool:
    """Is ``short`` an abbreviation of the name word ``word``: a contraction (its first and last
    letters with some of those between, in order: "Twr" for "Tower", "Rd" for "Road") or a truncation
    (its beginning: "Ave" for "Avenue")? Two to four letters, shorter than the word, written as a
    capitalised word that is no English word. Not a string of capitals ("AI", "ON"): those are
    initialisms and codes, which name by other means (:meth:`SupportChecker._acronyms`,
    :func:`territory_codes`)."""
    a, w = short.lower(), word.lower()
    if not short.isalpha() or not 2 <= len(a) <= 4 or len(a) >= len(w) or a[0] != w[0]:
        return False
    if not short[:1].isupper() or short.isupper() or is_wordnet_word(short):
        return False
    if w.startswith(a):
        return True
    rest = iter(w[1:])
    return a[-1] == w[-1] and all(ch in rest for ch in a[1:])


def _written_in(token: str, text: str) -> bool:
    """Is the token of symbols ``token`` ("dibnet.dod.mil", "1A004.c") written as a whole in ``text``?"""
    return bool(re.search(r"(?<![\w.-])" + re.escape(token) + r"(?![\w-]|\.\w)", text, re.IGNORECASE))


def _negated_form(a: str, b: str) -> bool:
    """One word is the other with a negating prefix ("unauthorized"/"authorized", "non-US"/"US")."""
    short, long_ = sorted((a.replace("-", ""), b.replace("-", "")), key=len)
    return long_.endswith(short) and long_[: len(long_) - len(short)] in _NEG_PREFIXES


def _name_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _entry_names(record: str) -> list[tuple[str, str]]:
    """(normalised name, "head" | "alias") of an entry's name and alternate-name fields."""
    out: list[tuple[str, str]] = []
    for line in record.splitlines():
        m = _FIELD_LINE.match(line)
        if not m:
            continue
        label = m.group(1).strip().lower()
        kind = "head" if label in _HEAD_LABELS else "alias" if label in _ALIAS_LABELS else ""
        if not kind:
            continue
        parts = [m.group(2)] if kind == "head" else re.split(r";", m.group(2))
        for part in parts:
            key = _name_key(re.sub(r"^\s*and\s+", "", part))
            for k in {key, _COMPANY_TAIL.sub("", key)} | _acronym_forms(key):
                if len(k) >= 3:
                    out.append((k, kind))
    return out


def entry_name_lines(record: str) -> list[str]:
    """The values of an entry's name and alternate-name fields ("Entity: IFLYTEK" → "IFLYTEK"),
    as written."""
    out: list[str] = []
    for line in record.splitlines():
        m = _FIELD_LINE.match(line)
        if m and m.group(1).strip().lower() in _HEAD_LABELS + _ALIAS_LABELS and m.group(2).strip():
            out.append(m.group(2).strip())
    return out


_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in"})


def _acronym_forms(key: str) -> set[str]:
    """A normalised name with a tail of its words said by their initials, as names are shortened
    ("hotan prefecture public security bureau" → "hotan prefecture psb", "hpsb", ...; function words
    are skipped: "bureau of industry and security" → "bis"). Two initials at least."""
    words = key.split()
    out: set[str] = set()
    for k in range(2, len(words) + 1):
        initials = "".join(w[0] for w in words[-k:] if w not in _ACRONYM_SKIP)
        if len(initials) >= 2:
            out.add(" ".join(words[:-k] + [initials]))
    return out


def alias_check(sentence: str, records: Sequence[str]) -> str:
    """For a sentence that gives a name's alias: "ok" when every entry name it uses lies in
    one entry of ``records`` and one of them is that entry's alternate name; "mixed" when
    they come from different entries (an alias of one entry given to another); "former"
    when it calls the alias a former name and the entry does not; "" when the sentence
    gives no alias or the records do not bear on it."""
    if not records or not _ALIAS_CLAIM.search(sentence):
        return ""
    text = f" {_name_key(sentence)} "
    spans: dict[tuple[int, int], set[tuple[int, str]]] = {}
    for r, record in enumerate(records):
        for key, kind in _entry_names(record):
            for m in re.finditer(r"(?<= )" + re.escape(key) + r"(?= )", text):
                spans.setdefault((m.start(), m.end()), set()).add((r, kind))
    # A name inside a longer one ("Hikvision" in "Hangzhou Hikvision Digital ...") is that one.
    kept = {sp: v for sp, v in spans.items()
            if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans)}
    if len(kept) < 2:
        return ""
    common = set.intersection(*({r for r, _ in v} for v in kept.values()))
    if not common:
        return "mixed"
    if not any((r, "alias") in v for v in kept.values() for r in common):
        return ""
    if _FORMER.search(sentence) and not any(_FORMER.search(records[r]) for r in common):
        return "former"
    return "ok"


# A level said with a copula and a particle ("shares were down 1.6%") is the change of level
# a neutral verb says ("shares fell 1.6%"): a closed mapping, one direction each; verbs of
# degree ("plunged", "soared") are not in it.
_LEVEL_VERBS = {"down": frozenset({"fall", "drop", "decline", "slip", "dip", "decrease", "lose"}),
                "up": frozenset({"rise", "gain", "climb", "increase", "advance"})}


def _copular_levels(doc) -> set[str]:
    """"down"/"up" said of a subject by a copula in a parsed text ("were down 1.6%")."""
    return {t.lower_ for t in doc if t.lower_ in _LEVEL_VERBS and t.head.lemma_ == "be"
            and t.dep_ in ("advmod", "prep", "prt", "acomp")}




def _verb_levels(doc) -> set[str]:
    """"down"/"up" said by a verb of :data:`_LEVEL_VERBS` in a parsed text ("shares fell 12%")."""
    return {lv for t in doc if t.pos_ == "VERB" for lv, verbs in _LEVEL_VERBS.items() if t.lemma_.lower() in verbs}


def verb_antonyms(lemma: str) -> set[str]:
    """WordNet antonyms of ``lemma`` and of every verb that shares a synset with it
    ("keep" → "discontinue" through "continue")."""
    wn = wordnet_verbs()
    out = set(wn["antonyms"].get(lemma, ()))
    for i in wn["lemmas"].get(lemma, ()):
        for w in wn["synsets"][i]:
            out.update(wn["antonyms"].get(w, ()))
    return out


def _main_sense_antonyms(lemma: str) -> set[str]:
    """WordNet antonyms of the verbs of the two main senses of ``lemma`` ("get": acquire, become →
    "come"; not "give" or "lose", which oppose its rarer senses)."""
    wn = wordnet_verbs()
    out: set[str] = set()
    for i in wn["lemmas"].get(lemma, ())[:_MAIN_SENSES]:
        for w in wn["synsets"][i]:
            out.update(wn["antonyms"].get(w, ()))
    return out


def synonym_verb(lemma: str, candidates: set[str]) -> str | None:
    """A word of ``candidates`` (quote lemmas) that shares a WordNet verb synset with the
    verb ``lemma``, or None. Never for a direction verb (:data:`DIRECTION_VERBS`), through a
    synset that holds one, nor when ``candidates`` hold an antonym of ``lemma`` (the
    evidence speaks of both directions)."""
    if lemma in DIRECTION_VERBS:
        return None
    wn = wordnet_verbs()
    if verb_antonyms(lemma) & candidates:
        return None
    for i in wn["lemmas"].get(lemma, ()):
        mates = wn["synsets"][i]
        if DIRECTION_VERBS.intersection(mates):
            continue
        for w in mates:
            if w != lemma and w in candidates:
                return w
    return None


# Hypernyms and derivations are read from a verb's most frequent senses only (WordNet lists
# senses by tagged frequency): a rare sense ("come" as "total", "put" as "order") would let
# almost any verb stand for almost any noun.
_MAIN_SENSES = 2


def _clean_synsets(lemma: str, senses: int = _MAIN_SENSES) -> list[int]:
    """The first ``senses`` WordNet synsets of the verb ``lemma``, less those holding a
    direction verb; none at all when ``lemma`` is one (see :func:`synonym_verb`)."""
    if lemma in DIRECTION_VERBS:
        return []
    wn = wordnet_verbs()
    return [i for i in wn["lemmas"].get(lemma, ())[:senses] if not DIRECTION_VERBS.intersection(wn["synsets"][i])]


def hypernym_verb(lemma: str, candidates: set[str], depth: int = 2) -> str | None:
    """A verb of ``candidates`` (quote lemmas) whose WordNet sense has ``lemma`` as a
    hypernym within ``depth`` steps ("reside" → "live"): the quote says the more specific
    thing, which entails the sentence's more general verb. The same guards as
    :func:`synonym_verb` (no direction verb on either side or on the path, no antonym
    in the evidence)."""
    if lemma in DIRECTION_VERBS or verb_antonyms(lemma) & candidates:
        return None
    wn = wordnet_verbs()
    for cand in candidates:
        frontier = _clean_synsets(cand)
        for _ in range(depth):
            nxt = [h for i in frontier for h in wn["hypernyms"][i] if not DIRECTION_VERBS.intersection(wn["synsets"][h])]
            if any(lemma in wn["synsets"][h] for h in nxt):
                return cand
            frontier = nxt
    return None


@lru_cache(maxsize=1)
def _deriving_verbs() -> dict[str, frozenset[str]]:
    """Noun -> the verbs of which one of the two main senses WordNet derives it from ("blacklist" ->
    "blacklist", "removal" -> "remove")."""
    wn = wordnet_verbs()
    out: dict[str, set[str]] = {}
    for lemma, senses in wn["lemmas"].items():
        for i in senses[:_MAIN_SENSES]:
            for n in wn["derived"][i]:
                out.setdefault(n, set()).add(lemma)
    return {n: frozenset(v) for n, v in out.items()}


def direction_hypernym(lemma: str, verbs: set[str], nouns: set[str]) -> str | None:
    """A quote verb (of ``verbs``), or the verb of a quote noun (of ``nouns``: "blacklist"), of
    which the direction verb ``lemma`` is the direct WordNet hypernym in its first (most frequent)
    sense ("list" for "blacklist": to blacklist is to list), or None.

    A direction verb is never paraphrased by a synonym (a synset may hold both directions), but the
    more general verb of a kind of act is entailed by it and keeps its direction: to be put on a
    blacklist is to be listed. One step only, from the quote's word up, and not where the evidence
    holds an antonym of ``lemma`` (checked by the caller's word sets)."""
    wn = wordnet_verbs()
    deriving = _deriving_verbs()
    cands = set(verbs) | {v for n in nouns for v in deriving.get(n, ()) if v == n}
    for cand in sorted(cands):
        if cand == lemma:
            continue
        for i in wn["lemmas"].get(cand, ())[:1]:
            if any(lemma in wn["synsets"][h] for h in wn["hypernyms"][i]):
                return cand
    return None


def derived_match(verb: str, nominals: set[str]) -> str | None:
    """A word of ``nominals`` (nouns/adjectives) that WordNet derives from a sense of the
    verb ``verb`` ("sue" → "lawsuit", "try" → "effort", "need" → "necessary"), or None.
    Never for a direction verb nor through a synset holding one."""
    wn = wordnet_verbs()
    for i in _clean_synsets(verb):
        hit = nominals.intersection(wn["derived"][i])
        if hit:
            return sorted(hit)[0]
    return None


def own_nominal(verb: str, nominals: set[str]) -> str | None:
    """A word of ``nominals`` WordNet derives from the first sense of ``verb`` itself
    ("oppose" → "opposition", "remove" → "removal"): the same act named by a noun, so it keeps the
    verb's direction — unlike :func:`derived_match`, which reaches through other senses and
    synonyms and therefore never starts from a direction verb."""
    wn = wordnet_verbs()
    senses = wn["lemmas"].get(verb, ())
    if not senses or wn["synsets"][senses[0]][0] != verb:
        return None
    hit = nominals.intersection(wn["derived"][senses[0]])
    return sorted(hit)[0] if hit else None


def participle_verbs(tokens) -> set[str]:
    """The verbs whose participles the parse tags as adjectives ("was deeply disappointed" →
    "disappoint", "an increasing share" → "increase"), found as WordNet verb lemmas of the stripped form."""
    known = wordnet_verbs()["lemmas"]
    out: set[str] = set()
    for t in tokens:
        w = t.lower_
        if t.pos_ != "ADJ" or not t.is_alpha:
            continue
        if w.endswith("ed"):
            cands = [w[:-2], w[:-1], w[:-3]]
        elif w.endswith("ing"):
            cands = [w[:-3], w[:-3] + "e", w[:-4]]
        else:
            continue
        out |= {c for c in cands if len(c) >= 3 and c in known}
    return out


@lru_cache(maxsize=1)
def communication_verbs() -> frozenset[str]:
    """Verbs with a WordNet sense in verb.communication ("say", "add", "note", "call", "deny")."""
    return frozenset(wordnet_verbs()["communication"])


def _phrasal(doc) -> set[str]:
    """"abide by", "go by": each verb of a parsed text with the particle or preposition after it,
    the form WordNet gives phrasal verbs in."""
    return {f"{t.lemma_.lower()} {doc[t.i + 1].lower_}" for t in doc
            if t.pos_ == "VERB" and t.i + 1 < len(doc) and doc[t.i + 1].dep_ in ("prt", "prep")}


# Verbs by which a text reports a claim as someone's and not its own: "Huawei has denied it is
# controlled ...", "Hikvision calls itself the world's largest maker", "facilities that UN experts
# describe as detention centres", "SenseTime claims ...". Their complement is that party's claim.
# A closed class (non-factive verbs of contested assertion), not words of the labelled outputs.
_CONTESTED = frozenset({"deny", "claim", "allege", "call", "describe", "insist", "maintain", "contend",
                        "purport", "assert", "profess", "accuse"})


@lru_cache(maxsize=1)
def contested_nouns() -> frozenset[str]:
    """Nouns WordNet derives from the main senses of the verbs of contested assertion
    (:data:`_CONTESTED`): "claim", "allegation", "assertion", "accusation", "contention",
    "insistence", "denial", ... A clause they take ("Washington's claim that ...") is that party's."""
    wn = wordnet_verbs()
    return frozenset(d for v in _CONTESTED for i in wn["lemmas"].get(v, ())[:_MAIN_SENSES] for d in wn["derived"][i]
                     if " " not in d)
_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''", "„"})


def _reported(doc, own_voice: Callable[[list], bool]) -> set[int]:
    """Token indices of a parsed evidence sentence that the sentence gives as what someone
    said rather than as its own statement: words in quotation marks that a verb of
    communication outside them introduces ('"Punishing Hikvision ... will deter ...," the company
    added'), the clause of a verb of communication (indirect speech: "X said that ..."), and the
    complement of a verb of contested assertion (:data:`_CONTESTED`). Not when
    ``own_voice`` holds for the speaker (the publisher's own official quoted in its own release)."""
    comm = communication_verbs()
    out: set[int] = set()
    marks = [t.i for t in doc if t.text in _QUOTE_MARKS]
    spans = [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2)]
    for a, b in spans:
        inside = range(a + 1, b)
        # Speech is a clause; quotation marks around a term ("covered" telecommunications
        # companies, the definition of “covered telecommunications equipment”) mark a name.
        if not any(doc[i].pos_ in ("VERB", "AUX") and doc[i].dep_ not in ("amod", "compound") for i in inside):
            continue
        for v in doc:
            if a <= v.i <= b or v.pos_ != "VERB" or v.lemma_.lower() not in comm:
                continue
            if any(v in doc[i].ancestors for i in inside) or any(doc[i] in v.ancestors for i in inside):
                who = [x for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree]
                if not own_voice(who):
                    out.update(inside)
                break
    for t in doc:
        if t.pos_ != "VERB":
            continue
        who = [x for c in t.children if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree]
        if t.lemma_.lower() in _CONTESTED:
            if own_voice(who):
                continue
            # "accused the companies of helping ...": the charge is the accuser's claim.
            for c in t.children:
                if c.dep_ in ("ccomp", "xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ in ("as", "of")):
                    out.update(x.i for x in c.subtree)
        elif t.lemma_.lower() in comm and not own_voice(who) and not _obliged(t) and not _sign_means(t) \
                and not _conditional_participle(t):
            # (Not a verb of communication a norm requires: "the Contractor shall report to the
            # website ...", "to require offerors to represent whether they offer ...": the rule states
            # a duty to say something; no one has said it, and the clause is the rule's own words.)
            # Indirect speech: "SenseTime said ... that it abides by all relevant laws", "for what
            # it says are national security reasons". The clause is the speaker's claim as the
            # source reports it, not the source's own statement of fact.
            # A party announcing a measure it takes itself ("Commerce said it was adding 28
            # entities") records the measure: the clause's subject is the speaker (a pronoun or
            # the speaker's name) and its verb one of a measure (:data:`DIRECTION_VERBS`). A
            # measure reported of another party ("China said the US had added ...") stays a report.
            speaker = {_norm(x.text) for x in who if x.is_alpha and not x.is_stop}
            for c in t.children:
                if c.dep_ != "ccomp":
                    continue
                subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                own_measure = c.lemma_.lower() in DIRECTION_VERBS and bool(subj) and all(
                    x.tag_ == "PRP" or _norm(x.text) in speaker for x in subj)  # personal, not "which"
                if not own_measure:
                    out.update(x.i for x in c.subtree)
    for t in doc:
        # "according to the ministry, the tariffs violate WTO rules": the clause it modifies is
        # the ministry's claim.
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            who = [x for c in doc[t.i + 1].children if c.dep_ == "pobj" for x in c.subtree]
            head = t.head if t.head is not t else None
            if head is not None and not own_voice(who):
                skip = {x.i for x in t.subtree} | {x.i for x in doc[t.i + 1].subtree}
                out.update(x.i for x in head.subtree if x.i not in skip)
        # "Washington's claim that the companies helped ...", "allegations that ...".
        elif t.pos_ == "NOUN" and t.lemma_.lower() in contested_nouns():
            who = [x for c in t.children if c.dep_ == "poss" for x in c.subtree]
            if own_voice(who):
                continue
            for c in t.children:
                if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and any(
                        g.dep_ in ("mark", "nsubj", "nsubjpass") for g in c.children):
                    out.update(x.i for x in c.subtree)
    return out


def _has_clause(t) -> bool:
    """``t`` takes a clause (ccomp/parataxis): "said the action was ...", '"...," the company added'."""
    return any(c.dep_ in ("ccomp", "parataxis") for c in t.children)


# Reflexive pronouns (a closed class): "X calls itself ...", "bills itself as ...".
_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves", "myself", "yourself",
                         "yourselves"})


def _keeps_attribution(doc, stance: Callable[[str], bool] = lambda noun: False) -> bool:
    """The parsed sentence says who claims what it states: a verb of communication with a
    clause or predicate ("X said ...", "X calls itself ...", "X describes them as ..."),
    "according to X", or a speaker voicing a stance the evidence reports ("X voiced strong
    opposition" where X "opposes"; ``stance`` tells whether a noun names such a stance)."""
    comm = communication_verbs()
    for t in doc:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            return True
        # A clause ("said it ..."); a predicate only for a verb of contested assertion ("calls
        # itself ...", "describes them as ..."): "continue to provide" (a verb.communication sense
        # of "continue") with its xcomp reports nothing.
        if t.pos_ == "VERB" and t.lemma_.lower() in comm and any(
                c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in t.children) and any(
                c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as") for c in t.children):
            return True  # "bills itself as the largest maker": a self-description is its subject's claim
        if t.pos_ == "VERB" and t.lemma_.lower() in _DENIAL_VERBS and any(
                c.dep_ == "dobj" and c.pos_ == "NOUN" for c in t.children) and any(c.dep_ == "nsubj" for c in t.children):
            return True  # "Huawei denied government control": a denial reports its subject's stance
        if t.pos_ == "VERB" and t.lemma_.lower() in comm and any(
                c.dep_ in ("ccomp", "parataxis") or t.lemma_.lower() in _CONTESTED and (
                    c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as"))
                for c in t.children):
            return True
        # "The United States urged China to end ...", "called on China to end ...": a directive - a
        # verb whose main sense is one of communication, with an addressee (object, or the object of
        # its preposition) and an infinitive complement - reports what the speaker asked for.
        if t.pos_ == "VERB" and t.lemma_.lower() in wordnet_verbs()["communication_first"] and \
                t.lemma_.lower() not in DIRECTION_VERBS | DEFINITION_VERBS and \
                any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
                    for c in t.children) and \
                any(c.dep_ == "dobj" or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children))
                    for c in t.children) and any(c.dep_ == "nsubj" for c in t.children):
            return True
        # "A spokesman voiced the company's strong opposition": a verb whose main sense is one of
        # communication, with a speaker, and as its object the noun of a stance the evidence reports
        # ("opposes"): the sentence reports that stance as the speaker's.
        if t.pos_ == "VERB" and t.lemma_.lower() in wordnet_verbs()["communication_first"] and \
                t.lemma_.lower() not in DIRECTION_VERBS | DEFINITION_VERBS and any(
                    c.dep_ == "dobj" and c.pos_ == "NOUN" and stance(c.lemma_.lower()) for c in t.children) \
                and any(c.dep_ == "nsubj" for c in t.children):
            return True
    return False


# Dependencies by which a proper name is bound to a common noun: "company IPVM" (compound),
# "the company Hikvision" (appos), "Huawei's supplier" (poss).
_NAME_BINDINGS = frozenset({"compound", "appos", "nmod", "poss"})
_NAME_TAIL_WORDS = frozenset({"co", "ltd", "limited", "inc", "llc", "plc", "corp", "corporation", "company", "group",
                              "sa", "the"})


def _name_chain(t) -> list:
    """A proper name's words: the token and its proper-noun compounds ("Huawei Technologies Co Ltd")."""
    return [x for x in t.subtree if x.pos_ == "PROPN" and (x is t or x.dep_ == "compound")]


def bound_names(n, identity: bool = False) -> list[list]:
    """The proper names bound to the common noun ``n`` of a parse: its proper-noun
    compound/apposition/possessor children, and the name it is itself a compound or
    apposition of ("research company IPVM", "the company Hikvision", "IPVM, a company"), and the
    subject of a copula whose attribute it is ("Yixin is the speech recognition firm").
    ``identity``: only names that are the noun's referent (compound, apposition, copula), not a
    possessor ("Hikvision's partners")."""
    deps = ("compound", "appos") if identity else _NAME_BINDINGS  # identity: the name *is* the thing
    out = [_name_chain(c) for c in n.children if c.dep_ in deps and c.pos_ == "PROPN"]
    if n.dep_ in ("compound", "appos", "nmod") and n.head.pos_ == "PROPN":
        out.append(_name_chain(n.head))
    if n.dep_ == "attr" and n.head.lemma_ == "be":
        # "Yixin Science and Technology is the speech recognition firm": the copula binds them.
        out += [_name_chain(c) for c in n.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    return [c for c in out if c]


def _subject(v):
    """The subject of the verb ``v``: its nsubj/nsubjpass, the noun a relative clause modifies
    ("Hikvision, which ..., receives"), or a coordinated verb's subject; None if not found."""
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ not in ("WDT", "WP"):
            return subj
        if v.dep_ in ("relcl", "acl") or (subj is not None and v.dep_ == "relcl"):
            return v.head
        if v.dep_ == "conj" and v.head is not v:
            v = v.head
            continue
        return None
    return None


def displaced_name(sdoc, quote_docs: Sequence[tuple], same: Callable[[str, str], bool],
                   acronyms: frozenset[str] = frozenset()) -> str:
    """A proper name the sentence binds to a noun ("the research company Hikvision") that
    the quotes bind to another name ("research company IPVM"), or "". The name may be a
    word of the evidence around the quotes (a neighbouring sentence names Hikvision); the
    role it is given must be the one the quotes give it. A name the quotes themselves hold
    is not checked (a list may bind many names to one noun). ``quote_docs``: (parse of the
    sentence a quote lies in, start, end of the quote in it) — a quote parsed alone is a
    fragment, and its parse binds names wrongly. ``same``: whether two name words match;
    ``acronyms``: the quotes' acronyms ("BIS" for "Bureau of Industry and Security"), names
    the quotes hold too."""
    def words(chain) -> list[str]:
        return [_norm(x.text) for x in chain if _norm(x.text) not in _NAME_TAIL_WORDS]

    def modifiers(n) -> frozenset[str]:
        return frozenset(x.lemma_.lower() for x in n.children if x.dep_ == "compound" and x.pos_ == "NOUN")

    q_bound: dict[str, list[list[str]]] = {}
    q_specific: dict[tuple[str, frozenset[str]], list[list[str]]] = {}  # (noun, its noun compounds) -> names
    q_words: set[str] = set()
    for qd, a, b in quote_docs:
        inside = [t for t in qd if a <= t.idx < b]
        q_words.update(_norm(t.text) for t in inside)
        for n in inside:
            if n.pos_ == "NOUN":
                for chain in bound_names(n):
                    q_bound.setdefault(n.lemma_.lower(), []).append(words(chain))
                if modifiers(n):
                    for chain in bound_names(n, identity=True):
                        q_specific.setdefault((n.lemma_.lower(), modifiers(n)), []).append(words(chain))
    q_words.update(acronyms)
    # The subject of a verb: "Dahua receives nearly 30% ..." for a quote "receives nearly 30% ..."
    # whose sentence says "Hikvision, which like Dahua was blacklisted, receives ...".
    for t in sdoc:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        for subj in (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"):
            s_words = words(_name_chain(subj))
            if not s_words or any(same(w, q) for w in s_words for q in q_words):
                continue
            for qd, a, b in quote_docs:
                for v in qd:
                    if not (a <= v.idx < b) or v.lemma_.lower() != t.lemma_.lower():
                        continue
                    q_subj = _subject(v)
                    if q_subj is None or q_subj.pos_ != "PROPN":
                        continue  # a pronoun or a common noun: its referent is not known here
                    if not any(same(x, y) for x in s_words for y in words(_name_chain(q_subj))):
                        return " ".join(x.text for x in _name_chain(subj))
    for n in sdoc:
        if n.pos_ != "NOUN" or n.lemma_.lower() not in q_bound:
            continue
        for chain in bound_names(n):
            s_words = words(chain)
            if not s_words:
                continue
            if any(same(w, q) for w in s_words for q in q_words):
                # A name of the quotes given a noun the quotes give, with the same restricting words,
                # to another name ("the speech recognition firm" is iFlytek, not Yixin). A bare noun
                # ("companies") may stand for a list, of which the parse binds only the first name.
                named = q_specific.get((n.lemma_.lower(), modifiers(n)), [])
                if named and chain in bound_names(n, identity=True) and \
                        not any(same(a, b) for q in named for a in s_words for b in q):
                    return " ".join(x.text for x in chain)
                continue
            if not any(same(a, b) for q in q_bound[n.lemma_.lower()] for a in s_words for b in q):
                return " ".join(x.text for x in chain)
    return ""


# Penn tags of relative pronouns and determiners ("that", "which", "who", "whom"), a closed class.
_RELATIVE_TAGS = frozenset({"WDT", "WP"})


def _roles(v, wide: bool = False) -> dict[str, set[str]]:
    """The core participants of the verb ``v`` — "actor" (subject, or the agent of a passive),
    "patient" (object, or the subject of a passive) — each as the words (lower-case lemmas and
    forms) of its head noun phrase: the head, its compounds, possessor and conjuncts, not its
    prepositional modifiers (whose attachment parsers vary on). ``wide``: also a head's apposition
    ("giant Alibaba") and the noun a participle modifies ("Megvii, backed by ...": its patient) —
    for comparing an agent noun's participants, which are found only that way."""
    out: dict[str, set[str]] = {}
    bound = ("compound", "poss", "nmod", "appos") if wide else ("compound", "poss", "nmod")

    def add(role: str, head) -> None:
        for h in [head] + list(head.conjuncts):
            for x in [h] + [c for c in h.children if c.dep_ in bound]:
                if x.pos_ in ("NOUN", "PROPN") and not x.is_stop:
                    out.setdefault(role, set()).update({x.lemma_.lower(), _norm(x.text)})

    if wide and v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN"):
        add("patient", v.head)  # "Megvii, backed by Alibaba, ...": the participle's noun undergoes it
    for c in v.children:
        if v.dep_ == "relcl" and c.tag_ in _RELATIVE_TAGS and v.head.pos_ in ("NOUN", "PROPN") and \
                c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            # "suppliers that depended on Huawei": a relative pronoun stands for the noun its clause
            # modifies, which thereby fills the pronoun's role ("suppliers" depended, not Huawei).
            add("actor" if c.dep_ == "nsubj" else "patient", v.head)
            if v.head.dep_ == "appos":  # "Norvik, a company that is the largest ...": Norvik is too
                add("actor" if c.dep_ == "nsubj" else "patient", v.head.head)
        elif c.dep_ == "nsubj":
            add("actor", c)
        elif c.dep_ in ("nsubjpass", "dobj"):
            add("patient", c)
        elif c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    add("actor", g)
    return out


def _prep_objects(h, prep: str) -> set[str]:
    """The words (lemmas and forms) of ``h``'s phrase from each of its ``prep`` phrases on, whole:
    "restrictions on U.S. products exported to 28 entities" has "entities" in its argument (also
    where the parser hangs "exported ..." on "restrictions", not on "products")."""
    out: set[str] = set()
    for c in h.children:
        if c.dep_ == "prep" and c.lower_ == prep and any(g.dep_ == "pobj" for g in c.children):
            out |= {f for x in h.subtree if x.i > c.i and x.is_alpha for f in (x.lemma_.lower(), _norm(x.text))}
    return out


def displaced_argument(sdoc, quote_docs: Sequence) -> str:
    """A common noun the sentence makes the prepositional argument of a noun ("the impact on US
    suppliers") where the quotes give that noun's same preposition another argument ("the impact on
    the Chinese companies") and name the sentence's noun elsewhere ("... use Intel as suppliers"), or
    "". The argument fills a slot of its head, as a participant fills a verb's role: a word of the
    quotes moved into it from another clause says something the quotes do not. A more general word
    for the quotes' argument (a WordNet synonym or hypernym: "firms" for "companies") restates it."""
    from .lexical import noun_generalising

    q_tokens = [x for d in quote_docs for x in d]
    q_nouns = {x.lemma_.lower() for x in q_tokens if x.pos_ in ("NOUN", "PROPN")}
    for t in sdoc:
        if t.pos_ != "NOUN" or not t.is_alpha:
            continue  # ("30% of its revenue": a figure's unit, not a noun with arguments)
        for c in t.children:
            if c.dep_ != "prep":
                continue
            for o in c.children:
                lem = o.lemma_.lower()
                if o.dep_ != "pobj" or o.pos_ != "NOUN" or lem not in q_nouns:
                    continue  # (a word the quotes do not hold is judged by the word rules)
                theirs = [a for a in (_prep_objects(q, c.lower_) for q in q_tokens
                                      if q.pos_ == "NOUN" and q.lemma_.lower() == t.lemma_.lower()) if a]
                if theirs and not any(lem in a or _norm(o.text) in a or noun_generalising(lem, a) for a in theirs):
                    return o.text
    return ""


def agent_noun_verb(noun: str) -> str:
    """The verb an agent noun in -er/-or names the doer of ("backer" → "back", "supplier" →
    "supply", "investor" → "invest"), by English derivational morphology checked against WordNet's
    verbs; "" when it is none."""
    from .lexical import is_verb

    for suffix in ("er", "or"):
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            for cand in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else "",
                         stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else ""):
                if cand and is_verb(cand):
                    return cand
    return ""


def _nominal_roles(n) -> dict[str, set[str]]:
    """The participants of an agent noun's act, as :func:`_roles` gives a verb's: "X is a backer of
    Y" / "X is one of the backers of Y" make X the actor and Y the patient of "back"."""
    out: dict[str, set[str]] = {}

    def add(role: str, head) -> None:
        for h in [head] + list(head.conjuncts):
            for x in [h] + [c for c in h.children if c.dep_ in ("compound", "poss", "nmod", "appos")]:
                if x.pos_ in ("NOUN", "PROPN") and not x.is_stop:
                    out.setdefault(role, set()).update({x.lemma_.lower(), _norm(x.text)})

    for c in n.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    add("patient", g)
    pred = n
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.dep_ == "attr":
        pred = n.head.head  # "one of the backers"
    if pred.dep_ == "attr" and pred.head.lemma_ == "be":
        for c in pred.head.children:
            if c.dep_ == "nsubj":
                add("actor", c)
    return out


def swapped_role(sdoc, quote_docs: Sequence, paraphrased: dict[str, str]) -> str:
    """A name or noun the sentence gives a role of a verb that the quotes give to another
    participant: "The US government sued Huawei" for "Huawei sued the US government" (actor and
    patient swapped), "The US added SenseTime" for "The US added Megvii, while sparing
    SenseTime", "Dahua's shares rose" for "Hikvision's shares rose while Dahua's fell" (the word
    is a participant of another verb there). Only words that the quotes give some role are
    compared; "" when none is swapped. ``paraphrased``: sentence verb lemma → quote verb lemma."""
    verbs = [v for qd in quote_docs for v in qd if v.pos_ in ("VERB", "AUX")]
    narrow = [(v.lemma_.lower(), _roles(v)) for v in verbs]
    wide = [(v.lemma_.lower(), _roles(v, wide=True)) for v in verbs]
    for t in sdoc:
        if t.pos_ in ("VERB", "AUX"):
            lem = t.lemma_.lower()
            roles, q_verbs = _roles(t), narrow
        elif t.pos_ == "NOUN" and agent_noun_verb(t.lemma_.lower()):
            # "Megvii is one of the backers of Alibaba" for "Megvii, backed by Alibaba": the agent
            # noun's act and its participants, compared as the verb's would be.
            lem = agent_noun_verb(t.lemma_.lower())
            roles, q_verbs = _nominal_roles(t), wide
        else:
            continue
        same = {lem, paraphrased.get(lem, lem)}
        aligned = [r for q, r in q_verbs if q in same]
        if not aligned:
            continue
        others = [r for q, r in q_verbs if q not in same]
        for role, words in roles.items():
            # A word's forms go together: "services" is matched when its lemma "service" is.
            given = {_root(w) for w in words if any(w in r.get(role, ()) for r in aligned)}
            for w in words:
                if any(w in r.get(role, ()) for r in aligned) or _root(w) in given:
                    continue  # the quotes give it this role
                elsewhere = any(w in ws for r in aligned for k, ws in r.items() if k != role) \
                    or any(w in r.get(role, ()) for r in others)
                if elsewhere and all(r.get(role) for r in aligned):
                    return w
    return ""


# English adverbial particles of direction (a closed class): with a verb they make a phrasal
# verb whose direction is theirs ("keep ... out of", "take ... off", "put ... back").
# Not "in", "on", "into", "over": with an object they are mostly prepositions of place or topic
# ("appears in the column", "hired in January"); spaCy tags them "prt" when they are particles.
_DIRECTIONAL_PARTICLES = frozenset({"up", "down", "out", "off", "away", "back", "aside"})
# The opposite directions of particles and spatial prepositions (a closed class of English): "out"
# reverses "in"/"into", "off" reverses "on"/"onto", "down" "up", "away" "back".
_OPPOSITE_PATHS: dict[str, frozenset[str]] = {
    "out": frozenset({"in", "into", "inside"}), "in": frozenset({"out", "outside"}),
    "off": frozenset({"on", "onto"}), "on": frozenset({"off"}), "up": frozenset({"down"}),
    "down": frozenset({"up"}), "away": frozenset({"back", "to", "toward", "towards"}), "back": frozenset({"away"}),
    "aside": frozenset({"in", "into"})}


def _opposite_path_in(particle: str, q_words: Sequence) -> bool:
    """Does a verb of the evidence take a path opposite to ``particle`` (a particle or preposition
    attached to a verb: "insert ... in all subcontracts" against "keep ... out")?"""
    opposite = _OPPOSITE_PATHS.get(particle, frozenset())
    doc = q_words[0].doc if q_words else ()  # (the evidence words are tokens of one parse)
    return any(x.lower_ in opposite and x.dep_ in ("prt", "prep", "advmod") and x.head.pos_ == "VERB" for x in doc)


def _imperative(doc) -> bool:
    """The parsed sentence is in the imperative mood: its main verb is a bare base form
    (tag VB) with no subject and no auxiliary, first in the sentence or after "please"
    ("Insert the following clause ...", "Please cite FAC 2019-05 ...")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VB" or root.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in root.children):
        return False
    before = [t for t in doc[:root.i] if not t.is_punct]
    return all(t.lower_ in ("please", "kindly") for t in before)


def _free_word(t, q_lemmas: set[str], q_verb_lemmas: set[str], q_words: Sequence) -> str:
    """Why the sentence's verb or adjective ``t`` may not stand without a counterpart ("" when it may).

    Whether the sentence's verb or adjective ``t``, which has no counterpart in the evidence,
    may stand there anyway: a paraphrase ("covers" for "targets", "took effect" for "with
    immediate effect", "relevant activities" for "the activities described in ...") that cannot
    change what the sentence claims, because the word is none of the kinds that can:

    * a name (capitalised inside the sentence), a number, or not an English word WordNet knows;
    * a verb of direction (:data:`DIRECTION_VERBS`, also in its two main WordNet senses),
      negation (negative implicatives, prohibition), certainty (hedges), obligation, definition,
      contested assertion or denial — each is checked by its own rule and needs its counterpart;
    * a word with a WordNet antonym / opposite cluster in the evidence ("foreign" where the
      quotes say "domestic", "dismissed" where they say "hired"), or a negated form of an
      evidence word ("unlawful");
    * a word that judges (most of VADER's raters gave it one sign: "welcomed", "praised",
      "pleased") — its opposite is as close to it as its synonyms for an embedding;
    * a comparative or superlative adjective (a rank: "biggest" needs "largest");
    * the act a rule obliges (a verb under "must"/"shall" or the complement of "require"), unless
      it gives a quote verb's path; an adverb heading a prepositional phrase ("regardless of");
    * a verb whose main sense is one of communication where the evidence reports no speech (it
      would add an attribution).

    The sentence's names, numbers, dates, nouns, polarity, certainty, attribution, participant
    roles and overall meaning are still checked by the other rules."""
    from .lexical import adjective_opposites, is_adjective, judges

    lem = t.lemma_.lower()
    w = _norm(t.text)
    if (t.text[:1].isupper() and not t.is_sent_start) or t.like_num or not t.is_alpha:
        return 'name/number/symbol'
    if judges(t.text, lem) or _negated_form_of_any(w, q_words):
        return 'judgement or negated form'
    if lem in _HEDGE_WORDS or lem in _ORDER_GROUP or lem in _QUALIFIER_WORDS:
        return 'hedge/order/qualifier'
    if lem in _HEDGE_WITH_CLAUSE and any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr") for c in t.children):
        return 'hedge'  # "appears to be": a hedge; "appears on the Entity List": a place
    if t.pos_ == "VERB":
        wn = wordnet_verbs()
        senses = wn["lemmas"].get(lem, ())
        # (A definition verb with an infinitive is no definition: "was meant to stop ..." intends.)
        intends = lem in DEFINITION_VERBS and any(c.dep_ == "xcomp" and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in t.children)
        if not senses or lem in DIRECTION_VERBS | _NEGATIVE_IMPLICATIVES | _DEONTIC_VERBS | \
                (DEFINITION_VERBS if not intends else frozenset()) | _CONTESTED | _DENIAL_VERBS | prohibition_verbs():
            return 'closed class'
        # A main sense of the word that is a main sense of a direction verb ("scrap" with "cancel"):
        # the word says that direction. Not a synset that is a rare sense of the direction verb
        # ("reach, make, attain, ..., gain" is "gain" as arriving, not as growing; "record, enter, put
        # down" is not "enter" as going in): there the word carries no direction.
        if any(i in wn["lemmas"].get(d, ())[:_MAIN_SENSES] for i in senses[:_MAIN_SENSES]
               for d in DIRECTION_VERBS.intersection(wn["synsets"][i])):
            return 'direction sense'
        if any(c.dep_ == "aux" and c.lower_ in _DEONTIC_MODALS for c in t.children) or (
                t.dep_ == "xcomp" and t.head.lemma_.lower() in _DEONTIC_VERBS):
            # "offerors must conceal ..." for "require offerors to represent ...": the act a rule
            # obliges is what the claim is about; a verb there needs its counterpart.
            return 'obliged act'
        if any((c.dep_ == "prt" or c.lower_ in _DIRECTIONAL_PARTICLES) and c.lower_ not in q_lemmas
               and _opposite_path_in(c.lower_, q_words) for c in t.children):
            # "keep ... out of all subcontracts" where the quotes "insert ... in all subcontracts": a
            # phrasal verb's direction is in its particle, and it reverses the quotes' where they give a
            # verb the opposite direction. Where they give none, the particle is part of a paraphrase
            # ("singled out" for "cited", "carved out" for "does not apply to", "follow up").
            return 'directional particle'
        ants = verb_antonyms(lem)
        if ants & q_lemmas or any(lem in verb_antonyms(q) for q in q_verb_lemmas):
            return 'antonym in evidence'
        # The quotes use a synonym or a kind of its antonym — one that is not as near to the word
        # itself: "move" is in the neighbourhood of both "come" and its antonym "go", and says neither.
        # Only the antonyms of its two main senses: "get" (acquire; become) is not "give" here.
        main_ants = _main_sense_antonyms(lem)
        if main_ants and (_neighbourhood(main_ants, hypernyms=False) & _neighbourhood(q_verb_lemmas)) - _neighbourhood({lem}):
            return 'antonym neighbourhood in evidence' 
        if lem in wordnet_verbs()["communication_first"] and not (q_verb_lemmas & communication_verbs()) and \
                (_has_clause(t) or any(c.dep_ == "xcomp" for c in t.children)):
            # A verb reports speech only with what is said, a clause: "filed under Docket No. ...",
            # "face the restrictions" (verbs whose first WordNet sense is communication) add no speaker.
            return 'communication verb'
        return ""
    if t.pos_ == "ADJ":
        if t.tag_ in ("JJR", "JJS") or not is_adjective(lem):
            return 'comparative/not adjective'
        return "adjective opposite in evidence" if (adjective_opposites(lem) | adjective_opposites(w)) & q_lemmas else ""
    if t.pos_ == "ADV":
        # An adverb of manner, place or time ("increasingly condemned", "found online", "generally
        # unavailable") adds a circumstance; negation, hedges, order and quantity words and figure
        # qualifiers are refused above or checked by their own rules. Not a comparative or superlative
        # (a rank), nor one whose adjective has an opposite in the evidence ("sharply" where it says "slight").
        if t.tag_ in ("RBR", "RBS") or t.lower_ in _NEG_WORDS | {"not", "n't", "longer", "more", "less"}:
            return "comparative or negation adverb"
        if any(c.dep_ == "prep" for c in t.children):
            # "regardless of when ...", "instead of X", "independently of Y": an adverb heading a
            # prepositional phrase relates the claim to another state of affairs (a condition waived,
            # a substitute); it is no circumstance of manner, place or time and needs its counterpart.
            return "relational adverb"
        base = lem[:-2] if lem.endswith("ly") else lem
        if (adjective_opposites(base) | adjective_opposites(lem)) & q_lemmas:
            return "adverb opposite in evidence"
        if any(x.like_num for x in t.head.subtree) and t.head.pos_ in ("NUM", "ADP"):
            return "figure qualifier"
        return ""
    return 'other POS'


def _light_verb_of_idiom(t, q_words: Sequence, q_lemmas: set[str]):
    """The object of the sentence verb ``t`` when ``t`` is the light verb of a WordNet multi-word verb made with its object
    ("take effect", "take place", "take part") whose noun the quotes hold, where the quotes do not make
    that noun an argument of a verb of their own? The idiom then says what the quotes' noun says
    ("took effect on December 13" for "Effective Date: December 13"), else None. The noun is matched
    here (lemma or derivation), not as the focus of the claim: the idiom is the predicate. Not where the quotes have the noun in a clause of its own ("lost control" does not back
    "took control"), nor for a direction idiom or one whose antonym the quotes use."""
    wn = wordnet_verbs()
    lem = t.lemma_.lower()
    for n in t.children:
        if n.dep_ != "dobj" or n.pos_ != "NOUN" or any(c.dep_ in ("det", "poss", "amod", "compound") for c in n.children):
            continue
        idiom = f"{lem} {n.lemma_.lower()}"
        if idiom not in wn["lemmas"] or idiom in DIRECTION_VERBS or verb_antonyms(idiom) & q_lemmas:
            continue
        stem = _norm(n.text)[:5]
        same = [x for x in q_words if x.lemma_.lower() == n.lemma_.lower()
                or (len(stem) >= 5 and _norm(x.text)[:5] == stem)]
        if same and not any(x.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and x.head.pos_ in ("VERB", "AUX", "ADP")
                            for x in same):
            return n
    return None


_COMPLEMENT_DEPS = frozenset({"dobj", "attr", "oprd", "dative"})


def unanchored_predicate(sdoc, loose: set[int]) -> str:
    """The verb of a predicate the sentence adds to what its quotes say, or "".

    A verb without a counterpart in the evidence is tolerated as a paraphrase ("covers" for
    "targets") because its complements tie it to what the quotes say: the nouns it takes are theirs
    ("covers 20 bureaus"). A verb whose every complement noun (object, attribute, the object of
    its prepositions) is itself without a counterpart ("because it supplied cameras to the police"
    for an entry that only gives an address) is a new proposition, not a rewording of one: each
    word passes alone, but nothing of the predicate is in the evidence. ``loose``: indices of the
    sentence's tokens accepted without a counterpart. The subject is not counted: an anchored
    subject ("Dahua supplied cameras ...") does not make a new predicate supported. Pronouns,
    names and numbers are no loose words, so a complement that is one anchors the verb.

    Not a restrictive modifier of a noun ("anyone asking for more information is told to cite
    ..."): a participle or relative clause that picks out the referent says who is spoken of, not
    what is claimed of them; a non-restrictive one, set off by a comma (", which supplied ..."),
    asserts and counts."""
    for v in sdoc:
        if v.i not in loose or v.pos_ != "VERB":
            continue
        if v.dep_ in ("acl", "relcl") and not any(x.is_punct and x.text == "," for x in sdoc[v.head.i + 1:v.left_edge.i]):
            continue
        comps = [c for c in v.children if c.dep_ in _COMPLEMENT_DEPS]
        comps += [g for c in v.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
        comps = [c for c in comps if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
        if comps and all(c.i in loose for c in comps):
            return v.text
    return ""


def _arguments(v) -> set[str]:
    """Lemmas of the nouns that are participants of the verb ``v`` in its parse: subject, object,
    the objects of its prepositions and agent, and the noun a participial/relative clause modifies
    ("entities added to the list")."""
    heads = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd")]
    heads += [g for c in v.children if c.dep_ in ("prep", "agent") for g in c.children if g.dep_ == "pobj"]
    if v.dep_ in ("acl", "relcl"):
        heads.append(v.head)
    return {h.lemma_.lower() for h in heads if h.pos_ in ("NOUN", "PROPN") and not h.is_stop}


# Prepositions of a path (a closed class): where a moved thing ends up, or where it leaves.
_GOAL_PREPS = frozenset({"to", "on", "onto", "in", "into"})
_SOURCE_PREPS = frozenset({"from", "off", "out"})


def _paths(v, loose: bool = False) -> dict[str, str]:
    """The nouns the verb ``v`` takes as a path ("to the Entity List" → {"list": "goal"},
    "from the list" → {"list": "source"}), by its prepositions and particles. A time ("in April")
    is no path. ``loose`` also reads the prepositions anywhere in the verb's own clause (a parser
    may hang "in all subcontracts" of "insert the clause, including paragraph (e), in all
    subcontracts" on the parenthesis)."""
    out: dict[str, str] = {}
    # Parsers attach such a phrase to the verb, to its object ("adding entities | to the list"), to
    # its particle ("flow the clause down | to all subcontracts") or, for a verb in a complement, to
    # the governing verb ("requires officers to put a clause ... | in all contracts"): all are read.
    from .lexical import names_a_time

    hosts = [v] + [c for c in v.children if c.dep_ in ("dobj", "prt")]
    if v.dep_ in ("xcomp", "advcl", "pcomp") and v.head is not v:
        hosts.append(v.head)
    if loose:
        # (a preposition tagged as a verb, "including", opens no clause of its own)
        hosts += [x for x in v.subtree if x.pos_ in ("NOUN", "PROPN") and
                  next((a for a in x.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ != "prep"), None) == v]
    cands = [c for h in hosts for c in h.children if h is not v.head or c.i > v.i]
    for c in cands:
        kind = "goal" if c.lower_ in _GOAL_PREPS else "source" if c.lower_ in _SOURCE_PREPS else ""
        if kind and c.dep_ in ("prep", "prt"):
            for g in [c, *c.children]:
                for x in [g, *[y for y in g.children if y.dep_ == "pobj"]]:
                    if x.dep_ == "pobj" and x.pos_ in ("NOUN", "PROPN") and not names_a_time(x.lemma_.lower()):
                        out[x.lemma_.lower()] = kind
    return out


def _caused_motion(lemma: str) -> bool:
    """One of the two main WordNet senses of the verb is, or is a kind of (within three steps), "move,
    displace": a verb that puts something somewhere ("put", "place", "insert", "send"), whose
    direction is its path, not its own meaning."""
    wn = wordnet_verbs()
    frontier = list(wn["lemmas"].get(lemma, ())[:_MAIN_SENSES])
    for _ in range(4):
        if any({"move", "displace"} <= set(wn["synsets"][i]) for i in frontier):
            return True
        frontier = [h for i in frontier for h in wn["hypernyms"][i]]
    return False


def _path_restated(v, open_paths: Sequence[tuple[str, dict[str, str]]]) -> str:
    """The quote direction verb that the sentence verb ``v`` restates by a verb of caused motion with
    the same path ("put X on the list" for "adding X to the list", not for "removing X from the
    list"), or "". No directional particle of its own ("keep ... out of") and no other path may
    disagree."""
    if v.lemma_.lower() in DIRECTION_VERBS or not _caused_motion(v.lemma_.lower()):
        return ""  # a direction verb has its own direction ("dropped"), which needs its counterpart
    mine = _paths(v)
    if not mine:
        return ""
    for verb, theirs in open_paths:
        shared = set(mine) & set(theirs)
        if shared and all(mine[n] == theirs[n] for n in shared):
            return verb
    return ""


def _path_agrees(v, quote_paths: Sequence[tuple[str, dict[str, str]]]) -> str:
    """The quote verb that gives a participant of the sentence verb ``v`` the same path (goal or
    source) as ``v`` does ("flowed down to all subcontracts", "insert ... in all subcontracts"),
    with no shared participant on another path ("keep ... out of all subcontracts" does not
    agree); "" when none does. Only for a verb that has a path of its own."""
    mine = _paths(v)
    for verb, theirs in quote_paths:
        shared = set(mine) & set(theirs)
        if shared and all(mine[n] == theirs[n] for n in shared):
            return verb
    return ""


def _neighbourhood(verbs: set[str], hypernyms: bool = True) -> set[str]:
    """The verbs of the two main WordNet senses of ``verbs`` (and of those senses' direct hypernyms)."""
    wn = wordnet_verbs()
    out: set[str] = set()
    for v in verbs:
        for i in wn["lemmas"].get(v, ())[:_MAIN_SENSES]:
            out.update(wn["synsets"][i])
            for h in wn["hypernyms"][i] if hypernyms else ():
                out.update(wn["synsets"][h])
    return out


def _contrastive_noun(t, q_noun_lemmas: set[str], q_words: Sequence) -> bool:
    """Whether the sentence's common noun ``t``, which has no counterpart in the evidence, could
    change what the claim says rather than paraphrase it:

    * it judges (VADER valence: "praise", "condemnation") or is a negated form of an evidence word;
    * it is a co-hyponym of an evidence noun — one of its two main WordNet senses shares a direct
      hypernym with a main sense of an evidence noun it is not a synonym of ("customer" where the
      evidence says "supplier", "import" where it says "export"): another member of the same kind;
    * it is the unit of a figure ("4 billion euros") or the focus of the claim (:func:`_in_focus`);
    * it names another kind of person than the evidence's person nouns ("journalists" for "diplomats": who the claim is about);
    * it restricts a noun the evidence restricts otherwise: a compound/modifier of a head noun that
      the evidence also has, with a compound/modifier of its own ("commerce ministry" claimed as
      "trade ministry"... where the words differ): which of several such things is meant.

    Anything else is left to the other rules (names, numbers, roles, polarity, meaning)."""
    from .lexical import _nouns, judges, names_a_person

    if t is None:
        return True
    lem, w = t.lemma_.lower(), _norm(t.text)
    if not t.is_alpha or judges(t.text, lem) or _negated_form_of_any(w, q_words):
        return True  # an identifier ("https://sam.gov", "52.204-25"), a judgement, a negation
    if _in_focus(t, complements=True):
        return True
    if any(c.dep_ in ("nummod", "quantmod") or c.like_num for c in t.children):
        return True  # the unit of a figure ("4 billion euros" where the quotes say "$4 billion")
    if names_a_person(lem) and not noun_generalising(lem, q_noun_lemmas) and any(
            names_a_person(q) for q in q_noun_lemmas):
        return True  # another kind of person than the evidence's ("journalists" for "diplomats"): who
    wn = _nouns()
    mine = list(wn["lemmas"].get(lem, ()))[:_MAIN_SENSES]
    parents = {h for i in mine for h in wn["hypernyms"].get(str(i), ())}
    for q in q_noun_lemmas:
        if q == lem:
            continue
        theirs = list(wn["lemmas"].get(q, ()))[:_MAIN_SENSES]
        if set(mine) & set(theirs):
            continue  # synonyms
        if parents & {h for i in theirs for h in wn["hypernyms"].get(str(i), ())}:
            return True
    if t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN"):
        head = t.head.lemma_.lower()
        for x in q_words:
            if x.lemma_.lower() == head and any(c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "NOUN"
                                                for c in x.children):
                return True
    return False


# Dependencies of the main predicate's complements: what the sentence asserts of its subject
# (the object, the copula's attribute, a bare noun adverbial such as "case by case").
_FOCUS_DEPS = frozenset({"dobj", "attr", "acomp", "oprd", "npadvmod", "dative"})


def _in_focus(t, complements: bool = False) -> bool:
    """``t`` is the head (or a compound/modifier of the head) of a complement of the sentence's main
    predicate — the ROOT verb or a verb coordinated with it: the focus of the claim, the new
    information it asserts ("is case-by-case review", "receives about half of its revenue"). A
    paraphrase may rename the topic (the subject, "overseas sales" for "overseas revenue") or a
    circumstance ("in a fundraising round"); a word of the focus without a counterpart is a
    different claim. With ``complements``, also a noun of a predicative adjective's prepositional
    complement ("is subject to case-by-case review"): a word there with no counterpart anywhere in
    the evidence is a new claim (:func:`_contrastive_noun`), though one from the context may
    restate the quote's ("subject to the visa restrictions" for "these restrictions")."""
    x = t
    for _ in range(8):  # up the noun phrase: "case" of "case-by-case review", "revenue" of "half of its revenue"
        if x.dep_ in ("compound", "amod", "nmod", "poss") or (
                x.dep_ == "pobj" and x.head.dep_ == "prep" and x.head.head.pos_ in ("NOUN", "PROPN")):
            x = x.head if x.dep_ != "pobj" else x.head.head
        elif x.dep_ == "prep" and x.head.pos_ in ("NOUN", "PROPN"):
            x = x.head
        elif complements and x.dep_ == "pobj" and x.head.dep_ == "prep" and x.head.head.pos_ == "ADJ" and \
                x.head.head.dep_ in _FOCUS_DEPS:
            # "is subject to case-by-case review", "is exempt from the ban": a predicative adjective's
            # prepositional complement is what the sentence asserts, as the adjective is.
            x = x.head.head
        else:
            break
    if x.dep_ not in _FOCUS_DEPS:
        return False
    v = x.head
    return v.dep_ == "ROOT" or (v.dep_ == "conj" and v.head.dep_ == "ROOT")


# The basic topological prepositions (plain location or membership: "is on the Entity List", "is in
# Xinjiang"), which a record or a listing states by being one; WordNet's opposites for them ("off",
# "out") are senses of state ("the light is off"), not the relation's other side.
_BASIC_LOCATIVES = frozenset({"in", "on", "at"})


def _aligned_heads(t, paraphrased: dict[str, str]) -> set[str]:
    """The lemmas a quote word may have to be the counterpart of the sentence word ``t``: its own
    lemma and, for a verb, the quote verb it paraphrases."""
    lem = t.lemma_.lower()
    return {lem, paraphrased.get(lem, lem)}


def _replaced_modifier(t, quote_doc, paraphrased: dict[str, str], s_forms: set[str]) -> str:
    """The quote's modifier that the sentence's unmatched adverb or adjective ``t`` stands in
    place of, or "". A modifier fills a slot of its head: where the quotes modify the same head
    (the verb or noun the sentence's head restates) with a content word of the same part of
    speech that the sentence does not use, the sentence's word replaces it ("must represent
    quarterly" where the quotes say "represent annually"; "an interim rule" where they say "a final
    rule") — a value of the slot, which must agree, not a circumstance added to it."""
    if t.dep_ not in ("advmod", "amod", "compound") or t.head is t:
        return ""
    heads = _aligned_heads(t.head, paraphrased)
    for q in quote_doc:
        if q.lemma_.lower() not in heads or q.pos_ != t.head.pos_:
            continue
        for c in q.children:
            if c.dep_ == t.dep_ and c.pos_ == t.pos_ and c.is_alpha and not c.is_stop and \
                    c.lemma_.lower() not in s_forms and _norm(c.text) not in s_forms:
                return c.text
    return ""


def _same_word(a, b) -> bool:
    """Two tokens are one word: same lemma, same root, or a shared stem of five letters or more
    ("licence"/"licensing" aside, "restriction"/"restrictions", "export"/"exports")."""
    fa, fb = _norm(a.text), _norm(b.text)
    return a.lemma_.lower() == b.lemma_.lower() or _root(a.text) == _root(b.text) or (
        len(fa) >= 5 and len(fb) >= 5 and fa[:5] == fb[:5])


def replaced_compound(t, quote_doc, paraphrased: dict[str, str], s_forms: set[str]) -> str:
    """The quotes' noun modifier that the sentence's noun modifier ``t`` stands in place of ("visa
    restrictions" where the quotes say "export restrictions"), or "": the quotes modify the same
    head noun with another noun the sentence does not use, and do not hold ``t``'s word. Such a
    modifier picks out which of several things of a kind is meant; found elsewhere in the evidence
    ("These visa restrictions complement ... the export restrictions on 28 entities") it names
    the other thing, not the one the quote speaks of."""
    if t.dep_ != "compound" or t.pos_ != "NOUN" or t.head.pos_ not in ("NOUN", "PROPN"):
        return ""
    # A word the quotes themselves hold is theirs: the parser's attachment of coordinated modifiers
    # varies ("video surveillance and telecommunications equipment" parses "surveillance" as a
    # conjunct of "equipment"); only a modifier from outside the quotes is taken for a replacement.
    if any(_same_word(x, t) for x in quote_doc):
        return ""
    return _replaced_modifier(t, quote_doc, paraphrased, s_forms)


def _obliged(v) -> bool:
    """Is the verb ``v`` what a norm requires — under "must"/"shall"/"should", or the complement of
    "require"/"oblige" ("to require offerors to represent")?"""
    return any(c.dep_ == "aux" and c.lower_ in _DEONTIC_MODALS | {"should"} for c in v.children) or (
        v.dep_ == "xcomp" and v.head.lemma_.lower() in _DEONTIC_VERBS)


def _done(v) -> bool:
    """Does the sentence state the verb ``v`` as having happened: a past tense, or a perfect
    ("have already met"), with no modal of its own?"""
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children):
        return False
    return v.tag_ == "VBD" or (v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in v.children))


def obligation_as_fact(sdoc, quote_doc, paraphrased: dict[str, str]) -> str:
    """A verb the sentence states as done ("all countries have already met their obligations") whose
    counterparts in the quotes are only ever what a norm requires ("all countries must respect their
    obligations"), or "". What must happen has not thereby happened: the sentence turns a duty into
    a fact. Counterparts are the quote verbs with the sentence verb's lemma (or the one it
    paraphrases), or else the quote verbs with the same object ("met their obligations" for "respect
    their obligations")."""
    for v in sdoc:
        if v.pos_ != "VERB" or not _done(v):
            continue
        heads = _aligned_heads(v, paraphrased)
        counterparts = [q for q in quote_doc if q.pos_ == "VERB" and q.lemma_.lower() in heads]
        if not counterparts:
            objects = {c.lemma_.lower() for c in v.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"}
            counterparts = [q for q in quote_doc if q.pos_ == "VERB" and objects & {
                c.lemma_.lower() for c in q.children if c.dep_ in ("dobj", "nsubjpass")}]
        if counterparts and all(_obliged(q) for q in counterparts):
            return v.text
    return ""


# Modals of permission or possibility (a closed class): "may include" leaves the act to a choice.
_OPTION_MODALS = frozenset({"may", "might", "can", "could"})


def _optional(v) -> bool:
    """Does the sentence leave the verb ``v`` to a choice: under an un-negated modal of permission
    ("may include"; "may not include" forbids, as "shall not" does), or in an embedded question
    ("decide whether to include")?"""
    if any(c.dep_ == "neg" for c in v.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in _OPTION_MODALS for c in v.children) or any(
        c.dep_ == "mark" and c.lower_ == "whether" for c in v.children)


def obligation_as_option(sdoc, quote_doc, paraphrased: dict[str, str]) -> str:
    """A verb the sentence leaves to a choice ("officers may decide whether to include the clause")
    whose counterparts in the quotes (the quote verbs with its lemma or the one it paraphrases) are
    all what a norm requires ("the rule requires officers to include the clause"), or "". A duty
    is no option: the sentence says the opposite of the rule's force."""
    for v in sdoc:
        if v.pos_ != "VERB" or not _optional(v):
            continue
        heads = _aligned_heads(v, paraphrased)
        counterparts = [q for q in quote_doc if q.pos_ == "VERB" and q.lemma_.lower() in heads]
        if counterparts and all(_obliged(q) and not any(c.dep_ == "neg" for c in q.children)
                                for q in counterparts):
            return v.text
    return ""


def _relational_predicate(t) -> bool:
    """``t`` is a preposition that is the predicate of a copula ("subcontracts are outside the
    scope") and, read as an adjective or adverb, has a WordNet opposite ("outside" / "inside";
    "within", which WordNet lists with no opposite, does not): a side of a relation that the
    sentence asserts, which a paraphrase keeps and a contradiction flips."""
    from .lexical import adjective_opposites

    if t.dep_ != "prep" or t.head.lemma_.lower() != "be" or t.i < t.head.i or t.lower_ in _BASIC_LOCATIVES:
        return False  # ("Under the clause, the country is China": a frame before the copula, not its predicate)
    if any(c.dep_ in ("acomp", "attr") for c in t.head.children):
        return False  # "is subject to ...", "is a company in ...": the predicate is the other word
    return bool(adjective_opposites(t.lower_))


# The first enumerator of a list item: "(1)", "(i)", "(a)", "1.", "a)" (English numbering conventions).
_FIRST_ITEM = re.compile(r"^\s*(?:\((?:1|i|a|A|I)\)|(?:1|i|a|A|I)[.)])\s")
# A designator of a provision whose last part is a first enumerator ("paragraph (d)(2)(i)"): the
# provision it names is the first item of its list.
_FIRST_DESIGNATED = re.compile(r"(?<![\w.])(?:\d+(?:\.\d+)*)?(?:\([A-Za-z0-9]{1,4}\))+\((?:1|i|a|A|I)\)(?![\w(])")


def _deictic_order(t, group: frozenset[str], quote_doc) -> bool:
    """Does a deictic time word of the quotes give the sentence's order word ``t`` (of ``group``)
    its counterpart? "yesterday's announcement" is the announcement of the day before the source's
    date, so "announced the previous day" / "an announcement a day earlier" restates it - when the
    order word dates that same event (it rises through its phrase to a word of the event the
    deictic word modifies) and relates it to no other (a preposition with an object, "announced the
    day before Commerce's restrictions", orders two events, which "yesterday" does not)."""
    if any(c.dep_ == "pobj" for c in t.children):
        return False
    chain, x = [], t
    for _ in range(4):
        if x.head.i == x.i:
            break
        x = x.head
        chain.append(x)
    for d in quote_doc:
        order = _DEICTIC_ORDER.get(d.lower_)
        if not order or not (order & group) or d.head.i == d.i:
            continue
        events = [d.head]
        nxt = d.doc[d.i + 1:d.i + 4]
        if len(nxt) and nxt[0].lower_ in ("'s", "’s"):
            # "yesterday's announcement": the possessed noun (the parser may hang "yesterday" elsewhere)
            events += [x for x in nxt[1:] if x.pos_ in ("NOUN", "VERB")][:1]
        if any(_same_word(c, e) for c in chain for e in events):
            return True
    return False


def _under_negation(t) -> bool:
    """Is ``t`` in the scope of a negation or denial of its clause: on the path up to its predicate,
    a word with a ``neg`` child, a negative word ("no", "without") or a verb of denial?"""
    x = t
    for _ in range(6):
        if x.lower_ in _NEG_WORDS or x.lemma_.lower() in _DENIAL_VERBS or any(c.dep_ == "neg" for c in x.children):
            return True
        if x.head.i == x.i:
            break
        x = x.head
    return False


def _own_lines(quote: str, context: Sequence[str]) -> str:
    """The sentence of ``context`` that holds ``quote``, cut to the lines the quote spans (or the
    quote itself when no context sentence holds it)."""
    for c in context:
        i = c.find(quote) if c else -1
        if i >= 0:
            a = c.rfind("\n", 0, i) + 1
            b = c.find("\n", i + len(quote))
            return c[a:b if b >= 0 else len(c)]
    return quote


def _negated_form_of_any(w: str, q_words: Sequence) -> bool:
    """``w`` is an evidence word with or without a negating prefix ("unlawful" / "lawful")."""
    return any(_negated_form(w, _norm(x.text)) for x in q_words)


class SupportChecker:
    """Checks answer sentences against their cited quotes (thread-safe).

    ``embed``: texts → unit vectors (``store.text_vectors`` or ``Embedder.embed``);
    None skips the meaning check and noun synonym matching.
    """

    def __init__(self, embed: Embed | None = None, *, min_similarity: float = 0.45, noun_similarity: float = 0.8,
                 name_fuzz: float = 88.0, skip: frozenset[str] = frozenset(), strict_nouns: bool = False):
        self.embed = embed
        # strict_nouns: every common noun needs a counterpart (the stop-18 design); otherwise one
        # without is tolerated unless it is contrastive (_contrastive_noun).
        self.strict_nouns = strict_nouns
        self.skip = skip  # rule names (Verdict.rule) not applied: for ablation
        self.min_similarity = min_similarity
        self.noun_similarity = noun_similarity
        self.name_fuzz = name_fuzz

    # ------------------------------------------------------------- parts
    def _parse(self, text: str):
        from .answering.nlp import parse  # the process's shared pipeline, under its lock

        return parse(text, disable=["ner"])

    def _vectors(self, texts: list[str]) -> list[list[float]]:
        vecs = self.embed(texts) if self.embed else []
        return [v if v is not None else [] for v in vecs]

    @staticmethod
    def _acronyms(doc) -> set[str]:
        """Initials of runs of capitalised words ("Bureau of Industry and Security" → "bis") and of
        hyphenated compounds."""
        out: set[str] = set()
        run: list[str] = []
        for t in list(doc) + [None]:
            if t is not None and (t.text[:1].isupper() or (run and t.lower_ in ("of", "and", "for", "the"))):
                run.append(t.text)
                continue
            words = [w for w in run if w[:1].isupper()]
            for i in range(len(words)):
                for j in range(i + 2, len(words) + 1):
                    out.add("".join(w[0] for w in words[i:j]).lower())
            run = []
        # A hyphenated compound of capitalised words is one word of a name, shortened by its first
        # initial ("End-User Review Committee" → "erc"), as well as from the run after the hyphen (above).
        words = [m.group(0) for m in re.finditer(r"[A-Z][\w']*(?:-[A-Z][\w']*)*|\b(?:of|and|for|the)\b|[^\sA-Za-z]+",
                                                   doc.text)]
        run = []
        for w in words + [""]:
            if w[:1].isupper() or (run and w in ("of", "and", "for", "the")):
                run.append(w)
                continue
            caps = [x for x in run if x[:1].isupper()]
            if any("-" in x for x in caps):
                for i in range(len(caps)):
                    for j in range(i + 2, len(caps) + 1):
                        out.add("".join(x[0] for x in caps[i:j]).lower())
            run = []
        # A hyphenated compound of three words or more is shortened by all its initials
        # ("commercial-off-the-shelf" → "cots", "end-to-end" → "ete").
        for m in re.finditer(r"\b[A-Za-z]+(?:-[A-Za-z]+){2,}\b", doc.text):
            out.add("".join(p[0] for p in m.group(0).split("-")).lower())
        return out

    def _attributed(self, sdoc, speakers: Sequence[str]) -> set[int]:
        """Token indices of the sentence's attributions to a speaker of the quotes: a
        reporting verb ("said", "stated", "announced") and its subject, or "according to X",
        when every content word of the subject/X is a word of ``speakers``."""
        from rapidfuzz import fuzz

        if not speakers:
            return set()
        spk = self._parse(" ".join(speakers))
        words = {t.lemma_.lower() for t in spk} | {_norm(t.text) for t in spk}
        names = [_norm(t.text) for t in spk if t.is_alpha]
        acr = self._acronyms(spk)

        def known(t) -> bool:
            w = _norm(t.text)
            return (not t.is_alpha or t.is_stop or w in words or t.lemma_.lower() in words or w in acr
                    or any(fuzz.ratio(w, n) >= self.name_fuzz for n in names))

        out: set[int] = set()
        for t in sdoc:
            who = []
            # "X said <clause>"; "X called Y <predicate>", "X describes Y as ...": naming is speech too.
            if t.pos_ == "VERB" and (t.lemma_.lower() in _REPORTING and any(c.dep_ == "ccomp" for c in t.children)
                                     or t.lemma_.lower() in _CONTESTED and any(
                        c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in t.children)):
                who = [x for c in t.children if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree]
            elif t.lower_ == "according" and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to":
                who = [x for c in sdoc[t.i + 1].children if c.dep_ == "pobj" for x in c.subtree]
            if who and all(known(x) for x in who) and any(x.is_alpha and not x.is_stop for x in who):
                out.add(t.i)
                out.update(x.i for x in who)
        return out

    def _attribution(self, sdoc, quotes: Sequence[str], context: Sequence[str], publishers: Sequence[str]) -> str:
        """Why the sentence states as fact what its quotes only report someone as saying, or "".

        Rule: a content word of the sentence that the evidence has only inside reported
        speech (:func:`_reported`) makes the sentence a report of that speech, so it must keep
        an attribution (:func:`_keeps_attribution`). Indirect speech counts too ("X said its
        suppliers were domestic", "for what it says are national security reasons"), unless the
        speaker is the publisher itself."""
        # Per quote, the longest context text that holds it: a quote from a later sentence of a quotation
        # is given with the sentences from the quotation's opening too (the grounder's context).
        sentences = list(dict.fromkeys(max((c for c in context if c and q in c), key=len, default=q) for q in quotes))
        verbs = set()
        for text in sentences:
            d = self._parse(text)
            verbs |= {x.lemma_.lower() for x in d if x.pos_ == "VERB" and x.is_alpha} | participle_verbs(d)

        def stance(noun: str) -> bool:
            return any(own_nominal(v, {noun}) or derived_match(v, {noun}) for v in verbs)

        if _keeps_attribution(sdoc, stance):
            return ""
        pub = {_norm(w) for p in publishers for w in re.findall(r"[A-Z][\w.]+", p)}

        def own_voice(who: list) -> bool:
            return bool(pub) and any(x.text[:1].isupper() and _norm(x.text) in pub and not x.is_stop for x in who)

        reported: set[str] = set()
        plain: set[str] = set()
        for text in sentences:
            doc = self._parse(text)
            rep = _reported(doc, own_voice)
            for t in doc:
                if t.is_alpha:
                    (reported if t.i in rep else plain).update({t.lemma_.lower(), _root(t.text)})
        only = [t.text for t in sdoc if t.pos_ in ("NOUN", "VERB", "ADJ", "ADV") and t.is_alpha and not t.is_stop
                and ({t.lemma_.lower(), _root(t.text)} & reported) and not ({t.lemma_.lower(), _root(t.text)} & plain)]
        if only:
            return (f"the quotes give '{only[0]}' as what someone said or claims; the sentence states it as fact "
                    "without the attribution")
        return ""

    def check(self, sentence: str, quotes: Sequence[str], context: Sequence[str] = (), *,
              records: Sequence[str] = (), leads: Sequence[str] = (), speakers: Sequence[str] = (),
              publishers: Sequence[str] = (), titles: Sequence[str] = ()) -> Verdict:
        """The verdict for ``sentence`` given the verbatim ``quotes`` it cites: the first rule
        that fails (rules named in ``skip`` aside), else supported. Arguments as
        :meth:`verdicts`."""
        last = Verdict(False, "no verdict")
        for v in self.verdicts(sentence, quotes, context, records=records, leads=leads, speakers=speakers,
                               publishers=publishers, titles=titles):
            if v.supported:
                return v
            if v.rule not in self.skip:
                return v
            last = v
        return last

    def diagnose(self, sentence: str, quotes: Sequence[str], context: Sequence[str] = (), **kw) -> list[Verdict]:
        """Every rule that fails for ``sentence`` (not only the first): for rule-ablation tables
        (:mod:`agent.claims_eval`). Arguments as :meth:`verdicts`."""
        return [v for v in self.verdicts(sentence, quotes, context, **kw) if not v.supported]

    def verdicts(self, sentence: str, quotes: Sequence[str], context: Sequence[str] = (), *,
                 records: Sequence[str] = (), leads: Sequence[str] = (), speakers: Sequence[str] = (),
                 publishers: Sequence[str] = (), titles: Sequence[str] = ()) -> Iterator[Verdict]:
        """One failed :class:`Verdict` per rule that ``sentence`` breaks, in the order the rules
        run, then a supported one (with the similarity) — the sentence is supported when no
        failure comes before it. ``sentence`` is checked against the verbatim ``quotes`` it cites.

        ``context``: the rest of the evidence the model was shown for those quotes —
        the whole sentences the quotes lie in and the cited documents' title,
        publisher and date. Words, names, numbers and polarity are checked against
        quotes + context (a negation just outside a quote still counts); meaning
        against the quotes alone. ``records``: the entries ("Label: value" line blocks) the
        quotes lie in, for claims that link two fields of one entry (a name and its alias).
        ``leads``: the lead-ins of enumerations whose items the quotes are ("This subpart does
        not prohibit ...–" for "(2) Telecommunications equipment that cannot route ..."); a
        negation there governs every item, so it counts in the quotes' polarity.
        ``speakers``: who speaks the quotes (the documents' publishers, the attribution
        clause of a quotation they lie in); "X said ..." / "according to X" is supported
        when X is one of them. ``publishers``: the cited documents' publishers; a quotation of
        the publisher's own official is the source's own voice, not a claim it reports.
        ``titles``: the cited documents' titles; a quote that names its own document ("This
        document is issued ...") names it by its title too ("the guide" for a "Compliance Guide").
        """
        from rapidfuzz import fuzz

        from .injection import detect

        quotes = [q for q in quotes if q and q.strip()]
        if not quotes:
            yield Verdict(False, "no quote", rule='quote')
            return
        if detect(sentence):
            yield Verdict(False, "the sentence is an instruction, not a claim", rule='instruction')
        sdoc = self._parse(sentence)
        if _imperative(sdoc) or (sentence[:1].isupper() and sentence[1:2].islower() and
                                 _imperative(self._parse(sentence[:1].lower() + sentence[1:]))):
            # The small parser reads a capitalised first verb as a name ("Insert" NNP); the
            # sentence with it in lower case shows the mood.
            # "Insert the following clause in your contract.": the quote may well say so (a rule
            # addresses its reader), but an answer states what the sources say; it directs no one.
            yield Verdict(False, "the sentence is an imperative (it directs the reader), not a claim", rule='imperative')
        alias = alias_check(sentence, records)
        if alias == "mixed":
            yield Verdict(False, "the names it links as aliases come from different entries", rule='alias')
        if alias == "former":
            yield Verdict(False, "the entry gives an alternate name, not a former one (formerly)", rule='alias')
        # A field line of an entry ("Addresses: ...", "Alternate names: ...") is about the entry its
        # name lines name ("Entity: Cloudminds Inc."): those names are words of the evidence for the
        # sentence that says whose field it is ("Cloudminds Inc. is listed at Ugland House"). Names
        # only - the entry's other values are not what the quote says (values stay bound below).
        entry_names = [n for r in records if r and any(q in r for q in quotes) for n in entry_name_lines(r)]
        evidence = _iso_words(" ".join(list(quotes) + [c for c in context if c] + entry_names))
        # Values are bound to what the quotes say: the rest of a quote's sentence holds other
        # figures ("SenseTime, valued at around $4.5 billion, ... while Megvii ... around $4
        # billion"), so numbers and dates must be in the quotes or in the context that is not
        # such a sentence (title, date, list lead-in, a pronoun's antecedent).
        valued = " ".join(list(quotes) + [c for c in context if c and not any(q in c for q in quotes)])
        # Dates as wholes (day, month and year together), then the remaining numbers.
        s_dates, s_rest = dates(sentence)
        e_dates, _ = dates(valued)
        q_dates, _ = dates(_iso_words(" ".join(quotes)))
        # A full date the quotes do not hold, where they hold another full date ("Start date:
        # 2019-08-21" quoted, "a start date of 2019-05-21" claimed), is not rescued by the
        # document's title or date: the quote is the value the sentence speaks of.
        bad = [d for d in s_dates if not _date_supported(d, e_dates)
               or (d[2] and any(q[2] for q in q_dates) and not _date_supported(d, q_dates))]
        if bad:
            y, mo, d = bad[0]
            yield Verdict(False, f"date not in the quotes: {y}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if d else ""), rule='date')
        # A date's month and day are parts of that date, not figures: "less than 10%" is not
        # supported by a document dated 2019-10-08. Its year may still stand alone ("in 2019").
        _, valued_rest = dates(valued)
        e_numbers = numbers(valued_rest) | {float(y) for y, _, _ in e_dates}
        # A provision's designator ("section 889(a)(1)(A)") names it, as a name does: it may come
        # from anywhere in the evidence, the rest of a quote's sentence included; it is no figure.
        for ident in set(_DESIGNATOR.findall(s_rest)):
            if ident in evidence:
                s_rest = s_rest.replace(ident, " ")
        missing_nums = sorted(numbers(s_rest) - e_numbers)
        if missing_nums:
            # "the two camera makers" for "Hikvision and Dahua", "28 organisations in all" for "20
            # bureaus and eight companies": a count or total of what the quotes themselves coordinate.
            # Not for a figure on a conjunct of the sentence's own coordination ("28 bureaus and 20
            # companies" restates the members, each bound to its own figure).
            sparse = self._parse(sentence)
            members = {v for x in sparse if x.dep_ == "nummod" and (x.head.dep_ == "conj" or any(
                c.dep_ == "conj" for c in x.head.children)) for v in numbers(x.text)}
            # "One of the addresses listed for Hikvision is ...": a spelled "one" heading a partitive
            # "of" phrase picks a member out of a set (an indefinite, as "an address" would); it
            # counts nothing. ("only one of ..." is an order/quantity word, checked as such.)
            if any(x.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                    g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS") for g in c.children) for c in x.children)
                   for x in sparse):
                missing_nums = [n for n in missing_nums if n != 1.0]
            # "An asterisk marks such rules, and the rule carries one": a bare "one" standing for a noun
            # the sentence has named (an argument with no noun of its own) is a pro-form, an indefinite
            # ("carries an asterisk"); it counts nothing. Not "one" before a noun ("one office": a count).
            ones = [x for x in sparse if x.lower_ == "one"]
            if ones and all(x.dep_ in ("dobj", "pobj", "attr") and not list(x.children) and any(
                    y.pos_ == "NOUN" and y.tag_ == "NN" for y in sparse[:x.i]) for x in ones):
                missing_nums = [n for n in missing_nums if n != 1.0]
            missing_nums = sorted(set(missing_nums) - (coordination_figures(
                self._parse(_iso_words(" ".join(quotes)))) - members))
        if missing_nums:
            shown = ", ".join(f"{n:g}" for n in missing_nums[:3])
            yield Verdict(False, f"number(s) not in the quotes: {shown}", missing=[shown], rule='number')
        qdoc = self._parse(evidence)
        in_sentences = []
        for q in quotes:
            whole = next((c for c in context if c and q in c), q)
            in_sentences.append((self._parse(whole), whole.find(q), whole.find(q) + len(q)))
        swapped = displaced_name(sdoc, in_sentences,
                                 lambda a, b: a == b or fuzz.ratio(a, b) >= self.name_fuzz,
                                 frozenset(self._acronyms(qdoc)))
        if swapped:
            yield Verdict(False, f"the quotes give the role the sentence gives '{swapped}' to another name",
                           missing=[swapped], rule='name-role')
        moved = displaced_argument(sdoc, [d for d, _, _ in in_sentences])
        if moved:
            yield Verdict(False, f"the quotes give the slot the sentence gives '{moved}' to another word",
                          missing=[moved], rule='role')
        q_lemmas = {t.lemma_.lower() for t in qdoc} | {_norm(t.text) for t in qdoc}
        # Number formats: "$4 billion" is "4 billion dollars", "30%" is "30 percent".
        q_lemmas |= {w for sym, words in _SYMBOL_WORDS.items() if sym in evidence for w in words}
        # "No." before a figure is the abbreviation of "number" (numero): "Docket No. 4471-22" is the
        # docket number 4471-22.
        if any(_numero(x) for x in qdoc):
            q_lemmas.add("number")
        q_stems = {_root(t.text) for t in qdoc if t.is_alpha}
        # The quotes' own sentences (a record's own lines: "Label: value" lines do not end in a
        # period, and a sentence splitter runs them together) and the lead-ins of their lists.
        own = " ".join([_own_lines(q, context) for q in quotes] + [x for x in leads if x])
        qonly_doc = self._parse(_iso_words(own))
        quote_forms = {f for x in qonly_doc if x.is_alpha for f in (x.lemma_.lower(), _norm(x.text), _root(x.text))}
        quote_forms |= {w for sym, words in _SYMBOL_WORDS.items() if sym in own for w in words}
        if any(_numero(x) for x in qonly_doc):
            quote_forms.add("number")
        # A demonstrative noun phrase of the quote ("these restrictions") points back at its antecedent
        # in the evidence ("Visa Restrictions" in the title): that noun's modifiers are what the quote
        # speaks of too ("the visa restrictions"). Only for the same head noun, and only modifiers.
        # (Compared by root: a title's capitalised words parse as names, "Imposes Visa Restrictions".)
        pointing = {_root(x.text) for x in qonly_doc if x.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in x.children)}
        quote_forms |= {f for x in qdoc if x.pos_ in ("NOUN", "PROPN") and _root(x.text) in pointing
                        for c in x.children if c.dep_ in ("compound", "amod") and c.is_alpha
                        for f in (c.lemma_.lower(), _norm(c.text), _root(c.text))}
        if titles and any(x.lower_ in ("this", "these") and x.dep_ == "det" and x.head.dep_ in ("nsubj", "nsubjpass")
                          for x in qonly_doc):
            # "This document is issued under ...": a demonstrative subject in a source's own text
            # points at the source, which its title names; the title's words are the quote's.
            tdoc = self._parse(" ".join(titles))
            quote_forms |= {f for x in tdoc if x.is_alpha for f in (x.lemma_.lower(), _norm(x.text), _root(x.text))}
        # The quotes' own verbs, with those whose participles they use as adjectives: a noun in
        # focus may name their act ("voiced opposition" for "opposes").
        quote_verbs = {x.lemma_.lower() for x in qonly_doc if x.pos_ == "VERB" and x.is_alpha} | participle_verbs(qonly_doc)
        q_words = [t for t in qdoc if t.is_alpha and not t.is_stop]
        q_acr = self._acronyms(qdoc)
        # Quote words a sentence verb may paraphrase: verbs; for a gerund also nouns
        # ("buying products" for "purchases of products").
        q_verb_lemmas = {t.lemma_.lower() for t in qdoc if t.pos_ == "VERB" and t.is_alpha}
        q_noun_lemmas = {t.lemma_.lower() for t in qdoc if t.pos_ == "NOUN" and t.is_alpha}
        q_nominals = q_noun_lemmas | {t.lemma_.lower() for t in qdoc if t.pos_ == "ADJ" and t.is_alpha}
        q_phrasal = _phrasal(qdoc)
        q_hedged = bool(_hedges(qdoc))
        attributed = self._attributed(sdoc, speakers)
        q_levels = _copular_levels(qdoc) | _verb_levels(self._parse(" ".join(quotes)))
        figure_qualifiers = _figure_qualifiers(sdoc)
        # The evidence reports speech: a verb of communication with a clause, not a denial or a
        # claim — the sentence may report it with another such verb (not a direction verb).
        # With a clause, "added" is "said further", not "added to a list"; a reporting verb with a
        # communicative opposite ("rejected"/"accepted", "denied"/"admitted") takes a stance.
        q_reports = any(x.pos_ == "VERB" and x.lemma_.lower() in communication_verbs() and _has_clause(x)
                        and x.lemma_.lower() not in _DENIAL_VERBS | _CONTESTED
                        and not verb_antonyms(x.lemma_.lower()) & communication_verbs() for x in qdoc)
        # The evidence reports a negated claim: a verb of communication whose clause holds a negation
        # ("said the action was not tied to ..."; not "did not say whether ...").
        q_reported_negation = any(
            x.pos_ == "VERB" and x.lemma_.lower() in communication_verbs() and not any(
                c.dep_ == "neg" for c in x.children) and any(
                c.dep_ == "ccomp" and any(y.dep_ == "neg" or y.lower_ in _NEG_WORDS for y in c.subtree)
                for c in x.children) for x in qdoc)
        q_deontic = any(t.lower_ in _DEONTIC_MODALS or t.lemma_.lower() in _DEONTIC_VERBS for t in qdoc)
        evidence_words = {_norm(t.text) for t in qdoc}
        if any(_FIRST_ITEM.match(_own_lines(q, context)) or _FIRST_DESIGNATED.search(q) for q in quotes):
            # ("submitting the information in paragraph (d)(2)(i)": a designator of a first item)
            # "(i) Within one business day ...": the first item of an enumeration is the first of
            # what it enumerates ("report the initial information" within one business day).
            evidence_words.add("first")
        # Nouns without a counterpart are judged by their slot (_contrastive_noun), which needs a
        # parse with a predicate: a sentence parsed without a verb at its root ("Items ... skip
        # case-by-case review" with "skip" read as a noun) falls back to a counterpart for each.
        strict_nouns = self.strict_nouns or not any(
            x.dep_ == "ROOT" and x.pos_ in ("VERB", "AUX") for x in sdoc)
        paraphrased: dict[str, str] = {}  # sentence verb lemma -> the quote verb it paraphrases
        missing: list[str] = []
        why: list[str] = []  # per missing word, the kind of refusal (for the rescue model's features)

        def _miss(word: str, kind: str) -> None:
            missing.append(word)
            why.append(kind)
        tolerated: list[str] = []  # content words without a counterpart that cannot change the claim
        loose: set[int] = set()  # their token indices
        alias_claim = bool(_ALIAS_CLAIM.search(sentence))
        # A direction the quotes state ("adding", "remove", "bars") that the sentence does not restate
        # may be what an unmatched word of the sentence replaces ("put on" for "remove from"):
        # then no word goes without its counterpart.
        s_forms = [_norm(x.text) for x in sdoc if x.is_alpha] + [x.lemma_.lower() for x in sdoc]
        # Kept as the participants of those verbs: a sentence verb with one of them is taken to
        # restate that verb ("put an entity on the list" for "remove an entity from the list").
        open_direction: set[str] = set()
        open_paths: list[tuple[str, dict[str, str]]] = []  # (quote direction verb, its path arguments)
        quote_parse = self._parse(" ".join(quotes))
        quote_paths = [(x.lemma_.lower(), _paths(x, loose=True)) for x in quote_parse if x.pos_ == "VERB"]
        # A change of level the sentence restates with another verb of the same level ("dropped 12%"
        # for "fell 12%") leaves no direction open.
        restated_levels = _verb_levels(sdoc) if len(q_levels) == 1 and _verb_levels(sdoc) == q_levels else set()
        for t in quote_parse:
            # (not one used as a preposition or an attribute: "including", "listed entities")
            if any(t.lemma_.lower() in _LEVEL_VERBS[lv] for lv in restated_levels):
                continue
            if t.pos_ == "VERB" and t.lemma_.lower() in DIRECTION_VERBS and t.dep_ not in ("prep", "amod") and not any(
                    f == t.lemma_.lower() or (len(f) >= 5 and f[:5] == _norm(t.text)[:5]) or _root(f) == _root(t.text)
                    for f in s_forms):
                open_direction |= _arguments(t)
                open_paths.append((t.lemma_.lower(), _paths(t)))
        nouns_to_embed: list[str] = []
        # "each year" for "annually", "abroad" for "overseas": another lemma of a WordNet adverb synset
        # the evidence uses says the same circumstance (order and quantity words in it included).
        same_adverb = {i for a, b in adverb_synonym_spans([x.lower_ for x in sdoc], evidence) for i in range(a, b)}
        idiom_nouns: set[int] = set()  # objects of a light verb that make a WordNet idiom with it
        # "are unavailable" for "No ... are available", "is unable" for "cannot": a word that is an
        # evidence word with (or without) a negating prefix says that word and a negation; the word
        # is matched and the negation counted with the others, so that polarity decides. +1: the
        # sentence holds the prefixed form, -1: the quotes do.
        prefixed: dict[int, int] = {}
        for t in sdoc:
            if t.is_alpha and t.pos_ in ("ADJ", "VERB", "NOUN", "ADV") and t.i not in attributed:
                w = _norm(t.text).replace("-", "")
                for x in q_words:
                    if _negated_form(w, _norm(x.text)):
                        prefixed[t.i] = 1 if len(w) > len(_norm(x.text).replace("-", "")) else -1
                        break
        # Ranks are values: "the second-largest producer" is not "the largest producer" (either way).
        # (An ordinal also names: "the second interim rule" of the title or the quote's own sentence.
        # The rank of a superlative is compared with the quotes' ranks of it, below.)
        e_ordinals = ordinals(evidence)
        q_ranks: dict[str, set[int]] = {}
        for x in quote_parse:
            if _rank_of(x):
                q_ranks.setdefault(x.lemma_.lower(), set()).add(_rank_of(x))
        negated_order: set[int] = set()  # the "no" of "no later than": part of an order word, no negation
        # Verbs of permission (WordNet's first synset of "permit": permit, allow, let) and the quotes'
        # modal of permission ("may", "can"; not of obligation).
        permitting = permission_verbs()
        q_permission = any(x.tag_ == "MD" and x.lower_ in ("may", "can") for x in quote_parse)
        ceasing, resuming = phase_verbs()
        q_ceased = _no_longer(qdoc)
        # Names of territories and their peoples, by rigour's territory table: "American" names what
        # "US" does. (Only the same territory: "Beijing" is a part of "China", not China.) Bound to
        # the quotes themselves, as values are: a country named elsewhere in the evidence ("the
        # Chinese move" where the quote says "the US move" and its article speaks of China) is
        # another party's.
        s_territory = territory_codes(sdoc)
        q_territories = set(territory_codes(quote_parse).values())
        q_capitals = {x.text for x in quote_parse if x.text.isupper() and x.is_alpha}

        def subdivision_named(code: str) -> bool:
            # "Markham, Ontario" for "Markham, ON, CA": an ISO 3166-2 subdivision ("ca-on") the quote
            # writes by its code, the subdivision's part beside its country's.
            country, _, sub = code.partition("-")
            return bool(sub) and sub.upper() in q_capitals and country in q_territories
        for t in sdoc:
            if t.i in same_adverb or t.i in idiom_nouns or t.i in prefixed:
                continue
            if t.lower_ in _ORDINALS and _ORDINALS[t.lower_] > 1 and t.tag_ != "NNS" and \
                    not any(c.dep_ == "nummod" for c in t.children) and t.i not in attributed:
                # ("30 seconds", "one second": the unit of time, no ordinal)
                if _ORDINALS[t.lower_] not in e_ordinals:
                    _miss(t.text, 'ordinal')
                continue
            if _rank_of(t):
                ranks = set().union(*(r for a, r in q_ranks.items()
                                      if a == t.lemma_.lower() or a in adjective_synonyms(t.lemma_.lower())))
                if ranks and _rank_of(t) not in ranks:
                    # "the largest" where the quotes say "the second-largest", or the other way round
                    # ("second-largest" from a neighbouring clause: "..., and ZTE the second-largest")
                    _miss(t.text, 'rank')
                    continue
            group = _ORDER_GROUP.get(t.lower_)
            if group is not None and t.lower_ in _ORDER_OPPOSITE and t.i > 0 and sdoc[t.i - 1].lower_ in ("no", "not"):
                # "no later than February 11" is "on or before February 11": a negated comparative of
                # order says the other order (its "no" is no negation of the claim's predicate).
                group = _ORDER_GROUP[_ORDER_OPPOSITE[t.lower_]]
                negated_order.add(t.i - 1)
            if t.lower_ == "both" and t.dep_ in ("preconj", "det") and any(c.dep_ == "conj" for c in t.head.children):
                continue  # "both X and Y" says what "X and Y" says; the conjuncts are checked
            if t.lower_ == "any" and _under_negation(t):
                continue  # "denied any link", "has not added any entity": "any" under a negation is no quantity
            if group is not None and t.i not in figure_qualifiers and t.i not in attributed:
                # Order, time and quantity words are stop words, but "after" is not "before",
                # "all" not "only five", "last year" not "this year": one of the word's
                # group must be in the evidence.
                excepted = t.lower_ in _CONCESSIVE_CONJUNCTIONS and bool(_EXCEPTION_MARKERS & evidence_words)
                stronger = _WEAKER_THAN.get(t.lower_, frozenset()) & evidence_words
                if not (group & evidence_words) and not excepted and not stronger and \
                        not _deictic_order(t, group, quote_parse):
                    _miss(t.text, 'order/quantity')
                continue
            if t.lower_ == "longer" and t.i > 0 and sdoc[t.i - 1].lower_ in ("no", "any"):
                continue  # "can no longer buy": "no" negates (counted with the negations); "longer" says it held before
            if t.pos_ == "VERB" and q_ceased and t.lemma_.lower() in ceasing:
                # "has stopped the activities" for "is no longer engaged in the activities": the verb of
                # cessation is the quotes' "no longer" - a negation, counted with the others, so that
                # polarity decides; what ceased (its object) is checked as a word of the claim.
                prefixed[t.i] = 1
                continue
            if t.pos_ == "VERB" and t.lemma_.lower() in permitting and q_permission and any(
                    c.dep_ in ("ccomp", "xcomp") for c in t.children):
                # "Section 744.11 lets BIS take an entity off the list" for "BIS may remove an entity from
                # the list": a verb of permission with its complement says what the modal of permission
                # says; the act permitted and who may do it are checked as words, roles and polarity.
                continue
            if t.pos_ == "VERB" and q_ceased and t.lemma_.lower() in resuming:
                continue  # "unlikely to resume them": to do again what the quotes say has ceased
            if t.i in s_territory and (s_territory[t.i] in q_territories or subdivision_named(s_territory[t.i])):
                continue  # "American companies" for "US companies": the same territory, or its people
            if t.pos_ == "ADP" and _relational_predicate(t) and t.lower_ not in q_lemmas and t.i not in attributed:
                # "are outside the rule's scope" where the quotes say "applies to": a preposition that
                # is the claim's predicate and has a WordNet opposite (outside/inside, under/over)
                # states a side, as a direction verb does; it needs its counterpart.
                _miss(t.text, 'relational preposition')
                continue
            # Stop-listed verbs still count ("keep buying" is not "bars ... from buying"),
            # except the grammatical ones (be, have, do).
            if t.pos_ not in _CONTENT_POS or (t.is_stop and (t.pos_ != "VERB" or t.lemma_ in ("be", "have", "do"))) or \
                    t.is_punct or \
                    not any(c.isalnum() for c in t.text):
                continue
            if t.like_num or t.text.lower() in _UNITS or t.text.lower() in _TENS:
                continue  # checked as numbers
            if t.lower_ == "ones" or (t.lemma_.lower() == "one" and t.pos_ in ("NOUN", "PRON")):
                continue  # "ones for which ...": a pro-form; its antecedent and clause are the claim's words
            if t.i in attributed:
                continue  # "The State Department said ...": the speaker of the quotes
            if alias == "ok" and (t.lower_ in _ALIAS_WORDS or t.lemma_.lower() in DEFINITION_VERBS):
                continue  # "also known as", "its alternate names include" for the entry's "Alternate names:"
            if t.lemma_.lower() == "date" and t.pos_ == "NOUN" and e_dates:
                continue  # "on or after that date": the noun names a date the evidence gives (checked as dates)
            if t.i in figure_qualifiers:
                continue  # "roughly $42 billion" for "about $42 billion": compared by _certainty
            if t.lemma_.lower() in _DEONTIC_VERBS and t.tag_ == "VBN" and q_deontic and \
                    any(c.dep_ == "xcomp" for c in t.children):
                continue  # "are required to include" for "shall include": the same obligation
            if t.lemma_.lower() in _DEONTIC_VERBS and q_deontic and t.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in t.children):
                # "The rule obliges offerors to represent" for "to require offerors to represent": a verb
                # of obligation with its complement for the quotes' obligation; who is obliged to do
                # what is compared by the role rule (the quote's verb of obligation, if any).
                same = next((x.lemma_.lower() for x in q_words if x.lemma_.lower() in _DEONTIC_VERBS), "")
                if same:
                    paraphrased[t.lemma_.lower()] = same
                continue
            if t.lemma_.lower() in _DEONTIC_VERBS and q_deontic and t.pos_ == "NOUN" and \
                    not is_noun(t.lemma_.lower()) and any(x.lower_ == "to" and x.dep_ == "aux" for x in sdoc[t.i + 1:]):
                # "The rule obliges offerors to represent ...": the small parser tags "obliges" a noun
                # (and "offerors" the verb); WordNet knows no such noun, so it is the verb of obligation.
                continue
            if t.lower_ in _COMPLEX_SUBORDINATOR_HEADS and 0 < t.i < len(sdoc) - 1 and \
                    sdoc[t.i - 1].lower_ in ("as", "so") and sdoc[t.i + 1].lower_ == "as":
                continue  # "as long as": a conjunction, not a content word
            if q_hedged and t.lower_ in _SOFT_HEDGES:
                continue  # "likely to draw" for "almost certain to draw": a hedge for a hedge
            if t.lower_ == "according" and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "to":
                continue  # "according to X": a preposition of attribution; X itself is checked
            w, lem = _norm(t.text), t.lemma_.lower()
            replaced = replaced_compound(t, quote_parse, paraphrased, set(s_forms))
            if replaced:
                _miss(t.text, 'replaced modifier')
                log.debug("claim modifier %s in place of the quotes' %s", t.text, replaced)
                continue
            if not strict_nouns and t.pos_ == "NOUN" and _in_focus(t) and not (
                    w in quote_forms or lem in quote_forms or _root(t.text) in quote_forms
                    or (not t.is_alpha and _written_in(t.text, own))  # a code the quote writes: "1A004.c"
                    or noun_generalising(lem, quote_forms)
                    or any(own_nominal(v, {lem, w}) or derived_match(v, {lem, w}) for v in quote_verbs)):
                # What the sentence asserts (its focus) is bound to the quotes, as values are: a
                # word of a neighbouring entry or sentence ("Case-by-case" two records down) is
                # not what the cited quote says.
                _miss(t.text, 'focus noun')
                continue
            if w in q_lemmas or lem in q_lemmas or _root(t.text) in q_stems:
                continue
            if not t.is_alpha and len(t.text) >= 4 and _written_in(t.text, evidence):
                continue  # "dibnet.dod.mil" in "https://dibnet.dod.mil": a token of symbols the evidence spells out
            if any(len(f) >= 5 and any(len(x.text) >= 5 and _norm(x.text)[:5] == f[:5] for x in q_words)
                   for f in {w, lem}):
                continue  # derivation: "addition" ~ "adding", "prohibited" ~ "prohibition", "began" ~ "beginning"
            if t.pos_ == "VERB" and _negated_complement(t) and lem in prevention_verbs(0):
                # "stop entities from using" for "prevent technology from being used": both verbs of
                # prevention negate their "from" complement, whose polarity is checked below.
                same = next((x.lemma_.lower() for x in q_words if x.pos_ == "VERB" and x.lemma_.lower() in
                             prevention_verbs(0) and _negated_complement(x)), "")
                if same:
                    paraphrased[lem] = same
                    continue
            if t.pos_ == "VERB" and len(q_levels) == 1 and lem in _LEVEL_VERBS[next(iter(q_levels))]:
                continue  # "fell 1.6%" for "were down 1.6%"
            if lem in DEFINITION_VERBS and q_lemmas & DEFINITION_VERBS:
                continue  # "X includes Y" for a definition "X means– (1) Y; (2) ..."
            if t.pos_ == "VERB" and lem in _DENIAL_VERBS and q_reported_negation and any(
                    c.dep_ in ("dobj", "ccomp", "xcomp") for c in t.children):
                # "officials denied any link" for "officials said the action was not tied to ...": a
                # denial is a report of a negated claim; the negation is counted with the others.
                continue
            if t.pos_ == "VERB" and q_reports and lem in communication_verbs() and _has_clause(t) and \
                    lem not in DIRECTION_VERBS | _DENIAL_VERBS | _CONTESTED:
                continue  # "argued that ..." for '"...," the company added': one more verb reporting speech
            prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), "") if t.pos_ == "VERB" else ""
            if prt and f"{lem} {prt}" in wordnet_verbs()["lemmas"]:
                # A phrasal verb is one WordNet verb ("came out" for "was issued": "come out" shares a
                # synset with "issue"); its particle is part of the word, not a direction of its own.
                phrasal = f"{lem} {prt}"
                syn = synonym_verb(phrasal, q_verb_lemmas | q_phrasal) or hypernym_verb(phrasal, q_verb_lemmas) \
                    or derived_match(phrasal, q_nominals)
                if syn:
                    paraphrased[lem] = syn
                    continue
            if t.pos_ == "VERB":
                syn = synonym_verb(lem, q_verb_lemmas | q_phrasal | (q_noun_lemmas if t.tag_ == "VBG" else set()))
                # A more general verb than the quote's ("lived" for "resided"); a verb whose
                # WordNet derivation the quote uses as a noun ("sued" for "filed a lawsuit").
                syn = syn or hypernym_verb(lem, q_verb_lemmas) or derived_match(lem, q_nominals)
                if not syn and lem in DIRECTION_VERBS and not verb_antonyms(lem) & q_lemmas:
                    # "the listed firms" where the evidence speaks of its "blacklist"; "is presumptively
                    # denied" for "presumption of denial" (the noun of the verb's own first sense, which
                    # keeps its direction, as "opposition" keeps "oppose")
                    syn = direction_hypernym(lem, q_verb_lemmas, q_lemmas) or own_nominal(lem, q_noun_lemmas)
                if syn:
                    paraphrased[lem] = syn  # "gets" for "receives", "issued" for "released"
                    continue
            if t.pos_ in ("NOUN", "ADJ") and any(derived_match(v, {lem, w}) for v in q_verb_lemmas):
                continue  # "a lawsuit" for "sued": a noun WordNet derives from a quote verb
            if t.pos_ == "NOUN" and any(own_nominal(v, {lem, w}) or derived_match(v, {lem, w})
                                        for v in (q_verb_lemmas | participle_verbs(q_words))):
                # "voiced strong opposition" for "strongly opposes", "deep disappointment" for "deeply
                # disappointed": the noun of the quote verb's own first sense (its direction kept), or of
                # a verb whose participle the quote uses as an adjective.
                continue
            # A capital at the sentence start does not make a word a name ("Authorized exports"),
            # unless the word is no English word at all ("Hikvision said ...", which the small
            # parser tags as a common noun): then it is a name, and names are never paraphrased.
            name_shaped = t.is_sent_start and t.text[:1].isupper() and t.is_alpha and not is_wordnet_word(t.text)
            if t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) or name_shaped:
                if w in q_acr or any(fuzz.ratio(w, _norm(x.text)) >= self.name_fuzz and not _negated_form(w, _norm(x.text))
                                     for x in q_words):
                    continue
                if any(abbreviates(x.text, t.text) for x in qdoc):
                    continue  # "Massmutual Tower" for "Massmutual Twr", "Markham, Ontario" for "Markham, ON"
                if len(w) <= 5 and t.text.isupper() and w in q_acr:
                    continue
                if name_shaped:
                    _miss(t.text, 'name')
                    continue
            if t.pos_ == "NOUN" and noun_generalising(lem, q_noun_lemmas):
                continue  # "equipment" for "gear": a WordNet synonym or hypernym of a quote noun
            if t.pos_ == "ADJ" and any(x.like_num for x in t.subtree if x.i != t.i) and \
                    noun_generalising(lem, q_noun_lemmas):
                # "worth roughly $42 billion" for "a market value of about $42 billion": an adjective
                # that measures by a figure, and is (by English conversion) the noun WordNet says the
                # quotes' measure noun is a kind of; the figure itself is compared as a number.
                continue
            if t.pos_ == "ADJ" and adjective_synonyms(lem) & q_lemmas:
                continue  # "biggest" for "largest": a WordNet adjective synset
            if t.pos_ == "VERB" and open_direction and _arguments(t) & open_direction:
                same_path = _path_restated(t, open_paths)
                if same_path:
                    # "put 28 entities on the Entity List" for "adding 28 entities to the Entity List":
                    # a verb of caused motion with the quote verb's goal (or source) restates it.
                    paraphrased[lem] = same_path
                    continue
            idiom_noun = _light_verb_of_idiom(t, q_words, q_lemmas) if t.pos_ == "VERB" else None
            if idiom_noun is not None:
                idiom_nouns.add(idiom_noun.i)
                continue  # "took effect" where the quotes say "Effective Date: ...": the verb of a WordNet idiom
            refused = "open direction" if open_direction and _arguments(t) & open_direction else \
                _free_word(t, q_lemmas, q_verb_lemmas, q_words) or (
                    "alias word" if alias_claim and t.lower_ in _ALIAS_WORDS else "")
            if refused in ("directional particle", "obliged act") and t.pos_ == "VERB":
                same_path = _path_agrees(t, quote_paths)
                if same_path:
                    # "flowed down to all subcontracts" for "insert ... in all subcontracts": the
                    # particle's direction is the path a quote verb gives the same participant (so
                    # too for an obliged act: "must put the clause into all contracts").
                    paraphrased[lem] = same_path
                    refused = ""
            if not refused and t.pos_ in ("ADV", "ADJ"):
                replaced = _replaced_modifier(t, quote_parse, paraphrased, set(s_forms))
                if replaced:
                    refused = f"in place of the quotes' '{replaced}'"
            if not refused:
                # (the words of "also known as" make an alias claim, which the entries must back)
                tolerated.append(t.text)  # "covers" for "targets": a word that neither judges nor reverses
                loose.add(t.i)
                continue
            if t.pos_ == "NOUN" and refused == "name/number/symbol" and t.text.isupper() and len(t.text) >= 2:
                # An acronym the quotes do not spell ("GOTS" where they say "commercial-off-the-shelf")
                # is a name, whatever its tag: names are never paraphrased.
                _miss(t.text, 'name')
                continue
            if t.pos_ == "NOUN" and self.embed is not None:
                nouns_to_embed.append(t.text)
                continue
            if t.pos_ == "NOUN" and not strict_nouns and not _contrastive_noun(t, q_noun_lemmas, q_words):
                tolerated.append(t.text)
                loose.add(t.i)
                continue
            _miss(t.text, refused or 'noun')
            log.debug("claim word without a counterpart: %s (%s)", t.text, refused or "noun")
        if nouns_to_embed and not missing:
            import numpy as np

            cands = list(dict.fromkeys(x.text for x in q_words if x.pos_ in ("NOUN", "PROPN")))
            if not cands:
                unmatched = list(nouns_to_embed)
            else:
                vecs = self._vectors(nouns_to_embed + cands)
                a = np.asarray(vecs[: len(nouns_to_embed)], dtype="float32")
                b = np.asarray(vecs[len(nouns_to_embed):], dtype="float32")
                best = (a @ b.T).max(axis=1)
                unmatched = [n for n, s in zip(nouns_to_embed, best) if s < self.noun_similarity]
            if strict_nouns:
                for n in unmatched:
                    _miss(n, 'noun')
            else:
                # A common noun without a counterpart is a paraphrase ("round" for "fundraising",
                # "sales" for "revenue") unless it can swap what the claim is about: see
                # _contrastive_noun. The sentence's meaning is still held to its quotes' below.
                by_text = {x.text: x for x in sdoc if x.pos_ == "NOUN"}
                for n in unmatched:
                    if _contrastive_noun(by_text.get(n), q_noun_lemmas, q_words):
                        _miss(n, 'contrastive noun')
                    else:
                        tolerated.append(n)
                        loose.update(x.i for x in sdoc if x.text == n)
        new = unanchored_predicate(sdoc, loose)
        if new:
            _miss(new, 'unanchored predicate')
            log.debug("claim predicate without an anchor in the evidence: %s", new)
        if missing:
            yield Verdict(False, f"word(s) not supported by the quotes: {', '.join(missing[:4])}", missing=missing, rule='words', why=why)
        if tolerated:
            log.debug("claim words without a counterpart, neither judging nor reversing: %s", tolerated)
        role = swapped_role(sdoc, [d for d, _, _ in in_sentences], paraphrased)
        if role:
            yield Verdict(False, f"the quotes give '{role}' another role", missing=[role], rule='role')
        # Polarity: the sentence and its quotes must agree on the parity of negation cues
        # ("may not, without a licence" = 2 cues = "without a licence ... may not" ≠ "may ... without a
        # licence"); and a negated predicate of the sentence must be negated in the quotes.
        # A negation just before a quote ("are not | allowed to export") belongs to it.
        quotes_text = " ".join(_with_lead(q, context) for q in quotes)
        qonly = self._parse(quotes_text)
        s_lemmas = {t.lemma_.lower() for t in sdoc} | set(paraphrased.values())
        s_cues, q_cues = _cues(sdoc) - len(negated_order), _cues(qonly, about=s_lemmas)
        s_cues += sum(1 for v in prefixed.values() if v > 0)
        q_cues += sum(1 for v in prefixed.values() if v < 0)
        q_cues += sum(_cues(self._parse(lead), about=s_lemmas) for lead in leads if lead)
        if s_cues % 2 != q_cues % 2:
            yield Verdict(False, f"polarity differs: {s_cues} negation(s) in the sentence, {q_cues} in the quotes", rule='polarity')
        # A predicate the sentence negates must be negated in the quotes. An explicit negation
        # comes first: "does not bar the firms from buying" negates "bar" (its implied negation
        # of "buying" is cancelled by it), where the quotes negate only "buying".
        explicit, _ = _negated_predicates(sdoc, implicit=False)
        s_neg = {paraphrased.get(x, x) for x in explicit or _negated_predicates(sdoc)[0]}
        q_neg, q_scope = _negated_predicates(qdoc)
        cancelled = explicit & (prevention_verbs(0) | prohibition_verbs() | _NEGATIVE_IMPLICATIVES)
        if (s_cues % 2 or cancelled) and s_neg and not (s_neg & (q_neg | q_scope)) and not any(
                derived_match(q, {n}) or own_nominal(q, {n}) for q in q_neg for n in s_neg):
            # ("had no link to" for "was not tied to": the noun WordNet derives from the negated verb)
            yield Verdict(False, f"the sentence negates '{sorted(s_neg)[0]}' but the quotes do not", rule='negated-predicate')
        why = _certainty(sdoc, sentence, qonly, quotes_text)
        if why:
            yield Verdict(False, why, rule="certainty")
        done = obligation_as_fact(sdoc, quote_parse, paraphrased)
        if done:
            yield Verdict(False, f"the quotes say what must be done; the sentence says it was done ('{done}')",
                          rule="modality")
        optional = obligation_as_option(sdoc, quote_parse, paraphrased)
        if optional:
            yield Verdict(False, f"the quotes say what must be done; the sentence leaves it to a choice ('{optional}')",
                          rule="modality")
        why = self._attribution(sdoc, quotes, context, publishers)
        if why:
            yield Verdict(False, why, rule="attribution")
        sim = 1.0
        if self.embed is not None:
            import numpy as np

            v = self._vectors([sentence, " ".join(quotes)])
            if v[0] and v[1]:
                sim = float(np.dot(v[0], v[1]))
            if sim < self.min_similarity:
                yield Verdict(False, f"meaning differs from the quotes (similarity {sim:.2f})", similarity=sim, rule='similarity')
        yield Verdict(True, "", similarity=sim, rule="")
