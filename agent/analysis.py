"""Question analysis: what kind of answer is asked for, the key terms with weights,
the focus noun, and evidence features (dates, figures, names) of sentences."""
from __future__ import annotations

import calendar
import functools
import itertools
import logging
import math
import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from ingest.normalise import joined_numbers
from ingest.store import IndexStore

from .answering.nlp import WH_TAGS
from .multilingual import asks_when, find_month_dates
from .text import QUESTION_WORDS, STOPWORDS, content_terms, stem, tokens

log = logging.getLogger(__name__)

_MONTH_ABBR = {calendar.month_abbr[i].lower(): calendar.month_name[i].lower() for i in range(1, 13)} | {"sept": "september"}

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]


# Word forms are normalised with general linguistic data from maintained libraries,
# not with tables written for the questions: spaCy's English lemma exceptions
# ("held" -> "hold", "children" -> "child") and rigour's territory names, which map
# countries, demonyms and codes to one code ("American", "U.S.", "USA" -> "us";
# "Chinese", "China", "PRC" -> "cn").


@functools.lru_cache(maxsize=1)
def _spacy_stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported on first use (``import spacy`` is ~1 s; a module
    level import made every importer of this module pay it)."""
    from .answering.nlp import stop_words

    return stop_words()


@functools.lru_cache(maxsize=1)
def _lemma_exceptions() -> dict[str, str]:
    """Irregular English forms -> lemma, from the lemmatizer tables of spaCy's
    ``en_core_web_sm`` (loaded once, lazily). Empty when spaCy is unavailable."""
    try:
        from .answering.nlp import nlp

        tables = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except Exception as exc:  # noqa: BLE001 - matching still works on stems
        log.warning("spaCy lemma exceptions unavailable (%s); irregular forms match by stem only", exc)
        return {}
    out: dict[str, str] = {}
    for pos in ("verb", "noun", "adj", "adv"):
        try:
            table = tables[pos]
        except KeyError:
            continue
        for form, lemmas in table.items():
            if lemmas and form not in out and form.isalpha():
                out[form] = lemmas[0]
    return out


@functools.lru_cache(maxsize=65536)
def territory_code(word: str) -> str | None:
    """Key of a country, region or demonym ("Chinese" -> "@cn", "U.S."/"US" -> "@us"),
    via rigour's territory names and codes; None for other words. Only capitalised
    words of three or more letters, abbreviations and upper-case codes are looked up
    ("In" and "It" are words)."""
    w = word.strip("'’").rstrip(".")
    if not w[:1].isupper() or (len(w) < 3 and "." not in w and not w.isupper()):
        return None
    try:
        # rigour's lookup_territory, answered from a table precomputed at build time (its own
        # first call normalises ~29k names: ~1.2 s of a cold ask); see agent/territories.py.
        from .territories import lookup_code
    except ImportError:  # pragma: no cover - rigour is a dependency
        return None
    # A code is written in capitals ("US", "PRC", "U.S."); a capitalised word is a name or nothing:
    # "Can", "Are", "Per", "Mar" open questions and dates, and "Bel Huawei" is Belarusian.
    code = lookup_code(w, identifiers=w.isupper() or "." in w)
    # Prefixed so a code never collides with a word ("in" for India).
    return f"@{code}" if code is not None else None


_DATE_RE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}"  # ISO; US numeric ("10/09/2019", as FR public-inspection copies print)
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}"
    # The same in capitals, as press datelines print them ("OCTOBER 8, 2019").
    r"|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\s+\d{1,2},\s+\d{4}"
    r"|\d{1,2}\s+(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\s+\d{4})\b"
    # Chinese/Japanese and Korean dates: 2019年6月1日, 2022년 8월 1일 (no word boundary:
    # the characters around them are letters too).
    r"|(?<![\d０-９])[\d０-９]{4}\s*[年년]\s*[\d０-９]{1,2}\s*[月월]\s*[\d０-９]{1,2}\s*[日일]")


@functools.lru_cache(maxsize=1)
def _number_re() -> re.Pattern:
    """Figures: money, percentages, counts in digits or in words. The words are spaCy's English
    number words (zero to trillion, "hundreds"/"thousands"/"millions" for rough counts), joined
    by spaces or hyphens, "and" after "hundred"/"thousand" ("fourteen", "twenty-eight", "two
    hundred and fifty"). Compiled on first use: spaCy is imported through
    :func:`agent.answering.nlp.import_spacy` (which keeps torch out), not at module import."""
    from .answering.nlp import import_spacy

    import_spacy()
    from spacy.lang.en.lex_attrs import _num_words

    words = _num_words[: _num_words.index("trillion") + 1]
    word = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    word = f"(?:{word}|hundreds|thousands|millions|billions)"
    spelled = rf"(?i:{word}(?:(?:[\s-]|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){word})*)"
    return re.compile(
        r"(?:(?:US)?\$|€|£|¥)\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|mn|m)\b)?"
        r"(?:\s?\((?:US)?\$\d[\d,.]*\s?(?:million|billion|trillion)?\))?"
        r"|\b\d[\d,.]*\s?(?:%|percent\b|per cent\b)"
        r"|\b\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|hundred))?(?:\s(?:yuan|dollars|euros|pounds|yen|won|rupees))"
        r"(?:\s\((?:US)?\$\d[\d,.]*\s?(?:million|billion|trillion)?\))?"
        r"|\b\d[\d,.]*(?:\s(?:million|billion|trillion|thousand|hundred))?\b"
        r"|\b" + spelled + r"\b")


_NOT_FIGURE = re.compile(
    r"\b\d+\s+(?:FR|CFR|U\.S\.C\.?|Stat\.)\s+\d+|§+\s*[\d.()a-z-]+|(?<![$€£¥\d.])\b\d+\.\d+(?:-\d+)?\b(?!\s*(?:million|billion|trillion|thousand|%|percent|per cent))(?=\s*[a-zA-Z(])"
    r"|\b\d{4}-\d{2}(?:-\d{2})?\b|\b(?i:No|Nos|Docket|RIN|Case|Pub)\.?\s*(?:L\.\s*)?[\w-]*\d[\w-]*"
    r"|\(\d{3}\)\s*\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b|\b[A-Z]{2,}[ -]?\d+[\w.-]*"
    # Provisions of a legal text: "section 889(a)(1)(B)", "paragraph (b)(2)", "4.2102(d)", "(1)".
    r"|\b(?i:sections?|paragraphs?|subparts?|parts?|clauses?|subsections?)\s+\(?[\d.]*[\w.()-]*\d[\w.()-]*"
    r"|\b\d+(?:\.\d+)*(?:\([A-Za-z0-9]{1,4}\))+|\((?:[a-z]{1,4}|\d{1,2})\)"
    # Web addresses, and digit groups joined by hyphens ("2020-15827", "202-482-5991"): labels.
    r"|\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|com|org|net|int|edu|mil)/\S*"
    r"|\b\d+(?:-\d+)+\b(?!\s*(?:%|percent\b|per cent\b))")
_NAME_RE = re.compile(
    r"(?<![\w'’])((?:[A-Z][\w&'’.-]*|[a-z]{1,2}[A-Z][\w&.-]*)"
    r"(?:\s+(?:(?:of|and|for|de|la|the)\s+)?(?:[A-Z][\w&'’.-]*|[a-z]{1,2}[A-Z][\w&.-]*|\d+[A-Za-z]*))*)")


class AnswerKind(str, Enum):
    STATEMENT = "statement"  # what did X say / how did X respond
    LIST = "list"  # which X (plural) / who
    ENTITY = "entity"  # which X (singular), whose, who
    DATE = "date"  # when / what date
    QUANTITY = "quantity"  # how many / how much / what percentage
    REASON = "reason"  # why
    PLACE = "place"  # where
    OTHER = "other"


@dataclass
class Term:
    surface: str
    key: str  # normalised stem
    weight: float
    df: int
    named: bool  # capitalised (a name, a demonym, a month) or a number


@dataclass
class Question:
    text: str
    kind: AnswerKind
    terms: list[Term]
    focus: list[str] = field(default_factory=list)  # focus noun phrase (stems); last is the head
    focus_head_df: int | None = None
    focus_of: list[str] = field(default_factory=list)  # what the focus is "of" ("terms of *the pact*"); last is the head
    # Is a word of the evidence the focus head, by meaning ("suppliers" for "vendors")?
    # Set by the answerer (it needs the embedding model); None: the head's own key only.
    focus_match: Callable[[str], bool] | None = None
    # How likely a quantity question asks for each unit ("percent", "money", "count", "measure",
    # "any"), by the unit model (answering.units); None: no model, or not a quantity question.
    units: dict[str, float] | None = None
    # The question asks for an identifier ("the docket number of the rule"), by the unit model.
    identifier: bool = False
    # The question asks for a length of time ("how long ...", "within how many business days"):
    # a quantity whose values are durations (:func:`find_durations`).
    duration: bool = False
    frequency: bool = False  # "how often": answered by a frequency ("annually", "every quarter")
    # Keys of the hyphenated compounds of a name and a common word ("Xinjiang-related", "Harbin-based")
    # whose name the sources write: they describe what is asked about by a relation to the name.
    descriptors: frozenset[str] = frozenset()

    @property
    def named_terms(self) -> list[Term]:
        return [t for t in self.terms if t.named]


_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def number_word(w: str) -> str | None:
    """"twenty-eight" -> "28" (so a question's "28" matches a rule's "twenty-eight")."""
    if w in _UNITS:
        return str(_UNITS.index(w))
    parts = w.split("-")
    if parts[0] in _TENS and (len(parts) == 1 or (len(parts) == 2 and parts[1] in _UNITS[1:10])):
        return str(_TENS[parts[0]] + (_UNITS.index(parts[1]) if len(parts) == 2 else 0))
    return None


def synonyms(text: str) -> list[str]:
    """Lemmas of the irregular word forms in ``text`` ("held" -> "hold"), added to
    keyword queries so the stemmed keyword index finds the other forms."""
    exc = _lemma_exceptions()
    return [exc[t.lower()] for t in tokens(text) if t.lower() in exc]


@functools.lru_cache(maxsize=262144)
def norm_key(word: str) -> str:
    """Matching key of a word: territory names and demonyms folded to one code
    (rigour), irregular forms to their lemma (spaCy tables), then stemmed."""
    raw = word.strip("'’.").replace("’", "'")
    if raw.endswith("'s") or raw.endswith("'S"):
        raw = raw[:-2]
    code = territory_code(raw)
    if code is not None:
        return code
    w = raw.lower()
    num = number_word(w)
    if num is not None:
        return num
    w = _MONTH_ABBR.get(w, w)
    w = _lemma_exceptions().get(w, w)
    return stem(w)


def date_keys(text: str) -> set[str]:
    """Month-name, day and year keys of every ISO date in ``text``, so "October 2019" or
    "October 9, 2019" in a question matches "2019-10-09" in a record or a document's date (the
    keys "october", "9", "2019", as the written date has them)."""
    keys: set[str] = set()
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", text):
        y, mo, day = m.group(1), int(m.group(2)), int(m.group(3))
        keys.add(y)
        if 1 <= mo <= 12:
            keys.add(stem(MONTHS[mo - 1]))
            if 1 <= day <= 31:
                keys.add(str(day))
    return keys


def text_keys(text: str) -> set[str]:
    """All matching keys of a text (words, date keys, and acronyms it uses); a copy
    of a cached set (sentences recur across questions)."""
    return set(_text_keys(text))


@functools.lru_cache(maxsize=8192)
def _text_keys(text: str) -> frozenset[str]:
    """All matching keys of a text (words, date keys, and acronyms it uses)."""
    toks = tokens(text)
    keys = {norm_key(t) for t in toks} | date_keys(text)
    keys |= set(joined_numbers(text))  # issue 9: "10,000" in the text also matches "10000" in a question
    for a, b in zip(toks, toks[1:]):  # two-word territory names ("United States", "Hong Kong")
        if a[:1].isupper() and b[:1].isupper():
            code = territory_code(f"{a} {b}")
            if code is not None:
                keys.add(code)
    if re.search(r"\bNo\.\s*\d", text):  # "Docket No. 190925" is a docket number
        keys.add("number")
    return frozenset(keys)


def acronym_keys(terms: list["Term"], keys: set[str]) -> set[str]:
    """Question terms covered through an acronym in the text: "initial public
    offering" is covered by "IPO"."""
    covered: set[str] = set()
    n = len(terms)
    for i in range(n):
        for j in range(i + 2, min(n, i + 5) + 1):
            acro = "".join(t.surface[0].lower() for t in terms[i:j])
            if acro in keys:
                covered |= {t.key for t in terms[i:j]}
    return covered


