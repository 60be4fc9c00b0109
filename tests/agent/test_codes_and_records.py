"""Issue 8: codes written after their label (RIN, docket number, telephone number) and the
record of the party a question names, over small documents written for these tests (not the
shared corpus: the rules must hold for documents nobody tuned on)."""
from __future__ import annotations

import pytest

RULE = """title: Addition of Example Entities to the Entity List
publisher: U.S. Department of Commerce, Bureau of Industry and Security
date: 2021-11-15
---
DEPARTMENT OF COMMERCE

Bureau of Industry and Security

15 CFR Part 744

[Docket No. 211110-0231]

RIN 0694-AI77

Addition of Example Entities to the Entity List

AGENCY: Bureau of Industry and Security, Commerce.

ACTION: Final rule.

SUMMARY: This final rule amends the Export Administration Regulations by adding four entities to the Entity List.
The four entities are located in Arcadia and Borduria.

FOR FURTHER INFORMATION CONTACT: Chair, End-User Review Committee, or call 202-555-0147.

SUPPLEMENTARY INFORMATION: The End-User Review Committee determined that the four entities act contrary to the
national security of the United States. Sequence No. 4 of this docket concerns a different matter.
"""

ENTRIES = """title: Entity List entries added by the example rule, as carried in a screening list
publisher: U.S. Department of Commerce, Bureau of Industry and Security
date: 2021-11-15
---
Entity: Tarvos Optical Works
Alternate names: Narvik Lens Bureau; and Tarvos Photonics Bureau
Addresses: 17 Harbour Rd., Port Lumen, 48213, AR
Start date: 2021-11-15
License review policy: Presumption of denial

Entity: Orbis Lens Bureau
Addresses: 9 Quarry Lane, Old Fen, 55102, AR
Start date: 2021-11-15
License review policy: Presumption of denial

Entity: Kestrel Avionics
Addresses: Borduria
Start date: 2021-11-15
License review policy: Case-by-case review

Entity: Meridian Signal Institute
Alternate names: Meridian Technology Bureau
Addresses: 4 Canal St., Szohod, 70011, BD
Start date: 2021-11-15
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    """The two documents above, indexed once (the shared ``tiny_index`` fixture): the settings to ask with."""
    _, settings = tiny_index("codes", {"example-rule.txt": RULE, "example-entries.txt": ENTRIES})
    return settings


def ask(question: str, index):
    from agent.api import ask as ask_index

    return ask_index(question, index=index.index, settings=index)


def lead(answer) -> str:
    return answer.text.split("\n")[0]


def test_a_code_written_after_the_asked_label_leads(index):
    a = ask("What RIN does the example Entity List rule carry?", index=index)
    assert lead(a).startswith("0694-AI77") and not a.abstained
    assert any("RIN 0694-AI77" in c.quote for c in a.citations)


def test_each_asked_label_gets_its_own_code(index):
    """'the docket number and RIN': two codes; "No." is "number"; "Sequence No. 4" is another
    kind of number (the word before the label is not the question's)."""
    a = ask("Docket number and RIN of the example Entity List rule?", index=index)
    assert "211110-0231" in lead(a) and "0694-AI77" in lead(a)
    assert "4" not in lead(a).split("[")[0].replace("0694-AI77", "").replace("211110-0231", "")


def test_the_number_to_call_is_what_the_question_verb_labels(index):
    a = ask("What number should an exporter call for more information on the example rule?", index=index)
    assert lead(a).startswith("202-555-0147")


def test_a_party_named_only_by_an_alternate_name_is_found_by_its_record(index):
    """'Narvik Lens Bureau' is an alternate name of Tarvos Optical Works: its address, not that of
    'Orbis Lens Bureau' (whose name line shares 'Lens Bureau')."""
    a = ask("What address does the entity list give for the Narvik Lens Bureau?", index=index)
    assert "17 Harbour Rd., Port Lumen, 48213" in lead(a) and "55102" not in a.text
    # Asked for a part of it, the other entry's postcode is never the answer.
    assert "55102" not in ask("What is the postcode of the Narvik Lens Bureau on the entity list?", index=index).text


def test_a_field_the_partys_record_lacks_is_not_taken_from_another_record(index):
    """Orbis Lens Bureau's entry has no 'Alternate names' line: no other entry's aliases (which
    share the words 'Lens Bureau') are quoted for it, and the answer says the sources don't say."""
    a = ask("What alternate names does the Entity List give for Orbis Lens Bureau?", index=index)
    assert a.abstained
    assert "Narvik" not in a.text and "Meridian" not in a.text


def test_a_start_date_is_no_date_of_birth(index):
    assert ask("What date of birth does the entity list give for Kestrel Avionics?", index=index).abstained
    a = ask("What is the start date of Kestrel Avionics on the entity list?", index=index)
    assert "2021-11-15" in lead(a)


def test_a_postcode_question_gets_the_code_or_nothing(index):
    """A postcode is a part of the address: the code itself leads; an address without one
    ('Borduria') is no answer to it."""
    a = ask("What is the postal code of Tarvos Optical Works on the entity list?", index=index)
    assert lead(a).startswith("48213") and any("17 Harbour Rd." in c.quote for c in a.citations)
    assert ask("What is the postcode of Kestrel Avionics on the entity list?", index=index).abstained


@pytest.mark.parametrize("address, codes", [
    ("52 Yingbin Rd., Kelamayi District, XUAR, Kelamayi, 834000, CN", ["834000"]),
    ("Technologiepark 19, 9052 Zwijnaarde, BE", ["9052"]),
    ("B55 Adastral Park, Martlesham Heath, Ipswich, IP5 3RE, Ipswich, GB", ["IP5 3RE"]),
    ("1 Main St., Springfield, 62701, US; 2 Rue Haute, 75001 Paris, FR", ["62701", "75001"]),
    # Street and building numbers are not postal codes.
    ("1306 Room, No. 26, Jinlong Road, Nansha District, Guangzhou, CN", []),
    ("339 Hebei East Rd., XUAR, Urumqi, CN", []),
    ("Bern, CH", []),
])
def test_postal_codes_of_an_address(address, codes):
    from agent.extractive import postal_codes

    assert postal_codes(address) == codes
