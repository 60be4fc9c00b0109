"""Issue 8, kind 4: questions that ask for several fields of one listed party, or for one field of
several parties ("give the city in its address, the earliest FR notice cited, and its start date",
"compare the licence review policy on X's entry with the one on Y's"). Every asked field gets its own
line in the direct answer, marked with the quote of the field line it comes from; a part the record
does not hold, or a party no record names, is not stood in for. Over documents written for these
tests (made-up parties and values), not the shared corpus (agent/extractive.py ``_record_field``,
``_conjoined_fields``, ``_with_other_parties``; agent/answering/parts.py)."""
from __future__ import annotations

import re

import pytest

from tiny_ask import ask

ENTRIES = """title: Entity List entries for the Korvel and Ostra firms, as carried in a screening list
publisher: Example Screening Office
date: 2023-05-02
---
Entity: Varlen Optics Group LLC
Alternate names: Varlen Photonics LLC
Addresses: 12 Tessin Ave., Korvel, 330210, BX
Federal Register notice(s): 88 FR 61002, 86 FR 12001, 87 FR 40550
Start date: 2021-03-04
License review policy: Presumption of denial

Entity: Dravik Marine Institute
Addresses: 4 Quay Rd., Ostra, BX
Federal Register notice(s): 87 FR 40550
Start date: 2022-07-01
License review policy: Case-by-case review

Entity: Lun Meira
Alternate names: Mira Lun
Addresses: 9 Birch Lane, Korvel, 330211, BX
Federal Register notice(s): 88 FR 61002
Start date: 2023-03-03
License review policy: Presumption of denial

Entity: Orlo Devices Co. (Orlo)
Addresses: Kest Harbour Park, Lindau District, Korvel, 330219, BX
Federal Register notice(s): 86 FR 12003, 87 FR 40551
Start date: 2021-03-04
License review policy: Presumption of denial

Entity: Orlo Devices Co. (Orlo)
Addresses: Zone B, Harbour Park, Kest, Lindau District, Korvel, BX
Federal Register notice(s): 86 FR 12009, 87 FR 40551
Start date: 2021-03-04
License review policy: Presumption of denial
"""

NEWS = """title: Korvel exporters react to the listings
publisher: Example Wire
date: 2023-05-03
---
Peskov Rail Company, a Korvel freight firm, said it was not on the list and would keep trading.
The trade minister called the Varlen listing the harshest measure of the year.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("record_fields", {"entries.txt": ENTRIES, "news.txt": NEWS})
    return settings


def head(answer) -> str:
    """The direct answer: the text before the evidence."""
    return answer.text.split("Evidence:")[0]


def assert_each_line_cites_its_field(answer) -> None:
    """Every marked line of the direct answer holds a value its quote holds."""
    for line in head(answer).strip().splitlines():
        m = re.search(r"^(?:.*?: )?(?:[A-Z][\w ()]*: )?(.*?) \[(\d+)\]$", line)
        if m is None:
            continue
        value, n = m.group(1), int(m.group(2))
        assert value in answer.citations[n - 1].quote, (line, answer.citations[n - 1].quote)


def test_three_fields_with_the_earliest_notice_by_its_number(index):
    """'the earliest FR notice': the one with the lowest volume and page (86 FR 12001), not the one
    listed first (88 FR 61002); 'the city in its address' is the address line; each its own line."""
    a = ask("For Varlen Optics Group LLC, give the city in its address, the earliest FR notice cited, and its start date.",
            index=index)
    h = head(a)
    assert not a.abstained
    assert "Korvel" in h and "86 FR 12001" in h and "2021-03-04" in h
    assert "88 FR 61002" not in h and "87 FR 40550" not in h
    assert_each_line_cites_its_field(a)


def test_the_latest_notice_and_all_notices(index):
    """Twins: 'the most recent' is the highest-numbered; without an order word, every notice."""
    h = head(ask("What is the most recent Federal Register notice cited for Varlen Optics Group LLC, and its start date?",
                 index=index))
    assert "88 FR 61002" in h and "86 FR 12001" not in h and "2021-03-04" in h
    h = head(ask("Which Federal Register notices and start date does the list give for Varlen Optics Group LLC?",
                 index=index))
    assert "88 FR 61002, 86 FR 12001, 87 FR 40550" in h and "2021-03-04" in h


def test_ordered_item_needs_items_numbered_alike():
    from agent.extractive import _ordered_item

    assert _ordered_item("88 FR 61002, 86 FR 12001, 87 FR 40550", -1) == "86 FR 12001"
    assert _ordered_item("88 FR 61002, 86 FR 12001, 87 FR 40550", 1) == "88 FR 61002"
    assert _ordered_item("2021-03-04; and 2020-11-30", -1) == "2020-11-30"
    # Addresses number their parts unlike each other: no order to read.
    assert _ordered_item("12 Tessin Ave., Korvel, 330210, BX; 4 Quay Rd., Ostra, BX", -1) is None
    assert _ordered_item("86 FR 12001", -1) is None


def test_a_list_of_asking_clauses_gets_every_field(index):
    """'X: which notice ..., what is its start date, and what policy ...?': three asks, three lines."""
    a = ask("Dravik Marine Institute: which FR notice is cited on its entry, what is its start date, and what "
            "license review policy applies?", index=index)
    h = head(a)
    assert "87 FR 40550" in h and "2022-07-01" in h and "Case-by-case review" in h
    assert "Presumption of denial" not in h
    assert_each_line_cites_its_field(a)


def test_a_postcode_with_another_field(index):
    """'postcode and licence review policy': the code of the address, and the policy."""
    a = ask("What postcode and licence review policy are shown for Varlen Optics Group LLC?", index=index)
    h = head(a)
    assert "330210" in h and "Presumption of denial" in h and "Tessin" not in h
    assert_each_line_cites_its_field(a)


def test_a_postcode_the_address_lacks_is_not_stood_in_for(index):
    """Twin: Dravik's address has no postal code: that part is said to be missing, the policy given."""
    h = head(ask("What postcode and licence review policy are shown for Dravik Marine Institute?", index=index))
    assert "Case-by-case review" in h
    assert "4 Quay Rd." not in h and "don't say" in h


