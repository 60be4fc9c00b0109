"""Issue 8: a party asked for by its kind and a fact of its record (a new-user trial, stop 29). "Which
harbour police bureau has an address in Ostra?" asks which of the list's many bureaus: the words of
the asked kind ("harbour police bureau") are in every bureau's name and name none of them; the
record whose address holds Ostra is the answer. Asked by its name, the bureau's own field answers.
Entries written for these tests (made-up parties)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

ENTRY = """Entity: {name}
Addresses: {street}, {city}, JP
Federal Register notice(s): 88 FR 54002
Start date: 2023-10-09
License review policy: Presumption of denial
"""
BUREAUS = [("Kelvar Prefecture Harbour Police Bureau", "Yingxia Rd.", "Ostra"),
           ("Marren City Harbour Police Bureau", "12 Quay St.", "Marren"),
           ("Tolvik Harbour Police Bureau", "3 Pier Rd.", "Tolvik")]
ENTRIES = ("""title: Crane List entries for the 3 entities added by 88 FR 54002 (October 9, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-05-16
---
""" + "\n".join(ENTRY.format(name=n, street=s, city=c) for n, s, c in BUREAUS))


# The kind's words are common in the index, as in any real one (other documents speak of such bureaus);
# the place is rare.
STORY = """title: Harbour police bureaus added to the Crane List
publisher: Example Wire
date: 2023-10-10
---
Three harbour police bureaus were added to the Crane List on Monday. A harbour police bureau is the police force of a port.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("described-holders", {"entries.txt": ENTRIES, "story.txt": STORY})
    return settings


@pytest.mark.parametrize("question", ["Which harbour police bureau has an address in Ostra?",
                                      "Which entity has an address in Ostra?"])
def test_the_kind_asked_for_names_no_party(index, question):
    a = ask(question, index)
    assert not a.abstained, a.text
    lead = a.text.split("\n\nEvidence")[0]
    assert "Kelvar Prefecture Harbour Police Bureau" in lead, a.text
    assert "Marren" not in lead and "Tolvik" not in lead, a.text


def test_a_party_named_is_answered_from_its_own_record(index):
    # the twin: the name picks the record; its address answers
    a = ask("What address does the Crane List give for the Marren City Harbour Police Bureau?", index)
    assert not a.abstained, a.text
    assert a.text.startswith("12 Quay St., Marren, JP"), a.text
