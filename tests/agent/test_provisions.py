"""Paragraph citations of regulations (agent/answering/provisions.py) and the answerer's hook
for them: a question citing "§ 612.7(b)(2)" is answered from that paragraph, or abstains
naming the paragraph when the sources' text lacks it. The regulation texts are written for
these tests (an invented agency's sections, other numbers and nesting depths than any corpus)."""
from __future__ import annotations

import pytest

from agent.answering.provisions import (Absent, Found, ProvisionCite, item_text, locate, names_as_referred, ordinal,
                                        paragraph_text, parse_citations, parse_paragraphs, parse_sections,
                                        resolve, resolve_question, sections_cited, styles_of)

# An invented CFR section: four levels of nesting, a run-in sub-paragraph, a reserved paragraph,
# and an excerpt that breaks off inside paragraph (e).
SEEDS = """\
§ 612.7 Export permits for seed stock.

This section sets out when the Plant Export Office requires a permit for seed stock.

(a) Scope. This section applies to seed stock of the crops listed in supplement no. 2 to this part.

(b) Permit conditions. A permit is issued only when—

(1) The exporter is registered with the Office; and

(2) The consignment is inspected—

(i) By an accredited inspector within 14 days before shipment; or

(ii) By a foreign authority listed in appendix C, where—

(A) The authority certifies germination rates; and

(B) The certificate is filed within 30 days after arrival.

(c) Review policy—(1) General policy. Applications are reviewed case by case.

(2) [Reserved]

(d) Fees. The permit fee is 85 crowns per consignment.

(e) Appeals. An exporter may appeal a denial to the Seed Board within 45 da"""

# An invented clause in FAR style (PART.SUBPART-SECTION) with a definitions paragraph whose
# unnumbered definitions introduce numbered items.
CLAUSE = """\
752.231-70 Local Procurement of Vehicles.

As prescribed in 731.205, insert the following clause:

(a) Definitions. As used in this clause—

Local vendor means—

(1) A firm incorporated in the host country; or

(2) A branch of a foreign firm registered in the host country.

Vehicle means a motor vehicle with four or more wheels.

(b) Approval. The Contractor shall obtain the Contracting Officer's written approval before buying a vehicle
from a local vendor, unless § 731.205(d) waives it.

(c) Records. The Contractor shall keep the following records:

(1) the vendor's name;

(2) the price paid; and

(3) the date of delivery.

The Contractor shall keep these records for three years after final payment.

(End of clause)"""


# ------------------------------------------------------------------ enumerators
def test_enumerator_styles_and_ordinals():
    assert styles_of("2") == ("num",)
    assert styles_of("b") == ("lower",)
    assert styles_of("iv") == ("roman",)
    assert styles_of("i") == ("roman", "lower")  # a roman numeral is a letter too
    assert styles_of("C") == ("upper",)
    assert ordinal("iv", "roman") == 4 and ordinal("xii", "roman") == 12
    assert ordinal("i", "lower") == 9 and ordinal("c", "lower") == 3
    assert ordinal("B", "upper") == 2


# ------------------------------------------------------------------ citations
@pytest.mark.parametrize("question, expected", [
    ("What does 7 CFR 612.7(c)(2) contain?", [("612.7", ("c", "2"))]),
    ("Name the conditions in § 612.7(b).", [("612.7", ("b",))]),
    ("deadline in 752.231-70 (c)(i)?", [("752.231-70", ("c", "i"))]),
    ("What does paragraph (b)(2)(ii)(B) of § 612.7 require?", [("612.7", ("b", "2", "ii", "B"))]),
    ("Under 752.231-70, what does paragraph (b) of this clause require?", [("752.231-70", ("b",))]),
    ("Under section 612.7, what does paragraph (d) charge?", [("612.7", ("d",))]),
    ("What do 612.7(b)(2)(i) and (ii) require?", [("612.7", ("b", "2", "i")), ("612.7", ("b", "2", "ii"))]),
    ("Compare 612.7(b) and (c)(1).", [("612.7", ("b",)), ("612.7", ("c", "1"))]),
    ("What does paragraph (e) say about appeals?", [(None, ("e",))]),
])
def test_parse_citations(question, expected):
    assert [(c.section, c.path) for c in parse_citations(question)] == expected