def test_one_field_of_two_parties(index):
    """'Compare the policy on X's entry with the one on Y's': each party's own policy, each named."""
    a = ask("Compare the license review policy on Varlen Optics Group's entry with the one on Dravik Marine "
            "Institute's entry.", index=index)
    lines = head(a).strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Varlen Optics Group LLC") and "Presumption of denial" in lines[0]
    assert lines[1].startswith("Dravik Marine Institute") and "Case-by-case review" in lines[1]
    assert_each_line_cites_its_field(a)
    # Each party's line cites its own record's field line.
    for line in lines:
        n = int(line.rsplit("[", 1)[1].rstrip("]"))
        quote = a.citations[n - 1].quote
        assert quote.startswith("License review policy:")
        assert ENTRIES.index(quote) > ENTRIES.index(line.split(":")[0])


def test_a_party_no_record_names_gets_no_record(index):
    """Twin: Peskov Rail Company is written in the news, but no entry names it: no policy is given
    for it (neither its own nor Varlen's in its place)."""
    a = ask("Compare the license review policy on Varlen Optics Group's entry with the one on Peskov Rail "
            "Company's entry.", index=index)
    assert not any("Peskov" in line and ("denial" in line or "review" in line) for line in head(a).splitlines())


def test_a_place_is_no_second_party(index):
    """Twin: 'Lun Meira in Korvel' names one party; Korvel is a place other entries' addresses hold."""
    a = ask("What start date does the list give for Lun Meira in Korvel?", index=index)
    assert head(a).strip().startswith("2023-03-03") and len(head(a).strip().splitlines()) == 1


def test_the_name_a_party_is_listed_under(index):
    """'Mira Lun - under which name is she listed, and her start date?': the name line (Mira Lun is
    only her other name), then the start date."""
    a = ask("Mira Lun - under which name is she listed, and what's her start date?", index=index)
    h = head(a)
    assert "Lun Meira" in h and "2023-03-03" in h and "Mira Lun" not in h
    assert any(c.quote == "Entity: Lun Meira" for c in a.citations)


def test_the_other_names_of_a_party_are_not_its_name_line(index):
    """Twin: asked for her *other* names, the other-names line answers, not the name line."""
    h = head(ask("What other names does the list give for Lun Meira?", index=index))
    assert "Mira Lun" in h


def test_a_record_named_twice_is_told_apart_by_the_words_of_its_address(index):
    """Two entries of one name: 'the entry at Kest Harbour Park' is the one whose address has those
    words in that order; the first notice of its own list."""
    h = head(ask("For the Orlo Devices Co. entry at Kest Harbour Park, what is the first FR citation and the "
                 "start date?", index=index))
    assert "86 FR 12003" in h and "86 FR 12009" not in h
    h = head(ask("For the Orlo Devices Co. entry at Zone B, Harbour Park, what is the first FR citation and the "
                 "start date?", index=index))
    assert "86 FR 12009" in h and "86 FR 12003" not in h


def test_split_parts_keeps_what_a_lead_in_names():
    """'X: which A, what B, and what C?' is three asks about X; a second sentence that names its own
    party is about it, not about the first sentence's names; a fronted phrase is no name."""
    from agent.answering.parts import split_parts

    parts = split_parts("Dravik Marine Institute: which FR notice is cited on its entry, what is its start date, "
                        "and what license review policy applies?")
    assert len(parts) == 3 and all("Dravik Marine Institute" in p for p in parts)
    parts = split_parts("The minister called Varlen's listing what? And what start date does the list show for "
                        "Lun Meira?")
    assert parts[1] == "what start date does the list show for Lun Meira?"
    parts = split_parts("For a client note, what date did the ministry list Varlen, and who announced it?")
    assert len(parts) == 2 and not parts[1].startswith("For ")
    # A comma before the first wh-word closes a fronted phrase: no split there.
    assert len(split_parts("For Varlen, what start date does the list show?")) == 1


@pytest.mark.parametrize("question", [
    "What start date and alternate names does the list give for Dravik Marine Institute?",
    "What alternate names and start date does the list give for Dravik Marine Institute?",
])
def test_a_conjoined_field_the_record_lacks_is_not_stood_in_for(index, question):
    """Dravik's entry has no other-names line: no other line (its address, its notices) is given as
    its other names."""
    h = head(ask(question, index=index))
    assert "4 Quay Rd." not in h and "87 FR 40550" not in h and "Case-by-case" not in h
    assert not any(line.startswith("Alternate names") for line in h.splitlines())


