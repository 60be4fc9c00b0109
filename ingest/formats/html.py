"""HTML: the page's main text with paragraph breaks, tables as rows of `` | ``-separated cells."""
from __future__ import annotations

import codecs
import logging
import re

from ..records import Document
from .common import (PAGE_MARK, first_line, gpo_page_line, infer_doc_type, mark_gpo_pages, normalise_date,
                     take_page_marks)
from .text import decode_bytes

log = logging.getLogger(__name__)

# The WHATWG Encoding Standard (what every browser does) reads these labels as
# their Windows supersets: a page declaring ISO-8859-1 or ASCII is decoded as
# windows-1252, whose 0x80-0x9F bytes are the curly quotes, dashes and euro sign
# that such pages really hold. Keys are Python codec names.
_WHATWG_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
                     "tis-620": "cp874"}

_HTML_DROP = ["script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "iframe", "button",
              "template"]
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
               "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "dl", "main", "caption", "figcaption", "hr",
               "td", "th", "address", "figure", "details", "summary"}
# A <br> is a line break inside its paragraph, not a paragraph break: it is marked with
# U+2028 LINE SEPARATOR while blocks are cut into paragraphs, then written as "\n".
_LINE_BREAK = "\u2028"
_PARAGRAPH_BREAK = "\u2029"  # U+2029 PARAGRAPH SEPARATOR: around every block element
# Elements a table cell of a *layout* table holds and a data cell does not.
_LAYOUT_CONTENT = ["h1", "h2", "h3", "h4", "h5", "h6", "table", "nav", "form", "article", "section", "main"]
CELL_SEPARATOR = " | "
_WS = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def _cell_text(cell) -> str:
    return _WS.sub(" ", cell.get_text(" ")).strip()


def _span(cell, attr: str) -> int:
    """A cell's ``colspan``/``rowspan`` (1 when missing or malformed; 0 and huge values capped)."""
    try:
        return max(1, min(int(str(cell.get(attr, "1")).strip() or 1), 1000))
    except ValueError:
        return 1


def _grid(rows: list[list]) -> list[list[tuple[int, object] | None]]:
    """The table's rows as grid rows: position ``c`` holds ``(cell id, cell)`` of the cell
    covering column ``c`` (a ``colspan`` covers several columns, a ``rowspan`` several
    rows), or None where no cell does. Placement follows the HTML table model: a cell
    goes to the first column of its row not taken by a cell spanning down from above."""
    grid: list[list[tuple[int, object] | None]] = []
    taken: dict[tuple[int, int], tuple[int, object]] = {}
    for r, cells in enumerate(rows):
        row: list[tuple[int, object] | None] = []
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            entry = (id(cell), cell)
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    taken[(r + dr, c + dc)] = entry
            c += _span(cell, "colspan")
        width = max((cc for rr, cc in taken if rr == r), default=-1) + 1
        for cc in range(width):
            row.append(taken.get((r, cc)))
        grid.append(row)
    return grid


