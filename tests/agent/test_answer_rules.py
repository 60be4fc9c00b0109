"""The answerer's text rules on small hand-written texts (no model), and the
behaviours they produce over the shared corpus (integration)."""
from __future__ import annotations

import pytest

from agent.analysis import (AnswerKind, classify, find_dates, find_numbers, focus_phrase, norm_key,
                            number_word)
from agent.extractive import (_enumerations, _is_address, _is_heading, _linked, _runs, _speaker, definitions,
                              record_span)
from agent.extractive import answer_extractive
from agent.retrieval import Retriever, iso_dates
from ingest.chunking import paragraph_spans


# ------------------------------------------------------------------ pure rules
def test_figures_exclude_dates_citations_and_clause_numbers():
    text = ("Valued at $4.5 billion, down 1.6% on October 9, 2019 (84 FR 54002) under FAR 52.204-25 Prohibition "
            "and § 744.11; Docket No. 190925-0044; 2019-10-09; 12 people.")
    found = [m.group(0).strip() for m in find_numbers(text)]
    assert "$4.5 billion" in found and "1.6%" in found and "12" in found
    for bad in ("9", "84", "54002", "52.204-25", "744.11", "190925-0044", "2019", "10", "09"):
        assert bad not in found, bad


def test_dates_in_all_common_spellings():
    got = [m.group(0) for m in find_dates("On August 13, 2019; 5 June 2020; 2020-06-05; and in December 2019.")]
    assert got == ["August 13, 2019", "5 June 2020", "2020-06-05", "December 2019"]
    assert iso_dates("entities added in June 2020 and on October 9, 2019") == ["2020-06", "2019-10-09"]


def test_number_words_and_irregular_forms_share_keys():
    assert number_word("twenty-eight") == "28" and number_word("eight") == "8" and number_word("eighty") == "80"
    assert norm_key("twenty-eight") == norm_key("28")
    assert norm_key("held") == norm_key("holding") and norm_key("said") == norm_key("say")
    assert norm_key("Chinese") == norm_key("China's")


def test_territory_names_demonyms_and_codes_share_a_key():
    # rigour's territory data, not a table of our own: any country works, not only those in the corpus.
    for a, b in [("American", "US"), ("U.S.", "USA"), ("Chinese", "PRC"), ("Indian", "India"), ("Brazilian", "Brazil"),
                 ("Kenyan", "Kenya")]:
        assert norm_key(a) == norm_key(b), (a, b)
    assert norm_key("Indian") != norm_key("in") and norm_key("In") == norm_key("in")  # a code never collides with a word
    # A code is written in capitals: "Can", "Are", "Per", "Mar" open questions and dates, and "Bel
    # Huawei" is Belarusian - none of them is Canada, the Emirates, Peru, Morocco or Belgium.
    from agent.analysis import territory_code
    assert [territory_code(w) for w in ("Can", "Are", "Per", "Mar", "Bel")] == [None] * 5
    assert territory_code("BEL") == territory_code("Belgium") == territory_code("Belgian") == "@be"
    assert territory_code("CAN") == "@ca" and territory_code("U.S.") == "@us"
    assert norm_key("Hikvision") == "hikvision" and norm_key("Oct") == norm_key("October")
    from agent.analysis import text_keys
    assert norm_key("American") in text_keys("the United States said") and norm_key("Chinese") not in text_keys("us")


@pytest.mark.parametrize("question, kind", [
    ("Since when are agencies prohibited from buying it?", AnswerKind.DATE),
    ("What is Hikvision's market value?", AnswerKind.QUANTITY),
    ("What did Nvidia say about the rule?", AnswerKind.STATEMENT),
    ("How many people do experts say are held?", AnswerKind.QUANTITY),
    ("Where is Dahua located?", AnswerKind.PLACE),
    ("Whose equipment is prohibited?", AnswerKind.ENTITY),
    # The number of the noun the wh-word determines (spaCy's tag), not of the word after it.
    ("Which minority groups does the statement say were targeted?", AnswerKind.LIST),
    ("Which shipping company was added to the list?", AnswerKind.ENTITY),
    ("Which firms were added?", AnswerKind.LIST),
    # "what" + a plural noun, whatever the noun (no list of such nouns)
    ("What vessels did the port detain?", AnswerKind.LIST),
    ("What trade deal did the US sign?", AnswerKind.OTHER),
])
def test_classify_more_forms(question, kind):
    assert classify(question) is kind


