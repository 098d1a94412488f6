"""A saved web page: the article's text without the page around it (menus,
sidebars, share links, footers, scripts), and the title, address and date the
page gives of itself.

trafilatura finds the article (README: why this library). Its precision mode
is used: a page that is only a list of links then gives no article, and no
headline of the list is read as a figure. Dates come from the page's markup
(meta tags, <time>, the address) and, failing that, from a dateline in the
page (发布时间：2025年1月20日); never from figures in the text, which would date
a report by the years it mentions.

Older sites lay the page out in tables, the article in one cell: such a table
is made plain blocks first, or its paragraphs would run together as one row.
A table of figures (| 收到提案 | 412件 |) stays a table.
"""

from __future__ import annotations

import logging
from datetime import date

import regex

from ..errors import InputError
from ..io import decode
from ..models import Source
from .common import Extracted, join_paragraphs

# A table cell holding more text than this (its own, not a nested table's) is page layout.
LAYOUT_CELL_CHARS = 150
TABLE_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th")
DATELINE = regex.compile(r"(?:发布时间|发布日期|发表时间|日期|时间)[：:]\s*(20\d{2})[-年./](\d{1,2})[-月./](\d{1,2})")
# trafilatura logs what it discards; the document's notes say what matters.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def _own_chars(cell) -> int:
    return len(cell.text_content()) - sum(len(table.text_content()) for table in cell.iterdescendants("table"))


def _unwrap_layout_tables(tree) -> int:
    """Make every layout table plain blocks (a table of figures inside one stays);
    returns how many there were."""
    layout = [table for table in tree.iter("table")
              if any(_own_chars(cell) > LAYOUT_CELL_CHARS for cell in table.iter("td", "th"))]
    # Each table's own rows and cells, found before any is renamed.
    parts = [part for table in layout for part in table.iterdescendants(*TABLE_PARTS)
             if next(part.iterancestors("table")) is table]
    for part in layout + parts:
        part.tag = "div"
    return len(layout)


def _dateline(visible: str) -> date | None:
    found = DATELINE.search(visible)
    if found is None:
        return None
    try:
        return date(*map(int, found.groups()))
    except ValueError:
        return None


def _published(found: str | None, visible: str) -> date | None:
    if found:
        try:
            return date.fromisoformat(found[:10])
        except ValueError:
            pass
    return _dateline(visible)


def read(path: str, data: bytes) -> Extracted:
    import trafilatura

    page, encoding, notes = decode(data, path)
    tree = trafilatura.load_html(page)
    if tree is None:
        raise InputError(path, "not an HTML page that can be parsed; save the page again, or as .txt")
    visible = tree.text_content()
    if _unwrap_layout_tables(tree):
        notes += ("page laid out in tables: read as plain blocks",)
    doc = trafilatura.bare_extraction(
        tree, output_format="python", with_metadata=True, include_tables=True, include_comments=False,
        favor_precision=True, date_extraction_params={"extensive_search": False, "original_date": True})
    lines = [line.strip() for line in (doc.text or "").split("\n")] if doc is not None else []
    text = join_paragraphs([line for line in lines if line])
    if text:
        notes += (f"article text read from the HTML page ({len(text)} characters; "
                  "menus, sidebars, share links and footers left out)",)
    else:
        notes += ("no article text found in the HTML page (a list of links or an index page?): nothing "
                  "to extract",)
    url = doc.url if doc is not None and (doc.url or "").startswith(("http://", "https://")) else None
    source = Source(url=url, title=(doc.title or None) if doc is not None else None,
                    published=_published(doc.date if doc is not None else None, visible))
    return Extracted(text=text, encoding=encoding, notes=notes,
                     source=source if source != Source() else None)