def key_in(key: str, keys: set[str]) -> bool:
    """Exact key match, or a shared prefix for long words ("fund" ~ "fundrais"): a key of
    ``keys`` that starts with ``key`` (4+ characters), or, for a ``key`` of 6+ characters, one
    of 4+ characters that it starts with."""
    if key in keys:
        return True
    n = len(key)
    if n < 4 or key.isdigit():
        return False
    # The key's own prefixes are a few set lookups, not a pass over ``keys`` (this runs for every
    # question term against every candidate sentence).
    if n >= 6 and any(key[:i] in keys for i in range(4, n)):
        return True
    return any(k.startswith(key) for k in keys)


_CLAUSE_BREAK = re.compile(r"\s+[-–—]+\s+|:\s+|;\s+|(?<=[a-z][.!?])\s+(?=[A-Z])|(?<=\?)\s+(?=[A-Z])")
# The wh-words as a regex alternation (the same words as _QUESTION_WORDS, below, as a set).
_WH_PATTERN = "what|which|who|whom|whose|when|where|why|how"
_ASKING = re.compile(rf"^(?:{_WH_PATTERN}|name|list)\b", re.I)


def asking_clause(question: str) -> str:
    """The clause that asks: the last part (after a dash, colon, semicolon or the end
    of a sentence) that opens with a wh-word or a request ("quick one: *which businesses got hit ...*",
    "Seagate settlement - *what was the amount?*"); the whole question otherwise.
    Used for the answer kind and the focus only; terms come from the whole question
    (the names before the break are what the clause is about)."""
    parts = [p.strip() for p in _CLAUSE_BREAK.split(question.strip()) if p.strip()]
    if len(parts) > 1 and _follow_up_of_polar(parts[-1]):
        # "Is an alias recorded for X? *If so, what is it?*": the follow-up asks for what the yes/no
        # question asks to exist, and says nothing of its own - the yes/no question is what asks.
        return parts[-2]
    if len(parts) > 1 and _request_naming_nothing(parts[-1]):
        # "Which data elements are due in the first report? *List them.*": the request asks for what
        # the question before it asks, and names nothing of its own.
        return asking_clause(" ".join(parts[:-1]))
    asking = [p for p in parts if _ASKING.match(p)]
    if asking and len(parts) > 1:
        return asking[-1]
    return _after_fronted_phrase(question.strip())


def without_restating_request(question: str) -> str:
    """``question`` without a last request that asks again what the question before it asks ("What
    does the campaign include? *List the elements.*", :func:`_request_naming_nothing`): its words
    name nothing to find. ``question`` itself when it ends otherwise."""
    breaks = list(_CLAUSE_BREAK.finditer(question.strip()))
    if not breaks:
        return question
    head, last = question.strip()[:breaks[-1].start()], question.strip()[breaks[-1].end():]
    if head.strip() and last.strip() and _request_naming_nothing(last.strip()):
        return head.strip()
    return question


# "If so", "If yes", "If any": a follow-up on the answer to the yes/no question before it.
_IF_SO = re.compile(r"^if\s+(?:so|yes|any)\b\W*", re.I)


