"""Agency pages with boilerplate around the article (issue 9): the page's text is the
article - headline, paragraphs, table - without the banner, menus, breadcrumbs, share
bar, "related" list, sign-up box and footer, whether the markup marks them (USWDS
``<header>``/``<nav>``/``<footer>``) or not (``<div id="footer">``, a share bar inside
``<main>``). Pages built after the layouts of USTR/BIS (USWDS), White House (WordPress)
and older agency templates; trafilatura decides what is boilerplate, block by block."""
from __future__ import annotations

import pytest

from ingest.formats import html as html_format
from ingest.formats.html import load_html_text

ART = ["WASHINGTON – The Office of the United States Trade Representative today announced the increase of tariffs "
       "on steel and aluminum products to 25 percent.",
       "The increase takes effect on September 27, 2024, following the four-year review of the Section 301 actions.",
       "Comments on the proposed exclusions are due by June 28, 2024."]
ROWS = ["Product: Steel | Rate: 25%", "Product: Aluminum | Rate: 10%"]
BOILERPLATE = ["Skip to main content", "About Us", "Privacy Policy", "Sign up for email updates", "Share this page",
               "Related Press Releases", "Home / Press / Releases"]
TABLE = ("<table><tr><th>Product</th><th>Rate</th></tr><tr><td>Steel</td><td>25%</td></tr><tr><td>Aluminum</td>"
         "<td>10%</td></tr></table>")
PAGES = {
    "older-template": f"""<html><head><title>USTR Announces Action</title></head><body><div id="skip"><a href="#c">Skip
        to main content</a></div><div id="header"><div class="banner">An official website of the United States
        government</div><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About Us</a></li></ul>
        </div><div class="breadcrumb">Home / Press / Releases</div><div id="content" class="content"><h1>USTR
        Announces Action</h1><p>{ART[0]}</p><p>{ART[1]}</p>{TABLE}<p>{ART[2]}</p><div class="share">Share this page:
        <a>Twitter</a> <a>Facebook</a></div></div><div id="sidebar"><h3>Related Press Releases</h3><ul><li><a>USTR
        releases annual report on trade agreements program</a></li><li><a>USTR statement on the anniversary of the
        agreement</a></li></ul></div><div id="footer"><p><a>Privacy Policy</a> | <a>Contact Us</a> | <a>FOIA</a></p>
        <form><label>Sign up for email updates</label><input></form></div></body></html>""",
    "uswds": f"""<html><head><title>Press release | BIS</title></head><body><a class="usa-skipnav"
        href="#main-content">Skip to main content</a><section class="usa-banner"><div>An official website of the
        United States government</div></section><header class="usa-header"><nav aria-label="Primary navigation"><ul>
        <li>About Us</li><li>Licensing</li></ul></nav></header><main id="main-content"><div class="grid-row"><div
        class="grid-col-8"><h1>Commerce Adds Entities</h1><p>{ART[0]}</p><p>{ART[1]}</p>{TABLE}<p>{ART[2]}</p><div
        class="social">Share this page</div></div><aside class="grid-col-4"><h2>Related Press Releases</h2><ul><li>
        <a>Commerce tightens export controls on advanced computing items</a></li></ul></aside></div></main><footer
        class="usa-footer"><a>Privacy Policy</a><div>Sign up for email updates</div></footer></body></html>""",
    "wordpress": f"""<html><head><title>FACT SHEET | The White House</title></head><body><div class="skip-link"><a>
        Skip to main content</a></div><div class="wp-site-blocks"><div class="site-header"><div class="menu">About Us
        | Briefing Room</div></div><main id="content"><article><h1>FACT SHEET: President Acts</h1><div
        class="entry-content"><p>{ART[0]}</p><p>{ART[1]}</p>{TABLE}<p>{ART[2]}</p></div><div class="share-links">
        Share this page</div></article><section class="related"><h2>Related Press Releases</h2><p><a>Statement from
        the President on the trade agreement anniversary</a></p></section><div class="newsletter">Sign up for email
        updates</div></main><div class="site-footer"><a>Privacy Policy</a></div></div></body></html>""",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_agency_page_reads_as_its_article(name: str):
    body = load_html_text(PAGES[name], f"{name}.html").body
    paras = body.split("\n\n")
    for text in ART + ROWS:
        assert text in paras, (name, text)
    assert paras.index(ART[1]) < paras.index(ROWS[0]) < paras.index(ART[2])
    for junk in BOILERPLATE:
        assert junk.casefold() not in body.casefold(), (name, junk)


def test_without_trafilatura_the_markup_rules_still_read_the_article(monkeypatch):
    monkeypatch.setattr(html_format, "_MAIN_TEXT_FAILED", True)
    body = load_html_text(PAGES["uswds"], "uswds.html").body
    assert all(text in body.split("\n\n") for text in ART + ROWS)
    assert "Privacy Policy" not in body and "About Us" not in body  # <header>/<footer>/<nav> by the rules


def test_a_page_trafilatura_misreads_keeps_all_its_text(monkeypatch):
    # trafilatura finds almost nothing of this page: its judgement is not used.
    monkeypatch.setattr(html_format, "main_text", lambda html: "seethenotes.")
    body = load_html_text(PAGES["uswds"], "uswds.html").body
    assert all(text in body.split("\n\n") for text in ART + ROWS)