def test_focus_phrase_head_is_what_is_asked_for():
    assert focus_phrase("What trade deal did the US sign?")[-1] == norm_key("deal")
    assert focus_phrase("How many employees does iFlytek have?") == [norm_key("employees")]
    assert focus_phrase("What is the capital of France?")[-1] == norm_key("capital")
    assert focus_phrase("When did it take effect?") == []


@pytest.mark.parametrize("question, focus", [
    ("What is IFLYTEK's headcount?", ["headcount"]),  # the noun a copula equates with "what"
    ("Seagate settlement over Huawei sales - what was the amount?", ["amount"]),
    ("Which US vendors sell components to Hikvision?", ["US", "vendors"]),  # modifiers kept
    ("I'm screening a shipment to Hikvision - which city is its listed address in?", ["city"]),
    ("Which agency's visa restrictions apply?", ["visa", "restrictions"]),
    # A question written as a noun phrase asks for its head noun.
    ("Docket number and RIN of the final rule?", ["docket", "number"]),
    ("registered address of the listed firm?", ["registered", "address"]),
    ("Who is the policy flash addressed to?", []),  # a wh-question is not a noun phrase
])
def test_focus_from_the_dependency_parse(question, focus):
    assert focus_phrase(question) == [norm_key(w) for w in focus]


def test_enumeration_linked_to_the_focus_head():
    text = ("The other companies on the list are speech recognition firm iFlytek Co, surveillance equipment maker "
            "Zhejiang Dahua Technology and Yixin Science and Technology Co.")
    runs = _enumerations(text, set(), norm_key("companies"), linked_only=True)
    assert runs == [["iFlytek Co", "Zhejiang Dahua Technology", "Yixin Science and Technology Co"]]
    suppliers = "Hikvision both use Intel Corp, Nvidia Corp and Seagate Technology as suppliers and the Chinese companies"
    run = [r for r in _runs(suppliers) if len(r) >= 2][0]
    assert _linked(suppliers, run, norm_key("suppliers"))
    assert not _linked(suppliers, run, norm_key("companies"))  # a list of suppliers is not a list of companies


def test_addresses_and_headings_are_not_answers():
    assert _is_address("Addresses: No. 131, Unit 1, Building 1, Tuman Road, Kashi, CN")
    assert not _is_address("The other companies are iFlytek Co and Dahua.")
    assert _runs("Addresses: Room 1504, Block B, Sunshine 100 Commercial Complex, Qiantangjiang Road, Urumqi") == []
    assert _is_heading("U.S. Department of State Imposes Visa Restrictions on Chinese Officials")
    assert not _is_heading("The Department imposed visa restrictions on officials.")


def test_speaker_is_the_subject_of_the_statement():
    from agent.analysis import Question, Term

    def question(name: str) -> Question:
        return Question(text=f"What did {name} say?", kind=AnswerKind.STATEMENT,
                        terms=[Term(name, norm_key(name), 5.0, 3, True)])

    assert _speaker(question("SenseTime"), "SenseTime said in a statement it was deeply disappointed.")
    assert _speaker(question("Ross"), '"We will not tolerate it," said Secretary of Commerce Wilbur Ross.')
    assert _speaker(question("Hikvision"), 'A US Hikvision spokesman said the company "strongly opposes" it.')
    assert not _speaker(question("Nvidia"), "Honovich said Hikvision and Dahua both use Intel Corp, Nvidia Corp "
                                            "and Seagate as suppliers.")


def test_definitions_of_legal_terms_include_their_items():
    body = ("(a) Definitions. As used in this clause-\n\nCovered foreign country means The People's Republic of China."
            "\n\nCovered telecommunications equipment or services means-\n\n(1) Telecommunications equipment produced "
            "by Huawei Technologies Company or ZTE Corporation;\n\n(2) Video surveillance equipment.\n\n"
            "Critical technology means-\n\n(1) Defense articles.\n\n(b) Prohibition. Agencies may not buy it.")
    d = definitions(body)
    s, e = d["covered telecommunications equipment or services"]
    assert "Huawei" in body[s:e] and "Video surveillance" in body[s:e] and "Critical" not in body[s:e]
    s, e = d["covered foreign country"]
    assert body[s:e].startswith("Covered foreign country means") and "Huawei" not in body[s:e]