@functools.lru_cache(maxsize=1024)
def _follow_up_of_polar(part: str) -> bool:
    """Is ``part`` a follow-up "If so, what is it?" / "If so, which?" / "If any, what are they?" that
    names nothing (spaCy: no noun, proper noun, number, adjective or main verb after "If so"): it asks
    for the thing the yes/no question before it asks about. A follow-up with words of its own ("If so,
    on what basis?") asks something else."""
    m = _IF_SO.match(part)
    if m is None or not _ASKING.match(part[m.end():]):
        return False
    try:
        from .answering.nlp import parse

        doc = parse(part[m.end():], disable=["ner", "lemmatizer"])
    except Exception:  # noqa: BLE001 - no parser: the follow-up is read as written
        return False
    # (A request's own verb asks as a wh-word does: "If any, *list* them.")
    return not any(t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "VERB") for t in doc[1:]) and \
        (doc[0].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ") if len(doc) else False)


@functools.lru_cache(maxsize=1024)
def _request_naming_nothing(part: str) -> bool:
    """Is ``part`` a request that names nothing - "List them.", "Name them all.", "Please give it." (spaCy:
    an imperative - its first word a verb in the base form, or a request word of :data:`_ASKING` - with
    no noun, proper noun, number, adjective or other verb after it)? It asks again what the question
    before it asks. A request with words of its own ("List the ECCNs.") asks for those; a wh-word
    ("Why?") asks something else."""
    words = re.sub(r"^please\s+", "", part.strip(), flags=re.I)
    if _WH_OPENING.match(words):
        return False
    try:
        from .answering.nlp import parse

        doc = parse(words, disable=["ner"])
    except Exception:  # noqa: BLE001 - no parser: the request is read as written
        return False
    if len(doc) < 2 or not (doc[0].tag_ == "VB" or _ASKING.match(doc[0].text)):
        return False
    rest = [t for t in doc[1:] if not t.is_punct]
    # (Nor does a definite plural noun alone that WordNet files as a part of something: "List *the
    # elements*." asks for the parts of what the question before it asks about; "List the *ports*."
    # asks for ports.)
    if len(rest) == 2 and rest[0].tag_ == "DT" and rest[0].lower_ in ("the", "these", "those") \
            and rest[1].tag_ == "NNS" and rest[1].text.islower():
        from .lexical import noun_generalising, token_noun

        return noun_generalising("part", {token_noun(rest[1])}) is not None
    return not any(t.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "VERB") for t in doc[1:])


_WH_OPENING = re.compile(rf"(?:{_WH_PATTERN})\b", re.I)


# Only the wh-words that ask for a thing: a fronted "Under 15 CFR 744.11, *when* can BIS remove an
# entity?" asks under what conditions, which the whole question says better than "when" alone.
# ("how much/long" too: "After the initial report, how much time ..."; not "how many", which a fronted
# partitive restricts: "Of the 190 additions Ross cited, how many were companies?")
# A request ("Under FAR 52.204-25, *name the five companies ...*") asks as a wh-word does.
_WH_AFTER_COMMA = re.compile(r",\s+(?=(?:what|which|who|whom|whose|how (?:much|long)|name|list)\b)", re.I)


@functools.lru_cache(maxsize=1024)
def _after_fronted_phrase(question: str) -> str:
    """The wh-clause after a fronted prepositional or subordinate phrase ("Besides Hikvision,
    SenseTime and Megvii, *which other firms were on the list?*", "For a client note, *what
    date ...*"): the question opens with a preposition or subordinator (spaCy's tag), and a
    comma precedes the wh-word. The question itself otherwise ("Is Huawei, which is Chinese,
    listed?" opens with a verb)."""
    if _ASKING.match(question):
        return question
    try:
        from .answering.nlp import parse

        m = _WH_AFTER_COMMA.search(question) or _imperative_after_comma(question)
        if m is None:
            return question
        fronted = parse(question[:m.start()], disable=["ner", "lemmatizer"])
    except Exception:  # noqa: BLE001 - no parser: the whole question
        return question
    first = fronted[0]
    # A complex preposition opens it too: "*Apart from* Hikvision, SenseTime and Megvii, which
    # other companies ...?", "*Aside from* ..." (an adverb or adjective the preposition follows), or a
    # participle that is one ("*According to* the record for X, what ...?").
    complex_prep = len(fronted) > 1 and (first.pos_ in ("ADV", "ADJ") or first.tag_ == "VBG") \
        and fronted[1].pos_ == "ADP"
    return question[m.end():] if first.pos_ in ("ADP", "SCONJ") or complex_prep else question


def _imperative_after_comma(question: str) -> "re.Match[str] | None":
    """The first ", " after which a request opens with a verb in the base form ("For Intellifusion,
    *give* the aliases ...": spaCy's tag VB, the imperative's; not "For X, *were* ...?"), or None."""
    from .answering.nlp import parse

    for m in re.finditer(r",\s+(?=[a-z])", question):
        rest = parse(question[m.end():], disable=["ner", "lemmatizer"])
        if len(rest) > 1 and rest[0].tag_ == "VB" and rest[0].dep_ == "ROOT":
            return m
    return None


def classify(question: str) -> AnswerKind:
    if asks_when(question):  # "متى", "何时", "いつ", "когда" ...: another language's "when"
        return AnswerKind.DATE
    q = asking_clause(question).lower().strip()
    if re.match(r"^((since|by|until|till|from) when|when|what (date|day|year|time))(?![\w-])", q) \
            or re.search(r"\b(effective date|(?:what|which) (?:date|day|month|year))(?![\w-])", q) or re.search(r"\b(what|which) date\b", q):
        return AnswerKind.DATE
    if re.match(r"^(?:\w+ )?(?:what|which)\b", q) and (noun := _wh_noun(question)) is not None \
            and noun.lower_ in ("date", "day", "month", "year"):
        # The same nouns past the modifiers the wh-word's noun takes ("On what *exact* date ...",
        # "In which *calendar* year ..."), by the parse.
        return AnswerKind.DATE
    # (Or asked in place, no wh-word before it: "State's statement says Commerce imposed restrictions
    # on *how many* entities?")
    if re.match(r"^(?:(?!\b(?:what|which|who|whom|whose|when|where|why)\b).)*?\bhow (many|much)\b", q) or re.search(r"\b(what|which) (percentage|share|number|amount|value|price)\b", q) \
            or re.match(r"^what (?:is|was|are|were)\b.*\b(value|valuation|worth|price|revenue|revenues|sales|cost|amount|"
                        r"percentage|market cap\w*)\b", q) \
            or re.match(r"^what (revenue|valuation|price|amount|percentage|share)\b", q):
        return AnswerKind.QUANTITY
    said = re.match(r"^(what|how)\b.*\b(say|said|state|stated|respond|responded|react|reacted|comment|commented|announce|announced|tell|told|claim|claimed|argue|argued|warn|warned)\b", q)
    if said and _is_verb_at(question, said.group(2)):
        return AnswerKind.STATEMENT
    if re.match(r"^how (?:did|does|do|has|have|had|will|would)\b", q) and _speech_verb(question):
        # "How did Ross *describe* Huawei?", "How did BIS *justify* ...": the manner of a saying is
        # what was said (a verb whose first WordNet sense is one of communication).
        return AnswerKind.STATEMENT
    if re.match(r"^why\b", q) or re.search(r"\b(what|which) (reason|grounds)\b", q):
        return AnswerKind.REASON
    if re.match(r"^where\b", q):
        return AnswerKind.PLACE
    # "What <plural noun> ..." asks for the members of a set as "which" does ("what companies",
    # "what agencies"), by spaCy's tag of the noun "what" determines, not a list of such nouns.
    plural = _wh_noun_plural(question) if re.match(r"^(which|who|whom|whose|name|list|what)\b", q) else None
    if re.match(r"^(which|who|whom|whose|name|list)\b", q) or (q.startswith("what ") and plural):
        if plural is None:  # no parse: the first word after the wh-word
            m = re.match(r"^(?:which|what|whose)\s+(?:[\w'’-]+\s+){0,3}?([a-z]+)\b", q)
            plural = bool(m and m.group(1).endswith("s") and not m.group(1).endswith("ss"))
        if plural:
            return AnswerKind.LIST
        if re.match(r"^(who|list|name)\b", q):
            return AnswerKind.LIST
        return AnswerKind.ENTITY
    return AnswerKind.OTHER


