"""Issue 8, session 38 (fit: blind-s33 w019, blind-s35 y039, blind-s36 z073 and their kind in
blind-s15 b40, blind-s31 u023, blind-s32 v075): a hyphenated compound of a name and a common word
("the *Velmora-related* listings") describes what is asked about by its relation to the name; a story
about the listings need not write that relation. When the sources write the name somewhere (another
document lists the Velmora bureaus), what the minister said about the listings answers; when no source
writes the name ("the *Brava-related* listings"), nothing does. Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

STORY = """title: Regulators widen crane blacklist to Ostra harbour bureaus
publisher: Tidewater Wire
date: 2023-06-21
---
The Screening Office added twenty entities to the Crane List on Tuesday, including harbour police bureaus accused of abusing ethnic minorities.
"We will not tolerate the abuse of minorities in our ports," said Harbour Minister Ilse Varga.
Ostra's foreign ministry called the listings an insult.
"""

ENTRIES = """title: Crane List entries for the twenty entities added on 2023-06-20
publisher: Example Screening Office
date: 2023-07-01
---
Entity: Velmora Harbour Police Bureau
Addresses: 1 Pier Rd., Velmora, BX
Start date: 2023-06-20

Entity: Velmora Port Surveillance Bureau
Addresses: 2 Pier Rd., Velmora, BX
Start date: 2023-06-20
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("descriptor-names", {"story.txt": STORY, "entries.txt": ENTRIES})
    return settings


def lead(a) -> str:
    return a.text.split("Evidence:")[0]


def test_a_relation_to_a_written_name_need_not_be_written(index):
    a = ask("What did Harbour Minister Ilse Varga say about the Velmora-related listings, per Tidewater Wire?", index)
    assert not a.abstained and "will not tolerate" in lead(a), a.text


def test_a_relation_to_a_name_no_source_writes_is_no_answer(index):
    # the twin: no source writes "Brava"
    a = ask("What did Harbour Minister Ilse Varga say about the Brava-related listings, per Tidewater Wire?", index)
    assert a.abstained, a.text


def test_the_descriptors_of_a_question():
    class Store:
        """Document frequencies of a corpus that writes "Velmora" only."""

        def chunk_count(self) -> int:
            return 10

        def document_frequency(self, word: str) -> int:
            return 3 if word.lower() == "velmora" else 0

        def capitalised_share(self, word: str):
            return None

    from agent.analysis import _written_name_compounds, content_terms
    from agent.analysis import Term, norm_key

    terms = [Term(w, norm_key(w), 1.0, 0, True) for w in content_terms(
        "What did Varga say about the Velmora-related and the Brava-based listings and the US-Ostra talks?")]
    assert _written_name_compounds(terms, Store(), {}) == {norm_key("Velmora-related")}


# Session 39 (fit: blind-s33 w006, blind-s36 z015, train-s16 t040): the codes of a rule described by a
# compound ("the rule adding the twenty *Velmora-related* entities"). The rule's opening never writes
# Velmora: the compound is neither the name the rule is about (its header's docket line answers) nor an
# unknown word that makes the evidence look unrelated.
RULE = """title: Addition of Certain Entities to the Crane List (88 FR 40001)
publisher: Example Screening Office
date: 2023-06-20
---
[Docket No. 230615-0042]
RIN 0777-AB12

SUMMARY: This final rule amends the export regulations by adding twenty entities to the Crane List.
These entities have been determined to be engaged in activities contrary to the foreign policy interests of the country.

DATES: This rule is effective June 20, 2023.
"""


@pytest.fixture(scope="module")
def rule_index(tiny_index):
    _, settings = tiny_index("descriptor-codes", {"rule.txt": RULE, "entries.txt": ENTRIES, "story.txt": STORY})
    return settings


@pytest.mark.parametrize("question, code", [
    ("What docket number does the Screening Office's June 2023 rule adding the twenty Velmora-related entities carry?",
     "230615-0042"),
    ("What RIN and docket number does the Screening Office's June 2023 rule adding the twenty Velmora-related entities carry?",
     "230615-0042"),
])
def test_a_rule_described_by_a_relation_gives_its_codes(rule_index, question, code):
    a = ask(question, rule_index)
    assert code in lead(a), a.text


def test_a_rule_described_by_an_unwritten_relation_gives_none(rule_index):
    # the twin: no source writes "Brava"
    a = ask("What docket number does the Screening Office's June 2023 rule adding the twenty Brava-related entities carry?",
            rule_index)
    assert "230615-0042" not in lead(a), a.text
