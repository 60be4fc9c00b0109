"""Name normalisation, token alignment scores and the name index (small synthetic lists)."""
from __future__ import annotations

import pytest

from agent.screening import screen_index
from agent.screening.index import ListedRecord, NameIndex, name_forms
from agent.screening.matching import align, token_similarity
from agent.screening.normalise import fold, name_tokens, normalise_name


@pytest.mark.parametrize("raw, expected", [
    ("Hangzhou Hikvision Digital Technology Co., Ltd.", "hangzhou hikvision digital technology"),
    ("ООО Роснефть", "rosneft"),
    ("Rosneft PJSC", "rosneft"),
    ("Acme LLC", "acme"),
    ("Société Générale S.A.", "societe generale"),
    ("O'Neil", "oneil"),
])
def test_normalise_drops_legal_forms_accents_and_script(raw, expected):
    assert normalise_name(raw) == expected


def test_a_name_that_is_only_a_legal_form_keeps_its_words():
    assert normalise_name("Limited") != "" and fold("Limited") == "limited"


def test_token_similarity_rules():
    assert token_similarity("hikvision", "hikvisoin") >= 0.85  # a transposition is one edit
    assert token_similarity("zte", "zta") == 0.0  # short tokens must be equal
    assert token_similarity("2004", "2005") == 0.0  # numbers must be equal
    assert token_similarity("dahua", "huawei") == 0.0


def _w(_t: str) -> float:
    return 1.0


def test_alignment_scores_order_and_extra_words():
    assert align(("smith", "john"), ("john", "smith"), _w).score == 100.0
    inside = align(tuple("payment to dahua technology for invoice".split()), ("dahua", "technology"), _w)
    # 4 of 6 (equal-weight) words are outside the name: 15 % x 4/6 off, still above the threshold.
    assert inside.embedded and inside.score == pytest.approx(90.0)
    whole = align(("dahua", "technology", "romania"), ("dahua", "technology", "romnia"), _w)
    part = align(("dahua", "technology", "romania"), ("dahua", "technology"), _w)
    assert whole.score > part.score > 82.5
    # A one-word listed name is never found inside a longer name.
    assert align(("semnan", "trading", "house"), ("semnan",), _w).score < 70
    # Replacing the distinctive word is a different party.
    assert align(("dahua", "textiles"), ("dahua", "technology"), _w).score <= 50
    # Merged / split words.
    assert align(("hik", "vision"), ("hikvision",), _w).score == 100.0


def test_bracketed_aliases_are_forms_of_the_name():
    assert name_forms("Huawei Technologies Co., Ltd. (Huawei)") == [
        "Huawei Technologies Co., Ltd. (Huawei)", "Huawei Technologies Co., Ltd", "Huawei"]
    assert name_forms("Far East Trading Company, Inc. (a.k.a. FETCO, Inc.)")[-1] == "FETCO, Inc."


def _rec(key, name, alts=(), countries=(), lst="Entity List (EL) - Bureau of Industry and Security"):
    from ingest.screening_lists import render

    fields = {"_id": key, "name": name, "source": lst, "alt_names": "; ".join(alts), "start_date": "2019-10-09",
              "federal_register_notice": "84 FR 54002", "license_policy": "Presumption of denial"}
    fields = {k: v for k, v in fields.items() if v}
    _body, spans = render(fields)
    return ListedRecord(key=f"{key}@EL", record_id=key, doc_id=f"d{key}", source=f"csl#{key}@EL", list=lst, type="",
                        name=name, alt_names=list(alts), countries=list(countries), start_date="2019-10-09",
                        fr_notice="84 FR 54002", license_requirement="", license_policy="Presumption of denial",
                        programs="", fields=fields, spans=spans)


@pytest.fixture(scope="module")
def idx() -> NameIndex:
    # Fillers make "technology", "trading" and "co" common words, as they are on the real lists.
    recs = [
        _rec("1", "Dahua Technology", countries=["CN"]),
        _rec("2", "Hangzhou Hikvision Digital Technology Co., Ltd.", alts=["Hikvision"], countries=["CN"]),
        _rec("3", "ZTE Kangxun Telecom Co. Ltd.", alts=["ZTE"], countries=["CN"]),
        _rec("4", "SMITH, John", countries=["GB"], lst="Specially Designated Nationals (SDN) - Treasury Department"),
        _rec("5", "MTI", countries=["IR"]),
        _rec("6", "Beijing Technology Company", countries=["CN"]),
    ] + [_rec(str(100 + i), f"Filler Technology Trading {w} Co.") for i, w in enumerate(
        ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"])]
    return NameIndex(recs, snapshot="test.csv")


@pytest.mark.parametrize("query, rid", [
    ("Dahua Technology Co., Ltd.", "1"),
    ("Hikvisoin Digital Technology Hangzhou", "2"),
    ("John Smith", "4"),
    ("Payment to ZTE Kangxun Telecom for invoice 7", "3"),
    ("HIKVISION", "2"),
])
def test_variants_find_their_record(idx, query, rid):
    hits = screen_index(idx, query, min_score=83)
    assert hits and hits[0].record_id == rid
    c = hits[0].citation
    assert c is not None and c.quote == hits[0].matched_name
    rec = idx.records[[r.record_id for r in idx.records].index(rid)]
    from ingest.screening_lists import render

    assert render(rec.fields)[0][c.start:c.end] == c.quote  # offsets point into the rendered body


@pytest.mark.parametrize("query", ["Smith Electronics International", "Amtim Trading", "ZTEK Corporation",
                                   "Samsung Electronics", "Dahua Textiles"])
def test_unrelated_names_and_acronyms_inside_words_do_not_match(idx, query):
    assert screen_index(idx, query, min_score=83) == []


def test_country_and_list_filters(idx):
    assert screen_index(idx, "John Smith", country="GB", min_score=83)[0].record_id == "4"
    assert screen_index(idx, "John Smith", country="CN", min_score=83) == []
    assert screen_index(idx, "John Smith", lists=["EL"], min_score=83) == []
    assert screen_index(idx, "John Smith", lists=["sdn"], min_score=83)[0].list_code == "SDN"


def test_candidates_are_blocked_not_scanned(idx):
    # Only names sharing a (similar) word with the query are scored.
    cands = idx.candidates(name_tokens("Dahua Technology"))
    assert 0 in [idx.entries[c].record for c in cands]
    assert len(cands) < len(idx.entries)
    assert idx.candidates(name_tokens("Qwertyuiop")) == []
