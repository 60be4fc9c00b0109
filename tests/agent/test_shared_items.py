"""Issue 8: questions that ask what two sources have in common (fit: blind-s28 r021/r028/r030, blind-s15
b47, blind-s24 m011; session 29). "Which firms named in A were also added to B?", "Which official is quoted
both in A and in B?", "What phone number do both A and B give?": each side is retrieved on its own, and the
lead names the items both sources hold, each marked with a quote from each side; when the sources share
none, or the count the question states is not what they share, the answer abstains. A "both" that
coordinates what is asked, and a plain "A and B" list, are not intersections. Documents written for these
tests (made-up parties, people and numbers)."""
from __future__ import annotations

import re

import pytest

from agent.answering.shared import intersection

from tiny_ask import ask

GULL_RULE = """title: Addition of Certain Firms to the Gull Register
publisher: Example Maritime Authority
date: 2024-02-06
---
[Docket No. 240201-0077]

SUMMARY: This final rule adds three firms to the Gull Register: Brackwater Optics Limited, Quillon Marine Systems Company, and Tessaly Radar Works.

FOR FURTHER INFORMATION CONTACT: Registrar, Office of Port Licensing, Phone: (555) 301-7788, Email: registrar@example.org.
"""

TERN_RULE = """title: Addition of Certain Firms to the Tern Register
publisher: Example Maritime Authority
date: 2024-09-17
---
[Docket No. 240910-0123]

SUMMARY: This final rule adds three firms to the Tern Register: Quillon Marine Systems Co., Ltd., Orvandel Shipping, and Tessaly Radar Works Limited.

FOR FURTHER INFORMATION CONTACT: Registrar, Office of Port Licensing, Phone: (555) 301-7788, Email: registrar@example.org.
"""

ANNOUNCEMENT = """title: Maritime Authority announces the Gull Register listings (press release)
publisher: Example Maritime Authority
date: 2024-02-06
---
"These firms put port safety at risk," said Harbour Commissioner Elsbeth Marrow.
"""

STORY = """title: Port regulator widens Tern Register
publisher: Example Wire
date: 2024-09-18
---
The Maritime Authority added three firms to its Tern Register on Tuesday, the regulator said.

"We will not tolerate unsafe radar equipment in our ports," said Harbour Commissioner Elsbeth Marrow.

Orvandel Shipping said it would appeal, according to its lawyer Tobias Fenwick.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("shared-items", {"gull.txt": GULL_RULE, "tern.txt": TERN_RULE,
                                              "announcement.txt": ANNOUNCEMENT, "story.txt": STORY})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\n")[0]


def _quotes_marked(a, line_holding: str) -> list:
    line = next(line for line in _lead(a).splitlines() if line_holding in line)
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", line)}
    return [c for c in a.citations if c.n in marks]


# ------------------------------------------------------------- reading the question
@pytest.mark.parametrize("question", [
    "Which firms named in the February 2024 Gull Register rule were also added to the Tern Register?",
    "Which port official is quoted both in the Gull Register press release and in the Example Wire story?",
    "What phone number do both the February 2024 and September 2024 register rules give for the Registrar?",
    "Which firms are common to the Gull Register rule and the Tern Register rule?",
    # side A's source named before the noun (a name, a date)
    "Which February 2024 Gull Register firms were also added to the Tern Register?",
])
def test_intersections_read_into_two_sides(question):
    read = intersection(question)
    assert read is not None and len(set(read.sides)) == 2
    assert all("both" not in side.split() and " also " not in side for side in read.sides)


@pytest.mark.parametrize("question", [
    # "both" coordinates what is asked, of one document.
    "Which rule gives both the docket number and the phone number of the Registrar?",
    "What are both the docket number and the effective date of the Gull Register rule?",
    # A list of two things asked, no intersection.
    "Which firms did the Gull Register rule add, and which did the Tern Register rule add?",
    "Which firms did the Gull Register rule and the Tern Register rule add?",
    # "also" without a constraint of the asked noun's own.
    "Which authority also keeps the Tern Register?",
    # a modifier that describes (no name, no number) names no source
    "Which foreign firms were also added to the Tern Register?",
])
def test_not_intersections(question):
    assert intersection(question) is None


# ------------------------------------------------------------- answering
def test_firms_in_both_rules(index):
    a = ask("Which firms named in the February 2024 Gull Register rule were also added to the Tern Register?", index)
    assert not a.abstained, a.text
    lead = _lead(a)
    assert "Quillon Marine Systems" in lead and "Tessaly Radar Works" in lead, lead
    assert "Brackwater" not in lead and "Orvandel" not in lead and "Registrar" not in lead, lead
    # each shared firm is marked with a quote from each rule, and every mark's quote writes it
    quotes = _quotes_marked(a, "Tessaly")
    assert {c.title for c in quotes} == {"Addition of Certain Firms to the Gull Register",
                                         "Addition of Certain Firms to the Tern Register"}
    assert all("Tessaly Radar Works" in c.quote for c in quotes)


def test_an_official_quoted_in_both(index):
    a = ask("Which port official is quoted both in the Gull Register press release and in the Example Wire story?", index)
    assert not a.abstained, a.text
    assert _lead(a).startswith("Elsbeth Marrow"), a.text
    assert "Tobias Fenwick" not in _lead(a)


def test_a_number_both_rules_give(index):
    a = ask("What phone number do both the February 2024 and September 2024 register rules give for the Registrar?",
            index)
    assert not a.abstained, a.text
    assert _lead(a).startswith("(555) 301-7788"), a.text


def test_nothing_shared_abstains(index):
    # the press release quotes an official; the Tern Register rule quotes no one
    a = ask("Which port official is quoted both in the Gull Register press release and in the Tern Register rule?",
            index)
    assert a.abstained, a.text


def test_stated_count_not_shared_abstains(index):
    # The rules share two firms; "Which three" is not what the sources say: no lead rather than a wrong one.
    a = ask("Which three firms named in the February 2024 Gull Register rule were also added to the Tern Register?",
            index)
    assert a.abstained


def test_one_rule_alone_unchanged(index):
    a = ask("Which firms did the September 2024 Tern Register rule add?", index)
    assert not a.abstained
    assert "Orvandel" in _lead(a) or "Orvandel" in a.text


# ------------------------------------------------------------- a name the entity recogniser misses
CLAUSE = """title: HAR 52.9-25 Prohibition on Contracting for Certain Harbour Cameras (clause, MAR 2023)
publisher: Example Harbour Acquisition Council
date: 2023-03-01
---
HAR 52.9-25 Prohibition on Contracting for Certain Harbour Cameras.