def test_record_span_only_for_field_records():
    body = ("Entity: Megvii Technology Limited\nAddresses: Beijing, CN\nStart date: 2019-10-09\n\n"
            "A prose paragraph: with a colon.\nAnd another line.\nAnd a third.")
    paras = paragraph_spans(body)
    assert record_span(body, 0) == paras[0]
    assert record_span(body, body.index("A prose")) is None


# ------------------------------------------------------------------ behaviours
def _ask(corpus_index, question):
    hits = Retriever(corpus_index.store, corpus_index.settings).retrieve(question)
    return answer_extractive(question, hits, corpus_index.store, corpus_index.settings)


@pytest.mark.integration
@pytest.mark.parametrize("question, lead", [
    # The qualifiers are part of the figure ("to raise at least $500 million").
    ("How much money will Megvii's initial public offering raise?", "at least $500 million"),
    ("How much is Megvii valued at?", "around $4 billion"),
    ("How much did SenseTime's latest funding round value it at?", "around $4.5 billion"),
    ("When did the second interim rule on Section 889 become effective?", "December 13, 2019"),
    ("Whose telecommunications equipment is prohibited under the Section 889 rule?", "Huawei Technologies Company"),
])
def test_leads_with_the_value_the_question_asks_for(corpus_index, question, lead):
    ans = _ask(corpus_index, question)
    assert not ans.abstained
    assert ans.text.splitlines()[0].startswith(lead), ans.text


@pytest.mark.integration
def test_list_of_records_names_the_listed_parties(corpus_index):
    ans = _ask(corpus_index, "Which entities were added to the Entity List in June 2020?")
    assert not ans.abstained
    assert all(c.quote.startswith("Entity: ") for c in ans.citations) and len(ans.citations) >= 2
    assert all(c.quote.split(": ", 1)[1] in ans.text.splitlines()[0] for c in ans.citations)


@pytest.mark.integration
@pytest.mark.parametrize("question", [
    "What did Nvidia say about the blacklisting?",  # Nvidia is named, but never speaks
    "When did Megvii complete its IPO?",  # the only date in the sentence is SenseTime's
    "What is Dahua's market value?",  # the figure belongs to Hikvision
    "How many Huawei affiliates were added in August 2019?",  # no count; "08" of a date is not one
    "What is the capital of France?",
])
def test_abstains_when_the_evidence_is_about_something_else(corpus_index, question):
    ans = _ask(corpus_index, question)
    assert ans.abstained, ans.text
    assert ans.citations == []


def test_a_figure_the_question_states_is_not_its_answer():
    from agent.analysis import Question, Term
    from agent.extractive import Candidate, _tied_value

    class Doc:  # the fields of a stored document _tied_value reads
        body = "Of the 28 entities added, 8 were companies."
        doc_id, title, date = "d", "t", ""

    c = Candidate(doc=Doc(), start=0, end=len(Doc.body), hit_rank=0, keys=set(), context_keys=set())
    terms = [Term(w, norm_key(w), 1.0, 3, w[0].isdigit()) for w in ("28", "entities", "companies")]
    q = Question(text="How many of the 28 entities were companies?", kind=AnswerKind.QUANTITY, terms=terms,
                 focus=[norm_key("companies")])
    assert _tied_value(q, [c]) == "8"
    # Without the exclusion the stated "28" would be as close to the question's words.
    q2 = Question(text="How many entities were companies?", kind=AnswerKind.QUANTITY, terms=terms[1:],
                  focus=[norm_key("companies")])
    assert _tied_value(q2, [c]) in {"8", "28"}