@pytest.mark.parametrize("question", [
    "Under 612.7, who issues seed permits?",  # a section, no paragraph
    "What does section 1201(a)(2) of the Act prohibit?",  # a statute's integer section
    "Who approves vendors under paragraph (2) of the local vendor definition?",  # a definition's item
    "The fee rose 4.5 percent (a) record) - by how much?",  # a figure, not a section
    "What was the 2.75% tariff (b) on seed?",
])
def test_no_paragraph_citation(question):
    assert [c for c in parse_citations(question) if c.section] == []


def test_sections_cited_marks():
    secs = {n: marked for n, _, _, marked in sections_cited("Under 612.7 and 7 CFR 613.2, see 614.1(a) and 3.25 more")}
    assert secs == {"612.7": False, "613.2": True, "614.1": True, "3.25": False}


# ------------------------------------------------------------------ the tree
def _labels(section):
    return ["".join(f"({p})" for p in n.path) for n in section.root.walk() if n.path]


def test_section_tree_four_levels_run_in_and_reserved():
    [sec] = parse_sections(SEEDS)
    assert sec.number == "612.7"
    assert sec.breaks_off
    assert _labels(sec) == ["(a)", "(b)", "(b)(1)", "(b)(2)", "(b)(2)(i)", "(b)(2)(ii)", "(b)(2)(ii)(A)",
                            "(b)(2)(ii)(B)", "(c)", "(c)(1)", "(c)(2)", "(d)", "(e)"]
    b = sec.find(("b",))
    # The span of (b) holds its sub-paragraphs, down to (B), and stops before (c).
    assert SEEDS[b.start:b.end].startswith("(b) Permit conditions.")
    assert SEEDS[b.start:b.end].endswith("within 30 days after arrival.")
    assert paragraph_text(SEEDS, b) == "Permit conditions. A permit is issued only when—"
    c1 = sec.find(("c", "1"))
    assert SEEDS[c1.start:c1.end] == "(1) General policy. Applications are reviewed case by case."
    c = sec.find(("c",))
    assert SEEDS[c.start:c.own_end] == "(c) Review policy—"
    assert sec.find(("c", "2")).reserved and not c1.reserved
    # The section's introductory text is the root's own text.
    assert SEEDS[sec.root.start:sec.root.own_end].strip().startswith("This section sets out")


def test_clause_tree_definitions_and_letter_i_after_h():
    [sec] = parse_sections(CLAUSE)
    assert sec.number == "752.231-70" and not sec.breaks_off
    a = sec.find(("a",))
    # The unnumbered definitions belong to (a), which introduces them; their items are (a)(1), (a)(2).
    assert "Vehicle means a motor vehicle" in CLAUSE[a.start:a.end]
    assert CLAUSE[a.start:a.end].endswith("four or more wheels.")
    assert [n.path for n in a.children] == [("a", "1"), ("a", "2")]
    b = sec.find(("b",))
    assert CLAUSE[b.start:b.end].endswith("unless § 731.205(d) waives it.")  # a hard-wrapped line continues it
    c = sec.find(("c",))
    assert [n.path for n in c.children] == [("c", "1"), ("c", "2"), ("c", "3")]
    # Text after a blank line that opens with no enumerator is flush text of the list's parent: (c)'s
    # records rule, not (c)(3)'s.
    c3 = sec.find(("c", "3"))
    assert CLAUSE[c3.start:c3.end] == "(3) the date of delivery."
    assert "three years after final payment" in CLAUSE[c.start:c.end]


