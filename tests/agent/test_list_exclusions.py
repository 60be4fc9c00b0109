"""Issue 8: "which *other* X" list questions over a small document written for the test: the
parties the question names are what it asks past, not answers (agent/extractive.py, _lead_items)."""
from __future__ import annotations

import pytest

NEWS = """title: Port authority widens its watch list
publisher: Example Wire
date: 2022-03-04
---
The Aldmere Port Authority added five shipping companies to its watch list on Thursday, including Kestrel
Logistics, Marrow Freight and Pellan Shipping.
The other companies on the list are harbour tug operator Quinton Marine and bulk carrier Ostrava Lines.
Kestrel Logistics said it would appeal the decision.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("list_exclusions", {"news.txt": NEWS})
    return settings


@pytest.mark.parametrize("question", [
    "Besides Kestrel Logistics, Marrow Freight and Pellan Shipping, which other companies are on the watch list?",
    "Which other companies did the port authority add to its watch list, apart from Kestrel Logistics, Marrow Freight and Pellan Shipping?",
])
def test_other_items_exclude_the_ones_the_question_names(index, question):
    from agent.api import ask

    a = ask(question, index=index.index, settings=index)
    lead = a.text.split("\n")[0]
    assert "Quinton Marine" in lead and "Ostrava Lines" in lead
    assert "Kestrel" not in lead and "Marrow" not in lead and "Pellan" not in lead