def _flatten_tables(root, soup) -> None:
    """Replace every table by its rows: one line per row, cells joined by :data:`CELL_SEPARATOR`.

    Innermost tables first, so a nested table becomes text inside its cell. When
    the table has header rows (``th`` cells only, or ``thead`` rows), each cell of the
    rows below carries its column's header ("Product: Steel pipe | Duty rate: 25%"),
    so every row reads on its own - a reader of one quoted row (and the answerer,
    which scores rows as sentences) sees what each value is. Spanning cells follow the
    HTML table model: a column under a two-row header is labelled by both rows
    ("Additional duty 2025: 50%"), a cell spanning several columns by the header cell
    over all of them ("Additional duty: 10%"), and a cell spanning several rows is
    repeated on each of them.
    """
    for table in reversed(root.find_all("table")):
        if _is_layout_table(table):
            # Columns of a page set side by side: each cell is a block of text of its own.
            log.debug("layout table read as blocks, not rows")
            for cell in table.find_all(["td", "th"]):
                if cell.find_parent("table") is table:
                    cell.name = "div"
            table.name = "div"
            for tag in table.find_all(["tr", "tbody", "thead", "tfoot"]):
                if tag.find_parent("div") is table or tag.parent is table:
                    tag.name = "div"
            continue
        lines = []
        caption = table.find("caption")
        if caption is not None:
            text = _cell_text(caption)
            if text:
                lines.append(text)
            caption.decompose()
        trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        cells = [tr.find_all(["td", "th"], recursive=False) for tr in trs]
        grid = _grid(cells)
        texts = {id(c): _cell_text(c) for row in cells for c in row}
        # Header rows: the leading rows inside <thead> or made of <th> cells only.
        n_head = 0
        for tr, row in zip(trs, cells):
            if row and (tr.find_parent("thead") is not None or all(c.name == "th" for c in row)):
                n_head += 1
            else:
                break
        if n_head == 0 and len(trs) > 1 and _bold_row(cells[0]):
            n_head = 1  # a header row drawn in bold data cells (<td><strong>Rate</strong></td>)
        if n_head == len(trs):  # only header rows: they are the table's content
            n_head = 0
        head = grid[:n_head]

        def label(first: int, last: int) -> str:
            # Header cells covering all the columns [first, last], top row first, once each.
            parts: list[str] = []
            for hrow in head:
                a = hrow[first] if first < len(hrow) else None
                if a is not None and all(last < len(hrow) and hrow[k] is a for k in range(first, last + 1)):
                    t = texts.get(a[0], "")
                    if t and t not in parts:
                        parts.append(t)
            return " ".join(parts)

        for row in grid[n_head:]:
            out: list[str] = []
            c = 0
            while c < len(row):
                entry = row[c]
                last = c
                while last + 1 < len(row) and row[last + 1] is entry:
                    last += 1
                text = texts.get(entry[0], "") if entry else ""
                if text:
                    h = label(c, last) if head else ""
                    out.append(f"{h}: {text}" if h and h != text else text)
                c = last + 1
            if out:
                lines.append(CELL_SEPARATOR.join(out))
        replacement = soup.new_tag("div")
        if _in_data_cell(table):
            # A table inside a cell of a data table is that cell's value: its rows stay in
            # the outer row ("Products: Steel pipe, 7306.30; Aluminum foil, 7607.11 | Duty: 25%"),
            # so the outer row's other cells still read with each of them.
            replacement.name = "span"
            replacement.string = NESTED_ROW_SEPARATOR.join(ln.replace(CELL_SEPARATOR, NESTED_CELL_SEPARATOR)
                                                           for ln in lines)
        else:
            replacement.string = _PARAGRAPH_BREAK + _PARAGRAPH_BREAK.join(lines) + _PARAGRAPH_BREAK
        table.replace_with(replacement)


NESTED_ROW_SEPARATOR = "; "
NESTED_CELL_SEPARATOR = ", "


def _in_data_cell(table) -> bool:
    """True when ``table`` sits in a cell of a table that holds data: one with a header
    (``<th>``, ``<thead>``, or a first row in bold), not one that lays a page out."""
    cell = table.find_parent(["td", "th"])
    outer = cell.find_parent("table") if cell is not None else None
    if outer is None or str(outer.get("role", "")).strip().lower() in ("presentation", "none"):
        return False
    if outer.find("thead") is not None or any(c.name == "th" and c.find_parent("table") is outer
                                               for c in outer.find_all("th")):
        return True
    first = next((tr for tr in outer.find_all("tr") if tr.find_parent("table") is outer), None)
    return first is not None and _bold_row(first.find_all(["td", "th"], recursive=False))


def _bold_row(row: list) -> bool:
    """True when every cell of ``row`` with text holds it all in bold (``<strong>``/``<b>``),
    and at least two do: how many pages draw a header row without ``<th>``."""
    filled = [c for c in row if _cell_text(c)]
    if len(filled) < 2:
        return False
    for c in filled:
        bold = "".join(b.get_text("") for b in c.find_all(["strong", "b"]))
        if _WS.sub("", bold) != _WS.sub("", c.get_text("")):
            return False
    return True


def _is_layout_table(table) -> bool:
    """True for a ``<table>`` used to lay a page out, not to hold data: marked so
    (``role="presentation"``/``"none"``, as WAI-ARIA asks), or without any header cell
    and either a single row with sentences in its cells (blocks of prose set side by
    side) or cells holding what a data
    cell does not (headings, a nested table, navigation, a form, several paragraphs).
    A one-row table of short values stays a table row ("50% | 2024")."""
    if str(table.get("role", "")).strip().lower() in ("presentation", "none"):
        return True
    own = [c for c in table.find_all(["td", "th"]) if c.find_parent("table") is table]
    if not own or any(c.name == "th" for c in own) or table.find("thead") is not None:
        return False
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    if len(rows) == 1 and len(own) > 1 and any(_is_prose(_cell_text(c)) for c in own):
        return True
    return any(c.find(_LAYOUT_CONTENT) is not None or len(c.find_all("p")) >= 2 for c in own)