_WH = {"what", "which", "whose", "how"}


def _is_verb_at(question: str, word: str) -> bool:
    """Is ``word`` (lower case) a verb where the question's asking clause writes it, by spaCy's tag
    ("What did they *comment*?"; not "What is the *comment* deadline?", "What *state* ...")? True
    without a parse (the surface rule stands)."""
    try:
        doc = _clause_doc(question)
    except Exception:  # noqa: BLE001 - no parser
        return True
    tokens = [t for t in doc if t.lower_ == word]
    return not tokens or any(t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" for t in tokens)


def _speech_verb(question: str) -> bool:
    """Is the main verb of the question's asking clause one of communication by its first WordNet
    sense ("describe", "characterize", "respond"; not "add", "impose", "define")? False without a parse."""
    from .lexical import speech_first

    try:
        doc = _clause_doc(question)
    except Exception:  # noqa: BLE001 - no parser: not read as a statement
        return False
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root is not None and root.pos_ == "VERB" and speech_first(root.lemma_.lower())


def _wh_noun(question: str):
    """The noun the wh-word determines ("which minority *groups*", "On what exact *date*"), from
    spaCy's parse; None when spaCy is unavailable or no wh-word determines a noun."""
    try:
        doc = _clause_doc(question)
    except Exception:  # noqa: BLE001 - the callers fall back to the surface rule
        return None
    for tok in doc:
        if tok.lower_ not in ("which", "what"):
            continue
        if tok.tag_ == "WDT" and (noun := _determined_noun(tok)) is not None:
            return noun
        # ("whose equipment" asks for the owners, however many: the noun's number says nothing.)
        if tok.dep_ in ("det", "dep") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            return tok.head
    return None


def _wh_noun_plural(question: str) -> bool | None:
    """Is the noun the wh-word determines plural ("which minority *groups*": a list is
    asked; "which *company*": one)? From spaCy's tags; None when spaCy is unavailable or
    no wh-word determines a noun."""
    noun = _wh_noun(question)
    if noun is None and (partitive := _partitive_plural(question)) is not None:
        return partitive
    return None if noun is None else noun.tag_ in ("NNS", "NNPS")


def _partitive_plural(question: str) -> bool | None:
    """Does a partitive wh-subject ask for several ("Which *of the parties* added on June 5, 2020
    *are* Harbin-based?"; not "Which of the companies *was* added first?")? By spaCy's tags: the
    wh-word's "of" phrase has a plural object, and the verb it is the subject of is not singular
    (a past tense says nothing of number: the plural object decides). None when the question has
    no such partitive."""
    try:
        doc = _clause_doc(question)
    except Exception:  # noqa: BLE001 - the caller falls back to the surface rule
        return None
    for tok in doc:
        if tok.lower_ not in ("which", "what") or not tok.dep_.startswith("nsubj"):
            continue
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or obj.tag_ not in ("NNS", "NNPS"):
            continue
        verbs = [tok.head] + [c for c in tok.head.children if c.dep_ in ("aux", "auxpass")]
        return not any(v.tag_ == "VBZ" or v.lower_ in ("was", "is", "has") for v in verbs)
    return None


_MODIFIER_ARCS = ("compound", "nmod", "amod", "poss", "nummod", "cc", "det", "punct", "case", "quantmod")


def _determined_noun(wh):
    """The noun a wh-determiner determines: the first noun after it that heads its own phrase, past
    its modifiers ("Which US chip and storage *vendors*"; "Which Harbin-based *entities*"; "What *items* of information must a
    contractor report ...?", where the parser hung the determiner on "report"). None when a verb
    comes first."""
    head = wh.head
    if wh.dep_ in ("det", "dep") and head.pos_ in ("NOUN", "PROPN") and head.i > wh.i and \
            all(t.dep_ in _MODIFIER_ARCS + ("conj",) or (t.dep_ == "npadvmod" and wh.i < t.head.i < head.i)
                for t in wh.doc[wh.i + 1:head.i]):
        return head  # the parser's own reading, when only the head's modifiers stand between
    skipped: set[int] = set()
    for t in wh.doc[wh.i + 1:]:
        if _participle_modifier(wh, t):
            skipped.add(t.i)
            continue
        if t.pos_ in ("VERB", "AUX"):
            return None
        if t.dep_ in _MODIFIER_ARCS or (t.dep_ == "conj" and t.head.i in skipped):
            skipped.add(t.i)
            continue
        return t if t.pos_ in ("NOUN", "PROPN") else None
    return None


def _participle_modifier(wh, tok) -> bool:
    """Is the token a participle modifying the noun after it, though the parser read it as the
    wh-word's verb ("Which *listed* party is that an alias of?": "Which" its subject, "party" its
    object)? A past form right after the wh-determiner, a noun right after it, and a later verb of
    its own for the clause."""
    doc = wh.doc
    if tok.i != wh.i + 1 or tok.tag_ not in ("VBN", "VBD") or tok.i + 1 >= len(doc):
        return False
    noun = doc[tok.i + 1]
    return noun.pos_ in ("NOUN", "PROPN") and any(t.pos_ in ("VERB", "AUX") for t in doc[noun.i + 1:])


def _noun_not_verb(word: str) -> bool:
    """Is the word a WordNet noun and no WordNet verb ("postcode")?"""
    from .lexical import is_noun, is_verb

    return is_noun(word) and not is_verb(word)


def _last_noun_read_as_verb(root) -> bool:
    """Is the parse's root verb the last word of a noun-phrase question, a noun the parser took
    for a present-tense verb ("Docket number and RIN of the Entity List additions *rule*?": the
    rule's numbers are its subject)? A verb with no object or complement after it that WordNet
    knows as a noun."""
    from .lexical import is_noun

    words = [t for t in root.doc if not t.is_punct]
    return root.pos_ == "VERB" and root.tag_ in ("VBP", "VBZ") and bool(words) and words[-1].i == root.i \
        and is_noun(root.lower_) and not any(c.i > root.i and not c.is_punct for c in root.children)


@functools.lru_cache(maxsize=256)
def _names_category(lemma: str) -> bool:
    """Is the noun a name for a category of things ("kind", "type", "sort", "form"): is "category"
    a synonym or near hypernym of it in WordNet?"""
    from .lexical import noun_generalising

    return noun_generalising("category", {lemma}) is not None


def parsed_focus(question: str) -> list[str] | None:
    """The focus noun phrase from spaCy's dependency parse: the noun a wh-word
    determines ("*which* US vendors", "*how many* entities"), or the noun that a
    copula equates with "what" ("what is IFLYTEK's *headcount*", "what was the
    *amount*"), with its compound/adjective modifiers before it; lemmas, as
    matching keys. ``[]`` when the question has no such noun; None when spaCy is
    unavailable."""
    try:
        doc = _clause_doc(question)
    except Exception as exc:  # noqa: BLE001 - fall back to the surface rule
        log.warning("spaCy parse unavailable (%s)", exc)
        return None

    def phrase(noun) -> list[str]:
        while noun.dep_ == "poss" and noun.head.pos_ in ("NOUN", "PROPN"):  # "which agency's *restrictions*"
            noun = noun.head
        # "what kinds of *measures*": a noun that names a category (WordNet: "kind", "type", "sort",
        # "form") asks for the things its "of" names.
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        things = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) \
            if of is not None else None
        # So does "name": "the *name of* the founder" asks for the founder (by name).
        if things is not None and (_names_category(noun.lemma_.lower()) or noun.lemma_.lower() == "name"):
            noun = things
        mods = [t for t in noun.children if t.dep_ in ("compound", "amod", "nmod") and t.i < noun.i
                and t.lower_ not in _WH and t.lower_ not in ("many", "much") and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")]
        return [norm_key(t.text) for t in mods] + [norm_key(noun.text)]

    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    opener = doc[0] if len(doc) else None
    if opener is not None and opener.tag_ == "VB" and opener.dep_ in ("ROOT", "advcl", "ccomp", "csubj"):
        # An imperative request ("Name the firms ...", "List the agencies ..."): the focus is its
        # direct object (also when the parser hangs the imperative under a later verb: "Name the
        # eleven entities the July 2022 rule added.", or makes it that verb's clausal subject: "Name
        # the other companies Reuters says *are* on the list.").
        obj = next((c for c in opener.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None:
            return phrase(obj)
    for tok in doc:
        if tok.lower_ not in _WH:
            continue
        # "Which Indian companies ...": the noun chunk the wh-word opens.
        # (A "what"/"which" right before its noun phrase determines it, however the parser hangs
        # it: in "To what postal address should comments ... be mailed?" it reads "what" as an object.)
        chunk = next((c for c in doc.noun_chunks if c.start <= tok.i + (tok.lower_ != "how") < c.end
                      and c.root.i != tok.i and (c.start <= tok.i or tok.dep_ in ("det", "dep")
                                                 or (c.start == tok.i + 1 and tok.lower_ in ("what", "which")))),
                     None)
        if chunk is not None and chunk.root.pos_ in ("NOUN", "PROPN"):
            return phrase(chunk.root)
        if tok.lower_ == "how":  # "how many entities": how -> many -> entities
            head = tok.head.head if tok.head.lower_ in ("many", "much") else None
            if head is not None and head.pos_ in ("NOUN", "PROPN"):
                return phrase(head)
            if head is not None and head.lemma_ == "be" and tok.head.dep_ == "nsubj":
                # "how many of those were *public security bureaus*": the copula's noun is counted.
                attr = next((c for c in head.children if c.dep_ == "attr" and c.pos_ in ("NOUN", "PROPN")), None)
                if attr is not None:
                    return phrase(attr)
            if head is not None:
                # "How much was X's overseas *revenue*?" ("much" the copula's complement) and "How much
                # did X say its overseas *revenue* was?" (a copula with no complement of its own,
                # reported by the verb "much" modifies): the copula's subject is what is measured.
                copulas = [head] if head.lemma_ == "be" and tok.head.dep_ in ("acomp", "attr") else \
                    [c for c in head.children if c.dep_ == "ccomp" and c.lemma_ == "be"
                     and not any(g.dep_ in ("acomp", "attr") for g in c.children)]
                subj = next((s for c in copulas for s in c.children
                             if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ == "NOUN"), None)
                # (A common noun: "How much is *Peltrix* looking to raise?" measures no Peltrix.)
                if subj is not None:
                    return phrase(subj)
            continue
        if tok.dep_ in ("det", "dep", "poss") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            return phrase(tok.head)
        if tok.dep_ in ("attr", "nsubj", "dobj") and tok.head.lemma_ == "be":
            other = [c for c in tok.head.children if c.dep_ in ("nsubj", "attr", "nsubjpass") and c.i != tok.i
                     and c.pos_ in ("NOUN", "PROPN")]
            if other:  # the one after the wh-word ("... - what was the *amount*")
                return phrase(min(other, key=lambda c: (c.i < tok.i, abs(c.i - tok.i))))
    if root is not None and not any(t.tag_ in WH_TAGS for t in doc) \
            and not any(t.pos_ == "AUX" for t in doc):
        # A question written as a noun phrase ("Docket number and RIN of the rule?", "zte address
        # on entity list?"): its head noun is what it asks for. The parser may take a participle
        # of a reduced relative clause for the root ("Docket number and RIN for the rule *adding*
        # 28 entities?"): then the noun it reads as its subject is the head.
        if root.pos_ in ("NOUN", "PROPN") or (root.pos_ == "VERB" and _noun_not_verb(root.text.lower())):
            # (A noun the tagger reads as a verb: "Urumqi PSB *postcode* on the entity list?".)
            # A verbless phrase has no subject: a noun the parser hangs as one on a later noun root
            # ("*Docket number* and RIN of the Oct. 9 2019 entity list additions *rule*?") is its head.
            # (A common noun that opens a phrase of its own - "of ...", "and RIN" - not a name
            # compounded onto the root: "Urumqi Municipal Public Security *Bureau* postcode".)
            subj = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i < root.i
                         and any(g.dep_ in ("prep", "conj") for g in c.children)), None)
            return phrase(subj if subj is not None else root)
        if root.tag_ in ("VBG", "VBN") or _last_noun_read_as_verb(root):
            subj = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
            if subj is not None:
                return phrase(subj)
    return []


_PHRASE_ENDS = frozenset("?,.;:!)")


@functools.lru_cache(maxsize=1024)
def source_phrases(question: str) -> tuple[str, ...]:
    """The phrases a question names as where its answer is to come from: the object of "according
    to" ("according to *Reuters*"), or of "per" when it holds a name ("*per the CSL*", not "per
    year"), by spaCy's parse; () for none."""
    from .answering.nlp import parse

    doc = parse(question, disable=["ner"])
    out: list[str] = []
    for tok in doc:
        objects = []
        if tok.lower_ == "according":
            objects = [o for to in tok.children if to.lower_ == "to" for o in to.children if o.dep_ == "pobj"]
        elif tok.lower_ == "per" and tok.dep_ == "prep":
            objects = [o for o in tok.children if o.dep_ == "pobj" and any(t.pos_ == "PROPN" for t in o.subtree)]
        if objects:
            # (One phrase however many objects the parser found in it: "according to DOE's PF 2019-33"
            # may come out as three, "DOE 's PF 2019", "-", "33".)
            lo, hi = min(o.left_edge.i for o in objects), max(o.right_edge.i for o in objects)
            # (And the pieces written onto its last word, which the parser may hang elsewhere: "2024-07".)
            while hi + 1 < len(doc) and not doc[hi].whitespace_ and doc[hi + 1].text not in _PHRASE_ENDS:
                hi += 1
            out.append(" ".join(t.text for t in doc[lo:hi + 1]))
    return tuple(out)


def source_speaker(phrase: str) -> str:
    """The lemma of the common noun of a person heading a source phrase (:func:`source_phrases`:
    "its US *spokesman*" - a person speaking, not a publication; WordNet), or ""."""
    from .lexical import names_a_person, noun_base

    last = phrase.split()[-1] if phrase.split() else ""
    return base if last.islower() and names_a_person(base := noun_base(last)) else ""


@functools.lru_cache(maxsize=256)
def _clause_doc(question: str):
    """spaCy's parse of the asking clause (read for the focus and its complement)."""
    from .answering.nlp import parse

    clause = number_abbreviation_spelt(asking_clause(question))
    # Capitalised as a sentence: the parser reads a lower-case "which X" as a pronoun.
    return parse(clause[:1].upper() + clause[1:])


def number_abbreviation_spelt(text: str) -> str:
    """``text`` with "no." after a noun and before no figure written "number" ("the docket *no.*
    and RIN" -> "the docket number and RIN"): the parser reads that "no." as an interjection ending
    a sentence. Before a figure ("Docket No. 190925-0044") it is left as written."""
    from .lexical import is_noun

    return re.sub(r"\b([A-Za-z]+) [Nn]o\.(?!\s*\d)",
                  lambda m: f"{m.group(1)} number" if is_noun(m.group(1).lower()) else m.group(0), text) \
        if re.search(r"\b[Nn]o\.", text) else text


def focus_complement(question: str, focus: list[str]) -> list[str]:
    """The noun phrase of an "of" after the focus head — what the focus is a part or
    measure *of* ("the terms of *the trade pact*", "the size of *the listing*"), as
    matching keys (modifiers, then its head); ``[]`` when there is none. A question
    about the terms of a pact is not answered by evidence that has terms but no pact."""
    if not focus:
        return []
    try:
        doc = _clause_doc(question)
    except Exception:  # noqa: BLE001 - no parse, no complement
        return []
    head = next((t for t in doc if t.pos_ in ("NOUN", "PROPN") and norm_key(t.text) == focus[-1]), None)
    if head is None:
        return []
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of else None
    if obj is None:
        return []
    mods = [t for t in obj.children if t.dep_ in ("compound", "amod") and t.i < obj.i and t.pos_ in ("NOUN", "ADJ")]
    return [norm_key(t.text) for t in mods] + [norm_key(obj.text)]


def focus_phrase(question: str) -> list[str]:
    """The noun phrase the question asks for: "What trade deal did..." -> [trade, deal];
    "How many employees..." -> [employee]; "Which agency's visa restrictions" -> [..., restriction].
    From the dependency parse (:func:`parsed_focus`); the words after a leading
    wh-word when the parse finds none (or spaCy is unavailable)."""
    parsed = parsed_focus(question)
    if parsed:
        return parsed
    q = question.strip().rstrip("?")
    # "What is the capital of France" asks for a "capital".
    q = re.sub(r"^(what|which)\s+(?:is|are|was|were)\s+(?:the|a|an)\s+", r"\1 ", q, flags=re.I)
    m = re.match(r"^(?:what|which|whose|how many|how much)\s+(.*)$", q, flags=re.I)
    if not m:
        return []
    rest = m.group(1).split()
    out: list[str] = []
    for w in rest:
        low = w.lower().strip(",;:")
        if low in STOPWORDS or low in QUESTION_WORDS or low in {"is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "will", "would", "can", "could", "should"}:
            break
        out.append(low)
    return [norm_key(w) for w in out]


# The least share of a word's mid-sentence occurrences in the index written capitalised for the word
# to count as a name when a question types it in lower case. Names measured 1.0 on the sample corpus
# ("iflytek", "zte", "entity", "list"), common words <= 0.75 ("state" 0.75, "visa" 0.67, "section" 0.39).
NAME_CASE_SHARE = 0.9


def measure_compound(word: str) -> bool:
    """Is ``word`` a number joined by hyphens to common nouns ("28-entity", "90-day", "10-page"): a
    modifier that measures something ("the 28-entity rule"), not a code? Its words are lower case and
    WordNet nouns; a code's letters are capitals or no words ("FAR-2018-0017", "9000-AN83")."""
    from .lexical import is_noun, noun_base

    first, *rest = word.split("-")
    return first.isdigit() and bool(rest) and all(
        w.isalpha() and w.islower() and is_noun(noun_base(w)) for w in rest)


def _is_dictionary_word(word: str) -> bool:
    """Is ``word`` an English word: a whole word of the embedding model's WordPiece vocabulary
    or a WordNet noun, verb or adjective ("docket")?"""
    from .lexical import is_adjective, is_noun, is_verb
    from .spelling import is_english_word

    low = word.lower()
    if "-" in low.strip("-"):
        # A compound of English words is one ("public-inspection", "follow-up"); "huawei-linked" is not.
        return all(_is_dictionary_word(part) for part in low.split("-") if part)
    return is_english_word(low) or is_noun(low) or is_verb(low) or is_adjective(low)


def _names_where_case_is_silent(question: str, terms: list[Term], silent: list[int], store: IndexStore) -> list[Term]:
    """Lower-case question words that the sources only write where case says nothing (record
    and heading lines: "Entity: Harbin Engineering University", "Alternate names: Anna Zhu")
    read as names when they are one:

    * a run of such words with their neighbours, consecutive in the question, that the sources
      write with every word capitalised (:meth:`IndexStore.capitalised_phrase_share` >=
      :data:`NAME_CASE_SHARE`): "harbin engineering university", "zhu jiejin";
    * a single such word that is no English word (:func:`_is_dictionary_word`): "cloudminds",
      not "docket".
    """
    from dataclasses import replace

    named = [t.named for t in terms]
    # Runs of terms that stand next to each other in the question (only spaces or hyphens between).
    runs: list[list[int]] = []
    for i, t in enumerate(terms):
        if runs and re.search(rf"(?<![\w-]){re.escape(terms[runs[-1][-1]].surface)}[\s-]+{re.escape(t.surface)}(?![\w-])",
                              question):
            runs[-1].append(i)
        else:
            runs.append([i])
    # ... split where a word the sources lack stands ("zhu jiejin *aka*").
    runs = [g for run in runs for g in (list(g) for _, g in itertools.groupby(run, key=lambda i: terms[i].df > 0))
            if terms[g[0]].df > 0]
    for run in runs:
        if not any(i in silent for i in run):
            continue
        # The longest window of the run holding a silent word that the sources write as a name.
        windows = [run[a:a + n] for n in range(len(run), 1, -1) for a in range(len(run) - n + 1)]
        for window in windows:
            if any(i in silent for i in window):
                share = store.capitalised_phrase_share([terms[i].surface for i in window])
                if share is not None and share >= NAME_CASE_SHARE:
                    for i in window:
                        named[i] = named[i] or terms[i].surface.islower()
                    break
        for i in run:
            if i in silent and not named[i] and not _is_dictionary_word(re.sub(r"['’]s$", "", terms[i].surface)):
                named[i] = True
    return [replace(t, named=n) if n != t.named else t for t, n in zip(terms, named)]


def _unwritten_compounds_split(words: list[str], store: IndexStore, cache: dict[str, int]) -> list[str]:
    """The question's words, a hyphenated compound of names the sources never write ("US-China")
    replaced by its parts when the sources write each of them ("US", "China"): its parts are what
    can be found. Not a compound with a common word ("India-based" restricts what is asked)."""
    out: list[str] = []
    for w in words:
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            if _frequency(w, store, cache) == 0 and all(_frequency(p, store, cache) > 0 for p in parts):
                out += parts
                continue
        out.append(w)
    return out


def is_ordinal_modifier(token) -> bool:
    """Is a spaCy token an ordinal word that restricts a noun ("the *third* interim rule"): like a
    number (spaCy's lexical attribute), a modifier of a noun, no cardinal and no digits?"""
    return token.like_num and token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN") \
        and not any(ch.isdigit() for ch in token.text) and number_word(token.lower_) is None


@functools.lru_cache(maxsize=256)
def _ordinal_modifiers(question: str) -> frozenset[str]:
    """The ordinal words that restrict a noun of the question (:func:`is_ordinal_modifier`). spaCy
    counts "first" and "third" as stop words, yet they say which of several things is asked about -
    a source about the second interim rule does not answer for the third."""
    try:
        doc = _clause_doc(question)
    except Exception:  # noqa: BLE001 - no parse: ordinals stay general words
        return frozenset()
    return frozenset(t.lower_ for t in doc if is_ordinal_modifier(t))


def analyse(question: str, store: IndexStore, df_cache: dict[str, int] | None = None) -> Question:
    """Kind, weighted terms and focus of a question (IDF from the index's keyword table)."""
    n = max(1, store.chunk_count())
    cache = df_cache if df_cache is not None else {}
    terms: list[Term] = []
    silent: list[int] = []  # lower-case words whose case the sources never show outside names/headings
    words = _unwritten_compounds_split(content_terms(question), store, cache)
    first = tokens(question)[0] if tokens(question) else ""
    ordinals = _ordinal_modifiers(question)
    for w in words:
        key = norm_key(w)
        if not key or (w.lower() in _spacy_stop_words() and (not w[:1].isupper() or w == first)
                       and w.lower() not in ordinals):
            # General words ("take", "make", "regarding") are evidence neither way; so is the first
            # word, whose capital says nothing ("Besides X, which ...").
            continue
        lookup = w.replace("’", "'")
        if lookup not in cache:
            cache[lookup] = store.document_frequency(re.sub(r"'s$", "", lookup))
        df = cache[lookup]
        idf = math.log((n + 1) / (df + 1)) + 1.0
        # (A number joined to a noun measures something, it names no one: "the *28-entity* rule".)
        named = (w[:1].isupper() and w != first) or (any(ch.isdigit() for ch in w) and not measure_compound(w)) \
            or territory_code(w) is not None or (len(w) > 1 and w[1:].lower() != w[1:])
        if not named and (w.islower() or w == first) and df > 0:
            # "iflytek address on entity list?": a word typed in lower case is a name when the
            # sources write it capitalised wherever case tells (not at a sentence start). So is
            # the question's first word, whose capital says nothing ("Hikvision street address
            # in Hangzhou?" names Hikvision; "Name the ..." names no one).
            share = store.capitalised_share(re.sub(r"'s$", "", lookup))
            named = share is not None and share >= NAME_CASE_SHARE
            if share is None:
                silent.append(len(terms))
        terms.append(Term(surface=w, key=key, weight=idf, df=df, named=named))
    if silent:
        terms = _names_where_case_is_silent(question, terms, silent, store)
    focus = focus_phrase(question)
    complement = focus_complement(question, focus)
    head_df = None
    if focus:
        head = focus[-1]
        head_df = next((t.df for t in terms if t.key == head), None)
    kind = answer_kind(question, store)
    # A date question's focus may name an identifier too: "What telephone number does the December
    # 2019 rule give?" (the answer-kind model hears the date; the unit model hears the number).
    # (Not a focus that names a date itself, by the answer-kind model: "the *date* of PF 2019-33".)
    from .answering.kinds import phrase_kind

    dated_focus = kind is AnswerKind.DATE and bool(focus) and \
        not re.match(r"(when|by when|since when)\b", asking_clause(question).strip().lower()) and \
        (phrase_kind(" ".join(focus), store.embedder) or ("",))[0] != AnswerKind.DATE.value
    units = _unit_probabilities(question, store) if kind is AnswerKind.QUANTITY or dated_focus else None
    from .answering.units import sure_unit

    # "What is the docket number of the rule?" asks for a label, not a figure: lead with the
    # sentence that gives it (a count of the rule's entities is no answer). "How many" and
    # "how much" ask for an amount whatever follows.
    identifier = sure_unit(units) == "identifier" and \
        not re.match(r"how (many|much)\b", asking_clause(question).strip().lower())
    if identifier:
        kind, units = AnswerKind.OTHER, None
    elif kind is AnswerKind.DATE:
        units = None
    duration = asks_duration(question, focus)
    if duration:
        kind, units, identifier = AnswerKind.QUANTITY, None, False
    frequency = asks_frequency(question, focus)
    if frequency:
        # A frequency is no date, however a date the question states pulls the kind model.
        kind, units, identifier = AnswerKind.OTHER, None, False
    return Question(text=question, kind=kind, terms=terms, focus=focus, focus_head_df=head_df,
                    focus_of=complement, units=units, identifier=identifier, duration=duration,
                    frequency=frequency, descriptors=_written_name_compounds(terms, store, cache))


def _written_name_compounds(terms: list[Term], store: IndexStore, cache: dict[str, int]) -> frozenset[str]:
    """The keys of the terms that join one capitalised name to common words by hyphens
    ("Xinjiang-related", "Harbin-based", not "US-China" nor "India-based" when no source writes
    "India") whose name the sources write (document frequency > 0)."""
    out = set()
    for t in terms:
        parts = [p for p in t.surface.split("-") if p]
        names = [p for p in parts if p[:1].isupper()]
        if len(parts) < 2 or len(names) != 1 or not all(p.islower() for p in parts if p not in names):
            continue
        if _frequency(names[0], store, cache) > 0:
            out.add(t.key)
    return frozenset(out)


def _frequency(word: str, store: IndexStore, cache: dict[str, int]) -> int:
    """The index's document frequency of ``word``, looked up once per question (``cache``)."""
    if word not in cache:
        cache[word] = store.document_frequency(word)
    return cache[word]


def asks_frequency(question: str, focus: list[str]) -> bool:
    """Does the question ask how often something happens: "how often" / "how frequently" opens its
    asking clause (or a clause of it), or its asked noun is a "frequency"?"""
    asked = asking_clause(question).strip().lower()
    if re.search(r"(?:^|[,;:]\s+)(?:\w+\s+)?how (?:often|frequently)\b", asked):
        return True
    return bool(focus) and focus[-1] == norm_key("frequency")


# A frequency written as a phrase: a distributive determiner or "once/twice/N times a" before a noun
# ("every year", "each quarter", "per annum", "twice a year", "every 90 days"); the noun must name a time
# (:func:`lexical.names_a_time`), checked by :func:`find_frequencies`.
_FREQUENCY_PHRASE = re.compile(
    r"\b(?:(?:every|each|per)\s+(?:(?:\d+|other|two|three|four|five|six|twelve)\s+)?"
    r"|(?:once|twice|thrice|(?:\d+|two|three|four)\s+times)\s+(?:a|an|per|each|every)\s+)([a-z]+)\b", re.I)


def find_frequencies(text: str) -> list[tuple[int, int, str]]:
    """The frequencies ``text`` states, as ``(start, end, text)`` in order: an adverb that WordNet
    puts in one synset with "every/each/per <time>" ("annually": "every year"; "quarterly": "every
    quarter"), an adverb made of a time noun and "-ly" ("monthly", "hourly"), or a phrase of
    :data:`_FREQUENCY_PHRASE` whose noun names a time ("every 90 days", "twice a year")."""
    from .lexical import adverb_synonyms, is_noun, names_a_duration, names_a_time, noun_base

    def timed(noun: str) -> bool:
        return names_a_time(noun) or names_a_duration(noun)

    out: list[tuple[int, int, str]] = []
    for m in _FREQUENCY_PHRASE.finditer(text):
        if timed(noun_base(m.group(1).lower())):
            out.append((m.start(), m.end(), m.group(0)))
    for m in re.finditer(r"\b[A-Za-z]+ly\b", text):
        word = m.group(0).lower()
        if any(o[0] <= m.start() < o[1] for o in out):
            continue
        # WordNet's own "every quarter" beside "quarterly" says it is distributive over a noun.
        distributive = any(re.fullmatch(r"(?:every|each|per) [a-z]+", s) and is_noun(s.split()[1])
                           for s in adverb_synonyms(word))
        # "monthly", "hourly"; "daily" (-ily: "day").
        if distributive or (len(word) > 4 and any(timed(stem) for stem in (word[:-2], word[:-3] + "y"))):
            out.append((m.start(), m.end(), m.group(0)))
    return sorted(out)


def asks_duration(question: str, focus: list[str]) -> bool:
    """Does the question ask for a length of time: "how long" / "how soon" / "how fast" / "how
    quickly" opens its asking clause (or a clause of it), or "how many" counts a noun that names a
    length of time by WordNet ("within how many business *days*", :func:`lexical.names_a_duration`)?"""
    from .lexical import names_a_duration, names_a_time, noun_base

    asked = asking_clause(question).strip().lower()
    # (At the start of the asking clause or of a clause after a comma: "If a contractor finds
    # covered equipment, how fast must it report?")
    if re.search(r"(?:^|[,;:]\s+)(?:\w+\s+)?how (?:long|soon|fast|quickly)\b", asked):
        return True
    if not focus:
        return False
    noun = noun_base(focus[-1])
    # "how much time": an amount of a time noun is a length of time.
    return (re.search(r"\bhow many\b", asked) is not None and names_a_duration(noun)) or \
        (re.search(r"\bhow much\b", asked) is not None and (names_a_duration(noun) or names_a_time(noun)))


def find_durations(text: str) -> list[re.Match]:
    """Lengths of time: a figure (:func:`find_numbers`) and, within two more words, a noun that names
    a length of time by WordNet ("15-month", "one business day", "10 business days", "two years");
    each match spans the figure to that noun."""
    from .lexical import names_a_duration, noun_base

    out = []
    for m in find_numbers(text):
        tail = re.match(r"(?:[\s-]+[A-Za-z]+){1,3}", text[m.end():])
        if tail is None:
            continue
        for w in re.finditer(r"[\s-]+([A-Za-z]+)", tail.group(0)):
            word = w.group(1).lower()
            if word in STOPWORDS:
                break
            if names_a_duration(noun_base(word)):
                found = re.compile(re.escape(text[m.start():m.end() + w.end()])).search(text, m.start())
                if found is not None:
                    out.append(found)
                break
    return out


def _unit_probabilities(question: str, store: IndexStore) -> dict[str, float] | None:
    """The unit model's probabilities for a quantity question (``answering.units``), or None.
    The figures the question states are left out: they say what it is about, not what it asks
    for ("the docket number of the rule adding *28* entities" asks for a code, not a count)."""
    from .answering.units import unit_probabilities

    # ("docket no." is read "docket number" first: without its figures the abbreviation says less.)
    asked = re.sub(r"\s*(?<![\w.])\d[\d,./-]*(?![\w])", "", number_abbreviation_spelt(question)) or question
    try:
        return unit_probabilities(asked, store.embedder)
    except Exception as exc:  # noqa: BLE001 - no unit preference
        log.warning("unit model failed (%s); figures of any unit", exc)
        return None


_QUESTION_WORDS = _WH | {"who", "whom", "when", "where", "why"}
_AUXILIARIES = frozenset({"do", "does", "did", "is", "are", "was", "were", "can", "could", "may", "might", "must",
                          "shall", "should", "will", "would", "has", "have", "had"})


def is_polar(question: str) -> bool:
    """Is the question's asking clause a yes/no question: it opens with an auxiliary or a
    copula ("Does ...", "Is Huawei on ...", "Can exporters ...") and holds no wh-word?"""
    clause = asking_clause(question).strip()
    words = re.findall(r"[A-Za-z]+", clause.lower())
    return bool(words) and words[0] in _AUXILIARIES and not _QUESTION_WORDS.intersection(words)


def answer_kind(question: str, store: IndexStore) -> AnswerKind:
    """The surface rules' kind (:func:`classify`); when they find none (``OTHER``), the
    fitted kind model's (``answering.kinds``: "what is the *target size* of the listing"
    asks for a figure), if it is sure enough."""
    kind = classify(question)
    if kind is not AnswerKind.OTHER or is_polar(question):
        # A yes/no question ("Does the requirement reach subcontracts for commercial items?") is
        # answered by the sentence that settles it, not by a figure or a name the model may hear.
        return kind
    from .answering.kinds import predict_kind

    try:
        predicted = predict_kind(question, store.embedder)
    except Exception as exc:  # noqa: BLE001 - the rules' answer stands
        log.warning("answer-kind model failed (%s); kind from the rules", exc)
        return kind
    if predicted is None:
        return kind
    log.debug("answer kind by the model: %s (p=%.2f)", *predicted)
    if (noun := _wh_noun(question)) is not None and (phrase := _noun_phrase_words(noun)):
        # The noun the wh-word determines names the kind asked, when it names one ("To which *website
        # or mailing address* must comments be sent?" asks a place, though the question is near the
        # date ones in meaning): the same model's kind for the phrase alone, if it is another.
        from .answering.kinds import phrase_kind

        named = phrase_kind(phrase, store.embedder)
        if named is not None and named[0] != predicted[0]:
            log.debug("answer kind by the asked noun %r: %s (p=%.2f)", phrase, *named)
            return AnswerKind(named[0])
    return AnswerKind(predicted[0])


def _noun_phrase_words(noun) -> str:
    """The noun with its compounds, adjectives and coordinated nouns, as written ("website or mailing
    address"), without its determiner or the phrases that modify it ("of the rule")."""
    keep = ("compound", "amod", "nmod", "conj", "cc")
    words = [noun]
    todo = [noun]
    while todo:
        tok = todo.pop()
        for c in tok.children:
            if c.dep_ in keep:
                words.append(c)
                todo.append(c)
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def find_dates(text: str) -> list[re.Match]:
    """Dates in English or CJK form, then those with another language's month names
    ("1 يونيو 2020", "1 июня 2020"; :func:`agent.multilingual.find_month_dates`), in text order."""
    found = list(_DATE_RE.finditer(text))
    other = [m for m in find_month_dates(text) if not any(d.start() < m.end() and m.start() < d.end() for d in found)]
    return sorted(found + other, key=lambda m: m.start()) if other else found


def find_numbers(text: str) -> list[re.Match]:
    """Figures: money, percentages, counts (bare years excluded)."""
    # Numbers inside dates, citations, section and docket numbers are not figures.
    blocked = [(d.start(), d.end()) for d in find_dates(text)]
    blocked += [(b.start(), b.end()) for b in _NOT_FIGURE.finditer(text)]
    out = []
    for m in _number_re().finditer(text):
        if any(a < m.end() and m.start() < b for a, b in blocked):
            continue
        s = m.group(0).strip()
        if re.fullmatch(r"(19|20)\d\d", s):  # a year is not a figure
            continue
        if s.lower() == "one" and re.match(r"\s+of\b", text[m.end():]):
            continue  # "one of the entities": a member (a partitive), not a count
        if s[:1].isupper() and s[:1].isalpha() and not _starts_sentence(text, m.start()):
            continue  # "the One Belt": a capitalised number word mid-sentence is part of a name
        if s[:1].isdigit() and _after_name_word(text, m.start()) and \
                not re.match(r"\s*(?:%|percent\b|per cent\b|(?:million|billion|trillion|thousand)\b)", text[m.end():], re.I):
            continue  # "Regulation 4.2104", "Section 889", "Room 302": a label of what it follows, not an amount
        if re.fullmatch(r"\d{1,2}", s) and re.search(r"[A-Za-z]\s*$", text[max(0, m.start() - 3):m.start()]) is None \
                and text[m.end():m.end() + 2].startswith(","):
            continue  # a day of a month ("October 9, 2019")
        out.append(m)
    return out


def _after_name_word(text: str, start: int) -> bool:
    """Does a capitalised word that does not begin the sentence come right before ``start``
    ("... described in Federal Acquisition Regulation 4.2104", "Section 889")? Month names
    do not count (dates are found apart). Words in capitals ("FR 54002") are ``_NOT_FIGURE``'s."""
    m = re.search(r"(?:^|(?<=[\s(]))([A-Z][a-z]+)\.?\s+$", text[:start])
    if m is None or m.group(1).lower() in MONTHS or m.group(1).lower() in _MONTH_ABBR:
        return False
    if m.group(1).lower() in STOPWORDS:
        return False  # a function word labels nothing ("*Within* 10 business days", "*About* 20")
    return not _starts_sentence(text, m.start(1))


def _starts_sentence(text: str, start: int) -> bool:
    """Does a word at ``start`` begin a sentence, a line, a quotation or a bracket (so its
    capital tells nothing)?"""
    # An enumerator that opens a line ("(ii) Within 10 business days", "3. The") opens its item.
    return re.search(r"(?:^|[.!?:;\n\"“(]\s*|(?:^|\n)\s*\(?(?:[ivxlc]{1,5}|[a-z]|\d{1,3})[.)]\s+)$", text[:start]) is not None


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Capitalised name spans ``(start, end, name)`` (sentence-initial determiners dropped)."""
    out = []
    for m in _NAME_RE.finditer(text):
        name = m.group(1).rstrip(".,;:'’")
        start = m.start(1)
        words = name.split()
        while words and (words[0].lower() in STOPWORDS or words[0].lower() in QUESTION_WORDS):
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].lower() in {"of", "and", "for", "de", "la", "the"}:
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        out.append((start, start + len(name), name))
    return out
