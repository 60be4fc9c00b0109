"""Issue 8 (blind-s31 u055, a fit set since session 32): a press statement's own sentences are its
speaker's words, with no "said" in them. "What did Pompeo's October 2019 statement call on the PRC to
do?" abstained: the statement's sentence ("The United States calls on the People's Republic of China
to ...") has no speech verb, so it ranked below a news story's quotations of others and never reached
the evidence; and with "October 2019" the parser made "call" the subject's head, so the speaker was
read as "Pompeo's October 2019 statement call on the PRC to". Documents written for these tests (a
made-up ministry and country)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STATEMENT = """title: Ministry of Ports Imposes Berth Restrictions on Officials of Ruritania for the Channel Blockade (press statement)
publisher: Example Ministry of Ports (Minister of Ports Alma Vale)
date: 2023-10-08
---
Minister Vale announced berth restrictions today on officials of Ruritania who are responsible for the blockade.

The Ministry calls on the Republic of Ruritania to immediately release the detained crews, end its blockade of the Eastern Channel, and reopen the port of Varn to foreign shipping.

These restrictions complement last week's listing of six Ruritanian shipping agents by the Harbour Board.
"""

NEWS = """title: Harbour Board lists Ruritanian shipping agents as channel blockade drags on
publisher: Example Wire
date: 2023-10-07
---
"The blockade must end now," union leader Ben Crole said on Monday, calling on shipping firms to reroute their vessels around Ruritania.

A Ministry of Ports spokesman said the ministry had repeatedly called on Ruritania to talk, and that its patience was running out.

Ruritania's transport minister said the country would not bow to pressure from the Ministry of Ports and called on its neighbours to respect its waters.

Shipping analysts said the blockade had already cost the region's ports about $40 million.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("statement-own-words", {"statement.txt": STATEMENT, "news.txt": NEWS})
    return settings


@pytest.mark.parametrize("question", [
    "What did the Ministry of Ports' statement call on Ruritania to do?",
    "What did Vale's October 2023 statement call on Ruritania to do?",
    "What did Alma Vale's statement call on the Republic of Ruritania to do?",
])
def test_a_statement_says_its_own_sentences(index, question):
    a = ask(question, index)
    assert not a.abstained, a.text
    assert "release the detained crews" in a.citations[0].quote, a.text


def test_another_speaker_is_not_answered_by_the_statement(index):
    # The twin: the union leader is quoted in the story; the Ministry's sentence is not his.
    a = ask("What did union leader Ben Crole call on shipping firms to do?", index)
    assert not a.abstained, a.text
    assert "reroute" in a.citations[0].quote, a.text


def test_the_subject_ends_before_a_misparsed_verb():
    from agent.extractive import _asked_speaker

    assert _asked_speaker("What did Vale's October 2023 statement call on Ruritania to do?") == {"vale", "october"}