# Blocks that hold text of their own; boilerplate is pruned block by block (see _prune_boilerplate).
_LEAF_BLOCKS = ["p", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "div", "section", "span", "a", "address",
                "blockquote", "figcaption", "label", "small"]
_BLOCK_INSIDE = ["p", "li", "div", "section", "ul", "ol", "table", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
                 "blockquote", "article", "main", "aside", "header", "footer", "nav", "form"]
_MAIN_TEXT_FAILED = False
# trafilatura's main text must hold at least this share of the text under the page's main
# element (<main>, <article> or <body>) for its judgement to be used: below it, trafilatura
# has misread the page (it happens on short pages) and pruning would lose the text itself.
MAIN_TEXT_MIN_SHARE = 0.5


def main_text(html: str) -> str | None:
    """The page's main text as trafilatura (Apache-2.0) finds it - boilerplate (menus, share
    links, "related" lists, sign-up boxes, footers) left out, tables kept - folded for
    comparison (case folded, white space removed); None when trafilatura is not installed or finds no
    main text."""
    global _MAIN_TEXT_FAILED
    if _MAIN_TEXT_FAILED:
        return None
    try:
        import trafilatura
    except Exception as exc:  # noqa: BLE001 - an optional dependency: the rules alone decide
        _MAIN_TEXT_FAILED = True
        log.info("trafilatura unavailable (%s): HTML main text by the markup rules alone", exc)
        return None
    try:
        text = trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True,
                                   deduplicate=False, output_format="txt")
    except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot read keeps all its text
        log.warning("trafilatura failed on a page (%s); keeping all its text", exc)
        return None
    return _WS.sub("", text).casefold() if text and text.strip() else None


def _prune_boilerplate(root, kept: str) -> int:
    """Remove the blocks of text under ``root`` that trafilatura's main text (``kept``)
    does not hold: boilerplate that the markup does not mark as such (a ``<div
    id="footer">``, a share bar or a "related" list inside ``<main>``). Tables, the ``h1``
    and blocks that hold other blocks are never removed (a table's rows are ours to
    read; a container's text is judged block by block). Returns the blocks removed."""
    removed = _prune_headless_sections(root, kept)
    pos = 0  # blocks come in the order trafilatura writes them: search on from the last one found
    judged: set[int] = set()  # blocks kept: the inline tags inside them are judged with them
    for tag in list(root.find_all(_LEAF_BLOCKS)):
        if tag.decomposed or any(id(p) in judged for p in tag.parents) or tag.find_parent("table") is not None \
                or tag.find(_BLOCK_INSIDE) is not None:
            continue
        # Compared without white space: trafilatura and the markup space inline tags differently.
        text = _WS.sub("", tag.get_text("")).casefold()
        if not text:
            continue
        at = kept.find(text, pos)
        if at < 0:
            at = kept.find(text)  # written out of order (rare): anywhere in the main text
        if at < 0 or _spurious(kept, text, at, pos):
            tag.decompose()
            removed += 1
            continue
        judged.add(id(tag))
        if at >= pos:
            pos = at + len(text)
    return removed


# A short block (folded characters) matched only this far ahead in trafilatura's text is not the same text.
SHORT_BLOCK = 16
FAR_AHEAD = 200
_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]  # not h1: trafilatura takes the page's title out of its text


def _spurious(kept: str, text: str, at: int, pos: int) -> bool:
    """True when a short block's match in ``kept`` (at ``at``; the search went on from
    ``pos``) is a chance one: a letter or two inside a longer word ("X", a share link, in
    "Texas"), or a short label found only far ahead, past main text not yet met ("Email"
    of a share bar in a later "Email: ERC@bis.doc.gov"), or only behind."""
    n = len(text)
    if n <= 3 and 0 < at and at + n < len(kept) and kept[at - 1].isalpha() and kept[at + n].isalpha():
        return True
    # Found behind ``pos``: trafilatura writes its text in page order, so a short block
    # matched only out of order ("Iran", a tag link, in the first sentence) is a chance match.
    return n < SHORT_BLOCK and (at > pos + FAR_AHEAD or at < pos)