@pytest.mark.parametrize("text, expected", [
    # "(i)" after "(h)(1)" followed by "(j)": the ninth letter, a sibling of (h).
    ("(g) G.\n\n(h) H—\n\n(1) One.\n\n(i) Letter i.\n\n(j) J.", [("g",), ("h",), ("h", "1"), ("i",), ("j",)]),
    # ... followed by "(ii)": a roman list under (h)(1).
    ("(h) H—\n\n(1) One—\n\n(i) Sub one.\n\n(ii) Sub two.\n\n(2) Two.",
     [("h",), ("h", "1"), ("h", "1", "i"), ("h", "1", "ii"), ("h", "2")]),
    # At the end of the text, the next letter.
    ("(g) G.\n\n(h) H.\n\n(i) I.", [("g",), ("h",), ("i",)]),
])
def test_letter_i_or_roman_i(text, expected):
    assert [n.path for n in parse_paragraphs(text).walk()][1:] == expected


def test_roman_child_after_figure():
    text = "(a) Rule—\n\n(1) First.\n\n(i) Sub one.\n\n(ii) Sub two.\n\n(2) Second.\n\n(b) Next rule."
    root = parse_paragraphs(text)
    assert [n.path for n in root.walk()][1:] == [("a",), ("a", "1"), ("a", "1", "i"), ("a", "1", "ii"), ("a", "2"),
                                                ("b",)]


def test_title_names_the_section_of_a_headless_body():
    body = "(a) Duty. Importers file form 7.\n\n(b) Time. Within 5 days."
    [sec] = parse_sections(body, title="19 CFR 141.9 Filing duties")
    assert sec.number == "141.9" and _labels(sec) == ["(a)", "(b)"]
    # A rule's prose whose title names a section holds no paragraphs of it.
    assert parse_sections("The rule amends the filing duty.", title="Amendments to 19 CFR 141.9") == []


def test_locate_found_absent_and_cut():
    [sec] = parse_sections(SEEDS)
    node, why = locate(sec, ("b", "2", "ii", "A"))
    assert why == "" and SEEDS[node.start:node.end] == "(A) The authority certifies germination rates; and"
    assert locate(sec, ("f",)) == (None, "ends")  # the excerpt ends before (f)
    assert locate(sec, ("b", "3")) == (None, "skips")  # the text goes on past where (b)(3) would be
    node, why = locate(sec, ("e",))
    assert node is not None and why == "cut"  # the excerpt breaks off inside (e)
    [clause] = parse_sections(CLAUSE)
    assert locate(clause, ("e",)) == (None, "ends")
    assert locate(clause, ("c", "5")) == (None, "ends")


def test_item_text():
    assert item_text("(1) The exporter is registered; and") == "The exporter is registered"
    assert item_text("(ii) By a foreign authority; or") == "By a foreign authority"


# ------------------------------------------------------------------ resolving and answering
_DOCS = {
    "seed-permits.txt": "title: 7 CFR 612.7 Export permits for seed stock (excerpt)\n"
                        "publisher: Plant Export Office\ndate: 2021-04-01\n---\n" + SEEDS + "\n",
    "vehicle-clause.txt": "title: 752.231-70 Local Procurement of Vehicles (clause)\n"
                          "publisher: Development Procurement Board\ndate: 2020-02-01\n---\n" + CLAUSE + "\n",
    "seed-news.txt": "title: Seed exporters welcome faster permits\npublisher: Farm Gazette\ndate: 2021-05-02\n---\n"
                     "Seed exporters said on Monday that the Plant Export Office now reviews permit applications "
                     "faster. The Office charges 85 crowns per consignment, the exporters said. The permit rules "
                     "are in section 612.7 of the regulations.\n",
}


@pytest.fixture(scope="module")
def seeds(tiny_index):
    return tiny_index("provisions", _DOCS)


def _ask(seeds, question):
    from agent.extractive import answer_extractive
    from agent.retrieval import Retriever

    store, settings = seeds
    hits = Retriever(store, settings).retrieve(question)
    return answer_extractive(question, hits, store, settings)