def test_sentence_vectors_are_embedded_once_per_process():
    from agent.extractive import _sentence_vectors

    class Store:
        embedder = object()
        calls: list[list[str]] = []

        def text_vectors(self, texts):
            self.calls.append(list(texts))
            return [[float(len(t))] for t in texts]

    st = Store()
    assert _sentence_vectors(st, ["ab", "abc", "ab"]) == [[2.0], [3.0], [2.0]]
    assert _sentence_vectors(st, ["abc", "abcd"]) == [[3.0], [4.0]]
    assert st.calls == [["ab", "abc"], ["abcd"]]  # only what was never embedded


def _trim_question(words: list[tuple[str, float]]):
    from agent.analysis import Question, Term

    return Question(text=" ".join(w for w, _ in words) + "?", kind=AnswerKind.OTHER,
                    terms=[Term(w, norm_key(w), weight, 1, False) for w, weight in words])


def test_a_long_quote_keeps_the_window_holding_most_of_the_question():
    from agent.extractive import MAX_QUOTE_CHARS, _trim

    # Common words of the question near the start, its rare word at the end (with a URL that
    # must stay whole): the window around their median position lost the rare word.
    body = ("The contractor shall report the covered equipment to the contracting officer, " * 6
            + "and in the case of the Department of Defense the contractor shall report to the website at "
              "https://dibnet.dod.mil.")
    q = _trim_question([("contractor", 0.5), ("report", 0.5), ("covered", 0.5), ("website", 3.0)])
    s, e = _trim(body, 0, len(body), q)
    quote = body[s:e]
    assert "website at https://dibnet.dod.mil." in quote and e - s <= MAX_QUOTE_CHARS + 40
    # The answer's own items are kept above all: the window moves back to the start for them.
    body2 = "Within one business day, " + body
    s, e = _trim(body2, 0, len(body2), q, keep=["one business day"])
    assert body2[s:e].startswith("Within one business day, The contractor") and "website" not in body2[s:e]
    # A short sentence is never cut.
    assert _trim("A short one.", 0, 12, q) == (0, 12)


def test_a_long_quote_never_opens_after_a_negator_of_its_clause():
    from agent.extractive import _trim

    # The window holding the question's words (at the end) would start right after "No": cut
    # there, the quote would say the opposite of its source. It opens at the clause instead.
    head = "(c) Permits, licences and other authorisations issued under this part. "
    tail = ("permits are granted for shipments of listed goods to named consignees, except permits for "
            "spare parts destined to carriers, and in the case of parties listed under the annex, "
            "to the extent the annex specifies for each party and each of its branches, offices, agents, "
            "representatives, successors and subsidiaries, wherever they are established, in "
            "any country or territory named on the Register of Controlled Consignees.")
    q = _trim_question([("Register", 3.0), ("Consignees", 3.0)])
    body = head + "No " + tail
    s, e = _trim(body, 0, len(body), q)
    assert body[s:e].startswith("No permits are granted") and "Consignees" in body[s:e]
    # Twin: the same clause with no negator is cut where the window falls.
    body2 = head + "So " + tail
    s2, e2 = _trim(body2, 0, len(body2), q)
    assert body2[s2:e2].startswith("permits are granted") and body2[s2:e2].endswith("Consignees.")


def test_names_listed_with_and_other_are_members_of_what_follows():
    # Hearst's "A, B, and other (members of) Z": A and B are Z.
    text = ("The government has a campaign against Uighurs, ethnic Kazakhs, Kyrgyz, and other members of "
            "Muslim minority groups in the region.")
    runs = _enumerations(text, set(), norm_key("groups"), linked_only=True)
    assert runs == [["Uighurs", "Kazakhs", "Kyrgyz"]]
    assert _enumerations(text, set(), norm_key("companies"), linked_only=True) == []
    officials = "It named Acme Corp, Bolt Ltd and other officials of the agency."
    run = [r for r in _runs(officials) if len(r) >= 2][0]
    assert _linked(officials, run, norm_key("officials")) and not _linked(officials, run, norm_key("suppliers"))


def test_an_acronym_spelt_out_in_a_document_is_known():
    from agent.extractive import _spelt_out

    class Doc:
        title = "Entity List entries, as carried in the Consolidated Screening List"
        body = "FOR FURTHER INFORMATION CONTACT: Chair, End-User Review Committee, Office of the Assistant Secretary"

    assert _spelt_out("CSL", Doc) and _spelt_out("EURC", Doc)
    assert not _spelt_out("BIS", Doc) and not _spelt_out("Csl", Doc) and not _spelt_out("CSLX", Doc)


