"""Issue 8: codes written after their label (RIN, docket number, telephone number) and the
record of the party a question names, over small documents written for these tests (not the
shared corpus: the rules must hold for documents nobody tuned on)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

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

FOR FURTHER INFORMATION CONTACT: Chair, End-User Review Committee, Phone: (202) 555-0188. Exporters may also call 202-555-0147.

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
Federal Register notice(s): 86 FR 63001
Start date: 2021-11-15
License review policy: Presumption of denial

Entity: Vantor Signal Works
Addresses: Rm 408 Bldg. 3 No 911-11 Hulan Rd., Szohod, BD
Federal Register notice(s): 86 FR 63002
Start date: 2021-11-15
License review policy: Case-by-case review
"""

NEWS = """title: Lens makers react to the listing
publisher: Example Wire
date: 2021-11-16
---
Zentrix Signal Company, a supplier of two of the listed entities, said on Tuesday it was not on the list and
would keep shipping to customers in Arcadia.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    """The two documents above, indexed once (the shared ``tiny_index`` fixture): the settings to ask with."""
    _, settings = tiny_index("codes", {"example-rule.txt": RULE, "example-entries.txt": ENTRIES, "news.txt": NEWS})
    return settings


def lead(answer) -> str:
    return answer.text.split("\n")[0]


def test_a_code_written_after_the_asked_label_leads(index):
    a = ask("What RIN does the example Entity List rule carry?", index=index)
    # (Led as cited, with the acronym written right before it: "RIN 0694-AI77", session 38.)
    assert lead(a).startswith("RIN 0694-AI77") and not a.abstained
    assert any("RIN 0694-AI77" in c.quote for c in a.citations)


def test_each_asked_label_gets_its_own_code(index):
    """'the docket number and RIN': two codes; "No." is "number"; "Sequence No. 4" is another
    kind of number (the word before the label is not the question's)."""
    a = ask("Docket number and RIN of the example Entity List rule?", index=index)
    assert "211110-0231" in lead(a) and "0694-AI77" in lead(a)
    assert "4" not in lead(a).split("[")[0].replace("0694-AI77", "").replace("211110-0231", "")


def test_a_conjoined_label_keeps_its_modifiers(index):
    """'What RIN and *docket* number': the second label is the docket number, not any number ("Sequence No. 4")."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _label_groups

    from agent.extractive import assess
    from agent.retrieval import Retriever

    question = "What RIN and docket number does the example Entity List rule carry?"
    store = open_index(index=index.index, settings=index)
    assert ("number", frozenset({"number", "docket"})) in _label_groups(analyse(question, store))
    a = assess(question, Retriever(store, index).retrieve(question, k=index.top_k), store, index)
    assert a.codes == ["RIN 0694-AI77", "211110-0231"]


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
    # ... nor is the house number an address opens with, hyphenated or not.
    ("36-38, quai du Point du Jour, 92659 Boulogne-Billancourt cedex, FR", ["92659"]),
])
def test_postal_codes_of_an_address(address, codes):
    from agent.extractive import postal_codes

    assert postal_codes(address) == codes


def test_the_asked_kind_of_number_is_not_another_numbers_label(index):
    """'the telephone number': the code after 'Phone:' (a synonym of the asked modifier, as a field
    label), never a code after a bare 'No' (a building number), nor a code inside a record
    field's value; and a modifier written before a code without a colon names the code's kind
    ("Docket No. FAR 2019-0002" is no FAR case number)."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _labelled_code

    store = open_index(index=index.index, settings=index)
    phone = analyse("What telephone number does the example rule give for further information?", store)
    assert _labelled_code(phone, "FOR FURTHER INFORMATION CONTACT: Chair, Phone: (202) 555-0188.") == "(202) 555-0188"
    assert _labelled_code(phone, "Rm 408 Bldg. 3 No 911-11 Hulan Rd.") is None
    number = analyse("What number should an exporter call?", store)
    line = "Addresses: Rm 408 Bldg. 3 No 911-11 Hulan Rd., Szohod, BD"
    assert _labelled_code(number, line, label_end=len("Addresses:")) is None
    case = analyse("Which FAR case number is the rule?", store)
    assert _labelled_code(case, "[Docket No. FAR 2019-0002, Sequence No. 4]") is None
    assert _labelled_code(case, "[FAC 2019-05; FAR Case 2018-017; Docket No. FAR-2018-0017]") == "2018-017"
    a = ask("What number should an exporter call for more information on the example rule?", index=index)
    assert "911-11" not in a.text.split("Evidence:")[0]


def test_an_acronym_before_a_code_is_part_of_the_code(index):
    """An agency's acronym written before a docket number, with a hyphen or a space, is the
    docket's own prefix: "Docket No. ABC-2031-0044" is docket "ABC-2031-0044", never a cut
    "C-2031-0044", and "Docket No. ABC 2031-0045" is "ABC 2031-0045". A short lower-case or
    abbreviated word between label and code is still a gap ("call *at* ...", "*No.*")."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _labelled_code

    store = open_index(index=index.index, settings=index)
    docket = analyse("What docket number does the example rule carry?", store)
    assert _labelled_code(docket, "[XYZ Case 2030-011; Docket No. ABC-2031-0044, Sequence No. 2]") == "ABC-2031-0044"
    assert _labelled_code(docket, "[Docket No. ABC 2031-0045, Sequence No. 4]") == "ABC 2031-0045"
    assert _labelled_code(docket, "[Docket No. 310925-0044]") == "310925-0044"
    call = analyse("What number should an exporter call?", store)
    assert _labelled_code(call, "For more information call at 202-555-0143.") == "202-555-0143"


@pytest.mark.parametrize("question, count", [
    ("Give the docket number and RIN for the October 2031 rule adding 28 entities.", False),
    ("what's the docket no. of the 91 FR 44159 rule", False),
    ("How many entities did the October 2031 rule add to the list?", True),
    ("How many of the 28 entities were universities?", True),
])
def test_the_figures_a_question_states_do_not_make_it_a_count_question(index, question, count):
    """The unit model reads the question without the figures it states: "the rule adding 28
    entities" says which rule, and the docket number is still what is asked (an identifier, or
    no figure at all), never a count."""
    from agent.analysis import AnswerKind, _unit_probabilities, analyse
    from agent.answering.units import sure_unit
    from agent.api import open_index

    store = open_index(index=index.index, settings=index)
    q = analyse(question, store)
    assert (q.kind is AnswerKind.QUANTITY and not q.identifier) is count
    assert sure_unit(_unit_probabilities(question, store)) == ("count" if count else "identifier")


def test_a_noun_phrase_question_with_a_participle_asks_for_its_head(index):
    """The parser takes "adding" for the root of "Docket number and RIN for the rule adding four
    entities in Nov 2021?": its subject is what the question asks for."""
    from agent.analysis import parsed_focus

    assert parsed_focus("Docket number and RIN for the BIS rule adding four entities in Nov 2021?") == ["docket", "number"]
    a = ask("Docket number and RIN for the BIS rule adding four entities in Nov 2021?", index=index)
    assert "211110-0231" in lead(a) and "0694-AI77" in lead(a)