def test_resolve_found_absent_and_no_section(seeds):
    store, _ = seeds
    found = resolve(ProvisionCite("612.7", ("b", "2", "i"), "612.7(b)(2)(i)", 0, 14), store)
    assert isinstance(found, Found) and found.doc.title.startswith("7 CFR 612.7")
    assert found.doc.body[found.paragraph.start:found.paragraph.end].startswith("(i) By an accredited inspector")
    ends = resolve(ProvisionCite("612.7", ("g",), "612.7(g)", 0, 8), store)
    assert isinstance(ends, Absent) and ends.why == "ends" and "612.7(g)" in ends.reason()
    cut = resolve(ProvisionCite("612.7", ("e",), "612.7(e)", 0, 8), store)
    assert isinstance(cut, Absent) and cut.why == "cut"
    none = resolve(ProvisionCite("613.4", ("a",), "613.4(a)", 0, 8), store)
    assert isinstance(none, Absent) and none.why == "section"


def test_resolve_question_drops_unmarked_figures_and_quoted_cross_references(seeds):
    store, _ = seeds
    # The question quotes a cross-reference that the found paragraph itself writes ("§ 731.205(d)",
    # a section no source holds): it asks about the found paragraph, not for 731.205's text.
    [r] = resolve_question("Does 752.231-70(b) let § 731.205(d) waive the approval?", store)
    assert isinstance(r, Found) and r.cite.label() == "752.231-70(b)"
    # A marked citation of a section no source holds stays, as absent.
    [r] = resolve_question("What does 7 CFR 613.4(b) require?", store)
    assert isinstance(r, Absent) and r.why == "section"


def test_found_list_paragraph_leads_with_its_items(seeds):
    ans = _ask(seeds, "List the conditions in § 612.7(b)(2)(ii).")
    assert not ans.abstained
    lead = ans.text.splitlines()[0]
    assert "The authority certifies germination rates" in lead
    assert "The certificate is filed within 30 days after arrival" in lead
    assert "accredited inspector" not in lead  # (b)(2)(i), a sibling, is not what was cited
    for c in ans.citations:
        assert c.quote in _DOCS["seed-permits.txt"]


def test_found_paragraph_figure_comes_from_that_paragraph(seeds):
    # (b)(2)(i) says 14 days, its sibling's sub-paragraph (B) 30 days: the cited one's figure leads.
    ans = _ask(seeds, "How many days before shipment must the inspection under 612.7(b)(2)(i) take place?")
    assert not ans.abstained
    assert ans.text.startswith("14 days")
    assert all("30 days" not in c.quote for c in ans.citations)


def test_absent_paragraph_abstains_naming_it(seeds):
    ans = _ask(seeds, "What penalty does § 612.7(g) set for exporting without a permit?")
    assert ans.abstained and "612.7(g)" in ans.notice and "ends before" in ans.notice
    ans = _ask(seeds, "Within how many days can an exporter appeal under 612.7(e)?")
    assert ans.abstained and "breaks off inside paragraph 612.7(e)" in ans.notice
    ans = _ask(seeds, "What fee does 7 CFR 613.4(b) set for seed permits?")
    assert ans.abstained and "613.4" in ans.notice


def test_reserved_paragraph_is_answered_as_reserved(seeds):
    ans = _ask(seeds, "What does 7 CFR 612.7(c)(2) contain?")
    assert not ans.abstained
    assert ans.text.startswith("612.7(c)(2): [Reserved] [1]")
    assert ans.citations[0].quote == "(2) [Reserved]"


@pytest.mark.parametrize("question", [
    "How much is the permit fee per consignment under section 612.7?",  # a section, no paragraph
    "Which firms count under paragraph (1) of the local vendor definition?",  # a definition's item
    "What does section 1201(a)(2) of the Seed Act prohibit?",  # a statute's section
])
def test_questions_citing_no_regulation_paragraph_are_left_to_the_answerer(seeds, monkeypatch, question):
    # Twins: the hook does not fire - the answer is the one the answerer gives without it.
    import agent.answering.provisions as provisions

    with_hook = _ask(seeds, question)
    monkeypatch.setattr(provisions, "resolve_question", lambda *a, **k: [])
    without = _ask(seeds, question)
    assert (with_hook.text, with_hook.abstained, with_hook.notice) == (without.text, without.abstained, without.notice)


