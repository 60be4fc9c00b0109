"""A question that names a term a legal text defines on one line leads with the
definiens ("which nation counts as the covered foreign country" -> "The People's
Republic of China"), when that definition is (near) the closest sentence in meaning."""
from __future__ import annotations

from agent.analysis import AnswerKind, Question
from agent.extractive import DEFINITION_MARGIN, Candidate, _asked_definition, _definition_answer

BODY = """(a) Definitions. As used in this clause—

Restricted region means The Republic of Zembla.

Covered widget means–

(1) Widgets made by Acme Widget Company or Zorblax Robotics;

(2) Widgets sold by such entities.

The Contractor shall not supply a covered widget to the Government.
"""


class Doc:  # the fields of a stored document the answerer reads
    body = BODY
    doc_id, source, title, date, publisher, url = "d", "clause.txt", "Widget clause", "", "", ""


def _cand(text: str, dense: float) -> Candidate:
    s = BODY.index(text)
    return Candidate(doc=Doc(), start=s, end=s + len(text), hit_rank=0, keys=set(), context_keys=set(), dense=dense)


def _q(text: str, kind: AnswerKind = AnswerKind.ENTITY) -> Question:
    return Question(text=text, kind=kind, terms=[])


def test_one_line_definition_named_by_the_question_leads_with_its_definiens():
    d = _cand("Restricted region means The Republic of Zembla.", 0.60)
    other = _cand("The Contractor shall not supply a covered widget to the Government.", 0.58)
    q = _q("Under the clause, which nation counts as the 'restricted region'?")
    found = _asked_definition(q, [other, d])
    assert found is not None and found[0] is d
    ans = _definition_answer(q.text, q, found[0], found[1], [other, d])
    assert ans.text.splitlines()[0] == "The Republic of Zembla [1]"
    assert ans.citations[0].quote == "Restricted region means The Republic of Zembla."
    assert len(ans.citations) == 2  # the other quote stays as evidence, the definition not twice


def test_no_definiens_lead_when_not_asked_or_not_close_or_itemised():
    d = _cand("Restricted region means The Republic of Zembla.", 0.60)
    far = _cand("The Contractor shall not supply a covered widget to the Government.", 0.60 + DEFINITION_MARGIN + 0.05)
    # The question does not name the defined term.
    assert _asked_definition(_q("Which nation is restricted?"), [d]) is None
    # Another sentence is clearly closer in meaning.
    assert _asked_definition(_q("Which nation counts as the restricted region?"), [d, far]) is None
    # A date question is not asking for the definiens.
    assert _asked_definition(_q("When did the restricted region take effect?", AnswerKind.DATE), [d]) is None
    # A definition by numbered items is a list, not a one-line definiens.
    items = _cand("Covered widget means–", 0.7)
    assert _asked_definition(_q("Which firms make a covered widget?", AnswerKind.LIST), [items]) is None
