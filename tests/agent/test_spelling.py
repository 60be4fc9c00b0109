"""Misspelt question words read as the sources' own (agent/spelling.py, IndexStore.closest_words)."""
from __future__ import annotations

import pytest

from agent.spelling import Correction, is_english_word, is_word_form, max_edits, reading_notice

PORT = """title: Aldmere port notice
publisher: Aldmere Port Authority
date: 2022-03-03
---
The Aldmere Port Authority added fourteen shipping entities to its watch list on March 3, 2022.
Berth charges for the listed entities take effect on May 1, 2022.
Kestrelwick Logistics, one of the entities, said it would appeal.
The authority inspects ships at the northern terminal.
"""


@pytest.fixture(scope="module")
def port(tiny_index):
    return tiny_index("spelling_index", {"notice.txt": PORT})


@pytest.mark.parametrize("word, edits", [("ab", 0), ("ship", 0), ("ships", 1), ("entities", 1), ("entitites", 2)])
def test_edits_allowed_grow_with_length(word, edits):
    assert max_edits(word) == edits


def test_english_words_come_from_the_wordpiece_vocabulary():
    assert is_english_word("chips") and is_english_word("Export")
    assert not is_english_word("entitites") and not is_english_word("Kestrelwik")


@pytest.mark.parametrize("word", ["routers", "subsidiaries", "screened"])
def test_inflected_english_words_are_english(word):
    # (stop 27, new-user trial) WordPiece holds "router" but no "routers": WordNet's forms say it is a
    # word, so "routers" is never read as a source's "Reuters".
    assert is_word_form(word)


@pytest.mark.parametrize("word", ["Acording", "adress", "officals", "Muncipal", "shiping"])
def test_typos_are_still_not_english(word):
    assert not is_word_form(word)


def test_closest_words_are_read_back_as_written(port):
    store, _ = port
    assert store.closest_words("entitites", 2)[0][0] == "entities"
    assert store.closest_words("Kestrelwik", 2) == [("Kestrelwick", 1)]  # as the sources write it
    assert store.closest_words("entitites", 0) == []


def test_a_misspelt_word_is_read_as_the_sources_word(port):
    from agent.api import read_question

    store, settings = port
    read, readings = read_question("How many entitites did Aldmere add to its watch list?", store, settings)
    assert read == "How many entities did Aldmere add to its watch list?"
    assert readings == [Correction(typed="entitites", read_as="entities", start=9)]
    read, _ = read_question("What did Kestrelwik Logistcs say?", store, settings)
    assert read == "What did Kestrelwick Logistics say?"


@pytest.mark.parametrize("question", [
    "Which chips did the authority inspect?",  # an English word the sources lack is not a misspelling
    "What did Tencent say about the charges?",  # an unknown name with no near neighbour stays
    "When do the berth charges take effect?",  # words the sources use are never changed
    "Did Aldmere fine Kestrel?",  # too far from "Kestrelwick"
    "Which authority inspects the northern terminal's routers?",  # "routers": a plural of an English word
])
def test_other_words_stay_as_typed(port, question):
    from agent.api import read_question

    store, settings = port
    assert read_question(question, store, settings) == (question, [])


def test_reading_can_be_turned_off(port):
    from agent.api import read_question

    store, settings = port
    off = settings.model_copy(update={"read_misspellings": False})
    assert read_question("How many entitites were added?", store, off) == ("How many entitites were added?", [])


def test_ask_answers_the_read_question_and_says_so(port):
    from agent.api import ask

    store, settings = port
    typed = "How many shiping entitites did Aldmere add?"
    a = ask(typed, settings=settings)
    assert not a.abstained and a.text.startswith("fourteen")
    assert a.question == typed  # what the user typed
    assert "“entitites” as “entities”" in a.notice and "“shiping” as “shipping”" in a.notice


def test_an_abstention_keeps_the_question_as_typed(port):
    from agent.api import ask

    _, settings = port
    typed = "What fine did the authoritty impose on Kestrelwik?"
    a = ask(typed, settings=settings)
    assert a.abstained and "What fine did the authoritty impose on Kestrelwik" in a.text


def test_notice_lists_every_reading():
    assert reading_notice([]) == ""
    assert reading_notice([Correction("entitites", "entities", 0), Correction("Hikvison", "Hikvision", 20)]) == \
        "Read “entitites” as “entities”, “Hikvison” as “Hikvision” (the sources' spelling)."


def test_the_langchain_retriever_reads_the_question_as_ask_does(port):
    from agent.retrieval import TradeQARetriever

    store, settings = port
    docs = TradeQARetriever(store=store, settings=settings, k=1).invoke("Kestrelwik appeal")
    assert "Kestrelwick" in docs[0].page_content


