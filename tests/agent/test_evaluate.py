"""Scorer, runner and report of ``tradeqa eval``, with hand-made answers over a tiny corpus
(no embedding model), plus one integration run over the shared corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.config import Fusion, Settings
from agent.evaluate import (
    DocumentTexts, Gate, Question, check_citation, check_gates, load_questions, match_groups,
    normalise, parse_config, parse_configs, parse_fraction, parse_ks, percentile, run_config, score_answer,
    summarise, write_outputs, EvalReport,
)
from agent.types import Answer, Citation, Hit

BLACKLIST = """title: US widens blacklist
publisher: Reuters
date: 2019-10-08
---
The U.S. Commerce Department added 28 Chinese entities to its trade blacklist.
Suppliers to Hikvision include   Intel, Nvidia
and Ambarella.
"""
FAR = """title: FAR 52.204-25
---
Covered foreign country means the People's Republic of China.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "reuters-blacklist.txt").write_text(BLACKLIST, encoding="utf-8")
    (d / "far-clause.txt").write_text(FAR, encoding="utf-8")
    return d


@pytest.fixture()
def docs(corpus: Path) -> DocumentTexts:
    return DocumentTexts(corpus)


Q_LIST = Question("q1", "Which suppliers are affected?", True, [["Intel"], ["Nvidia"], ["Ambarella"]],
                  ["reuters-blacklist"], "list")
Q_UNANSWERABLE = Question("q9", "What trade deal was signed?", False)


def cite(corpus: Path, stem: str, quote: str, n: int = 1, start: int = 0, end: int = 0) -> Citation:
    return Citation(source=str(corpus / f"{stem}.txt"), title=stem, quote=quote, start=start, end=end, n=n)


def hit(corpus: Path, stem: str, i: int = 0) -> Hit:
    return Hit(chunk_id=f"{stem}:{i}", doc_id=stem, source=str(corpus / f"{stem}.txt"), title=stem,
               start=0, end=10, text="...")


# ----------------------------------------------------------------------------- scorer
def test_correct_answer(corpus, docs):
    # The quote wraps differently from the document: white space is collapsed before matching.
    ans = Answer(text="Intel, NVIDIA and Ambarella supply Hikvision [1].", abstained=False,
                 citations=[cite(corpus, "reuters-blacklist", "Suppliers to Hikvision include Intel, Nvidia and Ambarella.")])
    r = score_answer(Q_LIST, ans, docs, ranked=[hit(corpus, "far-clause"), hit(corpus, "reuters-blacklist")], ks=[1, 3])
    assert r.correct is True and r.correctness == 1.0
    assert r.citations[0].verified and r.citations[0].in_sources and r.source_hit
    assert r.source_rank == 2 and r.recall_at_k == {1: False, 3: True}
    assert r.abstention_ok and r.failures == []


def test_partial_answer(corpus, docs):
    ans = Answer(text="Intel is affected.", abstained=False,
                 citations=[cite(corpus, "reuters-blacklist", "Intel, Nvidia")])
    r = score_answer(Q_LIST, ans, docs, ranked=[hit(corpus, "reuters-blacklist")])
    assert r.groups_matched == [True, False, False]
    assert r.correctness == pytest.approx(1 / 3) and r.correct is False
    assert r.missing == [["Nvidia"], ["Ambarella"]]
    assert any(f.startswith("missing: Nvidia; Ambarella") for f in r.failures)


def test_wrong_abstention(corpus, docs):
    # The abstention text happens to name a fact; it still scores 0.
    ans = Answer(text="The sources do not say whether Intel is affected.", abstained=True)
    r = score_answer(Q_LIST, ans, docs, ranked=[hit(corpus, "reuters-blacklist")])
    assert r.correctness == 0.0 and r.correct is False and not r.abstention_ok
    assert "wrong abstention on an answerable question" in r.failures
    s = summarise([r])
    assert s.wrong_abstentions == 1 and s.abstain_precision == 0.0 and s.abstain_recall is None


def test_fabricated_quote_counts_against_precision_even_if_flagged(corpus, docs):
    body = BLACKLIST.split("---\n", 1)[1]
    real = "28 Chinese entities"
    start = body.index(real)
    fake = cite(corpus, "reuters-blacklist", "28 Chinese entities, all of them banks", n=2,
                start=start, end=start + len(real))  # offsets point at a real span
    fake.verified = True  # whatever the answer object claims
    good = cite(corpus, "reuters-blacklist", "Intel, Nvidia and Ambarella", n=1)
    ans = Answer(text="Intel, Nvidia and Ambarella [1]; 28 banks [2].", abstained=False, citations=[good, fake])
    r = score_answer(Q_LIST, ans, docs, ranked=[hit(corpus, "reuters-blacklist")])
    assert [c.verified for c in r.citations] == [True, False]
    assert r.citations[1].reason == "quote not found in the named document"
    s = summarise([r])
    assert s.citations_total == 2 and s.citations_verified == 1 and s.citation_precision == 0.5
    assert any("1 of 2 citations not verified" in f for f in r.failures)


