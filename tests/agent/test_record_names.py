"""Issue 8: which screening-list record a question names. A record that gives the question's name
exactly (a parenthesised short form, "Quillon Systems Co., Ltd. (Quillon)") is the one asked
about, not a shorter record whose name only contains it ("Quillon Marine"). Over documents
written for the test (agent/extractive.py _record_field, _names_exactly)."""
from __future__ import annotations

import pytest

ENTRIES = """title: Entity List entries for Quillon and the Tamsk bureaus, as carried in a screening list
publisher: Example Screening Office
date: 2022-02-01
---
Entity: Quillon Systems Co., Ltd. (Quillon)
Addresses: 1 Main Rd., Veska, 10001, AR
Federal Register notice(s): 87 FR 10001
Start date: 2022-02-01

Entity: Quillon Marine
Addresses: VL
Start date: 2022-02-01

Entity: Tamsk Municipal Police Bureau
Alternate names: Tamsk City Police; and Tamskaya Police Office
Addresses: 5 Pier St., Tamsk, 20002, BD
Start date: 2022-02-01
"""

NEWS = """title: Port cities react to the listings
publisher: Example Wire
date: 2022-02-02
---
Officials in Tamsk said the listing of the bureau would not change how the port works.
The mayor of Tamsk called the decision unfair, and traders from Veska agreed.
Quillon said it would appeal.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("record_names", {"entries.txt": ENTRIES, "news.txt": NEWS})
    return settings


def lead(question, index):
    from agent.api import ask

    return ask(question, index=index.index, settings=index).text.split("\n\n")[0]


def test_the_record_that_gives_the_name_exactly_is_the_one_asked_about(index):
    assert lead("What is the address of Quillon?", index).startswith("1 Main Rd., Veska")
    assert lead("Quillon Marine address?", index).startswith("VL")


def test_the_label_that_holds_the_asked_noun_names_the_field(index):
    # "registered" echoes "Federal Register notice(s)"; the asked noun is the address.
    assert lead("What registered address does the list give for Quillon?", index).startswith("1 Main Rd., Veska")


def test_who_did_an_act_the_entries_never_write_of_is_not_answered_by_the_entries(index):
    """The entries say who is listed, not who signed the listing: "Who signed ...?" gets no list of the
    entries (nor a field of one); "Who is on the list?" does."""
    signed = lead("Who signed the rule that put the Tamsk bureaus on the list?", index)
    assert "records in" not in signed and "Quillon Marine [" not in signed, signed
    from agent.analysis import AnswerKind, Question
    from agent.api import open_index
    from agent.extractive import _act_unwritten

    store = open_index(index=index.index, settings=index)
    docs = [store.get_document(doc_id) for _, doc_id in store.list_sources()]
    entries = next(d for d in docs if d is not None and "Entity: Quillon" in d.body)

    def q(text):
        return Question(text=text, kind=AnswerKind.LIST, terms=[])

    assert _act_unwritten(q("Who signed the rule that put the Tamsk bureaus on the list?"), entries)
    assert not _act_unwritten(q("Who is on the screening list?"), entries)  # a copula asks who is listed
    assert not _act_unwritten(q("Who was carried in the screening list?"), entries)  # "carried" is written
