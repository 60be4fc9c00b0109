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