def _prune_headless_sections(root, kept: str) -> int:
    """Remove the short lines of a section whose heading trafilatura left out ("Also from
    this source", "WANT YOUR COMPANY'S NEWS FEATURED ...?" over "440k+ Newsrooms", a
    teaser's date): trafilatura drops a promotional box's heading and links but keeps the
    loose lines under them. Sentences (:func:`_is_prose`) and tables in such a section
    stay; a section whose heading trafilatura kept is the article's own."""
    removed = 0
    for heading in list(root.find_all(_HEADINGS)):
        if heading.decomposed:
            continue
        text = _WS.sub("", heading.get_text("")).casefold()
        box = heading.parent
        if not text or text in kept or box is None or box is root or box.name in ("main", "article", "body"):
            continue
        lines = [t for t in box.find_all(_LEAF_BLOCKS) if t is not heading and t.find(_BLOCK_INSIDE) is None
                 and t.find_parent("table") is None and t.get_text(strip=True)]
        if any(_is_prose(" ".join(t.get_text(" ").split())) for t in lines):
            continue
        for t in lines:
            if not t.decomposed:
                t.decompose()
                removed += 1
    return removed


def _main_root(soup, kept: str | None):
    """The element holding the page's text: ``<main>``, else its longest ``<article>``,
    else ``<body>`` - the first of them that holds most of trafilatura's main text
    (``kept``), when there is one. A page may mark a teaser card as ``<article>`` (a
    "Related Articles" list) and leave its own text outside any: the text decides."""
    articles = sorted(soup.find_all("article"), key=lambda a: len(a.get_text("")), reverse=True)
    candidates = [c for c in (soup.find("main"), *articles[:1], soup.body) if c is not None]
    if kept is None:
        return candidates[0] if candidates else soup
    for c in candidates:
        if _covers(_WS.sub("", c.get_text("")).casefold(), kept):
            return c
    return soup.body or soup


def _holder(root, kept: str | None):
    """The deepest element under ``root`` whose text holds most of ``kept`` (``root`` itself
    when no child does, or when there is no ``kept``)."""
    node = root
    while kept is not None:
        inner = next((c for c in node.find_all(True, recursive=False)
                      if _covers(_WS.sub("", c.get_text("")).casefold(), kept)), None)
        if inner is None:
            return node
        node = inner
    return node


def _covers(text: str, kept: str, piece: int = 40) -> bool:
    """True when most pieces of ``kept`` (every ``piece`` characters; those with a table's
    "|" left out: trafilatura writes cells its own way) occur in ``text``."""
    pieces = [kept[i:i + piece] for i in range(0, max(len(kept) - piece, 1), piece)]
    pieces = [p for p in pieces if "|" not in p] or pieces
    return sum(p in text for p in pieces) >= 0.8 * len(pieces)


def _is_prose(text: str) -> bool:
    """A sentence, not a data value: several words ending in sentence punctuation."""
    return len(text.split()) >= 8 and text.rstrip("\"'\u201d\u2019)").endswith((".", "!", "?"))


_START_PAGE = re.compile(r"\s*Start Printed Page (\d{1,6})\s*", re.I)


def _mark_page_starts(root) -> None:
    """Replace each printed-page marker ("Start Printed Page 11112", as federalregister.gov
    sets one inline where a printed page starts) - the outermost element holding only
    that text - by a :data:`PAGE_MARK`."""
    for node in list(root.find_all(string=_START_PAGE)):
        m = _START_PAGE.fullmatch(str(node))
        if not m or node.parent is None:
            continue
        el = node.parent
        while el.parent is not None and el.parent is not root and _START_PAGE.fullmatch(el.parent.get_text("")):
            el = el.parent
        el.replace_with(f" {PAGE_MARK.format(m.group(1))} ")


def _mark_footnote_refs(root) -> None:
    """A footnote reference (a superscript link to a note on the same page, "50 percent<sup>
    <a href="#fn1">1</a></sup>") written as "[1]", so its number does not run into the
    word or figure before it ("50 percent1", "in 2019.3")."""
    for sup in root.find_all("sup"):
        link = sup.find("a", href=True)
        text = sup.get_text("", strip=True)
        if link is not None and str(link["href"]).startswith("#") and 0 < len(text) <= 4:
            sup.replace_with(f"[{text.strip('[]()')}]")


