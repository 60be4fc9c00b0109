"""Public API: question validation, IndexNotReady, ask/stream_ask/retrieve over
the session corpus index, verbatim citation offsets, and an integration run
over dev questions."""
from __future__ import annotations

import pytest

from agent import Answer, Citation, IndexNotReady, Settings, ask, index_stats, open_index, retrieve, stream_ask
from agent.api import check_question


# ------------------------------------------------------------------ validation (no model)
@pytest.mark.parametrize("question, match", [("", "question is empty"), ("   \n\t", "question is empty"),
                                             (None, "must be a string"), (42, "must be a string")])
def test_bad_questions_raise_value_error(tmp_path, forbid_model, question, match):
    with pytest.raises(ValueError, match=match):
        ask(question, settings=Settings(index=tmp_path / "idx"))
    with pytest.raises(ValueError, match=match):
        retrieve(question, settings=Settings(index=tmp_path / "idx"))


def test_over_long_question(tmp_path, forbid_model):
    s = Settings(index=tmp_path / "idx", max_question_chars=50)
    assert check_question("x" * 50, s) == "x" * 50
    with pytest.raises(ValueError, match="51 characters; the limit is 50"):
        ask("x" * 51, settings=s)
    with pytest.raises(ValueError, match="limit is 1000"):
        ask("Why? " * 300, settings=Settings(index=tmp_path / "idx"))
    assert check_question("  padded  ", s) == "padded"


def test_missing_index_says_how_to_ingest(tmp_path, forbid_model):
    missing = tmp_path / "nothing-here"
    with pytest.raises(IndexNotReady) as err:
        ask("What is the Entity List?", index=missing)
    msg = str(err.value)
    assert f"no index at {missing}" in msg and f"tradeqa ingest PATH... --index {missing}" in msg
    assert "data/sample" in msg
    assert not missing.exists()  # asking does not create an index
    with pytest.raises(IndexNotReady):
        retrieve("What is the Entity List?", index=missing)


def test_empty_index_says_how_to_ingest(tmp_path, forbid_model):
    path = tmp_path / "empty"
    open_index(index=path)  # creates the catalog, ingests nothing
    assert index_stats(index=path).documents == 0
    with pytest.raises(IndexNotReady, match=r"is empty\. Ingest documents first: tradeqa ingest"):
        ask("What is the Entity List?", index=path)


def test_open_index_is_cached_per_folder(tmp_path, forbid_model):
    a = open_index(index=tmp_path / "one")
    assert open_index(index=tmp_path / "one") is a
    assert open_index(settings=Settings(index=tmp_path / "one")) is a
    assert open_index(index=tmp_path / "two") is not a