def test_a_stated_date_does_not_make_a_code_question_a_date_question(index):
    """The kind model may read a question that states a date as a date question ("What docket
    number and FR document number does the July 22, 2020 rule carry?"); codes are still read for it
    when its focus names no date ("docket number"), and not when it does ("effective date")."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _focus_names_date

    store = open_index(index=index.index, settings=index)
    assert not _focus_names_date(analyse("What docket number does the November 15, 2021 rule carry?", store), store)
    assert _focus_names_date(analyse("What effective date does the November 15, 2021 rule give?", store), store)


def test_a_party_typed_in_lower_case_is_found_by_its_record(index):
    """'meridian signal institute': the sources write these words only in record lines, where case
    says nothing, and there always capitalised as one run: a name."""
    a = ask("what alternate names does the entity list give for meridian signal institute?", index=index)
    assert lead(a).startswith("Meridian Technology Bureau")


def test_a_party_the_list_does_not_hold_gets_no_other_partys_record(index):
    """Zentrix Signal Company is named in the news, not on the list: 'Signal' is no reason to
    answer with Meridian Signal Institute's or Vantor Signal Works' address."""
    a = ask("What is Zentrix Signal Company's address on the Entity List?", index=index)
    assert "Szohod" not in a.text and "Canal St." not in a.text


def test_where_a_party_is_registered_is_its_address(index):
    """'registered' echoes the 'Federal Register notice(s)' label, but a where-question asks for a place."""
    a = ask("Where is Meridian Signal Institute registered according to the Entity List?", index=index)
    assert lead(a).startswith("4 Canal St., Szohod")


def test_conjoined_asks_get_each_field(index):
    """Two fields asked at once; 'FR cite' is the 'Federal Register notice(s)' line by its acronym."""
    a = ask("Vantor Signal Works: license review policy and FR cite on the Entity List?", index=index)
    head = a.text.split("Evidence:")[0]
    assert "Case-by-case review" in head and "86 FR 63002" in head
    assert "63001" not in a.text
    # Each line of the lead is marked with the quote that holds it.
    for line in head.strip().splitlines():
        n = int(line.rsplit("[", 1)[1].rstrip("]"))
        assert line.rsplit(" [", 1)[0] in a.citations[n - 1].quote


@pytest.mark.parametrize("word, english", [("docket", True), ("Address", True), ("cloudminds", False), ("jiejin", False)])
def test_a_lower_case_word_seen_only_in_record_lines_is_a_name_unless_english(word, english):
    """A single lower-case question word the sources write only where case says nothing is read as
    a name only when no dictionary (WordPiece vocabulary, WordNet) knows it."""
    from agent.analysis import _is_dictionary_word

    assert _is_dictionary_word(word) is english


def test_a_count_of_another_kind_of_thing_is_no_answer(index):
    """'28 entities' counts no persons: no answer to 'how many officials' (persons, by WordNet),
    however close the two words are in meaning; it still counts for 'how many companies'; and a
    count of persons may answer a question about a group ('people', a group in WordNet)."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _counts_other_kind

    store = open_index(index=index.index, settings=index)
    text = "The rule restricts exports to 28 entities and names 3 officials of the bureau."
    entities = (text.index("28"), text.index("28") + 2, "28")
    officials = (text.index("3 "), text.index("3 ") + 1, "3")
    people = analyse("How many officials are covered by the rule?", store)
    firms = analyse("How many companies does the rule restrict exports to?", store)
    assert _counts_other_kind(people, text, entities) and not _counts_other_kind(people, text, officials)
    assert not _counts_other_kind(firms, text, entities)
    crowd = analyse("How many people are held in the camps?", store)
    held = "Experts say more than 1 million Uighurs are held."
    assert not _counts_other_kind(crowd, held, (held.index("1 million"), held.index("1 million") + 9, "1 million"))


