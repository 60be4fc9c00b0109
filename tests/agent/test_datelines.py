"""Issue 8: a press statement is dated by its dateline and signed by its byline ("OCTOBER 8, 2019", in capitals), which
answers when its issuer announced or did what its headline says, when no sentence dates it (fit:
blind-s24 m033). A question about another act of the text is not answered by the dateline.
Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STATEMENT = """title: Ministry of Ports Imposes Levy on Foreign Crane Operators (press statement)
publisher: Example Ministry of Ports (Minister Dana Whitlock)
date: 2024-03-04
---
Ministry of Ports Imposes Levy on Foreign Crane Operators

PRESS STATEMENT

DANA WHITLOCK, MINISTER OF PORTS

MARCH 4, 2024

Foreign crane operators have long avoided the harbour maintenance charges that domestic operators pay. Today, I am announcing a levy on every foreign crane operator working in our ports.

Operators must register with the harbour office within thirty days of their first shipment.
"""


# A list whose entry dates another act, in the same weeks: a date the statement's question must not take.
ENTRIES = """title: Port Levy List entries added March 2024
publisher: Example Ministry of Ports
date: 2024-03-06
---
Entity: Harbourside Crane Leasing Ltd.
Addresses: 4 Quay Street, Portmere
Start date: 2024-03-06
Source list: Port Levy List
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("datelines", {"statement.txt": STATEMENT, "entries.txt": ENTRIES})
    return settings


def test_capital_month_dates_are_dates():
    from agent.analysis import find_dates

    assert [m.group(0) for m in find_dates("MARCH 4, 2024 and 4 MARCH 2024")] == ["MARCH 4, 2024", "4 MARCH 2024"]


@pytest.mark.parametrize("question", [
    "When did the Ministry of Ports announce the levy on foreign crane operators?",
    "When did the ministry impose the levy on foreign crane operators?",
    # "On what day ...?" asks for a date too, and its "did" is do-support the parser may root the
    # clause at (blind-s31 u006, a fit set since session 32).
    "On what day did the Minister of Ports announce the levy on foreign crane operators?",
    "What day did the Minister of Ports announce the levy on foreign crane operators?",
])
def test_the_dateline_dates_what_the_statement_announces(index, question):
    a = ask(question, index=index)
    assert a.text.startswith("MARCH 4, 2024 [1]"), a.text
    assert a.citations[0].quote == "MARCH 4, 2024"
    assert any(c.quote.startswith("Ministry of Ports Imposes Levy") for c in a.citations)


def test_another_act_of_the_text_is_not_dated_by_the_dateline(index):
    # Twin: registering is neither what the statement's headline says nor a saying; the statement
    # was not issued when operators must register.
    a = ask("When must foreign crane operators register with the harbour office?", index=index)
    assert "MARCH 4, 2024" not in a.text.split("\n")[0], a.text


@pytest.mark.parametrize("question", [
    "Who announced the levy on foreign crane operators?",
    "who signed the ministry of ports press statement on the crane levy",
])
def test_the_byline_names_who_announced_what_the_headline_says(index, question):
    # The statement's byline (a header line naming a person, in capitals) answers who announced or
    # signed it (fit: holdout x06, train-s16 t052, blind-s22 j064).
    a = ask(question, index=index)
    assert a.text.startswith("DANA WHITLOCK [1]"), a.text
    assert a.citations[0].quote == "DANA WHITLOCK, MINISTER OF PORTS"


def test_a_who_question_about_another_act_is_not_the_byline(index):
    # Twin: registering is not what the statement's author did.
    a = ask("Who must register with the harbour office?", index=index)
    assert not a.text.startswith("DANA WHITLOCK"), a.text


@pytest.mark.parametrize("question", [
    # The parser roots these at "was" and hangs "issued" below it; "Whitlock's" owns the statement,
    # no list entry is asked for (fit: blind-s25 n025).
    "On what date was Whitlock's press statement on the crane levy issued?",
    "On what date was the press statement on the crane levy issued?",
    "When was the Ministry of Ports press statement on foreign crane operators issued?",
])
def test_the_document_the_subject_names_is_dated_by_its_dateline(index, question):
    a = ask(question, index=index)
    assert a.text.startswith("MARCH 4, 2024 [1]"), a.text
    assert a.citations[0].quote == "MARCH 4, 2024"


def test_a_list_entry_is_still_dated_by_its_own_line(index):
    # Twin: the subject is the listed party, not the statement: its entry's start date answers.
    a = ask("On what date was Harbourside Crane Leasing added to the Port Levy List?", index=index)
    assert "2024-03-06" in a.text.split("\n")[0], a.text
    assert "MARCH 4, 2024" not in a.text.split("\n")[0], a.text


def test_a_name_modifying_the_statement_is_no_unlisted_party(index):
    # (session 35; "the State Department press statement" of the Xinjiang statement abstained: "no list
    # entry in the sources names 'State'") A name in a chain of compounds ending at another noun than
    # the asked one owns that noun, as "Whitlock's" does (a capitalised one is the name's own word:
    # "Korvane Radio Works", tests/agent/test_name_parts.py).
    a = ask("On what date was the Whitlock press statement on the crane levy issued?", index=index)
    assert a.text.startswith("MARCH 4, 2024 [1]"), a.text


