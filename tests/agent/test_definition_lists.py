"""Issue 8: a question asking for the parties a definition's numbered paragraphs name ("Name the four
companies named in the definition of covered widgets") leads with every name, each marked with the
quote of the paragraph it comes from (agent/answering/definitions.py, agent/extractive.py
_asked_definition / _definition_answer); "paragraphs (1) and (2) of the definition" is no citation
of a section (agent/answering/provisions.py parse_citations), and a paragraph the definition lacks
is a near miss the answer abstains on. Over a clause written for the test, with made-up companies."""
from __future__ import annotations

import pytest

from agent.answering.definitions import (asks_for_parties, asks_members, definition_paragraphs, definitions,
                                         listed_names, term_named)
from agent.answering.provisions import paragraphs_of_named, parse_citations

CLAUSE = """title: 99.123-4 Prohibition on Acquiring Certain Widgets (Example clause)
publisher: Example Acquisition Council
date: 2021-02-01
---
99.123-4 Prohibition on Acquiring Certain Widgets.

(a) Definitions. As used in this clause—

Covered region means the Republic of Arcadia.

Covered widgets or services means–

(1) Widgets produced by Alder Widget Company or Birch Works Corporation (or any subsidiary of such entities);

(2) For the purpose of harbour safety, sensors and widgets produced by Cedar Sensor Corporation, Dogwood Devices Company, or Elmstone Optics Company (or any subsidiary of such entities);

(3) Services provided by such entities or using such widgets; or

(4) Widgets or services produced by an entity that the Harbour Commissioner reasonably believes to be connected to the government of a covered region.

Restricted tooling means–

(1) Lathes and presses listed in the Example Tooling Schedule; or

(2) Dies and moulds controlled for reasons of regional stability.

Essential part means any part necessary for the proper working of a widget, sensor, or service.

(b) Prohibition. The Contractor shall not deliver any covered widgets or services to the Government.
"""


def _enumerations(text: str) -> list[list[str]]:
    from agent.extractive import _enumerations as runs

    return runs(text, set())


def test_definitions_span_the_numbered_paragraphs():
    body = CLAUSE.split("---\n", 1)[1]
    defs = definitions(body)
    s, e = defs["covered widgets or services"]
    assert "(4) Widgets or services" in body[s:e] and "Restricted tooling" not in body[s:e]
    paragraphs = definition_paragraphs(body, s, e)
    assert [p.path for p in paragraphs] == [("1",), ("2",), ("3",), ("4",)]
    # A one-line definition has no paragraphs.
    assert definition_paragraphs(body, *defs["covered region"]) == []


def test_a_definition_complete_on_its_line_has_no_items():
    # The last definition of "(a) Definitions" is one line; "(b) Prohibition." after it is the
    # clause's next paragraph, not an item of the definition (it made the definition look like a
    # list, and "Define 'essential part'" was not answered with its definiens).
    body = CLAUSE.split("---\n", 1)[1]
    s, e = definitions(body)["essential part"]
    assert body[s:e] == "Essential part means any part necessary for the proper working of a widget, sensor, or service."
    # Twin: a "means–" line keeps the numbered items below it.
    s, e = definitions(body)["restricted tooling"]
    assert "(2) Dies and moulds" in body[s:e] and "Essential part" not in body[s:e]


def test_the_items_stop_where_an_enclosing_list_goes_on():
    body = ("(a) Definitions.\n\nSpare kit means–\n\n(1) Gaskets, and–\n\n(i) seals;\n\n(ii) rings;\n\n"
            "(2) Fuses.\n\n(b) Prohibition. No spare kit may be sold.")
    s, e = definitions(body)["spare kit"]
    assert body[s:e].endswith("(2) Fuses.")  # "(ii)" continues "(i)", "(2)" continues "(1)"; "(b)" neither


def test_the_names_each_paragraph_lists_with_their_paragraph():
    body = CLAUSE.split("---\n", 1)[1]
    paragraphs = definition_paragraphs(body, *definitions(body)["covered widgets or services"])
    names = listed_names(body, paragraphs, _enumerations)
    assert [(n.name, n.label) for n in names] == [
        ("Alder Widget Company", "1"), ("Birch Works Corporation", "1"), ("Cedar Sensor Corporation", "2"),
        ("Dogwood Devices Company", "2"), ("Elmstone Optics Company", "2")]
    # Twin: the other definition's paragraphs list no names.
    tooling = definition_paragraphs(body, *definitions(body)["restricted tooling"])
    assert listed_names(body, tooling, _enumerations) == []


@pytest.mark.parametrize("question, named", [
    ("Name the companies named in the definition of covered widgets or services.", True),
    ("Which firms' widgets count as covered widgets under the clause?", True),  # the first alternative
    ("Name the companies that make widgets.", False),  # one word of the term is no mention of it
    ("Which companies make covered sensors?", False),
])
def test_the_question_names_the_defined_term(question, named):
    assert term_named(question, "covered widgets or services") is named