@pytest.mark.parametrize("general, specific, broader", [
    ("organization", "affiliate", True), ("person", "official", True), ("organization", "company", True),
    ("firm", "company", False),  # one synset: synonyms
    ("entity", "company", False),  # WordNet's root, far up: the regulations' word for a legal person
    ("company", "organization", False),  # narrower, not broader
])
def test_a_broader_kind_is_a_near_wordnet_hypernym(general, specific, broader):
    from agent.lexical import names_a_broader_kind

    assert names_a_broader_kind(general, specific) is broader


def test_a_count_of_a_broader_kind_is_no_count_of_the_asked_things(index):
    """"190 persons or organizations" counts more than Huawei's affiliates (both nouns are
    WordNet hypernyms of "affiliate"); the focus head is the counted noun, not a later mention of
    its modifier ("... together with Huawei?"). A count of the asked kind still answers."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _counts_other_kind

    store = open_index(index=index.index, settings=index)
    text = "Since 2030 the Department has added 190 persons or organizations and 12 affiliates of Example Optics."
    broad = (text.index("190"), text.index("190") + 3, "190")
    own = (text.index("12 "), text.index("12 ") + 2, "12")
    q = analyse("How many Example Optics affiliates were added together with Example Optics?", store)
    assert _counts_other_kind(q, text, broad) and not _counts_other_kind(q, text, own)
    whole = analyse("How many persons or organizations has the Department added since 2030?", store)
    assert not _counts_other_kind(whole, text, broad)


def test_a_count_of_another_kind_is_found_through_plurals_the_tagger_leaves_singular_and_stated_wholes(index):
    """spaCy may tag "bureaus" NN (its lemma keeps the "s"): WordNet's detachment rules find the noun.
    A question without a focus noun counts the whole it states ("Of the 190 persons ..., how many
    ..."): "five investigations" counts no persons."""
    from agent.analysis import analyse
    from agent.api import open_index
    from agent.extractive import _counts_other_kind

    store = open_index(index=index.index, settings=index)
    text = "The decision targets 20 public security bureaus and eight companies."
    bureaus = (text.index("20"), text.index("20") + 2, "20")
    officials = analyse("How many officials were covered by the decision?", store)
    assert _counts_other_kind(officials, text, bureaus)
    said = "The Department has added 190 persons to the list and instituted five investigations."
    five = (said.index("five"), said.index("five") + 4, "five")
    whole = analyse("Of the 190 persons the Department added, how many were Chinese?", store)
    assert _counts_other_kind(whole, said, five)
    persons = "Of them, 12 persons were Chinese."
    assert not _counts_other_kind(whole, persons, (persons.index("12"), persons.index("12") + 2, "12"))


@pytest.mark.parametrize("word, base", [("bureaus", "bureau"), ("agencies", "agency"), ("boxes", "box"),
                                        ("bureau", "bureau"), ("xqzv", "xqzv")])
def test_noun_base_follows_wordnet_detachment_rules(word, base):
    from agent.lexical import noun_base

    assert noun_base(word) == base


def test_a_party_described_by_a_fact_of_its_record_is_named(index):
    """'Which entity with a Port Lumen address ...?' describes a listed party by its address: the
    entry whose address holds it is named, with its name line and the address as evidence; two
    entries holding it are both named."""
    a = ask("Which entity with a Port Lumen address is on the list?", index=index)
    assert lead(a).startswith("Tarvos Optical Works [1]")
    assert "Entity: Tarvos Optical Works" in a.citations[0].quote and "Port Lumen" in a.citations[1].quote
    both = lead(ask("Which entities have an address in Szohod?", index=index))
    assert "Meridian Signal Institute" in both and "Vantor Signal Works" in both and "Tarvos" not in both
    # A description of several words holds whole: only one Szohod entry is on Canal St.
    canal = lead(ask("Which entity is listed at Canal St. in Szohod?", index=index))
    assert canal.startswith("Meridian Signal Institute [1]") and "Vantor" not in canal, canal
    # "Who" describes the party by its entry's facts too.
    assert lead(ask("Who is listed at Harbour Rd. in Port Lumen?", index=index)).startswith("Tarvos Optical Works [1]")


@pytest.mark.parametrize("question", [
    "What alias does the entity list carry for Kestrel Avionics?",
    "Which aliases are recorded for the Orbis Lens Bureau?",
])
def test_an_asked_field_other_records_have_and_the_partys_lacks_is_not_stood_in_for(index, question):
    """Other entries of the list have 'Alternate names' lines (an alias is a name, by WordNet); this
    party's has none: the sources don't say - not its address, the field closest in meaning."""
    a = ask(question, index=index)
    assert a.abstained, a.text
    assert "Borduria" not in a.text.split("\n")[0] and "Quarry" not in a.text


def test_an_asked_field_the_partys_record_has_is_given(index):
    a = ask("What alias does the entity list carry for Tarvos Optical Works?", index=index)
    assert "Narvik Lens Bureau" in lead(a) and not a.abstained


@pytest.mark.parametrize("question", [
    # The parser reads the last noun as a present-tense verb ("... additions *rule*?").
    "Docket number and RIN of the November 15, 2021 Entity List additions rule?",
    # "no." before no figure is "number", not an interjection ending a sentence.
    "Give the docket no. and RIN of the November 2021 entity list rule.",
])
def test_a_noun_phrase_question_asks_for_its_conjoined_codes(index, question):
    from agent.analysis import parsed_focus

    assert parsed_focus(question) == ["docket", "number"]
    a = ask(question, index=index)
    assert "211110-0231" in lead(a) and "0694-AI77" in lead(a)


@pytest.mark.parametrize("question", [
    # The parser hangs the first code on the second's head ("RIN" a modifier of "number", its "and"
    # left without a conjunct): the docket number is asked too (blind-s30 t047 gave the RIN alone).
    "Give the RIN and docket no. for the November 2021 Entity List additions rule.",
    "Give the RIN and docket number for the November 2021 Entity List additions rule.",
    # ... and "RIN", a code asked for, is no party whose record lacks the field (abstained).
    "Give the RIN and docket number of the November 2021 Entity List rule.",
])
def test_a_code_hung_on_the_next_codes_head_is_asked_too(index, question):
    a = ask(question, index=index)
    assert not a.abstained and "211110-0231" in lead(a) and "0694-AI77" in lead(a), a.text


@pytest.mark.parametrize("text, read", [
    ("Give the docket no. and RIN of the rule.", "Give the docket number and RIN of the rule."),
    ("See Docket No. 211110-0231.", "See Docket No. 211110-0231."),  # before a figure it stays
    ("They said no. Then they left.", "They said no. Then they left."),  # after no noun it stays
])
def test_number_abbreviation_spelt(text, read):
    from agent.analysis import number_abbreviation_spelt

    assert number_abbreviation_spelt(text) == read


COUNTRY_ONLY = """title: Screening list entries for the Norlake group, as carried in a screening list
publisher: Example Screening Office
date: 2022-03-01
---
Entity: Norlake Cuba
Addresses: CU
Start date: 2022-03-01
License review policy: Presumption of denial

Entity: Norlake Systems Japan K.K.
Addresses: JP
Start date: 2022-03-01
License review policy: Presumption of denial

Entity: Norlake Systems GmbH
Addresses: 12 Hafenstrasse, 20457 Hamburg, DE
Start date: 2022-03-01
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def country_index(tiny_index):
    _, settings = tiny_index("country_only", {"entries.txt": COUNTRY_ONLY})
    return settings


@pytest.mark.parametrize("question", [
    "street address of Norlake Cuba on the screening list?",
    "What is the street address of Norlake Systems Japan K.K. in the screening list?",
])
def test_a_narrowed_address_is_not_answered_by_a_country(country_index, question):
    """The entry gives only a country ("CU"): no street address, so the sources don't say."""
    assert ask(question, index=country_index).abstained


def test_where_a_party_is_takes_the_country_and_a_street_address_the_street(country_index):
    assert lead(ask("Where is Norlake Cuba located?", index=country_index)).startswith("CU")
    assert "12 Hafenstrasse" in lead(ask("What is the street address of Norlake Systems GmbH?", index=country_index))


# Session 23 (fit: blind-s22 j057, j034, j056, j021, j069, j002, j050, j045, j018; checked on blind-s23).
UNLISTED = """title: Guidance on the prohibition of covered equipment
publisher: Example Acquisition Council
date: 2021-12-01
---
(1) Equipment produced by Zentrix Signal Company or Quorra Radio Corporation (or any subsidiary of such entities);

Comments may be sent to the Policy Secretariat Division at 14 Ferry Road, Suite 200, Port Lumen.

Questions on this guidance may be sent to the Records Office at one of the addresses shown below.
"""


@pytest.fixture(scope="module")
def unlisted_index(tiny_index):
    """The entries and rule above, with a guidance naming two companies no entry lists."""
    _, settings = tiny_index("codes-unlisted", {"example-rule.txt": RULE, "example-entries.txt": ENTRIES,
                                                "guidance.txt": UNLISTED})
    return settings


def test_a_name_first_in_the_question_is_a_name(index):
    """The first word's capital says nothing: 'Vantor street address ...' names Vantor Signal Works,
    whose own entry answers (not Meridian's, whose address shares the town)."""
    a = ask("Vantor street address in Szohod per its entity list entry?", index=index)
    assert "Hulan Rd." in lead(a) and "Canal St." not in a.text


@pytest.mark.parametrize("question", [
    "What licence review policy applies to Quorra Radio Corporation?",
    "quorra address on the entity list?",
])
def test_a_list_field_of_a_party_no_entry_lists_is_not_answered(unlisted_index, question):
    """Quorra Radio is named in a guidance, but no entry lists it: the field an entry would give
    is not in the sources, and no other entry's field or the guidance's sentence stands in."""
    a = ask(question, index=unlisted_index)
    assert a.abstained, a.text


def test_a_field_a_prose_sentence_gives_of_an_unlisted_party_is_answered(unlisted_index):
    a = ask("What address should comments to the Policy Secretariat Division go to?", index=unlisted_index)
    assert not a.abstained and "Policy Secretariat Division" in a.citations[0].quote


def test_conjoined_parts_of_an_address(index):
    """'postal code and city': parts of one address lead with the whole address (not a guess at
    which words are the city); 'licence review policy and postal code': the policy and the address."""
    a = ask("Give the postal code and city in Tarvos Optical Works' entity list address.", index=index)
    assert lead(a).startswith("17 Harbour Rd., Port Lumen, 48213, AR")
    a = ask("Tarvos Optical Works: licence review policy and postal code in its screening entry?", index=index)
    assert "Presumption of denial" in a.text.split("Evidence")[0] and "48213" in a.text.split("Evidence")[0]
    assert "86 FR" not in a.text


def test_a_telephone_number_asked_with_a_date_is_a_code(index):
    """'What telephone number does the November 2021 rule give?': the date does not make it a date
    question; the code after 'Phone:' answers; a division the rule gives no number for gets none."""
    a = ask("What telephone number does the November 2021 rule give for the End-User Review Committee?", index=index)
    assert lead(a).startswith("(202) 555-0188")
    assert ask("What telephone number does the November 2021 rule give for the Regulatory Policy Division?",
               index=index).abstained


def test_a_code_of_a_rule_of_another_month_is_no_answer(index):
    """The example rule is of November 2021: its docket number is no answer for a March 2021 rule."""
    assert "211110-0231" not in ask("What is the docket number of the March 2021 BIS entity list rule?", index=index).text
    assert lead(ask("What is the docket number of the November 2021 BIS entity list rule?", index=index)
                ).startswith("211110-0231")


def test_a_lower_case_noun_phrase_question_asks_for_its_first_noun():
    """'docket number and RIN of the ... rule?': the parser hangs 'number' as a subject of 'rule';
    a verbless phrase asks for its first noun phrase."""
    from agent.analysis import parsed_focus

    assert parsed_focus("docket number and RIN of the Oct. 9 2019 entity list additions rule?") == ["docket", "number"]


def test_a_sentence_that_only_speaks_of_addresses_gives_none():
    """'at one of the addresses shown below' speaks of addresses; an e-mail, a web address or a
    street address gives one (fit: c080, e058, g032, h062 - all near misses)."""
    from agent.extractive import _gives_address

    assert not _gives_address("Submit written comments to the Policy Division at one of the addresses shown below.")
    assert _gives_address("Send comments to policy@example.gov.")
    assert _gives_address("Report to the website at https://reports.example.mil.")
    assert _gives_address("Mail comments to 1800 F Street NW, Washington, DC 20405.")


def test_a_postal_address_question_is_not_answered_by_a_sentence_without_one(unlisted_index):
    a = ask("To what postal address should questions to the Records Office be mailed?", index=unlisted_index)
    assert a.abstained, a.text


def test_what_right_before_its_noun_phrase_determines_it():
    """The parser reads 'what' in 'To what postal address should comments ... be mailed?' as an
    object; a 'what' right before its noun phrase determines it."""
    from agent.analysis import parsed_focus

    assert parsed_focus("To what postal address should comments on the rule be mailed?") == ["postal", "address"]


@pytest.mark.parametrize("question", [
    "When was Orbis Lens Bureau removed from the entity list?",
    "When did Orbis Lens Bureau file its lawsuit against the listing?",
])
def test_a_list_entry_does_not_date_an_act_its_document_never_writes_of(index, question):
    """The entries' document writes of entries *added* ('Start date'); removal or a lawsuit is
    another act: its start date is no answer (fit: c069, t074, h068, j022)."""
    a = ask(question, index=index)
    assert a.abstained, a.text


@pytest.mark.parametrize("question", [
    "When was Orbis Lens Bureau added to the entity list?",
    # A synonym of a word the entries are described with: "begin" - "Start date".
    "From which date did the restrictions on Orbis Lens Bureau begin to apply?",
    # A general verb decides nothing.
    "When did Orbis Lens Bureau go on the entity list?",
])
def test_the_listing_act_is_dated_by_the_start_date(index, question):
    a = ask(question, index=index)
    assert "2021-11-15" in a.text.split("\n")[0], a.text


def test_without_capitalised_runs():
    from agent.extractive import _without_capitalised_runs

    assert _without_capitalised_runs("Federal Register notice(s)").split() == ["notice(s)"]
    assert _without_capitalised_runs("Start date") == "Start date"