def test_two_parties_named_by_short_names(index):
    """'for Varlen and Dravik': names the tagger may not know as organisations are parties too when
    another entry's names hold them."""
    a = ask("Which Federal Register notices does the list cite for Varlen and Dravik?", index=index)
    lines = head(a).strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("Varlen Optics Group LLC") and "88 FR 61002, 86 FR 12001, 87 FR 40550" in lines[0]
    assert lines[1].startswith("Dravik Marine Institute") and "87 FR 40550" in lines[1]
    assert_each_line_cites_its_field(a)


# An entry named by a place that other entries' addresses hold.
OSTRA_ENTRY = """
Entity: Ostra Harbour Authority
Addresses: 1 Dock St., Ostra, BX
Federal Register notice(s): 88 FR 61003
Start date: 2023-01-09
License review policy: Case-by-case review
"""


def test_a_name_after_a_preposition_of_place_is_no_party(tiny_index):
    """Twin: 'the Dravik entry in Ostra' - Ostra names an entry of its own (the harbour authority),
    but after 'in' it says where; one party, one line."""
    extra = ENTRIES + OSTRA_ENTRY
    _, settings = tiny_index("record_fields_place", {"entries.txt": extra, "news.txt": NEWS})
    h = head(ask("What start date does the list give for Dravik Marine Institute in Ostra?", index=settings))
    assert "2022-07-01" in h and "2023-01-09" not in h


def test_two_parts_of_one_address_with_another_field(index):
    """'the postcode and city, and the start date': both parts are in the address, which is given
    whole (not its code alone), then the start date."""
    h = head(ask("For Varlen Optics Group LLC, give the postcode, the city in its address, and its start date.",
                 index=index))
    assert "12 Tessin Ave., Korvel, 330210, BX" in h and "2021-03-04" in h


def test_a_name_the_partys_own_record_holds_describes_it(tiny_index):
    """Twin: 'Which Ostra address is recorded for Dravik?' - Ostra names another entry too, but
    Dravik's own address is in Ostra: one party, its address."""
    extra = ENTRIES + OSTRA_ENTRY
    _, settings = tiny_index("record_fields_described", {"entries.txt": extra, "news.txt": NEWS})
    h = head(ask("Which Ostra address is recorded for Dravik Marine Institute in the list?", index=settings))
    assert "4 Quay Rd., Ostra, BX" in h and "1 Dock St." not in h


def test_a_second_party_whose_entry_lacks_the_field_is_said_to_lack_it(tiny_index):
    """Twin: Kelso Freight Bureau's entry has no policy line: its line says so, and no other line of
    its entry (its address, its date) stands in; Varlen's policy is given. (Kelso is written often
    enough that Varlen is the rarer name, the party the answer starts from.)"""
    extra = ENTRIES + """
Entity: Kelso Freight Bureau
Addresses: 3 Rail Yard, Ostra, BX
Start date: 2023-01-09
"""
    news = NEWS + "Kelso Freight Bureau and Kelso Rail said the Kelso listing was a mistake.\n"
    _, settings = tiny_index("record_fields_lacking", {"entries.txt": extra, "news.txt": news,
                                                      "more-news.txt": news.replace("Korvel exporters", "Ostra traders")})
    a = ask("Compare the license review policy on Varlen Optics Group's entry with the one on Kelso Freight Bureau's "
            "entry.", index=settings)
    h = head(a)
    assert "3 Rail Yard" not in h and "2023-01-09" not in h
    assert not a.abstained and "Presumption of denial" in h and "Kelso Freight Bureau: the sources don't say" in h
    assert_each_line_cites_its_field(a)


PLACE_LIST = """title: Harbour watch list entries added October 2031
publisher: Aldmere Port Authority
date: 2031-10-09
---
Entity: Tibet Harbour College
Addresses: 12 Quay Road, Lhasa, CN
License review policy: Presumption of denial
Start date: 2031-10-09

Entity: Kestrel Freight Ltd
Addresses: 4 Pier Lane, Aldmere
License review policy: Case-by-case review
Start date: 2031-10-09
"""

PLACE_NEWS = """title: Ministry curbs travel by Tibet officials
publisher: Aldmere Gazette
date: 2031-10-08
---
The Transport Ministry announced travel curbs on officials responsible for abuses in Tibet.
The Transport Ministry said the curbs follow a review by the Transport Ministry's own inspectors.
A Transport Ministry spokesman declined to say how many officials are covered.
"""


# The ministry is written in more documents than the place, so the place is the rarer name.
PLACE_MORE = {f"ministry{i}.txt": f"title: Transport Ministry notice {i}\npublisher: Aldmere Gazette\ndate: 2031-0{i}-01\n---\n"
              f"The Transport Ministry raised harbour dues by {i} percent.\n" for i in (1, 2, 3)}