@pytest.mark.parametrize("question, members", [
    ("List the companies named in the definition of covered widgets or services.", True),
    ("Name the makers named in the covered widgets definition.", True),
    ("Which firms' widgets count as covered widgets?", True),
    ("Name the companies whose products are covered widgets.", True),
    # A quoted term (blind-s31 u051: "the 'covered telecommunications equipment or services'
    # definition"): the quotation marks are not the term's neighbours.
    ("Which makers are named in the 'covered widgets or services' definition?", True),
    ("Which makers are named in the “covered widgets” definition?", True),
    ("Whose products count as ‘covered widgets’?", True),
    ("Which companies must report \"covered widgets\" they find?", False),
    # Twins: the term is what the asked parties do something with, not what it classifies.
    ("Which companies must report covered widgets they find?", False),
    ("Which companies supply parts to makers of covered widgets?", False),
    ("Which contractors bought covered widgets in 2020?", False),
    # (blind-s34 x033, a fit set since session 36) a verb's preposition of containment puts the things
    # inside the term: "whose gear falls within 'covered widgets'".
    ("List the five named manufacturers whose gear falls within 'covered widgets or services' in 99.123-4.", True),
    ("Which makers' products come under covered widgets or services?", True),
    ("Whose widgets fall into covered widgets or services?", True),
    # twins: the preposition is no verb's, or it places something else
    ("Which companies sell parts within the covered widgets or services market?", False),
    ("Which firms supply makers under contracts for covered widgets or services?", False),
])
def test_asks_what_the_term_covers(question, members):
    assert asks_members(question, "covered widgets or services") is members


@pytest.mark.parametrize("question, asks", [
    ("List the companies named in the definition of covered widgets.", True),
    ("Name the manufacturers in the definition of covered widgets.", True),
    ("whose widgets count as covered widgets? name them", True),
    ("What services does the definition of covered widgets include?", False),
])
def test_asks_for_parties(question, asks):
    from agent.analysis import norm_key

    focus = {"List": "company", "Name": "manufacturer", "whose": "widget", "What": "service"}[question.split()[0]]
    assert asks_for_parties(question, norm_key(focus)) is asks


def test_paragraphs_of_a_definition_are_no_section_citation():
    q = "Name the companies named in paragraphs (1) and (2) of the definition of covered widgets in 99.123-4."
    assert parse_citations(q) == []
    assert [c.path for c in paragraphs_of_named(q)] == [("1",), ("2",)]
    # Twin: paragraphs of a section stay citations of it, marked by the section number after them.
    twin = "What do paragraphs (1) and (2) of 99.123-4 require?"
    assert [(c.section, c.path, c.marked) for c in parse_citations(twin)] == [("99.123-4", ("1",), True),
                                                                             ("99.123-4", ("2",), True)]
    assert paragraphs_of_named(twin) == []


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("definition_lists", {"clause.txt": CLAUSE})
    return settings


def ask_(question, index):
    from agent.api import ask

    return ask(question, index=index.index, settings=index)


ALL = ("Alder Widget Company", "Birch Works Corporation", "Cedar Sensor Corporation", "Dogwood Devices Company",
       "Elmstone Optics Company")


def _marks(a, name: str) -> str:
    """The quote the lead marks the name with."""
    lead = a.text.split("\n")[0]
    at = lead.index(name) + len(name)
    n = int(lead[at:].split("[", 1)[1].split("]", 1)[0])
    return next(c.quote for c in a.citations if c.n == n)


def test_the_lead_names_every_company_with_its_paragraph(index):
    a = ask_("List the five companies named in the definition of covered widgets or services in 99.123-4.", index)
    assert not a.abstained
    lead = a.text.split("\n")[0]
    assert all(n in lead for n in ALL), lead
    for n in ALL:
        quote = _marks(a, n)
        assert n in quote and quote.startswith("(1)" if n in ALL[:2] else "(2)")


def test_a_containment_verb_asks_for_the_listed_names(index):
    a = ask_("List the five named companies whose gear falls within 'covered widgets or services' in 99.123-4.", index)
    lead = a.text.split("\n")[0]
    assert not a.abstained and all(n in lead for n in ALL), a.text


def test_cited_paragraphs_narrow_the_list(index):
    a = ask_("Name the two companies named in paragraph (1) of the definition of covered widgets or services.", index)
    lead = a.text.split("\n")[0]
    assert not a.abstained and "Alder Widget Company" in lead and "Birch Works Corporation" in lead
    assert "Cedar Sensor Corporation" not in lead


def test_a_paragraph_the_definition_lacks_abstains(index):
    a = ask_("Name the companies named in paragraph (6) of the definition of covered widgets or services.", index)
    assert a.abstained
    assert "has no paragraph" in a.notice


def test_a_question_about_other_dealings_with_the_term_gets_no_list(index):
    a = ask_("Which companies must report covered widgets or services they deliver?", index)
    lead = a.text.split("\n")[0]
    assert not all(n in lead for n in ALL)


def test_a_one_line_definition_leads_with_its_definiens(index):
    a = ask_("Define 'essential part' as used in the widget clause.", index)
    assert a.text.startswith("any part necessary for the proper working of a widget, sensor, or service [1]"), a.text


def test_a_count_the_list_does_not_have_leads_with_no_list(index):
    # Twin of the five: "seven companies" is not this list; the names are not led with.
    a = ask_("List the seven companies named in the definition of covered widgets or services in 99.123-4.", index)
    lead = a.text.split("\n")[0]
    assert not all(n in lead for n in ALL)