def test_an_owner_no_entry_names_is_no_unlisted_party(index):
    # "Whitlock's statement": the date asked is the statement's; that no list entry names Whitlock
    # is no reason to say the sources are silent. Twin: asked for Whitlock's own entry field, it is.
    a = ask("What address does the Port Levy List give for Whitlock?", index=index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question", [
    # (stop 27) A passive whose subject names the statement and whose verb is a WordNet synonym of
    # "publish" dates the statement itself ("release" first means setting free).
    "When was the press statement released?",
    "When was the Ministry of Ports press statement on the crane levy released?",
])
def test_an_act_done_to_the_named_statement_is_dated_by_its_dateline(index, question):
    a = ask(question, index=index)
    assert a.text.startswith("MARCH 4, 2024 [1]"), a.text


def test_another_act_done_to_the_statement_is_not_dated_by_it(index):
    # Twin: withdrawing is no publishing.
    a = ask("When was the Ministry of Ports press statement on the crane levy withdrawn?", index=index)
    assert not a.text.startswith("MARCH 4, 2024"), a.text


@pytest.mark.parametrize("question", [
    "On what day did the Minister announce the levy?",
    "In which month did the Ministry of Ports impose the levy?",
    "What year did the ministry impose the levy?",
])
def test_what_day_month_or_year_asks_for_a_date(question):
    from agent.analysis import AnswerKind, classify

    assert classify(question) is AnswerKind.DATE


def test_a_day_named_in_another_sense_is_no_date_question():
    # The twin: "what day-to-day duties" asks for duties.
    from agent.analysis import AnswerKind, classify

    assert classify("What day-to-day duties does the harbour office have?") is not AnswerKind.DATE


# Issue 8 (holdout y14 and blind-s32 v029, "When was PF 2019-33 issued?"; fit sets since session 35): a memo
# dated under a one-word label ("DATE: April 2, 2023") named by its code is dated by that line, not by a
# date its summary gives another thing ("An interim rule ... was issued on March 14, 2023"): a sentence of
# the named document answers only when it names the document. The code is read whole ("HF 2023-07": the
# tokenizer splits it at the hyphen).
MEMO = """title: HF 2023-07 Prohibition on Contracting for Certain Crane Equipment (harbour policy flash)
publisher: Example Harbour Office, Office of Acquisition Management
date: 2023-04-02
---
HF 2023-07 Prohibition on Contracting for Certain Crane Equipment

DATE: April 2, 2023

SUBJECT: Prohibition on Contracting for Certain Crane Equipment

SUMMARY:

An interim rule amending the Harbour Acquisition Rules to implement section 812 of the Harbour Security Act was issued on March 14, 2023 with immediate effect.
"""


@pytest.fixture(scope="module")
def memo_index(tiny_index):
    _, settings = tiny_index("datelines-memo", {"memo.txt": MEMO})
    return settings


@pytest.mark.parametrize("question", ["When was HF 2023-07 issued?", "When was the harbour policy flash HF 2023-07 issued?"])
def test_a_memo_named_by_its_code_is_dated_by_its_date_line(memo_index, question):
    assert ask(question, memo_index).text.startswith("April 2, 2023"), question


def test_the_date_its_summary_gives_another_thing_is_that_things(memo_index):
    # The twin: the interim rule's own date.
    a = ask("When was the interim rule amending the Harbour Acquisition Rules issued?", memo_index)
    assert a.text.startswith("March 14, 2023"), a.text


# Issue 8 (open since session 35): "When was the second interim rule published?" abstained - the rule as
# printed opens with its periodical's issue line, "[Federal Register Volume 84, Number 240 (Friday, December
# 13, 2019)]", which dates its publication as a dateline dates a statement.
PRINTED = """title: Harbour Acquisition Regulation: Prohibition on Certain Crane Equipment - second interim rule (88 HR 70120)
publisher: Example Harbour Council
date: 2023-12-15
---
[Harbour Register Volume 88, Number 241 (Friday, December 15, 2023)]
[Rules and Regulations]
[Pages 70120-70125]

HARBOUR COUNCIL

Harbour Acquisition Regulation: Prohibition on Certain Crane Equipment

ACTION: Second interim rule.

SUMMARY: The Council is issuing a second interim rule amending the Harbour Acquisition Regulation to prohibit certain crane equipment.

Comment date: Interested parties should submit written comments on or before February 13, 2024.
"""


@pytest.fixture(scope="module")
def printed_index(tiny_index):
    _, settings = tiny_index("datelines-printed", {"printed.txt": PRINTED, "statement.txt": STATEMENT})
    return settings


@pytest.mark.parametrize("question", [
    "When was the second interim rule published?",
    "On what date was the Harbour Acquisition Regulation second interim rule published in the Harbour Register?",
])
def test_a_printed_rule_is_dated_by_its_issue_line(printed_index, question):
    a = ask(question, printed_index)
    assert not a.abstained and a.text.startswith("December 15, 2023"), a.text


def test_the_issue_line_dates_no_other_act(printed_index):
    # the twin: the comments are due on another day than the rule was printed
    a = ask("By what date must comments on the second interim rule be submitted?", printed_index)
    assert "December 15, 2023" not in a.text.split("Evidence")[0], a.text


def test_an_issue_line_is_bracketed_verbless_and_dated():
    from agent.extractive import _issue_line

    body = "[Harbour Register Volume 88, Number 241 (Friday, December 15, 2023)]\n[Rules and Regulations]"
    assert _issue_line(body, 0, len(body))[2] == "December 15, 2023"
    for line in ("[Rules and Regulations]", "[FR Doc. 2023-1 Filed 12-12-23; 8:45 am]",
                 "Harbour Register Volume 88 (Friday, December 15, 2023)"):
        assert _issue_line(line, 0, len(line)) is None, line