def test_a_place_alone_does_not_name_a_listed_party(tiny_index):
    """"When did the Transport Ministry's Tibet travel curbs take effect?" names the ministry; the
    place it shares with "Tibet Harbour College" does not make the college's start date its answer.
    The twin names the college and gets its record's line."""
    from agent.api import ask

    store, settings = tiny_index("place_party", {"list.txt": PLACE_LIST, "news.txt": PLACE_NEWS, **PLACE_MORE})
    a = ask("When did the Transport Ministry's Tibet travel curbs take effect?", index=settings.index, settings=settings)
    lead = a.text.split("\n")[0]
    assert a.abstained or ("2031-10-09" not in lead and "Start date" not in lead)
    a = ask("What license review policy applies to Tibet Harbour College?", index=settings.index, settings=settings)
    assert a.text.startswith("Presumption of denial")


def test_the_party_a_question_names_is_not_a_place_when_it_names_another(tiny_index):
    from agent.analysis import analyse
    from agent.extractive import _party_term

    store, _ = tiny_index("place_party", {"list.txt": PLACE_LIST, "news.txt": PLACE_NEWS, **PLACE_MORE})
    party = _party_term(analyse("When did the Transport Ministry's Tibet travel curbs take effect?", store), set())
    assert party is not None and not party.key.startswith("@") and party.surface in ("Transport", "Ministry's")
    alone = _party_term(analyse("Which entries are in Tibet?", store), set())
    assert alone is not None and alone.key.startswith("@")  # a place, when nothing else names the party


# Session 25: whose record a name is, memo headers, a place put on the party, a filtered list of parties.
# (A list of made-up parties; "BE" is Belgium's country code, "BX" no country's.)
TESSIN_LIST = """title: Harbour watch list entries added March 2032
publisher: Aldmere Port Authority
date: 2032-03-09
---
Entity: Kelbrin Optics Works
Alternate names: Brenna Vale Optics
Addresses: 3 Mill Rd., Kelbrin, BX
Federal Register notice(s): 91 FR 22001
Start date: 2032-03-09
License review policy: Presumption of denial

Entity: Kelbrin Marine College
Addresses: 8 Canal St., Ghent, 9000, BE
Federal Register notice(s): 91 FR 22001; 92 FR 10110
Start date: 2032-03-09
License review policy: Case-by-case review

Entity: Kelbrin Rail Bureau
Addresses: 1 Depot Sq., Kelbrin, BX
Federal Register notice(s): 91 FR 22005
Start date: 2032-03-09
License review policy: Presumption of denial

Entity: Brask Freight Co.
Addresses: 2 Lock Lane, Brask, BX
Federal Register notice(s): 91 FR 22001
Start date: 2032-03-09
License review policy: Case-by-case review
"""

MEMO = """title: OPS 2032-07 Harbour dues on bonded cargo (Aldmere port memo)
publisher: Aldmere Port Authority
date: 2032-07-01
---
OPS 2032-07 Harbour dues on bonded cargo

DATE: July 1, 2032

SUBJECT: Harbour dues on bonded cargo

TO: Berth Masters/Customs Brokers
FROM: Director, Harbour Revenue Office

The dues on bonded cargo rise by four percent from August 1, 2032, for every berth of the port.
"""

TESSIN_NEWS = """title: Aldmere shippers weigh the new watch list
publisher: Aldmere Gazette
date: 2032-03-10
---
Shipping agents in Aldmere said the watch list would slow cargo through the harbour.
A Kelbrin trader said the listing of the college came as a surprise to the town.
"""


@pytest.fixture(scope="module")
def tessin(tiny_index):
    _, settings = tiny_index("records_s25_lists", {"list.txt": TESSIN_LIST, "memo.txt": MEMO, "news.txt": TESSIN_NEWS})
    return settings


def test_whose_alias_a_name_is_leads_with_the_party(tessin):
    """'Which party is that an alias of': the party whose other-names line holds the name, cited to its
    name line, then the asked policy cited to its own line."""
    a = ask('Our payments screen flagged a supplier named "Brenna Vale Optics". Which watch list party is that an '
            'alias of, and what license review policy applies?', index=tessin)
    lines = head(a).strip().splitlines()
    assert lines[0].startswith("Kelbrin Optics Works") and "Brenna" not in lines[0]
    n = int(lines[0].rsplit("[", 1)[1].rstrip("]"))
    assert a.citations[n - 1].quote == "Entity: Kelbrin Optics Works"
    assert "Presumption of denial" in lines[1]
    assert_each_line_cites_its_field(a)


def test_a_name_no_record_holds_whole_is_no_ones_alias(tessin):
    """Twin: 'Brenna Vale Shipping' is partly the other name of Kelbrin Optics Works, but no record names
    it: no party is given for it."""
    a = ask('Our payments screen flagged a supplier named "Brenna Vale Shipping". Which watch list party is that '
            'an alias of?', index=tessin)
    assert a.abstained or "Kelbrin Optics Works" not in head(a)


def test_who_issued_a_memo_and_to_whom_it_is_addressed(tessin):
    """'Who issued X and to whom was it addressed?': the FROM line, then the TO line, each cited."""
    a = ask("Who issued Aldmere's OPS 2032-07 and to whom was it addressed?", index=tessin)
    lines = head(a).strip().splitlines()
    assert lines[0].startswith("Director, Harbour Revenue Office")
    assert lines[1].startswith("Berth Masters/Customs Brokers")
    quotes = [c.quote for c in a.citations]
    assert quotes[0].startswith("FROM:") and quotes[1].startswith("TO:")


