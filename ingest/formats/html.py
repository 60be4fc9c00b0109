"""HTML: the page's main text with paragraph breaks, tables as rows of `` | ``-separated cells."""
from __future__ import annotations

import re

from ..records import Document
from .common import first_line, infer_doc_type, normalise_date

_HTML_DROP = ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "iframe", "button",
              "template"]
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "section", "article",
               "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "main", "caption", "figcaption", "hr"}
CELL_SEPARATOR = " | "
_WS = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def _cell_text(cell) -> str:
    return _WS.sub(" ", cell.get_text(" ")).strip()


def _flatten_tables(root, soup) -> None:
    """Replace every table by its rows: one line per row, cells joined by :data:`CELL_SEPARATOR`.

    Innermost tables first, so a nested table becomes text inside its cell. When
    the table has a header row (``th`` cells, or a ``thead`` row), each cell of the
    rows below carries its column header ("Product: Steel pipe | Duty rate: 25%"),
    so every row reads on its own - a reader of one quoted row (and the answerer,
    which scores rows as sentences) sees what each value is.
    """
    for table in reversed(root.find_all("table")):
        lines = []
        caption = table.find("caption")
        if caption is not None:
            text = _cell_text(caption)
            if text:
                lines.append(text)
            caption.decompose()
        rows = []
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue
            cells = tr.find_all(["td", "th"], recursive=False)
            texts = [_cell_text(c) for c in cells]
            if any(texts):
                is_header = all(c.name == "th" for c in cells) or tr.find_parent("thead") is not None
                rows.append((texts, is_header))
        header: list[str] | None = None
        for texts, is_header in rows:
            if is_header and header is None:
                header = texts
                continue
            if header and len(header) == len(texts):
                lines.append(CELL_SEPARATOR.join(f"{h}: {t}" if h and t else t for h, t in zip(header, texts)))
            else:
                lines.append(CELL_SEPARATOR.join(texts))
        if header and len(rows) == 1:  # a header and nothing under it
            lines.append(CELL_SEPARATOR.join(header))
        replacement = soup.new_tag("div")
        replacement.string = "\n" + "\n".join(lines) + "\n"
        table.replace_with(replacement)


def load_html_text(html: str, source: str) -> Document:
    """HTML: drop scripts, styles and navigation; keep the title and the main text.

    The body is the text of ``<main>`` (else ``<article>``, else ``<body>``), one
    paragraph per block element, tables flattened by :func:`_flatten_tables`.
    ``og:site_name``/``publisher`` fill the publisher, ``article:published_time``/``date``
    the date, ``og:url`` the url.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""

    def meta(*names: str) -> str:
        for name in names:
            tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if tag and tag.get("content"):
                return str(tag["content"]).strip()
        return ""

    publisher = meta("og:site_name", "publisher", "dc.publisher", "DC.publisher", "author")
    date = normalise_date(meta("article:published_time", "date", "dc.date", "DC.date", "pubdate",
                               "citation_publication_date", "article:modified_time"))
    if not date:
        time_tag = soup.find("time", attrs={"datetime": True})
        date = normalise_date(str(time_tag["datetime"])) if time_tag else ""
    url = meta("og:url")
    for tag in soup(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": ["navigation", "banner", "contentinfo"]}):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    _flatten_tables(root, soup)
    # Put line breaks around block elements so paragraphs survive get_text.
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    raw_text = root.get_text("")
    paras = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in raw_text.split("\n")]
    body = "\n\n".join(p for p in paras if p)
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else first_line(body)
    return Document(source=source, body=body, title=title, publisher=publisher, date=date, url=url,
                    doc_type=infer_doc_type(title, publisher, "html"))