REVOKING = """§ 44.3 Revocation.

A permit holder whose permit was revoked for the breaches described in paragraph (b) of this section may
reapply after one year.

(a) Notice. The Office gives 30 days' notice before revoking a permit.
"""


def test_a_question_reusing_the_texts_cross_reference_asks_the_referring_text():
    [sec] = parse_sections(REVOKING)
    text = REVOKING[sec.root.start:sec.root.end]
    q = "Under 44.3, can a holder reapply if it was revoked for the breaches in paragraph (b)?"
    [reuse] = parse_citations(q)
    assert (reuse.section, reuse.path) == ("44.3", ("b",))
    assert names_as_referred(q, reuse, text, asked=[])
    # Asking for what paragraph (b) lists - by the same word or another - asks for the paragraph.
    q = "Which breaches does paragraph (b) of § 44.3 list?"
    [ask] = parse_citations(q)
    assert not names_as_referred(q, ask, text, asked=["breach"])
    q = "What penalties does 44.3(b) set?"
    [ask] = parse_citations(q)
    assert not names_as_referred(q, ask, text, asked=["penalty"])


# ------------------------------------------------------------------ sections cited alone
# A small invented rule set: § 612.7 is held; it cross-refers to § 612.9 (waivers), which no
# source holds - a table of contents lists it and a notice says which amendment added it; a
# board's guide discusses § 613.2 (extensions) without holding its text.
PERMITS = """§ 612.7 Export permits for seed stock.

(a) Permit required. No person may export seed stock without a permit from the Plant Export Office,
unless the consignment is covered by a waiver described in § 612.9.

(b) Fee. The permit fee is 85 crowns per consignment."""

CONTENTS = """Part 612 - Seed Stock Exports

612.7 Export permits for seed stock.
612.8 Inspections.
612.9 Waivers."""

GUIDE = """The Seed Board publishes this guide for exporters.

Under § 613.2, the Seed Board may extend a permit by 90 days when a shipment is delayed.

The 2022 amendment added § 612.9 to the seed stock rules."""

_SECTION_DOCS = {
    "permits-rule.txt": "title: 7 CFR 612.7 Export permits for seed stock\npublisher: Plant Export Office\n"
                        "date: 2022-03-01\n---\n" + PERMITS + "\n",
    "part-612-contents.txt": "title: Part 612 table of contents\npublisher: Plant Export Office\ndate: 2022-03-01\n"
                             "---\n" + CONTENTS + "\n",
    "board-guide.txt": "title: Seed Board exporters' guide\npublisher: Seed Board\ndate: 2022-06-01\n---\n"
                       + GUIDE + "\n",
}


@pytest.fixture(scope="module")
def permits(tiny_index):
    return tiny_index("sections", _SECTION_DOCS)


@pytest.mark.parametrize("question, expected", [
    ("Under 7 CFR 612.9, who may grant a waiver?", [("612.9", "7 CFR 612.9", True)]),
    ("What waivers does FAR section 31.205-6 describe?", [("31.205-6", "FAR section 31.205-6", True)]),
    ("Per 612.9, how long may a waiver run?", [("612.9", "612.9", False)]),
    # 612.7(b) is a paragraph's citation, not a section's alone.
    ("What does § 612.7(b) charge, and what does § 612.9 waive?", [("612.9", "§ 612.9", True)]),
    ("What does subpart 61.2 of the rules cover?", []),  # a subpart: the sections under it
    ("What does section 1201 of the Seed Act prohibit?", []),  # a statute's integer section
])
def test_section_only_citations(question, expected):
    from agent.answering.provisions import section_only_citations

    assert [(c.number, question[c.start:c.end], c.marked) for c in section_only_citations(question)] == expected