def _definition_lists(root, soup) -> None:
    """A definition list as one line per term and definition ("Effective date: August 1,
    2024"), as a reader pairs them; a definition holding blocks of its own (several
    paragraphs, a list) stays a block under its term."""
    for dl in reversed(root.find_all("dl")):
        term = ""
        for child in dl.find_all(["dt", "dd"]):
            if child.find_parent("dl") is not dl:
                continue
            if child.name == "dt":
                term = _cell_text(child)
            elif term and child.find(["p", "div", "ul", "ol", "table", "dl"]) is None:
                line = soup.new_tag("div")
                line.string = f"{term.rstrip(':')}: {_cell_text(child)}"
                child.replace_with(line)
        for dt in dl.find_all("dt"):
            if dt.find_parent("dl") is dl and dt.find_next_sibling() is not None and dt.find_next_sibling().name == "div":
                dt.decompose()


def decode_html(raw: bytes) -> tuple[str, str]:
    """Decode an HTML file; returns ``(text, encoding)``.

    A byte-order mark, UTF-16 or valid UTF-8 wins (:func:`~ingest.formats.text.decode_bytes`);
    otherwise the charset the page declares (``<meta charset>``, ``http-equiv``, XML
    declaration), read as browsers read it (ISO-8859-1 as windows-1252); only a page
    declaring nothing usable is left to detection, which can mistake a short Western
    page for Central European (``ministère`` as ``ministčre``)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")) or b"\x00" in raw[:8192]:
        return decode_bytes(raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return decode_bytes(raw)
    from bs4.dammit import EncodingDetector

    label = EncodingDetector.find_declared_encoding(raw, is_html=True)
    if label:
        try:
            name = codecs.lookup(label.strip()).name
        except LookupError:
            log.info("unknown declared charset %r; detecting the encoding", label)
        else:
            enc = _WHATWG_SUPERSETS.get(name, name)
            if enc not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):  # declared UTF-8 that is not: detect
                return raw.decode(enc, errors="replace"), enc
    return decode_bytes(raw)


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
    kept = main_text(html)
    root = _main_root(soup, kept)
    # Measured against the element the markup points at (<main>, <article>); on a page
    # that marks none, against the smallest element holding trafilatura's text (the
    # whole <body> holds the menus and footers as well).
    ours = len(_WS.sub("", (root if root.name in ("main", "article") else _holder(root, kept)).get_text("")))
    if kept is not None and len(kept) < MAIN_TEXT_MIN_SHARE * ours:
        # trafilatura kept little of a page whose markup points at its text (a short page,
        # notes in a list after paragraphs it took for links): it misread it; keep all.
        log.debug("%s: trafilatura kept %d of %d characters; no pruning", source, len(kept), ours)
        kept = None
    if kept is not None:
        removed = _prune_boilerplate(root, kept)
        if removed:
            log.debug("%s: %d boilerplate block(s) left out (not in the page's main text)", source, removed)
    _mark_page_starts(root)
    _mark_footnote_refs(root)
    _flatten_tables(root, soup)
    _definition_lists(root, soup)
    # White space in the page's source (hard-wrapped HTML) is a space, as a browser shows
    # it; only <pre> keeps its line breaks. Blocks are paragraphs, <br> a line break.
    for pre in root.find_all("pre"):
        for node in pre.find_all(string=True):
            node.replace_with(node.replace("\r\n", "\n").replace("\n", _LINE_BREAK))
    for tag in root.find_all("br"):
        tag.replace_with(_LINE_BREAK)
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before(_PARAGRAPH_BREAK)
        tag.insert_after(_PARAGRAPH_BREAK)
    raw_text = root.get_text("")
    paras = []
    for block in raw_text.split(_PARAGRAPH_BREAK):
        lines = [_WS.sub(" ", ln).strip() for ln in block.split(_LINE_BREAK)]
        paras.append("\n".join(ln for ln in lines if ln))
    body = "\n\n".join(p for p in paras if p)
    # Printed page markers: citations carry the printed page. federalregister.gov's inline
    # "Start Printed Page 11112" goes (on screen only); GPO's "[[Page 11112]]" lines in <pre>
    # go where a sentence runs on across them and stay between paragraphs (see take_page_marks).
    body, pages, page_numbers = take_page_marks(body)
    if not pages:
        body, pages, page_numbers = take_page_marks(mark_gpo_pages(body), gpo_page_line)
    if not title:
        h1 = soup.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else first_line(body)
    return Document(source=source, body=body, title=title, publisher=publisher, date=date, url=url,
                    doc_type=infer_doc_type(title, publisher, "html"), pages=pages, page_numbers=page_numbers)
