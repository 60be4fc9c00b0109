"""Issue 8: a sentence that itself states a question term is quoted, though the best sentence's
paragraph already holds that term ("Family members of such persons may also be subject to these
restrictions." after the bullet it ends; fit: j071, h004, b12, b30). A document written for it."""
from __future__ import annotations

import pytest

STATEMENT = """title: Harbour Authority imposes port-entry bans on officials (press statement)
publisher: Example Harbour Authority
date: 2023-07-01
---
The Harbour Authority is taking the following actions:

- Port-entry bans on Borduran customs officials who are believed to be responsible for the seizure of Arcadian vessels in the northern strait.  Relatives of such officials may also be subject to these bans.

- These bans complement last week's listing of four Borduran shipyards.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("evidence-picking", {"statement.txt": STATEMENT})
    return settings


def test_a_sentence_stating_the_asked_term_itself_is_quoted(index):
    from agent.api import ask

    a = ask("Are relatives of the Borduran customs officials covered by the port-entry bans?",
            index=index.index, settings=index)
    assert any("Relatives of such officials may also be subject" in c.quote for c in a.citations), a.text