@pytest.mark.parametrize("question, asks", [
    # The section frames the asking clause: its own content is asked for.
    ("Under 7 CFR 612.9, who may grant a waiver and for how long?", True),
    ("What waivers does § 612.9 describe?", True),
    ("Which exporters have received waivers under § 612.9 so far?", True),
    ("What conditions apply to a waiver pursuant to § 612.9?", True),
    ("What is the purpose of § 612.9?", True),
    ("Summarize 7 CFR 612.9.", True),
    ("How long can § 612.9's waivers last?", True),
    # Twins: the section is the object of another document's verb, or part of a name.
    ("Which amendment added § 612.9?", False),
    ("When was § 612.9 amended?", False),
    ("What does the Seed Board guide say about § 612.9?", False),
    ("What does the Seed Board guide say about waivers under § 612.9?", False),
    ("What does the exporters' guide say about 612.9 waivers?", False),
    ("How many hours does the § 612.9 certification take?", False),
    ("What does the Section 612.9 Waiver Handbook recommend?", False),
])
def test_asks_section_content(question, asks):
    from agent.answering.provisions import asks_section_content, section_only_citations

    [cite] = section_only_citations(question)
    assert asks_section_content(question, cite) is asks


@pytest.mark.parametrize("sentence, number, discusses", [
    # What the sentence's main clause is about: the section's content, restated elsewhere.
    ("Under § 613.2, the Seed Board may extend a permit by 90 days.", "613.2", True),
    ("Section 613.2 allows the Seed Board to extend a permit by 90 days.", "613.2", True),
    # In passing: a cross-reference inside a noun phrase, an amendment's object, a contents line.
    ("No person may export seed stock unless the consignment is covered by a waiver described in § 612.9.",
     "612.9", False),
    ("The 2022 amendment added § 612.9 to the seed stock rules.", "612.9", False),
    ("612.9 Waivers.", "612.9", False),
])
def test_discusses_section(sentence, number, discusses):
    from agent.answering.provisions import discusses_section

    start = sentence.index(number)
    assert discusses_section(sentence, start, start + len(number)) is discusses


def test_section_not_held(permits):
    from agent.answering.provisions import section_not_held

    store, _ = permits
    unheld = section_not_held("Under 7 CFR 612.9, who may grant a waiver and for how long?", store)
    assert unheld is not None and unheld.cite.number == "612.9"
    assert "612.9" in unheld.reason() and "7 CFR 612.7 Export permits for seed stock" in unheld.reason()
    # An unmarked number counts when the sources mark it as a section ("§ 612.9").
    assert section_not_held("Per 612.9, who may grant a waiver?", store) is not None
    # Twins: a held section; one a source discusses (its content restated); one asked about as
    # the object of another document's verb; a number no source marks as a section (a figure).
    assert section_not_held("Under § 612.7, what is the permit fee?", store) is None
    assert section_not_held("Under § 613.2, by how many days may a permit be extended?", store) is None
    assert section_not_held("Which amendment added § 612.9?", store) is None
    assert section_not_held("Per 614.5, who may grant a waiver?", store) is None


def test_a_section_no_source_holds_is_not_answered(permits):
    ans = _ask(permits, "Under 7 CFR 612.9, who may grant a waiver and for how long?")
    assert ans.abstained and "no source holds the text of section 612.9" in ans.notice
    ans = _ask(permits, "What waivers does § 612.9 describe?")
    assert ans.abstained and "612.9" in ans.notice


@pytest.mark.parametrize("question", [
    "Which amendment added § 612.9?",  # another document's verb: the guide's sentence answers it
    "Under § 613.2, by how many days may the Seed Board extend a permit?",  # a source discusses 613.2
    "Under § 612.7, what is the permit fee per consignment?",  # a held section
])
def test_section_twins_are_left_to_the_answerer(permits, monkeypatch, question):
    import agent.answering.provisions as provisions

    with_hook = _ask(permits, question)
    assert "no source holds" not in with_hook.notice
    monkeypatch.setattr(provisions, "section_not_held", lambda *a, **k: None)
    without = _ask(permits, question)
    assert (with_hook.text, with_hook.abstained, with_hook.notice) == (without.text, without.abstained, without.notice)
