"""The Screening tab's rendering: record card with the cited fields highlighted."""
from __future__ import annotations

from agent.screening import ScreeningHit
from agent.types import Citation


def _hit(body: str) -> ScreeningHit:
    def cite(text):
        i = body.index(text)
        return Citation(source="csl#1@EL", title="t", quote=text, start=i, end=i + len(text), doc_id="d")
    return ScreeningHit(record_id="1", name="Dahua <Technology>", matched_name="Dahua <Technology>", score=100.0,
                        list="Entity List (EL)", list_code="EL", type="", country="CN", start_date="2019-10-09",
                        fr_notice="84 FR 54002", license_requirement="", license_policy="", programs="", doc_id="d",
                        source="csl#1@EL", citation=cite("Dahua <Technology>"),
                        evidence=[cite("Dahua <Technology>"), cite("2019-10-09")])


def test_record_card_marks_cited_fields_and_escapes():
    import ui_screening

    body = "Name: Dahua <Technology>\nList: Entity List (EL)\nStart date: 2019-10-09"
    html = ui_screening.record_card(body, _hit(body))
    assert "<mark>Dahua &lt;Technology&gt;</mark>" in html
    assert "<mark>2019-10-09</mark>" in html
    assert "Entity List (EL)" in html and "<mark>Entity List" not in html


def test_render_hits_says_not_found_with_lists_searched():
    import ui_screening

    html = ui_screening.render_hits("Siemens AG", [], None, "csl-2022-05.csv.gz", ["Entity List (EL)"], 83)
    assert "not found on the lists in the index" in html and "csl-2022-05.csv.gz" in html and "Entity List (EL)" in html
