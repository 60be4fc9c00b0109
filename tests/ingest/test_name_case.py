"""How the index writes a word (IndexStore.capitalised_share), and what that changes for a
question typed in lower case: a word the sources write as a name is a name in the question
too ("zorvex address on the watch list?"). The documents are invented for these tests."""
from __future__ import annotations

import pytest

NOTICE = """title: Ministry Adds Two Firms To Export Watch List
date: 2022-05-02
---
FOR FURTHER INFORMATION CONTACT: the watch list desk.

The ministry said on Monday that it had added Zorvex Labs and the NordTel group to the Export Watch List, citing diversion risks.

Officials said Zorvex Labs and the group would be reviewed again next year, and that the Export Watch List is updated every quarter.

Zorvex said it would contact the ministry about the decision.
"""

RECORDS = """title: Export Watch List entries
date: 2022-05-02
---
Entity: Zorvex Labs
Addresses: 14 Harbour Road, Port Elin, XX
Start date: 2022-05-02
License review policy: Presumption of denial

Entity: NordTel Group
Addresses: 2 Mill Lane, Elin, XX
Start date: 2022-05-02
License review policy: Case-by-case review
"""


@pytest.fixture(scope="module")
def watch_index(tiny_index):
    return tiny_index("watch_index", {"notice.txt": NOTICE, "records.txt": RECORDS})


def test_names_are_told_by_how_prose_writes_them(watch_index):
    store, _ = watch_index
    assert store.capitalised_share("zorvex") == 1.0
    assert store.capitalised_share("nordtel") == 1.0  # camel-cased: a name wherever it stands
    assert store.capitalised_share("group") == 0.0  # "NordTel Group" in a record line does not count
    assert store.capitalised_share("ministry") == 0.0
    # An all-caps heading and a label say nothing about case: "contact" is written lower-case in prose.
    assert (store.capitalised_share("contact") or 0.0) < 0.9
    assert store.capitalised_share("quarantine") is None  # not in the index


def test_a_lower_case_question_names_what_the_sources_write_as_a_name(watch_index):
    from agent.analysis import analyse

    store, _ = watch_index
    q = analyse("zorvex labs address on the export watch list?", store)
    named = {t.surface for t in q.terms if t.named}
    assert {"zorvex", "labs", "export", "watch", "list"} <= named
    assert "address" not in named


@pytest.mark.integration
def test_a_lower_case_record_question_is_answered_from_the_named_record(watch_index):
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = watch_index
    question = "zorvex labs address on the export watch list?"
    a = answer_extractive(question, Retriever(store, settings).retrieve(question, k=settings.top_k), store, settings)
    assert not a.abstained and a.text.splitlines()[0].startswith("14 Harbour Road, Port Elin"), a.text
