"""Issue 8: what a *document* says is its own text ("What does PF 2019-33 say the rule implements?",
"What does the December 2019 interim rule say about ...?"): such a question is answered from the
document the question names, although no sentence of it has a "said" (fit: blind-s24 m046). A
party the question names as the speaker must still be found speaking. Documents written for these
tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

NOTICE = """title: TN 2024-07 Restrictions on Procuring Certain Harbour Cranes (interim notice)
publisher: Example Office of Port Procurement
date: 2024-03-18
---
TN 2024-07 Restrictions on Procuring Certain Harbour Cranes

An interim notice amending the Port Procurement Code to implement section 12(b) of the Harbour Security Act of 2023 (Public Law 118-41) was issued on March 18, 2024 with immediate effect.

The notice requires port operators to file an annual report listing every crane bought from a restricted maker.

Questions may be sent to the procurement desk.
"""

RELEASE = """title: Ministry of Ports welcomes crane rules (press release)
publisher: Example Ministry of Ports
date: 2024-03-19
---
The Ministry of Ports said the new crane rules would strengthen harbour security.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("document-speakers", {"notice.txt": NOTICE, "release.txt": RELEASE})
    return settings


def test_a_document_named_by_its_code_says_its_own_text(index):
    a = ask("What statutory section and Public Law does TN 2024-07 say the interim notice implements?", index=index)
    assert not a.abstained, a.text
    assert "section 12(b)" in a.citations[0].quote and "118-41" in a.citations[0].quote


def test_a_document_named_by_its_date_and_kind_says_its_own_text(index):
    a = ask("What does the March 2024 interim notice say about annual reports?", index=index)
    assert not a.abstained, a.text
    assert "annual report" in a.citations[0].quote


def test_a_named_party_must_still_be_found_speaking(index):
    # Twin: the Harbour Authority is no document's title or publisher and says nothing in them.
    a = ask("What did the Harbour Authority say about annual reports?", index=index)
    assert a.abstained, a.text


def test_asked_speaker_words_skip_the_wh_phrase():
    from agent.extractive import _asked_speaker_words

    assert _asked_speaker_words("What statutory section does TN 2024-07 say the notice implements?") \
        == {"2024-07", "@tn"}
    assert _asked_speaker_words("What does the March 2024 interim notice say?") == {"march", "2024", "interim", "notice"}