def test_asked_prepositions_of_who_did_what(tessin):
    """'Who issued <a named thing>' asks whom it is from; 'who issued the guidance' names no thing, and
    'To whom' after a colon is still 'to'."""
    from agent.analysis import analyse
    from agent.extractive import _asked_prepositions

    store, _ = (None, None)
    from agent.api import open_index

    store = open_index(index=tessin.index, settings=tessin)
    assert "from" in _asked_prepositions(analyse("Who issued OPS 2032-07?", store))
    assert "from" not in _asked_prepositions(analyse("Who issued the guidance on dues?", store))
    assert "to" in _asked_prepositions(analyse("Aldmere's OPS 2032-07: to whom was it addressed?", store))


def test_split_parts_keeps_the_preposition_of_the_second_ask():
    from agent.answering.parts import split_parts

    parts = split_parts("Who issued Aldmere's OPS 2032-07 and to whom was it addressed?")
    assert len(parts) == 2 and parts[1].endswith("to whom was it addressed?")


def test_a_place_put_on_the_party_must_hold_in_its_record(tessin):
    """'Kelbrin Marine College in Belgium': its address is in Ghent, BE (Belgium's code): answered. The
    twin 'in Norway' is a place no entry of it has: abstain, no other entry's address in its place."""
    a = ask("What address is listed for Kelbrin Marine College in Belgium?", index=tessin)
    assert head(a).strip().startswith("8 Canal St., Ghent, 9000, BE")
    a = ask("What address is listed for Kelbrin Marine College in Norway?", index=tessin)
    assert a.abstained
    assert "8 Canal St." not in head(a) and "Mill Rd." not in head(a)


def test_a_place_the_question_does_not_put_on_the_party_changes_nothing(tessin):
    """Twin: 'the college's licence policy' names no place on the party."""
    a = ask("What license review policy applies to Kelbrin Marine College?", index=tessin)
    assert head(a).strip().startswith("Case-by-case review")


def test_a_list_of_parties_filtered_by_name_and_notice(tessin):
    """'List every party whose name starts with Kelbrin ... citing 91 FR 22001': the two Kelbrin entries that
    cite it, each cited by its name line and its notice line; not the Kelbrin entry citing another
    notice, nor the entry citing it without the name."""
    a = ask("List every party whose name starts with Kelbrin among the March 2032 watch list additions citing "
            "91 FR 22001.", index=tessin)
    h = head(a)
    assert "Kelbrin Optics Works" in h and "Kelbrin Marine College" in h
    assert "Kelbrin Rail Bureau" not in h and "Brask" not in h
    quotes = [c.quote for c in a.citations]
    assert "Entity: Kelbrin Optics Works" in quotes and "Federal Register notice(s): 91 FR 22001" in quotes


def test_a_list_filtered_by_a_notice_no_entry_cites_lists_none(tessin):
    """Twin: no Kelbrin entry cites 91 FR 22009: no party is listed."""
    a = ask("List every party whose name starts with Kelbrin among the March 2032 watch list additions citing "
            "91 FR 22009.", index=tessin)
    assert a.abstained or not any(n in head(a) for n in ("Kelbrin Optics Works", "Kelbrin Marine College"))


@pytest.mark.parametrize("question", [
    "What Ostra address does the list give for Varlen Optics Group LLC?",
    "What is the address in Ostra of Varlen Optics Group LLC?",
    # A name on an address is a place even when no entry's address uses it.
    "What Brenmouth address does the list give for Varlen Optics Group LLC?",
])
def test_a_place_put_on_the_asked_field_must_hold_in_its_value(index, question):
    """'an *Ostra* address' narrows the address: Varlen's is in Korvel (Ostra is a word of another
    entry's address), so its entry does not answer; no other line stands in."""
    a = ask(question, index=index)
    assert a.abstained
    assert "Tessin" not in head(a) and "Quay" not in head(a)


@pytest.mark.parametrize("question", [
    "What Korvel address does the list give for Varlen Optics Group LLC?",  # the value holds the place
    "What is the address in Korvel of Varlen Optics Group LLC?",
    "What Varlen address does the list give for Varlen Optics Group LLC?",  # the party's own name
    "What is Varlen Optics Group LLC's Entity List address?",  # the list's name, no place
    "varlen optics korvel address on the list",  # the party's name hung on the place by the parser
])
def test_a_place_the_asked_field_holds_is_answered(index, question):
    a = ask(question, index=index)
    assert not a.abstained
    assert head(a).strip().startswith("12 Tessin Ave., Korvel")
    assert a.citations[0].quote.startswith("Addresses: 12 Tessin Ave.")


def test_a_list_after_a_lead_in_dash_asks_every_item(index):
    """'Give me the record for X - its alternate name(s), the street address, and the start date': the
    words before the dash name the party; the first item is 'its alternate name(s)', not the
    introduction, so the other-names line is given too, each line citing its own field."""
    a = ask("Give me the screening record for Lun Meira - its alternate name(s), the street address, and the "
            "start date.", index=index)
    h = head(a)
    assert "Mira Lun" in h and "9 Birch Lane" in h and "2023-03-03" in h
    assert_each_line_cites_its_field(a)


