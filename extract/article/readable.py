"""readability-lxml's reading of a page, as paragraphs: the second opinion on a generic body."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement
from readability import Document

from extract.article.text import BLOCK_TAGS, collapse


def read_readable(tree: HtmlElement) -> str:
    """Return readability's article text of ``tree``, one block per line ("" when it finds none).

    readability changes the tree it reads (it drops and re-parents nodes): pass a tree nothing
    else reads afterwards.
    """
    try:
        summary = Document(tree).summary(html_partial=True)
    except (etree.ParserError, ValueError, TypeError):  # an empty or degenerate document
        return ""
    try:
        fragment = etree.fromstring(summary, etree.HTMLParser())
    except (etree.ParserError, ValueError):
        return ""
    if fragment is None:
        return ""
    for element in fragment.iter():
        if element.tag in BLOCK_TAGS or element.tag == "br":
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    text = "".join(fragment.itertext())
    return "\n".join(line for line in (collapse(part) for part in text.split("\n")) if line)