def test_quote_must_be_in_the_document_it_names(corpus, docs):
    c = cite(corpus, "far-clause", "Intel, Nvidia")  # true, but of another document
    assert not check_citation(c, docs, ["reuters-blacklist"]).verified


def test_case_and_empty_quotes_do_not_verify(corpus, docs):
    assert not check_citation(cite(corpus, "far-clause", "covered foreign country"), docs, []).verified
    assert not check_citation(cite(corpus, "far-clause", "  "), docs, []).verified


def test_moved_source_falls_back_to_corpus_by_stem(tmp_path, corpus):
    c = Citation(source="/gone/elsewhere/far-clause.txt", title="", quote="People's Republic of China", start=0, end=0)
    assert check_citation(c, DocumentTexts(corpus), ["far-clause"]).verified
    missing = check_citation(c, DocumentTexts(None), ["far-clause"])
    assert not missing.verified and "not found" in missing.reason


def test_unverified_citation_into_sources_is_no_source_hit(corpus, docs):
    ans = Answer(text="Intel, Nvidia, Ambarella", abstained=False,
                 citations=[cite(corpus, "reuters-blacklist", "made up text")])
    r = score_answer(Q_LIST, ans, docs)
    assert r.correct and r.source_hit is False
    assert "no verified citation into the expected sources" in r.failures


def test_unanswerable_and_summary(corpus, docs):
    ok = score_answer(Q_UNANSWERABLE, Answer(text="Not in the sources.", abstained=True), docs, latency_ms=100)
    bad = score_answer(Question("q8", "Employees?", False, kind="x"),
                       Answer(text="About 10,000.", abstained=False), docs, latency_ms=300)
    right = score_answer(Q_LIST, Answer(text="Intel Nvidia Ambarella", abstained=False,
                                        citations=[cite(corpus, "reuters-blacklist", "Intel, Nvidia")]), docs,
                         ranked=[hit(corpus, "reuters-blacklist")], ks=[1, 5], latency_ms=200)
    assert ok.abstention_ok and not ok.failures
    assert bad.failures == ["answered an unanswerable question"]
    s = summarise([ok, bad, right], ks=[1, 5])
    assert s.abstain_recall == 0.5 and s.abstain_precision == 1.0 and s.answered_unanswerable == 1
    assert s.correct_rate == 1.0 and s.citation_precision == 1.0 and s.source_recall == 1.0
    assert s.recall_at_k == {1: 1.0, 5: 1.0} and s.mrr == 1.0
    assert s.latency_p50_ms == 200 and s.latency_p95_ms == pytest.approx(290)
    assert set(s.by_kind) == {"unanswerable", "x", "list"} and s.by_kind["x"].abstain_recall == 0.0


def test_error_is_scored_as_failure(docs):
    r = score_answer(Q_LIST, None, docs, error="RuntimeError: boom")
    assert r.correctness == 0.0 and r.failures[0] == "error: RuntimeError: boom"
    assert summarise([r]).n_errors == 1


def test_helpers():
    assert normalise("  a \n\t b\u00a0c ") == "a b c"
    assert match_groups("The  People's\nRepublic of CHINA", [["people's republic of china"], ["x", "china"], ["y"]]) \
        == [True, True, False]
    assert percentile([], 50) is None and percentile([5.0], 95) == 5.0
    assert parse_fraction("85") == 0.85 and parse_fraction("0.8") == 0.8 and parse_fraction("100%") == 1.0
    assert parse_ks("10, 1,5") == [1, 5, 10]
    with pytest.raises(ValueError):
        parse_ks("0")


