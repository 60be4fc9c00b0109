"""Figures: compound number words are one figure, and a "how many X" question takes
the figure that counts X, not a neighbouring count of something else."""
from __future__ import annotations

import pytest

from agent.analysis import AnswerKind, Question, Term, find_numbers, norm_key
from agent.extractive import Candidate, _counts, _tied_value


def test_compound_number_words_are_one_figure():
    assert [m.group(0) for m in find_numbers("by adding twenty-eight entities")] == ["twenty-eight"]
    assert [m.group(0) for m in find_numbers("forty-one firms and eleven bureaus")] == ["forty-one", "eleven"]


@pytest.mark.parametrize("text, figures", [
    # Every English number word (spaCy's list), not only those of the corpus at hand.
    ("The port added fourteen shipping entities.", ["fourteen"]),
    ("Seventeen firms and ninety-nine bureaus were named.", ["Seventeen", "ninety-nine"]),
    ("It listed two hundred and fifty firms and hundreds of suppliers.", ["two hundred and fifty", "hundreds"]),
    ("Sixty companies applied; thirteen were refused.", ["Sixty", "thirteen"]),
    # A member, not a count; a capitalised number word inside a name is no figure.
    ("Kestrel Logistics, one of the entities, said it would appeal.", []),
    ("The One Belt initiative funds ports.", []),
])
def test_numbers_in_words_are_figures(text, figures):
    assert [m.group(0) for m in find_numbers(text)] == figures


def test_a_figure_counts_the_noun_phrase_right_after_it():
    text = "The decision targets 20 regional security bureaus and eight companies."
    twenty = (text.index("20"), text.index("20") + 2, "20")
    eight = (text.index("eight"), text.index("eight") + 5, "eight")
    assert _counts(text, twenty, norm_key("bureaus")) and not _counts(text, eight, norm_key("bureaus"))
    assert _counts(text, eight, norm_key("companies")) and not _counts(text, twenty, norm_key("companies"))


def test_how_many_takes_the_count_of_the_focus_noun():
    class Doc:  # the fields of a stored document _tied_value reads
        body = "The decision, almost certain to draw a response, targets 20 regional security bureaus and eight companies."
        doc_id, title, date = "d", "t", ""

    c = Candidate(doc=Doc(), start=0, end=len(Doc.body), hit_rank=0, keys=set(), context_keys=set())
    for noun, want in (("bureaus", "20"), ("companies", "eight")):
        terms = [Term(w, norm_key(w), 1.0, 3, False) for w in ("regional", "security", noun, "targeted")]
        q = Question(text=f"How many regional security {noun} were targeted?", kind=AnswerKind.QUANTITY,
                     terms=terms, focus=[norm_key(noun)])
        assert _tied_value(q, [c]) == want


@pytest.mark.parametrize("question, sentence, kept", [
    ("What will the duty on vans be?", "The duty on vans will rise from 25% to 100% in 2024.", ["100%"]),
    ("What is the duty on vans now?", "The duty on vans rose to 12% from 10% last year.", ["12%"]),
    ("From what rate will the duty on vans rise?", "The duty on vans will rise from 25% to 100% in 2024.",
     ["25%", "100%"]),
    ("What is the duty on vans?", "The duty on vans is 25% and on cars 10%.", ["25%", "10%"]),
])
def test_the_starting_point_of_a_change_is_not_its_value(question, sentence, kept):
    from agent.extractive import _without_starting_points

    q = Question(text=question, kind=AnswerKind.QUANTITY, terms=[])
    values = [(m.start(), m.end(), m.group(0)) for m in find_numbers(sentence)]
    assert [v[2] for v in _without_starting_points(q, values, sentence)] == kept


@pytest.mark.parametrize("text, figures", [
    # A number right after a capitalised word mid-sentence labels that word: a name, not an amount.
    ("a waiver described in Federal Acquisition Regulation 4.2104.", []),
    ("It cited Section 889 and Room 302 of the annex, and named 28 entities.", ["28"]),
    ("[Federal Register Volume 84, Number 156]", []),
    # A sentence-initial capitalised word is no name; a month before a number is a date's.
    ("About 30% of revenue came from 12 countries.", ["30%", "12"]),
    ("Sales rose 5 percent in the year to May 2020.", ["5 percent"]),
])
def test_a_number_after_a_name_word_is_a_label_not_a_figure(text, figures):
    assert [m.group(0).strip() for m in find_numbers(text)] == figures


def test_a_numeric_date_is_a_date_and_none_of_its_parts_a_figure():
    from agent.analysis import find_dates

    text = "This document is scheduled to be published in the Federal Register on 10/09/2019 and online."
    assert [m.group(0) for m in find_dates(text)] == ["10/09/2019"]
    assert find_numbers(text) == []


def _doc_candidate(body: str):
    class Doc:  # the fields of a stored document _tied_value reads
        doc_id, title, date, publisher = body[:12], "t", "", ""

    Doc.body = body
    from agent.extractive import text_keys

    keys = text_keys(body)
    return Candidate(doc=Doc(), start=0, end=len(body), hit_rank=0, keys=keys, context_keys=keys)