def test_a_list_after_a_lead_in_dash_does_not_stand_in_for_a_missing_field(index):
    """Twin: Dravik's entry has no other-names line: its address and start date, no 'Alternate names'
    line made of another field."""
    h = head(ask("Give me the screening record for Dravik Marine Institute - its alternate name(s), the street "
                 "address, and the start date.", index=index))
    assert "4 Quay Rd." in h and "2022-07-01" in h
    assert not any(line.startswith("Alternate names") for line in h.splitlines())


def test_a_verbless_part_after_a_yes_no_part_keeps_its_predicate():
    """'Is X on the list, and since when?' asks 'Since when is X on the list?'; a wh-first part's
    verbless follower keeps the context form; a part with its own verb is its own."""
    from agent.answering.parts import split_parts

    assert split_parts("Is Dravik Marine Institute on the list, and since when?") == [
        "Is Dravik Marine Institute on the list?", "Since when is Dravik Marine Institute on the list?"]
    assert split_parts("Has the ministry listed Varlen, and where?")[1] == "Where has the ministry listed Varlen?"
    assert split_parts("Who listed Varlen Optics Group LLC, and on what date?")[1].endswith(": what date?")
    assert split_parts("Is Varlen listed, and what is its start date?")[1].endswith("what is its start date?")


def test_since_when_a_party_is_listed_is_its_start_date(index):
    a = ask("Is Dravik Marine Institute on the list, and since when?", index=index)
    h = head(a)
    assert "2022-07-01" in h
    line = next(line for line in h.splitlines() if "2022-07-01" in line)
    n = int(re.search(r"\[(\d+)\]", line).group(1))
    assert a.citations[n - 1].quote == "Start date: 2022-07-01"


def test_since_when_a_party_was_removed_is_not_its_start_date(index):
    """Near miss: the list never writes of removal; its start date dates the listing, not that."""
    h = head(ask("Is Dravik Marine Institute on the list, and since when was it removed?", index=index))
    assert "2022-07-01" not in h


RESTRICTED = """title: Export watch list entries added by 91 FR 30001, as carried in a screening list
publisher: Example Screening Office
date: 2031-06-02
---
Entity: Morrow Vision Technology
Addresses: 8 Canal St., Korvel, BX
License requirement: For all items subject to the export rules.  (See section 12 of the rules)
Federal Register notice(s): 91 FR 30001
Start date: 2031-06-01
License review policy: Presumption of denial
"""


def test_whether_a_party_is_on_a_list_is_answered_by_its_entry(tiny_index):
    """'Is X on the list?' asks whether the entry exists: its name line leads, not a field that MiniLM
    finds close to "restricted list" ("License requirement: ..."; the README's Dahua question)."""
    _, settings = tiny_index("membership", {"entries.txt": RESTRICTED})
    a = ask("Is Morrow Vision Technology on a restricted export list?", index=settings)
    assert not a.abstained, a.text
    assert a.citations[0].quote.startswith("Entity: Morrow Vision Technology"), a.text


def test_a_yes_no_question_about_a_field_is_still_the_field(index):
    """Twin: a yes/no question about a field's value ("Is ... policy a presumption of denial?") is no
    question of membership; the field answers it."""
    a = ask("What license review policy applies to Varlen Optics Group LLC?", index=index)
    assert a.citations[0].quote.startswith("License review policy:"), a.text


# A yes/no question that asks whether a field exists for a party ("Is an alias recorded for X?", "Is there
# a licence review policy for X?") is answered by the field, as "What alias ...?" is (blind-s30 t057 led with
# the party's name line). Twins: a definite subject says something of the field ("Is the address ... in
# Korvel?"), and a party whose record lacks the field is no stand-in (Dravik has no other names).
@pytest.mark.integration
@pytest.mark.parametrize("question, value", [
    ("Is an alias recorded for the individual Lun Meira on the screening list?", "Mira Lun"),
    ("Is an alias recorded for the individual Lun Meira on the screening list? If so, what is it?", "Mira Lun"),
    ("Is there a start date for Dravik Marine Institute in its entry?", "2022-07-01"),
])
def test_a_field_asked_to_exist_is_answered_by_the_field(index, question, value):
    a = ask(question, index)
    lead = a.text.split("\n\n")[0]
    assert not a.abstained and lead.startswith(value), a.text


@pytest.mark.integration
def test_a_field_asked_to_exist_that_the_record_lacks(index):
    a = ask("Is an alias recorded for Dravik Marine Institute on the screening list?", index)
    assert "Mira Lun" not in a.text and "Varlen Photonics" not in a.text.split("\n\n")[0], a.text


# Issue 8 (blind-s34 x019, a fit set since session 36): a request after a fronted phrase ("For X, *give*
# the aliases carried on its row and the citations it references.") asks as one that opens the question
# does: its object is the asked noun. Only "name" and "list" were read after the comma; with a one-word
# name the answer led with X's name line.
ONE_WORD = """title: Entity List entries added effective June 5, 2023, as carried in a screening list
publisher: Example Screening Office
date: 2023-06-06
---
Entity: Veltrafusion
Alternate names: Ostra Veltra Imaging Co., Ltd.; Veltra Imaging
Addresses: 8 Lantern Road, Ostra, BX
Federal Register notice(s): 88 FR 34505; 88 FR 44159
Start date: 2023-06-05
License review policy: Presumption of denial

Entity: Korvane Optics
Addresses: 2 Mill Street, Korvel, BX
Federal Register notice(s): 88 FR 34505
Start date: 2023-06-05
License review policy: Case-by-case review
"""


