"""Issue 8: "What is the name of the <person>?" asks for that person, by name (blind-s29 s052, a fit
set since session 30). The noun "name" with an "of" asks for what its "of" names (as "kind of" does):
the focus is the person noun; and when no sentence names anyone in the role, the question is a near
miss ("... retained a human rights expert ..." names none). The twin: a sentence that names the
person answers. A story written for these tests (made-up firms and people)."""
from __future__ import annotations

import pytest

from agent.analysis import parsed_focus

from tiny_ask import ask

STORY = """title: Port regulator widens crane blacklist to include two optics makers
publisher: Example Wire
date: 2023-10-10
---
The harbour regulator on Monday added Kestrel Optics and Ravenmoor Sensors to its crane blacklist.
A Kestrel Optics spokesman said the company "strongly opposes" the decision and noted that in March it retained a port safety expert to advise the company on compliance.
Halvard Brenne, founder of harbour research firm Quaylight, said both makers depend on imported lenses.
"""


ENTRIES = """title: Crane List entries added by 88 HR 54002 (October 9, 2023), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-05-16
---
Entity: Kestrel Optics Co., Ltd.
Alternate names: Kestrel Optics
Addresses: 5 Quay Road, Ostra, JP
Start date: 2023-10-09
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("name-of", {"story.txt": STORY, "entries.txt": ENTRIES})
    return settings


@pytest.mark.parametrize("question, focus", [
    ("What is the name of the port safety expert Kestrel Optics retained?", ["safety", "expert"]),
    ("What is the name of the founder of Quaylight?", ["founder"]),
    # a category noun as before
    ("What kind of cranes did the regulator list?", ["crane"]),
])
def test_the_name_of_a_noun_asks_for_that_noun(question, focus):
    assert parsed_focus(question) == focus


@pytest.mark.parametrize("question", ["What is the name of the port safety expert Kestrel Optics retained in March?",
                                      # a person, not the party's name fields ("Alternate names: Kestrel Optics")
                                      "What is the name of the Kestrel Optics spokesman?",
                                      "What is the name of the Spokesman of Kestrel Optics?"])
def test_a_person_the_sources_do_not_name_is_a_near_miss(index, question):
    a = ask(question, index)
    assert a.abstained, a.text


def test_a_person_the_sources_name_is_answered(index):
    # the twin
    a = ask("What is the name of the founder of Quaylight?", index)
    assert not a.abstained, a.text
    assert "Halvard Brenne" in a.text.split("\n\nEvidence")[0], a.text
    # and the party's name fields still answer for its names
    a = ask("What are the alternate names of Kestrel Optics Co., Ltd.?", index)
    assert a.text.startswith("Kestrel Optics [1]"), a.text
