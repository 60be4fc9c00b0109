"""The names a definition's numbered paragraphs list, for a question asking for them.

Regulations define a term by enumerated paragraphs, and the parties an analyst asks about sit
inside them::

    Covered widgets means–

    (1) Widgets produced by Alder Widget Company or Birch Works Corporation;

    (2) For the purpose of public safety, gadgets produced by Cedar Gadget Corporation or
    Dogwood Devices Company;

    (3) Services provided by such entities.

"Name the four companies named in the definition of covered widgets" is answered by the names
the paragraphs list - each with the paragraph it comes from - not by the best-scoring paragraph
alone. This module finds, for a question:

* the definition it asks about: a defined term the question writes, or the first of the term's
  coordinated alternatives ("covered widgets" of "covered widgets or services"), defined by
  numbered paragraphs in a retrieved document that holds the section the question cites, if any -
  and written as what the term classifies ("whose gear *counts as* covered widgets", "named in
  *the definition of* covered widgets"), not as something the asked parties deal in ("which
  companies *report* covered widgets"; :func:`asks_members`);
* the paragraphs it asks about: all of them, or those it cites "of the definition"
  ("paragraphs (1) and (2) of the definition of ...", :func:`provisions.paragraphs_of_named`) -
  a cited paragraph the definition lacks is a near miss, and nothing is listed;
* the names listed in those paragraphs: runs of names joined by "and"/"or" (the caller's
  enumeration reader), when the question asks for parties (its focus noun names a person or an
  organisation in WordNet, or it asks "whose").

A count the question states ("the *five* companies") checks the list: a list of another length
is not what the question asks about, and nothing is listed.

Pure functions over strings, except :func:`absent_definition_paragraphs`, which reads documents
from an :class:`~ingest.store.IndexStore` (for :func:`provisions.resolve_question`: a cited
paragraph the definition lacks is an :class:`~provisions.Absent` the answer abstains on). The caller
supplies the enumeration reader (names listed together in a sentence), so that this module does not
depend on the answerer.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Callable, Collection, Iterable, Sequence

from .provisions import (Absent, Paragraph, documents_matching, documents_with_section,
                         ordinal, paragraphs_of_named, parse_paragraphs, parse_sections, sections_cited,
                         styles_of)

log = logging.getLogger(__name__)

_DEFINITION = re.compile(
    r"(?m)^[ \t]*(?:\([a-z0-9]+\)\s*)?[“\"]?([A-Z][^\n“”\"]{2,80}?)[”\"]?\s+(?:means|has the meaning)\b")


# An enumerator opening a line: "(1) ", "(b) ", "(ii) ".
_LINE_ITEM = re.compile(r"(?m)^[ \t]*\(([a-z]{1,2}|\d{1,3}|[ivxlc]{1,7}|[A-Z]{1,2})\)")


def _items_end(body: str, start: int, end: int) -> int:
    """Where the numbered items of a definition whose line ends at ``start`` stop (at most ``end``):
    they start a list ("(1)", "(a)", "(i)" - the first of its style) and run while each item
    continues that list or starts one below it; an enumerator that does neither ("(b)
    Prohibition." after "(1)" and "(2)", or right after a one-line definition) is the next
    paragraph of the enclosing text. ``start`` when no list starts there."""
    levels: dict[str, int] = {}  # the styles of the items' lists, with the last ordinal seen of each
    stop = start
    for m in _LINE_ITEM.finditer(body, start, end):
        label = m.group(1)
        styles = styles_of(label)
        nexts = [st for st in styles if st in levels and ordinal(label, st) == levels[st] + 1]
        firsts = [st for st in styles if ordinal(label, st) == 1]
        if not levels and body[stop:m.start()].strip():
            break  # prose between the definition and the enumerator: not its items
        if nexts:
            levels[nexts[0]] += 1
        elif firsts:
            levels[firsts[0]] = 1
        else:
            break  # neither the next item of its list nor a new list: an enclosing list goes on
        nxt = _LINE_ITEM.search(body, m.end(), end)
        stop = nxt.start() if nxt is not None else end
    return stop


def definitions(body: str) -> dict[str, tuple[int, int]]:
    """Defined terms of a legal text ("Covered foreign country means ...") -> the
    span of the definition, including its numbered items on following lines (:func:`_items_end`:
    "(b) Prohibition." after a definition is the enclosing text's next paragraph, not its item)."""
    found = list(_DEFINITION.finditer(body))
    out: dict[str, tuple[int, int]] = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(body)
        # Stop at the first blank-line paragraph that is not a numbered item.
        for p in re.finditer(r"\n[ \t]*\n(?![ \t]*\(\w+\))", body[m.end():end]):
            end = m.end() + p.start()
            break
        line_end = body.find("\n", m.start(), end)
        if line_end >= 0:
            end = _items_end(body, line_end, end)
        while end > m.start() and body[end - 1].isspace():
            end -= 1
        out[m.group(1).strip().lower()] = (m.start(), min(end, m.start() + 2500))
    return out

# The words joining a term's coordinated alternatives ("equipment *or* services").
_COORDINATOR = re.compile(r"\s+(?:or|and|and/or)\s+")
# The enumerator opening a paragraph line ("(1) ", "(ii) ").
_LEAD_ENUM = re.compile(r"^\s*\([^)\s]{1,7}\)\s*")


@dataclass(frozen=True)
class ListedName:
    """A name a definition's paragraph lists: the ``name`` as written, and the paragraph's
    ``label`` ("1") and span ``start``-``end`` in the document body (what a citation quotes)."""

    name: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class DefinitionList:
    """The names listed by the paragraphs of a definition the question asks about: the defined
    ``term``, the span ``line_start``-``line_end`` of its "... means–" line and the names."""

    term: str
    line_start: int
    line_end: int
    names: tuple[ListedName, ...]


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[\w-]+", text.lower())) + " "


def term_named(question: str, term: str) -> bool:
    """Does the question write the defined ``term`` (lower case) - whole, or its first coordinated
    alternative ("covered widgets" of "covered widgets or services")? A term of one word is too
    common a word to tell that the question means the definition."""
    asked = _words(question)
    first = _COORDINATOR.split(term, maxsplit=1)[0]
    return any(len(t.split()) >= 2 and _words(t) in asked for t in {term, first})


def _term_span(question: str, term: str) -> tuple[int, int] | None:
    """Where the question writes the defined ``term`` - whole, or its first coordinated
    alternative (:func:`term_named`) - as character offsets; None when it does not."""
    first = _COORDINATOR.split(term, maxsplit=1)[0]
    for t in (term, first):
        words = re.findall(r"[\w-]+", t)
        if len(words) < 2:
            continue
        m = re.search(r"(?<![\w-])" + r"\W+".join(map(re.escape, words)) + r"(?![\w-])", question, re.I)
        if m is not None:
            return m.start(), m.end()
    return None


def _names_definition(token) -> bool:
    """Is the token the noun "definition" (or a WordNet synonym of it)?"""
    from ..lexical import noun_synonyms

    return token.pos_ in ("NOUN", "PROPN") and noun_synonyms(token.lemma_.lower(), "definition")


def asks_members(question: str, term: str) -> bool:
    """Does the question ask what the defined ``term`` covers - the things it classifies, not
    things related to it otherwise? It writes the term as a predicate's complement - after a
    form of "be" or "as" ("whose equipment *is* covered widgets", "counts *as* covered widgets")
    - or after a verb's preposition of containment ("falls *within* covered widgets")
    - or as what a definition is of ("the definition *of* covered widgets", "the covered widgets
    *definition*"). "Which companies *report* covered widgets?" or "makers *of* covered widgets"
    ask about other parties. From spaCy's tokens and lemmas around the term."""
    from .nlp import parse

    span = _term_span(question, term)
    if span is None:
        return False
    doc = parse(question, disable=["ner"])
    inside = [t for t in doc if span[0] <= t.idx < span[1]]
    if not inside:
        return False
    # (The quotation marks around a quoted term are not its neighbours: "the 'covered widgets'
    # definition".)
    before = [t for t in doc[:inside[0].i] if t.dep_ != "det" and t.tag_ != "DT" and not t.is_quote]
    after = next((t for t in doc[inside[-1].i + 1:] if not t.is_quote), None)
    prev = before[-1] if before else None
    if prev is not None and (prev.lemma_.lower() == "be" or prev.lower_ == "as"):
        return True
    # A verb's preposition of containment puts the things inside the term: "whose gear *falls within*
    # covered widgets", "comes *under*" - the prepositions themselves, a closed class.
    if prev is not None and prev.dep_ == "prep" and prev.lower_ in ("within", "under", "into") \
            and prev.head.pos_ in ("VERB", "AUX"):
        return True
    if prev is not None and prev.lower_ == "of" and len(before) > 1 and _names_definition(before[-2]):
        return True
    return after is not None and _names_definition(after)


def definition_paragraphs(body: str, start: int, end: int) -> list[Paragraph]:
    """The top-level numbered paragraphs of the definition at ``body[start:end]`` (from its
    "means–" line on), in text order; empty for a one-line definition."""
    line_end = body.find("\n", start, end)
    if line_end < 0:
        return []
    return parse_paragraphs(body, line_end, end).children


def _cited(paragraphs: Sequence[Paragraph], paths: Sequence[tuple[str, ...]]) -> list[Paragraph] | None:
    """The paragraphs at ``paths`` (outermost label first), or None when one is not there."""
    out: list[Paragraph] = []
    for path in paths:
        level: Sequence[Paragraph] = paragraphs
        node = None
        for label in path:
            node = next((p for p in level if p.path[-1] == label), None)
            if node is None:
                return None
            level = node.children
        if node is not None and node not in out:
            out.append(node)
    return out


def listed_names(body: str, paragraphs: Iterable[Paragraph],
                 enumerations: Callable[[str], list[list[str]]]) -> list[ListedName]:
    """The names each paragraph lists (``enumerations``: the runs of names a text lists together,
    as the answerer reads them), in text order, each once."""
    out: list[ListedName] = []
    for p in paragraphs:
        text = body[p.start:p.end]
        for run in enumerations(text):
            for name in run:
                if name not in (n.name for n in out):
                    out.append(ListedName(name=name, label=p.path[-1], start=p.start, end=p.end))
    return out


def asks_for_parties(question: str, focus_head: str | None) -> bool:
    """Does the question ask for parties - persons or organisations, whose names a definition's
    paragraphs list? Its focus noun names one in WordNet ("companies", "manufacturers", "firms";
    not "services", "items"), or it asks "whose" (a possessor: "*whose* equipment counts as ...")."""
    from ..lexical import names_a_party
    from .nlp import parse

    if focus_head and names_a_party(focus_head):
        return True
    return any(t.tag_ == "WP$" for t in parse(question))


def holds_cited_sections(question: str, body: str, title: str) -> bool:
    """Does the document hold the text of every section the question cites as one ("in FAR
    52.204-25")? A definition of the same term in another regulation is no answer to a question
    about this one's."""
    cited = {num for num, _, _, marked in sections_cited(question) if marked}
    if not cited:
        return True
    held = {s.number for s in parse_sections(body, title)}
    return cited <= held


def absent_definition_paragraphs(question: str, store, limit: int = 20) -> list[Absent]:
    """The paragraphs the question cites "of the definition of" a term (:func:`paragraphs_of_named`)
    that the definition lacks, as :class:`provisions.Absent` ("definition"), when the sources
    define a term the question names by numbered paragraphs - in the documents holding a section
    the question cites, else in those the keyword index ranks best for the question. Empty when
    every cited paragraph is there, or no source defines the term by paragraphs."""
    cites = paragraphs_of_named(question)
    if not cites:
        return []
    sections = [num for num, _, _, marked in sections_cited(question) if marked]
    docs = [d for num in sections for d, _ in documents_with_section(store, num)] if sections \
        else documents_matching(store, question, limit)
    for doc in docs:
        for term, (s, e) in definitions(doc.body).items():
            paragraphs = definition_paragraphs(doc.body, s, e) if term_named(question, term) else []
            if not paragraphs:
                continue
            return [Absent(c, "definition", doc, term=term) for c in cites
                    if _cited(paragraphs, [c.path]) is None]
    return []


def asked_list(question: str, docs: Iterable[tuple[str, object]],
               enumerations: Callable[[str], list[list[str]]],
               counts: Collection[str] = ()) -> tuple[object, DefinitionList] | None:
    """The first of ``docs`` (``(title, document)`` pairs, best first; a document has ``body``)
    defining a term the question names by numbered paragraphs whose asked paragraphs list names,
    with those names; None when none does. ``enumerations``: the runs of names a text lists;
    ``counts``: the figures (digits) the question counts its focus with - a list of another
    length is not the one asked about."""
    cited = [c.path for c in paragraphs_of_named(question)]
    for title, doc in docs:
        body = doc.body
        for term, (s, e) in definitions(body).items():
            if not term_named(question, term) or not asks_members(question, term):
                continue
            paragraphs = definition_paragraphs(body, s, e)
            if not paragraphs or not holds_cited_sections(question, body, title):
                continue
            asked = _cited(paragraphs, cited) if cited else paragraphs
            if asked is None:
                log.debug("definition of %r lacks a cited paragraph %s", term, cited)
                continue
            names = listed_names(body, asked, enumerations)
            if not names:
                continue
            if counts and str(len(names)) not in counts:
                log.debug("definition of %r lists %d names, the question counts %s", term, len(names), counts)
                continue
            line_end = body.find("\n", s, e)
            return doc, DefinitionList(term=term, line_start=s, line_end=line_end, names=tuple(names))
    return None
