"""'Is X listed?' questions: party mentions, the composed answer, and ask() end to end."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ingest.screening_lists import CSL_COLUMNS

ROOT = Path(__file__).resolve().parents[3]
EL = "Entity List (EL) - Bureau of Industry and Security"


def test_party_mentions_split_lists_and_drop_question_words():
    from agent.screening.answer import party_mentions

    names = [n for n, _ in party_mentions("Are Hikvision, Dahua and iFlytek on any US screening list?")]
    assert {"Hikvision", "Dahua", "iFlytek"} <= set(names)
    assert "Are Hikvision" not in names and "Flytek" not in names


def test_a_comma_inside_a_legal_form_separates_no_names():
    """"Co., Ltd." is one legal form: no party "Ltd" (which matched another company's record) and
    no "... Co" beside the whole name."""
    from agent.screening.answer import party_mentions

    names = [n for n, _ in party_mentions("Is Beijing Shangtang Technology Development Co., Ltd. on a US list?")]
    assert names == ["Beijing Shangtang Technology Development Co., Ltd"]
    names = [n for n, _ in party_mentions("Is Huawei or Huawei Technologies Co., Ltd. listed?")]
    assert names == ["Huawei", "Huawei Technologies Co., Ltd"]


def test_a_name_with_a_legal_form_is_a_party_even_when_spacy_misses_it():
    """spaCy does not tag "Acme Widgets Ltd" as an organisation; its legal form does. A
    capitalised run with the form in the middle ("Rosneft PJSC an SDN") is not one."""
    from agent.screening.answer import has_legal_form, party_mentions

    assert ("Acme Widgets Ltd", True) in party_mentions("Is Acme Widgets Ltd on a US restricted list?")
    assert has_legal_form("OOO Vektor") and has_legal_form("Siemens AG")
    assert not has_legal_form("Ltd") and not has_legal_form("Rosneft PJSC an SDN") and not has_legal_form("Entity List")


def _csl(tmp_path: Path) -> Path:
    rows = [{"_id": "a1", "source": EL, "name": "Dahua Technology", "addresses": "Hangzhou, CN",
             "federal_register_notice": "84 FR 54002", "start_date": "2019-10-09",
             "license_policy": "Presumption of denial"},
            {"_id": "a2", "source": EL, "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
             "alt_names": "Hikvision", "start_date": "2019-10-09", "federal_register_notice": "84 FR 54002"}]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSL_COLUMNS)
    w.writeheader()
    w.writerows(rows)
    p = tmp_path / "csl.csv"
    p.write_text(buf.getvalue())
    return p


@pytest.fixture()
def screening_index(tmp_path, forbid_model):
    from agent.config import Settings
    from ingest.screening_lists import ingest_screening_list
    from ingest.store import IndexOptions, IndexStore

    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    ingest_screening_list(_csl(tmp_path), store)
    return store, Settings(index=tmp_path / "idx")


def test_forced_answer_cites_record_fields_and_says_not_found(screening_index):
    from agent.citations import verify
    from agent.screening.answer import answer_listing

    store, s = screening_index
    ans = answer_listing("Are Dahua Technology and Siemens Healthineers on the Entity List?", store, s, force=True)
    assert ans is not None and not ans.abstained
    assert "Dahua Technology: listed as Dahua Technology" in ans.text and "since 2019-10-09" in ans.text
    assert "Siemens Healthineers: not found on the lists in the index (snapshot csl.csv" in ans.text
    quotes = {c.quote for c in ans.citations}
    assert {"Dahua Technology", EL, "2019-10-09", "84 FR 54002", "Presumption of denial"} <= quotes
    assert all(verify(c, store) for c in ans.citations)


def test_unlisted_company_that_spacy_does_not_tag_is_not_found_not_retrieval(screening_index):
    """A listing question about an unlisted firm spaCy misses ("Acme Widgets Ltd") is
    answered "not found on the lists", not handed to retrieval (which answered it with
    an unrelated licence clause)."""
    from agent.screening.answer import answer_listing

    store, s = screening_index
    ans = answer_listing("Is Acme Widgets Ltd on a US restricted list?", store, s, force=True)
    assert ans is not None and not ans.abstained and ans.backend == "screening"
    assert ans.text.startswith("Acme Widgets Ltd: not found on the lists in the index (snapshot csl.csv")


def test_screen_api_and_cli(screening_index, capsys, tmp_path):
    from agent import screen
    from agent.cli import main

    store, s = screening_index
    hits = screen("HIKVISION", index=s.index)
    assert [h.record_id for h in hits] == ["a2"] and hits[0].matched_name == "Hikvision"
    assert screen("Siemens AG", index=s.index) == []
    with pytest.raises(ValueError):
        screen("  ", index=s.index)

    assert main(["screen", "Dahua Technology Co Ltd", "--json", "--index", str(s.index)]) == 0
    out = json.loads(capsys.readouterr().out)
    hit = out["Dahua Technology Co Ltd"][0]
    assert hit["record_id"] == "a1" and hit["start_date"] == "2019-10-09" and hit["citation"]["quote"] == "Dahua Technology"

    parties = tmp_path / "parties.csv"
    parties.write_text("name,country\nDahua Technology,CN\nSiemens AG,DE\n,\n")
    table = tmp_path / "out.csv"
    assert main(["-q", "screen", "--csv", str(parties), "--out", str(table), "--index", str(s.index)]) == 0
    rows = list(csv.DictReader(table.open()))
    assert [(r["query"], r["record_id"]) for r in rows] == [("Dahua Technology", "a1"), ("Siemens AG", "")]


def test_screen_without_a_list_says_how_to_ingest(tmp_path, capsys):
    from agent.cli import main

    assert main(["screen", "Dahua", "--index", str(tmp_path / "empty")]) == 2
    assert "no screening list" in capsys.readouterr().err


@pytest.mark.integration
def test_ask_answers_listing_questions_and_leaves_others_alone(tmp_path):
    """Needs the embedding model (the intent check)."""
    from agent import ask
    from agent.config import Settings
    from ingest import ingest_paths
    from ingest.store import IndexOptions, IndexStore

    store = IndexStore(IndexOptions(path=tmp_path / "idx"))
    ingest_paths([ROOT / "data" / "sample" / "csl-consolidated-2022-05.csv.gz",
                  ROOT / "data" / "sample" / "reuters-2019-10-08-us-widens-blacklist-china-ai.txt"], store, progress=False)
    s = Settings(index=tmp_path / "idx")
    ans = ask("Is Dahua Technology on a US restricted list, and since when?", settings=s)
    assert ans.backend == "screening" and not ans.abstained
    assert "2019-10-09" in ans.text and any(c.quote == "Dahua Technology" for c in ans.citations)
    none = ask("Is Siemens Healthineers on the Entity List?", settings=s)
    assert none.backend == "screening" and "not found on the lists in the index" in none.text and not none.abstained
    other = ask("Which suppliers are affected by the US blacklisting of Hikvision and Dahua?", settings=s)
    assert other.backend != "screening"


def test_name_index_loaded_only_for_listing_questions(screening_index, monkeypatch):
    """Intent first: a question that is not a listing check never builds the name index
    (~1.4 s in a fresh process for the 14k-record CSL); a listing question does."""
    import agent.screening.answer as answer
    import agent.screening.index as index

    store, s = screening_index
    loads = []
    real = index.load_index
    monkeypatch.setattr(index, "load_index", lambda catalog: loads.append(catalog) or real(catalog))
    monkeypatch.setattr(answer, "intent_probability", lambda q, st: 0.0)  # not a listing question
    assert answer.answer_listing("When did the Section 889 interim rule take effect?", store, s) is None
    assert loads == []
    monkeypatch.setattr(answer, "intent_probability", lambda q, st: 1.0)  # a listing question
    ans = answer.answer_listing("Is Dahua Technology on the Entity List?", store, s)
    assert ans is not None and "Dahua Technology: listed as Dahua Technology" in ans.text
    assert len(loads) == 1


def test_no_screening_list_means_no_intent_check(tmp_path, monkeypatch, forbid_model):
    """An index without a screening list answers None before the intent model runs."""
    import agent.screening.answer as answer
    from agent.config import Settings
    from agent.screening import has_screening_list
    from ingest.store import IndexOptions, IndexStore

    store = IndexStore(IndexOptions(path=tmp_path / "plain"))
    s = Settings(index=tmp_path / "plain")
    store.stats()  # creates the catalog
    assert not has_screening_list(settings=s)
    monkeypatch.setattr(answer, "intent_probability", lambda q, st: pytest.fail("intent checked"))
    assert answer.answer_listing("Is Dahua Technology on the Entity List?", store, s) is None


def test_records_count_their_script_like_any_document(screening_index):
    """An index holding only a screening list has Latin text: a Latin-script question is
    not turned away with "the index holds no text in that script"."""
    from agent.api import script_abstention

    store, _ = screening_index
    assert store.script_counts().get("Latin", 0) > 0
    assert script_abstention("Is Dahua Technology on the Entity List?", store) is None


@pytest.mark.integration
def test_ask_over_an_index_holding_only_a_screening_list(tmp_path):
    """Needs the embedding model (the intent check). The README's screening section
    ingests the CSL alone, then asks."""
    from agent import ask
    from agent.config import Settings
    from ingest import ingest_paths
    from ingest.store import IndexOptions, IndexStore

    ingest_paths([_csl(tmp_path)], IndexStore(IndexOptions(path=tmp_path / "only")), progress=False)
    s = Settings(index=tmp_path / "only")
    ans = ask("Is Dahua Technology on a US restricted list, and since when?", settings=s)
    assert ans.backend == "screening" and not ans.abstained and "since 2019-10-09" in ans.text
    none = ask("Is Acme Widgets Ltd on a US restricted list?", settings=s)
    assert none.backend == "screening" and "Acme Widgets Ltd: not found on the lists in the index" in none.text


def test_aliases_joined_by_and_are_separate_names():
    from ingest.screening_lists import split_alt_names

    assert split_alt_names("Beijing Shangtang Technology Development Co., Ltd., and Sense Time") == [
        "Beijing Shangtang Technology Development Co., Ltd.", "Sense Time"]
    assert split_alt_names("Akesu Huafu; and Aksu Huafu Dyed Melange Yarn") == ["Akesu Huafu", "Aksu Huafu Dyed Melange Yarn"]
    assert split_alt_names("Smith and Sons Ltd") == ["Smith and Sons Ltd"]  # "and" inside a name stays


def test_a_hit_shown_at_the_threshold_is_kept(monkeypatch):
    """A hit shown as 82.5 (one decimal) is kept at --min-score 82.5: the score compared is the
    score shown."""
    from agent import screening
    from agent.screening.matching import Alignment

    class Rec:
        record_id, name, countries, list_code, type, country = "r1", "SENSETIME GROUP LIMITED", [], "CMIC", "", ""

    class Idx:
        records = [Rec()]

        def match(self, name):
            return [(0, type("E", (), {"text": "SENSETIME GROUP LIMITED"})(), Alignment(82.4812, 0.7, 1.0, False))]

    monkeypatch.setattr(screening, "_wanted_list", lambda rec, lists: True)
    monkeypatch.setattr(screening, "hit_from", lambda rec, matched, score: round(score, 1))
    assert screening.screen_index(Idx(), "Sense Time", min_score=82.5) == [82.5]
    assert screening.screen_index(Idx(), "Sense Time", min_score=82.6) == []
