"""Pages saved the way agencies and newswires publish them (``tests/fixtures/html_published``:
commerce.gov press release, federalregister.gov document page, state.gov press statement,
PR Newswire release), with cookie banners, menus, breadcrumbs, share bars, "Related
Content"/"Published Documents"/"Related Articles"/"Also from this source" lists, promotion
boxes and footers with addresses. The body is the article; each page's boilerplate holds a
distractor (another figure or date for the same question) that must not be stored nor answered."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.formats.html import load_html_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "html_published"
# page -> (sentences of the article, boilerplate that must be gone (distractors first))
EXPECTED = {
    "commerce-press-release.html": (
        ["WASHINGTON – Today, the Department of Commerce’s Bureau of Industry and Security (BIS) added 19 entities "
         "to the Entity List for supplying unmanned aerial vehicle components to end users in Russia and Iran.",
         "The rule takes effect on March 4, 2025, the date of its display at the Federal Register."],
        ["33 entities", "September 6, 2024", "We use cookies", "Share this page", "1401 Constitution Ave",
         "Press Releases", "Sign up for email updates", "Here’s how you know"]),
    "federalregister-document.html": (
        ["This rule is effective March 4, 2025.",
         "The End-User Review Committee (ERC) determined to add the 12 entities described in this rule to the Entity "
         "List under the destinations of China (8) and the United Arab Emirates (4)."],
        ["January 16, 2025", "25 entities", "This site uses cookies", "7 G Street NW", "Public Inspection",
         "Shorter Document URL", "Agency:\n"]),
    "state-press-statement.html": (
        ["The United States is today sanctioning four individuals and three entities based in Hong Kong and the "
         "People’s Republic of China for their role in procuring components for unmanned aerial vehicles produced in "
         "Iran."],
        ["12 individuals", "This website uses cookies", "2201 C Street NW", "Related Articles", "Copy link",
         "Skip to content", "\nIran\n"]),
    "newswire-release.html": (
        ["AUSTIN, Texas, Feb. 12, 2025 /PRNewswire/ -- Example Components Corp. (NYSE: EXCO) today reported revenue "
         "of $4.2 billion for fiscal 2025, up 8 percent from the prior year."],
        ["$3.9 Billion", "440k+", "Journalists Opted In", "Accept All Cookies", "130 East Randolph", "SHARE THIS",
         "\nX\n", "More news releases"]),
}
QUESTIONS = [  # (question, page, the direct answer)
    ("How many entities did Commerce add to the Entity List for supplying drone components?",
     "commerce-press-release.html", "19 entities"),  # a count with the noun it counts
    ("When is the rule adding 12 entities to the Entity List effective?", "federalregister-document.html",
     "March 4, 2025"),
    ("How many individuals is the United States sanctioning for procuring drone components?",
     "state-press-statement.html", "four individuals"),
    ("What revenue did Example Components Corp. report for fiscal 2025?", "newswire-release.html", "$4.2 billion"),
]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_published_page_reads_as_its_article(name: str):
    doc = load_html_text((PAGES / name).read_text(encoding="utf-8"), name)
    article, junk = EXPECTED[name]
    paras = doc.body.split("\n\n")
    for sentence in article:
        assert sentence in paras, (name, sentence)
    body = f"\n{doc.body}\n"
    for text in junk:
        assert text not in body, (name, text)


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    from ingest import IndexOptions, IndexStore, ingest_paths

    root = tmp_path_factory.mktemp("published")
    store = IndexStore(IndexOptions(path=root / "idx"))
    assert ingest_paths(sorted(PAGES.glob("*.html")), store, progress=False).ingested == len(EXPECTED)
    store.close()
    return root / "idx"


@pytest.mark.parametrize("question, page, answer", QUESTIONS)
def test_question_is_answered_from_the_article_not_the_boilerplate(index: Path, question: str, page: str,
                                                                    answer: str):
    from agent import ask

    a = ask(question, index=index)
    assert not a.abstained
    assert a.text.split(" [1]")[0] == answer, a.text
    assert a.citations[0].source.endswith(page)
