"""Issue 8: an amount asked of a noun the source states as a share of a whole of that noun (a
new-user trial, stop 29). "How much was Kestrel Optics' overseas revenue?" of "Kestrel Optics said its
overseas revenue was less than 2% of total revenue" leads with that share: the question asks for
money, and a percentage *of total revenue* states the asked revenue as a part of it. A percentage
of something else ("15% of its staff") is no amount of revenue: the question abstains; so does one
asked of a firm whose sentence gives no figure, next to another firm's "Kestrel Optics said *its*
overseas revenue was ..." (the pronoun of a reported clause is the reporter's). Asked with
the noun after "how much" (the wording that always worked), the answer is the same. A story written
for these tests (made-up firms)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STORY = """title: Port regulator widens crane blacklist to include two optics makers
publisher: Example Wire
date: 2023-10-10
---
The harbour regulator on Monday added Kestrel Optics and Ravenmoor Sensors to its crane blacklist.
Kestrel Optics said its overseas revenue was less than 2% of total revenue and that most of its suppliers were domestic companies.
Ravenmoor Sensors said most of its staff worked abroad and that it would appeal the listing.
Tolvane Marine, listed in May, said about 15% of its staff worked abroad.
The regulator did not say when the listing would be reviewed.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("share-amounts", {"story.txt": STORY})
    return settings


@pytest.mark.parametrize("question", ["How much was Kestrel Optics' overseas revenue?",
                                      "How much did Kestrel Optics say its overseas revenue was?",
                                      "How much overseas revenue did Kestrel Optics report?"])
def test_a_share_of_the_asked_whole_answers_an_amount(index, question):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert a.text.startswith("less than 2% of total revenue [1]"), a.text


@pytest.mark.parametrize("question", ["How much was Tolvane Marine's overseas revenue?",
                                      "How much was Ravenmoor Sensors' overseas revenue?",
                                      "How much overseas revenue did Ravenmoor Sensors report?"])
def test_no_amount_of_the_asked_firm(index, question):
    # the twins: Tolvane's only figure is a share of its staff, not of its revenue; Ravenmoor gives
    # none, and Kestrel's share is Kestrel's ("Kestrel Optics said *its* overseas revenue was ...")
    a = ask(question, index)
    assert a.abstained, a.text
