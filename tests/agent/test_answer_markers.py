"""Every ``[n]`` of an extractive answer's direct part points to a quote that
contains the words it stands for — checked for every answer of the dev and
paraphrase sets, and on hand-made citations for the marking helper itself."""
from __future__ import annotations

import json
import re

import pytest

from agent.evaluate import direct_part
from agent.extractive import _compose, _marked_lead, answer_extractive
from agent.retrieval import Retriever
from agent.types import Citation

_MARKS = re.compile(r"((?:\[\d+\])+)")


def _cite(n: int, quote: str) -> Citation:
    return Citation(source="s.txt", title="T", quote=quote, start=0, end=len(quote), n=n, doc_id=f"d{n}")


def check_markers(text: str, citations: list[Citation]) -> None:
    """Each marker group closes a segment of the direct part; the quotes it names
    must carry that segment's content: the quote itself (an answer that leads with
    a quote) or at least one listed item (names, a date, a figure), and every item
    must be in one of them."""
    by_n = {c.n: c for c in citations}
    direct = direct_part(text)
    parts = _MARKS.split(direct)
    assert len(parts) > 1, f"no marker in the direct answer: {direct!r}"
    for segment, group in zip(parts[0::2], parts[1::2]):
        ns = [int(n) for n in re.findall(r"\d+", group)]
        assert all(n in by_n for n in ns), f"marker {group} names no citation"
        quotes = [by_n[n].quote for n in ns]
        seg = segment.strip().lstrip(";,").strip()
        m = re.match(r"^“(.*)” — ", seg, re.S)
        if m:  # the best quote leads
            assert m.group(1) in quotes, f"{group} does not mark the quote it follows"
            continue
        seg = re.sub(r"^Records in “[^”]*” include:\s*", "", seg)
        items = [i.strip() for i in re.split(r",\s+|\s+and\s+|;\s+", seg) if i.strip()]
        assert items, f"{group} marks nothing"
        for q in quotes:
            assert any(i in q for i in items), f"{group}: quote {q[:80]!r} has none of {items}"
        # Items are cut at ", " and " and " (a name may contain " and "): each piece must be in a marked quote.
        for i in items:
            assert any(i in q for q in quotes), f"{i!r} is in none of the quotes marked {group}"


def test_marked_lead_keeps_only_items_in_quotes_and_marks_their_quotes():
    cits = [_cite(1, "Intel and Nvidia supply Hikvision."), _cite(2, "Ambarella too."), _cite(3, "Unrelated.")]
    lead, marks = _marked_lead(["Intel", "Nvidia", "Ambarella", "Seagate"], cits, min_items=2)
    assert lead == "Intel, Nvidia and Ambarella" and marks == [1, 2]
    text = _compose(lead, cits, marks)
    assert text.splitlines()[0] == "Intel, Nvidia and Ambarella [1][2]"
    check_markers(text, cits)
    # Too few items survive: lead with the best quote instead.
    assert _marked_lead(["Seagate", "Intel"], cits, min_items=2) == (None, [])
    assert _marked_lead(None, cits, min_items=1) == (None, [])


def test_check_markers_catches_a_marker_on_the_wrong_quote():
    cits = [_cite(1, "Unrelated text."), _cite(2, "Intel and Nvidia.")]
    with pytest.raises(AssertionError):
        check_markers("Intel and Nvidia [1]\n\nEvidence:\n[1] “Unrelated text.”", cits)
    check_markers("Intel and Nvidia [2]\n\nEvidence:\n[1] “x”", cits)


@pytest.mark.integration
def test_every_marker_of_dev_and_paraphrase_answers_points_to_its_words(corpus_index, dev_questions_file):
    paths = [dev_questions_file, dev_questions_file.with_name("paraphrases.jsonl")]
    questions = [json.loads(line)["question"] for p in paths if p.is_file()
                 for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(questions) >= 20
    retriever = Retriever(corpus_index.store, corpus_index.settings)
    answered = 0
    for q in questions:
        ans = answer_extractive(q, retriever.retrieve(q), corpus_index.store, corpus_index.settings)
        if ans.abstained:
            assert not ans.citations
            continue
        answered += 1
        try:
            check_markers(ans.text, ans.citations)
        except AssertionError as exc:
            raise AssertionError(f"{q}: {exc}\n{ans.text}") from exc
    assert answered >= len(questions) // 2
