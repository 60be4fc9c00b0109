"""Issue 8, kind 5: a list asked for is every item's names - when one enumerated item of a definition
names the asked kind ("(1) ... produced by Ostra Lifting Company or Tolvik Winch Corporation"), the
other items of the same list that name it too ("(2) ... produced by Kestrel Marine Company, ...") are
read with it, whichever item retrieval ranked high enough to pick (blind-s30 t024 named two of the five
companies of FAR 52.204-25's definition; agent/extractive.py ``_with_sibling_items``). Twin: a question
that names an item asks for that item's names. Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

CLAUSE = """title: HC 2031-4 Prohibition on Contracting for Certain Harbour Equipment (MAR 2031 clause)
publisher: Example Port Authority
date: 2031-03-02
---
HC 2031-4 Prohibition on Contracting for Certain Harbour Equipment (MAR 2031)

(a) Definitions. As used in this clause-

Covered harbour equipment means-

(1) Harbour cranes produced by Ostra Lifting Company or Tolvik Winch Corporation (or any subsidiary or affiliate of such entities);

(2) For the purpose of port safety, security of harbour facilities, physical security of critical berths, and other purposes, mooring winches and gantry systems produced by Kestrel Marine Company, Brask Hoist Corporation, or Varn Rigging Company (or any subsidiary or affiliate of such entities);

(3) Maintenance services that use such equipment; or

(4) Equipment produced by an entity that the Port Director reasonably believes to be controlled by a foreign port operator.

(b) Prohibition. The Contractor is prohibited from providing to the Authority any covered harbour equipment as a substantial or essential component of any system.

(c) Exceptions. This clause does not prohibit contractors from providing a service that connects to the facilities of a third-party harbour company.

(d) Reporting. The Contractor shall report any covered harbour cranes identified during contract performance to the Port Director within one business day.

(e) Subcontracts. The Contractor shall insert the substance of this clause in all subcontracts with companies that supply harbour cranes.

(f) Removal. Covered equipment or services identified under this clause shall be removed from service by the Contractor.

(g) Certification. Companies that provide equipment or services under this clause shall certify that none of it is covered harbour equipment.

(h) Waivers. The Port Director may waive this clause for covered equipment or services of a company for up to one year.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("sibling-items", {"clause.txt": CLAUSE})
    return settings


def _lead(answer) -> str:
    return answer.text.split("\n\n")[0]


@pytest.mark.integration
def test_every_item_of_the_list_is_read(index):
    a = ask("Name the five companies whose equipment or services are 'covered' under the Mar 2031 HC clause.", index=index)
    lead = _lead(a)
    for name in ("Ostra Lifting Company", "Tolvik Winch Corporation", "Kestrel Marine Company",
                 "Brask Hoist Corporation", "Varn Rigging Company"):
        assert name in lead, a.text


@pytest.mark.integration
def test_an_item_the_question_names_is_read_alone(index):
    a = ask("Which companies' cranes are covered under paragraph (1) of the covered harbour equipment definition?",
            index=index)
    lead = _lead(a)
    assert "Ostra Lifting Company" in lead and "Kestrel Marine Company" not in lead, a.text


def _item(doc, opening: str):
    from agent.extractive import Candidate

    start = doc.body.index(opening)
    return Candidate(doc=doc, start=start, end=doc.body.index("\n", start), hit_rank=1.0, keys=set(), context_keys=set())


@pytest.mark.parametrize("question, read", [
    # item (1) picked alone: item (2), of the same list and naming companies too, is read with it;
    # item (3) names none; (b) is no item of the list
    ("Name the five companies whose equipment or services are 'covered' under the Mar 2031 HC clause.",
     ["(1)", "(2)"]),
    # the question names an item: only that item
    ("Which companies' cranes are covered under paragraph (1) of the definition?", ["(1)"]),
])
def test_the_other_items_of_a_picked_items_list(index, question, read):
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _focus_matcher, _with_sibling_items

    store = open_index(index=index.index, settings=index)
    doc = store.get_document(next(iter(store.doc_ids_matching())))
    cands = [_item(doc, opening) for opening in ("(1) Harbour", "(2) For", "(3) Maintenance", "(b) Prohibition")]
    q = analyse(question, store)
    q.focus_match = _focus_matcher(q, store)  # as the answerer reads the focus: "Corporation" is a company
    q.focus_match.prime([c.text for c in cands])
    picked = _with_sibling_items(q, [cands[0]], cands)
    assert [c.text[:3] for c in picked] == read
