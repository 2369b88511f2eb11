"""A page's reading cost bound: the text and the elements past it are cut before the expensive steps.

trafilatura, readability and the board reader cost time and memory in proportion to the page
(a 9 MB single-line page took 9.3 s and 368 MB). An article is far shorter than these bounds,
so a page past them is a dump, a log or an attack: its first part is read, the rest is not.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

# Characters of markup parsed at all (the crawl's page limit is 10 MB): a cut inside a tag is
# harmless, lxml closes whatever is open.
MAX_HTML_CHARS = 2_000_000
# Visible text characters read: a long Korean press release is about 10,000; a board page with
# comments under 100,000.
MAX_TEXT_CHARS = 100_000
# Elements read: a long board page has a few thousand.
MAX_ELEMENTS = 30_000
# Their text is not read (the reader strips them), so it does not count: a big inline script
# before the article must not push the article past the bound.
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
# What bound_tree counts, bounded from above by libxml2 without a walk in Python: every text of the
# document and every node that is not text (a predicate such as //node()[not(self::text())] costs
# ten times these two counts).
_ALL_TEXT_CHARS = etree.XPath("string-length(string(/))")
_ALL_NODES = etree.XPath("count(//node()) - count(//text())")


def bound_html(html: str) -> str:
    """The markup cut at MAX_HTML_CHARS."""
    return html if len(html) <= MAX_HTML_CHARS else html[:MAX_HTML_CHARS]


def bound_tree(tree: HtmlElement, max_chars: int = MAX_TEXT_CHARS, max_elements: int = MAX_ELEMENTS) -> bool:
    """Cut the tree after max_chars of text or max_elements elements, in document order.

    Returns whether anything was cut.
    """
    if _ALL_NODES(tree) <= max_elements and _visible_chars_at_most(tree) <= max_chars:
        return False  # the common case: nothing to count
    chars = 0
    for count, element in enumerate(tree.iter()):
        invisible = element.tag in _INVISIBLE or not isinstance(element.tag, str)
        for attr in ("tail",) if invisible else ("text", "tail"):
            text = getattr(element, attr)
            if not isinstance(text, str) or not text:
                continue
            if chars + len(text) > max_chars:
                setattr(element, attr, text[: max_chars - chars])
                _drop_following(element, keep_tail=attr == "tail")
                return True
            chars += len(text)
        if count >= max_elements:
            _drop_following(element, keep_tail=True)
            return True
    return False


def _visible_chars_at_most(tree: HtmlElement) -> int:
    """An upper bound of the text bound_tree counts: all text but the invisible elements' own."""
    invisible = sum(len(el.text or "") for el in tree.iter(*_INVISIBLE))
    return int(_ALL_TEXT_CHARS(tree)) - invisible


def _drop_following(element: HtmlElement, *, keep_tail: bool) -> None:
    """Remove what follows the cut: the element's subtree and tail when its text was cut, then
    every later sibling of it and of its ancestors, and the ancestors' tails."""
    if not keep_tail:
        del element[:]
        element.tail = None
    node = element
    parent = node.getparent()
    while parent is not None:
        del parent[parent.index(node) + 1 :]
        if parent.getparent() is not None:
            parent.tail = None
        node, parent = parent, parent.getparent()