def test_a_question_that_says_nothing_but_its_names_is_not_judged_by_their_absence(tmp_path):
    """'Who was added to the Entity List?' over a one-sentence document: the question without its
    names ('Who was added to the') measures nothing, so that feature is unknown, not low; a question
    whose focus noun the sources never give ('the capital of France') still abstains."""
    from agent.api import ask
    from ingest.pipeline import ingest_paths
    from ingest.store import IndexOptions, IndexStore

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "release.txt").write_text(
        "title: Commerce adds Example Optics\npublisher: Example Commerce Department\ndate: 2020-06-05\n---\n"
        "The Department added Example Optics Ltd to the Entity List, effective 5 June 2020, citing support for "
        "military end users.\n", encoding="utf-8")
    idx = tmp_path / "idx"
    ingest_paths([docs], IndexStore(IndexOptions(path=idx)), progress=False)
    a = ask("Who was added to the Entity List?", index=idx)
    assert not a.abstained and "Example Optics Ltd" in a.text
    assert ask("What is the capital of France?", index=idx).abstained


@pytest.mark.parametrize("question, asks", [
    ("Who is the current chair of the committee? I need the name.", True),
    ("Who is the former ambassador the company hired to advise it?", True),
    ("Who is the analyst for the telecom case?", True),
    ("Who is John Honovich?", False),  # names the person: asks what they are
    ("Who was added to the Entity List?", False),  # asks who underwent something: firms too
    ("Who are the suppliers of the firm?", False),  # plural roles are answered by companies
    ("What is the name of the company?", False),
])
def test_questions_asking_for_a_person_by_name(question, asks):
    from agent.extractive import _asks_person_name

    assert _asks_person_name(question) is asks


def test_wordnet_tells_office_holders_from_organisations():
    from agent.lexical import names_a_person

    assert names_a_person("director") and names_a_person("chair") and names_a_person("ambassador")
    assert not names_a_person("company") and not names_a_person("agency") and not names_a_person("entity")


@pytest.mark.parametrize("question, asks", [
    ("Which lawmakers were in the group that urged the ban?", True),  # the parser reads "Which" as an attribute
    ("What companies did the council add to its watch list?", True),
    ("Which agency published the notice?", True),
    ("Which court heard the appeal?", False),  # a court is no person or organisation in WordNet's main senses
    ("Which provision must offerors include?", False),
    ("What penalty applies to late filers?", False),
    ("Who signed the notice?", False),  # "who" questions have their own person test
])
def test_questions_asking_to_identify_parties(question, asks):
    from agent.extractive import _asks_party_by_name

    assert _asks_party_by_name(question) is asks


PARTY_NOTICE = """title: Harbour council calls for a ban
publisher: Aldmere Gazette
date: 2023-05-05
---
In May, a cross-party group of Aldmere councillors urged a ban on Kestrel Freight and cited its safety record.
Councillor Mara Voss led the call for a ban on Tamsk Haulage at the June session.
"""


def _value_feature(store, settings):
    """question -> the abstention model's ``value`` feature over the test index."""
    from agent.extractive import assess
    from agent.retrieval import Retriever

    def value(question: str) -> float:
        hits = Retriever(store, settings).retrieve(question, k=settings.top_k)
        return assess(question, hits, store, settings).features["value"]

    return value


def test_a_sentence_that_speaks_of_parties_only_as_a_kind_does_not_name_them(tiny_index):
    """"Which councillors urged a ban on Kestrel Freight?": "a cross-party group of Aldmere
    councillors" names none of them (Aldmere modifies the asked noun: it says which kind), so the
    abstention model's ``value`` feature is 0; the twin's sentence names one ("Councillor Mara
    Voss"): 1."""
    value = _value_feature(*tiny_index("party_names", {"gazette.txt": PARTY_NOTICE}))
    assert value("Which councillors urged a ban on Kestrel Freight?") == 0.0
    assert value("Which councillor led the call for a ban on Tamsk Haulage?") == 1.0