# ------------------------------------------------------------------ over the corpus index
QUESTIONS = [
    "Which companies did the US add to its trade blacklist in October 2019?",
    "What does FAR 52.204-25 define as the covered foreign country?",
    "What license review policy applies to Huawei on the Entity List?",
    "When did the entities added in June 2020 take effect on the Entity List?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_citation_is_a_verbatim_span(corpus_index, question):
    ans = ask(question, settings=corpus_index.settings)
    assert isinstance(ans, Answer) and not ans.abstained and ans.citations
    for c in ans.citations:
        assert isinstance(c, Citation)
        doc = corpus_index.store.get_document(c.doc_id)
        assert c.quote and doc.body[c.start:c.end] == c.quote
        assert c.source in doc.sources and c.title == doc.title
    assert [c.n for c in ans.citations] == list(range(1, len(ans.citations) + 1))
    assert ans.question == question and ans.backend == "extractive"
    assert ans.hits and ans.timings["total_ms"] >= ans.timings["retrieve_ms"] > 0


def test_ask_with_filters_cites_only_allowed_documents(corpus_index):
    ans = ask("Which entities were added to the Entity List?", settings=corpus_index.settings,
              filters={"date_from": "2020-01-01"})
    assert ans.hits and all(h.date >= "2020-01-01" for h in ans.hits)
    assert all(c.date >= "2020-01-01" for c in ans.citations)
    with pytest.raises(ValueError, match="unknown filter"):
        ask("Which entities were added?", settings=corpus_index.settings, filters={"country": "China"})


def test_stream_ask_yields_text_then_the_answer(corpus_index):
    events = list(stream_ask("What is Hikvision's market value?", settings=corpus_index.settings))
    assert isinstance(events[-1], Answer)
    assert all(isinstance(e, str) for e in events[:-1]) and events[:-1]
    assert "".join(events[:-1]) == events[-1].text


def test_retrieve_returns_k_hits(corpus_index):
    hits = retrieve("Huawei Entity List license requirements", settings=corpus_index.settings, k=3)
    assert len(hits) == 3
    assert retrieve("Huawei", index=corpus_index.path, settings=corpus_index.settings)


def test_answer_to_dict_and_markdown(corpus_index):
    ans = ask("What is Hikvision's market value?", settings=corpus_index.settings)
    d = ans.to_dict()
    assert "hits" not in d and "hits" in ans.to_dict(with_hits=True)
    assert {"text", "abstained", "citations", "question", "backend", "notice", "timings"} <= set(d)
    assert {"source", "title", "quote", "start", "end"} <= set(d["citations"][0])
    md = ans.to_markdown()
    assert "**Sources**" in md and f"> {ans.citations[0].quote}" in md


def test_abstains_on_absent_topic(corpus_index):
    ans = ask("Which Japanese suppliers were affected by the US blacklisting of Hikvision?",
              settings=corpus_index.settings)
    assert ans.abstained is True and ans.citations == []


def test_stats_of_the_corpus_index(corpus_index):
    st = index_stats(settings=corpus_index.settings)
    assert st.documents == 15 and st.sources == 15 and st.chunks > 100
    assert st.last_ingest is not None and "news" in st.doc_types
    # Each chunk embedded once (identical chunk texts once); sentences wait for question time.
    assert 0.9 * st.chunks <= corpus_index.report.embedded <= st.chunks


def test_stored_chunks_are_exact_spans(corpus_index):
    store = corpus_index.store
    rows = store._db.execute('SELECT chunk_id, doc_id, start, "end", text FROM chunks').fetchall()  # noqa: SLF001
    bodies = {}
    for cid, doc_id, s, e, text in rows:
        body = bodies.get(doc_id) or bodies.setdefault(doc_id, store.get_document(doc_id).body)
        assert body[s:e] == text and cid == f"{doc_id}:{s}-{e}"


# ------------------------------------------------------------------ integration: dev questions
@pytest.mark.integration
@pytest.mark.parametrize("qid", ["d01", "d04", "d11", "d13", "d14", "d17", "d21", "d22", "d24"])
def test_dev_questions(corpus_index, dev_questions, qid):
    q = dev_questions[qid]
    ans = ask(q["question"], settings=corpus_index.settings)
    if not q["answerable"]:
        assert ans.abstained is True, ans.text
        assert ans.citations == []
        return
    assert ans.abstained is False, ans.notice
    cited = " ".join(c.quote for c in ans.citations)
    for group in q["must_include"]:
        assert any(alt.lower() in cited.lower() for alt in group), f"{qid}: none of {group} in the cited quotes"
        assert any(alt.lower() in ans.text.lower() for alt in group), f"{qid}: none of {group} in the answer"
    stems = {c.stem for c in ans.citations}
    assert stems & set(q["sources"]), f"{qid}: cited {stems}, expected one of {q['sources']}"
    for c in ans.citations:
        assert corpus_index.store.get_document(c.doc_id).body[c.start:c.end] == c.quote


def test_agent_mode_without_a_model_says_it_answered_offline(corpus_index):
    # (stop 27, new-user trial) `--agent` with no LLM had answered offline in silence.
    from agent.api import ask

    settings = corpus_index.settings.model_copy(update={"agent_mode": True})
    a = ask("Which suppliers are affected by the US blacklisting of Hikvision and Dahua?", settings=settings)
    assert "Agent mode needs an LLM back-end" in a.notice, a.notice
    # Twin: without agent mode, no such notice.
    b = ask("Which suppliers are affected by the US blacklisting of Hikvision and Dahua?", settings=corpus_index.settings)
    assert "Agent mode" not in (b.notice or "")


def test_a_notice_after_an_abstention_reason_is_a_sentence_of_its_own():
    # (session 37) "abstained: <reason>" has no full stop; the reading notice after it started mid-sentence
    # ("... than the question's Read “Sec.” as “section” ...").
    from agent.api import _joined_notice

    assert _joined_notice("abstained: no passage matched", "Read “Sec.” as “section”.") == \
        "abstained: no passage matched. Read “Sec.” as “section”."
    assert _joined_notice("Showing the offline answer.", "Read X.") == "Showing the offline answer. Read X."
    assert _joined_notice("", "Read X.") == "Read X."
