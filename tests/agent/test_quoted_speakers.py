"""Issue 8: the speaker of a quotation is named after it ('..." said Minister of Trade Dana
Whitlock.'): a question for the official whose statement is quoted is answered by that name, from
the sentence that names the speaker; a titled office the speaker does not hold is not (fit:
blind-s22 j011, blind-s18 e076; checked on blind-s23). Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

RELEASE = """title: Ministry of Trade adds Korvane Drones to the export control list (press release)
publisher: Example Ministry of Trade
date: 2023-05-02
---
FOR IMMEDIATE RELEASE

“This action, taken with the support of the Prime Minister, places Korvane Drones, the largest drone maker in the region, on the export control list. It will keep our technology from being used against our security interests,” said Minister of Trade Dana Whitlock. “We will remain vigilant.”
"""


NEWS = """title: Drone makers react to export listing
publisher: Example Wire
date: 2023-05-03
---
Korvane Drones said its placement on the list would not affect its daily operations. "We had prepared for this and will keep serving our customers," it said.

Analysts expect other drone makers in the region to be listed within a year.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("quoted-speakers", {"release.txt": RELEASE, "news.txt": NEWS})
    return settings


def test_how_a_speaker_described_something_is_the_sentence_of_the_quotation_naming_it(index):
    # Both sentences of the quotation are the minister's; the one naming Korvane Drones leads, not
    # the one the attribution closes (fit: blind-s24 m072).
    a = ask("How did Minister Whitlock describe Korvane Drones when it was put on the list?", index=index)
    assert "largest drone maker in the region" in a.citations[0].quote, a.text


def test_a_pronoun_attributed_sentence_is_the_speakers_next_words(index):
    # '"We had prepared ...," it said.' continues Korvane's statement (fit: blind-s24 m076).
    # Right after it, it is quoted with it, so the answer leads with both (fit: blind-s25 n030).
    a = ask("What did Korvane Drones say about the effect of the listing on its business?", index=index)
    assert a.citations[0].quote.startswith("Korvane Drones said its placement")
    assert a.citations[0].quote.endswith('"We had prepared for this and will keep serving our customers," it said.'), a.text


def test_how_with_a_verb_of_saying_asks_for_a_statement():
    from agent.analysis import AnswerKind, classify

    assert classify("How did the minister describe the listing?") is AnswerKind.STATEMENT
    assert classify("How does the rule define covered equipment?") is not AnswerKind.STATEMENT


@pytest.mark.parametrize("question, statement", [
    ("What did the ministry comment on the rule?", True),
    ("What did the ministry state about the rule?", True),
    # A noun spelt like a verb of saying asks for no statement (fit: blind-s18 e007).
    ("What is the comment deadline for the interim rule?", False),
    ("What state is the drone maker based in?", False),
])
def test_a_verb_of_saying_must_be_a_verb(question, statement):
    from agent.analysis import AnswerKind, classify

    assert (classify(question) is AnswerKind.STATEMENT) is statement


def test_the_quoted_official_is_named_from_the_attribution(index):
    a = ask("Name the official whose statement is quoted in the ministry's release placing Korvane Drones on the list.",
            index=index)
    assert a.text.startswith("Dana Whitlock [1]"), a.text
    assert "said Minister of Trade Dana Whitlock" in a.citations[0].quote


def test_a_titled_office_the_speaker_does_not_hold_is_not_answered(index):
    a = ask("Who is the current Harbour Commissioner of the region?", index=index)
    assert "Whitlock" not in a.text.split("\n")[0]


def test_titled_role():
    from agent.analysis import AnswerKind, Question
    from agent.extractive import _titled_role

    assert _titled_role(Question(text="Who is the Harbour Commissioner?", kind=AnswerKind.OTHER, terms=[])) \
        == {"harbour", "commissioner"}
    assert _titled_role(Question(text="Name the official whose statement is quoted.", kind=AnswerKind.OTHER,
                                 terms=[])) == set()


@pytest.mark.parametrize("question", [
    "Who is quoted as saying that the action places Korvane Drones on the export control list?",
    "Who said that the action places Korvane Drones on the export control list?",
])
def test_who_said_it_is_the_speaker_the_attribution_names(index, question):
    # The quote lies in the minister's quotation; the attribution names her (fit: blind-s25 n027).
    a = ask(question, index=index)
    assert a.text.startswith("Dana Whitlock [1]"), a.text
    assert a.citations[0].quote.endswith("said Minister of Trade Dana Whitlock."), a.citations[0].quote


def test_who_said_it_is_the_named_subject_of_the_verb_of_saying(index):
    a = ask("Who said its placement on the list would not affect its daily operations?", index=index)
    assert a.text.startswith("Korvane Drones [1]"), a.text
    assert a.citations[0].quote.startswith("Korvane Drones said its placement")


def test_who_did_something_is_not_who_said_it(index):
    # Twin: "Who expects ...?" with no clause asks who expects, not who reported it; no name of a
    # speaker is made the lead.
    a = ask("Who expects other drone makers in the region to be listed?", index=index)
    assert not a.text.startswith(("Dana Whitlock", "Korvane Drones")), a.text


def test_a_question_for_a_name_is_not_answered_by_a_sentence_naming_no_one(index):
    # "Which official ...?" asks for a name; the news sentence speaks of analysts without naming any
    # (fit: blind-s25 n071). Twin: the minister is named, and answers "Which minister ...?".
    a = ask("Which analysts expect other drone makers in the region to be listed?", index=index)
    assert a.abstained, a.text
    b = ask("Which minister said the action places Korvane Drones on the export control list?", index=index)
    assert b.text.startswith("Dana Whitlock"), b.text


# Issue 8, session 37 (fit: blind-s35 y039, y045). "What was X quoted by Reuters as saying about Y?": the
# speaker is X - the passive's subject reported "as saying" - and not the words of the clause hung on X
# ("quoted by Example Wire as saying about the drone listing"), which name the source and the topic.
@pytest.mark.parametrize("question", [
    "What was Minister Whitlock quoted by Example Ministry of Trade as saying about the Korvane Drones listing?",
    "What was Minister Whitlock quoted as saying about Korvane Drones?",
    # the twin: the active question
    "What did Minister Whitlock say about Korvane Drones?",
])
def test_the_speaker_a_passive_reports_as_saying(index, question):
    a = ask(question, index=index)
    assert not a.abstained, a.text
    assert "said Minister of Trade Dana Whitlock" in a.text, a.text
    assert "largest drone maker in the region" in a.text, a.text


def test_it_in_a_later_part_does_not_stand_for_a_person():
    # "Korvane's spokesman" is a person by WordNet: "it" of the later part stands for something else.
    from agent.answering.parts import split_parts

    for question in ("What did the Korvane Drones spokesman say about the ruling, and what harm did the firm say it "
                     "would cause?",
                     "What did Halvard's US spokesman say about the decision, and what harm did the company say it "
                     "would cause?"):
        parts = split_parts(question)
        assert parts[1].endswith("say it would cause?"), parts
    # the twin: a thing the first part's subject names is what "it" stands for
    parts = split_parts("When did the listing rule take effect, and which agency did it come from?")
    assert "which agency did the listing rule come from?" in parts[1], parts
