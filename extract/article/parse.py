"""Parse a page once: the tree trafilatura reads, and a copy of it for the reader's own steps.

trafilatura parses the text it is given with its own parser settings and repairs (measured: a tree
from ``lxml.html.document_fromstring`` lost half of one NYT article), so the page is parsed its way
(``trafilatura.load_html``) and that tree is handed to trafilatura, which copies it before reading.
The reader changes its tree (scripts stripped, boxes dropped, readability re-parents nodes), so it
reads a copy: copying a tree costs a third of parsing the markup again.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura import load_html

from extract.article.bounds import bound_html, bound_tree

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ParsedPage:
    """A page parsed once; ``html`` is its markup as read (cut where the bounds cut the tree)."""

    html: str
    # The reader's tree: its steps may change it.
    tree: HtmlElement
    # trafilatura's tree of the same markup, never changed (None where trafilatura would not take the
    # page as a whole document: then it gets ``html``).
    pristine: HtmlElement | None


def parse_page(html: str) -> ParsedPage | None:
    """Parse ``html`` (cut at the bounds of ``extract.article.bounds``); None when it holds no document."""
    html = bound_html(html)
    if not html or not html.strip():
        return None
    pristine = _load(html)
    if pristine is None:
        tree = _parse(html)
        if tree is None:
            return None
        if bound_tree(tree):
            html = lxml.html.tostring(tree, encoding="unicode")  # later steps re-read the cut markup
        return ParsedPage(html, tree, None)
    if bound_tree(pristine):
        html = lxml.html.tostring(pristine, encoding="unicode")
    return ParsedPage(html, copy(pristine), pristine)


def _load(html: str) -> HtmlElement | None:
    """trafilatura's tree of ``html`` when it is a whole document (its root is <html>)."""
    try:
        tree = load_html(html)
    except (etree.ParserError, ValueError, TypeError):
        return None
    if not isinstance(tree, HtmlElement) or tree.tag != "html" or tree.getparent() is not None:
        return None  # a fragment: trafilatura reads it as one element, the reader as a document
    return tree


def _parse(html: str) -> HtmlElement | None:
    # lxml parses control characters but refuses them when a subtree is dropped and texts merge.
    if _CONTROL.search(html):
        html = _CONTROL.sub("", html)
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        # ValueError: a str with an XML encoding declaration; parse it as bytes instead.
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "replace"))
        except (etree.ParserError, ValueError):
            return None