OFFICIALS_STATEMENT = """title: Aldmere Ministry of Ports Restricts Visas of Tamsk Harbour Officials (press statement)
publisher: Aldmere Ministry of Ports
date: 2023-07-01
---
MARA VOSS, MINISTER OF PORTS

Visa restrictions apply to Tamsk Harbour Board and Tamsk Pilots Union officials who are believed to be responsible for the unsafe berthing of Aldmere vessels.

Among them is harbour master Jonas Petrik, who approved the berthing orders.
"""


def test_holders_of_an_office_are_named_by_a_persons_name(tiny_index):
    """"Which Tamsk officials ...?": officials are people; the organisations they serve ("Tamsk
    Harbour Board") and the person the question itself names (the minister) name none of them
    (fit: blind-s24 m056). The twin's evidence names one ("Jonas Petrik")."""
    value = _value_feature(*tiny_index("officials", {"statement.txt": OFFICIALS_STATEMENT}))
    assert value("Which Tamsk officials does Voss's statement name as subject to the visa restrictions?") == 0.0
    assert value("Which Tamsk official approved the berthing orders?") == 1.0


CIRCULAR = """title: Harbour Circular HC 2031-04
publisher: Aldmere Port Authority
date: 2031-04-02
---
Harbour Circular HC 2031-04 lists two rules: the berth-fee rule and the night-pilotage rule.
The night-pilotage rule takes effect on 2031-05-01 under By-law 12.4-7.
"""


def test_a_code_no_source_writes_is_not_answered_from_its_neighbour(tiny_index):
    """"HC 2031-05" when the sources hold only HC 2031-04 (and a date "2031-05-01", whose tokens
    start the same): the question identifies something the sources do not hold; the twin naming
    the held circular is answered."""
    from agent.api import ask

    store, settings = tiny_index("unwritten_codes", {"circular.txt": CIRCULAR})
    a = ask("Which rules were listed in Harbour Circular HC 2031-05?", index=settings.index, settings=settings)
    assert a.abstained and "2031-05" in a.notice
    a = ask("Which rules were listed in Harbour Circular HC 2031-04?", index=settings.index, settings=settings)
    assert not a.abstained and "berth-fee rule" in a.text


@pytest.mark.parametrize("question, code", [
    ("What does By-law 12.4-8 require?", "12.4-8"),
    ("What does By-law 12.4-7 require?", None),  # written
    ("Which rule takes effect on 2031-06-01?", None),  # a date, however the sources write it
    ("What changed in fiscal 2030-31?", None),  # a year range
])
def test_unwritten_codes(tiny_index, question, code):
    from agent.analysis import analyse
    from agent.extractive import _code_unwritten

    store, _ = tiny_index("unwritten_codes", {"circular.txt": CIRCULAR})
    assert _code_unwritten(analyse(question, store), store) == code


CIRCULAR_07 = """title: Harbour Circular HC 2031-07
publisher: Aldmere Port Authority
date: 2031-07-09
---
Harbour Circular HC 2031-07 amends the berth-fee rule.
Comment date: Interested parties should submit written comments on or before September 30, 2031.
"""


def test_a_date_from_a_document_other_than_the_one_the_question_identifies_is_no_answer(tiny_index):
    """Comments due on HC 2031-04? Only HC 2031-07 gives a comment date: its date is another
    document's, and the sources don't say. The twin asks about HC 2031-07 and gets its date."""
    from agent.api import ask

    store, settings = tiny_index("codes_elsewhere", {"circular04.txt": CIRCULAR, "circular07.txt": CIRCULAR_07})
    a = ask("By what date were comments due on Harbour Circular HC 2031-04?", index=settings.index, settings=settings)
    assert a.abstained and "2031-04" in a.notice
    a = ask("By what date were comments due on Harbour Circular HC 2031-07?", index=settings.index, settings=settings)
    assert not a.abstained and a.text.startswith("September 30, 2031")


@pytest.mark.parametrize("question, polar", [
    ("Does the flow-down requirement of clause 9.9-1 reach subcontracts for commercial items?", True),
    ("Is Example Optics worth more than $5 billion?", True),
    ("Can exporters still ship EAR99 items to the listed bureau?", True),
    ("How many entities does the rule add?", False),
    ("Can you tell me which companies were added?", False),  # an indirect wh-question
    ("When does the rule take effect?", False),
])
def test_yes_no_questions(question, polar):
    from agent.analysis import is_polar

    assert is_polar(question) is polar