(a) Definitions. As used in this clause-

Covered camera equipment means-

(1) Harbour cameras produced by Kestrix Vision Corporation or Orvane Technologies Company (or any subsidiary or affiliate of such entities);

(2) For the purpose of port security, video surveillance equipment produced by Belmar Optics Company, Talvik Imaging Company, or Norvu Digital Company (or any subsidiary or affiliate of such entities);
"""
ENTRY = """Entity: {name}
Addresses: {n} Quay Rd., Ostra, JP
Federal Register notice(s): 88 FR 34495
Start date: 2023-06-05
License review policy: Presumption of denial
"""
LIST = ("""title: Crane List entries added effective June 5, 2023 (88 FR 34495), as carried in the Consolidated Screening List
publisher: Example Screening Office
date: 2024-05-16
---
""" + "\n".join(ENTRY.format(name=n, n=i + 1) for i, n in
                enumerate(["Belmar Optics Company", "Talvik Imaging Company", "Harbin Marine Works"])))


@pytest.fixture(scope="module")
def listed(tiny_index):
    _, settings = tiny_index("shared-items-listed", {"clause.txt": CLAUSE, "list.txt": LIST})
    return settings


def test_a_listed_name_the_recogniser_misses_in_the_clause(listed):
    # spaCy's small model finds no entity in "Talvik Imaging Company" there; the list's record names it
    a = ask("Which two camera makers named in the covered camera equipment definition of HAR 52.9-25 were also "
            "added to the Crane List with start date 2023-06-05?", listed)
    assert not a.abstained, a.text
    lead = _lead(a)
    assert "Belmar Optics Company" in lead and "Talvik Imaging Company" in lead, lead
    assert "Kestrix" not in lead and "Harbin" not in lead, lead


def test_a_list_named_before_the_noun(listed):
    # "June 2023 Crane List" names side A's source by its title: all its records are side A's
    a = ask("Which June 2023 Crane List companies also appear in the HAR 52.9-25 definition?", listed)
    assert not a.abstained, a.text
    lead = _lead(a)
    assert "Belmar Optics Company" in lead and "Talvik Imaging Company" in lead, lead
    assert "Kestrix" not in lead and "Harbin" not in lead and "Orvane" not in lead, lead


# ------------------------------------------------------------- a side found by its constraint alone
def test_each_side_is_retrieved_by_its_constraint_too(listed, monkeypatch):
    """In a large index the side question's other words pull other passages ("Which two camera makers
    were added to the Crane List with start date 2023-06-05?" retrieves stories about makers, blind-s28
    r021): each side is retrieved by its question and by its constraint alone ("added to the Crane
    List with start date 2023-06-05"), and the answer is read from both."""
    from agent.retrieval import Retriever

    asked: list[str] = []
    original = Retriever.retrieve

    def recording(self, query, *args, **kwargs):
        asked.append(query)
        return original(self, query, *args, **kwargs)

    monkeypatch.setattr(Retriever, "retrieve", recording)
    question = ("Which two camera makers named in the covered camera equipment definition of HAR 52.9-25 were also "
                "added to the Crane List with start date 2023-06-05?")
    read = intersection(question)
    a = ask(question, listed)
    assert not a.abstained, a.text
    assert all(side in asked for side in read.sides), asked
    assert all(constraint in asked for constraint in read.constraints), asked


# Session 38 (fit: blind-s35 y019). Side A named by a document's code and its kind ("the HAR 52.812-2
# clause": the clause's verb, "named in", is no word of the document's name), and by one of its
# definitions ("the HAR 52.812-2 *covered-equipment definition*"), is read whole - or that definition
# whole - not only the passages retrieved for it (the second item of the definition was left out).
CRANE_CLAUSE = """title: HAR 52.812-2 Prohibition on Certain Crane Equipment (clause)
publisher: Example Acquisition Council
date: 2023-08-01
---
(a) Definitions. As used in this clause-
Covered crane equipment means-
(1) Harbour cranes produced by Varlen Lifting Corporation or Dravik Heavy Industries Company (or any subsidiary or affiliate of such entities);
(2) For the purpose of port security, surveillance cranes produced by Brackwater Optics Company, Quillon Marine Systems Company, or Morrow Hoist Company (or any subsidiary or affiliate of such entities);
(3) Cranes operated by an entity that the Harbour Minister reasonably believes to be owned by the government of a covered country.
Critical harbour technology means-
(1) Crane control software designed for ports.
(b) Prohibition. The Contractor shall not provide covered crane equipment.
"""

CRANE_ENTRIES = """title: Crane List entries for the six entities added on 2023-09-04, as carried in a screening list
publisher: Example Screening Office
date: 2023-09-10
---
Entity: Quillon Marine Systems Co., Ltd.
Addresses: 4 Quay Rd., Ostra, BX
Start date: 2023-09-04

Entity: Brackwater Optics Company
Addresses: 9 Dock Lane, Ostra, BX
Start date: 2023-09-04

Entity: Ostra Port Police Bureau
Addresses: 1 Pier Rd., Ostra, BX
Start date: 2023-09-04
"""


@pytest.fixture(scope="module")
def cranes(tiny_index):
    _, settings = tiny_index("shared-items-definition", {"clause.txt": CRANE_CLAUSE, "entries.txt": CRANE_ENTRIES})
    return settings


@pytest.mark.parametrize("question", [
    "Which firms named in the HAR 52.812-2 clause were also added to the Crane List on 2023-09-04?",
    "Which firms named in the HAR 52.812-2 covered-equipment definition also appear among the entities listed on "
    "2023-09-04?",
])
def test_a_side_named_by_its_document_or_definition_is_read_whole(cranes, question):
    a = ask(question, cranes)
    lead = _lead(a)
    assert "Quillon Marine" in lead and "Brackwater Optics" in lead, a.text
    assert "Varlen" not in lead and "Ostra Port Police" not in lead, a.text


def test_the_definition_a_constraint_names():
    from agent.answering.shared import _defined_span
    from ingest.store import StoredDocument

    body = CRANE_CLAUSE.split("---\n", 1)[1]
    doc = StoredDocument("c", ["c.txt"], "HAR 52.812-2 Prohibition on Certain Crane Equipment (clause)",
                         "Example Acquisition Council", "2023-08-01", "", "regulation", body)
    start, end = _defined_span("named in the HAR 52.812-2 covered-equipment definition", doc)
    assert body[start:end].startswith("Covered crane equipment means") and "Morrow Hoist" in body[start:end]
    assert "Crane control software" not in body[start:end]
    # twins: a constraint naming no definition, and a definition the document lacks
    assert _defined_span("named in the HAR 52.812-2 clause", doc) is None
    assert _defined_span("named in the HAR 52.812-2 covered-vessel definition", doc) is None