def _listing(n: int) -> str:
    """A screening-list extract of ``n`` records, each writing "Addresses", then one prose line
    writing "address": chunks that hold only the plural come first."""
    recs = "\n\n".join(f"Entity: Vessel Operator {i}\nAddresses: Pier {i}, Aldmere\nStart date: 2022-03-03"
                       for i in range(n))
    return ("title: Aldmere watch list\npublisher: Aldmere Port Authority\ndate: 2022-03-03\n---\n" + recs
            + "\n\nEach listed operator must report a change of address within ten days.\n")


def test_a_misspelling_is_read_as_a_form_written_past_the_first_chunks(tiny_index):
    # "adress" is one edit from "address" but three from "Addresses": the first chunks the keyword
    # index returns for the stem write only "Addresses"; the reading is found further on.
    from agent.api import read_question

    store, settings = tiny_index("spelling_many_records", {"list.txt": _listing(400)})
    assert store.chunk_count() > store.SURFACE_BATCH
    read, readings = read_question("Vessel Operator 7 adress on the watch list?", store, settings)
    assert read == "Vessel Operator 7 address on the watch list?"
    assert [c.read_as for c in readings] == ["address"]


LISTING = """title: Harbour watch list additions
publisher: Aldmere Port Authority
date: 2022-04-04
---
The Aldmere Port Authority added the Veska Harbour Police Bureau and the Tamsk Harbour Police Bureau to the Harbour Watch List.
Parties on the Harbour Watch List need a licence for every shipment.
The Harbour Watch List is kept by the Port Review Board (PRB).
The End-User Review Committee of the port hears appeals; the End-User Review Committee meets monthly.
"""


def test_an_acronym_the_sources_only_spell_out_is_read_as_their_words(tiny_index):
    from agent.api import read_question

    store, settings = tiny_index("spelling_acronyms", {"listing.txt": LISTING})
    read, readings = read_question("Which HPBs were added to the HWL?", store, settings)
    assert read == "Which Harbour Police Bureaus were added to the Harbour Watch List?"
    assert [r.typed for r in readings] == ["HPBs", "HWL"]
    # An acronym the sources write ("PRB") or never spell out ("SDN") stays as typed.
    assert read_question("Who sits on the PRB?", store, settings) == ("Who sits on the PRB?", [])
    assert read_question("Is Veska on the SDN list?", store, settings) == ("Is Veska on the SDN list?", [])
    # Whole words of a whole name: "End-User" is one word, and "End-User Review" goes on.
    assert read_question("Did the EU list Veska?", store, settings) == ("Did the EU list Veska?", [])


ORDINANCE = """title: Aldmere harbour ordinance
publisher: Aldmere Port Authority
date: 2023-02-02
---
Section 412(b) of the Harbour Ordinance bars berthing of listed vessels.
Article 7 of the Ordinance takes effect on June 1, 2023.
The fee schedule is in Schedule No. 3.
Second-tier operators report under section 3 of the annex.
"""


@pytest.mark.parametrize("question, read", [
    ("What does Sec. 412 of the Harbour Ordinance bar?", "What does Section 412 of the Harbour Ordinance bar?"),
    ("When does Art. 7 take effect?", "When does Article 7 take effect?"),
])
def test_an_abbreviation_before_a_reference_number_is_read_as_the_sources_word(tiny_index, question, read):
    """"Sec. 412" where the sources write "Section 412(b)": the word the sources write before the
    same number, starting with the abbreviation's letters — not any word sharing its first letters
    ("Second-tier", "section 3" stand before other tokens)."""
    from agent.api import read_question

    store, settings = tiny_index("spelling_ordinance", {"ordinance.txt": ORDINANCE})
    assert read_question(question, store, settings)[0] == read


@pytest.mark.parametrize("question", [
    "Which fees are in Schedule No. 3?",  # the sources write "No. 3" themselves
    "What does Sec. 99 of the Harbour Ordinance bar?",  # no word of theirs stands before 99
    "Who signed the Ordinance? Sec. Blake did.",  # not before a reference number
])
def test_other_abbreviations_stay_as_typed(tiny_index, question):
    from agent.api import read_question

    store, settings = tiny_index("spelling_ordinance", {"ordinance.txt": ORDINANCE})
    assert read_question(question, store, settings)[0] == question



def test_a_wh_word_contracted_without_its_apostrophe_is_read_whole(port):
    # (stop 27, new-user trial) "Whats the adress of ...": "Whats" is no wh-word until read as "What is".
    from agent.api import read_question

    store, settings = port
    read, readings = read_question("Whats the berth charge date?", store, settings)
    assert read == "What is the berth charge date?"
    assert readings[0] == Correction(typed="Whats", read_as="What is", start=0)
