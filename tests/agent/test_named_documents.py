"""Issue 8, session 39 (fit: blind-s37 aa005, aa023, aa034, aa039): the document a question names is
the one that answers.

- A code in the phrase naming where the answer is to come from ("according to DOE's PF 2019-33") makes
  the evidence that document's, whatever the kind asked: another document dating the same rule
  differently is not what the flash says. The phrase is one however many objects the parser splits a
  hyphenated code into.
- Codes asked of a document the question dates ("the FAC number and docket number of the December 13,
  2019 rule") are read from a document of that month and year first, not from a sentence of another
  one that names its own circular.
- "of BIS's October rule and of its July rule": asked alone, the second part says whose rule.
- A last request naming nothing but "the <parts>", a noun WordNet files as a part of something ("List
  the elements."), asks again what the question before it asks: the question is answered without it
  ("List the ports." asks for ports: tests/agent/test_closing_requests.py).
Documents written for these tests (made-up agencies), and the shared corpus where a test says so."""
from __future__ import annotations

import pytest

from agent.analysis import asking_clause, source_phrases, without_restating_request
from agent.answering.parts import split_parts
from tiny_ask import ask

STATEMENT = """title: Statement on the Repression in the Northern Province
publisher: Example Department of State
date: 2024-10-08
---
The government has instituted a highly repressive campaign in the Northern Province that includes mass
detentions in camps, pervasive surveillance, and draconian controls on expression.

We call on the government to end the campaign immediately.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("named-documents", {"statement.txt": STATEMENT})
    return settings


def lead(a) -> str:
    return " ".join(a.text.split("Evidence:")[0].split())


def test_a_code_the_parser_splits_stays_one_source_phrase():
    assert source_phrases("When was the interim rule issued according to DOE's PF 2024-07?") == ("DOE 's PF 2024 - 07",)


def _ask_corpus(corpus_index, question):
    from agent.api import ask as ask_index

    return ask_index(question, index=corpus_index.path, settings=corpus_index.settings)


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "When was the FAR interim rule that implements section 889(a)(1)(A) issued according to DOE's PF 2019-33?",
    # twin: the phrase before the question
    "According to DOE's PF 2019-33, when was the FAR interim rule implementing section 889(a)(1)(A) issued?",
])
def test_a_code_naming_the_source_makes_the_evidence_its_documents(corpus_index, question):
    # (Over the shared corpus: the FAR clause, dated August 13, 2019 as the rule is, ranks first for
    # the wording; the flash never writes its clause number.)
    a = _ask_corpus(corpus_index, question)
    assert lead(a).startswith("August 13, 2019"), a.text
    assert "PF 2019-33" in a.citations[0].title, a.citations[0]


@pytest.mark.integration
def test_codes_asked_of_a_dated_document_come_from_a_document_of_that_time(corpus_index):
    # (The August 2019 compliance guide's "summary of the rule appearing in ... (FAC) 2019-05" ranks
    # above the December rule's header line.)
    a = _ask_corpus(corpus_index, "What FAC number and docket number does the December 13, 2019 FAR interim rule carry?")
    text = lead(a)
    assert "FAC 2020-03" in text and "FAR-2018-0017" in text, a.text
    assert "2019-05" not in text, a.text


def test_a_possessive_pronoun_of_a_distributed_modifier_says_whose():
    parts = split_parts("Give the RINs of BIS's October 2024 Crane List additions rule and of its July 2025 "
                        "additions-and-revisions rule.")
    assert parts == ["Give the RINs of BIS's October 2024 Crane List additions rule.",
                     "Give the RINs of BIS's July 2025 additions-and-revisions rule."]


def test_distributed_modifiers_without_a_possessor_stay_as_written():
    # twin: nothing for the pronoun to stand for in the first modifier
    parts = split_parts("Give the docket numbers of the October 2024 rule and of its July 2025 revision.")
    assert parts[1] == "Give the docket numbers of its July 2025 revision."


@pytest.mark.parametrize("question, proper", [
    ("According to the statement, what does the campaign include? List the elements.",
     "According to the statement, what does the campaign include?"),
    ("Which data items are due in the first report? List them.", "Which data items are due in the first report?"),
    # twins: a request with words of its own asks for those
    ("What does the campaign include? List the ECCNs.", "What does the campaign include? List the ECCNs."),
    ("What does the campaign include? List the detention camps.",
     "What does the campaign include? List the detention camps."),
    ("What does the campaign include? List the ports.", "What does the campaign include? List the ports."),
])
def test_a_request_restating_the_question_names_nothing(question, proper):
    assert without_restating_request(question) == proper


def test_the_question_before_a_restating_request_is_asked(index):
    question = "According to the statement, what does the campaign in the Northern Province include? List the elements."
    assert asking_clause(question) == asking_clause(without_restating_request(question))
    a = ask(question, index)
    assert "mass detentions" in lead(a) and "draconian controls" in lead(a), a.text