# ----------------------------------------------------------------------------- questions, configs, gates
def test_load_questions(tmp_path):
    p = tmp_path / "q.jsonl"
    p.write_text('{"id": "a", "question": "Q?", "answerable": true, "must_include": [["x"]], "sources": ["s.txt"]}\n'
                 "\n"
                 '{"id": "b", "question": "R?", "answerable": false}\n', encoding="utf-8")
    qs = load_questions(p)
    assert [q.id for q in qs] == ["a", "b"] and qs[0].sources == ["s"] and qs[1].group == "unanswerable"
    p.write_text('{"id": "a", "question": "Q?", "answerable": "yes"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"q.jsonl:1: 'answerable'"):
        load_questions(p)
    p.write_text('{"id": "a", "question": "Q?", "answerable": true, "must_include": ["x"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="must_include"):
        load_questions(p)


def test_shared_dev_set_loads(dev_questions_file):
    qs = load_questions(dev_questions_file)
    assert len(qs) >= 20 and any(not q.answerable for q in qs)


def test_parse_config(tmp_path):
    base = Settings(index=tmp_path / "idx")
    [dense] = parse_config("dense:fusion=dense,top_k=5", base)
    assert dense.name == "dense" and dense.settings.fusion is Fusion.DENSE and dense.settings.top_k == 5
    assert dense.settings.index == tmp_path / "idx"
    [anon] = parse_config("fusion=keyword", base)
    assert anon.name == "fusion-keyword"
    with pytest.raises(ValueError, match="unknown setting"):
        parse_config("x:fuson=dense", base)
    with pytest.raises(ValueError):
        parse_config("x:top_k=lots", base)
    f = tmp_path / "cfg.json"
    f.write_text(json.dumps([{"name": "a", "fusion": "rrf"}, {"name": "b", "settings": {"top_k": 3}}]))
    assert [(c.name, c.settings.top_k) for c in parse_config(str(f), base)] == [("a", 8), ("b", 3)]
    with pytest.raises(ValueError, match="unique"):
        parse_configs(["a:top_k=1", "a:top_k=2"], base)
    assert [c.name for c in parse_configs([], base)] == ["default"]


# ----------------------------------------------------------------------------- runner, outputs, CLI
def fake_pipeline(corpus: Path):
    """ask/retrieve stand-ins: right on q1, abstains on everything else."""
    calls = {"retrieve": 0}

    def ask(question, settings=None, **_):
        if "suppliers" in question:
            return Answer(text="Intel, Nvidia and Ambarella [1].", abstained=False,
                          citations=[cite(corpus, "reuters-blacklist", "Intel, Nvidia\nand Ambarella")],
                          hits=[hit(corpus, "reuters-blacklist")])
        return Answer(text="The sources do not cover this.", abstained=True, hits=[hit(corpus, "far-clause")])

    def retrieve(question, k=None, settings=None, **_):
        calls["retrieve"] += 1
        return [hit(corpus, "far-clause"), hit(corpus, "reuters-blacklist")][:k]

    return ask, retrieve, calls


def test_run_config_and_outputs(tmp_path, corpus, docs):
    ask, retrieve, calls = fake_pipeline(corpus)
    qs = [Q_LIST, Question("q2", "Which country is covered?", True, [["China"]], ["far-clause"], "date"), Q_UNANSWERABLE]
    base = Settings(index=tmp_path / "idx")
    runs = [run_config(qs, c, docs, ks=[1, 5], ask_fn=ask, retrieve_fn=retrieve, progress=False)
            for c in parse_configs(["a:top_k=5", "b:top_k=6"], base)]
    assert calls["retrieve"] == 2 * 2  # the two answerable questions (answer hits < max k)
    s = runs[0].summary
    assert s.correct_rate == 0.5 and s.wrong_abstentions == 1 and s.abstain_recall == 1.0
    assert s.recall_at_k == {1: 0.5, 5: 1.0} and s.mrr == pytest.approx(0.75)
    report = EvalReport(questions_path="q.jsonl", corpus=str(corpus), created="now", ks=[1, 5], runs=runs,
                        gates=check_gates(runs, [Gate("correct_rate", 0.85), Gate("recall@5", 0.95)]))
    assert not report.passed and [g.passed for g in report.gates] == [False, True, False, True]
    paths = write_outputs(report, tmp_path / "out")
    md = paths["report"].read_text(encoding="utf-8")
    # Failures come before the tables, with the answer that was given.
    assert md.index("## Failures") < md.index("## Summary")
    assert "#### q2 (date) — Which country is covered?" in md and "> The sources do not cover this." in md
    assert "50.0%" in md and "| Retrieval recall@5 | 100.0% | 100.0% | = |" in md
    assert paths["chart_by_kind"].stat().st_size > 1000 and paths["chart_recall"].exists()
    lines = (tmp_path / "out" / "results-a.jsonl").read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    assert rec["id"] == "q1" and rec["citations"][0]["verified"] and rec["retrieved"] == ["far-clause", "reuters-blacklist"]
    summary = json.loads(paths["summary"].read_text(encoding="utf-8"))
    assert summary["passed"] is False and summary["differences"][0]["config"] == "b"
    assert summary["configs"][0]["summary"]["recall_at_k"]["5"] == 1.0


def test_cli_gate_exit_code(tmp_path, corpus, monkeypatch):
    import agent.api
    from agent.cli import main

    ask, retrieve, _ = fake_pipeline(corpus)
    monkeypatch.setattr(agent.api, "ask", ask)
    monkeypatch.setattr(agent.api, "retrieve", retrieve)
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "q1", "question": "Which suppliers are affected?", "answerable": True,
                             "must_include": [["Intel"]], "sources": ["reuters-blacklist"]}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    common = ["-q", "eval", str(q), "--index", str(tmp_path / "idx"), "--out", str(out), "--no-charts"]
    assert main(common + ["--min-correct", "85", "--min-citation-precision", "1.0", "--min-recall", "5:0.95"]) == 0
    assert (out / "report.md").exists() and (out / "results-default.jsonl").exists()
    assert main(common + ["--min-abstain", "0.8", "--compare", "dense:fusion=dense", "hybrid:fusion=rrf"]) == 0
    assert (out / "results-dense.jsonl").exists() and (out / "results-hybrid.jsonl").exists()
    assert main(common + ["--min-recall", "1:1.0"]) == 1  # rank 2 at k=1 when retrieve() ranks it


# ----------------------------------------------------------------------------- integration
@pytest.mark.integration
def test_evaluate_real_pipeline_on_dev_questions(tmp_path, corpus_dir, dev_questions_file):
    from agent.evaluate import evaluate

    qs = {q.id: q for q in load_questions(dev_questions_file)}
    picked = [qs["d04"], qs["d13"], qs["d22"]]  # a fact, a date, an unanswerable one
    report = evaluate(picked, corpus=corpus_dir, cache_dir=tmp_path / "cache", ks=[1, 5], progress=False,
                      settings=Settings(index=tmp_path / "unused"))
    run = report.runs[0]
    assert [r.id for r in run.results] == ["d04", "d13", "d22"]
    assert all(not r.error for r in run.results)
    # Whatever the pipeline answers, the evaluator must be able to read every cited document.
    assert all(c.reason != "document not found on disk or in the corpus folder" for r in run.results for c in r.citations)
    assert run.summary.recall_at_k[5] is not None
    paths = write_outputs(report, tmp_path / "out")
    assert paths["report"].exists()


# ----------------------------------------------------------------------------- direct answer, consistency
def test_direct_part_stops_at_the_evidence_block():
    from agent.evaluate import direct_part

    lead = "Intel and Nvidia [1]\n\nEvidence:\n[1] “Suppliers include Intel, Nvidia and Ambarella.” — Reuters"
    assert direct_part(lead) == "Intel and Nvidia [1]\n\n"
    # An answer that leads with its best quote: that quote is the direct answer; later quotes are not.
    quoted = "“Ambarella supplies it.” — Reuters [1]\n\nEvidence:\n[2] “Intel too.” — same source as [1]"
    assert "Ambarella" in direct_part(quoted) and "Intel" not in direct_part(quoted)
    # Numbered quote lines without an "Evidence:" header also end the direct part.
    assert direct_part("Intel [1]\n[1] “Nvidia.”") == "Intel [1]\n"
    assert direct_part("An LLM answer naming Nvidia [1].") == "An LLM answer naming Nvidia [1]."


def test_direct_answer_right_needs_every_fact_before_the_quotes(corpus, docs):
    c = [cite(corpus, "reuters-blacklist", "Intel, Nvidia\nand Ambarella")]
    lead_all = score_answer(Q_LIST, Answer(text="Intel, Nvidia and Ambarella [1]\n\nEvidence:\n[1] “x”",
                                           abstained=False, citations=c), docs)
    lead_part = score_answer(Q_LIST, Answer(text="Intel [1]\n\nEvidence:\n[1] “Intel, Nvidia and Ambarella”",
                                            abstained=False, citations=c), docs)
    assert lead_all.correct and lead_all.direct_correct
    assert lead_part.correct and lead_part.direct_correct is False
    s = summarise([lead_all, lead_part])
    assert s.correct_rate == 1.0 and s.direct_rate == 0.5


def test_paraphrase_consistency_compares_outcomes_with_the_original(corpus, docs):
    from agent.evaluate import consistency

    right = Answer(text="Intel, Nvidia and Ambarella", abstained=False)
    orig = score_answer(Q_LIST, right, docs)
    p_same = score_answer(Question("q1-p1", "Who supplies them?", True, Q_LIST.must_include, kind="list", of="q1"),
                          right, docs)
    p_abst = score_answer(Question("q1-p2", "Their suppliers?", True, Q_LIST.must_include, kind="list", of="q1"),
                          Answer(text="The sources don't say.", abstained=True), docs)
    p_orphan = score_answer(Question("zz-p1", "?", False, of="zz"), right, docs)
    assert consistency([p_same, p_abst, p_orphan], [orig]) == (0.5, 2)
    assert consistency([orig, p_same]) == (1.0, 1)  # the original in the same set
    assert consistency([orig]) == (None, 0)
    assert summarise([p_same, p_abst], originals=[orig]).consistency == 0.5


def test_run_config_asks_referenced_originals_only_for_consistency(tmp_path, corpus, docs):
    ask, retrieve, _ = fake_pipeline(corpus)
    para = [Question("q1-p1", "Which suppliers are hit?", True, Q_LIST.must_include, ["reuters-blacklist"], "list",
                     of="q1"),
            Question("q9-p1", "Which trade deal was signed?", False, of="q9")]
    originals = [Q_LIST, Q_UNANSWERABLE, Question("q7", "Unreferenced?", False)]
    run = run_config(para, parse_configs([], Settings(index=tmp_path / "i"))[0], docs, ks=[1], ask_fn=ask,
                     retrieve_fn=retrieve, progress=False, originals=originals)
    assert [r.id for r in run.results] == ["q1-p1", "q9-p1"] and [r.id for r in run.originals] == ["q1", "q9"]
    assert run.summary.n_questions == 2 and run.summary.consistency == 1.0 and run.summary.n_paraphrase_pairs == 2


def test_load_question_files_joins_sets_and_rejects_duplicate_ids(tmp_path):
    from agent.evaluate import load_question_files

    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"id": "x", "question": "Q?", "answerable": false}\n', encoding="utf-8")
    b.write_text('{"id": "x-p1", "question": "Q again?", "answerable": false, "of": "x"}\n', encoding="utf-8")
    qs = load_question_files([a, b])
    assert [(q.id, q.of) for q in qs] == [("x", ""), ("x-p1", "x")]
    with pytest.raises(ValueError, match="also in"):
        load_question_files([a, a])