@pytest.fixture(scope="module")
def one_word(tiny_index):
    _, settings = tiny_index("record_fields_one_word", {"entries.txt": ONE_WORD})
    return settings


@pytest.mark.parametrize("question, values, absent", [
    ("For Veltrafusion, give the aliases carried on its Entity List row and the Federal Register citations it "
     "references.", ["Veltra Imaging", "88 FR 34505; 88 FR 44159"], "Lantern"),
    ("For Veltrafusion, provide the alternate names shown in its entry.", ["Veltra Imaging"], "Lantern"),
    ("According to the list, give the start date and the address of Korvane Optics.", ["2023-06-05", "2 Mill Street"],
     "Lantern"),
    ("Give the start date and the address of Korvane Optics.", ["2023-06-05", "2 Mill Street"], "Lantern"),
    # the twins: the request opens the question
    ("Give the aliases carried on the Entity List row of Veltrafusion and the Federal Register citations it "
     "references.", ["Veltra Imaging", "88 FR 34505; 88 FR 44159"], "Lantern"),
    ("Provide the alternate names shown in the entry for Veltrafusion.", ["Veltra Imaging"], "Lantern"),
])
def test_a_request_after_a_fronted_phrase_asks_for_its_object(one_word, question, values, absent):
    a = ask(question, index=one_word)
    h = head(a)
    assert not a.abstained, a.text
    assert all(v in h for v in values) and absent not in h, h
    assert_each_line_cites_its_field(a)


def test_a_verb_after_a_fronted_phrase_that_is_no_request_keeps_the_question():
    from agent.analysis import asking_clause

    # a yes/no question after the comma, a name after it: not a request
    assert asking_clause("For Veltrafusion, were any other names recorded?") == \
        "For Veltrafusion, were any other names recorded?"
    assert asking_clause("For Veltrafusion, Lun Meira and Dravik, list the start dates.") == "list the start dates."
    assert asking_clause("For Veltrafusion, give the start date.") == "give the start date."


# Issue 8 (open since session 35: contact fields): "What telephone number / email address does the list
# give for X?" led with X's address - "number" and "address" are near the "Addresses" label in meaning.
# A common noun modifying the asked noun ("*telephone* number") makes a phrase the answer-kind model gives
# no kind, where "*street* address" is a place: the record has no such field.
@pytest.mark.parametrize("question", [
    "What telephone number does the list give for Varlen Optics Group LLC?",
    "What email address is listed for Lun Meira?",
    "Which fax number does the screening list carry for Dravik Marine Institute?",
])
def test_a_contact_field_the_record_lacks_is_not_its_address(index, question):
    a = ask(question, index=index)
    h = head(a)
    assert a.abstained and "Tessin" not in h and "Birch" not in h and "Quay" not in h, a.text


@pytest.mark.parametrize("question, value", [
    ("What street address does the list give for Varlen Optics Group LLC?", "12 Tessin Ave."),
    ("What registered address is listed for Lun Meira?", "9 Birch Lane"),
    ("What is the address of Dravik Marine Institute?", "4 Quay Rd."),
])
def test_a_place_kind_of_address_is_the_address(index, question, value):
    a = ask(question, index=index)
    assert not a.abstained and value in head(a), a.text


# Issue 8, session 37 (fit: blind-s35 y018, y026, y062, y076, y079): fields asked in parts of one question,
# a name with "&" in it, an asked noun only a label's other word names, a place written as a word of the
# party's name, and a street asked of an entry whose address names only a city.
HALVARD = """title: Entity List entries for the Halvard firms, as carried in a screening list
publisher: Example Screening Office
date: 2024-02-10
---
Entity: Halvard Photonics Research & Development Ostra NV
Addresses: Brugstraat 44, 9120 Ostra, BE
Federal Register notice(s): 89 FR 11201, 89 FR 20455
Start date: 2024-01-15
License review policy: Presumption of denial

Entity: Halvard Optical Works LLC
Alternate names: HalvardOptics LLC.
Addresses: 7 Fennel Ave., Korvel, 440120, NO
Federal Register notice(s): 89 FR 11203
Start date: 2024-01-22
License review policy: Presumption of denial

Entity: Halvard Lens Institute
Addresses: Korvel, NO
Federal Register notice(s): 89 FR 11201
Start date: 2024-01-15
License review policy: Case-by-case review

Entity: Halvard Marine Co., Ltd. (Halvard)
Addresses: 3 Quay Rd., Lindau, 330001, NO
Federal Register notice(s): 89 FR 11207, 89 FR 20455
Start date: 2023-12-01
License review policy: Presumption of denial
"""


@pytest.fixture(scope="module")
def halvard(tiny_index):
    _, settings = tiny_index("record_fields_halvard", {"entries.txt": HALVARD})
    return settings