def test_the_source_a_question_names_is_not_the_party_it_asks_about():
    from agent.extractive import _source_keys

    assert _source_keys("What was Kestrel's market value according to Reuters?") == {norm_key("Reuters")}
    assert _source_keys("Cloudminds Inc. - registered address per the CSL?") >= {norm_key("CSL")}
    assert _source_keys("How much per year is the fee?") == frozenset()
    own = _doc_candidate("Kestrel, with a market value of about $42 billion, calls itself the largest maker of cameras.")
    other = _doc_candidate("Reuters reported in August Kestrel receives nearly 30% of its 50 billion yuan "
                           "($7 billion) in revenue from overseas.")
    words = [("market", 2.0, False), ("value", 2.0, False), ("Kestrel", 4.0, True), ("Reuters", 5.0, True)]
    q = Question(text="What was Kestrel's market value according to Reuters?", kind=AnswerKind.QUANTITY,
                 terms=[Term(w, norm_key(w), weight, 2, named) for w, weight, named in words],
                 focus=[norm_key("market"), norm_key("value")])
    # Reuters (the rarer name) is where the figure is to come from; Kestrel's own sentence answers.
    assert _tied_value(q, [own, other]) == "about $42 billion"


def test_the_word_how_asks_the_degree_of_names_the_measure_not_an_anchor():
    from agent.extractive import _degree_keys

    assert _degree_keys("How large are Kestrel's total sales?") == {norm_key("large")}
    assert _degree_keys("How soon must a contractor report?") == {norm_key("soon")}
    assert _degree_keys("How did Ross describe Huawei?") == frozenset()


def test_a_long_value_is_as_near_to_its_anchor_as_a_short_one():
    # "50 billion yuan ($7 billion)" is five words; the value counts as one, so the question's
    # name eight words before it ties it as it would tie "$7 billion" (counting the value's own
    # words, it stood 13 words away: too far).
    c = _doc_candidate("Kestrel, the camera maker based in Hangzhou, earned 50 billion yuan ($7 billion) last year.")
    q = Question(text="How much did Kestrel make?", kind=AnswerKind.QUANTITY,
                 terms=[Term("Kestrel", norm_key("Kestrel"), 4.0, 2, True)])
    assert _tied_value(q, [c]) == "50 billion yuan ($7 billion)"


def _dated_candidate(body: str, date: str, title: str = "A rule", publisher: str = ""):
    c = _doc_candidate(body)
    c.doc.date, c.doc.title, c.doc.publisher = date, title, publisher
    return c


def _count_question(text: str, words: list[tuple[str, float, bool]], focus: str) -> Question:
    return Question(text=text, kind=AnswerKind.QUANTITY, focus=[norm_key(focus)],
                    terms=[Term(w, norm_key(w), weight, 2, named) for w, weight, named in words])


def test_the_agency_that_issues_a_document_is_the_agent_of_its_sentences():
    from agent.extractive import _publisher_keys

    keys = _publisher_keys("U.S. Department of Commerce, Bureau of Industry and Security")
    assert {"bis", norm_key("Commerce"), norm_key("Security")} <= keys
    # "did BIS add": the rule's summary sentence names no agency; its publisher is BIS. The figure
    # that counts the asked noun wins over one next to the question's date in a sentence ranked above.
    c1 = _dated_candidate("This document is scheduled to be published on 07/22/2020 at federalregister.gov/d/2020-15827.",
                          "2020-07-22", publisher="Bureau of Industry and Security")
    c2 = _dated_candidate("This final rule amends the EAR by adding eleven entities to the Entity List.",
                          "2020-07-22", publisher="Bureau of Industry and Security")
    for c in (c1, c2):
        from agent.extractive import text_keys
        c.context_keys = c.keys | text_keys(c.doc.date) | _publisher_keys(c.doc.publisher)
    q = _count_question("How many entities did BIS add on July 22, 2020?",
                        [("entities", 1.0, False), ("BIS", 5.0, True), ("add", 1.0, False), ("22", 1.0, False),
                         ("2020", 1.0, False)], "entities")
    assert _tied_value(q, [c1, c2]) == "eleven"


def test_a_figure_the_question_states_in_another_form_is_not_its_answer():
    c = _doc_candidate("Kestrel said it had added twenty-eight entities to its watch list.")
    q = _count_question("How many comments did Kestrel receive before adding the 28 entities?",
                        [("Kestrel", 4.0, True), ("comments", 2.0, False), ("adding", 1.0, False),
                         ("entities", 1.0, False)], "comments")
    assert _tied_value(q, [c]) is None


def test_a_figure_of_a_document_dated_to_another_event_does_not_answer():
    july = _dated_candidate("Kestrel also revises thirty-seven existing entries on its list.", "2020-07-22",
                            title="Kestrel rule of July 2020")
    q = _count_question("How many entries did Kestrel revise in October 2019?",
                        [("Kestrel", 4.0, True), ("entries", 2.0, False), ("revise", 1.0, False),
                         ("October", 1.0, False), ("2019", 1.0, False)], "entries")
    from agent.extractive import text_keys
    july.context_keys = july.keys | text_keys(july.doc.date) | text_keys(july.doc.title)
    assert _tied_value(q, [july]) is None
    q2 = _count_question("How many entries did Kestrel revise in July 2020?",
                         [("Kestrel", 4.0, True), ("entries", 2.0, False), ("revise", 1.0, False),
                          ("July", 1.0, False), ("2020", 1.0, False)], "entries")
    assert _tied_value(q2, [july]) == "thirty-seven"