def test_a_yes_no_question_gets_no_kind_from_the_model(corpus_index):
    """The answer-kind model may hear a figure in "Does ... of FAR 52.204-25 reach ..."; a yes/no
    question is answered by the sentence that settles it, whatever the model says."""
    from agent.analysis import AnswerKind, answer_kind

    store = corpus_index.store
    assert answer_kind("Does the flow-down requirement of FAR 52.204-25 reach subcontracts for commercial items?",
                       store) is AnswerKind.OTHER


def test_a_general_first_word_is_no_question_term(tiny_index):
    """"Besides X, which companies ...": a stop word is evidence neither way, capitalised or not
    (the capital of the first word says nothing); a name first in the question stays a term."""
    from agent.analysis import analyse

    store, _ = tiny_index("party_names", {"gazette.txt": PARTY_NOTICE})
    keys = {t.key for t in analyse("Besides Kestrel Freight, which firms did the councillors name?", store).terms}
    assert "besid" not in keys and "beside" not in keys and "kestrel" in keys
    assert "kestrel" in {t.key for t in analyse("Kestrel Freight was banned by whom?", store).terms}


BYLAW = """title: Harbour By-law 12.4-7 Pilotage
publisher: Aldmere Port Authority
date: 2031-03-03
---
The Port Authority may withdraw a pilotage licence if the pilot no longer holds a valid medical certificate or has been convicted of a navigation offence.
"""

GUIDE = """title: Guide to harbour licences
publisher: Aldmere Gazette
date: 2031-04-04
---
Harbour licences are withdrawn on several grounds, which the Gazette summarises for pilots on the grounds of safety and conduct at sea.
"""


def test_a_sentence_lead_comes_from_the_document_the_question_cites_by_code(tiny_index):
    """"Under By-law 12.4-7, on what grounds may a pilotage licence be withdrawn?": the quote of the
    by-law that writes 12.4-7 leads, not another document's sentence that matches the words better."""
    from agent.api import ask

    store, settings = tiny_index("code_lead", {"bylaw.txt": BYLAW, "guide.txt": GUIDE})
    a = ask("Under By-law 12.4-7, on what grounds may a pilotage licence be withdrawn?",
            index=settings.index, settings=settings)
    assert not a.abstained and a.text.split("Evidence:")[0].startswith("“The Port Authority may withdraw")


@pytest.mark.parametrize("question, focus", [
    ("The action hit 28 entities - how many of those were port security bureaus, per the Gazette?",
     ["security", "bureaus"]),
    ("How many entities were added?", ["entities"]),
])
def test_how_many_with_a_copula_counts_its_noun(question, focus):
    from agent.analysis import norm_key, parsed_focus

    assert parsed_focus(question)[-len(focus):] == [norm_key(w) for w in focus]


def test_the_source_a_question_names_is_searched_first(tiny_index):
    """"..., per the Kestrel Courier?": the named publisher's passages lead the retrieved ones even
    when other documents match the question's words better."""
    from agent.retrieval import Retriever

    rules = {f"rule{i}.txt": f"title: Harbour watch list rule {i}\npublisher: Aldmere Port Authority\ndate: 2031-0{i}-01\n---\n"
             f"The watch list rule adds 28 entities, including port security bureaus, to the watch list.\n"
             for i in (1, 2, 3, 4)}
    news = ("title: Watch list widened\npublisher: Kestrel Courier\ndate: 2031-05-02\n---\n"
            "The decision targets 20 port security bureaus and eight companies.\n")
    store, settings = tiny_index("named_source", {**rules, "news.txt": news})
    hits = Retriever(store, settings).retrieve(
        "The rule hit 28 entities - how many of those were port security bureaus, per the Kestrel Courier?", k=3)
    assert hits[0].publisher == "Kestrel Courier"
    plain = Retriever(store, settings).retrieve("How many port security bureaus does the watch list rule add?", k=3)
    assert plain[0].publisher == "Aldmere Port Authority"