@pytest.mark.parametrize("question, values", [
    # the party's name in a part draws it from every label; "&" between capitals is a name's
    ("Give me the address and the start date shown for Halvard Photonics Research & Development Ostra NV.",
     ["Brugstraat 44", "2024-01-15"]),
    # "alternate spelling": the one label with the asked noun's modifier; the city part takes the address
    ("For Halvard Optical Works LLC, what alternate spelling is recorded, in which city is it located, and what "
     "is its start date?", ["HalvardOptics LLC.", "Korvel", "2024-01-22"]),
    # "Which A and which B appear on X's entry?": one predicate, so one party, for both parts
    ("Which Federal Register citations and which start date appear on the Halvard Optical Works entry in the list?",
     ["89 FR 11203", "2024-01-22"]),
    # twins: the parts asked the plain way
    ("What are the address and the start date of Halvard Photonics Research & Development Ostra NV?",
     ["Brugstraat 44", "2024-01-15"]),
    ("For Halvard Optical Works LLC, give the alternate names, the address and the start date.",
     ["HalvardOptics LLC.", "7 Fennel Ave.", "2024-01-22"]),
])
def test_every_asked_part_gets_its_field(halvard, question, values):
    a = ask(question, index=halvard)
    h = head(a)
    assert not a.abstained, a.text
    assert all(v in h for v in values), h
    assert "89 FR 11201" not in h or "89 FR 11201" in " ".join(values)
    assert_each_line_cites_its_field(a)


def test_a_shared_predicate_is_lent_to_the_verbless_first_part():
    from agent.answering.parts import split_parts

    first, second = split_parts("Which Federal Register citations and which start date appear on the Halvard "
                                "Optical Works entry in the list?")
    assert first == "Which Federal Register citations appear on the Halvard Optical Works entry in the list?"
    assert "Halvard Optical Works entry" in second
    # twin: each part with its own verb keeps its own
    parts = split_parts("Which notices cite the Halvard Lens Institute, and what start date does its entry show?")
    assert parts[0] == "Which notices cite the Halvard Lens Institute?"


@pytest.mark.parametrize("question, answered, value", [
    ("What start date does the list show for Halvard Marine USA?", False, None),
    ("What is the start date of Halvard Marine Canada?", False, None),
    # twins: the country its address is in, and no country at all
    ("What start date does the list show for Halvard Marine Norway?", True, "2023-12-01"),
    ("What start date does the list show for Halvard Marine?", True, "2023-12-01"),
])
def test_a_country_written_in_the_party_name_must_be_the_entrys(halvard, question, answered, value):
    a = ask(question, index=halvard)
    assert a.abstained is (not answered), a.text
    if value:
        assert head(a).strip().startswith(value), a.text
    else:
        assert "2023-12-01" not in head(a) and "2024-01" not in head(a)


@pytest.mark.parametrize("question, value", [
    ("What is the street address of the Halvard Lens Institute entry?", None),
    ("Which street is the Halvard Lens Institute on, according to the list?", None),
    # twins: an address with a street, and an address asked for without a street
    ("What is the street address of Halvard Optical Works LLC?", "7 Fennel Ave."),
    ("What is the address of the Halvard Lens Institute entry?", "Korvel, NO"),
    ("In which city is the Halvard Lens Institute located?", "Korvel"),
])
def test_a_street_asked_of_an_address_naming_only_a_city(halvard, question, value):
    a = ask(question, index=halvard)
    if value is None:
        assert a.abstained and "Korvel, NO" not in head(a), a.text
    else:
        assert not a.abstained and value in head(a), a.text


@pytest.mark.parametrize("question", [
    # the party described by its address line, which is no nearer the asked notice for that; "2024 FR page"
    # names the notices' label (a citation has numbers on both sides of "FR"), and "FR" is no common noun
    "The Halvard Marine Co., Ltd. entry at Quay Rd., Lindau (330001) cites which 2024 FR page first?",
    # the twin: the party named alone
    "Halvard Marine Co., Ltd.: which FR page does its entry cite first?",
])
def test_the_notice_asked_of_an_entry_described_by_its_address(halvard, question):
    a = ask(question, index=halvard)
    assert not a.abstained and head(a).strip().startswith("89 FR 11207"), a.text
    assert "Quay Rd." not in head(a)


# Issue 8, session 38 (fit: blind-s36 z037, z064). A later part asked of a lead-in ("Varlen Optics Group
# LLC: which FR page does its entry cite?") is no question for the alternate-names line that repeats the
# party's name - that line is as near the question by the names alone; and "Which list entry carries that
# alias?" asks for the entry (its name line), not for the alias the question already writes.
@pytest.mark.parametrize("question", [
    "Varlen Optics Group LLC: which FR page does its entry cite for the addition?",
    "When was Varlen Optics Group LLC added according to its start date, and which FR page does its entry "
    "cite for the addition?",
])
def test_a_later_part_asked_of_a_lead_in_gets_its_field(index, question):
    a = ask(question, index)
    assert "88 FR 61002" in head(a) and "Varlen Photonics" not in head(a), a.text


def test_an_alias_asked_for_still_answers_with_the_alias(index):
    # the twin: the question asks for the other names
    a = ask("What alternate names does the entry for Varlen Optics Group LLC show?", index)
    assert "Varlen Photonics LLC" in head(a), a.text


@pytest.mark.parametrize("question", [
    'Which Entity List entry carries the alias "Varlen Photonics LLC"?',
    'A screening tool flagged the name "Varlen Photonics LLC". Which Entity List entry carries that alias?',
])
def test_the_entry_carrying_an_alias_is_named_by_its_name_line(index, question):
    a = ask(question, index)
    assert "Varlen Optics Group LLC" in head(a), a.text
