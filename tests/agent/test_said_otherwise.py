"""Issue 8: a yes/no question's word that no quote writes is matched by meaning (MiniLM): "Can
*relatives* of the officials be hit?" is settled by "Family members of such persons may also be
subject to these bans", which ranks below the quote restating the bans (fit: blind-s15 b41,
blind-s17 c002, blind-s19 g002, blind-s20 h024). A word no sentence means is not. Documents
written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STATEMENT = """title: Aldmere Imposes Entry Bans on Tamsk Harbour Officials (press statement)
publisher: Aldmere Ministry of Foreign Affairs
date: 2023-07-01
---
Aldmere Imposes Entry Bans on Tamsk Harbour Officials

Today, I am announcing:

- Entry bans on Tamsk harbour board officials who are believed to be responsible for the unsafe berthing of Aldmere vessels.  Family members of such persons may also be subject to these bans.

- These bans complement last week's port fees on Tamsk shipping lines.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("said-otherwise", {"statement.txt": STATEMENT})
    return settings


def test_a_word_said_in_other_words_settles_a_yes_no_question(index):
    a = ask("Can relatives of the Tamsk officials also be hit by the entry bans?", index=index)
    assert a.citations[0].quote.startswith("Family members of such persons"), a.text


def test_a_word_no_sentence_means_is_not_matched(index):
    # Twin: nothing says anything of the officials' lawyers; the family sentence does not lead.
    a = ask("Can lawyers of the Tamsk officials also be hit by the entry bans?", index=index)
    assert not a.citations or not a.citations[0].quote.startswith("Family members"), a.text
