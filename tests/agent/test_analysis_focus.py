"""What a question asks for: its focus noun phrase from spaCy's parse (agent/analysis.py, parsed_focus)."""
from __future__ import annotations

import pytest

from agent.analysis import parsed_focus


@pytest.mark.parametrize("question, focus", [
    # A noun naming a category ("kind", "type", "sort", by WordNet) asks for the things of its "of".
    ("Under 15 CFR 744.11, what kinds of measures can BIS impose?", ["measure"]),
    ("What type of license review policy applies to Huawei?", ["review", "policy"]),
    ("What sort of equipment is covered?", ["equipment"]),
    ("Which types of companies were added?", ["company"]),
    # ... but a noun that is no category keeps its "of" for the complement.
    ("What is the amount of the fine?", ["amount"]),
    # A noun-phrase question whose participle the parser takes for the root asks for its subject.
    ("Docket number and RIN for the BIS rule adding 28 entities in Oct 2019?", ["docket", "number"]),
    ("zte address on entity list?", ["zte", "address"]),
    # ... and a noun the tagger reads as a verb (WordNet has it as a noun only) is its head.
    ("Urumqi PSB postcode on the entity list?", ["postcode"]),
    # An imperative's object, also when the parser hangs the imperative under a later verb.
    ("Name the eleven entities the July 2022 rule added.", ["entity"]),
    ("List the agencies that sit on the committee.", ["agency"]),
    # ... or makes it the clausal subject of a later verb ("... the wire says *are* on the list").
    ("Besides Kestrel and Ravenmoor, name the other firms the wire says are on the list.", ["other", "firm"]),
    # "How much" as a copula's complement measures the copula's subject, also when a verb reports it.
    ("How much was Kestrel Optics' overseas revenue?", ["oversea", "revenue"]),
    ("How much did Kestrel Optics say its overseas revenue was?", ["oversea", "revenue"]),
    ("How much is the fine for a late filing?", ["fine"]),
    # ... a common noun: a name as the subject is the party, not what is measured.
    ("How much is Peltrix looking to raise in its listing?", []),
    # ... and the noun "how much" determines is the focus, as before.
    ("How much overseas revenue did Kestrel Optics report?", ["oversea", "revenue"]),
])
def test_the_focus_is_what_the_question_asks_for(question, focus):
    assert parsed_focus(question) == focus


@pytest.mark.parametrize("question, clause", [
    # A fronted prepositional or subordinate phrase before the wh-clause only sets the topic.
    ("Besides Hikvision, SenseTime and Megvii, which other firms were on the list?", "which other firms were on the list?"),
    ("Under 15 CFR 744.11, what kinds of measures can BIS impose?", "what kinds of measures can BIS impose?"),
    # A relative clause inside a yes/no question is no asking clause.
    ("Is Huawei, which is Chinese, on the list?", "Is Huawei, which is Chinese, on the list?"),
    ("Seagate settlement - what was the amount?", "what was the amount?"),
    # A follow-up that names nothing ("If so, what is it?") asks for what the yes/no question before it
    # asks to exist: that question asks (blind-s30 t057 read "what is it" and led with a name line).
    ("Is an alias recorded for Lun Meira? If so, what is it?", "Is an alias recorded for Lun Meira?"),
    ("Are any exceptions available under 744.16(b)? If so, which?", "Are any exceptions available under 744.16(b)?"),
    ("Does Varlen have alternate names? If any, list them.", "Does Varlen have alternate names?"),
    # ... a follow-up with words of its own asks something else: the question stays whole.
    ("Can BIS remove an entity? If so, on what basis?", "Can BIS remove an entity? If so, on what basis?"),
    # A question mark ends a sentence whatever precedes it ("(b)?", "EL?").
    ("Is Kestrel on the EL? What date was it added?", "What date was it added?"),
])
def test_the_asking_clause_follows_what_only_sets_the_topic(question, clause):
    from agent.analysis import asking_clause

    assert asking_clause(question) == clause
