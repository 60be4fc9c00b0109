"""Issue 8: the asked noun written abbreviated (blind-s28 r019). "Which public law does the policy
flash cite?" finds its noun in "(Pub. L. 116-99)": a phrase of two or more words is written by each
word's first letters and a dot, as legal citations write "Pub. L." and "Fed. Reg.". The letters
must be the words' own: "Pub. L." is no "private law". Documents written for these tests (made-up)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

FLASH = """title: PF 2021-07 Prohibition on Contracting for Certain Harbour Cranes (policy flash)
publisher: Example Office of Acquisition Management
date: 2021-03-02
---
PF 2021-07 Prohibition on Contracting for Certain Harbour Cranes

An interim rule amending the Harbour Acquisition Regulation to implement section 9 of the Harbour Safety Act for Fiscal Year 2021 (Pub. L. 116-99) was issued on February 1, 2021 with immediate effect.

Contracting officers must include the new clause in all solicitations issued on or after February 1, 2021.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("abbreviated-focus", {"flash.txt": FLASH})
    return settings


def _focus(question: str, index) -> float:
    from agent.api import open_index
    from agent.extractive import assess
    from agent.retrieval import Retriever

    store = open_index(index=index.index, settings=index)
    return assess(question, Retriever(store, index).retrieve(question, k=index.top_k), store, index).features["focus"]


def test_the_abbreviated_noun_is_found(index):
    # (Whether it answers is then the abstention model's call, over all the features: over the
    # shared corpus, "Which public law does the DOE policy flash cite?" now leads with the sentence.)
    assert _focus("Which public law does the policy flash cite?", index) == 1.0


@pytest.mark.parametrize("question", ["Which private law does the policy flash cite?",
                                      "Which law does the policy flash cite?"])
def test_other_words_are_not_abbreviated_so(index, question):
    # the twins: "Pub." is not the first letters of "private"; one word is not an abbreviated phrase
    assert _focus(question, index) < 1.0