def test_a_person_named_elsewhere_does_not_fill_an_asked_role(tiny_index):
    """"Who was the Kestrel Freight spokesman?": the sentence that speaks of the spokesman names
    none, so another sentence's person (Mara Voss, a founder) is no answer (``value`` 0); the twin's
    spokesman is named (1)."""
    from agent.extractive import assess
    from agent.retrieval import Retriever

    unnamed = ("title: Kestrel Freight opposes ban\npublisher: Aldmere Gazette\ndate: 2031-05-05\n---\n"
               "A Kestrel Freight spokesman said the company strongly opposes the ban.\n"
               "Mara Voss, founder of a shipping research firm quoted by the Gazette, said Kestrel Freight would "
               "challenge the ban.\n")
    named = unnamed.replace("A Kestrel Freight spokesman said", "Kestrel Freight spokesman Tomas Reyes said")
    for name, text, value in (("role_unnamed", unnamed, 0.0), ("role_named", named, 1.0)):
        store, settings = tiny_index(name, {"gazette.txt": text})
        question = "Who was the Kestrel Freight spokesman quoted by the Gazette?"
        hits = Retriever(store, settings).retrieve(question, k=settings.top_k)
        assert assess(question, hits, store, settings).features["value"] == value, name


def test_what_a_party_said_is_not_answered_by_others_words(tiny_index):
    """"What did Kestrel Freight say ...?" when no quote has Kestrel Freight saying anything: the
    sources don't say. The twin's party speaks and is answered with its words."""
    from agent.api import ask

    text = ("title: Watch list widened\npublisher: Aldmere Gazette\ndate: 2031-05-02\n---\n"
            "The Aldmere Port Authority added Kestrel Freight and Tamsk Haulage to its watch list on May 1.\n"
            "Tamsk Haulage said it would appeal the listing and called it unfounded.\n"
            "Port officials said the listing followed a two-year review of cargo records.\n")
    store, settings = tiny_index("speakers", {"gazette.txt": text})
    a = ask("What did Kestrel Freight say in response to the listing?", index=settings.index, settings=settings)
    assert a.abstained
    a = ask("What did Tamsk Haulage say in response to the listing?", index=settings.index, settings=settings)
    assert not a.abstained and "appeal" in a.text.split("Evidence:")[0]


def test_a_yes_no_question_leads_with_the_quote_that_holds_what_it_asks_beyond_the_title(tiny_index):
    """"Are family members of the targeted officials covered?": the quote that speaks of family
    members leads, not the one restating the statement's title ("Travel curbs on ... officials")."""
    from agent.api import ask

    text = ("title: Ministry Imposes Travel Curbs on Harbour Officials for Abuses\npublisher: Aldmere Transport Ministry\n"
            "date: 2031-05-02\n---\nThe Ministry today announced the following measures.\n\n"
            "- Travel curbs on harbour officials and port police officials who are believed to be responsible for "
            "abuses of dock workers in the harbour district.\n\n"
            "Family members of such persons may also be subject to these curbs.\n")
    store, settings = tiny_index("polar_lead", {"statement.txt": text})
    a = ask("Are family members of the targeted harbour officials covered by the Ministry's travel curbs?",
            index=settings.index, settings=settings)
    assert not a.abstained and a.text.startswith("“Family members of such persons")


@pytest.mark.parametrize("sentence, value, head, lead", [
    ("The ministry has added 190 persons or organizations to the list.", "190", "person", "190 persons"),
    ("It also opened five investigations of the effect of imports.", "five", "investigation", "five investigations"),
    ("It added twenty-eight Chinese entities.", "twenty-eight", "entity", "twenty-eight Chinese entities"),
    # Punctuation between, or the noun beyond three words: another phrase's noun; the figure alone.
    ("Revenue rose 12, while investigations fell.", "12", "investigation", "12"),
    ("It opened five of the many older pending investigations.", "five", "investigation", "five"),
])
def test_a_count_leads_with_the_noun_it_counts(sentence, value, head, lead):
    from types import SimpleNamespace

    from agent.extractive import Candidate, _with_counted_noun

    c = Candidate(SimpleNamespace(body=sentence), 0, len(sentence), 0.0, set(), set())
    assert _with_counted_noun(value, head, [c]) == lead