def test_cli_accepts_several_sets_and_originals(tmp_path, corpus, monkeypatch):
    import agent.api
    from agent.cli import main

    ask, retrieve, _ = fake_pipeline(corpus)
    monkeypatch.setattr(agent.api, "ask", ask)
    monkeypatch.setattr(agent.api, "retrieve", retrieve)
    orig, para = tmp_path / "o.jsonl", tmp_path / "p.jsonl"
    orig.write_text(json.dumps({"id": "q1", "question": "Which suppliers are affected?", "answerable": True,
                                "must_include": [["Intel"]]}) + "\n", encoding="utf-8")
    para.write_text(json.dumps({"id": "q1-p1", "question": "Name the firms that supply it.", "answerable": True,
                                "must_include": [["Intel"]], "of": "q1"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    common = ["-q", "eval", "--index", str(tmp_path / "idx"), "--out", str(out), "--no-charts"]
    # The paraphrase abstains (fake pipeline) while the original is right: consistency 0.
    assert main(common + [str(para), "--originals", str(orig), "--min-consistency", "0.5"]) == 1
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))["configs"][0]["summary"]
    assert summary["consistency"] == 0.0 and summary["n_questions"] == 1
    assert main(common + [str(orig), str(para)]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))["configs"][0]["summary"]
    assert summary["n_questions"] == 2 and summary["consistency"] == 0.0 and summary["direct_rate"] == 0.5


# --------------------------------------------------------------- a cached index another eval is writing
def test_an_eval_waits_for_the_other_writer_of_its_cached_index():
    """Two evals over one corpus share its cached index: the second waits while the first holds the
    write lock (its own ingest then has nothing to do) instead of failing; past the wait it fails with
    the lock's own error."""
    from agent.evaluate import _ingest_when_free
    from ingest.store import IndexBusy

    calls = []

    def busy_twice():
        calls.append(1)
        if len(calls) <= 2:
            raise IndexBusy("index x is being written by another process; try again when it ends")
        return "ingested"

    assert _ingest_when_free(busy_twice, "x", wait_s=5, poll_s=0.01) == "ingested"
    assert len(calls) == 3

    def always_busy():
        raise IndexBusy("index x is being written by another process; try again when it ends")

    with pytest.raises(IndexBusy, match="another process"):
        _ingest_when_free(always_busy, "x", wait_s=0.05, poll_s=0.01)
